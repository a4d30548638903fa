//! What a rule may look at when judging one match: the text around it, the entry, the cue
//! words and glossary terms nearby, and questions about them ("is this said of a person the
//! glossary names?", "does a word of the note stand next to it?").

use crate::check::context::Sentences;
use crate::check::cues::CueIndex;
use crate::glossary::{Entry, Glossary, Kind};
use crate::lexicon::Lexicon;
use crate::text::span::Span;
use crate::text::words;

/// The longest name or institution looked back for, in bytes.
const LONGEST_NAME: usize = 200;

/// How far a paragraph reaches on each side of a match, in bytes (about 300 words).
const PARAGRAPH_REACH: usize = 2_000;

/// Everything a rule may look at when judging one match.
pub struct Site<'a> {
    /// The normalised text.
    pub text: &'a str,
    /// The match, in the normalised text.
    pub span: Span,
    pub entry: &'a Entry,
    pub entry_index: usize,
    pub sentences: &'a Sentences,
    pub cues: &'a CueIndex,
    /// Occurrences of correct terms in the text, by position, with their entry.
    pub terms: &'a [(Span, usize)],
    /// Per entry, computed on first use from the whole text (see `Document::companions`).
    pub companions: &'a crate::check::document::Companions,
    pub glossary: &'a Glossary,
    /// The lexicon the checker was built with.
    pub lexicon: &'a Lexicon,
}

