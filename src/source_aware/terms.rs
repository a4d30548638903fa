//! Finding glossary terms and their source-language forms in segments.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::glossary::{Glossary, Kind};
use crate::lexicon::Lexicon;
use crate::text::span::Span;
use crate::text::words::is_whole_word;

/// An automaton over some forms of every entry, each form filed under its entry.
pub struct FormIndex {
    automaton: Option<AhoCorasick>,
    entries: Vec<usize>,
    /// Forms in scripts written without spaces match as plain substrings.
    spaced: Vec<bool>,
    /// Forms that match only as written, capitals and all: a name's words ("Trump", not the
    /// card game's "trump").
    exact: Vec<Option<String>>,
}

impl FormIndex {
    /// The correct target forms of every entry: its term and the term's inflections.
    pub fn terms(glossary: &Glossary) -> FormIndex {
        let terms = glossary.entries.iter().enumerate();
        FormIndex::new(terms.flat_map(|(i, e)| inflected(i, &e.term)), Vec::new())
    }

    /// Every form by which a same-language text names an entry: the terms and their
    /// inflections, as [`FormIndex::terms`], and also each entry's lemma and head-less form
    /// ("precursors" names "precursor chemical"), and the words of a person's name, as written
    /// ("Biden" names "Joe Biden"). An original names its terms in whatever form its writer
    /// chose, not in the glossary's.
    pub fn named(glossary: &Glossary, lexicon: &Lexicon) -> FormIndex {
        let terms = glossary.entries.iter().enumerate();
        let mut forms: Vec<(usize, String)> =
            terms.flat_map(|(i, e)| inflected(i, &e.term)).collect();
        for (i, form) in crate::derive::other_forms(lexicon, glossary) {
            forms.extend(inflected(i, &form));
        }
        let names = glossary.entries.iter().enumerate();
        let names = names.filter(|(_, e)| e.kind == Kind::Name && e.term.contains(' '));
        let words: Vec<(usize, String)> = names
            .flat_map(|(i, e)| e.term.split(' ').map(move |w| (i, w.to_string())))
            .filter(|(_, w)| name_word(w))
            .collect();
        FormIndex::new(forms.into_iter(), words)
    }

    /// The source-language forms of every entry that lists some.
    pub fn sources(glossary: &Glossary) -> FormIndex {
        FormIndex::new(
            glossary
                .entries
                .iter()
                .enumerate()
                .flat_map(|(i, e)| e.source.iter().map(move |s| (i, s.clone()))),
            Vec::new(),
        )
    }

    /// An index of `forms`, matched in any case, and `exact` forms, matched as written.
    fn new(forms: impl Iterator<Item = (usize, String)>, exact: Vec<(usize, String)>) -> FormIndex {
        let forms: Vec<(usize, String)> = forms.collect();
        let exact_from = forms.len();
        let (entries, forms): (Vec<usize>, Vec<String>) = forms.into_iter().chain(exact).unzip();
        let spaced = forms.iter().map(|f| !unspaced_script(f)).collect();
        let exact = forms
            .iter()
            .enumerate()
            .map(|(i, f)| (i >= exact_from).then(|| f.clone()))
            .collect();
        let automaton = (!forms.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&forms)
                .expect("glossary forms build an automaton")
        });
        FormIndex {
            automaton,
            entries,
            spaced,
            exact,
        }
    }

    /// Occurrences `(span, entry)` in `text[within]`, spans absolute, sorted by position.
    /// Overlapping ones are all kept: "Hong Kong" is named inside "Hong Kong Monetary
    /// Authority" too, and the target must render both.
    pub fn find(&self, text: &str, within: Span) -> Vec<(Span, usize)> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let part = &text[within.start..within.end];
        let mut found: Vec<(Span, usize)> = automaton
            .find_overlapping_iter(part)
            .filter_map(|m| {
                let pattern = m.pattern().as_usize();
                let span = Span::new(within.start + m.start(), within.start + m.end());
                let as_written = self.exact[pattern]
                    .as_ref()
                    .is_none_or(|form| text[span.start..span.end] == *form);
                (as_written && (!self.spaced[pattern] || is_whole_word(text, span)))
                    .then_some((span, self.entries[pattern]))
            })
            .collect();
        found.sort_unstable_by_key(|(s, e)| (s.start, std::cmp::Reverse(s.end), *e));
        // Inflected forms of one entry overlap ("fund", "funds"): one occurrence each.
        found.dedup_by(|b, a| a.1 == b.1 && a.0.overlaps(b.0));
        found
    }
}

/// `(entry, form)` for the term and each of its inflections.
fn inflected(entry: usize, term: &str) -> impl Iterator<Item = (usize, String)> + use<> {
    let forms = crate::text::inflect::forms(term);
    forms.into_iter().map(move |(_, form)| (entry, form))
}

/// A word of a person's name that names the person alone: capitalised, three letters or more
/// ("Biden", "Liu"; not an initial, not "de").
fn name_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 3
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

/// Chinese, Japanese and Thai are written without spaces between words: a form in them is
/// found as a plain substring.
pub(super) fn unspaced_script(form: &str) -> bool {
    form.chars().any(|c| {
        matches!(c as u32,
            0x0E00..=0x0E7F      // Thai
            | 0x3040..=0x30FF    // Hiragana, Katakana
            | 0x3400..=0x4DBF    // CJK extension A
            | 0x4E00..=0x9FFF    // CJK unified ideographs
            | 0xF900..=0xFAFF    // CJK compatibility ideographs
            | 0xFF66..=0xFF9F) // halfwidth Katakana
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_forms_match_inside_runs_and_spaced_ones_as_words() {
        let g = Glossary::parse(
            "g.tsv",
            "term\tsource\nExchange Fund\t外匯基金\nbank\tBank\n",
        )
        .unwrap();
        let index = FormIndex::sources(&g);
        let text = "外匯基金的投資 Bankers Bank";
        let found = index.find(text, Span::new(0, text.len()));
        let words: Vec<(&str, usize)> = found
            .iter()
            .map(|(s, e)| (&text[s.start..s.end], *e))
            .collect();
        assert_eq!(words, [("外匯基金", 0), ("Bank", 1)]);
        let g =
            Glossary::parse("g.tsv", "term\nHong Kong\nHong Kong Monetary Authority\n").unwrap();
        let text = "the Hong Kong Monetary Authority";
        let found = FormIndex::terms(&g).find(text, Span::new(0, text.len()));
        assert_eq!(found, [(Span::new(4, 32), 1), (Span::new(4, 13), 0)]);
    }
}
