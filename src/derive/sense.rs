//! Which sense an entry's term is meant in, and the words that signal that sense in a text.

use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

use crate::glossary::{Entry, Glossary, Kind};
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
    /// The entry has no note and the glossary's domain leans to `intended` on one word
    /// only: nothing settles which sense the writer meant, so the synonyms of that sense are
    /// candidates too ("committee" for "commission", "sulfuric acid" for "vitriol"), left to
    /// the text to bind.
    pub leaning: bool,
    /// The entry has no note and no WordNet sense fits the glossary's subject ("schedule" a
    /// drug): a candidate of any sense is bound only by the glossary's subject terms in the
    /// text (see `rules::derived`), as a verb acting on one.
    pub by_subject: bool,
}

/// How many subject terms a glossary needs before they say what a note-less entry with no
/// fitting WordNet sense is about.
const MIN_SUBJECT_TERMS: usize = 3;

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

/// Words match across a glossary only when one is the other with a short ending: "substance"
/// and "substances", "trafficker" and "trafficking", not "underwhelmed" and "undertake".
fn kin(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // Asked for every pair of words of entries that share a word: count only when needed.
    let shared = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    shared >= 5 && shared + 3 >= a.chars().count().min(b.chars().count())
}

/// The key under which words that may be `kin` are filed: their first five letters.
fn kin_key(word: &str) -> String {
    word.chars().take(5).collect()
}

/// What a glossary is about: the words of its terms and notes. A glossary holding
/// "fentanyl", "controlled substances" and "drug cartel" is about drugs, and its
/// "precursor" is the chemical one, with or without a note. People are left out: a name's
/// senses ("person", "someone") say nothing of the subject.
#[derive(Debug, Clone, Default)]
pub struct Domain {
    /// Per content word, how many entries use it.
    words: HashMap<String, u32>,
    /// The words of `words` by `kin_key`.
    by_key: HashMap<String, Vec<String>>,
    /// The words of the glossary's terms (not names), as opposed to its notes: a note
    /// defines with generic words ("action", "official") that any text holds.
    term_words: HashSet<String>,
    /// Per entry, its distinct content words (empty for names).
    of_entry: Vec<Vec<String>>,
    /// Per entry, its term's content words, lowercase.
    terms: Vec<Vec<String>>,
    /// The entries whose terms hold a word, by the word's `kin_key` (terms of the subject
    /// only, not names of people or institutions).
    term_index: HashMap<String, Vec<usize>>,
    /// Per entry, its term as written, lowercase.
    term_text: Vec<String>,
    /// Per entry of the subject, what its term is a kind of: the WordNet noun senses of the
    /// term (or its head) and their hypernyms up to [`KIND_STEPS`] (see [`Domain::with_kinds`]).
    kinds: Vec<HashSet<u32>>,
    /// Per entry, whether it is a term of the subject (a term, phrase or chemical).
    subject: Vec<bool>,
}

/// How many steps up WordNet's hypernyms a glossary term may be a kind of what a note names:
/// "chemical" is a material, a material a substance.
const KIND_STEPS: usize = 3;

impl Domain {
    pub fn new(glossary: &Glossary) -> Domain {
        let mut domain = Domain::default();
        for (index, entry) in glossary.entries.iter().enumerate() {
            let term = content_words(&entry.term);
            let mut own: Vec<String> = Vec::new();
            // Names of institutions are made of generic words ("national", "council").
            let subject = matches!(entry.kind, Kind::Term | Kind::Phrase | Kind::Chem);
            if subject {
                domain.term_words.extend(term.iter().cloned());
            }
            if entry.kind != Kind::Name {
                let note = entry.note.as_deref().map(content_words).unwrap_or_default();
                for word in term.iter().chain(&note) {
                    if !own.contains(word) {
                        own.push(word.clone());
                    }
                }
            }
            for word in &own {
                let count = domain.words.entry(word.clone()).or_default();
                if *count == 0 {
                    domain
                        .by_key
                        .entry(kin_key(word))
                        .or_default()
                        .push(word.clone());
                }
                *count += 1;
            }
            for word in term.iter().filter(|_| subject) {
                let listed = domain.term_index.entry(kin_key(word)).or_default();
                if listed.last() != Some(&index) {
                    listed.push(index);
                }
            }
            domain.of_entry.push(own);
            domain.terms.push(term);
            domain.term_text.push(entry.term.to_lowercase());
            domain.kinds.push(HashSet::new());
            domain.subject.push(subject);
        }
        domain
    }

