//! A Vale `substitution` rule: each key of `swap:` is a wrong form, its value the right one.
//!
//! Keys are regular expressions in Vale; termlint takes literal ones (escaped punctuation such
//! as `U\.S\.` is unescaped) and refuses the rest by line, rather than guess what they match.
//! `level` gives the severity, `ignorecase: true` the case rule, and a value with several
//! `|`-separated suggestions becomes a fix to review.

use serde::Deserialize;
use serde_norway::Value;

use super::{
    Entry, GlossaryError, Lines, Severity, Swap, entries_from_swaps, from_yaml, line_of_text,
};
use crate::text::casing::CaseRule;

#[derive(Deserialize)]
struct Rule {
    extends: Option<String>,
    level: Option<String>,
    #[serde(default)]
    ignorecase: bool,
    swap: Option<serde_norway::Mapping>,
}

pub(super) fn parse(name: &str, text: &str) -> Result<Vec<Entry>, GlossaryError> {
    let error = |line: usize, message: String| GlossaryError {
        file: name.to_string(),
        line,
        message,
    };
    let lines = Lines::new(text);
    let rule: Rule = from_yaml(name, text, "YAML")?;
    if let Some(extends) = &rule.extends
        && extends != "substitution"
    {
        return Err(error(
            line_of_text(text, &lines, "extends", 1),
            format!("a Vale `{extends}` rule: only `substitution` rules list wrong forms"),
        ));
    }
    let Some(swap) = rule.swap else {
        return Err(error(
            0,
            "no `swap:` map: not a Vale substitution rule (or a prh dictionary without `rules:`)"
                .to_string(),
        ));
    };
    let severity = match rule.level.as_deref() {
        None | Some("warning") => Severity::Warning,
        Some("error") => Severity::Error,
        Some("suggestion") => Severity::Info,
        Some(other) => {
            return Err(error(
                line_of_text(text, &lines, "level", 1),
                format!("invalid level `{other}`; expected suggestion, warning or error"),
            ));
        }
    };
    let swap_line = line_of_text(text, &lines, "swap:", 1);
    let mut swaps = Vec::new();
    for (key, value) in &swap {
        let key = scalar(key);
        let line = line_of_text(text, &lines, &key, swap_line);
        let value = scalar(value);
        let wrong = literal(&key).ok_or_else(|| {
            error(
                line,
                format!("`{key}` is a regular expression; termlint takes literal forms only"),
            )
        })?;
        let rights: Vec<&str> = value
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let Some(right) = rights.first() else {
            return Err(error(line, format!("`{key}` has no replacement")));
        };
        swaps.push(Swap {
            wrong,
            right: right.to_string(),
            line,
            suggest: rights.len() > 1,
            note: None,
        });
    }
    let mut entries = entries_from_swaps(name, swaps);
    for entry in &mut entries {
        entry.severity = severity;
        entry.given.severity = rule.level.is_some();
        if rule.ignorecase {
            entry.case = CaseRule::Ignore;
            entry.given.case = true;
        }
    }
    Ok(entries)
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => format!("{other:?}"),
    }
}

/// The literal text a regular expression matches, if it is one: escaped punctuation is
/// unescaped, a `.` is taken as itself, any other operator makes it a pattern.
pub(super) fn literal(pattern: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(e) if e.is_ascii_punctuation() || e == ' ' => out.push(e),
                _ => return None,
            },
            '(' | ')' | '[' | ']' | '?' | '*' | '+' | '{' | '}' | '|' | '^' | '$' => return None,
            c => out.push(c),
        }
    }
    let out = out.trim().to_string();
    (!out.is_empty()).then_some(out)
}
