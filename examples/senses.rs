//! The sense each entry of a glossary is taken in, from its note:
//! `cargo run --release --example senses -- GLOSSARY`.
use termlint::derive::SenseContext;
use termlint::glossary::Glossary;

fn main() {
    let path = std::env::args().nth(1).expect("usage: senses GLOSSARY");
    let glossary = Glossary::load(&[&path]).expect("a valid glossary");
    let wordnet = termlint::lexicon::wordnet();
    for entry in &glossary.entries {
        let sense = SenseContext::new(entry);
        let gloss = sense.intended.map_or("-", |id| wordnet.synset(id).gloss);
        println!("{}\t{:?}\t{gloss}", entry.term, sense.pos);
    }
}
