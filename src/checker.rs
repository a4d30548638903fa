//! The detection stage: a compiled glossary that checks texts.
//!
//! Building a [`Checker`] compiles every form of every entry (terms, listed variants and
//! derived renderings) into one index. Checking a text normalises it once, finds all forms
//! in one pass, lets each rule judge its matches, and keeps the leftmost-longest accepted ones.
//! Spans in the findings are byte ranges into the original text.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::casing::{CaseRule, copy_case_of_form};
use crate::context::Sentences;
use crate::cues::CueMatcher;
use crate::derive::{self, CandidateHit, DerivedEntry, DerivedRendering};
use crate::finding::{Applicability, Finding};
use crate::glossary::{Entry, FixMode, Glossary, Kind};
use crate::inflect::{self, Inflection};
use crate::lexicon::{Lexicon, Pos};
use crate::matcher::{Form, Matcher};
use crate::nearmiss::NearMissIndex;
use crate::normalize::Normalized;
use crate::rules;
use crate::site::Site;
use crate::span::Span;

/// What to look for beyond listed variants, and what to report.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Derive likely wrong renderings of each term from the lexicon.
    pub derive: bool,
    /// Flag doubled words ("Liu Liu").
    pub doubled_words: bool,
    /// Flag near misses of names, chemicals and institutions ("Byton" for Biden).
    pub near_miss: bool,
    /// Findings below this confidence are not reported.
    pub min_confidence: f32,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            derive: true,
            doubled_words: true,
            near_miss: true,
            min_confidence: 0.5,
        }
    }
}

/// A listed wrong rendering of an entry, with the correction it calls for.
#[derive(Debug, Clone)]
pub struct Rendering {
    pub entry: usize,
    /// The base form of the wrong rendering.
    pub form: String,
    /// The base form of the correction.
    pub correction: String,
}

/// At equal spans correct terms win over listed variants, and those over derived renderings.
const TERM_RANK: u8 = 0;
const LISTED_RANK: u8 = 1;
const DERIVED_RANK: u8 = 2;

#[derive(Debug, Clone, Copy)]
enum Target {
    /// A correct term: its occurrences are never flagged by any rendering.
    Term,
    Rendering {
        index: usize,
        inflection: Inflection,
    },
    /// A candidate replacement for the word of a group of slots (see [`slot_groups`]).
    Candidate {
        group: u32,
        candidate: u16,
        inflection: Inflection,
    },
}

/// A match that a rule has accepted, competing for its span.
struct Claim {
    span: Span,
    /// The glossary entry the match is of.
    entry: usize,
    /// 0 for a correct term, then listed variants, then derived renderings.
    rank: u8,
    finding: Option<Finding>,
}

/// A glossary compiled for checking.
pub struct Checker {
    glossary: Glossary,
    renderings: Vec<Rendering>,
    derived: Vec<DerivedEntry>,
    /// (derived entry, slot) of each group of slots whose candidates are indexed together.
    slot_groups: Vec<Vec<(u32, u16)>>,
    matcher: Matcher<(usize, Target)>,
    cues: CueMatcher,
    near_miss: Option<NearMissIndex>,
    doubled: rules::doubled::DoubledWords,
    options: CheckOptions,
    lexicon: Arc<Lexicon>,
}

impl Checker {
    /// A checker with the embedded lexicon, built for it alone. A program that builds
    /// several checkers shares one lexicon between them with [`Checker::with_lexicon`].
    pub fn new(glossary: Glossary, options: CheckOptions) -> Checker {
        Checker::with_lexicon(glossary, options, Arc::new(Lexicon::embedded()))
    }

