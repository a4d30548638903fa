//! Suppressions (issue #15, item 6): `termlint:` comments and `[sic]` keep a finding from
//! being reported or fixed, and the run says how many it hid.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const GLOSSARY: &str = include_str!("fixtures/mini.tsv");

/// A folder (with `.git`, so the baseline lands here) holding mini.tsv as g.tsv and `texts`.
fn project(texts: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join("g.tsv"), GLOSSARY).unwrap();
    for (name, text) in texts {
        fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_termlint"))
        .args(args)
        .args(["-g", "g.tsv"])
        .current_dir(dir)
        .output()
        .unwrap()
}

/// The `line:column: rule 'text'` of each finding of `check --format brief`.
fn reported(dir: &Path, name: &str) -> (Vec<String>, String) {
    let out = run(dir, &["check", "--format", "brief", name]);
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let l = l.strip_prefix(name).unwrap().trim_start_matches(':');
            l.split(" -> ").next().unwrap().to_string()
        })
        .collect();
    (lines, String::from_utf8(out.stderr).unwrap())
}

#[test]
fn a_marker_line_in_plain_text_suppresses_the_next_line() {
    let text = "The Byton administration met.\n# termlint: disable-next-line\n\
                The Byton administration met.\n// termlint: disable-next-line prose.doubled-word\n\
                The Byton administration met.\n";
    let dir = project(&[("a.txt", text)]);
    let (found, stderr) = reported(dir.path(), "a.txt");
    assert_eq!(
        found,
        [
            "1:5: error[glossary.variant] 'Byton'",
            "5:5: error[glossary.variant] 'Byton'"
        ]
    );
    assert!(
        stderr.contains("1 finding suppressed by termlint comments or [sic]"),
        "{stderr}"
    );
}

#[test]
fn html_comments_disable_and_enable_in_markdown_and_html() {
    let md = "The Byton administration met.\n\n<!-- termlint: disable glossary.variant -->\n\
              The Byton administration met.\n\nFentanyl pioneers were seized.\n\n\
              <!-- termlint: enable -->\nFentanyl pioneers were seized.\n\n\
              <!-- termlint: disable-next-line -->\nThe Byton administration met.\n";
    let html = "<p>The Byton administration met.</p>\n<!-- termlint: disable -->\n\
                <p>The Byton administration met.</p><!-- termlint: enable --><p>Fentanyl \
                pioneers were seized.</p>\n";
    let dir = project(&[("a.md", md), ("a.html", html)]);
    assert_eq!(
        reported(dir.path(), "a.md").0,
        [
            "1:5: error[glossary.variant] 'Byton'",
            "9:10: warning[glossary.variant] 'pioneers'"
        ]
    );
    assert_eq!(
        reported(dir.path(), "a.html").0,
        [
            "1:8: error[glossary.variant] 'Byton'",
            "3:74: warning[glossary.variant] 'pioneers'"
        ]
    );
}

#[test]
fn sic_keeps_the_word_before_it_and_fix_write_leaves_it() {
    let text = "The Byton [sic] administration met.\nThe Byton administration met.\n";
    let dir = project(&[("a.txt", text)]);
    assert_eq!(
        reported(dir.path(), "a.txt").0,
        ["2:5: error[glossary.variant] 'Byton'"]
    );
    let out = run(dir.path(), &["fix", "--write", "a.txt"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        "The Byton [sic] administration met.\nThe Biden administration met.\n"
    );
}

#[test]
fn a_directive_in_a_code_block_suppresses_nothing() {
    let md = "```\n<!-- termlint: disable -->\n```\nThe Byton administration met.\n";
    let dir = project(&[("a.md", md)]);
    let (found, stderr) = reported(dir.path(), "a.md");
    assert_eq!(found, ["4:5: error[glossary.variant] 'Byton'"]);
    assert!(!stderr.contains("suppressed"), "{stderr}");
}

#[test]
fn an_unknown_directive_is_a_warning_naming_file_and_line() {
    let text = "The Byton administration met.\n# termlint: disable-nextline\n\
                The Byton administration met.\n";
    let dir = project(&[("a.txt", text)]);
    let (found, stderr) = reported(dir.path(), "a.txt");
    assert_eq!(found.len(), 2);
    assert!(
        stderr.contains("warning: a.txt:2:1: unknown directive `# termlint: disable-nextline`"),
        "{stderr}"
    );
}
