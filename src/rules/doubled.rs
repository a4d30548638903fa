//! Doubled words left by paraphrasers and editors: "Liu Liu", "the the", "important and
//! important people".
//!
//! A doubled capitalised word may be a name ("Lang Lang", "Fang Fang", "Sirhan Sirhan"): it
//! is reported only with evidence that it is a slip, and its fix is never applied unasked.

use std::cell::OnceCell;
use std::sync::Arc;

use rustc_hash::FxHashSet;

use super::{Rule, RuleMeta, Stage};
use crate::check::arbitrate::{Claim, DERIVED_RANK};
use crate::check::context::Sentences;
use crate::check::document::Document;
use crate::check::finding::{Applicability, Edit, Evidence, Finding, Fix, rule};
use crate::glossary::{Glossary, Kind, Severity};
use crate::lexicon::{Lexicon, Pos};
use crate::text::span::Span;
use crate::text::words::{is_stopword, is_word_char, tokens};

pub const META: RuleMeta = RuleMeta {
    id: rule::DOUBLED_WORD,
    default: true,
    stage: Stage::Rest,
    summary: "the same word twice in a row, or \"X and X\" (\"Liu Liu\", \"the the\")",
};

/// Words that are correctly doubled in English ("had had", "that that").
const GRAMMATICAL_DOUBLES: &[&str] = &[
    "had", "that", "is", "do", "can", "tom", "bye", "no", "yeah", "ha", "dum", "bora", "walla",
    "pago", "sing", "baden", "duran", "mahi", "chop", "knock", "tut", "ta", "aye", "night",
];

/// Particles that end a phrasal verb and may start the next phrase: "they reined in in front
/// of the post office", "log in in seconds".
const PARTICLES: &[&str] = &[
    "in", "on", "up", "out", "off", "down", "over", "by", "through", "around", "about", "along",
    "back",
];

/// Words repeated around "and" on purpose ("more and more", "again and again").
const INTENSIFYING_AND: &[&str] = &[
    "more", "less", "again", "over", "on", "round", "through", "by", "out", "up", "down", "back",
    "forth", "time", "times", "years", "days", "weeks", "months", "hours", "miles", "better",
    "worse", "faster", "higher", "larger", "bigger", "smaller", "further", "closer", "deeper",
    "louder", "stronger", "harder", "longer", "wider", "so", "on", "around", "many", "side",
    "hand", "step", "bit", "little", "far", "now", "then", "off", "ever",
];

const IMMEDIATE_CONFIDENCE: f32 = 0.9;
const AND_CONFIDENCE: f32 = 0.75;
/// A doubled name with evidence of a slip: still perhaps a name, so never a safe fix.
const NAME_CONFIDENCE: f32 = 0.75;

/// Finds doubled words, knowing the names a glossary lists.
#[derive(Debug, Clone)]
pub struct DoubledWords {
    /// The words of the glossary's names, lowercase ("liu" of "Liu Pengyu").
    names: FxHashSet<String>,
    /// Tells verbs, before particles ("reined in in").
    lexicon: Arc<Lexicon>,
}

impl DoubledWords {
    pub fn new(glossary: &Glossary, lexicon: Arc<Lexicon>) -> DoubledWords {
        let names = glossary
            .entries
            .iter()
            .filter(|e| e.kind == Kind::Name)
            .flat_map(|e| tokens(&e.term).map(|(_, w)| w.to_lowercase()))
            .collect();
        DoubledWords { names, lexicon }
    }

