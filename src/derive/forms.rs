//! Forms of an entry: the same term written another way finds the same renderings.
//!
//! Glossary writers list a term in whatever form comes to mind: "scheduled" or "schedule",
//! "commissions" or "commission", "precursor chemical" or "precursor". Derivation works from
//! the lemma (WordNet's base form, as its morphy finds it), and the matcher inflects the
//! lemma's renderings back, so a plural in the text gets the plural term. A two-word noun
//! compound whose modifier is already a thing of the head's kind ("precursor chemical": a
//! precursor is a chemical) is also derived without its head, as the text may drop it.

use std::collections::HashSet;

use crate::glossary::{Entry, Glossary};
use crate::lexicon::{Lexicon, Pos, Relation};
use crate::text::inflect::Inflection;

/// The entries derivation works from for `entry`: first the entry in its lemma form, then
/// the same entry without its head noun when the head adds nothing (see the module doc) and
/// the glossary has no entry of its own for that word (`is_term`, lowercase).
pub(super) fn for_derivation(
    lexicon: &Lexicon,
    entry: &Entry,
    is_term: impl Fn(&str) -> bool,
) -> Vec<Entry> {
    let mut forms = vec![with_term(entry, lemma(lexicon, entry))];
    if let Some(modifier) = without_head(lexicon, &entry.term)
        && !is_term(&modifier.to_lowercase())
    {
        forms.push(with_term(entry, Some(modifier)));
    }
    forms
}

/// The other forms by which a text may name each entry of `glossary`, as `(entry, form)`: the
/// entry's lemma and its head-less form where they differ from the term (see
/// [`for_derivation`]). A source-aware check reads an original's "precursors" as naming the
/// entry "precursor chemical"; the verb of a noun or a gerund too ("designated" names
/// "designation", "schedule" names "scheduling").
pub fn other_forms(lexicon: &Lexicon, glossary: &Glossary) -> Vec<(usize, String)> {
    let terms: HashSet<String> = glossary
        .entries
        .iter()
        .map(|e| e.term.to_lowercase())
        .collect();
    let mut forms = Vec::new();
    for (index, entry) in glossary.entries.iter().enumerate() {
        for form in for_derivation(lexicon, entry, |t| terms.contains(t)) {
            if !form.term.eq_ignore_ascii_case(&entry.term) {
                forms.push((index, form.term));
            }
        }
        let verbs = verb_of_gerund(lexicon, &entry.term).into_iter();
        for verb in verbs.chain(verbs_of_noun(lexicon, &entry.term)) {
            if !forms.contains(&(index, verb.clone())) {
                forms.push((index, verb));
            }
        }
    }
    forms
}

/// The verbs WordNet derives a one-word noun term from, written with the same stem:
/// "designate" of "designation" (not "appoint", a verb of another stem linked to it).
fn verbs_of_noun(lexicon: &Lexicon, term: &str) -> Vec<String> {
    let lower = term.to_lowercase();
    if !lower.chars().all(char::is_alphabetic) {
        return Vec::new();
    }
    let wordnet = lexicon.wordnet();
    let mut verbs: Vec<String> = Vec::new();
    for &sense in wordnet.sense_ids(&lower) {
        let synset = wordnet.synset(sense);
        if synset.pos != Pos::Noun {
            continue;
        }
        for &(relation, linked) in &synset.links {
            let linked = wordnet.synset(linked);
            if relation != Relation::Derivation || linked.pos != Pos::Verb {
                continue;
            }
            for &verb in &linked.lemmas {
                let stem = verb
                    .chars()
                    .zip(lower.chars())
                    .take_while(|(a, b)| a == b)
                    .count();
                let same_stem = stem >= 4 && stem + 3 >= verb.chars().count();
                if same_stem && verb != lower && !verbs.iter().any(|v| v == verb) {
                    verbs.push(verb.to_string());
                }
            }
        }
    }
    verbs
}

/// The verb of a one-word gerund term: "schedule" of "scheduling".
fn verb_of_gerund(lexicon: &Lexicon, term: &str) -> Option<String> {
    if !term.chars().all(char::is_alphabetic) {
        return None;
    }
    let lower = term.to_lowercase();
    super::candidates::base_forms(lexicon, &lower)
        .into_iter()
        .find(|(base, inflection)| {
            matches!(inflection, Inflection::Gerund)
                && lexicon.wordnet().has_sense_as(base, Pos::Verb)
        })
        .map(|(base, _)| base)
}

