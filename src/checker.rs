//! The detection stage: a compiled glossary that checks texts.
//!
//! Building a [`Checker`] compiles every form of every entry (terms, listed variants and, later,
//! derived renderings) into one automaton. Checking a text normalises it once, finds all forms
//! in one pass, lets each rule judge its matches, and keeps the leftmost-longest accepted ones.
//! Spans in the findings are byte ranges into the original text.

use crate::casing::{CaseRule, copy_case};
use crate::context::Sentences;
use crate::cues::{CueIndex, CueMatcher};
use crate::finding::{Applicability, Finding};
use crate::glossary::{Entry, FixMode, Glossary, Kind};
use crate::inflect::{self, Inflection};
use crate::matcher::{Form, Matcher};
use crate::normalize::Normalized;
use crate::rules;
use crate::span::Span;

/// What to look for beyond listed variants, and what to report.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Flag doubled words ("Liu Liu").
    pub doubled_words: bool,
    /// Findings below this confidence are not reported.
    pub min_confidence: f32,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            doubled_words: true,
            min_confidence: 0.5,
        }
    }
}

/// Where a wrong rendering comes from.
#[derive(Debug, Clone)]
pub enum Provenance {
    /// Listed in the glossary's `variants`.
    Listed,
}

/// A wrong rendering of an entry to look for, with the correction it calls for.
#[derive(Debug, Clone)]
pub struct Rendering {
    pub entry: usize,
    /// The base form of the wrong rendering.
    pub form: String,
    /// The base form of the correction.
    pub correction: String,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, Copy)]
enum Target {
    /// A correct term: its occurrences are never flagged by any rendering.
    Term,
    Rendering {
        index: usize,
        inflection: Inflection,
    },
}

/// A match that a rule has accepted, competing for its span.
struct Claim {
    span: Span,
    finding: Option<Finding>,
}

/// A glossary compiled for checking.
pub struct Checker {
    glossary: Glossary,
    renderings: Vec<Rendering>,
    matcher: Matcher<(usize, Target)>,
    cues: CueMatcher,
    options: CheckOptions,
}

/// Everything a rule may look at when judging one match.
pub struct Site<'a> {
    pub text: &'a str,
    /// The match, in the normalised text.
    pub span: Span,
    pub entry: &'a Entry,
    pub entry_index: usize,
    pub sentences: &'a Sentences,
    pub cues: &'a CueIndex,
}

impl Site<'_> {
    pub fn matched(&self) -> &str {
        &self.text[self.span.start..self.span.end]
    }

    /// The first context cue of the entry near the match, if any.
    pub fn cue(&self) -> Option<&str> {
        let window = self.sentences.window(self.span);
        self.cues
            .cue_in(self.entry_index, window, self.span)
            .map(|(_, s)| &self.text[s.start..s.end])
    }
}

impl Checker {
    pub fn new(glossary: Glossary, options: CheckOptions) -> Checker {
        let renderings = rules::variants::renderings(&glossary);
        let mut forms = Vec::new();
        for (entry_index, entry) in glossary.entries.iter().enumerate() {
            for (_, text) in inflect::forms(&entry.term) {
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
        Checker {
            matcher: Matcher::new(forms),
            cues: CueMatcher::new(&glossary),
            glossary,
            renderings,
            options,
        }
    }

    pub fn glossary(&self) -> &Glossary {
        &self.glossary
    }

    /// Checks one text; findings are sorted by position.
    pub fn check(&self, original: &str) -> Vec<Finding> {
        let normalized = Normalized::new(original);
        let text = normalized.text.as_str();
        let sentences = Sentences::new(text);
        let cues = self.cues.index(text);
        let mut claims = Vec::new();
        for hit in self.matcher.find(text) {
            let (entry_index, target) = *hit.payload;
            let finding = match target {
                Target::Term => None,
                Target::Rendering { index, inflection } => {
                    let site = Site {
                        text,
                        span: hit.span,
                        entry: &self.glossary.entries[entry_index],
                        entry_index,
                        sentences: &sentences,
                        cues: &cues,
                    };
                    let rendering = &self.renderings[index];
                    match self.judge(&site, rendering, inflection) {
                        Some(finding) => Some(finding),
                        None => continue,
                    }
                }
            };
            claims.push(Claim {
                span: hit.span,
                finding,
            });
        }
        let mut findings = leftmost_longest(claims);
        if self.options.doubled_words {
            findings.extend(rules::doubled::find(text));
        }
        for finding in &mut findings {
            map_to_original(finding, &normalized);
        }
        findings.retain(|f| f.confidence >= self.options.min_confidence);
        findings.sort_by_key(|f| (f.span.start, f.span.end));
        findings
    }

    /// Lets the rule that produced a rendering judge one of its matches.
    fn judge(&self, site: &Site, rendering: &Rendering, inflection: Inflection) -> Option<Finding> {
        if site.cues.vetoed(site.entry_index, site.span) {
            return None;
        }
        let suggestion = copy_case(site.matched(), &inflection.apply(&rendering.correction));
        let mut finding = match rendering.provenance {
            Provenance::Listed => rules::variants::judge(site)?,
        };
        let applicability = match site.entry.fix {
            FixMode::Safe => Applicability::Safe,
            FixMode::Suggest => Applicability::Unsafe,
        };
        finding.span = site.span;
        finding.suggestions = vec![suggestion];
        finding.fix = finding.fix_for(0, applicability);
        Some(finding)
    }
}

/// Moves a finding's spans from the normalised text to the original one.
fn map_to_original(finding: &mut Finding, normalized: &Normalized) {
    finding.span = normalized.to_original(finding.span);
    for edit in finding.fix.iter_mut().flat_map(|f| f.edits.iter_mut()) {
        edit.span = normalized.to_original(edit.span);
    }
}

/// Keeps accepted claims that no earlier or longer claim overlaps; correct terms win ties.
fn leftmost_longest(mut claims: Vec<Claim>) -> Vec<Finding> {
    claims.sort_by_key(|c| {
        (
            c.span.start,
            std::cmp::Reverse(c.span.end),
            c.finding.is_some(),
        )
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
