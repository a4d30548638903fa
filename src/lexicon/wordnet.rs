//! WordNet 3.0 synsets: which senses a word has, its synonyms in each, and links between
//! senses. Sense is what tells a wrong-sense substitution from a good synonym.

use std::borrow::Cow;

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
    /// Opposite senses ("low", "high"): never a spin, a contrast the writer means.
    Antonym,
}

/// One sense: its synonyms, links and definition.
#[derive(Debug, Clone)]
pub struct Synset<'a> {
    pub id: &'a str,
    pub pos: Pos,
    pub lemmas: Vec<&'a str>,
    pub links: Vec<(Relation, u32)>,
    pub gloss: &'a str,
}

pub struct WordNet<'a> {
    synsets: Vec<Synset<'a>>,
    /// Lowercased lemma -> its number, which indexes `spans`. Borrowed from the table's
    /// text unless the lemma has capitals.
    lemmas: HashMap<Cow<'a, str>, u32>,
    /// Per lemma number, its span of `sense_list`: the synsets holding the lemma, in WordNet
    /// order (most frequent sense first). One flat list instead of a `Vec` per lemma saves
    /// ~150k allocations at load.
    spans: Vec<(u32, u32)>,
    sense_list: Vec<u32>,
    /// Per synset, its span of `hypernym_list`: walking up the tree is the hot loop of
    /// derivation, and a flat list of numbers stays in the cache where the synsets do not.
    hypernym_starts: Vec<u32>,
    hypernym_list: Vec<u32>,
}

impl<'a> WordNet<'a> {
    /// Parses the synset table, borrowing its words from the text.
    pub(super) fn parse(text: &'a str) -> WordNet<'a> {
        let mut synsets = Vec::with_capacity(120_000);
        // Synset ids are a part-of-speech letter and a decimal offset: keyed as a number,
        // they hash and compare far faster than as strings.
        let mut ids: HashMap<u64, u32> = HashMap::default();
        ids.reserve(120_000);
        let mut raw_links = Vec::with_capacity(120_000);
        for line in super::data_lines(text) {
            let mut f = super::split_byte(line, b'\t');
            let (Some(id), Some(pos), Some(lemmas)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            let pos = match pos {
                "n" => Pos::Noun,
                "v" => Pos::Verb,
                "r" => Pos::Adverb,
                _ => Pos::Adjective,
            };
            let key = id_key(id).expect("WordNet table ids are a letter and 8 digits");
            ids.insert(key, synsets.len() as u32);
            raw_links.push(f.next().unwrap_or(""));
            synsets.push(Synset {
                id,
                pos,
                lemmas: super::split_byte(lemmas, b'|').collect(),
                links: Vec::new(),
                gloss: f.next().unwrap_or(""),
            });
        }
        for (synset, links) in synsets.iter_mut().zip(raw_links) {
            synset.links = super::split_byte(links, b' ')
                .filter_map(|link| {
                    let colon = link.bytes().position(|b| b == b':')?;
                    let (rel, target) = (&link[..colon], &link[colon + 1..]);
                    let rel = match rel {
                        "sim" => Relation::Similar,
                        "also" => Relation::AlsoSee,
                        "hyper" => Relation::Hypernym,
                        "hypo" => Relation::Hyponym,
                        "deriv" => Relation::Derivation,
                        "ant" => Relation::Antonym,
                        _ => return None,
                    };
                    Some((rel, *ids.get(&id_key(target)?)?))
                })
                .collect();
            // Hypernyms first: walking up the tree then never scans a general sense's
            // thousands of hyponym links.
            synset
                .links
                .sort_by_key(|(rel, _)| *rel != Relation::Hypernym);
        }
        let (lemmas, spans, sense_list) = index_lemmas(&synsets);
        let mut hypernym_starts = Vec::with_capacity(synsets.len() + 1);
        let mut hypernym_list = Vec::new();
        hypernym_starts.push(0);
        for synset in &synsets {
            let up = synset
                .links
                .iter()
                .take_while(|(r, _)| *r == Relation::Hypernym);
            hypernym_list.extend(up.map(|(_, target)| *target));
            hypernym_starts.push(hypernym_list.len() as u32);
        }
        WordNet {
            synsets,
            lemmas,
            spans,
            sense_list,
            hypernym_starts,
            hypernym_list,
        }
    }

    /// The senses of a word or phrase (case-insensitive), most frequent first.
    pub fn senses(&self, lemma: &str) -> impl Iterator<Item = &Synset<'a>> + '_ {
        self.sense_ids(lemma)
            .iter()
            .map(|&i| &self.synsets[i as usize])
    }

    /// Indices of the senses of a word, most frequent first.
    pub fn sense_ids(&self, lemma: &str) -> &[u32] {
        self.lemma_number(lemma)
            .map_or(&[], |number| self.senses_of_lemma(number))
    }

    /// The number of a word or phrase (case-insensitive) among the lemmas, if it is one.
    pub(super) fn lemma_number(&self, lemma: &str) -> Option<u32> {
        self.lemmas
            .get(crate::text::words::lowercase(lemma).as_ref())
            .copied()
    }

    /// Indices of the senses of the lemma with this number, most frequent first.
    pub(super) fn senses_of_lemma(&self, number: u32) -> &[u32] {
        let (start, end) = self.spans[number as usize];
        &self.sense_list[start as usize..end as usize]
    }

    /// The senses one step more general than sense `index`.
    pub fn hypernyms(&self, index: u32) -> impl Iterator<Item = u32> + '_ {
        let start = self.hypernym_starts[index as usize] as usize;
        let end = self.hypernym_starts[index as usize + 1] as usize;
        self.hypernym_list[start..end].iter().copied()
    }

    pub fn synset(&self, index: u32) -> &Synset<'a> {
        &self.synsets[index as usize]
    }

