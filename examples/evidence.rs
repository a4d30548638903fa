//! The evidence for candidates of a word: `cargo run --release --example evidence -- WORD [CANDIDATE...]`.
use termlint::derive::candidates_for_word;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (word, wanted) = args
        .split_first()
        .expect("usage: evidence WORD [CANDIDATE...]");
    for (rank, s) in candidates_for_word(word).iter().enumerate() {
        if wanted.is_empty() || wanted.iter().any(|w| s.to.eq_ignore_ascii_case(w)) {
            let two = termlint::derive::related_in_two_steps(word, &s.to);
            println!(
                "{rank}\t{}\t{:.3}\t{:?}\t{two:?}",
                s.to, s.prior, s.evidence
            );
        }
    }
}
