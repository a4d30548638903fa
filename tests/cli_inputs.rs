//! CLI tests of inputs: what a walk takes, what is refused, and how texts are read.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn glossary() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini.tsv")
}

/// Runs termlint in `dir`; `stdin` is piped in, or null when `None`.
fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_termlint"))
        .args(args)
        .current_dir(dir)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(bytes) = stdin {
        // The command may refuse before reading it all: a closed pipe is not a failure here.
        let _ = child.stdin.take().unwrap().write_all(bytes);
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A folder with the mini glossary copied in as `terms.tsv`.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(glossary(), dir.path().join("terms.tsv")).unwrap();
    dir
}

/// `check --format brief` in `dir`: (stdout, stderr, exit code).
fn check(dir: &Path, args: &[&str]) -> (String, String, Option<i32>) {
    let mut all = vec!["check", "-g", "terms.tsv", "--format", "brief"];
    all.extend(args);
    let o = run_in(dir, &all, None);
    (stdout(&o), stderr(&o), o.status.code())
}

/// Files reported in brief output, in order, one per file.
fn files_reported(out: &str) -> Vec<String> {
    let mut files: Vec<String> = Vec::new();
    for line in out.lines() {
        let file = line.split(':').next().unwrap().to_string();
        if files.last() != Some(&file) {
            files.push(file);
        }
    }
    files
}

// Item 2: the glossary, in the walked folder, is not an input and is never written.

