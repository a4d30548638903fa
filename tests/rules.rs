//! Rules as one registry: `termlint rules`, `--select` / `--ignore` (and the old `--no-…`
//! switches), and the structured `evidence` of findings in JSON.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Mutex;

const GLOSSARY: &str = "corpus/glossaries/fentanyl-policy.toml";
/// With the bare glossary, every rule but listed variants finds something in the article.
const BARE: &str = "corpus/glossaries/seed-bare.tsv";
const ARTICLE: &str = "corpus/seed/article.txt";

/// A glossary file of `content` named `name`, written once per run into the tests' own
/// temporary folder (so messages, which name the file, are the same in every test).
fn glossary_file(name: &str, content: &str) -> PathBuf {
    static WRITTEN: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("rules-{name}.tsv"));
    let mut written = WRITTEN.lock().unwrap();
    if !written.iter().any(|n| n == name) {
        std::fs::write(&path, content).unwrap();
        written.push(name.to_string());
    }
    path
}

fn termlint(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_termlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A run that fails on its arguments exits before it reads its input: the pipe is then
    // closed, and that is no failure of the test's.
    let written = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

/// The JSONL findings of a check of the seed article with the bare glossary and one listed
/// variant that occurs in it, with extra `args`.
fn findings(args: &[&str]) -> Vec<serde_json::Value> {
    let listed = glossary_file(
        "listed",
        "term\tvariants\ntough drug laws\tdifficult drug laws\n",
    );
    let mut all = vec!["check", ARTICLE, "-g", BARE, "-g", listed.to_str().unwrap()];
    all.extend_from_slice(&["--format", "jsonl"]);
    all.extend_from_slice(args);
    let out = termlint(&all, "");
    assert!(
        out.status.code() != Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn rules_of(findings: &[serde_json::Value]) -> Vec<String> {
    let mut rules: Vec<String> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    rules.sort();
    rules.dedup();
    rules
}

#[test]
fn rules_lists_every_rule_with_its_default() {
    let out = termlint(&["rules"], "");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let ids: Vec<&str> = text
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "glossary.variant",
            "glossary.wrong-expansion",
            "glossary.derived",
            "glossary.near-miss",
            "prose.doubled-word",
            "source.missing-term",
            "source.changed-term",
            "source.respelled-word",
            "source.changed-word",
            "source.inconsistent-term"
        ]
    );
    let defaults: Vec<&str> = text
        .lines()
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(
        defaults,
        ["on", "on", "on", "on", "on", "on", "on", "on", "off", "off"]
    );
}

#[test]
fn the_seed_article_has_findings_of_every_rule() {
    assert_eq!(
        rules_of(&findings(&[])),
        [
            "glossary.derived",
            "glossary.near-miss",
            "glossary.variant",
            "prose.doubled-word"
        ]
    );
}

#[test]
fn select_runs_only_the_rules_named_by_id_or_prefix() {
    assert_eq!(
        rules_of(&findings(&["--select", "glossary.variant"])),
        ["glossary.variant"]
    );
    assert_eq!(
        rules_of(&findings(&["--select", "glossary"])),
        ["glossary.derived", "glossary.near-miss", "glossary.variant"]
    );
    assert_eq!(
        rules_of(&findings(&["--select", "prose,glossary.near-miss"])),
        ["glossary.near-miss", "prose.doubled-word"]
    );
}

#[test]
fn ignore_leaves_rules_out_and_the_more_specific_selector_wins() {
    assert_eq!(
        rules_of(&findings(&[
            "--ignore",
            "glossary.derived",
            "--ignore",
            "prose"
        ])),
        ["glossary.near-miss", "glossary.variant"]
    );
    assert_eq!(
        rules_of(&findings(&[
            "--ignore",
            "glossary",
            "--select",
            "glossary.derived"
        ])),
        ["glossary.derived"]
    );
}

#[test]
fn the_old_switches_are_ignores() {
    assert_eq!(
        findings(&["--no-derive", "--no-near-miss", "--no-doubled-words"]),
        findings(&["--select", "glossary.variant"])
    );
    assert_eq!(
        findings(&["--no-derive"]),
        findings(&["--ignore", "glossary.derived"])
    );
}

#[test]
fn an_unknown_rule_is_an_input_error_naming_it() {
    let out = termlint(
        &["check", "-", "-g", GLOSSARY, "--select", "glossary.typo"],
        "the pioneers",
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("unknown rule `glossary.typo`"), "{stderr}");
    assert!(stderr.contains("glossary.variant"), "{stderr}");
}

#[test]
fn json_findings_carry_evidence_as_data_besides_the_message() {
    let all = findings(&[]);
    for f in &all {
        let evidence = f["evidence"].as_array().expect("an evidence array");
        assert!(!evidence.is_empty(), "{f}");
        for item in evidence {
            assert!(
                item["source"].is_string() && item["says"].is_string(),
                "{item}"
            );
            assert!(
                item["weight"].is_null() || item["weight"].is_f64(),
                "{item}"
            );
        }
        // What the evidence says is what the message says, not another account.
        let message = f["message"].as_str().unwrap();
        let in_prose = [
            "lexicon",
            "context",
            "unbound",
            "repeat",
            "neighbour",
            "near-miss",
            "name",
        ];
        let said = evidence
            .iter()
            .filter(|e| in_prose.contains(&e["source"].as_str().unwrap()));
        for item in said {
            let says = item["says"].as_str().unwrap();
            assert!(message.contains(says), "{says:?} not in {message:?}");
        }
    }
}

#[test]
fn a_listed_variant_with_its_cue_says_so_in_its_evidence() {
    let path = glossary_file(
        "cue",
        "term\tvariants\tcontext\nprecursor\tpioneer\tfentanyl\n",
    );
    let out = termlint(
        &[
            "check",
            "-",
            "-g",
            path.to_str().unwrap(),
            "--format",
            "json",
        ],
        "Fentanyl pioneers are shipped.",
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let finding = &doc["findings"][0];
    assert_eq!(finding["rule"], "glossary.variant");
    assert_eq!(finding["confidence"], 0.95);
    let evidence = finding["evidence"].as_array().unwrap();
    let sources: Vec<&str> = evidence
        .iter()
        .map(|e| e["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["glossary", "context"]);
    assert_eq!(evidence[0]["weight"], 0.9);
    assert_eq!(evidence[1]["says"], "context cue 'Fentanyl' nearby");
}
