//! Word boundaries and word tokens, shared by every rule.
//!
//! A word starts with a letter, a digit or `_` and runs on through letters, digits, `_` and
//! combining marks: a mark continues the word of the character before it (a word never ends
//! between a letter and its accent) but never starts one (after a space, punctuation or a
//! line start it belongs to no word). Every word view here and in the rules follows this.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use crate::text::cluster;
use crate::text::span::Span;

/// Letters, digits and `_` start and make up words; combining marks only continue them
/// ([`continues_word`]); anything else separates them.
#[inline]
pub fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() || c == '_') && !cluster::is_mark(c)
}

/// A character that keeps a word going: a word character or a combining mark.
#[inline]
pub fn continues_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || cluster::is_mark(c)
}

/// Whether `before` ends with a word (its last character, past any marks, is a word
/// character): a word character or mark right after it would continue that word.
pub fn ends_in_word(before: &str) -> bool {
    before
        .chars()
        .rev()
        .find(|&c| !cluster::is_mark(c))
        .is_some_and(is_word_char)
}

/// The length of the word `text` starts with (0 when it starts with none).
pub fn word_len(text: &str) -> usize {
    if !text.starts_with(is_word_char) {
        return 0;
    }
    text.find(|c: char| !continues_word(c))
        .unwrap_or(text.len())
}

/// Where the word that `text` ends with starts (`text.len()` when it ends with none).
pub fn trailing_word_start(text: &str) -> usize {
    let run = text
        .char_indices()
        .rev()
        .take_while(|&(_, c)| continues_word(c))
        .last()
        .map_or(text.len(), |(i, _)| i);
    // Marks at the front of the run follow no word character: they belong to no word.
    let rest = &text[run..];
    run + rest
        .find(|c: char| !cluster::is_mark(c))
        .unwrap_or(rest.len())
}

/// Where each word of `text` starts, the last word first.
pub fn word_starts_backwards(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut end = text.len();
    std::iter::from_fn(move || {
        while end > 0 {
            let start = trailing_word_start(&text[..end]);
            if start < end {
                end = start;
                return Some(start);
            }
            end -= text[..end].chars().next_back().map_or(1, char::len_utf8);
        }
        None
    })
}

/// True when `span` of `text` neither starts nor ends inside a word or a character cluster.
pub fn is_whole_word(text: &str, span: Span) -> bool {
    let after = text[span.end..].chars().next();
    !ends_in_word(&text[..span.start])
        && !cluster::is_inside(text, span.start)
        && !after.is_some_and(continues_word)
        && !cluster::is_inside(text, span.end)
}

/// Whether `c` is of a script written without spaces between words (Chinese, Japanese,
/// Thai), where a word of another script ends at its first such character.
pub fn is_unspaced_char(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0E7F      // Thai
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0xFF66..=0xFF9F) // halfwidth Katakana
}

/// Whether `c` is a Hangul syllable or letter: Korean is written with spaces, but a noun
/// carries its particles in its word.
pub fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7A3)
}

/// As [`is_whole_word`], where a character of a script written without spaces also ends a
/// word of another script: "CEMS" is a word in "CEMS数据" (Chinese text glues Latin
/// abbreviations to its characters).
pub fn is_whole_word_in_mixed_text(text: &str, span: Span) -> bool {
    let after = text[span.end..].chars().next();
    let starts = !ends_in_spaced_word(&text[..span.start])
        && (text[..span.start].ends_with(is_unspaced_char)
            || !cluster::is_inside(text, span.start));
    let ends = after.is_some_and(is_unspaced_char)
        || (!after.is_some_and(continues_word) && !cluster::is_inside(text, span.end));
    starts && ends
}

/// As [`ends_in_word`], for a word of a script written with spaces: a Chinese character
/// (with or without marks) ends no such word.
pub fn ends_in_spaced_word(before: &str) -> bool {
    before
        .chars()
        .rev()
        .find(|&c| !cluster::is_mark(c))
        .is_some_and(|c| is_word_char(c) && !is_unspaced_char(c))
}

