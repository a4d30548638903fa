//! A textlint `prh` dictionary: `rules:` whose `expected` is the right form and whose
//! `pattern`/`patterns` are wrong ones.
//!
//! Regular-expression patterns (`/.../`) are refused by line. A pattern that differs from
//! `expected` only in case is a capitalisation rule, which termlint does not check (its case
//! rules copy the text's case onto corrections): such patterns are left out, as
//! docs/glossaries.md says.

use serde::Deserialize;

use super::{Entry, GlossaryError, Lines, Swap, entries_from_swaps, from_yaml, line_of_text};

#[derive(Deserialize)]
struct Dictionary {
    rules: Vec<Rule>,
}

#[derive(Deserialize)]
struct Rule {
    expected: String,
    #[serde(default)]
    pattern: Option<OneOrMany>,
    #[serde(default)]
    patterns: Option<OneOrMany>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// A YAML file with a top-level `rules:` key.
pub(super) fn looks_like(text: &str) -> bool {
    text.lines().any(|l| l.trim_end() == "rules:")
}

pub(super) fn parse(name: &str, text: &str) -> Result<Vec<Entry>, GlossaryError> {
    let error = |line: usize, message: String| GlossaryError {
        file: name.to_string(),
        line,
        message,
    };
    let lines = Lines::new(text);
    let dictionary: Dictionary = from_yaml(name, text, "prh dictionary")?;
    let mut swaps = Vec::new();
    let mut from = 1;
    for rule in dictionary.rules {
        let line = line_of_text(text, &lines, &format!("expected: {}", rule.expected), from);
        from = line;
        let patterns: Vec<String> = rule
            .pattern
            .into_iter()
            .chain(rule.patterns)
            .flat_map(OneOrMany::into_vec)
            .collect();
        // A rule without patterns only says `expected` is correct.
        swaps.push(Swap {
            wrong: rule.expected.clone(),
            right: rule.expected.clone(),
            line,
            suggest: false,
            note: None,
        });
        for pattern in patterns {
            if pattern.len() > 1 && pattern.starts_with('/') {
                return Err(error(
                    line_of_text(text, &lines, &pattern, line),
                    format!(
                        "`{pattern}` is a regular expression; termlint takes literal forms only"
                    ),
                ));
            }
            if pattern.to_lowercase() == rule.expected.to_lowercase() {
                continue;
            }
            swaps.push(Swap {
                wrong: pattern,
                right: rule.expected.clone(),
                line,
                suggest: false,
                note: None,
            });
        }
    }
    Ok(entries_from_swaps(name, swaps))
}
