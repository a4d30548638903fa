//! Deriving wrong renderings from bare glossary terms.
//!
//! Users write glossaries of correct terms; paraphrasers replace their words with synonyms,
//! often from the wrong sense ("precursors" -> "pioneers", "vitriol" -> "sulfuric acid",
//! "breast cancer" -> "bosom peril"). For each entry this module replaces content words of the
//! term with candidates from the lexicon (WordNet senses, Moby, and substitutions mined from
//! known spun phrases), scores each substitution by its evidence, and keeps the likely ones.
//! Whether a match of a rendering is reported is decided later, in `rules::derived`, from the
//! prior computed here and the text around the match.

mod candidates;
mod sense;

use std::collections::{HashMap, HashSet};

pub use candidates::{Evidence, Substitution, WordNetRelation};
pub use sense::SenseContext;

use crate::glossary::{Glossary, Kind};
use crate::inflect::Inflection;
use crate::lexicon;
use crate::words::is_stopword;

/// At most this many renderings per entry, best prior first.
const MAX_RENDERINGS_PER_ENTRY: usize = 240;
/// At most this many renderings replacing several words at once.
const MAX_COMBINATIONS_PER_ENTRY: usize = 48;
/// Candidates per word considered when several words are replaced at once.
const CANDIDATES_PER_WORD_IN_COMBINATIONS: usize = 8;
/// Renderings with a lower prior are not kept.
/// Findings need a confidence of 0.5 by default and context only lowers a prior, so lower
/// priors would cost patterns and never fire.
const MIN_PRIOR: f32 = 0.45;

/// A rendering derived from a term, with the evidence for it.
#[derive(Debug, Clone)]
pub struct DerivedRendering {
    pub entry: usize,
    pub form: String,
    pub correction: String,
    /// The word substitutions that turn the term into this rendering.
    pub substitutions: Vec<Substitution>,
    /// Confidence before looking at the text: how likely this rendering is a spin.
    pub prior: f32,
    /// True when the rendering alone is ordinary English (one replaced word, the rest common),
    /// so only the context of a match can tell a spin from normal use.
    pub needs_context: bool,
    /// The part of speech the term is meant as, when known (single-word terms).
    pub pos: Option<crate::lexicon::Pos>,
}

/// All derived renderings of a glossary and the sense cues of each entry.
#[derive(Debug, Clone, Default)]
pub struct Derivation {
    pub renderings: Vec<DerivedRendering>,
    /// Per entry: words of its note and of its intended WordNet sense, used as context cues.
    pub senses: Vec<SenseContext>,
}

/// Kinds whose terms are made of ordinary words that paraphrasers swap.
fn derivable(kind: Kind) -> bool {
    matches!(kind, Kind::Term | Kind::Phrase | Kind::Org)
}

/// Derives renderings for every entry of a glossary.
pub fn derive(glossary: &Glossary) -> Derivation {
    let mut blocked: HashSet<String> = HashSet::new();
    for entry in &glossary.entries {
        blocked.insert(entry.term.to_lowercase());
        blocked.extend(entry.variants.iter().map(|v| v.to_lowercase()));
    }
    lexicon::preload_thesauri();
    let mut derivation = Derivation::default();
    let mut cache = HashMap::new();
    for (index, entry) in glossary.entries.iter().enumerate() {
        let sense = SenseContext::new(entry);
        if derivable(entry.kind) {
            let curated = !entry.variants.is_empty();
            let mut renderings = derive_entry(index, &entry.term, &sense, &mut cache, curated);
            renderings.retain(|r| !blocked.contains(&r.form.to_lowercase()));
            derivation.renderings.extend(renderings);
        }
        derivation.senses.push(sense);
    }
    derivation
}

/// The words of a term, as (text, is content word).
fn term_words(term: &str) -> Vec<(String, bool)> {
    term.split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_lowercase();
            let content = !is_stopword(&lower) && w.chars().any(char::is_alphabetic);
            (w.to_string(), content)
        })
        .collect()
}

/// Candidates of words of multi-word terms do not depend on the entry: computed once.
type CandidateCache = HashMap<String, Vec<Substitution>>;

