//! A translation's habits over a whole document: what it renders a source term as.
//!
//! A file checked against its source holds many segment pairs, and a system renders one
//! source form much the same way each time. Where the target lacks a term in several
//! segments whose sources name it, the words it put instead recur in those segments and
//! seldom elsewhere ("Financial Supervisory Authority" for "金管局", "RMB" for "人民幣").
//! The association of a run of target words with the term's absence is measured by the Dice
//! coefficient over segments, `2·both / (lacking + with the run)`: one in every such segment
//! and nowhere else scores 1, a run found everywhere ("Hong Kong") scores near 0. That is
//! evidence from the document itself, not from any word list, so it holds for any domain,
//! language pair and system.
//!
//! Runs are counted once per segment, up to a length cap per term, so building the table is
//! linear in the size of the text.

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use std::hash::Hasher;

use crate::text::span::Span;
use crate::text::words::{is_function_word, lowercase_into, tokens};

/// A run must recur in at least this many segments lacking the term: one is no habit.
const MIN_SEGMENTS: usize = 2;

/// Runs less associated with the term's absence than this are not kept.
const MIN_DICE: f32 = 0.2;

/// Runs longer than this many words are not counted.
const MAX_RUN: usize = 8;

/// One segment pair as the habit table sees it.
pub struct View<'a> {
    /// The target segment.
    pub target: Span,
    /// Entries the source segment names.
    pub named: &'a [(Span, usize)],
    /// Entries whose terms the target segment has.
    pub present: &'a [(Span, usize)],
}

/// Per entry, the runs of target words associated with the segments that lack its term.
#[derive(Debug, Default)]
pub struct Habits {
    by_entry: FxHashMap<usize, FxHashMap<u64, f32>>,
    longest: FxHashMap<usize, usize>,
}

/// A target word as runs are built from it.
struct Word {
    span: Span,
    key: u64,
    function: bool,
    /// A clause break or a hyphen lies between it and the word before.
    break_before: bool,
    /// Joined to the word before or after by a hyphen: a run may not start or end here.
    joined_before: bool,
    joined_after: bool,
    /// Part of a term that the source names: accounted for.
    accounted: bool,
}

impl Habits {
    /// The table for `target`'s segments. `longest(entry)` is the longest run, in words, that
    /// can render the entry's term.
    pub fn new(target: &str, views: &[View], longest: impl Fn(usize) -> usize) -> Habits {
        // The segments lacking each entry's term.
        let mut lacking: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for (i, view) in views.iter().enumerate() {
            let mut named: Vec<usize> = view.named.iter().map(|(_, e)| *e).collect();
            named.sort_unstable();
            named.dedup();
            for entry in named {
                if !view.present.iter().any(|(_, e)| *e == entry) {
                    lacking.entry(entry).or_default().push(i);
                }
            }
        }
        lacking.retain(|_, segments| segments.len() >= MIN_SEGMENTS);
        let mut habits = Habits::default();
        if lacking.is_empty() {
            return habits;
        }
        let words: Vec<Vec<Word>> = views.iter().map(|v| segment_words(target, v)).collect();
        let mut seen = FxHashSet::default();
        let mut by_entry: FxHashMap<usize, FxHashMap<u64, usize>> = FxHashMap::default();
        for (&entry, segments) in &lacking {
            let cap = longest(entry).clamp(1, MAX_RUN);
            habits.longest.insert(entry, cap);
            let mut counts: FxHashMap<u64, usize> = FxHashMap::default();
            for &i in segments {
                seen.clear();
                runs(&words[i], cap, |key, _| {
                    if seen.insert(key) {
                        *counts.entry(key).or_default() += 1;
                    }
                });
            }
            counts.retain(|_, n| *n >= MIN_SEGMENTS);
            by_entry.insert(entry, counts);
        }
        // How many segments have each run that some entry's lacking segments share.
        let mut everywhere: FxHashMap<u64, usize> = by_entry
            .values()
            .flat_map(|c| c.keys().map(|k| (*k, 0)))
            .collect();
        let cap = habits.longest.values().copied().max().unwrap_or(0);
        for segment in &words {
            seen.clear();
            runs(segment, cap, |key, _| {
                if let Some(n) = everywhere.get_mut(&key)
                    && seen.insert(key)
                {
                    *n += 1;
                }
            });
        }
        for (entry, counts) in by_entry {
            let lacking = lacking[&entry].len() as f32;
            let dice: FxHashMap<u64, f32> = counts
                .into_iter()
                .map(|(key, both)| (key, 2.0 * both as f32 / (lacking + everywhere[&key] as f32)))
                .filter(|(_, d)| *d >= MIN_DICE)
                .collect();
            if !dice.is_empty() {
                habits.by_entry.insert(entry, dice);
            }
        }
        habits
    }

    /// The runs of `view`'s target segment that are habitual renderings of `entry`, with
    /// their Dice coefficients.
    pub fn renderings(&self, target: &str, view: &View, entry: usize) -> Vec<(Span, f32)> {
        let (Some(dice), Some(&cap)) = (self.by_entry.get(&entry), self.longest.get(&entry)) else {
            return Vec::new();
        };
        let words = segment_words(target, view);
        let mut found = Vec::new();
        runs(&words, cap, |key, span| {
            if let Some(&d) = dice.get(&key) {
                found.push((span, d));
            }
        });
        found
    }
}

