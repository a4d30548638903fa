//! A typos config (`_typos.toml`): `[default.extend-words]` and
//! `[default.extend-identifiers]` map a wrong word to its correction; `word = "word"` marks a
//! word correct, which becomes an entry with no variants (and so overrides an earlier
//! glossary that lists it as wrong).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Entry, GlossaryError, Lines, Swap, entries_from_swaps, line_of_text};

#[derive(Deserialize)]
struct Config {
    #[serde(default)]
    default: Section,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
struct Section {
    #[serde(default)]
    extend_words: BTreeMap<String, String>,
    #[serde(default)]
    extend_identifiers: BTreeMap<String, String>,
}

/// Named like a typos config, or holding its tables.
pub(super) fn looks_like(file_name: &str, text: &str) -> bool {
    matches!(file_name, "_typos.toml" | ".typos.toml" | "typos.toml")
        || text.contains("[default.extend-words]")
        || text.contains("[default.extend-identifiers]")
}

pub(super) fn parse(name: &str, text: &str) -> Result<Vec<Entry>, GlossaryError> {
    let lines = Lines::new(text);
    let config: Config = toml::from_str(text).map_err(|e| GlossaryError {
        file: name.to_string(),
        line: e.span().map_or(0, |s| lines.line_of(s.start)),
        message: e.message().trim().to_string(),
    })?;
    let section = config.default;
    let mut swaps = Vec::new();
    for (table, words) in [
        ("[default.extend-words]", section.extend_words),
        ("[default.extend-identifiers]", section.extend_identifiers),
    ] {
        let start = line_of_text(text, &lines, table, 1);
        for (wrong, right) in words {
            let line = line_of_text(text, &lines, &wrong, start);
            if right.trim().is_empty() {
                return Err(GlossaryError {
                    file: name.to_string(),
                    line,
                    message: format!("`{wrong}` has no correction"),
                });
            }
            swaps.push(Swap {
                wrong,
                right,
                line,
                suggest: false,
                note: None,
            });
        }
    }
    swaps.sort_by_key(|s| s.line);
    Ok(entries_from_swaps(name, swaps))
}
