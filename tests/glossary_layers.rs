//! Layered glossaries (#15 item 3): a newsroom's shared glossary plus a desk's own.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use termlint::check::finding::Finding;
use termlint::checker::{CheckOptions, Checker};
use termlint::glossary::{Glossary, Severity};

fn root(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

const SHIPPED: &str = "corpus/glossaries/fentanyl-policy.toml";
const DESK: &str = "tests/fixtures/glossaries/desk.toml";
const SEED: &str = "corpus/seed/article.txt";

fn termlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_termlint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

fn seed_findings(glossary: Glossary) -> Vec<Finding> {
    let text = std::fs::read_to_string(root(SEED)).unwrap();
    Checker::new(glossary, CheckOptions::default()).check(&text)
}

fn on<'a>(findings: &'a [Finding], text: &str, matched: &str) -> Vec<&'a Finding> {
    findings
        .iter()
        .filter(|f| text[f.span.start..f.span.end].eq_ignore_ascii_case(matched))
        .collect()
}

#[test]
fn a_desk_glossary_refines_the_shipped_one_and_the_findings_follow_the_merged_view() {
    let text = std::fs::read_to_string(root(SEED)).unwrap();
    let alone = seed_findings(Glossary::load(&[root(SHIPPED)]).unwrap());
    assert_eq!(on(&alone, &text, "Byton").len(), 1);
    let pioneers = on(&alone, &text, "pioneers");
    assert!(!pioneers.is_empty());
    assert!(pioneers.iter().all(|f| f.severity == Severity::Warning));

    let glossary = Glossary::load(&[root(SHIPPED), root(DESK)]).unwrap();
    let precursor = glossary
        .entries
        .iter()
        .find(|e| e.term == "precursor")
        .unwrap();
    assert_eq!(precursor.severity, Severity::Error);
    assert!(
        precursor
            .variants
            .iter()
            .any(|v| v == "forerunner chemical")
    );
    assert!(precursor.variants.iter().any(|v| v == "pioneer"));
    let biden = glossary.entries.iter().find(|e| e.term == "Biden").unwrap();
    assert!(!biden.variants.iter().any(|v| v == "Byton"));
    assert_eq!(glossary.overrides.len(), 1);
    assert_eq!(glossary.overrides[0].variant, "Byton");

    let layered = seed_findings(glossary);
    assert!(on(&layered, &text, "Byton").is_empty());
    let pioneers = on(&layered, &text, "pioneers");
    assert_eq!(pioneers.len(), on(&alone, &text, "pioneers").len());
    assert!(pioneers.iter().all(|f| f.severity == Severity::Error));
    // Everything else is as the shipped glossary alone says.
    let rest = |findings: &[Finding]| -> Vec<(usize, usize, String)> {
        findings
            .iter()
            .map(|f| {
                (
                    f.span.start,
                    f.span.end,
                    text[f.span.start..f.span.end].to_string(),
                )
            })
            .filter(|(_, _, m)| m != "Byton")
            .collect()
    };
    assert_eq!(rest(&layered), rest(&alone));
}

#[test]
fn check_notes_each_override_once_on_stderr() {
    let out = termlint(&[
        "check", SEED, "-g", SHIPPED, "-g", DESK, "--format", "brief",
    ]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    let note = format!(
        "termlint: note: `Byton`, a wrong variant of `Biden` at {SHIPPED}:24, is correct for \
         `Byton` at {DESK}:9: the variant is dropped\n"
    );
    assert_eq!(stderr, note);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains("'Byton'"), "{stdout}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn glossary_show_lists_the_overrides_and_where_each_value_came_from() {
    let out = termlint(&["glossary", "show", SHIPPED, DESK, "--term", "precursor"]);
    assert_eq!(out.status.code(), Some(0));
    let shown = String::from_utf8(out.stdout).unwrap();
    let row = |key: &str, value: &str| {
        shown
            .lines()
            .find(|l| {
                let cells: Vec<&str> = l.split_whitespace().collect();
                cells.first() == Some(&key) && l.contains(&format!(" {value} "))
            })
            .unwrap_or_else(|| panic!("no {key} {value} in\n{shown}"))
            .to_string()
    };
    assert!(row("variant", "pioneer").ends_with(&format!("{SHIPPED}:837")));
    assert!(row("variant", "forerunner chemical").ends_with(&format!("{DESK}:4")));
    assert!(row("severity", "error").ends_with(&format!("{DESK}:4")));
    assert!(row("fix", "suggest").ends_with(&format!("{SHIPPED}:837")));
    assert!(row("case", "smart").ends_with("(default)"));
    assert!(shown.contains(&format!(
        "overrides:\n  `Byton`, a wrong variant of `Biden` at {SHIPPED}:24, is correct for `Byton` at {DESK}:9"
    )));

    let out = termlint(&["glossary", "show", SHIPPED, DESK, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["overrides"][0]["variant"], "Byton");
    assert_eq!(json["overrides"][0]["listed_at"], format!("{SHIPPED}:24"));
    assert_eq!(json["overrides"][0]["declared_at"], format!("{DESK}:9"));
}

#[test]
fn a_conflict_inside_one_layer_is_still_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let desk = dir.path().join("desk.tsv");
    std::fs::write(&desk, "term\tvariants\nByton\t\nBiden\tByton\n").unwrap();
    let out = termlint(&["check", SEED, "-g", SHIPPED, "-g", desk.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("desk.tsv:3: variant `Byton` of `Biden` is the term of another entry"),
        "{stderr}"
    );
}

#[test]
fn terms_that_differ_only_in_case_load_from_two_layers_when_both_match_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared.tsv");
    let desk = dir.path().join("desk.tsv");
    std::fs::write(&shared, "term\tvariants\tcase\nASCII\tAsky\texact\n").unwrap();
    std::fs::write(&desk, "term\tvariants\tcase\nascii\taskee\texact\n").unwrap();
    let glossary = Glossary::load(&[&shared, &desk]).unwrap();
    assert_eq!(glossary.entries.len(), 2);
    let checker = Checker::new(glossary, CheckOptions::default());
    let found: Vec<String> = checker
        .check("Asky text and askee text.")
        .iter()
        .flat_map(|f| f.suggestions.clone())
        .collect();
    assert_eq!(found, ["ASCII", "ascii"]);
}
