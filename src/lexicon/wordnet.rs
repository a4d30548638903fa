//! WordNet 3.0 synsets: which senses a word has, its synonyms in each, and links between
//! senses. Sense is what tells a wrong-sense substitution from a good synonym.

use rustc_hash::FxHashMap as HashMap;

/// Part of speech of a synset (adjective satellites count as adjectives).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pos {
    Noun,
    Verb,
    Adjective,
    Adverb,
}

/// A link between two synsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relation {
    Similar,
    AlsoSee,
    Hypernym,
    Hyponym,
    Derivation,
}

/// One sense: its synonyms, links and definition.
#[derive(Debug, Clone)]
pub struct Synset {
    pub id: &'static str,
    pub pos: Pos,
    pub lemmas: Vec<&'static str>,
    pub links: Vec<(Relation, u32)>,
    pub gloss: &'static str,
}

pub struct WordNet {
    synsets: Vec<Synset>,
    /// Lowercased lemma -> synsets holding it, in WordNet order (most frequent sense first).
    senses: HashMap<&'static str, Vec<u32>>,
}

impl WordNet {
    /// Parses the synset table; the text lives as long as the process, like the lexicon.
    pub(super) fn parse(text: &'static str) -> WordNet {
        let mut synsets = Vec::new();
        let mut ids: HashMap<&str, u32> = HashMap::default();
        let mut raw_links = Vec::new();
        for line in super::data_lines(text) {
            let mut f = line.split('\t');
            let (Some(id), Some(pos), Some(lemmas)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            let pos = match pos {
                "n" => Pos::Noun,
                "v" => Pos::Verb,
                "r" => Pos::Adverb,
                _ => Pos::Adjective,
            };
            ids.insert(id, synsets.len() as u32);
            raw_links.push(f.next().unwrap_or(""));
            synsets.push(Synset {
                id,
                pos,
                lemmas: lemmas.split('|').collect(),
                links: Vec::new(),
                gloss: f.next().unwrap_or(""),
            });
        }
        let mut senses: HashMap<&'static str, Vec<u32>> = HashMap::default();
        for (index, (synset, links)) in synsets.iter_mut().zip(raw_links).enumerate() {
            synset.links = links
                .split_whitespace()
                .filter_map(|link| {
                    let (rel, target) = link.split_once(':')?;
                    let rel = match rel {
                        "sim" => Relation::Similar,
                        "also" => Relation::AlsoSee,
                        "hyper" => Relation::Hypernym,
                        "hypo" => Relation::Hyponym,
                        "deriv" => Relation::Derivation,
                        _ => return None,
                    };
                    Some((rel, *ids.get(target)?))
                })
                .collect();
            for &lemma in &synset.lemmas {
                let key: &'static str = if lemma.chars().any(char::is_uppercase) {
                    Box::leak(lemma.to_lowercase().into_boxed_str())
                } else {
                    lemma
                };
                let list = senses.entry(key).or_default();
                if list.last() != Some(&(index as u32)) {
                    list.push(index as u32);
                }
            }
        }
        WordNet { synsets, senses }
    }

    /// The senses of a word or phrase (case-insensitive), most frequent first.
    pub fn senses(&self, lemma: &str) -> impl Iterator<Item = &Synset> + '_ {
        self.senses
            .get(lower(lemma).as_ref())
            .into_iter()
            .flatten()
            .map(|&i| &self.synsets[i as usize])
    }

    /// Indices of the senses of a word, most frequent first.
    pub fn sense_ids(&self, lemma: &str) -> &[u32] {
        self.senses
            .get(lower(lemma).as_ref())
            .map_or(&[], Vec::as_slice)
    }

    pub fn synset(&self, index: u32) -> &Synset {
        &self.synsets[index as usize]
    }

    /// Whether a word or phrase is a WordNet lemma.
    pub fn contains(&self, lemma: &str) -> bool {
        self.senses.contains_key(lower(lemma).as_ref())
    }
}

/// Lowercases only when needed: most look-ups are lowercase already.
fn lower(word: &str) -> std::borrow::Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        word.to_lowercase().into()
    } else {
        word.into()
    }
}

#[cfg(test)]
mod tests {
    use crate::lexicon::wordnet;

    #[test]
    fn vitriol_shares_a_sense_with_sulfuric_acid() {
        let shared = wordnet()
            .senses("vitriol")
            .any(|s| s.lemmas.contains(&"sulfuric acid"));
        assert!(shared);
    }

    #[test]
    fn precursor_has_separate_chemical_and_forerunner_senses() {
        let senses: Vec<_> = wordnet().senses("precursor").collect();
        assert!(senses.len() >= 2);
        let forerunner = senses
            .iter()
            .filter(|s| s.lemmas.contains(&"forerunner"))
            .count();
        assert!(forerunner >= 1 && forerunner < senses.len());
        assert!(wordnet().contains("Precursor"));
        assert!(!wordnet().contains("dipiperone"));
    }
}
