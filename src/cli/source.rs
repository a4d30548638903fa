//! `--source` and `--bitext`: checking a target against the text it renders.

use termlint::bitext::Bitext;
use termlint::check::finding::Finding;
use termlint::checker::Checker;
use termlint::source_aware::{SourceAware, SourceOptions, TermCounts};
use termlint::text::source::SourceText;

use super::args::{BitextFormat, GlossaryArgs, SourceArgs};
use super::inputs::Input;

/// The source file's name, path and text (a [`SourceText`] is not shared between threads).
pub(crate) struct Source {
    name: String,
    path: Option<std::path::PathBuf>,
    content: String,
}

/// How each input is checked: alone, against a source file, or as a bilingual file.
pub(crate) enum Checking {
    /// Each input on its own; bilingual files (.xlf, .xliff, .tmx) still pair their segments.
    Alone(Bilingual),
    /// Against the text of this file (`--source`).
    Against {
        source: Source,
        options: SourceOptions,
    },
    /// Each input is a bilingual file (`--bitext`): TSV unless its name or
    /// `--bitext-format` says otherwise.
    Bitext(Bilingual),
}

/// How bilingual files are read and checked.
pub(crate) struct Bilingual {
    format: Option<BitextFormat>,
    options: SourceOptions,
    /// TMX: the languages to pair (`--source-lang`, `--lang`).
    source_lang: Option<String>,
    lang: Option<String>,
}

impl Bilingual {
    /// The format of the file `name`: the one asked for, else its extension's; a `.tsv` file
    /// is a TSV bitext only when asked (`--bitext`).
    fn format_of(&self, name: &str, asked: bool) -> Option<BitextFormat> {
        self.format
            .or_else(|| by_extension(name))
            .or(asked.then_some(BitextFormat::Tsv))
    }

    /// Reads the bitext of `text`, in `format`; errors name the file and line.
    fn read(&self, format: BitextFormat, name: &str, text: &str) -> Result<Bitext, String> {
        let read = match format {
            BitextFormat::Tsv => Bitext::tsv(text),
            BitextFormat::Xliff => termlint::bitext::xliff::read(text),
            BitextFormat::Tmx => {
                termlint::bitext::tmx::read(text, self.source_lang.as_deref(), self.lang.as_deref())
            }
        };
        read.map_err(|e| match e.line {
            0 => format!("{name}: {}", e.message),
            line => format!("{name}:{line}: {}", e.message),
        })
    }
}

/// Whether the file at `path` is bilingual by its name (XLIFF, TMX).
pub(crate) fn is_bilingual_file(path: &std::path::Path) -> bool {
    path.to_str().and_then(by_extension).is_some()
}

/// The bilingual format a file name says: `.xlf`/`.xliff` XLIFF, `.tmx` TMX.
fn by_extension(name: &str) -> Option<BitextFormat> {
    let extension = std::path::Path::new(name).extension()?.to_str()?;
    match extension.to_ascii_lowercase().as_str() {
        "xlf" | "xliff" => Some(BitextFormat::Xliff),
        "tmx" => Some(BitextFormat::Tmx),
        _ => None,
    }
}

impl Checking {
    /// Whether the input `name` is checked on its own as a monolingual text (no `--source`,
    /// no `--bitext`, not a bilingual file).
    pub(crate) fn is_alone_for(&self, name: &str) -> bool {
        matches!(self, Checking::Alone(files) if files.format_of(name, false).is_none())
    }

    /// Reads the source file, if any. With a source, exactly one input is checked (the one
    /// that renders it), and never stdin's text twice.
    pub(crate) fn new(
        args: &SourceArgs,
        glossary: &GlossaryArgs,
        inputs: &[Input],
        limit: u64,
    ) -> Result<Checking, String> {
        let bilingual = inputs
            .iter()
            .any(|input| input.path().is_some_and(is_bilingual_file));
        Checking::for_texts(args, glossary, inputs.len(), bilingual, limit)
    }

    /// [`Checking::new`] for `count` texts, `bilingual` when some is a bilingual file
    /// (XLIFF, TMX: each is its own source).
    pub(crate) fn for_texts(
        args: &SourceArgs,
        glossary: &GlossaryArgs,
        count: usize,
        bilingual: bool,
        limit: u64,
    ) -> Result<Checking, String> {
        let options = SourceOptions {
            all_changes: args.all_changes,
            consistency: args.consistency,
            min_confidence: glossary.min_confidence,
        };
        let files = Bilingual {
            format: args.bitext_format,
            options,
            source_lang: glossary.load.source_lang.clone(),
            lang: glossary.load.lang.clone(),
        };
        if args.bitext || args.bitext_format.is_some() {
            return Ok(Checking::Bitext(files));
        }
        let Some(path) = &args.source else {
            if bilingual {
                return Ok(Checking::Alone(files));
            }
            if args.all_changes {
                return Err("--all-changes needs --source or --bitext".to_string());
            }
            if args.consistency {
                return Err("--consistency needs --source or --bitext".to_string());
            }
            return Ok(Checking::Alone(files));
        };
        if count != 1 {
            return Err(format!(
                "--source pairs one target with one source, but {count} inputs were given"
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

    /// [`Checking::run`] on a text and its name (the name says a bilingual file's format).
    pub(crate) fn run_text(
        &self,
        checker: &Checker,
        name: &str,
        text: &str,
    ) -> Result<(Vec<Finding>, TermCounts), String> {
        let (bitext, options) = match self {
            Checking::Alone(files) => match files.format_of(name, false) {
                None => return Ok((checker.check(text), TermCounts::new())),
                Some(format) => (files.read(format, name, text)?, files.options),
            },
            Checking::Against { source, options } => {
                if by_extension(name).is_some() {
                    return Err(format!(
                        "{name} is a bilingual file: it holds its own source (leave out --source)"
                    ));
                }
                let bitext = Bitext::pair(&source.content, text)
                    .map_err(|e| format!("{} with source {}: {e}", name, source.name))?;
                (bitext, *options)
            }
            Checking::Bitext(files) => {
                let format = files.format_of(name, true).unwrap_or(BitextFormat::Tsv);
                (files.read(format, name, text)?, files.options)
            }
        };
        // A file with markup is checked through a copy in which only target words are left,
        // and its fixes are kept inside those words.
        let masked = bitext.mask(text);
        let mut checked = SourceAware::new(checker, options).check(&bitext, &masked);
        bitext.confine_fixes(&masked, &mut checked.findings);
        Ok((checked.findings, checked.terms))
    }
}
