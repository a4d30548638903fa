//! Deriving wrong renderings from bare glossary terms.
//!
//! Users write glossaries of correct terms; paraphrasers replace their words with synonyms,
//! often from the wrong sense ("precursors" -> "pioneers", "vitriol" -> "sulfuric acid",
//! "breast cancer" -> "bosom peril"). For each word of each term this module lists candidate
//! replacements from the lexicon (WordNet senses, Moby, and substitutions mined from known
//! spun phrases), each scored by its evidence. The checker puts every candidate into its one
//! index of forms and assembles renderings from the words it finds, so any combination of
//! replaced words is found without enumerating combinations. Whether a found rendering is
//! reported is decided in `rules::derived`, from its prior and the text around it.

mod assemble;
mod candidates;
mod forms;
mod kinship;
mod sense;

pub use assemble::{Assembled, CandidateHit, assemble};
pub use forms::other_forms;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

pub use candidates::{Evidence, Kinship, Substitution, TWO_STEP_PRIOR, WordNetRelation};
pub use kinship::KinshipTest;
pub use sense::SenseContext;

use crate::glossary::{Glossary, Kind};
use crate::lexicon::Lexicon;
use crate::text::inflect::Inflection;
use crate::text::words::is_function_word;

/// Candidates of words of phrases with a lower prior are not kept. Below the reporting
/// threshold (0.5) on their own, they count when a rendering replaces several words: two
/// loose synonyms side by side ("wholly associated layer") are more than either alone.
const MIN_PRIOR: f32 = 0.4;
/// The most a derived rendering's prior can be, as for a single substitution.
const MAX_PRIOR: f32 = 0.97;
/// The floor for candidates of single-word terms, which need context cues to be reported.
const MIN_SINGLE_PRIOR: f32 = 0.4;
/// The best candidates of a word of a phrase are kept: every candidate costs forms in the
/// index, and far down the list they are loose associations. Common words have a hundred
/// or more synonyms, and spinners pick from all of them ("familiar" for "average").
const MAX_CANDIDATES_PER_WORD: usize = 120;
/// The same for single-word terms, which need cues in the text anyway.
const MAX_SINGLE_CANDIDATES: usize = 40;
/// How many renderings `glossary expand` lists per entry.
const DISPLAYED_PER_ENTRY: usize = 60;

/// A rendering found in a text (or listed for review), with the evidence for it.
#[derive(Debug, Clone)]
pub struct DerivedRendering {
    pub entry: usize,
    pub form: String,
    pub correction: String,
    /// The word substitutions that turn the term into this rendering.
    pub substitutions: Vec<Substitution>,
    /// Confidence before looking at the text: how likely this rendering is a spin.
    pub prior: f32,
    /// True when the rendering alone is ordinary English (a single word, or one common word
    /// swapped among common ones), so only the context of a match can tell a spin from
    /// normal use.
    pub needs_context: bool,
    /// The part of speech the term is meant as, when known (single-word terms).
    pub pos: Option<crate::lexicon::Pos>,
    /// A content word of the term stands in place ("carbon" in "carbon impression"): the
    /// rendering carries its own context.
    pub keeps_term_word: bool,
}

/// One word of a term and what a paraphraser might put in its place.
#[derive(Debug, Clone)]
pub struct Slot {
    pub word: String,
    /// Replacement candidates, best prior first (empty for function words). Shared by the
    /// slots of every term with the same word.
    pub candidates: Arc<[Substitution]>,
}

/// The slots of one derivable entry. Any sequence of words in a text that fills every slot,
/// each with the term's own word or one of its candidates, and replaces at least one, is a
/// derived rendering: combinations are found in the text, never enumerated.
#[derive(Debug, Clone)]
pub struct DerivedEntry {
    pub entry: usize,
    pub term: String,
    pub slots: Vec<Slot>,
    pub pos: Option<crate::lexicon::Pos>,
    /// Names of institutions keep at least one of their words when garbled; other terms may
    /// lose them all ("bosom peril").
    pub whole_replacement_allowed: bool,
}

