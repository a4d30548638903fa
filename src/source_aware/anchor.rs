//! Anchors: points where a source segment and its target segment are known to say the same
//! thing, so that the position of a source term projects onto the target.
//!
//! A translation keeps the order of its source more or less, and where it does not, it still
//! keeps it between the things both sides certainly share: a glossary term found in both (its
//! source form in one, its term in the other), a number, a Latin-script word the source
//! keeps ("HKMA", "ESG"), words a bilingual dictionary pairs ([`super::dictionary`]).
//! Between two anchors a source position maps linearly onto the target; the nearer the anchors, the surer the projection. Anchors that cross (a reordered
//! clause) are dropped, keeping the longest run of them in order on both sides.

use crate::text::span::Span;

/// A source segment's correspondence points with its target segment.
#[derive(Debug, Clone)]
pub struct Anchors {
    /// `(source, target)` positions in characters from the segments' starts, increasing on
    /// both sides, from `(0, 0)` to the two ends.
    points: Vec<(f32, f32)>,
    source: Span,
    target: Span,
    /// Whether a dictionary paired words of the two segments: without it the anchors are
    /// the terms, numbers and Latin words both sides have, often few.
    guided: bool,
    /// Characters of the target segment before each of its bytes, and before its end:
    /// [`Anchors::closeness`] is asked for every run of the segment.
    target_chars: Vec<u32>,
}

/// Where a source position lands in the target, and how far off it may be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    /// Characters from the target segment's start.
    pub at: f32,
    /// The spread of the guess, in characters: a share of the distance between the two
    /// anchors around it.
    pub spread: f32,
}

impl Anchors {
    /// The anchors of `source[source_span]` and `target[target_span]`: entries found in both
    /// (`source_terms`, `target_terms`: spans and entry indexes), numbers and Latin-script
    /// words that each side has once, and the `(source, target)` spans of `words` (pairs a
    /// dictionary vouches for).
    pub fn new(
        source: &str,
        source_span: Span,
        target: &str,
        target_span: Span,
        source_terms: &[(Span, usize)],
        target_terms: &[(Span, usize)],
        words: &[(Span, Span)],
    ) -> Anchors {
        let to_chars = chars_before;
        let centre = |s: Span| s.start + (s.end - s.start) / 2;
        let mut pairs: Vec<(f32, f32)> = Vec::new();
        let mut add = |s: Span, t: Span| {
            pairs.push((
                to_chars(source, source_span, centre(s)),
                to_chars(target, target_span, centre(t)),
            ))
        };
        // A term both sides have equally often: the i-th of each correspond.
        let mut entries: Vec<usize> = source_terms.iter().map(|(_, e)| *e).collect();
        entries.sort_unstable();
        entries.dedup();
        for entry in entries {
            let in_source: Vec<Span> = of_entry(source_terms, entry);
            let in_target: Vec<Span> = of_entry(target_terms, entry);
            if in_source.len() == in_target.len() {
                for (s, t) in in_source.into_iter().zip(in_target) {
                    add(s, t);
                }
            }
        }
        for (s, t) in words {
            add(*s, *t);
        }
        // Numbers and Latin-script words each side has once.
        let source_runs = latin_runs(source, source_span);
        let target_runs = latin_runs(target, target_span);
        for (s, word) in &source_runs {
            let once = |runs: &[(Span, String)]| {
                let mut same = runs.iter().filter(|(_, w)| w == word);
                let first = same.next();
                first.filter(|_| same.next().is_none()).map(|(s, _)| *s)
            };
            if once(&source_runs).is_some()
                && let Some(t) = once(&target_runs)
            {
                add(*s, t);
            }
        }
        let ends = (
            to_chars(source, source_span, source_span.end),
            to_chars(target, target_span, target_span.end),
        );
        Anchors {
            points: in_order(pairs, ends),
            source: source_span,
            target: target_span,
            guided: !words.is_empty(),
            target_chars: chars_at(&target[target_span.start..target_span.end]),
        }
    }

    /// Whether a dictionary's word pairs are among the anchors.
    pub fn guided(&self) -> bool {
        self.guided
    }

    /// Where the source position `at` (a byte offset into the source) lands in the target.
    pub fn project(&self, source: &str, at: usize) -> Projection {
        let x = chars_before(source, self.source, at);
        let after = self
            .points
            .iter()
            .position(|p| p.0 >= x)
            .unwrap_or(self.points.len() - 1)
            .max(1);
        let (a, b) = (self.points[after - 1], self.points[after]);
        let share = if b.0 > a.0 {
            (x - a.0) / (b.0 - a.0)
        } else {
            0.5
        };
        Projection {
            at: a.1 + share * (b.1 - a.1),
            spread: (SPREAD * (b.1 - a.1)).max(MIN_SPREAD),
        }
    }

    /// How well a target span (bytes, absolute) sits at a projection, 0 to 1.
    pub fn closeness(&self, projection: Projection, span: Span) -> f32 {
        debug_assert_eq!(self.target_chars.len(), self.target.len() + 1);
        let chars = |at: usize| {
            let at = at.clamp(self.target.start, self.target.end) - self.target.start;
            self.target_chars[at] as f32
        };
        let (start, end) = (chars(span.start), chars(span.end));
        let off = if projection.at < start {
            start - projection.at
        } else if projection.at > end {
            projection.at - end
        } else {
            0.0
        };
        let z = off / projection.spread;
        (-0.5 * z * z).exp()
    }

