//! Source-aware checking: a target text compared with the text it renders.
//!
//! Given a [`Bitext`], the monolingual checker runs on the target as usual, then the source
//! settles what it can only guess: which glossary term should stand in each segment.
//! - [`rule::MISSING_TERM`]: a source segment holds a term's source form (glossary column
//!   `source`) and its target segment lacks the term; the target words that render it are
//!   located ([`locate`]) and replaced, or the finding covers the segment without a fix.
//! - [`rule::CHANGED_TERM`]: in a same-language pair (an original and its paraphrase), a
//!   glossary term of the original was replaced; the fix restores the original's words.
//! - [`rule::CHANGED_WORD`] (with [`SourceOptions::all_changes`]): every other replaced run
//!   of content words, as info, to show what a rewriting tool changed.
//!
//! Monolingual findings about an entry that the source segment names are near certain; about
//! one it does not name, unlikely (their confidence is halved); in a same-language pair, words
//! the paraphrase kept from the original are never flagged.

pub mod align;
pub mod anchor;
mod changed;
pub mod dictionary;
pub mod habit;
pub mod locate;
pub mod model1;
mod related;
mod terms;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::bitext::Bitext;
use crate::check::finding::Finding;
use crate::checker::Checker;
use crate::text::span::Span;

pub use terms::FormIndex;

/// Stable identifiers of the rules (the source-aware ones among them).
pub use crate::check::finding::rule;

/// What to report beyond the glossary's terms.
#[derive(Debug, Clone, Copy)]
pub struct SourceOptions {
    /// Also report every replaced run of content words ([`rule::CHANGED_WORD`]).
    pub all_changes: bool,
    /// Also report terms the target renders less often than the source names them
    /// ([`rule::INCONSISTENT_TERM`]).
    pub consistency: bool,
    /// Monolingual findings whose confidence the source lowers below this are dropped (the
    /// checker's own threshold).
    pub min_confidence: f32,
}

impl Default for SourceOptions {
    fn default() -> Self {
        SourceOptions {
            all_changes: false,
            consistency: false,
            min_confidence: 0.5,
        }
    }
}

/// How often the source has a term, and how often the target renders it correctly.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TermCount {
    /// Occurrences of the term (its source forms, or itself in a same-language source).
    pub source: usize,
    /// Of those, how many the target segment renders with the term.
    pub correct: usize,
}

/// Term counts by term, added up over texts.
pub type TermCounts = BTreeMap<String, TermCount>;

/// What a source-aware check finds.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// Monolingual and source-aware findings, sorted by position in the target.
    pub findings: Vec<Finding>,
    /// Per term that the source holds.
    pub terms: TermCounts,
}

/// A checker with its glossary's forms indexed for comparing segments.
pub struct SourceAware<'c> {
    checker: &'c Checker,
    terms: FormIndex,
    /// The terms' other forms too, for same-language pairs; built on first use.
    named: std::sync::OnceLock<FormIndex>,
    sources: FormIndex,
    related: related::RelatedWords,
    /// Entry index by where it was defined, to tie a monolingual finding to its entry.
    by_origin: HashMap<(String, usize), usize>,
    options: SourceOptions,
}

