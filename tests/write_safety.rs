//! What `fix --write` promises about the files it writes (issue #11): no byte lost, metadata
//! kept, read-only and hard-linked files refused unless forced, concurrent runs and appending
//! processes never silently overwritten, nothing left behind on Ctrl-C.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Byton -> Biden and pioneers -> precursors, both safe.
const GLOSSARY: &str = "term\tvariants\tcontext\tkind\tfix\tseverity\n\
                        precursor\tpioneer\tfentanyl\tterm\tsafe\twarning\n\
                        Biden\tByton\t\tname\tsafe\terror\n";
const ONLY_BIDEN: &str = "term\tvariants\tkind\tfix\tseverity\nBiden\tByton\tname\tsafe\terror\n";
const ONLY_PRECURSOR: &str = "term\tvariants\tcontext\tkind\tfix\tseverity\n\
                              precursor\tpioneer\tfentanyl\tterm\tsafe\twarning\n";

const TEXT: &str = "The Byton administration met.\nFentanyl pioneers were seized.\n";
const FIXED: &str = "The Biden administration met.\nFentanyl precursors were seized.\n";

fn termlint(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_termlint"));
    command
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

const FAST: [&str; 4] = [
    "--no-derive",
    "--no-near-miss",
    "--no-doubled-words",
    "--format=brief",
];

fn fix_write(dir: &Path, file: &str, glossary: &str, extra: &[&str]) -> Output {
    termlint(dir)
        .args(["fix", "--write", file, "-g", glossary])
        .args(FAST)
        .args(extra)
        .output()
        .unwrap()
}

fn setup(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("g.tsv"), GLOSSARY).unwrap();
    let path = dir.path().join("a.txt");
    fs::write(&path, text).unwrap();
    (dir, path)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn fix_write_keeps_bom_crlf_and_trailing_bytes() {
    let text =
        "\u{feff}The Byton administration met.\r\n\r\nFentanyl pioneers were seized.  \r\n\r\n \t";
    let (dir, path) = setup(text);
    let o = fix_write(dir.path(), "a.txt", "g.tsv", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        fs::read(&path).unwrap(),
        "\u{feff}The Biden administration met.\r\n\r\nFentanyl precursors were seized.  \r\n\r\n \t"
            .as_bytes()
    );
}

#[test]
fn fix_write_keeps_the_mode_and_writes_through_symlinks() {
    let (dir, path) = setup(TEXT);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("a.txt", dir.path().join("link.txt")).unwrap();
    let o = fix_write(dir.path(), "link.txt", "g.tsv", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXED);
    assert_eq!(fs::metadata(&path).unwrap().mode() & 0o7777, 0o640);
    let link = fs::symlink_metadata(dir.path().join("link.txt")).unwrap();
    assert!(link.file_type().is_symlink());
}

#[test]
fn fix_write_refuses_a_read_only_file_unless_forced() {
    let (dir, path) = setup(TEXT);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let o = fix_write(dir.path(), "a.txt", "g.tsv", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("a.txt: not written: the file is read-only"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), TEXT);
    let o = fix_write(dir.path(), "a.txt", "g.tsv", &["--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXED);
    assert_eq!(fs::metadata(&path).unwrap().mode() & 0o7777, 0o444);
}

#[test]
fn fix_write_refuses_a_hard_linked_file_unless_forced() {
    let (dir, path) = setup(TEXT);
    let other = dir.path().join("other-name.txt");
    fs::hard_link(&path, &other).unwrap();
    let o = fix_write(dir.path(), "a.txt", "g.tsv", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("a.txt: not written: the file has 2 hard links"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), TEXT);
    let o = fix_write(dir.path(), "a.txt", "g.tsv", &["--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXED);
    assert_eq!(
        fs::read_to_string(&other).unwrap(),
        FIXED,
        "both names see the fix"
    );
    assert_eq!(fs::metadata(&path).unwrap().nlink(), 2);
}

#[test]
fn fix_write_keeps_owner_and_group() {
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: needs root to give a file to nobody");
        return;
    }
    let (dir, path) = setup(TEXT);
    std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o664)).unwrap();
    let o = fix_write(dir.path(), "a.txt", "g.tsv", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let meta = fs::metadata(&path).unwrap();
    assert_eq!(
        (meta.uid(), meta.gid(), meta.mode() & 0o7777),
        (65534, 65534, 0o664)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXED);
}

/// A process appends a line every few milliseconds through a handle it keeps open while
/// `fix --write` runs: every line must end up in the file (or in a file termlint names).
#[test]
fn fix_write_never_drops_lines_a_process_appends_meanwhile() {
    for trial in 0..5 {
        let (dir, path) = setup(TEXT);
        let mut appender = Command::new("sh")
            .arg("-c")
            .arg("exec 3>>a.txt; i=0; while [ $i -lt 60 ]; do echo line$i >&3; sleep 0.005; i=$((i+1)); done")
            .current_dir(dir.path())
            .spawn()
            .unwrap();
        while !fs::read_to_string(&path).unwrap().contains("line0\n") {
            std::thread::sleep(Duration::from_millis(1));
        }
        let o = fix_write(dir.path(), "a.txt", "g.tsv", &[]);
        appender.wait().unwrap();
        let mut everything = fs::read_to_string(&path).unwrap();
        for name in names_in(dir.path()) {
            if name.contains(".termlint-old-") {
                everything += &fs::read_to_string(dir.path().join(name)).unwrap();
            }
        }
        for i in 0..60 {
            assert!(
                everything.contains(&format!("line{i}\n")),
                "trial {trial}: line{i} lost; fix exited {:?}: {}",
                o.status.code(),
                stderr(&o)
            );
        }
        assert_eq!(o.status.code(), Some(2), "trial {trial}: {}", stderr(&o));
        assert!(stderr(&o).contains("a.txt"), "{}", stderr(&o));
        assert!(!names_in(dir.path()).iter().any(|n| n.ends_with(".tmp")));
    }
}

/// Two runs at once fix different words of one file. A run that reports success must find
/// its fix in the file afterwards; the other either saw the first one's result (and fixed it
/// further) or refused with exit 2.
#[test]
fn concurrent_fix_runs_never_lose_a_fix() {
    for trial in 0..40 {
        let (dir, path) = setup(TEXT);
        fs::write(dir.path().join("biden.tsv"), ONLY_BIDEN).unwrap();
        fs::write(dir.path().join("precursor.tsv"), ONLY_PRECURSOR).unwrap();
        let spawn = |glossary: &str| {
            termlint(dir.path())
                .args(["fix", "--write", "a.txt", "-g", glossary])
                .args(FAST)
                .spawn()
                .unwrap()
        };
        let a = spawn("biden.tsv");
        let b = spawn("precursor.tsv");
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        let text = fs::read_to_string(&path).unwrap();
        for (run, output, fixed) in [("a", &a, "Biden"), ("b", &b, "precursors")] {
            match output.status.code() {
                Some(0) => assert!(
                    text.contains(fixed),
                    "trial {trial}: run {run} exited 0 but its fix was lost: {text:?}"
                ),
                Some(2) => assert!(
                    stderr(output).contains("changed on disk"),
                    "{}",
                    stderr(output)
                ),
                other => panic!(
                    "trial {trial}: run {run} exited {other:?}: {}",
                    stderr(output)
                ),
            }
        }
        assert!(a.status.success() || b.status.success(), "one of them wins");
        assert_eq!(
            names_in(dir.path()),
            ["a.txt", "biden.tsv", "g.tsv", "precursor.tsv"]
        );
    }
}

/// Starts `fix --write` on a big file, waits until its temporary file exists, and sends
/// `signal`: the run exits 128 + signal, the temporary file is gone, the original untouched.
fn interrupt_mid_write(signal: i32) {
    let mut text =
        "The committee met on Tuesday and talked about the weather for a while.\n".repeat(600_000);
    text.push_str(TEXT);
    for _attempt in 0..5 {
        let (dir, path) = setup(&text);
        let mut child = termlint(dir.path())
            .args(["fix", "--write", "a.txt", "-g", "g.tsv"])
            .args(FAST)
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(120);
        let mut seen = false;
        while Instant::now() < deadline {
            if names_in(dir.path()).iter().any(|n| n.ends_with(".tmp")) {
                seen = true;
                break;
            }
            if child.try_wait().unwrap().is_some() {
                break;
            }
        }
        if !seen {
            // The write was quicker than the polling; try again.
            child.wait().unwrap();
            continue;
        }
        unsafe { libc::kill(child.id() as i32, signal) };
        let status = child.wait().unwrap();
        if status.code() == Some(0) {
            // The rename came first: a finished write is fine too, but proves nothing.
            continue;
        }
        assert_eq!(status.code(), Some(128 + signal));
        assert_eq!(
            names_in(dir.path()),
            ["a.txt", "g.tsv"],
            "no temporary file left"
        );
        assert!(
            fs::read(&path).unwrap() == text.as_bytes(),
            "the original is untouched"
        );
        return;
    }
    panic!("never caught the write in progress");
}

#[test]
fn ctrl_c_mid_write_removes_the_temporary_file_and_exits_130() {
    interrupt_mid_write(libc::SIGINT);
}

#[test]
fn sigterm_mid_write_removes_the_temporary_file_and_exits_143() {
    interrupt_mid_write(libc::SIGTERM);
}
