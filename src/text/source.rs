//! Loading a text: bytes in, checked UTF-8 out, with a line index for reporting.

use std::cell::Cell;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::text::span::Span;

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

/// The default size limit of a text, in bytes (100 MiB). Checking takes about 21 bytes of
/// memory per byte of ordinary prose and up to 50 per byte of text dense with findings
/// (peak RSS of `check` and `fix`, measured on 5 and 20 MB texts, over a base of 160 MB), so a
/// text at the limit needs at most about 5 GB and two checked at once fit a 24 GB machine.
pub const DEFAULT_MAX_SIZE: u64 = 100 * 1024 * 1024;

/// How many leading bytes decide whether a file is text, as git decides (8000 bytes there).
pub const SNIFF_LEN: usize = 8 * 1024;

/// Why bytes are not UTF-8 text worth checking: found in the first [`SNIFF_LEN`] bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    Utf16 {
        big_endian: bool,
        bom: bool,
    },
    Utf32 {
        big_endian: bool,
    },
    /// A NUL byte, at this offset, that is not part of UTF-16 text.
    Binary {
        offset: usize,
    },
}

impl fmt::Display for NotText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let order = |big: bool| if big { "big-endian" } else { "little-endian" };
        match *self {
            NotText::Utf16 { big_endian, bom } => {
                // Without a BOM, iconv must be told the byte order.
                let (seen, from) = match (bom, big_endian) {
                    (true, _) => ("with a BOM", "UTF-16"),
                    (false, true) => ("no BOM", "UTF-16BE"),
                    (false, false) => ("no BOM", "UTF-16LE"),
                };
                write!(
                    f,
                    "looks like UTF-16 ({}, {seen}); termlint reads UTF-8 only: convert it \
                     with `iconv -f {from} -t UTF-8`",
                    order(big_endian)
                )
            }
            NotText::Utf32 { big_endian } => write!(
                f,
                "looks like UTF-32 ({}, with a BOM); termlint reads UTF-8 only: convert it \
                 with `iconv -f UTF-32 -t UTF-8`",
                order(big_endian)
            ),
            NotText::Binary { offset } => write!(
                f,
                "looks like a binary file (a NUL byte at offset {offset}); termlint reads \
                 UTF-8 text only"
            ),
        }
    }
}

/// Tells binary and UTF-16/32 bytes from text by their first [`SNIFF_LEN`] bytes: a UTF-16 or
/// UTF-32 BOM, or a NUL byte (which UTF-8 prose never holds, and UTF-16 holds for every ASCII
/// character). A NUL byte further on does not make a text binary, as for git.
pub fn sniff(bytes: &[u8]) -> Option<NotText> {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if head.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return Some(NotText::Utf32 { big_endian: false });
    }
    if head.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Some(NotText::Utf32 { big_endian: true });
    }
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        let big_endian = head[0] == 0xFE;
        return Some(NotText::Utf16 {
            big_endian,
            bom: true,
        });
    }
    let offset = head.iter().position(|&b| b == 0)?;
    // A NUL high byte is what ASCII looks like in UTF-16: the byte order with more of them
    // is the likely one, if the bytes decode as text in it.
    let high_nuls = |big_endian: bool| {
        head.chunks_exact(2)
            .filter(|pair| pair[usize::from(!big_endian)] == 0)
            .count()
    };
    let big_endian = high_nuls(true) > high_nuls(false);
    // A whole file of odd length is no UTF-16; nor are bytes where NUL high bytes are rare
    // (mostly-ASCII UTF-16 has one in nearly every pair; a stray NUL is binary).
    let whole_and_odd = head.len() == bytes.len() && bytes.len() % 2 == 1;
    let mostly_high_nuls = high_nuls(big_endian) * 4 >= head.len() / 2;
    if !whole_and_odd && mostly_high_nuls && decodes_as_utf16_text(head, big_endian) {
        return Some(NotText::Utf16 {
            big_endian,
            bom: false,
        });
    }
    Some(NotText::Binary { offset })
}

