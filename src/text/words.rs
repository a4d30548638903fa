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

/// The words of `text` (maximal runs of word characters) with their spans.
pub fn tokens(text: &str) -> impl Iterator<Item = (Span, &str)> + '_ {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = loop {
            let (i, c) = rest.next()?;
            if is_word_char(c) {
                break (i, c);
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = rest.peek() {
            if !is_word_char(c) {
                end = i;
                break;
            }
            rest.next();
        }
        Some((Span::new(start, end), &text[start..end]))
    })
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
    fn splits_tokens() {
        let words: Vec<&str> = tokens("Liu Liu, a 4-dipiperone user's")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(words, ["Liu", "Liu", "a", "4", "dipiperone", "user", "s"]);
        assert_eq!(tokens("").count(), 0);
    }
}
