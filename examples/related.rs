//! For `word<TAB>spun` pairs on stdin: how the two are related in two thesaurus steps, and
//! the spun word's SCOWL level. `cargo run --release --example related < PAIRS`.
use std::io::BufRead;

fn main() {
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("readable stdin");
        let Some((word, spun)) = line.split_once('\t') else {
            continue;
        };
        let kinship = termlint::derive::related_in_two_steps(word, spun);
        let level = termlint::lexicon::words().level(spun);
        println!("{word}\t{spun}\t{kinship:?}\t{level:?}");
    }
}
