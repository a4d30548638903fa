//! Every candidate of every word in a file of words (one per line), as TSV
//! `word<TAB>rank<TAB>candidate<TAB>prior`, for analysis scripts:
//! `cargo run --release --example dump_candidates -- WORDS`.
use termlint::derive::candidates_for_word;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: dump_candidates WORDS");
    let words = std::fs::read_to_string(path).expect("readable word list");
    for word in words.lines().map(str::trim).filter(|w| !w.is_empty()) {
        for (rank, s) in candidates_for_word(word).iter().enumerate() {
            println!("{word}\t{rank}\t{}\t{:.3}", s.to, s.prior);
        }
    }
}
