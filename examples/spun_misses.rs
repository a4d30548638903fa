//! Where derivation loses recall on held-out spun phrases: for each one-to-one word
//! substitution in corpus/eval/spun/holdout.tsv, is the spun word a candidate, and how
//! strong? `cargo run --release --example spun_misses`.
use std::collections::BTreeMap;

use termlint::derive::candidates_for_word;

fn main() {
    let lexicon = termlint::lexicon::Lexicon::embedded();
    let data = std::fs::read_to_string("corpus/eval/spun/holdout.tsv").unwrap();
    let mut buckets: BTreeMap<&str, usize> = BTreeMap::new();
    let mut examples: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for line in data.lines().skip(1) {
        let Some((tortured, expected)) = line.split_once('\t') else {
            continue;
        };
        let t: Vec<String> = tortured.split([' ', '-']).map(str::to_lowercase).collect();
        let e: Vec<String> = expected.split([' ', '-']).map(str::to_lowercase).collect();
        if t.len() != e.len() {
            *buckets.entry("different length").or_default() += 1;
            continue;
        }
        for (a, b) in e.iter().zip(&t) {
            if a == b {
                continue;
            }
            let subs = candidates_for_word(&lexicon, a);
            let position = subs.iter().position(|s| s.to.to_lowercase() == *b);
            let bucket = match position.map(|i| (i, &subs[i])) {
                None => "absent",
                Some((_, s)) if s.prior < 0.5 => "weak (<0.5)",
                Some((i, _)) if i >= 30 => "ranked past 30",
                Some(_) => "kept",
            };
            *buckets.entry(bucket).or_default() += 1;
            let ex = examples.entry(bucket).or_default();
            if ex.len() < 25 {
                ex.push(format!("{a}->{b}"));
            }
        }
    }
    println!("{buckets:?}");
    for (k, v) in examples {
        println!("{k}: {}", v.join(", "));
    }
}
