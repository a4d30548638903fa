//! Questions to the lexicon and the derivation, for analysing misses and false findings:
//!
//! ```sh
//! cargo run --release --example probe -- candidates WORD...        # rank, candidate, prior, evidence
//! cargo run --release --example probe -- evidence WORD CANDIDATE... # the same, for some candidates
//! cargo run --release --example probe -- senses GLOSSARY            # the sense each entry is taken in
//! cargo run --release --example probe -- pairs < PAIRS              # word<TAB>spun: how they relate
//! cargo run --release --example probe -- phrases < PHRASES          # listed as a phrase by WordNet/Moby?
//! ```
use std::io::BufRead;

use termlint::derive::{KinshipTest, candidates_for_word};
use termlint::glossary::Glossary;
use termlint::lexicon::Lexicon;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lexicon = Lexicon::embedded();
    let lexicon = &lexicon;
    match args.first().map(String::as_str) {
        Some("candidates") => args[1..].iter().for_each(|w| candidates(lexicon, w, &[])),
        Some("evidence") if args.len() >= 2 => candidates(lexicon, &args[1], &args[2..]),
        Some("senses") if args.len() == 2 => senses(lexicon, &args[1]),
        Some("pairs") => pairs(lexicon),
        Some("phrases") => phrases(lexicon),
        _ => {
            eprintln!("usage: probe candidates|evidence|senses|pairs|phrases ... (see the source)")
        }
    }
}

fn candidates(lexicon: &Lexicon, word: &str, wanted: &[String]) {
    for (rank, s) in candidates_for_word(lexicon, word).iter().enumerate() {
        if wanted.is_empty() || wanted.iter().any(|w| s.to.eq_ignore_ascii_case(w)) {
            println!(
                "{word}\t{rank}\t{}\t{:.3}\t{}",
                s.to,
                s.prior,
                s.evidence.describe()
            );
        }
    }
}

fn senses(lexicon: &Lexicon, path: &str) {
    let glossary = Glossary::load(&[path]).expect("a valid glossary");
    let wordnet = lexicon.wordnet();
    let derivation = termlint::derive::derive(&glossary, lexicon);
    for (entry, sense) in glossary.entries.iter().zip(&derivation.senses) {
        let gloss = sense.intended.map_or("-", |id| wordnet.synset(id).gloss);
        println!(
            "{}\t{:?}\t{gloss}\n\tcues: {}",
            entry.term,
            sense.pos,
            sense.cues.join(" ")
        );
    }
}

fn stdin_lines() -> impl Iterator<Item = String> {
    std::io::stdin()
        .lock()
        .lines()
        .map(|l| l.expect("readable stdin"))
}

fn pairs(lexicon: &Lexicon) {
    let moby = lexicon.moby();
    let kinship = KinshipTest::new(lexicon);
    for line in stdin_lines() {
        let mut fields = line.split('\t');
        let (Some(word), Some(spun)) = (fields.next(), fields.next()) else {
            continue;
        };
        println!(
            "{word}\t{spun}\ttwo-step={:?}\tmoby-forward={}\tmoby-reverse={}\tlevel={:?}",
            kinship.between(word, spun),
            moby.lists(word, spun),
            moby.lists(spun, word),
            lexicon.words().level(spun)
        );
    }
}

fn phrases(lexicon: &Lexicon) {
    for line in stdin_lines() {
        let phrase = line.to_lowercase();
        println!(
            "{phrase}\tmoby={}\twordnet={}",
            lexicon.moby().id(&phrase).is_some(),
            lexicon.wordnet().contains(&phrase)
        );
    }
}
