//! Whether a word of a text is two thesaurus steps from a word of a term: the test for a
//! stand-in word that is not among the term word's candidates ("mammary" for "breast").
//!
//! A text asks about the same few words again and again, each against many term words, so
//! each word's side of the test is looked up once per text and the test itself is a set
//! intersection.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::candidates::{Kinship, base_forms};
use crate::lexicon::Lexicon;

/// The two-step test with each word's look-ups remembered: one per text checked.
pub struct KinshipTest<'l> {
    lexicon: &'l Lexicon,
    terms: RefCell<FxHashMap<String, Rc<TermSide>>>,
    texts: RefCell<FxHashMap<String, Rc<TextSide>>>,
    /// Each pair's answer, when the caller compares the same pairs again and again.
    pairs: Option<RefCell<PairMemo>>,
}

/// Answers by term word, then by text word, as the caller spelled them.
type PairMemo = FxHashMap<String, FxHashMap<String, Option<Kinship>>>;

/// A word of a term: its senses and their parents, and its synonyms (in Moby and in its
/// WordNet senses) as Moby ids.
struct TermSide {
    senses: FxHashSet<u32>,
    /// Each once (Moby's list and WordNet's lemmas repeat many).
    synonyms: FxHashSet<u32>,
}

/// A word of the text: its senses and their parents, and the Moby words it is one listing
/// away from (itself, the words it lists, the roots that list it).
struct TextSide {
    senses: Vec<u32>,
    listed: FxHashSet<u32>,
}

impl<'l> KinshipTest<'l> {
    pub fn new(lexicon: &'l Lexicon) -> KinshipTest<'l> {
        KinshipTest {
            lexicon,
            terms: RefCell::default(),
            texts: RefCell::default(),
            pairs: None,
        }
    }

    /// A test that also remembers each pair's answer: for a caller that compares every
    /// word of a run with a term's words, run after run (the source-aware locator); the
    /// set intersections then run once per pair of words.
    pub fn remembering_pairs(lexicon: &'l Lexicon) -> KinshipTest<'l> {
        KinshipTest {
            pairs: Some(RefCell::default()),
            ..KinshipTest::new(lexicon)
        }
    }

    /// Whether `spun` is linked to `word` through WordNet's family of senses, or through one
    /// shared synonym (or directly) in the thesauri. Plural and verb forms are looked up
    /// through their base forms.
    pub fn between(&self, word: &str, spun: &str) -> Option<Kinship> {
        let Some(pairs) = &self.pairs else {
            return self.test(word, spun);
        };
        let known = pairs.borrow().get(word).and_then(|m| m.get(spun)).copied();
        if let Some(answer) = known {
            return answer;
        }
        let answer = self.test(word, spun);
        let mut pairs = pairs.borrow_mut();
        let by_spun = pairs.entry(word.to_string()).or_default();
        by_spun.insert(spun.to_string(), answer);
        answer
    }

    fn test(&self, word: &str, spun: &str) -> Option<Kinship> {
        let term = remembered(&self.terms, word, |w| TermSide::new(self.lexicon, w));
        let text = remembered(&self.texts, spun, |w| TextSide::new(self.lexicon, w));
        if text.senses.iter().any(|s| term.senses.contains(s)) {
            Some(Kinship::WordNetFamily)
        } else if shared(&term.synonyms, &text.listed) {
            Some(Kinship::SharedSynonym)
        } else {
            None
        }
    }
}

/// Whether two sets of ids meet, looking up the members of the smaller in the larger.
fn shared(a: &FxHashSet<u32>, b: &FxHashSet<u32>) -> bool {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small.iter().any(|s| large.contains(s))
}

fn remembered<T>(
    cache: &RefCell<FxHashMap<String, Rc<T>>>,
    word: &str,
    new: impl FnOnce(&str) -> T,
) -> Rc<T> {
    // Looked up for every pair of words a locator compares: most are lower case already.
    let word = if word
        .bytes()
        .any(|b| !b.is_ascii() || b.is_ascii_uppercase())
    {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    };
    if let Some(known) = cache.borrow().get(word.as_ref()) {
        return known.clone();
    }
    let side = Rc::new(new(&word));
    cache.borrow_mut().insert(word.into_owned(), side.clone());
    side
}

/// A lowercase word and the base forms it may be an inflection of.
fn keys(lexicon: &Lexicon, word: &str) -> Vec<String> {
    let mut keys = vec![word.to_string()];
    keys.extend(base_forms(lexicon, word).into_iter().map(|(b, _)| b));
    keys
}

/// The senses of the words and the parents of each.
fn senses_and_parents<'a>(
    lexicon: &'a Lexicon,
    keys: &'a [String],
) -> impl Iterator<Item = u32> + 'a {
    let wordnet = lexicon.wordnet();
    keys.iter()
        .flat_map(|k| wordnet.sense_ids(k))
        .flat_map(|&id| std::iter::once(id).chain(wordnet.hypernyms(id)))
}

