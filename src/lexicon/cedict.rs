//! CC-CEDICT, a Chinese-English dictionary: what the words of a Chinese source segment mean
//! in English, so that the target words rendering a source term can be told even when they
//! share nothing with the glossary's term ("外匯" -> "foreign exchange").
//!
//! The table (`corpus/lexicon/cedict.tsv.zst`, built by `scripts/build-lexicon.py`) has a line
//! per headword: `traditional<TAB>simplified (empty: the same)<TAB>english words`, the words
//! being the content words of its glosses. Both scripts' headwords are looked up alike.

use rustc_hash::FxHashMap;

use crate::text::span::Span;

/// Headword -> the English content words of its glosses (space-separated), borrowed from the
/// table's text.
pub struct Cedict<'a> {
    glosses: FxHashMap<&'a str, &'a str>,
    /// The longest headword, in characters: how far a greedy match looks ahead.
    longest: usize,
    /// Per character of the Basic Multilingual Plane, the longest headword starting with
    /// it, in characters (0: none): how far a match starting there looks ahead.
    longest_from: Vec<u8>,
}

impl<'a> Cedict<'a> {
    pub(super) fn parse(text: &'a str) -> Cedict<'a> {
        let mut glosses = FxHashMap::default();
        glosses.reserve(super::line_count(text) * 3 / 2);
        let mut longest = 1;
        let mut longest_from = vec![0u8; 1 << 16];
        for line in super::data_lines(text) {
            let mut fields = super::split_byte(line, b'\t');
            let (Some(traditional), Some(simplified), Some(words)) =
                (fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            for head in [traditional, simplified] {
                if let Some(first) = head.chars().next() {
                    let length = head.chars().count();
                    longest = longest.max(length);
                    if let Some(from) = longest_from.get_mut(first as usize) {
                        *from = (*from).max(length.min(u8::MAX as usize) as u8);
                    }
                    glosses.insert(head, words);
                }
            }
        }
        Cedict {
            glosses,
            longest,
            longest_from,
        }
    }

    /// The English words of a headword's glosses (lower-case), none if it is not listed.
    pub fn glosses(&self, head: &str) -> impl Iterator<Item = &'a str> + use<'a> {
        self.glosses
            .get(head)
            .copied()
            .unwrap_or("")
            .split(' ')
            .filter(|w| !w.is_empty())
    }

    /// The dictionary words of `text[within]`, greedy longest match first: each span is a
    /// listed headword (characters that start none are left out, so are spaces, Latin
    /// letters and punctuation).
    pub fn segment(&self, text: &str, within: Span) -> Vec<Span> {
        let part = &text[within.start..within.end];
        let starts: Vec<usize> = part
            .char_indices()
            .map(|(i, _)| i)
            .chain([part.len()])
            .collect();
        let mut words = Vec::new();
        let mut i = 0;
        while i + 1 < starts.len() {
            let first = part[starts[i]..].chars().next().map_or(0, |c| c as usize);
            // Past the plane, or a headword longer than a byte counts: the longest of all.
            let reach = match self.longest_from.get(first) {
                Some(&n) if n < u8::MAX => n as usize,
                Some(_) | None => self.longest,
            };
            let found = (1..=reach.min(starts.len() - 1 - i))
                .rev()
                .find(|&n| self.glosses.contains_key(&part[starts[i]..starts[i + n]]));
            match found {
                Some(n) => {
                    words.push(Span::new(
                        within.start + starts[i],
                        within.start + starts[i + n],
                    ));
                    i += n;
                }
                None => i += 1,
            }
        }
        words
    }

    pub fn len(&self) -> usize {
        self.glosses.len()
    }

    pub fn is_empty(&self) -> bool {
        self.glosses.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "# test\n外匯\t外汇\tforeign exchange\n基金\t\tfund\n外\t\toutside foreign\n\
                         匯\t汇\tremit converge\n金\t\tgold metal\n基\t\tbase foundation\n";

    fn words<'a>(cedict: &Cedict, text: &'a str) -> Vec<&'a str> {
        cedict
            .segment(text, Span::new(0, text.len()))
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn the_longest_headword_is_taken_first_in_either_script() {
        let cedict = Cedict::parse(TABLE);
        assert_eq!(words(&cedict, "外匯基金"), ["外匯", "基金"]);
        assert_eq!(words(&cedict, "外汇基金"), ["外汇", "基金"]);
        assert_eq!(words(&cedict, "基外金"), ["基", "外", "金"]);
    }

    #[test]
    fn segmentation_is_the_greedy_longest_match_of_any_length() {
        // Headwords sharing a first character, a long one among them: the look-ahead by the
        // first character finds what trying every length finds.
        let table = format!(
            "{TABLE}外匯基金諮詢委員會\t\tcommittee\n外國\t\tforeign country\n\
             外國人\t\tforeigner\n基金會\t\tfoundation\n𠀀𠀁\t\trare\n𠀀\t\trare\n"
        );
        let cedict = Cedict::parse(&table);
        let every_length = |text: &'static str| {
            let starts: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            let mut found = Vec::new();
            let mut i = 0;
            while i + 1 < starts.len() {
                let n = (1..starts.len() - i)
                    .rev()
                    .find(|&n| cedict.glosses.contains_key(&text[starts[i]..starts[i + n]]));
                if let Some(n) = n {
                    found.push(&text[starts[i]..starts[i + n]]);
                }
                i += n.unwrap_or(1);
            }
            found
        };
        for text in [
            "外匯基金諮詢委員會外國人外匯基金會",
            "外匯基金諮詢委員外國基金會外",
            "𠀀𠀁𠀀外 外國 x外匯基",
        ] {
            assert_eq!(words(&cedict, text), every_length(text), "{text}");
        }
        assert_eq!(
            words(&cedict, "外國人外匯基金會"),
            ["外國人", "外匯", "基金會"]
        );
    }

    #[test]
    fn unlisted_characters_are_skipped_and_spans_are_byte_offsets() {
        let cedict = Cedict::parse(TABLE);
        let text = "AB 外匯，?基金";
        let spans = cedict.segment(text, Span::new(3, text.len()));
        assert_eq!(spans, [Span::new(3, 9), Span::new(13, 19)]);
    }

    #[test]
    fn glosses_are_the_listed_words() {
        let cedict = Cedict::parse(TABLE);
        assert_eq!(
            cedict.glosses("外汇").collect::<Vec<_>>(),
            ["foreign", "exchange"]
        );
        assert_eq!(cedict.glosses("無").count(), 0);
    }
}
