//! How alike two words are: by spelling (edit distance, Jaro-Winkler), by sound (Double
//! Metaphone) and by letter content (the same letters rearranged, a letter doubled or dropped).

use std::sync::LazyLock;

use rphonetic::DoubleMetaphone;
use unicode_normalization::UnicodeNormalization;

static METAPHONE: LazyLock<DoubleMetaphone> = LazyLock::new(|| DoubleMetaphone::new(Some(8)));

/// The comparison keys of one word, computed once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    /// Lowercase letters and digits, hyphens and other marks dropped.
    pub plain: String,
    /// `plain` with runs of one letter collapsed ("rubbio" -> "rubio").
    pub folded: String,
    /// The letters and digits of `plain`, sorted: equal for anagrams.
    pub sorted: String,
    /// The digits in order ("1-boc-4-piperidone" -> "14"): compounds must agree on them.
    pub digits: String,
    /// `plain` with accents removed and other non-ASCII characters dropped.
    pub ascii: String,
    /// Double Metaphone primary and (if different) alternate codes of the letters.
    pub sounds: Vec<String>,
}

impl Keys {
    pub fn new(word: &str) -> Keys {
        let plain: String = word
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let mut folded = String::with_capacity(plain.len());
        for c in plain.chars() {
            if !folded.ends_with(c) {
                folded.push(c);
            }
        }
        let mut sorted: Vec<char> = plain.chars().collect();
        sorted.sort_unstable();
        let digits = plain.chars().filter(char::is_ascii_digit).collect();
        // The phonetic coder knows ASCII only: "Bartók" sounds as "Bartok".
        let ascii: String = plain.nfd().filter(char::is_ascii_alphanumeric).collect();
        let letters: String = ascii.chars().filter(char::is_ascii_alphabetic).collect();
        let mut sounds = Vec::new();
        if letters.chars().count() >= 2 {
            let code = METAPHONE.double_metaphone(&letters);
            for c in [code.primary(), code.alternate()] {
                if c.len() >= 2 && !sounds.contains(&c) {
                    sounds.push(c);
                }
            }
        }
        Keys {
            plain,
            folded,
            sorted: sorted.into_iter().collect(),
            digits,
            ascii,
            sounds,
        }
    }

    /// Letters and digits in the word.
    pub fn len(&self) -> usize {
        self.plain.chars().count()
    }

    pub fn is_empty(&self) -> bool {
        self.plain.is_empty()
    }
}

/// What two words share.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// A shared Double Metaphone code.
    pub sound: Option<String>,
    /// Optimal-string-alignment edit distance (transpositions count once).
    pub distance: usize,
    /// Equal once doubled letters are collapsed.
    pub doubled: bool,
    /// The same letters in another order.
    pub anagram: bool,
    pub jaro_winkler: f64,
    /// Same first letter (accents aside).
    pub same_first: bool,
    /// Difference in length, in letters and digits.
    pub length_gap: usize,
}

/// Words shorter than this (letters and digits) are never compared.
pub const MIN_LEN: usize = 4;

impl Evidence {
    /// Compares a text word (`seen`) with a glossary word (`target`); `None` when they differ
    /// in digits or are equal.
    pub fn between(seen: &Keys, target: &Keys) -> Option<Evidence> {
        // Equal, or equal but for accents ("Ubermensch"): a spelling variant, not a garble.
        if seen.ascii == target.ascii || seen.digits != target.digits {
            return None;
        }
        let distance = strsim::osa_distance(&seen.plain, &target.plain);
        let sound = seen
            .sounds
            .iter()
            .find(|s| target.sounds.contains(s))
            .cloned();
        Some(Evidence {
            sound,
            distance,
            doubled: seen.folded == target.folded,
            anagram: seen.sorted == target.sorted,
            jaro_winkler: strsim::jaro_winkler(&seen.plain, &target.plain),
            same_first: seen.ascii.chars().next() == target.ascii.chars().next(),
            length_gap: seen.len().abs_diff(target.len()),
        })
    }