    /// Finds doubled words in a (normalised) text; spans are into that text. `terms` are the
    /// occurrences of glossary terms in it, sorted by start: a term may itself double a word
    /// ("Sirhan Sirhan").
    pub fn find(&self, text: &str, sentences: &Sentences, terms: &[(Span, usize)]) -> Vec<Finding> {
        let words: Vec<(Span, &str)> = tokens(text).collect();
        let singles = OnceCell::new();
        let mut findings = Vec::new();
        let mut i = 1;
        while i < words.len() {
            let (prev_span, prev) = words[i - 1];
            let (span, word) = words[i];
            let between = &text[prev_span.end..span.start];
            let lower = word.to_lowercase();
            // One space between: words lined up in columns ("b   b") are not a slip.
            if between == " "
                && prev.eq_ignore_ascii_case(word)
                && word.chars().any(char::is_alphabetic)
                && !GRAMMATICAL_DOUBLES.contains(&lower.as_str())
                && !(PARTICLES.contains(&lower.as_str())
                    && after_a_verb(&self.lexicon, text, &words, i - 1))
                && !joined_to_a_compound(text, prev_span, span)
            {
                // "the the the" is one slip: fixed whole, in one round.
                let last = run_end(text, &words, i, "");
                let whole = Span::new(prev_span.start, words[last].0.end);
                if !may_be_a_name(prev, word) {
                    findings.push(finding(
                        whole,
                        prev,
                        IMMEDIATE_CONFIDENCE,
                        Applicability::Safe,
                        format!("'{prev}' is doubled"),
                        vec![Evidence::new(
                            "pattern",
                            IMMEDIATE_CONFIDENCE,
                            "a word twice",
                        )],
                    ));
                    i = last + 2;
                    continue;
                }
                let known = self.names.contains(&lower);
                let single_elsewhere = || {
                    starts_no_sentence(text, sentences, prev_span)
                        && singles
                            .get_or_init(|| single_names(text, &words))
                            .contains(word)
                };
                if (known || single_elsewhere()) && !inside_a_term(terms, whole) {
                    let why = if known {
                        "the glossary's names have one"
                    } else {
                        "the text has a single one elsewhere"
                    };
                    findings.push(doubled_name(whole, prev, why));
                    i = last + 2;
                    continue;
                }
                i += 1;
                continue;
            }
            if let Some((finding, last)) = and_repeat(&self.lexicon, text, &words, i) {
                findings.push(finding);
                i = last + 1;
                continue;
            }
            i += 1;
        }
        findings
    }
}

impl Rule for DoubledWords {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, out: &mut Vec<Claim>) {
        let found = self.find(doc.text, &doc.sentences, &doc.terms);
        out.extend(found.into_iter().map(|finding| Claim {
            span: finding.span,
            entry: None,
            rank: DERIVED_RANK,
            finding: Some(finding),
        }));
    }
}

/// A doubled name with evidence of a slip (`why`): perhaps meant, so its fix is unsafe.
fn doubled_name(whole: Span, name: &str, why: &str) -> Finding {
    let pattern = "a capitalised word twice in a row, as in names";
    finding(
        whole,
        name,
        NAME_CONFIDENCE,
        Applicability::Unsafe,
        format!("'{name}' is doubled ({why}); names such as 'Lang Lang' are doubled on purpose"),
        vec![
            Evidence::new("pattern", NAME_CONFIDENCE, pattern),
            Evidence::new("name", None, why),
        ],
    )
}

/// The last word of a run of word `i`'s repeats, each one space after the word before, or
/// after `joint` ("and") set off by single spaces when `joint` is not empty.
fn run_end(text: &str, words: &[(Span, &str)], i: usize, joint: &str) -> usize {
    let step = if joint.is_empty() { 1 } else { 2 };
    let mut last = i;
    while let Some(&(next_span, next)) = words.get(last + step) {
        let gap = Span::new(words[last].0.end, next_span.start);
        let expected = if joint.is_empty() {
            " ".to_string()
        } else {
            format!(" {joint} ")
        };
        if next != words[i].1 || !text[gap.start..gap.end].eq_ignore_ascii_case(&expected) {
            break;
        }
        last += step;
    }
    last
}

/// "important and important people": word `i` is "and" between the same word twice (or
/// more: "important and important and important" is one finding). Returns the last word.
fn and_repeat(
    lexicon: &Lexicon,
    text: &str,
    words: &[(Span, &str)],
    i: usize,
) -> Option<(Finding, usize)> {
    let (prev_span, prev) = words[i - 1];
    let (span, word) = words[i];
    let (first_next, next) = *words.get(i + 1)?;
    let last = run_end(text, words, i + 1, "and");
    let next_span = words[last].0;
    let between = &text[prev_span.end..span.start];
    let and_between = &text[span.end..first_next.start];
    let repeated = word.eq_ignore_ascii_case("and")
        && between == " "
        && and_between == " "
        && prev == next
        && prev.chars().all(char::is_alphabetic)
        && prev.len() > 2
        && !INTENSIFYING_AND.contains(&prev.to_lowercase().as_str())
        && !prev.ends_with("er")
        && !may_be_a_name(prev, next)
        && !joined_to_a_compound(text, prev_span, next_span)
        && followed_by_word(text, next_span.end)
        && !a_noun_beside_its_compound(lexicon, prev);
    repeated.then(|| {
        let f = finding(
            Span::new(prev_span.start, next_span.end),
            prev,
            AND_CONFIDENCE,
            Applicability::Unsafe,
            format!("'{prev} and {next}' repeats the same word"),
            vec![Evidence::new(
                "pattern",
                AND_CONFIDENCE,
                "the same word on both sides of 'and'",
            )],
        );
        (f, last)
    })
}