/// What derivation knows about a glossary: slots per derivable entry, sense cues per entry.
#[derive(Debug, Clone, Default)]
pub struct Derivation {
    pub entries: Vec<DerivedEntry>,
    /// Per glossary entry: words of its note and of its intended WordNet sense.
    pub senses: Vec<SenseContext>,
}

/// Kinds whose terms are made of ordinary words that paraphrasers swap. Institutions are
/// left to near-miss detection: one word of their names swapped for a synonym is often
/// another real body ("Commerce Ministry", "Commerce Department").
fn derivable(kind: Kind) -> bool {
    matches!(kind, Kind::Term | Kind::Phrase)
}

/// Candidates of words of multi-word terms do not depend on the entry: computed once.
type CandidateCache = HashMap<String, Arc<[Substitution]>>;

/// Derives slots for every entry of a glossary.
pub fn derive(glossary: &Glossary, lexicon: &Lexicon) -> Derivation {
    lexicon.preload();
    // Each entry is derived from its lemma first, then its other forms (see `forms`); its
    // sense is that of the lemma, read against the rest of the glossary (its domain, worked
    // out meanwhile: much of it is serial).
    let (domain, forms) = rayon::join(
        || sense::Domain::new(glossary).with_kinds(lexicon, glossary),
        || {
            let terms: std::collections::HashSet<String> = glossary
                .entries
                .iter()
                .map(|e| e.term.to_lowercase())
                .collect();
            let forms: Vec<Vec<crate::glossary::Entry>> = glossary
                .entries
                .par_iter()
                .map(|entry| forms::for_derivation(lexicon, entry, |t| terms.contains(t)))
                .collect();
            forms
        },
    );
    let form_senses: Vec<Vec<SenseContext>> = forms
        .par_iter()
        .enumerate()
        .map(|(index, forms)| {
            (forms.iter())
                .map(|form| SenseContext::in_glossary(lexicon, form, index, &domain))
                .collect()
        })
        .collect();
    let senses: Vec<SenseContext> = form_senses
        .par_iter()
        .zip(&forms)
        .map(|(senses, forms)| all_forms_cues(senses, forms))
        .collect();
    // A single word's synonyms are plain English: without a note, context cues or a
    // glossary whose subject picks one of its senses, nothing tells a spin from a writer's
    // choice ("results" for "classification" in any paper).
    let bare = |index: usize| {
        let e = &glossary.entries[index];
        derivable(e.kind)
            && e.variants.is_empty()
            && (content_words(&e.term) > 1
                || e.note.is_some()
                || !e.context.is_empty()
                || senses[index].intended.is_some()
                || senses[index].by_subject)
    };
    // The words of multi-word terms repeat across entries: look each up once, the distinct
    // words shared out between threads; then each entry, likewise.
    let mut words: Vec<String> = glossary
        .entries
        .iter()
        .enumerate()
        .filter(|(i, e)| bare(*i) && term_words(&e.term).len() > 1)
        .flat_map(|(_, e)| term_words(&e.term).into_iter().map(core_word))
        .filter(|w| is_content(w))
        .map(String::from)
        .collect();
    words.sort_unstable();
    words.dedup();
    let cache: CandidateCache = words
        .into_par_iter()
        .map(|w| {
            let candidates = keep_likely(candidates::for_word(lexicon, &w, None));
            (w, Arc::from(candidates))
        })
        .collect();
    let entries: Vec<Vec<DerivedEntry>> = forms
        .par_iter()
        .enumerate()
        .map(|(index, forms)| {
            if !bare(index) {
                return Vec::new();
            }
            let derive_form = |(i, form): (usize, &crate::glossary::Entry)| {
                let sense = &form_senses[index][i];
                derive_entry(lexicon, index, form.kind, &form.term, sense, &cache)
            };
            forms.iter().enumerate().filter_map(derive_form).collect()
        })
        .collect();
    Derivation {
        entries: entries.into_iter().flatten().collect(),
        senses,
    }
}

