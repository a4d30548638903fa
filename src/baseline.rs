//! Remembered review decisions: findings a reviewer rejected, or accepted as exceptions, are
//! stored in a baseline file and not reported again.
//!
//! A decision is keyed by what a reader would recognise, not by byte offsets: the file (relative
//! to the baseline's folder), the rule, the flagged text and up to [`CONTEXT_WORDS`] words on
//! each side, lowercased. Edits elsewhere in the text leave it intact. A decision matches every
//! finding with the same key; when none has the same key (the words on one side changed), it
//! matches the one finding that still agrees on the rule, the text and one side.
//!
//! ```
//! use termlint::baseline::{Baseline, Decision, Verdict};
//! use termlint::{CheckOptions, Checker};
//! use termlint::glossary::Glossary;
//!
//! let glossary = Glossary::parse("g.tsv", "term\tvariants\nBiden\tByton\n").unwrap();
//! let checker = Checker::new(glossary, CheckOptions::default());
//! let text = "Byton spoke. Later Byton left.";
//! let findings = checker.check(text);
//! let mut baseline = Baseline::default();
//! baseline.add(Decision::new("a.txt", text, &findings[1], Verdict::Rejected));
//!
//! // An edit elsewhere does not bring the rejected finding back.
//! let edited = "Mr Byton spoke at length. Later Byton left.";
//! let kept = baseline.filter("a.txt", edited, checker.check(edited)).0;
//! assert_eq!(kept.len(), 1);
//! assert_eq!(&edited[kept[0].span.start..kept[0].span.end], "Byton");
//! assert_eq!(kept[0].span.start, 3);
//! ```

use std::fs;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::check::finding::Finding;
use crate::fix::write::{WriteError, create_new, write_atomic};

/// The baseline's file name, looked up in the current folder and its parents.
pub const FILE_NAME: &str = ".termlint-baseline.json";

/// How many words on each side of a finding its key holds.
pub const CONTEXT_WORDS: usize = 3;

const VERSION: u32 = 1;

/// What a reviewer decided about a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The suggestion is wrong here: the text stays.
    Rejected,
    /// The finding is right in general, but this occurrence is allowed.
    Exception,
}

/// One remembered decision.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Decision {
    /// The file, relative to the baseline's folder, `/`-separated.
    pub path: String,
    pub rule: String,
    /// The flagged text, exactly as in the file.
    pub text: String,
    /// Up to [`CONTEXT_WORDS`] words before the text, lowercased, space-separated.
    pub before: String,
    /// Up to [`CONTEXT_WORDS`] words after the text.
    pub after: String,
    pub verdict: Verdict,
    /// The suggestion that was turned down, for readers of the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

impl Decision {
    /// The decision about `finding` in `content`, the text of the file keyed `path`.
    pub fn new(path: &str, content: &str, finding: &Finding, verdict: Verdict) -> Decision {
        let key = Key::of(content, finding);
        Decision {
            path: path.to_string(),
            rule: key.rule.to_string(),
            text: key.text.to_string(),
            before: key.before,
            after: key.after,
            verdict,
            suggestion: finding.suggestions.first().cloned(),
        }
    }

    fn same_target(&self, key: &Key) -> bool {
        self.rule == key.rule && self.text == key.text
    }
}

/// What identifies a finding across edits.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key<'a> {
    rule: &'a str,
    text: &'a str,
    before: String,
    after: String,
}

impl<'a> Key<'a> {
    fn of(content: &'a str, finding: &Finding) -> Key<'a> {
        let (start, end) = (finding.span.start, finding.span.end);
        let is_gap = |c: char| !c.is_alphanumeric();
        let mut before: Vec<&str> = content[..start]
            .rsplit(is_gap)
            .filter(|w| !w.is_empty())
            .take(CONTEXT_WORDS)
            .collect();
        before.reverse();
        let after: Vec<&str> = content[end..]
            .split(is_gap)
            .filter(|w| !w.is_empty())
            .take(CONTEXT_WORDS)
            .collect();
        Key {
            rule: finding.rule,
            text: &content[start..end],
            before: before.join(" ").to_lowercase(),
            after: after.join(" ").to_lowercase(),
        }
    }
}

/// Why a baseline could not be read or saved.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("{path}: cannot read the baseline: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a termlint baseline: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("{path}: cannot save the baseline: {source}")]
    Save {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot save the baseline: {0}")]
    Write(#[source] WriteError),
}

#[derive(Serialize, Deserialize)]
struct FileFormat {
    version: u32,
    decisions: Vec<Decision>,
}

/// A set of remembered decisions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    decisions: Vec<Decision>,
}

impl Baseline {
    /// Parses the JSON form written by [`Baseline::to_json`].
    pub fn parse(json: &str) -> Result<Baseline, String> {
        let file: FileFormat = serde_json::from_str(json).map_err(|e| e.to_string())?;
        if file.version != VERSION {
            return Err(format!(
                "version {} (this termlint reads version {VERSION})",
                file.version
            ));
        }
        let mut baseline = Baseline::default();
        for decision in file.decisions {
            baseline.add(decision);
        }
        Ok(baseline)
    }

