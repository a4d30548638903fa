//! The command-line front end: parses flags, wires the library's stages together, owns the
//! terminal (colour, progress) and the exit-code contract (0 clean, 1 findings, 2 errors).

mod args;
mod config;
mod eval;
mod expand;
mod inputs;
mod output;
mod remembered;
mod review;
mod show;
mod signals;
mod source;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use args::{
    CheckArgs, Cli, ColorArg, Command, FailLevel, FixArgs, FormatArg, GlossaryArgs, MarkupArg,
    OutputArgs,
};
use inputs::Input;
use termlint::check::finding::{Applicability, Finding, rule};
use termlint::checker::{CheckOptions, Checker};
use termlint::glossary::{Glossary, Severity};
use termlint::lexicon::{Lexicon, Spins};
use termlint::report::{self, Format, Summary};
use termlint::rules::{self, RuleSelection, UnknownRule};
use termlint::source_aware::TermCounts;
use termlint::text::markup::Markup;
use termlint::text::source::SourceText;
use termlint::{fix, fix::diff, fix::write};

/// How many files are checked in parallel before their reports are written.
const CHECK_BATCH: usize = 64;

/// Exit codes, as ripgrep and Vale use them.
const EXIT_CLEAN: u8 = 0;
const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

pub fn main() -> ExitCode {
    let matches = <Cli as clap::CommandFactory>::command().get_matches();
    let mut cli = match <Cli as clap::FromArgMatches>::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    if let Err(e) = configure(&mut cli, &matches) {
        report_error(e);
        return ExitCode::from(EXIT_ERROR);
    }
    if matches!(&cli.command, Command::Fix(args) if args.write)
        || matches!(cli.command, Command::Review(_))
    {
        signals::remove_temporary_files_on_interrupt();
    }
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Fix(args) => fix(args),
        Command::Eval(args) => eval::run(args),
        Command::Glossary(args::GlossaryCommand::Expand(args)) => expand::run(args),
        Command::Glossary(args::GlossaryCommand::Show(args)) => show::run(args),
        Command::Review(args) => review::run(args),
        Command::Rules => list_rules(),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // check, fix and review write through `Quiet` and never get here on a closed pipe, so
        // their exit code stays what the findings say; the other commands' output is not a
        // gate.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(EXIT_CLEAN),
        Err(e) => {
            note(format_args!("termlint: {e}"));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Reads the config (unless --isolated) and fills in what the command line left unset;
/// `Err` when the config is bad or no glossary is named anywhere.
fn configure(cli: &mut Cli, matches: &clap::ArgMatches) -> Result<(), String> {
    let config = config::find(cli.config.as_deref(), cli.isolated)?;
    let config = config.as_ref();
    let Some((_, mut given)) = matches.subcommand() else {
        return Ok(());
    };
    // `glossary show` and `glossary expand` hold their options one level down.
    if let Some((_, inner)) = given.subcommand() {
        given = inner;
    }
    let (files, flag) = match &mut cli.command {
        Command::Check(a) => {
            let output = Some(&mut a.output);
            (
                configure_run(config, given, &mut a.glossary, Some(&mut a.input), output),
                "-g FILE",
            )
        }
        Command::Fix(a) => {
            let output = Some(&mut a.output);
            (
                configure_run(config, given, &mut a.glossary, Some(&mut a.input), output),
                "-g FILE",
            )
        }
        Command::Review(a) => (
            configure_run(config, given, &mut a.glossary, Some(&mut a.input), None),
            "-g FILE",
        ),
        Command::Eval(a) => (
            configure_run(config, given, &mut a.glossary, None, None),
            "-g FILE",
        ),
        Command::Glossary(args::GlossaryCommand::Show(a)) => {
            if let Some(config) = config {
                config.apply_files(&mut a.glossaries, &mut a.load, given);
            }
            (&a.glossaries, "FILE")
        }
        Command::Glossary(args::GlossaryCommand::Expand(a)) => {
            if let Some(config) = config {
                config.apply_files(&mut a.glossaries, &mut a.load, given);
                config.apply_spins(&mut a.spins, given);
            }
            (&a.glossaries, "FILE")
        }
        Command::Rules => return Ok(()),
    };
    if files.is_empty() {
        return Err(format!(
            "no glossary: give {flag} or name glossaries in termlint.toml"
        ));
    }
    Ok(())
}

/// Fills the options of a command that checks texts from `config`; returns its glossaries.
fn configure_run<'a>(
    config: Option<&config::Config>,
    given: &clap::ArgMatches,
    glossary: &'a mut GlossaryArgs,
    input: Option<&mut args::InputArgs>,
    output: Option<&mut OutputArgs>,
) -> &'a Vec<std::path::PathBuf> {
    if let Some(config) = config {
        config.apply_glossary(glossary, given);
        if let Some(input) = input {
            config.apply_input(input, given);
        }
        if let Some(output) = output {
            config.apply_output(output, given);
        }
    }
    &glossary.glossaries
}