/// Case-insensitive whole-word search for `needle` in `haystack`.
pub fn contains_phrase(haystack: &str, needle: &str) -> bool {
    let haystack = haystack.to_lowercase();
    let needle = needle.to_lowercase();
    if needle.is_empty() {
        return false;
    }
    haystack
        .match_indices(&needle)
        .any(|(i, m)| is_whole_word(&haystack, Span::new(i, i + m.len())))
}

/// The words of `text` with their spans. Every rule splits text with it, so ASCII (most
/// text) is read a byte at a time.
pub fn tokens(text: &str) -> impl Iterator<Item = (Span, &str)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            if at == text.len() {
                return None;
            }
            let (word, len) = word_char_at(text, at, is_word_char);
            if word {
                break;
            }
            at += len;
        }
        let start = at;
        loop {
            let (word, len) = word_char_at(text, at, continues_word);
            if !word {
                break;
            }
            at += len;
            if at == text.len() {
                break;
            }
        }
        Some((Span::new(start, at), &text[start..at]))
    })
}

/// Whether the character at byte `at` of `text` (a character boundary, not the end) is a
/// word character (`word`, for the characters ASCII has none of: [`is_word_char`] to start a
/// word, [`continues_word`] inside one), and its length in bytes.
#[inline]
fn word_char_at(text: &str, at: usize, word: fn(char) -> bool) -> (bool, usize) {
    let byte = text.as_bytes()[at];
    if byte.is_ascii() {
        (byte.is_ascii_alphanumeric() || byte == b'_', 1)
    } else {
        non_ascii_word_char_at(text, at, word)
    }
}

fn non_ascii_word_char_at(text: &str, at: usize, word: fn(char) -> bool) -> (bool, usize) {
    let c = text[at..].chars().next().expect("a character boundary");
    (word(c), c.len_utf8())
}

/// One word or hyphenated compound of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub span: Span,
    pub text: &'a str,
    /// A sentence (or a clause after a colon) starts at it: its capital then says little.
    pub sentence_start: bool,
    /// Only plain spaces (no punctuation, no line break) separate it from the word before.
    pub joined_to_previous: bool,
}

impl Word<'_> {
    /// Starts with an uppercase letter.
    pub fn capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Has at least two letters, all uppercase.
    pub fn all_caps(&self) -> bool {
        self.text.chars().filter(|c| c.is_alphabetic()).count() > 1
            && !self.text.chars().any(char::is_lowercase)
    }
}

/// The words of `text` as a [`crate::check::document::Document`] keeps them: word-character
/// runs joined across single inner hyphens, so names and compounds stay whole
/// ("1-boc-4-dipiperone", "Wai-Hung"). `starts_sentence` is asked about the gap before each
/// word but the first (which always starts one): the sentence splitter decides, not a second
/// one here.
pub fn words(text: &str, mut starts_sentence: impl FnMut(Span) -> bool) -> Vec<Word<'_>> {
    let mut out: Vec<Word> = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut last_end = 0;
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if continues_word(c) {
                end = i + c.len_utf8();
                chars.next();
            } else if c == '-' && text[i + 1..].chars().next().is_some_and(is_word_char) && end == i
            {
                chars.next();
            } else {
                break;
            }
        }
        let gap = Span::new(last_end, start);
        let sentence_start = out.is_empty() || starts_sentence(gap);
        let joined_to_previous = !out.is_empty()
            && !gap.is_empty()
            && text[gap.start..gap.end].bytes().all(|b| b == b' ');
        out.push(Word {
            span: Span::new(start, end),
            text: &text[start..end],
            sentence_start,
            joined_to_previous,
        });
        last_end = end;
    }
    out
}