/// Two capitalised words that are no function word ("Lang Lang", not "The The"): perhaps a
/// name.
fn may_be_a_name(first: &str, second: &str) -> bool {
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    capitalised(first) && capitalised(second) && !is_stopword(&second.to_lowercase())
}

/// Whether the first of two words is glued to a word before it, or the second to a word
/// after it, by a hyphen: "fentanyl fentanyl-related", "non-fentanyl and fentanyl drugs"
/// repeat a word of a compound, not a word.
fn joined_to_a_compound(text: &str, first: Span, second: Span) -> bool {
    text[..first.start].ends_with('-') || text[second.end..].starts_with('-')
}

/// Whether "X and X Y" coordinates a noun with a compound of it ("cocaine and cocaine base",
/// "steel and steel products"): a word WordNet knows only as a noun is no modifier a
/// paraphraser doubled, as the adjective of "important and important people" is.
fn a_noun_beside_its_compound(lexicon: &Lexicon, word: &str) -> bool {
    let wordnet = lexicon.wordnet();
    wordnet.has_sense_as(word, Pos::Noun)
        && !wordnet.has_sense_as(word, Pos::Adjective)
        && !wordnet.has_sense_as(word, Pos::Adverb)
}

/// Whether a word stands after another word of its sentence (and so its capital is its own,
/// not the sentence's).
fn starts_no_sentence(text: &str, sentences: &Sentences, span: Span) -> bool {
    let sentence = sentences.get(sentences.index_of(span.start));
    text[sentence.start.min(span.start)..span.start]
        .chars()
        .any(is_word_char)
}

/// The capitalised words of the text that stand at least once without the same word next
/// to them ("Liu said" beside "said Liu Liu").
fn single_names<'t>(text: &str, words: &[(Span, &'t str)]) -> FxHashSet<&'t str> {
    let doubled = |a: usize, b: usize| {
        words[a].1 == words[b].1 && &text[words[a].0.end..words[b].0.start] == " "
    };
    (0..words.len())
        .filter(|&j| words[j].1.starts_with(char::is_uppercase))
        .filter(|&j| {
            let after_its_double = j > 0 && doubled(j - 1, j);
            let before_its_double = j + 1 < words.len() && doubled(j, j + 1);
            !after_its_double && !before_its_double
        })
        .map(|j| words[j].1)
        .collect()
}

/// Whether `span` lies inside an occurrence of a glossary term.
fn inside_a_term(terms: &[(Span, usize)], span: Span) -> bool {
    let before = terms.partition_point(|(s, _)| s.start <= span.start);
    terms[..before].iter().any(|(s, _)| span.end <= s.end)
}

/// Whether word `i` follows a verb in the same clause ("reined in").
fn after_a_verb(lexicon: &Lexicon, text: &str, words: &[(Span, &str)], i: usize) -> bool {
    i > 0 && {
        let (span, word) = words[i - 1];
        text[span.end..words[i].0.start].chars().all(|c| c == ' ')
            && lexicon.wordnet().is_verb_form(word)
    }
}

/// "important and important people": the doubled word modifies a following word, a
/// content word ("left-behind children and children in difficulty" are two groups).
fn followed_by_word(text: &str, end: usize) -> bool {
    let Some(rest) = text[end..].strip_prefix(' ') else {
        return false;
    };
    let next: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    !next.is_empty() && !crate::text::words::is_function_word(&next.to_lowercase())
}

