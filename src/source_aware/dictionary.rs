//! A source segment read with a bilingual dictionary (CC-CEDICT): its words and what they
//! mean in English. Two uses: the English words of a missing term's Chinese parts are
//! evidence that a target run renders it ("foreign currency fund" for "外匯基金" when the
//! glossary says "Exchange Fund"), and target words that render the *other* source words,
//! once each side, are anchors that pin where the term lands.

use crate::lexicon::Cedict;
use crate::text::span::Span;
use crate::text::words::{is_function_word, tokens};

/// A source segment's dictionary words, with their glosses' English words.
pub struct Reading<'d> {
    words: Vec<(Span, Vec<&'d str>)>,
}

impl<'d> Reading<'d> {
    /// The dictionary words of `source[segment]`.
    pub fn new(cedict: &Cedict<'d>, source: &str, segment: Span) -> Reading<'d> {
        Reading {
            words: cedict
                .segment(source, segment)
                .into_iter()
                .map(|s| (s, cedict.glosses(&source[s.start..s.end]).collect()))
                .collect(),
        }
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
    pub fn anchors(&self, target: &str, segment: Span, skip: &[Span]) -> Vec<(Span, Span)> {
        // Content words of the target, with their places among all its words.
        let target_words: Vec<(usize, Span, String)> = tokens(&target[segment.start..segment.end])
            .enumerate()
            .map(|(i, (s, w))| {
                let span = Span::new(segment.start + s.start, segment.start + s.end);
                (i, span, w.to_lowercase())
            })
            .filter(|(_, _, w)| !is_function_word(w) && w.chars().any(char::is_alphabetic))
            .collect();
        let outside: Vec<&(Span, Vec<&str>)> = self
            .words
            .iter()
            .filter(|(s, g)| !g.is_empty() && !skip.iter().any(|t| t.overlaps(*s)))
            .collect();
        let renders_any = |glosses: &[&str], word: &str| glosses.iter().any(|g| renders(g, word));
        let mut pairs = Vec::new();
        for (i, (source_span, glosses)) in outside.iter().enumerate() {
            let hits: Vec<&(usize, Span, String)> = target_words
                .iter()
                .filter(|(_, _, w)| renders_any(glosses, w))
                .collect();
            let (Some(first), Some(last)) = (hits.first(), hits.last()) else {
                continue;
            };
            let shared = hits.iter().any(|(_, _, word)| {
                outside
                    .iter()
                    .enumerate()
                    .any(|(j, (_, other))| j != i && renders_any(other, word))
            });
            if last.0 - first.0 < hits.len().min(3) && !shared {
                pairs.push((*source_span, Span::new(first.1.start, last.1.end)));
            }
        }
        pairs
    }
}

impl Reading<'_> {
    /// The content words of `target[segment]` that render some source word outside `skip`
    /// (the missing term's source form) and no word of `keep` (the glosses of the term's
    /// parts): words the rest of the source accounts for, so not the term's rendering.
    pub fn accounted(
        &self,
        target: &str,
        segment: Span,
        skip: &[Span],
        keep: &[Vec<String>],
    ) -> Vec<Span> {
        let glosses: Vec<&str> = self
            .words
            .iter()
            .filter(|(s, _)| !skip.iter().any(|t| t.overlaps(*s)))
            .flat_map(|(_, g)| g.iter().copied())
            .collect();
        tokens(&target[segment.start..segment.end])
            .filter_map(|(s, w)| {
                let w = w.to_lowercase();
                let other = !is_function_word(&w)
                    && glosses.iter().any(|g| renders(g, &w))
                    && !keep.iter().flatten().any(|g| renders(g, &w));
                other.then(|| Span::new(segment.start + s.start, segment.start + s.end))
            })
            .collect()
    }
}

/// Whether the English `word` (lower-case) is `gloss` or an inflection or derivation of the
/// same stem ("funds" for "fund", "financial" for "finance").
pub fn renders(gloss: &str, word: &str) -> bool {
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
        let target = "Last year the currency fund grew; investments and investment.";
        let reading = Reading::new(lexicon.cedict(), source, Span::new(0, source.len()));
        let at = source.find("外匯").unwrap();
        let term = Span::new(at, at + "外匯基金".len());
        let pairs = reading.anchors(target, Span::new(0, target.len()), &[term]);
        let shown: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(s, t)| (&source[s.start..s.end], &target[t.start..t.end]))
            .collect();
        // "去年" is rendered by two adjacent words; "投資" at two places, so it is no anchor;
        // the term's own words are skipped; "grew" is not "grow" by spelling.
        assert_eq!(shown, [("去年", "Last year")]);
        let target = "The currency fund increased last period.";
        let pairs = reading.anchors(target, Span::new(0, target.len()), &[term]);
        let shown: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(s, t)| (&source[s.start..s.end], &target[t.start..t.end]))
            .collect();
        assert_eq!(shown, [("去年", "last"), ("增長", "increased")]);
    }

    #[test]
    fn stems_render_their_glosses() {
        assert!(renders("finance", "financial"));
        assert!(renders("fund", "funds"));
        assert!(!renders("fund", "fun"));
        assert!(!renders("exchange", "excess"));
    }
}
