//! What the glossary itself says about each entry's subject, for derived renderings: which
//! other entries share it (so a text about it uses them), and which words the entry's own note
//! uses for it (so they are the writer's words for the term, not a spin of it).

use std::collections::HashSet;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::glossary::{Entry, Glossary, Kind};
use crate::text::words::{is_stopword, tokens};

/// An entry needs at least this many neighbours in its glossary before the text can be said
/// to be off its subject: with fewer, the glossary says too little about the subject.
const MIN_NEIGHBOURS: usize = 2;
/// How many of its neighbours a text must use to be on an entry's subject: one is often a
/// word of everyday English that happens to be a term ("process", "thread"), or a shared
/// generic word ("control" of "export controls" and of "version control").
const MIN_PRESENT: usize = 2;

/// Content words of a text, lowercase: the words that can say what a term is about.
fn content_words(text: &str) -> Vec<String> {
    tokens(text)
        .map(|(_, w)| w.to_lowercase())
        .filter(|w| w.chars().count() >= 4 && !is_stopword(w) && w.chars().all(char::is_alphabetic))
        .collect()
}

/// Whether two lowercase words are forms of one word: equal, a plural ("duty"/"duties"), or
/// one the other with a short ending on a long shared stem ("sells"/"seller",
/// "control"/"controls"), but not merely sharing a beginning ("commit"/"commission",
/// "control"/"contrast").
pub fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let plural = |one: &str, other: &str| {
        other
            .strip_prefix(one)
            .is_some_and(|rest| rest == "s" || rest == "es")
            || one
                .strip_suffix('y')
                .is_some_and(|stem| other.strip_prefix(stem) == Some("ies"))
    };
    if plural(a, b) || plural(b, a) {
        return true;
    }
    let shared = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let longest = a.chars().count().max(b.chars().count());
    shared >= 4 && shared + 2 >= longest
}

/// Per glossary entry, the other entries that share its subject: those whose term holds a
/// word of its term or note, or whose note or term holds a word of its term ("precursor",
/// whose note says "drug" and "fentanyl", and "drug cartel", "fentanyl"). Names of people
/// are left out: what is said of a person is no subject. Worked out once per glossary.
pub struct Neighbours {
    of: Vec<Vec<usize>>,
}

impl Neighbours {
    pub fn new(glossary: &Glossary) -> Neighbours {
        let entries = &glossary.entries;
        let counts = |e: &Entry| e.kind != Kind::Name;
        let term_words: Vec<Vec<String>> = entries.iter().map(|e| content_words(&e.term)).collect();
        let described: Vec<Vec<String>> = entries
            .iter()
            .map(|e| {
                let mut words = content_words(&e.term);
                words.extend(content_words(e.note.as_deref().unwrap_or("")));
                words.sort_unstable();
                words.dedup();
                words
            })
            .collect();
        // Term words filed by their first four letters, where `same_word` needs them shared.
        let key = |w: &str| w.chars().take(4).collect::<String>();
        let mut by_key: FxHashMap<String, Vec<(usize, &str)>> = FxHashMap::default();
        for (index, words) in term_words.iter().enumerate() {
            if !counts(&entries[index]) {
                continue;
            }
            for w in words {
                by_key.entry(key(w)).or_default().push((index, w));
            }
        }
        let mut of: Vec<FxHashSet<usize>> = vec![FxHashSet::default(); entries.len()];
        for (index, words) in described.iter().enumerate() {
            if !counts(&entries[index]) {
                continue;
            }
            for w in words {
                let similar = by_key.get(&key(w)).into_iter().flatten();
                for &(other, _) in similar.filter(|(o, t)| *o != index && same_word(w, t)) {
                    // Both ways: "drug cartel" shares the subject of "precursor" as much as
                    // "precursor" shares that of "drug cartel".
                    of[index].insert(other);
                    of[other].insert(index);
                }
            }
        }
        Neighbours {
            of: of
                .into_iter()
                .map(|set| {
                    let mut v: Vec<usize> = set.into_iter().collect();
                    v.sort_unstable();
                    v
                })
                .collect(),
        }
    }

