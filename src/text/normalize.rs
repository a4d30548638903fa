//! Normalised view of a text for matching, with a map back to original byte offsets.
//!
//! Paraphrasers and MT output mix curly and straight quotes, dash kinds, no-break spaces, soft
//! hyphens and compatibility characters. Matching runs on a normalised copy; every byte of the
//! copy remembers which original bytes it came from, so spans are always reported into the
//! original text. Case is kept: matching is case-insensitive and case rules are checked later.

use unicode_normalization::UnicodeNormalization;

use crate::text::cluster;
use crate::text::span::Span;
use crate::text::words;

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
        let mut origin: Vec<(u32, u32)> = Vec::with_capacity(original.len());
        let mut buf = String::new();
        let mut chars = original.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            let next_joins = chars
                .peek()
                .is_some_and(|&(_, n)| cluster::joins(Some(c), n));
            // A run of spaces is one: markup masked to blanks ("Exchange</g> Fund") and
            // typed double spaces do not part a term's words.
            if c == ' ' && text.ends_with(' ') {
                if let Some(last) = origin.last_mut() {
                    last.1 = start as u32 + 1;
                }
                continue;
            }
            if c.is_ascii() && c != '\r' && c != '\t' && !next_joins {
                text.push(c);
                origin.push((start as u32, start as u32 + 1));
                continue;
            }
            // A base character and the combining marks after it normalise together (NFKC),
            // as one cluster (a mark after a line end or tab stands alone).
            buf.clear();
            buf.push(c);
            let mut end = start + c.len_utf8();
            while let Some(&(next_start, next)) = chars.peek() {
                if !cluster::joins(Some(c), next) {
                    break;
                }
                buf.push(next);
                end = next_start + next.len_utf8();
                chars.next();
            }
            let before = text.len();
            push_normalized(&buf, &mut text);
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
        None => push_folded(cluster, first, out),
    }
}

/// Appends the NFKC form of a cluster, unless folding would split a word the text has: a
/// letter or digit that folds to a space, punctuation or a leading mark ("\u{fe72}" to
/// " \u{64c}", "\u{bd}" to "1\u{2044}2") stays as it is, so no word of the normalised text
/// ends or starts inside a word of the original.
fn push_folded(cluster: &str, first: char, out: &mut String) {
    let start = out.len();
    out.extend(cluster.nfkc());
    let folded = &out[start..];
    if words::is_word_char(first)
        && !(folded.starts_with(words::is_word_char) && folded.chars().all(words::continues_word))
    {
        out.truncate(start);
        out.push_str(cluster);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        Normalized::new(s).text
    }

    /// The original text that normalised bytes `start..end` map back to.
    fn original_of<'a>(original: &'a str, n: &Normalized, start: usize, end: usize) -> &'a str {
        let span = n.to_original(Span::new(start, end));
        &original[span.start..span.end]
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
        assert_eq!(
            original_of(original, &n, start, start + "precursors".len()),
            "pre\u{00ad}cursors"
        );
        assert_eq!(original_of(original, &n, 0, 1), "\u{201c}");
        let end = n.to_original(Span::new(n.text.len(), n.text.len()));
        assert_eq!(end, Span::new(original.len(), original.len()));
    }

    #[test]
    fn a_run_of_spaces_is_one_and_maps_back_whole() {
        // Markup masked to blanks: "The <g>Exchange</g> Fund".
        let original = "The    Exchange     Fund grew";
        let n = Normalized::new(original);
        assert_eq!(n.text, "The Exchange Fund grew");
        let start = n.text.find("Exchange Fund").unwrap();
        assert_eq!(
            original_of(original, &n, start, start + "Exchange Fund".len()),
            "Exchange     Fund"
        );
        assert_eq!(original_of(original, &n, 3, 4), "    ");
    }

    #[test]
    fn combining_marks_map_to_their_cluster() {
        let original = "cafe\u{301}!";
        let n = Normalized::new(original);
        assert_eq!(n.text, "caf\u{e9}!");
        assert_eq!(original_of(original, &n, 3, 5), "e\u{301}");
    }

    /// Found by the properties: "\u{fe72}" (an Arabic letter) folds to a space and a mark,
    /// which cut "\u{fe72}Ministry" in two; a fraction folds to digits around a slash.
    #[test]
    fn folding_never_splits_a_word() {
        assert_eq!(norm("\u{fe72}Ministry"), "\u{fe72}Ministry");
        assert_eq!(norm("x\u{bd}y"), "x\u{bd}y");
        assert_eq!(norm("\u{2474}"), "\u{2474}");
        // Folds that keep the word whole still apply.
        assert_eq!(norm("Treasure\u{a5e}A"), "Treasure\u{a2b}\u{a3c}A");
        assert_eq!(norm("\u{b2}\u{2163}"), "2IV");
        assert_eq!(norm("\u{b4}\u{2122}"), " \u{301}TM");
    }

    /// A mark after a line end starts no cluster with it: a span starting at the mark's
    /// word must not reach back over the line end.
    #[test]
    fn a_mark_at_a_line_start_is_its_own_cluster() {
        let original = "a\r\n\u{301}b";
        let n = Normalized::new(original);
        assert_eq!(n.text, "a \n\u{301}b");
        assert_eq!(original_of(original, &n, 3, 5), "\u{301}");
        assert_eq!(original_of(original, &n, 2, 3), "\n");
    }
}
