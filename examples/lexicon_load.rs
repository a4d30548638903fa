//! Times loading each part of the embedded lexicon: `cargo run --release --example lexicon_load`.
//! Name parts (`wordnet moby words names`) to load only those, e.g. to profile one parser.
use std::time::Instant;

fn main() {
    let only: Vec<String> = std::env::args().skip(1).collect();
    let wanted = |part: &str| only.is_empty() || only.iter().any(|o| o == part);
    let lexicon = termlint::lexicon::Lexicon::embedded();
    if wanted("wordnet") {
        let t = Instant::now();
        let n = lexicon.wordnet().sense_ids("term").len();
        println!("wordnet: {:?} ({n} senses of 'term')", t.elapsed());
    }
    if wanted("moby") {
        let t = Instant::now();
        let has = lexicon.moby().has_root("term");
        println!("moby: {:?} ({has})", t.elapsed());
    }
    if wanted("words") {
        let t = Instant::now();
        let words = lexicon.words().len();
        println!("words: {:?} ({words})", t.elapsed());
    }
    if wanted("names") {
        let t = Instant::now();
        let names = lexicon.names().len();
        println!("names: {:?} ({names})", t.elapsed());
    }
}
