//! Checking speed: lexicon load, check throughput against a plain Aho-Corasick baseline, and
//! building a checker for a large bare glossary (issue #3).
//!
//! ```sh
//! cargo bench --bench check
//! cargo bench --bench check -- --runs 9        # more runs per figure (default 5)
//! ```
//!
//! The embedded lexicon is built once and shared by every checker; its load is timed first,
//! cold, by `Lexicon::preload()`; everything after runs warm. Every other figure is the median
//! of several runs after one warm-up run.
//!
//! - Throughput: the seed article, and separately the clean WordNet examples, each repeated
//!   to ~1 MB, checked with the shipped glossary (a) with default options, (b) with listed
//!   variants only (`--ignore glossary.derived,glossary.near-miss`), and (c) the baseline: a plain
//!   ASCII-case-insensitive leftmost-longest `AhoCorasick` over the same glossary's terms and
//!   variants that only counts matches. Ratios are times against the baseline's.
//! - Bare glossary: the distinct multi-word `expected` phrases of `corpus/eval/spun/mine.tsv`
//!   then `holdout.tsv` (first 2,000, or all if fewer; and first 35 for the ratio), and the shipped 35-term
//!   `seed-bare.tsv`: `Checker::new` with default options (derivation and form index), then one
//!   check of the seed article.
//! - Huge text: the bare seed glossary on the seed article repeated to ~1 MB, as paragraphs
//!   and as one line without breaks; the ratio is against the paragraphs.
//! - Large bare glossary on a large text: the 2,000 (or all) spun `expected` phrases on the
//!   clean WordNet examples repeated to ~1 MB, where nearly every word is a candidate for some
//!   word of some term; the ratio is against the bare seed glossary on the same text.

#![allow(clippy::print_stdout)]

use std::collections::HashSet;
use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::Arc;
use termlint::check::finding::rule;
use termlint::checker::{CheckOptions, Checker};
use termlint::glossary::Glossary;
use termlint::rules::RuleSelection;

use termlint::lexicon::Lexicon;

const ARTICLE: &str = "corpus/seed/article.txt";
const CLEAN: &str = "corpus/clean/wordnet-examples.txt";
const SHIPPED: &str = "corpus/glossaries/fentanyl-policy.toml";
const SEED_BARE: &str = "corpus/glossaries/seed-bare.tsv";
const SPUN: [&str; 2] = ["corpus/eval/spun/mine.tsv", "corpus/eval/spun/holdout.tsv"];
const TEXT_BYTES: usize = 1_000_000;

fn read(path: &str) -> String {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `unit` repeated, separated by blank lines, until the text holds at least `bytes` bytes.
fn repeated(unit: &str, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + unit.len() + 2);
    while text.len() < bytes {
        text.push_str(unit);
        text.push_str("\n\n");
    }
    text
}

/// The median time of `runs` calls of `f` after one warm-up call, and the warm-up's result.
fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let result = f();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[times.len() / 2], result)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The shipped glossary's terms and variants in one leftmost-longest automaton.
fn baseline(glossary: &Glossary) -> AhoCorasick {
    let patterns: Vec<&str> = glossary
        .entries
        .iter()
        .flat_map(|e| std::iter::once(&e.term).chain(&e.variants))
        .map(String::as_str)
        .collect();
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .expect("glossary terms build an automaton")
}

/// The first `count` distinct (ignoring case) multi-word phrases of the `expected` column, or
/// all of them when there are fewer.
fn spun_terms(count: usize) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut terms = Vec::new();
    for path in SPUN {
        let text = read(path);
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().expect("a header row").split('\t').collect();
        let column = header
            .iter()
            .position(|h| *h == "expected")
            .unwrap_or_else(|| panic!("{path}: no `expected` column"));
        for line in lines {
            let Some(term) = line.split('\t').nth(column).map(str::trim) else {
                continue;
            };
            if term.split_whitespace().count() > 1
                && !term.starts_with('#')
                && seen.insert(term.to_lowercase())
                && terms.len() < count
            {
                terms.push(term.to_string());
            }
        }
    }
    terms
}

