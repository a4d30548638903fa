//! Project configuration: `termlint.toml`, or `[tool.termlint]` in `pyproject.toml`, found by
//! walking up from the current folder (as ruff finds its project config), or named with
//! `--config FILE`; `--isolated` ignores any. Options given on the command line override the
//! config's values; `-g` replaces its glossaries. docs/config.md describes the keys.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use clap::parser::{ArgMatches, ValueSource};
use ignore::overrides::{Override, OverrideBuilder};
use serde::Deserialize;
use toml::Spanned;

use termlint::glossary::Severity;
use termlint::rules::{REGISTRY, RuleSelection};

use super::args::{
    FailLevel, FormatArg, GlossaryArgs, GlossaryFormat, InputArgs, LoadArgs, MarkupArg, OutputArgs,
    file_size,
};

/// The config file's name.
pub const FILE_NAME: &str = "termlint.toml";

/// The keys of a config, as written (kebab-case); any other key is an error.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    glossaries: Option<Vec<Spanned<String>>>,
    glossary_format: Option<Spanned<String>>,
    lang: Option<Spanned<String>>,
    spins: Option<Spanned<String>>,
    fail_level: Option<Spanned<String>>,
    format: Option<Spanned<String>>,
    min_confidence: Option<Spanned<f64>>,
    max_file_size: Option<Spanned<toml::Value>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    markup: Option<BTreeMap<String, Spanned<String>>>,
    severity: Option<BTreeMap<String, Spanned<String>>>,
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

/// Markup per glob (rooted at the config's folder), in the order written; the first match
/// wins.
pub type MarkupRules = Vec<(Override, MarkupArg)>;

/// Severity per rule: ids or prefixes of ids (or `all`), the most specific winning, as for
/// `--select`.
pub type Severities = Vec<(String, Severity)>;

/// A config read and checked: every value valid, paths resolved against its folder.
#[derive(Debug)]
pub struct Config {
    /// The file it was read from.
    pub path: PathBuf,
    glossaries: Option<Vec<PathBuf>>,
    glossary_format: Option<GlossaryFormat>,
    lang: Option<String>,
    spins: Option<PathBuf>,
    fail_level: Option<FailLevel>,
    format: Option<FormatArg>,
    min_confidence: Option<f32>,
    max_file_size: Option<u64>,
    select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
    /// include/exclude globs, relative to the config's folder.
    filter: Option<Override>,
    markup: MarkupRules,
    severity: Severities,
}