impl Site<'_> {
    pub fn matched(&self) -> &str {
        &self.text[self.span.start..self.span.end]
    }

    /// The first listed context cue of the entry near the match, if any.
    pub fn cue(&self) -> Option<&str> {
        let window = self.sentences.window(self.span);
        self.cues
            .cue_in(self.entry_index, window, self.span)
            .map(|(_, s)| &self.text[s.start..s.end])
    }

    /// The distinct cue and sense words of the entry inside `window`. A word inside the name
    /// of a person or institution ("Drug" in "Drug Enforcement Administration") is part of
    /// the name, not talk about the subject, and does not count, unless the entry's note
    /// names that institution ("an official body such as the UN Commission on Narcotic
    /// Drugs").
    pub fn sense_cues_in(&self, window: Span) -> Vec<&str> {
        self.cues
            .sense_cues_in(self.entry_index, window, self.span)
            .into_iter()
            .filter(|cue| !self.inside_a_name(*cue))
            .map(|s| &self.text[s.start..s.end])
            .collect()
    }

    /// Whether `span` lies inside an occurrence of a longer name or institution from the
    /// glossary that the entry's note does not mention.
    fn inside_a_name(&self, span: Span) -> bool {
        let note = self.entry.note.as_deref().unwrap_or("").to_lowercase();
        let mut in_glossary_name = false;
        let from = span.start.saturating_sub(LONGEST_NAME);
        for (s, entry) in self.terms_starting_in(from, span.start + 1) {
            let named = &self.glossary.entries[*entry];
            if s.start <= span.start
                && span.end <= s.end
                && *s != span
                && matches!(named.kind, Kind::Name | Kind::Org)
            {
                if note.contains(&named.term.to_lowercase()) {
                    return false;
                }
                in_glossary_name = true;
            }
        }
        in_glossary_name || self.in_capitalised_run(span)
    }

    /// Whether the word at `span` is capitalised and so is a neighbour, as in names the
    /// glossary does not list ("Bureau of International Narcotics and Law Enforcement").
    fn in_capitalised_run(&self, span: Span) -> bool {
        let capitalised = |w: &str| w.starts_with(char::is_uppercase);
        // The words right before and after, one space away.
        let before = self.text[..span.start]
            .strip_suffix(' ')
            .map(|t| &t[words::trailing_word_start(t)..]);
        let after = self.text[span.end..]
            .strip_prefix(' ')
            .map(|t| &t[..words::word_len(t)]);
        capitalised(&self.text[span.start..span.end])
            && (before.is_some_and(capitalised) || after.is_some_and(capitalised))
    }

    /// The occurrences of glossary terms that start within `from..to`.
    fn terms_starting_in(&self, from: usize, to: usize) -> &[(Span, usize)] {
        let first = self.terms.partition_point(|(s, _)| s.start < from);
        let last = self.terms.partition_point(|(s, _)| s.start < to);
        &self.terms[first..last.max(first)]
    }

    /// Another entry's correct term inside `window`: the text is about the glossary's domain.
    pub fn domain_term_in(&self, window: Span) -> Option<&str> {
        let from = self.terms.partition_point(|(s, _)| s.start < window.start);
        self.terms[from..]
            .iter()
            .take_while(|(s, _)| s.end <= window.end)
            .find(|(s, entry)| *entry != self.entry_index && !s.overlaps(self.span))
            .map(|(s, _)| &self.text[s.start..s.end])
    }

    /// A glossary term inside `window` that the entry's note names ("the UN Commission on
    /// Narcotic Drugs" in the note of "commission"), or that is one of its sense's cue words
    /// (a term of the kind the note names: "fentanyl" for a note's "drug"): the text speaks
    /// of what the note means.
    /// With `institutions`, only names of institutions and people count.
    pub fn note_names_a_term_in(&self, window: Span, institutions: bool) -> Option<&str> {
        let note = self.entry.note.as_deref()?.to_lowercase();
        self.terms_starting_in(window.start, window.end)
            .iter()
            .filter(|(s, entry)| {
                let kind = self.glossary.entries[*entry].kind;
                *entry != self.entry_index
                    && s.end <= window.end
                    && (!institutions || matches!(kind, Kind::Org | Kind::Name))
            })
            .find(|(s, entry)| {
                note.contains(&self.glossary.entries[*entry].term.to_lowercase())
                    // A term the sense names in other words ("fentanyl" for a note's "drug").
                    || !institutions && self.cues.is_sense_cue(self.entry_index, *s)
            })
            .map(|(s, _)| &self.text[s.start..s.end])
    }

    /// The sentence of the match and the one before it.
    pub fn sentence_window(&self) -> Span {
        self.sentences.window(self.span)
    }

    /// The match and up to `words` words on each side of it, within its sentence window:
    /// what stands right next to a word (its object, its modifier) says most about its sense.
    pub fn close_by(&self, words: usize) -> Span {
        close_by(self.text, self.sentence_window(), self.span, words)
    }

    /// The line (paragraph) holding the match, at most `PARAGRAPH_REACH` bytes on each side:
    /// a text without line breaks is not one paragraph, and looking through all of it for
    /// every match would make checking it quadratic.
    pub fn paragraph(&self) -> Span {
        let text = self.text;
        let mut from = self.span.start.saturating_sub(PARAGRAPH_REACH);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let mut to = (self.span.end + PARAGRAPH_REACH).min(text.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        let start = text[from..self.span.start]
            .rfind('\n')
            .map_or(from, |i| from + i + 1);
        let end = text[self.span.end..to]
            .find('\n')
            .map_or(to, |i| self.span.end + i);
        Span::new(start, end)
    }

    /// The word right before the match, if any.
    pub fn previous_word(&self) -> Option<&str> {
        self.word_before(1)
    }

    /// The `n`th word after the match (1 = right after), within the line and with only
    /// spaces between the words, if any.
    pub fn word_after(&self, n: usize) -> Option<&str> {
        let mut start = self.span.end;
        let mut word = None;
        for _ in 0..n {
            let after = &self.text[start..];
            let skipped = after.len() - after.trim_start_matches([' ', '\t']).len();
            let rest = &after[skipped..];
            let len = words::word_len(rest);
            if len == 0 {
                return None;
            }
            word = Some(&rest[..len]);
            start += skipped + len;
        }
        word
    }

    /// The `n`th word before the match (1 = right before), within the line and with only
    /// spaces between the words, if any.
    pub fn word_before(&self, n: usize) -> Option<&str> {
        let mut end = self.span.start;
        let mut word = None;
        for _ in 0..n {
            let before = self.text[..end].trim_end_matches([' ', '\t']);
            let start = words::trailing_word_start(before);
            let found = &before[start..];
            if found.is_empty() {
                return None;
            }
            word = Some(found);
            end = start;
        }
        word
    }

    /// Whether the match is said of a person the glossary names: "Trump's predecessor",
    /// "his predecessor, Joe Biden". Such a word is meant in its sense for people.
    pub fn said_of_a_person(&self) -> bool {
        let is_name = |at: usize, before: bool| {
            let near = match before {
                true => self.terms_starting_in(at.saturating_sub(LONGEST_NAME), at),
                false => self.terms_starting_in(at, at + 1),
            };
            near.iter().any(|(s, entry)| {
                self.glossary.entries[*entry].kind == Kind::Name
                    && if before { s.end == at } else { s.start == at }
            })
        };
        let before = &self.text[..self.span.start];
        let possessive = ["'s ", "\u{2019}s "]
            .iter()
            .find_map(|p| before.strip_suffix(p))
            .is_some_and(|owner| is_name(owner.len(), true));
        // An apposition: a comma, then capitalised words ending in a name ("Joe Biden").
        let after = &self.text[self.span.end..];
        let apposition = after.strip_prefix(", ").is_some_and(|rest| {
            let from = self.text.len() - rest.len();
            crate::text::words::tokens(rest)
                .take(3)
                .take_while(|(_, w)| w.starts_with(char::is_uppercase))
                .any(|(s, _)| is_name(from + s.start, false))
        });
        possessive || apposition
    }

    /// Whether the match starts a sentence (so its capital letter says nothing).
    pub fn starts_sentence(&self) -> bool {
        let sentence = self.sentences.get(self.sentences.index_of(self.span.start));
        self.text[sentence.start..self.span.start]
            .chars()
            .all(|c| !crate::text::words::is_word_char(c))
    }
}