    /// Works out what each term of the subject is a kind of, for [`Domain::objects`]. Terms
    /// of the subject only: a person or an institution is no instance of a note's "body".
    pub fn with_kinds(mut self, lexicon: &Lexicon, glossary: &Glossary) -> Domain {
        // Thousands of hypernym walks, independent of each other.
        self.kinds
            .par_iter_mut()
            .zip(&glossary.entries)
            .filter(|(_, entry)| matches!(entry.kind, Kind::Term | Kind::Phrase | Kind::Chem))
            .for_each(|(kinds, entry)| *kinds = kinds_of(lexicon, &entry.term));
        self
    }

    /// The other terms of the glossary that are things of a kind entry `index`'s note names:
    /// a note "put a substance on a list" is about the glossary's chemicals and drugs, as
    /// WordNet has it ("chemical" is a material, a material a substance), so "precursor
    /// chemicals" right after "arrange" binds it to "schedule" whatever the note's words.
    fn objects(&self, lexicon: &Lexicon, index: usize, note: &str) -> Vec<String> {
        // Words of names in the note ("Drugs" of "the UN Commission on Narcotic Drugs")
        // name one body, not the kind of thing the term is about; the commonest nouns
        // ("change", "body", "part") are of too many kinds to say.
        let named: HashSet<u32> = tokens(note)
            .enumerate()
            .filter(|(n, (_, w))| *n == 0 || !w.starts_with(char::is_uppercase))
            .map(|(_, (_, w))| w.to_lowercase())
            .filter(|w| w.len() >= 4 && !is_stopword(w))
            .filter(|w| !super::is_everyday(lexicon, w))
            .flat_map(|w| noun_senses(lexicon, &w))
            .collect();
        if named.is_empty() {
            return Vec::new();
        }
        (0..self.kinds.len())
            .filter(|&j| j != index && !self.kinds[j].is_disjoint(&named))
            .map(|j| self.term_text[j].clone())
            .collect()
    }

    /// How many entries are terms of the glossary's subject (not names or institutions).
    fn subject_count(&self) -> usize {
        self.subject.iter().filter(|s| **s).count()
    }

    /// The glossary's words, other than those of entry `index` alone and of its term, that
    /// a description (`bag`) holds.
    fn hits(&self, index: usize, term: &[String], bag: &[String]) -> Vec<String> {
        let own = self.of_entry.get(index);
        let mut out: Vec<String> = Vec::new();
        for b in bag {
            for w in self.by_key.get(&kin_key(b)).into_iter().flatten() {
                let mine = own.is_some_and(|o| o.contains(w)) as u32;
                if kin(w, b)
                    && self.words[w] > mine
                    && !term.iter().any(|t| kin(t, w))
                    && !out.contains(w)
                {
                    out.push(w.clone());
                }
            }
        }
        out
    }

    /// Words that other entries put with the term's own word ("chemicals" of "precursor
    /// chemicals", for "precursor"): the glossary itself says what the word goes with.
    /// Names of institutions do not count: "Commission on Narcotic Drugs" is one body, not
    /// what any commission is about.
    fn companions(&self, index: usize, term: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        let mut listed = HashSet::new();
        for t in term {
            for &other in self.term_index.get(&kin_key(t)).into_iter().flatten() {
                let words = &self.terms[other];
                if other == index || !words.iter().any(|w| kin(t, w)) {
                    continue;
                }
                for word in words {
                    if !listed.contains(word.as_str()) && !term.iter().any(|t| kin(t, word)) {
                        listed.insert(word.as_str());
                        out.push(word.clone());
                    }
                }
            }
        }
        out
    }
}