/// The words of a view's target segment.
fn segment_words(target: &str, view: &View) -> Vec<Word> {
    let segment = view.target;
    // A term whose source form sits inside another's ("ESG" in "ESG股票指數") is part of
    // that one's rendering, so its words may be in a run.
    let accounted = |s: Span| {
        view.present.iter().any(|(t, e)| {
            t.overlaps(s)
                && super::locate::renders_named(view.named, view.present, *e, |at| {
                    !inside_another(view.named, at, *e)
                })
        })
    };
    let mut words: Vec<Word> = Vec::with_capacity(segment.len() / 4);
    let mut previous_end = segment.start;
    // One buffer for every word's lower case: most words are ASCII.
    let mut buffer = String::new();
    for (s, w) in tokens(&target[segment.start..segment.end]) {
        let span = Span::new(segment.start + s.start, segment.start + s.end);
        let lower = lowercase_into(w, &mut buffer);
        let between = &target[previous_end..span.start];
        let hyphen = between == "-";
        if hyphen && let Some(last) = words.last_mut() {
            last.joined_after = true;
        }
        let mut hasher = FxHasher::default();
        hasher.write(lower.as_bytes());
        words.push(Word {
            span,
            key: hasher.finish(),
            function: is_function_word(lower),
            break_before: between.contains(['.', ';', '\n', '(', ')', ':']),
            joined_before: hyphen,
            joined_after: false,
            accounted: accounted(span),
        });
        previous_end = span.end;
    }
    words
}

/// Whether the source occurrence `at` of entry `entry` lies within an occurrence of another
/// entry in `named`.
fn inside_another(named: &[(Span, usize)], at: Span, entry: usize) -> bool {
    named
        .iter()
        .any(|(o, e)| *e != entry && o.start <= at.start && at.end <= o.end && *o != at)
}

/// Calls `f(key, span)` for each run of up to `cap` words that can be a rendering: it
/// neither starts nor ends with a function word or inside a hyphenated word, crosses no
/// clause break, and holds no accounted word.
fn runs(words: &[Word], cap: usize, mut f: impl FnMut(u64, Span)) {
    for start in 0..words.len() {
        let first = &words[start];
        if first.function || first.joined_before || first.accounted {
            continue;
        }
        let mut key = 0u64;
        for (len, word) in words[start..].iter().take(cap).enumerate() {
            if word.accounted || (len > 0 && word.break_before) {
                break;
            }
            key = (key.rotate_left(7) ^ word.key).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            if !word.function && !word.joined_after {
                f(key, Span::new(first.span.start, word.span.end));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Segments of one target text, one per line, each naming entry 0 in its source;
    /// `present` lines have the term "Exchange Fund".
    fn views(text: &str, present: &[usize]) -> (Vec<Span>, Vec<Vec<(Span, usize)>>) {
        let mut at = 0;
        let mut spans = Vec::new();
        let mut terms = Vec::new();
        for (i, line) in text.split('\n').enumerate() {
            spans.push(Span::new(at, at + line.len()));
            terms.push(if present.contains(&i) {
                let s = at + line.find("Exchange Fund").unwrap();
                vec![(Span::new(s, s + "Exchange Fund".len()), 0)]
            } else {
                Vec::new()
            });
            at += line.len() + 1;
        }
        (spans, terms)
    }

    fn table<'a>(
        spans: &[Span],
        terms: &'a [Vec<(Span, usize)>],
        named: &'a [(Span, usize)],
    ) -> Vec<View<'a>> {
        spans
            .iter()
            .zip(terms)
            .map(|(s, t)| View {
                target: *s,
                named,
                present: t,
            })
            .collect()
    }

    #[test]
    fn the_run_a_system_puts_where_the_term_is_missing_is_its_habit() {
        let text = "The foreign reserve fund grew in March.\n\
                    Assets of the foreign reserve fund rose.\n\
                    The foreign reserve fund was invested abroad.\n\
                    The Exchange Fund grew again.\n\
                    Assets in March were invested in bonds.";
        let (spans, terms) = views(text, &[3]);
        let named = [(Span::new(0, 1), 0)];
        let mut views = table(&spans, &terms, &named);
        // The last line's source does not name the term.
        views[4].named = &[];
        let habits = Habits::new(text, &views, |_| 3);
        let found = habits.renderings(text, &views[1], 0);
        let best = found
            .iter()
            .max_by_key(|(s, d)| ((d * 1000.0) as u32, s.end - s.start))
            .unwrap();
        assert_eq!(&text[best.0.start..best.0.end], "foreign reserve fund");
        assert!((best.1 - 1.0).abs() < 1e-6, "{found:?}");
        // "March" and "invested" are in lines lacking the term but also in the last line.
        let march = found.iter().find(|(s, _)| &text[s.start..s.end] == "March");
        assert!(march.is_none_or(|m| m.1 < best.1), "{found:?}");
    }

    #[test]
    fn a_run_in_one_segment_only_is_no_habit() {
        let text = "The foreign reserve fund grew.\nThe assets rose.";
        let (spans, terms) = views(text, &[]);
        let named = [(Span::new(0, 1), 0)];
        let views = table(&spans, &terms, &named);
        let habits = Habits::new(text, &views, |_| 3);
        let found = habits.renderings(text, &views[0], 0);
        let words: Vec<&str> = found.iter().map(|(s, _)| &text[s.start..s.end]).collect();
        assert_eq!(words, Vec::<&str>::new());
    }
}
