//! The fixing stage: applying fixes to a text (the one function behind `--diff`, `fix --write`
//! and review), showing them as diffs, and writing the result back without losing a byte.

pub mod diff;
pub mod write;

use crate::check::finding::Fix;
use crate::text::cluster;

/// The result of applying fixes to a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub output: String,
    /// Indices (into the input order) of the fixes that were applied.
    pub applied: Vec<usize>,
    /// Indices of fixes skipped because they overlapped one applied before them, or would
    /// have cut a character or a cluster apart.
    pub skipped: Vec<usize>,
}

/// Applies fixes in order of position. A fix whose edits overlap an edit already applied (or
/// each other), or fall outside the text, inside a character or inside a character cluster
/// (a letter and its combining marks, a CRLF), is skipped whole, so two fixes for the same
/// words are never both applied and no fix leaves half a cluster behind. Text between edits
/// is copied byte for byte.
pub fn apply<'a>(content: &str, fixes: impl IntoIterator<Item = &'a Fix>) -> Applied {
    let mut order: Vec<(usize, &Fix)> = fixes.into_iter().enumerate().collect();
    order.sort_by_key(|(i, f)| (f.edits.iter().map(|e| e.span.start).min(), *i));
    let mut edits = Vec::new();
    let mut applied = Vec::new();
    let mut skipped = Vec::new();
    for (index, fix) in order {
        // Each edit is checked against those taken before it, the fix's own included.
        let taken = edits.len();
        let clashes = fix.edits.iter().any(|e| {
            let clash = !content.is_char_boundary(e.span.start)
                || !content.is_char_boundary(e.span.end)
                || cluster::is_inside(content, e.span.start)
                || cluster::is_inside(content, e.span.end)
                || edits
                    .iter()
                    .any(|(s, _): &(crate::text::span::Span, &str)| {
                        s.overlaps(e.span) || (s.is_empty() && s.start == e.span.start)
                    });
            edits.push((e.span, e.content.as_str()));
            clash
        });
        if clashes {
            edits.truncate(taken);
            skipped.push(index);
            continue;
        }
        applied.push(index);
    }
    edits.sort_by_key(|(span, _)| (span.start, span.end));
    let mut output = String::with_capacity(content.len());
    let mut at = 0;
    for (span, replacement) in edits {
        output.push_str(&content[at..span.start]);
        output.push_str(replacement);
        at = span.end;
    }
    output.push_str(&content[at..]);
    applied.sort_unstable();
    skipped.sort_unstable();
    Applied {
        output,
        applied,
        skipped,
    }
}

/// How many rounds [`until_stable`] runs at most: fixes that keep making new fixes possible
/// (or undo each other) must not loop for ever.
pub const MAX_ROUNDS: usize = 4;

/// The result of fixing a text until no fix is left to apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stable {
    pub output: String,
    /// Fixes applied over all rounds.
    pub applied: usize,
    /// Rounds run, the last one included (which found nothing to change when `stable`).
    pub rounds: usize,
    /// Whether the last round found nothing to change; false when [`MAX_ROUNDS`] ran out.
    pub stable: bool,
}

