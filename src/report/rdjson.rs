//! reviewdog's Diagnostic Format: `rdjsonl` (one diagnostic per line, streamed) for
//! `reviewdog -f=rdjsonl`, and `rdjson` (one `DiagnosticResult` at the end) for `-f=rdjson`.
//! Columns count UTF-8 bytes and ends are exclusive, as the format defines them; a fix becomes
//! `suggestions`, which reviewdog posts as suggested changes on a pull request.

use std::io;

use serde::Serialize;

use super::{Reporter, Summary};
use crate::check::finding::Finding;
use crate::glossary::Severity;
use crate::text::source::SourceText;
use crate::text::span::Span;

#[derive(Serialize)]
struct Diagnostic<'a> {
    message: &'a str,
    location: Location<'a>,
    severity: &'static str,
    source: Source,
    code: Code<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion<'a>>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    range: Range,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Source {
    name: &'static str,
}

#[derive(Serialize)]
struct Code<'a> {
    value: &'a str,
}

#[derive(Serialize)]
struct Suggestion<'a> {
    range: Range,
    text: &'a str,
}

const SOURCE: Source = Source { name: "termlint" };

/// Line and byte column (1-based) of `offset`.
fn position(source: &SourceText, offset: usize) -> Position {
    let (line, _) = source.line_col(offset);
    Position {
        line,
        column: offset - source.line_span(offset).start + 1,
    }
}

fn range(source: &SourceText, span: Span) -> Range {
    Range {
        start: position(source, span.start),
        end: position(source, span.end),
    }
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

fn diagnostic<'a>(source: &'a SourceText, finding: &'a Finding) -> Diagnostic<'a> {
    Diagnostic {
        message: &finding.message,
        location: Location {
            path: &source.name,
            range: range(source, finding.span),
        },
        severity: severity(finding.severity),
        source: SOURCE,
        code: Code {
            value: finding.rule,
        },
        suggestions: finding
            .fix
            .iter()
            .flat_map(|fix| &fix.edits)
            .map(|edit| Suggestion {
                range: range(source, edit.span),
                text: &edit.content,
            })
            .collect(),
    }
}

/// `rdjsonl`: one diagnostic per line, written as each file is checked.
pub struct RdJsonLines<'w> {
    out: &'w mut dyn io::Write,
}

impl<'w> RdJsonLines<'w> {
    pub fn new(out: &'w mut dyn io::Write) -> Self {
        RdJsonLines { out }
    }
}

impl Reporter for RdJsonLines<'_> {
    fn file(&mut self, source: &SourceText, findings: &[Finding]) -> io::Result<()> {
        for finding in findings {
            serde_json::to_writer(&mut *self.out, &diagnostic(source, finding))?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

/// `rdjson`: one `DiagnosticResult` for the run, written at the end.
pub struct RdJson<'w> {
    out: &'w mut dyn io::Write,
    diagnostics: Vec<serde_json::Value>,
}

impl<'w> RdJson<'w> {
    pub fn new(out: &'w mut dyn io::Write) -> Self {
        RdJson {
            out,
            diagnostics: Vec::new(),
        }
    }
}

impl Reporter for RdJson<'_> {
    fn file(&mut self, source: &SourceText, findings: &[Finding]) -> io::Result<()> {
        for finding in findings {
            self.diagnostics
                .push(serde_json::to_value(diagnostic(source, finding))?);
        }
        Ok(())
    }

    fn finish(&mut self, _: &Summary) -> io::Result<()> {
        let result = serde_json::json!({
            "source": SOURCE,
            "diagnostics": self.diagnostics,
        });
        serde_json::to_writer_pretty(&mut *self.out, &result)?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_bytes_and_restart_on_each_line() {
        let source = SourceText::new("t", None, "é ab\ncd".to_string());
        let p = position(&source, 3);
        assert_eq!((p.line, p.column), (1, 4));
        let p = position(&source, 7);
        assert_eq!((p.line, p.column), (2, 2));
    }
}
