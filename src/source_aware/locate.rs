//! `source.missing-term`: finding the target words that render a source term the target
//! lacks, so the fix replaces them and nothing else.
//!
//! What termlint already knows comes first: a monolingual finding about the entry in the
//! segment (a listed variant, a derived rendering, a near miss) is the rendering. Otherwise
//! every run of target words about as long as the term is scored against it, word by word:
//! the same word or stem, the same initials (an abbreviation), a lexicon relative, a near
//! spelling. Words that other terms of the segment account for are not it. The best run
//! above [`LOCATE_THRESHOLD`] is replaced; with none, the finding covers the segment and
//! carries no fix.

use super::rule;
use crate::check::finding::{Applicability, Edit, Finding, Fix};
use crate::derive::KinshipTest;
use crate::glossary::Entry;
use crate::text::casing::copy_case;
use crate::text::inflect::Inflection;
use crate::text::span::Span;
use crate::text::words::{is_function_word, tokens};

/// A run of words scoring at least this (0 to 1) is taken as the term's rendering.
pub const LOCATE_THRESHOLD: f32 = 0.5;

/// The finding for `entry`, which the source segment names and `target[segment]` lacks.
/// `known` are the monolingual findings about the entry in the segment.
pub fn missing(
    entry: &Entry,
    target: &str,
    segment: Span,
    target_terms: &[(Span, usize)],
    known: &[&Finding],
    kinship: &KinshipTest,
) -> Finding {
    let source_form = entry.source.first().map_or("", String::as_str);
    if let Some(best) = known
        .iter()
        .filter(|f| f.fix.is_some())
        .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
    {
        let mut finding = (*best).clone();
        finding.rule = rule::MISSING_TERM;
        finding.confidence = finding.confidence.max(0.95);
        finding.message = format!(
            "the source has '{source_form}', and '{}' renders it here instead of '{}' ({})",
            &target[finding.span.start..finding.span.end],
            entry.term,
            finding.message
        );
        return finding;
    }
    let words: Vec<(Span, &str)> = tokens(&target[segment.start..segment.end])
        .map(|(s, w)| (Span::new(segment.start + s.start, segment.start + s.end), w))
        .filter(|(s, _)| !target_terms.iter().any(|(t, _)| t.overlaps(*s)))
        .collect();
    let located = best_run(&entry.term, target, &words, kinship);
    match located {
        Some((span, score)) => {
            let matched = &target[span.start..span.end];
            let replacement = render(&entry.term, matched);
            let mut finding = Finding::about(
                rule::MISSING_TERM,
                span,
                entry,
                entry.severity,
                0.6 + 0.35 * score,
                format!(
                    "the source has '{source_form}', which the glossary renders '{}'; '{matched}' seems to render it here",
                    entry.term
                ),
            );
            finding.suggestions = vec![replacement.clone()];
            finding.fix = Some(Fix {
                edits: vec![Edit {
                    span,
                    content: replacement,
                }],
                applicability: Applicability::Unsafe,
            });
            finding
        }
        None => {
            let mut finding = Finding::about(
                rule::MISSING_TERM,
                segment,
                entry,
                entry.severity,
                0.9,
                format!(
                    "the source has '{source_form}', which the glossary renders '{}', but this segment does not have it",
                    entry.term
                ),
            );
            finding.suggestions = vec![entry.term.clone()];
            finding
        }
    }
}

/// The term, cased and inflected like the words it replaces: a term written with capitals
/// (a name) keeps them; a plural run gets a plural term.
fn render(term: &str, matched: &str) -> String {
    let last = matched.rsplit([' ', '-']).next().unwrap_or(matched);
    let term_last = term.rsplit([' ', '-']).next().unwrap_or(term);
    let plural = |w: &str| {
        let w = w.to_lowercase();
        w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us")
    };
    let inflected =
        if plural(last) && !plural(term_last) && term_last.chars().any(char::is_lowercase) {
            Inflection::S.apply(term)
        } else {
            term.to_string()
        };
    if term.chars().any(char::is_uppercase) {
        inflected
    } else {
        copy_case(matched, &inflected)
    }
}

/// The best-scoring run of `words` against the term, with its score, if above the threshold.
fn best_run(
    term: &str,
    text: &str,
    words: &[(Span, &str)],
    kinship: &KinshipTest,
) -> Option<(Span, f32)> {
    let term_words: Vec<String> = tokens(term).map(|(_, w)| w.to_lowercase()).collect();
    if term_words.is_empty() {
        return None;
    }
    let n = term_words.len();
    // An abbreviation is one word for many, and the other way round.
    let abbreviated = n == 1 && term.len() >= 2 && !term.chars().any(char::is_lowercase);
    let longest = if abbreviated { 6 } else { n + 1 };
    let mut best: Option<(Span, f32)> = None;
    for start in 0..words.len() {
        for len in 1..=longest {
            if len + 1 < n && len != 1 {
                continue;
            }
            let Some(run) = words.get(start..start + len) else {
                break;
            };
            let first = run[0].1.to_lowercase();
            let last = run[len - 1].1.to_lowercase();
            if is_function_word(&first) || is_function_word(&last) {
                continue;
            }
            let span = Span::new(run[0].0.start, run[len - 1].0.end);
            // A run across a sentence end or a clause break is not one rendering.
            if text[span.start..span.end].contains(['.', ';', '\n', '(', ')', ':']) {
                continue;
            }
            let run_words: Vec<String> = run.iter().map(|(_, w)| w.to_lowercase()).collect();
            let score = score(&term_words, &run_words, kinship);
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((span, score));
            }
        }
    }
    best.filter(|(_, score)| *score >= LOCATE_THRESHOLD)
}

