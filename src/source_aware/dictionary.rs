//! A source segment read with a bilingual dictionary (CC-CEDICT): its words and what they
//! mean in English. Two uses: the English words of a missing term's Chinese parts are
//! evidence that a target run renders it ("foreign currency fund" for "外匯基金" when the
//! glossary says "Exchange Fund"), and target words that render the *other* source words,
//! once each side, are anchors that pin where the term lands.

use crate::lexicon::Cedict;
use crate::text::span::Span;
use crate::text::words::{is_function_word, tokens};

/// A segment pair read with the dictionary: the source segment's words with their glosses'
/// English words, and which of those source words each target word renders (worked out
/// once per segment: the locator asks for every lacking term).
pub struct Reading<'d> {
    words: Vec<(Span, Vec<&'d str>)>,
    target: Vec<TargetWord>,
}

/// A word of the target segment as the reading sees it.
struct TargetWord {
    /// Its place among all the segment's words.
    place: usize,
    span: Span,
    lower: String,
    /// A function word renders no source word here.
    function: bool,
    /// Whether it has letters (numbers are no anchors).
    alphabetic: bool,
    /// The source words (indexes into `Reading::words`) some gloss of which it renders.
    renders: Vec<usize>,
}

impl<'d> Reading<'d> {
    /// The dictionary words of `source[source_segment]`, against the words of
    /// `target[target_segment]`.
    pub fn new(
        cedict: &Cedict<'d>,
        source: &str,
        source_segment: Span,
        target: &str,
        target_segment: Span,
    ) -> Reading<'d> {
        let words: Vec<(Span, Vec<&'d str>)> = cedict
            .segment(source, source_segment)
            .into_iter()
            .map(|s| (s, cedict.glosses(&source[s.start..s.end]).collect()))
            .collect();
        // Glosses sorted by their first two bytes: a word renders only glosses that begin
        // as it does ([`renders`]), so each target word is held against a handful, not all.
        // The sort is stable: a word's source words stay in order.
        let mut by_start: Vec<(&[u8], usize, &str)> = words
            .iter()
            .enumerate()
            .flat_map(|(i, (_, glosses))| glosses.iter().map(move |g| (start(g), i, *g)))
            .collect();
        by_start.sort_by_key(|&(key, _, _)| key);
        let target = tokens(&target[target_segment.start..target_segment.end])
            .enumerate()
            .map(|(place, (s, w))| {
                let lower = w.to_lowercase();
                let key = start(&lower);
                let from = by_start.partition_point(|&(k, _, _)| k < key);
                let to = from + by_start[from..].partition_point(|&(k, _, _)| k == key);
                let mut renders: Vec<usize> = by_start[from..to]
                    .iter()
                    .filter(|(_, _, gloss)| self::renders(gloss, &lower))
                    .map(|&(_, i, _)| i)
                    .collect();
                renders.dedup();
                TargetWord {
                    place,
                    span: Span::new(target_segment.start + s.start, target_segment.start + s.end),
                    function: is_function_word(&lower),
                    alphabetic: lower.chars().any(char::is_alphabetic),
                    lower,
                    renders,
                }
            })
            .collect();
        Reading { words, target }
    }

