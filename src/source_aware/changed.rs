//! `source.changed-term` and `source.changed-word`: what a paraphrase replaced of its
//! original, found from the word alignment of the two.

use super::align::{Hunk, WordAlignment};
use super::{SourceAware, rule};
use crate::bitext::Bitext;
use crate::check::finding::{Applicability, Edit, Finding, Fix};
use crate::glossary::{Entry, FixMode, Severity};
use crate::text::span::Span;

/// The findings of one same-language segment.
pub(super) fn find(
    aware: &SourceAware,
    bitext: &Bitext,
    target: &str,
    alignment: &WordAlignment,
    source_terms: &[(Span, usize)],
) -> Vec<Finding> {
    let entries = &aware.checker().glossary().entries;
    let mut findings = Vec::new();
    let mut reported: Vec<std::ops::Range<usize>> = Vec::new();
    let terms_on = aware.checker().runs(rule::CHANGED_TERM);
    // Both sides' words in lower case, made once per segment (a whole document can be one
    // segment) and only when some term was changed.
    let mut lowered: Option<(Vec<String>, Vec<String>)> = None;
    for &(span, entry_index) in source_terms.iter().filter(|_| terms_on) {
        let Some(hunk) = alignment.changed(alignment.source_words(span)) else {
            continue;
        };
        // The term was moved, not replaced: the target says it, in the original's words, as
        // often as the source. (Not any form of the entry: "Bruce" is no "Bruce Swartz".)
        let said = phrase_words(&bitext.source[span.start..span.end]);
        let (target_words, source_words) = lowered.get_or_insert_with(|| {
            (
                lower_case(target, &alignment.target),
                lower_case(&bitext.source, &alignment.source),
            )
        });
        if occurrences(target_words, &said) >= occurrences(source_words, &said)
            || reported.contains(&hunk.source)
        {
            continue;
        }
        reported.push(hunk.source.clone());
        let term_text = &bitext.source[span.start..span.end];
        findings.push(changed_term(
            &entries[entry_index],
            bitext,
            target,
            alignment,
            &hunk,
            span,
            term_text,
        ));
    }
    if aware.options().all_changes || aware.checker().runs(rule::CHANGED_WORD) {
        findings.extend(changed_words(bitext, target, alignment, &reported));
    }
    findings
}

/// The `source.changed-term` finding of a term of the original at `span` that the hunk
/// replaced: its fix restores the original's words, unless the term was left out.
fn changed_term(
    entry: &Entry,
    bitext: &Bitext,
    target: &str,
    alignment: &WordAlignment,
    hunk: &Hunk,
    span: Span,
    term_text: &str,
) -> Finding {
    let original = alignment.source_span(&hunk.source);
    let original_words = &bitext.source[original.start..original.end];
    let at = alignment.target_span(&hunk.target, target.len());
    let (message, fix) = if at.is_empty() {
        // Left out: nothing to replace, and where to put it back is a guess.
        (
            format!(
                "the original's '{term_text}' ({}) is left out here",
                entry.term
            ),
            None,
        )
    } else {
        let exact = original == span;
        let applicability = if exact && entry.fix == FixMode::Safe {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        let fix = (!original_words.contains('\n')).then(|| Fix {
            edits: vec![Edit {
                span: at,
                content: original_words.to_string(),
            }],
            applicability,
        });
        (
            format!(
                "the original has '{original_words}' here, with the glossary term '{}'",
                entry.term
            ),
            fix,
        )
    };
    // An empty span marks nothing: the finding then covers the next word.
    let shown = if at.is_empty() {
        next_word(alignment, &hunk.target, target.len(), at)
    } else {
        at
    };
    let mut finding = Finding::about(
        rule::CHANGED_TERM,
        shown,
        entry,
        entry.severity,
        CHANGED_CONFIDENCE,
        message,
    );
    finding.suggestions = vec![original_words.to_string()];
    finding.fix = fix;
    finding
}

/// `source.changed-word`: every replaced run holding a content word that no term finding
/// reported (`reported`: their source words).
fn changed_words(
    bitext: &Bitext,
    target: &str,
    alignment: &WordAlignment,
    reported: &[std::ops::Range<usize>],
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for hunk in &alignment.hunks {
        if reported.contains(&hunk.source) || hunk.source.is_empty() || hunk.target.is_empty() {
            continue;
        }
        let original = alignment.source_span(&hunk.source);
        let original_words = &bitext.source[original.start..original.end];
        if crate::text::words::tokens(original_words)
            .all(|(_, w)| crate::text::words::is_stopword(&w.to_lowercase()))
        {
            continue;
        }
        let at = alignment.target_span(&hunk.target, target.len());
        findings.push(Finding {
            rule: rule::CHANGED_WORD,
            span: at,
            kind: None,
            severity: Severity::Info,
            confidence: 1.0,
            message: format!("the original has '{original_words}' here"),
            suggestions: vec![original_words.to_string()],
            fix: (!original_words.contains('\n')).then(|| Fix {
                edits: vec![Edit {
                    span: at,
                    content: original_words.to_string(),
                }],
                applicability: Applicability::Unsafe,
            }),
            evidence: Vec::new(),
            entry: None,
        });
    }
    findings
}

/// The lowercased words of a phrase, the last one without a plural ending.
fn phrase_words(phrase: &str) -> Vec<String> {
    let mut words: Vec<String> = crate::text::words::tokens(phrase)
        .map(|(_, w)| w.to_lowercase())
        .collect();
    if let Some(last) = words.last_mut() {
        *last = singular(last).to_string();
    }
    words
}

/// A word without a plural ending: enough to tell "precursors" from "precursor" as the same
/// words, not a lemmatiser.
fn singular(word: &str) -> &str {
    word.strip_suffix("es")
        .filter(|stem| {
            stem.ends_with(['s', 'x', 'z']) || stem.ends_with("ch") || stem.ends_with("sh")
        })
        .or_else(|| word.strip_suffix('s').filter(|stem| !stem.ends_with('s')))
        .unwrap_or(word)
}

/// The words at `spans` of `text`, in lower case.
fn lower_case(text: &str, spans: &[Span]) -> Vec<String> {
    spans
        .iter()
        .map(|w| text[w.start..w.end].to_lowercase())
        .collect()
}

/// How often the lower-case `words` hold `phrase` (from [`phrase_words`]).
fn occurrences(words: &[String], phrase: &[String]) -> usize {
    if phrase.is_empty() || words.len() < phrase.len() {
        return 0;
    }
    words
        .windows(phrase.len())
        .filter(|window| {
            window.iter().zip(phrase).enumerate().all(|(i, (word, p))| {
                if i + 1 == phrase.len() {
                    singular(word) == p
                } else {
                    word == p
                }
            })
        })
        .count()
}

/// A replaced glossary term is known from the original, not guessed.
const CHANGED_CONFIDENCE: f32 = 0.95;

/// The word after an empty span of target words, or the word before it at the end.
fn next_word(
    alignment: &WordAlignment,
    words: &std::ops::Range<usize>,
    len: usize,
    at: Span,
) -> Span {
    alignment
        .target
        .get(words.start)
        .or_else(|| alignment.target.get(words.start.wrapping_sub(1)))
        .copied()
        .unwrap_or(Span::new(at.start.min(len), at.start.min(len)))
}
