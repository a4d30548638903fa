//! Derived renderings: wrong renderings of a bare term found through the lexicon. Whether a
//! match is reported depends on its prior and on the text around it.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::subject::{self, Neighbours};
use super::{Rule, RuleMeta, Stage, with_fix};
use crate::check::arbitrate::{Claim, DERIVED_RANK};
use crate::check::document::{Document, Payload, Target};
use crate::check::finding::{Applicability, Evidence, Finding, rule};
use crate::check::matcher::Form;
use crate::check::site::Site;
use crate::derive::{self, CandidateHit, DerivedEntry, DerivedRendering};
use crate::glossary::{Entry, Glossary, Kind, Severity};
use crate::lexicon::{Lexicon, Pos};
use crate::text::casing::CaseRule;
use crate::text::inflect::{self, Inflection};
use crate::text::span::Span;

pub const META: RuleMeta = RuleMeta {
    id: rule::DERIVED,
    default: true,
    stage: Stage::Match,
    summary: "a paraphraser's rendering of a term, derived from the lexicon (\"bosom cancer\")",
};

/// The rule: the derivable entries, with the candidates of each word, and the groups of
/// their slots whose candidates the checker's index finds together.
pub struct DerivedRenderings {
    derived: Vec<DerivedEntry>,
    /// Per glossary entry, the entries of its subject.
    neighbours: Neighbours,
    /// (derived entry, slot) of each group of slots whose candidates are indexed together.
    slot_groups: Vec<Vec<(u32, u16)>>,
}

impl DerivedRenderings {
    pub fn new(mut derived: Vec<DerivedEntry>, glossary: &Glossary) -> DerivedRenderings {
        // The neighbours need only the glossary: worked out meanwhile.
        let (neighbours, slot_groups) = rayon::join(
            || Neighbours::new(glossary),
            || {
                derived.par_iter_mut().for_each(|d| {
                    without_note_words(d, &glossary.entries[d.entry]);
                });
                derived.retain(|d| d.slots.iter().any(|s| !s.candidates.is_empty()));
                slot_groups(&derived, glossary)
            },
        );
        DerivedRenderings {
            derived,
            neighbours,
            slot_groups,
        }
    }

    pub fn entries(&self) -> &[DerivedEntry] {
        &self.derived
    }

    /// The forms the checker's index looks for. A large bare glossary has hundreds of
    /// thousands of them: each group's inflected once, in parallel.
    pub fn forms(&self, glossary: &Glossary) -> Vec<Form<Payload>> {
        let forms: Vec<Vec<Form<Payload>>> = self
            .slot_groups
            .par_iter()
            .enumerate()
            .map(|(group, members)| {
                let (derived, slot) = members[0];
                let d = &self.derived[derived as usize];
                candidate_forms(group, d, slot as usize, &glossary.entries[d.entry])
            })
            .collect();
        forms.into_iter().flatten().collect()
    }

    /// The candidate words found in the text, one per slot of each group they stand for.
    fn candidate_hits(&self, doc: &Document<'_>) -> Vec<CandidateHit> {
        let mut candidates = Vec::new();
        for hit in &doc.hits {
            let (
                _,
                Target::Candidate {
                    group,
                    candidate,
                    inflection,
                },
            ) = *hit.payload
            else {
                continue;
            };
            for &(derived, slot) in &self.slot_groups[group as usize] {
                candidates.push(CandidateHit::new(
                    hit.span,
                    derived as usize,
                    slot as usize,
                    candidate as usize,
                    inflection,
                ));
            }
        }
        candidates
    }
}

/// Drops the candidates that the entry's own note uses for the term ("sellers" for
/// "trafficker: person who smuggles or sells illegal drugs"): the glossary's writer calls the
/// thing that, so a text that does is right.
fn without_note_words(d: &mut DerivedEntry, entry: &Entry) {
    let note = subject::note_words(entry);
    if note.is_empty() {
        return;
    }
    for slot in &mut d.slots {
        if slot
            .candidates
            .iter()
            .any(|c| subject::in_note(&note, &c.to))
        {
            slot.candidates = (slot.candidates.iter())
                .filter(|c| !subject::in_note(&note, &c.to))
                .cloned()
                .collect();
        }
    }
}

impl Rule for DerivedRenderings {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, out: &mut Vec<Claim>) {
        let text = doc.text;
        let candidates = self.candidate_hits(doc);
        let case =
            |derived: usize| derived_case(&doc.glossary.entries[self.derived[derived].entry]);
        let kinship = Kinship::new(doc.lexicon, &self.derived);
        let present: HashSet<usize> = doc.terms.iter().map(|&(_, entry)| entry).collect();
        let relates = |derived: usize, slot: usize, word: &str| {
            kinship.between(derived, slot, word).is_some()
        };
        for found in derive::assemble(
            doc.lexicon,
            text,
            &self.derived,
            case,
            &relates,
            &candidates,
        ) {
            let d = &self.derived[found.derived];
            let stand_in = found.related.map(|(slot, span)| {
                stand_in(
                    d,
                    slot,
                    &text[span.start..span.end],
                    &kinship,
                    found.derived,
                )
            });
            let mut replaced: Vec<(usize, &derive::Substitution)> = found
                .replaced
                .iter()
                .map(|&(slot, c)| (slot, &d.slots[slot].candidates[c]))
                .collect();
            if let Some((slot, sub)) = &stand_in {
                replaced.push((*slot, sub));
            }
            let rendering = d.rendering(doc.lexicon, &replaced);
            // A word that needs context, on a text off its term's subject, is meant as itself.
            if rendering.needs_context && self.neighbours.off_subject(d.entry, &present) {
                continue;
            }
            let site = doc.site(found.span, d.entry);
            if site.cues.vetoed(site.entry_index, site.span) {
                continue;
            }
            let Some(finding) = judge(&site, &rendering) else {
                continue;
            };
            // Derived renderings are educated guesses: their fixes are unsafe, applied by a
            // human. A derived rendering is made of lexicon words: no abbreviation to keep.
            let finding = with_fix(
                finding,
                &site,
                "",
                &rendering.correction,
                found.inflection,
                Applicability::Unsafe,
            );
            out.push(Claim {
                span: found.span,
                entry: Some(d.entry),
                rank: DERIVED_RANK,
                finding: Some(finding),
            });
        }
    }
}

/// Per (derived entry, slot), the kinship of each text word asked about.
type KinshipMemo = HashMap<(usize, usize), HashMap<String, Option<derive::Kinship>>>;

/// The two-step kinship test of words of a text with words of the derived terms, each
/// (term word, text word) pair looked up once per text: the same pairs come up again and
/// again.
struct Kinship<'a> {
    test: derive::KinshipTest<'a>,
    derived: &'a [DerivedEntry],
    memo: RefCell<KinshipMemo>,
}

impl<'a> Kinship<'a> {
    fn new(lexicon: &'a Lexicon, derived: &'a [DerivedEntry]) -> Kinship<'a> {
        Kinship {
            test: derive::KinshipTest::new(lexicon),
            derived,
            memo: RefCell::default(),
        }
    }

    /// How `word` of the text is related to the word of slot `slot` of derived entry
    /// `derived`, if it is.
    fn between(&self, derived: usize, slot: usize, word: &str) -> Option<derive::Kinship> {
        let word = crate::text::words::lowercase(word);
        let key = (derived, slot);
        if let Some(&known) = self
            .memo
            .borrow()
            .get(&key)
            .and_then(|m| m.get(word.as_ref()))
        {
            return known;
        }
        let answer = self
            .test
            .between(&self.derived[derived].slots[slot].word, &word);
        self.memo
            .borrow_mut()
            .entry(key)
            .or_default()
            .insert(word.into_owned(), answer);
        answer
    }
}

/// A word of the text that stands in for the word of slot `slot` of the term, related to it
/// in two steps, as a substitution.
fn stand_in(
    d: &DerivedEntry,
    slot: usize,
    word: &str,
    kinship: &Kinship,
    derived: usize,
) -> (usize, derive::Substitution) {
    let evidence = derive::Evidence {
        two_steps: kinship.between(derived, slot, word),
        ..Default::default()
    };
    let sub = derive::Substitution {
        from: d.slots[slot].word.clone(),
        to: word.to_string(),
        evidence,
        prior: derive::TWO_STEP_PRIOR,
    };
    (slot, sub)
}