/// Finds the config: `explicit` if given, none if `isolated`, else the nearest `termlint.toml`
/// (or `pyproject.toml` with `[tool.termlint]`) in the current folder or a parent.
pub fn find(explicit: Option<&Path>, isolated: bool) -> Result<Option<Config>, String> {
    if isolated {
        return Ok(None);
    }
    if let Some(path) = explicit {
        let text = read(path)?;
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
            // As ruff does: a pyproject.toml met on the way up that is not TOML stops the
            // run, since it may hold [tool.termlint] (its other tables are never checked).
            let text = read(&path)?;
            let found = pyproject(&path, &text).map_err(|e| {
                format!(
                    "{e}\n  (termlint reads a pyproject.toml's [tool.termlint] in the current \
                     folder or a parent; fix the file, or pass --config FILE or --isolated)"
                )
            })?;
            if let Some(raw) = found {
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

/// Checks a config's values, each error naming the file and the line of the value.
struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
    /// The config's folder, which relative paths and globs are rooted at.
    dir: PathBuf,
}

impl Reader<'_> {
    fn at(&self, span: std::ops::Range<usize>, message: String) -> String {
        format!(
            "{}:{}: {message}",
            self.path.display(),
            line(self.text, span.start)
        )
    }

    /// A value of one of the names of `T`, as its command-line flag takes it.
    fn choice<T: ValueEnum>(&self, value: &Spanned<String>, key: &str) -> Result<T, String> {
        T::from_str(value.get_ref(), true).map_err(|_| {
            let names: Vec<String> = T::value_variants()
                .iter()
                .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
                .collect();
            self.at(
                value.span(),
                format!(
                    "{key}: unknown value `{}`; expected one of {}",
                    value.get_ref(),
                    names.join(", ")
                ),
            )
        })
    }

    fn optional<T: ValueEnum>(
        &self,
        value: &Option<Spanned<String>>,
        key: &str,
    ) -> Result<Option<T>, String> {
        value.as_ref().map(|v| self.choice(v, key)).transpose()
    }

    fn min_confidence(&self, value: &Option<Spanned<f64>>) -> Result<Option<f32>, String> {
        match value {
            Some(v) if (0.0..=1.0).contains(v.get_ref()) => Ok(Some(*v.get_ref() as f32)),
            Some(v) => Err(self.at(
                v.span(),
                "min-confidence: expected a number from 0 to 1, such as 0.5".into(),
            )),
            None => Ok(None),
        }
    }

    /// A size in bytes: a number, or a string with a K, M or G suffix as --max-file-size.
    fn size(&self, value: &Option<Spanned<toml::Value>>) -> Result<Option<u64>, String> {
        let Some(v) = value else {
            return Ok(None);
        };
        let text = match v.get_ref() {
            toml::Value::Integer(n) => n.to_string(),
            toml::Value::String(s) => s.clone(),
            _ => String::new(),
        };
        file_size(&text)
            .map(Some)
            .map_err(|e| self.at(v.span(), format!("max-file-size: {e}")))
    }

    fn rules(
        &self,
        list: &Option<Vec<Spanned<String>>>,
        key: &str,
    ) -> Result<Option<Vec<String>>, String> {
        let Some(list) = list else {
            return Ok(None);
        };
        for id in list {
            RuleSelection::new(&[id.get_ref().as_str()], &[])
                .map_err(|e| self.at(id.span(), format!("{key}: {e}")))?;
        }
        Ok(Some(list.iter().map(|s| s.get_ref().clone()).collect()))
    }

    fn filter(&self, raw: &Raw) -> Result<Option<Override>, String> {
        if raw.include.is_none() && raw.exclude.is_none() {
            return Ok(None);
        }
        let mut builder = OverrideBuilder::new(&self.dir);
        for glob in raw.include.iter().flatten() {
            builder
                .add(glob.get_ref())
                .map_err(|e| self.at(glob.span(), format!("include: {e}")))?;
        }
        for glob in raw.exclude.iter().flatten() {
            builder
                .add(&format!("!{}", glob.get_ref()))
                .map_err(|e| self.at(glob.span(), format!("exclude: {e}")))?;
        }
        let filter = builder
            .build()
            .map_err(|e| format!("{}: {e}", self.path.display()))?;
        Ok(Some(filter))
    }

    fn markup(
        &self,
        table: &Option<BTreeMap<String, Spanned<String>>>,
    ) -> Result<MarkupRules, String> {
        let mut markup: Vec<(usize, Override, MarkupArg)> = Vec::new();
        for (glob, value) in table.iter().flatten() {
            let kind = self.choice(value, "markup")?;
            let mut builder = OverrideBuilder::new(&self.dir);
            builder
                .add(glob)
                .map_err(|e| self.at(value.span(), format!("markup: {e}")))?;
            let matcher = builder
                .build()
                .map_err(|e| self.at(value.span(), format!("markup: {e}")))?;
            markup.push((value.span().start, matcher, kind));
        }
        // The table comes back sorted by glob; the order written decides.
        markup.sort_by_key(|m| m.0);
        Ok(markup.into_iter().map(|(_, m, k)| (m, k)).collect())
    }

    /// The `[severity]` table: each key a rule id as `termlint rules` lists them (or a source
    /// rule, a prefix, or `all`), each value error, warning or info.
    fn severity(
        &self,
        table: &Option<BTreeMap<String, Spanned<String>>>,
    ) -> Result<Severities, String> {
        let mut severities: Vec<(usize, String, Severity)> = Vec::new();
        for (id, value) in table.iter().flatten() {
            let id = id.trim().to_ascii_lowercase();
            if !known_rules().any(|known| selects(&id, known)) {
                let known: Vec<&str> = known_rules().collect();
                return Err(self.at(
                    value.span(),
                    format!(
                        "severity: unknown rule `{id}`; rules are {} (or a prefix such as \
                         `glossary`, or `all`)",
                        known.join(", ")
                    ),
                ));
            }
            let level = match value.get_ref().to_ascii_lowercase().as_str() {
                "error" => Severity::Error,
                "warning" => Severity::Warning,
                "info" => Severity::Info,
                other => {
                    return Err(self.at(
                        value.span(),
                        format!(
                            "severity: unknown level `{other}` for `{id}`; expected one of \
                             error, warning, info"
                        ),
                    ));
                }
            };
            severities.push((value.span().start, id, level));
        }
        severities.sort_by_key(|s| s.0);
        Ok(severities.into_iter().map(|(_, id, s)| (id, s)).collect())
    }
}

/// The ids a `[severity]` key may name: the registry's rules and the source-aware ones.
fn known_rules() -> impl Iterator<Item = &'static str> {
    use termlint::source_aware::rule;
    REGISTRY.iter().map(|r| r.id).chain([
        rule::MISSING_TERM,
        rule::CHANGED_TERM,
        rule::CHANGED_WORD,
    ])
}

