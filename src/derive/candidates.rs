//! Candidate replacements for one word of a term, with the evidence for each.

use rustc_hash::{FxHashMap, FxHashSet};

use super::sense::SenseContext;
use crate::lexicon::{Lexicon, Pos, Relation};
use crate::text::inflect::Inflection;
use crate::text::words::is_function_word;

/// How many of a word's WordNet synonyms must list a one-way Moby synonym in Moby for it to
/// be a candidate on its own.
const ONE_WAY_MIN_CLUSTER: u32 = 3;
/// Co-hyponym families larger than this are too loose to count as near-synonyms.
const MAX_SIBLING_FAMILY: usize = 40;
/// Co-hyponyms are looked at only for words with fewer synonyms than this.
const FEW_CANDIDATES: usize = 10;

/// How WordNet relates a candidate to the term's word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordNetRelation {
    /// In the same synset as the sense the term is meant in: a legitimate synonym.
    SameSense,
    /// In a synset of another sense of the word: the classic wrong-sense spin.
    OtherSense,
    /// One similar-to / also-see link away.
    Linked,
}

/// How a stand-in word is related to the term's word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kinship {
    /// A WordNet sense of it is a sense of the word, its parent, child or sibling
    /// ("carcinoma" for "cancer").
    WordNetFamily,
    /// They share a thesaurus synonym.
    SharedSynonym,
}

/// What the lexicon says about one substitution.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    /// How many known spun phrases made this substitution.
    pub spin_count: u32,
    pub wordnet: Option<WordNetRelation>,
    /// Moby lists the candidate under the word.
    pub moby: bool,
    /// ... and the word under the candidate.
    pub moby_mutual: bool,
    /// How many WordNet synonyms of the word (any sense) list the candidate in Moby:
    /// a candidate in the thick of the word's synonym cluster, not a stray association.
    pub cluster: u32,
    /// Found in a text next to real candidates, linked to the word only through WordNet's
    /// family of senses or a shared synonym (two thesaurus steps).
    pub two_steps: Option<Kinship>,
    /// For a synonym in another sense: that sense (a WordNet synset), whose own words in a
    /// text would say the candidate is meant as itself.
    pub own_sense: Option<u32>,
    /// How often paraphrasers put this word in for other words: their thesaurus's
    /// vocabulary ("framework", "calculation").
    pub spinner_word: u32,
}

impl Evidence {
    /// Prior probability that a match of this substitution is a spin, from its evidence.
    fn prior(&self) -> f32 {
        let mut miss = 1.0f32;
        let mut add = |p: f32| miss *= 1.0 - p;
        match self.spin_count {
            0 => {}
            1 => add(0.85),
            _ => add(0.95),
        }
        match self.wordnet {
            Some(WordNetRelation::OtherSense) => add(0.8),
            Some(WordNetRelation::SameSense) => add(0.7),
            Some(WordNetRelation::Linked) => add(0.45),
            None => {}
        }
        if self.moby_mutual {
            add(0.35);
        } else if self.moby {
            add(0.2);
        }
        if self.moby {
            add(0.12 * self.cluster.min(4) as f32);
        }
        // A word of the paraphrasers' vocabulary is a weak sign on its own: it adds to
        // other evidence (a Moby link) or to the other replaced words of a rendering.
        match self.spinner_word {
            0 => {}
            1 => add(0.2),
            _ => add(0.3),
        }
        (1.0 - miss).min(0.97)
    }

