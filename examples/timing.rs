//! Where the time of one check goes: `cargo run --release --example timing -- GLOSSARY TEXT`.
use std::time::Instant;

use std::sync::Arc;

use termlint::checker::{CheckOptions, Checker};
use termlint::glossary::Glossary;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let t = Instant::now();
    let lexicon = Arc::new(termlint::lexicon::Lexicon::embedded());
    lexicon.preload();
    lexicon.words().len();
    lexicon.names().len();
    println!("lexicon: {:?}", t.elapsed());
    let t = Instant::now();
    let glossary = Glossary::load(&[&args[1]]).unwrap();
    let derivation = termlint::derive::derive(&glossary, &lexicon);
    let candidates: usize = derivation
        .entries
        .iter()
        .flat_map(|d| &d.slots)
        .map(|s| s.candidates.len())
        .sum();
    println!(
        "derive: {:?} ({} entries, {candidates} candidates)",
        t.elapsed(),
        derivation.entries.len()
    );
    let t = Instant::now();
    let checker = Checker::with_lexicon(glossary, CheckOptions::default(), lexicon);
    println!("checker (derive again + form index): {:?}", t.elapsed());
    let text = std::fs::read_to_string(&args[2]).unwrap();
    let t = Instant::now();
    let findings = checker.check(&text);
    println!("check: {:?} ({} findings)", t.elapsed(), findings.len());
}
