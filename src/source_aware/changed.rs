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
    target_terms: &[(Span, usize)],
) -> Vec<Finding> {
    let entries = &aware.checker().glossary().entries;
    let mut findings = Vec::new();
    let mut reported: Vec<std::ops::Range<usize>> = Vec::new();
    let terms_on = aware.checker().runs(rule::CHANGED_TERM);
    for &(span, entry_index) in source_terms.iter().filter(|_| terms_on) {
        let Some(hunk) = alignment.changed(alignment.source_words(span)) else {
            continue;
        };
        // The term was moved, not replaced: the target says it as often as the source.
        let count =
            |terms: &[(Span, usize)]| terms.iter().filter(|(_, e)| *e == entry_index).count();
        if count(target_terms) >= count(source_terms) || reported.contains(&hunk.source) {
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
