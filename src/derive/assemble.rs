//! Finding derived renderings in a text from the candidate words the automaton found.
//!
//! A rendering of a term of k words is k consecutive words of the text, each either the
//! term's own word or a candidate for it, with at least one candidate. Assembly starts at
//! each candidate hit that is the leftmost replaced word: the words before it must be the
//! term's own, the words after it may be either. So each rendering is found exactly once.

use std::collections::HashMap;

use super::DerivedEntry;
use crate::casing::CaseRule;
use crate::inflect::{self, Inflection};
use crate::span::Span;
use crate::words::is_word_char;

/// A candidate word found in the text: entry (index into the derived entries), slot,
/// candidate (index into the slot's candidates), and the inflection it was found in.
#[derive(Debug, Clone, Copy)]
pub struct CandidateHit {
    pub span: Span,
    pub derived: usize,
    pub slot: usize,
    pub candidate: usize,
    pub inflection: Inflection,
}

/// A rendering found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Assembled {
    pub span: Span,
    pub derived: usize,
    /// (slot, candidate) of each replaced word.
    pub replaced: Vec<(usize, usize)>,
    /// The inflection of the last word, to inflect the correction the same way.
    pub inflection: Inflection,
}

/// Assembles every rendering the candidate hits make in `text`.
pub fn assemble(
    text: &str,
    entries: &[DerivedEntry],
    case: impl Fn(usize) -> CaseRule,
    hits: &[CandidateHit],
) -> Vec<Assembled> {
    let mut by_start: HashMap<(usize, usize), Vec<&CandidateHit>> = HashMap::new();
    for hit in hits {
        by_start
            .entry((hit.span.start, hit.derived))
            .or_default()
            .push(hit);
    }
    let mut out = Vec::new();
    for hit in hits {
        let walk = Walk {
            text,
            entry: &entries[hit.derived],
            derived: hit.derived,
            rule: case(hit.derived),
            by_start: &by_start,
        };
        // The words before the first replaced one are the term's own.
        let mut start = Some(hit.span.start);
        for slot in walk.entry.slots[..hit.slot].iter().rev() {
            start = start.and_then(|at| previous_literal(text, at, &slot.word, walk.rule));
        }
        let Some(start) = start else { continue };
        let mut path = vec![(hit.slot, hit.candidate)];
        walk.extend(
            hit.slot + 1,
            hit.span.end,
            hit.inflection,
            &mut path,
            &mut |end, replaced, inflection| {
                out.push(Assembled {
                    span: Span::new(start, end),
                    derived: hit.derived,
                    replaced: replaced.to_vec(),
                    inflection,
                })
            },
        );
    }
    out
}

/// What a called-back complete rendering carries: its end, replaced slots, last inflection.
type Found<'f> = &'f mut dyn FnMut(usize, &[(usize, usize)], Inflection);

/// One entry's slots being filled from one starting hit.
struct Walk<'a> {
    text: &'a str,
    entry: &'a DerivedEntry,
    derived: usize,
    rule: CaseRule,
    by_start: &'a HashMap<(usize, usize), Vec<&'a CandidateHit>>,
}

impl Walk<'_> {
    /// Fills slots `slot..` after byte `at`, calling `found` for every complete rendering.
    fn extend(
        &self,
        slot: usize,
        at: usize,
        inflection: Inflection,
        path: &mut Vec<(usize, usize)>,
        found: Found,
    ) {
        if slot == self.entry.slots.len() {
            found(at, path, inflection);
            return;
        }
        let Some(next) = next_word_start(self.text, at) else {
            return;
        };
        let last = slot + 1 == self.entry.slots.len();
        // The term's own word (inflected when it is the last one).
        let own = &self.entry.slots[slot].word;
        let forms = if last {
            inflect::forms(own)
        } else {
            vec![(Inflection::Base, own.clone())]
        };
        for (infl, form) in forms {
            if let Some(end) = literal_at(self.text, next, &form, self.rule) {
                self.extend(slot + 1, end, infl, path, found);
            }
        }
        // Or a candidate for it.
        for hit in self
            .by_start
            .get(&(next, self.derived))
            .into_iter()
            .flatten()
        {
            if hit.slot == slot && (last || hit.inflection == Inflection::Base) {
                path.push((hit.slot, hit.candidate));
                self.extend(slot + 1, hit.span.end, hit.inflection, path, found);
                path.pop();
            }
        }
    }
}

