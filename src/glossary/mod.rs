//! Glossaries: the correct terms of a domain and the wrong renderings to catch.
//!
//! Every format loads into the same [`Glossary`]: the native TOML format (every option), a
//! tabular `.tsv`/`.csv` interchange format, and the lists users already keep elsewhere (TBX,
//! Vale `substitution` rules, textlint `prh` dictionaries, codespell and typos word lists; see
//! [`Format`]). Every entry remembers the file and line it came from, so findings and errors
//! can point at it. Several files are layered: later ones refine earlier ones (see [`Override`]).

mod layers;
mod prh;
mod tabular;
pub mod tbx;
mod toml_format;
mod typos;
mod vale;
mod validate;
mod wordlist;

pub use layers::{Override, Source};

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::text::casing::CaseRule;

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
    /// Other correct forms ("HKMA" beside "Hong Kong Monetary Authority"): never flagged, and
    /// never a correction.
    pub accepted: Vec<String>,
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
    /// Values a later glossary file added or changed, with where; the rest come from `origin`.
    pub later: Vec<Source>,
    /// Which optional scalar keys the file gave, so a later file that leaves one out does not
    /// reset it to its default.
    pub(crate) given: Given,
}

/// The optional scalar keys an entry's file gave explicitly.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Given {
    pub kind: bool,
    pub case: bool,
    pub severity: bool,
    pub fix: bool,
    pub note: bool,
}

impl Entry {
    /// A bare entry: just a term, with defaults for everything else.
    pub fn new(term: impl Into<String>, origin: Origin) -> Entry {
        Entry {
            term: term.into(),
            variants: Vec::new(),
            accepted: Vec::new(),
            kind: Kind::default(),
            case: CaseRule::default(),
            context: Vec::new(),
            unless: Vec::new(),
            severity: Severity::default(),
            fix: FixMode::default(),
            note: None,
            source: Vec::new(),
            origin,
            later: Vec::new(),
            given: Given::default(),
        }
    }

    /// Whether a file gave this scalar key (`kind`, `case`, `severity`, `fix`, `note`), or it
    /// holds its default.
    pub fn gives(&self, key: &str) -> bool {
        match key {
            "kind" => self.given.kind,
            "case" => self.given.case,
            "severity" => self.given.severity,
            "fix" => self.given.fix,
            "note" => self.given.note,
            _ => true,
        }
    }
}

/// All entries of one or more glossary files, validated together.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    pub entries: Vec<Entry>,
    /// Wrong variants of an earlier file that a later file declared correct, and dropped.
    pub overrides: Vec<Override>,
}

/// A glossary file format. Most are recognised from the file name and content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// termlint's own `[[entry]]` tables.
    Toml,
    /// Tab-separated columns with a header row.
    Tsv,
    /// Comma-separated columns with a header row.
    Csv,
    /// ISO 30042 TermBase eXchange, v2 (`martif`) or v3 (`tbx`, DCA or DCT style).
    Tbx,
    /// A Vale `substitution` rule: `swap:` maps wrong forms to the right one.
    Vale,
    /// A textlint `prh` dictionary: `rules:` of `expected` and `patterns`.
    Prh,
    /// A codespell dictionary: `wrong->right` lines.
    Codespell,
    /// A typos config: `[default.extend-words]` of `wrong = "right"`.
    Typos,
}

impl Format {
    pub const NAMES: [&str; 8] = [
        "toml",
        "tsv",
        "csv",
        "tbx",
        "vale",
        "prh",
        "codespell",
        "typos",
    ];

    pub fn from_name(name: &str) -> Option<Format> {
        use Format::*;
        let all = [Toml, Tsv, Csv, Tbx, Vale, Prh, Codespell, Typos];
        Format::NAMES
            .iter()
            .position(|n| n.eq_ignore_ascii_case(name))
            .map(|i| all[i])
    }

    /// The format of a file, from its name and, where the name leaves it open, its content.
    fn detect(name: &str, text: &str) -> Option<Format> {
        let path = Path::new(name);
        let file_name = path
            .file_name()
            .and_then(|f| f.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("toml") if typos::looks_like(&file_name, text) => Some(Format::Typos),
            Some("toml") => Some(Format::Toml),
            Some("tsv") | Some("tab") => Some(Format::Tsv),
            Some("csv") => Some(Format::Csv),
            Some("tbx") | Some("xml") => Some(Format::Tbx),
            Some("yml") | Some("yaml") if prh::looks_like(text) => Some(Format::Prh),
            Some("yml") | Some("yaml") => Some(Format::Vale),
            _ if wordlist::looks_like(text) => Some(Format::Codespell),
            _ => None,
        }
    }
}