impl<'c> SourceAware<'c> {
    pub fn new(checker: &'c Checker, options: SourceOptions) -> SourceAware<'c> {
        let glossary = checker.glossary();
        SourceAware {
            checker,
            terms: FormIndex::terms(glossary),
            named: std::sync::OnceLock::new(),
            sources: FormIndex::sources(glossary),
            related: related::RelatedWords::new(glossary),
            by_origin: glossary
                .entries
                .iter()
                .enumerate()
                .map(|(i, e)| ((e.origin.file.clone(), e.origin.line), i))
                .collect(),
            options,
        }
    }

    /// Checks `target` against the source of `bitext`.
    pub fn check(&self, bitext: &Bitext, target: &str) -> Checked {
        // The monolingual check needs only the target; what is learnt from the whole file
        // (the terms of each segment, the file's habits, the word alignment) only the bitext:
        // the two run side by side.
        let (mut monolingual, (all_terms, habits, model)) = rayon::join(
            || self.monolingual(bitext, target),
            || {
                let all_terms: Vec<SegmentTerms> = bitext
                    .segments
                    .par_iter()
                    .map(|segment| SegmentTerms {
                        source: self.source_terms(bitext, segment),
                        target: self.terms_of(bitext).find(target, segment.target),
                    })
                    .collect();
                let (habits, model) = rayon::join(
                    || self.habits(bitext, target, &all_terms),
                    || self.model1(bitext, target, &all_terms),
                );
                (all_terms, habits, model)
            },
        );
        // Findings by position, so a segment's are looked up, not searched for.
        let sorted = monolingual.is_sorted_by_key(|f| f.span.start);
        // Segments are checked side by side; each worker's kinship test remembers the words
        // it has looked up (a cache: the answers do not depend on which worker asks).
        let lexicon = self.checker.lexicon();
        let per_segment: Vec<(Vec<Finding>, Option<align::WordAlignment>)> = bitext
            .segments
            .par_iter()
            .zip(&all_terms)
            .enumerate()
            .with_min_len(32)
            .map_init(
                || crate::derive::KinshipTest::remembering_pairs(lexicon),
                |kinship, (index, (segment, terms))| {
                    let alignment = bitext.same_language.then(|| {
                        align::align(&bitext.source, segment.source, target, segment.target)
                    });
                    let mut found = Vec::new();
                    if let Some(alignment) = &alignment {
                        found = changed::find(self, bitext, target, alignment, &terms.source);
                    }
                    let in_segment = findings_in(&monolingual, segment.target, sorted);
                    let known: Vec<&Finding> =
                        in_segment.iter().map(|&i| &monolingual[i]).collect();
                    self.keep_to_known(&mut found, &known, terms);
                    let context = Context {
                        bitext,
                        segment,
                        target,
                        habits: &habits,
                        kinship,
                        model: model.as_ref(),
                        index,
                    };
                    let missing = self.missing_terms(&context, terms, &found, &known);
                    found.extend(missing);
                    (found, alignment)
                },
            )
            .collect();
        let mut checked = Checked::default();
        for ((segment, terms), (found, alignment)) in
            bitext.segments.iter().zip(&all_terms).zip(per_segment)
        {
            self.tally(terms, &mut checked.terms);
            for i in findings_in(&monolingual, segment.target, sorted) {
                self.settle(
                    &mut monolingual[i],
                    &found,
                    alignment.as_ref(),
                    terms,
                    bitext.same_language,
                );
            }
            checked.findings.extend(found);
        }
        monolingual.retain(|f| f.confidence >= self.options.min_confidence);
        checked.findings.extend(monolingual);
        checked.findings.sort_by_key(|f| (f.span.start, f.span.end));
        checked
    }

    /// A term the original names once, which a monolingual finding of the segment already
    /// places (a name spelled like it: "Tibo" for "Tibú"), is not also changed elsewhere:
    /// the diff paired it with other words where the rewriter moved them ("Tibo hidden" for
    /// "of Tibú"). The monolingual finding stays, made surer by the source ([`Self::settle`]).
    fn keep_to_known(&self, found: &mut Vec<Finding>, known: &[&Finding], terms: &SegmentTerms) {
        found.retain(|f| {
            let Some(entry) = self.entry_of(f).filter(|_| f.rule == rule::CHANGED_TERM) else {
                return true;
            };
            let once = terms.source.iter().filter(|(_, e)| *e == entry).count() == 1;
            !(once
                && known
                    .iter()
                    .any(|k| self.entry_of(k) == Some(entry) && !k.span.overlaps(f.span)))
        });
    }

    /// Adds a segment's term counts: each source occurrence is rendered while the target
    /// has the term as often.
    fn tally(&self, terms: &SegmentTerms, counts: &mut TermCounts) {
        let entries = &self.checker.glossary().entries;
        for (entry, count) in terms.wanted() {
            let present = terms.target.iter().filter(|(_, e)| *e == entry).count();
            let tally = counts.entry(entries[entry].term.clone()).or_default();
            tally.source += count;
            tally.correct += count.min(present);
        }
    }

    /// `source.missing-term`: the terms the source names by their source forms and the
    /// target segment lacks (and no other finding of the segment is about). `known` are the
    /// segment's monolingual findings.
    fn missing_terms(
        &self,
        context: &Context,
        terms: &SegmentTerms,
        found: &[Finding],
        known: &[&Finding],
    ) -> Vec<Finding> {
        let Context {
            bitext,
            segment,
            target,
            ..
        } = *context;
        let consistency = self.options.consistency || self.checker.runs(rule::INCONSISTENT_TERM);
        if !self.checker.runs(rule::MISSING_TERM) && !consistency {
            return Vec::new();
        }
        let entries = &self.checker.glossary().entries;
        let present = |entry: usize| terms.target.iter().filter(|(_, e)| *e == entry).count();
        let reported = |entry: usize| {
            found.iter().any(|f| self.entry_of(f) == Some(entry))
                || known.iter().any(|f| self.entry_of(f) == Some(entry))
        };
        let lacking: Vec<usize> = terms
            .wanted()
            .into_keys()
            .filter(|_| self.checker.runs(rule::MISSING_TERM))
            .filter(|&entry| {
                !entries[entry].source.is_empty()
                    && present(entry) == 0
                    && !terms.inside_rendered(entry, |outer, inner_at, outer_at| {
                        names_another(
                            entries,
                            &bitext.source,
                            (entry, inner_at),
                            (outer, outer_at),
                        )
                    })
                    && !found.iter().any(|f| self.entry_of(f) == Some(entry))
            })
            .collect();
        // Terms the target has, but less often than the source names them on their own.
        // A form in brackets after other words glosses them: the two are one rendering. And
        // the target's, too, are counted on their own: "base registry" inside "address base
        // registry" renders the other term, as ベース・レジストリ inside its source form does.
        let inside_another = |at: Span, entry: usize| {
            terms.target.iter().any(|(o, e)| {
                *e != entry && o.start <= at.start && at.end <= o.end && o.len() > at.len()
            })
        };
        let rendered = |entry: usize| {
            terms
                .target
                .iter()
                .filter(|(at, e)| {
                    *e == entry && !glosses(target, *at) && !inside_another(*at, entry)
                })
                .count()
        };
        let fewer: Vec<usize> = terms
            .standalone(&bitext.source)
            .into_iter()
            .filter(|_| consistency)
            .filter(|&(entry, count)| {
                let present = rendered(entry);
                !entries[entry].source.is_empty()
                    && present > 0
                    && present < count
                    && !reported(entry)
            })
            .map(|(entry, _)| entry)
            .collect();
        if lacking.is_empty() && fewer.is_empty() {
            return Vec::new();
        }
        let source_text = &bitext.source[segment.source.start..segment.source.end];
        // The dictionary is loaded only for a source in Chinese characters.
        let cedict = (!bitext.same_language && has_han(source_text))
            .then(|| self.checker.lexicon().cedict());
        let reading = cedict.map(|c| {
            dictionary::Reading::new(c, &bitext.source, segment.source, target, segment.target)
        });
        let anchors = anchors(bitext, segment, target, terms, reading.as_ref());
        let pair = locate::Pair {
            source: &bitext.source,
            target,
            segment: segment.target,
            source_terms: &terms.source,
            target_terms: &terms.target,
            anchors: &anchors,
        };
        let locate = |entry: usize, taken: &[Span]| {
            let about: Vec<&Finding> = known
                .iter()
                .copied()
                .filter(|f| self.entry_of(f) == Some(entry))
                .collect();
            let clues = self.clues(context, terms, entry, cedict, reading.as_ref());
            locate::missing(&entries[entry], entry, &pair, &about, taken, &clues)
        };
        // Each lacking term's guess with no words taken. Several lacking: the surest guess
        // takes its words first, whatever the glossary's order ("secondary review" is Phase
        // II review's, not merger review's).
        let mut guesses: Vec<(usize, Option<Finding>)> =
            lacking.into_iter().map(|entry| (entry, None)).collect();
        if guesses.len() > 1 {
            for (entry, guess) in &mut guesses {
                *guess = Some(locate(*entry, &[]));
            }
            let sureness = |g: &Option<Finding>| {
                g.as_ref()
                    .map_or(0.0, |f| f.fix.is_some() as u8 as f32 + f.confidence)
            };
            guesses.sort_by(|a, b| sureness(&b.1).total_cmp(&sureness(&a.1)));
        }
        let mut missing: Vec<Finding> = Vec::new();
        for (entry, guess) in guesses {
            // Words taken by a term nesting with this one may be this one's too.
            let taken: Vec<Span> = missing
                .iter()
                .filter(|f| f.fix.is_some() && !self.nests(f, entry, &terms.source))
                .map(|f| f.span)
                .collect();
            // With no words taken, the guess alone stands.
            let found = match guess {
                Some(guess) if taken.is_empty() => guess,
                _ => locate(entry, &taken),
            };
            missing.push(found);
        }
        for entry in fewer {
            let taken: Vec<Span> = missing
                .iter()
                .filter(|f| f.fix.is_some())
                .map(|f| f.span)
                .collect();
            let clues = self.clues(context, terms, entry, cedict, reading.as_ref());
            missing.extend(locate::another_rendering(
                &entries[entry],
                entry,
                &pair,
                &taken,
                &clues,
            ));
        }
        missing
    }

    /// What the locator knows of entry `entry`'s rendering in the segment besides its
    /// term: the dictionary's words for its source form and for the rest of the segment,
    /// the glossary's related words, the file's habits.
    fn clues<'k>(
        &'k self,
        context: &Context<'k>,
        terms: &SegmentTerms,
        entry: usize,
        cedict: Option<&crate::lexicon::Cedict>,
        reading: Option<&dictionary::Reading>,
    ) -> locate::Clues<'k, 'k> {
        let (source, target, segment) = (&context.bitext.source, context.target, context.segment);
        let parts = match (cedict, terms.source.iter().find(|(_, e)| *e == entry)) {
            (Some(cedict), Some((span, _))) => term_parts(cedict, source, *span),
            _ => Vec::new(),
        };
        let skip: Vec<Span> = terms
            .source
            .iter()
            .filter(|(_, e)| *e == entry)
            .map(|(s, _)| *s)
            .collect();
        let accounted = reading
            .map(|r| r.accounted(&skip, &parts))
            .unwrap_or_default();
        let view = habit::View {
            target: segment.target,
            named: &terms.source,
            present: &terms.target,
        };
        locate::Clues {
            kinship: context.kinship,
            related: self.related.of(self.checker.glossary(), entry),
            parts,
            habitual: context.habits.renderings(target, &view, entry),
            accounted,
            aligned: aligned(context, &skip),
        }
    }

