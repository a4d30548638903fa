//! Character clusters: a base character and the combining marks after it (Unicode general
//! category M: Mn, Mc, Me), which a reader sees as one character. No span starts or ends
//! inside one, so no fix cuts a letter from its accent; the normaliser maps each cluster as a
//! whole, the word views keep a word's marks in it, and the fix stage refuses a cut.

use unicode_normalization::char::is_combining_mark;

/// A combining mark: it never stands alone in a word, it joins the character before it.
#[inline]
pub fn is_mark(c: char) -> bool {
    !c.is_ascii() && is_combining_mark(c)
}

/// Whether `c` joins the character before it (`prev`; none at the start of the text) into
/// one cluster: a combining mark does, except after a control character (a line end, a tab),
/// which ends a cluster as in Unicode's grapheme rules (UAX #29): a mark at a line start
/// must not pull the line end into a span.
#[inline]
pub fn joins(prev: Option<char>, c: char) -> bool {
    is_mark(c) && prev.is_some_and(|p| !p.is_control())
}

/// Whether byte `at` of `text` lies inside a cluster, or between the CR and LF of a line
/// end: no span may start or end there. False at the ends of the text and off a character
/// boundary (which callers check on their own).
pub fn is_inside(text: &str, at: usize) -> bool {
    let Some(next) = text.get(at..).and_then(|rest| rest.chars().next()) else {
        return false;
    };
    let prev = text[..at].chars().next_back();
    joins(prev, next) || (prev == Some('\r') && next == '\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_joins_a_letter_or_punctuation_but_not_a_line_end() {
        let text = "e\u{301}:\u{b82}\n\u{301}\r\n";
        let inside: Vec<usize> = (0..=text.len())
            .filter(|&at| text.is_char_boundary(at) && is_inside(text, at))
            .collect();
        // After 'e', after ':', and between CR and LF; not after the LF nor at the ends.
        assert_eq!(inside, [1, 4, 11]);
        assert!(!joins(None, '\u{301}'));
        assert!(!joins(Some('\t'), '\u{301}'));
        assert!(joins(Some(' '), '\u{301}'));
        assert!(!is_mark('a') && !is_mark('\u{e9}'));
    }
}
