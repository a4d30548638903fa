//! `termlint review`: the interactive mode driven through a pseudo-terminal (every key), the
//! remembered decisions, and `--patch` checked with `git apply` and `patch -p1`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

const GLOSSARY: &str = "\
term\tvariants\tcontext\tkind\tfix\tseverity
precursor\tpioneer\tfentanyl|chemical\tterm\tsafe\twarning
Biden\tByton\t\tname\tsafe\terror
schedule\tarrange\tchemical|precursor\tterm\tsuggest\twarning
";

/// Five findings: 1 Byton, 2 arrange (unsafe fix), 3 pioneers, 4 Byton, 5 pioneers. No newline
/// at the end.
const TEXT: &str = "\
The Byton administration met on Monday.
China will arrange two precursor chemicals, officials said.
Fentanyl pioneers were seized at the port.
Later the Byton team left.
Talks on fentanyl pioneers resume in May.";

/// A project folder (with `.git`, so the baseline lands here) holding the glossary and texts.
struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new(texts: &[(&str, &str)]) -> Project {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join(".git")).unwrap();
        fs::write(dir.path().join("g.tsv"), GLOSSARY).unwrap();
        for (name, text) in texts {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        Project { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn read(&self, name: &str) -> String {
        fs::read_to_string(self.path(name)).unwrap()
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_termlint"));
        command.args(args).current_dir(self.dir.path());
        command
    }

    /// Runs termlint without a terminal.
    fn run(&self, args: &[&str]) -> Output {
        self.command(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .unwrap()
    }

    /// `check --format brief` on the given files: one line per finding still reported.
    fn check(&self, extra: &[&str]) -> String {
        let mut args = vec!["check", "-g", "g.tsv", "--format", "brief"];
        args.extend(extra);
        String::from_utf8(self.run(&args).stdout).unwrap()
    }

    /// Starts `termlint review` on a pseudo-terminal.
    fn review(&self, args: &[&str], color: bool) -> Review {
        let mut all = vec!["review", "-g", "g.tsv"];
        all.extend(args);
        let mut command = self.command(&all);
        if color {
            command.env_remove("NO_COLOR");
        } else {
            command.env("NO_COLOR", "1");
        }
        Review {
            session: spawn_command(command, Some(20_000)).unwrap(),
            seen: String::new(),
        }
    }
}

/// A running review and everything it has shown so far (line ends as on a terminal, \r\n,
/// turned into \n).
struct Review {
    session: PtySession,
    seen: String,
}

impl Review {
    /// Waits for `needle`, keeping what was shown up to and including it.
    fn expect(&mut self, needle: &str) -> &mut Review {
        let before = self.session.exp_string(needle).unwrap_or_else(|e| {
            panic!("waiting for {needle:?}: {e}\nshown so far:\n{}", self.seen)
        });
        self.seen.push_str(&before.replace("\r\n", "\n"));
        self.seen.push_str(needle);
        self
    }

    /// Waits for the prompt, then answers it.
    fn answer(&mut self, line: &str) -> &mut Review {
        self.expect("]? ");
        self.session.send_line(line).unwrap();
        self
    }

    /// Waits for the program to end; its exit code and everything it showed.
    fn finish(&mut self) -> (i32, String) {
        let rest = self.session.exp_eof().unwrap();
        self.seen.push_str(&rest.replace("\r\n", "\n"));
        let code = match self.session.process_mut().wait().unwrap() {
            WaitStatus::Exited(_, code) => code,
            other => panic!("termlint did not exit normally: {other:?}"),
        };
        (code, self.seen.clone())
    }
}

#[test]
fn accept_reject_edit_and_quit_write_exactly_those_edits() {
    let project = Project::new(&[("t.txt", TEXT)]);
    let mut review = project.review(&["t.txt"], false);
    review
        .answer("y") // 1 Byton -> Biden
        .answer("n") // 2 arrange: rejected, remembered
        .answer("e") // 3 pioneers: typed by hand
        .expect("Replace 'pioneers' with (empty: cancel): ");
    review.session.send_line("forerunners").unwrap();
    review
        .answer("1") // 4 Byton: suggestion number 1
        .answer("q")
        .expect("Quit now, writing the 3 changes accepted so far and remembering 1 decision")
        .answer("y");
    let (code, shown) = review.finish();
    assert_eq!(code, 0, "{shown}");
    // What each finding showed: progress, place, sentence with the span marked, why, change.
    assert!(
        shown.contains("[finding 1 of 5] t.txt:1:5  error[glossary.variant]"),
        "{shown}"
    );
    assert!(
        shown.contains("  The [[Byton]] administration met on Monday.\n"),
        "{shown}"
    );
    assert!(shown.contains("  why: "), "{shown}");
    assert!(
        shown.contains(
            "  - The Byton administration met on Monday.\n  + The Biden administration met on Monday.\n"
        ),
        "{shown}"
    );
    assert!(shown.contains("[finding 2 of 5] t.txt:2:12"), "{shown}");
    assert!(shown.contains("unsafe fix"), "{shown}");
    assert!(shown.contains("[finding 4 of 5] t.txt:4:11"), "{shown}");
    assert!(shown.contains("[finding 5 of 5] t.txt:5:19"), "{shown}");
    assert!(shown.contains("1 left for later"), "{shown}");
    assert!(shown.contains("Wrote 3 changes to t.txt."), "{shown}");
    assert!(
        shown.contains("Remembered 1 decision in .termlint-baseline.json."),
        "{shown}"
    );
    assert_eq!(
        project.read("t.txt"),
        TEXT.replacen("Byton", "Biden", 2)
            .replacen("Fentanyl pioneers", "Fentanyl forerunners", 1)
    );

    // The rejected finding is not reported again, by check or fix, even after edits elsewhere.
    let baseline = project.read(".termlint-baseline.json");
    assert!(baseline.contains("\"text\": \"arrange\""), "{baseline}");
    assert!(baseline.contains("\"verdict\": \"rejected\""), "{baseline}");
    assert_eq!(
        project.check(&["t.txt"]),
        "t.txt:5:19: warning[glossary.variant] 'pioneers' -> 'precursors' (0.95)\n"
    );
    let edited =
        format!("A new first line.\n\n{}", project.read("t.txt")).replace("Monday", "Tuesday");
    fs::write(project.path("t.txt"), &edited).unwrap();
    let after = project.check(&["t.txt"]);
    assert!(!after.contains("arrange"), "{after}");
    assert!(
        project
            .check(&["--no-baseline", "t.txt"])
            .contains("'arrange'")
    );
    let fixed = project.run(&["fix", "--write", "--unsafe-fixes", "-g", "g.tsv", "t.txt"]);
    assert_eq!(fixed.status.code(), Some(0));
    assert!(project.read("t.txt").contains("will arrange two"));
    assert!(project.read("t.txt").contains("fentanyl precursors resume"));
}

#[test]
fn accept_or_reject_the_rest_of_a_file() {
    let project = Project::new(&[("a.txt", TEXT), ("b.txt", TEXT)]);
    let mut review = project.review(&["a.txt", "b.txt"], false);
    review
        .answer("n") // a.txt 1
        .answer("a") // a.txt 2-5: all accepted, the unsafe one too
        .expect("Accepted 4 changes in a.txt.")
        .expect("[finding 6 of 10] b.txt:1:5")
        .answer("y") // b.txt 1
        .answer("d") // b.txt 2-5 rejected
        .expect("Rejected 4 findings in b.txt.");
    let (code, shown) = review.finish();
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("Remembered 5 decisions"), "{shown}");
    assert_eq!(
        project.read("a.txt"),
        TEXT.replace("arrange", "schedule")
            .replace("pioneers", "precursors")
            .replacen("Byton", "Biden", 2)
            .replacen("Biden", "Byton", 1)
    );
    assert_eq!(project.read("b.txt"), TEXT.replacen("Byton", "Biden", 1));
    assert_eq!(project.check(&["a.txt", "b.txt"]), "");
}

#[test]
fn undo_skip_and_exception() {
    let project = Project::new(&[("t.txt", TEXT)]);
    let mut review = project.review(&["t.txt"], false);
    review
        .answer("y")
        .answer("u")
        .expect("Undone: the decision on finding 1 of 5.")
        .expect("[finding 1 of 5]")
        .answer("x") // 1: an accepted exception
        .answer("s") // 2: skipped, asked again next time
        .answer("u") // takes the skip back
        .expect("[finding 2 of 5]")
        .answer("s")
        .answer("n") // 3
        .answer("u")
        .answer("u")
        .expect("[finding 2 of 5]")
        .answer("y") // 2 accepted after all
        .answer("q")
        .answer("y");
    let (code, shown) = review.finish();
    assert_eq!(code, 0, "{shown}");
    assert_eq!(project.read("t.txt"), TEXT.replace("arrange", "schedule"));
    let baseline = project.read(".termlint-baseline.json");
    assert!(
        baseline.contains("\"verdict\": \"exception\""),
        "{baseline}"
    );
    assert!(
        !baseline.contains("pioneers"),
        "undone rejection kept: {baseline}"
    );
    let after = project.check(&["t.txt"]);
    assert!(!after.contains(":1:5:"), "the exception came back: {after}");
    assert!(after.contains("t.txt:3:10:"), "{after}");
}

#[test]
fn help_unknown_answers_and_a_cancelled_quit() {
    let project = Project::new(&[("t.txt", TEXT)]);
    let mut review = project.review(&["t.txt"], false);
    review
        .answer("?")
        .expect("u - undo the last decision")
        .answer("z")
        .expect("Unknown answer 'z'")
        .answer("e")
        .expect("(empty: cancel): ");
    review.session.send_line("").unwrap();
    review
        .answer("q")
        .answer("n") // not quitting after all: still finding 1
        .answer("y")
        .expect("[finding 2 of 5]");
    // The end of input (Ctrl-D) quits and keeps what was decided.
    review.session.send_control('d').unwrap();
    let (code, shown) = review.finish();
    assert_eq!(code, 0, "{shown}");
    assert_eq!(project.read("t.txt"), TEXT.replacen("Byton", "Biden", 1));
}

#[test]
fn a_file_changed_during_review_is_not_written() {
    let project = Project::new(&[("t.txt", TEXT)]);
    let mut review = project.review(&["t.txt"], false);
    review.answer("y").answer("y").expect("[finding 3 of 5]");
    let theirs = format!("{TEXT}\nA line someone added meanwhile.\n");
    fs::write(project.path("t.txt"), &theirs).unwrap();
    review.answer("n").answer("q").answer("y");
    let (code, shown) = review.finish();
    assert_eq!(code, 2, "{shown}");
    assert!(
        shown.contains("t.txt: not written: the file changed on disk since it was read"),
        "{shown}"
    );
    assert!(
        shown.contains("Your 2 accepted changes to t.txt were not written"),
        "{shown}"
    );
    assert!(
        shown.contains("+The Biden administration met on Monday."),
        "{shown}"
    );
    assert_eq!(project.read("t.txt"), theirs, "the other edit was kept");
    assert!(
        !project.path(".termlint-baseline.json").exists(),
        "the rejection made on the old text is not remembered: {shown}"
    );
}

#[test]
fn colour_on_a_terminal() {
    let project = Project::new(&[("t.txt", TEXT)]);
    let mut review = project.review(&["t.txt"], true);
    review.answer("q").answer("y");
    let (code, shown) = review.finish();
    assert_eq!(code, 0);
    assert!(shown.contains("\u{1b}["), "no colour: {shown}");
    assert!(!shown.contains("[[Byton]]"), "{shown}");
    assert_eq!(project.read("t.txt"), TEXT);
}

#[test]
fn without_a_terminal_review_points_to_patch() {
    let project = Project::new(&[("t.txt", TEXT)]);
    let o = project.run(&["review", "-g", "g.tsv", "t.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(stderr.contains("stdin is not a terminal"), "{stderr}");
    assert!(stderr.contains("review --patch FILE"), "{stderr}");
    assert_eq!(project.read("t.txt"), TEXT);
}

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn patch_applies_with_git_and_patch_and_equals_fix_write() {
    let crlf = TEXT.replace('\n', "\r\n");
    for unsafe_fixes in [false, true] {
        let project = Project::new(&[("t.txt", TEXT), ("docs/c.txt", "")]);
        let dir = project.dir.path();
        fs::remove_dir(dir.join(".git")).unwrap();
        fs::write(dir.join("docs/c.txt"), &crlf).unwrap();
        assert!(git(dir, &["init", "-q", "."]).status.success());
        // Paths given as absolute and as ./ must come out relative to the current folder.
        let absolute = dir.join("t.txt").display().to_string();
        let mut args = vec!["review", "--patch", "out.patch", "-g", "g.tsv"];
        args.extend([absolute.as_str(), "./docs/c.txt"]);
        let mut fix = vec!["fix", "--write", "-g", "g.tsv", "t.txt", "docs/c.txt"];
        if unsafe_fixes {
            args.push("--unsafe-fixes");
            fix.push("--unsafe-fixes");
        }
        let o = project.run(&args);
        assert_eq!(o.status.code(), Some(0), "{o:?}");
        let patch = project.read("out.patch");
        assert!(patch.starts_with("--- a/t.txt\n+++ b/t.txt\n"), "{patch}");
        assert!(
            patch.contains("--- a/docs/c.txt\n+++ b/docs/c.txt\n"),
            "{patch}"
        );
        assert!(patch.contains("\\ No newline at end of file"), "{patch}");
        assert_eq!(patch.contains("schedule"), unsafe_fixes, "{patch}");

        let check = git(dir, &["apply", "--check", "out.patch"]);
        assert!(
            check.status.success(),
            "git apply --check: {check:?}\n{patch}"
        );
        let dry = Command::new("patch")
            .args(["-p1", "--dry-run", "-i", "out.patch"])
            .current_dir(dir)
            .output();
        if let Ok(dry) = dry {
            assert!(dry.status.success(), "patch -p1: {dry:?}");
        }
        assert!(git(dir, &["apply", "out.patch"]).status.success());
        let patched = (
            fs::read(dir.join("t.txt")).unwrap(),
            fs::read(dir.join("docs/c.txt")).unwrap(),
        );

        fs::write(dir.join("t.txt"), TEXT).unwrap();
        fs::write(dir.join("docs/c.txt"), &crlf).unwrap();
        project.run(&fix);
        let fixed = (
            fs::read(dir.join("t.txt")).unwrap(),
            fs::read(dir.join("docs/c.txt")).unwrap(),
        );
        assert_eq!(
            patched, fixed,
            "patch and fix --write differ (unsafe: {unsafe_fixes})"
        );
        assert_ne!(fixed.0, TEXT.as_bytes());
    }
}

#[test]
fn a_patch_is_not_written_for_files_outside_the_current_folder() {
    let project = Project::new(&[("t.txt", TEXT), ("work/g.tsv", GLOSSARY)]);
    let o = project
        .command(&["review", "--patch", "out.patch", "-g", "g.tsv", "../t.txt"])
        .current_dir(project.path("work"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(
        stderr.contains("../t.txt: outside the current folder"),
        "{stderr}"
    );
    assert!(!project.path("work/out.patch").exists());
    assert_eq!(project.read("t.txt"), TEXT);
}

#[test]
fn patch_to_stdout_leaves_files_alone() {
    let project = Project::new(&[("t.txt", TEXT)]);
    let o = project.run(&["review", "--patch", "-", "-g", "g.tsv", "t.txt"]);
    assert_eq!(o.status.code(), Some(0));
    let patch = String::from_utf8(o.stdout).unwrap();
    assert!(
        patch.contains("+The Biden administration met on Monday."),
        "{patch}"
    );
    assert_eq!(project.read("t.txt"), TEXT);
}
