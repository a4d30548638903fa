//! A codespell dictionary: one `wrong->right` a line.
//!
//! `wrong->a, b,` (several corrections) and `wrong->right, reason` (automatic fix disabled)
//! become fixes to review, the first correction suggested, the reason kept as the note.

use super::{Entry, GlossaryError, Swap, entries_from_swaps};

/// The first line that is not blank or a comment holds `->`.
pub(super) fn looks_like(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l.contains("->"))
}

pub(super) fn parse(name: &str, text: &str) -> Result<Vec<Entry>, GlossaryError> {
    let mut swaps = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_number = i + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let error = |message: String| GlossaryError {
            file: name.to_string(),
            line: line_number,
            message,
        };
        let Some((wrong, right)) = line.split_once("->") else {
            return Err(error(format!("expected `wrong->right`, found `{line}`")));
        };
        let wrong = wrong.trim();
        let (right, suggest, note) = if let Some(list) = right.trim().strip_suffix(',') {
            (list.split(',').next().unwrap_or(""), true, None)
        } else if let Some((right, reason)) = right.split_once(',') {
            (right, true, Some(reason.trim().to_string()))
        } else {
            (right, false, None)
        };
        let right = right.trim();
        if wrong.is_empty() || right.is_empty() {
            return Err(error(format!("expected `wrong->right`, found `{line}`")));
        }
        swaps.push(Swap {
            wrong: wrong.to_string(),
            right: right.to_string(),
            line: line_number,
            suggest,
            note,
        });
    }
    Ok(entries_from_swaps(name, swaps))
}
