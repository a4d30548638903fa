//! Word-level alignment of a same-language source segment with its target (an original and
//! its paraphrase): which words were kept, and which runs of words were replaced by which.

use std::borrow::Cow;
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
    let ops = similar::capture_diff_slices_deadline(
        Algorithm::Myers,
        &source_words,
        &target_words,
        Some(deadline),
    );
    let mut kept = vec![None; source_words.len()];
    let mut target_kept = vec![false; target_words.len()];
    let mut hunks: Vec<Hunk> = Vec::new();
    for op in ops {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            for (o, n) in old.zip(new) {
                kept[o] = Some(n);
                target_kept[n] = true;
            }
            continue;
        }
        // Adjacent deletions and insertions are one replacement.
        match hunks.last_mut() {
            Some(last) if last.source.end == old.start && last.target.end == new.start => {
                last.source.end = old.end;
                last.target.end = new.end;
            }
            _ => hunks.push(Hunk {
                source: old,
                target: new,
            }),
        }
    }
    WordAlignment {
        source: source_spans,
        target: target_spans,
        kept,
        target_kept,
        hunks,
    }
}

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
    pub fn changed(&self, words: Range<usize>) -> Option<Hunk> {
        let mut touching = self
            .hunks
            .iter()
            .filter(|h| h.source.start < words.end && words.start < h.source.end);
        let first = touching.next()?.clone();
        Some(touching.fold(first, |acc, h| Hunk {
            source: acc.source.start..h.source.end,
            target: acc.target.start..h.target.end,
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
