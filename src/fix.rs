//! Applying fixes to a text: the one function behind `--diff`, `fix --write` and review.

use crate::finding::Fix;

/// The result of applying fixes to a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub output: String,
    /// Indices (into the input order) of the fixes that were applied.
    pub applied: Vec<usize>,
    /// Indices of fixes skipped because they overlapped one applied before them.
    pub skipped: Vec<usize>,
}

/// Applies fixes in order of position. A fix whose edits overlap an edit already applied (or
/// each other), or fall outside the text or inside a character, is skipped whole, so two
/// fixes for the same words are never both applied. Text between edits is copied byte for byte.
pub fn apply<'a>(content: &str, fixes: impl IntoIterator<Item = &'a Fix>) -> Applied {
    let mut order: Vec<(usize, &Fix)> = fixes.into_iter().enumerate().collect();
    order.sort_by_key(|(i, f)| (f.edits.iter().map(|e| e.span.start).min(), *i));
    let mut edits = Vec::new();
    let mut applied = Vec::new();
    let mut skipped = Vec::new();
    for (index, fix) in order {
        // Each edit is checked against those taken before it, the fix's own included.
        let taken = edits.len();
        let clashes = fix.edits.iter().any(|e| {
            let clash = !content.is_char_boundary(e.span.start)
                || !content.is_char_boundary(e.span.end)
                || edits.iter().any(|(s, _): &(crate::span::Span, &str)| {
                    s.overlaps(e.span) || (s.is_empty() && s.start == e.span.start)
                });
            edits.push((e.span, e.content.as_str()));
            clash
        });
        if clashes {
            edits.truncate(taken);
            skipped.push(index);
            continue;
        }
        applied.push(index);
    }
    edits.sort_by_key(|(span, _)| (span.start, span.end));
    let mut output = String::with_capacity(content.len());
    let mut at = 0;
    for (span, replacement) in edits {
        output.push_str(&content[at..span.start]);
        output.push_str(replacement);
        at = span.end;
    }
    output.push_str(&content[at..]);
    applied.sort_unstable();
    skipped.sort_unstable();
    Applied {
        output,
        applied,
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Applicability, Edit};
    use crate::span::Span;

    fn fix(start: usize, end: usize, content: &str) -> Fix {
        Fix {
            edits: vec![Edit {
                span: Span::new(start, end),
                content: content.to_string(),
            }],
            applicability: Applicability::Safe,
        }
    }

    #[test]
    fn applies_in_position_order_and_keeps_other_bytes() {
        let fixes = [fix(10, 15, "Biden"), fix(0, 3, "The")];
        let applied = apply("the \r\nold Byton\u{feff}!", &fixes);
        assert_eq!(applied.output, "The \r\nold Biden\u{feff}!");
        assert_eq!(applied.applied, [0, 1]);
    }

    #[test]
    fn skips_overlapping_fixes() {
        let fixes = [fix(0, 7, "Liu"), fix(4, 7, "X")];
        let applied = apply("Liu Liu said", &fixes);
        assert_eq!(applied.output, "Liu said");
        assert_eq!(applied.skipped, [1]);
    }

    /// Found by the `fix_apply` fuzz target: two edits of one fix over the same bytes were
    /// both applied, and copying the text between them panicked (`begin > end`).
    #[test]
    fn a_fix_whose_own_edits_overlap_is_skipped_not_a_panic() {
        let edit = |start, end| Edit {
            span: Span::new(start, end),
            content: String::new(),
        };
        let twice = Fix {
            edits: vec![edit(0, 3), edit(0, 3)],
            applicability: Applicability::Safe,
        };
        let applied = apply("?;;", [&twice, &fix(1, 2, "x")]);
        assert_eq!(applied.output, "?x;");
        assert_eq!((applied.applied, applied.skipped), (vec![1], vec![0]));
    }

    /// Found by the `fix_apply` fuzz target: an edit starting inside a character panicked
    /// when the text was sliced there.
    #[test]
    fn an_edit_inside_a_character_is_skipped_not_a_panic() {
        let applied = apply(";\u{6b6}", [&fix(2, 3, "x"), &fix(0, 1, ",")]);
        assert_eq!(applied.output, ",\u{6b6}");
        assert_eq!((applied.applied, applied.skipped), (vec![1], vec![0]));
    }

    #[test]
    fn rejects_edits_past_the_end() {
        let applied = apply("short", &[fix(2, 99, "x")]);
        assert_eq!(applied.output, "short");
        assert_eq!(applied.skipped, [0]);
    }
}
