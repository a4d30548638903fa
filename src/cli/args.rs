//! Command-line arguments (clap derive). Raw values here; `cli::mod` turns them into options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use termlint::glossary::{Format, LoadOptions};

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
    /// Read settings from FILE (a termlint.toml, or a pyproject.toml's [tool.termlint])
    /// instead of the nearest termlint.toml in the current folder or a parent.
    #[arg(long, global = true, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore any termlint.toml or [tool.termlint]: only the command line counts.
    #[arg(long, global = true)]
    pub isolated: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Report wrong renderings of glossary terms (or show fixes as a diff).
    Check(CheckArgs),
    /// Apply the safe fixes (and unsafe ones with --unsafe-fixes), then report what remains.
    Fix(FixArgs),
    /// Measure detection quality on annotated texts.
    Eval(EvalArgs),
    /// Work with glossaries (show the merged view, list derived renderings for review).
    #[command(subcommand)]
    Glossary(GlossaryCommand),
    /// Review each suggested change (accept, reject, edit), or write them all as a patch.
    Review(ReviewArgs),
    /// List the rules: id, whether on by default, what each flags.
    Rules,
}

#[derive(Debug, Args)]
pub struct GlossaryArgs {
    /// Glossary file (.toml, .tsv, .csv, .tbx, Vale/prh .yml, codespell or typos list);
    /// repeat to layer several, later ones refining earlier ones. Replaces the glossaries
    /// of termlint.toml.
    #[arg(short, long = "glossary", value_name = "FILE")]
    pub glossaries: Vec<PathBuf>,
    /// The config file these settings came from, if any (never an input, never written).
    #[arg(skip)]
    pub config_file: Option<PathBuf>,
    /// The config's severity per rule (ids, prefixes or `all`; the most specific wins).
    #[arg(skip)]
    pub severity: Vec<(String, termlint::glossary::Severity)>,
    #[command(flatten)]
    pub load: LoadArgs,
    /// Do not report findings below this confidence (0 to 1).
    #[arg(
        long,
        value_name = "X",
        default_value_t = 0.5,
        value_parser = confidence,
        allow_negative_numbers = true
    )]
    pub min_confidence: f32,
    /// Run only these rules: ids or prefixes of ids (`glossary`), or `all`; comma-separated
    /// or repeated. `termlint rules` lists them.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not run these rules (ids, prefixes or `all`); the more specific of --select and
    /// --ignore wins.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Same as --ignore prose.doubled-word.
    #[arg(long)]
    pub no_doubled_words: bool,
    /// Same as --ignore glossary.near-miss.
    #[arg(long)]
    pub no_near_miss: bool,
    /// Same as --ignore glossary.derived: only listed variants and near misses.
    #[arg(long)]
    pub no_derive: bool,
    /// Word substitutions of paraphrasers (original<TAB>spun<TAB>count lines) to use instead
    /// of the shipped table, e.g. one mined apart from the texts evaluated.
    #[arg(long, value_name = "FILE")]
    pub spins: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or folders to check; `-` reads stdin. Folders are walked, skipping hidden files,
    /// files ignored by .gitignore or .ignore, binary files, and the glossaries and baseline.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// In walked folders, check only files matching GLOB (`!GLOB` leaves them out), as
    /// ripgrep's --glob; repeatable. Files named on the command line are always checked.
    #[arg(long = "glob", value_name = "GLOB")]
    pub globs: Vec<String>,
    /// In walked folders, check only files of this type (txt, md, html, xml, xliff, po, rst,
    /// tex, ...: ripgrep's types); repeatable.
    #[arg(short = 't', long = "type", value_name = "TYPE")]
    pub types: Vec<String>,
    /// In walked folders, leave out files of this type; repeatable.
    #[arg(short = 'T', long = "type-not", value_name = "TYPE")]
    pub types_not: Vec<String>,
    /// Refuse texts larger than this, in bytes or with a K, M or G suffix (checking takes up
    /// to 50 bytes of memory per byte of text).
    #[arg(long, value_name = "NUM[K|M|G]", default_value = "100M", value_parser = file_size)]
    pub max_file_size: u64,
    /// How texts are written: auto goes by extension (.md/.markdown, .html/.htm/.xhtml; else
    /// and stdin: plain). In Markdown and HTML only prose is checked, not code, URLs or tags.
    #[arg(long, value_enum, value_name = "MARKUP", default_value_t = MarkupArg::Auto)]
    pub markup: MarkupArg,
    /// The include/exclude globs of termlint.toml, rooted at its folder.
    #[arg(skip)]
    pub config_filter: Option<ignore::overrides::Override>,
    /// The markup per glob of termlint.toml (not used when --markup is given).
    #[arg(skip)]
    pub config_markup: Vec<(ignore::overrides::Override, MarkupArg)>,
}

