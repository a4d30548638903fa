//! Wrong expansions: an abbreviation the glossary accepts for a term, defined in the text by
//! a long form that is not the term: "the National Information Security Center (NISC)" where
//! the glossary's NISC is the "National Center of Incident Readiness and Strategy for
//! Cybersecurity". Machine translation keeps a bracketed abbreviation as it stands and
//! translates the name before it word by word; the abbreviation then vouches for a wrong name.
//!
//! The long form is found as Schwartz and Hearst find an abbreviation's definition ("A
//! simple algorithm for identifying abbreviation definitions in biomedical text", 2003): the
//! shortest run of words right before the bracket whose letters spell the abbreviation in
//! order, its first letter opening the run's first word. A run that does not spell it is no
//! definition, and nothing is reported.

use super::{Rule, RuleMeta, Stage};
use crate::check::arbitrate::{Claim, LISTED_RANK};
use crate::check::document::Document;
use crate::check::finding::{Applicability, Evidence, Finding, rule};
use crate::glossary::Entry;
use crate::text::span::Span;
use crate::text::words::is_function_word;

pub const META: RuleMeta = RuleMeta {
    id: rule::WRONG_EXPANSION,
    default: true,
    stage: Stage::Match,
    summary: "an abbreviation the glossary accepts, spelled out before it as another name \
              (\"National Information Security Center (NISC)\")",
};

/// Confidence of a wrong expansion: the text defines the abbreviation, the glossary says
/// what it stands for, and the two differ.
const EXPANSION_CONFIDENCE: f32 = 0.85;

/// The rule: reads the definitions of the accepted abbreviations the checker found.
pub struct WrongExpansions;

impl Rule for WrongExpansions {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, out: &mut Vec<Claim>) {
        let text = doc.text;
        for &(span, index) in &doc.terms {
            let short = &text[span.start..span.end];
            let entry = &doc.glossary.entries[index];
            // "(NISC)": the abbreviation alone in its brackets, with a name before them.
            let opened = text[..span.start].strip_suffix('(');
            if !is_abbreviation(short) || !text[span.end..].starts_with(')') {
                continue;
            }
            let Some(before) = opened.map(str::trim_end) else {
                continue;
            };
            // The words that spell the abbreviation; or, for one whose letters are another
            // language's ("BfR", "BSI"), the name right before it, if it says most of the
            // glossary's long form in other words.
            let Some(long) = long_form(before, short).or_else(|| name_before(before, entry)) else {
                continue;
            };
            let written = &text[long.start..long.end];
            // Right where any entry with this abbreviation spells it out so.
            let spells = |e: &Entry| forms(e).any(|f| same_words(f, written));
            let names_it = |e: &Entry| forms(e).any(|f| f == short);
            if doc
                .glossary
                .entries
                .iter()
                .any(|e| names_it(e) && spells(e))
            {
                continue;
            }
            // The glossary's long form: words, not another spelling of the abbreviation
            // ("eCF" for "ECF").
            let long_form = |f: &&str| f.contains(char::is_whitespace) && !is_abbreviation(f);
            let Some(spelled) = forms(entry).find(long_form) else {
                continue;
            };
            out.push(Claim {
                span: long,
                entry: Some(index),
                rank: LISTED_RANK,
                finding: Some(finding(entry, long, short, written, spelled)),
            });
        }
    }
}

/// The finding on the long form `written` at `span`, whose fix spells out `short` as the
/// glossary does (`spelled`).
fn finding(entry: &Entry, span: Span, short: &str, written: &str, spelled: &str) -> Finding {
    let message = format!(
        "'{short}' stands for '{spelled}' in the glossary; the text spells it out as '{written}'"
    );
    let mut finding = Finding::about(
        rule::WRONG_EXPANSION,
        span,
        entry,
        entry.severity,
        EXPANSION_CONFIDENCE,
        message,
    );
    finding.evidence = vec![Evidence::new(
        "glossary",
        EXPANSION_CONFIDENCE,
        format!(
            "the glossary accepts '{short}' for '{spelled}' ({})",
            entry.origin
        ),
    )];
    // Cased and numbered like the words it replaces ("Support Centers" -> "Centers").
    let suggestion = crate::text::inflect::render(spelled, written);
    finding.suggestions = vec![suggestion];
    finding.fix = finding.fix_for(0, Applicability::Unsafe);
    finding
}