    /// The file's word alignment ([`model1`]) for a translation from Chinese characters
    /// where some segment lacks a term its source names; none otherwise.
    fn model1(&self, bitext: &Bitext, target: &str, all: &[SegmentTerms]) -> Option<model1::Model> {
        if bitext.same_language || !self.checker.runs(rule::MISSING_TERM) {
            return None;
        }
        let segments = training_segments(bitext, all)?;
        if !has_han(&bitext.source) {
            return None;
        }
        let cedict = self.checker.lexicon().cedict();
        Some(model1::Model::train(
            cedict,
            &bitext.source,
            target,
            &segments,
        ))
    }

    /// The translation's habits over the whole file ([`habit`]); none in a same-language
    /// pair, whose word alignment says what replaced a term.
    fn habits(&self, bitext: &Bitext, target: &str, all: &[SegmentTerms]) -> habit::Habits {
        if bitext.same_language || !self.checker.runs(rule::MISSING_TERM) {
            return habit::Habits::default();
        }
        let views: Vec<habit::View> = bitext
            .segments
            .iter()
            .zip(all)
            .map(|(segment, terms)| habit::View {
                target: segment.target,
                named: &terms.source,
                present: &terms.target,
            })
            .collect();
        let entries = &self.checker.glossary().entries;
        habit::Habits::new(target, &views, |entry| {
            locate::longest_rendering(&entries[entry].term, 0)
        })
    }

