//! Loading a text: bytes in, checked UTF-8 out, with a line index for reporting.

use std::cell::Cell;
use std::path::{Path, PathBuf};

use crate::span::Span;

/// A text as read from a file or stdin. Offsets everywhere are into `content`, which holds the
/// bytes exactly as read (a leading BOM included), so fixes can be written back byte for byte.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// How the text is named in reports: the path as given, or `-` for stdin.
    pub name: String,
    pub path: Option<PathBuf>,
    pub content: String,
    line_starts: Vec<usize>,
    /// The last (offset, column) computed: reporters ask in order of position, so counting
    /// can go on from there instead of from the line start (one long line stays linear).
    last_column: Cell<(usize, usize)>,
}

/// The largest text termlint checks: offsets inside a check are 32-bit, which halves the
/// memory of the offset map.
pub const MAX_TEXT: usize = u32::MAX as usize;

/// Why a text could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{name}: cannot read: {source}")]
    Io {
        name: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{name}: too large ({size} bytes); termlint reads texts of up to 4 GiB")]
    TooLarge { name: String, size: usize },
    #[error("{name}:{line}: invalid UTF-8 at byte offset {offset}; termlint reads UTF-8 text only")]
    InvalidUtf8 {
        name: String,
        line: usize,
        offset: usize,
    },
}

impl SourceText {
    /// Decodes bytes as UTF-8. A BOM is accepted and kept in `content`.
    pub fn from_bytes(
        name: impl Into<String>,
        path: Option<PathBuf>,
        bytes: Vec<u8>,
    ) -> Result<SourceText, SourceError> {
        let name = name.into();
        if bytes.len() > MAX_TEXT {
            return Err(SourceError::TooLarge {
                name,
                size: bytes.len(),
            });
        }
        let content = match String::from_utf8(bytes) {
            Ok(content) => content,
            Err(err) => {
                let offset = err.utf8_error().valid_up_to();
                let bytes = err.as_bytes();
                let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
                return Err(SourceError::InvalidUtf8 { name, line, offset });
            }
        };
        Ok(SourceText::new(name, path, content))
    }

    pub fn new(name: impl Into<String>, path: Option<PathBuf>, content: String) -> SourceText {
        let line_starts = std::iter::once(0)
            .chain(content.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceText {
            name: name.into(),
            path,
            content,
            line_starts,
            last_column: Cell::new((usize::MAX, 0)),
        }
    }

    /// Reads a file from disk.
    pub fn read(path: &Path) -> Result<SourceText, SourceError> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| SourceError::Io {
            name: name.clone(),
            source,
        })?;
        SourceText::from_bytes(name, Some(path.to_path_buf()), bytes)
    }

    /// 1-based line and column of a byte offset. Columns count characters (what editors
    /// show), not bytes; a BOM does not count.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let (last_offset, last_column) = self.last_column.get();
        let (from, column) = if last_offset >= start && last_offset <= offset {
            (last_offset, last_column)
        } else {
            (start, 0)
        };
        let column = column + count_chars(&self.content.as_bytes()[from..offset]);
        self.last_column.set((offset, column));
        (line + 1, column + 1)
    }

    /// The span of the line holding `offset`, without its line terminator.
    pub fn line_span(&self, offset: usize) -> Span {
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(self.content.len(), |&next| next - 1);
        if end > start && self.content.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.content[span.start..span.end]
    }

    fn line_index(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }
}

/// Characters in UTF-8 bytes (every byte that does not continue a character), less a BOM.
fn count_chars(bytes: &[u8]) -> usize {
    let chars = bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
    chars - usize::from(bytes.starts_with("\u{feff}".as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_and_offset() {
        let err = SourceText::from_bytes("a.txt", None, b"ok\nbad \xff here".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.txt:2: invalid UTF-8 at byte offset 7; termlint reads UTF-8 text only"
        );
    }

    #[test]
    fn bom_is_kept_and_not_counted_as_a_column() {
        let text = SourceText::from_bytes("a", None, b"\xef\xbb\xbfab\r\ncd".to_vec()).unwrap();
        assert!(text.content.starts_with('\u{feff}'));
        assert_eq!(text.line_col(3), (1, 1));
        assert_eq!(text.line_col(8), (2, 2));
        assert_eq!(text.slice(text.line_span(4)), "\u{feff}ab");
        assert_eq!(text.slice(text.line_span(7)), "cd");
    }

    #[test]
    fn columns_count_characters_in_any_order_of_asking() {
        let text = SourceText::new("a", None, "h\u{e9}llo w\u{f6}rld\nx\u{e9}y".to_string());
        assert_eq!(text.line_col(8), (1, 8));
        assert_eq!(text.line_col(3), (1, 3));
        assert_eq!(text.line_col(13), (1, 12));
        assert_eq!(text.line_col(17), (2, 3));
        assert_eq!(text.line_col(15), (2, 2));
        assert_eq!(text.line_col(14), (2, 1));
    }

    #[test]
    fn empty_text_has_one_empty_line() {
        let text = SourceText::new("e", None, String::new());
        assert_eq!(text.line_col(0), (1, 1));
        assert!(text.line_span(0).is_empty());
    }
}
