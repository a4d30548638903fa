//! Context cues and veto phrases of every entry, found in one pass over the text.

use crate::casing::CaseRule;
use crate::glossary::Glossary;
use crate::inflect;
use crate::matcher::{Form, Matcher};
use crate::span::Span;

#[derive(Debug, Clone, Copy)]
enum Role {
    Cue,
    Unless,
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
}

impl CueMatcher {
    pub fn new(glossary: &Glossary) -> CueMatcher {
        let mut forms = Vec::new();
        for (entry_index, entry) in glossary.entries.iter().enumerate() {
            for (role, phrases) in [(Role::Cue, &entry.context), (Role::Unless, &entry.unless)] {
                for (n, phrase) in phrases.iter().enumerate() {
                    for (_, text) in inflect::forms(phrase) {
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
        };
        for hit in self.matcher.find(text) {
            let (entry, role, n) = *hit.payload;
            match role {
                Role::Cue => index.cues[entry].push((n, hit.span)),
                Role::Unless => index.unless[entry].push(hit.span),
            }
        }
        index
    }
}

impl CueIndex {
    /// The first cue of `entry` inside `window` that is not the match itself.
    pub fn cue_in(&self, entry: usize, window: Span, matched: Span) -> Option<(u32, Span)> {
        let cues = &self.cues[entry];
        let from = cues.partition_point(|(_, s)| s.start < window.start);
        cues[from..]
            .iter()
            .take_while(|(_, s)| s.end <= window.end)
            .find(|(_, s)| !s.overlaps(matched))
            .copied()
    }

    /// Whether an `unless` phrase of `entry` overlaps `span`.
    pub fn vetoed(&self, entry: usize, span: Span) -> bool {
        self.unless[entry].iter().any(|s| s.overlaps(span))
    }
}