fn bare_glossary(terms: &[String]) -> Glossary {
    let mut tsv = String::from("term\n");
    for term in terms {
        tsv.push_str(term);
        tsv.push('\n');
    }
    Glossary::parse("g.tsv", &tsv).expect("the spun phrases form a valid glossary")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .map_or(5, |n| n.parse().expect("--runs N"));

    // 1. The lexicon, cold: the first call in this process.
    let start = Instant::now();
    let lexicon = Arc::new(Lexicon::embedded());
    lexicon.preload();
    let load = start.elapsed();
    println!("lexicon load (cold, first call): {:.1} ms", ms(load));
    println!();

    // 2. Throughput with the shipped glossary.
    let shipped = Glossary::parse(SHIPPED, &read(SHIPPED)).expect("shipped glossary is valid");
    let full = Checker::with_lexicon(
        shipped.clone(),
        CheckOptions::default(),
        Arc::clone(&lexicon),
    );
    let listed = Checker::with_lexicon(
        shipped.clone(),
        CheckOptions {
            rules: RuleSelection::default().ignoring(&[rule::DERIVED, rule::NEAR_MISS]),
            ..CheckOptions::default()
        },
        Arc::clone(&lexicon),
    );
    let automaton = baseline(&shipped);
    println!(
        "check throughput, {} ({} entries), median of {runs} runs after a warm-up:",
        SHIPPED,
        shipped.entries.len()
    );
    println!(
        "{:<36} {:<28} {:>9} {:>8} {:>9} {:>9}",
        "text", "configuration", "ms", "MB/s", "matches", "x base"
    );
    for (name, unit) in [(ARTICLE, read(ARTICLE)), (CLEAN, read(CLEAN))] {
        let text = repeated(&unit, TEXT_BYTES);
        let mb = text.len() as f64 / 1e6;
        let label = format!("{} x{:.2} MB", name.rsplit('/').next().unwrap_or(name), mb);
        let (base, base_count) = median(runs, || automaton.find_iter(&text).count());
        let rows = [
            (
                "(a) default options",
                median(runs, || full.check(&text).len()),
            ),
            (
                "(b) listed variants only",
                median(runs, || listed.check(&text).len()),
            ),
            ("(c) baseline aho-corasick", (base, base_count)),
        ];
        for (config, (time, count)) in rows {
            println!(
                "{label:<36} {config:<28} {:>9.1} {:>8.2} {count:>9} {:>8.1}x",
                ms(time),
                mb / time.as_secs_f64(),
                time.as_secs_f64() / base.as_secs_f64(),
            );
        }
    }
    println!(
        "(matches: findings for a and b, automaton matches for c; x base: time / baseline time)"
    );
    println!();

    // 3. Bare glossaries: build the checker (derivation + form index), then check the seed.
    let article = read(ARTICLE);
    let terms = spun_terms(2_000);
    if terms.len() < 2_000 {
        println!(
            "note: the spun sets hold only {} distinct multi-word `expected` phrases; all are used",
            terms.len()
        );
    }
    let large = format!("spun expected, first {}", terms.len());
    let glossaries = [
        (large.as_str(), bare_glossary(&terms)),
        ("spun expected, first 35", bare_glossary(&terms[..35])),
        (
            "seed-bare.tsv",
            Glossary::parse(SEED_BARE, &read(SEED_BARE)).expect("seed-bare.tsv is valid"),
        ),
    ];
    println!("bare glossary, default options, median of {runs} runs after a warm-up:");
    println!(
        "{:<28} {:>7} {:>15} {:>14} {:>11} {:>9}",
        "glossary", "terms", "Checker::new ms", "check seed ms", "total ms", "findings"
    );
    let mut totals = Vec::new();
    for (name, glossary) in glossaries {
        let (build, checker) = median(runs, || {
            Checker::with_lexicon(
                glossary.clone(),
                CheckOptions::default(),
                Arc::clone(&lexicon),
            )
        });
        let (check, findings) = median(runs, || checker.check(&article).len());
        let total = build + check;
        println!(
            "{name:<28} {:>7} {:>15.1} {:>14.2} {:>11.1} {findings:>9}",
            glossary.entries.len(),
            ms(build),
            ms(check),
            ms(total),
        );
        totals.push(total);
    }
    println!(
        "ratio {n} / 35 spun terms (total): {:.1}x; {n} spun / seed-bare: {:.1}x",
        totals[0].as_secs_f64() / totals[1].as_secs_f64(),
        totals[0].as_secs_f64() / totals[2].as_secs_f64(),
        n = terms.len(),
    );
    println!();

    // 4. Derivation's context look-ups on a huge text, with and without line breaks: a text
    // that is one long line must not cost more than the same words in paragraphs.
    let seed_bare = Checker::with_lexicon(
        Glossary::parse(SEED_BARE, &read(SEED_BARE)).expect("seed-bare.tsv is valid"),
        CheckOptions::default(),
        Arc::clone(&lexicon),
    );
    let paragraphs = repeated(&article, TEXT_BYTES);
    let one_line = paragraphs.replace('\n', " ");
    println!("seed-bare.tsv on the article repeated, median of {runs} runs after a warm-up:");
    println!(
        "{:<36} {:>9} {:>8} {:>9} {:>9}",
        "text", "ms", "MB/s", "findings", "x lines"
    );
    let (lines, lines_count) = median(runs, || seed_bare.check(&paragraphs).len());
    let (line, line_count) = median(runs, || seed_bare.check(&one_line).len());
    for (label, time, count) in [
        ("with line breaks", lines, lines_count),
        ("one line, no breaks", line, line_count),
    ] {
        println!(
            "{label:<36} {:>9.1} {:>8.2} {count:>9} {:>8.1}x",
            ms(time),
            paragraphs.len() as f64 / 1e6 / time.as_secs_f64(),
            time.as_secs_f64() / lines.as_secs_f64(),
        );
    }
    println!();

    // 5. A large bare glossary on a large text: millions of candidate words to assemble.
    let large_bare = Checker::with_lexicon(
        bare_glossary(&terms),
        CheckOptions::default(),
        Arc::clone(&lexicon),
    );
    let prose = repeated(&read(CLEAN), TEXT_BYTES);
    println!(
        "bare glossaries on {CLEAN} repeated to {:.2} MB, median of {runs} runs after a warm-up:",
        prose.len() as f64 / 1e6
    );
    println!(
        "{:<36} {:>9} {:>8} {:>9} {:>9}",
        "glossary", "ms", "MB/s", "findings", "x seed"
    );
    let (small, small_count) = median(runs, || seed_bare.check(&prose).len());
    let (big, big_count) = median(runs, || large_bare.check(&prose).len());
    for (label, time, count) in [
        ("seed-bare.tsv".to_string(), small, small_count),
        (large, big, big_count),
    ] {
        println!(
            "{label:<36} {:>9.1} {:>8.2} {count:>9} {:>8.1}x",
            ms(time),
            prose.len() as f64 / 1e6 / time.as_secs_f64(),
            time.as_secs_f64() / small.as_secs_f64(),
        );
    }
}