/// Stdout that goes quiet when its reader goes away (`termlint check ... | head -1`): the run
/// goes on without writing, so its exit code still says what the findings say, where ending
/// early on the error would have let a failing run pass.
pub(crate) struct Quiet<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> Quiet<W> {
    pub(crate) fn new(inner: W) -> Quiet<W> {
        Quiet {
            inner,
            closed: false,
        }
    }

    fn closed<T>(&mut self, result: io::Result<T>, done: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(done)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for Quiet<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.closed(result, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.closed(result, ())
    }
}

/// Writes a line to stderr. A closed stderr is no reason to stop (or to panic, as
/// `eprintln!` does): the exit code still tells the outcome.
pub(crate) fn note(message: impl std::fmt::Display) {
    let _ = writeln!(io::stderr(), "{message}");
}

/// The process is about to end: the OS takes a large checker's memory back at once, where
/// freeing its half a million forms one by one takes tens of milliseconds.
fn leak_at_exit(checks: Checks) {
    std::mem::forget(checks);
}

/// Prints an input or glossary problem the way every command does.
fn report_error(message: impl std::fmt::Display) {
    note(format_args!("termlint: error: {message}"));
}

pub(crate) fn load_checker(args: &GlossaryArgs) -> Option<Checker> {
    let options = match check_options(args) {
        Ok(options) => options,
        Err(e) => {
            report_error(e);
            return None;
        }
    };
    let glossary = load_glossary(&args.glossaries, &args.load)?;
    let lexicon = load_lexicon(args.spins.as_deref())?;
    Some(Checker::with_lexicon(glossary, options, lexicon))
}

/// Loads layered glossaries, noting on stderr each variant a later file declared correct.
pub(crate) fn load_glossary(
    paths: &[std::path::PathBuf],
    load: &args::LoadArgs,
) -> Option<Glossary> {
    match Glossary::load_with(paths, &load.options()) {
        Ok(glossary) => {
            for o in &glossary.overrides {
                note(format_args!("termlint: note: {o}"));
            }
            Some(glossary)
        }
        Err(e) => {
            report_error(e);
            None
        }
    }
}

/// The embedded lexicon, with the substitution table of `spins` in place of the shipped one
/// if given; `None` (reported) if that file cannot be read or parsed.
pub(crate) fn load_lexicon(spins: Option<&std::path::Path>) -> Option<Arc<Lexicon>> {
    let lexicon = Lexicon::embedded();
    let Some(path) = spins else {
        return Some(Arc::new(lexicon));
    };
    match Spins::read(path) {
        Ok(spins) => Some(Arc::new(lexicon.with_spins(spins))),
        Err(e) => {
            report_error(e);
            None
        }
    }
}

fn check_options(args: &GlossaryArgs) -> Result<CheckOptions, UnknownRule> {
    // The old switches are ignores, written before the user's: a --select of the same rule
    // still wins, being as specific.
    let aliases = [
        (args.no_derive, rule::DERIVED),
        (args.no_near_miss, rule::NEAR_MISS),
        (args.no_doubled_words, rule::DOUBLED_WORD),
    ];
    let mut ignore: Vec<&str> = aliases.iter().filter(|a| a.0).map(|a| a.1).collect();
    ignore.extend(args.ignore.iter().map(String::as_str));
    let select: Vec<&str> = args.select.iter().map(String::as_str).collect();
    Ok(CheckOptions {
        rules: RuleSelection::new(&select, &ignore)?,
        min_confidence: args.min_confidence,
    })
}

/// `termlint rules`: the registry, one rule a line.
fn list_rules() -> io::Result<u8> {
    let mut out = Quiet::new(io::stdout().lock());
    let width = rules::REGISTRY
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(0);
    for r in rules::REGISTRY {
        let default = if r.default { "on" } else { "off" };
        writeln!(out, "{:<width$} {default:<4} {}", r.id, r.summary)?;
    }
    out.flush()?;
    Ok(EXIT_CLEAN)
}

fn use_color(arg: ColorArg) -> bool {
    match arg {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Colour for a report: a file gets it only when asked for (`--color always`).
fn report_color(arg: ColorArg, to_file: bool) -> bool {
    if to_file {
        matches!(arg, ColorArg::Always)
    } else {
        use_color(arg)
    }
}

fn format(arg: FormatArg) -> Format {
    match arg {
        FormatArg::Human => Format::Human,
        FormatArg::Brief => Format::Brief,
        FormatArg::Json => Format::Json,
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Sarif => Format::Sarif,
        FormatArg::Rdjson => Format::Rdjson,
        FormatArg::Rdjsonl => Format::Rdjsonl,
        FormatArg::Github => Format::Github,
        FormatArg::Checkstyle => Format::Checkstyle,
        FormatArg::Junit => Format::Junit,
    }
}

fn fails(findings: &[Finding], level: FailLevel) -> bool {
    let threshold = match level {
        FailLevel::None => return false,
        FailLevel::Error => Severity::Error,
        FailLevel::Warning => Severity::Warning,
        FailLevel::Info => Severity::Info,
    };
    findings.iter().any(|f| f.severity >= threshold)
}

/// The sink for `-o FILE` (or stdout), once the file is known not to be an input, a glossary
/// or the baseline; `Err` is the exit code after the refusal is reported.
fn report_sink(
    output: &OutputArgs,
    prepared: &Prepared,
    glossary: &GlossaryArgs,
) -> Result<output::Sink<'static>, u8> {
    if let (Some(path), Some(config)) = (&output.output, &glossary.config_file)
        && review::same_file(path, config)
    {
        report_error(format!(
            "{}: the report is not written: it is the config",
            path.display()
        ));
        return Err(EXIT_ERROR);
    }
    if let Some(path) = &output.output
        && let Err(why) = output::target(
            path,
            &prepared.inputs,
            &glossary.glossaries,
            &prepared.remembered.file,
        )
    {
        report_error(format!(
            "{}: the report is not written: {why}",
            path.display()
        ));
        return Err(EXIT_ERROR);
    }
    Ok(output::Sink::new(output.output.as_deref()))
}

/// Writes the report file (or flushes stdout); a report that cannot be written fails the run.
fn close_sink(sink: output::Sink, code: u8) -> u8 {
    match sink.close() {
        Ok(()) => code,
        Err(e) => {
            report_error(e);
            EXIT_ERROR
        }
    }
}

/// A progress bar on stderr for long runs; hidden when stderr is not a terminal. `done` says
/// what happened to a file: "checked", "fixed".
fn progress(inputs: usize, done: &str) -> ProgressBar {
    progress_on(inputs, done, io::stderr().is_terminal())
}

/// How many inputs make a run long enough for a progress bar.
const PROGRESS_FROM: usize = 20;

/// A progress bar for `inputs` files, or a hidden one when they are few or stderr is not a
/// terminal (`terminal`): a pipe or a CI log never gets one.
fn progress_on(inputs: usize, done: &str, terminal: bool) -> ProgressBar {
    if inputs < PROGRESS_FROM || !terminal {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(inputs as u64);
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{{spinner}} {done} {{pos}}/{{len}} files {{wide_bar}} {{eta}}"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// What a run over many inputs tallies for its exit code, and the progress bar its messages
/// must not tear.
struct Outcome {
    summary: Summary,
    failed: bool,
    /// Findings that remembered decisions hid.
    hidden: usize,
    progress: ProgressBar,
}

impl Outcome {
    /// A run that starts with `input_errors` inputs not found.
    fn new(input_errors: usize, progress: ProgressBar) -> Outcome {
        Outcome {
            summary: Summary {
                input_errors,
                ..Summary::default()
            },
            failed: false,
            hidden: 0,
            progress,
        }
    }

    fn code(&self) -> u8 {
        if self.summary.input_errors > 0 {
            EXIT_ERROR
        } else if self.failed {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        }
    }

    /// Counts an input that could not be read, checked or written, after reporting why.
    fn input_error(&mut self, e: impl std::fmt::Display) {
        self.progress.suspend(|| report_error(e));
        self.summary.input_errors += 1;
    }
}

/// What every text of a run is checked with: the checker, and what the config adds to it
/// (markup per glob, severity per rule). A value, not a global: each run gets its own.
pub(crate) struct Checks {
    pub checker: Checker,
    markup: config::MarkupRules,
    severity: config::Severities,
}

impl Checks {
    /// Gives each finding the severity the config's `[severity]` table sets for its rule, so
    /// that --fail-level, the exit code and every format see the same level.
    fn settle(&self, mut findings: Vec<Finding>) -> Vec<Finding> {
        for f in &mut findings {
            if let Some(level) = config::severity_of(&self.severity, f.rule) {
                f.severity = level;
            }
        }
        findings
    }
}

/// What `check`, `fix` and `review` all start from.
pub(crate) struct Prepared {
    pub checker: Checks,
    pub inputs: Vec<Input>,
    /// Inputs that could not be found (already reported).
    pub errors: usize,
    pub remembered: remembered::Remembered,
}

fn prepare(
    glossary: &GlossaryArgs,
    input: &args::InputArgs,
    baseline: &args::BaselineArgs,
    writes: bool,
) -> Result<Prepared, u8> {
    let remembered = remembered::Remembered::open(baseline).map_err(|e| {
        report_error(e);
        EXIT_ERROR
    })?;
    let mut protected: Vec<inputs::Protected> = glossary
        .glossaries
        .iter()
        .map(|path| inputs::Protected {
            path,
            what: "a glossary (-g)",
        })
        .collect();
    protected.push(inputs::Protected {
        path: &remembered.file,
        what: "the baseline",
    });
    if let Some(path) = &glossary.config_file {
        protected.push(inputs::Protected {
            path,
            what: "the config",
        });
    }
    let collected = inputs::collect(input, &protected, writes).map_err(|e| {
        report_error(e);
        EXIT_ERROR
    })?;
    for notice in &collected.notices {
        eprintln!("termlint: {notice}");
    }
    for e in &collected.errors {
        report_error(e);
    }
    let checker = load_checker(glossary).ok_or(EXIT_ERROR)?;
    Ok(Prepared {
        checker: Checks {
            checker,
            markup: input.config_markup.clone(),
            severity: glossary.severity.clone(),
        },
        inputs: collected.inputs,
        errors: collected.errors.len(),
        remembered,
    })
}

/// The markup `source` is written in: as --markup says, else as termlint.toml's `[markup]`
/// says for its path, else by its file's extension.
fn markup_of(source: &SourceText, arg: MarkupArg, rules: &config::MarkupRules) -> Markup {
    let arg = match (arg, source.path.as_deref()) {
        (MarkupArg::Auto, Some(path)) => config::markup_for(rules, path).unwrap_or(arg),
        _ => arg,
    };
    match arg {
        MarkupArg::Auto => source
            .path
            .as_deref()
            .map_or(Markup::Plain, Markup::from_path),
        MarkupArg::Plain => Markup::Plain,
        MarkupArg::Markdown => Markup::Markdown,
        MarkupArg::Html => Markup::Html,
    }
}

/// Checks `source` alone (its prose, [`Checker::check_markup`]) or against its source text
/// (`--source`, `--bitext`): the findings, how many suppressions hid, and the term counts.
fn check_against(
    checks: &Checks,
    checking: &source::Checking,
    source: &SourceText,
    arg: MarkupArg,
) -> Result<(Vec<Finding>, usize, TermCounts), String> {
    if !checking.is_alone_for(&source.name) {
        let (found, terms) = checking.run(&checks.checker, source)?;
        return Ok((checks.settle(found), 0, terms));
    }
    let markup = markup_of(source, arg, &checks.markup);
    let checked = checks.checker.check_markup(&source.content, markup);
    for span in checked.unknown_directives {
        let (line, column) = source.line_col(span.start);
        note(format_args!(
            "termlint: warning: {}:{line}:{column}: unknown directive `{}`; termlint knows \
             disable-next-line, disable and enable",
            source.name,
            source.slice(span).trim()
        ));
    }
    let found = checks.settle(checked.findings);
    Ok((found, checked.suppressed, TermCounts::new()))
}

/// Says on stderr how many findings suppression comments and `[sic]` hid, unless the
/// report's summary line already says it (`said`).
pub(crate) fn report_suppressed(suppressed: usize, said: bool) {
    if suppressed > 0 && !said {
        note(format_args!(
            "termlint: {} suppressed by termlint comments or [sic]",
            report::plural(suppressed, "finding", "findings")
        ));
    }
}

/// Fixes `source` until no fix is left ([`fix::until_stable`]), the first round with the
/// `findings` already at hand. Also returns the findings in the fixed text when the last round
/// checked it (it did unless the rounds ran out).
fn fix_until_stable(
    (checks, checking): (&Checks, &source::Checking),
    remembered: &remembered::Remembered,
    source: &SourceText,
    findings: &[Finding],
    unsafe_fixes: bool,
    markup: MarkupArg,
) -> (fix::Stable, Option<Vec<Finding>>) {
    let markup = markup_of(source, markup, &checks.markup);
    let checker = &checks.checker;
    let mut last: Option<Vec<Finding>> = None;
    let stable = fix::until_stable(&source.content, |text| {
        let found = match last {
            None => findings.to_vec(),
            Some(_) => {
                let current =
                    SourceText::new(source.name.clone(), source.path.clone(), text.to_string());
                let found = if checking.is_alone_for(&source.name) {
                    checker.check_markup(text, markup).findings
                } else {
                    (checking.run_text(checker, &source.name, text))
                        .map(|(found, _)| found)
                        .unwrap_or_default()
                };
                remembered.filter(&current, checks.settle(found)).0
            }
        };
        let fixes = fixable(&found, unsafe_fixes).into_iter().cloned().collect();
        last = Some(found);
        fixes
    });
    let after = if stable.stable { last } else { None };
    (stable, after)
}

fn fixable(findings: &[Finding], unsafe_fixes: bool) -> Vec<&termlint::check::finding::Fix> {
    let needed = if unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .filter(|fix| fix.applicability >= needed)
        .collect()
}

/// How each input is checked (alone, against `--source`, or as a `--bitext`); `None` when
/// the source cannot be read or would be written (reported).
fn checking(
    source: &args::SourceArgs,
    glossary: &GlossaryArgs,
    input: &args::InputArgs,
    inputs: &[Input],
    writes: bool,
) -> Option<source::Checking> {
    let checking =
        source::Checking::new(source, glossary, inputs, input.max_file_size).and_then(|checking| {
            checking.refuse_writing_the_source(writes, inputs)?;
            Ok(checking)
        });
    checking.map_err(report_error).ok()
}

/// What `check` and `fix` both start from: the checker and inputs, how each input is checked,
/// and where the report goes; `Err` is the exit code when one of them fails (reported).
fn start(
    (glossary, input, baseline): (&GlossaryArgs, &args::InputArgs, &args::BaselineArgs),
    source: &args::SourceArgs,
    output: &OutputArgs,
    writes: bool,
) -> Result<(Prepared, source::Checking, output::Sink<'static>), u8> {
    let prepared = prepare(glossary, input, baseline, writes)?;
    let out = match report_sink(output, &prepared, glossary) {
        Ok(out) => out,
        Err(code) => {
            leak_at_exit(prepared.checker);
            return Err(code);
        }
    };
    let checking = checking(source, glossary, input, &prepared.inputs, writes).ok_or(EXIT_ERROR)?;
    Ok((prepared, checking, out))
}

fn check(args: CheckArgs) -> io::Result<u8> {
    let run = (&args.glossary, &args.input, &args.baseline);
    let (prepared, checking, mut out) = match start(run, &args.source, &args.output, false) {
        Ok(started) => started,
        Err(code) => return Ok(code),
    };
    let bar = progress(prepared.inputs.len(), "checked");
    let mut outcome = Outcome::new(prepared.errors, bar);
    let human = matches!(args.output.format, FormatArg::Human);
    if args.diff {
        let mut diffs = String::new();
        check_each(
            &prepared,
            &checking,
            &args,
            &mut outcome,
            |source, findings| {
                let (fixed, _) = fix_until_stable(
                    (&prepared.checker, &checking),
                    &prepared.remembered,
                    source,
                    findings,
                    args.unsafe_fixes,
                    args.input.markup,
                );
                let name = remembered::patch_name(source);
                diffs.push_str(&diff::unified(&name, &source.content, &fixed.output));
                Ok(())
            },
        )?;
        out.write_all(diffs.as_bytes())?;
        out.flush()?;
    } else {
        let color = report_color(args.output.color, out.is_file());
        let mut reporter = report::reporter(format(args.output.format), &mut out, color);
        check_each(
            &prepared,
            &checking,
            &args,
            &mut outcome,
            |source, findings| reporter.file(source, findings),
        )?;
        reporter.finish(&outcome.summary)?;
    }
    report_hidden(outcome.hidden, &prepared.remembered);
    report_suppressed(outcome.summary.suppressed, human && !args.diff);
    leak_at_exit(prepared.checker);
    Ok(close_sink(out, outcome.code()))
}

/// Checks every input and hands each file's findings (not hidden by the baseline) to
/// `on_file` in input order, tallying `outcome`. Files are read and checked in parallel, a
/// batch at a time: the output is the same as one by one, and memory stays bounded on large
/// folders.
fn check_each(
    prepared: &Prepared,
    checking: &source::Checking,
    args: &CheckArgs,
    outcome: &mut Outcome,
    mut on_file: impl FnMut(&SourceText, &[Finding]) -> io::Result<()>,
) -> io::Result<()> {
    let (checks, remembered) = (&prepared.checker, &prepared.remembered);
    let bar = outcome.progress.clone();
    let checked = prepared.inputs.chunks(CHECK_BATCH).flat_map(|batch| {
        batch
            .par_iter()
            .map(|input| {
                let source = input.read().map_err(|e| e.to_string())?;
                let (found, suppressed, terms) =
                    check_against(checks, checking, &source, args.input.markup)?;
                let (findings, covered) = remembered.filter(&source, found);
                bar.inc(1);
                Ok((source, findings, covered, suppressed, terms))
            })
            .collect::<Vec<Result<_, String>>>()
    });
    for result in checked {
        let (source, findings, covered, suppressed, terms) = match result {
            Ok(checked) => checked,
            Err(e) => {
                outcome.input_error(e);
                continue;
            }
        };
        outcome.hidden += covered;
        outcome.summary.suppressed += suppressed;
        outcome.summary.files += 1;
        outcome.summary.count(&findings);
        outcome.summary.count_terms(&terms);
        outcome.failed |= fails(&findings, args.output.fail_level);
        on_file(&source, &findings)?;
    }
    bar.finish_and_clear();
    Ok(())
}

/// Says on stderr (in every format: it changes what the report shows) how many findings
/// remembered decisions hid.
fn report_hidden(hidden: usize, remembered: &remembered::Remembered) {
    if hidden > 0 {
        note(format_args!(
            "termlint: {} hidden by decisions in {} (--no-baseline shows them)",
            report::plural(hidden, "finding", "findings"),
            remembered.shown()
        ));
    }
}

/// What `fix --write` keeps for its report: the fixed texts and what remains in them, how
/// many fixes it applied, and the fixed text of stdin.
#[derive(Default)]
struct Fixed {
    remaining: Vec<(SourceText, Vec<Finding>)>,
    applied: usize,
    stdin_output: Option<String>,
}

fn fix(args: FixArgs) -> io::Result<u8> {
    let run = (&args.glossary, &args.input, &args.baseline);
    let (prepared, checking, mut out) = match start(run, &args.source, &args.output, args.write) {
        Ok(started) => started,
        Err(code) => return Ok(code),
    };
    let bar = progress(prepared.inputs.len(), "fixed");
    let mut outcome = Outcome::new(prepared.errors, bar);
    let mut fixed = Fixed::default();
    for input in &prepared.inputs {
        fix_input(
            &args,
            (&prepared, &checking),
            input,
            &mut outcome,
            &mut fixed,
            &mut out,
        )?;
        outcome.progress.inc(1);
    }
    outcome.progress.finish_and_clear();
    report_hidden(outcome.hidden, &prepared.remembered);
    let human = matches!(args.output.format, FormatArg::Human);
    report_suppressed(outcome.summary.suppressed, human && args.write);
    if args.write {
        report_remaining(&args.output, &mut out, &fixed, &outcome.summary)?;
        note(format_args!(
            "termlint: applied {}",
            report::plural(fixed.applied, "fix", "fixes")
        ));
    }
    leak_at_exit(prepared.checker);
    Ok(close_sink(out, outcome.code()))
}

/// Checks and fixes one input: without --write, writes its diff to `out`; with it, writes
/// the fixed file and keeps what remains for the report. An input that cannot be read,
/// checked or written is reported and counted.
fn fix_input(
    args: &FixArgs,
    (prepared, checking): (&Prepared, &source::Checking),
    input: &Input,
    outcome: &mut Outcome,
    fixed: &mut Fixed,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (checks, remembered) = (&prepared.checker, &prepared.remembered);
    let checked = input.read().map_err(|e| e.to_string()).and_then(|source| {
        let found = check_against(checks, checking, &source, args.input.markup)?;
        Ok((source, found))
    });
    let (source, (found, suppressed, terms)) = match checked {
        Ok(checked) => checked,
        Err(e) => {
            outcome.input_error(e);
            return Ok(());
        }
    };
    outcome.summary.suppressed += suppressed;
    outcome.summary.count_terms(&terms);
    let (findings, covered) = remembered.filter(&source, found);
    outcome.hidden += covered;
    let (applied, after) = fix_until_stable(
        (checks, checking),
        remembered,
        &source,
        &findings,
        args.unsafe_fixes,
        args.input.markup,
    );
    outcome.summary.files += 1;
    if !args.write {
        let name = remembered::patch_name(&source);
        let diff = diff::unified(&name, &source.content, &applied.output);
        return outcome.progress.suspend(|| out.write_all(diff.as_bytes()));
    }
    if let Err(e) = write_fixed(&source, &applied.output, args.force, fixed) {
        outcome.input_error(e);
        return Ok(());
    }
    fixed.applied += applied.applied;
    let source = SourceText::new(source.name, source.path, applied.output);
    let after = after.unwrap_or_else(|| {
        let found = check_against(checks, checking, &source, args.input.markup)
            .map(|(found, ..)| found)
            .unwrap_or_default();
        remembered.filter(&source, found).0
    });
    outcome.failed |= fails(&after, args.output.fail_level);
    outcome.summary.count(&after);
    fixed.remaining.push((source, after));
    Ok(())
}

/// Writes the fixed text over its file when it changed (atomically), or keeps it for stdout
/// when it came from stdin.
fn write_fixed(
    source: &SourceText,
    text: &str,
    force: bool,
    fixed: &mut Fixed,
) -> Result<(), write::WriteError> {
    match &source.path {
        None => fixed.stdin_output = Some(text.to_string()),
        Some(path) if text != source.content => {
            let options = write::WriteOptions { force };
            write::write_file(path, source.content.as_bytes(), text.as_bytes(), options)?;
        }
        Some(_) => {}
    }
    Ok(())
}

/// Reports what `fix --write` left. Fixed text of stdin goes to stdout; the report then goes
/// to stderr, or to the -o file.
fn report_remaining(
    output: &OutputArgs,
    out: &mut output::Sink<'static>,
    fixed: &Fixed,
    summary: &Summary,
) -> io::Result<()> {
    let stderr = io::stderr();
    let mut err_out = Quiet::new(stderr.lock());
    let to_file = out.is_file();
    let (report_to, color): (&mut dyn Write, bool) = match &fixed.stdin_output {
        Some(text) if to_file => {
            let mut stdout = Quiet::new(io::stdout().lock());
            stdout.write_all(text.as_bytes())?;
            stdout.flush()?;
            (out, report_color(output.color, true))
        }
        Some(text) => {
            out.write_all(text.as_bytes())?;
            out.flush()?;
            (&mut err_out, false)
        }
        None if to_file => (out, report_color(output.color, true)),
        None => (out, use_color(output.color)),
    };
    let mut reporter = report::reporter(format(output.format), report_to, color);
    for (source, findings) in &fixed.remaining {
        reporter.file(source, findings)?;
    }
    reporter.finish(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_progress_bar_only_for_many_files_on_a_terminal() {
        assert_eq!(
            progress_on(500, "fixed", false).length(),
            None,
            "never in a pipe"
        );
        assert_eq!(progress_on(PROGRESS_FROM - 1, "fixed", true).length(), None);
        assert_eq!(progress_on(500, "fixed", true).length(), Some(500));
    }

    #[test]
    fn markup_per_glob_is_the_rules_given_not_a_process_global() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        let source = SourceText::new("notes.txt", Some(path.clone()), String::new());
        let rules = |kind| {
            let mut builder = ignore::overrides::OverrideBuilder::new(dir.path());
            builder.add("*.txt").unwrap();
            vec![(builder.build().unwrap(), kind)]
        };
        let (md, html) = (rules(MarkupArg::Markdown), rules(MarkupArg::Html));
        assert_eq!(markup_of(&source, MarkupArg::Auto, &md), Markup::Markdown);
        assert_eq!(markup_of(&source, MarkupArg::Auto, &html), Markup::Html);
        assert_eq!(
            markup_of(&source, MarkupArg::Auto, &Vec::new()),
            Markup::Plain
        );
        assert_eq!(markup_of(&source, MarkupArg::Plain, &md), Markup::Plain);
    }
}
