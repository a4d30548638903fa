//! Finding derived renderings in a text from the candidate words the checker found.
//!
//! A rendering of a term of k words is k consecutive words of the text, each either the
//! term's own word or a candidate for it, with at least one candidate. Assembly starts at
//! each candidate hit that is the leftmost replaced word: the words before it must be the
//! term's own, the words after it may be either. So each rendering is found exactly once.

use std::cell::OnceCell;

use super::DerivedEntry;
use crate::lexicon::Lexicon;
use crate::text::casing::CaseRule;
use crate::text::inflect::{self, Inflection};
use crate::text::span::Span;
use crate::text::words::{continues_word, ends_in_word, trailing_word_start, word_len};

/// A candidate word found in the text: entry (index into the derived entries), slot,
/// candidate (index into the slot's candidates), and the inflection it was found in. A
/// megabyte of prose with a large bare glossary makes millions: 20 bytes each, not 48.
/// (Texts are under 4 GiB, slots and candidates as numbered by the checker's index.)
#[derive(Debug, Clone, Copy)]
pub struct CandidateHit {
    start: u32,
    end: u32,
    derived: u32,
    slot: u16,
    candidate: u16,
    pub inflection: Inflection,
}

impl CandidateHit {
    pub fn new(
        span: Span,
        derived: usize,
        slot: usize,
        candidate: usize,
        inflection: Inflection,
    ) -> CandidateHit {
        CandidateHit {
            start: span.start as u32,
            end: span.end as u32,
            derived: derived as u32,
            slot: slot as u16,
            candidate: candidate as u16,
            inflection,
        }
    }

    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    pub fn derived(&self) -> usize {
        self.derived as usize
    }

    pub fn slot(&self) -> usize {
        self.slot as usize
    }

    pub fn candidate(&self) -> usize {
        self.candidate as usize
    }
}

/// A rendering found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Assembled {
    pub span: Span,
    pub derived: usize,
    /// (slot, candidate) of each replaced word found among the candidates.
    pub replaced: Vec<(usize, usize)>,
    /// At most one more replaced word that is not a listed candidate but shares a synonym
    /// with the term's word: (slot, its span).
    pub related: Option<(usize, Span)>,
    /// The inflection of the last word, to inflect the correction the same way.
    pub inflection: Inflection,
}

/// Tells whether a word of the text (3rd argument) is related in two thesaurus steps to the
/// word of slot (2nd) of derived entry (1st).
pub type Related<'r> = &'r dyn Fn(usize, usize, &str) -> bool;

/// Assembles every rendering the candidate hits make in `text`.
pub fn assemble(
    lexicon: &Lexicon,
    text: &str,
    entries: &[DerivedEntry],
    case: impl Fn(usize) -> CaseRule,
    related: Related,
    hits: &[CandidateHit],
) -> Vec<Assembled> {
    let by_start = HitIndex::new(hits);
    // The forms of each entry's last word, made once per entry met rather than per hit.
    let last_forms: Vec<OnceCell<Vec<(Inflection, String)>>> =
        entries.iter().map(|_| OnceCell::new()).collect();
    let mut out = Vec::new();
    for hit in hits {
        let entry = &entries[hit.derived()];
        let walk = Walk {
            lexicon,
            text,
            entry,
            derived: hit.derived(),
            rule: case(hit.derived()),
            by_start: &by_start,
            related,
            last_forms: last_forms[hit.derived()]
                .get_or_init(|| inflect::forms(&entry.slots[entry.slots.len() - 1].word)),
        };
        // The words before the first replaced candidate are the term's own, or one of them
        // is a related word.
        let mut start = hit.span().start;
        let mut wildcard = None;
        let mut complete = true;
        for slot in (0..hit.slot()).rev() {
            let word = &walk.entry.slots[slot].word;
            if let Some(s) = previous_literal(text, start, word, walk.rule) {
                start = s;
            } else if let Some(span) = previous_word(text, start).filter(|_| wildcard.is_none())
                && walk.relates(slot, span)
            {
                wildcard = Some((slot, span));
                start = span.start;
            } else {
                complete = false;
                break;
            }
        }
        if !complete {
            continue;
        }
        let mut path = Path {
            replaced: vec![(hit.slot(), hit.candidate())],
            related: wildcard,
        };
        walk.extend(
            hit.slot() + 1,
            hit.span().end,
            hit.inflection,
            &mut path,
            &mut |end, path, inflection| {
                out.push(Assembled {
                    span: Span::new(start, end),
                    derived: hit.derived(),
                    replaced: path.replaced.clone(),
                    related: path.related,
                    inflection,
                })
            },
        );
    }
    out
}

/// The hits found at a position for an entry. A text of a megabyte has millions of hits
/// with a large glossary: one sorted list of their numbers, searched by halving, rather than a
/// map holding a list per position and entry.
struct HitIndex<'h> {
    hits: &'h [CandidateHit],
    /// Numbers of `hits`, ordered by (start, entry).
    order: Vec<u32>,
}