/// Whether bytes are UTF-16 text: no unpaired surrogate (but one cut off at the end) and no
/// control character but tab, line feed, form feed and carriage return.
fn decodes_as_utf16_text(bytes: &[u8], big_endian: bool) -> bool {
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let total = bytes.len() / 2;
    let mut seen = 0;
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok(c) => {
                seen += c.len_utf16();
                if c.is_control() && !matches!(c, '\t' | '\n' | '\x0c' | '\r') {
                    return false;
                }
            }
            Err(_) => {
                seen += 1;
                if seen < total {
                    return false;
                }
            }
        }
    }
    true
}

/// Why a text could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{name}: cannot read: {source}")]
    Io {
        name: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{name}: too large ({}); the limit is {limit} bytes (--max-file-size)",
        shown_size(*size)
    )]
    TooLarge {
        name: String,
        /// The size, when known (a file's); stdin is only known to be over the limit.
        size: Option<u64>,
        limit: u64,
    },
    #[error("{name}: {kind}")]
    NotText { name: String, kind: NotText },
    #[error("{name}:{line}: invalid UTF-8 at byte offset {offset}; termlint reads UTF-8 text only")]
    InvalidUtf8 {
        name: String,
        line: usize,
        offset: usize,
    },
}

fn shown_size(size: Option<u64>) -> String {
    match size {
        Some(size) => format!("{size} bytes"),
        None => "more than the limit".to_string(),
    }
}

impl SourceError {
    /// Whether the input is binary or UTF-16/32 rather than unreadable or too large.
    pub fn is_not_text(&self) -> bool {
        matches!(self, SourceError::NotText { .. })
    }
}