    /// Human-readable reason, for messages and `glossary expand`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        match self.two_steps {
            Some(Kinship::WordNetFamily) => parts.push("a WordNet relative".to_string()),
            Some(Kinship::SharedSynonym) => parts.push("shares a synonym with it".to_string()),
            None => {}
        }
        if self.spin_count > 0 {
            parts.push(format!("seen in {} known spun phrase(s)", self.spin_count));
        }
        match self.wordnet {
            Some(WordNetRelation::OtherSense) => {
                parts.push("a WordNet synonym in another sense".to_string())
            }
            Some(WordNetRelation::SameSense) => parts.push("a WordNet synonym".to_string()),
            Some(WordNetRelation::Linked) => parts.push("a WordNet near-synonym".to_string()),
            None => {}
        }
        if self.spinner_word > 0 {
            parts.push(format!(
                "paraphrasers put it in for other words {} time(s)",
                self.spinner_word
            ));
        }
        if self.moby_mutual {
            parts.push("Moby synonyms both ways".to_string());
        } else if self.moby {
            parts.push("a Moby synonym".to_string());
        }
        if self.cluster > 0 {
            parts.push(format!(
                "linked with {} WordNet synonym(s) in Moby",
                self.cluster
            ));
        }
        parts.join(", ")
    }
}

/// How likely a word that shares a synonym with a term's word is a spin of it, when it
/// stands where that word belongs, next to a real candidate of another of the term's words.
pub const TWO_STEP_PRIOR: f32 = 0.7;

/// Replacing `from` (a word of the term) with `to`.
#[derive(Debug, Clone, PartialEq)]
pub struct Substitution {
    pub from: String,
    pub to: String,
    pub evidence: Evidence,
    pub prior: f32,
}

/// Candidate replacements for `word`, best first. With a sense context (single-word terms),
/// synonyms in the intended sense are legitimate and left out.
pub fn for_word(lexicon: &Lexicon, word: &str, sense: Option<&SenseContext>) -> Vec<Substitution> {
    let lower = word.to_lowercase();
    // The word as it is, and the base forms it may be an inflection of ("times" -> "time",
    // "distorting" -> "distort"): thesauri list base forms, and a spinner swaps "times"
    // for "occasions" through "time".
    let mut out = lookup(lexicon, word, &lower, &lower, Inflection::Base, sense);
    for (base, inflection) in base_forms(lexicon, &lower) {
        for sub in lookup(lexicon, word, &lower, &base, inflection, sense) {
            match out.iter_mut().find(|s| s.to == sub.to) {
                Some(existing) if existing.prior >= sub.prior => {}
                Some(existing) => *existing = sub,
                None => out.push(sub),
            }
        }
    }
    // A prefixed word the thesauri do not list is split at its prefix and its stem swapped:
    // "hyper-boundaries" for "hyperparameters", "non-straight" for "nonlinear".
    if out.is_empty()
        && let Some((prefix, stem)) = prefixed(lexicon, &lower)
    {
        out = for_word(lexicon, stem, None)
            .into_iter()
            .filter(|s| !s.to.contains(' '))
            .map(|s| Substitution {
                from: word.to_string(),
                to: format!("{prefix}-{}", s.to),
                prior: s.prior * PREFIXED_WEIGHT,
                ..s
            })
            .collect();
    }
    out.sort_by(|a, b| b.prior.total_cmp(&a.prior).then_with(|| a.to.cmp(&b.to)));
    out
}

/// Prefixes that paraphrasers split off a word to swap its stem.
const PREFIXES: &[&str] = &[
    "anti", "auto", "bio", "counter", "cross", "down", "feed", "hyper", "inter", "micro", "multi",
    "non", "over", "post", "pre", "self", "semi", "sub", "super", "under", "up",
];
/// A stem swapped under its prefix is one step further from the word.
const PREFIXED_WEIGHT: f32 = 0.9;

/// The prefix and stem of a word made of one of `PREFIXES` and a word the thesauri know.
fn prefixed<'w>(lexicon: &Lexicon, lower: &'w str) -> Option<(&'static str, &'w str)> {
    PREFIXES.iter().find_map(|&prefix| {
        let stem = lower.strip_prefix(prefix)?;
        let known = |w: &str| lexicon.wordnet().contains(w) || lexicon.moby().has_root(w);
        (stem.len() >= 4 && (known(stem) || super::singular(lexicon, stem).is_some()))
            .then_some((prefix, stem))
    })
}

