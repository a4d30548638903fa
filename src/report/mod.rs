//! Reporters: one per output format, each writing to any `io::Write` so tests capture output.

mod brief;
mod github;
mod human;
mod json;
mod rdjson;
mod sarif;
mod xml;

use std::io;

use serde::Serialize;

pub use brief::Brief;
pub use github::Github;
pub use human::Human;
pub use json::{Json, JsonLines};
pub use rdjson::{RdJson, RdJsonLines};
pub use sarif::Sarif;
pub use xml::{Checkstyle, Junit};

use crate::check::finding::{Applicability, Finding};
use crate::glossary::Severity;
use crate::text::source::SourceText;

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The line, the span marked, the suggestion and why: for people.
    Human,
    /// One line per finding, `path:line:col: severity[rule] message`: for editors and grep.
    Brief,
    /// One JSON document for the whole run.
    Json,
    /// One JSON object per finding per line: the stable machine contract.
    Jsonl,
    /// SARIF 2.1.0, for GitHub code scanning and other dashboards.
    Sarif,
    /// reviewdog's diagnostic format, one document (`reviewdog -f=rdjson`).
    Rdjson,
    /// reviewdog's diagnostic format, one diagnostic per line (`reviewdog -f=rdjsonl`).
    Rdjsonl,
    /// GitHub Actions workflow commands, which become annotations.
    Github,
    /// Checkstyle XML.
    Checkstyle,
    /// JUnit XML, a failing test case per finding.
    Junit,
}

/// Totals of a run, for the closing line of a report. Inputs that could not be read are
/// `input_errors`, apart from findings of severity error (`by_severity.error`), so that
/// neither can be mistaken for the other.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Texts checked.
    pub files: usize,
    pub findings: usize,
    pub by_severity: BySeverity,
    /// Findings with a safe fix (what `fix --write` applies).
    pub fixable: usize,
    /// Inputs that could not be found or read (reported on their own).
    pub input_errors: usize,
    /// Findings that `termlint:` comments or `[sic]` suppressed (not in `findings`).
    pub suppressed: usize,
    /// With a source: per glossary term, how often the source has it and how often the
    /// target renders it correctly.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub terms: crate::source_aware::TermCounts,
}

/// Findings counted by severity.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BySeverity {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Summary {
    /// Counts the findings of one text.
    pub fn count(&mut self, findings: &[Finding]) {
        self.findings += findings.len();
        for f in findings {
            match f.severity {
                Severity::Error => self.by_severity.error += 1,
                Severity::Warning => self.by_severity.warning += 1,
                Severity::Info => self.by_severity.info += 1,
            }
        }
        self.fixable += findings
            .iter()
            .filter(|f| f.applicability() == Some(Applicability::Safe))
            .count();
    }
}

impl Summary {
    /// Adds the term counts of one text.
    pub fn count_terms(&mut self, terms: &crate::source_aware::TermCounts) {
        for (term, count) in terms {
            let total = self.terms.entry(term.clone()).or_default();
            total.source += count.source;
            total.correct += count.correct;
        }
    }
}

/// `n` and the word for one or for many: "1 fix", "2 fixes".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Receives the findings of each file, then the totals.
pub trait Reporter {
    fn file(&mut self, source: &SourceText, findings: &[Finding]) -> io::Result<()>;
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// A finding as it appears in JSON output; the schema is documented in the README.
#[derive(Debug, Clone, Serialize)]
pub struct Record<'a> {
    pub path: &'a str,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub text: &'a str,
    pub rule: &'a str,
    pub kind: Option<&'static str>,
    pub severity: &'static str,
    pub confidence: f64,
    pub message: &'a str,
    pub suggestions: &'a [String],
    pub fix: Option<FixRecord<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FixRecord<'a> {
    pub applicability: Applicability,
    pub edits: Vec<EditRecord<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EditRecord<'a> {
    pub start: usize,
    pub end: usize,
    pub content: &'a str,
}

impl<'a> Record<'a> {
    pub fn new(source: &'a SourceText, finding: &'a Finding) -> Record<'a> {
        let (line, column) = source.line_col(finding.span.start);
        let (end_line, end_column) = source.line_col(finding.span.end);
        Record {
            path: &source.name,
            start: finding.span.start,
            end: finding.span.end,
            line,
            column,
            end_line,
            end_column,
            text: source.slice(finding.span),
            rule: finding.rule,
            kind: finding.kind.map(|k| k.as_str()),
            severity: finding.severity.as_str(),
            // Two decimals: confidences are estimates, and f32 noise helps nobody.
            confidence: (f64::from(finding.confidence) * 100.0).round() / 100.0,
            message: &finding.message,
            suggestions: &finding.suggestions,
            fix: finding.fix.as_ref().map(|fix| FixRecord {
                applicability: fix.applicability,
                edits: fix
                    .edits
                    .iter()
                    .map(|e| EditRecord {
                        start: e.span.start,
                        end: e.span.end,
                        content: &e.content,
                    })
                    .collect(),
            }),
        }
    }
}

/// Builds the reporter for a format.
pub fn reporter<'w>(
    format: Format,
    out: &'w mut dyn io::Write,
    color: bool,
) -> Box<dyn Reporter + 'w> {
    match format {
        Format::Human => Box::new(Human::new(out, color)),
        Format::Brief => Box::new(Brief::new(out)),
        Format::Json => Box::new(Json::new(out)),
        Format::Jsonl => Box::new(JsonLines::new(out)),
        Format::Sarif => Box::new(Sarif::new(out)),
        Format::Rdjson => Box::new(RdJson::new(out)),
        Format::Rdjsonl => Box::new(RdJsonLines::new(out)),
        Format::Github => Box::new(Github::new(out)),
        Format::Checkstyle => Box::new(Checkstyle::new(out)),
        Format::Junit => Box::new(Junit::new(out)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_says_one_thing_or_many() {
        assert_eq!(plural(1, "fix", "fixes"), "1 fix");
        assert_eq!(plural(0, "fix", "fixes"), "0 fixes");
        assert_eq!(plural(2, "file", "files"), "2 files");
    }
}