/// The capitalised name at the end of `before` (function words inside it: "Federal Institute
/// for Risk Evaluation"), if it says at least half of its content words as some long form of
/// `entry` does, yet another word too: not the name shortened ("Institute for Risk
/// Assessment"), another rendering of it.
fn name_before(before: &str, entry: &Entry) -> Option<Span> {
    // Its words from the bracket back; it opens with its first capitalised content word
    // ("The" opening a sentence is not the name's).
    let mut begin = None;
    for (at, word) in words_backwards(before) {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        let function = is_function_word(&bare.to_lowercase());
        if word.ends_with([',', ';', ':', '.', '!', '?']) || word.contains(['(', ')']) {
            break;
        }
        if bare.starts_with(char::is_uppercase) && !function {
            begin = Some(at);
        } else if !function {
            break;
        }
    }
    let span = Span::new(begin?, before.len());
    let written = &before[span.start..span.end];
    let words = content_words(written);
    let best = closest_long_form(entry, written)?;
    let known = content_words(best);
    let shared = words.iter().filter(|w| known.contains(w)).count();
    (words.len() >= 2 && shared * 2 >= words.len() && shared < words.len()).then_some(span)
}

/// The entry's long form (words, not an abbreviation) that shares the most content words
/// with `written`, the nearest in length among equals.
fn closest_long_form<'e>(entry: &'e Entry, written: &str) -> Option<&'e str> {
    let words = content_words(written);
    forms(entry)
        .filter(|f| f.contains(char::is_whitespace) && !is_abbreviation(f))
        .max_by_key(|f| {
            let theirs = content_words(f);
            let shared = words.iter().filter(|w| theirs.contains(w)).count();
            (
                shared,
                std::cmp::Reverse(theirs.len().abs_diff(words.len())),
            )
        })
}

/// The lower-case content words of `text`.
fn content_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty() && !is_function_word(w))
        .collect()
}

/// The entry's term and accepted forms.
fn forms(entry: &Entry) -> impl Iterator<Item = &str> {
    std::iter::once(entry.term.as_str()).chain(entry.accepted.iter().map(String::as_str))
}

/// Whether `form` is an abbreviation: two to ten letters and digits, at least two of them
/// capitals, and fewer lower-case letters than capitals but a plural "s" ("NISC", "AIs",
/// German "BfR"; "G7s" is not one, nor "BaFin").
fn is_abbreviation(form: &str) -> bool {
    let body = form.strip_suffix('s').unwrap_or(form);
    let capitals = body.chars().filter(char::is_ascii_uppercase).count();
    let lower = body.chars().filter(char::is_ascii_lowercase).count();
    (2..=10).contains(&body.chars().count())
        && capitals >= 2
        && lower < capitals
        && body
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '&' || c == '-')
}

/// Whether two spellings of a name are the same words: case, typeset apostrophes and
/// hyphens, spacing and a plural "s" aside.
fn same_words(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        let folded: String = s
            .to_lowercase()
            .chars()
            .map(|c| match c {
                '\u{2019}' | '\u{2018}' => '\'',
                '-' | '\u{2010}' | '\u{2011}' => ' ',
                c => c,
            })
            .collect();
        let words: Vec<&str> = folded.split_whitespace().collect();
        let joined = words.join(" ");
        let singular = joined
            .strip_suffix("'s")
            .or_else(|| joined.strip_suffix('\''));
        let singular = singular.unwrap_or(&joined);
        singular.strip_suffix('s').unwrap_or(singular).to_string()
    };
    key(a) == key(b)
}

