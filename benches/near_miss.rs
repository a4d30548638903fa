//! Near-miss lookup: cost against glossary size, and false alarms on clean prose.
//!
//! ```sh
//! cargo bench --bench near_miss                                   # timings and clean rate
//! cargo bench --bench near_miss -- --write-glossary /tmp/names-100k.tsv
//! ```
//!
//! The name glossaries are generated, not committed: SCOWL proper names (`Lexicon::names()`)
//! plus the seed names, topped up with two-word names to 100,000 entries; the 1,000-name
//! glossary is the first 1,000 of the same shuffled list. Both are timed on the same 1 MB text
//! (the clean WordNet examples and the seed article, repeated) in one run. The clean rate is
//! measured with the shipped glossary plus the 100,000 names on `corpus/clean`.

#![allow(clippy::print_stdout)]

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use termlint::check::matcher::{Form, Matcher};
use termlint::glossary::{Entry, Glossary, Kind, Origin};
use termlint::lexicon::Lexicon;
use termlint::nearmiss::NearMissIndex;
use termlint::text::casing::CaseRule;
use termlint::text::normalize::Normalized;
use termlint::text::span::Span;

const SEED_NAMES: &[&str] = &["Biden", "Trump", "Xi Jinping", "Liu Pengyu"];
const CLEAN: &str = "corpus/clean/wordnet-examples.txt";
const ARTICLE: &str = "corpus/seed/article.txt";
const SHIPPED: &str = "corpus/glossaries/fentanyl-policy.toml";

fn read(path: &str) -> String {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A deterministic shuffle (xorshift), so runs compare.
fn shuffle<T>(items: &mut [T]) {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        items.swap(i, (state % (i as u64 + 1)) as usize);
    }
}

/// `count` distinct names: the seed names first, then SCOWL names, then two-word names.
/// Names whose lowercase form is in `exclude` are left out.
fn names(lexicon: &Lexicon, count: usize, exclude: &HashSet<String>, seeds: bool) -> Vec<String> {
    let mut seen: HashSet<String> = exclude.clone();
    let mut out = Vec::new();
    let mut push = |name: String, out: &mut Vec<String>| {
        if out.len() < count && seen.insert(name.to_lowercase()) {
            out.push(name);
        }
    };
    if seeds {
        for name in SEED_NAMES {
            push(name.to_string(), &mut out);
        }
    }
    let mut scowl: Vec<String> = lexicon
        .names()
        .iter()
        .map(|(n, _)| n)
        .filter(|n| {
            n.chars().count() >= 2
                && n.chars().next().is_some_and(char::is_uppercase)
                && n.chars().all(|c| c.is_alphabetic() || c == '-')
        })
        .map(String::from)
        .collect();
    scowl.sort();
    shuffle(&mut scowl);
    for name in &scowl {
        push(name.clone(), &mut out);
    }
    let n = scowl.len();
    let mut i = 0;
    while out.len() < count && i < 10 * count {
        let pair = format!("{} {}", scowl[i % n], scowl[(i * 7919 + 13) % n]);
        push(pair, &mut out);
        i += 1;
    }
    out
}

fn name_glossary(names: &[String]) -> Glossary {
    let entries = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut e = Entry::new(
                name.clone(),
                Origin {
                    file: "names.tsv".into(),
                    line: i + 2,
                },
            );
            e.kind = Kind::Name;
            e
        })
        .collect();
    Glossary::from_entries(entries).expect("generated names form a valid glossary")
}

/// Spans of terms and listed variants, leftmost-longest: what the checker would claim.
fn occupied(glossary: &Glossary, text: &str) -> Vec<Span> {
    let forms = glossary.entries.iter().flat_map(|e| {
        std::iter::once(&e.term)
            .chain(&e.variants)
            .map(|t| Form {
                text: t.clone(),
                case: CaseRule::Ignore,
                payload: (),
            })
            .collect::<Vec<_>>()
    });
    let matcher = Matcher::new(forms);
    let mut spans = Vec::new();
    let mut covered = 0;
    for hit in matcher.find(text) {
        if hit.span.start >= covered {
            covered = hit.span.end;
            spans.push(hit.span);
        }
    }
    spans
}

