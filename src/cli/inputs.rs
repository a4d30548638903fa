//! Turning path arguments into texts: files, folders (walked as ripgrep walks them) and stdin.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use ignore::overrides::{Override, OverrideBuilder};
use ignore::types::{Types, TypesBuilder};
use rayon::prelude::*;
use termlint::text::source::{self, NotText, SourceError, SourceText};

use super::args::InputArgs;

/// One input to check.
#[derive(Debug, Clone)]
pub struct Input {
    kind: Kind,
    /// The size limit (--max-file-size).
    limit: u64,
}

#[derive(Debug, Clone)]
enum Kind {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// Reads the text: every input is read here, through [`SourceText::read_from`].
    pub fn read(&self) -> Result<SourceText, SourceError> {
        match &self.kind {
            Kind::File(path) => SourceText::read_limited(path, self.limit),
            Kind::Stdin => SourceText::read_from("-", None, std::io::stdin().lock(), self.limit),
        }
    }

    /// The file this input reads, or `None` for stdin.
    pub fn path(&self) -> Option<&Path> {
        match &self.kind {
            Kind::File(path) => Some(path),
            Kind::Stdin => None,
        }
    }
}

/// A file that must never be an input: a glossary, the baseline or the config.
pub struct Protected<'a> {
    pub path: &'a Path,
    /// What it is, for messages: "a glossary (-g)".
    pub what: &'static str,
}

/// The inputs of a run, with what went wrong collecting them.
#[derive(Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    /// Paths that cannot be checked; the run fails (exit 2) but the other inputs are checked.
    pub errors: Vec<String>,
    /// Files left out of a walk that the user may want to know about (binary files).
    pub notices: Vec<String>,
}

/// Expands the path arguments. Folders are walked in sorted order; hidden and ignored files
/// (.gitignore and .ignore, in a git repository or not) are skipped as ripgrep does, and
/// `--glob` and `--type` choose among the rest; a file named explicitly is always checked.
/// The same file given twice (`a.txt ./a.txt`, or a folder and a file in it) is one input,
/// the first. Glossaries and the baseline are never walked into, and when `writes` (the run
/// writes fixes back) naming one is an error: termlint never writes over a glossary.
/// A problem with the flags (no path, a bad glob or type) is the `Err`.
pub fn collect(
    args: &InputArgs,
    protected: &[Protected],
    writes: bool,
) -> Result<Collected, String> {
    if args.paths.is_empty() {
        return Err("no input: give files or folders to check, or `-` to read stdin".into());
    }
    let filters = Filters::new(args)?;
    let protected: Vec<(PathBuf, &str)> = protected
        .iter()
        .map(|p| (identity(p.path), p.what))
        .collect();
    let is_protected = |id: &Path| protected.iter().find(|(p, _)| p == id).map(|(_, w)| *w);
    let mut collected = Collected::default();
    let mut seen = HashSet::new();
    let mut stdin = false;
    // Files found, with whether they came from a walk, before binary ones are sniffed out.
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    for path in &args.paths {
        if path.as_os_str() == "-" {
            if !stdin {
                stdin = true;
                files.push((path.clone(), false));
            }
        } else if path.is_dir() {
            for entry in filters.walk(path) {
                match entry {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                        let id = identity(e.path());
                        if is_protected(&id).is_none() && seen.insert(id) {
                            files.push((e.into_path(), true));
                        }
                    }
                    Ok(_) => {}
                    Err(e) => collected.errors.push(format!("{}: {e}", path.display())),
                }
            }
        } else if path.exists() {
            let id = identity(path);
            if let (Some(what), true) = (is_protected(&id), writes) {
                collected.errors.push(format!(
                    "{}: not fixed: it is {what}, and termlint never writes over one",
                    path.display()
                ));
            } else if seen.insert(id) {
                files.push((path.clone(), false));
            }
        } else {
            collected
                .errors
                .push(format!("{}: no such file or folder", path.display()));
        }
    }
    // A binary file met in a walk is left out with a notice; one named explicitly is read and
    // refused (exit 2) like any unreadable input.
    let verdicts: Vec<Option<NotText>> = files
        .par_iter()
        .map(|(path, walked)| walked.then(|| sniff_file(path)).flatten())
        .collect();
    for ((path, _), verdict) in files.into_iter().zip(verdicts) {
        let kind = if path.as_os_str() == "-" {
            Kind::Stdin
        } else if let Some(not_text) = verdict {
            collected
                .notices
                .push(format!("skipped {}: {not_text}", path.display()));
            continue;
        } else {
            Kind::File(path)
        };
        collected.inputs.push(Input {
            kind,
            limit: args.max_file_size,
        });
    }
    Ok(collected)
}

/// A file's identity: its real path (links and `..` resolved), else its absolute path.
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| {
        let cwd = std::env::current_dir().unwrap_or_default();
        termlint::baseline::clean(&cwd.join(path))
    })
}

/// Whether a file's first bytes show it is not UTF-8 text; `None` too when it cannot be read
/// (reading it later reports why).
fn sniff_file(path: &Path) -> Option<NotText> {
    let mut head = Vec::with_capacity(source::SNIFF_LEN);
    let file = std::fs::File::open(path).ok()?;
    file.take(source::SNIFF_LEN as u64)
        .read_to_end(&mut head)
        .ok()?;
    source::sniff(&head)
}

/// What chooses the files of a walk: --glob and --type/--type-not.
struct Filters {
    overrides: Override,
    types: Types,
    /// include/exclude of termlint.toml, rooted at its folder.
    config: Option<Override>,
}

impl Filters {
    fn new(args: &InputArgs) -> Result<Filters, String> {
        // Globs are relative to the current folder, as ripgrep's are.
        let cwd =
            std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
        let mut overrides = OverrideBuilder::new(cwd);
        for glob in &args.globs {
            overrides
                .add(glob)
                .map_err(|e| format!("--glob {glob}: {e}"))?;
        }
        let overrides = overrides.build().map_err(|e| format!("--glob: {e}"))?;
        let mut types = TypesBuilder::new();
        types.add_defaults();
        for glob in ["*.xlf", "*.xliff"] {
            types.add("xliff", glob).map_err(|e| e.to_string())?;
        }
        for name in &args.types {
            types.select(name);
        }
        for name in &args.types_not {
            types.negate(name);
        }
        let types = types.build().map_err(|e| {
            format!(
                "--type/--type-not: {e} (text types include txt, md, html, xml, xliff, po, rst, \
                 tex, csv, json, yaml)"
            )
        })?;
        Ok(Filters {
            overrides,
            types,
            config: args.config_filter.clone(),
        })
    }

    fn walk(&self, root: &Path) -> ignore::Walk {
        let mut builder = ignore::WalkBuilder::new(root);
        builder
            .require_git(false)
            .overrides(self.overrides.clone())
            .types(self.types.clone())
            .sort_by_file_name(|a, b| a.cmp(b));
        if let Some(config) = self.config.clone() {
            builder.filter_entry(move |entry| {
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                let path = super::config::absolute(entry.path());
                !config.matched(&path, is_dir).is_ignore()
            });
        }
        builder.build()
    }
}
