//! Forms of an entry (issue #14): a term listed inflected ("scheduled", "commissions") or
//! with its head noun ("precursor chemical" without a "precursor" entry) finds what the
//! plain entry finds, and suggests the form that fits the text.

use termlint::checker::{CheckOptions, Checker};
use termlint::glossary::Glossary;

const SEED: &str = include_str!("../corpus/seed/article.txt");

/// Entries every glossary below shares: the drug terms that make the article's sentences
/// about the glossary's subject.
const COMMON: &str = "fentanyl\tchem\tsynthetic opioid\n\
    4-piperidone\tchem\tfentanyl precursor chemical\n\
    tariff\tterm\ta duty on imported goods\n\
    Commission on Narcotic Drugs\torg\tUN body that schedules drugs\n";

/// (found words, suggestion) of the derived findings on the seed article.
fn derived(rows: &str) -> Vec<(String, String)> {
    let tsv = format!("term\tkind\tnote\n{COMMON}{rows}");
    let glossary = Glossary::parse("g.tsv", &tsv).unwrap();
    Checker::new(glossary, CheckOptions::default())
        .check(SEED)
        .into_iter()
        .filter(|f| f.rule == "glossary.derived")
        .map(|f| {
            (
                SEED[f.span.start..f.span.end].to_string(),
                f.suggestions[0].clone(),
            )
        })
        .collect()
}

#[test]
fn an_inflected_verb_entry_finds_what_its_base_form_finds() {
    let note = "to place a drug or chemical under legal control";
    let base = derived(&format!("schedule\tterm\t{note}\n"));
    assert!(base.iter().any(|(w, _)| w == "arrange"), "{base:?}");
    assert_eq!(derived(&format!("scheduled\tterm\t{note}\n")), base);
}

#[test]
fn a_plural_entry_finds_what_its_singular_finds() {
    let note = "an official body such as the UN Commission on Narcotic Drugs";
    let singular = derived(&format!("commission\tterm\t{note}\n"));
    assert!(
        singular.iter().any(|(w, _)| w == "committee"),
        "{singular:?}"
    );
    assert_eq!(derived(&format!("commissions\tterm\t{note}\n")), singular);
}

#[test]
fn an_entry_with_its_head_noun_finds_the_word_without_it() {
    let note = "chemicals used to make fentanyl and other synthetic drugs";
    let found = derived(&format!("precursor chemical\tterm\t{note}\n"));
    // A plural in the text gets the plural term.
    assert!(
        found.contains(&("pioneers".to_string(), "precursors".to_string())),
        "{found:?}"
    );
    assert!(
        found.contains(&("predecessors".to_string(), "precursors".to_string())),
        "{found:?}"
    );
    // The article's correct "precursor" and "precursor chemicals" stay unflagged.
    assert!(!found.iter().any(|(w, _)| w.starts_with("precursor")));
}
