//! Detectors. Each file is one rule with its tests beneath it; every rule has the same
//! shape ([`Rule`]), a stable id and a default, and [`REGISTRY`] lists them all, as ruff's
//! registry does, so `--select` and `--ignore` act on ids in one place.

pub mod derived;
pub mod doubled;
pub mod expansion;
pub mod near_miss;
pub mod source;
mod subject;
pub mod variants;

use std::fmt;

use crate::check::arbitrate::Claim;
use crate::check::document::Document;
use crate::check::finding::{Applicability, Finding};
use crate::check::site::Site;
use crate::text::casing::copy_case_of_form;
use crate::text::inflect::Inflection;

/// When a rule runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Its matches compete for their words with correct terms and other renderings.
    Match,
    /// It looks at the words that no term or reported rendering claimed.
    Rest,
    /// It compares the target with its source, so runs only with one (`--source`,
    /// `--bitext`): [`crate::source_aware`].
    Source,
}

/// What the registry knows of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleMeta {
    /// Stable id: part of the output contract (see [`crate::check::finding::rule`]).
    pub id: &'static str,
    /// Whether it runs unless `--ignore`d.
    pub default: bool,
    pub stage: Stage,
    /// One line for `termlint rules`.
    pub summary: &'static str,
}

/// Every rule, in the order they run and report.
pub const REGISTRY: &[RuleMeta] = &[
    variants::META,
    expansion::META,
    derived::META,
    near_miss::META,
    doubled::META,
    source::MISSING_TERM_META,
    source::CHANGED_TERM_META,
    source::RESPELLED_WORD_META,
    source::CHANGED_WORD_META,
    source::INCONSISTENT_TERM_META,
];

/// A detector: what it is, and how it judges a prepared text.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// Adds this rule's findings on `doc`, each claiming its span.
    fn check(&self, doc: &Document<'_>, out: &mut Vec<Claim>);
}

/// Which rules run: the defaults, changed by `--select` and `--ignore`. Selectors are ids
/// or prefixes of ids (`glossary` is every `glossary.` rule, `all` is every rule); when
/// selectors conflict, the more specific wins, as in ruff. Any `--select` replaces the
/// defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSelection {
    select: Vec<String>,
    ignore: Vec<String>,
}

/// A selector that names no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = REGISTRY.iter().map(|r| r.id).collect();
        write!(
            f,
            "unknown rule `{}`; rules are {} (or a prefix such as `glossary`, or `all`)",
            self.0,
            ids.join(", ")
        )
    }
}

impl std::error::Error for UnknownRule {}

impl RuleSelection {
    /// A selection from `--select` and `--ignore` values, each a comma-separated list.
    pub fn new<S: AsRef<str>>(select: &[S], ignore: &[S]) -> Result<RuleSelection, UnknownRule> {
        let split = |values: &[S]| -> Result<Vec<String>, UnknownRule> {
            let mut out = Vec::new();
            for part in values.iter().flat_map(|v| v.as_ref().split(',')) {
                let part = part.trim().to_ascii_lowercase();
                if part.is_empty() {
                    continue;
                }
                if !REGISTRY.iter().any(|r| selects(&part, r.id)) {
                    return Err(UnknownRule(part));
                }
                out.push(part);
            }
            Ok(out)
        };
        Ok(RuleSelection {
            select: split(select)?,
            ignore: split(ignore)?,
        })
    }

    /// The defaults without the rules `ids` select (`--no-derive` and the like).
    pub fn ignoring(mut self, ids: &[&str]) -> RuleSelection {
        self.ignore.extend(ids.iter().map(|s| s.to_string()));
        self
    }

    /// Whether rule `id` runs.
    pub fn enabled(&self, id: &str) -> bool {
        let most_specific = |selectors: &[String]| {
            selectors
                .iter()
                .filter(|s| selects(s, id))
                .map(|s| if s == "all" { 0 } else { s.len() })
                .max()
        };
        match (most_specific(&self.select), most_specific(&self.ignore)) {
            (Some(s), Some(i)) => s > i,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => {
                self.select.is_empty() && REGISTRY.iter().any(|r| r.id == id && r.default)
            }
        }
    }