/// `span` and up to `words` words (word-character runs of the window) on each side of it,
/// within `window`; a word that runs into the span counts as neither side. Asked for every
/// derived match: only the words next to the span are read, not the whole window.
fn close_by(text: &str, window: Span, span: Span, words: usize) -> Span {
    if words == 0 || span.is_empty() || span.start < window.start || window.end < span.end {
        return span;
    }
    let before = &text[window.start..span.start];
    let mut starts = words::word_starts_backwards(before);
    if words::ends_in_word(before) && text[span.start..].starts_with(words::continues_word) {
        starts.next();
    }
    let start = starts
        .nth(words - 1)
        .map_or(window.start, |i| window.start + i);
    let mut after = &text[span.end..window.end];
    if words::ends_in_word(&text[..span.end]) {
        // The rest of a word that runs out of the span (marks included) counts as no side.
        after = after.trim_start_matches(words::continues_word);
    }
    let skipped = window.end - span.end - after.len();
    let mut ends = words::tokens(after).map(|(s, _)| s);
    let end = ends
        .nth(words - 1)
        .map_or(window.end, |s| span.end + skipped + s.end);
    Span::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words::tokens;

    /// `close_by` as it was first written: the window split into words, then counted.
    fn by_splitting_the_window(text: &str, window: Span, span: Span, words: usize) -> Span {
        let spans: Vec<Span> = tokens(&text[window.start..window.end])
            .map(|(s, _)| Span::new(window.start + s.start, window.start + s.end))
            .collect();
        let before = spans.partition_point(|t| t.end <= span.start);
        let after = spans.partition_point(|t| t.start < span.end);
        let start = before
            .checked_sub(words)
            .map_or(window.start, |i| spans[i].start);
        let end = spans.get(after + words - 1).map_or(window.end, |t| t.end);
        Span::new(start, end)
    }

    #[test]
    fn close_by_reaches_the_words_a_split_of_the_whole_window_does() {
        let text = "Officials said: the 4-piperidone precursors (fentanyl's) were \
                    arranged, über-quickly, by cartels_x in Sinaloa. Then 3 more.";
        let mut checked = 0;
        for window in [
            Span::new(0, text.len()),
            Span::new(16, 98),
            Span::new(5, 60),
        ] {
            for start in (window.start..window.end).filter(|&i| text.is_char_boundary(i)) {
                for end in (start + 1..=window.end).filter(|&i| text.is_char_boundary(i)) {
                    let span = Span::new(start, end);
                    for words in 1..=4 {
                        assert_eq!(
                            close_by(text, window, span, words),
                            by_splitting_the_window(text, window, span, words),
                            "{span:?} in {window:?}, {words} words"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 10_000);
    }
}