/// Groups the slots of derived entries whose candidates and forms are the same: slots of
/// multi-word terms with the same word (and both last, or both not: only the last inflects).
/// "system" ends hundreds of the terms of a large glossary; its candidates are indexed once.
/// Single-word entries have candidates of their own sense: each is a group of its own.
fn slot_groups(derived: &[DerivedEntry], glossary: &Glossary) -> Vec<Vec<(u32, u16)>> {
    let mut groups: Vec<Vec<(u32, u16)>> = Vec::new();
    let mut shared: HashMap<(&str, bool), usize> = HashMap::new();
    for (index, d) in derived.iter().enumerate() {
        let inflects = glossary.entries[d.entry].kind != Kind::Phrase;
        for (slot, s) in d.slots.iter().enumerate() {
            if s.candidates.is_empty() {
                continue;
            }
            let member = (index as u32, slot as u16);
            let last = slot + 1 == d.slots.len() && inflects;
            if d.slots.len() == 1 {
                groups.push(vec![member]);
                continue;
            }
            match shared.get(&(s.word.as_str(), last)) {
                Some(&group) => groups[group].push(member),
                None => {
                    shared.insert((s.word.as_str(), last), groups.len());
                    groups.push(vec![member]);
                }
            }
        }
    }
    groups
}

/// The forms to look for of each candidate of one slot of a derived entry, filed under its
/// group.
fn candidate_forms(
    group: usize,
    d: &DerivedEntry,
    slot: usize,
    entry: &Entry,
) -> Vec<Form<Payload>> {
    let mut forms = Vec::new();
    let last = slot + 1 == d.slots.len();
    for (candidate, sub) in d.slots[slot].candidates.iter().enumerate() {
        // Only the last word of a phrase inflects; a derived rendering of a noun is not
        // looked for as a verb, and vice versa.
        let inflected = if last && entry.kind != Kind::Phrase {
            // The head of a multi-word term is a noun: no verb forms.
            let pos = if d.slots.len() > 1 {
                Some(Pos::Noun)
            } else {
                d.pos
            };
            inflect::forms_of(&sub.to, |i| fits(pos, i))
        } else {
            vec![(Inflection::Base, sub.to.clone())]
        };
        // Spinners join the words of a phrase either way: "self ruling", "self-ruling",
        // "far-off", "far off".
        let joined_otherwise: Vec<(Inflection, String)> = inflected
            .iter()
            .filter_map(|(i, text)| match (text.contains(' '), text.contains('-')) {
                (true, false) => Some((*i, text.replace(' ', "-"))),
                (false, true) => Some((*i, text.replace('-', " "))),
                _ => None,
            })
            .collect();
        for (inflection, text) in inflected.into_iter().chain(joined_otherwise) {
            let target = Target::Candidate {
                group: group as u32,
                candidate: candidate as u16,
                inflection,
            };
            forms.push(Form {
                text,
                case: derived_case(entry),
                payload: (d.entry, target),
            });
        }
    }
    forms
}

/// How the words of a derived rendering must be cased. Spinners do not keep capitals
/// ("versatile instructive framework" for "Adaptive Educational System"), so terms match in
/// any case; a garbled institution keeps its capitals ("Ministry of Public Safety"), and a
/// lowercase "section of the Treasury" is not the Department of the Treasury.
fn derived_case(entry: &Entry) -> CaseRule {
    match entry.kind {
        Kind::Name | Kind::Org => entry.case,
        _ => CaseRule::Ignore,
    }
}

/// Whether an inflection suits the part of speech a term is meant as.
fn fits(pos: Option<Pos>, inflection: Inflection) -> bool {
    !matches!(
        (pos, inflection),
        (Some(Pos::Noun), Inflection::Past | Inflection::Gerund)
            | (
                Some(Pos::Verb),
                Inflection::Possessive | Inflection::PluralPossessive
            )
    )
}

/// Possessive pronouns: "his predecessor" is a person, never a chemical.
const POSSESSIVES: &[&str] = &["his", "her", "their", "my", "your", "our"];

/// Words before a noun, not a verb: "the plan", "its records".
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
    "your", "s", "any", "some", "no", "each", "every", "of",
];
/// Words before a verb: "to arrange", "will schedule", "they arranged".
const VERB_MARKERS: &[&str] = &[
    "to", "will", "would", "can", "could", "should", "may", "might", "must", "did", "does", "do",
    "not", "they", "we", "he", "she", "it", "who", "which", "also", "then",
];

/// Auxiliaries and modals, which follow a subject: "the bill would", "the plan was".
const AUXILIARIES: &[&str] = &[
    "will", "would", "can", "could", "should", "may", "might", "must", "is", "was", "are", "were",
    "has", "had", "have",
];

/// Words after which a word is a verb, not a noun: "to work", "would not work", "they work".
const BEFORE_A_VERB: &[&str] = &[
    "to", "will", "would", "can", "could", "should", "must", "may", "might", "not", "never",
    "they", "we", "i", "you", "he", "she", "who",
];

/// Forms of "be".
const COPULAS: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "am"];

/// Words that start the object of a verb: "arrange two chemicals", "schedule the drug".
const OBJECT_STARTS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
    "your", "some", "any", "all", "both", "more", "most", "several", "many", "new", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds",
];

/// Whether the word after the match starts an object, as after a verb.
fn object_follows(site: &Site) -> bool {
    site.word_after(1).is_some_and(|w| {
        OBJECT_STARTS.contains(&w.to_lowercase().as_str())
            || w.starts_with(|c: char| c.is_ascii_digit())
    })
}

/// How the word before the match fits the part of speech the term is meant as: `None` when
/// it rules the reading out, else a factor (a verb marker before a verb-meant term helps).
fn grammar_factor(site: &Site, rendering: &DerivedRendering) -> Option<f32> {
    let previous = site.previous_word().map(str::to_lowercase);
    let previous = previous.as_deref().unwrap_or("");
    // "the first time": a determiner two words back, with a modifier between, starts a
    // noun phrase too.
    let noun_phrase = || {
        site.word_before(2)
            .is_some_and(|w| DETERMINERS.contains(&w.to_lowercase().as_str()))
            && !VERB_MARKERS.contains(&previous)
    };
    // "plan to arrange": a verb taking another verb, not the object a term meant as a
    // verb acts on ("schedule two chemicals"). "to the rules" is an object, though.
    let takes_a_verb = || {
        site.word_after(1)
            .is_some_and(|w| w.eq_ignore_ascii_case("to"))
            && site
                .word_after(2)
                .is_some_and(|w| !DETERMINERS.contains(&w.to_lowercase().as_str()))
    };
    // "One bill would direct...": a word followed by an auxiliary is its subject, a noun.
    let subject = || {
        site.word_after(1)
            .is_some_and(|w| AUXILIARIES.contains(&w.to_lowercase().as_str()))
    };
    match rendering.pos {
        Some(Pos::Verb)
            if DETERMINERS.contains(&previous) || noun_phrase() || takes_a_verb() || subject() =>
        {
            None
        }
        Some(Pos::Verb) if VERB_MARKERS.contains(&previous) => Some(VERB_FRAME),
        // Neither a verb's marker before it nor an object after it: most likely a noun
        // ("an export control list").
        Some(Pos::Verb) if !object_follows(site) => None,
        Some(Pos::Noun) if BEFORE_A_VERB.contains(&previous) => None,
        // "Governments that are party to the treaty": a singular noun right after a form of
        // "be", with no determiner, is a predicate ("is key", "are party to"), not the term,
        // whose determiner a paraphraser keeps ("the commission" -> "the party").
        Some(Pos::Noun)
            if COPULAS.contains(&previous)
                && site.matched().eq_ignore_ascii_case(&rendering.form) =>
        {
            None
        }
        _ => Some(1.0),
    }
}

