//! The baseline as the commands use it: where it lives, how files are named in it, and how
//! paths are named in patches.

use std::path::{Path, PathBuf};

use termlint::baseline::{self, Baseline, BaselineError, Decision};
use termlint::check::finding::Finding;
use termlint::text::source::SourceText;

use super::args::BaselineArgs;

/// The remembered decisions in force for a run.
pub struct Remembered {
    /// The baseline file, read (unless `--no-baseline`) and written by review.
    pub file: PathBuf,
    /// The folder paths in the baseline are relative to.
    root: PathBuf,
    cwd: PathBuf,
    /// Empty under `--no-baseline`.
    baseline: Baseline,
}

impl Remembered {
    pub fn open(args: &BaselineArgs) -> Result<Remembered, String> {
        let cwd =
            std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
        let cwd = baseline::clean(&cwd);
        let file = match &args.baseline {
            Some(file) => baseline::clean(&cwd.join(file)),
            None => baseline::discover(&cwd),
        };
        let root = file.parent().map_or_else(|| cwd.clone(), Path::to_path_buf);
        let baseline = if args.no_baseline {
            Baseline::default()
        } else {
            Baseline::load(&file).map_err(|e| e.to_string())?
        };
        Ok(Remembered {
            file,
            root,
            cwd,
            baseline,
        })
    }

    /// How a text is named in the baseline: its path relative to the baseline's folder.
    pub fn key(&self, source: &SourceText) -> String {
        let Some(path) = &source.path else {
            return source.name.clone();
        };
        let absolute = baseline::clean(&self.cwd.join(path));
        baseline::relative(&absolute, &self.root)
            .or_else(|| {
                let real = std::fs::canonicalize(path).ok()?;
                let root = std::fs::canonicalize(&self.root).ok()?;
                baseline::relative(&real, &root)
            })
            .unwrap_or_else(|| absolute.to_string_lossy().replace('\\', "/"))
    }

    /// The findings not covered by a remembered decision, and how many were.
    pub fn filter(&self, source: &SourceText, findings: Vec<Finding>) -> (Vec<Finding>, usize) {
        if self.baseline.is_empty() {
            return (findings, 0);
        }
        let (kept, hidden) = self
            .baseline
            .filter(&self.key(source), &source.content, findings);
        (kept, hidden.len())
    }

    /// Saves new decisions to the baseline file.
    pub fn record(&self, decisions: &[Decision]) -> Result<(), BaselineError> {
        Baseline::record(&self.file, decisions)
    }

    /// The baseline file as shown to the user: relative to the current folder when inside it.
    pub fn shown(&self) -> String {
        baseline::relative(&self.file, &self.cwd).unwrap_or_else(|| self.file.display().to_string())
    }
}

/// How a text is named in a patch: relative to the current folder, `/`-separated, so that
/// `git apply` and `patch -p1` find it, however the path was given (`./a.txt`, `/abs/a.txt`).
/// The name's bytes are kept as they are on disk (see [`termlint::fix::diff::unified`]).
pub fn patch_name(source: &SourceText) -> Vec<u8> {
    let Some(path) = &source.path else {
        return source.name.as_bytes().to_vec();
    };
    let Ok(cwd) = std::env::current_dir() else {
        return path.as_os_str().as_encoded_bytes().to_vec();
    };
    let cwd = baseline::clean(&cwd);
    let absolute = baseline::clean(&cwd.join(path));
    relative_bytes(&absolute, &cwd)
        .or_else(|| {
            let real = std::fs::canonicalize(path).ok()?;
            relative_bytes(&real, &std::fs::canonicalize(&cwd).ok()?)
        })
        .unwrap_or_else(|| {
            // Outside the current folder: relative with `..` if the path was, else as given.
            slashed(&baseline::clean(path))
        })
}

/// `path` relative to `base`, `/`-separated, in the bytes of the file system.
fn relative_bytes(path: &Path, base: &Path) -> Option<Vec<u8>> {
    Some(slashed(path.strip_prefix(base).ok()?))
}

/// The components of `path` joined with `/` (after a leading `/` if it is absolute).
fn slashed(path: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    for component in path.components() {
        if component == std::path::Component::RootDir {
            out.push(b'/');
            continue;
        }
        if !out.is_empty() && !out.ends_with(b"/") {
            out.push(b'/');
        }
        out.extend_from_slice(component.as_os_str().as_encoded_bytes());
    }
    out
}