/// Base forms a word may be an inflection of, known to the lexicon, with the inflection.
pub(super) fn base_forms(lexicon: &Lexicon, lower: &str) -> Vec<(String, Inflection)> {
    let known =
        |w: &str| w.len() >= 3 && (lexicon.wordnet().contains(w) || lexicon.moby().has_root(w));
    let mut out = Vec::new();
    if let Some(base) = super::singular(lexicon, lower) {
        out.push((base, Inflection::S));
    }
    for (suffix, inflection) in [("ing", Inflection::Gerund), ("ed", Inflection::Past)] {
        let Some(stem) = lower.strip_suffix(suffix) else {
            continue;
        };
        let undoubled = stem
            .chars()
            .last()
            .filter(|&c| stem.len() > 2 && stem[..stem.len() - c.len_utf8()].ends_with(c))
            .map(|c| stem[..stem.len() - c.len_utf8()].to_string());
        let options = [Some(format!("{stem}e")), Some(stem.to_string()), undoubled];
        if let Some(base) = options
            .into_iter()
            .flatten()
            .find(|b| known(b) && inflection.apply(b) == lower)
        {
            out.push((base, inflection));
        }
    }
    out.retain(|(b, _)| b != lower && known(b));
    out
}

/// Candidates for `key` (the word or one of its base forms), inflected like the word.
fn lookup(
    lexicon: &Lexicon,
    word: &str,
    lower: &str,
    key: &str,
    inflection: Inflection,
    sense: Option<&SenseContext>,
) -> Vec<Substitution> {
    let base = key.to_string();
    let mut found: Found = FxHashMap::default();
    // Spins are mined as written ("attacks" -> "assaults"): those of the word itself come
    // with its own look-up, uninflected; here only those of the key get its inflection.
    for (spun, count) in lexicon.spins().of(&base) {
        let e = found.entry(spun.clone()).or_default();
        e.spin_count = e.spin_count.max(*count);
    }
    let same_sense = add_wordnet_synonyms(lexicon, &base, sense, &mut found);
    // In multi-word terms any replaced word is a spin, so co-hyponyms count too ("baseline"
    // and "benchmark" are both kinds of standard). Only small families, of the main senses.
    if sense.is_none() && found.len() < FEW_CANDIDATES {
        add_cohyponyms(lexicon, &base, &mut found);
    }
    add_moby_synonyms(lexicon, &base, sense, &mut found);
    // A synonym from the paraphrasers' own vocabulary: a tool that puts "peril" in for
    // "risk" may well put it in for "cancer". Only for words of phrases, whose other words
    // are the context.
    if sense.is_none() {
        let vocabulary = lexicon.spinner_vocabulary();
        for (candidate, e) in found.iter_mut().filter(|(_, e)| e.spin_count == 0) {
            e.spinner_word = vocabulary.count(candidate);
        }
    }
    drop_legitimate(lexicon, &base, sense, &mut found);
    let mut out: Vec<Substitution> = found
        .into_iter()
        .filter(|(candidate, _)| acceptable(candidate, &base, lower))
        .filter(|(candidate, _)| !same_sense.iter().any(|s| s == candidate))
        .map(|(candidate, evidence)| substitution(lexicon, word, inflection, candidate, evidence))
        .collect();
    out.sort_by(|a, b| b.prior.total_cmp(&a.prior).then_with(|| a.to.cmp(&b.to)));
    out
}

/// Candidates of a word, with what the lexicon says of each.
type Found = FxHashMap<String, Evidence>;