/// The WordNet noun senses of a word, through its singular.
fn noun_senses(lexicon: &Lexicon, word: &str) -> Vec<u32> {
    let wordnet = lexicon.wordnet();
    let nouns = |w: &str| -> Vec<u32> {
        wordnet
            .sense_ids(w)
            .iter()
            .copied()
            .filter(|&id| wordnet.synset(id).pos == Pos::Noun)
            .collect()
    };
    let direct = nouns(word);
    if direct.is_empty() {
        super::singular(lexicon, word).map_or_else(Vec::new, |base| nouns(&base))
    } else {
        direct
    }
}

/// What a term is a kind of: the noun senses of the whole term as WordNet lists it
/// ("controlled substance"), or else of its head ("chemicals" of "precursor chemicals"),
/// and their hypernyms up to [`KIND_STEPS`] steps.
fn kinds_of(lexicon: &Lexicon, term: &str) -> HashSet<u32> {
    let wordnet = lexicon.wordnet();
    let lower = term.to_lowercase();
    let mut frontier = noun_senses(lexicon, &lower);
    if frontier.is_empty() {
        let head = lower.rsplit([' ', '-']).next().unwrap_or("");
        frontier = noun_senses(lexicon, head);
    }
    let mut reach: HashSet<u32> = frontier.iter().copied().collect();
    for _ in 0..KIND_STEPS {
        frontier = frontier
            .iter()
            .flat_map(|&id| wordnet.hypernyms(id))
            .filter(|&id| reach.insert(id))
            .collect();
    }
    reach
}

/// How the senses of a term score against a glossary's domain: per sense, the distinct
/// domain words its description holds.
fn domain_scores(
    lexicon: &Lexicon,
    senses: &[u32],
    domain: &Domain,
    index: usize,
    term: &[String],
) -> Vec<(u32, Vec<String>)> {
    senses
        .iter()
        .map(|&id| (id, domain.hits(index, term, &sense_words(lexicon, id))))
        .collect()
}

/// The sense the domain points to: the one whose description holds the most of the
/// glossary's words (its note's hits counting too), when it holds at least one and no other
/// sense holds as many. A note that matched senses only weakly ("place" in "to place a drug
/// under legal control") needs the domain's support for that very sense.
fn by_domain(scores: &[(u32, Vec<String>)], note_hits: &[usize], has_note: bool) -> Option<u32> {
    let total = |i: usize| scores[i].1.len() + note_hits.get(i).copied().unwrap_or(0);
    // A note that says nothing of a sense rules it out, whatever the domain says (a note
    // that fits no sense describes one WordNet lacks).
    let best = (0..scores.len())
        .filter(|&i| !scores[i].1.is_empty() && (!has_note || note_hits[i] > 0))
        .max_by_key(|&i| total(i))?;
    let unique = (0..scores.len()).all(|i| i == best || total(i) < total(best));
    unique.then_some(scores[best].0)
}

impl SenseContext {
    /// The sense of an entry from its note and the lexicon alone.
    pub fn new(lexicon: &Lexicon, entry: &Entry) -> SenseContext {
        SenseContext::in_glossary(lexicon, entry, usize::MAX, &Domain::default())
    }