    /// A checker that consults `lexicon` for derivation, near misses and the rules.
    pub fn with_lexicon(
        glossary: Glossary,
        options: CheckOptions,
        lexicon: Arc<Lexicon>,
    ) -> Checker {
        let renderings = rules::variants::renderings(&glossary);
        let derivation = if options.derive {
            derive::derive(&glossary, &lexicon)
        } else {
            derive::Derivation::default()
        };
        let mut forms = Vec::new();
        for (entry_index, entry) in glossary.entries.iter().enumerate() {
            // Accepted forms ("HKMA") are correct like the term: no rendering may flag them.
            let correct = std::iter::once(&entry.term).chain(&entry.accepted);
            for (_, text) in correct.flat_map(|form| inflect::forms(form)) {
                forms.push(Form {
                    text,
                    case: CaseRule::Ignore,
                    payload: (entry_index, Target::Term),
                });
            }
        }
        for (index, rendering) in renderings.iter().enumerate() {
            let entry = &glossary.entries[rendering.entry];
            // Fixed expressions are matched as written: inflecting "on malicious intention"
            // would call for "in bad faiths". Their glossary lists each form.
            let inflected = if entry.kind == Kind::Phrase {
                vec![(Inflection::Base, rendering.form.clone())]
            } else {
                inflect::forms(&rendering.form)
            };
            for (inflection, text) in inflected {
                forms.push(Form {
                    text,
                    case: entry.case,
                    payload: (rendering.entry, Target::Rendering { index, inflection }),
                });
            }
        }
        // A large bare glossary has hundreds of thousands of candidate forms: each group's
        // inflected once, in parallel.
        let slot_groups = slot_groups(&derivation.entries, &glossary);
        let candidates: Vec<Vec<Form<(usize, Target)>>> = slot_groups
            .par_iter()
            .enumerate()
            .map(|(group, members)| {
                let (derived, slot) = members[0];
                let d = &derivation.entries[derived as usize];
                candidate_forms(group, d, slot as usize, &glossary.entries[d.entry])
            })
            .collect();
        forms.extend(candidates.into_iter().flatten());
        let senses: Vec<Vec<String>> = derivation.senses.into_iter().map(|s| s.cues).collect();
        let (matcher, (cues, near_miss)) = rayon::join(
            || Matcher::new(forms),
            || {
                (
                    CueMatcher::new(&glossary, &senses),
                    options
                        .near_miss
                        .then(|| NearMissIndex::new(&glossary, Arc::clone(&lexicon))),
                )
            },
        );
        Checker {
            doubled: rules::doubled::DoubledWords::new(&glossary, Arc::clone(&lexicon)),
            matcher,
            cues,
            near_miss,
            glossary,
            renderings,
            derived: derivation.entries,
            slot_groups,
            options,
            lexicon,
        }
    }

    /// The lexicon this checker consults.
    pub fn lexicon(&self) -> &Arc<Lexicon> {
        &self.lexicon
    }

    pub fn glossary(&self) -> &Glossary {
        &self.glossary
    }

    /// The listed variants this checker looks for.
    pub fn renderings(&self) -> &[Rendering] {
        &self.renderings
    }

    /// The derivable entries, with the candidates of each word.
    pub fn derived(&self) -> &[DerivedEntry] {
        &self.derived
    }