/// How much the surroundings of a match support reading it as a spin of the term. The
/// words of the term's note and sense are the evidence; other glossary terms nearby only say
/// the text is on the glossary's subject, which on-beat news always is, so they count less.
fn context_factor(site: &Site, rendering: &DerivedRendering) -> (f32, String) {
    let sentence = site.sentence_window();
    if site.entry.note.is_none()
        && let Some(body) = named_body_in(site, sentence)
    {
        return (1.0, format!("the sentence names '{body}'"));
    }
    // Bound by the glossary's subject alone: its terms are what the sentence must be about.
    if by_subject(site, rendering) {
        return match subject_terms_in(site, sentence).as_slice() {
            [a, b, ..] => (1.0, format!("the sentence mentions '{a}' and '{b}'")),
            [a, ..] => (0.65, format!("the sentence mentions '{a}'")),
            [] => (
                0.3,
                "nothing nearby is about the glossary's subject".to_string(),
            ),
        };
    }
    let cues = cues_in(site, sentence);
    let domain = site.domain_term_in(sentence);
    // One generic word of a note ("place", "control") turns up anywhere; two, or one with
    // another glossary term, say the sentence is about the term's subject.
    match (cues.as_slice(), domain) {
        ([a, b, ..], _) => return (1.0, format!("the sentence mentions '{a}' and '{b}'")),
        ([a], Some(term)) => {
            return (
                1.0,
                format!("the sentence mentions '{a}' and '{term}' from the glossary"),
            );
        }
        ([a], None) => return (0.65, format!("the sentence mentions '{a}'")),
        ([], Some(term)) => {
            // A synonym from another sense with nothing of that sense around ("sulfuric acid"
            // among tariffs and officials, no chemistry) is out of place.
            return match out_of_place(site, rendering) {
                Some(own) => (
                    0.65,
                    format!("'{term}' from the glossary is near and nothing is about {own}"),
                ),
                None => (0.5, format!("'{term}' from the glossary is near")),
            };
        }
        ([], None) => {}
    }
    let paragraph = site.paragraph();
    match site.sense_cues_in(paragraph).as_slice() {
        [a, b, ..] => (0.7, format!("the paragraph mentions '{a}' and '{b}'")),
        [a] => (0.5, format!("the paragraph mentions '{a}'")),
        [] => (
            0.3,
            "nothing nearby is about the term's subject".to_string(),
        ),
    }
}

/// The distinct cue words of the term's sense inside `window`, and the terms this text puts
/// right next to the term elsewhere (its companions: "fentanyl" of "fentanyl precursors").
fn cues_in<'s>(site: &'s Site, window: Span) -> Vec<&'s str> {
    let mut cues = site.sense_cues_in(window);
    for companion in companions_in(site, window) {
        if !cues.iter().any(|c| c.eq_ignore_ascii_case(companion)) {
            cues.push(companion);
        }
    }
    cues
}

/// How many words on each side count as right next to a match.
const ADJACENT_WORDS: usize = 3;
/// A cue word right next to a match (its object: "arrange two precursor
/// chemicals") binds its sense more than one anywhere in the sentence.
const ADJACENT_BOOST: f32 = 1.2;

/// A cue word of the term's sense right next to the match. (Other glossary terms do not
/// count here: a large glossary has one next to almost every word.)
fn adjacent_evidence<'s>(site: &'s Site) -> Option<&'s str> {
    let close = site.close_by(ADJACENT_WORDS);
    site.sense_cues_in(close)
        .first()
        .copied()
        .or_else(|| companions_in(site, close).first().copied())
}

/// The entries whose terms stand right next to the entry's own term somewhere in the text
/// ("fentanyl precursors", "precursors for the fentanyl trade"): the words this text puts
/// with the term. Next to a synonym of the term they bind it to the term's sense ("fentanyl
/// and its pioneers"), whatever the note says, or with no note at all. People are left out:
/// what is said of them is no subject.
fn companions<'s>(site: &Site<'s>) -> &'s [usize] {
    site.companions
        .get_or_init(site.entry_index, || find_companions(site))
}

/// [`companions`], worked out once per entry and text.
fn find_companions(site: &Site) -> Vec<usize> {
    let own = site.entry_index;
    let mut out = Vec::new();
    let terms = site.terms;
    for &(at, _) in terms.iter().filter(|(_, e)| *e == own) {
        let near = crate::check::context::around(site.text, at, ADJACENT_WORDS);
        let from = terms.partition_point(|(s, _)| s.start < near.start);
        for &(span, entry) in terms[from..].iter().take_while(|(s, _)| s.end <= near.end) {
            let other = &site.glossary.entries[entry];
            // A glossary may list a function word ("and"), which stands next to anything.
            let says_nothing = crate::text::words::tokens(&other.term)
                .all(|(_, w)| crate::text::words::is_stopword(&w.to_lowercase()));
            if entry != own
                && !span.overlaps(at)
                && other.kind != Kind::Name
                && !says_nothing
                && !out.contains(&entry)
            {
                out.push(entry);
            }
        }
    }
    out
}

/// The occurrences inside `window` (other than the match) of terms that stand next to the
/// entry's own term elsewhere in the text, one per entry.
fn companions_in<'s>(site: &'s Site, window: Span) -> Vec<&'s str> {
    let companions = companions(site);
    if companions.is_empty() {
        return Vec::new();
    }
    let terms = site.terms;
    let from = terms.partition_point(|(s, _)| s.start < window.start);
    let mut seen = Vec::new();
    terms[from..]
        .iter()
        .take_while(|(s, _)| s.end <= window.end)
        .filter(|(s, e)| !s.overlaps(site.span) && companions.contains(e))
        .filter(|(_, e)| {
            let fresh = !seen.contains(e);
            seen.push(*e);
            fresh
        })
        .map(|(s, _)| &site.text[s.start..s.end])
        .collect()
}

/// For a synonym taken from another sense of the term: that sense's description ("a highly
/// corrosive acid...") when none of its words occurs in the paragraph.
fn out_of_place(site: &Site, rendering: &DerivedRendering) -> Option<String> {
    let lexicon = site.lexicon;
    let [sub] = rendering.substitutions.as_slice() else {
        return None;
    };
    let synset = lexicon.wordnet().synset(sub.evidence.own_sense?);
    let paragraph = site.paragraph();
    let around: std::collections::HashSet<String> =
        crate::text::words::tokens(&site.text[paragraph.start..paragraph.end])
            .map(|(_, w)| w.to_lowercase())
            .collect();
    let own_words: Vec<String> = crate::text::words::tokens(synset.gloss)
        .map(|(_, w)| w.to_lowercase())
        .filter(|w| w.len() >= 4 && !crate::text::words::is_stopword(w))
        .collect();
    let matched = site.matched().to_lowercase();
    let present = own_words.iter().any(|w| {
        !matched.contains(w.as_str())
            && around
                .iter()
                .any(|a| a.starts_with(w.as_str()) || w.starts_with(a.as_str()) && a.len() >= 5)
    });
    (!own_words.is_empty() && !present).then(|| format!("'{}'", synset.gloss))
}

/// A synonym put for a single-word term is how people write, on any subject: on-topic
/// sentences ("officials", "drugs") are no evidence against "the panel", "a delegation", "at
/// one point". What binds a word to the term's sense is evidence about the word itself: a
/// known spin, a cue word right next to it, or the very thing the term's note names nearby
/// ("a member of the committee" after "the UN Commission on Narcotic Drugs", whose note names
/// it). For an everyday word (SCOWL level 10) only an institution or person the note names,
/// in the same sentences, counts; for others, any glossary term the note names in the
/// paragraph, or, for a phrase from another sense, nothing of that sense around ("special
/// sulfuric acid" among tariffs).
fn bound_to_sense(site: &Site, rendering: &DerivedRendering) -> bool {
    let spun = rendering
        .substitutions
        .iter()
        .any(|s| s.evidence.spin_count > 0);
    if spun || adjacent_evidence(site).is_some() {
        return true;
    }
    if rendering
        .substitutions
        .iter()
        .any(|s| derive::is_everyday(site.lexicon, &s.to))
    {
        site.note_names_a_term_in(site.sentence_window(), true)
            .is_some()
    } else {
        site.note_names_a_term_in(site.paragraph(), false).is_some()
            || cues_in(site, site.sentence_window()).len() >= 2
            || site.matched().contains(' ') && out_of_place(site, rendering).is_some()
    }
}