/// WordNet synonyms of `base`, sense by sense, and words of similar or see-also senses.
/// Returns the synonyms in the intended sense (legitimate, never candidates).
fn add_wordnet_synonyms(
    lexicon: &Lexicon,
    base: &str,
    sense: Option<&SenseContext>,
    found: &mut Found,
) -> Vec<String> {
    let wordnet = lexicon.wordnet();
    // A sense the domain only leans to makes no synonym legitimate.
    let intended = sense.filter(|s| !s.leaning).and_then(|s| s.intended);
    let mut same_sense = Vec::new();
    for &id in wordnet.sense_ids(base) {
        let synset = wordnet.synset(id);
        let relation = match (sense, intended) {
            (Some(_), Some(i)) if i == id => WordNetRelation::SameSense,
            (Some(_), _) => WordNetRelation::OtherSense,
            (None, _) => WordNetRelation::SameSense,
        };
        for lemma in &synset.lemmas {
            let lemma = lemma.to_lowercase();
            if relation == WordNetRelation::SameSense && sense.is_some() {
                same_sense.push(lemma.clone());
            }
            let e = found.entry(lemma).or_default();
            e.wordnet = strongest(e.wordnet, relation);
            if relation == WordNetRelation::OtherSense && e.own_sense.is_none() {
                e.own_sense = Some(id);
            }
        }
        for &(rel, target) in &synset.links {
            if matches!(rel, Relation::Similar | Relation::AlsoSee) {
                for lemma in &wordnet.synset(target).lemmas {
                    let e = found.entry(lemma.to_lowercase()).or_default();
                    e.wordnet = strongest(e.wordnet, WordNetRelation::Linked);
                }
            }
        }
    }
    same_sense
}

/// Co-hyponyms of the main senses of `base`, from small families only.
fn add_cohyponyms(lexicon: &Lexicon, base: &str, found: &mut Found) {
    let wordnet = lexicon.wordnet();
    for &id in wordnet.sense_ids(base).iter().take(3) {
        for &(rel, parent) in &wordnet.synset(id).links {
            if rel != Relation::Hypernym {
                continue;
            }
            let children: Vec<u32> = wordnet
                .synset(parent)
                .links
                .iter()
                .filter(|(r, _)| *r == Relation::Hyponym)
                .map(|(_, t)| *t)
                .collect();
            if children.len() > MAX_SIBLING_FAMILY {
                continue;
            }
            for child in children.into_iter().filter(|&c| c != id) {
                for lemma in &wordnet.synset(child).lemmas {
                    let e = found.entry(lemma.to_lowercase()).or_default();
                    e.wordnet = strongest(e.wordnet, WordNetRelation::Linked);
                }
            }
        }
    }
}

