//! Arbitration: which of the matches competing for the same words is reported.

use crate::check::finding::Finding;
use crate::text::span::Span;

/// At equal spans correct terms win over listed variants, and those over derived renderings.
pub const TERM_RANK: u8 = 0;
pub const LISTED_RANK: u8 = 1;
pub const DERIVED_RANK: u8 = 2;

/// A match that a rule has accepted (or an occurrence of a correct term), competing for its
/// span.
#[derive(Debug, Clone)]
pub struct Claim {
    pub span: Span,
    /// The glossary entry the match is of, if any (a doubled word is of none).
    pub entry: Option<usize>,
    /// 0 for a correct term, then listed variants, then derived renderings.
    pub rank: u8,
    /// `None` for a correct term: it claims its words so no rendering flags them.
    pub finding: Option<Finding>,
}

/// Keeps accepted claims that no earlier or longer claim overlaps; at equal spans, correct
/// terms win over listed variants, and listed variants over derived renderings.
pub fn leftmost_longest(mut claims: Vec<Claim>) -> Vec<Finding> {
    claims.sort_by(|a, b| {
        let key = |c: &Claim| (c.span.start, std::cmp::Reverse(c.span.end), c.rank);
        let confidence = |c: &Claim| c.finding.as_ref().map_or(1.0, |f| f.confidence);
        key(a)
            .cmp(&key(b))
            .then_with(|| confidence(b).total_cmp(&confidence(a)))
    });
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::check::finding::rule;
    use crate::glossary::{Entry, Origin, Severity};

    pub(crate) fn claim(entry: usize, start: usize, end: usize, confidence: f32) -> Claim {
        let term = Entry::new(
            "term",
            Origin {
                file: "g".into(),
                line: 1,
            },
        );
        let span = Span::new(start, end);
        Claim {
            span,
            entry: Some(entry),
            rank: DERIVED_RANK,
            finding: Some(Finding::about(
                rule::DERIVED,
                span,
                &term,
                Severity::Warning,
                confidence,
                format!("entry {entry}"),
            )),
        }
    }

    #[test]
    fn the_longest_then_the_surest_claim_wins_its_span() {
        let kept = leftmost_longest(vec![
            claim(0, 0, 5, 0.6),
            claim(1, 0, 5, 0.9),
            claim(2, 0, 3, 0.97),
            claim(3, 6, 9, 0.5),
        ]);
        let messages: Vec<&str> = kept.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(messages, ["entry 1", "entry 3"]);
    }
}