    /// How the source settles a monolingual finding of the segment: superseded by a
    /// source-aware finding on its words, dropped on words kept from a same-language
    /// original, near certain when the source names its entry, unlikely when not.
    fn settle(
        &self,
        finding: &mut Finding,
        found: &[Finding],
        alignment: Option<&align::WordAlignment>,
        terms: &SegmentTerms,
        same_language: bool,
    ) {
        if found.iter().any(|f| f.span.overlaps(finding.span))
            || alignment.is_some_and(|a| kept_from_source(a, finding.span))
        {
            finding.confidence = -1.0;
            return;
        }
        let Some(entry) = self.entry_of(finding) else {
            return;
        };
        let entries = &self.checker.glossary().entries;
        if !same_language && entries[entry].source.is_empty() {
            return;
        }
        // In a translation the source names an entry by its source forms only; where the
        // target already has the term as often as the source names it, a finding about it
        // is about other words.
        let named = terms.source.iter().filter(|(_, e)| *e == entry).count();
        let rendered = terms.target.iter().filter(|(_, e)| *e == entry).count();
        // A wrong expansion stands beside the abbreviation that renders the term: the
        // abbreviation is right, the name spelled out before it is not.
        if finding.rule == crate::check::finding::rule::WRONG_EXPANSION {
            if named > 0 {
                finding.confidence = finding.confidence.max(NAMED_CONFIDENCE);
            }
            return;
        }
        if named > 0 && (same_language || rendered < named) {
            finding.confidence = finding.confidence.max(NAMED_CONFIDENCE);
        } else {
            finding.confidence *= UNNAMED_SHARE;
        }
    }

    /// The checker's findings in the target: on the whole text when it is a file of its own
    /// (so they are the same as without a source), else segment by segment.
    fn monolingual(&self, bitext: &Bitext, target: &str) -> Vec<Finding> {
        if !bitext.target_is_embedded() {
            return self.checker.check(target);
        }
        // Segment by segment (the text between is markup), side by side.
        let per_segment: Vec<Vec<Finding>> = bitext
            .segments
            .par_iter()
            .map(|segment| {
                let shift = |span: Span| {
                    Span::new(
                        span.start + segment.target.start,
                        span.end + segment.target.start,
                    )
                };
                let mut findings = self
                    .checker
                    .check(&target[segment.target.start..segment.target.end]);
                for finding in &mut findings {
                    finding.span = shift(finding.span);
                    for edit in finding.fix.iter_mut().flat_map(|f| f.edits.iter_mut()) {
                        edit.span = shift(edit.span);
                    }
                }
                findings
            })
            .collect();
        per_segment.into_iter().flatten().collect()
    }

    /// The entries a source segment names: by their source forms, and in a same-language
    /// source also by the terms themselves.
    fn source_terms(
        &self,
        bitext: &Bitext,
        segment: &crate::bitext::Segment,
    ) -> Vec<(Span, usize)> {
        let mut found = self.sources.find(&bitext.source, segment.source);
        let text = &bitext.source[segment.source.start..segment.source.end];
        if !bitext.same_language && !found.is_empty() && has_han(text) {
            // Chinese has no spaces: a source form inside a dictionary word, neither its
            // start nor its end, is none ("職訓", vocational training, in "在職訓練",
            // in-service training). One that starts or ends the word is a part of it, and
            // rendered in it ("總裁" of "副總裁", deputy chief executive). Only inside: the
            // greedy cut errs across word ends ("營運|商計|劃" for 營運商計劃).
            let words = self
                .checker
                .lexicon()
                .cedict()
                .segment(&bitext.source, segment.source);
            found.retain(|(at, _)| !words.iter().any(|w| w.start < at.start && at.end < w.end));
        }
        if bitext.same_language {
            let terms = self.terms_of(bitext).find(&bitext.source, segment.source);
            found.retain(|(s, _)| !terms.iter().any(|(t, _)| t.overlaps(*s)));
            found.extend(terms);
            found.sort_unstable_by_key(|(s, _)| s.start);
        }
        found
    }