    /// The JSON form: sorted and pretty-printed, so it diffs well under version control.
    pub fn to_json(&self) -> String {
        let file = FileFormat {
            version: VERSION,
            decisions: self.decisions.clone(),
        };
        let mut json = serde_json::to_string_pretty(&file).unwrap_or_default();
        json.push('\n');
        json
    }

    pub fn decisions(&self) -> &[Decision] {
        &self.decisions
    }

    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty()
    }

    /// Adds a decision; a later decision about the same key replaces an earlier one.
    pub fn add(&mut self, decision: Decision) {
        self.decisions.retain(|d| {
            (&d.path, &d.rule, &d.text, &d.before, &d.after)
                != (
                    &decision.path,
                    &decision.rule,
                    &decision.text,
                    &decision.before,
                    &decision.after,
                )
        });
        let at = self.decisions.partition_point(|d| *d < decision);
        self.decisions.insert(at, decision);
    }

    /// For each finding in `content` (the text of the file keyed `path`), whether a decision
    /// covers it.
    pub fn covered(&self, path: &str, content: &str, findings: &[Finding]) -> Vec<bool> {
        let mut covered = vec![false; findings.len()];
        let keys: Vec<Key> = findings.iter().map(|f| Key::of(content, f)).collect();
        for decision in self.decisions.iter().filter(|d| d.path == path) {
            let targets: Vec<usize> = (0..keys.len())
                .filter(|&i| decision.same_target(&keys[i]))
                .collect();
            let exact: Vec<usize> = targets
                .iter()
                .copied()
                .filter(|&i| decision.before == keys[i].before && decision.after == keys[i].after)
                .collect();
            if exact.is_empty() {
                let near: Vec<usize> = targets
                    .into_iter()
                    .filter(|&i| {
                        decision.before == keys[i].before || decision.after == keys[i].after
                    })
                    .collect();
                if let [only] = near[..] {
                    covered[only] = true;
                }
            } else {
                for i in exact {
                    covered[i] = true;
                }
            }
        }
        covered
    }

    /// Splits findings into those still to report and those a decision covers.
    pub fn filter(
        &self,
        path: &str,
        content: &str,
        findings: Vec<Finding>,
    ) -> (Vec<Finding>, Vec<Finding>) {
        let covered = self.covered(path, content, &findings);
        let (mut kept, mut hidden) = (Vec::new(), Vec::new());
        for (finding, covered) in findings.into_iter().zip(covered) {
            if covered {
                hidden.push(finding);
            } else {
                kept.push(finding);
            }
        }
        (kept, hidden)
    }