fn finding(
    span: Span,
    keep: &str,
    confidence: f32,
    applicability: Applicability,
    message: String,
    evidence: Vec<Evidence>,
) -> Finding {
    let mut f = Finding {
        rule: rule::DOUBLED_WORD,
        span,
        kind: None,
        severity: Severity::Warning,
        confidence,
        message,
        evidence,
        suggestions: vec![keep.to_string()],
        fix: None,
        entry: None,
    };
    // The fix deletes the repeats and leaves the first word as it is, so another rule's fix
    // of that word ("consultant" for "counternarcotics") can apply in the same round instead
    // of editing, a round later, what this fix wrote.
    let repeats = Span::new(span.start + keep.len(), span.end);
    f.fix = Some(Fix {
        edits: vec![Edit {
            span: repeats,
            content: String::new(),
        }],
        applicability,
    });
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The doubled words of `text` found with a glossary of `rows` (TSV with a header; empty
    /// for no glossary): the words, the suggestion, and whether the fix is safe.
    fn found(rows: &str, text: &str) -> Vec<(String, String, bool)> {
        let glossary = if rows.is_empty() {
            Glossary::default()
        } else {
            Glossary::parse("g.tsv", rows).unwrap()
        };
        DoubledWords::new(&glossary, Arc::clone(crate::lexicon::tests::embedded()))
            .find(text, &Sentences::new(text), &[])
            .into_iter()
            .map(|f| {
                let safe = f.fix.as_ref().unwrap().applicability == Applicability::Safe;
                (
                    text[f.span.start..f.span.end].to_string(),
                    f.suggestions[0].clone(),
                    safe,
                )
            })
            .collect()
    }

    fn flagged(text: &str) -> Vec<(String, String)> {
        found("", text)
            .into_iter()
            .map(|(w, s, _)| (w, s))
            .collect()
    }

    fn pair(words: &str, keep: &str) -> (String, String) {
        (words.to_string(), keep.to_string())
    }

    #[test]
    fn fixes_doubled_words() {
        assert_eq!(
            found("", "in the the end. The the rest. THE THE END"),
            [
                ("the the".to_string(), "the".to_string(), true),
                ("The the".to_string(), "The".to_string(), true),
                ("THE THE".to_string(), "THE".to_string(), true),
            ]
        );
        assert_eq!(
            flagged("throw important and important people in prison"),
            [pair("important and important", "important")]
        );
        // Two groups, each with its own modifier: no word doubled.
        assert_eq!(
            flagged("help left-behind children and children in difficulty"),
            []
        );
    }

    /// Found by the properties: a word said three times made two overlapping findings, and
    /// fixing the first left the word doubled. A run is one finding, fixed in one round.
    #[test]
    fn fixes_a_run_of_one_word_whole() {
        assert_eq!(
            flagged("throw important and important and important people in prison"),
            [pair("important and important and important", "important")]
        );
        assert_eq!(
            flagged("the consultant consultant consultant said"),
            [pair("consultant consultant consultant", "consultant")]
        );
        assert_eq!(
            found("term\tkind\nLiu\tname\n", "spokesman Liu Liu Liu said")
                .into_iter()
                .map(|(w, s, _)| (w, s))
                .collect::<Vec<_>>(),
            [pair("Liu Liu Liu", "Liu")]
        );
    }

    /// The fix deletes the repeats: the first word's bytes are not edited, so another rule's
    /// fix of that word does not overlap it.
    #[test]
    fn the_fix_deletes_the_repeats_and_leaves_the_first_word() {
        let text = "about The the the talks and firm and firm ties";
        let findings = DoubledWords::new(
            &Glossary::default(),
            Arc::clone(crate::lexicon::tests::embedded()),
        )
        .find(text, &Sentences::new(text), &[]);
        let edits: Vec<(&str, &str)> = findings
            .iter()
            .flat_map(|f| &f.fix.as_ref().unwrap().edits)
            .map(|e| (&text[e.span.start..e.span.end], e.content.as_str()))
            .collect();
        assert_eq!(edits, [(" the the", ""), (" and firm", "")]);
        let fixes: Vec<_> = findings.into_iter().filter_map(|f| f.fix).collect();
        let out = crate::fix::apply(text, &fixes).output;
        assert_eq!(out, "about The talks and firm ties");
    }

    #[test]
    fn does_not_flag_intended_repetition() {
        assert!(
            flagged("He had had enough; more and more people came again and again.").is_empty()
        );
        assert!(flagged("It grew bigger and bigger. Liu, Liu said. One. One.").is_empty());
        assert!(flagged("They fought, and fought. 20 20 vision. Bora Bora").is_empty());
        assert!(flagged("the end\nthe start").is_empty());
        assert!(flagged("w  w   b   b").is_empty());
    }

    #[test]
    fn does_not_flag_names_written_doubled() {
        let text = "Lang Lang played. Fang Fang wrote it. Li Li and Sirhan Sirhan were there. \
                    She met Lang Lang again. Johnson and Johnson products sold.";
        assert!(found("", text).is_empty(), "{:?}", found("", text));
        // A glossary that names other people does not make these slips.
        assert!(found("term\tkind\nLiu Pengyu\tname\n", text).is_empty());
    }

    #[test]
    fn a_doubled_known_name_is_reported_but_not_fixed_unasked() {
        assert_eq!(
            found(
                "term\tkind\nLiu Pengyu\tname\n",
                "Liu Liu said so, a spokesman"
            ),
            [("Liu Liu".to_string(), "Liu".to_string(), false)]
        );
        // A word of an institution's name is no person's name.
        assert!(found("term\tkind\nLiu Institute\torg\n", "Liu Liu said so").is_empty());
    }

    #[test]
    fn a_name_doubled_mid_sentence_beside_a_single_one_is_reported_but_not_fixed_unasked() {
        assert_eq!(
            found(
                "",
                "said Liu Liu, a spokesman. Liu said his country will not stand by."
            ),
            [("Liu Liu".to_string(), "Liu".to_string(), false)]
        );
        // At the start of a sentence, a single one elsewhere is not enough.
        assert!(found("", "Liu Liu said so. Then Liu left.").is_empty());
        // Nor a doubled one elsewhere.
        assert!(found("", "said Liu Liu, and then Liu Liu left.").is_empty());
    }

    #[test]
    fn does_not_flag_a_word_doubled_into_a_hyphenated_compound() {
        assert!(flagged("control of fentanyl and fentanyl-related substances").is_empty());
        assert!(flagged("control of fentanyl fentanyl-related substances").is_empty());
        assert!(flagged("a non-fentanyl and fentanyl product").is_empty());
        assert!(flagged("an anti-drug drug policy").is_empty());
        // Without the hyphen, still a slip.
        assert_eq!(
            flagged("an illegal and illegal-looking illegal and illegal product"),
            [pair("illegal and illegal", "illegal")]
        );
    }

    #[test]
    fn does_not_flag_a_doubled_name_that_is_a_glossary_term() {
        let rows = "term\tkind\nSirhan Sirhan\tname\n";
        let text = "said Sirhan Sirhan, and Sirhan left.";
        let glossary = Glossary::parse("g.tsv", rows).unwrap();
        let doubled = DoubledWords::new(&glossary, Arc::clone(crate::lexicon::tests::embedded()));
        let term = Span::new(5, 18);
        assert_eq!(&text[term.start..term.end], "Sirhan Sirhan");
        assert!(
            doubled
                .find(text, &Sentences::new(text), &[(term, 0)])
                .is_empty()
        );
        assert_eq!(doubled.find(text, &Sentences::new(text), &[]).len(), 1);
    }

    #[test]
    fn does_not_flag_a_noun_coordinated_with_a_compound_of_it() {
        assert!(flagged("seizing tons of pure cocaine and cocaine base in 2023").is_empty());
        assert!(flagged("tariffs on steel and steel products").is_empty());
        // A word that can be an adjective is a doubled modifier.
        assert_eq!(
            flagged("an important and important product"),
            [pair("important and important", "important")]
        );
    }

    #[test]
    fn a_particle_after_a_verb_may_start_the_next_phrase() {
        assert!(flagged("They reined in in front of the post office.").is_empty());
        assert!(flagged("Users log in in seconds.").is_empty());
        // Not after a word that cannot be a verb.
        assert_eq!(
            flagged("She left it in the car, in in the back seat."),
            [pair("in in", "in")]
        );
    }
}