fn derive_entry(
    entry: usize,
    term: &str,
    sense: &SenseContext,
    cache: &mut CandidateCache,
    curated: bool,
) -> Vec<DerivedRendering> {
    let words = term_words(term);
    let single = words.iter().filter(|(_, c)| *c).count() == 1 && words.len() == 1;
    // An entry with listed variants has been curated: for a single word, which of its
    // synonyms are wrong is the terminologist's call, not the thesaurus's.
    if single && curated {
        return Vec::new();
    }
    // Candidate substitutions for each content word.
    let options: Vec<Vec<Substitution>> = words
        .iter()
        .map(|(word, content)| {
            if !content {
                return Vec::new();
            }
            if single {
                let mut subs = candidates::for_word(word, Some(sense));
                subs.retain(|s| s.prior >= MIN_PRIOR);
                return subs;
            }
            cache
                .entry(word.clone())
                .or_insert_with(|| {
                    let mut subs = candidates::for_word(word, None);
                    subs.retain(|s| s.prior >= MIN_PRIOR);
                    subs
                })
                .clone()
        })
        .collect();
    let mut renderings = Vec::new();
    // One word replaced at a time, every candidate.
    for (i, subs) in options.iter().enumerate() {
        for sub in subs {
            renderings.push(build(entry, term, &words, &[(i, sub)]));
        }
    }
    // Several words replaced at once: the best few candidates of each.
    let content_positions: Vec<usize> = (0..words.len())
        .filter(|&i| !options[i].is_empty())
        .collect();
    if content_positions.len() >= 2 && content_positions.len() <= 4 {
        let mut combos: Vec<Vec<(usize, &Substitution)>> = vec![Vec::new()];
        for &i in &content_positions {
            let mut next = Vec::new();
            for combo in &combos {
                next.push(combo.clone());
                for sub in options[i].iter().take(CANDIDATES_PER_WORD_IN_COMBINATIONS) {
                    let mut c = combo.clone();
                    c.push((i, sub));
                    next.push(c);
                }
            }
            combos = next;
        }
        for combo in combos.into_iter().filter(|c| c.len() >= 2) {
            renderings.push(build(entry, term, &words, &combo));
        }
    }
    for r in &mut renderings {
        r.needs_context = needs_context(&words, &r.substitutions, single);
        r.pos = if single { sense.pos } else { None };
    }
    renderings.sort_by(|a, b| {
        b.prior
            .total_cmp(&a.prior)
            .then_with(|| a.form.cmp(&b.form))
    });
    let mut seen = HashSet::new();
    // Single replacements are all kept (within the per-word cap); combinations are capped.
    let (singles, mut combos): (Vec<_>, Vec<_>) = renderings
        .into_iter()
        .partition(|r| r.substitutions.len() == 1);
    combos.truncate(MAX_COMBINATIONS_PER_ENTRY);
    let mut renderings = singles;
    renderings.extend(combos);
    renderings.retain(|r| {
        r.prior >= MIN_PRIOR
            && seen.insert(r.form.to_lowercase())
            // A rendering that is itself a WordNet phrase is a term of its own ("neural net").
            && (single || !(r.substitutions.len() == 1 && lexicon::wordnet().contains(&r.form)))
    });
    renderings.truncate(MAX_RENDERINGS_PER_ENTRY);
    renderings
}

fn build(
    entry: usize,
    term: &str,
    words: &[(String, bool)],
    subs: &[(usize, &Substitution)],
) -> DerivedRendering {
    let form = words
        .iter()
        .enumerate()
        .map(|(i, (w, _))| match subs.iter().find(|(j, _)| *j == i) {
            Some((_, s)) => s.to.clone(),
            None => w.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    // More replaced words make an accidental match less likely.
    let weakest = subs.iter().map(|(_, s)| s.prior).fold(1.0f32, f32::min);
    let prior = (weakest + (1.0 - weakest) * 0.25 * (subs.len() as f32 - 1.0)).min(0.97);
    DerivedRendering {
        entry,
        form,
        correction: term.to_string(),
        substitutions: subs.iter().map(|(_, s)| (*s).clone()).collect(),
        prior,
        needs_context: false,
        pos: None,
    }
}

/// A rendering needs context when it could be plain English: a single-word term, or one
/// replaced word whose kept neighbours are all function words or very common words.
fn needs_context(words: &[(String, bool)], subs: &[Substitution], single: bool) -> bool {
    if single {
        return true;
    }
    if subs.len() >= 2 {
        return false;
    }
    let replaced = &subs[0].from;
    words
        .iter()
        .filter(|(w, content)| *content && !w.eq_ignore_ascii_case(replaced))
        .all(|(w, _)| {
            lexicon::words()
                .level(&w.to_lowercase())
                .is_some_and(|l| l <= 10)
        })
}

/// The base form a plural head word comes from, for lexicon look-ups ("tariffs" -> "tariff").
pub(crate) fn singular(word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    for (suffix, replacement) in [
        ("ies", "y"),
        ("ses", "s"),
        ("xes", "x"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("s", ""),
    ] {
        if let Some(stem) = lower.strip_suffix(suffix) {
            let base = format!("{stem}{replacement}");
            if base.len() >= 3
                && Inflection::S.apply(&base) == lower
                && lexicon::wordnet().contains(&base)
            {
                return Some(base);
            }
        }
    }
    None
}