    /// Checks one text; findings are sorted by position.
    pub fn check(&self, original: &str) -> Vec<Finding> {
        let normalized = Normalized::new(original);
        let text = normalized.text.as_str();
        let sentences = Sentences::new(text);
        let cues = self.cues.index(text);
        let hits = self.matcher.find(text);
        let mut terms: Vec<(Span, usize)> = hits
            .iter()
            .filter(|h| matches!(h.payload.1, Target::Term))
            .map(|h| (h.span, h.payload.0))
            .collect();
        terms.sort_unstable_by_key(|(s, entry)| (s.start, std::cmp::Reverse(s.end), *entry));
        let site = |span: Span, entry_index: usize| Site {
            text,
            span,
            entry: &self.glossary.entries[entry_index],
            entry_index,
            sentences: &sentences,
            cues: &cues,
            terms: &terms,
            glossary: &self.glossary,
            lexicon: &self.lexicon,
        };
        let mut claims = Vec::new();
        let mut candidates = Vec::new();
        for hit in &hits {
            let (entry_index, target) = *hit.payload;
            match target {
                Target::Term => claims.push(Claim {
                    span: hit.span,
                    entry: entry_index,
                    rank: TERM_RANK,
                    finding: None,
                }),
                Target::Rendering { index, inflection } => {
                    let rendering = &self.renderings[index];
                    let site = site(hit.span, entry_index);
                    if let Some(finding) = self.judge_listed(&site, rendering, inflection) {
                        claims.push(Claim {
                            span: hit.span,
                            entry: entry_index,
                            rank: LISTED_RANK,
                            finding: Some(finding),
                        });
                    }
                }
                Target::Candidate {
                    group,
                    candidate,
                    inflection,
                } => {
                    for &(derived, slot) in &self.slot_groups[group as usize] {
                        candidates.push(CandidateHit::new(
                            hit.span,
                            derived as usize,
                            slot as usize,
                            candidate as usize,
                            inflection,
                        ));
                    }
                }
            }
        }
        let case =
            |derived: usize| derived_case(&self.glossary.entries[self.derived[derived].entry]);
        // The same pairs come up again and again in a text: look each up once.
        let kinship = derive::KinshipTest::new(&self.lexicon);
        type Memo = HashMap<(usize, usize), HashMap<String, Option<derive::Kinship>>>;
        let memo: RefCell<Memo> = RefCell::default();
        let related = |derived: usize, slot: usize, word: &str| {
            let word = crate::words::lowercase(word);
            let key = (derived, slot);
            if let Some(&known) = memo.borrow().get(&key).and_then(|m| m.get(word.as_ref())) {
                return known;
            }
            let answer = kinship.between(&self.derived[derived].slots[slot].word, &word);
            memo.borrow_mut()
                .entry(key)
                .or_default()
                .insert(word.into_owned(), answer);
            answer
        };
        let relates =
            |derived: usize, slot: usize, word: &str| related(derived, slot, word).is_some();
        for found in derive::assemble(
            &self.lexicon,
            text,
            &self.derived,
            case,
            &relates,
            &candidates,
        ) {
            let d = &self.derived[found.derived];
            let stand_in = found.related.map(|(slot, span)| {
                let word = &d.slots[slot].word;
                let evidence = derive::Evidence {
                    two_steps: related(found.derived, slot, &text[span.start..span.end]),
                    ..Default::default()
                };
                (
                    slot,
                    derive::Substitution {
                        from: word.clone(),
                        to: text[span.start..span.end].to_string(),
                        evidence,
                        prior: derive::TWO_STEP_PRIOR,
                    },
                )
            });
            let mut replaced: Vec<(usize, &derive::Substitution)> = found
                .replaced
                .iter()
                .map(|&(slot, c)| (slot, &d.slots[slot].candidates[c]))
                .collect();
            if let Some((slot, sub)) = &stand_in {
                replaced.push((*slot, sub));
            }
            let rendering = d.rendering(&self.lexicon, &replaced);
            let site = site(found.span, d.entry);
            if let Some(finding) = self.judge_derived(&site, &rendering, found.inflection) {
                claims.push(Claim {
                    span: found.span,
                    entry: d.entry,
                    rank: DERIVED_RANK,
                    finding: Some(finding),
                });
            }
        }
        reinforce_repeated(text, &mut claims, self.options.min_confidence);
        self.reinforce_neighbours(text, &mut claims);
        // Matches too unsure to report claim nothing: they must not hide a surer, shorter
        // match of the same words, nor keep near misses off them.
        claims.retain(|c| {
            c.finding
                .as_ref()
                .is_none_or(|f| f.confidence >= self.options.min_confidence)
        });
        // Near misses never touch text that a term or a reported rendering claimed.
        let occupied: Vec<Span> = claims.iter().map(|c| c.span).collect();
        let mut findings = leftmost_longest(claims);
        if let Some(index) = &self.near_miss {
            findings.extend(index.find(text, &occupied));
        }
        if self.options.doubled_words {
            findings.extend(self.doubled.find(text, &sentences, &terms));
        }
        for finding in &mut findings {
            map_to_original(finding, &normalized);
        }
        findings.retain(|f| f.confidence >= self.options.min_confidence);
        findings.sort_by_key(|f| (f.span.start, f.span.end));
        findings
    }