/// For a word right after "the": an institution of the glossary inside `window` whose name
/// holds the entry's term ("the Commission on Narcotic Drugs ... a member of the committee"
/// for "commission"). A paraphraser keeps the determiner of "the commission" that refers
/// back to the body; with no note, the glossary's own names say which body the term is.
fn named_body_in<'s>(site: &'s Site, window: Span) -> Option<&'s str> {
    let the = site
        .previous_word()
        .is_some_and(|w| w.eq_ignore_ascii_case("the"));
    let term = site.entry.term.to_lowercase();
    if !the || term.contains([' ', '-']) {
        return None;
    }
    let names = |name: &str| {
        crate::text::words::tokens(name).any(|(_, w)| {
            let w = w.to_lowercase();
            w == term || w.strip_suffix('s') == Some(term.as_str())
        })
    };
    let from = site.terms.partition_point(|(s, _)| s.start < window.start);
    site.terms[from..]
        .iter()
        .take_while(|(s, _)| s.end <= window.end)
        .find(|(s, e)| {
            let body = &site.glossary.entries[*e];
            !s.overlaps(site.span) && body.kind == Kind::Org && names(&body.term)
        })
        .map(|(s, _)| &site.text[s.start..s.end])
}

/// What a verb's marker before a verb-meant word adds ("to arrange").
const VERB_FRAME: f32 = 1.25;

/// Whether a rendering is of an entry bound by the glossary's subject alone: a single word
/// with no note whose sense WordNet lacks, so no part of speech is known either.
fn by_subject(site: &Site, rendering: &DerivedRendering) -> bool {
    let entry = site.entry;
    entry.note.is_none()
        && entry.context.is_empty()
        && rendering.pos.is_none()
        && !rendering.correction.contains([' ', '-'])
}

/// The glossary's subject terms (not names or institutions) inside `window`, other than the
/// match and the entry's own term, one per entry.
fn subject_terms_in<'s>(site: &'s Site, window: Span) -> Vec<&'s str> {
    let from = site.terms.partition_point(|(s, _)| s.start < window.start);
    let mut seen = Vec::new();
    site.terms[from..]
        .iter()
        .take_while(|(s, _)| s.end <= window.end)
        .filter(|(s, e)| {
            let kind = site.glossary.entries[*e].kind;
            let fresh = !seen.contains(e);
            seen.push(*e);
            fresh
                && *e != site.entry_index
                && !s.overlaps(site.span)
                && matches!(kind, Kind::Term | Kind::Phrase | Kind::Chem)
        })
        .map(|(s, _)| &site.text[s.start..s.end])
        .collect()
}

/// The glossary's subject term that is the object of the match read as a verb (a verb's
/// marker before it, the opening of an object after it, the term within three words).
fn subject_object<'s>(site: &'s Site) -> Option<&'s str> {
    let previous = site.previous_word().map(str::to_lowercase);
    if !previous.is_some_and(|p| VERB_MARKERS.contains(&p.as_str())) || !object_follows(site) {
        return None;
    }
    let after = Span::new(site.span.end, site.close_by(ADJACENT_WORDS).end);
    subject_terms_in(site, after).first().copied()
}

/// For an entry with no note: what in the text binds a word to the term. A term the text
/// puts right next to the term elsewhere (a companion) right next to the word, or in its
/// paragraph unless the word is an everyday one; for a phrase from another sense, nothing
/// of that sense around. (The glossary's words are no evidence here: a large glossary has
/// one next to almost every word.)
fn bound_by_text(site: &Site, rendering: &DerivedRendering) -> bool {
    if !companions_in(site, site.close_by(ADJACENT_WORDS)).is_empty() {
        return true;
    }
    if named_body_in(site, site.sentence_window()).is_some() {
        return true;
    }
    let everyday =
        (rendering.substitutions.iter()).any(|s| derive::is_everyday(site.lexicon, &s.to));
    (!everyday && !companions_in(site, site.paragraph()).is_empty())
        || site.matched().contains(' ') && out_of_place(site, rendering).is_some()
}

/// The most an unbound single-word rendering gets: below the default threshold, so it is
/// reported only when paraphrasers' consistency lifts it (the same words reported elsewhere)
/// or at a lower `--min-confidence`.
const UNBOUND_CAP: f32 = 0.45;

/// The SCOWL level of the most common replacement word (10 = most common).
fn replaced_level(lexicon: &Lexicon, rendering: &DerivedRendering) -> Option<u8> {
    rendering
        .substitutions
        .iter()
        .filter_map(|s| lexicon.words().level(&s.to.to_lowercase()))
        .min()
}

/// Very common words are more often meant as themselves.
fn commonness_factor(lexicon: &Lexicon, rendering: &DerivedRendering) -> f32 {
    match replaced_level(lexicon, rendering) {
        Some(l) if l <= 10 => 0.8,
        Some(l) if l <= 20 => 0.9,
        _ => 1.0,
    }
}

/// A phrase the thesauri list as a unit ("tall order", "directed study") is a fixed
/// expression of English, meant as itself, however its words relate to those of a phrase
/// in the glossary. (A single word's synonym may well be a phrase: "sulfuric acid".)
fn is_fixed_expression(lexicon: &Lexicon, matched: &str) -> bool {
    let lower = matched.to_lowercase().replace('-', " ");
    lower.contains(' ')
        && (lexicon.wordnet().contains(&lower) || lexicon.moby().id(&lower).is_some())
}

/// How many words a fixed expression around a single-word rendering may have.
const LONGEST_EXPRESSION: usize = 4;

/// Whether a single-word rendering is part of a phrase, with the words around it, that the
/// thesauri list as a unit ("task forces", "arms control", "from time to time"): a word
/// inside a fixed expression of English is part of it, not a stand-in for a term.
fn in_fixed_expression(site: &Site, rendering: &DerivedRendering) -> bool {
    if rendering.correction.contains([' ', '-']) {
        return false;
    }
    let lexicon = site.lexicon;
    let listed = |phrase: &str| {
        let singular = phrase
            .strip_suffix("es")
            .filter(|p| p.ends_with(['s', 'x', 'h']))
            .or_else(|| phrase.strip_suffix('s'));
        std::iter::once(phrase)
            .chain(singular)
            .any(|p| lexicon.wordnet().contains(p) || lexicon.moby().id(p).is_some())
    };
    let reach = LONGEST_EXPRESSION - 1;
    let mut before: Vec<String> = (1..=reach)
        .map_while(|n| site.word_before(n).map(str::to_lowercase))
        .collect();
    before.reverse();
    let after: Vec<String> = (1..=reach)
        .map_while(|n| site.word_after(n).map(str::to_lowercase))
        .collect();
    let words: Vec<&str> = (before.iter().map(String::as_str))
        .chain(std::iter::once(site.matched()))
        .chain(after.iter().map(String::as_str))
        .collect();
    let at = before.len();
    (0..=at).any(|start| {
        (at + 1..=words.len())
            .filter(|end| (2..=LONGEST_EXPRESSION).contains(&(end - start)))
            .any(|end| listed(&words[start..end].join(" ").to_lowercase()))
    })
}

/// How much a word of the term left in place adds to a phrase rendering's confidence.
const KEPT_WORD_BOOST: f32 = 1.25;
/// Derived renderings are educated guesses: never certain.
const MAX_DERIVED_CONFIDENCE: f32 = 0.97;

/// SCOWL levels up to this are the everyday words of English.
const EVERYDAY_LEVEL: u8 = 20;

/// Two neighbouring content words of a rendering, one of them put in by the rendering, that
/// English puts together all the time ("real issues" for "physical tasks", "health care
/// system" for "decision support system"): the phrase is meant as itself. Paraphrasers make
/// odd pairs ("bosom peril", "wholly associated layer"), so this rarely hides a spin. Pairs of
/// the term's own words ("support system") and pairs inside one multi-word replacement
/// ("getting to know" for "learning") say nothing about that.
fn has_ordinary_pair(
    lexicon: &Lexicon,
    matched: &str,
    term: &str,
    rendering: &DerivedRendering,
) -> bool {
    let lower = |text: &str| -> Vec<String> {
        crate::text::words::tokens(text)
            .map(|(_, w)| w.to_lowercase())
            .collect()
    };
    let words = lower(matched);
    let own_words = lower(term);
    // The term's own word, maybe inflected ("systems" for "system").
    let own = |w: &str| {
        own_words.iter().any(|t| {
            w.strip_prefix(t.as_str())
                .is_some_and(|rest| rest.len() <= 3)
        })
    };
    let within_one_replacement = |a: &str, b: &str| {
        rendering.substitutions.iter().any(|s| {
            lower(&s.to)
                .windows(2)
                .any(|pair| pair[0] == a && pair[1] == b)
        })
    };
    // A rare word put in is a paraphraser's mark even in a common pair: "first semester"
    // is good English, but "semester" for "term" is a tool's choice.
    let everyday = |w: &str| {
        lexicon
            .words()
            .level(w)
            .is_some_and(|l| l <= EVERYDAY_LEVEL)
    };
    words.windows(2).any(|pair| {
        let (a, b) = (pair[0].as_str(), pair[1].as_str());
        // A function word, or two of the term's own words, say nothing.
        let uninformative = crate::text::words::is_stopword(a)
            || crate::text::words::is_stopword(b)
            || own(a) && own(b);
        !uninformative
            && (own(a) || everyday(a))
            && (own(b) || everyday(b))
            && !within_one_replacement(a, b)
            && lexicon.bigrams().count(a, b).is_some()
    })
}