/// Moby synonyms of `base`: mutual ones, and one-way ones that the word's WordNet synonyms
/// back; a Moby candidate with a sense near the word's is WordNet-linked.
fn add_moby_synonyms(
    lexicon: &Lexicon,
    base: &str,
    sense: Option<&SenseContext>,
    found: &mut Found,
) {
    let wordnet = lexicon.wordnet();
    let moby = lexicon.moby();
    let base_id = moby.id(base);
    let base_synonyms = base_id.map_or(&[][..], |id| moby.synonym_ids(id));
    // For each Moby synonym of the word, how many of the word's WordNet synonyms list it:
    // counted once per word here rather than once per candidate.
    let mut cluster: FxHashMap<u32, u32> = base_synonyms.iter().map(|&id| (id, 0)).collect();
    let direct = |e: &Evidence| {
        matches!(
            e.wordnet,
            Some(WordNetRelation::SameSense | WordNetRelation::OtherSense)
        )
    };
    for (synonym, _) in found.iter().filter(|(_, e)| direct(e)) {
        for &listed in moby.id(synonym).map_or(&[][..], |id| moby.synonym_ids(id)) {
            if let Some(count) = cluster.get_mut(&listed) {
                *count += 1;
            }
        }
    }
    // Senses one step up from the word's senses, and those senses themselves: a Moby
    // candidate with a sense in this neighbourhood is WordNet-linked.
    let word_senses = wordnet.sense_ids(base);
    let hypernyms = |id: u32| wordnet.hypernyms(id);
    let mut neighbourhood: FxHashSet<u32> = word_senses.iter().copied().collect();
    for &id in word_senses {
        neighbourhood.extend(hypernyms(id));
    }
    let own: FxHashSet<u32> = word_senses.iter().copied().collect();
    // Linked: a sibling of a sense of the word, or a kind of it up to two levels down
    // ("semester" is a kind of "academic term", a kind of "term").
    let linked = |candidate: u32| {
        lexicon.moby_senses(candidate).iter().any(|&id| {
            neighbourhood.contains(&id)
                || hypernyms(id)
                    .any(|h| neighbourhood.contains(&h) || hypernyms(h).any(|g| own.contains(&g)))
        })
    };
    let base_listers = base_id.map_or(&[][..], |id| moby.listers(id));
    for &id in base_synonyms {
        let synonym = moby.word(id);
        let mutual = base_listers.binary_search(&id).is_ok();
        // A one-way Moby link is a loose association: it only adds to other evidence, unless
        // the word's synonym cluster backs it. (Skipping the rest early also keeps derivation
        // fast: common words list hundreds.)
        let one_way_cluster = cluster.get(&id).copied().unwrap_or(0);
        let mut fresh = false;
        let e = match found.get_mut(synonym) {
            Some(e) => e,
            None if mutual => found.entry(synonym.to_string()).or_default(),
            // A one-way link that several of the word's WordNet synonyms share in Moby is in
            // the thick of the word's synonyms ("effusion" for "emission"): a candidate for
            // words of phrases, whose other words are the context.
            None if one_way_cluster >= ONE_WAY_MIN_CLUSTER && sense.is_none() => {
                fresh = true;
                found.entry(synonym.to_string()).or_default()
            }
            None => continue,
        };
        e.moby = true;
        e.moby_mutual = mutual;
        if !mutual {
            if fresh {
                e.cluster = one_way_cluster;
            }
            continue;
        }
        if e.wordnet.is_none() && linked(id) {
            e.wordnet = Some(WordNetRelation::Linked);
        }
        e.cluster = cluster.get(&id).copied().unwrap_or(0);
    }
}

/// Drops candidates that are legitimate: synonyms in the intended sense by their own
/// definitions, words of another part of speech than the term's, and opposites.
fn drop_legitimate(lexicon: &Lexicon, base: &str, sense: Option<&SenseContext>, found: &mut Found) {
    let wordnet = lexicon.wordnet();
    let opposites = opposites(lexicon, base);
    // Moby has no senses, and a WordNet relative may be a kind of the intended sense: such a
    // candidate whose own definitions share words with the intended sense is a synonym in
    // that sense ("vitriol" -> "acrimony", "tariff" -> "customs"), not a spin.
    if let Some(sense) = sense.filter(|s| s.intended.is_some()) {
        let describes = sense.describer(lexicon);
        found.retain(|candidate, e| {
            e.wordnet == Some(WordNetRelation::OtherSense)
                || e.spin_count > 0
                || !describes(candidate)
        });
    }
    // A term meant as a verb is not spun into a word that cannot be one, and so on.
    // An entry bound only by the glossary's subject is bound as a verb acting on it.
    let by_subject = sense.is_some_and(|s| s.by_subject).then_some(Pos::Verb);
    if let Some(pos) = sense.and_then(|s| s.pos).or(by_subject) {
        found.retain(|candidate, _| wordnet.may_be(candidate, pos));
    }
    // "high-resource" beside "low-resource" is a contrast, not a paraphrase, unless
    // paraphrasers are known to make that very swap.
    found.retain(|candidate, e| e.spin_count > 0 || !opposites.contains(candidate));
}

/// The substitution of `candidate` for `word`, inflected and capitalised like it.
fn substitution(
    lexicon: &Lexicon,
    word: &str,
    inflection: Inflection,
    candidate: String,
    evidence: Evidence,
) -> Substitution {
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    // A gerund or participle is often a noun or adjective ("social distancing",
    // "distributed systems"): a synonym that cannot be a verb stands as it is
    // ("social detachment"), never as "detachmenting".
    let inflection = match inflection {
        Inflection::Gerund | Inflection::Past if !can_be_verb(lexicon, &candidate) => {
            Inflection::Base
        }
        other => other,
    };
    let mut to = inflection.apply(&candidate);
    if capitalised {
        to = to.split(' ').map(capitalise).collect::<Vec<_>>().join(" ");
    }
    let prior = evidence.prior();
    Substitution {
        from: word.to_string(),
        to,
        evidence,
        prior,
    }
}

