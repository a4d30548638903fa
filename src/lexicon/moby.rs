//! Moby Thesaurus II: one flat synonym list per root word, no senses.

use std::collections::HashMap;
use std::ops::Range;

/// The thesaurus text kept whole, with an index from root to its line; synonym lists are split
/// on demand, which keeps loading to one pass and no per-synonym allocation.
pub struct Moby {
    text: String,
    roots: HashMap<String, Range<usize>>,
}

impl Moby {
    pub(super) fn parse(text: String) -> Moby {
        let mut roots = HashMap::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            if line.starts_with('#') {
                continue;
            }
            if let Some(tab) = line.find('\t') {
                let list = start + tab + 1..start + line.trim_end().len();
                roots.insert(line[..tab].to_string(), list);
            }
        }
        Moby { text, roots }
    }

    /// Synonyms listed under `root` (as spelled in the thesaurus, mostly lowercase).
    pub fn synonyms(&self, root: &str) -> impl Iterator<Item = &str> + '_ {
        let list = self.roots.get(root).map_or("", |r| &self.text[r.clone()]);
        list.split('|').filter(|s| !s.is_empty())
    }

    /// Whether `root` lists `word` among its synonyms.
    pub fn lists(&self, root: &str, word: &str) -> bool {
        self.synonyms(root).any(|s| s == word)
    }

    pub fn has_root(&self, root: &str) -> bool {
        self.roots.contains_key(root)
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
    }
}
