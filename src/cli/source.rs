//! `--source` and `--bitext`: checking a target against the text it renders.

use termlint::bitext::Bitext;
use termlint::check::finding::Finding;
use termlint::checker::Checker;
use termlint::source_aware::{SourceAware, SourceOptions, TermCounts};
use termlint::text::source::SourceText;

use super::args::{GlossaryArgs, SourceArgs};
use super::inputs::Input;

/// The source file's name, path and text (a [`SourceText`] is not shared between threads).
pub(crate) struct Source {
    name: String,
    path: Option<std::path::PathBuf>,
    content: String,
}

/// How each input is checked: alone, against a source file, or as a TSV bitext.
pub(crate) enum Checking {
    Alone,
    /// Against the text of this file (`--source`).
    Against {
        source: Source,
        options: SourceOptions,
    },
    /// The input holds `source<TAB>target` lines (`--bitext`).
    Bitext {
        options: SourceOptions,
    },
}

impl Checking {
    /// Whether each input is checked on its own (no `--source`, no `--bitext`).
    pub(crate) fn is_alone(&self) -> bool {
        matches!(self, Checking::Alone)
    }

    /// Reads the source file, if any. With a source, exactly one input is checked (the one
    /// that renders it), and never stdin's text twice.
    pub(crate) fn new(
        args: &SourceArgs,
        glossary: &GlossaryArgs,
        inputs: &[Input],
        limit: u64,
    ) -> Result<Checking, String> {
        let options = SourceOptions {
            all_changes: args.all_changes,
            min_confidence: glossary.min_confidence,
        };
        if args.bitext {
            return Ok(Checking::Bitext { options });
        }
        let Some(path) = &args.source else {
            if args.all_changes {
                return Err("--all-changes needs --source or --bitext".to_string());
            }
            return Ok(Checking::Alone);
        };
        if inputs.len() != 1 {
            return Err(format!(
                "--source pairs one target with one source, but {} inputs were given",
                inputs.len()
            ));
        }
        let text = SourceText::read_limited(path, limit).map_err(|e| e.to_string())?;
        let source = Source {
            name: text.name,
            path: text.path,
            content: text.content,
        };
        Ok(Checking::Against { source, options })
    }

    /// `fix --write` never writes the source: it is what the target is compared with.
    pub(crate) fn refuse_writing_the_source(
        &self,
        writes: bool,
        inputs: &[Input],
    ) -> Result<(), String> {
        let Checking::Against { source, .. } = self else {
            return Ok(());
        };
        let (Some(source_path), true) = (&source.path, writes) else {
            return Ok(());
        };
        let same = |input: &Input| {
            input.path().is_some_and(|p| {
                match (std::fs::canonicalize(p), std::fs::canonicalize(source_path)) {
                    (Ok(a), Ok(b)) => a == b,
                    _ => p == source_path,
                }
            })
        };
        if inputs.iter().any(same) {
            return Err(format!(
                "{} is the source (--source): fix --write never writes it",
                source.name
            ));
        }
        Ok(())
    }

    /// Checks one text: its findings and, when a source is at hand, its term counts.
    pub(crate) fn run(
        &self,
        checker: &Checker,
        target: &SourceText,
    ) -> Result<(Vec<Finding>, TermCounts), String> {
        self.run_text(checker, &target.name, &target.content)
    }

    pub(crate) fn run_text(
        &self,
        checker: &Checker,
        name: &str,
        text: &str,
    ) -> Result<(Vec<Finding>, TermCounts), String> {
        let (bitext, options) = match self {
            Checking::Alone => return Ok((checker.check(text), TermCounts::new())),
            Checking::Against { source, options } => (
                Bitext::pair(&source.content, text)
                    .map_err(|e| format!("{} with source {}: {e}", name, source.name))?,
                options,
            ),
            Checking::Bitext { options } => (
                Bitext::tsv(text).map_err(|e| match e.line {
                    0 => format!("{name}: {}", e.message),
                    line => format!("{name}:{line}: {}", e.message),
                })?,
                options,
            ),
        };
        let checked = SourceAware::new(checker, *options).check(&bitext, text);
        Ok((checked.findings, checked.terms))
    }
}