    /// The forms that name a term on either side: in a same-language pair any form of it
    /// (an original and its paraphrase name terms as their writers chose), in a translation
    /// the term and its inflections.
    fn terms_of(&self, bitext: &Bitext) -> &FormIndex {
        if !bitext.same_language {
            return &self.terms;
        }
        self.named
            .get_or_init(|| FormIndex::named(self.checker.glossary(), self.checker.lexicon()))
    }

    /// Whether `finding`'s entry is named in the source within or around entry `entry`.
    fn nests(&self, finding: &Finding, entry: usize, source_terms: &[(Span, usize)]) -> bool {
        let Some(other) = self.entry_of(finding) else {
            return false;
        };
        source_terms
            .iter()
            .any(|(at, e)| *e == other && locate::nested(source_terms, *at, entry))
    }

    fn entry_of(&self, finding: &Finding) -> Option<usize> {
        let origin = finding.entry.as_ref()?;
        self.by_origin
            .get(&(origin.file.clone(), origin.line))
            .copied()
    }

    pub(crate) fn checker(&self) -> &Checker {
        self.checker
    }

    pub(crate) fn options(&self) -> SourceOptions {
        self.options
    }
}

/// One segment pair in its file, as the locator needs it.
#[derive(Clone, Copy)]
struct Context<'a> {
    bitext: &'a Bitext,
    segment: &'a crate::bitext::Segment,
    target: &'a str,
    habits: &'a habit::Habits,
    kinship: &'a crate::derive::KinshipTest<'a>,
    /// The file's word alignment, when its source is in Chinese characters.
    model: Option<&'a model1::Model>,
    /// The segment's place in the file.
    index: usize,
}

/// The glossary entries of one segment pair, where each side has them.
struct SegmentTerms {
    /// The entries the source segment names.
    source: Vec<(Span, usize)>,
    /// The entries whose terms the target segment has.
    target: Vec<(Span, usize)>,
}

impl SegmentTerms {
    /// Each entry the source names, with how often, by entry index.
    /// Entries with how often the source segment names them outside another term's source
    /// form (金管局 inside 金管局金融科技總監 is that term's).
    /// A source form in brackets after other words glosses them and is not counted either.
    fn standalone(&self, source: &str) -> BTreeMap<usize, usize> {
        let mut counts = BTreeMap::new();
        for (at, entry) in &self.source {
            let inside_another = self.source.iter().any(|(s, e)| {
                e != entry && s.start <= at.start && at.end <= s.end && s.len() > at.len()
            });
            if !inside_another && !glosses(source, *at) {
                *counts.entry(*entry).or_default() += 1;
            }
        }
        counts
    }

    /// Whether the source names `entry` only inside other entries' source forms that the
    /// target renders and that `another` says name something else: 档案局 (archives bureau)
    /// inside 国家档案局, with "National Archives Administration" in the target, is that
    /// term's, and nothing lacks. `another(outer, inner place, outer place)`.
    fn inside_rendered(&self, entry: usize, another: impl Fn(usize, Span, Span) -> bool) -> bool {
        let rendered = |other: usize| self.target.iter().any(|(_, e)| *e == other);
        let mut places = self.source.iter().filter(|(_, e)| *e == entry).peekable();
        places.peek().is_some()
            && places.all(|(at, _)| {
                self.source.iter().any(|(s, e)| {
                    *e != entry
                        && s.start <= at.start
                        && at.end <= s.end
                        && s.len() > at.len()
                        && rendered(*e)
                        && another(*e, *at, *s)
                })
            })
    }

    fn wanted(&self) -> BTreeMap<usize, usize> {
        let mut wanted = BTreeMap::new();
        for (_, entry) in &self.source {
            *wanted.entry(*entry).or_default() += 1;
        }
        wanted
    }
}

/// Whether entry `outer`, named at `wide` in `source` around entry `inner` named at
/// `narrow`, names something else, so that rendering it does not render `inner` (国家档案局,
/// the national administration, around 档案局, an archives bureau): its source form adds
/// words, not only brackets (《香港財務報告準則》 around 香港財務報告準則), and neither
/// term abbreviates the other ("HIBOR" inside 香港銀行同業拆息, "Hong Kong Interbank Offered
/// Rates": a glossary's two entries for one name).
fn names_another(
    entries: &[crate::glossary::Entry],
    source: &str,
    (inner, narrow): (usize, Span),
    (outer, wide): (usize, Span),
) -> bool {
    let added = source[wide.start..narrow.start]
        .chars()
        .chain(source[narrow.end..wide.end].chars());
    let forms = |entry: usize| {
        let entry = &entries[entry];
        std::iter::once(&entry.term).chain(&entry.accepted)
    };
    added.clone().any(char::is_alphanumeric)
        && !forms(inner).any(|a| forms(outer).any(|b| abbreviates(a, b) || abbreviates(b, a)))
}

