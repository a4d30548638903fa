//! Normalised view of a text for matching, with a map back to original byte offsets.
//!
//! Paraphrasers and MT output mix curly and straight quotes, dash kinds, no-break spaces, soft
//! hyphens and compatibility characters. Matching runs on a normalised copy; every byte of the
//! copy remembers which original bytes it came from, so spans are always reported into the
//! original text. Case is kept: matching is case-insensitive and case rules are checked later.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::text::span::Span;

/// The normalised text and, for each of its bytes, the original bytes it stands for.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// `origin[i]` is the original byte range (start, end) of the character cluster that
    /// produced byte `i`. Offsets are u32 (texts are at most 4 GiB, see `source`): this map
    /// is the largest structure of a check, 8 bytes per byte of text.
    origin: Vec<(u32, u32)>,
    original_len: usize,
}

impl Normalized {
    pub fn new(original: &str) -> Normalized {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        let mut cluster = String::new();
        let mut chars = original.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            let next_is_mark = chars.peek().is_some_and(|&(_, n)| is_combining_mark(n));
            if c.is_ascii() && c != '\r' && c != '\t' && !next_is_mark {
                text.push(c);
                origin.push((start as u32, start as u32 + 1));
                continue;
            }
            // A base character and the combining marks after it normalise together (NFKC).
            cluster.clear();
            cluster.push(c);
            let mut end = start + c.len_utf8();
            while let Some(&(next_start, next)) = chars.peek() {
                if !is_combining_mark(next) {
                    break;
                }
                cluster.push(next);
                end = next_start + next.len_utf8();
                chars.next();
            }
            let before = text.len();
            push_normalized(&cluster, &mut text);
            origin.resize(text.len(), (start as u32, end as u32));
            debug_assert_eq!(origin.len(), text.len(), "{before}");
        }
        Normalized {
            text,
            origin,
            original_len: original.len(),
        }
    }

    /// Maps a span of the normalised text back to the original text.
    pub fn to_original(&self, span: Span) -> Span {
        if span.is_empty() {
            let at = self
                .origin
                .get(span.start)
                .map_or(self.original_len, |o| o.0 as usize);
            return Span::new(at, at);
        }
        Span::new(
            self.origin[span.start].0 as usize,
            self.origin[span.end - 1].1 as usize,
        )
    }
}

/// Appends the normalised form of one character cluster.
fn push_normalized(cluster: &str, out: &mut String) {
    let mut chars = cluster.chars();
    let first = chars.next().unwrap_or(' ');
    let replacement = match first {
        // Invisible characters that break words apart in the middle: drop them.
        '\u{feff}' | '\u{00ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' => Some(""),
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{02bc}' => Some("'"),
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{00ab}'
        | '\u{00bb}' => Some("\""),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{2043}' | '\u{fe63}' | '\u{ff0d}' => Some("-"),
        '\r' | '\t' => Some(" "),
        c if c.is_whitespace() && c != '\n' => Some(" "),
        _ => None,
    };
    match replacement {
        Some(r) => out.push_str(r),
        None => out.extend(cluster.nfkc()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        Normalized::new(s).text
    }

    #[test]
    fn folds_typography() {
        assert_eq!(
            norm("Trump\u{2019}s \u{201c}war\u{201d}"),
            "Trump's \"war\""
        );
        assert_eq!(norm("a\u{2013}b\u{00a0}c\r\n"), "a-b c \n");
        assert_eq!(norm("pre\u{00ad}cursor"), "precursor");
        assert_eq!(norm("\u{fb01}ne"), "fine");
        assert_eq!(norm("e\u{301}te\u{301}"), "\u{e9}t\u{e9}");
    }

    #[test]
    fn spans_map_back_to_original_bytes() {
        let original = "\u{feff}\u{201c}pre\u{00ad}cursors\u{201d} here";
        let n = Normalized::new(original);
        let start = n.text.find("precursors").unwrap();
        let span = n.to_original(Span::new(start, start + "precursors".len()));
        assert_eq!(&original[span.start..span.end], "pre\u{00ad}cursors");
        let quote = n.to_original(Span::new(0, 1));
        assert_eq!(&original[quote.start..quote.end], "\u{201c}");
        let end = n.to_original(Span::new(n.text.len(), n.text.len()));
        assert_eq!(end, Span::new(original.len(), original.len()));
    }

    #[test]
    fn combining_marks_map_to_their_cluster() {
        let original = "cafe\u{301}!";
        let n = Normalized::new(original);
        assert_eq!(n.text, "caf\u{e9}!");
        let e = n.to_original(Span::new(3, 5));
        assert_eq!(&original[e.start..e.end], "e\u{301}");
    }
}
