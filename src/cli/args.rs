//! Command-line arguments (clap derive). Raw values here; `cli::mod` turns them into options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "termlint",
    version,
    about = "Check machine-translated and paraphrased text against a domain glossary",
    long_about = "termlint flags wrong renderings of glossary terms in machine-translated and \
machine-paraphrased text (\"pioneers\" for \"precursors\", \"Byton\" for \"Biden\") and proposes \
corrections.\n\nExit codes: 0 no findings at or above --fail-level, 1 findings at or above it, \
2 usage, glossary or input error.",
    after_help = "Examples:\n  termlint check corpus/seed/article.txt -g corpus/glossaries/fentanyl-policy.toml\n  \
termlint check --diff article.txt -g glossary.toml\n  termlint fix --write article.txt -g glossary.toml\n  \
cat article.txt | termlint check - -g glossary.tsv --format jsonl"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report wrong renderings of glossary terms (or show fixes as a diff).
    Check(CheckArgs),
    /// Apply the safe fixes (and unsafe ones with --unsafe-fixes), then report what remains.
    Fix(FixArgs),
    /// Measure detection quality on annotated texts.
    Eval(EvalArgs),
    /// Work with glossaries (list derived renderings for review).
    #[command(subcommand)]
    Glossary(GlossaryCommand),
    /// Review each suggested change (accept, reject, edit), or write them all as a patch.
    Review(ReviewArgs),
}

#[derive(Debug, Args)]
pub struct GlossaryArgs {
    /// Glossary file (.toml, .tsv or .csv); repeat to combine several.
    #[arg(short, long = "glossary", value_name = "FILE", required = true)]
    pub glossaries: Vec<PathBuf>,
    /// Do not report findings below this confidence (0 to 1).
    #[arg(long, value_name = "X", default_value_t = 0.5)]
    pub min_confidence: f32,
    /// Do not flag doubled words ("Liu Liu").
    #[arg(long)]
    pub no_doubled_words: bool,
    /// Do not flag near misses of names, chemicals and institutions ("Byton" for Biden).
    #[arg(long)]
    pub no_near_miss: bool,
    /// Only listed variants: do not derive wrong renderings from the lexicon.
    #[arg(long)]
    pub no_derive: bool,
}

#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or folders to check; `-` reads stdin (the default when stdin is not a terminal).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// When to use colour: auto means on a terminal and NO_COLOR unset.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailLevel::Error)]
    pub fail_level: FailLevel,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub glossary: GlossaryArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub baseline: BaselineArgs,
    /// Print a unified diff of the fixes instead of the findings.
    #[arg(long)]
    pub diff: bool,
    /// With --diff, include unsafe fixes too.
    #[arg(long)]
    pub unsafe_fixes: bool,
}

#[derive(Debug, Args)]
pub struct FixArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub glossary: GlossaryArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub baseline: BaselineArgs,
    /// Write the fixes back to the files (atomically). Without it, only show the diff.
    #[arg(short, long)]
    pub write: bool,
    /// Apply unsafe fixes too (suggestions a human should normally review).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// With --write, also write read-only files, and write files with several hard links (or
    /// whose owner cannot be kept) in place instead of refusing them.
    #[arg(long, requires = "write")]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// Remembered review decisions [default: .termlint-baseline.json in the current folder or
    /// a parent, else at the project root (the folder holding .git), else here].
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Also report findings that the baseline would hide.
    #[arg(long)]
    pub no_baseline: bool,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub glossary: GlossaryArgs,
    #[command(flatten)]
    pub baseline: BaselineArgs,
    /// Do not ask: write the proposed changes as a unified diff to FILE (`-`: stdout), for
    /// `git apply` or `patch -p1`.
    #[arg(long, value_name = "FILE")]
    pub patch: Option<PathBuf>,
    /// With --patch, include unsafe fixes too (the same selection as `fix --unsafe-fixes`).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// When to use colour: auto means on a terminal and NO_COLOR unset.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Annotated texts.
    #[arg(value_name = "TEXT", required = true)]
    pub texts: Vec<PathBuf>,
    /// Annotation file for each TEXT, in the same order.
    #[arg(short, long = "annotations", value_name = "FILE", required = true)]
    pub annotations: Vec<PathBuf>,
    /// Clean control texts: every finding in them is a false alarm.
    #[arg(long = "clean", value_name = "FILE")]
    pub clean: Vec<PathBuf>,
    #[command(flatten)]
    pub glossary: GlossaryArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Human)]
    pub format: EvalFormat,
    /// List every false finding.
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum GlossaryCommand {
    /// List the wrong renderings derived for each entry, with their evidence and prior
    /// confidence, so good ones can be copied into the glossary as variants.
    Expand(ExpandArgs),
}

#[derive(Debug, Args)]
pub struct ExpandArgs {
    /// Glossary file (.toml, .tsv or .csv); repeat to combine several.
    #[arg(value_name = "FILE", required = true)]
    pub glossaries: Vec<PathBuf>,
    /// Only this entry (its term, case-insensitive).
    #[arg(long, value_name = "TERM")]
    pub term: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Human)]
    pub format: EvalFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Human,
    Brief,
    Json,
    Jsonl,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum EvalFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailLevel {
    Error,
    Warning,
    Info,
    None,
}
