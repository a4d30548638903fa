//! What a check produces: findings (what is wrong) and fixes (how to mend it), kept apart as
//! in ruff, so reporters, `--diff`, `fix --write` and review all read the same data.

use serde::Serialize;

use crate::glossary::{Entry, Kind, Origin, Severity};
use crate::text::span::Span;

/// Whether a fix may be applied without review. Ordered: unsafe < safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Plausible, but a human should look: applied only with `--unsafe-fixes` or in review.
    Unsafe,
    /// Applied by `fix --write`.
    Safe,
}

/// Replace the bytes of `span` with `content`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub content: String,
}

/// A set of edits that together apply one suggestion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

/// Stable rule identifiers: part of the output contract.
pub mod rule {
    /// A listed wrong rendering of a glossary term.
    pub const VARIANT: &str = "glossary.variant";
    /// An abbreviation the glossary accepts, spelled out before it as another name.
    pub const WRONG_EXPANSION: &str = "glossary.wrong-expansion";
    /// A wrong rendering derived from a bare term via thesauri and known spins.
    pub const DERIVED: &str = "glossary.derived";
    /// A near miss of a name, chemical or institution (spelling, sound, letters).
    pub const NEAR_MISS: &str = "glossary.near-miss";
    /// The same word twice in a row, or "X and X".
    pub const DOUBLED_WORD: &str = "prose.doubled-word";
    /// The source names a glossary term that its target segment lacks.
    pub const MISSING_TERM: &str = "source.missing-term";
    /// A glossary term of the original was replaced in the paraphrase.
    pub const CHANGED_TERM: &str = "source.changed-term";
    /// A word of the original respelled in the paraphrase into no word a dictionary knows
    /// (a garbled name outside the glossary: "Ospina Roso" for "Ospina Rozo").
    pub const RESPELLED_WORD: &str = "source.respelled-word";
    /// Another content word of the original was replaced (`--all-changes`, info).
    pub const CHANGED_WORD: &str = "source.changed-word";
    /// The source names a term more often than its target segment has it, and a run like
    /// the term renders another occurrence (`--consistency`).
    pub const INCONSISTENT_TERM: &str = "source.inconsistent-term";
}

/// One piece of evidence behind a finding, as data: JSON users read what was weighed
/// without parsing the message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Where it comes from: `glossary`, `context`, `thesaurus`, `spelling`, `repeat`, ...
    pub source: &'static str,
    /// How it moved the confidence: a factor (1 changes nothing), or for `glossary`,
    /// `repeat`, `neighbour` and `pattern` the confidence it set. `None` when the rule
    /// weighs its evidence together (near misses).
    pub weight: Option<f32>,
    /// What it says, in a phrase (the same words as in the message).
    pub says: String,
}

impl Evidence {
    pub fn new(
        source: &'static str,
        weight: impl Into<Option<f32>>,
        says: impl Into<String>,
    ) -> Evidence {
        Evidence {
            source,
            weight: weight.into(),
            says: says.into(),
        }
    }
}

/// One problem in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    /// Byte range into the original text.
    pub span: Span,
    pub kind: Option<Kind>,
    pub severity: Severity,
    /// How sure termlint is that this is an error, in [0, 1].
    pub confidence: f32,
    /// Why this was flagged, in a sentence.
    pub message: String,
    /// What the confidence rests on, item by item (the message says it in prose).
    pub evidence: Vec<Evidence>,
    /// Replacement texts for `span`, best first.
    pub suggestions: Vec<String>,
    /// The fix for the best suggestion, if one can be applied mechanically.
    pub fix: Option<Fix>,
    /// The glossary entry that fired, if any.
    #[serde(skip)]
    pub entry: Option<Origin>,
}

impl Finding {
    /// A finding about a glossary entry; suggestions and the fix are added after.
    pub fn about(
        rule: &'static str,
        span: Span,
        entry: &Entry,
        severity: Severity,
        confidence: f32,
        message: String,
    ) -> Finding {
        Finding {
            rule,
            span,
            kind: Some(entry.kind),
            severity,
            confidence: confidence.clamp(0.0, 1.0),
            message,
            evidence: Vec::new(),
            suggestions: Vec::new(),
            fix: None,
            entry: Some(entry.origin.clone()),
        }
    }

    /// The applicability of this finding's fix, if any.
    pub fn applicability(&self) -> Option<Applicability> {
        self.fix.as_ref().map(|f| f.applicability)
    }

    /// A fix replacing this finding's span with suggestion number `index`.
    pub fn fix_for(&self, index: usize, applicability: Applicability) -> Option<Fix> {
        self.suggestions.get(index).map(|content| Fix {
            edits: vec![Edit {
                span: self.span,
                content: content.clone(),
            }],
            applicability,
        })
    }
}
