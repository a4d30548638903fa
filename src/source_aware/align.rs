//! Word-level alignment of a same-language source segment with its target (an original and
//! its paraphrase): which words were kept, and which runs of words were replaced by which.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use similar::{Algorithm, DiffTag};

use crate::text::span::Span;

/// A run of source words replaced by a run of target words (either run may be empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hunk {
    /// Indices into [`WordAlignment::source`].
    pub source: Range<usize>,
    /// Indices into [`WordAlignment::target`].
    pub target: Range<usize>,
}

/// The words of both sides and how they correspond.
#[derive(Debug, Clone)]
pub struct WordAlignment {
    /// Word spans of the source segment, absolute in the source text.
    pub source: Vec<Span>,
    /// Word spans of the target segment, absolute in the target text.
    pub target: Vec<Span>,
    /// For each source word, the target word it was kept as.
    pub kept: Vec<Option<usize>>,
    /// For each target word, whether it was kept from the source.
    pub target_kept: Vec<bool>,
    /// The changed runs, in order.
    pub hunks: Vec<Hunk>,
}

/// How long one segment's word diff may take before a coarser alignment is accepted.
const DIFF_SECONDS: u64 = 2;

/// The words of `text[span]` with their spans, lower-cased for comparison (most are lower
/// case already, and are not copied).
fn lowercase_words(text: &str, span: Span) -> (Vec<Span>, Vec<Cow<'_, str>>) {
    crate::text::words::tokens(&text[span.start..span.end])
        .map(|(s, w)| {
            let lower = crate::text::words::lowercase(w);
            (Span::new(span.start + s.start, span.start + s.end), lower)
        })
        .unzip()
}

/// Aligns `source[source_span]` with `target[target_span]` word by word (case-insensitive),
/// with Myers' diff as `similar` computes it.
pub fn align(source: &str, source_span: Span, target: &str, target_span: Span) -> WordAlignment {
    let (source_spans, source_words) = lowercase_words(source, source_span);
    let (target_spans, target_words) = lowercase_words(target, target_span);
    // Two long documents that differ throughout could take Myers' diff quadratic time; past
    // the deadline `similar` settles for a coarser alignment.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(DIFF_SECONDS);
    let mut kept = vec![None; source_words.len()];
    let mut target_kept = vec![false; target_words.len()];
    let hunks = realigned(
        &source_words,
        &target_words,
        0..source_words.len(),
        0..target_words.len(),
        Some(deadline),
        &mut kept,
        &mut target_kept,
    );
    let hunks = with_moved_runs(
        &source_words,
        &target_words,
        hunks,
        &mut kept,
        &mut target_kept,
    );
    WordAlignment {
        source: source_spans,
        target: target_spans,
        kept,
        target_kept,
        hunks,
    }
}

/// A changed run needs this many content words on a side to be taken as moved.
const MOVED_MIN_WORDS: usize = 4;

/// How far (in target words) a moved run may have gone.
const MOVED_WITHIN: usize = 300;

/// And this share of them (of the shorter side's) in the run it is paired with.
const MOVED_MIN_SHARED: f32 = 0.5;