impl TermSide {
    fn new(lexicon: &Lexicon, word: &str) -> TermSide {
        let (moby, wordnet) = (lexicon.moby(), lexicon.wordnet());
        let keys = keys(lexicon, word);
        let mut synonyms = Vec::new();
        for key in &keys {
            if let Some(id) = moby.id(key) {
                synonyms.extend_from_slice(moby.synonym_ids(id));
            }
            for &id in wordnet.sense_ids(key) {
                synonyms.extend(wordnet.synset(id).lemmas.iter().filter_map(|l| moby.id(l)));
            }
        }
        // Gathered first, so each set is sized once.
        let senses: Vec<u32> = senses_and_parents(lexicon, &keys).collect();
        TermSide {
            senses: senses.into_iter().collect(),
            synonyms: synonyms.into_iter().collect(),
        }
    }
}

impl TextSide {
    fn new(lexicon: &Lexicon, word: &str) -> TextSide {
        let moby = lexicon.moby();
        let keys = keys(lexicon, word);
        let ids: Vec<u32> = keys.iter().filter_map(|k| moby.id(k)).collect();
        // Sized once: a common word is listed with hundreds of others, and growing the set
        // as they come rehashes it several times.
        let size = ids
            .iter()
            .map(|&id| 1 + moby.synonym_ids(id).len() + moby.listers(id).len())
            .sum();
        let mut listed = FxHashSet::with_capacity_and_hasher(size, Default::default());
        for id in ids {
            listed.insert(id);
            listed.extend(moby.synonym_ids(id));
            listed.extend(moby.listers(id));
        }
        TextSide {
            senses: senses_and_parents(lexicon, &keys).collect(),
            listed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relatives_and_shared_synonyms() {
        let test = KinshipTest::new(crate::lexicon::tests::embedded());
        assert_eq!(
            test.between("cancer", "carcinoma"),
            Some(Kinship::WordNetFamily)
        );
        assert_eq!(
            test.between("Cancer", "Carcinomas"),
            Some(Kinship::WordNetFamily)
        );
        assert_eq!(test.between("breast", "fentanyl"), None);
    }

    #[test]
    fn remembered_pairs_get_the_answers_of_the_test() {
        let lexicon = crate::lexicon::tests::embedded();
        let (test, remembering) = (
            KinshipTest::new(lexicon),
            KinshipTest::remembering_pairs(lexicon),
        );
        let words = [
            "cancer",
            "Carcinomas",
            "breast",
            "mammary",
            "fentanyl",
            "growth",
        ];
        for _ in 0..2 {
            for a in words {
                for b in words {
                    assert_eq!(remembering.between(a, b), test.between(a, b), "{a} {b}");
                }
            }
        }
        assert!(
            words
                .iter()
                .any(|a| words.iter().any(|b| a != b && test.between(a, b).is_some()))
        );
    }
}