/// A word put in with a capital, in a rendering of a lowercase term, marks a name or a
/// title: "the colon Vim moves the cursor" is about the editor, not "energy transfers". A
/// term's first capital counts as lowercase when it is an ordinary word ("Energy transfers"
/// is sentence case; "Golgi apparatus" and "K-means" are not), and a sentence may start with
/// a capital.
fn capitalised_unlike_the_term(site: &Site) -> bool {
    let lexicon = site.lexicon;
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // Most matches have no capital at all: nothing to look up.
    if !crate::text::words::tokens(site.matched()).any(|(_, w)| capital(w)) {
        return false;
    }
    let term_words: Vec<(usize, &str)> = crate::text::words::tokens(&site.entry.term)
        .map(|(span, w)| (span.start, w))
        .collect();
    let significant_capitals = term_words.iter().any(|&(at, w)| {
        capital(w)
            && (at > 0
                || w.chars().count() == 1
                || lexicon.words().level(&w.to_lowercase()).is_none())
    });
    if significant_capitals {
        return false;
    }
    let own: Vec<String> = term_words.iter().map(|(_, w)| w.to_lowercase()).collect();
    let starts_sentence = site.starts_sentence();
    crate::text::words::tokens(site.matched()).any(|(span, w)| {
        capital(w) && !(span.start == 0 && starts_sentence) && !own.contains(&w.to_lowercase())
    })
}

/// Judges a derived rendering found in the text: whether it is reported, how sure, and why.
pub fn judge(site: &Site, rendering: &DerivedRendering) -> Option<Finding> {
    let (entry, lexicon) = (site.entry, site.lexicon);
    // The form derived from, not the entry's term: "precursor" of "precursor chemical".
    if rendering.correction.contains([' ', '-'])
        && (is_fixed_expression(lexicon, site.matched())
            || has_ordinary_pair(lexicon, site.matched(), &entry.term, rendering))
    {
        return None;
    }
    if capitalised_unlike_the_term(site) || in_fixed_expression(site, rendering) {
        return None;
    }
    // The entry's own context cues bind derived renderings as they bind listed variants.
    if !entry.context.is_empty() && site.cue().is_none() {
        return None;
    }
    let mut confidence = rendering.prior;
    let mut why = Vec::new();
    let mut weighed = Vec::new();
    if !rendering.needs_context {
        confidence = tool_marks(site.lexicon, confidence, rendering, &mut weighed);
    }
    if rendering.needs_context {
        confidence = weigh_context(site, rendering, confidence, &mut why, &mut weighed)?;
    }
    let substitutions: Vec<String> = rendering.substitutions.iter().map(substitution).collect();
    let mut evidence: Vec<Evidence> = (rendering.substitutions.iter())
        .zip(&substitutions)
        .map(|(s, says)| Evidence::new("lexicon", s.prior, says.clone()))
        .collect();
    let prior = "the prior of the rendering, from those of its swapped words";
    evidence.push(Evidence::new("prior", rendering.prior, prior));
    evidence.append(&mut weighed);
    let mut message = format!(
        "'{}' may be a paraphraser's rendering of '{}' ({}): {}",
        site.matched(),
        entry.term,
        entry.origin,
        substitutions.join("; ")
    );
    if !why.is_empty() {
        message.push_str(&format!("; {}", why.join(", ")));
    }
    let mut finding = Finding::about(
        rule::DERIVED,
        site.span,
        entry,
        Severity::Warning,
        confidence,
        message,
    );
    finding.evidence = evidence;
    Some(finding)
}

/// The confidence of a rendering that needs context (a single word, or an everyday phrase),
/// weighed by the words around it; `None` when they rule the reading out. The reasons go to
/// `why` (the message) and `evidence`.
fn weigh_context(
    site: &Site,
    rendering: &DerivedRendering,
    mut confidence: f32,
    why: &mut Vec<String>,
    evidence: &mut Vec<Evidence>,
) -> Option<f32> {
    let entry = site.entry;
    let previous = site.previous_word().map(str::to_lowercase);
    if previous.is_some_and(|p| POSSESSIVES.contains(&p.as_str())) || site.said_of_a_person() {
        return None;
    }
    let capitalised = site
        .matched()
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
        && !entry.term.chars().next().is_some_and(char::is_uppercase);
    if capitalised && !site.starts_sentence() {
        return None; // "Pioneer" mid-sentence is a name, not a spun word
    }
    let single = !rendering.correction.contains([' ', '-']);
    if single && linked_only_as_another_part_of_speech(site.lexicon, rendering) {
        return None;
    }
    // With no note or cues, the glossary's domain picked the sense (or says only what the
    // glossary is about), and only the text can bind a synonym to the term. (A large
    // glossary's domain holds every subject; known spins are everywhere.)
    let by_domain_only = entry.note.is_none() && entry.context.is_empty();
    // An entry whose sense WordNet lacks (no note, so no part of speech either) is bound
    // only where the text shows the word acting on a thing of the glossary's subject, as a
    // verb with its object: "to arrange two precursor chemicals", not "an export control
    // list" or "the commission's agenda".
    let subject_only = by_subject(site, rendering);
    let object = subject_only.then(|| subject_object(site)).flatten();
    if subject_only && object.is_none() {
        return None;
    }
    let bound = match by_domain_only {
        true => subject_only || bound_by_text(site, rendering),
        false => bound_to_sense(site, rendering),
    };
    if single && !bound {
        confidence = confidence.min(UNBOUND_CAP);
        let says = "nothing binds the word itself to the term's sense";
        why.push(says.to_string());
        evidence.push(Evidence::new("unbound", UNBOUND_CAP, says));
    }
    let grammar = match subject_only {
        true => VERB_FRAME,
        false => grammar_factor(site, rendering)?,
    };
    let (factor, reason) = context_factor(site, rendering);
    let commonness = commonness_factor(site.lexicon, rendering);
    confidence *= factor * grammar * commonness;
    if grammar != 1.0 {
        evidence.push(Evidence::new(
            "grammar",
            grammar,
            "a verb's marker before a verb",
        ));
    }
    evidence.push(Evidence::new("context", factor, reason.clone()));
    if commonness != 1.0 {
        let says = "a very common word is more often meant as itself";
        evidence.push(Evidence::new("commonness", commonness, says));
    }
    why.push(reason);
    let next_to = match subject_only {
        true => object,
        false => adjacent_evidence(site),
    };
    if let Some(next_to) = next_to {
        confidence *= ADJACENT_BOOST;
        let says = format!("'{next_to}' stands right next to it");
        evidence.push(Evidence::new("context", ADJACENT_BOOST, says.clone()));
        why.push(says);
    }
    Some(confidence)
}

/// Whether the rendering's only tie to the term is a WordNet synonym in a sense of another
/// part of speech than the term is meant as ("pressure" for the noun "blackmail", synonyms
/// only as verbs: "exert pressure on someone through threats"): as the part of speech the
/// term is meant as, the word is no synonym of it.
fn linked_only_as_another_part_of_speech(lexicon: &Lexicon, rendering: &DerivedRendering) -> bool {
    let (Some(pos), [sub]) = (rendering.pos, rendering.substitutions.as_slice()) else {
        return false;
    };
    let e = &sub.evidence;
    let only_wordnet = e.spin_count == 0 && !e.moby && !e.moby_mutual && e.two_steps.is_none();
    only_wordnet
        && e.own_sense
            .is_some_and(|id| lexicon.wordnet().synset(id).pos != pos)
}

/// One replaced word and what the lexicon says of it.
fn substitution(s: &derive::Substitution) -> String {
    format!("'{}' for '{}': {}", s.to, s.from, s.evidence.describe())
}