    /// Reads a baseline file; a missing file is an empty baseline.
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        Ok(Baseline::read(path)?.0)
    }

    fn read(path: &Path) -> Result<(Baseline, Option<Vec<u8>>), BaselineError> {
        let bytes = match fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok((Baseline::default(), None));
            }
            Err(source) => {
                return Err(BaselineError::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        let invalid = |message: String| BaselineError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let text = std::str::from_utf8(&bytes).map_err(|e| invalid(e.to_string()))?;
        let baseline = Baseline::parse(text).map_err(invalid)?;
        Ok((baseline, Some(bytes)))
    }

    /// Adds `decisions` to the baseline file at `path` (created if missing), atomically. The
    /// file is read again first, so decisions saved by another run meanwhile are kept.
    pub fn record(path: &Path, decisions: &[Decision]) -> Result<(), BaselineError> {
        let save = |source| BaselineError::Save {
            path: path.to_path_buf(),
            source,
        };
        for _ in 0..3 {
            let (mut baseline, read) = Baseline::read(path)?;
            for decision in decisions {
                baseline.add(decision.clone());
            }
            let json = baseline.to_json();
            match read {
                Some(old) => match write_atomic(path, &old, json.as_bytes()) {
                    Ok(()) => return Ok(()),
                    Err(WriteError::Changed(_)) => continue,
                    Err(e) => return Err(BaselineError::Write(e)),
                },
                None => match create_new(path, json.as_bytes()) {
                    Ok(()) => return Ok(()),
                    // Created by another run meanwhile: merge with it.
                    Err(WriteError::Exists(_)) => continue,
                    Err(e) => return Err(BaselineError::Write(e)),
                },
            }
        }
        Err(save(std::io::Error::other(
            "the file kept changing while it was saved",
        )))
    }
}

/// Where the baseline lives when none is named: the nearest `.termlint-baseline.json` in
/// `cwd` or a parent folder; else the root of the enclosing project (the nearest folder holding
/// `.git`); else `cwd`.
pub fn discover(cwd: &Path) -> PathBuf {
    for dir in cwd.ancestors() {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return candidate;
        }
        if dir.join(".git").exists() {
            return candidate;
        }
    }
    cwd.join(FILE_NAME)
}