/// Applies fixes round after round until the text stops changing (at most [`MAX_ROUNDS`]).
/// One round is not always enough: a fix skipped because it overlapped another ("Byton
/// Byton", where the names are fixed first) or one whose context only a fix creates can be
/// applied only to the fixed text. `fixes_for` checks a text and returns the fixes to apply;
/// its last call was on `output` when `stable` is true, so callers may keep its findings.
pub fn until_stable(content: &str, mut fixes_for: impl FnMut(&str) -> Vec<Fix>) -> Stable {
    let mut text = content.to_string();
    let mut applied = 0;
    for round in 1..=MAX_ROUNDS {
        let fixes = fixes_for(&text);
        let result = apply(&text, &fixes);
        if result.output == text {
            return Stable {
                output: text,
                applied,
                rounds: round,
                stable: true,
            };
        }
        applied += result.applied.len();
        text = result.output;
    }
    Stable {
        output: text,
        applied,
        rounds: MAX_ROUNDS,
        stable: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::finding::{Applicability, Edit};
    use crate::text::span::Span;

    fn fix(start: usize, end: usize, content: &str) -> Fix {
        Fix {
            edits: vec![Edit {
                span: Span::new(start, end),
                content: content.to_string(),
            }],
            applicability: Applicability::Safe,
        }
    }

    #[test]
    fn applies_in_position_order_and_keeps_other_bytes() {
        let fixes = [fix(10, 15, "Biden"), fix(0, 3, "The")];
        let applied = apply("the \r\nold Byton\u{feff}!", &fixes);
        assert_eq!(applied.output, "The \r\nold Biden\u{feff}!");
        assert_eq!(applied.applied, [0, 1]);
    }

    #[test]
    fn skips_overlapping_fixes() {
        let fixes = [fix(0, 7, "Liu"), fix(4, 7, "X")];
        let applied = apply("Liu Liu said", &fixes);
        assert_eq!(applied.output, "Liu said");
        assert_eq!(applied.skipped, [1]);
    }

    /// Found by the `fix_apply` fuzz target: two edits of one fix over the same bytes were
    /// both applied, and copying the text between them panicked (`begin > end`).
    #[test]
    fn a_fix_whose_own_edits_overlap_is_skipped_not_a_panic() {
        let edit = |start, end| Edit {
            span: Span::new(start, end),
            content: String::new(),
        };
        let twice = Fix {
            edits: vec![edit(0, 3), edit(0, 3)],
            applicability: Applicability::Safe,
        };
        let applied = apply("?;;", [&twice, &fix(1, 2, "x")]);
        assert_eq!(applied.output, "?x;");
        assert_eq!((applied.applied, applied.skipped), (vec![1], vec![0]));
    }

    /// Found by the `fix_apply` fuzz target: an edit starting inside a character panicked
    /// when the text was sliced there.
    #[test]
    fn an_edit_inside_a_character_is_skipped_not_a_panic() {
        let applied = apply(";\u{6b6}", [&fix(2, 3, "x"), &fix(0, 1, ",")]);
        assert_eq!(applied.output, ",\u{6b6}");
        assert_eq!((applied.applied, applied.skipped), (vec![1], vec![0]));
    }

    /// The last guard against a word view that cuts a cluster: an edit that would separate a
    /// letter from its combining mark, or a CR from its LF, is refused and no byte is lost.
    #[test]
    fn an_edit_inside_a_cluster_is_refused() {
        let text = "Tren\u{301}a:\u{b82}x\r\n\u{301}y";
        let refused = [
            fix(0, 4, "Trena"),
            fix(4, 6, "i"),
            fix(7, 8, ";"),
            fix(11, 13, "z"),
        ];
        for edit in &refused {
            let applied = apply(text, [edit]);
            assert_eq!(applied.output, text, "{edit:?}");
            assert_eq!(applied.skipped, [0]);
        }
        // At cluster boundaries the same text is edited (a mark after a line end stands
        // alone).
        let fixes = [fix(0, 6, "Train"), fix(7, 11, ";"), fix(14, 16, "")];
        let applied = apply(text, &fixes);
        assert_eq!(applied.output, "Traina;x\r\ny");
        assert_eq!(applied.applied, [0, 1, 2]);
    }

    #[test]
    fn rejects_edits_past_the_end() {
        let applied = apply("short", &[fix(2, 99, "x")]);
        assert_eq!(applied.output, "short");
        assert_eq!(applied.skipped, [0]);
    }

    /// Fixes for every "ab" in the text, each turning it into "b".
    fn ab_to_b(text: &str) -> Vec<Fix> {
        text.match_indices("ab")
            .map(|(i, _)| fix(i, i + 2, "b"))
            .collect()
    }

    #[test]
    fn fixes_until_nothing_changes() {
        // "aab" -> "ab" -> "b": the second fix only exists after the first.
        let mut seen = Vec::new();
        let stable = until_stable("aab", |text| {
            seen.push(text.to_string());
            ab_to_b(text)
        });
        assert_eq!(stable.output, "b");
        assert_eq!(stable.applied, 2);
        assert!(stable.stable);
        assert_eq!(stable.rounds, 3);
        assert_eq!(
            seen.last().map(String::as_str),
            Some("b"),
            "last check is on the output"
        );
    }

    #[test]
    fn stops_after_the_last_round() {
        let stable = until_stable("a", |text| vec![fix(text.len(), text.len(), "a")]);
        assert_eq!(stable.output, "a".repeat(MAX_ROUNDS + 1));
        assert!(!stable.stable);
        assert_eq!(stable.rounds, MAX_ROUNDS);
    }

    #[test]
    fn an_unchanged_text_takes_one_round() {
        let stable = until_stable("b", ab_to_b);
        assert_eq!(
            (stable.output.as_str(), stable.applied, stable.rounds),
            ("b", 0, 1)
        );
    }
}
