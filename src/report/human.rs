//! Human output: each finding with its line excerpt, the span underlined, the suggestion and
//! why, in the layout of rustc and ruff diagnostics.

use std::io;

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthStr;

use super::{Reporter, Summary, plural};
use crate::check::finding::{Applicability, Finding};
use crate::glossary::Severity;
use crate::text::source::SourceText;
use crate::text::span::Span;

/// How much of a long line to show around a finding, in bytes each side (at most).
const EXCERPT_CONTEXT: usize = 60;

pub struct Human<'w> {
    out: &'w mut dyn io::Write,
    color: bool,
}

impl<'w> Human<'w> {
    pub fn new(out: &'w mut dyn io::Write, color: bool) -> Self {
        Human { out, color }
    }

    fn style(&self, style: Style) -> Style {
        if self.color { style } else { Style::new() }
    }
}

fn severity_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Blue,
    };
    Style::new().bold().fg_color(Some(color.into()))
}

impl Reporter for Human<'_> {
    fn file(&mut self, source: &SourceText, findings: &[Finding]) -> io::Result<()> {
        let bold = self.style(Style::new().bold());
        let blue = self.style(Style::new().bold().fg_color(Some(AnsiColor::Blue.into())));
        let green = self.style(Style::new().bold().fg_color(Some(AnsiColor::Green.into())));
        for f in findings {
            let sev = self.style(severity_style(f.severity));
            let (line, column) = source.line_col(f.span.start);
            writeln!(
                self.out,
                "{sev}{}[{}]{sev:#}{bold}: {}{bold:#}",
                f.severity.as_str(),
                f.rule,
                f.message
            )?;
            let gutter = " ".repeat(line.to_string().len());
            writeln!(
                self.out,
                "{gutter}{blue}-->{blue:#} {}:{line}:{column}",
                source.name
            )?;
            let (excerpt, before, marked) = excerpt(source, f.span);
            writeln!(self.out, "{gutter} {blue}|{blue:#}")?;
            writeln!(self.out, "{blue}{line} |{blue:#} {excerpt}")?;
            let pad = " ".repeat(before.width());
            let carets = "^".repeat(marked.width().max(1));
            write!(
                self.out,
                "{gutter} {blue}|{blue:#} {pad}{sev}{carets}{sev:#}"
            )?;
            match f.suggestions.first() {
                Some(s) => writeln!(self.out, " {green}{s}{green:#}")?,
                None => writeln!(self.out)?,
            }
            if f.suggestions.len() > 1 {
                writeln!(
                    self.out,
                    "{gutter} {blue}={blue:#} also: {}",
                    f.suggestions[1..].join(", ")
                )?;
            }
            let fix = match f.fix.as_ref().map(|x| x.applicability) {
                Some(Applicability::Safe) => "safe fix",
                Some(Applicability::Unsafe) => "unsafe fix (needs --unsafe-fixes or review)",
                None => "no automatic fix",
            };
            writeln!(
                self.out,
                "{gutter} {blue}={blue:#} confidence {:.2}, {fix}\n",
                f.confidence
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let bold = self.style(Style::new().bold());
        let files = plural(summary.files, "file", "files");
        let mut notes = Vec::new();
        if summary.fixable > 0 {
            notes.push(format!(
                "{} fixable with `termlint fix --write`",
                summary.fixable
            ));
        }
        if summary.suppressed > 0 {
            notes.push(format!(
                "{} suppressed by termlint comments or [sic]",
                summary.suppressed
            ));
        }
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!(" ({})", notes.join("; "))
        };
        if summary.findings == 0 {
            writeln!(self.out, "{bold}No findings{bold:#} in {files}{notes}.")?;
        } else {
            let found = plural(summary.findings, "finding", "findings");
            writeln!(self.out, "{bold}Found {found}{bold:#} in {files}{notes}.")?;
        }
        if summary.input_errors > 0 {
            writeln!(
                self.out,
                "{} could not be checked (see above).",
                plural(summary.input_errors, "input", "inputs")
            )?;
        }
        self.out.flush()
    }
}

/// The part of the finding's line to show: (excerpt, text before the span, the span's text),
/// cut to about `EXCERPT_CONTEXT` bytes each side at word boundaries, with ellipses.
fn excerpt(source: &SourceText, span: Span) -> (String, String, String) {
    let line = source.line_span(span.start);
    let text = &source.content;
    let mut start = span.start.saturating_sub(EXCERPT_CONTEXT).max(line.start);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    if start > line.start {
        start = text[start..span.start]
            .find(' ')
            .map_or(start, |i| start + i + 1);
    }
    let span_end = span.end.min(line.end);
    let mut end = (span_end + EXCERPT_CONTEXT).min(line.end);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end < line.end {
        end = text[span_end..end].rfind(' ').map_or(end, |i| span_end + i);
    }
    let lead = if start > line.start { "…" } else { "" };
    let tail = if end < line.end { "…" } else { "" };
    let clean = |s: &str| s.replace(['\t', '\u{feff}'], " ");
    let before = format!("{lead}{}", clean(&text[start..span.start]));
    let marked = clean(&text[span.start..span_end]);
    let excerpt = format!("{before}{marked}{}{tail}", clean(&text[span_end..end]));
    (excerpt, before, marked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_long_lines_at_words() {
        let long = format!(
            "{} the Byton administration {}",
            "word ".repeat(30),
            "more ".repeat(30)
        );
        let source = SourceText::new("a", None, long.clone());
        let at = long.find("Byton").unwrap();
        let (excerpt, before, marked) = excerpt(&source, Span::new(at, at + 5));
        assert_eq!(marked, "Byton");
        assert!(
            excerpt.starts_with('…') && excerpt.ends_with('…'),
            "{excerpt}"
        );
        assert!(before.ends_with("the "));
        assert!(excerpt.len() < 150);
    }
}