fn time(index: &NearMissIndex, text: &str, occupied: &[Span]) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut found = 0;
    for _ in 0..3 {
        let start = Instant::now();
        found = index.find(text, occupied).len();
        best = best.min(start.elapsed());
    }
    (best, found)
}

fn main() {
    let lexicon = Arc::new(Lexicon::embedded());
    let args: Vec<String> = std::env::args().collect();
    let shipped = Glossary::parse(SHIPPED, &read(SHIPPED)).expect("shipped glossary is valid");
    let shipped_forms: HashSet<String> = shipped
        .entries
        .iter()
        .flat_map(|e| std::iter::once(&e.term).chain(&e.variants))
        .map(|t| t.to_lowercase())
        .collect();

    if let Some(i) = args.iter().position(|a| a == "--write-glossary") {
        let path = args.get(i + 1).expect("--write-glossary PATH");
        let list = names(&lexicon, 100_000, &shipped_forms, false);
        let mut tsv = String::from("term\tkind\n");
        for name in &list {
            tsv.push_str(&format!("{name}\tname\n"));
        }
        std::fs::write(path, tsv).expect("write the glossary");
        println!("wrote {} names to {path}", list.len());
        return;
    }

    // Throughput against glossary size, on one 1 MB text.
    let unit = format!("{}\n{}\n", read(CLEAN), read(ARTICLE));
    let mut text = String::new();
    while text.len() < 1_000_000 {
        text.push_str(&unit);
    }
    let text = Normalized::new(&text).text;
    let mb = text.len() as f64 / 1e6;
    let all = names(&lexicon, 100_000, &HashSet::new(), true);
    let mut rows = Vec::new();
    for size in [1_000, 100_000] {
        let glossary = name_glossary(&all[..size]);
        let occupied = occupied(&glossary, &text);
        let start = Instant::now();
        let index = NearMissIndex::new(&glossary, Arc::clone(&lexicon));
        let build = start.elapsed();
        let (elapsed, found) = time(&index, &text, &occupied);
        println!(
            "{size:>7} names: index built in {:>7.1} ms; find {:>7.1} ms on {mb:.2} MB = {:>6.2} MB/s; {found} findings",
            build.as_secs_f64() * 1e3,
            elapsed.as_secs_f64() * 1e3,
            mb / elapsed.as_secs_f64(),
        );
        rows.push(elapsed);
    }
    println!(
        "ratio 100,000 / 1,000 names: {:.2}x",
        rows[1].as_secs_f64() / rows[0].as_secs_f64()
    );

    // False alarms on clean prose: the shipped glossary plus 100,000 names.
    let mut entries = shipped.entries.clone();
    entries.extend(name_glossary(&names(&lexicon, 100_000, &shipped_forms, false)).entries);
    let glossary = Glossary::from_entries(entries).expect("merged glossary is valid");
    let clean = Normalized::new(&read(CLEAN)).text;
    let words = termlint::text::words::tokens(&clean).count();
    let index = NearMissIndex::new(&glossary, Arc::clone(&lexicon));
    let findings = index.find(&clean, &occupied(&glossary, &clean));
    println!(
        "clean text: {} near-miss findings in {words} words = {:.3} per 1,000 words (shipped glossary + 100,000 names)",
        findings.len(),
        findings.len() as f64 * 1000.0 / words as f64
    );
    for f in findings.iter().take(40) {
        println!(
            "  {:?} -> {:?} ({:.2}) {}",
            &clean[f.span.start..f.span.end],
            f.suggestions[0],
            f.confidence,
            f.message
        );
    }
}
