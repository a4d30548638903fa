//! Name-shaped tokens: hyphenated compounds stay whole ("1-boc-4-dipiperone", "Wai-Hung"),
//! and each token knows whether a sentence starts at it (its capital then says little).

use crate::text::span::Span;
use crate::text::words::is_word_char;

/// One word or hyphenated compound of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub span: Span,
    pub text: &'a str,
    /// Only punctuation that ends a sentence (or nothing) stands before it.
    pub sentence_start: bool,
    /// Only plain spaces (no punctuation, no line break) separate it from the token before.
    pub joined_to_previous: bool,
}

impl Token<'_> {
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

/// Splits `text` into words, joining word-character runs across single inner hyphens.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token> = Vec::new();
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
        let between = &text[last_end..start];
        let sentence_start = out.is_empty() || ends_sentence(between, &out, text);
        let joined_to_previous =
            !out.is_empty() && !between.is_empty() && between.bytes().all(|b| b == b' ');
        out.push(Token {
            span: Span::new(start, end),
            text: &text[start..end],
            sentence_start,
            joined_to_previous,
        });
        last_end = end;
    }
    out
}

/// Whether the gap between the previous token and this one closes a sentence.
fn ends_sentence(between: &str, previous: &[Token], text: &str) -> bool {
    if between.contains('\n') {
        return true;
    }
    let Some(stop) = between.find(['.', '!', '?', ':', ';']) else {
        return false;
    };
    if between.as_bytes()[stop] == b'.' {
        // "U.S. President": a dot after a one-letter token or an abbreviation is no stop.
        let prev = previous.last().map_or("", |t| t.text);
        let before_prev = text[..previous.last().map_or(0, |t| t.span.start)]
            .chars()
            .next_back();
        if prev.chars().count() == 1 || before_prev == Some('.') || is_abbreviation(prev) {
            return false;
        }
    }
    between[stop..]
        .chars()
        .skip(1)
        .all(|c| c.is_whitespace() || "\"'“”‘’()[]".contains(c))
}

fn is_abbreviation(word: &str) -> bool {
    [
        "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Prof", "Jr", "Sr", "No",
    ]
    .contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_compounds_and_marks_sentence_starts() {
        let toks = tokens("Rise. Then 1-boc-4-dipiperone, said Tsang Wai-Hung - U.S. President");
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
        let starts: Vec<bool> = toks.iter().map(|t| t.sentence_start).collect();
        assert_eq!(
            starts,
            [true, true, false, false, false, false, false, false, false]
        );
        assert!(toks[5].joined_to_previous && !toks[3].joined_to_previous);
        assert!(!toks[6].joined_to_previous);
    }
}