    /// Whether a text whose correct terms are `present` (by entry) is off the subject of
    /// `entry`: the glossary gives the entry neighbours, and the text uses fewer than two of
    /// them. A glossary mixing subjects (drugs and computing) has terms of one subject that
    /// are ordinary words of the other ("process", "kernel"); on a text about the other,
    /// their synonyms are meant as themselves.
    pub fn off_subject(&self, entry: usize, present: &HashSet<usize>) -> bool {
        self.present(entry, present)
            .is_some_and(|count| count < MIN_PRESENT)
    }

    /// How many of the entry's neighbours the text uses, when it has enough to tell.
    fn present(&self, entry: usize, present: &HashSet<usize>) -> Option<usize> {
        let neighbours = &self.of[entry];
        (neighbours.len() >= MIN_NEIGHBOURS)
            .then(|| neighbours.iter().filter(|n| present.contains(n)).count())
    }
}

/// The words an entry's note uses, lowercase: the writer's own words for the term's subject.
pub fn note_words(entry: &Entry) -> Vec<String> {
    content_words(entry.note.as_deref().unwrap_or(""))
}

/// Whether a candidate replacement is the writer's own word for the term: every content word
/// of it is a word of the note ("sellers" for "trafficker: person who smuggles or sells
/// illegal drugs", "talks" for "consultations: formal talks between governments"). A note
/// defines a term by its kind and what it does; a text that calls it that is right.
pub fn in_note(note_words: &[String], candidate: &str) -> bool {
    let words = content_words(candidate);
    !words.is_empty()
        && words
            .iter()
            .all(|w| note_words.iter().any(|n| same_word(w, n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary(tsv: &str) -> Glossary {
        Glossary::parse("test.tsv", tsv).unwrap()
    }

    #[test]
    fn forms_of_one_word_are_the_same_word_and_shared_beginnings_are_not() {
        for (a, b) in [
            ("sells", "seller"),
            ("duty", "duties"),
            ("control", "controls"),
            ("drug", "drugs"),
        ] {
            assert!(same_word(a, b), "{a} / {b}");
        }
        for (a, b) in [
            ("commit", "commission"),
            ("control", "contrast"),
            ("work", "world"),
        ] {
            assert!(!same_word(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn a_candidate_the_note_uses_is_the_writers_word() {
        let words = vec!["person".to_string(), "smuggles".into(), "sells".into()];
        assert!(in_note(&words, "seller"));
        assert!(!in_note(&words, "dealer"));
        assert!(!in_note(&words, "the"));
    }

    const MIXED: &str = "term\tkind\tnote\n\
        precursor\tterm\tchemical from which a drug such as fentanyl is made\n\
        fentanyl\tchem\tsynthetic opioid\n\
        drug cartel\tterm\tcriminal organization trafficking drugs\n\
        precursor chemicals\tterm\tchemicals used to make drugs\n\
        commit\tterm\trecorded snapshot of changes on a branch in version control\n\
        version control\tterm\ttracking changes to source code\n\
        branch\tterm\tline of development in version control\n\
        export controls\tterm\tgovernment limits on exports\n";

    #[test]
    fn a_text_using_other_terms_of_an_entrys_subject_is_on_it() {
        let g = glossary(MIXED);
        let neighbours = Neighbours::new(&g);
        let index = |t: &str| g.entries.iter().position(|e| e.term == t).unwrap();
        // A text on drugs and export controls: "commit" shares only "control" with it.
        let present: HashSet<usize> = [
            "fentanyl",
            "drug cartel",
            "precursor chemicals",
            "export controls",
        ]
        .iter()
        .map(|t| index(t))
        .collect();
        assert!(!neighbours.off_subject(index("precursor"), &present));
        assert!(neighbours.off_subject(index("commit"), &present));
        // A text on version control is on its subject.
        let present: HashSet<usize> = ["version control", "branch"]
            .iter()
            .map(|t| index(t))
            .collect();
        assert!(!neighbours.off_subject(index("commit"), &present));
    }

    #[test]
    fn an_entry_the_glossary_says_little_about_is_never_off_subject() {
        let g = glossary(
            "term\tnote\nvitriol\tbitter, abusive criticism\nfentanyl\tsynthetic opioid\n",
        );
        let neighbours = Neighbours::new(&g);
        assert!(!neighbours.off_subject(0, &HashSet::new()));
    }
}
