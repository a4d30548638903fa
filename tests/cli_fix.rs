//! Fixing, patches, reports and exit codes (issue #11): a patch never replaces a text, fixes
//! are applied until none is left, file names keep their bytes in patches, a closed pipe keeps
//! the exit code, and the summary and notes cannot be misread.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const GLOSSARY: &str = include_str!("fixtures/mini.tsv");
const MINI: &str = include_str!("fixtures/mini.txt");

/// A folder (with `.git`, so the baseline lands here) holding mini.tsv as g.tsv and texts.
struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new(texts: &[(&str, &str)]) -> Project {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join(".git")).unwrap();
        fs::write(dir.path().join("g.tsv"), GLOSSARY).unwrap();
        for (name, text) in texts {
            fs::write(dir.path().join(name), text).unwrap();
        }
        Project { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn bytes(&self, name: &str) -> Vec<u8> {
        fs::read(self.path(name)).unwrap()
    }

    /// Runs termlint here, stdin not a terminal and empty.
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_termlint"))
            .args(args)
            .current_dir(self.dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .unwrap()
    }

    /// Names of the files in the folder, sorted.
    fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn shown(o: &Output) -> String {
    format!("{}{}", text(&o.stdout), text(&o.stderr))
}

#[test]
fn a_patch_is_never_written_over_a_text_a_glossary_or_the_baseline() {
    let project = Project::new(&[("t.txt", MINI), ("notes.txt", "my notes\n")]);
    reject_pioneers(&project);
    let before: Vec<_> = ["t.txt", "notes.txt", "g.tsv", ".termlint-baseline.json"]
        .iter()
        .map(|name| project.bytes(name))
        .collect();
    let refused = [
        // No input: stdin is not read as one, and t.txt is not emptied.
        (
            vec!["review", "--patch", "t.txt", "-g", "g.tsv"],
            "needs the files",
        ),
        (
            vec!["review", "--patch", "t.txt", "t.txt", "-g", "g.tsv"],
            "a file to review",
        ),
        (
            vec![
                "review",
                "--patch",
                "./t.txt",
                "notes.txt",
                "./",
                "-g",
                "g.tsv",
            ],
            "a file to review",
        ),
        (
            vec!["review", "--patch", "g.tsv", "t.txt", "-g", "g.tsv"],
            "a glossary",
        ),
        (
            vec![
                "review",
                "--patch",
                ".termlint-baseline.json",
                "t.txt",
                "-g",
                "g.tsv",
            ],
            "baseline",
        ),
        (
            vec!["review", "--patch", "notes.txt", "t.txt", "-g", "g.tsv"],
            "not a patch",
        ),
        // --force replaces other files, never a text under review.
        (
            vec![
                "review", "--patch", "t.txt", "t.txt", "-g", "g.tsv", "--force",
            ],
            "a file to review",
        ),
    ];
    for (args, why) in refused {
        let o = project.run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", shown(&o));
        assert!(text(&o.stderr).contains(why), "{args:?}: {}", shown(&o));
        let after: Vec<_> = ["t.txt", "notes.txt", "g.tsv", ".termlint-baseline.json"]
            .iter()
            .map(|name| project.bytes(name))
            .collect();
        assert_eq!(after, before, "{args:?} changed a file");
    }
}

#[test]
fn a_patch_replaces_an_old_patch_atomically_and_a_text_only_with_force() {
    let one = "The Byton administration met.\n";
    let project = Project::new(&[("t.txt", one), ("notes.txt", "my notes\n")]);
    let diff = project.run(&["check", "--diff", "t.txt", "-g", "g.tsv"]);
    assert!(!diff.stdout.is_empty(), "{}", shown(&diff));
    fs::write(
        project.path("old.patch"),
        "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n",
    )
    .unwrap();
    let o = project.run(&["review", "--patch", "old.patch", "t.txt", "-g", "g.tsv"]);
    assert_eq!(o.status.code(), Some(0), "{}", shown(&o));
    assert_eq!(
        project.bytes("old.patch"),
        diff.stdout,
        "the patch is the whole diff"
    );
    assert!(
        text(&o.stderr).contains("wrote 1 change to 1 file as a patch in old.patch"),
        "{}",
        shown(&o)
    );
    let o = project.run(&[
        "review",
        "--patch",
        "notes.txt",
        "t.txt",
        "-g",
        "g.tsv",
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", shown(&o));
    assert_eq!(project.bytes("notes.txt"), diff.stdout);
    assert_eq!(
        project.bytes("t.txt"),
        one.as_bytes(),
        "the text is left alone"
    );
    assert_eq!(
        project.files(),
        [".git", "g.tsv", "notes.txt", "old.patch", "t.txt"],
        "no temporary file is left"
    );
}

#[test]
fn fixes_are_applied_until_none_is_left() {
    // Round one fixes the variant ("precursor precursor"); only then is the doubled word's
    // fix there.
    let original = "The pioneer precursor chemicals were seized.\n";
    let fixed = "The precursor chemicals were seized.\n";
    let project = Project::new(&[("t.txt", original)]);
    let expected_diff = format!(
        "--- a/t.txt\n+++ b/t.txt\n@@ -1 +1 @@\n-{}+{}",
        original, fixed
    );
    for args in [
        vec!["check", "--diff", "t.txt", "-g", "g.tsv"],
        vec!["fix", "t.txt", "-g", "g.tsv"],
        vec!["review", "--patch", "-", "t.txt", "-g", "g.tsv"],
    ] {
        let o = project.run(&args);
        assert_eq!(text(&o.stdout), expected_diff, "{args:?}: {}", shown(&o));
    }
    let o = project.run(&[
        "fix",
        "--write",
        "t.txt",
        "-g",
        "g.tsv",
        "--fail-level",
        "warning",
        "--format",
        "brief",
    ]);
    assert_eq!(text(&project.bytes("t.txt")), fixed);
    assert_eq!(o.status.code(), Some(0), "nothing is left: {}", shown(&o));
    assert_eq!(text(&o.stdout), "", "no finding is left");
    assert!(
        text(&o.stderr).contains("termlint: applied 2 fixes"),
        "{}",
        shown(&o)
    );
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_keep_their_bytes_in_patches() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    let project = Project::new(&[]);
    let name = OsStr::from_bytes(b"caf\xe9.txt");
    fs::create_dir(project.path("docs")).unwrap();
    let path = project.path("docs").join(name);
    fs::write(&path, "The Byton administration met.\n").unwrap();
    assert!(name.to_str().is_none(), "the name is not UTF-8");
    // The folder is walked, so the name reaches termlint as bytes.
    let o = project.run(&["review", "--patch", "out.patch", "docs", "-g", "g.tsv"]);
    assert_eq!(o.status.code(), Some(0), "{}", shown(&o));
    let patch = text(&project.bytes("out.patch"));
    assert!(
        patch.starts_with("--- \"a/docs/caf\\351.txt\"\n+++ \"b/docs/caf\\351.txt\"\n"),
        "{patch}"
    );
    let diff = project.run(&["check", "--diff", "docs", "-g", "g.tsv"]);
    assert_eq!(text(&diff.stdout), patch);
    let dry = Command::new("patch")
        .args(["-p1", "--dry-run", "-i", "out.patch"])
        .current_dir(project.dir.path())
        .output();
    if let Ok(dry) = dry {
        assert!(dry.status.success(), "patch -p1: {}", shown(&dry));
    }
    let apply = Command::new("git")
        .args(["apply", "out.patch"])
        .current_dir(project.dir.path())
        .output()
        .unwrap();
    assert!(apply.status.success(), "git apply: {}", shown(&apply));
    assert_eq!(fs::read(&path).unwrap(), b"The Biden administration met.\n");
}

/// Runs `termlint ARGS | head -1` (and with `2>&1`) in bash; returns termlint's exit codes.
#[cfg(unix)]
fn exit_codes_into_head(dir: &Path, args: &str) -> (String, String) {
    let termlint = env!("CARGO_BIN_EXE_termlint");
    let run = |redirect: &str| {
        let script = format!(
            "'{termlint}' {args} {redirect} | head -1 >/dev/null; echo \"${{PIPESTATUS[0]}}\""
        );
        let o = Command::new("bash")
            .args(["-c", &script])
            .current_dir(dir)
            .output()
            .unwrap();
        text(&o.stdout).trim().to_string()
    };
    (run("2>/dev/null"), run("2>&1"))
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_keeps_the_exit_code_of_the_findings() {
    // Far more output than a pipe holds, so termlint is still writing when head leaves.
    let long = MINI.repeat(1000);
    let project = Project::new(&[("long.txt", &long), ("more.txt", MINI)]);
    let failing = "check long.txt more.txt -g g.tsv";
    assert_eq!(
        project
            .run(&failing.split(' ').collect::<Vec<_>>())
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        exit_codes_into_head(project.dir.path(), failing),
        ("1".into(), "1".into())
    );
    assert_eq!(
        exit_codes_into_head(project.dir.path(), &format!("{failing} --format brief")),
        ("1".into(), "1".into())
    );
    assert_eq!(
        exit_codes_into_head(project.dir.path(), "check long.txt missing.txt -g g.tsv"),
        ("2".into(), "2".into())
    );
    assert_eq!(
        exit_codes_into_head(
            project.dir.path(),
            "fix long.txt -g g.tsv --fail-level none"
        ),
        ("0".into(), "0".into())
    );
}

#[test]
fn json_summary_counts_input_errors_apart_from_error_findings() {
    let project = Project::new(&[("t.txt", MINI)]);
    let o = project.run(&[
        "check",
        "t.txt",
        "missing.txt",
        "-g",
        "g.tsv",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", shown(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["summary"],
        serde_json::json!({
            "files": 1,
            "findings": 3,
            "by_severity": {"error": 1, "warning": 2, "info": 0},
            "fixable": 2,
            "input_errors": 1,
            "suppressed": 0,
        }),
        "{v}"
    );
}

/// Rejects the 'pioneers' finding in t.txt (MINI), as a reviewer would.
fn reject_pioneers(project: &Project) {
    use termlint::baseline::{Baseline, Decision, Verdict};
    use termlint::checker::{CheckOptions, Checker};
    use termlint::glossary::Glossary;

    let glossary = Glossary::load(&[project.path("g.tsv")]).unwrap();
    let finding = Checker::new(glossary, CheckOptions::default())
        .check(MINI)
        .into_iter()
        .find(|f| &MINI[f.span.start..f.span.end] == "pioneers")
        .unwrap();
    let decision = Decision::new("t.txt", MINI, &finding, Verdict::Rejected);
    Baseline::record(&project.path(".termlint-baseline.json"), &[decision]).unwrap();
}

#[test]
fn notes_reach_stderr_in_every_format_with_the_right_plural() {
    let project = Project::new(&[("t.txt", MINI)]);
    reject_pioneers(&project);
    for format in ["human", "brief", "json", "jsonl"] {
        let o = project.run(&["check", "t.txt", "-g", "g.tsv", "--format", format]);
        assert!(
            text(&o.stderr)
                .contains("termlint: 1 finding hidden by decisions in .termlint-baseline.json"),
            "{format}: {}",
            shown(&o)
        );
        fs::write(project.path("u.txt"), "The Byton administration met.\n").unwrap();
        let o = project.run(&["fix", "--write", "u.txt", "-g", "g.tsv", "--format", format]);
        assert!(
            text(&o.stderr).contains("termlint: applied 1 fix\n"),
            "{format}: {}",
            shown(&o)
        );
        assert_eq!(project.bytes("u.txt"), b"The Biden administration met.\n");
    }
}