    /// How many anchors there are besides the two ends.
    pub fn count(&self) -> usize {
        self.points.len() - 2
    }
}

/// Share of the distance between two anchors that a projection may be off by.
const SPREAD: f32 = 0.25;
/// Characters a projection may be off by however near its anchors (a word or two).
const MIN_SPREAD: f32 = 12.0;

/// Characters of `text[within]` before byte `at` (inside a character: before it).
fn chars_before(text: &str, within: Span, at: usize) -> f32 {
    let mut at = at.clamp(within.start, within.end);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text[within.start..at].chars().count() as f32
}

/// For each byte of `text` and its end, the characters before it (inside a character:
/// before that character), as [`chars_before`] counts them.
fn chars_at(text: &str) -> Vec<u32> {
    let mut table = Vec::with_capacity(text.len() + 1);
    let mut count = 0;
    for c in text.chars() {
        table.extend(std::iter::repeat_n(count, c.len_utf8()));
        count += 1;
    }
    table.push(count);
    table
}

fn of_entry(terms: &[(Span, usize)], entry: usize) -> Vec<Span> {
    terms
        .iter()
        .filter(|(_, e)| *e == entry)
        .map(|(s, _)| *s)
        .collect()
}

/// Runs of ASCII letters and digits (a number keeps its points and commas), lower-cased,
/// of at least two characters: what a translation into English copies as it is.
fn latin_runs(text: &str, within: Span) -> Vec<(Span, String)> {
    let part = &text[within.start..within.end];
    let bytes = part.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_alphanumeric()
                || (matches!(bytes[i], b'.' | b',')
                    && bytes[i - 1].is_ascii_digit()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
        {
            i += 1;
        }
        let word = part[start..i].to_ascii_lowercase();
        let numeric = word.bytes().any(|b| b.is_ascii_digit());
        if word.len() >= 2 && (numeric || word.bytes().all(|b| b.is_ascii_alphabetic())) {
            runs.push((
                Span::new(within.start + start, within.start + i),
                word.replace(',', ""),
            ));
        }
    }
    runs
}

/// The longest chain of `pairs` increasing on both sides, between `(0, 0)` and `ends`.
fn in_order(mut pairs: Vec<(f32, f32)>, ends: (f32, f32)) -> Vec<(f32, f32)> {
    pairs.retain(|p| p.0 > 0.0 && p.1 > 0.0 && p.0 < ends.0 && p.1 < ends.1);
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    // Longest increasing subsequence by target position, O(n²): segments hold few anchors.
    let mut length = vec![1usize; pairs.len()];
    let mut before = vec![usize::MAX; pairs.len()];
    for i in 0..pairs.len() {
        for j in 0..i {
            if pairs[j].0 < pairs[i].0 && pairs[j].1 < pairs[i].1 && length[j] + 1 > length[i] {
                length[i] = length[j] + 1;
                before[i] = j;
            }
        }
    }
    let mut chain = Vec::new();
    let mut at = (0..pairs.len()).max_by_key(|&i| (length[i], usize::MAX - i));
    while let Some(i) = at {
        chain.push(pairs[i]);
        at = (before[i] != usize::MAX).then_some(before[i]);
    }
    chain.push((0.0, 0.0));
    chain.reverse();
    chain.push(ends);
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(text: &str) -> Span {
        Span::new(0, text.len())
    }

    #[test]
    fn a_number_both_sides_share_pins_the_projection() {
        let source = "去年外匯基金錄得2016億元收入，金管局表示滿意。";
        let target = "Last year the Fund earned 2016 million dollars, and the HKMA was satisfied.";
        let anchors = Anchors::new(source, whole(source), target, whole(target), &[], &[], &[]);
        assert_eq!(anchors.count(), 1);
        let at = source.find("2016").unwrap();
        let p = anchors.project(source, at + 2);
        let number = target.find("2016").unwrap() as f32;
        assert!((p.at - (number + 2.0)).abs() < 1.0, "{p:?}");
        // Before the number, the projection falls between the start and it.
        let fund = source.find("外匯基金").unwrap();
        let p = anchors.project(source, fund);
        assert!(p.at > 0.0 && p.at < number, "{p:?}");
    }

    #[test]
    fn crossing_anchors_are_dropped() {
        // "AB xx" and "CD yy" change places; "2020" stays: one of the crossing pairs goes.
        let source = "AB xx CD yy 2020";
        let target = "CD yy AB xx 2020";
        let anchors = Anchors::new(source, whole(source), target, whole(target), &[], &[], &[]);
        assert_eq!(anchors.count(), 3);
    }

    #[test]
    fn terms_both_sides_have_are_anchors_and_repeated_words_are_not() {
        let source = "金管局 and 外匯基金 and ab ab";
        let target = "HKMA x and Exchange Fund and ab ab";
        let source_terms = [(Span::new(0, 9), 0), (Span::new(14, 26), 1)];
        let target_terms = [(Span::new(11, 24), 1)];
        let anchors = Anchors::new(
            source,
            whole(source),
            target,
            whole(target),
            &source_terms,
            &target_terms,
            &[],
        );
        // Only the Exchange Fund: the HKMA is not found in the target, "ab" is twice.
        assert_eq!(anchors.count(), 1);
        let close = anchors.closeness(anchors.project(source, 20), Span::new(11, 24));
        assert!(close > 0.99, "{close}");
    }
}