/// A confidence: a number from 0 to 1 (`nan`, `inf` and percentages are refused).
fn confidence(value: &str) -> Result<f32, String> {
    match value.trim().parse::<f32>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err("expected a number from 0 to 1, such as 0.5".to_string()),
    }
}

/// A size in bytes, with an optional K, M or G suffix (powers of 1024), as ripgrep's
/// --max-filesize; at most [`termlint::text::source::MAX_TEXT`], since offsets are 32-bit.
pub(super) fn file_size(value: &str) -> Result<u64, String> {
    let value = value.trim();
    let (digits, unit) = match value.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => (&value[..i], c.to_ascii_uppercase()),
        _ => (value, 'B'),
    };
    let shift = match unit {
        'B' => 0,
        'K' => 10,
        'M' => 20,
        'G' => 30,
        _ => return Err(format!("unknown unit `{unit}`; use K, M or G")),
    };
    let max = termlint::text::source::MAX_TEXT as u64;
    let number: u64 = digits
        .parse()
        .map_err(|_| "expected a whole number of bytes, optionally with K, M or G".to_string())?;
    match number.checked_mul(1 << shift) {
        Some(size) if size <= max => Ok(size),
        _ => Err(format!(
            "at most {max} bytes (4G less one byte): offsets in a text are 32-bit"
        )),
    }
}

#[derive(Debug, Args)]
pub struct SourceArgs {
    /// The text the input renders: its source-language original (a translation is checked
    /// line by line, so both files need the same number of lines) or the same-language
    /// original of a paraphrase (aligned word by word). Needs exactly one input.
    #[arg(long, value_name = "FILE")]
    pub source: Option<PathBuf>,
    /// Each input is a TSV bitext, `source<TAB>target` on every line; only the target column
    /// is checked and fixed. (A .tsv input without this flag is checked as plain text.)
    #[arg(long, conflicts_with = "source")]
    pub bitext: bool,
    /// The format of the bilingual inputs (implies --bitext) [default: .xlf/.xliff XLIFF,
    /// .tmx TMX, else TSV]. .xlf, .xliff and .tmx files are always read as bilingual files.
    #[arg(long, value_enum, value_name = "FORMAT", conflicts_with = "source")]
    pub bitext_format: Option<BitextFormat>,
    /// With --source or --bitext in the same language: also report every other run of
    /// content words the paraphrase replaced, as info.
    #[arg(long)]
    pub all_changes: bool,
    /// With --source or --bitext: also report a term the source names more often than its
    /// target segment has it, where words like the term render another occurrence
    /// ("recycled water" beside "reclaimed water").
    #[arg(long)]
    pub consistency: bool,
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
    /// Write the report to FILE instead of stdout, atomically (replaced whole at the end of
    /// the run); never over a text being checked, a glossary or the baseline.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
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
    #[command(flatten)]
    pub source: SourceArgs,
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
    #[command(flatten)]
    pub source: SourceArgs,
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
    /// With --patch, replace FILE even if it exists and is not a patch (never an input, a
    /// glossary or the baseline).
    #[arg(long, requires = "patch")]
    pub force: bool,
    /// With --patch, include unsafe fixes too (the same selection as `fix --unsafe-fixes`).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// When to use colour: auto means on a terminal and NO_COLOR unset.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    #[command(flatten)]
    pub source: SourceArgs,
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
    #[command(flatten)]
    pub source: SourceArgs,
}

#[derive(Debug, Subcommand)]
pub enum GlossaryCommand {
    /// List the wrong renderings derived for each entry, with their evidence and prior
    /// confidence, so good ones can be copied into the glossary as variants.
    Expand(ExpandArgs),
    /// Show the glossary the files make together: each entry's values with the file and line
    /// each came from, and the wrong variants a later file declared correct.
    Show(ShowArgs),
}