/// Whether the last word of a phrase has a verb sense, or is unknown to WordNet.
fn can_be_verb(lexicon: &Lexicon, phrase: &str) -> bool {
    let last = phrase.rsplit([' ', '-']).next().unwrap_or(phrase);
    lexicon.wordnet().may_be(last, Pos::Verb)
}

/// The words WordNet gives as opposites of any sense of `word`: its antonyms and the
/// adjectives similar to them ("low": "high", "elevated", "tall").
fn opposites(lexicon: &Lexicon, word: &str) -> FxHashSet<String> {
    let wordnet = lexicon.wordnet();
    let mut out = FxHashSet::default();
    for &id in wordnet.sense_ids(word) {
        for &(rel, opposite) in &wordnet.synset(id).links {
            if rel != Relation::Antonym {
                continue;
            }
            let synset = wordnet.synset(opposite);
            let similar = synset
                .links
                .iter()
                .filter(|(r, _)| *r == Relation::Similar)
                .map(|&(_, t)| wordnet.synset(t));
            for lemma in std::iter::once(synset)
                .chain(similar)
                .flat_map(|s| &s.lemmas)
            {
                out.insert(lemma.to_lowercase());
            }
        }
    }
    out
}

fn strongest(current: Option<WordNetRelation>, new: WordNetRelation) -> Option<WordNetRelation> {
    let rank = |r: WordNetRelation| match r {
        WordNetRelation::SameSense => 2,
        WordNetRelation::OtherSense => 1,
        WordNetRelation::Linked => 0,
    };
    match current {
        Some(c) if rank(c) >= rank(new) => Some(c),
        _ => Some(new),
    }
}

/// Candidates that are plain lowercase words, not the word itself or a form of it.
fn acceptable(candidate: &str, base: &str, word: &str) -> bool {
    let words = candidate.split(' ').count();
    !candidate.is_empty()
        && words <= 3
        && candidate
            .chars()
            .all(|c| c.is_lowercase() || c == ' ' || c == '-')
        && !is_function_word(candidate)
        && !same_stem(candidate, base)
        && !same_stem(candidate, word)
        && !candidate.split(' ').any(|w| w == base || w == word)
}

