//! Times loading each part of the embedded lexicon: `cargo run --release --example lexicon_load`.
use std::time::Instant;

fn main() {
    let t = Instant::now();
    let n = termlint::lexicon::wordnet().sense_ids("term").len();
    println!("wordnet: {:?} ({n} senses of 'term')", t.elapsed());
    let t = Instant::now();
    let has = termlint::lexicon::moby().has_root("term");
    println!("moby: {:?} ({has})", t.elapsed());
    let t = Instant::now();
    let words = termlint::lexicon::words().len();
    println!("words: {:?} ({words})", t.elapsed());
    let t = Instant::now();
    let names = termlint::lexicon::names().len();
    println!("names: {:?} ({names})", t.elapsed());
}
