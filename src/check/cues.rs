//! Context cues and veto phrases of every entry, found in one pass over the text.

use crate::check::matcher::{Form, Matcher};
use crate::glossary::Glossary;
use crate::text::casing::CaseRule;
use crate::text::inflect;
use crate::text::span::Span;

#[derive(Debug, Clone, Copy)]
enum Role {
    /// A listed `context` cue: required for listed variants of entries that have them.
    Cue,
    Unless,
    /// A word of the entry's note or intended sense: evidence for derived renderings.
    Sense,
}

/// The cue and `unless` phrases of a glossary, compiled once.
pub struct CueMatcher {
    matcher: Matcher<(usize, Role, u32)>,
    entries: usize,
}

/// Where each entry's cues and vetoes occur in one text.
pub struct CueIndex {
    /// Per entry: (cue number, span) of each cue occurrence, by position.
    cues: Vec<Vec<(u32, Span)>>,
    unless: Vec<Vec<Span>>,
    sense: Vec<Vec<(u32, Span)>>,
}

impl CueMatcher {
    /// Compiles the cues of every entry; `senses` adds each entry's sense words (may be empty).
    pub fn new(glossary: &Glossary, senses: &[Vec<String>]) -> CueMatcher {
        let mut forms = Vec::new();
        let no_sense = Vec::new();
        for (entry_index, entry) in glossary.entries.iter().enumerate() {
            let sense = senses.get(entry_index).unwrap_or(&no_sense);
            for (role, phrases) in [
                (Role::Cue, &entry.context),
                (Role::Unless, &entry.unless),
                (Role::Sense, sense),
            ] {
                for (n, phrase) in phrases.iter().enumerate() {
                    // Vetoes match exactly as written, so "committees" does not veto
                    // "committee"; cue words are looked for in all their forms.
                    let texts = match role {
                        Role::Unless => vec![phrase.clone()],
                        _ => inflect::forms(phrase).into_iter().map(|(_, t)| t).collect(),
                    };
                    for text in texts {
                        forms.push(Form {
                            text,
                            case: CaseRule::Ignore,
                            payload: (entry_index, role, n as u32),
                        });
                    }
                }
            }
        }
        CueMatcher {
            matcher: Matcher::new(forms),
            entries: glossary.entries.len(),
        }
    }

    pub fn index(&self, text: &str) -> CueIndex {
        let mut index = CueIndex {
            cues: vec![Vec::new(); self.entries],
            unless: vec![Vec::new(); self.entries],
            sense: vec![Vec::new(); self.entries],
        };
        for hit in self.matcher.find(text) {
            let (entry, role, n) = *hit.payload;
            match role {
                Role::Cue => index.cues[entry].push((n, hit.span)),
                Role::Unless => index.unless[entry].push(hit.span),
                Role::Sense => index.sense[entry].push((n, hit.span)),
            }
        }
        index
    }
}

impl CueIndex {
    /// The first cue of `entry` inside `window` that is not the match itself.
    pub fn cue_in(&self, entry: usize, window: Span, matched: Span) -> Option<(u32, Span)> {
        first_in(&self.cues[entry], window, matched)
    }

    /// The distinct cue and sense words of `entry` inside `window`, other than the match
    /// itself: one span for each different word.
    pub fn sense_cues_in(&self, entry: usize, window: Span, matched: Span) -> Vec<Span> {
        let mut found: Vec<(bool, u32, Span)> = Vec::new();
        for (listed, cues) in [(true, &self.cues[entry]), (false, &self.sense[entry])] {
            let from = cues.partition_point(|(_, s)| s.start < window.start);
            for &(n, span) in cues[from..].iter().take_while(|(_, s)| s.end <= window.end) {
                // Two cue words of one spot ("chemical" of the note, "chemicals" of
                // "precursor chemicals") are one word of the text.
                let known = |&(l, m, s): &(bool, u32, Span)| (l == listed && m == n) || s == span;
                if !span.overlaps(matched) && !found.iter().any(known) {
                    found.push((listed, n, span));
                }
            }
        }
        found.into_iter().map(|(_, _, span)| span).collect()
    }

    /// Whether a cue word of `entry`'s sense occurs exactly at `span`.
    pub fn is_sense_cue(&self, entry: usize, span: Span) -> bool {
        let cues = &self.sense[entry];
        let from = cues.partition_point(|(_, s)| s.start < span.start);
        cues[from..]
            .iter()
            .take_while(|(_, s)| s.start == span.start)
            .any(|(_, s)| *s == span)
    }

    /// Whether an `unless` phrase of `entry` overlaps `span`.
    pub fn vetoed(&self, entry: usize, span: Span) -> bool {
        self.unless[entry].iter().any(|s| s.overlaps(span))
    }
}

/// The first occurrence inside `window` that does not overlap `matched`.
fn first_in(cues: &[(u32, Span)], window: Span, matched: Span) -> Option<(u32, Span)> {
    {
        let from = cues.partition_point(|(_, s)| s.start < window.start);
        cues[from..]
            .iter()
            .take_while(|(_, s)| s.end <= window.end)
            .find(|(_, s)| !s.overlaps(matched))
            .copied()
    }
}