    /// The sense of entry `index` from all the evidence at hand: its note, WordNet's senses
    /// and the glossary's other entries.
    pub fn in_glossary(
        lexicon: &Lexicon,
        entry: &Entry,
        index: usize,
        domain: &Domain,
    ) -> SenseContext {
        let note_words = entry.note.as_deref().map(content_words).unwrap_or_default();
        let senses = senses_of(lexicon, &entry.term);
        let term_words = content_words(&entry.term);
        let scores = domain_scores(lexicon, senses, domain, index, &term_words);
        let (by_note, note_hits) = by_note(lexicon, senses, &note_words);
        let intended = by_note.or_else(|| by_domain(&scores, &note_hits, !note_words.is_empty()));
        // Without a note, one glossary word behind a sense is a lean, not a decision.
        let bare = note_words.is_empty() && entry.context.is_empty() && !domain.words.is_empty();
        let support = |id: u32| {
            scores
                .iter()
                .find(|(s, _)| *s == id)
                .map_or(0, |(_, h)| h.len())
        };
        let leaning = bare && intended.is_some_and(|id| support(id) < 2);
        let by_subject = bare
            && intended.is_none()
            && !senses.is_empty()
            && domain.subject_count() >= MIN_SUBJECT_TERMS;
        // Without a note or a domain to say otherwise, the most frequent sense.
        let intended = match intended {
            None if note_words.is_empty() && domain.words.is_empty() => senses.first().copied(),
            found => found,
        };
        let mut bag = intended
            .map(|id| sense_words(lexicon, id))
            .unwrap_or_default();
        bag.extend(note_words.iter().cloned());
        let mut cues: Vec<String> = note_words.clone();
        cues.extend(entry.context.iter().map(|c| c.to_lowercase()));
        if let Some(id) = intended {
            // A definition's words are generic ("order", "parts", "activity"): they tell the
            // sense a note describes, but with no note the glossary's own words must.
            if by_note.is_some() || note_words.is_empty() && domain.words.is_empty() {
                cues.extend(content_words(lexicon.wordnet().synset(id).gloss));
            }
            // The words of the glossary's terms that the intended sense's description holds
            // link the sense to the subject ("substances" for the chemical "precursor").
            if let Some((_, hits)) = scores.iter().find(|(s, _)| *s == id) {
                cues.extend(
                    hits.iter()
                        .filter(|w| domain.term_words.contains(*w))
                        .cloned(),
                );
            }
        }
        cues.extend(domain.companions(index, &term_words));
        if !senses.is_empty() {
            cues.extend(domain.objects(lexicon, index, entry.note.as_deref().unwrap_or("")));
        }
        let own: HashSet<&String> = term_words.iter().collect();
        let keep: Vec<bool> = {
            let mut seen = HashSet::new();
            cues.iter()
                .map(|c| !own.contains(c) && seen.insert(c.as_str()))
                .collect()
        };
        let mut keep = keep.into_iter();
        cues.retain(|_| keep.next().unwrap_or(false));
        let pos = if note_means_verb(lexicon, entry.note.as_deref().unwrap_or("")) {
            Some(Pos::Verb)
        } else {
            intended.map(|id| lexicon.wordnet().synset(id).pos)
        };
        SenseContext {
            intended,
            cues,
            bag,
            pos,
            leaning,
            by_subject,
        }
    }

    /// Whether one of the first senses of `word` is described with words of the intended
    /// sense, i.e. `word` is a synonym in that sense.
    pub fn describes(&self, lexicon: &Lexicon, word: &str) -> bool {
        self.describer(lexicon)(word)
    }

    /// [`SenseContext::describes`] for many words: the bag is filed once, by word and by
    /// the first five letters that make words `related`, instead of compared word by word.
    pub fn describer<'s>(&'s self, lexicon: &'s Lexicon) -> impl Fn(&str) -> bool + 's {
        let exact: HashSet<&str> = self.bag.iter().map(String::as_str).collect();
        let prefixes: HashSet<String> = self
            .bag
            .iter()
            .filter(|b| b.chars().count() >= 5)
            .map(|b| b.chars().take(5).collect())
            .collect();
        let in_bag = move |w: &str| {
            exact.contains(w)
                || (w.chars().count() >= 5
                    && prefixes.contains(&w.chars().take(5).collect::<String>()))
        };
        move |word: &str| {
            let wordnet = lexicon.wordnet();
            wordnet.sense_ids(word).iter().take(3).any(|&id| {
                let synset = wordnet.synset(id);
                content_words(synset.gloss).iter().any(|w| in_bag(w))
            })
        }
    }
}