    /// Judges a listed variant found in the text.
    fn judge_listed(
        &self,
        site: &Site,
        rendering: &Rendering,
        inflection: Inflection,
    ) -> Option<Finding> {
        if site.cues.vetoed(site.entry_index, site.span) {
            return None;
        }
        let applicability = match site.entry.fix {
            FixMode::Safe => Applicability::Safe,
            FixMode::Suggest => Applicability::Unsafe,
        };
        let finding = rules::variants::judge(site)?;
        Some(with_fix(
            finding,
            site,
            &rendering.form,
            &rendering.correction,
            inflection,
            applicability,
        ))
    }

    /// Judges a derived rendering found in the text. Derived renderings are educated
    /// guesses: their fixes are unsafe, applied by a human.
    fn judge_derived(
        &self,
        site: &Site,
        rendering: &DerivedRendering,
        inflection: Inflection,
    ) -> Option<Finding> {
        if site.cues.vetoed(site.entry_index, site.span) {
            return None;
        }
        let finding = rules::derived::judge(site, rendering)?;
        // A derived rendering is made of lexicon words: no abbreviation to keep.
        Some(with_fix(
            finding,
            site,
            "",
            &rendering.correction,
            inflection,
            Applicability::Unsafe,
        ))
    }
}

/// The forms to look for of each candidate of each word of a derived entry.
/// Groups the slots of derived entries whose candidates and forms are the same: slots of
/// multi-word terms with the same word (and both last, or both not: only the last inflects).
/// "system" ends hundreds of the terms of a large glossary; its candidates are indexed once.
/// Single-word entries have candidates of their own sense: each is a group of its own.
fn slot_groups(derived: &[DerivedEntry], glossary: &Glossary) -> Vec<Vec<(u32, u16)>> {
    let mut groups: Vec<Vec<(u32, u16)>> = Vec::new();
    let mut shared: HashMap<(&str, bool), usize> = HashMap::new();
    for (index, d) in derived.iter().enumerate() {
        let inflects = glossary.entries[d.entry].kind != Kind::Phrase;
        for (slot, s) in d.slots.iter().enumerate() {
            if s.candidates.is_empty() {
                continue;
            }
            let member = (index as u32, slot as u16);
            let last = slot + 1 == d.slots.len() && inflects;
            if d.slots.len() == 1 {
                groups.push(vec![member]);
                continue;
            }
            match shared.get(&(s.word.as_str(), last)) {
                Some(&group) => groups[group].push(member),
                None => {
                    shared.insert((s.word.as_str(), last), groups.len());
                    groups.push(vec![member]);
                }
            }
        }
    }
    groups
}

/// The forms to look for of each candidate of one slot of a derived entry, filed under its
/// group.
fn candidate_forms(
    group: usize,
    d: &DerivedEntry,
    slot: usize,
    entry: &Entry,
) -> Vec<Form<(usize, Target)>> {
    let mut forms = Vec::new();
    let last = slot + 1 == d.slots.len();
    for (candidate, sub) in d.slots[slot].candidates.iter().enumerate() {
        // Only the last word of a phrase inflects; a derived rendering of a noun is not
        // looked for as a verb, and vice versa.
        let inflected = if last && entry.kind != Kind::Phrase {
            let mut forms = inflect::forms(&sub.to);
            // The head of a multi-word term is a noun: no verb forms.
            let pos = if d.slots.len() > 1 {
                Some(Pos::Noun)
            } else {
                d.pos
            };
            forms.retain(|(i, _)| fits(pos, *i));
            forms
        } else {
            vec![(Inflection::Base, sub.to.clone())]
        };
        // Spinners join the words of a phrase either way: "self ruling", "self-ruling",
        // "far-off", "far off".
        let joined_otherwise: Vec<(Inflection, String)> = inflected
            .iter()
            .filter_map(|(i, text)| match (text.contains(' '), text.contains('-')) {
                (true, false) => Some((*i, text.replace(' ', "-"))),
                (false, true) => Some((*i, text.replace('-', " "))),
                _ => None,
            })
            .collect();
        for (inflection, text) in inflected.into_iter().chain(joined_otherwise) {
            forms.push(Form {
                text,
                case: derived_case(entry),
                payload: (
                    d.entry,
                    Target::Candidate {
                        group: group as u32,
                        candidate: candidate as u16,
                        inflection,
                    },
                ),
            });
        }
    }
    forms
}