/// Whether `short`, one word with two capitals or more ("HIBOR", "pSSVFo"), takes its
/// letters in order from `long`, the first from its first word (Schwartz and Hearst's test).
fn abbreviates(short: &str, long: &str) -> bool {
    let capitals = short.chars().filter(char::is_ascii_uppercase).count();
    if capitals < 2 || short.contains(char::is_whitespace) || !long.contains(' ') {
        return false;
    }
    let mut letters = short
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase());
    let long = long.to_lowercase();
    if letters.clone().next() != long.chars().next() {
        return false;
    }
    let mut rest = long.chars();
    letters.all(|letter| rest.any(|c| c == letter))
}

/// Whether the words at `at` stand in brackets right after other words, glossing them
/// ("Technology and Innovation Support Centres (TISCs)", "金融管理局（金管局）").
fn glosses(text: &str, at: Span) -> bool {
    let before = text[..at.start].trim_end();
    let Some(inside) = before
        .strip_suffix('(')
        .or_else(|| before.strip_suffix('（'))
    else {
        return false;
    };
    let closed = text[at.end..].trim_start().starts_with([')', '）']);
    closed
        && inside
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
}

/// The indices of the `findings` inside `span`, in order; `sorted`: the findings are sorted
/// by start.
fn findings_in(findings: &[Finding], span: Span, sorted: bool) -> Vec<usize> {
    let (from, to) = if sorted {
        (
            findings.partition_point(|f| f.span.start < span.start),
            findings.partition_point(|f| f.span.start <= span.end),
        )
    } else {
        (0, findings.len())
    };
    (from..to)
        .filter(|&i| {
            let s = findings[i].span;
            span.start <= s.start && s.end <= span.end
        })
        .collect()
}

/// A monolingual finding whose entry the source names is near certain.
const NAMED_CONFIDENCE: f32 = 0.95;
/// One whose entry the source does not name is unlikely.
const UNNAMED_SHARE: f32 = 0.5;

/// The anchors of a segment pair, with the word pairs the dictionary gives when there is one.
fn anchors(
    bitext: &Bitext,
    segment: &crate::bitext::Segment,
    target: &str,
    terms: &SegmentTerms,
    reading: Option<&dictionary::Reading>,
) -> anchor::Anchors {
    let source_spans: Vec<Span> = terms.source.iter().map(|(s, _)| *s).collect();
    let word_pairs = reading
        .map(|r| r.anchors(&source_spans))
        .unwrap_or_default();
    anchor::Anchors::new(
        &bitext.source,
        segment.source,
        target,
        segment.target,
        &terms.source,
        &terms.target,
        &word_pairs,
    )
}

/// Segments naming a term that model 1 reads besides those lacking it: enough sightings of
/// the term's source words for EM to tell their rendering (the dictionary seeds the rest),
/// and training stays bounded by the lacking terms, not the file's length.
const TRAINING_SEGMENTS: usize = 16;

/// The segment pairs model 1 learns from (`None`: left out), or `None` when no segment lacks
/// a term its source names. The locator asks the model about a lacking segment's words
/// against a lacking term's source words: what a system renders those source words as is
/// learnt from the segments that name the term, so those are read: the lacking ones and up
/// to [`TRAINING_SEGMENTS`] others per term, the nearest to where it lacks first (a
/// system's habits and a document's topic are local).
fn training_segments(bitext: &Bitext, all: &[SegmentTerms]) -> Option<Vec<Option<(Span, Span)>>> {
    // Per entry some segment lacks: the segments lacking it, those naming it.
    let mut by_entry: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, terms) in all.iter().enumerate() {
        for (_, e) in &terms.source {
            if !terms.target.iter().any(|(_, t)| t == e) {
                by_entry.entry(*e).or_default().0.push(i);
            }
        }
    }
    if by_entry.is_empty() {
        return None;
    }
    for (i, terms) in all.iter().enumerate() {
        for (_, e) in &terms.source {
            if let Some((_, naming)) = by_entry.get_mut(e) {
                naming.push(i);
            }
        }
    }
    let mut read = vec![false; all.len()];
    for (lacking, mut naming) in by_entry.into_values() {
        lacking.iter().for_each(|&i| read[i] = true);
        naming.dedup();
        naming.retain(|i| lacking.binary_search(i).is_err());
        let distance = |i: usize| {
            let at = lacking.partition_point(|&l| l < i);
            let after = lacking.get(at).map_or(usize::MAX, |&l| l - i);
            let before = at.checked_sub(1).map_or(usize::MAX, |b| i - lacking[b]);
            after.min(before)
        };
        naming.sort_by_key(|&i| (distance(i), i));
        naming
            .iter()
            .take(TRAINING_SEGMENTS)
            .for_each(|&i| read[i] = true);
    }
    let segments = bitext.segments.iter().zip(read);
    Some(
        segments
            .map(|(s, r)| r.then_some((s.source, s.target)))
            .collect(),
    )
}