/// Words that open a verb's object in a note ("place *a* drug", "put *the* list").
const OBJECT_OPENERS: &[&str] = &[
    "a",
    "an",
    "the",
    "it",
    "its",
    "them",
    "something",
    "someone",
    "this",
    "these",
    "those",
];

/// Whether a note describes a verb. Desk notes are written "to place a drug under legal
/// control", but as often without the "to" ("place a substance under legal control", "put
/// a substance on a list"), or, for a gerund entry such as "scheduling", as a gerund
/// ("placing a substance ..."): a verb or its gerund followed by the opening of its object.
/// A noun's note rarely starts so ("tax on imports", "standing official body").
pub(super) fn note_means_verb(lexicon: &Lexicon, note: &str) -> bool {
    let mut words = tokens(note).map(|(_, w)| w.to_lowercase());
    let (Some(first), second) = (words.next(), words.next()) else {
        return false;
    };
    if first == "to" {
        return true;
    }
    let wordnet = lexicon.wordnet();
    let verb = wordnet.has_sense_as(&first, Pos::Verb)
        || first.ends_with("ing") && wordnet.is_verb_form(&first);
    verb && second.is_some_and(|w| OBJECT_OPENERS.contains(&w.as_str()))
}

/// The WordNet senses of a single-word term (through its singular); none for a phrase.
fn senses_of<'l>(lexicon: &'l Lexicon, term: &str) -> &'l [u32] {
    let term = term.to_lowercase();
    if term.contains(' ') {
        return &[];
    }
    let wordnet = lexicon.wordnet();
    let direct = wordnet.sense_ids(&term);
    if direct.is_empty() {
        super::singular(lexicon, &term).map_or(&[][..], |base| wordnet.sense_ids(&base))
    } else {
        direct
    }
}