fn with_term(entry: &Entry, term: Option<String>) -> Entry {
    let mut form = entry.clone();
    if let Some(term) = term {
        form.term = term;
    }
    form
}

/// The base form of a single-word term written inflected: "scheduled" for a verb (its note
/// starts with "to") is "schedule", "commissions" is "commission". `None` when the term is
/// its own base form, or WordNet lists the inflected word as a lemma of that part of speech
/// ("arms", "data").
fn lemma(lexicon: &Lexicon, entry: &Entry) -> Option<String> {
    let term = entry.term.trim();
    if term.contains([' ', '-']) || !term.chars().all(char::is_alphabetic) {
        return None;
    }
    let lower = term.to_lowercase();
    let verb = entry
        .note
        .as_deref()
        .is_some_and(|n| super::sense::note_means_verb(lexicon, n));
    let pos = if verb { Pos::Verb } else { Pos::Noun };
    let wordnet = lexicon.wordnet();
    // Already a lemma of its part of speech ("schedule", "blackmail", "arms").
    let own_lemma = if verb {
        !is_inflected_verb(lexicon, &lower)
    } else {
        wordnet.has_sense_as(&lower, pos)
    };
    if own_lemma {
        return None;
    }
    let base = super::candidates::base_forms(lexicon, &lower)
        .into_iter()
        .find(|(base, inflection)| {
            let fits = match inflection {
                Inflection::S => true,
                Inflection::Past | Inflection::Gerund => verb,
                _ => false,
            };
            fits && wordnet.has_sense_as(base, pos)
        })?
        .0;
    // A term written with a capital keeps it: "Commissions" -> "Commission".
    Some(crate::text::casing::copy_case(term, &base))
}

/// Whether a word is a regular past or gerund of a WordNet verb ("scheduled", "arranging").
fn is_inflected_verb(lexicon: &Lexicon, lower: &str) -> bool {
    super::candidates::base_forms(lexicon, lower)
        .iter()
        .any(|(base, inflection)| {
            matches!(inflection, Inflection::Past | Inflection::Gerund)
                && lexicon.wordnet().has_sense_as(base, Pos::Verb)
        })
}