    /// The English words of the parts of `source[span]` (a term's source form), its own
    /// segmentation: the segment's may cut across the term's edges.
    pub fn parts(cedict: &Cedict<'d>, source: &str, span: Span) -> Vec<Vec<&'d str>> {
        cedict
            .segment(source, span)
            .into_iter()
            .map(|s| cedict.glosses(&source[s.start..s.end]).collect())
            .filter(|g: &Vec<&str>| !g.is_empty())
            .collect()
    }

    /// Pairs `(source word, target words)` where the glosses of a source word outside `skip`
    /// (the terms' source forms) are rendered by target words at one place only (adjacent
    /// words: "last year" for "去年"), words that render no other source word: points both
    /// sides certainly share.
    pub fn anchors(&self, skip: &[Span]) -> Vec<(Span, Span)> {
        let outside = |i: usize| {
            let (span, glosses) = &self.words[i];
            !glosses.is_empty() && !skip.iter().any(|t| t.overlaps(*span))
        };
        let content = || self.target.iter().filter(|w| !w.function && w.alphabetic);
        let mut pairs = Vec::new();
        for (i, (source_span, _)) in self.words.iter().enumerate() {
            if !outside(i) {
                continue;
            }
            let mut hits = content().filter(|w| w.renders.contains(&i));
            let Some(first) = hits.next() else {
                continue;
            };
            let (mut last, mut count) = (first, 1);
            let mut shared = first.renders.iter().any(|&j| j != i && outside(j));
            for hit in hits {
                shared |= hit.renders.iter().any(|&j| j != i && outside(j));
                (last, count) = (hit, count + 1);
            }
            if last.place - first.place < count.min(3) && !shared {
                pairs.push((*source_span, Span::new(first.span.start, last.span.end)));
            }
        }
        pairs
    }

    /// The content words of the target segment that render some source word outside `skip`
    /// (the missing term's source form) and no word of `keep` (the glosses of the term's
    /// parts): words the rest of the source accounts for, so not the term's rendering.
    pub fn accounted(&self, skip: &[Span], keep: &[Vec<String>]) -> Vec<Span> {
        self.target
            .iter()
            .filter(|w| {
                !w.function
                    && w.renders
                        .iter()
                        .any(|&i| !skip.iter().any(|t| t.overlaps(self.words[i].0)))
                    && !keep.iter().flatten().any(|g| renders(g, &w.lower))
            })
            .map(|w| w.span)
            .collect()
    }
}

/// The first two bytes of a word (all of a shorter one): what a gloss and a word that
/// renders it always share.
fn start(word: &str) -> &[u8] {
    &word.as_bytes()[..word.len().min(2)]
}

/// Whether the English `word` (lower-case) is `gloss` or an inflection or derivation of the
/// same stem ("funds" for "fund", "financial" for "finance").
pub fn renders(gloss: &str, word: &str) -> bool {
    // Every way below keeps the first letter: most pairs asked differ there.
    if gloss.as_bytes().first() != word.as_bytes().first() {
        return false;
    }
    if gloss == word || crate::text::inflect::singular_and_plural(gloss, word) {
        return true;
    }
    let common = gloss
        .bytes()
        .zip(word.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let shorter = gloss.len().min(word.len());
    common >= 4 && common * 5 >= shorter * 4
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    const TABLE: &str = "外匯\t外汇\tforeign exchange\n基金\t\tfund\n去年\t\tlast year\n\
                         增長\t增长\tgrow increase growth\n投資\t投资\tinvestment invest\n";

    #[test]
    fn a_terms_parts_give_their_english_words() {
        let lexicon = Lexicon::builder().cedict(TABLE).build();
        let source = "去年外匯基金增長";
        let at = source.find("外匯").unwrap();
        let parts = Reading::parts(
            lexicon.cedict(),
            source,
            Span::new(at, at + "外匯基金".len()),
        );
        assert_eq!(parts, [vec!["foreign", "exchange"], vec!["fund"]]);
    }

    #[test]
    fn other_source_words_rendered_once_are_anchors() {
        let lexicon = Lexicon::builder().cedict(TABLE).build();
        let source = "去年外匯基金增長，投資";
        let at = source.find("外匯").unwrap();
        let term = Span::new(at, at + "外匯基金".len());
        // The anchors of `target` against the source, as (source words, target words).
        let anchors = |target: &'static str| -> Vec<(&str, &str)> {
            let whole = |text: &str| Span::new(0, text.len());
            let reading = Reading::new(
                lexicon.cedict(),
                source,
                whole(source),
                target,
                whole(target),
            );
            reading
                .anchors(&[term])
                .iter()
                .map(|(s, t)| (&source[s.start..s.end], &target[t.start..t.end]))
                .collect()
        };
        // "去年" is rendered by two adjacent words; "投資" at two places, so it is no anchor;
        // the term's own words are skipped; "grew" is not "grow" by spelling.
        assert_eq!(
            anchors("Last year the currency fund grew; investments and investment."),
            [("去年", "Last year")]
        );
        assert_eq!(
            anchors("The currency fund increased last period."),
            [("去年", "last"), ("增長", "increased")]
        );
    }

    #[test]
    fn stems_render_their_glosses() {
        assert!(renders("finance", "financial"));
        assert!(renders("fund", "funds"));
        assert!(!renders("fund", "fun"));
        assert!(!renders("exchange", "excess"));
    }
}