/// Words sharing a long prefix are forms of one another ("regulate", "regulation").
fn same_stem(a: &str, b: &str) -> bool {
    // Asked for every candidate of every word: ASCII words (nearly all) by their bytes.
    let (common, shorter) = if a.is_ascii() && b.is_ascii() {
        let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
        (common, a.len().min(b.len()))
    } else {
        let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        (common, a.chars().count().min(b.chars().count()))
    };
    common >= 5.min(shorter) && common * 3 >= shorter * 2
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|f| f.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Entry, Origin};
    use crate::lexicon::tests::embedded;

    /// Found by the `check` fuzz target: a word with a non-ASCII letter before "ed" or "ing"
    /// ("flambéed") panicked when the last letter was dropped to undo a doubled consonant.
    #[test]
    fn base_forms_of_a_word_with_an_accent_before_its_ending_do_not_panic() {
        assert!(
            base_forms(embedded(), "flambéed")
                .iter()
                .all(|(b, _)| b != "flambéed")
        );
        assert!(base_forms(embedded(), "öing").is_empty());
        assert!(
            base_forms(embedded(), "stopped").contains(&("stop".to_string(), Inflection::Past))
        );
    }

    fn sense(term: &str, note: &str) -> SenseContext {
        let mut entry = Entry::new(
            term,
            Origin {
                file: "g".into(),
                line: 1,
            },
        );
        entry.note = Some(note.to_string());
        SenseContext::new(embedded(), &entry)
    }

    #[test]
    fn precursor_in_its_chemical_sense_has_other_sense_spins() {
        let s = sense(
            "precursor",
            "a chemical substance from which fentanyl is made",
        );
        let subs = for_word(embedded(), "precursor", Some(&s));
        let find = |to: &str| subs.iter().find(|x| x.to == to);
        let predecessor = find("predecessor").expect("predecessor is a candidate");
        assert_eq!(
            predecessor.evidence.wordnet,
            Some(WordNetRelation::OtherSense)
        );
        assert!(find("pioneer").is_some_and(|p| p.evidence.moby_mutual));
    }

    #[test]
    fn a_synonym_from_the_paraphrasers_vocabulary_counts_more() {
        // Paraphrasers put "calculation" in for "algorithm" and "computation"; for
        // "estimate" it is a plain synonym, but one a paraphraser would reach for.
        let subs = for_word(embedded(), "estimate", None);
        let calculation = subs.iter().find(|s| s.to == "calculation").unwrap();
        assert_eq!(calculation.evidence.spin_count, 0);
        assert!(calculation.evidence.spinner_word > 0);
        let without = Evidence {
            spinner_word: 0,
            ..calculation.evidence.clone()
        };
        assert!(calculation.prior > without.prior());
        // Single words are judged by their sense, not by who uses them.
        let single = for_word(
            embedded(),
            "estimate",
            Some(&sense("estimate", "a rough judgment of size")),
        );
        assert!(single.iter().all(|s| s.evidence.spinner_word == 0));
    }

    #[test]
    fn plural_words_get_plural_candidates() {
        let subs = for_word(embedded(), "tariffs", None);
        assert!(subs.iter().all(|s| !s.to.contains("tariff")));
        assert!(subs.iter().any(|s| s.to.ends_with('s')), "{subs:?}");
    }

    #[test]
    fn forms_of_the_word_are_not_candidates() {
        assert!(same_stem("regulation", "regulate"));
        assert!(!same_stem("pioneer", "precursor"));
        assert!(!acceptable("schedules", "schedule", "schedule"));
    }

    #[test]
    fn opposites_are_not_candidates() {
        let has =
            |word: &str, to: &str| for_word(embedded(), word, None).iter().any(|s| s.to == to);
        assert!(!has("low", "high"));
        assert!(!has("increase", "decrease"));
        assert!(!has("positive", "negative"));
        // Synonyms stay.
        assert!(has("increase", "growth"));
        assert!(has("low", "small"));
    }

    #[test]
    fn a_gerund_or_plural_is_not_inflected_twice_or_into_nonsense() {
        let distancing = for_word(embedded(), "distancing", None);
        assert!(
            distancing.iter().any(|s| s.to == "detachment"),
            "{distancing:?}"
        );
        assert!(!distancing.iter().any(|s| s.to.ends_with("menting")));
        // "assaults" is mined as a spin of "attacks" as written: not made "assaultses".
        let attacks = for_word(embedded(), "attacks", None);
        assert!(attacks.iter().any(|s| s.to == "assaults"));
        assert!(
            !attacks.iter().any(|s| s.to.ends_with("tses")),
            "{attacks:?}"
        );
    }

    #[test]
    fn a_one_way_synonym_backed_by_the_cluster_is_a_candidate() {
        let subs = for_word(embedded(), "emission", None);
        assert!(
            subs.iter().any(|s| s.evidence.moby
                && !s.evidence.moby_mutual
                && s.evidence.wordnet.is_none()
                && s.evidence.spin_count == 0
                && s.evidence.cluster >= ONE_WAY_MIN_CLUSTER),
            "{subs:?}"
        );
        // Not for single-word terms, which are judged by their sense.
        let single = for_word(
            embedded(),
            "emission",
            Some(&sense("emission", "gas released by engines")),
        );
        assert!(single.iter().all(|s| s.evidence.moby_mutual
            || s.evidence.wordnet.is_some()
            || s.evidence.spin_count > 0));
    }
}
