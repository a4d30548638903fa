//! The detection stage: a compiled glossary that checks texts.
//!
//! Building a [`Checker`] compiles every form of every entry (terms, listed variants and
//! derived renderings) into one automaton. Checking a text normalises it once, finds all forms
//! in one pass, lets each rule judge its matches, and keeps the leftmost-longest accepted ones.
//! Spans in the findings are byte ranges into the original text.

use crate::casing::{CaseRule, copy_case};
use crate::context::Sentences;
use crate::cues::{CueIndex, CueMatcher};
use crate::derive::{self, DerivedRendering};
use crate::finding::{Applicability, Finding};
use crate::glossary::{Entry, FixMode, Glossary, Kind};
use crate::inflect::{self, Inflection};
use crate::lexicon::Pos;
use crate::matcher::{Form, Matcher};
use crate::nearmiss::NearMissIndex;
use crate::normalize::Normalized;
use crate::rules;
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

/// Where a wrong rendering comes from.
#[derive(Debug, Clone)]
pub enum Provenance {
    /// Listed in the glossary's `variants`.
    Listed,
    /// Derived from the term through the lexicon.
    Derived(Box<DerivedRendering>),
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

impl Rendering {
    /// Listed variants win over derived renderings of the same span.
    fn rank(&self) -> u8 {
        match self.provenance {
            Provenance::Listed => 1,
            Provenance::Derived(_) => 2,
        }
    }
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
    /// 0 for a correct term, then listed variants, then derived renderings.
    rank: u8,
    finding: Option<Finding>,
}

/// A glossary compiled for checking.
pub struct Checker {
    glossary: Glossary,
    renderings: Vec<Rendering>,
    matcher: Matcher<(usize, Target)>,
    cues: CueMatcher,
    near_miss: Option<NearMissIndex>,
    options: CheckOptions,
}

/// Everything a rule may look at when judging one match.
pub struct Site<'a> {
    /// The normalised text.
    pub text: &'a str,
    /// The match, in the normalised text.
    pub span: Span,
    pub entry: &'a Entry,
    pub entry_index: usize,
    pub sentences: &'a Sentences,
    pub cues: &'a CueIndex,
    /// Occurrences of correct terms in the text, by position, with their entry.
    pub terms: &'a [(Span, usize)],
}

impl Site<'_> {
    pub fn matched(&self) -> &str {
        &self.text[self.span.start..self.span.end]
    }

    /// The first listed context cue of the entry near the match, if any.
    pub fn cue(&self) -> Option<&str> {
        let window = self.sentences.window(self.span);
        self.cues
            .cue_in(self.entry_index, window, self.span)
            .map(|(_, s)| &self.text[s.start..s.end])
    }

    /// The distinct cue and sense words of the entry inside `window`.
    pub fn sense_cues_in(&self, window: Span) -> Vec<&str> {
        self.cues
            .sense_cues_in(self.entry_index, window, self.span)
            .into_iter()
            .map(|s| &self.text[s.start..s.end])
            .collect()
    }

    /// Another entry's correct term inside `window`: the text is about the glossary's domain.
    pub fn domain_term_in(&self, window: Span) -> Option<&str> {
        let from = self.terms.partition_point(|(s, _)| s.start < window.start);
        self.terms[from..]
            .iter()
            .take_while(|(s, _)| s.end <= window.end)
            .find(|(s, entry)| *entry != self.entry_index && !s.overlaps(self.span))
            .map(|(s, _)| &self.text[s.start..s.end])
    }

    /// The sentence of the match and the one before it.
    pub fn sentence_window(&self) -> Span {
        self.sentences.window(self.span)
    }

    /// The line (paragraph) holding the match.
    pub fn paragraph(&self) -> Span {
        let start = self.text[..self.span.start]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let end = self.text[self.span.end..]
            .find('\n')
            .map_or(self.text.len(), |i| self.span.end + i);
        Span::new(start, end)
    }

    /// The word right before the match, if any.
    pub fn previous_word(&self) -> Option<&str> {
        let before = self.text[..self.span.start].trim_end();
        let start = before
            .rfind(|c: char| !crate::words::is_word_char(c))
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        let word = &before[start..];
        (!word.is_empty()).then_some(word)
    }

    /// Whether the match starts a sentence (so its capital letter says nothing).
    pub fn starts_sentence(&self) -> bool {
        let sentence = self.sentences.get(self.sentences.index_of(self.span.start));
        self.text[sentence.start..self.span.start]
            .chars()
            .all(|c| !crate::words::is_word_char(c))
    }
}

