//! Source-aware checking against the monolingual check of the same target (#13).
//!
//! ```sh
//! cargo bench --bench source_aware
//! cargo bench --bench source_aware -- --runs 9     # more runs per figure (default 7)
//! cargo bench --bench source_aware -- --only zh     # the monolingual rows and rows naming "zh"
//! cargo bench --bench source_aware -- --pair SOURCE TARGET GLOSSARY --only pair
//! ```
//!
//! `--pair` adds a row for a bitext of your own: two files with the same number of lines
//! (line i of TARGET renders line i of SOURCE) and a glossary, checked with `--source`
//! against the monolingual check of TARGET (real MT output: the WMT25 systems' files, say,
//! which cannot ship with the repo).
//!
//! The rows above time the check alone, in a process that has read the lexicons and prepared
//! the glossary once. The "whole command" rows time what a user waits for: the `termlint`
//! binary run on the same files, with and without `--source` (one thread, the median of the
//! runs), lexicons, glossary and, for a Chinese source, the dictionary read each time.
//! `--no-commands` leaves them out (callgrind counts the checks alone).
//!
//! `--only` is for profiling one row (`perf record`, or callgrind for instruction counts that
//! the load of a shared machine does not change: `scripts/bench-instructions.py` counts each
//! check of a row and of its monolingual baseline alone, see [`one_check`]).
//!
//! The target is the seed article (`corpus/seed/article.txt`, a spun news story), repeated
//! `REPEAT` times; its same-language "original" is the article with every fix of the shipped
//! glossary applied (unsafe ones included), so the two differ where the spinner garbled a
//! term. The shipped glossary checks both ways:
//!
//! - monolingual: `Checker::check` of the target alone (the baseline);
//! - `--source`, line by line: the original and the target have the same lines;
//! - `--source`, whole documents: the original as one paragraph, so the lines differ and the
//!   two documents are aligned word by word;
//! - `--bitext` TSV: one `original<TAB>target` line per article line;
//! - XLIFF 2: one unit per article line, read, masked and checked;
//! - a translation from Chinese: the units of a zh/en XLIFF fixture, numbered and cycled to
//!   a few hundred line pairs, checked with `--source` (the dictionary, anchors and the
//!   file's habits at work) against the monolingual check of the same English; every line
//!   lacks a term there, so a second row checks the same pairs with the terms put in (by the
//!   check's own fixes) on all lines but one in 25, as in most MT output.
//!
//! Each figure is the median of several runs after one warm-up run (the bitext read included);
//! the ratio is against the monolingual check. Target: at most 2x.

#![allow(clippy::print_stdout)]

use std::time::{Duration, Instant};

use termlint::bitext::Bitext;
use termlint::checker::{CheckOptions, Checker};
use termlint::glossary::Glossary;
use termlint::source_aware::{SourceAware, SourceOptions, rule};

const ARTICLE: &str = "corpus/seed/article.txt";
const SHIPPED: &str = "corpus/glossaries/fentanyl-policy.toml";
const REPEAT: usize = 4;
/// The zh/en case: the units of this XLIFF fixture, numbered and cycled to `PAIRS` lines.
const ZH_UNITS: &str = "tests/fixtures/bitext/report.xlf";
const ZH_GLOSSARY: &str = "tests/fixtures/bitext/glossary.tsv";
const PAIRS: usize = 400;
const ZH_ROW: &str = "--source (zh), line by line";
/// The zh/en case as most MT output is: the terms rendered but on one line in this many.
const LACKING_EVERY: usize = 25;
const ZH_MOSTLY_ROW: &str = "--source (zh), terms mostly right";

fn manifest_path(path: &str) -> String {
    format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))
}