/// How glossary files are read.
#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Read every glossary file in this format instead of recognising it by name and content.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub glossary_format: Option<GlossaryFormat>,
    /// The language whose terms to check, for multilingual glossaries (TBX): en, en-US, de.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// The source language, for TBX glossaries (its terms become the entries' source forms)
    /// and TMX inputs: zh, zh-HK.
    #[arg(long, value_name = "LANG")]
    pub source_lang: Option<String>,
}

impl LoadArgs {
    pub fn options(&self) -> LoadOptions {
        LoadOptions {
            format: self.glossary_format.map(GlossaryFormat::format),
            lang: self.lang.clone(),
            source_lang: self.source_lang.clone(),
        }
    }
}

/// A bilingual file format (`--bitext-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BitextFormat {
    Tsv,
    Xliff,
    Tmx,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum GlossaryFormat {
    Toml,
    Tsv,
    Csv,
    Tbx,
    Vale,
    Prh,
    Codespell,
    Typos,
}

impl GlossaryFormat {
    fn format(self) -> Format {
        match self {
            GlossaryFormat::Toml => Format::Toml,
            GlossaryFormat::Tsv => Format::Tsv,
            GlossaryFormat::Csv => Format::Csv,
            GlossaryFormat::Tbx => Format::Tbx,
            GlossaryFormat::Vale => Format::Vale,
            GlossaryFormat::Prh => Format::Prh,
            GlossaryFormat::Codespell => Format::Codespell,
            GlossaryFormat::Typos => Format::Typos,
        }
    }
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Glossary files, in layer order [default: the glossaries of termlint.toml].
    #[arg(value_name = "FILE")]
    pub glossaries: Vec<PathBuf>,
    #[command(flatten)]
    pub load: LoadArgs,
    /// Only this entry (its term, case-insensitive).
    #[arg(long, value_name = "TERM")]
    pub term: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Human)]
    pub format: EvalFormat,
}

#[derive(Debug, Args)]
pub struct ExpandArgs {
    /// Glossary files, in layer order [default: the glossaries of termlint.toml].
    #[arg(value_name = "FILE")]
    pub glossaries: Vec<PathBuf>,
    #[command(flatten)]
    pub load: LoadArgs,
    /// Only this entry (its term, case-insensitive).
    #[arg(long, value_name = "TERM")]
    pub term: Option<String>,
    /// Word substitutions of paraphrasers to use instead of the shipped table (as `check`).
    #[arg(long, value_name = "FILE")]
    pub spins: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Human)]
    pub format: EvalFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// Each finding with its line, the span marked, the suggestion and why.
    Human,
    /// One line per finding: `path:line:col: severity[rule] ...`.
    Brief,
    /// One JSON document for the run.
    Json,
    /// One JSON object per finding per line (the stable contract).
    Jsonl,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// reviewdog's diagnostic format, one document.
    Rdjson,
    /// reviewdog's diagnostic format, one diagnostic per line.
    Rdjsonl,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// Checkstyle XML.
    Checkstyle,
    /// JUnit XML: a failing test case per finding.
    Junit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MarkupArg {
    Auto,
    Plain,
    Markdown,
    Html,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_confidence_outside_0_to_1_is_refused() {
        for bad in [
            "2", "50", "nan", "NaN", "inf", "-1", "-0.01", "1.01", "x", "",
        ] {
            assert!(confidence(bad).is_err(), "{bad} accepted");
        }
        assert_eq!(confidence("0"), Ok(0.0));
        assert_eq!(confidence("0.75"), Ok(0.75));
        assert_eq!(confidence("1"), Ok(1.0));
    }

    #[test]
    fn file_sizes_take_k_m_g_suffixes_up_to_the_offset_limit() {
        assert_eq!(file_size("100"), Ok(100));
        assert_eq!(file_size("5K"), Ok(5 * 1024));
        assert_eq!(file_size("100M"), Ok(100 * 1024 * 1024));
        assert_eq!(file_size("2g"), Ok(2 << 30));
        assert!(file_size("4G").is_err());
        assert!(file_size("99999999999999999999").is_err());
        assert!(file_size("10X").is_err());
        assert!(file_size("-1").is_err());
        assert!(file_size("M").is_err());
    }
}