/// The segment's target words with the probability that they render a source word within
/// `spans` (a term's source occurrences), the most likely over them.
fn aligned(context: &Context, spans: &[Span]) -> Vec<(Span, f32)> {
    let Some(model) = context.model else {
        return Vec::new();
    };
    let mut words: Vec<(Span, f32)> = Vec::new();
    for span in spans {
        for (word, p) in model.rendering(context.index, *span) {
            match words.iter_mut().find(|(w, _)| *w == word) {
                Some(known) => known.1 = known.1.max(p),
                None => words.push((word, p)),
            }
        }
    }
    words
}

/// The English words of the parts of a term's source form at `span`: its dictionary words,
/// and between them what the dictionary does not list, a part all the same: letters and
/// digits as they are ("IUU" of "IUU漁業"), Chinese characters with no words known (権,
/// a Japanese form). So a run rendering only the known parts does not render it all.
fn term_parts(cedict: &crate::lexicon::Cedict, source: &str, span: Span) -> Vec<Vec<String>> {
    let mut parts = Vec::new();
    let mut at = span.start;
    for word in cedict.segment(source, span) {
        unlisted_parts(&source[at..word.start], &mut parts);
        let glosses: Vec<String> = cedict
            .glosses(&source[word.start..word.end])
            .map(str::to_string)
            .collect();
        if !glosses.is_empty() {
            parts.push(glosses);
        }
        at = word.end;
    }
    unlisted_parts(&source[at..span.end], &mut parts);
    parts
}

/// The parts of `text`, a stretch of a source form the dictionary has no word for.
fn unlisted_parts(text: &str, parts: &mut Vec<Vec<String>>) {
    let latin: String = text.chars().filter(char::is_ascii_alphanumeric).collect();
    if !latin.is_empty() {
        parts.push(vec![latin.to_lowercase()]);
    }
    if has_han(text) {
        parts.push(Vec::new());
    }
}

/// Whether a text has Chinese characters (CJK ideographs), which the dictionary reads.
fn has_han(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF))
}