/// The "whole command" rows of row `label`, when it is run: the bitext `source`/`target`
/// written to two temporary files and checked with the repo's `glossary`.
fn text_command_rows(label: &str, runs: usize, source: &str, target: &str, glossary: &str) {
    if !wanted(label) {
        return;
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let [source, target] = [("source.txt", source), ("target.txt", target)].map(|(name, text)| {
        let path = folder.path().join(name);
        std::fs::write(&path, text).expect("the bitext written");
        path.to_string_lossy().into_owned()
    });
    command_rows(runs, &source, &target, &manifest_path(glossary));
}

fn read(path: &str) -> String {
    let path = manifest_path(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// One row of the table: the time in ms, the findings, and the time as a ratio to `mono`.
fn print_row(label: &str, time: Duration, count: usize, mono: Duration) {
    println!(
        "{label:<34} {:>9.2} {count:>9} {:>7.2}x",
        time.as_secs_f64() * 1e3,
        time.as_secs_f64() / mono.as_secs_f64()
    );
}

/// The median time of `runs` calls of `f` after one warm-up call, and the warm-up's result.
/// Each call goes through [`one_check`].
/// One source-aware row, when asked for: the median time of `check` (which returns its
/// finding count) over `runs`, printed beside the monolingual time `mono`.
fn row(label: &str, runs: usize, mono: Duration, check: impl FnMut() -> usize) {
    if wanted(label) {
        let (time, count) = median(runs, check);
        print_row(label, time, count, mono);
    }
}

fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let result = one_check(&mut f);
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(one_check(&mut f));
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[times.len() / 2], result)
}

/// One measured check: a function of its own, so that callgrind counts each check alone
/// (`--toggle-collect=source_aware::one_check --dump-after=source_aware::one_check`: one
/// dump per check, in the order the table prints them, the warm-up first).
#[inline(never)]
fn one_check<T>(f: &mut impl FnMut() -> T) -> T {
    f()
}

/// The wall time of one run of the `termlint` binary with `args`, on one thread, its report
/// thrown away.
fn command_time(args: &[&str]) -> Duration {
    let start = Instant::now();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_termlint"))
        .args(args)
        .env("RAYON_NUM_THREADS", "1")
        .stdout(std::process::Stdio::null())
        .status()
        .expect("the termlint binary");
    // 0: nothing found, 1: findings; 2 is an error.
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "termlint {args:?}: {status}"
    );
    start.elapsed()
}

/// The "whole command" rows of a bitext in files: `termlint check TARGET --glossary GLOSSARY`,
/// then the same with `--source SOURCE`, each the median of `runs` after a warm-up. The two
/// are run in turns, so a change in the machine's load falls on both alike.
fn command_rows(runs: usize, source: &str, target: &str, glossary: &str) {
    if std::env::args().any(|a| a == "--no-commands") {
        return;
    }
    let mono = ["check", target, "--glossary", glossary, "--format", "json"];
    let aware = [&mono[..], &["--source", source]].concat();
    let (mut mono_times, mut aware_times) = (Vec::new(), Vec::new());
    for _ in 0..=runs {
        mono_times.push(command_time(&mono));
        aware_times.push(command_time(&aware));
    }
    let median = |times: &mut Vec<Duration>| {
        times.remove(0);
        times.sort();
        times[times.len() / 2]
    };
    let mono_time = median(&mut mono_times);
    print_command_row("whole command, monolingual", mono_time, mono_time);
    print_command_row(
        "whole command, --source",
        median(&mut aware_times),
        mono_time,
    );
}

/// A row of [`command_rows`]: the time in ms and as a ratio to `mono` (no finding count: the
/// report is not read).
fn print_command_row(label: &str, time: Duration, mono: Duration) {
    println!(
        "{label:<34} {:>9.2} {:>9} {:>7.2}x",
        time.as_secs_f64() * 1e3,
        "",
        time.as_secs_f64() / mono.as_secs_f64()
    );
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
}

/// The value of command-line option `name`.
fn option(name: &str) -> Option<String> {
    std::env::args().skip_while(|a| a != name).nth(1)
}

/// Whether the row `label` is run: every row, or with `--only WORD` the monolingual ones and
/// those whose label holds WORD.
fn wanted(label: &str) -> bool {
    label == "monolingual" || option("--only").is_none_or(|word| label.contains(&word))
}

