//! Moby Thesaurus II: one flat synonym list per root word, no senses.

use rustc_hash::FxHashMap;

/// Words are interned once; each root's synonyms are a sorted list of word ids, so "does A
/// list B" is a binary search and listing synonyms allocates nothing.
pub struct Moby {
    words: Vec<&'static str>,
    ids: FxHashMap<&'static str, u32>,
    /// Root word id -> (synonyms in source order, the same ids sorted).
    lists: FxHashMap<u32, (Vec<u32>, Vec<u32>)>,
}

impl Moby {
    /// Parses the thesaurus; the text lives as long as the process, like the lexicon.
    pub(super) fn parse(text: &'static str) -> Moby {
        let mut moby = Moby {
            words: Vec::with_capacity(120_000),
            ids: FxHashMap::default(),
            lists: FxHashMap::default(),
        };
        for line in super::data_lines(text) {
            let Some((root, list)) = line.split_once('\t') else {
                continue;
            };
            let root = moby.intern(root);
            let synonyms: Vec<u32> = list
                .split('|')
                .filter(|s| !s.is_empty())
                .map(|s| moby.intern(s))
                .collect();
            let mut sorted = synonyms.clone();
            sorted.sort_unstable();
            moby.lists.insert(root, (synonyms, sorted));
        }
        moby
    }

    fn intern(&mut self, word: &'static str) -> u32 {
        let next = self.words.len() as u32;
        let id = *self.ids.entry(word).or_insert(next);
        if id == next {
            self.words.push(word);
        }
        id
    }

    fn list(&self, root: &str) -> Option<&(Vec<u32>, Vec<u32>)> {
        self.lists.get(self.ids.get(root)?)
    }

    /// Synonyms listed under `root` (as spelled in the thesaurus, mostly lowercase).
    pub fn synonyms(&self, root: &str) -> impl Iterator<Item = &str> + '_ {
        self.list(root)
            .into_iter()
            .flat_map(|(order, _)| order.iter().map(|&id| self.words[id as usize]))
    }

    /// Whether `root` lists `word` among its synonyms.
    pub fn lists(&self, root: &str, word: &str) -> bool {
        match (self.list(root), self.ids.get(word)) {
            (Some((_, sorted)), Some(id)) => sorted.binary_search(id).is_ok(),
            _ => false,
        }
    }

    /// The id of a word, for repeated look-ups without hashing strings.
    pub fn id(&self, word: &str) -> Option<u32> {
        self.ids.get(word).copied()
    }

    /// Whether root `root` lists word `word`, by ids.
    pub fn lists_id(&self, root: u32, word: u32) -> bool {
        self.lists
            .get(&root)
            .is_some_and(|(_, sorted)| sorted.binary_search(&word).is_ok())
    }

    pub fn has_root(&self, root: &str) -> bool {
        self.list(root).is_some()
    }
}

#[cfg(test)]
mod tests {
    use crate::lexicon::moby;

    #[test]
    fn precursor_and_pioneer_list_each_other() {
        assert!(moby().lists("precursor", "pioneer"));
        assert!(moby().lists("pioneer", "precursor"));
        assert!(!moby().lists("precursor", "fentanyl"));
        assert!(moby().synonyms("no such root").next().is_none());
        assert!(moby().synonyms("precursor").any(|s| s == "forerunner"));
    }
}
