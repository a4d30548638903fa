//! Moby Thesaurus II: one flat synonym list per root word, no senses.

use rustc_hash::FxHashMap;

/// Each root's synonyms are a list of word ids, kept twice: in source order for listing, and
/// sorted so "does A list B" is a binary search. Listing synonyms allocates nothing.
pub struct Moby<'a> {
    /// Every word, by id.
    words: Vec<&'a str>,
    ids: FxHashMap<&'a str, u32>,
    /// Per word id, its span of `order` and `sorted` if the word is a root.
    spans: Vec<Option<(u32, u32)>>,
    /// All roots' synonyms, root after root, in source order.
    order: Vec<u32>,
    /// The same spans, each sorted.
    sorted: Vec<u32>,
    /// The lists turned around: which roots list each word.
    listers: Lists,
}

/// One list of word ids per word id, as spans of one flat list.
struct Lists {
    starts: Vec<u32>,
    ids: Vec<u32>,
}

impl<'a> Moby<'a> {
    /// Parses the thesaurus, borrowing its words from the text.
    ///
    /// The file numbers its words once (a word line has no tab) and its root lines list ids,
    /// so loading parses integers instead of hashing millions of repeated strings.
    pub(super) fn parse(text: &'a str) -> Moby<'a> {
        let mut words = Vec::with_capacity(100_000);
        let mut roots = Vec::with_capacity(40_000);
        let mut order = Vec::with_capacity(text.len() / 6);
        for line in super::data_lines(text) {
            let Some(tab) = line.bytes().position(|b| b == b'\t') else {
                words.push(line);
                continue;
            };
            let start = order.len() as u32;
            push_ids(&line[tab + 1..], &mut order);
            let root: u32 = line[..tab].parse().expect("embedded Moby ids are numbers");
            roots.push((root, start, order.len() as u32));
        }
        let known = words.len() as u32;
        let in_range = |&id: &u32| id < known;
        assert!(
            order.iter().all(in_range) && roots.iter().map(|r| r.0).all(|id| id < known),
            "embedded Moby ids number its word list"
        );
        let mut ids = FxHashMap::default();
        ids.reserve(words.len());
        for (id, &word) in words.iter().enumerate() {
            ids.entry(word).or_insert(id as u32);
        }
        // Look-ups by id rely on it: an id's word maps back to that id.
        assert_eq!(ids.len(), words.len(), "embedded Moby words are distinct");
        let mut spans = vec![None; words.len()];
        let mut sorted = order.clone();
        for &(root, start, end) in &roots {
            sorted[start as usize..end as usize].sort_unstable();
            spans[root as usize] = Some((start, end));
        }
        let listers = turn_around(words.len(), &spans, &order);
        Moby {
            words,
            ids,
            spans,
            order,
            sorted,
            listers,
        }
    }

    /// The span of a root's synonyms, by root id.
    fn span(&self, root: u32) -> Option<std::ops::Range<usize>> {
        let (start, end) = (*self.spans.get(root as usize)?)?;
        Some(start as usize..end as usize)
    }

    /// Synonyms listed under `root` (as spelled in the thesaurus, mostly lowercase).
    pub fn synonyms(&self, root: &str) -> impl Iterator<Item = &str> + '_ {
        let span = self.id(root).and_then(|id| self.span(id)).unwrap_or(0..0);
        self.order[span].iter().map(|&id| self.words[id as usize])
    }

    /// Whether `root` lists `word` among its synonyms.
    pub fn lists(&self, root: &str, word: &str) -> bool {
        match (self.id(root), self.id(word)) {
            (Some(root), Some(word)) => self.lists_id(root, word),
            _ => false,
        }
    }

    /// The ids of the synonyms of a root, by id (empty for a word that is no root).
    pub fn synonym_ids(&self, root: u32) -> &[u32] {
        self.span(root).map_or(&[], |span| &self.order[span])
    }

    /// How many words there are (ids run from 0).
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The word with this id.
    pub fn word(&self, id: u32) -> &'a str {
        self.words[id as usize]
    }

    /// The id of a word, for repeated look-ups without hashing strings.
    pub fn id(&self, word: &str) -> Option<u32> {
        self.ids.get(word).copied()
    }

    /// Whether root `root` lists word `word`, by ids.
    pub fn lists_id(&self, root: u32, word: u32) -> bool {
        self.span(root)
            .is_some_and(|span| self.sorted[span].binary_search(&word).is_ok())
    }

    /// The ids of the roots that list word `id` among their synonyms, in id order.
    pub fn listers(&self, id: u32) -> &[u32] {
        let start = self.listers.starts[id as usize] as usize;
        let end = self.listers.starts[id as usize + 1] as usize;
        &self.listers.ids[start..end]
    }

    pub fn has_root(&self, root: &str) -> bool {
        self.id(root).and_then(|id| self.span(id)).is_some()
    }
}

/// Turns the roots' lists around: counts each word's listings, then fills its span root by
/// root, so each word's listers come in id order.
fn turn_around(words: usize, spans: &[Option<(u32, u32)>], order: &[u32]) -> Lists {
    let mut starts = vec![0u32; words + 1];
    for &id in order {
        starts[id as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut fill = starts.clone();
    let mut ids = vec![0; order.len()];
    for (root, span) in spans.iter().enumerate() {
        let Some((start, end)) = *span else { continue };
        for &id in &order[start as usize..end as usize] {
            ids[fill[id as usize] as usize] = root as u32;
            fill[id as usize] += 1;
        }
    }
    Lists { starts, ids }
}

/// Appends space-separated decimal ids, read in one pass over the bytes (a split and a
/// `parse` per id cost twice as much). The data is part of the binary; a bad id is a build bug.
fn push_ids(text: &str, out: &mut Vec<u32>) {
    let mut id = None;
    for b in text.bytes() {
        match b {
            b'0'..=b'9' => id = Some(id.unwrap_or(0) * 10 + u32::from(b - b'0')),
            b' ' => out.extend(id.take()),
            _ => panic!("embedded Moby ids are decimal numbers"),
        }
    }
    out.extend(id);
}

#[cfg(test)]
mod tests {
    use crate::lexicon::tests::embedded;

    #[test]
    fn precursor_and_pioneer_list_each_other() {
        let lexicon = embedded();
        let moby = lexicon.moby();
        assert!(moby.lists("precursor", "pioneer"));
        assert!(moby.lists("pioneer", "precursor"));
        assert!(!moby.lists("precursor", "fentanyl"));
        assert!(moby.synonyms("no such root").next().is_none());
        assert!(moby.synonyms("precursor").any(|s| s == "forerunner"));
        let (precursor, pioneer) = (moby.id("precursor"), moby.id("pioneer"));
        assert!(moby.listers(pioneer.unwrap()).contains(&precursor.unwrap()));
    }
}