/// The modifier of a two-word noun compound that means the compound alone: "precursor" of
/// "precursor chemical(s)", since a sense of "precursor" is a kind of chemical (the head's
/// sense is that sense's hypernym, or shares its hypernym). "drug cartel" keeps its head: a
/// drug is no kind of cartel.
fn without_head(lexicon: &Lexicon, term: &str) -> Option<String> {
    let mut words = term.split(' ');
    let (modifier, head, None) = (words.next()?, words.next()?, words.next()) else {
        return None;
    };
    let wordnet = lexicon.wordnet();
    let head = head.to_lowercase();
    let head = super::singular(lexicon, &head)
        .filter(|_| !wordnet.has_sense_as(&head, Pos::Noun))
        .unwrap_or(head);
    let head_senses: Vec<u32> = wordnet
        .sense_ids(&head)
        .iter()
        .copied()
        .filter(|&id| wordnet.synset(id).pos == Pos::Noun)
        .collect();
    let lower = modifier.to_lowercase();
    let senses = wordnet.sense_ids(&lower);
    // An adjective's compound is no kind of its head ("first term"), nor is a compound of
    // synonyms ("design pattern": a pattern is a design) its first word.
    let adjective = wordnet.has_sense_as(&lower, Pos::Adjective);
    let synonyms = senses.iter().any(|id| head_senses.contains(id));
    if head_senses.is_empty() || !modifier.chars().all(char::is_alphabetic) || adjective || synonyms
    {
        return None;
    }
    let of_its_kind = senses.iter().any(|&id| {
        wordnet.synset(id).pos == Pos::Noun
            && wordnet.hypernyms(id).any(|up| {
                head_senses.contains(&up)
                    || head_senses
                        .iter()
                        .any(|&h| wordnet.hypernyms(h).any(|h_up| h_up == up))
            })
    });
    of_its_kind.then(|| modifier.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Origin;

    /// A tiny WordNet: "precursor" (a substance and a forerunner) and "chemical" are both
    /// materials; "schedule" is a noun and a verb; "cartel" and "drug" are unrelated.
    fn tiny() -> Lexicon {
        Lexicon::builder()
            .wordnet(
                "n00000001\tn\tmaterial\thypo:n00000002 hypo:n00000003\tstuff\n\
                 n00000002\tn\tprecursor\thyper:n00000001\ta substance from which another is formed\n\
                 n00000003\tn\tchemical|chemical substance\thyper:n00000001\tmaterial made by chemistry\n\
                 n00000004\tn\tforerunner|precursor\t\ta person who goes before\n\
                 n00000005\tn\tschedule\t\ta plan of times\n\
                 v00000006\tv\tschedule\t\tplan for a time\n\
                 n00000007\tn\tcartel\thyper:n00000008\ta consortium\n\
                 n00000008\tn\tconsortium\thypo:n00000007\tan association\n\
                 n00000009\tn\tdrug\t\ta substance used as medicine\n\
                 n00000010\tn\tcommission\t\tan official body\n\
                 n00000011\tn\tdesignation\tderiv:v00000012\tthe act of designating\n\
                 v00000012\tv\tappoint|designate\tderiv:n00000011\tgive an office to\n\
                 v00000013\tv\tplace|put\t\tput into a certain place\n",
            )
            .build()
    }

    fn entry(term: &str, note: &str) -> Entry {
        let mut e = Entry::new(
            term,
            Origin {
                file: "g.tsv".into(),
                line: 2,
            },
        );
        e.note = Some(note.to_string());
        e
    }

    fn terms(term: &str, note: &str) -> Vec<String> {
        for_derivation(&tiny(), &entry(term, note), |t| t == "cartel")
            .into_iter()
            .map(|e| e.term)
            .collect()
    }

    #[test]
    fn other_forms_name_an_entry_by_its_lemma_head_less_form_and_its_verb() {
        let glossary = Glossary::parse(
            "g.tsv",
            "term\tnote\nprecursor chemical\tchemicals used to make drugs\n\
             scheduling\tplacing a drug under control\ndrug cartel\ta criminal group\n\
             commissions\tan official body\ndesignation\tlisting by a government\n",
        )
        .unwrap();
        assert_eq!(
            other_forms(&tiny(), &glossary),
            [
                (0, "precursor".to_string()),
                (1, "schedule".to_string()),
                (3, "commission".to_string()),
                (4, "designate".to_string())
            ]
        );
    }

    #[test]
    fn an_inflected_single_word_term_is_derived_from_its_lemma() {
        assert_eq!(
            terms("scheduled", "to place a drug under control"),
            ["schedule"]
        );
        assert_eq!(terms("commissions", "an official body"), ["commission"]);
        assert_eq!(terms("Commissions", "an official body"), ["Commission"]);
        // A base form stays as written; a noun's -ed form is no verb of the note.
        assert_eq!(
            terms("schedule", "to place a drug under control"),
            ["schedule"]
        );
        assert_eq!(terms("commission", "an official body"), ["commission"]);
    }

    #[test]
    fn a_gerund_entry_whose_note_is_a_verb_phrase_is_derived_from_its_verb() {
        // "scheduling" with a gerund's note is the verb a text writes "schedule" ("arrange").
        assert_eq!(
            terms("scheduling", "placing a substance under legal control"),
            ["schedule"]
        );
        assert_eq!(
            terms("scheduled", "place a drug under legal control"),
            ["schedule"]
        );
        // A noun's note leaves the gerund as written.
        assert_eq!(terms("scheduling", "the planning of times"), ["scheduling"]);
    }

    #[test]
    fn a_compound_whose_modifier_is_of_the_heads_kind_is_also_derived_without_its_head() {
        assert_eq!(
            terms("precursor chemical", "chemicals used to make drugs"),
            ["precursor chemical", "precursor"]
        );
        assert_eq!(
            terms("precursor chemicals", "chemicals used to make drugs"),
            ["precursor chemicals", "precursor"]
        );
        assert_eq!(terms("drug cartel", "a criminal group"), ["drug cartel"]);
        assert_eq!(
            terms("first term", "a first period in office"),
            ["first term"]
        );
        assert_eq!(
            terms("design pattern", "a reusable solution"),
            ["design pattern"]
        );
    }

    #[test]
    fn a_head_is_kept_when_the_glossary_lists_the_modifier_itself() {
        // The glossary's own entry for "cartel" is derived from its own note.
        assert_eq!(terms("cartel consortium", "a group"), ["cartel consortium"]);
    }
}
