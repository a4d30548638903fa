//! Reinforcement: derived renderings too unsure to report on their own, lifted by what else is
//! reported in the same text. Paraphrasers are consistent, and they garble in clusters.

use std::collections::HashMap;

use crate::check::arbitrate::Claim;
use crate::check::finding::{Evidence, rule};
use crate::glossary::{Entry, Glossary};
use crate::text::span::Span;

/// Below this, a derived rendering has too little evidence of its own to be reinforced.
const REINFORCE_FLOOR: f32 = 0.2;
/// Only a finding this sure reinforces others: one barely over the threshold would spread
/// its own doubt through the text.
const REINFORCE_SOURCE: f32 = 0.6;
/// How many words may stand between two garbles of one cluster.
const NEIGHBOUR_WORDS: usize = 3;
/// Bytes a word and its spacing take at most, for the cheap distance test between garbles.
const LONGEST_WORD: usize = 40;
/// A neighbour's evidence is less direct than a repeat of the same words.
const NEIGHBOUR_SHARE: f32 = 0.8;

/// Paraphrasers are consistent: a tool that turned "precursors" into "pioneers" once did it
/// throughout. A derived rendering too unsure to report on its own is reported when the same
/// words are reported as the same term elsewhere in the text, at that finding's confidence.
pub fn repeated(text: &str, claims: &mut [Claim], min_confidence: f32) {
    let key = |c: &Claim| {
        let f = c.finding.as_ref()?;
        (f.rule == rule::DERIVED).then(|| {
            let suggestion = f.suggestions.first().map(|s| s.to_lowercase());
            (text[c.span.start..c.span.end].to_lowercase(), suggestion)
        })
    };
    let mut reported: HashMap<_, (f32, usize)> = HashMap::new();
    for claim in claims.iter() {
        if let (Some(k), Some(f)) = (key(claim), &claim.finding)
            && f.confidence >= min_confidence.max(REINFORCE_SOURCE)
        {
            let best = reported.entry(k).or_insert((0.0, claim.span.start));
            if f.confidence > best.0 {
                *best = (f.confidence, claim.span.start);
            }
        }
    }
    // Line starts, found once and only if some finding is reinforced.
    let mut newlines: Option<Vec<usize>> = None;
    for claim in claims.iter_mut() {
        let Some(k) = key(claim) else { continue };
        let Some(&(confidence, at)) = reported.get(&k) else {
            continue;
        };
        let finding = claim.finding.as_mut().expect("keyed claims have findings");
        if finding.confidence < min_confidence && finding.confidence >= REINFORCE_FLOOR {
            let newlines =
                newlines.get_or_insert_with(|| text.match_indices('\n').map(|(i, _)| i).collect());
            let line = newlines.partition_point(|&n| n < at) + 1;
            finding.confidence = confidence;
            let says = format!("reported with more evidence on line {line}");
            finding
                .message
                .push_str(&format!("; {says}, and paraphrasers are consistent"));
            finding
                .evidence
                .push(Evidence::new("repeat", confidence, says));
        }
    }
}

/// Paraphrasers garble in clusters: "to arrange more pioneers" turned two terms about
/// chemicals at once. A derived single word too unsure to report on its own is reported
/// when a rendering of another term on the same subject (their notes share a word) is
/// reported right next to it, within three words of the same sentence.
pub fn neighbours(text: &str, glossary: &Glossary, claims: &mut [Claim], min_confidence: f32) {
    let sure: Vec<(Span, usize, f32)> = claims
        .iter()
        .filter_map(|c| {
            let f = c.finding.as_ref()?;
            (f.confidence >= min_confidence.max(REINFORCE_SOURCE)).then_some((
                c.span,
                c.entry?,
                f.confidence,
            ))
        })
        .collect();
    if sure.is_empty() {
        return;
    }
    for claim in claims.iter_mut() {
        let (Some(own), Some(finding)) = (claim.entry, claim.finding.as_mut()) else {
            continue;
        };
        let entry = &glossary.entries[own];
        if finding.rule != rule::DERIVED
            || entry.term.contains([' ', '-'])
            || finding.confidence >= min_confidence
            || finding.confidence < REINFORCE_FLOOR
        {
            continue;
        }
        let neighbour = sure.iter().find(|(span, other, _)| {
            *other != own
                && within_words(text, claim.span, *span, NEIGHBOUR_WORDS)
                && shares_note_word(entry, &glossary.entries[*other])
        });
        if let Some(&(span, other, confidence)) = neighbour {
            let lent = confidence * NEIGHBOUR_SHARE;
            finding.confidence = finding.confidence.max(lent);
            let says = format!(
                "'{}' next to it is reported as '{}'",
                &text[span.start..span.end],
                glossary.entries[other].term
            );
            finding
                .message
                .push_str(&format!("; {says}, and paraphrasers garble in clusters"));
            finding
                .evidence
                .push(Evidence::new("neighbour", lent, says));
        }
    }
}

/// Whether at most `words` words, and no sentence end, stand between spans `a` and `b`.
fn within_words(text: &str, a: Span, b: Span, words: usize) -> bool {
    let (first, second) = if a.start <= b.start { (a, b) } else { (b, a) };
    // Far apart is not next to each other: no need to look at what stands between.
    if second.start < first.end || second.start - first.end > words * LONGEST_WORD {
        return false;
    }
    let between = &text[first.end..second.start];
    !between.contains(['.', '!', '?', '\n', ';'])
        && crate::text::words::tokens(between).count() <= words
}

/// Whether the notes of two entries share a content word ("chemical" in "to place a drug or
/// chemical under legal control" and "chemical substance from which a drug is made").
fn shares_note_word(a: &Entry, b: &Entry) -> bool {
    let words = |e: &Entry| -> Vec<String> {
        let note = e.note.as_deref().unwrap_or("");
        crate::text::words::tokens(note)
            .map(|(_, w)| w.to_lowercase())
            .filter(|w| w.len() >= 4 && !crate::text::words::is_stopword(w))
            .map(|w| w.trim_end_matches('s').to_string())
            .collect()
    };
    let theirs = words(b);
    words(a).iter().any(|w| theirs.contains(w))
}