impl<'h> HitIndex<'h> {
    fn new(hits: &'h [CandidateHit]) -> HitIndex<'h> {
        let mut order: Vec<u32> = (0..hits.len() as u32).collect();
        let key = |&i: &u32| (hits[i as usize].start, hits[i as usize].derived);
        order.sort_by_key(key);
        HitIndex { hits, order }
    }

    /// The hits starting at byte `start` for derived entry `derived`, in the order found.
    fn at(&self, start: usize, derived: usize) -> impl Iterator<Item = &'h CandidateHit> + '_ {
        let wanted = (start as u32, derived as u32);
        let key = |i: u32| {
            let hit = &self.hits[i as usize];
            (hit.start, hit.derived)
        };
        let from = self.order.partition_point(|&i| key(i) < wanted);
        self.order[from..]
            .iter()
            .take_while(move |&&i| key(i) == wanted)
            .map(|&i| &self.hits[i as usize])
    }
}

/// The replaced words of a rendering being assembled.
struct Path {
    replaced: Vec<(usize, usize)>,
    related: Option<(usize, Span)>,
}

/// What a called-back complete rendering carries: its end, the path, the last inflection.
type Found<'f> = &'f mut dyn FnMut(usize, &Path, Inflection);

/// One entry's slots being filled from one starting hit.
struct Walk<'a> {
    lexicon: &'a Lexicon,
    text: &'a str,
    entry: &'a DerivedEntry,
    derived: usize,
    rule: CaseRule,
    by_start: &'a HitIndex<'a>,
    related: Related<'a>,
    /// The forms of the entry's last word (inflected: "cancers").
    last_forms: &'a [(Inflection, String)],
}

impl Walk<'_> {
    /// Whether the word at `span` may stand for the word of `slot` as a related word: a
    /// content word, not a candidate of that slot (those are found as candidates), and two
    /// thesaurus steps from it. Not one of the most common words of English, which are two
    /// steps from almost anything ("low signal quality" is no "acoustic signal features").
    fn relates(&self, slot: usize, span: Span) -> bool {
        let word = &self.text[span.start..span.end];
        if word.chars().count() < 3
            || !word.chars().all(char::is_alphabetic)
            || self.entry.slots[slot].candidates.is_empty()
        {
            return false;
        }
        let lower = crate::text::words::lowercase(word);
        let candidate_here = || {
            self.by_start
                .at(span.start, self.derived)
                .any(|h| h.slot() == slot)
        };
        !crate::text::words::is_stopword(&lower)
            && !super::is_everyday(self.lexicon, &lower)
            && !candidate_here()
            && (self.related)(self.derived, slot, &lower)
    }

    /// Fills slots `slot..` after byte `at`, calling `found` for every complete rendering.
    fn extend(
        &self,
        slot: usize,
        at: usize,
        inflection: Inflection,
        path: &mut Path,
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
        let mut matched = false;
        if last {
            for (infl, form) in self.last_forms {
                if let Some(end) = literal_at(self.text, next, form, self.rule) {
                    matched = true;
                    self.extend(slot + 1, end, *infl, path, found);
                }
            }
        } else if let Some(end) =
            literal_at(self.text, next, &self.entry.slots[slot].word, self.rule)
        {
            matched = true;
            self.extend(slot + 1, end, Inflection::Base, path, found);
        }
        // Or a candidate for it.
        for hit in self.by_start.at(next, self.derived) {
            if hit.slot() == slot && (last || hit.inflection == Inflection::Base) {
                matched = true;
                path.replaced.push((hit.slot(), hit.candidate()));
                self.extend(slot + 1, hit.span().end, hit.inflection, path, found);
                path.replaced.pop();
            }
        }
        // Or, once per rendering, a related word.
        if !matched && path.related.is_none() {
            let span = word_at(self.text, next);
            if self.relates(slot, span) {
                path.related = Some((slot, span));
                self.extend(slot + 1, span.end, Inflection::Base, path, found);
                path.related = None;
            }
        }
    }
}

/// The word starting at `at`.
fn word_at(text: &str, at: usize) -> Span {
    Span::new(at, at + word_len(&text[at..]))
}

/// The word ending right before `at` (separators between), if any.
fn previous_word(text: &str, at: usize) -> Option<Span> {
    let before = text[..at].trim_end_matches(is_separator);
    if before.len() == at || before.is_empty() {
        return None;
    }
    let start = trailing_word_start(before);
    (start < before.len()).then(|| Span::new(start, before.len()))
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
    let whole = !text[end..].starts_with(continues_word);
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
    let whole = !ends_in_word(&text[..start]);
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
                    candidates: vec![sub("breast", "bosom")].into(),
                },
                Slot {
                    word: "cancer".into(),
                    candidates: vec![sub("cancer", "peril")].into(),
                },
            ],
            pos: None,
            whole_replacement_allowed: true,
        }
    }

    fn hit(text: &str, word: &str, slot: usize, inflection: Inflection) -> CandidateHit {
        let start = text.find(word).unwrap();
        CandidateHit::new(Span::new(start, start + word.len()), 0, slot, 0, inflection)
    }

    fn found(text: &str, hits: &[CandidateHit]) -> Vec<(String, Vec<(usize, usize)>)> {
        assemble(
            &Lexicon::builder().build(),
            text,
            &[breast_cancer()],
            |_| CaseRule::Smart,
            &|_, _, _| false,
            hits,
        )
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
            hits.push(CandidateHit::new(
                Span::new(i, i + 5),
                0,
                0,
                0,
                Inflection::Base,
            ));
        }
        for (i, _) in text.match_indices("peril") {
            hits.push(CandidateHit::new(
                Span::new(i, i + 5),
                0,
                1,
                0,
                Inflection::Base,
            ));
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
    fn one_related_word_may_stand_in_for_a_term_word() {
        let text = "mammary peril and mortal peril";
        let peril = text.find("peril").unwrap();
        let hits = [CandidateHit::new(
            Span::new(peril, peril + 5),
            0,
            1,
            0,
            Inflection::Base,
        )];
        let related = |_: usize, slot: usize, word: &str| slot == 0 && word == "mammary";
        let found = assemble(
            &Lexicon::builder().build(),
            text,
            &[breast_cancer()],
            |_| CaseRule::Smart,
            &related,
            &hits,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(
            &text[found[0].span.start..found[0].span.end],
            "mammary peril"
        );
        assert_eq!(found[0].related, Some((0, Span::new(0, 7))));
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
