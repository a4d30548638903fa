//! Project configuration: `termlint.toml`, or `[tool.termlint]` in `pyproject.toml`, found by
//! walking up from the current folder (as ruff finds its project config), or named with
//! `--config FILE`; `--isolated` ignores any. Options given on the command line override the
//! config's values; `-g` replaces its glossaries. docs/config.md describes the keys.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use clap::ValueEnum;
use clap::parser::{ArgMatches, ValueSource};
use ignore::overrides::{Override, OverrideBuilder};
use serde::Deserialize;
use toml::Spanned;

use super::args::{FailLevel, FormatArg, GlossaryArgs, InputArgs, MarkupArg, OutputArgs};

/// The config file's name.
pub const FILE_NAME: &str = "termlint.toml";

/// The keys of a config, as written (kebab-case); any other key is an error.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    glossaries: Option<Vec<Spanned<String>>>,
    fail_level: Option<Spanned<String>>,
    format: Option<Spanned<String>>,
    min_confidence: Option<Spanned<f64>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    markup: Option<BTreeMap<String, Spanned<String>>>,
}

/// `pyproject.toml`: only `[tool.termlint]` is read; other tables are someone else's.
#[derive(Deserialize)]
struct Pyproject {
    tool: Option<Tool>,
}

#[derive(Deserialize)]
struct Tool {
    termlint: Option<Raw>,
}

/// A config read and checked: every value valid, paths resolved against its folder.
#[derive(Debug)]
pub struct Config {
    /// The file it was read from.
    pub path: PathBuf,
    glossaries: Option<Vec<PathBuf>>,
    fail_level: Option<FailLevel>,
    format: Option<FormatArg>,
    min_confidence: Option<f32>,
    select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
    /// include/exclude globs, relative to the config's folder.
    filter: Option<Override>,
    /// Markup per glob, in the order written; the first match wins.
    markup: Vec<(Override, MarkupArg)>,
}

/// Finds the config: `explicit` if given, none if `isolated`, else the nearest `termlint.toml`
/// (or `pyproject.toml` with `[tool.termlint]`) in the current folder or a parent.
pub fn find(explicit: Option<&Path>, isolated: bool) -> Result<Option<Config>, String> {
    if isolated {
        return Ok(None);
    }
    if let Some(path) = explicit {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read the config: {e}", path.display()))?;
        let raw = if path.file_name().is_some_and(|n| n == "pyproject.toml") {
            pyproject(path, &text)?
                .ok_or_else(|| format!("{}: no [tool.termlint] table", path.display()))?
        } else {
            parse::<Raw>(path, &text)?
        };
        return Config::new(path, &text, raw).map(Some);
    }
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    for dir in cwd.ancestors() {
        let path = dir.join(FILE_NAME);
        if path.is_file() {
            let text = read(&path)?;
            let raw = parse::<Raw>(&path, &text)?;
            return Config::new(&path, &text, raw).map(Some);
        }
        let path = dir.join("pyproject.toml");
        if path.is_file() {
            let text = read(&path)?;
            if let Some(raw) = pyproject(&path, &text)? {
                return Config::new(&path, &text, raw).map(Some);
            }
        }
    }
    Ok(None)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read the config: {e}", path.display()))
}

fn pyproject(path: &Path, text: &str) -> Result<Option<Raw>, String> {
    Ok(parse::<Pyproject>(path, text)?
        .tool
        .and_then(|t| t.termlint))
}

/// Parses `text`; an error names the file and line.
fn parse<T: for<'de> Deserialize<'de>>(path: &Path, text: &str) -> Result<T, String> {
    toml::from_str(text).map_err(|e| {
        let message = e.message().trim_end();
        match e.span() {
            Some(span) => format!("{}:{}: {message}", path.display(), line(text, span.start)),
            None => format!("{}: {message}", path.display()),
        }
    })
}