/// How well a run of words renders the term's words, 0 to 1: each content word of the term
/// is matched by its best word of the run, and words of the run that match nothing count
/// against it.
fn score(term: &[String], run: &[String], kinship: &KinshipTest) -> f32 {
    if let Some(s) = abbreviation(term, run) {
        return s;
    }
    let content: Vec<&String> = term.iter().filter(|w| !is_function_word(w)).collect();
    if content.is_empty() {
        return 0.0;
    }
    // Best pairs first: "exchange" must not take the run's "fund" from "fund".
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (t, word) in content.iter().enumerate() {
        for (i, r) in run.iter().enumerate() {
            let s = word_similarity(word, r, kinship);
            if s > 0.0 {
                pairs.push((s, t, i));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut used = vec![false; run.len()];
    let mut matched = vec![false; content.len()];
    let mut total = 0.0;
    for (s, t, i) in pairs {
        if !used[i] && !matched[t] {
            used[i] = true;
            matched[t] = true;
            total += s;
        }
    }
    let unmatched = run
        .iter()
        .zip(&used)
        .filter(|(w, u)| !**u && !is_function_word(w))
        .count();
    total / (content.len() + unmatched) as f32
}

/// A term and its abbreviation: "Hong Kong Monetary Authority" and "HKMA".
fn abbreviation(term: &[String], run: &[String]) -> Option<f32> {
    let initials = |words: &[String]| -> String {
        words
            .iter()
            .filter(|w| !is_function_word(w))
            .filter_map(|w| w.chars().next())
            .collect()
    };
    let matches = |long: &[String], short: &[String]| {
        short.len() == 1 && long.len() > 1 && short[0].len() >= 2 && initials(long) == short[0]
    };
    (matches(term, run) || matches(run, term)).then_some(0.9)
}

/// How alike two words are as renderings of one another, 0 to 1.
fn word_similarity(a: &str, b: &str, kinship: &KinshipTest) -> f32 {
    if a == b {
        return 1.0;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    if common >= 4 && common * 5 >= shorter * 4 {
        return 0.85; // the same stem: "regulation", "regulatory"
    }
    if a.chars().any(char::is_alphabetic)
        && b.chars().any(char::is_alphabetic)
        && kinship.between(a, b).is_some()
    {
        // Thesaurus kin is weak evidence alone ("growth" and "ramifications" are kin).
        return 0.45;
    }
    let similarity = strsim::normalized_damerau_levenshtein(a, b) as f32;
    if similarity >= 0.75 { 0.6 } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Origin;

    fn entry(term: &str) -> Entry {
        let mut e = Entry::new(
            term,
            Origin {
                file: "g".into(),
                line: 1,
            },
        );
        e.source = vec!["源".into()];
        e
    }

    fn located(term: &str, text: &str) -> Option<String> {
        let finding = missing(
            &entry(term),
            text,
            Span::new(0, text.len()),
            &[],
            &[],
            &KinshipTest::new(crate::lexicon::tests::embedded()),
        );
        finding.fix.map(|f| {
            format!(
                "{} -> {}",
                &text[f.edits[0].span.start..f.edits[0].span.end],
                f.edits[0].content
            )
        })
    }

    #[test]
    fn fixes_a_rendering_that_shares_words_with_the_term() {
        assert_eq!(
            located(
                "deposit-taking institutions",
                "Banks and other deposit-accepting institutions reported profits."
            )
            .as_deref(),
            Some("deposit-accepting institutions -> deposit-taking institutions")
        );
        assert_eq!(
            located(
                "Hong Kong Monetary Authority",
                "The HKMA said rates would rise."
            )
            .as_deref(),
            Some("HKMA -> Hong Kong Monetary Authority")
        );
    }

    #[test]
    fn does_not_fix_without_a_likely_rendering() {
        assert_eq!(
            located("Exchange Fund", "Profits rose sharply last year."),
            None
        );
    }

    #[test]
    fn a_words_best_match_is_not_taken_by_a_weaker_one() {
        assert_eq!(
            located("Exchange Fund", "The Fund grew.").as_deref(),
            Some("Fund -> Exchange Fund")
        );
    }

    #[test]
    fn plural_runs_get_a_plural_term() {
        assert_eq!(
            render("authorized institution", "licensed institutions"),
            "authorized institutions"
        );
        assert_eq!(render("Exchange Fund", "exchange funds"), "Exchange Funds");
    }
}