#[test]
fn fix_write_on_a_folder_leaves_the_glossary_in_it_alone() {
    let dir = project();
    let glossary_before = fs::read(dir.path().join("terms.tsv")).unwrap();
    fs::write(dir.path().join("a.txt"), "The Byton era.\n").unwrap();
    let o = run_in(
        dir.path(),
        &[
            "fix",
            "--write",
            ".",
            "-g",
            "terms.tsv",
            "--format",
            "brief",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(
        fs::read(dir.path().join("terms.tsv")).unwrap(),
        glossary_before
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        "The Biden era.\n"
    );
    let (out, err, code) = check(dir.path(), &[".", "--fail-level", "info"]);
    assert_eq!((out.as_str(), code), ("", Some(0)), "{err}");
}

#[test]
fn a_glossary_or_baseline_named_to_fix_write_is_refused_by_real_path() {
    let dir = project();
    let glossary_before = fs::read(dir.path().join("terms.tsv")).unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("base.json"), "{\"byton\": 1}\n").unwrap();
    let o = run_in(
        dir.path(),
        &[
            "fix",
            "--write",
            "sub/../terms.tsv",
            "base.json",
            "-g",
            "./terms.tsv",
            "--baseline",
            "base.json",
            "--no-baseline",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("sub/../terms.tsv: not fixed: it is a glossary (-g)"),
        "{err}"
    );
    assert!(
        err.contains("base.json: not fixed: it is the baseline"),
        "{err}"
    );
    assert_eq!(
        fs::read(dir.path().join("terms.tsv")).unwrap(),
        glossary_before
    );
}

#[test]
fn a_baseline_given_with_baseline_is_not_walked() {
    let dir = project();
    fs::write(dir.path().join("decisions.json"), "Byton\n").unwrap();
    fs::write(dir.path().join("a.txt"), "Byton\n").unwrap();
    let (out, err, _) = check(
        dir.path(),
        &[".", "--baseline", "decisions.json", "--no-baseline"],
    );
    assert_eq!(files_reported(&out), ["./a.txt"], "{out}{err}");
}

// Item 10: one file given twice is one input.

#[test]
fn the_same_file_given_twice_gives_one_diff() {
    let dir = project();
    fs::create_dir(dir.path().join("docs")).unwrap();
    fs::write(dir.path().join("docs/a.txt"), "The Byton era.\n").unwrap();
    let o = run_in(
        dir.path(),
        &[
            "check",
            "--diff",
            "docs/a.txt",
            "./docs/a.txt",
            "docs",
            "docs/../docs/a.txt",
            "-g",
            "terms.tsv",
        ],
        None,
    );
    let diff = stdout(&o);
    assert_eq!(diff.matches("--- a/").count(), 1, "{diff}");
    assert!(diff.starts_with("--- a/docs/a.txt\n"), "{diff}");
}

#[test]
fn fix_on_a_file_and_its_folder_fixes_it_once() {
    let dir = project();
    fs::write(dir.path().join("a.txt"), "The Byton era.\n").unwrap();
    let o = run_in(
        dir.path(),
        &["fix", "--write", "a.txt", ".", "-g", "terms.tsv"],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("applied 1 fix\n"), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        "The Biden era.\n"
    );
}

// Item 13: stdin only with `-`.

#[test]
fn no_path_is_an_error_even_with_stdin_piped() {
    let dir = project();
    let o = run_in(
        dir.path(),
        &["check", "-g", "terms.tsv"],
        Some(b"The Byton era."),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no input: give files or folders to check, or `-` to read stdin"),
        "{}",
        stderr(&o)
    );
    assert_eq!(stdout(&o), "");
    let o = run_in(dir.path(), &["check", "-g", "terms.tsv"], None);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn stdin_given_twice_is_read_once() {
    let dir = project();
    let o = run_in(
        dir.path(),
        &["check", "-", "-", "-g", "terms.tsv", "--format", "json"],
        Some(b"The Byton era."),
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["summary"]["files"], 1, "{v}");
}

// Item 14: --min-confidence is a number from 0 to 1.

#[test]
fn min_confidence_outside_0_to_1_is_a_usage_error() {
    let dir = project();
    fs::write(dir.path().join("a.txt"), "Byton\n").unwrap();
    for bad in ["2", "50", "nan", "inf", "-1"] {
        let o = run_in(
            dir.path(),
            &["check", "a.txt", "-g", "terms.tsv", "--min-confidence", bad],
            None,
        );
        assert_eq!(o.status.code(), Some(2), "{bad}");
        let err = stderr(&o);
        assert!(err.contains("--min-confidence"), "{bad}: {err}");
        assert!(err.contains("from 0 to 1"), "{bad}: {err}");
    }
    let (out, _, code) = check(dir.path(), &["a.txt", "--min-confidence", "1"]);
    assert_eq!((out.as_str(), code), ("", Some(0)));
}

// Items 16 and 18: binary and UTF-16 files.

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

#[test]
fn a_named_utf16_file_without_bom_is_an_error_that_says_how_to_convert_it() {
    let dir = project();
    fs::write(dir.path().join("u.txt"), utf16le("The Byton era.\n")).unwrap();
    let (out, err, code) = check(dir.path(), &["u.txt"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(
        err.contains(
            "u.txt: looks like UTF-16 (little-endian, no BOM); termlint reads UTF-8 only: \
             convert it with `iconv -f UTF-16LE -t UTF-8`"
        ),
        "{err}"
    );
    assert!(!out.contains("No findings"), "{out}");
}

#[test]
fn a_named_file_of_nul_bytes_is_an_error() {
    let dir = project();
    fs::write(dir.path().join("zero.txt"), vec![0u8; 1 << 20]).unwrap();
    let (_, err, code) = check(dir.path(), &["zero.txt"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("zero.txt: looks like a binary file (a NUL byte at offset 0)"),
        "{err}"
    );
    let o = run_in(
        dir.path(),
        &["check", "-", "-g", "terms.tsv"],
        Some(&[0u8; 64]),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("-: looks like a binary file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn binary_files_met_in_a_walk_are_skipped_with_a_notice() {
    let dir = project();
    fs::write(dir.path().join("a.txt"), "The Byton era.\n").unwrap();
    fs::write(
        dir.path().join("logo.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    fs::write(dir.path().join("u.txt"), utf16le("The Byton era.\n")).unwrap();
    let (out, err, code) = check(dir.path(), &["."]);
    assert_eq!(
        code,
        Some(1),
        "findings in a.txt fail the run, nothing else: {err}"
    );
    assert_eq!(files_reported(&out), ["./a.txt"], "{out}");
    assert!(
        err.contains("termlint: skipped ./logo.png: looks like a binary file"),
        "{err}"
    );
    assert!(
        err.contains("termlint: skipped ./u.txt: looks like UTF-16"),
        "{err}"
    );
    assert!(!err.contains("error"), "{err}");
}

#[test]
fn bom_crlf_empty_and_invalid_utf8_files_behave_as_before() {
    let dir = project();
    fs::write(dir.path().join("bom.txt"), "\u{feff}The Byton era.\r\n").unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    fs::write(dir.path().join("latin1.txt"), b"caf\xe9 Byton\n").unwrap();
    let (out, err, code) = check(dir.path(), &["bom.txt", "empty.txt", "latin1.txt"]);
    assert_eq!(code, Some(2));
    assert!(
        out.contains("bom.txt:1:5: error[glossary.variant] 'Byton'"),
        "{out}"
    );
    assert!(
        err.contains("latin1.txt:1: invalid UTF-8 at byte offset 3"),
        "{err}"
    );
    let o = run_in(dir.path(), &["check", "empty.txt", "-g", "terms.tsv"], None);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("No findings in 1 file"),
        "{}",
        stdout(&o)
    );
}

// Item 18: --glob, --type and ignore files.

fn mixed_folder() -> tempfile::TempDir {
    let dir = project();
    for name in ["a.txt", "b.md", "c.html", "notes.log"] {
        fs::write(dir.path().join(name), "The Byton era.\n").unwrap();
    }
    // An .xlf file is read as XLIFF: its target is checked.
    let xliff = "<xliff version=\"2.0\"><file id=\"f\"><unit id=\"u\"><segment>\
                 <source>拜登時代。</source><target>The Byton era.</target></segment></unit>\
                 </file></xliff>\n";
    fs::write(dir.path().join("d.xlf"), xliff).unwrap();
    dir
}

#[test]
fn glob_chooses_walked_files_and_a_bang_leaves_them_out() {
    let dir = mixed_folder();
    let (out, _, _) = check(dir.path(), &[".", "--glob", "*.md", "--glob", "*.txt"]);
    assert_eq!(files_reported(&out), ["./a.txt", "./b.md"]);
    let (out, _, _) = check(dir.path(), &[".", "--glob", "!*.log", "--glob", "!*.md"]);
    assert_eq!(files_reported(&out), ["./a.txt", "./c.html", "./d.xlf"]);
}

#[test]
fn type_and_type_not_choose_walked_files() {
    let dir = mixed_folder();
    let (out, _, _) = check(dir.path(), &[".", "--type", "md", "-t", "xliff"]);
    assert_eq!(files_reported(&out), ["./b.md", "./d.xlf"]);
    let (out, _, _) = check(dir.path(), &[".", "--type-not", "html", "-T", "txt"]);
    assert_eq!(files_reported(&out), ["./b.md", "./d.xlf", "./notes.log"]);
    let (_, err, code) = check(dir.path(), &[".", "--type", "nosuch"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("--type/--type-not") && err.contains("nosuch"),
        "{err}"
    );
}

#[test]
fn a_file_named_explicitly_is_checked_whatever_the_filters() {
    let dir = mixed_folder();
    let (out, _, _) = check(dir.path(), &["notes.log", ".", "--type", "md"]);
    assert_eq!(files_reported(&out), ["notes.log", "./b.md"]);
}

#[test]
fn ignore_files_are_honoured_outside_git_repositories() {
    let dir = mixed_folder();
    fs::write(dir.path().join(".gitignore"), "*.log\n").unwrap();
    fs::write(dir.path().join(".ignore"), "c.html\n").unwrap();
    let (out, _, _) = check(dir.path(), &["."]);
    assert_eq!(files_reported(&out), ["./a.txt", "./b.md", "./d.xlf"]);
}

#[test]
fn a_bad_glob_is_an_error_naming_it() {
    let dir = mixed_folder();
    let (_, err, code) = check(dir.path(), &[".", "--glob", "a[.txt"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--glob a[.txt"), "{err}");
}

// Item 20: the size limit.

#[test]
fn a_file_over_max_file_size_is_refused_with_the_limit_named() {
    let dir = project();
    fs::write(dir.path().join("big.txt"), "Byton ".repeat(400)).unwrap();
    fs::write(dir.path().join("small.txt"), "Byton\n").unwrap();
    let (out, err, code) = check(
        dir.path(),
        &["big.txt", "small.txt", "--max-file-size", "1K"],
    );
    assert_eq!(code, Some(2));
    assert!(
        err.contains("big.txt: too large (2400 bytes); the limit is 1024 bytes (--max-file-size)"),
        "{err}"
    );
    assert_eq!(files_reported(&out), ["small.txt"]);
    let o = run_in(
        dir.path(),
        &["check", "-", "-g", "terms.tsv", "--max-file-size", "100"],
        Some("Byton ".repeat(400).as_bytes()),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("-: too large (more than the limit); the limit is 100 bytes"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_sparse_5_gb_file_is_refused_without_being_read() {
    let dir = project();
    let file = fs::File::create(dir.path().join("huge.txt")).unwrap();
    file.set_len(5_000_000_000).unwrap();
    let (_, err, code) = check(dir.path(), &["huge.txt"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("huge.txt: too large (5000000000 bytes); the limit is 104857600 bytes"),
        "{err}"
    );
}

#[test]
fn max_file_size_rejects_what_offsets_cannot_hold() {
    let dir = project();
    let (_, err, code) = check(dir.path(), &["-", "--max-file-size", "5G"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("--max-file-size") && err.contains("offsets in a text are 32-bit"),
        "{err}"
    );
}