impl Checker {
    pub fn new(glossary: Glossary, options: CheckOptions) -> Checker {
        let mut renderings = rules::variants::renderings(&glossary);
        let derivation = if options.derive {
            derive::derive(&glossary)
        } else {
            derive::Derivation::default()
        };
        renderings.extend(derivation.renderings.into_iter().map(|d| Rendering {
            entry: d.entry,
            form: d.form.clone(),
            correction: d.correction.clone(),
            provenance: Provenance::Derived(Box::new(d)),
        }));
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
                let mut forms = inflect::forms(&rendering.form);
                // A derived rendering of a noun is not looked for as a verb, and vice versa.
                if let Provenance::Derived(d) = &rendering.provenance {
                    forms.retain(|(i, _)| fits(d.pos, *i));
                }
                forms
            };
            for (inflection, text) in inflected {
                forms.push(Form {
                    text,
                    case: entry.case,
                    payload: (rendering.entry, Target::Rendering { index, inflection }),
                });
            }
        }
        let senses: Vec<Vec<String>> = derivation.senses.into_iter().map(|s| s.cues).collect();
        Checker {
            matcher: Matcher::new(forms),
            cues: CueMatcher::new(&glossary, &senses),
            near_miss: options.near_miss.then(|| NearMissIndex::new(&glossary)),
            glossary,
            renderings,
            options,
        }
    }

    pub fn glossary(&self) -> &Glossary {
        &self.glossary
    }

    /// The renderings this checker looks for: listed variants, then derived ones.
    pub fn renderings(&self) -> &[Rendering] {
        &self.renderings
    }

    /// Checks one text; findings are sorted by position.
    pub fn check(&self, original: &str) -> Vec<Finding> {
        let normalized = Normalized::new(original);
        let text = normalized.text.as_str();
        let sentences = Sentences::new(text);
        let cues = self.cues.index(text);
        let hits = self.matcher.find(text);
        let terms: Vec<(Span, usize)> = hits
            .iter()
            .filter(|h| matches!(h.payload.1, Target::Term))
            .map(|h| (h.span, h.payload.0))
            .collect();
        let mut claims = Vec::new();
        for hit in &hits {
            let (entry_index, target) = *hit.payload;
            let claim = match target {
                Target::Term => Claim {
                    span: hit.span,
                    rank: 0,
                    finding: None,
                },
                Target::Rendering { index, inflection } => {
                    let site = Site {
                        text,
                        span: hit.span,
                        entry: &self.glossary.entries[entry_index],
                        entry_index,
                        sentences: &sentences,
                        cues: &cues,
                        terms: &terms,
                    };
                    let rendering = &self.renderings[index];
                    match self.judge(&site, rendering, inflection) {
                        Some(finding) => Claim {
                            span: hit.span,
                            rank: rendering.rank(),
                            finding: Some(finding),
                        },
                        None => continue,
                    }
                }
            };
            claims.push(claim);
        }
        // Near misses never touch text that a term or a reported rendering claimed; a
        // rendering below the reporting threshold leaves its span to them.
        let occupied: Vec<Span> = claims
            .iter()
            .filter(|c| {
                c.finding
                    .as_ref()
                    .is_none_or(|f| f.confidence >= self.options.min_confidence)
            })
            .map(|c| c.span)
            .collect();
        let mut findings = leftmost_longest(claims);
        if let Some(index) = &self.near_miss {
            findings.extend(index.find(text, &occupied));
        }
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
        let (mut finding, applicability) = match &rendering.provenance {
            Provenance::Listed => {
                let applicability = match site.entry.fix {
                    FixMode::Safe => Applicability::Safe,
                    FixMode::Suggest => Applicability::Unsafe,
                };
                (rules::variants::judge(site)?, applicability)
            }
            // Derived renderings are educated guesses: a human applies them.
            Provenance::Derived(derived) => {
                (rules::derived::judge(site, derived)?, Applicability::Unsafe)
            }
        };
        finding.span = site.span;
        finding.suggestions = vec![suggestion];
        finding.fix = finding.fix_for(0, applicability);
        Some(finding)
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
    claims.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end), c.rank));
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