    /// A base confidence from spelling, sound and letters alone, with the reasons; `None` when
    /// the words are not alike enough. `len` is the glossary word's length.
    pub fn score(&self, len: usize) -> Option<(f32, Vec<String>)> {
        let mut best: f32 = 0.0;
        let mut reasons = Vec::new();
        let mut spelling = false;
        if self.doubled && len >= MIN_LEN {
            best = best.max(0.75);
            reasons.push("the same letters with one doubled or undoubled".to_string());
            spelling = true;
        } else if self.anagram && len >= 5 {
            best = best.max(0.7);
            reasons.push("the same letters rearranged".to_string());
            spelling = true;
        } else if self.distance == 1 && len >= 5 {
            best = best.max(0.7);
            reasons.push("one letter off".to_string());
            spelling = true;
        } else if self.distance == 1 && len >= MIN_LEN {
            best = best.max(0.5);
            reasons.push("one letter off".to_string());
            spelling = true;
        } else if self.distance == 2 && len >= 8 && self.jaro_winkler >= 0.85 {
            best = best.max(0.6);
            reasons.push("two letters off".to_string());
            spelling = true;
        }
        if let Some(code) = &self.sound {
            // A short code for a long word says little ("Theologiae" is TLK).
            let strong = code.len() >= 3
                && code.len() * 5 >= len * 2
                && (spelling || self.same_first && self.length_gap <= 2);
            if strong && self.jaro_winkler >= 0.5 {
                if spelling {
                    best += 0.1;
                } else {
                    best = 0.45;
                }
                reasons.push(format!("sounds alike (Double Metaphone {code})"));
            }
        }
        (best > 0.0).then_some((best, reasons))
    }
}

/// Whether two words are spelled alike: `strsim::normalized_damerau_levenshtein` at least
/// `min`. The letters one word has more of than the other bound the distance from below
/// (an edit changes one letter of each side's count at most), so most unlike pairs are
/// told apart without the quadratic distance.
pub fn spelled_alike(a: &str, b: &str, min: f32) -> bool {
    if a.is_ascii() && b.is_ascii() && !(a.is_empty() && b.is_empty()) {
        // As many edits as the lengths differ, at least.
        let longer = a.len().max(b.len()) as f64;
        if ((1.0 - a.len().abs_diff(b.len()) as f64 / longer) as f32) < min {
            return false;
        }
        let mut counts = [0i32; 128];
        a.bytes().for_each(|c| counts[usize::from(c)] += 1);
        b.bytes().for_each(|c| counts[usize::from(c)] -= 1);
        let surplus = |sign: i32| counts.iter().map(|&c| (c * sign).max(0)).sum::<i32>();
        let fewest_edits = surplus(1).max(surplus(-1)) as f64;
        let best = 1.0 - fewest_edits / longer;
        if (best as f32) < min {
            return false;
        }
    }
    strsim::normalized_damerau_levenshtein(a, b) as f32 >= min
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(a: &str, b: &str) -> Option<f32> {
        Evidence::between(&Keys::new(a), &Keys::new(b))
            .and_then(|e| e.score(Keys::new(b).len()))
            .map(|(s, _)| s)
    }

    #[test]
    fn spelled_alike_says_what_the_edit_distance_says_for_every_pair_of_words() {
        let text = include_str!("../../corpus/seed/article.txt");
        let mut words: Vec<String> = crate::text::words::tokens(text)
            .map(|(_, w)| w.to_lowercase())
            .collect();
        words.sort();
        words.dedup();
        words.truncate(400);
        let odd = [
            "",
            "form",
            "from",
            "fro",
            "übermensch",
            "ubermensch",
            "precursor",
        ];
        words.extend(odd.iter().map(|w| w.to_string()));
        let mut alike = 0;
        for a in &words {
            for b in &words {
                for min in [0.5, 0.75, 0.9] {
                    let want = strsim::normalized_damerau_levenshtein(a, b) as f32 >= min;
                    assert_eq!(spelled_alike(a, b, min), want, "{a} {b} {min}");
                    alike += usize::from(want && a != b);
                }
            }
        }
        assert!(alike > 100, "{alike}");
    }

    #[test]
    fn fixes_garbles_by_sound_letters_and_spelling() {
        let e = Evidence::between(&Keys::new("Byton"), &Keys::new("Biden")).unwrap();
        assert_eq!(e.sound.as_deref(), Some("PTN"));
        assert!(score("Byton", "Biden").is_some());
        let e = Evidence::between(&Keys::new("4-dipiperone"), &Keys::new("4-piperidone")).unwrap();
        assert!(e.anagram && !e.doubled);
        assert!(score("Rubbio", "Rubio").unwrap() >= 0.75);
        assert!(score("Jingping", "Jinping").is_some());
        assert_eq!(Keys::new("BARTÓK").sounds, Keys::new("Bartok").sounds);
    }

    #[test]
    fn does_not_flag_unlike_words_or_other_compounds() {
        assert!(score("Beijing", "Biden").is_none());
        assert!(score("4-dipiperone", "1-boc-4-piperidone").is_none());
        assert!(score("Biden", "Biden").is_none());
        assert!(score("Ubermensch", "Übermensch").is_none());
        assert!(score("Theologiae", "Delco").is_none());
        assert!(score("Wang", "Yang").unwrap_or(0.0) <= 0.6);
    }
}