fn main() {
    // Callgrind counts a check on the thread that calls `one_check` only: on one thread (as
    // `scripts/bench-instructions.py` runs it), that thread is the pool's, so the work the
    // check hands to rayon is counted too.
    if std::env::var("RAYON_NUM_THREADS").as_deref() == Ok("1") {
        rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .use_current_thread()
            .build_global()
            .expect("the one-thread pool");
    }
    let runs = option("--runs").and_then(|n| n.parse().ok()).unwrap_or(7);
    let glossary = Glossary::parse(SHIPPED, &read(SHIPPED)).expect("the shipped glossary");
    let checker = Checker::new(glossary, CheckOptions::default());
    let target = read(ARTICLE).repeat(REPEAT);
    let fixed = termlint::fix::until_stable(&target, |text| {
        let findings = checker.check(text);
        findings.into_iter().filter_map(|f| f.fix).collect()
    });
    let original = fixed.output;
    let source_aware = SourceAware::new(&checker, SourceOptions::default());
    let tsv: String = original
        .lines()
        .zip(target.lines())
        .filter(|(s, t)| !s.trim().is_empty() && !t.trim().is_empty())
        .map(|(s, t)| format!("{s}\t{t}\n"))
        .collect();
    let units: String = original
        .lines()
        .zip(target.lines())
        .filter(|(s, t)| !s.trim().is_empty() && !t.trim().is_empty())
        .map(|(s, t)| {
            format!(
                "<unit id=\"u\"><segment><source>{}</source><target>{}</target></segment></unit>\n",
                escape(s),
                escape(t)
            )
        })
        .collect();
    let xliff = format!("<xliff version=\"2.0\"><file id=\"f\">\n{units}</file></xliff>\n");
    let one_paragraph = original.split_whitespace().collect::<Vec<_>>().join(" ");

    println!(
        "{ARTICLE} x{REPEAT} ({} bytes) with {SHIPPED}, median of {runs} runs after a warm-up:",
        target.len()
    );
    println!(
        "{:<34} {:>9} {:>9} {:>8}",
        "check", "ms", "findings", "x mono"
    );
    let (mono, mono_count) = median(runs, || checker.check(&target).len());
    print_row("monolingual", mono, mono_count, mono);
    row("--source, line by line", runs, mono, || {
        let bitext = Bitext::pair(&original, &target).unwrap();
        source_aware.check(&bitext, &target).findings.len()
    });
    text_command_rows("--source, line by line", runs, &original, &target, SHIPPED);
    row("--source, whole documents", runs, mono, || {
        let bitext = Bitext::pair(&one_paragraph, &target).unwrap();
        source_aware.check(&bitext, &target).findings.len()
    });
    row("--bitext TSV", runs, mono, || {
        let bitext = Bitext::tsv(&tsv).unwrap();
        source_aware.check(&bitext, &tsv).findings.len()
    });
    row("XLIFF 2", runs, mono, || {
        let bitext = termlint::bitext::xliff::read(&xliff).unwrap();
        let masked = bitext.mask(&xliff);
        source_aware.check(&bitext, &masked).findings.len()
    });
    if wanted(ZH_ROW) || wanted(ZH_MOSTLY_ROW) {
        chinese(runs);
    }
    if let Some(source) = option("--pair") {
        let mut rest = std::env::args().skip_while(|a| a != "--pair").skip(2);
        let (Some(target), Some(glossary)) = (rest.next(), rest.next()) else {
            panic!("--pair SOURCE TARGET GLOSSARY");
        };
        own_pair(runs, &source, &target, &glossary);
    }
}

/// The row of `--pair`: the user's bitext and glossary, checked with and without its source.
fn own_pair(runs: usize, source: &str, target: &str, glossary_path: &str) {
    let load = |path: &str| std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let (source_text, target_text) = (load(source), load(target));
    let glossary =
        Glossary::parse(glossary_path, &load(glossary_path)).expect("the --pair glossary");
    let checker = Checker::new(glossary, CheckOptions::default());
    let source_aware = SourceAware::new(&checker, SourceOptions::default());
    println!();
    println!("{target} ({} bytes) against {source}:", target_text.len());
    let (mono, count) = median(runs, || checker.check(&target_text).len());
    print_row("monolingual", mono, count, mono);
    row("--source, --pair", runs, mono, || {
        let bitext = Bitext::pair(&source_text, &target_text).expect("two files of as many lines");
        source_aware.check(&bitext, &target_text).findings.len()
    });
    if wanted("--source, --pair") {
        command_rows(runs, source, target, glossary_path);
    }
}