/// The confidence of a rendering that needs no context, after the marks of a tool it bears;
/// each mark is added to `evidence`.
fn tool_marks(
    lexicon: &Lexicon,
    confidence: f32,
    rendering: &DerivedRendering,
    evidence: &mut Vec<Evidence>,
) -> f32 {
    // Paraphrasing tools reach for rare words ("bosom cancer"); swapping in common ones
    // is how people paraphrase ("illegal drugs" for "illicit drugs"). One rare word
    // among the replacements is the tool's mark; several replaced words are more
    // evidence of a tool, not less.
    let rarity = rendering
        .substitutions
        .iter()
        .map(|sub| derive::rarity_weight(lexicon, &sub.to))
        .reduce(f32::max)
        .unwrap_or(1.0);
    let confidence = confidence * rarity;
    if rarity != 1.0 {
        evidence.push(Evidence::new(
            "rarity",
            rarity,
            "paraphrasing tools reach for rare words",
        ));
    }
    // A phrase that keeps a word of the term stands where the term would: the kept
    // word is context for the swapped one ("carbon impression", "Golgi contraption").
    // Not when the word put in is an everyday one ("combined tariffs" for "reciprocal
    // tariffs", "acceptance rate" for "recognition rate"): that is how people write
    // about the subject.
    let everyday = replaced_level(lexicon, rendering).is_some_and(|l| l <= EVERYDAY_LEVEL);
    if rendering.keeps_term_word && !everyday {
        evidence.push(Evidence::new(
            "kept-word",
            KEPT_WORD_BOOST,
            "a word of the term is kept around the swapped one",
        ));
        return (confidence * KEPT_WORD_BOOST).min(MAX_DERIVED_CONFIDENCE);
    }
    confidence
}

#[cfg(test)]
mod tests {
    use crate::check::finding::rule;
    use crate::checker::{CheckOptions, Checker};
    use crate::glossary::Glossary;
    use crate::rules::RuleSelection;

    fn check(glossary: &str, text: &str) -> Vec<(String, String)> {
        let options = CheckOptions {
            rules: RuleSelection::default().ignoring(&[rule::NEAR_MISS, rule::DOUBLED_WORD]),
            ..CheckOptions::default()
        };
        let checker = Checker::with_lexicon(
            Glossary::parse("g.tsv", glossary).unwrap(),
            options,
            std::sync::Arc::clone(crate::lexicon::tests::embedded()),
        );
        crate::checker::flagged(&checker, text)
    }

    const PRECURSOR: &str =
        "term\tnote\nprecursor\tchemical substance from which a drug such as fentanyl is made\n";

    #[test]
    fn fixes_an_other_sense_synonym_among_chemistry_words() {
        let text =
            "These chemicals are controlled as drugs. China must regulate these predecessors.";
        assert_eq!(
            check(PRECURSOR, text),
            [("predecessors".to_string(), "precursors".to_string())]
        );
    }

    #[test]
    fn does_not_flag_the_person_sense() {
        let text = "Fentanyl chemicals and drugs were discussed. Trump differs from his predecessor, Joe Biden.";
        assert!(check(PRECURSOR, text).is_empty());
    }

    #[test]
    fn does_not_flag_a_synonym_without_context() {
        assert!(
            check(
                PRECURSOR,
                "The harbinger of spring arrived early this year."
            )
            .is_empty()
        );
    }

    #[test]
    fn fixes_a_spun_phrase_of_a_bare_term() {
        let found = check(
            "term\nbreast cancer\n",
            "Women with bosom cancer were studied.",
        );
        assert_eq!(
            found,
            [("bosom cancer".to_string(), "breast cancer".to_string())]
        );
    }

    #[test]
    fn does_not_flag_everyday_phrases_made_from_a_term() {
        let glossary = "term\tnote\nfirst term\ta president's first period in office\n";
        assert!(check(glossary, "On the first day of school she met her teacher.").is_empty());
    }

    #[test]
    fn generic_words_of_a_term_are_swapped_too() {
        let glossary = "term\tkind\ntype I error\tterm\n";
        let found = check(glossary, "The test keeps the kind I blunder low.");
        assert_eq!(
            found,
            vec![("kind I blunder".to_string(), "type I error".to_string())]
        );
    }

    #[test]
    fn an_everyday_word_does_not_stand_in_for_a_word_of_the_term() {
        // "low" is two thesaurus steps from "acoustic", as the commonest words are from
        // almost anything.
        let glossary = "term\tkind\nacoustic signal features\tterm\n";
        let text = "Recordings with low signal quality were removed.";
        assert!(check(glossary, text).is_empty());
    }

    #[test]
    fn a_bare_noun_after_a_form_of_be_is_a_predicate() {
        let glossary = "term\tkind\tnote\n\
            commission\tterm\tan official body such as the UN Commission on Narcotic Drugs\n\
            Commission on Narcotic Drugs\torg\tUN body that schedules drugs\n";
        let text = "The UN Commission on Narcotic Drugs agreed to add the chemicals to the \
                    strictest category of the drug convention. Governments that are party to \
                    the treaty will be required to monitor trade in the substances.";
        assert!(check(glossary, text).is_empty());
        // With its determiner, the word stands where the term would.
        let spun = text.replace("that are party to the treaty", "on the party");
        assert_eq!(check(glossary, &spun).len(), 1, "{spun}");
    }

    #[test]
    fn a_capitalised_word_put_in_mid_sentence_is_a_name() {
        let glossary = "term\tkind\nEnergy transfers\tterm\nGolgi apparatus\tterm\n";
        let text = "When you type a colon Vim moves the cursor down.";
        assert!(check(glossary, text).is_empty());
        // The term's own capitals are no sign of a name.
        assert_eq!(
            check(glossary, "We stained the Golgi contraption of each cell."),
            vec![(
                "Golgi contraption".to_string(),
                "Golgi apparatus".to_string()
            )]
        );
    }

    #[test]
    fn an_opposite_is_a_contrast_not_a_spin() {
        let glossary = "term\tkind\nlow-resource language\tterm\n";
        let text = "Transfer from high-resource languages helps low-resource ones.";
        assert!(check(glossary, text).is_empty());
    }

    #[test]
    fn phrases_english_uses_all_the_time_are_meant_as_themselves() {
        // "real" and "issues" are synonyms of "physical" and "tasks", but "real issues" is
        // one of the common word pairs of English.
        let glossary = "term\nphysical tasks\n";
        assert!(check(glossary, "They discussed real issues at length.").is_empty());
        // A rare word put in is still a paraphraser's mark, common pair or not.
        let glossary = "term\tnote\nfirst term\ta president's first period in office\n";
        assert_eq!(
            check(
                glossary,
                "During the president's first semester in office, little changed."
            ),
            [("first semester".to_string(), "first term".to_string())]
        );
    }

    const PRECURSOR_AND_NAMES: &str = "term\tkind\tnote\n\
        precursor\tterm\tchemical substance from which a drug such as fentanyl is made\n\
        Trump\tname\tDonald Trump, US president\n\
        Biden\tname\tJoe Biden, US president\n\
        Drug Enforcement Administration\torg\tUS federal drug police\n";

    #[test]
    fn a_word_said_of_a_named_person_is_meant_for_people() {
        for text in [
            "Fentanyl chemicals were discussed. An official who served under Trump's predecessor was there.",
            "Fentanyl chemicals were discussed. Trump differs from the predecessor, Joe Biden, on drugs.",
        ] {
            assert!(check(PRECURSOR_AND_NAMES, text).is_empty(), "{text}");
        }
        // The same word among chemicals, said of no one, is still a spin.
        assert_eq!(
            check(
                PRECURSOR_AND_NAMES,
                "Fentanyl chemicals are drugs. China must regulate these predecessors."
            ),
            [("predecessors".to_string(), "precursors".to_string())]
        );
    }

    #[test]
    fn words_of_an_institution_name_are_not_talk_about_the_subject() {
        // "Drug" of the note stands in the text only inside the agency's name.
        let text = "The Drug Enforcement Administration named a pioneer of the online trade.";
        assert!(check(PRECURSOR_AND_NAMES, text).is_empty());
    }

    const COMMISSION: &str = "term\tkind\tnote\n\
        commission\tterm\tan official body such as the UN Commission on Narcotic Drugs\n\
        Commission on Narcotic Drugs\torg\tUN body that schedules drugs\n";