/// Gives a finding its suggestion (the correction, inflected and cased like the match of
/// the glossary form `form`) and the fix that applies it.
fn with_fix(
    mut finding: Finding,
    site: &Site,
    form: &str,
    correction: &str,
    inflection: Inflection,
    applicability: Applicability,
) -> Finding {
    finding.span = site.span;
    finding.suggestions = vec![copy_case_of_form(
        form,
        site.matched(),
        &inflection.apply(correction),
    )];
    finding.fix = finding.fix_for(0, applicability);
    finding
}

/// How the words of a derived rendering must be cased. Spinners do not keep capitals
/// ("versatile instructive framework" for "Adaptive Educational System"), so terms match in
/// any case; a garbled institution keeps its capitals ("Ministry of Public Safety"), and a
/// lowercase "section of the Treasury" is not the Department of the Treasury.
fn derived_case(entry: &Entry) -> CaseRule {
    match entry.kind {
        Kind::Name | Kind::Org => entry.case,
        _ => CaseRule::Ignore,
    }
}

/// Whether an inflection suits the part of speech a term is meant as.
fn fits(pos: Option<Pos>, inflection: Inflection) -> bool {
    !matches!(
        (pos, inflection),
        (Some(Pos::Noun), Inflection::Past | Inflection::Gerund)
            | (
                Some(Pos::Verb),
                Inflection::Possessive | Inflection::PluralPossessive
            )
    )
}

/// Moves a finding's spans from the normalised text to the original one.
fn map_to_original(finding: &mut Finding, normalized: &Normalized) {
    finding.span = normalized.to_original(finding.span);
    for edit in finding.fix.iter_mut().flat_map(|f| f.edits.iter_mut()) {
        edit.span = normalized.to_original(edit.span);
    }
}

/// Keeps accepted claims that no earlier or longer claim overlaps; at equal spans, correct
/// terms win over listed variants, and listed variants over derived renderings.
fn leftmost_longest(mut claims: Vec<Claim>) -> Vec<Finding> {
    claims.sort_by(|a, b| {
        let key = |c: &Claim| (c.span.start, std::cmp::Reverse(c.span.end), c.rank);
        let confidence = |c: &Claim| c.finding.as_ref().map_or(1.0, |f| f.confidence);
        key(a)
            .cmp(&key(b))
            .then_with(|| confidence(b).total_cmp(&confidence(a)))
    });
    let mut kept = Vec::new();
    let mut covered_to = 0;
    for claim in claims {
        if claim.span.start < covered_to {
            continue;
        }
        covered_to = claim.span.end;
        kept.extend(claim.finding);
    }
    kept
}

/// For rule tests: each finding's text and top suggestion.
#[cfg(test)]
pub(crate) fn flagged(checker: &Checker, text: &str) -> Vec<(String, String)> {
    checker
        .check(text)
        .into_iter()
        .map(|f| {
            (
                text[f.span.start..f.span.end].to_string(),
                f.suggestions[0].clone(),
            )
        })
        .collect()
}

impl Checker {
    /// Paraphrasers garble in clusters: "to arrange more pioneers" turned two terms about
    /// chemicals at once. A derived single word too unsure to report on its own is reported
    /// when a rendering of another term on the same subject (their notes share a word) is
    /// reported right next to it, within three words of the same sentence.
    fn reinforce_neighbours(&self, text: &str, claims: &mut [Claim]) {
        let min_confidence = self.options.min_confidence;
        let sure: Vec<(Span, usize, f32)> = claims
            .iter()
            .filter_map(|c| {
                let f = c.finding.as_ref()?;
                (f.confidence >= min_confidence.max(REINFORCE_SOURCE)).then_some((
                    c.span,
                    c.entry,
                    f.confidence,
                ))
            })
            .collect();
        if sure.is_empty() {
            return;
        }
        for claim in claims.iter_mut() {
            let entry = &self.glossary.entries[claim.entry];
            let Some(finding) = claim.finding.as_mut() else {
                continue;
            };
            if finding.rule != crate::finding::rule::DERIVED
                || entry.term.contains([' ', '-'])
                || finding.confidence >= min_confidence
                || finding.confidence < REINFORCE_FLOOR
            {
                continue;
            }
            let neighbour = sure.iter().find(|(span, other, _)| {
                *other != claim.entry
                    && within_words(text, claim.span, *span, NEIGHBOUR_WORDS)
                    && shares_note_word(entry, &self.glossary.entries[*other])
            });
            if let Some(&(span, other, confidence)) = neighbour {
                finding.confidence = finding.confidence.max(confidence * NEIGHBOUR_SHARE);
                finding.message.push_str(&format!(
                    "; '{}' next to it is reported as '{}', and paraphrasers garble in clusters",
                    &text[span.start..span.end],
                    self.glossary.entries[other].term
                ));
            }
        }
    }
}

