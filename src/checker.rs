//! The detection stage: a compiled glossary that checks texts.
//!
//! Building a [`Checker`] compiles every form of every entry (terms, listed variants and
//! derived renderings) into one index. Checking a text prepares it once as a [`Document`]
//! (normalised, all forms found in one pass), lets each rule judge it, reinforces and
//! arbitrates the matches, then lets the rules that look at the rest of the words run.
//! Spans in the findings are byte ranges into the original text.

use std::sync::Arc;

use crate::check::arbitrate::{self, Claim, TERM_RANK};
use crate::check::cues::CueMatcher;
use crate::check::document::{Document, Payload, Target};
use crate::check::finding::{Finding, rule};
use crate::check::matcher::{Form, Matcher};
use crate::check::reinforce;
use crate::check::suppress::Suppressions;
use crate::derive;
use crate::glossary::Glossary;
use crate::lexicon::Lexicon;
use crate::rules::derived::DerivedRenderings;
use crate::rules::doubled::DoubledWords;
use crate::rules::expansion::WrongExpansions;
use crate::rules::near_miss::NearMisses;
use crate::rules::variants::ListedVariants;
use crate::rules::{Rule, RuleSelection, Stage};
use crate::text::casing::CaseRule;
use crate::text::inflect;
use crate::text::markup::{self, Markup};
use crate::text::normalize::Normalized;
use crate::text::span::Span;

pub use crate::rules::variants::Rendering;

/// Which rules run, and what to report.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The rules that run: every rule on by default, unless changed (`--select`,
    /// `--ignore`).
    pub rules: RuleSelection,
    /// Findings below this confidence are not reported.
    pub min_confidence: f32,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            rules: RuleSelection::default(),
            min_confidence: 0.5,
        }
    }
}