    #[test]
    fn a_single_word_is_bound_to_the_sense_by_what_the_note_names() {
        let text = "Chemicals were placed under control by the Commission on Narcotic Drugs. \
                    China is a member of the committee.";
        assert_eq!(
            check(COMMISSION, text),
            [("committee".to_string(), "commission".to_string())]
        );
        // On-topic words around a synonym do not make it a spin: a note word and a glossary
        // term in the sentence, a note word inside a name the glossary does not list.
        let glossary = format!("{COMMISSION}tariffs\tterm\tduties on imports\n");
        for text in [
            "Officials from several countries spoke about tariffs before the panel.",
            "An official of the Bureau of International Narcotics Affairs spoke about tariffs before the panel.",
        ] {
            assert!(check(&glossary, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_verb_meant_term_is_not_found_in_a_subject() {
        let glossary = "term\tnote\nschedule\tto place a drug or chemical under legal control\n";
        let text =
            "Lawmakers proposed rules for drug chemicals. One bill would sanction the sellers.";
        assert!(check(glossary, text).is_empty());
    }

    #[test]
    fn a_kept_word_of_the_term_is_context_for_an_uncommon_swap() {
        // "armament" is only a loose (Moby) synonym of "apparatus"; "Golgi" left in place
        // says the phrase stands where the term would.
        let glossary = "term\nGolgi apparatus\nreciprocal tariffs\n";
        assert_eq!(
            check(glossary, "The Golgi armament sorts proteins."),
            [("Golgi armament".to_string(), "Golgi apparatus".to_string())]
        );
        // An everyday word put in is how people write about the subject.
        assert!(check(glossary, "The combined tariffs hurt farmers.").is_empty());
    }

    #[test]
    fn terms_sharing_a_word_share_its_candidates() {
        // "cancer" ends both terms: its candidates are indexed once, found for each.
        let found = check(
            "term\nbreast cancer\nskin cancer\n",
            "Bosom peril and skin peril were studied.",
        );
        assert_eq!(
            found,
            [
                ("Bosom peril".to_string(), "Breast cancer".to_string()),
                ("skin peril".to_string(), "skin cancer".to_string()),
            ]
        );
    }

    #[test]
    fn single_words_without_a_note_are_not_derived() {
        // Known spun phrases put "result" for "classification"; without a note saying which
        // sense is meant, "results" in a paper is just results.
        let text = "Chemical results are compared with drug classifications.";
        assert!(check("term\nclassification\n", text).is_empty());
        // Nor is a term with one content word ("the publication").
        assert!(check("term\nthe publication\n", "We studied the propagation.").is_empty());
    }

    #[test]
    fn curated_single_word_entries_are_not_derived() {
        let glossary = "term\tvariants\tnote\nprecursor\tpioneer\tchemical substance from which a drug is made\n";
        let text = "These chemicals are drugs. China must regulate these predecessors.";
        assert!(check(glossary, text).is_empty());
    }

    const SCHEDULE: &str = "term\tnote\nschedule\tto place a drug or chemical under legal control\n\
                            precursor chemicals\tchemicals used to make fentanyl\n";

    #[test]
    fn a_generic_word_of_a_long_note_does_not_pick_the_sense() {
        // "place" is in the note and in "plan the time and place for events", whose synonym
        // "arrange" would then count as a legitimate synonym and never be flagged.
        let text = "China proposed to arrange two precursor chemicals.";
        assert_eq!(
            check(SCHEDULE, text),
            [("arrange".to_string(), "schedule".to_string())]
        );
    }

    #[test]
    fn words_next_to_a_match_are_counted_across_any_characters() {
        // A multi-byte sign glued to the word before once split a character in two.
        let text = "China wants x\u{2192}to arrange two precursor chemicals.";
        assert_eq!(
            check(SCHEDULE, text),
            [("arrange".to_string(), "schedule".to_string())]
        );
    }

    #[test]
    fn a_verb_note_without_to_binds_the_thing_of_the_kind_it_names() {
        // Another desk's note: a gerund entry, no "to", no "chemical" or "fentanyl".
        let glossary = "term\tnote\n\
            scheduling\tplacing a substance under legal control\n\
            precursor chemicals\tchemicals used to make drugs\n";
        let text = "After the tariffs, China proposed to arrange two precursor chemicals.";
        assert_eq!(
            check(glossary, text),
            [("arrange".to_string(), "schedule".to_string())]
        );
        let plain = "After the tariffs, China proposed to arrange two meetings.";
        assert!(check(glossary, plain).is_empty());
    }

    #[test]
    fn a_term_the_text_puts_with_the_term_counts_as_a_cue() {
        // "fentanyl" stands next to "precursors" in the text: beside "drug" of the note it
        // binds "pioneer" to the chemical sense, as two words of the note would.
        let glossary = "term\tkind\tnote\n\
            precursor\tterm\tstarting material a drug is synthesised from\n\
            fentanyl\tchem\tpowerful synthetic painkiller\n";
        let text = "China must stop the flow of fentanyl precursors.\n\n\
            Reporters bought kilograms of pioneer online from sellers of fentanyl who promote the drug trade.";
        assert_eq!(
            check(glossary, text),
            [("pioneer".to_string(), "precursor".to_string())]
        );
    }

    /// A note-less glossary of the seed's beat.
    const NO_NOTES: &str = "term\tkind\nprecursor\tterm\nschedule\tterm\n\
        precursor chemicals\tterm\ncontrolled substances\tterm\nfentanyl\tchem\n\
        drug cartel\tterm\n";

    #[test]
    fn a_term_the_text_puts_with_the_term_binds_a_note_less_synonym_in_its_paragraph() {
        let text = "China must stop the flow of fentanyl precursors to cartels.\n\n\
            Reporters bought kilograms of pioneer online from sellers of fentanyl.";
        assert_eq!(
            check(NO_NOTES, text),
            [("pioneer".to_string(), "precursor".to_string())]
        );
        // Without the term in the text, nothing says what it goes with.
        let alone = "Reporters bought kilograms of pioneer online from sellers of fentanyl.";
        assert!(check(NO_NOTES, alone).is_empty());
    }

    #[test]
    fn a_word_whose_sense_wordnet_lacks_is_bound_where_it_acts_on_the_subject() {
        // No WordNet sense of "schedule" is the drug-control one; the glossary's subject
        // terms as the object of a verb bind a synonym of any of its senses.
        let text =
            "After the tariffs on fentanyl, China proposed to arrange two precursor chemicals.";
        assert_eq!(
            check(NO_NOTES, text),
            [("arrange".to_string(), "schedule".to_string())]
        );
        // Not a noun beside a subject term, nor a verb acting on something else.
        for clean in [
            "The commission's agenda on fentanyl lists precursor chemicals.",
            "Officials will arrange two meetings on fentanyl and precursor chemicals.",
        ] {
            assert!(check(NO_NOTES, clean).is_empty(), "{clean}");
        }
    }

    #[test]
    fn the_word_that_refers_back_to_a_body_named_by_the_term_is_bound() {
        // "the committee" right after "the Commission on Narcotic Drugs": the glossary's own
        // institution says which commission a note-less entry means.
        let glossary = "term\tkind\ncommission\tterm\nCommission on Narcotic Drugs\torg\n\
            Drug Enforcement Administration\torg\nprecursor chemicals\tterm\nfentanyl\tchem\n";
        let text = "The chemicals were put under control by the Commission on Narcotic Drugs. \
            China is a member of the committee.";
        assert_eq!(
            check(glossary, text),
            [("committee".to_string(), "commission".to_string())]
        );
        // Not a committee the text does not refer back to.
        let other = "The chemicals were put under control by the Commission on Narcotic Drugs. \
            China is a member of a trade committee.";
        assert!(check(glossary, other).is_empty());
    }

    #[test]
    fn an_entry_with_a_head_noun_binds_its_core_word_by_the_head() {
        // "precursor chemical": the text says "these chemicals", then "these predecessors".
        let glossary =
            "term\tnote\nprecursor chemical\tused as a starting material to make a drug\n";
        let text = "These chemicals are placed under international control as drug inputs. \
                    China must regulate these predecessors.";
        assert_eq!(
            check(glossary, text),
            [("predecessors".to_string(), "precursors".to_string())]
        );
    }

    #[test]
    fn a_cue_far_from_the_word_is_weaker_than_one_next_to_it() {
        let far = "The precursor chemicals were on the agenda in May, and later China proposed to arrange talks.";
        assert!(check(SCHEDULE, far).is_empty());
    }

    #[test]
    fn a_weak_repeat_of_a_reported_rendering_is_reported_too() {
        let strong = "Chemical pioneers are used to produce fentanyl.";
        let weak = "Drug officials in Beijing said they want more pioneers.";
        assert!(check(PRECURSOR, weak).is_empty());
        let both = check(PRECURSOR, &format!("{strong}\n\n{weak}"));
        assert_eq!(both.len(), 2, "{both:?}");
    }

    #[test]
    fn a_weak_word_next_to_a_garble_of_the_same_subject_is_reported_too() {
        let glossary = format!(
            "{SCHEDULE}precursor\tchemical substance from which a drug such as fentanyl is made\n"
        );
        let strong = "Chemical pioneers are used to produce fentanyl.";
        let weak = "Drug officials raised tariffs to arrange more pioneers.";
        assert!(check(&glossary, weak).iter().all(|(m, _)| m != "arrange"));
        let found = check(&glossary, &format!("{strong}\n\n{weak}"));
        assert!(
            found.contains(&("arrange".to_string(), "schedule".to_string())),
            "{found:?}"
        );
        // The same weak word, with nothing garbled next to it, stays unreported.
        let apart = "Drug officials raised tariffs to arrange more meetings.";
        assert!(
            check(&glossary, &format!("{strong}\n\n{apart}"))
                .iter()
                .all(|(m, _)| m != "arrange")
        );
    }

    #[test]
    fn a_fixed_expression_is_meant_as_itself() {
        // "directed" and "study" are candidates for "supervised" and "training", but
        // "directed study" is a phrase of its own.
        let glossary = "term\nsupervised training\n";
        assert!(check(glossary, "She did a directed study.").is_empty());
        assert_eq!(
            check(glossary, "The directed training was long."),
            [(
                "directed training".to_string(),
                "supervised training".to_string()
            )]
        );
    }

    #[test]
    fn hyphens_join_words_of_terms_and_of_renderings() {
        let glossary = "term\nautonomous vehicles\nheart-related complications\n";
        let text = "Self-ruling vehicles were tested. Some heart-affiliated complications arose.";
        assert_eq!(
            check(glossary, text),
            [
                (
                    "Self-ruling vehicles".to_string(),
                    "Autonomous vehicles".to_string()
                ),
                (
                    "heart-affiliated complications".to_string(),
                    "heart-related complications".to_string()
                ),
            ]
        );
    }

    #[test]
    fn hyphenated_candidates_are_also_found_with_a_space() {
        // Moby lists "well-known" for "famous"; spinners write it either way.
        let glossary = "term\nfamous painter\n";
        for text in [
            "He was a well-known painter.",
            "He was a well known painter.",
        ] {
            let found = check(glossary, text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].1, "famous painter");
        }
    }

    #[test]
    fn a_kept_word_without_candidates_still_anchors_a_rendering() {
        // No thesaurus has a synonym for "psychiatric", but it is the term's own word left
        // in place, so "jumble" need not be a strong synonym of "disorder".
        assert_eq!(
            check(
                "term\npsychiatric disorder\n",
                "He had a psychiatric jumble."
            ),
            [(
                "psychiatric jumble".to_string(),
                "psychiatric disorder".to_string()
            )]
        );
    }

    #[test]
    fn a_verb_meant_term_is_not_found_in_a_noun_phrase() {
        let text = "Deaths from the drug fell for the first time since precursor chemicals came under control.";
        assert!(
            check(SCHEDULE, text).is_empty(),
            "{:?}",
            check(SCHEDULE, text)
        );
    }

    #[test]
    fn a_looser_modifier_may_join_a_known_spin_of_the_head() {
        // "framework" for "system" is a known spin; "master" is only a near-synonym of
        // "expert", which alone would not do when no word of the term is left.
        assert_eq!(
            check("term\nexpert system\n", "They built a master framework."),
            [("master framework".to_string(), "expert system".to_string())]
        );
        // An everyday modifier before it is plain English: "a rough framework for talks".
        assert!(check("term\ncomplex system\n", "They agreed a rough framework.").is_empty());
    }

    #[test]
    fn a_known_spin_of_an_everyday_head_needs_no_context() {
        // "remote" and "detecting" are everyday words, but spun phrases show "detecting" for
        // "sensing".
        assert_eq!(
            check(
                "term\nremote sensing\n",
                "The authors describe remote detecting."
            ),
            [("remote detecting".to_string(), "remote sensing".to_string())]
        );
    }

    #[test]
    fn a_verb_taking_another_verb_is_not_a_verb_meant_term() {
        let text = "Drug officials plan to arrange talks on precursor chemicals.";
        assert!(
            check(SCHEDULE, text).is_empty(),
            "{:?}",
            check(SCHEDULE, text)
        );
    }

    #[test]
    fn a_prefixed_word_is_spun_through_its_stem() {
        // The thesauri list nothing for "nonlinear"; "linear" -> "straight" is a known spin.
        assert_eq!(
            check("term\nnonlinear model\n", "They fit a non-straight model."),
            [(
                "non-straight model".to_string(),
                "nonlinear model".to_string()
            )]
        );
    }

    #[test]
    fn a_rare_looser_head_may_join_known_spins() {
        // "bosom" for "breast" is a known spin; "carcinoma" is only a WordNet relative of
        // "cancer", but no everyday word.
        assert_eq!(
            check(
                "term\nbreast cancer\n",
                "Women with bosom carcinoma were studied."
            ),
            [("bosom carcinoma".to_string(), "breast cancer".to_string())]
        );
    }

    #[test]
    fn a_word_the_note_uses_for_the_term_is_the_writers_own() {
        let glossary = "term\tkind\tnote\n\
            trafficker\tterm\tperson who smuggles or sells illegal drugs\n\
            fentanyl\tchem\tsynthetic opioid\n\
            drug cartel\tterm\tcriminal organization trafficking drugs\n";
        let text = "Reporters bought chemicals online from Chinese sellers who promote the \
            illegal drug trade in fentanyl.";
        assert_eq!(check(glossary, text), vec![]);
        // A synonym the note does not use is still a spin.
        let glossary = glossary.replace("or sells ", "");
        assert_eq!(
            check(&glossary, text),
            vec![("sellers".to_string(), "traffickers".to_string())]
        );
    }

    const MIXED_SUBJECTS: &str = "term\tkind\tnote\n\
        precursor chemicals\tterm\tchemicals used to make fentanyl and other drugs\n\
        fentanyl\tchem\tsynthetic opioid\n\
        illicit drugs\tterm\tillegal narcotics\n\
        export controls\tterm\tgovernment limits on exports\n\
        commit\tterm\trecorded snapshot of changes in version control\n\
        version control\tterm\ttracking changes to source code\n\
        branch\tterm\tindependent line of development in version control\n\
        Commission on Narcotic Drugs\torg\tUN body that schedules drugs\n";

    #[test]
    fn a_word_on_a_text_off_its_terms_subject_is_meant_as_itself() {
        // "commit" is a term of version control: a text about drugs that uses none of that
        // subject's other terms means "place" as itself.
        let text = "The Commission on Narcotic Drugs also voted to place international \
            controls on chemicals used to manufacture illicit fentanyl.";
        assert_eq!(check(MIXED_SUBJECTS, text), vec![]);
    }

    #[test]
    fn a_word_inside_a_fixed_expression_is_part_of_it() {
        let glossary = "term\tkind\tnote\n\
            commission\tterm\tan official body such as the UN Commission on Narcotic Drugs\n\
            fentanyl\tchem\tsynthetic opioid\n\
            Commission on Narcotic Drugs\torg\tUN body that schedules drugs\n";
        let text = "The plan requires joint task forces, fusion cells and other bodies to fight \
            fentanyl trafficking.";
        assert_eq!(check(glossary, text), vec![]);
    }

    #[test]
    fn a_synonym_only_as_a_verb_is_no_synonym_of_a_noun_term() {
        // WordNet lists "pressure" with "blackmail" only as verbs ("exert pressure on
        // someone through threats").
        let glossary = "term\tkind\tnote\nblackmail\tterm\tcoercion by threats\n\
            tariffs\tterm\tduties on imports\nfentanyl\tchem\tsynthetic opioid\n";
        let text = "The Foreign Ministry said the United States was using fentanyl as an excuse \
            for tariffs and warned that pressure and threats were not the right way to deal \
            with China.";
        assert_eq!(check(glossary, text), vec![]);
    }
}