    /// Whether a word or phrase is a WordNet lemma.
    pub fn contains(&self, lemma: &str) -> bool {
        self.lemmas
            .contains_key(crate::text::words::lowercase(lemma).as_ref())
    }

    /// Whether a word (or phrase) has a sense of this part of speech.
    pub fn has_sense_as(&self, lemma: &str, pos: Pos) -> bool {
        self.sense_ids(lemma)
            .iter()
            .any(|&id| self.synsets[id as usize].pos == pos)
    }

    /// Whether a word may be of this part of speech: it has such a sense, or WordNet does not
    /// know it.
    pub fn may_be(&self, lemma: &str, pos: Pos) -> bool {
        let senses = self.sense_ids(lemma);
        senses.is_empty()
            || senses
                .iter()
                .any(|&id| self.synsets[id as usize].pos == pos)
    }

    /// Whether a word is a verb or a regular form of one ("reined", "logging", "gives").
    pub fn is_verb_form(&self, word: &str) -> bool {
        let word = crate::text::words::lowercase(word);
        let stems = [
            ("", ""),
            ("ed", ""),
            ("ed", "e"),
            ("ing", ""),
            ("ing", "e"),
            ("s", ""),
            ("es", ""),
        ];
        stems.iter().any(|(suffix, ending)| {
            word.strip_suffix(suffix).is_some_and(|stem| {
                stem.len() >= 2 && self.has_sense_as(&format!("{stem}{ending}"), Pos::Verb)
            })
        })
    }
}

/// A synset id such as `n00001740` (a part-of-speech letter and an 8-digit offset) as one
/// number, or `None` if it is not shaped like that.
fn id_key(id: &str) -> Option<u64> {
    let (&pos, offset) = id.as_bytes().split_first()?;
    if offset.len() != 8 || !offset.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let offset = offset
        .iter()
        .fold(0, |n, &digit| n * 10 + u64::from(digit - b'0'));
    Some(u64::from(pos) << 32 | offset)
}

/// Maps each lowercased lemma to the synsets holding it, in synset order, as spans of one flat
/// list: a first pass numbers the lemmas and counts their senses, a second fills the spans.
#[allow(clippy::type_complexity)]
fn index_lemmas<'a>(
    synsets: &[Synset<'a>],
) -> (HashMap<Cow<'a, str>, u32>, Vec<(u32, u32)>, Vec<u32>) {
    let mut slots: HashMap<Cow<'a, str>, u32> = HashMap::default();
    slots.reserve(160_000);
    // Per lemma: how many synsets hold it and the last one counted (a synset may list a
    // lemma twice in different cases); per lemma occurrence: its slot, or MAX if a repeat.
    let mut counts: Vec<u32> = Vec::with_capacity(160_000);
    let mut last: Vec<u32> = Vec::with_capacity(160_000);
    let mut occurrences: Vec<u32> = Vec::with_capacity(220_000);
    for (index, synset) in synsets.iter().enumerate() {
        let index = index as u32;
        for &lemma in &synset.lemmas {
            let key: Cow<'a, str> = if lemma.bytes().any(|b| b.is_ascii_uppercase())
                || !lemma.is_ascii() && lemma.chars().any(char::is_uppercase)
            {
                Cow::Owned(lemma.to_lowercase())
            } else {
                Cow::Borrowed(lemma)
            };
            let next = counts.len() as u32;
            let slot = *slots.entry(key).or_insert(next);
            if slot == next {
                counts.push(0);
                last.push(u32::MAX);
            }
            if last[slot as usize] == index {
                occurrences.push(u32::MAX);
            } else {
                last[slot as usize] = index;
                counts[slot as usize] += 1;
                occurrences.push(slot);
            }
        }
    }
    // Turn counts into start offsets, then fill each span in synset order.
    let mut spans = Vec::with_capacity(counts.len());
    let mut total = 0;
    for &count in &counts {
        spans.push((total, total + count));
        total += count;
    }
    let mut fill: Vec<u32> = spans.iter().map(|&(start, _)| start).collect();
    let mut list = vec![0; total as usize];
    let mut occurrence = occurrences.iter();
    for (index, synset) in synsets.iter().enumerate() {
        for _ in &synset.lemmas {
            let &slot = occurrence.next().expect("one slot per lemma occurrence");
            if slot != u32::MAX {
                list[fill[slot as usize] as usize] = index as u32;
                fill[slot as usize] += 1;
            }
        }
    }
    (slots, spans, list)
}

#[cfg(test)]
mod tests {
    use crate::lexicon::tests::embedded;

    #[test]
    fn vitriol_shares_a_sense_with_sulfuric_acid() {
        let lexicon = embedded();
        let shared = lexicon
            .wordnet()
            .senses("vitriol")
            .any(|s| s.lemmas.contains(&"sulfuric acid"));
        assert!(shared);
    }

    #[test]
    fn precursor_has_separate_chemical_and_forerunner_senses() {
        let lexicon = embedded();
        let wordnet = lexicon.wordnet();
        let senses: Vec<_> = wordnet.senses("precursor").collect();
        assert!(senses.len() >= 2);
        let forerunner = senses
            .iter()
            .filter(|s| s.lemmas.contains(&"forerunner"))
            .count();
        assert!(forerunner >= 1 && forerunner < senses.len());
        assert!(wordnet.contains("Precursor"));
        assert!(!wordnet.contains("dipiperone"));
    }
}