    /// The rules that run, in registry order.
    pub fn rules(&self) -> impl Iterator<Item = &'static RuleMeta> + '_ {
        REGISTRY.iter().filter(|r| self.enabled(r.id))
    }
}

/// Whether `selector` names rule `id`: the id, a prefix of it, or `all`.
fn selects(selector: &str, id: &str) -> bool {
    selector == "all" || id.starts_with(selector)
}

/// Gives a finding its suggestion (the correction, inflected and cased like the match of
/// the glossary form `form`) and the fix that applies it.
pub(crate) fn with_fix(
    mut finding: Finding,
    site: &Site,
    form: &str,
    correction: &str,
    inflection: Inflection,
    applicability: Applicability,
) -> Finding {
    finding.span = site.span;
    finding.suggestions = vec![copy_case_of_form(
        form,
        site.matched(),
        &inflection.apply(correction),
    )];
    finding.fix = finding.fix_for(0, applicability);
    finding
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::finding::rule;
    use crate::check::finding::rule as source_rule;

    fn enabled(select: &[&str], ignore: &[&str]) -> Vec<&'static str> {
        let selection = RuleSelection::new(select, ignore).unwrap();
        selection.rules().map(|r| r.id).collect()
    }

    #[test]
    fn every_rule_but_changed_word_and_inconsistent_term_runs_by_default() {
        assert_eq!(
            enabled(&[], &[]),
            [
                rule::VARIANT,
                rule::WRONG_EXPANSION,
                rule::DERIVED,
                rule::NEAR_MISS,
                rule::DOUBLED_WORD,
                source_rule::MISSING_TERM,
                source_rule::CHANGED_TERM,
                source_rule::RESPELLED_WORD,
            ]
        );
        assert_eq!(
            enabled(&["source"], &[]),
            [
                source_rule::MISSING_TERM,
                source_rule::CHANGED_TERM,
                source_rule::RESPELLED_WORD,
                source_rule::CHANGED_WORD,
                source_rule::INCONSISTENT_TERM,
            ]
        );
    }

    #[test]
    fn select_replaces_the_defaults_and_takes_prefixes_and_lists() {
        assert_eq!(enabled(&["glossary.variant"], &[]), [rule::VARIANT]);
        assert_eq!(
            enabled(&["glossary"], &[]),
            [
                rule::VARIANT,
                rule::WRONG_EXPANSION,
                rule::DERIVED,
                rule::NEAR_MISS
            ]
        );
        assert_eq!(
            enabled(&["prose, glossary.near-miss"], &[]),
            [rule::NEAR_MISS, rule::DOUBLED_WORD]
        );
    }

    #[test]
    fn the_more_specific_selector_wins() {
        assert_eq!(
            enabled(&["glossary"], &["glossary.derived"]),
            [rule::VARIANT, rule::WRONG_EXPANSION, rule::NEAR_MISS]
        );
        assert_eq!(
            enabled(&["glossary.derived"], &["glossary"]),
            [rule::DERIVED]
        );
        assert_eq!(enabled(&[], &["all"]), Vec::<&str>::new());
    }

    #[test]
    fn an_unknown_rule_is_an_error_naming_it() {
        let error = RuleSelection::new(&["glossary.typo"], &[]).unwrap_err();
        assert_eq!(error.0, "glossary.typo");
        assert!(error.to_string().contains("glossary.variant"));
    }

    #[test]
    fn the_registry_uses_the_ids_of_findings() {
        let ids: Vec<&str> = REGISTRY.iter().map(|r| r.id).collect();
        assert_eq!(
            ids,
            [
                rule::VARIANT,
                rule::WRONG_EXPANSION,
                rule::DERIVED,
                rule::NEAR_MISS,
                rule::DOUBLED_WORD,
                source_rule::MISSING_TERM,
                source_rule::CHANGED_TERM,
                source_rule::RESPELLED_WORD,
                source_rule::CHANGED_WORD,
                source_rule::INCONSISTENT_TERM,
            ]
        );
    }
}