/// How many words may stand between two garbles of one cluster.
const NEIGHBOUR_WORDS: usize = 3;
/// Bytes a word and its spacing take at most, for the cheap distance test between garbles.
const LONGEST_WORD: usize = 40;
/// A neighbour's evidence is less direct than a repeat of the same words.
const NEIGHBOUR_SHARE: f32 = 0.8;

/// Whether at most `words` words, and no sentence end, stand between spans `a` and `b`.
fn within_words(text: &str, a: Span, b: Span, words: usize) -> bool {
    let (first, second) = if a.start <= b.start { (a, b) } else { (b, a) };
    // Far apart is not next to each other: no need to look at what stands between.
    if second.start < first.end || second.start - first.end > words * LONGEST_WORD {
        return false;
    }
    let between = &text[first.end..second.start];
    !between.contains(['.', '!', '?', '\n', ';']) && crate::words::tokens(between).count() <= words
}

/// Whether the notes of two entries share a content word ("chemical" in "to place a drug or
/// chemical under legal control" and "chemical substance from which a drug is made").
fn shares_note_word(a: &Entry, b: &Entry) -> bool {
    let words = |e: &Entry| -> Vec<String> {
        let note = e.note.as_deref().unwrap_or("");
        crate::words::tokens(note)
            .map(|(_, w)| w.to_lowercase())
            .filter(|w| w.len() >= 4 && !crate::words::is_stopword(w))
            .map(|w| w.trim_end_matches('s').to_string())
            .collect()
    };
    let theirs = words(b);
    words(a).iter().any(|w| theirs.contains(w))
}

/// Below this, a derived rendering has too little evidence of its own to be reinforced.
const REINFORCE_FLOOR: f32 = 0.2;
/// Only a finding this sure reinforces others: one barely over the threshold would spread
/// its own doubt through the text.
const REINFORCE_SOURCE: f32 = 0.6;

/// Paraphrasers are consistent: a tool that turned "precursors" into "pioneers" once did it
/// throughout. A derived rendering too unsure to report on its own is reported when the same
/// words are reported as the same term elsewhere in the text, at that finding's confidence.
fn reinforce_repeated(text: &str, claims: &mut [Claim], min_confidence: f32) {
    let key = |c: &Claim| {
        let f = c.finding.as_ref()?;
        (f.rule == crate::finding::rule::DERIVED).then(|| {
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
            finding.message.push_str(&format!(
                "; reported with more evidence on line {line}, and paraphrasers are consistent"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::rule;
    use crate::glossary::{Origin, Severity};

    fn claim(entry: usize, start: usize, end: usize, confidence: f32) -> Claim {
        let term = Entry::new(
            "term",
            Origin {
                file: "g".into(),
                line: 1,
            },
        );
        let span = Span::new(start, end);
        Claim {
            span,
            entry,
            rank: DERIVED_RANK,
            finding: Some(Finding::about(
                rule::DERIVED,
                span,
                &term,
                Severity::Warning,
                confidence,
                format!("entry {entry}"),
            )),
        }
    }

    #[test]
    fn the_longest_then_the_surest_claim_wins_its_span() {
        let kept = leftmost_longest(vec![
            claim(0, 0, 5, 0.6),
            claim(1, 0, 5, 0.9),
            claim(2, 0, 3, 0.97),
            claim(3, 6, 9, 0.5),
        ]);
        let messages: Vec<&str> = kept.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(messages, ["entry 1", "entry 3"]);
    }
}