/// Function words and very general verbs: never substituted, never context cues.
pub const STOPWORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "by",
    "from",
    "as",
    "and",
    "or",
    "but",
    "nor",
    "not",
    "no",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "which",
    "who",
    "whom",
    "whose",
    "what",
    "there",
    "their",
    "they",
    "them",
    "he",
    "she",
    "his",
    "her",
    "him",
    "we",
    "our",
    "you",
    "your",
    "i",
    "my",
    "me",
    "us",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "can",
    "could",
    "will",
    "would",
    "shall",
    "should",
    "may",
    "might",
    "must",
    "into",
    "onto",
    "upon",
    "out",
    "up",
    "down",
    "over",
    "under",
    "about",
    "than",
    "then",
    "so",
    "such",
    "very",
    "also",
    "any",
    "all",
    "some",
    "each",
    "other",
    "another",
    "more",
    "most",
    "much",
    "many",
    "one",
    "ones",
    "made",
    "make",
    "makes",
    "used",
    "use",
    "uses",
    "using",
    "often",
    "usually",
    "especially",
    "something",
    "someone",
    "thing",
    "things",
    "way",
    "etc",
    "e.g",
    "i.e",
    "via",
    "per",
    "if",
    "when",
    "where",
    "how",
    "why",
    "while",
    "after",
    "before",
    "between",
    "through",
    "during",
    "without",
    "within",
    "against",
    "among",
    "both",
    "either",
    "neither",
    "own",
    "same",
    "just",
    "only",
    "own",
    "get",
    "gets",
    "got",
    "being",
    "become",
    "becomes",
    "kind",
    "sort",
    "type",
];

/// A word in lowercase, copied only when it has capitals: hot loops ask for millions.
pub fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// `word` in lower case: itself when it has no capitals and is all ASCII, else written into
/// `buffer`, so a loop over many words allocates once.
pub fn lowercase_into<'w>(word: &'w str, buffer: &'w mut String) -> &'w str {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return word;
    }
    buffer.clear();
    if word.is_ascii() {
        buffer.push_str(word);
        buffer.make_ascii_lowercase();
    } else {
        buffer.push_str(&word.to_lowercase());
    }
    buffer
}

/// Generic words in the stopword list, which say nothing as cue words but are words of terms
/// that paraphrasers swap like any other ("type I error" -> "kind I blunder").
const GENERIC_WORDS: &[&str] = &[
    "kind", "sort", "type", "way", "thing", "things", "use", "uses", "used", "using", "made",
    "make", "makes",
];

/// Whether a word is a function word: a stopword that is not one of the generic words a term
/// may be made of.
pub fn is_function_word(word: &str) -> bool {
    is_stopword(word) && !GENERIC_WORDS.contains(&word)
}

