//! Candidate lookup without comparing every word with every entry.
//!
//! Each glossary word is filed under three kinds of key: its Double Metaphone codes (words that
//! sound alike), its sorted letters (anagrams) and, as in SymSpell, its de-doubled spelling with
//! at most one letter deleted (words one edit apart share such a key). A text word looks up its
//! own keys, so the work per word depends on bucket sizes, not on the size of the glossary.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::similarity::{Keys, MIN_LEN};

/// A word of a glossary term that text words are compared with.
#[derive(Debug, Clone)]
pub struct Target {
    /// Index into the near-miss entries.
    pub entry: u32,
    /// The word as written in the term.
    pub word: String,
    pub keys: Keys,
}

/// Word buckets by sound, letters and deletions.
#[derive(Debug, Default)]
pub struct WordIndex {
    targets: Vec<Target>,
    sound: HashMap<String, Vec<u32>>,
    sorted: HashMap<String, Vec<u32>>,
    deletes: HashMap<u64, Vec<u32>>,
}

fn hash(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// The string and every string with one character deleted.
fn deletions(word: &str, mut each: impl FnMut(u64)) {
    each(hash(word));
    let mut buf = String::with_capacity(word.len());
    for (i, c) in word.char_indices() {
        buf.clear();
        buf.push_str(&word[..i]);
        buf.push_str(&word[i + c.len_utf8()..]);
        each(hash(&buf));
    }
}

impl WordIndex {
    pub fn add(&mut self, target: Target) {
        let id = self.targets.len() as u32;
        let keys = &target.keys;
        if keys.len() >= MIN_LEN {
            for code in &keys.sounds {
                self.sound.entry(code.clone()).or_default().push(id);
            }
            if keys.len() >= 5 {
                self.sorted.entry(keys.sorted.clone()).or_default().push(id);
            }
            deletions(&keys.folded, |h| {
                let bucket = self.deletes.entry(h).or_default();
                if bucket.last() != Some(&id) {
                    bucket.push(id);
                }
            });
            self.targets.push(target);
        }
    }

    pub fn target(&self, id: u32) -> &Target {
        &self.targets[id as usize]
    }

    /// Targets sharing a key with `keys`, each once, in no particular order.
    pub fn candidates(&self, keys: &Keys, out: &mut Vec<u32>) {
        out.clear();
        for code in &keys.sounds {
            out.extend(self.sound.get(code).into_iter().flatten());
        }
        out.extend(self.sorted.get(&keys.sorted).into_iter().flatten());
        deletions(&keys.folded, |h| {
            out.extend(self.deletes.get(&h).into_iter().flatten());
        });
        out.sort_unstable();
        out.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(words: &[&str]) -> WordIndex {
        let mut index = WordIndex::default();
        for (i, w) in words.iter().enumerate() {
            index.add(Target {
                entry: i as u32,
                word: w.to_string(),
                keys: Keys::new(w),
            });
        }
        index
    }

    fn found(index: &WordIndex, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        index.candidates(&Keys::new(word), &mut out);
        out.iter().map(|&i| index.target(i).word.clone()).collect()
    }

    #[test]
    fn fixes_lookups_by_sound_anagram_and_deletion() {
        let index = index(&["Biden", "4-piperidone", "Rubio", "Sheinbaum", "fentanyl"]);
        assert_eq!(found(&index, "Byton"), ["Biden"]);
        assert_eq!(found(&index, "4-dipiperone"), ["4-piperidone"]);
        assert_eq!(found(&index, "Rubbio"), ["Rubio"]);
        assert_eq!(found(&index, "Sheinbaun"), ["Sheinbaum"]);
        assert_eq!(found(&index, "Fentanil"), ["fentanyl"]);
    }

    #[test]
    fn does_not_flag_unrelated_words_as_candidates() {
        let index = index(&["Biden", "Rubio"]);
        assert!(found(&index, "Washington").is_empty());
        assert!(found(&index, "Xi").is_empty());
    }
}
