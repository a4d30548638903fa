//! Checks that make a glossary unambiguous: every error names the entry's file and line.

use std::collections::HashMap;

use super::{Entry, GlossaryError};
use crate::text::casing::CaseRule;
use crate::text::words::contains_phrase;

pub(super) fn check(entries: &[Entry]) -> Result<(), GlossaryError> {
    let mut terms: HashMap<String, &Entry> = HashMap::new();
    for entry in entries {
        if entry.term.trim().is_empty() {
            return Err(GlossaryError::at(&entry.origin, "empty term"));
        }
        // "ASCII" and "ascii" are two entries only when both match case exactly.
        if let Some(first) = terms.insert(entry.term.to_lowercase(), entry)
            && !(first.term != entry.term
                && first.case == CaseRule::Exact
                && entry.case == CaseRule::Exact)
        {
            return Err(GlossaryError::at(
                &entry.origin,
                format!(
                    "duplicate entry `{}` (first defined at {})",
                    entry.term, first.origin
                ),
            ));
        }
    }
    // A correct form may not be a wrong one elsewhere (a later file's may, see `layers`).
    let mut accepted: HashMap<String, &Entry> = HashMap::new();
    for entry in entries {
        for form in &entry.accepted {
            if form.trim().is_empty() {
                return Err(GlossaryError::at(&entry.origin, "empty accepted form"));
            }
            accepted.insert(form.to_lowercase(), entry);
        }
    }
    for entry in entries {
        for variant in &entry.variants {
            if let Some(other) = accepted.get(&variant.to_lowercase()) {
                return Err(GlossaryError::at(
                    &entry.origin,
                    format!(
                        "variant `{variant}` of `{}` is an accepted form of `{}` ({})",
                        entry.term, other.term, other.origin
                    ),
                ));
            }
            if variant.trim().is_empty() {
                return Err(GlossaryError::at(&entry.origin, "empty variant"));
            }
            if let Some(other) = terms.get(&variant.to_lowercase()) {
                let message = if std::ptr::eq(*other, entry) {
                    format!("variant `{variant}` is the term itself")
                } else {
                    format!(
                        "variant `{variant}` of `{}` is the term of another entry ({})",
                        entry.term, other.origin
                    )
                };
                return Err(GlossaryError::at(&entry.origin, message));
            }
            if contains_phrase(&entry.term, variant) {
                return Err(GlossaryError::at(
                    &entry.origin,
                    format!(
                        "term `{}` contains its own variant `{variant}`: the fix would match its own output again",
                        entry.term
                    ),
                ));
            }
        }
        if entry.source.iter().any(|s| s.trim().is_empty()) {
            return Err(GlossaryError::at(&entry.origin, "empty source form"));
        }
        for list in [&entry.context, &entry.unless] {
            if list.iter().any(|s| s.trim().is_empty()) {
                return Err(GlossaryError::at(
                    &entry.origin,
                    "empty context or unless phrase",
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::glossary::Glossary;

    fn error(text: &str) -> String {
        Glossary::parse("g.tsv", text).unwrap_err().to_string()
    }

    #[test]
    fn rejects_ambiguous_glossaries() {
        assert_eq!(error("term\n \n"), "g.tsv:2: empty term");
        assert_eq!(
            error("term\nBiden\nbiden\n"),
            "g.tsv:3: duplicate entry `biden` (first defined at g.tsv:2)"
        );
        assert_eq!(
            error("term\tvariants\nprecursor\tschedule\nschedule\t\n"),
            "g.tsv:2: variant `schedule` of `precursor` is the term of another entry (g.tsv:3)"
        );
        assert_eq!(
            error("term\tvariants\nChinese Embassy\tembassy\n"),
            "g.tsv:2: term `Chinese Embassy` contains its own variant `embassy`: the fix would match its own output again"
        );
        assert_eq!(
            error("term\tvariants\nBiden\tbiden\n"),
            "g.tsv:2: variant `biden` is the term itself"
        );
    }

    #[test]
    fn case_only_different_terms_load_when_both_match_case_exactly() {
        let g = Glossary::parse("g.tsv", "term\tcase\nASCII\texact\nascii\texact\n").unwrap();
        assert_eq!(g.entries.len(), 2);
        assert_eq!(
            error("term\tcase\nASCII\texact\nascii\tignore\n"),
            "g.tsv:3: duplicate entry `ascii` (first defined at g.tsv:2)"
        );
    }

    #[test]
    fn an_accepted_form_may_not_be_a_variant() {
        assert_eq!(
            error("term\tvariants\taccepted\nHong Kong Monetary Authority\t\tHKMA\nHKCA\tHKMA\t\n"),
            "g.tsv:3: variant `HKMA` of `HKCA` is an accepted form of `Hong Kong Monetary Authority` (g.tsv:2)"
        );
        let err = Glossary::parse("g.toml", "[[entry]]\nterm = \"HKMA\"\naccepted = [\" \"]\n");
        assert_eq!(
            err.unwrap_err().to_string(),
            "g.toml:1: empty accepted form"
        );
    }

    #[test]
    fn accepts_variants_that_share_only_part_of_a_word() {
        assert!(Glossary::parse("g.tsv", "term\tvariants\n4-piperidone\tpiperid\n").is_ok());
    }
}
