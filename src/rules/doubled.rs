//! Doubled words left by paraphrasers and editors: "Liu Liu", "the the", "important and
//! important people".

use crate::finding::{Applicability, Finding, rule};
use crate::glossary::Severity;
use crate::span::Span;
use crate::words::tokens;

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

/// Finds doubled words in a (normalised) text; spans are into that text.
pub fn find(text: &str) -> Vec<Finding> {
    let words: Vec<(Span, &str)> = tokens(text).collect();
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
            && !(PARTICLES.contains(&lower.as_str()) && after_a_verb(text, &words, i - 1))
        {
            let whole = Span::new(prev_span.start, span.end);
            findings.push(finding(
                whole,
                prev,
                IMMEDIATE_CONFIDENCE,
                Applicability::Safe,
                format!("'{prev}' is doubled"),
            ));
            i += 2;
            continue;
        }
        if i + 1 < words.len() {
            let (next_span, next) = words[i + 1];
            let and_between = &text[span.end..next_span.start];
            if word.eq_ignore_ascii_case("and")
                && between == " "
                && and_between == " "
                && prev == next
                && prev.chars().all(char::is_alphabetic)
                && prev.len() > 2
                && !INTENSIFYING_AND.contains(&prev.to_lowercase().as_str())
                && !prev.ends_with("er")
                && followed_by_word(text, next_span.end)
            {
                let whole = Span::new(prev_span.start, next_span.end);
                findings.push(finding(
                    whole,
                    prev,
                    AND_CONFIDENCE,
                    Applicability::Unsafe,
                    format!("'{prev} and {next}' repeats the same word"),
                ));
                i += 2;
                continue;
            }
        }
        i += 1;
    }
    findings
}

/// Whether word `i` follows a verb in the same clause ("reined in").
fn after_a_verb(text: &str, words: &[(Span, &str)], i: usize) -> bool {
    i > 0 && {
        let (span, word) = words[i - 1];
        text[span.end..words[i].0.start].chars().all(|c| c == ' ')
            && crate::lexicon::wordnet().is_verb_form(word)
    }
}

/// "important and important people": the doubled word modifies a following word.
fn followed_by_word(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    rest.starts_with(' ') && rest[1..].chars().next().is_some_and(char::is_alphabetic)
}

fn finding(
    span: Span,
    keep: &str,
    confidence: f32,
    applicability: Applicability,
    message: String,
) -> Finding {
    let mut f = Finding {
        rule: rule::DOUBLED_WORD,
        span,
        kind: None,
        severity: Severity::Warning,
        confidence,
        message,
        suggestions: vec![keep.to_string()],
        fix: None,
        entry: None,
    };
    f.fix = f.fix_for(0, applicability);
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<(&str, String)> {
        find(text)
            .into_iter()
            .map(|f| (&text[f.span.start..f.span.end], f.suggestions[0].clone()))
            .collect()
    }

    #[test]
    fn fixes_doubled_words() {
        assert_eq!(
            flagged("said Liu Liu, a spokesman"),
            [("Liu Liu", "Liu".to_string())]
        );
        assert_eq!(flagged("in the the end"), [("the the", "the".to_string())]);
        assert_eq!(
            flagged("throw important and important people in prison"),
            [("important and important", "important".to_string())]
        );
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
    fn a_particle_after_a_verb_may_start_the_next_phrase() {
        assert!(flagged("They reined in in front of the post office.").is_empty());
        assert!(flagged("Users log in in seconds.").is_empty());
        // Not after a word that cannot be a verb.
        assert_eq!(
            flagged("She left it in the car, in in the back seat."),
            [("in in", "in".to_string())]
        );
    }
}
