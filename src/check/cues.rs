//! Context cues and veto phrases of every entry, found in one pass over the text.

use rustc_hash::FxHashMap;

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

/// What one occurrence of a cue text stands for: (entry, role, cue number), with the
/// place the form had in the list of every entry's forms.
type CueTarget = (u32, (usize, Role, u32));

/// The cue and `unless` phrases of a glossary, compiled once.
pub struct CueMatcher {
    /// Each distinct cue text once: a glossary's entries share their sense words ("drug",
    /// "chemicals"), and filing and finding a text once per entry cost most of building it.
    matcher: Matcher<Vec<CueTarget>>,
    entries: usize,
}

/// Where each entry's cues and vetoes occur in one text.
pub struct CueIndex {
    /// Per entry: (cue number, span) of each cue occurrence, by position.
    cues: ByEntry<(u32, Span)>,
    unless: ByEntry<Span>,
    sense: ByEntry<(u32, Span)>,
}

/// Per entry, the occurrences found for it, in the order found: one list grouped by entry
/// (a counting sort) rather than a list per entry, as a text of one segment has cues of a
/// few entries, and a bitext checks hundreds of segments against hundreds of entries.
struct ByEntry<T> {
    /// Where each entry's occurrences start in `values` (one more for the end); empty when
    /// there are none.
    starts: Vec<u32>,
    values: Vec<T>,
}

impl<T: Copy> ByEntry<T> {
    /// Groups `items`, `(entry, occurrence)` in the order found, by entry (below `entries`).
    fn new(items: &[(usize, T)], entries: usize) -> ByEntry<T> {
        let Some(&(_, first)) = items.first() else {
            return ByEntry {
                starts: Vec::new(),
                values: Vec::new(),
            };
        };
        let mut starts = vec![0u32; entries + 1];
        for (entry, _) in items {
            starts[entry + 1] += 1;
        }
        for i in 0..entries {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut values = vec![first; items.len()];
        for &(entry, value) in items {
            values[next[entry] as usize] = value;
            next[entry] += 1;
        }
        ByEntry { starts, values }
    }

    /// The occurrences of `entry`, in the order found.
    fn of(&self, entry: usize) -> &[T] {
        match self.starts.get(entry..entry + 2) {
            Some(&[from, to]) => &self.values[from as usize..to as usize],
            _ => &[],
        }
    }
}

impl CueMatcher {
    /// Compiles the cues of every entry; `senses` adds each entry's sense words (may be empty).
    pub fn new(glossary: &Glossary, senses: &[Vec<String>]) -> CueMatcher {
        // Per distinct text, its targets in the order the forms are listed.
        let mut forms: Vec<Form<Vec<CueTarget>>> = Vec::new();
        let mut by_text: FxHashMap<String, usize> = FxHashMap::default();
        let mut inflected: FxHashMap<&str, Vec<String>> = FxHashMap::default();
        let mut listed = 0u32;
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
                    let own = [phrase.clone()];
                    let texts: &[String] = match role {
                        Role::Unless => &own,
                        _ => inflected.entry(phrase).or_insert_with(|| {
                            inflect::forms(phrase).into_iter().map(|(_, t)| t).collect()
                        }),
                    };
                    for text in texts {
                        let target = (listed, (entry_index, role, n as u32));
                        listed += 1;
                        match by_text.get(text) {
                            Some(&i) => forms[i].payload.push(target),
                            None => {
                                by_text.insert(text.clone(), forms.len());
                                forms.push(Form {
                                    text: text.clone(),
                                    case: CaseRule::Ignore,
                                    payload: vec![target],
                                });
                            }
                        }
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
        let (mut cues, mut unless, mut sense) = (Vec::new(), Vec::new(), Vec::new());
        // Texts that differ in case only match the same words: at one span, the targets of
        // all of them come in the order they were listed, as if each were a form of its own.
        // Hits come sorted by span, so only a span several texts share needs sorting.
        let hits = self.matcher.find(text);
        let mut shared: Vec<CueTarget> = Vec::new();
        for same_span in hits.chunk_by(|a, b| a.span == b.span) {
            let span = same_span[0].span;
            let targets: &[CueTarget] = match same_span {
                [hit] => hit.payload,
                _ => {
                    shared.clear();
                    shared.extend(same_span.iter().flat_map(|h| h.payload.iter().copied()));
                    shared.sort_unstable_by_key(|&(listed, _)| listed);
                    &shared
                }
            };
            for &(_, (entry, role, n)) in targets {
                match role {
                    Role::Cue => cues.push((entry, (n, span))),
                    Role::Unless => unless.push((entry, span)),
                    Role::Sense => sense.push((entry, (n, span))),
                }
            }
        }
        CueIndex {
            cues: ByEntry::new(&cues, self.entries),
            unless: ByEntry::new(&unless, self.entries),
            sense: ByEntry::new(&sense, self.entries),
        }
    }
}

impl CueIndex {
    /// The first cue of `entry` inside `window` that is not the match itself.
    pub fn cue_in(&self, entry: usize, window: Span, matched: Span) -> Option<(u32, Span)> {
        first_in(self.cues.of(entry), window, matched)
    }

    /// The distinct cue and sense words of `entry` inside `window`, other than the match
    /// itself: one span for each different word.
    pub fn sense_cues_in(&self, entry: usize, window: Span, matched: Span) -> Vec<Span> {
        let mut found: Vec<(bool, u32, Span)> = Vec::new();
        for (listed, cues) in [(true, self.cues.of(entry)), (false, self.sense.of(entry))] {
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
        let cues = self.sense.of(entry);
        let from = cues.partition_point(|(_, s)| s.start < span.start);
        cues[from..]
            .iter()
            .take_while(|(_, s)| s.start == span.start)
            .any(|(_, s)| *s == span)
    }

    /// Whether an `unless` phrase of `entry` overlaps `span`.
    pub fn vetoed(&self, entry: usize, span: Span) -> bool {
        self.unless.of(entry).iter().any(|s| s.overlaps(span))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Entry, Origin};

    fn entry(term: &str, context: &[&str]) -> Entry {
        let mut e = Entry::new(
            term,
            Origin {
                file: "g".into(),
                line: 1,
            },
        );
        e.context = context.iter().map(|c| c.to_string()).collect();
        e
    }

    #[test]
    fn entries_sharing_a_cue_word_each_find_it_in_their_own_order() {
        let glossary =
            Glossary::from_entries(vec![entry("precursor", &["Drug"]), entry("reagent", &[])])
                .unwrap();
        let senses = vec![
            vec!["drug".to_string(), "chemical".to_string()],
            vec!["chemical".to_string()],
        ];
        let text = "A drug and chemicals. Drugs.";
        let index = CueMatcher::new(&glossary, &senses).index(text);
        let all = Span::new(0, text.len());
        let words = |entry: usize| -> Vec<&str> {
            index
                .sense_cues_in(entry, all, Span::new(0, 1))
                .iter()
                .map(|s| &text[s.start..s.end])
                .collect()
        };
        assert_eq!(words(0), ["drug", "chemicals", "Drugs"]);
        assert_eq!(words(1), ["chemicals"]);
        let cue = index.cue_in(0, all, Span::new(0, 1)).map(|(_, s)| s);
        assert_eq!(cue, Some(Span::new(2, 6)));
        assert_eq!(index.cue_in(1, all, Span::new(0, 1)), None);
    }
}
