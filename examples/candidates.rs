//! Lists the candidates of one word of a multi-word term, with evidence and prior:
//! `cargo run --release --example candidates -- WORD [SPUN]`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let subs =
        termlint::derive::candidates_for_word(&termlint::lexicon::Lexicon::embedded(), &args[1]);
    for (rank, s) in subs.iter().enumerate() {
        if args.len() < 3
            || args[2..].iter().any(|w| s.to.eq_ignore_ascii_case(w))
            || rank < 40 && args.len() < 3
        {
            println!(
                "{rank:3} {:.2} {:20} {}",
                s.prior,
                s.to,
                s.evidence.describe()
            );
        }
    }
    println!("{} candidates", subs.len());
}