/// The sense of an entry with the cue words of all its forms: the head a text drops
/// ("chemicals" of "precursor chemicals", a word of the term itself) is a cue for the term
/// without it, as are the words of the note that the full term holds.
fn all_forms_cues(senses: &[SenseContext], forms: &[crate::glossary::Entry]) -> SenseContext {
    let mut sense = senses[0].clone();
    let full = forms[0].term.to_lowercase();
    for (other, form) in senses.iter().zip(forms).skip(1) {
        let short = form.term.to_lowercase();
        let kept = term_words(&short);
        let dropped: Vec<String> = term_words(&full)
            .into_iter()
            .filter(|w| is_content(w) && !kept.contains(w))
            .map(String::from)
            .collect();
        for cue in other.cues.iter().chain(&dropped) {
            if !sense.cues.contains(cue) {
                sense.cues.push(cue.clone());
            }
        }
    }
    sense
}

/// The words of a term, each a slot: hyphens separate words as spaces do, since a
/// paraphraser swaps the parts of "cross-layer" ("move-layer") as it swaps whole words.
fn term_words(term: &str) -> Vec<&str> {
    term.split([' ', '-']).filter(|w| !w.is_empty()).collect()
}

/// How many words of a term a paraphraser would swap ("the publication" has one).
fn content_words(term: &str) -> usize {
    term_words(term)
        .into_iter()
        .filter(|w| is_content(core_word(w)))
        .count()
}

/// A word of a term without trailing punctuation ("accuracy," in "accuracy, precision").
fn core_word(word: &str) -> &str {
    word.trim_end_matches([',', ';', ':'])
}

/// Whether a word of a term is one a paraphraser would swap.
fn is_content(word: &str) -> bool {
    !word.is_empty()
        && !is_function_word(&word.to_lowercase())
        && word.chars().any(char::is_alphabetic)
}

fn derive_entry(
    lexicon: &Lexicon,
    entry: usize,
    kind: Kind,
    term: &str,
    sense: &SenseContext,
    cache: &CandidateCache,
) -> Option<DerivedEntry> {
    let words = term_words(term);
    let single = words.len() == 1;
    let slots: Vec<Slot> = words
        .iter()
        .map(|&word| {
            // "accuracy," in "accuracy, precision, recall": look up the word, keep the comma.
            let core = core_word(word);
            let punctuation = &word[core.len()..];
            let candidates: Arc<[Substitution]> = if !is_content(core) {
                Arc::from([])
            } else if single {
                Arc::from(keep_single(candidates::for_word(
                    lexicon,
                    core,
                    Some(sense),
                )))
            } else {
                match cache.get(core) {
                    None => Arc::from([]),
                    Some(shared) if punctuation.is_empty() => Arc::clone(shared),
                    Some(shared) => shared
                        .iter()
                        .map(|s| {
                            let mut s = s.clone();
                            s.to.push_str(punctuation);
                            s
                        })
                        .collect(),
                }
            };
            Slot {
                word: word.to_string(),
                candidates,
            }
        })
        .collect();
    if slots.iter().all(|s| s.candidates.is_empty()) {
        return None;
    }
    Some(DerivedEntry {
        entry,
        term: term.to_string(),
        slots,
        pos: if single { sense.pos } else { None },
        whole_replacement_allowed: kind != Kind::Org,
    })
}

/// Every candidate for a word of a multi-word term, before any cut: for analysis tools.
pub fn candidates_for_word(lexicon: &Lexicon, word: &str) -> Vec<Substitution> {
    candidates::for_word(lexicon, word, None)
}

fn keep_likely(mut candidates: Vec<Substitution>) -> Vec<Substitution> {
    candidates.retain(|s| s.prior >= MIN_PRIOR);
    candidates.truncate(MAX_CANDIDATES_PER_WORD);
    candidates
}

