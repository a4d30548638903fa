//! Helpers shared by the integration tests: the bundled corpus and running the binary.
#![allow(dead_code)] // each test binary uses its own share of them

use std::collections::HashSet;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use termlint::glossary::Glossary;

/// A file of the bundled `corpus/`.
pub fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name)
}

pub fn read_corpus(name: &str) -> String {
    std::fs::read_to_string(corpus(name)).unwrap()
}

/// Runs termlint in `dir` (so no baseline of the repository applies) with empty stdin.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_termlint"))
        .args(args)
        .arg("--no-baseline")
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

/// The first `count` distinct expected phrases of the spun-phrase lists in `corpus/eval/spun/`:
/// a large bare glossary of many fields.
pub fn spun_expected_glossary(count: usize) -> Glossary {
    let mut seen = HashSet::new();
    let mut tsv = String::from("term\n");
    for path in ["eval/spun/mine.tsv", "eval/spun/holdout.tsv"] {
        for line in read_corpus(path).lines().skip(1) {
            let Some(expected) = line.split('\t').nth(1).map(str::trim) else {
                continue;
            };
            if !expected.is_empty() && seen.len() < count && seen.insert(expected.to_lowercase()) {
                writeln!(tsv, "{expected}").unwrap();
            }
        }
    }
    assert_eq!(seen.len(), count);
    Glossary::parse("spun-expected.tsv", &tsv).unwrap()
}
