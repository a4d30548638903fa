//! Glossary loading time by format (issue #11, item 19): the same generated entries written
//! as TOML and as TSV, loaded (read, parsed and validated) with `Glossary::load`.
//!
//! ```sh
//! cargo bench --bench glossary_load
//! cargo bench --bench glossary_load -- --runs 5 --entries 100000
//! ```
//!
//! Each figure is the median of several runs after one warm-up run; the runs alternate
//! between the formats, and the ratio is the median of the runs' TOML/TSV ratios. Sizes go up by 10x and
//! 3x so a pass that grows with the square of the size shows as a jump in time per entry.
//! The target: at 100k entries TOML loads within 3x the time of TSV.

#![allow(clippy::print_stdout)]

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use termlint::glossary::Glossary;

/// The time of one call of `f`.
fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    std::hint::black_box(f());
    start.elapsed()
}

/// The middle one of some values.
fn median<T: PartialOrd + Copy>(mut values: Vec<T>) -> T {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap());
    values[values.len() / 2]
}

/// Entry `i`: a two-word term, two variants, a kind, context cues and a note, as a real
/// glossary's entries have.
fn entry(i: usize) -> (String, [String; 2], &'static str, [String; 2], String) {
    (
        format!("compound{i} precursor"),
        [
            format!("compound{i} pioneer"),
            format!("kompound{i} precursor"),
        ],
        ["chem", "term", "org", "name"][i % 4],
        [format!("cue{i}"), "chemical".to_string()],
        format!("note for entry {i}, with some words to parse"),
    )
}

fn toml(n: usize) -> String {
    let mut text = String::from("name = \"generated\"\ndescription = \"bench\"\n\n");
    for i in 0..n {
        let (term, variants, kind, context, note) = entry(i);
        writeln!(
            text,
            "[[entry]]\nterm = \"{term}\"\nvariants = [\"{}\", \"{}\"]\nkind = \"{kind}\"\n\
             context = [\"{}\", \"{}\"]\nnote = \"{note}\"\n",
            variants[0], variants[1], context[0], context[1]
        )
        .unwrap();
    }
    text
}

fn tsv(n: usize) -> String {
    let mut text = String::from("term\tvariants\tkind\tcontext\tnote\n");
    for i in 0..n {
        let (term, variants, kind, context, note) = entry(i);
        writeln!(
            text,
            "{term}\t{}\t{kind}\t{}\t{note}",
            variants.join("|"),
            context.join("|")
        )
        .unwrap();
    }
    text
}

fn load(path: &Path, n: usize) -> Glossary {
    let glossary = Glossary::load(&[path]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(glossary.entries.len(), n);
    glossary
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str, default: usize| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map_or(default, |n| {
                n.parse().unwrap_or_else(|_| panic!("{name} N"))
            })
    };
    let runs = flag("--runs", 3);
    let largest = flag("--entries", 100_000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    println!("glossary load (read, parse, validate), median of {runs} runs after a warm-up:");
    println!(
        "{:>8}  {:>10}  {:>10}  {:>10}  {:>10}  {:>6}",
        "entries", "TOML ms", "TSV ms", "TOML us/e", "TSV us/e", "ratio"
    );
    let mut sizes: Vec<usize> = [10_000, 30_000, 100_000]
        .into_iter()
        .filter(|&n| n < largest)
        .collect();
    sizes.push(largest);
    for n in sizes {
        let toml_path = dir.path().join(format!("g{n}.toml"));
        let tsv_path = dir.path().join(format!("g{n}.tsv"));
        std::fs::write(&toml_path, toml(n)).unwrap();
        std::fs::write(&tsv_path, tsv(n)).unwrap();
        // Warm-up, then the two formats in turn, so that load from other work on the
        // machine falls on both alike; the ratio is the median of the runs' ratios.
        load(&toml_path, n);
        load(&tsv_path, n);
        let pairs: Vec<(Duration, Duration)> = (0..runs)
            .map(|_| (time(|| load(&toml_path, n)), time(|| load(&tsv_path, n))))
            .collect();
        let toml_time = median(pairs.iter().map(|p| p.0).collect());
        let tsv_time = median(pairs.iter().map(|p| p.1).collect());
        let ratio = median(
            pairs
                .iter()
                .map(|(toml, tsv)| toml.as_secs_f64() / tsv.as_secs_f64())
                .collect(),
        );
        let per_entry = |d: Duration| d.as_secs_f64() * 1e6 / n as f64;
        println!(
            "{n:>8}  {:>10.1}  {:>10.1}  {:>10.2}  {:>10.2}  {:>6.2}",
            toml_time.as_secs_f64() * 1e3,
            tsv_time.as_secs_f64() * 1e3,
            per_entry(toml_time),
            per_entry(tsv_time),
            ratio
        );
    }
}
