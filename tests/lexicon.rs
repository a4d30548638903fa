//! The lexicon as a value (#12): checkers built with a lexicon of a few words, and the
//! `--spins` option that replaces the shipped substitution table (the held-out evaluation).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use termlint::checker::{CheckOptions, Checker};
use termlint::glossary::Glossary;
use termlint::lexicon::Lexicon;

/// Paraphrasers were seen putting "bosom" for "breast" and "peril" for "cancer"; nothing else.
fn tiny() -> Arc<Lexicon> {
    Arc::new(
        Lexicon::builder()
            .spins("breast\tbosom\t2\ncancer\tperil\t1\n")
            .build(),
    )
}

fn checker(lexicon: Arc<Lexicon>) -> Checker {
    let glossary = Glossary::parse("g.tsv", "term\nbreast cancer\n").unwrap();
    Checker::with_lexicon(glossary, CheckOptions::default(), lexicon)
}

/// (flagged text, suggestion) of each finding.
fn flagged(checker: &Checker, text: &str) -> Vec<(String, String)> {
    checker
        .check(text)
        .into_iter()
        .map(|f| {
            (
                text[f.span.start..f.span.end].to_string(),
                f.suggestions.first().cloned().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn a_checker_finds_spins_from_a_lexicon_built_in_the_test() {
    let checker = checker(tiny());
    assert_eq!(
        flagged(&checker, "Screening for bosom peril saves lives."),
        [("bosom peril".to_string(), "breast cancer".to_string())]
    );
    // Substitutions the tiny table does not list are not derived.
    assert!(flagged(&checker, "Screening for mammary carcinoma saves lives.").is_empty());
}

#[test]
fn checkers_with_different_lexicons_do_not_share_them() {
    let empty = checker(Arc::new(Lexicon::builder().build()));
    let tiny = checker(tiny());
    let text = "Screening for bosom peril saves lives.";
    assert!(flagged(&empty, text).is_empty());
    assert_eq!(flagged(&tiny, text).len(), 1);
    assert!(!Arc::ptr_eq(empty.lexicon(), tiny.lexicon()));
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs termlint in a folder holding `g.tsv` (the term "breast cancer"), `text.txt` and
/// `spins.tsv` with the given contents.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_termlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn project(text: &str, spins: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("g.tsv"), "term\nbreast cancer\n").unwrap();
    std::fs::write(dir.path().join("text.txt"), text).unwrap();
    std::fs::write(dir.path().join("spins.tsv"), spins).unwrap();
    dir
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// "zorblax" is in no thesaurus and no shipped table: only a table given with `--spins`
/// makes it a rendering of "cancer".
const ZORBLAX: &str = "Screening for breast zorblax saves lives.\n";

#[test]
fn spins_option_replaces_the_shipped_substitution_table() {
    let dir = project(ZORBLAX, "# mined elsewhere\ncancer\tzorblax\t3\n");
    let args = ["check", "text.txt", "-g", "g.tsv", "--format", "brief"];
    let without = run_in(dir.path(), &args);
    assert_eq!(without.status.code(), Some(0), "{}", stderr(&without));
    assert_eq!(stdout(&without), "");
    let with = run_in(dir.path(), &[&args[..], &["--spins", "spins.tsv"]].concat());
    assert_eq!(with.status.code(), Some(0), "{}", stderr(&with));
    assert!(
        stdout(&with).contains("'breast zorblax' -> 'breast cancer'"),
        "{}",
        stdout(&with)
    );
}

#[test]
fn glossary_expand_uses_the_spins_given() {
    let dir = project(ZORBLAX, "cancer\tzorblax\t3\n");
    let without = run_in(dir.path(), &["glossary", "expand", "g.tsv"]);
    assert_eq!(without.status.code(), Some(0), "{}", stderr(&without));
    assert!(!stdout(&without).contains("zorblax"));
    let with = run_in(
        dir.path(),
        &["glossary", "expand", "g.tsv", "--spins", "spins.tsv"],
    );
    assert_eq!(with.status.code(), Some(0), "{}", stderr(&with));
    assert!(
        stdout(&with).contains("breast zorblax"),
        "{}",
        stdout(&with)
    );
}

#[test]
fn a_malformed_spins_file_is_an_input_error_naming_file_and_line() {
    let dir = project(ZORBLAX, "cancer\tzorblax\t3\ncancer\tperil\n");
    for command in [
        &["check", "text.txt"][..],
        &["fix", "text.txt"],
        &["eval", "text.txt", "-a", "annotations.tsv"],
    ] {
        let o = run_in(
            dir.path(),
            &[command, &["-g", "g.tsv", "--spins", "spins.tsv"]].concat(),
        );
        assert_eq!(o.status.code(), Some(2), "{command:?}: {}", stdout(&o));
        assert!(
            stderr(&o).contains("spins.tsv:2: expected original<TAB>spun<TAB>count"),
            "{command:?}: {}",
            stderr(&o)
        );
    }
    let o = run_in(
        dir.path(),
        &["glossary", "expand", "g.tsv", "--spins", "spins.tsv"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("spins.tsv:2: "), "{}", stderr(&o));
}

#[test]
fn a_missing_spins_file_is_an_input_error() {
    let dir = project(ZORBLAX, "");
    let o = run_in(
        dir.path(),
        &["check", "text.txt", "-g", "g.tsv", "--spins", "missing.tsv"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("missing.tsv: cannot read substitution table"),
        "{}",
        stderr(&o)
    );
}

/// `termlint eval --format json` on the held-out spun phrases, with extra arguments.
fn held_out_eval(extra: &[&str]) -> serde_json::Value {
    let spun = |name: &str| -> String {
        let path: PathBuf = root().join("corpus/eval/spun").join(name);
        path.to_str().unwrap().to_string()
    };
    let args = [
        "eval".to_string(),
        spun("tortured.txt"),
        "-a".into(),
        spun("tortured.annotations.tsv"),
        "-g".into(),
        spun("glossary.tsv"),
        "--format".into(),
        "json".into(),
    ];
    let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mine = spun("spins-mine.tsv");
    args.extend(
        extra
            .iter()
            .map(|a| if *a == "MINE" { mine.as_str() } else { a }),
    );
    let o = run_in(root(), &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

/// The held-out evaluation, with the table mined from the mining split in place of the
/// shipped one, gives the figures the `heldout-spins` build gave (docs/evaluation.md).
#[test]
fn held_out_evaluation_with_the_mining_split_table_keeps_its_figures() {
    let held_out = held_out_eval(&["--spins", "MINE"]);
    assert_eq!(held_out["glossary_classes"]["rows"], 841);
    assert_eq!(held_out["glossary_classes"]["flagged"], 433);
    assert_eq!(held_out["glossary_classes"]["corrected"], 405);
    assert_eq!(held_out["precision"], 1.0);
    // The shipped table was mined from these very phrases: it finds far more.
    let shipped = held_out_eval(&[]);
    let flagged = shipped["glossary_classes"]["flagged"].as_u64().unwrap();
    assert!(flagged > 433, "{flagged}");
}