/// A translation: `PAIRS` zh/en line pairs built from the units of [`ZH_UNITS`] (numbered,
/// so no two lines are the same), with the fixture's bilingual glossary, checked against
/// its source line by line (dictionary, anchors and the file's habits included) and alone.
fn chinese(runs: usize) {
    let glossary = Glossary::parse(ZH_GLOSSARY, &read(ZH_GLOSSARY)).expect("the fixture glossary");
    let checker = Checker::new(glossary, CheckOptions::default());
    let xliff = read(ZH_UNITS);
    let bitext = termlint::bitext::xliff::read(&xliff).expect("the fixture");
    let masked = bitext.mask(&xliff);
    let units: Vec<(String, String)> = bitext
        .segments
        .iter()
        .map(|s| {
            let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
            (
                words(&bitext.source[s.source.start..s.source.end]),
                words(&masked[s.target.start..s.target.end]),
            )
        })
        .filter(|(s, t)| !s.is_empty() && !t.is_empty())
        .collect();
    let (mut zh, mut en) = (String::new(), String::new());
    for i in 0..PAIRS {
        let (s, t) = &units[i % units.len()];
        zh.push_str(&format!("第{i}項：{s}\n"));
        en.push_str(&format!("Item {i}: {t}\n"));
    }
    let source_aware = SourceAware::new(&checker, SourceOptions::default());
    println!();
    println!(
        "{ZH_UNITS}: {PAIRS} zh/en pairs ({} bytes of English) with {ZH_GLOSSARY}:",
        en.len()
    );
    let (mono, count) = median(runs, || checker.check(&en).len());
    print_row("monolingual", mono, count, mono);
    row(ZH_ROW, runs, mono, || {
        let bitext = Bitext::pair(&zh, &en).unwrap();
        source_aware.check(&bitext, &en).findings.len()
    });
    text_command_rows(ZH_ROW, runs, &zh, &en, ZH_GLOSSARY);
    // As in most MT output, the terms rendered on most lines: the check's own fixes put in,
    // then the lines as they were kept on one line in `LACKING_EVERY`.
    let fixed = termlint::fix::until_stable(&en, |text| {
        let bitext = Bitext::pair(&zh, text).unwrap();
        let findings = source_aware.check(&bitext, text).findings;
        let missing = findings
            .into_iter()
            .filter(|f| f.rule == rule::MISSING_TERM);
        missing.filter_map(|f| f.fix).collect()
    });
    let mostly: String = en
        .lines()
        .zip(fixed.output.lines())
        .enumerate()
        .map(|(i, (was, fixed))| {
            let line = if i % LACKING_EVERY == 0 { was } else { fixed };
            format!("{line}\n")
        })
        .collect();
    let bitext = Bitext::pair(&zh, &mostly).unwrap();
    let lacking = source_aware.check(&bitext, &mostly).findings;
    let lacking = lacking.iter().filter(|f| f.rule == rule::MISSING_TERM);
    println!(
        "the same pairs with the terms put in but on one line in {LACKING_EVERY}: \
         {} missing terms found on {PAIRS} lines",
        lacking.count()
    );
    let (mono, count) = median(runs, || checker.check(&mostly).len());
    print_row("monolingual", mono, count, mono);
    row(ZH_MOSTLY_ROW, runs, mono, || {
        let bitext = Bitext::pair(&zh, &mostly).unwrap();
        source_aware.check(&bitext, &mostly).findings.len()
    });
    text_command_rows(ZH_MOSTLY_ROW, runs, &zh, &mostly, ZH_GLOSSARY);
}