impl SourceText {
    /// Decodes bytes as UTF-8. A BOM is accepted and kept in `content`; binary and UTF-16
    /// bytes are refused (see [`sniff`]).
    pub fn from_bytes(
        name: impl Into<String>,
        path: Option<PathBuf>,
        bytes: Vec<u8>,
    ) -> Result<SourceText, SourceError> {
        let name = name.into();
        if bytes.len() > MAX_TEXT {
            return Err(SourceError::TooLarge {
                name,
                size: Some(bytes.len() as u64),
                limit: MAX_TEXT as u64,
            });
        }
        if let Some(kind) = sniff(&bytes) {
            return Err(SourceError::NotText { name, kind });
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

    /// Reads a file from disk, of up to [`DEFAULT_MAX_SIZE`] bytes.
    pub fn read(path: &Path) -> Result<SourceText, SourceError> {
        SourceText::read_limited(path, DEFAULT_MAX_SIZE)
    }

    /// Reads a file from disk, refusing one larger than `limit` bytes before reading it.
    pub fn read_limited(path: &Path, limit: u64) -> Result<SourceText, SourceError> {
        let name = path.display().to_string();
        let io = |source| SourceError::Io {
            name: name.clone(),
            source,
        };
        let file = std::fs::File::open(path).map_err(io)?;
        let size = file.metadata().map_err(io)?.len();
        if size > limit {
            return Err(SourceError::TooLarge {
                name,
                size: Some(size),
                limit,
            });
        }
        SourceText::read_from(name, Some(path.to_path_buf()), file, limit)
    }

    /// Reads a text from a reader (a file or stdin): the one place bytes are read, so that a
    /// streaming reader can replace it. Binary and UTF-16 input is refused after its first
    /// [`SNIFF_LEN`] bytes, and input longer than `limit` once `limit + 1` bytes are read.
    pub fn read_from(
        name: impl Into<String>,
        path: Option<PathBuf>,
        mut reader: impl Read,
        limit: u64,
    ) -> Result<SourceText, SourceError> {
        let name = name.into();
        let limit = limit.min(MAX_TEXT as u64);
        let io = |source| SourceError::Io {
            name: name.clone(),
            source,
        };
        let mut bytes = Vec::new();
        let head = (SNIFF_LEN as u64).min(limit + 1);
        reader
            .by_ref()
            .take(head)
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if let Some(kind) = sniff(&bytes) {
            return Err(SourceError::NotText { name, kind });
        }
        let rest = limit + 1 - bytes.len() as u64;
        reader.take(rest).read_to_end(&mut bytes).map_err(io)?;
        if bytes.len() as u64 > limit {
            return Err(SourceError::TooLarge {
                name,
                size: None,
                limit,
            });
        }
        SourceText::from_bytes(name, path, bytes)
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
    fn a_stray_nul_in_a_short_or_ascii_file_is_binary_not_utf16() {
        assert!(matches!(
            sniff(b"a\0b"),
            Some(NotText::Binary { offset: 1 })
        ));
        let mostly_ascii = b"plain text with one\0 NUL in the middle of it".to_vec();
        assert!(matches!(sniff(&mostly_ascii), Some(NotText::Binary { .. })));
        let utf16: Vec<u8> = "ab\ncd".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(matches!(
            sniff(&utf16),
            Some(NotText::Utf16 { bom: false, .. })
        ));
    }

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

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn utf16_without_bom_is_recognised_in_either_byte_order() {
        let text = "Fentanyl precursors were seized.\r\n\u{4e00} line two.\n";
        for big_endian in [false, true] {
            let err = SourceText::from_bytes("u.txt", None, utf16(text, big_endian)).unwrap_err();
            assert!(err.is_not_text());
            assert_eq!(
                sniff(&utf16(text, big_endian)),
                Some(NotText::Utf16 {
                    big_endian,
                    bom: false
                })
            );
        }
        let err = SourceText::from_bytes("u.txt", None, utf16(text, false)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "u.txt: looks like UTF-16 (little-endian, no BOM); termlint reads UTF-8 only: \
             convert it with `iconv -f UTF-16LE -t UTF-8`"
        );
    }

    #[test]
    fn utf16_with_bom_is_recognised() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(utf16("\u{4e2d}\u{6587}", false));
        assert_eq!(
            sniff(&bytes),
            Some(NotText::Utf16 {
                big_endian: false,
                bom: true
            })
        );
        let err = SourceText::from_bytes("b.txt", None, bytes).unwrap_err();
        assert!(
            err.to_string().contains("iconv -f UTF-16 -t UTF-8"),
            "{err}"
        );
    }

    #[test]
    fn nul_bytes_make_a_binary_file_with_the_offset_named() {
        let err = SourceText::from_bytes("x.bin", None, b"\x7fELF\x02\x01\x01\0\0\0".to_vec())
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.bin: looks like a binary file (a NUL byte at offset 7); termlint reads UTF-8 \
             text only"
        );
    }

    #[test]
    fn a_nul_byte_after_the_first_8_kib_leaves_a_text_checkable() {
        let mut bytes = b"word ".repeat(SNIFF_LEN);
        bytes.push(0);
        assert!(SourceText::from_bytes("t", None, bytes).is_ok());
    }

    #[test]
    fn bom_crlf_and_empty_texts_are_still_text() {
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"\xef\xbb\xbfa\r\nb"), None);
        assert!(SourceText::from_bytes("e", None, Vec::new()).is_ok());
    }

    #[test]
    fn endless_nul_input_is_refused_after_its_first_bytes() {
        let err = SourceText::read_from("-", None, std::io::repeat(0), u64::MAX).unwrap_err();
        assert!(err.is_not_text(), "{err}");
    }

    #[test]
    fn input_over_the_limit_is_refused_after_reading_one_byte_more() {
        let mut reader = std::io::repeat(b'a').take(1_000_000);
        let err = SourceText::read_from("-", None, &mut reader, 100).unwrap_err();
        assert_eq!(
            err.to_string(),
            "-: too large (more than the limit); the limit is 100 bytes (--max-file-size)"
        );
        assert_eq!(reader.limit(), 1_000_000 - 101, "read limit + 1 bytes only");
        let ok = SourceText::read_from("-", None, b"a".repeat(100).as_slice(), 100).unwrap();
        assert_eq!(ok.content.len(), 100);
    }

    #[test]
    fn a_file_over_the_limit_is_refused_by_its_size_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.txt");
        // Sparse: 5 GB that were never written; reading them would take minutes and memory.
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(5_000_000_000).unwrap();
        let err = SourceText::read(&path).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: too large (5000000000 bytes); the limit is {DEFAULT_MAX_SIZE} bytes \
                 (--max-file-size)",
                path.display()
            )
        );
        std::fs::write(&path, "Byton\n").unwrap();
        assert!(SourceText::read_limited(&path, 6).is_ok());
        assert!(SourceText::read_limited(&path, 5).is_err());
    }

    #[test]
    fn empty_text_has_one_empty_line() {
        let text = SourceText::new("e", None, String::new());
        assert_eq!(text.line_col(0), (1, 1));
        assert!(text.line_span(0).is_empty());
    }
}
