//! Clean prose with a large bare glossary: the first 2,000 distinct `expected` phrases of the
//! spun-phrase lists in `corpus/eval/spun/`. Every finding is a false alarm; the issue allows at
//! most 2 per 1,000 words.

use std::collections::HashSet;

use termlint::checker::{CheckOptions, Checker};
use termlint::glossary::Glossary;

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/corpus/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn spun_expected_glossary(count: usize) -> Glossary {
    let mut seen = HashSet::new();
    let mut tsv = String::from("term\n");
    for path in ["eval/spun/mine.tsv", "eval/spun/holdout.tsv"] {
        for line in read(path).lines().skip(1) {
            let Some(expected) = line.split('\t').nth(1).map(str::trim) else {
                continue;
            };
            if !expected.is_empty() && seen.len() < count && seen.insert(expected.to_lowercase()) {
                tsv.push_str(expected);
                tsv.push('\n');
            }
        }
    }
    assert_eq!(seen.len(), count);
    Glossary::parse("spun-expected.tsv", &tsv).unwrap()
}

#[test]
fn clean_prose_raises_few_false_alarms() {
    let checker = Checker::new(spun_expected_glossary(2_000), CheckOptions::default());
    // The bar on the shipped clean sample; on in-field academic prose, where the
    // glossary's own fields are written about, the rate measured (about 2 per 1,000 words)
    // is held from growing.
    for (path, bar) in [
        ("clean/wordnet-examples.txt", 2.0),
        ("academic/abstracts.txt", 2.5),
    ] {
        let text = read(path);
        let words = text.split_whitespace().count();
        let findings = checker.check(&text);
        let per_thousand = findings.len() as f64 * 1000.0 / words as f64;
        let found: Vec<&str> = findings
            .iter()
            .map(|f| &text[f.span.start..f.span.end])
            .collect();
        assert!(
            per_thousand <= bar,
            "{path}: {per_thousand:.2} per 1,000 words: {found:?}"
        );
    }
}
