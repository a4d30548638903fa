//! Glossaries: the correct terms of a domain and the wrong renderings to catch.
//!
//! Two formats load into the same [`Glossary`]: the native TOML format (every option) and a
//! tabular `.tsv`/`.csv` interchange format. Every entry remembers the file and line it came
//! from, so findings and errors can point at it.

mod tabular;
mod toml_format;
mod validate;

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::casing::CaseRule;

/// What sort of thing an entry names; near-miss detection and defaults depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A person's name.
    Name,
    /// An institution or organisation.
    Org,
    /// A chemical or drug name.
    Chem,
    /// A domain term.
    #[default]
    Term,
    /// A fixed expression.
    Phrase,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Name => "name",
            Kind::Org => "org",
            Kind::Chem => "chem",
            Kind::Term => "term",
            Kind::Phrase => "phrase",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        [Kind::Name, Kind::Org, Kind::Chem, Kind::Term, Kind::Phrase]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// How serious a finding is; `--fail-level` compares against it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Deserialize, Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    #[default]
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Whether an entry's correction may be applied without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixMode {
    #[default]
    Safe,
    Suggest,
}

/// Where an entry was defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One concept: its correct form and what is known about its wrong renderings.
#[derive(Debug, Clone)]
pub struct Entry {
    pub term: String,
    pub variants: Vec<String>,
    pub kind: Kind,
    pub case: CaseRule,
    /// Cue words: a variant counts only when one of them is near (same or previous sentence).
    pub context: Vec<String>,
    /// Phrases that veto a match when an occurrence overlaps it.
    pub unless: Vec<String>,
    pub severity: Severity,
    pub fix: FixMode,
    pub note: Option<String>,
    /// Source-language forms of the term (bilingual glossaries): a source segment holding one
    /// calls for the term in its target segment.
    pub source: Vec<String>,
    pub origin: Origin,
}

impl Entry {
    /// A bare entry: just a term, with defaults for everything else.
    pub fn new(term: impl Into<String>, origin: Origin) -> Entry {
        Entry {
            term: term.into(),
            variants: Vec::new(),
            kind: Kind::default(),
            case: CaseRule::default(),
            context: Vec::new(),
            unless: Vec::new(),
            severity: Severity::default(),
            fix: FixMode::default(),
            note: None,
            source: Vec::new(),
            origin,
        }
    }
}

/// All entries of one or more glossary files, validated together.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    pub entries: Vec<Entry>,
}

/// A glossary problem, located at a file and line (0 when it concerns the whole file).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct GlossaryError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for GlossaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.file, self.message),
            line => write!(f, "{}:{line}: {}", self.file, self.message),
        }
    }
}

impl GlossaryError {
    fn at(origin: &Origin, message: impl Into<String>) -> GlossaryError {
        GlossaryError {
            file: origin.file.clone(),
            line: origin.line,
            message: message.into(),
        }
    }
}

impl Glossary {
    /// Loads and validates several glossary files as one glossary.
    pub fn load(paths: &[impl AsRef<Path>]) -> Result<Glossary, GlossaryError> {
        let mut entries = Vec::new();
        for path in paths {
            entries.extend(load_file(path.as_ref())?);
        }
        Glossary::from_entries(entries)
    }

    /// Parses one glossary from text; the format comes from the file name's extension.
    pub fn parse(name: &str, text: &str) -> Result<Glossary, GlossaryError> {
        Glossary::from_entries(parse_entries(name, text)?)
    }

    pub fn from_entries(entries: Vec<Entry>) -> Result<Glossary, GlossaryError> {
        validate::check(&entries)?;
        Ok(Glossary { entries })
    }
}

fn load_file(path: &Path) -> Result<Vec<Entry>, GlossaryError> {
    let name = path.display().to_string();
    let error = |message: String| GlossaryError {
        file: name.clone(),
        line: 0,
        message,
    };
    let bytes = std::fs::read(path).map_err(|e| error(format!("cannot read glossary: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        GlossaryError {
            file: name.clone(),
            line,
            message: format!("invalid UTF-8 at byte offset {offset}"),
        }
    })?;
    parse_entries(&name, &text)
}

fn parse_entries(name: &str, text: &str) -> Result<Vec<Entry>, GlossaryError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let extension = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let entries = match extension.as_deref() {
        Some("toml") => toml_format::parse(name, text),
        Some("tsv") | Some("tab") => tabular::parse(name, text, b'\t'),
        Some("csv") => tabular::parse(name, text, b','),
        _ => Err(GlossaryError {
            file: name.to_string(),
            line: 0,
            message: "unknown glossary format: use a .toml, .tsv or .csv file".to_string(),
        }),
    }?;
    // A glossary that checks nothing would pass every text: a wrong path or an unfinished
    // file must not look like a clean run.
    if entries.is_empty() {
        return Err(GlossaryError {
            file: name.to_string(),
            line: 0,
            message: "the glossary holds no entries".to_string(),
        });
    }
    Ok(entries)
}

/// The line starts of a text, found once, so that the line of each of many offsets is a
/// binary search instead of a count from the start of the file.
struct Lines {
    /// Byte offsets of the text's newlines, in order.
    newlines: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Lines {
        Lines {
            newlines: text
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        }
    }

    /// 1-based line of a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        1 + self.newlines.partition_point(|&n| n < offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_glossary_without_entries() {
        for (name, text) in [
            ("g.toml", ""),
            ("g.toml", "# nothing yet\n\n"),
            ("g.toml", "name = \"drugs\"\ndescription = \"to do\"\n"),
            ("g.tsv", ""),
            ("g.tsv", "# comments only\n# more\n"),
            ("g.tsv", "term\tvariants\n"),
            ("g.tsv", "\u{feff}term\tvariants\n# no rows\n"),
            ("g.csv", ""),
            ("g.csv", "term,variants,note\n"),
        ] {
            let err = Glossary::parse(name, text).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("{name}: the glossary holds no entries"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_glossary_with_one_entry_loads() {
        assert_eq!(
            Glossary::parse("g.tsv", "term\nBiden\n")
                .unwrap()
                .entries
                .len(),
            1
        );
        let g = Glossary::parse("g.toml", "[[entry]]\nterm = \"Biden\"\n").unwrap();
        assert_eq!(g.entries.len(), 1);
    }

    #[test]
    fn lines_count_newlines_before_an_offset() {
        let text = "a\nbb\n\nccc\n";
        let lines = Lines::new(text);
        for offset in 0..=text.len() + 2 {
            let counted = 1 + text.as_bytes()[..offset.min(text.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            assert_eq!(lines.line_of(offset), counted, "offset {offset}");
        }
    }

    #[test]
    fn toml_entries_far_down_a_long_file_keep_their_lines() {
        let text: String = (0..500)
            .map(|i| format!("[[entry]]\nterm = \"t{i}\"\nvariants = [\"v{i}\"]\n\n"))
            .collect();
        let g = Glossary::parse("g.toml", &text).unwrap();
        for (i, e) in g.entries.iter().enumerate() {
            assert_eq!(e.origin.line, 1 + 4 * i);
        }
    }
}
