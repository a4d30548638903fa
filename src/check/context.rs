//! Where a match stands: sentence boundaries, so context cues can be looked up near a match.

use crate::text::span::Span;
use crate::text::words::{Word, words};

/// Words that end with a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "gov", "sen", "rep", "inc", "co", "corp",
    "ltd", "vs", "etc", "e.g", "i.e", "u.s", "u.n", "u.k", "e.u", "p.m", "a.m", "dept", "prof",
    "lt", "col", "sgt", "capt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "fig", "approx",
];

/// The sentences of a text, as spans of the (normalised) text.
#[derive(Debug, Clone)]
pub struct Sentences {
    spans: Vec<Span>,
}

impl Sentences {
    pub fn new(text: &str) -> Sentences {
        let bytes = text.as_bytes();
        let mut spans = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let end = if b == b'\n' {
                Some(i + 1)
            } else if matches!(b, b'.' | b'!' | b'?') && ends_sentence(text, i) {
                // Closing quotes and brackets belong to the sentence they close.
                let closing = text[i + 1..]
                    .bytes()
                    .take_while(|c| matches!(c, b'"' | b'\'' | b')' | b']'))
                    .count();
                i += closing;
                Some(i + 1)
            } else {
                None
            };
            if let Some(end) = end {
                spans.push(Span::new(start, end));
                start = end;
            }
            i += 1;
        }
        if start < text.len() || spans.is_empty() {
            spans.push(Span::new(start, text.len()));
        }
        Sentences { spans }
    }

    /// Index of the sentence holding byte `offset`.
    pub fn index_of(&self, offset: usize) -> usize {
        self.spans
            .partition_point(|s| s.end <= offset)
            .min(self.spans.len() - 1)
    }

    pub fn get(&self, index: usize) -> Span {
        self.spans[index]
    }

    /// The words of `text` (the text these sentences were split from), each knowing whether
    /// a sentence starts at it, or a clause after a colon or semicolon: either way its
    /// capital says little.
    pub fn words<'a>(&self, text: &'a str) -> Vec<Word<'a>> {
        // Gaps come in text order: one cursor over the sentence ends, no search per word.
        let mut next_end = 0;
        words(text, |gap| {
            while self.spans[next_end].end < gap.start {
                next_end += 1;
            }
            self.spans[next_end].end <= gap.end || opens_clause(&text[gap.start..gap.end])
        })
    }

    /// The sentence holding `span` and the one before it: where context cues count.
    pub fn window(&self, span: Span) -> Span {
        let current = self.index_of(span.start);
        let last = self.index_of(span.end.saturating_sub(1).max(span.start));
        let first = current.saturating_sub(1);
        Span::new(self.spans[first].start, self.spans[last].end)
    }
}

/// `span` and up to `words` words on each side of it, within its line: what stands right
/// next to a term says what the text puts it with.
pub fn around(text: &str, span: Span, words: usize) -> Span {
    // Walked lazily from the span outwards: collecting the whole text before it made this
    // linear in the text's length at every call.
    let start =
        last_reached(text[..span.start].char_indices().rev(), words).map_or(span.start, |(i, _)| i);
    let end = last_reached(text[span.end..].char_indices(), words)
        .map_or(span.end, |(i, c)| span.end + i + c.len_utf8());
    Span::new(start, end)
}

/// The last word character met walking `chars` (outwards from a span) through up to `words`
/// words, stopping at a line break.
fn last_reached(chars: impl Iterator<Item = (usize, char)>, words: usize) -> Option<(usize, char)> {
    let mut left = words;
    let mut in_word = false;
    let mut last = None;
    for (i, c) in chars {
        if c == '\n' {
            break;
        }
        // A mark belongs to the word (or the gap) of the character before it.
        let word = match crate::text::cluster::is_mark(c) {
            true => in_word,
            false => crate::text::words::is_word_char(c),
        };
        if word && !in_word {
            if left == 0 {
                break;
            }
            left -= 1;
        }
        if word {
            last = Some((i, c));
        }
        in_word = word;
    }
    last
}

/// A colon or semicolon with only spaces, quotes or brackets after it.
fn opens_clause(gap: &str) -> bool {
    gap.rfind([':', ';']).is_some_and(|mark| {
        gap[mark + 1..]
            .chars()
            .all(|c| c.is_whitespace() || "\"'“”‘’()[]".contains(c))
    })
}

/// Whether the punctuation at byte `i` ends a sentence: it is followed (after closing quotes
/// or brackets) by whitespace and then a capital, digit or opening quote, and is not the
/// period of an abbreviation.
fn ends_sentence(text: &str, i: usize) -> bool {
    let rest = &text[i + 1..];
    let rest = rest.trim_start_matches(['"', '\'', ')', ']']);
    let after_space = rest.trim_start_matches([' ', '\t']);
    if after_space.len() == rest.len() && !rest.is_empty() {
        return false; // "4.5", "U.S.A" or "e.g.,": no space after the mark
    }
    let next_ok = after_space.chars().next().is_none_or(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\'' | '(' | '\n' | '-')
    });
    if !next_ok {
        return false;
    }
    if text.as_bytes()[i] != b'.' {
        return true;
    }
    let word_start = text[..i]
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .map_or(0, |p| p + 1);
    let word = &text[word_start..i];
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
    // Compared in place: a text has a period in every sentence, no copy for each.
    !(single_initial || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let s = Sentences::new(text);
        s.spans.iter().map(|sp| &text[sp.start..sp.end]).collect()
    }

    #[test]
    fn splits_on_sentence_ends_only() {
        assert_eq!(
            split(
                "The U.S. National Security Council met. Mr. Liu said \"no.\" Then 4.5 left.\nNext"
            ),
            [
                "The U.S. National Security Council met.",
                " Mr. Liu said \"no.\"",
                " Then 4.5 left.\n",
                "Next"
            ]
        );
    }

    #[test]
    fn words_start_sentences_where_the_splitter_splits_and_after_colons() {
        let text = "Mr. Liu met U.S. officials. Then: Biden; Trump, Xi\nNext";
        let starts: Vec<&str> = Sentences::new(text)
            .words(text)
            .iter()
            .filter(|w| w.sentence_start)
            .map(|w| w.text)
            .collect();
        assert_eq!(starts, ["Mr", "Then", "Biden", "Trump", "Next"]);
    }

    #[test]
    fn window_covers_previous_sentence() {
        let text = "One here. Two there. Three.";
        let s = Sentences::new(text);
        let at = text.find("there").unwrap();
        let w = s.window(Span::new(at, at + 5));
        assert_eq!(&text[w.start..w.end], "One here. Two there.");
        let first = s.window(Span::new(0, 3));
        assert_eq!(&text[first.start..first.end], "One here.");
        assert_eq!(split(""), [""]);
    }

    #[test]
    fn around_reaches_whole_words_within_the_line() {
        let text = "first\nthe fentanyl precursor was sold, they said";
        let at = text.find("precursor").unwrap();
        let span = around(text, Span::new(at, at + 9), 2);
        assert_eq!(
            &text[span.start..span.end],
            "the fentanyl precursor was sold"
        );
        let span = around(text, Span::new(at, at + 9), 0);
        assert_eq!(&text[span.start..span.end], "precursor");
    }
}
