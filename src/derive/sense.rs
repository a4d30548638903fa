//! Which sense an entry's term is meant in, and the words that signal that sense in a text.

use std::collections::HashSet;

use crate::glossary::Entry;
use crate::lexicon::{Lexicon, Pos, Relation};
use crate::text::words::{is_stopword, tokens};

/// The intended sense of an entry and its cue words.
#[derive(Debug, Clone, Default)]
pub struct SenseContext {
    /// The WordNet synset the term is meant in: chosen by the note, or the most frequent
    /// sense when there is no note. `None` when the note describes a sense WordNet lacks
    /// ("schedule" a chemical): then every WordNet sense is another sense.
    pub intended: Option<u32>,
    /// Words of the note and of the intended sense's definition: near a match they tell that
    /// the text is about what the term means.
    pub cues: Vec<String>,
    /// Words describing the intended sense (its lemmas, definition, hypernyms, the note).
    pub bag: Vec<String>,
    /// The part of speech the term is meant as: a note starting with "to" means a verb,
    /// otherwise the intended sense's.
    pub pos: Option<Pos>,
}

/// Content words of a text, lowercase.
fn content_words(text: &str) -> Vec<String> {
    tokens(text)
        .map(|(_, w)| w.to_lowercase())
        .filter(|w| w.len() >= 4 && !is_stopword(w) && w.chars().all(char::is_alphabetic))
        .collect()
}

/// Words match when equal or, for longer words, when they share their first five letters.
fn related(a: &str, b: &str) -> bool {
    a == b
        || (a.chars().count() >= 5
            && b.chars().count() >= 5
            && a.chars().take(5).eq(b.chars().take(5)))
}

impl SenseContext {
    pub fn new(lexicon: &Lexicon, entry: &Entry) -> SenseContext {
        let term = entry.term.to_lowercase();
        let note_words = entry.note.as_deref().map(content_words).unwrap_or_default();
        let wordnet = lexicon.wordnet();
        let senses = if term.contains(' ') {
            &[][..]
        } else {
            let direct = wordnet.sense_ids(&term);
            if direct.is_empty() {
                super::singular(lexicon, &term).map_or(&[][..], |base| wordnet.sense_ids(&base))
            } else {
                direct
            }
        };
        let intended = if note_words.is_empty() {
            senses.first().copied()
        } else {
            let mut best = (0, None);
            for &id in senses {
                let bag = sense_words(lexicon, id);
                let score = note_words
                    .iter()
                    .filter(|n| bag.iter().any(|b| related(n, b)))
                    .count();
                if score > best.0 {
                    best = (score, Some(id));
                }
            }
            // One shared word of a long note is often a generic one ("place" in "to place
            // a drug under legal control" is not "the time and place for events"): such a
            // weak match leaves the sense unknown rather than wrong.
            let needed = if note_words.len() >= 4 { 2 } else { 1 };
            best.1.filter(|_| best.0 >= needed)
        };
        let mut bag = intended
            .map(|id| sense_words(lexicon, id))
            .unwrap_or_default();
        bag.extend(note_words.iter().cloned());
        let mut cues: Vec<String> = note_words;
        cues.extend(entry.context.iter().map(|c| c.to_lowercase()));
        if let Some(id) = intended {
            cues.extend(content_words(wordnet.synset(id).gloss));
        }
        let term_words: HashSet<String> = content_words(&entry.term).into_iter().collect();
        let mut seen = HashSet::new();
        cues.retain(|c| !term_words.contains(c) && seen.insert(c.clone()));
        let note = entry
            .note
            .as_deref()
            .unwrap_or("")
            .trim_start()
            .to_lowercase();
        let pos = if note.starts_with("to ") {
            Some(Pos::Verb)
        } else {
            intended.map(|id| wordnet.synset(id).pos)
        };
        SenseContext {
            intended,
            cues,
            bag,
            pos,
        }
    }

    /// Whether one of the first senses of `word` is described with words of the intended
    /// sense, i.e. `word` is a synonym in that sense.
    pub fn describes(&self, lexicon: &Lexicon, word: &str) -> bool {
        let wordnet = lexicon.wordnet();
        wordnet.sense_ids(word).iter().take(3).any(|&id| {
            let synset = wordnet.synset(id);
            content_words(synset.gloss)
                .iter()
                .any(|w| self.bag.iter().any(|b| related(w, b)))
        })
    }
}

/// Words describing a synset: its lemmas, definition, and its hypernyms' lemmas and definitions.
fn sense_words(lexicon: &Lexicon, id: u32) -> Vec<String> {
    let wordnet = lexicon.wordnet();
    let synset = wordnet.synset(id);
    let mut words = content_words(synset.gloss);
    words.extend(synset.lemmas.iter().flat_map(|l| content_words(l)));
    for &(rel, target) in &synset.links {
        if rel == Relation::Hypernym {
            let hyper = wordnet.synset(target);
            words.extend(content_words(hyper.gloss));
            words.extend(hyper.lemmas.iter().flat_map(|l| content_words(l)));
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Origin;
    use crate::lexicon::tests::embedded;

    fn entry(term: &str, note: Option<&str>) -> Entry {
        let mut e = Entry::new(
            term,
            Origin {
                file: "g".into(),
                line: 1,
            },
        );
        e.note = note.map(String::from);
        e
    }

    #[test]
    fn the_note_picks_the_sense() {
        let chem = SenseContext::new(
            embedded(),
            &entry(
                "precursor",
                Some("a chemical substance from which a drug is made"),
            ),
        );
        let synset = embedded().wordnet().synset(chem.intended.unwrap());
        assert!(synset.gloss.contains("substance"), "{}", synset.gloss);
        assert!(chem.cues.contains(&"chemical".to_string()));
        let bitter = SenseContext::new(
            embedded(),
            &entry("vitriol", Some("bitter, abusive criticism")),
        );
        let synset = embedded().wordnet().synset(bitter.intended.unwrap());
        assert!(
            !synset.lemmas.contains(&"sulfuric acid"),
            "{:?}",
            synset.lemmas
        );
    }

    #[test]
    fn notes_in_any_script_are_fine() {
        assert!(related("chemical", "chemistry"));
        assert!(!related("勒索勒索勒索", "勒索勒索"));
        let blackmail = SenseContext::new(embedded(), &entry("blackmail", Some("勒索, extortion")));
        assert!(blackmail.cues.contains(&"extortion".to_string()));
    }

    #[test]
    fn without_a_note_the_first_sense_is_meant() {
        let plain = SenseContext::new(embedded(), &entry("forest", None));
        assert_eq!(
            plain.intended,
            embedded().wordnet().sense_ids("forest").first().copied()
        );
    }
}
