//! One line per finding, in the `path:line:col:` form editors and quickfix lists read.

use std::io;

use super::{Reporter, Summary};
use crate::check::finding::Finding;
use crate::text::source::SourceText;

pub struct Brief<'w> {
    out: &'w mut dyn io::Write,
}

impl<'w> Brief<'w> {
    pub fn new(out: &'w mut dyn io::Write) -> Self {
        Brief { out }
    }
}

impl Reporter for Brief<'_> {
    fn file(&mut self, source: &SourceText, findings: &[Finding]) -> io::Result<()> {
        for f in findings {
            let (line, column) = source.line_col(f.span.start);
            write!(
                self.out,
                "{}:{line}:{column}: {}[{}] '{}'",
                source.name,
                f.severity.as_str(),
                f.rule,
                source.slice(f.span)
            )?;
            if let Some(s) = f.suggestions.first() {
                write!(self.out, " -> '{s}'")?;
            }
            writeln!(self.out, " ({:.2})", f.confidence)?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}