/// The sense a note picks, if it does, and how many of the note's words each sense's
/// description holds.
fn by_note(lexicon: &Lexicon, senses: &[u32], note_words: &[String]) -> (Option<u32>, Vec<usize>) {
    let hits: Vec<usize> = senses
        .iter()
        .map(|&id| {
            let bag = sense_words(lexicon, id);
            note_words
                .iter()
                .filter(|n| bag.iter().any(|b| related(n, b)))
                .count()
        })
        .collect();
    let mut best = (0, None);
    for (&id, &score) in senses.iter().zip(&hits) {
        if score > best.0 {
            best = (score, Some(id));
        }
    }
    // One shared word of a long note is often a generic one ("place" in "to place a drug
    // under legal control" is not "the time and place for events"): such a weak match
    // leaves the sense to other evidence rather than wrong.
    let needed = if note_words.len() >= 4 { 2 } else { 1 };
    (best.1.filter(|_| best.0 >= needed), hits)
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
    use crate::glossary::{Glossary, Origin};
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

    /// Three senses of "precursor" and a few words of a drug glossary's terms.
    fn tiny() -> Lexicon {
        Lexicon::builder()
            .wordnet(
                "n00000001\tn\tharbinger|forerunner|precursor\t\tsomething that precedes and indicates the approach of something\n\
                 n00000002\tn\tprecursor|forerunner\thyper:n00000004\ta person who goes before or announces the coming of another\n\
                 n00000003\tn\tprecursor\thyper:n00000005\ta substance from which another substance is formed\n\
                 n00000004\tn\tperson|individual\t\ta human being\n\
                 n00000005\tn\tmaterial|stuff\t\tthe tangible substance that goes into the makeup of a physical object\n",
            )
            .build()
    }

    fn in_glossary(glossary: &str, term: &str) -> SenseContext {
        sense_of(&tiny(), glossary, term, false)
    }

    /// The sense of `term` in `glossary`, read against the glossary's domain (with the kinds
    /// of its terms when `kinds`).
    fn sense_of(lexicon: &Lexicon, glossary: &str, term: &str, kinds: bool) -> SenseContext {
        let glossary = Glossary::parse("g.tsv", glossary).unwrap();
        let index = glossary
            .entries
            .iter()
            .position(|e| e.term == term)
            .unwrap();
        let mut domain = Domain::new(&glossary);
        if kinds {
            domain = domain.with_kinds(lexicon, &glossary);
        }
        SenseContext::in_glossary(lexicon, &glossary.entries[index], index, &domain)
    }

    fn gloss(lexicon: &Lexicon, sense: &SenseContext) -> String {
        sense
            .intended
            .map(|id| lexicon.wordnet().synset(id).gloss.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn without_a_note_the_glossary_domain_picks_the_sense() {
        let drugs = "term\tkind\nprecursor\tterm\ncontrolled substances\tterm\nfentanyl\tchem\n";
        let sense = in_glossary(drugs, "precursor");
        assert!(
            gloss(&tiny(), &sense).starts_with("a substance"),
            "{sense:?}"
        );
        // The glossary's words that tie the sense to its subject are cues.
        assert!(
            sense.cues.contains(&"substances".to_string()),
            "{:?}",
            sense.cues
        );
        // A glossary that says nothing of any sense picks none: nothing tells which is meant.
        let unrelated = "term\tkind\nprecursor\tterm\nkernel panic\tterm\n";
        assert_eq!(in_glossary(unrelated, "precursor").intended, None);
        // People's names say nothing of the subject ("person" of a name is no evidence).
        let names = "term\tkind\tnote\nprecursor\tterm\t\nBiden\tname\ta person, US president\n";
        assert_eq!(in_glossary(names, "precursor").intended, None);
    }

    #[test]
    fn a_note_phrased_without_to_or_the_drug_is_helped_by_the_domain() {
        // A desk note that defines without naming the beat: one word ("material") ties it
        // to a sense, too weak alone for a four-word note...
        let note = "starting material a drug is synthesised from";
        let alone = format!("term\tkind\tnote\nprecursor\tterm\t{note}\n");
        assert_eq!(in_glossary(&alone, "precursor").intended, None);
        // ... and enough with the glossary's other terms behind the same sense.
        let drugs = format!("{alone}controlled substances\tterm\t\n");
        let sense = in_glossary(&drugs, "precursor");
        assert!(
            gloss(&tiny(), &sense).starts_with("a substance"),
            "{sense:?}"
        );
    }

    #[test]
    fn other_terms_with_the_word_say_what_it_goes_with() {
        let drugs =
            "term\tkind\nprecursor\tterm\nprecursor chemicals\tterm\ncontrolled substances\tterm\n";
        let sense = in_glossary(drugs, "precursor");
        assert!(
            sense.cues.contains(&"chemicals".to_string()),
            "{:?}",
            sense.cues
        );
        assert!(kin("substance", "substances") && kin("trafficker", "trafficking"));
        assert!(!kin("underwhelmed", "undertake") && !kin("reciprocal", "recipient"));
    }

    /// "schedule" (a noun and a verb), "place" and "tax" (nouns and verbs), and the kinds
    /// of a drug glossary: a chemical is a material, a material a substance.
    fn kinds() -> Lexicon {
        Lexicon::builder()
            .wordnet(
                "n00000001\tn\tschedule\t\tan ordered list of times\n\
                 v00000002\tv\tschedule\t\tplan for an activity at a time\n\
                 v00000003\tv\tplace|put\t\tput into a certain place\n\
                 n00000004\tn\tplace\t\ta point located with respect to surface features\n\
                 n00000005\tn\ttax|tariff\t\tcharge against a citizen's person or property\n\
                 v00000006\tv\ttax\t\tlevy a tax on\n\
                 n00000007\tn\tsubstance|matter\t\tthat which has mass and occupies space\n\
                 n00000008\tn\tmaterial|stuff\thyper:n00000007\tthe tangible substance of a physical object\n\
                 n00000009\tn\tchemical|chemical substance\thyper:n00000008\tmaterial made by chemistry\n\
                 n00000010\tn\twar\t\tthe waging of armed conflict\n",
            )
            .build()
    }

    #[test]
    fn a_note_without_to_or_as_a_gerund_may_mean_a_verb() {
        let lexicon = kinds();
        let pos = |note: &str| SenseContext::new(&lexicon, &entry("schedule", Some(note))).pos;
        for verb in [
            "to place a drug under legal control",
            "place a drug under legal control",
            "put a substance on an official list",
            "placing a substance under legal control",
        ] {
            assert_eq!(pos(verb), Some(Pos::Verb), "{verb}");
        }
        // A noun's note that starts with a word that may be a verb: no object follows.
        assert!(!note_means_verb(&lexicon, "tax on imports"));
        assert!(!note_means_verb(&lexicon, "an ordered list of times"));
        assert!(!note_means_verb(&lexicon, ""));
    }

    fn with_kinds(glossary: &str, term: &str) -> SenseContext {
        sense_of(&kinds(), glossary, term, true)
    }

    #[test]
    fn terms_of_the_kind_a_note_names_are_its_cues() {
        // "substance" in the note: the glossary's chemicals are substances, as WordNet has
        // it, wherever they stand in the text ("arrange two precursor chemicals").
        let drugs = "term\tkind\tnote\n\
            schedule\tterm\tput a substance on an official list\n\
            precursor chemicals\tterm\t\n\
            trade war\tterm\t\n";
        let cues = with_kinds(drugs, "schedule").cues;
        assert!(
            cues.contains(&"precursor chemicals".to_string()),
            "{cues:?}"
        );
        assert!(!cues.contains(&"trade war".to_string()), "{cues:?}");
        // A word of a name in the note names one body, not a kind of thing.
        let named = "term\tkind\tnote\n\
            schedule\tterm\tas the Commission on Narcotic Substance does\n\
            precursor chemicals\tterm\t\n";
        let cues = with_kinds(named, "schedule").cues;
        assert!(
            !cues.contains(&"precursor chemicals".to_string()),
            "{cues:?}"
        );
    }

    #[test]
    fn a_sense_the_domain_picks_on_one_word_is_only_a_lean() {
        // "substances" alone ties the chemical "precursor" to a note-less drug glossary.
        let drugs = "term\tkind\nprecursor\tterm\ncontrolled substances\tterm\nfentanyl\tchem\n";
        let sense = in_glossary(drugs, "precursor");
        assert!(sense.intended.is_some() && sense.leaning, "{sense:?}");
        // A note that picks the sense settles it.
        let noted = "term\tkind\tnote\nprecursor\tterm\ta substance from which another is formed\n\
            controlled substances\tterm\t\n";
        assert!(!in_glossary(noted, "precursor").leaning);
    }

    #[test]
    fn a_note_less_entry_whose_sense_wordnet_lacks_is_left_to_the_glossary_subject() {
        // No sense of "schedule" is about chemicals: the glossary's subject terms must bind it.
        let drugs = "term\tkind\tnote\nschedule\tterm\t\nprecursor chemicals\tterm\t\n\
            controlled substances\tterm\t\nfentanyl\tchem\t\nBiden\tname\tUS president\n";
        let sense = with_kinds(drugs, "schedule");
        assert!(sense.by_subject && sense.intended.is_none(), "{sense:?}");
        // A note says what it is about; two terms are no subject to speak of.
        let noted = drugs.replace("schedule\tterm\t", "schedule\tterm\tput a drug on a list");
        assert!(!with_kinds(&noted, "schedule").by_subject);
        let small = "term\nschedule\nfentanyl\n";
        assert!(!with_kinds(small, "schedule").by_subject);
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
