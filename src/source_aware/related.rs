//! Words the glossary itself suggests for a term's source form: a bilingual glossary is a
//! small dictionary of its domain. Entries whose source forms share a piece with a term's
//! ("貨幣市場" and "資本市場" share "市場") mostly render that piece with a word their
//! terms share ("markets"), so a translation that renders the term word by word ("monetary
//! markets" for "currency markets") is recognised by those words.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::glossary::Glossary;
use crate::text::words::{is_function_word, tokens};

/// A piece shared by more entries than this names nothing in particular ("香港").
const MAX_SHARING: usize = 60;
/// A word must be in at least this share of the terms that share a piece.
const MIN_SHARE: f32 = 0.5;

/// Source pieces (character pairs of unspaced scripts, words of spaced ones) and the
/// entries whose source forms hold them.
pub struct RelatedWords {
    by_piece: HashMap<String, Vec<usize>>,
    /// Each entry's words, worked out when first asked for (the locator asks per segment
    /// that lacks the term).
    known: Vec<OnceLock<Vec<String>>>,
}

impl RelatedWords {
    pub fn new(glossary: &Glossary) -> RelatedWords {
        let mut by_piece: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, entry) in glossary.entries.iter().enumerate() {
            for form in &entry.source {
                for piece in pieces(form) {
                    let list = by_piece.entry(piece).or_default();
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
            }
        }
        RelatedWords {
            by_piece,
            known: glossary.entries.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// The lower-case words that other entries sharing a piece of entry `index`'s source
    /// forms mostly render it with, minus the words of its own term.
    pub fn of(&self, glossary: &Glossary, index: usize) -> &[String] {
        self.known[index].get_or_init(|| self.work_out(glossary, index))
    }

    fn work_out(&self, glossary: &Glossary, index: usize) -> Vec<String> {
        let entry = &glossary.entries[index];
        let own = content_words(&entry.term);
        let mut words: Vec<String> = Vec::new();
        for piece in entry.source.iter().flat_map(|f| pieces(f)) {
            let Some(sharing) = self.by_piece.get(&piece) else {
                continue;
            };
            let others: Vec<usize> = sharing.iter().copied().filter(|&e| e != index).collect();
            if others.len() < 2 || others.len() > MAX_SHARING {
                continue;
            }
            let mut counts: HashMap<String, usize> = HashMap::new();
            for &other in &others {
                let mut seen = content_words(&glossary.entries[other].term);
                seen.sort();
                seen.dedup();
                for word in seen {
                    *counts.entry(word).or_default() += 1;
                }
            }
            for (word, count) in counts {
                if count as f32 >= MIN_SHARE * others.len() as f32
                    && !own.contains(&word)
                    && !words.contains(&word)
                {
                    words.push(word);
                }
            }
        }
        words.sort();
        words
    }
}

fn content_words(text: &str) -> Vec<String> {
    tokens(text)
        .map(|(_, w)| w.to_lowercase())
        .filter(|w| !is_function_word(w))
        .collect()
}

/// Character pairs of a form in an unspaced script, else its content words.
fn pieces(form: &str) -> Vec<String> {
    if super::terms::unspaced_script(form) {
        let chars: Vec<char> = form.chars().filter(|c| c.is_alphanumeric()).collect();
        chars.windows(2).map(|w| w.iter().collect()).collect()
    } else {
        content_words(form)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_other_terms_give_a_shared_piece() {
        let g = Glossary::parse(
            "g.tsv",
            "term\tsource\n\
             currency markets\t貨幣市場\n\
             capital markets\t資本市場\n\
             money market\t貨幣市場基金\n\
             bond markets\t債券市場\n\
             Monetary Base\t貨幣基礎\n\
             monetary policy\t貨幣政策\n",
        )
        .unwrap();
        let related = RelatedWords::new(&g);
        let words = related.of(&g, 0);
        assert!(words.contains(&"monetary".to_string()), "{words:?}");
        // "markets" is the term's own word; "capital" is one term's of three.
        assert!(!words.contains(&"markets".to_string()), "{words:?}");
        assert!(!words.contains(&"capital".to_string()), "{words:?}");
    }
}
