//! Near misses of names, chemicals and institutions ("Byton" for Biden): the rule's shape.
//! The matching itself (similarity keys and index) lives in [`crate::nearmiss`]; the words
//! are the [`Document`]'s, split once for every rule.

use super::{Rule, RuleMeta, Stage};
use crate::check::arbitrate::{Claim, DERIVED_RANK};
use crate::check::document::Document;
use crate::check::finding::rule;
use crate::glossary::Glossary;
use crate::nearmiss::NearMissIndex;

pub const META: RuleMeta = RuleMeta {
    id: rule::NEAR_MISS,
    default: true,
    stage: Stage::Rest,
    summary: "a near miss of a name, chemical or institution (\"Byton\" for \"Biden\")",
};

/// The rule: looks for near misses in the words no term or reported rendering claimed.
pub struct NearMisses {
    index: NearMissIndex,
}

impl NearMisses {
    pub fn new(
        glossary: &Glossary,
        lexicon: std::sync::Arc<crate::lexicon::Lexicon>,
    ) -> NearMisses {
        NearMisses {
            index: NearMissIndex::new(glossary, lexicon),
        }
    }
}

impl Rule for NearMisses {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, out: &mut Vec<Claim>) {
        out.extend(
            self.index
                .find_in_document(doc)
                .into_iter()
                .map(|finding| Claim {
                    span: finding.span,
                    entry: None,
                    rank: DERIVED_RANK,
                    finding: Some(finding),
                }),
        );
    }
}
