//! One stage of a check, for counting its instructions (`valgrind --tool=callgrind`): the
//! difference between two stages' totals is the cost of the later one.
//!
//! ```sh
//! cargo build --release --example cost
//! RAYON_NUM_THREADS=1 valgrind --tool=callgrind target/release/examples/cost new GLOSSARY
//! ```
//!
//! `lexicon` loads the lexicon only; `new GLOSSARY` also builds a checker; `check GLOSSARY
//! TEXT` also checks the text once.
use std::sync::Arc;

use termlint::checker::{CheckOptions, Checker};
use termlint::glossary::Glossary;
use termlint::lexicon::Lexicon;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let lexicon = Arc::new(Lexicon::embedded());
    lexicon.preload();
    lexicon.words().len();
    lexicon.names().len();
    if args.len() < 3 {
        return;
    }
    let glossary = Glossary::load(&[&args[2]]).expect("a glossary");
    let checker = Checker::with_lexicon(glossary, CheckOptions::default(), lexicon);
    if let Some(path) = args.get(3) {
        let text = std::fs::read_to_string(path).expect("a text");
        std::hint::black_box(checker.check(&text));
    }
    std::hint::black_box(checker);
}