/// How glossary files are read.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Read every file in this format instead of recognising each one.
    pub format: Option<Format>,
    /// The language of the terms to check, for multilingual formats (TBX): `en`, `en-US`.
    pub lang: Option<String>,
    /// The source language (TBX): its terms become the entries' source forms.
    pub source_lang: Option<String>,
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
    /// Loads several glossary files as layers, each validated on its own, later ones refining
    /// earlier ones (see [`Override`]).
    pub fn load(paths: &[impl AsRef<Path>]) -> Result<Glossary, GlossaryError> {
        Glossary::load_with(paths, &LoadOptions::default())
    }

    /// [`Glossary::load`] with a chosen format or language.
    pub fn load_with(
        paths: &[impl AsRef<Path>],
        options: &LoadOptions,
    ) -> Result<Glossary, GlossaryError> {
        let mut files = Vec::new();
        for path in paths {
            let entries = load_file(path.as_ref(), options)?;
            validate::check(&entries)?;
            files.push(entries);
        }
        let layered = files.len() > 1;
        let (entries, overrides) = layers::merge(files)?;
        if layered {
            validate::check(&entries)?;
        }
        Ok(Glossary { entries, overrides })
    }

    /// Parses one glossary from text; the format comes from the file name (and content).
    pub fn parse(name: &str, text: &str) -> Result<Glossary, GlossaryError> {
        Glossary::parse_with(name, text, &LoadOptions::default())
    }

    /// [`Glossary::parse`] with a chosen format or language.
    pub fn parse_with(
        name: &str,
        text: &str,
        options: &LoadOptions,
    ) -> Result<Glossary, GlossaryError> {
        Glossary::from_entries(parse_entries(name, text, options)?)
    }

    pub fn from_entries(entries: Vec<Entry>) -> Result<Glossary, GlossaryError> {
        validate::check(&entries)?;
        Ok(Glossary {
            entries,
            overrides: Vec::new(),
        })
    }
}

fn load_file(path: &Path, options: &LoadOptions) -> Result<Vec<Entry>, GlossaryError> {
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
    parse_entries(&name, &text, options)
}

fn parse_entries(
    name: &str,
    text: &str,
    options: &LoadOptions,
) -> Result<Vec<Entry>, GlossaryError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let format = options.format.or_else(|| Format::detect(name, text));
    let entries = match format {
        Some(Format::Toml) => toml_format::parse(name, text),
        Some(Format::Tsv) => tabular::parse(name, text, b'\t'),
        Some(Format::Csv) => tabular::parse(name, text, b','),
        Some(Format::Tbx) => tbx::parse(
            name,
            text,
            options.lang.as_deref(),
            options.source_lang.as_deref(),
        ),
        Some(Format::Vale) => vale::parse(name, text),
        Some(Format::Prh) => prh::parse(name, text),
        Some(Format::Codespell) => wordlist::parse(name, text),
        Some(Format::Typos) => typos::parse(name, text),
        None => Err(GlossaryError {
            file: name.to_string(),
            line: 0,
            message: "unknown glossary format: use a .toml, .tsv, .csv, .tbx or .yml file, \
                      a codespell list, or choose one with --glossary-format"
                .to_string(),
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

/// A wrong form and its correction, as word lists and style rules give them.
struct Swap {
    wrong: String,
    right: String,
    line: usize,
    /// The list offers several corrections or disables the automatic fix.
    suggest: bool,
    note: Option<String>,
}

/// One entry per correct form, its wrong forms as variants, in the order of the file. A
/// swap whose two sides are the same marks the word correct: an entry with no variants.
fn entries_from_swaps(name: &str, swaps: Vec<Swap>) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut by_term: std::collections::HashMap<String, usize> = Default::default();
    for swap in swaps {
        let index = *by_term.entry(swap.right.clone()).or_insert_with(|| {
            let origin = Origin {
                file: name.to_string(),
                line: swap.line,
            };
            entries.push(Entry::new(swap.right.clone(), origin));
            entries.len() - 1
        });
        let entry = &mut entries[index];
        if swap.suggest {
            entry.fix = FixMode::Suggest;
            entry.given.fix = true;
        }
        if entry.note.is_none() && swap.note.is_some() {
            entry.note = swap.note;
            entry.given.note = true;
        }
        if swap.wrong != swap.right && !entry.variants.contains(&swap.wrong) {
            entry.variants.push(swap.wrong);
        }
    }
    entries
}

/// A YAML word list (prh, Vale) read into `T`; a syntax error names its line and `what` the
/// file was read as.
fn from_yaml<T: serde::de::DeserializeOwned>(
    name: &str,
    text: &str,
    what: &str,
) -> Result<T, GlossaryError> {
    serde_norway::from_str(text).map_err(|e| GlossaryError {
        file: name.to_string(),
        line: e.location().map_or(0, |l| l.line()),
        message: format!("invalid {what}: {e}"),
    })
}

/// 1-based line of the first occurrence of `needle` at or after line `from`, or `from`.
fn line_of_text(text: &str, lines: &Lines, needle: &str, from: usize) -> usize {
    let start = match from {
        0 | 1 => 0,
        n => lines.newlines.get(n - 2).map_or(text.len(), |&i| i + 1),
    };
    text[start..]
        .find(needle)
        .map_or(from, |i| lines.line_of(start + i))
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