/// Lexically cleans an absolute or relative path: drops `.` components and resolves `..`
/// against the components before it.
pub fn clean(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to `base` (both absolute and clean), `/`-separated; `None` when `path` is
/// not inside `base`.
pub fn relative(path: &Path, base: &Path) -> Option<String> {
    let rest = path.strip_prefix(base).ok()?;
    let parts: Vec<String> = rest
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Severity;
    use crate::text::span::Span;

    fn finding(text: &str, needle: &str, nth: usize) -> Finding {
        let start = text.match_indices(needle).nth(nth).unwrap().0;
        Finding {
            rule: "glossary.variant",
            span: Span::new(start, start + needle.len()),
            kind: None,
            severity: Severity::Warning,
            confidence: 0.9,
            message: String::new(),
            suggestions: vec!["precursors".into()],
            fix: None,
            entry: None,
            evidence: Vec::new(),
        }
    }

    const TEXT: &str = "China controls fentanyl pioneers. Exports of pioneers fell.";

    #[test]
    fn key_holds_words_around_the_text_not_offsets() {
        let d = Decision::new(
            "a.txt",
            TEXT,
            &finding(TEXT, "pioneers", 1),
            Verdict::Rejected,
        );
        assert_eq!(d.text, "pioneers");
        assert_eq!(d.before, "pioneers exports of");
        assert_eq!(d.after, "fell");
        assert_eq!(d.suggestion.as_deref(), Some("precursors"));
    }

    /// A baseline holding one decision, on the first "pioneers" of `TEXT` in a.txt.
    fn decided_on_first_pioneers(verdict: Verdict) -> Baseline {
        let mut baseline = Baseline::default();
        baseline.add(Decision::new(
            "a.txt",
            TEXT,
            &finding(TEXT, "pioneers", 0),
            verdict,
        ));
        baseline
    }

    #[test]
    fn covers_only_the_decided_occurrence() {
        let baseline = decided_on_first_pioneers(Verdict::Rejected);
        let findings = [finding(TEXT, "pioneers", 0), finding(TEXT, "pioneers", 1)];
        assert_eq!(baseline.covered("a.txt", TEXT, &findings), [true, false]);
        assert_eq!(baseline.covered("b.txt", TEXT, &findings), [false, false]);
    }

    #[test]
    fn survives_edits_elsewhere_and_on_one_side() {
        let baseline = decided_on_first_pioneers(Verdict::Exception);
        let moved =
            "New first line.\n\nChina   controls fentanyl pioneers. Exports of pioneers fell.";
        let findings = [finding(moved, "pioneers", 0), finding(moved, "pioneers", 1)];
        assert_eq!(baseline.covered("a.txt", moved, &findings), [true, false]);
        // The words after it changed: the one candidate agreeing on the words before is it.
        let changed = "China controls fentanyl pioneers, it says. Exports of pioneers fell.";
        let findings = [
            finding(changed, "pioneers", 0),
            finding(changed, "pioneers", 1),
        ];
        assert_eq!(baseline.covered("a.txt", changed, &findings), [true, false]);
    }

    #[test]
    fn does_not_cover_a_text_changed_on_both_sides() {
        let baseline = decided_on_first_pioneers(Verdict::Rejected);
        let other = "Nobody counts the pioneers of aviation.";
        assert_eq!(
            baseline.covered("a.txt", other, &[finding(other, "pioneers", 0)]),
            [false]
        );
    }

    #[test]
    fn json_round_trips_sorted_and_deduplicated() {
        let mut baseline = Baseline::default();
        let second = Decision::new(
            "b.txt",
            TEXT,
            &finding(TEXT, "pioneers", 0),
            Verdict::Rejected,
        );
        let first = Decision::new(
            "a.txt",
            TEXT,
            &finding(TEXT, "pioneers", 0),
            Verdict::Rejected,
        );
        baseline.add(second.clone());
        baseline.add(first.clone());
        baseline.add(Decision {
            verdict: Verdict::Exception,
            ..first.clone()
        });
        let json = baseline.to_json();
        assert!(json.contains("\"verdict\": \"exception\""), "{json}");
        let parsed = Baseline::parse(&json).unwrap();
        assert_eq!(parsed, baseline);
        assert_eq!(parsed.decisions().len(), 2);
        assert_eq!(parsed.decisions()[0].path, "a.txt");
        assert!(Baseline::parse("{\"version\": 9, \"decisions\": []}").is_err());
    }

    #[test]
    fn record_creates_then_merges() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let a = Decision::new(
            "a.txt",
            TEXT,
            &finding(TEXT, "pioneers", 0),
            Verdict::Rejected,
        );
        let b = Decision::new(
            "a.txt",
            TEXT,
            &finding(TEXT, "pioneers", 1),
            Verdict::Rejected,
        );
        Baseline::record(&path, std::slice::from_ref(&a)).unwrap();
        Baseline::record(&path, std::slice::from_ref(&b)).unwrap();
        let loaded = Baseline::load(&path).unwrap();
        assert_eq!(loaded.decisions().len(), 2);
        assert!(
            Baseline::load(&dir.path().join("missing.json"))
                .unwrap()
                .is_empty()
        );
        fs::write(&path, "not json").unwrap();
        assert!(matches!(
            Baseline::load(&path),
            Err(BaselineError::Invalid { .. })
        ));
    }

    /// The baseline is meant to be committed, so it is created like any new file: 0666 less
    /// the umask (0644 here), not the 0600 of a private temporary file.
    #[test]
    fn a_new_baseline_honours_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let a = Decision::new(
            "a.txt",
            TEXT,
            &finding(TEXT, "pioneers", 0),
            Verdict::Rejected,
        );
        Baseline::record(&path, std::slice::from_ref(&a)).unwrap();
        let status = fs::read_to_string("/proc/self/status").unwrap();
        let umask = status
            .lines()
            .find_map(|l| l.strip_prefix("Umask:"))
            .map(|m| u32::from_str_radix(m.trim(), 8).unwrap())
            .unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !umask);
    }

    #[test]
    fn discovers_the_project_root() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("docs/en");
        fs::create_dir_all(&sub).unwrap();
        fs::create_dir(dir.path().join(".git")).unwrap();
        assert_eq!(discover(&sub), dir.path().join(FILE_NAME));
        fs::write(sub.join(FILE_NAME), "{}").unwrap();
        assert_eq!(discover(&sub), sub.join(FILE_NAME));
    }

    #[test]
    fn relative_paths_are_clean_and_slash_separated() {
        let base = Path::new("/w/proj");
        let file = clean(Path::new("/w/proj/./docs/../text/a.txt"));
        assert_eq!(relative(&file, base).as_deref(), Some("text/a.txt"));
        assert_eq!(relative(Path::new("/elsewhere/a.txt"), base), None);
        assert_eq!(clean(Path::new("./a/./b")), PathBuf::from("a/b"));
        assert_eq!(clean(Path::new("../a")), PathBuf::from("../a"));
        assert_eq!(clean(Path::new("a/../../b")), PathBuf::from("../b"));
        assert_eq!(clean(Path::new("/../b")), PathBuf::from("/b"));
    }
}
