//! GitHub Actions workflow commands: `::error file=..,line=..::message` lines, which a
//! workflow's log turns into annotations on the pull request. Escaped as the Actions toolkit
//! escapes them (`%`, CR and LF everywhere; `:` and `,` in properties too), so a message
//! cannot end the command early or inject another.

use std::io;

use super::{Reporter, Summary};
use crate::check::finding::Finding;
use crate::glossary::Severity;
use crate::text::source::SourceText;

pub struct Github<'w> {
    out: &'w mut dyn io::Write,
}

impl<'w> Github<'w> {
    pub fn new(out: &'w mut dyn io::Write) -> Self {
        Github { out }
    }
}

/// A message (the data after `::`).
pub(crate) fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value (`file=`, `title=`).
pub(crate) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

impl Reporter for Github<'_> {
    fn file(&mut self, source: &SourceText, findings: &[Finding]) -> io::Result<()> {
        let file = escape_property(&source.name);
        for f in findings {
            let (line, col) = source.line_col(f.span.start);
            let (end_line, end_col) = source.line_col(f.span.end);
            write!(
                self.out,
                "::{} file={file},line={line},endLine={end_line}",
                command(f.severity)
            )?;
            // GitHub takes columns only for a range on one line.
            if line == end_line {
                write!(self.out, ",col={col},endColumn={end_col}")?;
            }
            let title = format!("termlint {}: '{}'", f.rule, source.slice(f.span));
            let mut message = f.message.clone();
            if let Some(s) = f.suggestions.first() {
                message.push_str(&format!(" Suggestion: '{s}'."));
            }
            writeln!(
                self.out,
                ",title={}::{}",
                escape_property(&title),
                escape_data(&message)
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        assert_eq!(escape_data("50% a\r\nb: c,d"), "50%25 a%0D%0Ab: c,d");
        assert_eq!(
            escape_property("50% a\r\nb: c,d"),
            "50%25 a%0D%0Ab%3A c%2Cd"
        );
    }
}
