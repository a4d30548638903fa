//! The baseline as the commands use it: where it lives, how files are named in it, and how
//! paths are named in patches.

use std::path::{Path, PathBuf};

use termlint::baseline::{self, Baseline, BaselineError, Decision};
use termlint::finding::Finding;
use termlint::source::SourceText;

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
pub fn patch_name(source: &SourceText) -> String {
    let Some(path) = &source.path else {
        return source.name.clone();
    };
    let Ok(cwd) = std::env::current_dir() else {
        return source.name.clone();
    };
    let cwd = baseline::clean(&cwd);
    let absolute = baseline::clean(&cwd.join(path));
    baseline::relative(&absolute, &cwd)
        .or_else(|| {
            let real = std::fs::canonicalize(path).ok()?;
            baseline::relative(&real, &std::fs::canonicalize(&cwd).ok()?)
        })
        .unwrap_or_else(|| {
            // Outside the current folder: relative with `..` if the path was, else as given.
            let cleaned = baseline::clean(path);
            cleaned.to_string_lossy().replace('\\', "/")
        })
}