/// `hunks` with runs that were moved paired up: a run of the source taken out in one place
/// and put back, rewritten or not, in another (a sentence swapped with its neighbour) is
/// one diff's deletion and another's insertion. Each such pair is aligned word by word in
/// its turn, so a term garbled on the way is a replacement inside it, not a term left out.
/// The hunks come back in source order; a moved run's target words stand out of order.
/// Twice: a run taken out may have gone to two places (half a sentence fronted, half kept
/// near where it stood), and what is left of it after the first pairing pairs again.
fn with_moved_runs(
    source_words: &[Cow<'_, str>],
    target_words: &[Cow<'_, str>],
    hunks: Vec<Hunk>,
    kept: &mut [Option<usize>],
    target_kept: &mut [bool],
) -> Vec<Hunk> {
    let (hunks, paired) = paired_once(source_words, target_words, hunks, kept, target_kept);
    if !paired {
        return hunks;
    }
    paired_once(source_words, target_words, hunks, kept, target_kept).0
}

/// One round of [`with_moved_runs`]: the hunks, and whether any run was paired.
fn paired_once(
    source_words: &[Cow<'_, str>],
    target_words: &[Cow<'_, str>],
    hunks: Vec<Hunk>,
    kept: &mut [Option<usize>],
    target_kept: &mut [bool],
) -> (Vec<Hunk>, bool) {
    let groups = changed_stretches(source_words, &hunks);
    let taken_out = stretch_contents(&groups, &hunks, |h| &h.source, source_words);
    let mut put_in = stretch_contents(&groups, &hunks, |h| &h.target, target_words);
    // Every pair alike enough, most alike first; each side is paired once.
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    // Where each stretch stands in the target, in order.
    let at = |g: usize| hunks[groups[g].start].target.start;
    put_in.sort_by_key(|(g, _)| at(*g));
    for (d, from) in &taken_out {
        // Only stretches nearby: a run moves within its paragraph or next to it, and a long
        // document's every stretch against every other would be quadratic.
        let first = put_in.partition_point(|(i, _)| at(*i) + MOVED_WITHIN < at(*d));
        let nearby = put_in[first..]
            .iter()
            .take_while(|(i, _)| at(*i) <= at(*d) + MOVED_WITHIN);
        for (i, to) in nearby.filter(|(i, _)| i != d) {
            let shared: usize = from
                .iter()
                .map(|(w, n)| (*n).min(to.get(w).copied().unwrap_or(0)))
                .sum();
            let shorter = from.values().sum::<usize>().min(to.values().sum::<usize>());
            let share = shared as f32 / shorter as f32;
            if share >= MOVED_MIN_SHARED {
                pairs.push((share, *d, *i));
            }
        }
    }
    if pairs.is_empty() {
        return (hunks, false);
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut source_paired, mut target_paired) =
        (vec![false; groups.len()], vec![false; groups.len()]);
    let mut moved = Vec::new();
    for (_, d, i) in pairs {
        if !source_paired[d] && !target_paired[i] {
            source_paired[d] = true;
            target_paired[i] = true;
            moved.push((d, i));
        }
    }
    let extent = |g: usize| {
        let (first, last) = (&hunks[groups[g].start], &hunks[groups[g].end - 1]);
        (
            first.source.start..last.source.end,
            first.target.start..last.target.end,
        )
    };
    // A taken-out run's first words that the run it was paired with lacks, where its
    // stretch's target stayed where it stood: they were replaced there, not moved ("financial
    // intelligence" -> "financial insight" before "Today's action goes after ..." was moved
    // and turned passive). (Not the other way round: the first words of a run put in are
    // as often the moved clause rewritten.)
    let mut lead = vec![0; groups.len()];
    for &(d, i) in &moved {
        let (from, to) = (extent(d).0, extent(i).1);
        if !target_paired[d] && !extent(d).1.is_empty() {
            let put_in: HashSet<&str> = target_words[to].iter().map(|w| w.as_ref()).collect();
            let lacked = from
                .clone()
                .take_while(|&k| !put_in.contains(source_words[k].as_ref()));
            lead[d] = lacked.count().min(from.len() - 1);
        }
    }
    let mut result: Vec<Hunk> = Vec::new();
    let mut in_place = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        let (source, target) = extent(g);
        match (source_paired[g], target_paired[g]) {
            (false, false) => result.extend(hunks[group.clone()].iter().cloned()),
            // What is left of a stretch is an insertion or a deletion where it stood (or the
            // replacement of the run's first words it kept); the stray words it kept ("the"
            // in "the PRC" and in "the right direction") with it.
            (true, false) if !target.is_empty() && lead[g] == 0 => result.push(Hunk {
                source: source.start..source.start,
                target,
            }),
            (true, false) if !target.is_empty() => {
                in_place.push((source.start..source.start + lead[g], target));
            }
            (false, true) if !source.is_empty() => result.push(Hunk {
                source: source.clone(),
                target: target.start..target.start,
            }),
            _ => {}
        }
        if source_paired[g] || target_paired[g] {
            for o in source {
                if let Some(n) = kept[o].take() {
                    target_kept[n] = false;
                }
            }
        }
    }
    // Word by word, like the moved runs: the replaced first words keep some ("Advisor
    // Jennifer Daskal" -> "Counselor Jennifer Daskel").
    for (from, to) in in_place {
        result.extend(realigned(
            source_words,
            target_words,
            from,
            to,
            None,
            kept,
            target_kept,
        ));
    }
    for (d, i) in moved {
        let (from, to) = (extent(d).0, extent(i).1);
        result.extend(realigned(
            source_words,
            target_words,
            from.start + lead[d]..from.end,
            to,
            None,
            kept,
            target_kept,
        ));
    }
    result.sort_by_key(|h| (h.source.start, h.target.start));
    (result, true)
}

/// Per stretch of `groups` with enough content words on the side `side` picks, its index
/// and those words, counted.
fn stretch_contents<'w>(
    groups: &[Range<usize>],
    hunks: &[Hunk],
    side: fn(&Hunk) -> &Range<usize>,
    words: &'w [Cow<'_, str>],
) -> Vec<(usize, HashMap<&'w str, usize>)> {
    groups
        .iter()
        .enumerate()
        .map(|(g, group)| {
            let range = side(&hunks[group.start]).start..side(&hunks[group.end - 1]).end;
            (g, content_words(words, range))
        })
        .filter(|(_, c)| c.values().sum::<usize>() >= MOVED_MIN_WORDS)
        .collect()
}

/// The content words of `words[range]`, counted.
fn content_words<'w>(words: &'w [Cow<'_, str>], range: Range<usize>) -> HashMap<&'w str, usize> {
    let mut counts = HashMap::new();
    for w in &words[range] {
        if !crate::text::words::is_function_word(w) && w.chars().any(char::is_alphabetic) {
            *counts.entry(w.as_ref()).or_insert(0) += 1;
        }
    }
    counts
}

/// Consecutive hunks (index ranges into `hunks`) that keep only a word or two of function
/// words between them: one stretch of change, where a diff found a stray "the" in common.
fn changed_stretches(source_words: &[Cow<'_, str>], hunks: &[Hunk]) -> Vec<Range<usize>> {
    let mut groups: Vec<Range<usize>> = Vec::new();
    for (k, h) in hunks.iter().enumerate() {
        // A few words swapped in place beside a run stay apart from it; after a first
        // pairing, a moved run's hunks stand out of order and join nothing.
        let joins = k > 0 && {
            let before = &hunks[k - 1];
            let gap = before.source.end..h.source.start;
            before.source.end <= h.source.start
                && before.target.end <= h.target.start
                && !swap_beside_run(before, h)
                && !swap_beside_run(h, before)
                && gap.len() <= 2
                && source_words[gap]
                    .iter()
                    .filter(|w| !crate::text::words::is_function_word(w))
                    .count()
                    <= 1
        };
        match groups.last_mut() {
            Some(group) if joins => group.end = k + 1,
            _ => groups.push(k..k + 1),
        }
    }
    groups
}

/// Whether `swap` replaced a few words one for one in place, beside `run`, a run taken out
/// or put in: the swap is a synonym where the words stand ("whether the Department of War"
/// -> "whether the Division of War"), not part of the run that moved.
fn swap_beside_run(swap: &Hunk, run: &Hunk) -> bool {
    swap.source.len() == swap.target.len()
        && swap.source.len() <= 3
        && !swap.source.is_empty()
        && (run.source.is_empty() || run.target.is_empty())
}

/// The hunks of source words `from` aligned, word by word, with target words `to` (two
/// whole segments, or a moved run and where it went), by Myers' diff (coarser past
/// `deadline`); the words they keep are marked kept.
fn realigned(
    source_words: &[Cow<'_, str>],
    target_words: &[Cow<'_, str>],
    from: Range<usize>,
    to: Range<usize>,
    deadline: Option<std::time::Instant>,
    kept: &mut [Option<usize>],
    target_kept: &mut [bool],
) -> Vec<Hunk> {
    let ops = similar::capture_diff_slices_deadline(
        Algorithm::Myers,
        &source_words[from.clone()],
        &target_words[to.clone()],
        deadline,
    );
    let mut inside: Vec<Hunk> = Vec::new();
    for op in ops {
        let (tag, old, new) = op.as_tag_tuple();
        let old = from.start + old.start..from.start + old.end;
        let new = to.start + new.start..to.start + new.end;
        if tag == DiffTag::Equal {
            for (o, n) in old.zip(new) {
                kept[o] = Some(n);
                target_kept[n] = true;
            }
            continue;
        }
        // Adjacent deletions and insertions are one replacement.
        match inside.last_mut() {
            Some(last) if last.source.end == old.start && last.target.end == new.start => {
                last.source.end = old.end;
                last.target.end = new.end;
            }
            _ => inside.push(Hunk {
                source: old,
                target: new,
            }),
        }
    }
    inside
}

/// How many words from a term's kept words the hunk replacing the rest may stand.
const NEAR_KEPT: usize = 2;

impl WordAlignment {
    /// The words of the source covering byte span `span` (a term occurrence).
    pub fn source_words(&self, span: Span) -> Range<usize> {
        let start = self.source.partition_point(|w| w.end <= span.start);
        let end = self.source.partition_point(|w| w.start < span.end);
        start..end.max(start)
    }

    /// The target words covering byte span `span`.
    pub fn target_words(&self, span: Span) -> Range<usize> {
        let start = self.target.partition_point(|w| w.end <= span.start);
        let end = self.target.partition_point(|w| w.start < span.end);
        start..end.max(start)
    }

    /// The hunks that touch source words `words`, merged into one.
    /// Where the term kept some words, only hunks whose target stands near them: a moved
    /// run's hunk inside the term ("Advisor Jennifer Daskal gave remarks at" taken out of
    /// "... Security Advisor ...") went elsewhere, and the words that replace the term are
    /// beside its kept ones; none near, and the diff cannot tell what replaced it.
    pub fn changed(&self, words: Range<usize>) -> Option<Hunk> {
        let kept: Vec<usize> = self.kept[words.clone()].iter().flatten().copied().collect();
        let near = |h: &Hunk| {
            kept.is_empty()
                || kept.iter().any(|&k| {
                    h.target
                        .start
                        .saturating_sub(k + 1)
                        .max(k.saturating_sub(h.target.end))
                        <= NEAR_KEPT
                })
        };
        let mut touching = self
            .hunks
            .iter()
            .filter(|h| h.source.start < words.end && words.start < h.source.end && near(h));
        let first = touching.next()?.clone();
        // A moved run's target words stand out of order: the hunks' extremes, not their ends.
        Some(touching.fold(first, |acc, h| Hunk {
            source: acc.source.start.min(h.source.start)..acc.source.end.max(h.source.end),
            target: acc.target.start.min(h.target.start)..acc.target.end.max(h.target.end),
        }))
    }

    /// The byte span of target words `words`, or the empty span where they would stand.
    pub fn target_span(&self, words: &Range<usize>, target_len: usize) -> Span {
        if words.is_empty() {
            let at = self.target.get(words.start).map_or(target_len, |w| w.start);
            return Span::new(at, at);
        }
        Span::new(
            self.target[words.start].start,
            self.target[words.end - 1].end,
        )
    }

    /// The byte span of source words `words` (never empty: hunks with no source words are
    /// not asked for).
    pub fn source_span(&self, words: &Range<usize>) -> Span {
        Span::new(
            self.source[words.start].start,
            self.source[words.end - 1].end,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaced_words_form_one_hunk() {
        let source = "Police seized drug precursors in Sinaloa.";
        let target = "Police seized medication pioneers in Sinaloa.";
        let a = align(
            source,
            Span::new(0, source.len()),
            target,
            Span::new(0, target.len()),
        );
        assert_eq!(a.hunks.len(), 1);
        let hunk = &a.hunks[0];
        assert_eq!(
            &source[a.source_span(&hunk.source).start..a.source_span(&hunk.source).end],
            "drug precursors"
        );
        let t = a.target_span(&hunk.target, target.len());
        assert_eq!(&target[t.start..t.end], "medication pioneers");
        assert_eq!(a.kept[0], Some(0));
    }

    #[test]
    fn a_text_aligned_with_itself_has_no_hunks() {
        let text = "The Exchange Fund grew. The HKMA said so.";
        let span = Span::new(0, text.len());
        assert!(align(text, span, text, span).hunks.is_empty());
    }
}
