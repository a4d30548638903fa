//! Markdown and HTML inputs (issue #15, item 1): only prose is checked and fixed.
//!
//! tests/fixtures/seed.md and seed.html hold every line of corpus/seed/article.txt as prose
//! (headings, paragraphs), and the seed's garbles ("Byton", "pioneers", "4-dipiperone") also in
//! front matter, code blocks, inline code, link URLs, bare URLs, attributes, comments, script
//! and style. Exactly the plain seed's findings must be reported, at the place of their line in
//! the markup file, and `fix --write` must change those lines only.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const SEED: &str = include_str!("../corpus/seed/article.txt");
const GLOSSARY: &str = "corpus/glossaries/fentanyl-policy.toml";
const FIXTURES: [&str; 2] = ["seed.md", "seed.html"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> String {
    fs::read_to_string(root().join("tests/fixtures").join(name)).unwrap()
}

/// A folder (with `.git`, so no baseline outside it applies) holding the seed and fixtures.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join("seed.txt"), SEED).unwrap();
    for name in FIXTURES {
        fs::write(dir.path().join(name), fixture(name)).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let glossary = root().join(GLOSSARY);
    let mut child = Command::new(env!("CARGO_BIN_EXE_termlint"))
        .args(args)
        .arg("-g")
        .arg(glossary)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A run that fails on its arguments may exit before it reads its input (a closed pipe).
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

/// (start, end, line, column, rule, text, suggestions) of each finding of `check --format
/// jsonl`.
type Row = (u64, u64, u64, u64, String, String, String);

fn findings(dir: &Path, args: &[&str], stdin: &[u8]) -> Vec<Row> {
    let mut all = vec!["check", "--format", "jsonl"];
    all.extend(args);
    let out = run(dir, &all, stdin);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).unwrap();
            let n = |k: &str| v[k].as_u64().unwrap();
            (
                n("start"),
                n("end"),
                n("line"),
                n("column"),
                v["rule"].as_str().unwrap().to_string(),
                v["text"].as_str().unwrap().to_string(),
                v["suggestions"].to_string(),
            )
        })
        .collect()
}

/// Where seed line `line` stands in `markup`: the one place it occurs whole (between markup,
/// not inside a longer line).
fn place(markup: &str, line: &str) -> usize {
    let places: Vec<usize> = markup
        .match_indices(line)
        .map(|(i, _)| i)
        .filter(|&i| {
            let before = markup[..i].chars().next_back();
            let after = markup[i + line.len()..].chars().next();
            matches!(before, Some('\n' | '>' | ' ' | '*'))
                && matches!(after, Some('\n' | '<' | '*') | None)
        })
        .collect();
    assert_eq!(places.len(), 1, "seed line {line:?} in the fixture");
    places[0]
}

/// The plain seed's findings moved to where their lines stand in `markup`.
fn mapped(plain: &[Row], markup: &str) -> Vec<Row> {
    plain
        .iter()
        .map(|(start, end, _, column, rule, text, suggestions)| {
            let start = *start as usize;
            let line_start = SEED[..start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = SEED[start..].find('\n').map_or(SEED.len(), |i| start + i);
            let at = place(markup, &SEED[line_start..line_end]);
            let moved = at + (start - line_start);
            let markup_line_start = markup[..at].rfind('\n').map_or(0, |i| i + 1);
            let prefix = markup[markup_line_start..at].chars().count() as u64;
            (
                moved as u64,
                (moved + (*end as usize - start)) as u64,
                markup[..moved].matches('\n').count() as u64 + 1,
                column + prefix,
                rule.clone(),
                text.clone(),
                suggestions.clone(),
            )
        })
        .collect()
}

#[test]
fn markdown_and_html_report_exactly_the_prose_findings_at_their_place_in_the_file() {
    let dir = project();
    let plain = findings(dir.path(), &["seed.txt"], b"");
    assert!(plain.len() >= 20, "{plain:?}");
    for name in FIXTURES {
        let markup = fixture(name);
        let found = findings(dir.path(), &[name], b"");
        assert_eq!(found, mapped(&plain, &markup), "{name}");
        // The fixture does hold garbles outside prose: read as plain text, it has more.
        let as_plain = findings(dir.path(), &[name, "--markup", "plain"], b"");
        assert!(as_plain.len() > found.len() + 5, "{name}: {as_plain:?}");
    }
}

#[test]
fn markup_flag_overrides_the_extension_and_reads_stdin() {
    let dir = project();
    let md = fixture("seed.md");
    let from_file = findings(dir.path(), &["seed.md"], b"");
    let from_stdin = findings(dir.path(), &["-", "--markup", "markdown"], md.as_bytes());
    assert_eq!(from_file, from_stdin);
    // stdin has no extension: plain unless told.
    let plain_stdin = findings(dir.path(), &["-"], md.as_bytes());
    assert!(plain_stdin.len() > from_file.len());
    // A .txt file read as HTML: its tags are skipped.
    fs::write(
        dir.path().join("page.txt"),
        "<p title=\"x\"><a href=\"Byton\">the Biden era</a></p>\n",
    )
    .unwrap();
    assert!(findings(dir.path(), &["page.txt", "--markup", "html"], b"").is_empty());
    assert_eq!(findings(dir.path(), &["page.txt"], b"").len(), 1);
}

#[test]
fn fix_write_changes_prose_only_and_keeps_every_markup_byte() {
    let dir = project();
    let fixed = |name: &str| {
        let out = run(dir.path(), &["fix", "--write", "--unsafe-fixes", name], b"");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        fs::read_to_string(dir.path().join(name)).unwrap()
    };
    let fixed_seed = fixed("seed.txt");
    assert_ne!(fixed_seed, SEED);
    for name in FIXTURES {
        let original = fixture(name);
        // What fix --write must give: each seed line replaced by its fixed line, nothing else.
        let mut expected = original.clone();
        for (line, new) in SEED.split('\n').zip(fixed_seed.split('\n')) {
            if line != new {
                let at = place(&expected, line);
                expected.replace_range(at..at + line.len(), new);
            }
        }
        assert_ne!(expected, original);
        assert_eq!(fixed(name), expected, "{name}");
    }
}
