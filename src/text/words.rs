//! Word boundaries and word tokens, shared by every rule.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use crate::text::span::Span;

/// Letters, digits and `_` make up words; anything else separates them.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when `span` of `text` neither starts nor ends inside a word.
pub fn is_whole_word(text: &str, span: Span) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
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

/// The words of `text` (maximal runs of word characters) with their spans. Every rule
/// splits text with it, so ASCII (most text) is read a byte at a time.
pub fn tokens(text: &str) -> impl Iterator<Item = (Span, &str)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            if at == text.len() {
                return None;
            }
            let (word, len) = word_char_at(text, at);
            if word {
                break;
            }
            at += len;
        }
        let start = at;
        loop {
            let (word, len) = word_char_at(text, at);
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
/// word character, and its length in bytes.
#[inline]
fn word_char_at(text: &str, at: usize) -> (bool, usize) {
    let byte = text.as_bytes()[at];
    if byte.is_ascii() {
        (byte.is_ascii_alphanumeric() || byte == b'_', 1)
    } else {
        non_ascii_word_char_at(text, at)
    }
}

fn non_ascii_word_char_at(text: &str, at: usize) -> (bool, usize) {
    let c = text[at..].chars().next().expect("a character boundary");
    (is_word_char(c), c.len_utf8())
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
            if is_word_char(c) {
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
