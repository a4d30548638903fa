//! One index of many phrases, with whole-word and case checks.
//!
//! A whole-word occurrence of a form that starts with a word character starts where a word of
//! the text starts. So forms are filed in a hash map under their first word, and a text is
//! looked up word by word: filing half a million derived forms costs a fraction of building an
//! automaton over them, and a look-up per word of the text is as fast as scanning it. The rare
//! forms that start with punctuation go into an Aho-Corasick automaton. Matching folds ASCII
//! case; other letters match in their common casings. Matches are reported overlapping and
//! then filtered, so that a longer form rejected by a word-boundary or case check never hides a
//! valid shorter one; callers then pick the leftmost-longest among the matches they accept.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::text::casing::CaseRule;
use crate::text::span::Span;
use crate::text::words::{is_whole_word, is_word_char, tokens, word_len};

/// A phrase to find, with the case rule it obeys and a caller-defined payload.
#[derive(Debug, Clone)]
pub struct Form<T> {
    pub text: String,
    pub case: CaseRule,
    pub payload: T,
}

/// A whole-word, case-checked occurrence of a form.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a, T> {
    pub span: Span,
    pub payload: &'a T,
}

/// A spelling of a form that occurrences must equal up to ASCII case.
#[derive(Debug, Clone, Copy)]
enum Key {
    /// The form's own text (ASCII forms).
    Own(u32),
    /// One of the casings of a non-ASCII form, by index into `spellings`.
    Cased(u32),
}

/// Automaton patterns being collected, and buffers for first and second words.
#[derive(Default)]
struct Patterns {
    texts: Vec<String>,
    index: HashMap<String, usize>,
    first: String,
    second: String,
}

/// The keys filed under one first word.
#[derive(Default)]
struct Keys {
    /// Keys of one word, or whose first word is not followed by a space or hyphen.
    single: Vec<Key>,
    /// Keys of several words, by their second word, ASCII-lowercased.
    by_second_word: FxHashMap<Box<str>, Vec<Key>>,
}

/// The word after the first word of `text` and one space or hyphen, if any.
fn second_word(text: &str, first_len: usize) -> Option<&str> {
    let rest = text.get(first_len..)?;
    let after = rest.strip_prefix([' ', '-'])?;
    let word = first_word(after);
    (!word.is_empty()).then_some(word)
}

/// The forms of one part of the list, filed.
struct Part<T> {
    forms: Vec<Form<T>>,
    /// Casings of non-ASCII forms, ASCII-lowercased: (form, spelling).
    spellings: Vec<(u32, String)>,
    /// Keys that start with a word character, by their first word, ASCII-lowercased, in the
    /// order the forms were given; those of several words by their second word too, since
    /// common first words ("in", "make", "go") begin hundreds of phrases.
    by_first_word: FxHashMap<Box<str>, Keys>,
    /// Keys that start with punctuation.
    automaton: Option<AhoCorasick>,
    /// For each automaton pattern, the forms that share its text up to ASCII case.
    targets: Vec<Vec<u32>>,
}