/// Words of a phrase are separated by spaces or hyphens, on one line.
fn is_separator(c: char) -> bool {
    c == ' ' || c == '-'
}

/// Where the next word starts after byte `at`, if only separators come between.
fn next_word_start(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let skipped = rest.len() - rest.trim_start_matches(is_separator).len();
    (skipped > 0 && skipped < rest.len()).then_some(at + skipped)
}

/// The end of `word` if it stands at `at` as a whole word under the case rule.
fn literal_at(text: &str, at: usize, word: &str, rule: CaseRule) -> Option<usize> {
    let end = at + word.len();
    let candidate = text.get(at..end)?;
    let whole = !text[end..].chars().next().is_some_and(is_word_char);
    (whole && candidate.eq_ignore_ascii_case(word) && rule.accepts(word, candidate)).then_some(end)
}

/// The start of `word` if it stands, as a whole word, right before `at` (separators between).
fn previous_literal(text: &str, at: usize, word: &str, rule: CaseRule) -> Option<usize> {
    let before = text[..at].trim_end_matches(is_separator);
    if before.len() == at {
        return None;
    }
    let start = before.len().checked_sub(word.len())?;
    let candidate = text.get(start..before.len())?;
    let whole = !text[..start].chars().next_back().is_some_and(is_word_char);
    (whole && candidate.eq_ignore_ascii_case(word) && rule.accepts(word, candidate))
        .then_some(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::{Evidence, Slot, Substitution};

    fn sub(from: &str, to: &str) -> Substitution {
        Substitution {
            from: from.into(),
            to: to.into(),
            evidence: Evidence::default(),
            prior: 0.9,
        }
    }

    fn breast_cancer() -> DerivedEntry {
        DerivedEntry {
            entry: 0,
            term: "breast cancer".into(),
            slots: vec![
                Slot {
                    word: "breast".into(),
                    candidates: vec![sub("breast", "bosom")],
                },
                Slot {
                    word: "cancer".into(),
                    candidates: vec![sub("cancer", "peril")],
                },
            ],
            pos: None,
            whole_replacement_allowed: true,
        }
    }

    fn hit(text: &str, word: &str, slot: usize, inflection: Inflection) -> CandidateHit {
        let start = text.find(word).unwrap();
        CandidateHit {
            span: Span::new(start, start + word.len()),
            derived: 0,
            slot,
            candidate: 0,
            inflection,
        }
    }

    fn found(text: &str, hits: &[CandidateHit]) -> Vec<(String, Vec<(usize, usize)>)> {
        assemble(text, &[breast_cancer()], |_| CaseRule::Smart, hits)
            .into_iter()
            .map(|a| (text[a.span.start..a.span.end].to_string(), a.replaced))
            .collect()
    }

    #[test]
    fn assembles_any_mix_of_own_words_and_candidates() {
        let text = "bosom peril; breast peril; bosom cancers; Bosom-peril";
        let mut hits = Vec::new();
        for (i, _) in text
            .match_indices("bosom")
            .chain(text.match_indices("Bosom"))
        {
            hits.push(CandidateHit {
                span: Span::new(i, i + 5),
                derived: 0,
                slot: 0,
                candidate: 0,
                inflection: Inflection::Base,
            });
        }
        for (i, _) in text.match_indices("peril") {
            hits.push(CandidateHit {
                span: Span::new(i, i + 5),
                derived: 0,
                slot: 1,
                candidate: 0,
                inflection: Inflection::Base,
            });
        }
        let got = found(text, &hits);
        assert_eq!(
            got,
            [
                ("bosom peril".to_string(), vec![(0, 0), (1, 0)]),
                ("bosom cancers".to_string(), vec![(0, 0)]),
                ("Bosom-peril".to_string(), vec![(0, 0), (1, 0)]),
                ("breast peril".to_string(), vec![(1, 0)]),
            ]
        );
    }

    #[test]
    fn does_not_assemble_across_other_words_or_lines() {
        let text = "bosom and cancer; bosom\ncancer; embreast peril";
        let hits = [
            hit(text, "bosom", 0, Inflection::Base),
            hit(text, "peril", 1, Inflection::Base),
        ];
        assert!(found(text, &hits).is_empty());
    }
}
