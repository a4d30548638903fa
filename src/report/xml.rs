//! XML reports for CI servers that read no SARIF: checkstyle (Jenkins' warnings plugin,
//! reviewdog `-f=checkstyle`, GitLab converters) and JUnit (test-report views). Both are
//! written in the final step: JUnit's counts head the document.

use std::fmt::Write as _;
use std::io;

use super::{Reporter, Summary};
use crate::check::finding::Finding;
use crate::text::source::SourceText;

/// Text escaped for an XML attribute (in double quotes) or element. Characters XML 1.0 cannot hold at all (C0
/// controls other than tab, LF and CR, and U+FFFE/U+FFFF) become U+FFFD, so the document stays
/// well formed whatever a text contains; tab, LF and CR become character references, so that
/// attribute normalisation keeps them.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

const HEADER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// The message with the suggestion, as one line of text.
fn message(finding: &Finding) -> String {
    match finding.suggestions.first() {
        Some(s) => format!("{} Suggestion: '{s}'.", finding.message),
        None => finding.message.clone(),
    }
}

/// `<checkstyle>` with a `<file>` per text checked and an `<error>` per finding.
pub struct Checkstyle<'w> {
    out: &'w mut dyn io::Write,
    body: String,
}

impl<'w> Checkstyle<'w> {
    pub fn new(out: &'w mut dyn io::Write) -> Self {
        Checkstyle {
            out,
            body: String::new(),
        }
    }
}

impl Reporter for Checkstyle<'_> {
    fn file(&mut self, source: &SourceText, findings: &[Finding]) -> io::Result<()> {
        let _ = writeln!(self.body, "  <file name=\"{}\">", escape(&source.name));
        for f in findings {
            let (line, column) = source.line_col(f.span.start);
            let _ = writeln!(
                self.body,
                "    <error line=\"{line}\" column=\"{column}\" severity=\"{}\" \
                 message=\"{}\" source=\"termlint.{}\"/>",
                f.severity.as_str(),
                escape(&message(f)),
                escape(f.rule)
            );
        }
        self.body.push_str("  </file>\n");
        Ok(())
    }

    fn finish(&mut self, _: &Summary) -> io::Result<()> {
        self.out.write_all(HEADER.as_bytes())?;
        self.out.write_all(b"<checkstyle version=\"4.3\">\n")?;
        self.out.write_all(self.body.as_bytes())?;
        self.out.write_all(b"</checkstyle>\n")?;
        self.out.flush()
    }
}

/// `<testsuites>` with a `<testsuite>` per text checked: a failing `<testcase>` per finding,
/// or one passing test case for a text without findings (so a clean run shows what it
/// checked).
pub struct Junit<'w> {
    out: &'w mut dyn io::Write,
    suites: String,
    tests: usize,
    failures: usize,
}

impl<'w> Junit<'w> {
    pub fn new(out: &'w mut dyn io::Write) -> Self {
        Junit {
            out,
            suites: String::new(),
            tests: 0,
            failures: 0,
        }
    }
}

impl Reporter for Junit<'_> {
    fn file(&mut self, source: &SourceText, findings: &[Finding]) -> io::Result<()> {
        let name = escape(&source.name);
        let tests = findings.len().max(1);
        self.tests += tests;
        self.failures += findings.len();
        let _ = writeln!(
            self.suites,
            "  <testsuite name=\"{name}\" tests=\"{tests}\" failures=\"{}\" errors=\"0\">",
            findings.len()
        );
        if findings.is_empty() {
            let _ = writeln!(
                self.suites,
                "    <testcase name=\"no findings\" classname=\"{name}\" file=\"{name}\"/>"
            );
        }
        for f in findings {
            let (line, column) = source.line_col(f.span.start);
            let _ = writeln!(
                self.suites,
                "    <testcase name=\"{}:{line}:{column} {} '{}'\" classname=\"{name}\" \
                 file=\"{name}\" line=\"{line}\">",
                name,
                escape(f.rule),
                escape(source.slice(f.span))
            );
            let _ = writeln!(
                self.suites,
                "      <failure type=\"{}\" message=\"{}\">{}:{line}:{column}: {}[{}] {}</failure>",
                f.severity.as_str(),
                escape(&message(f)),
                name,
                f.severity.as_str(),
                escape(f.rule),
                escape(&message(f))
            );
            self.suites.push_str("    </testcase>\n");
        }
        self.suites.push_str("  </testsuite>\n");
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        self.out.write_all(HEADER.as_bytes())?;
        writeln!(
            self.out,
            "<testsuites name=\"termlint\" tests=\"{}\" failures=\"{}\" errors=\"{}\">",
            self.tests, self.failures, summary.input_errors
        )?;
        self.out.write_all(self.suites.as_bytes())?;
        self.out.write_all(b"</testsuites>\n")?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_leaves_no_markup_and_no_forbidden_characters() {
        assert_eq!(
            escape("a<b>&\"c'\u{1}\u{FFFF}\n"),
            "a&lt;b&gt;&amp;&quot;c'\u{FFFD}\u{FFFD}&#10;"
        );
    }
}