impl<T> Part<T> {
    fn new(forms: Vec<Form<T>>) -> Part<T> {
        let mut matcher = Part {
            forms: Vec::with_capacity(forms.len()),
            spellings: Vec::new(),
            by_first_word: FxHashMap::default(),
            automaton: None,
            targets: Vec::new(),
        };
        let mut patterns = Patterns::default();
        for form in forms {
            if form.text.is_empty() {
                continue;
            }
            let number = matcher.forms.len() as u32;
            if form.text.is_ascii() {
                matcher.forms.push(form);
                matcher.file(Key::Own(number), &mut patterns);
                continue;
            }
            // Matching folds ASCII case only; other letters get their common casings.
            let mut casings: Vec<String> = [
                form.text.to_lowercase(),
                form.text.to_uppercase(),
                form.text.clone(),
            ]
            .iter()
            .map(|k| k.to_ascii_lowercase())
            .collect();
            casings.sort();
            casings.dedup();
            matcher.forms.push(form);
            for casing in casings {
                matcher.spellings.push((number, casing));
                let key = Key::Cased(matcher.spellings.len() as u32 - 1);
                matcher.file(key, &mut patterns);
            }
        }
        matcher.automaton = (!patterns.texts.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                .build(&patterns.texts)
                .expect("glossary patterns always build an automaton")
        });
        matcher
    }

    /// Files a key under its first word, or as an automaton pattern if it starts with
    /// punctuation.
    fn file(&mut self, key: Key, patterns: &mut Patterns) {
        let spelling = match key {
            Key::Own(form) => &self.forms[form as usize].text,
            Key::Cased(i) => &self.spellings[i as usize].1,
        };
        if spelling.starts_with(is_word_char) {
            let first = &mut patterns.first;
            first.clear();
            first.push_str(first_word(spelling));
            first.make_ascii_lowercase();
            let second = second_word(spelling, first.len()).map(|word| {
                patterns.second.clear();
                patterns.second.push_str(word);
                patterns.second.make_ascii_lowercase();
                patterns.second.as_str()
            });
            if !self.by_first_word.contains_key(first.as_str()) {
                self.by_first_word
                    .insert(first.as_str().into(), Keys::default());
            }
            let keys = self
                .by_first_word
                .get_mut(first.as_str())
                .expect("just inserted");
            // A key is allocated only for a second word not filed yet.
            match second {
                None => keys.single.push(key),
                Some(second) => match keys.by_second_word.get_mut(second) {
                    Some(listed) => listed.push(key),
                    None => {
                        keys.by_second_word.insert(second.into(), vec![key]);
                    }
                },
            }
        } else {
            let pattern = spelling.to_ascii_lowercase();
            let id = *patterns.index.entry(pattern.clone()).or_insert_with(|| {
                patterns.texts.push(pattern);
                self.targets.push(Vec::new());
                self.targets.len() - 1
            });
            let form = self.form_of(key);
            self.targets[id].push(form);
        }
    }

    /// The text an occurrence of `key` must equal up to ASCII case.
    fn spelling(&self, key: Key) -> &str {
        match key {
            Key::Own(form) => &self.forms[form as usize].text,
            Key::Cased(i) => &self.spellings[i as usize].1,
        }
    }

    fn form_of(&self, key: Key) -> u32 {
        match key {
            Key::Own(form) => form,
            Key::Cased(i) => self.spellings[i as usize].0,
        }
    }

    /// Adds the whole-word, case-accepted hits in `text`.
    fn find<'a>(&'a self, text: &str, hits: &mut Vec<Hit<'a, T>>) {
        let mut word = String::new();
        let mut next = String::new();
        for (at, token) in tokens(text).filter(|_| !self.by_first_word.is_empty()) {
            word.clear();
            word.push_str(token);
            word.make_ascii_lowercase();
            let Some(keys) = self.by_first_word.get(word.as_str()) else {
                continue;
            };
            let longer = second_word(&text[at.start..], token.len()).and_then(|second| {
                next.clear();
                next.push_str(second);
                next.make_ascii_lowercase();
                keys.by_second_word.get(next.as_str())
            });
            // Keys of one word, then the longer ones: keys that share a span are in the same
            // list (their texts differ only in ASCII case), and the hits are sorted by span,
            // so the order given is kept where it counts.
            for &key in keys.single.iter().chain(longer.into_iter().flatten()) {
                let spelling = self.spelling(key);
                let span = Span::new(at.start, at.start + spelling.len());
                if text
                    .get(span.start..span.end)
                    .is_some_and(|m| m.eq_ignore_ascii_case(spelling))
                    && is_whole_word(text, span)
                {
                    self.accept(self.form_of(key), text, span, hits);
                }
            }
        }
        if let Some(automaton) = &self.automaton {
            for m in automaton.find_overlapping_iter(text) {
                let span = Span::new(m.start(), m.end());
                if !text.is_char_boundary(span.start)
                    || !text.is_char_boundary(span.end)
                    || !is_whole_word(text, span)
                {
                    continue;
                }
                for &form in &self.targets[m.pattern().as_usize()] {
                    self.accept(form, text, span, hits);
                }
            }
        }
    }

    /// Keeps a whole-word occurrence of a form if its case rule accepts it.
    fn accept<'a>(&'a self, form: u32, text: &str, span: Span, hits: &mut Vec<Hit<'a, T>>) {
        let form = &self.forms[form as usize];
        let matched = &text[span.start..span.end];
        // Every hit equals its spelling up to ASCII case; only non-ASCII letters need the
        // slower Unicode comparison.
        let same =
            (matched.is_ascii() && form.text.is_ascii()) || same_letters(&form.text, matched);
        if same && form.case.accepts(&form.text, matched) {
            hits.push(Hit {
                span,
                payload: &form.payload,
            });
        }
    }
}

/// Finds many forms in one pass.
pub struct Matcher<T> {
    /// Consecutive parts of the list of forms, filed on separate threads when there are many.
    parts: Vec<Part<T>>,
}

/// Lists shorter than this are filed on one thread.
const PART: usize = 50_000;

impl<T: Send> Matcher<T> {
    /// Frees the parts side by side, as they were filed: a large glossary's hold hundreds of
    /// thousands of forms.
    pub fn drop_in_parallel(self) {
        self.parts.into_par_iter().for_each(drop);
    }