/// The long form `short` abbreviates at the end of `before` (the text up to its opening
/// bracket), as a span into `before`: the words whose initials spell it, else Schwartz and
/// Hearst's match, within as many words as
/// the abbreviation has letters and five more (at most twice as many), and within the
/// clause (no sentence end, bracket, colon, semicolon or comma inside).
fn long_form(before: &str, short: &str) -> Option<Span> {
    let letters: Vec<char> = short
        .strip_suffix('s')
        .unwrap_or(short)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let reach = (letters.len() + 5).min(letters.len() * 2);
    // The window: up to `reach` words back from the bracket, on its line, stopping at a
    // clause break.
    let line = before.rfind('\n').map_or(0, |i| i + 1);
    let mut start = before.len();
    for (count, (at, word)) in words_backwards(&before[line..]).enumerate() {
        let breaks = word.ends_with([',', ';', ':', '.', '!', '?']) || word.contains(['(', ')']);
        if count == reach || breaks {
            break;
        }
        start = line + at;
    }
    if let Some(begin) = by_initials(&before[start..], &letters) {
        return Some(Span::new(start + begin, before.len()));
    }
    let window: Vec<(usize, char)> = before[start..]
        .char_indices()
        .map(|(i, c)| (start + i, c.to_lowercase().next().unwrap_or(c)))
        .collect();
    // Each letter of the abbreviation, from the last, against the window from its end; the
    // first letter must open a word.
    let mut at = window.len();
    for (k, &letter) in letters.iter().enumerate().rev() {
        loop {
            at = at.checked_sub(1)?;
            let (_, c) = window[at];
            let opens_word = at == 0 || !window[at - 1].1.is_alphanumeric();
            if c == letter && (k > 0 || opens_word) {
                break;
            }
        }
    }
    let begin = window[at].0;
    let long = Span::new(begin, before.len());
    let words = before[begin..].split_whitespace().count();
    (words >= 2 && long.end - long.start > short.len()).then_some(long)
}

/// Where the words at the end of `window` begin whose initials are `letters`, one letter a
/// word (function words between may be skipped: "Safety and Health"). Schwartz and Hearst
/// take letters from inside words, and so stop short where a word's last letter is the
/// letter before ("Talent Quality System" for TTQS in "Taiwan Talent Quality System").
fn by_initials(window: &str, letters: &[char]) -> Option<usize> {
    let mut left = letters.len();
    let mut words = words_backwards(window).peekable();
    let initial_of = |word: &str| word.chars().next()?.to_lowercase().next();
    while let Some((at, word)) = words.next() {
        let initial = initial_of(word)?;
        let function = is_function_word(&word.to_lowercase());
        // A function word gives its letter only where no word before it does ("Office of
        // Technical Intern Training (OTIT)": the O is Office's, not of's).
        let before_gives = words.peek().is_some_and(|&(_, earlier)| {
            initial_of(earlier) == Some(initial) && !is_function_word(&earlier.to_lowercase())
        });
        if left > 0 && initial == letters[left - 1] && !(function && before_gives) {
            left -= 1;
            if left == 0 {
                return Some(at);
            }
        } else if !function {
            return None;
        }
    }
    None
}

