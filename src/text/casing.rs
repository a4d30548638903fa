//! Case patterns: how strictly a pattern's case must match, and copying the case of replaced
//! text onto its correction (Pioneers -> Precursors, PIONEER -> PRECURSOR).

use serde::{Deserialize, Serialize};

/// How a glossary form's case must match the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseRule {
    /// Uppercase letters in the pattern must be uppercase in the text; lowercase ones may be
    /// either (so "pioneer" finds "Pioneer", "Byton" does not find "byton").
    #[default]
    Smart,
    /// The text must have exactly the pattern's case.
    Exact,
    /// Any case.
    Ignore,
}

impl CaseRule {
    /// Whether `text` (already normalised) matches `pattern` under this rule. Both have the
    /// same letters up to case; the matcher has already checked that.
    pub fn accepts(self, pattern: &str, text: &str) -> bool {
        match self {
            CaseRule::Ignore => true,
            CaseRule::Exact => pattern == text,
            CaseRule::Smart => {
                let mut text_chars = text.chars();
                pattern.chars().all(|p| match text_chars.next() {
                    Some(t) => !p.is_uppercase() || t == p,
                    None => false,
                })
            }
        }
    }
}

/// Gives `replacement`, the correction of `original`, a match of the glossary form `form`,
/// the case of the text. A form the glossary writes in capitals ("CPB", "U.S. $") is an
/// abbreviation, not a shout: its capitals say nothing about how the correction is cased, so
/// the correction is taken as the glossary writes it ("Customs and Border Protection", not
/// "CUSTOMS AND BORDER PROTECTION"). A lowercase form matched in capitals is a shouted
/// heading, and its correction is shouted too.
pub fn copy_case_of_form(form: &str, original: &str, replacement: &str) -> String {
    if is_all_caps(form) {
        return replacement.to_string();
    }
    copy_case(original, replacement)
}

/// More than one letter, and every letter a capital.
fn is_all_caps(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic());
    letters.clone().nth(1).is_some() && letters.all(char::is_uppercase)
}

/// Gives `replacement` the case pattern of `original`.
pub fn copy_case(original: &str, replacement: &str) -> String {
    if is_all_caps(original) {
        return replacement.to_uppercase();
    }
    let words: Vec<&str> = original.split_whitespace().collect();
    let capitalised = |w: &&str| {
        w.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
    };
    // Title case: every word capitalised but the function words inside ("Integration of
    // Industry and Education", not "Integration Of Industry And Education").
    if words.len() > 1 && words.iter().all(capitalised) {
        return replacement
            .split(' ')
            .enumerate()
            .map(|(i, word)| {
                if i > 0 && TITLE_MINOR_WORDS.contains(&word) {
                    word.to_string()
                } else {
                    capitalise_first(word)
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
    }
    // An abbreviation first ("IP mortgage financing") says nothing of the sentence's case.
    let abbreviation_first = words.len() > 1 && words.first().is_some_and(|w| is_all_caps(w));
    if words.first().is_some_and(capitalised) && !abbreviation_first {
        return capitalise_first(replacement);
    }
    replacement.to_string()
}

/// Words a title leaves in lower case inside it: articles, coordinating conjunctions and
/// short prepositions (as most style guides have it).
const TITLE_MINOR_WORDS: [&str; 19] = [
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "nor", "of", "on", "or", "per",
    "the", "to", "via", "with",
];

fn capitalise_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case_requires_pattern_capitals() {
        assert!(CaseRule::Smart.accepts("pioneer", "Pioneer"));
        assert!(CaseRule::Smart.accepts("Byton", "BYTON"));
        assert!(!CaseRule::Smart.accepts("Byton", "byton"));
        assert!(!CaseRule::Exact.accepts("pioneer", "Pioneer"));
        assert!(CaseRule::Ignore.accepts("Byton", "byton"));
    }

    #[test]
    fn copies_case_patterns() {
        assert_eq!(copy_case("Pioneers", "precursors"), "Precursors");
        assert_eq!(copy_case("PIONEER", "precursor"), "PRECURSOR");
        assert_eq!(copy_case("pioneers", "precursors"), "precursors");
        assert_eq!(copy_case("Byton", "Biden"), "Biden");
        assert_eq!(copy_case("byton", "Biden"), "Biden");
        assert_eq!(copy_case("Rough Buyers", "rogue buyers"), "Rogue Buyers");
        assert_eq!(
            copy_case(
                "Industry-Education Fusion",
                "integration of industry and education"
            ),
            "Integration of Industry and Education"
        );
        assert_eq!(
            copy_case("Of Mice And Men", "of mice and men"),
            "Of Mice and Men"
        );
        assert_eq!(
            copy_case("Talking is cheap", "talk is cheap"),
            "Talk is cheap"
        );
        assert_eq!(
            copy_case(
                "IP mortgage financing",
                "intellectual property pledge financing"
            ),
            "intellectual property pledge financing"
        );
    }

    #[test]
    fn an_abbreviation_in_the_glossary_takes_the_correction_as_written() {
        assert_eq!(
            copy_case_of_form("CPB", "CPB", "Customs and Border Protection"),
            "Customs and Border Protection"
        );
        assert_eq!(
            copy_case_of_form("U.S. $", "U.S. $", "US dollar"),
            "US dollar"
        );
        assert_eq!(
            copy_case_of_form("CPB", "cpb", "Customs and Border Protection"),
            "Customs and Border Protection"
        );
    }

    #[test]
    fn a_shouted_lowercase_form_still_shouts_its_correction() {
        assert_eq!(
            copy_case_of_form("pioneer", "PIONEERS", "precursors"),
            "PRECURSORS"
        );
        assert_eq!(copy_case_of_form("Byton", "BYTON", "Biden"), "BIDEN");
        assert_eq!(
            copy_case_of_form("pioneer", "Pioneers", "precursors"),
            "Precursors"
        );
        // One capital letter is no abbreviation.
        assert_eq!(copy_case_of_form("X", "X", "ten"), "Ten");
    }
}