/// Candidates of a single-word term. They are reported only with cue words of the term's
/// sense around them, so their floor is lower than for words of phrases ("arrange" for
/// "schedule" a drug has only Moby's word for it).
fn keep_single(mut candidates: Vec<Substitution>) -> Vec<Substitution> {
    candidates.retain(|s| s.prior >= MIN_SINGLE_PRIOR);
    candidates.truncate(MAX_SINGLE_CANDIDATES);
    candidates
}

/// Whether a word is among the most common of English (SCOWL level 10).
pub(crate) fn is_everyday(lexicon: &Lexicon, word: &str) -> bool {
    lexicon
        .words()
        .level(&crate::text::words::lowercase(word))
        .is_some_and(|l| l <= 10)
}

/// Whether no word of a phrase is among the common ones of English (SCOWL level 35 or
/// rarer, or unlisted).
fn is_rare(lexicon: &Lexicon, phrase: &str) -> bool {
    phrase.split([' ', '-']).all(|w| {
        lexicon
            .words()
            .level(&w.to_lowercase())
            .is_none_or(|l| l >= 35)
    })
}

/// Paraphrasing tools reach for rare words ("bosom cancer"); swapping in common ones is how
/// people paraphrase ("illegal drugs" for "illicit drugs"). Weighs a replacement by that.
pub fn rarity_weight(lexicon: &Lexicon, replacement: &str) -> f32 {
    match lexicon.words().level(&replacement.to_lowercase()) {
        Some(l) if l <= 20 => 0.8,
        Some(l) if l <= 35 => 0.95,
        _ => 1.0,
    }
}

/// The prior of a rendering from those of its replaced words. Each replaced word is a
/// coincidence if the text is not spun; several together are less likely by chance than any
/// one, so the evidence adds up (noisy-or). Ordinary phrases made of such words ("real
/// issues") are left to the judge's bigram test. A stand-in word (two thesaurus steps away)
/// is weak evidence: it caps the rendering instead of adding to it. A guess from a thesaurus
/// is never certain, however many words agree.
fn combined_prior(replaced: &[(usize, &Substitution)]) -> f32 {
    let mut prior = 1.0
        - replaced
            .iter()
            .filter(|(_, s)| s.evidence.two_steps.is_none())
            .map(|(_, s)| 1.0 - s.prior)
            .product::<f32>();
    if replaced.iter().any(|(_, s)| s.evidence.two_steps.is_some()) {
        prior = prior.min(TWO_STEP_PRIOR);
    }
    prior.min(MAX_PRIOR)
}

impl DerivedEntry {
    /// The rendering made by replacing the given slots with the given candidates.
    pub fn rendering(
        &self,
        lexicon: &Lexicon,
        replaced: &[(usize, &Substitution)],
    ) -> DerivedRendering {
        let form = self
            .slots
            .iter()
            .enumerate()
            .map(|(i, slot)| match replaced.iter().find(|(j, _)| *j == i) {
                Some((_, s)) => s.to.as_str(),
                None => slot.word.as_str(),
            })
            .collect::<Vec<_>>()
            .join(" ");
        let stand_in = replaced.iter().any(|(_, s)| s.evidence.two_steps.is_some());
        let mut prior = combined_prior(replaced);
        let kept = self.keeps_a_content_word(replaced);
        if !kept && self.slots.len() > 1 && !self.whole_replacement_acceptable(lexicon, replaced) {
            prior = 0.0;
        }
        DerivedRendering {
            keeps_term_word: kept && !stand_in,
            entry: self.entry,
            form,
            correction: self.term.clone(),
            substitutions: replaced.iter().map(|(_, s)| (*s).clone()).collect(),
            prior,
            needs_context: self.needs_context(lexicon, replaced),
            pos: self.pos,
        }
    }

    /// Whether a content word of the term stands in place in the rendering.
    fn keeps_a_content_word(&self, replaced: &[(usize, &Substitution)]) -> bool {
        self.slots
            .iter()
            .enumerate()
            .any(|(i, s)| is_content(core_word(&s.word)) && !replaced.iter().any(|(j, _)| *j == i))
    }