pub fn is_stopword(word: &str) -> bool {
    // Asked for every candidate of every word derived: a set, not a scan of the list.
    static SET: LazyLock<FxHashSet<&str>> = LazyLock::new(|| STOPWORDS.iter().copied().collect());
    SET.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        let text = "prearranged, arrange; 4-piperidone";
        assert!(!is_whole_word(text, Span::new(3, 10)));
        assert!(is_whole_word(text, Span::new(13, 20)));
        assert!(is_whole_word(text, Span::new(24, 34)));
        assert!(contains_phrase("Chinese Embassy", "embassy"));
        assert!(!contains_phrase("embassies", "embassy"));
    }

    #[test]
    fn splits_tokens_at_any_character_that_is_no_letter_digit_or_underscore() {
        let text = "naïve_x Škoda—größer 12ab\u{00a0}µm 東京 d'été.";
        let found: Vec<(usize, &str)> = tokens(text).map(|(s, w)| (s.start, w)).collect();
        let expected: Vec<(usize, &str)> = text
            .char_indices()
            .filter(|&(i, c)| {
                is_word_char(c) && !text[..i].chars().next_back().is_some_and(is_word_char)
            })
            .map(|(i, _)| {
                let end = text[i..]
                    .find(|c: char| !is_word_char(c))
                    .map_or(text.len(), |e| i + e);
                (i, &text[i..end])
            })
            .collect();
        assert_eq!(found, expected);
        assert_eq!(
            found.iter().map(|(_, w)| *w).collect::<Vec<_>>(),
            [
                "naïve_x", "Škoda", "größer", "12ab", "µm", "東京", "d", "été"
            ]
        );
        assert_eq!(tokens("").count(), 0);
        assert_eq!(tokens("  ,. ").count(), 0);
    }

    /// A combining mark continues the word of the letter before it but starts none: not
    /// after punctuation, a space or a line start, even a mark Unicode counts as alphabetic
    /// (U+0B82). Every word view agrees.
    #[test]
    fn a_mark_continues_a_word_but_starts_none() {
        let text = "TrainE\u{11370}a A:\u{b82}fent \u{301}x\n\u{301}y z\u{301}";
        let found: Vec<&str> = tokens(text).map(|(_, w)| w).collect();
        let expected = ["TrainE\u{11370}a", "A", "fent", "x", "y", "z\u{301}"];
        assert_eq!(found, expected);
        let doc: Vec<&str> = words(text, |_| false).iter().map(|w| w.text).collect();
        assert_eq!(doc, expected);
        let rest = &text[text.find(':').unwrap()..];
        assert_eq!(word_len(&text[6..]), 0, "a mark starts no word");
        assert_eq!(word_len(text), "TrainE\u{11370}a".len());
        assert_eq!(word_len(&rest[1..]), 0);
        let fent = text.find("fent").unwrap();
        assert_eq!(
            trailing_word_start(&text[..fent]),
            fent,
            "':' and its mark end no word"
        );
        assert_eq!(trailing_word_start(&text[..10]), 0);
        let starts: Vec<usize> = word_starts_backwards(text).collect();
        let mut forward: Vec<usize> = tokens(text).map(|(s, _)| s.start).collect();
        forward.reverse();
        assert_eq!(starts, forward);
        assert!(ends_in_word("z\u{301}") && !ends_in_word(":\u{301}") && !ends_in_word("\u{301}"));
        // A span is whole only if it keeps the word's marks and takes no half cluster.
        let z = text.rfind('z').unwrap();
        assert!(!is_whole_word(text, Span::new(z, z + 1)));
        assert!(is_whole_word(text, Span::new(z, text.len())));
        assert!(!is_whole_word(text, Span::new(0, 6)));
        assert!(is_whole_word(text, Span::new(fent, fent + 4)));
        assert!(
            !is_whole_word(text, Span::new(fent - 3, fent + 4)),
            "starts at the mark of ':'"
        );
    }

    #[test]
    fn splits_tokens() {
        let words: Vec<&str> = tokens("Liu Liu, a 4-dipiperone user's")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(words, ["Liu", "Liu", "a", "4", "dipiperone", "user", "s"]);
        assert_eq!(tokens("").count(), 0);
    }

    #[test]
    fn keeps_compounds_whole_and_asks_about_each_gap() {
        let text = "Rise. Then 1-boc-4-dipiperone, said Tsang Wai-Hung - U.S. President";
        let mut gaps = Vec::new();
        let toks = words(text, |gap| {
            gaps.push(&text[gap.start..gap.end]);
            gap.start == 4
        });
        let words: Vec<&str> = toks.iter().map(|t| t.text).collect();
        assert_eq!(
            words,
            [
                "Rise",
                "Then",
                "1-boc-4-dipiperone",
                "said",
                "Tsang",
                "Wai-Hung",
                "U",
                "S",
                "President"
            ]
        );
        assert_eq!(gaps, [". ", " ", ", ", " ", " ", " - ", ".", ". "]);
        let starts: Vec<bool> = toks.iter().map(|t| t.sentence_start).collect();
        assert_eq!(
            starts,
            [true, true, false, false, false, false, false, false, false]
        );
        assert!(toks[5].joined_to_previous && !toks[3].joined_to_previous);
        assert!(!toks[6].joined_to_previous);
    }
}