/// Whether every word of `span` was kept, as it is, from the original.
fn kept_from_source(alignment: &align::WordAlignment, span: Span) -> bool {
    let words = alignment.target_words(span);
    !words.is_empty() && words.into_iter().all(|w| alignment.target_kept[w])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checker::CheckOptions;
    use crate::glossary::Glossary;

    /// The `(replaced words, replacement)` of each source-aware finding's fix, by line
    /// (`None`: a finding without a fix), checking `target` against `source` line by line.
    fn fixes(source: &str, target: &str) -> Vec<Option<(String, String)>> {
        fixes_with("term\tsource\nExchange Fund\t外匯基金\n", source, target)
    }

    /// As [`fixes`], with the glossary `tsv`.
    fn fixes_with(tsv: &str, source: &str, target: &str) -> Vec<Option<(String, String)>> {
        let glossary = Glossary::parse("g.tsv", tsv).unwrap();
        let checker = Checker::with_lexicon(
            glossary,
            CheckOptions::default(),
            std::sync::Arc::clone(crate::lexicon::tests::embedded()),
        );
        let bitext = Bitext::pair(source, target).unwrap();
        let checked = SourceAware::new(&checker, SourceOptions::default()).check(&bitext, target);
        checked
            .findings
            .iter()
            .filter(|f| f.rule == rule::MISSING_TERM)
            .map(|f| {
                f.fix.as_ref().map(|fix| {
                    let edit = &fix.edits[0];
                    (
                        target[edit.span.start..edit.span.end].to_string(),
                        edit.content.clone(),
                    )
                })
            })
            .collect()
    }

    #[test]
    fn model_1_reads_the_segments_naming_a_lacking_term_the_nearest_first() {
        // 60 lines: the source of line 30 names entry 0 and its target lacks it; line 31
        // names entry 1, rendered; the other lines name entry 0 and render it.
        let lines = 60;
        let text = "x\n".repeat(lines);
        let bitext = Bitext::pair(&text, &text).unwrap();
        let at = |i: usize| vec![(Span::new(2 * i, 2 * i + 1), usize::from(i == 31))];
        let all: Vec<SegmentTerms> = (0..lines)
            .map(|i| SegmentTerms {
                source: at(i),
                target: if i == 30 { Vec::new() } else { at(i) },
            })
            .collect();
        let read = training_segments(&bitext, &all).unwrap();
        let read: Vec<usize> = (0..lines).filter(|&i| read[i].is_some()).collect();
        // The lacking line, and the 16 nearest naming entry 0 (ties: the earlier first).
        let nearest: Vec<usize> = (21..=38).filter(|&i| i != 31).collect();
        assert_eq!(read, nearest);
        assert_eq!(read.len(), TRAINING_SEGMENTS + 1);
        // No segment lacking a term: no model.
        let rendered: Vec<SegmentTerms> = (0..lines)
            .map(|i| SegmentTerms {
                source: at(i),
                target: at(i),
            })
            .collect();
        assert!(training_segments(&bitext, &rendered).is_none());
    }

    #[test]
    fn a_variant_beside_a_term_the_target_already_renders_is_unlikely() {
        let glossary = Glossary::parse(
            "g.tsv",
            "term\tvariants\tsource\nExchange Fund\treserve pool\t外匯基金\n",
        )
        .unwrap();
        let checker = Checker::with_lexicon(
            glossary,
            CheckOptions::default(),
            std::sync::Arc::clone(crate::lexicon::tests::embedded()),
        );
        let aware = SourceAware::new(&checker, SourceOptions::default());
        let flagged = |source: &str, target: &str| {
            let bitext = Bitext::pair(source, target).unwrap();
            let checked = aware.check(&bitext, target);
            let spans = checked
                .findings
                .iter()
                .map(|f| &target[f.span.start..f.span.end]);
            spans.map(str::to_string).collect::<Vec<_>>()
        };
        // The source names the term once and the target has it: the variant renders some
        // other source words (here "儲備").
        let target = "The Exchange Fund and the reserve pool grew.\n";
        assert_eq!(
            flagged("外匯基金及儲備增長。\n", target),
            Vec::<String>::new()
        );
        // Named twice, rendered once: the variant is the other rendering.
        assert_eq!(
            flagged("外匯基金及外匯基金增長。\n", target),
            ["reserve pool"]
        );
    }

    #[test]
    fn a_term_named_inside_a_missing_ones_source_form_is_part_of_its_rendering() {
        // "金管局" (HKMA) sits inside "金管局金融科技總監": the target's "HKMA" is a word of
        // the longer term's rendering, not another source word's.
        let tsv = "term\tsource\nHKMA\t金管局\nHKMA Chief Fintech Officer\t金管局金融科技總監\n";
        let found = fixes_with(
            tsv,
            "金管局金融科技總監接受訪問。\n",
            "The HKMA Chief Fintech Head gave an interview.\n",
        );
        let want = (
            "HKMA Chief Fintech Head".to_string(),
            "HKMA Chief Fintech Officer".to_string(),
        );
        assert_eq!(found, [Some(want)]);
    }

    #[test]
    fn a_nested_term_the_segment_also_names_alone_is_still_part_of_the_rendering() {
        // "金管局" stands alone once and inside the longer term once; the target has "HKMA"
        // twice, so one of them is the longer term's.
        let tsv = "term\tsource\nHKMA\t金管局\nHKMA Chief Fintech Officer\t金管局金融科技總監\n";
        let found = fixes_with(
            tsv,
            "金管局表示，金管局金融科技總監接受訪問。\n",
            "The HKMA said that the HKMA Chief Fintech Head gave an interview.\n",
        );
        let want = (
            "HKMA Chief Fintech Head".to_string(),
            "HKMA Chief Fintech Officer".to_string(),
        );
        assert_eq!(found, [Some(want)]);
    }

    const SOURCE: &str = "外匯基金三月增長。\n外匯基金資產上升。\n外匯基金投資海外。\n\
                          外匯基金錄得利潤。\n去年外匯基金下跌。\n三月資產投資債券。\n";

    #[test]
    fn a_rendering_the_translation_habitually_puts_for_the_term_is_replaced() {
        // The system says "reserve pool" for "外匯基金" throughout, nothing like the term.
        let target = "The reserve pool grew in March.\nAssets of the reserve pool rose.\n\
                      The reserve pool invested abroad.\nThe reserve pool made a profit.\n\
                      Last year the reserve pool fell.\nIn March assets went into bonds.\n";
        let found = fixes(SOURCE, target);
        let want = Some(("reserve pool".to_string(), "Exchange Fund".to_string()));
        assert_eq!(found, vec![want.clone(); 5]);
        // One segment alone shows no habit, but the file's word alignment puts "reserve pool"
        // against "外匯基金": the dictionary gives the other words to "三月" and "增長".
        let one = fixes("外匯基金三月增長。\n", "The reserve pool grew in March.\n");
        assert_eq!(one, [want]);
    }

    #[test]
    fn a_habitual_run_the_dictionary_gives_another_source_word_is_not_taken() {
        // "assets" stands in two segments lacking the term (and in one without it), but in
        // the second line it renders "資產" (CC-CEDICT: assets), not "外匯基金".
        let target = "The reserve pool grew in March.\nThe assets rose.\n\
                      The reserve pool invested abroad.\nThe assets made a profit.\n\
                      Last year the reserve pool fell.\nIn March the assets went into bonds.\n";
        let found = fixes(SOURCE, target);
        assert_eq!(found[1], None, "{found:?}");
    }
}