/// The words of `text` from its end, each with its byte offset.
fn words_backwards(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut end = text.len();
    std::iter::from_fn(move || {
        let trimmed = text[..end].trim_end();
        if trimmed.is_empty() {
            return None;
        }
        let at = trimmed.rfind(char::is_whitespace).map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
        end = at;
        Some((at, &trimmed[at..]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checker::{CheckOptions, Checker};
    use crate::glossary::Glossary;

    fn check(glossary: &str, text: &str) -> Vec<(String, String)> {
        let checker = Checker::new(
            Glossary::parse("g.tsv", glossary).unwrap(),
            CheckOptions::default(),
        );
        crate::checker::flagged(&checker, text)
    }

    const GLOSSARY: &str = "term\taccepted\n\
        eCF\tECF\n\
        National Center of Incident Readiness and Strategy for Cybersecurity\tNISC\n\
        ground-penetrating radar\tGPR\n\
        Hong Kong Monetary Authority\tHKMA\n";

    #[test]
    fn a_long_form_is_the_words_whose_letters_spell_the_abbreviation() {
        fn long<'t>(before: &'t str, short: &str) -> Option<&'t str> {
            long_form(before, short).map(|s| &before[s.start..s.end])
        }
        assert_eq!(
            long(
                "worked with the National Information Security Center",
                "NISC"
            ),
            Some("National Information Security Center")
        );
        assert_eq!(
            long("surveys using geophysical penetration radar", "GPR"),
            Some("geophysical penetration radar")
        );
        // The first letter opens a word: no "h" inside "the", and no run across a comma.
        assert_eq!(long("said the Monetary Authority", "HKMA"), None);
        assert_eq!(long("in Hong Kong, the Monetary Authority", "HKMA"), None);
        assert_eq!(long("a radar", "GPR"), None);
        // Initials first: the second "T" is "Taiwan"'s, not the last letter of "Talent".
        assert_eq!(
            long("joined the Taiwan Talent Quality System", "TTQS"),
            Some("Taiwan Talent Quality System")
        );
        assert_eq!(
            long("the Occupational Safety and Health Administration", "OSHA"),
            Some("Occupational Safety and Health Administration")
        );
        // A function word's letter only where no word before it has it: the O is Office's.
        assert_eq!(
            long("audited by the Office of Technical Intern Training", "OTIT"),
            Some("Office of Technical Intern Training")
        );
        assert_eq!(
            long("rules of Technical Intern Training", "OTIT"),
            Some("of Technical Intern Training")
        );
    }

    #[test]
    fn an_abbreviation_spelled_out_as_another_name_is_flagged_with_the_glossarys() {
        assert_eq!(
            check(
                GLOSSARY,
                "The Agency worked with the National Information Security Center (NISC) on it."
            ),
            [(
                "National Information Security Center".to_string(),
                "National Center of Incident Readiness and Strategy for Cybersecurity".to_string()
            )]
        );
        assert_eq!(
            check(GLOSSARY, "Geophysical penetration radar (GPR) was used."),
            [(
                "Geophysical penetration radar".to_string(),
                "Ground-penetrating radar".to_string()
            )]
        );
    }

    #[test]
    fn the_glossarys_long_form_takes_the_number_of_the_words_it_replaces() {
        let glossary = "term\taccepted\nTechnology and Innovation Support Center\tTISC\n";
        assert_eq!(
            check(
                glossary,
                "Technology and Information Support Centers (TISCs) reached 126."
            ),
            [(
                "Technology and Information Support Centers".to_string(),
                "Technology and Innovation Support Centers".to_string()
            )]
        );
    }

    #[test]
    fn a_name_before_another_languages_abbreviation_is_read_as_its_long_form() {
        // "BfR" and "BSI" spell German names: the name before the bracket is read whole,
        // and reported where it says the glossary's name in other words.
        let glossary = "term\taccepted\n\
            German Federal Institute for Risk Assessment\tFederal Institute for Risk Assessment|BfR\n\
            Federal Office for Information Security\tBSI\n";
        assert_eq!(
            check(
                glossary,
                "With this report, the Federal Institute for Risk Evaluation (BfR) presents its work."
            ),
            [(
                "Federal Institute for Risk Evaluation".to_string(),
                "German Federal Institute for Risk Assessment".to_string()
            )]
        );
        assert_eq!(
            check(
                glossary,
                "The Federal Agency for Information Security (BSI) warned."
            ),
            [(
                "Federal Agency for Information Security".to_string(),
                "Federal Office for Information Security".to_string()
            )]
        );
        // The name shortened, or another name altogether, is no rendering of it.
        for text in [
            "the Institute for Risk Assessment (BfR) said.",
            "the Federal Institute for Risk Assessment (BfR) said.",
            "Talks with Microsoft Corporation (BSI) went on.",
        ] {
            assert_eq!(check(glossary, text), [], "{text}");
        }
    }

    #[test]
    fn the_glossarys_own_long_form_or_no_definition_is_left_alone() {
        for text in [
            "The Hong Kong Monetary Authority (HKMA) said so.",
            "The Hong Kong Monetary Authority’s (HKMA) view.",
            "Surveys used ground penetrating radars (GPR).",
            "The HKMA said so; the NISC (NISC) agreed.",
            "It said (HKMA) nothing.",
            "The Enhanced Competency Framework (ECF) for bankers.",
        ] {
            assert_eq!(check(GLOSSARY, text), [], "{text}");
        }
    }
}
