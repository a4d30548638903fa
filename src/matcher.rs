//! One multi-pattern automaton for many phrases, with whole-word and case checks.
//!
//! All forms go into a single Aho-Corasick automaton (ASCII case-insensitive) that makes one pass
//! over the text. Matches are reported overlapping and then filtered, so that a longer pattern
//! rejected by a word-boundary or case check never hides a valid shorter one; callers then pick
//! the leftmost-longest among the matches they accept.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::casing::CaseRule;
use crate::span::Span;
use crate::words::is_whole_word;

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

/// Finds many forms in one pass.
pub struct Matcher<T> {
    automaton: Option<AhoCorasick>,
    /// For each automaton pattern, the forms that share its text up to ASCII case.
    targets: Vec<Vec<Form<T>>>,
}

impl<T: Clone> Matcher<T> {
    pub fn new(forms: impl IntoIterator<Item = Form<T>>) -> Matcher<T> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<Form<T>>> = Vec::new();
        for form in forms {
            if form.text.is_empty() {
                continue;
            }
            // The automaton folds ASCII case only; other letters get their common casings.
            let mut keys = vec![form.text.to_ascii_lowercase()];
            if !form.text.is_ascii() {
                keys = [
                    form.text.to_lowercase(),
                    form.text.to_uppercase(),
                    form.text.clone(),
                ]
                .iter()
                .map(|k| k.to_ascii_lowercase())
                .collect();
                keys.sort();
                keys.dedup();
            }
            for key in keys {
                let id = *index.entry(key.clone()).or_insert_with(|| {
                    patterns.push(key);
                    targets.push(Vec::new());
                    targets.len() - 1
                });
                targets[id].push(form.clone());
            }
        }
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                .build(&patterns)
                .expect("glossary patterns always build an automaton")
        });
        Matcher { automaton, targets }
    }

    /// All whole-word, case-accepted hits in `text`, sorted by start then longest first.
    pub fn find<'a>(&'a self, text: &str) -> Vec<Hit<'a, T>> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut hits = Vec::new();
        for m in automaton.find_overlapping_iter(text) {
            let span = Span::new(m.start(), m.end());
            if !text.is_char_boundary(span.start)
                || !text.is_char_boundary(span.end)
                || !is_whole_word(text, span)
            {
                continue;
            }
            let matched = &text[span.start..span.end];
            for form in &self.targets[m.pattern().as_usize()] {
                if form.case.accepts(&form.text, matched) && same_letters(&form.text, matched) {
                    hits.push(Hit {
                        span,
                        payload: &form.payload,
                    });
                }
            }
        }
        hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
        hits
    }

    pub fn is_empty(&self) -> bool {
        self.automaton.is_none()
    }
}

/// Case-insensitive equality (the automaton folds ASCII only).
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
}