    /// When no content word of a phrase is left, every replacement must be a real synonym
    /// or a known spin: words all replaced by loose associations ("oil business" for "drug
    /// cartel") are how ordinary phrases look. One looser listed candidate (not a stand-in)
    /// is allowed beside known spins: a modifier before a spun head ("master framework" for
    /// "expert system"), or a head that is no common word after spun modifiers ("bosom
    /// carcinoma"). Names of institutions always keep a word.
    fn whole_replacement_acceptable(
        &self,
        lexicon: &Lexicon,
        replaced: &[(usize, &Substitution)],
    ) -> bool {
        let strong = |s: &Substitution| {
            s.evidence.spin_count > 0
                || matches!(
                    s.evidence.wordnet,
                    Some(WordNetRelation::SameSense | WordNetRelation::OtherSense)
                )
        };
        let loose: Vec<&(usize, &Substitution)> =
            replaced.iter().filter(|(_, s)| !strong(s)).collect();
        let head = self.slots.len() - 1;
        let head_spun = replaced
            .iter()
            .any(|(i, s)| *i == head && s.evidence.spin_count > 0);
        let acceptable = match loose.as_slice() {
            [] => true,
            [(i, s)] if s.evidence.two_steps.is_none() => {
                if *i != head {
                    // An everyday modifier ("rough framework") is plain English.
                    head_spun && !is_everyday(lexicon, &s.to)
                } else {
                    is_rare(lexicon, &s.to)
                        && replaced
                            .iter()
                            .all(|(j, t)| j == i || t.evidence.spin_count > 0)
                }
            }
            _ => false,
        };
        acceptable && self.whole_replacement_allowed
    }

    /// A single word is plain English unless its context says otherwise. In a phrase the
    /// other words of the term are the context, unless only the head (last) word was
    /// replaced and it and the words left are all everyday words: "first day" from "first
    /// term" is ordinary English, "choice tree" from "decision tree" is not.
    fn needs_context(&self, lexicon: &Lexicon, replaced: &[(usize, &Substitution)]) -> bool {
        if self.slots.len() == 1 {
            return true;
        }
        let [(index, sub)] = replaced else {
            return false;
        };
        // A swap seen in known spun phrases is a paraphraser's, however ordinary its words.
        if *index + 1 != self.slots.len() || sub.evidence.spin_count >= 1 {
            return false;
        }
        let everyday = |w: &str| w.split(' ').all(|w| is_everyday(lexicon, w));
        everyday(&sub.to)
            && self
                .slots
                .iter()
                .enumerate()
                .filter(|(i, s)| i != index && is_content(core_word(&s.word)))
                .all(|(_, s)| everyday(core_word(&s.word)))
    }

    /// Renderings for review (`glossary expand`): every single replacement, then pairs of the
    /// best candidates, best prior first.
    pub fn display_renderings(&self, lexicon: &Lexicon) -> Vec<DerivedRendering> {
        let mut out = Vec::new();
        for (i, slot) in self.slots.iter().enumerate() {
            for sub in slot.candidates.iter() {
                out.push(self.rendering(lexicon, &[(i, sub)]));
            }
        }
        for i in 0..self.slots.len() {
            for j in i + 1..self.slots.len() {
                for a in self.slots[i].candidates.iter().take(3) {
                    for b in self.slots[j].candidates.iter().take(3) {
                        out.push(self.rendering(lexicon, &[(i, a), (j, b)]));
                    }
                }
            }
        }
        out.sort_by(|a, b| {
            b.prior
                .total_cmp(&a.prior)
                .then_with(|| a.form.cmp(&b.form))
        });
        out.truncate(DISPLAYED_PER_ENTRY);
        out
    }
}

