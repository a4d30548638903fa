//! Every finding on every text of `corpus/`, with the shipped and the bare glossaries, pinned as
//! snapshots: a refactoring must leave them byte for byte the same, and a change in detection
//! shows up as a diff a reviewer reads (`cargo insta review`).

use std::fmt::Write;
use std::path::Path;

mod common;

use common::{read_corpus as read, spun_expected_glossary};

use termlint::check::finding::Finding;
use termlint::checker::{CheckOptions, Checker};
use termlint::glossary::Glossary;

const SHIPPED: &str = "glossaries/fentanyl-policy.toml";
const BARE: &str = "glossaries/seed-bare.tsv";
const SPUN: &str = "eval/spun/glossary.tsv";

fn checker(glossary: &str) -> Checker {
    Checker::new(
        Glossary::parse(glossary, &read(glossary)).unwrap(),
        CheckOptions::default(),
    )
}

/// The first 2,000 distinct expected phrases of the spun-phrase lists: a large bare glossary.
fn spun_expected() -> Checker {
    Checker::new(spun_expected_glossary(2_000), CheckOptions::default())
}

/// One line per finding with every field a user sees (and the confidence unrounded).
fn render(text: &str, findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let fix = f.fix.as_ref().map_or("none".to_string(), |fix| {
            let edits: Vec<String> = fix
                .edits
                .iter()
                .map(|e| format!("{}..{}={:?}", e.span.start, e.span.end, e.content))
                .collect();
            format!("{:?} {}", fix.applicability, edits.join(","))
        });
        writeln!(
            out,
            "{}..{} {} {:?} {:?} {} {:?} -> {:?} [{}] {}",
            f.span.start,
            f.span.end,
            f.rule,
            f.kind,
            f.severity,
            f.confidence,
            &text[f.span.start..f.span.end],
            f.suggestions,
            fix,
            f.message
        )
        .unwrap();
    }
    out
}

fn snapshot(checker: &Checker, glossary: &str, texts: &[&str]) {
    for path in texts {
        let text = read(path);
        let name = format!("{path} with {glossary}").replace(['/', '.', ' '], "_");
        insta::assert_snapshot!(name, render(&text, &checker.check(&text)));
    }
}

fn onbeat() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/onbeat");
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".txt"))
        .map(|name| format!("onbeat/{name}"))
        .collect();
    texts.sort();
    texts
}

#[test]
fn findings_with_the_shipped_and_bare_glossaries() {
    let onbeat = onbeat();
    let mut texts = vec![
        "seed/article.txt",
        "clean/wordnet-examples.txt",
        "academic/abstracts.txt",
    ];
    texts.extend(onbeat.iter().map(String::as_str));
    for glossary in [SHIPPED, BARE] {
        snapshot(&checker(glossary), glossary, &texts);
    }
}

#[test]
fn findings_on_spun_phrases_and_their_clean_versions() {
    snapshot(
        &checker(SPUN),
        SPUN,
        &["eval/spun/tortured.txt", "eval/spun/expected.txt"],
    );
}

#[test]
fn findings_with_a_large_bare_glossary() {
    snapshot(
        &spun_expected(),
        "spun-expected-2000",
        &["clean/wordnet-examples.txt", "academic/abstracts.txt"],
    );
}