/// Whether `selector` names rule `id`: the id, a prefix of it, or `all`.
fn selects(selector: &str, id: &str) -> bool {
    selector == "all" || id.starts_with(selector)
}

/// The severity `severities` give rule `id`, if any: the most specific selector wins.
pub fn severity_of(severities: &[(String, Severity)], id: &str) -> Option<Severity> {
    severities
        .iter()
        .filter(|(selector, _)| selects(selector, id))
        .max_by_key(|(selector, _)| if selector == "all" { 0 } else { selector.len() })
        .map(|(_, level)| *level)
}

impl Config {
    fn new(path: &Path, text: &str, raw: Raw) -> Result<Config, String> {
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
        let r = Reader { path, text, dir };
        let file = |v: &Spanned<String>| r.dir.join(v.get_ref());
        Ok(Config {
            path: path.to_path_buf(),
            glossaries: raw
                .glossaries
                .as_ref()
                .map(|l| l.iter().map(file).collect()),
            glossary_format: r.optional(&raw.glossary_format, "glossary-format")?,
            lang: raw.lang.as_ref().map(|l| l.get_ref().clone()),
            spins: raw.spins.as_ref().map(file),
            fail_level: r.optional(&raw.fail_level, "fail-level")?,
            format: r.optional(&raw.format, "format")?,
            min_confidence: r.min_confidence(&raw.min_confidence)?,
            max_file_size: r.size(&raw.max_file_size)?,
            select: r.rules(&raw.select, "select")?,
            ignore: r.rules(&raw.ignore, "ignore")?,
            filter: r.filter(&raw)?,
            markup: r.markup(&raw.markup)?,
            severity: r.severity(&raw.severity)?,
        })
    }

    /// Fills the glossary options the command line left unset.
    pub fn apply_glossary(&self, args: &mut GlossaryArgs, given: &ArgMatches) {
        self.apply_files(&mut args.glossaries, &mut args.load, given);
        self.apply_spins(&mut args.spins, given);
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
        args.severity = self.severity.clone();
        args.config_file = Some(self.path.clone());
    }

    /// Fills the glossary files and how they are read (`glossary show` and `expand` too):
    /// the files unless the command line names some, the format and language unless given.
    pub fn apply_files(&self, files: &mut Vec<PathBuf>, load: &mut LoadArgs, given: &ArgMatches) {
        if !from_cli(given, "glossaries")
            && let Some(glossaries) = &self.glossaries
        {
            files.clone_from(glossaries);
        }
        if !from_cli(given, "glossary_format")
            && let Some(format) = self.glossary_format
        {
            load.glossary_format = Some(format);
        }
        if !from_cli(given, "lang")
            && let Some(lang) = &self.lang
        {
            load.lang = Some(lang.clone());
        }
    }

    /// Fills the substitution table of paraphrasers unless --spins was given.
    pub fn apply_spins(&self, spins: &mut Option<PathBuf>, given: &ArgMatches) {
        if !from_cli(given, "spins")
            && let Some(path) = &self.spins
        {
            *spins = Some(path.clone());
        }
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

    /// Adds the include/exclude globs, the size limit unless --max-file-size was given, and
    /// the markup per glob unless --markup was.
    pub fn apply_input(&self, args: &mut InputArgs, given: &ArgMatches) {
        args.config_filter = self.filter.clone();
        if !from_cli(given, "max_file_size")
            && let Some(size) = self.max_file_size
        {
            args.max_file_size = size;
        }
        if !from_cli(given, "markup") {
            args.config_markup = self.markup.clone();
        }
    }
}

/// The markup `rules` name for `path`, if one of their globs matches.
pub fn markup_for(rules: &[(Override, MarkupArg)], path: &Path) -> Option<MarkupArg> {
    if rules.is_empty() {
        return None;
    }
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
