//! Whether phrases on stdin are known to the lexicon as phrases (WordNet lemma, Moby word).
use std::io::BufRead;
fn main() {
    let moby = termlint::lexicon::moby();
    let wordnet = termlint::lexicon::wordnet();
    for line in std::io::stdin().lock().lines() {
        let p = line.unwrap().to_lowercase();
        println!(
            "{p}\tmoby={}\twordnet={}",
            moby.id(&p).is_some(),
            wordnet.contains(&p)
        );
    }
}