/// A glossary compiled for checking.
pub struct Checker {
    glossary: Glossary,
    matcher: Matcher<Payload>,
    cues: CueMatcher,
    /// The rules that run, in registry order.
    rules: Vec<Box<dyn Rule>>,
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
        let on = |id: &str| options.rules.enabled(id);
        // The rules that need only the glossary are built while derivation runs: each is
        // serial work that would otherwise wait for it, or leave the other cores idle.
        let ((mut forms, variants, near_miss, doubled), (derived, mut derived_forms, cues)) =
            rayon::join(
                || {
                    let variants = on(rule::VARIANT).then(|| ListedVariants::new(&glossary));
                    let mut forms = term_forms(&glossary);
                    forms.extend(variants.iter().flat_map(|v| v.forms(&glossary)));
                    let lexicon = || Arc::clone(&lexicon);
                    let near_miss =
                        on(rule::NEAR_MISS).then(|| NearMisses::new(&glossary, lexicon()));
                    let doubled =
                        on(rule::DOUBLED_WORD).then(|| DoubledWords::new(&glossary, lexicon()));
                    (forms, variants, near_miss, doubled)
                },
                || derived_and_cues(&glossary, &lexicon, on(rule::DERIVED)),
            );
        forms.append(&mut derived_forms);
        let matcher = Matcher::new(forms);
        let mut rules: Vec<Box<dyn Rule>> = Vec::new();
        rules.extend(variants.map(|r| Box::new(r) as Box<dyn Rule>));
        if on(rule::WRONG_EXPANSION) {
            rules.push(Box::new(WrongExpansions));
        }
        rules.extend(derived.map(|r| Box::new(r) as Box<dyn Rule>));
        rules.extend(near_miss.map(|r| Box::new(r) as Box<dyn Rule>));
        rules.extend(doubled.map(|r| Box::new(r) as Box<dyn Rule>));
        Checker {
            matcher,
            cues,
            glossary,
            rules,
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

    /// Whether the selection runs rule `id` (the source-aware rules run outside the checker).
    pub fn runs(&self, id: &str) -> bool {
        self.options.rules.enabled(id)
    }

    /// The ids of the rules this checker runs.
    pub fn rule_ids(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.rules.iter().map(|r| r.meta().id)
    }

    /// Checks one text; findings are sorted by position.
    pub fn check(&self, original: &str) -> Vec<Finding> {
        let normalized = Normalized::new(original);
        let mut doc = Document::new(
            &normalized.text,
            &self.glossary,
            &self.matcher,
            &self.cues,
            &self.lexicon,
        );
        let min_confidence = self.options.min_confidence;
        // Correct terms claim their words: no rendering flags them.
        let mut claims: Vec<Claim> = doc.terms.iter().map(|&(s, e)| term_claim(s, e)).collect();
        for rule in self.rules_of(Stage::Match) {
            rule.check(&doc, &mut claims);
        }
        reinforce::repeated(doc.text, &mut claims, min_confidence);
        reinforce::neighbours(doc.text, &self.glossary, &mut claims, min_confidence);
        // Matches too unsure to report claim nothing: they must not hide a surer, shorter
        // match of the same words, nor keep near misses off them.
        claims.retain(|c| {
            c.finding
                .as_ref()
                .is_none_or(|f| f.confidence >= min_confidence)
        });
        doc.claimed = claims.iter().map(|c| c.span).collect();
        let mut findings = arbitrate::leftmost_longest(claims);
        let mut rest = Vec::new();
        for rule in self.rules_of(Stage::Rest) {
            rule.check(&doc, &mut rest);
        }
        findings.extend(rest.into_iter().filter_map(|c| c.finding));
        for finding in &mut findings {
            map_to_original(finding, &normalized);
        }
        findings.retain(|f| f.confidence >= min_confidence);
        findings.sort_by_key(|f| (f.span.start, f.span.end));
        findings
    }

    fn rules_of(&self, stage: Stage) -> impl Iterator<Item = &dyn Rule> {
        self.rules
            .iter()
            .map(|r| r.as_ref())
            .filter(move |r| r.meta().stage == stage)
    }
}

impl Drop for Checker {
    /// A large glossary's index and rules hold hundreds of thousands of small allocations:
    /// they are freed side by side, as they were built.
    fn drop(&mut self) {
        let matcher = std::mem::take(&mut self.matcher);
        let rules = std::mem::take(&mut self.rules);
        rayon::join(move || matcher.drop_in_parallel(), move || drop(rules));
    }
}

/// Every form of every correct term, which the index finds so that no rendering flags it.
fn term_forms(glossary: &Glossary) -> Vec<Form<Payload>> {
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
    forms
}

/// Derivation (when the rule is on), then the derived-renderings rule with its forms and
/// the index of every entry's cue words, side by side: both need only the derivation.
fn derived_and_cues(
    glossary: &Glossary,
    lexicon: &Lexicon,
    on: bool,
) -> (Option<DerivedRenderings>, Vec<Form<Payload>>, CueMatcher) {
    let derivation = if on {
        derive::derive(glossary, lexicon)
    } else {
        derive::Derivation::default()
    };
    let senses: Vec<Vec<String>> = derivation.senses.into_iter().map(|s| s.cues).collect();
    let entries = derivation.entries;
    let ((derived, forms), cues) = rayon::join(
        || {
            let derived = on.then(|| DerivedRenderings::new(entries, glossary));
            let forms = derived.as_ref().map(|d| d.forms(glossary));
            (derived, forms.unwrap_or_default())
        },
        || CueMatcher::new(glossary, &senses),
    );
    (derived, forms, cues)
}

fn term_claim(span: crate::text::span::Span, entry: usize) -> Claim {
    Claim {
        span,
        entry: Some(entry),
        rank: TERM_RANK,
        finding: None,
    }
}

/// Moves a finding's spans from the normalised text to the original one.
fn map_to_original(finding: &mut Finding, normalized: &Normalized) {
    finding.span = normalized.to_original(finding.span);
    for edit in finding.fix.iter_mut().flat_map(|f| f.edits.iter_mut()) {
        edit.span = normalized.to_original(edit.span);
    }
}

/// For rule tests: each finding's text and top suggestion.
/// What [`Checker::check_markup`] found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// The findings not suppressed, sorted by position; spans into the original text.
    pub findings: Vec<Finding>,
    /// How many findings suppression comments or `[sic]` covered.
    pub suppressed: usize,
    /// Suppression directives with an unknown command (see [`Suppressions::unknown`]).
    pub unknown_directives: Vec<Span>,
}

impl Checker {
    /// Checks the prose of `text` only ([`markup::layout`]) and drops the findings that
    /// suppression comments or `[sic]` cover.
    pub fn check_markup(&self, text: &str, markup: Markup) -> Checked {
        let layout = markup::layout(text, markup);
        let masked = layout.mask(text);
        let findings = self.check(&masked);
        let suppressions = Suppressions::find(text, markup, &layout.comments);
        let (findings, suppressed) = suppressions.filter(text, findings);
        Checked {
            findings,
            suppressed,
            unknown_directives: suppressions.unknown,
        }
    }
}

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