/// The base form a plural head word comes from, for lexicon look-ups ("tariffs" -> "tariff").
pub(crate) fn singular(lexicon: &Lexicon, word: &str) -> Option<String> {
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
                && lexicon.wordnet().contains(&base)
            {
                return Some(base);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lexicon of a few words: Moby lists "bosom" and "chest" under "breast", and
    /// paraphrasers were seen putting "bosom" for "breast" and "peril" for "cancer".
    fn tiny() -> Lexicon {
        Lexicon::builder()
            .wordnet("n00000001\tn\tcancer|malignant neoplastic disease\t\tany malignant growth\n")
            .moby("breast\nbosom\nchest\ncancer\nperil\n0\t1 2\n")
            .spins("breast\tbosom\t2\ncancer\tperil\t1\n")
            .build()
    }

    fn candidates(derivation: &Derivation, slot: usize) -> Vec<&str> {
        derivation.entries[0].slots[slot]
            .candidates
            .iter()
            .map(|s| s.to.as_str())
            .collect()
    }

    #[test]
    fn the_head_a_text_drops_is_a_cue_of_the_term() {
        // A precursor (the substance) is a material, as a chemical is: "precursor chemical"
        // is also derived as "precursor", and "chemicals" around a match binds it.
        let lexicon = Lexicon::builder()
            .wordnet(
                "n00000001\tn\tmaterial\t\tstuff\n\
                 n00000002\tn\tprecursor\thyper:n00000001\ta substance from which another is formed\n\
                 n00000003\tn\tchemical\thyper:n00000001\tmaterial made by chemistry\n",
            )
            .build();
        let glossary = Glossary::parse(
            "g.tsv",
            "term\tnote\nprecursor chemical\tused as a starting material to make a drug\n",
        )
        .unwrap();
        let derivation = derive(&glossary, &lexicon);
        let cues = &derivation.senses[0].cues;
        assert!(cues.contains(&"chemical".to_string()), "{cues:?}");
    }

    #[test]
    fn the_synonyms_of_a_sense_the_domain_only_leans_to_are_candidates() {
        // A drug glossary leans "vitriol" to the acid on one word ("chemical"): with no
        // note, nothing says the writer did not mean the abuse ("sulfuric acid" for it).
        let lexicon = Lexicon::builder()
            .wordnet(
                "n00000001\tn\tvituperation|invective|vitriol\t\tabusive language\n\
                 n00000002\tn\tvitriol|sulfuric acid\t\ta corrosive acid of the chemical industry\n",
            )
            .build();
        let candidates_with = |note: &str| -> Vec<String> {
            let text = format!("term\tnote\nvitriol\t{note}\nprecursor chemical\t\n");
            let derivation = derive(&Glossary::parse("g.tsv", &text).unwrap(), &lexicon);
            (derivation.entries.iter())
                .filter(|e| e.term == "vitriol")
                .flat_map(|e| e.slots[0].candidates.iter().map(|s| s.to.clone()))
                .collect()
        };
        let bare = candidates_with("");
        assert!(bare.contains(&"sulfuric acid".to_string()), "{bare:?}");
        // A note that picks the acid makes its synonym legitimate.
        let acid = candidates_with("corrosive acid");
        assert!(!acid.contains(&"sulfuric acid".to_string()), "{acid:?}");
    }

    #[test]
    fn derivation_runs_on_a_lexicon_built_in_the_test() {
        let glossary = Glossary::parse("g.tsv", "term\nbreast cancer\n").unwrap();
        let derivation = derive(&glossary, &tiny());
        assert_eq!(derivation.entries.len(), 1);
        // "chest" is only a Moby synonym: too loose to keep on its own.
        assert_eq!(candidates(&derivation, 0), ["bosom"]);
        // A known spin first, then WordNet's synonym in the same sense.
        assert_eq!(
            candidates(&derivation, 1),
            ["peril", "malignant neoplastic disease"]
        );
        let bosom = &derivation.entries[0].slots[0].candidates[0];
        assert_eq!(bosom.evidence.spin_count, 2);
        assert!(bosom.evidence.moby);
    }

    #[test]
    fn an_empty_lexicon_derives_nothing() {
        let glossary = Glossary::parse("g.tsv", "term\nbreast cancer\n").unwrap();
        let derivation = derive(&glossary, &Lexicon::builder().build());
        assert!(derivation.entries.is_empty());
        assert_eq!(derivation.senses.len(), 1);
    }
}
