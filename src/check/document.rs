//! One text prepared once for every rule: normalised, split into sentences, with the cue
//! words and all glossary forms found in one pass. Rules read it; nothing re-scans the text
//! for glossary forms.

use crate::check::context::Sentences;
use crate::check::cues::{CueIndex, CueMatcher};
use crate::check::matcher::{Hit, Matcher};
use crate::check::site::Site;
use crate::glossary::Glossary;
use crate::lexicon::Lexicon;
use crate::text::inflect::Inflection;
use crate::text::span::Span;
use crate::text::words::Word;
use std::sync::OnceLock;

/// What a form in the checker's index stands for.
#[derive(Debug, Clone, Copy)]
pub enum Target {
    /// A correct term: its occurrences are never flagged by any rendering.
    Term,
    /// A listed variant, by its index among the listed-variant rule's renderings.
    Rendering {
        index: usize,
        inflection: Inflection,
    },
    /// A candidate replacement for the word of a group of slots of derived entries.
    Candidate {
        group: u32,
        candidate: u16,
        inflection: Inflection,
    },
}

/// The index's payload: the glossary entry a form belongs to, and what it stands for.
pub type Payload = (usize, Target);

/// A normalised text with what every rule needs to know about it.
pub struct Document<'a> {
    /// The normalised text; spans are into it.
    pub text: &'a str,
    pub glossary: &'a Glossary,
    pub lexicon: &'a Lexicon,
    pub sentences: Sentences,
    /// The words of the text, hyphenated compounds whole, each knowing whether a sentence
    /// starts at it: split once here, so no rule re-tokenises.
    pub words: Vec<Word<'a>>,
    pub cues: CueIndex,
    /// Every glossary form found in the text.
    pub hits: Vec<Hit<'a, Payload>>,
    /// Occurrences of correct terms, sorted by start (longest first), with their entry.
    pub terms: Vec<(Span, usize)>,
    /// Text that terms and reported renderings claimed: empty until they are arbitrated,
    /// then read by the rules that run on the rest.
    pub claimed: Vec<Span>,
    /// Per entry, what a rule worked out once from the whole text (the terms that stand next
    /// to the entry's own term): looked up per match, so it must not be recomputed per match.
    pub companions: Companions,
}

/// Per entry, a list worked out on first use from the whole text. The table itself is made
/// on first use too: most segments of a bitext need none, and there are hundreds of them.
pub struct Companions {
    entries: usize,
    table: OnceLock<Box<[OnceLock<Vec<usize>>]>>,
}

impl Companions {
    fn new(entries: usize) -> Companions {
        Companions {
            entries,
            table: OnceLock::new(),
        }
    }

    /// Entry `entry`'s list, made by `make` on first use.
    pub fn get_or_init(&self, entry: usize, make: impl FnOnce() -> Vec<usize>) -> &[usize] {
        let table = self
            .table
            .get_or_init(|| (0..self.entries).map(|_| OnceLock::new()).collect());
        table[entry].get_or_init(make)
    }
}

impl<'a> Document<'a> {
    pub fn new(
        text: &'a str,
        glossary: &'a Glossary,
        matcher: &'a Matcher<Payload>,
        cues: &CueMatcher,
        lexicon: &'a Lexicon,
    ) -> Document<'a> {
        let hits = matcher.find(text);
        let mut terms: Vec<(Span, usize)> = hits
            .iter()
            .filter(|h| matches!(h.payload.1, Target::Term))
            .map(|h| (h.span, h.payload.0))
            .collect();
        terms.sort_unstable_by_key(|(s, entry)| (s.start, std::cmp::Reverse(s.end), *entry));
        let sentences = Sentences::new(text);
        Document {
            text,
            glossary,
            lexicon,
            words: sentences.words(text),
            sentences,
            cues: cues.index(text),
            hits,
            terms,
            claimed: Vec::new(),
            companions: Companions::new(glossary.entries.len()),
        }
    }

    /// What a rule may look at when judging a match of entry `entry_index` at `span`.
    pub fn site(&self, span: Span, entry_index: usize) -> Site<'_> {
        Site {
            text: self.text,
            span,
            entry: &self.glossary.entries[entry_index],
            entry_index,
            sentences: &self.sentences,
            cues: &self.cues,
            terms: &self.terms,
            companions: &self.companions,
            glossary: self.glossary,
            lexicon: self.lexicon,
        }
    }
}