/// The 1-based line of byte `offset` in `text`.
fn line(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

impl Config {
    fn new(path: &Path, text: &str, raw: Raw) -> Result<Config, String> {
        let at = |span: std::ops::Range<usize>, message: String| {
            format!("{}:{}: {message}", path.display(), line(text, span.start))
        };
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
        let choice = |value: &Spanned<String>, key: &str, names: &[&str]| {
            at(
                value.span(),
                format!(
                    "{key}: unknown value `{}`; expected one of {}",
                    value.get_ref(),
                    names.join(", ")
                ),
            )
        };
        let fail_level = match &raw.fail_level {
            Some(v) => Some(
                FailLevel::from_str(v.get_ref(), true)
                    .map_err(|_| choice(v, "fail-level", &["error", "warning", "info", "none"]))?,
            ),
            None => None,
        };
        let format = match &raw.format {
            Some(v) => Some(FormatArg::from_str(v.get_ref(), true).map_err(|_| {
                let names: Vec<String> = FormatArg::value_variants()
                    .iter()
                    .filter_map(|f| f.to_possible_value().map(|p| p.get_name().to_string()))
                    .collect();
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                choice(v, "format", &names)
            })?),
            None => None,
        };
        let min_confidence = match &raw.min_confidence {
            Some(v) if (0.0..=1.0).contains(v.get_ref()) => Some(*v.get_ref() as f32),
            Some(v) => {
                return Err(at(
                    v.span(),
                    "min-confidence: expected a number from 0 to 1, such as 0.5".into(),
                ));
            }
            None => None,
        };
        let rules = |list: &Option<Vec<Spanned<String>>>, key: &str| {
            let Some(list) = list else {
                return Ok(None);
            };
            for id in list {
                termlint::rules::RuleSelection::new(&[id.get_ref().as_str()], &[])
                    .map_err(|e| at(id.span(), format!("{key}: {e}")))?;
            }
            Ok::<_, String>(Some(list.iter().map(|s| s.get_ref().clone()).collect()))
        };
        let select = rules(&raw.select, "select")?;
        let ignore = rules(&raw.ignore, "ignore")?;
        let mut filter = None;
        if raw.include.is_some() || raw.exclude.is_some() {
            let mut builder = OverrideBuilder::new(&dir);
            for glob in raw.include.iter().flatten() {
                builder
                    .add(glob.get_ref())
                    .map_err(|e| at(glob.span(), format!("include: {e}")))?;
            }
            for glob in raw.exclude.iter().flatten() {
                builder
                    .add(&format!("!{}", glob.get_ref()))
                    .map_err(|e| at(glob.span(), format!("exclude: {e}")))?;
            }
            filter = Some(
                builder
                    .build()
                    .map_err(|e| format!("{}: {e}", path.display()))?,
            );
        }
        let mut markup: Vec<(usize, Override, MarkupArg)> = Vec::new();
        for (glob, value) in raw.markup.iter().flatten() {
            let kind = MarkupArg::from_str(value.get_ref(), true)
                .map_err(|_| choice(value, "markup", &["auto", "plain", "markdown", "html"]))?;
            let mut builder = OverrideBuilder::new(&dir);
            builder
                .add(glob)
                .map_err(|e| at(value.span(), format!("markup: {e}")))?;
            let matcher = builder
                .build()
                .map_err(|e| at(value.span(), format!("markup: {e}")))?;
            markup.push((value.span().start, matcher, kind));
        }
        markup.sort_by_key(|m| m.0);
        Ok(Config {
            path: path.to_path_buf(),
            glossaries: raw
                .glossaries
                .map(|list| list.iter().map(|g| dir.join(g.get_ref())).collect()),
            fail_level,
            format,
            min_confidence,
            select,
            ignore,
            filter,
            markup: markup.into_iter().map(|(_, m, k)| (m, k)).collect(),
        })
    }

    /// Fills the glossary options the command line left unset.
    pub fn apply_glossary(&self, args: &mut GlossaryArgs, given: &ArgMatches) {
        if !from_cli(given, "glossaries")
            && let Some(glossaries) = &self.glossaries
        {
            args.glossaries = glossaries.clone();
        }
        if !from_cli(given, "min_confidence")
            && let Some(x) = self.min_confidence
        {
            args.min_confidence = x;
        }
        if !from_cli(given, "select")
            && let Some(select) = &self.select
        {
            args.select = select.clone();
        }
        if !from_cli(given, "ignore")
            && let Some(ignore) = &self.ignore
        {
            args.ignore = ignore.clone();
        }
        args.config_file = Some(self.path.clone());
    }

    /// Fills the output options the command line left unset.
    pub fn apply_output(&self, args: &mut OutputArgs, given: &ArgMatches) {
        if !from_cli(given, "format")
            && let Some(format) = self.format
        {
            args.format = format;
        }
        if !from_cli(given, "fail_level")
            && let Some(level) = self.fail_level
        {
            args.fail_level = level;
        }
    }

    /// Adds the include/exclude globs, and the markup per glob unless --markup was given.
    pub fn apply_input(&self, args: &mut InputArgs, given: &ArgMatches) {
        args.config_filter = self.filter.clone();
        if !from_cli(given, "markup") && !self.markup.is_empty() {
            let _ = MARKUP.set(self.markup.clone());
        }
    }
}

/// Markup per glob from the config, when --markup was not given.
static MARKUP: OnceLock<Vec<(Override, MarkupArg)>> = OnceLock::new();

/// The markup the config names for `path`, if a glob of its `[markup]` table matches.
pub fn markup_for(path: &Path) -> Option<MarkupArg> {
    let rules = MARKUP.get()?;
    let path = absolute(path);
    rules
        .iter()
        .find(|(m, _)| m.matched(&path, false).is_whitelist())
        .map(|(_, kind)| *kind)
}

/// `path` made absolute against the current folder, for matching globs rooted elsewhere.
pub fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        return path.to_path_buf();
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
    termlint::baseline::clean(&cwd.join(path))
}

/// Whether the user gave option `id` on the command line.
fn from_cli(given: &ArgMatches, id: &str) -> bool {
    given.value_source(id) == Some(ValueSource::CommandLine)
}
