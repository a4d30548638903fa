//! Acceptance of issue #2: `fix --write` on the seed article saved with CRLF line ends and a
//! BOM applies exactly the safe fixes and keeps every other byte and the file's permissions.
//!
//! That `fix --write` refuses a file changed between read and write cannot be timed from
//! outside the process; it is unit-tested in `src/write.rs`.

use std::fs;
use std::path::Path;

mod common;

use common::{corpus, run};

const BOM: &str = "\u{feff}";

/// The findings of `check --format jsonl` on `path`, one JSON object each.
fn findings(dir: &Path, path: &str, glossary: &str) -> Vec<serde_json::Value> {
    let o = run(dir, &["check", path, "-g", glossary, "--format", "jsonl"]);
    assert_ne!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn is_safe(finding: &serde_json::Value) -> bool {
    finding["fix"]["applicability"] == "safe"
}

/// One edit of a fix: byte range into the file as read, and its replacement.
struct Edit {
    start: usize,
    end: usize,
    content: String,
}

/// The edits of the safe fixes, as the README says `fix --write` applies them: in order of
/// position, a fix that overlaps one already taken is skipped.
fn safe_edits(findings: &[serde_json::Value]) -> Vec<Edit> {
    let mut fixes: Vec<Vec<Edit>> = findings
        .iter()
        .filter(|f| is_safe(f))
        .map(|f| {
            let mut edits: Vec<Edit> = f["fix"]["edits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| Edit {
                    start: e["start"].as_u64().unwrap() as usize,
                    end: e["end"].as_u64().unwrap() as usize,
                    content: e["content"].as_str().unwrap().to_string(),
                })
                .collect();
            edits.sort_by_key(|e| (e.start, e.end));
            edits
        })
        .collect();
    fixes.sort_by_key(|edits| edits.first().map(|e| (e.start, e.end)));
    let mut taken: Vec<Edit> = Vec::new();
    for fix in fixes {
        let clashes = fix
            .iter()
            .any(|e| taken.iter().any(|t| e.start < t.end && t.start < e.end));
        if !clashes {
            taken.extend(fix);
        }
    }
    taken.sort_by_key(|e| (e.start, e.end));
    taken
}

/// Applies non-overlapping edits to `bytes`, last first so earlier offsets stay valid.
fn apply(bytes: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for edit in edits.iter().rev() {
        assert!(edit.start <= edit.end && edit.end <= bytes.len());
        out.splice(edit.start..edit.end, edit.content.bytes());
    }
    out
}

#[test]
fn fix_write_on_crlf_bom_seed_leaves_no_safe_finding_and_keeps_other_bytes() {
    let seed = fs::read_to_string(corpus("seed/article.txt")).unwrap();
    assert!(!seed.contains('\r'), "the seed has LF line ends");
    let lines = seed.matches('\n').count();
    let original = format!("{BOM}{}", seed.replace('\n', "\r\n"));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    fs::write(&path, &original).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    }
    let p = path.to_str().unwrap();
    let glossary = corpus("glossaries/fentanyl-policy.toml");
    let g = glossary.to_str().unwrap();

    let before = findings(dir.path(), p, g);
    let edits = safe_edits(&before);
    assert!(
        !edits.is_empty(),
        "the seed has safe fixes to apply: {before:?}"
    );
    for f in &before {
        let (start, end) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &original.as_bytes()[start..end],
            f["text"].as_str().unwrap().as_bytes(),
            "spans are byte offsets into the file as read (BOM and CRLF included)"
        );
    }
    let expected = apply(original.as_bytes(), &edits);

    let o = run(
        dir.path(),
        &["fix", "--write", p, "-g", g, "--format", "brief"],
    );
    assert_ne!(
        o.status.code(),
        Some(2),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );

    let after = fs::read(&path).unwrap();
    if after != expected {
        let (expected, written) = (
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(&after),
        );
        panic!(
            "fix --write changed bytes outside the safe fixes' spans:\n{}",
            similar::TextDiff::from_lines(expected.as_ref(), written.as_ref())
                .unified_diff()
                .header("expected", "written")
        );
    }
    let after = String::from_utf8(after).unwrap();
    assert!(after.starts_with(BOM), "the BOM is kept");
    assert_eq!(after.matches("\r\n").count(), lines, "line ends are kept");
    assert_eq!(
        after.matches('\n').count(),
        after.matches("\r\n").count(),
        "every line ends with CRLF"
    );
    assert_eq!(
        after.matches('\r').count(),
        lines,
        "no stray carriage return"
    );
    assert_eq!(
        after.ends_with("\r\n"),
        seed.ends_with('\n'),
        "the end of the file is kept"
    );

    let remaining: Vec<_> = findings(dir.path(), p, g)
        .into_iter()
        .filter(is_safe)
        .collect();
    assert!(
        remaining.is_empty(),
        "safe findings remain after fix --write: {remaining:#?}"
    );

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "permissions are kept: {mode:o}");
    }
}