    pub fn new(forms: impl IntoIterator<Item = Form<T>>) -> Matcher<T> {
        let mut rest: Vec<Form<T>> = forms.into_iter().collect();
        let count = rest.len().div_ceil(rayon::current_num_threads()).max(PART);
        let mut chunks = Vec::new();
        while rest.len() > count {
            let tail = rest.split_off(count);
            chunks.push(std::mem::replace(&mut rest, tail));
        }
        chunks.push(rest);
        Matcher {
            parts: chunks.into_par_iter().map(Part::new).collect(),
        }
    }
}

impl<T> Default for Matcher<T> {
    fn default() -> Matcher<T> {
        Matcher { parts: Vec::new() }
    }
}

impl<T> Matcher<T> {
    /// All whole-word, case-accepted hits in `text`, sorted by start then longest first. At
    /// equal spans, forms come in the order they were given (parts are in list order).
    pub fn find<'a>(&'a self, text: &str) -> Vec<Hit<'a, T>> {
        let mut hits = Vec::new();
        for part in &self.parts {
            part.find(text, &mut hits);
        }
        hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
        hits
    }

    pub fn is_empty(&self) -> bool {
        self.parts.iter().all(|p| p.forms.is_empty())
    }
}

/// The leading run of word characters.
fn first_word(text: &str) -> &str {
    &text[..word_len(text)]
}

/// Case-insensitive equality (matching folds ASCII only).
fn same_letters(pattern: &str, text: &str) -> bool {
    pattern
        .chars()
        .flat_map(char::to_lowercase)
        .eq(text.chars().flat_map(char::to_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(text: &str, case: CaseRule, payload: u32) -> Form<u32> {
        Form {
            text: text.to_string(),
            case,
            payload,
        }
    }

    fn found(m: &Matcher<u32>, text: &str) -> Vec<(String, u32)> {
        m.find(text)
            .into_iter()
            .map(|h| (text[h.span.start..h.span.end].to_string(), *h.payload))
            .collect()
    }

    #[test]
    fn whole_words_and_case_rules() {
        let m = Matcher::new([
            form("arrange", CaseRule::Smart, 1),
            form("Byton", CaseRule::Smart, 2),
        ]);
        assert_eq!(
            found(&m, "Arrange it; prearranged; byton; BYTON"),
            [("Arrange".to_string(), 1), ("BYTON".to_string(), 2)]
        );
    }

    #[test]
    fn a_rejected_long_match_does_not_hide_a_short_one() {
        let m = Matcher::new([
            form("Public Safety Ministry", CaseRule::Exact, 1),
            form("public safety", CaseRule::Ignore, 2),
        ]);
        assert_eq!(
            found(&m, "public safety ministry"),
            [("public safety".to_string(), 2)]
        );
    }

    #[test]
    fn non_ascii_forms_match_in_any_common_casing() {
        let m = Matcher::new([form("Škoda", CaseRule::Ignore, 1)]);
        assert_eq!(found(&m, "ŠKODA and škoda").len(), 2);
        assert!(Matcher::<u32>::new([]).find("anything").is_empty());
    }

    #[test]
    fn phrases_and_forms_that_start_or_end_with_punctuation() {
        let m = Matcher::new([
            form("sulfuric acid", CaseRule::Ignore, 1),
            form("sulfuric", CaseRule::Ignore, 2),
            form("bosoms'", CaseRule::Ignore, 3),
            form("-ism", CaseRule::Ignore, 4),
        ]);
        assert_eq!(
            found(&m, "Sulfuric Acid, sulfuric acids; bosoms' care; an -ism"),
            [
                ("Sulfuric Acid".to_string(), 1),
                ("Sulfuric".to_string(), 2),
                ("sulfuric".to_string(), 2),
                ("bosoms'".to_string(), 3),
                ("-ism".to_string(), 4),
            ]
        );
    }

    #[test]
    fn phrases_sharing_a_first_word_are_told_apart_by_the_next() {
        let m = Matcher::new([
            form("in vitro", CaseRule::Ignore, 1),
            form("in-house", CaseRule::Ignore, 2),
            form("in", CaseRule::Ignore, 3),
            form("in vivo", CaseRule::Ignore, 4),
            form("in.", CaseRule::Ignore, 5),
        ]);
        assert_eq!(
            found(&m, "In Vitro, in-house in vivo; in."),
            [
                ("In Vitro".to_string(), 1),
                ("In".to_string(), 3),
                ("in-house".to_string(), 2),
                ("in".to_string(), 3),
                ("in vivo".to_string(), 4),
                ("in".to_string(), 3),
                ("in.".to_string(), 5),
                ("in".to_string(), 3),
            ]
        );
    }
}
