//! Listed variants: wrong renderings a terminologist wrote into the glossary.

use crate::checker::Rendering;
use crate::finding::{Finding, rule};
use crate::glossary::Glossary;
use crate::site::Site;

/// Confidence of a listed variant: the glossary says it is wrong.
const LISTED_CONFIDENCE: f32 = 0.9;
/// A listed variant with its context cue present is surer still.
const LISTED_WITH_CUE_CONFIDENCE: f32 = 0.95;

/// One rendering per listed variant.
pub fn renderings(glossary: &Glossary) -> Vec<Rendering> {
    glossary
        .entries
        .iter()
        .enumerate()
        .flat_map(|(entry, e)| {
            e.variants.iter().map(move |v| Rendering {
                entry,
                form: v.clone(),
                correction: e.term.clone(),
            })
        })
        .collect()
}

/// Accepts a match unless its entry needs a context cue that is not there.
pub fn judge(site: &Site) -> Option<Finding> {
    let entry = site.entry;
    let cue = site.cue();
    if !entry.context.is_empty() && cue.is_none() {
        return None;
    }
    let mut message = format!(
        "'{}' is a wrong rendering of '{}' listed in the glossary ({})",
        site.matched(),
        entry.term,
        entry.origin
    );
    if let Some(cue) = cue {
        message.push_str(&format!("; context cue '{cue}' nearby"));
    }
    if let Some(note) = &entry.note {
        message.push_str(&format!(". {note}"));
    }
    let confidence = if cue.is_some() {
        LISTED_WITH_CUE_CONFIDENCE
    } else {
        LISTED_CONFIDENCE
    };
    Some(Finding::about(
        rule::VARIANT,
        site.span,
        entry,
        entry.severity,
        confidence,
        message,
    ))
}

#[cfg(test)]
mod tests {
    use crate::checker::{CheckOptions, Checker};
    use crate::glossary::Glossary;

    fn check(glossary: &str, text: &str) -> Vec<(String, String)> {
        let checker = Checker::new(
            Glossary::parse("g.toml", glossary).unwrap(),
            CheckOptions::default(),
        );
        crate::checker::flagged(&checker, text)
    }

    const PRECURSOR: &str = r#"
[[entry]]
term = "precursor"
variants = ["pioneer", "predecessor"]
context = ["chemical", "fentanyl", "regulate"]
unless = ["his predecessor"]
"#;

    #[test]
    fn fixes_inflected_variants_with_case_copied() {
        assert_eq!(
            check(
                PRECURSOR,
                "Pioneers of fentanyl. It must regulate these predecessors."
            ),
            [
                ("Pioneers".to_string(), "Precursors".to_string()),
                ("predecessors".to_string(), "precursors".to_string())
            ]
        );
    }

    #[test]
    fn does_not_flag_without_context_or_when_vetoed() {
        assert!(check(PRECURSOR, "She was a pioneer of jazz.").is_empty());
        assert!(
            check(
                PRECURSOR,
                "Fentanyl is bad. Trump, unlike his predecessor, said so."
            )
            .is_empty()
        );
    }

    #[test]
    fn does_not_flag_correct_terms_or_parts_of_words() {
        let g = "[[entry]]\nterm = \"Biden\"\nvariants = [\"Byton\"]\nkind = \"name\"\n";
        assert!(check(g, "Biden and Bytonic and byton.").is_empty());
        assert_eq!(
            check(g, "the \u{2018}Byton\u{2019} administration"),
            [("Byton".to_string(), "Biden".to_string())]
        );
    }

    #[test]
    fn the_longest_match_wins() {
        let g = r#"
[[entry]]
term = "Ministry of Public Security"
variants = ["Ministry of Public Safety"]
kind = "org"

[[entry]]
term = "public security"
variants = ["public safety"]
"#;
        assert_eq!(
            check(g, "the Ministry of Public Safety said"),
            [(
                "Ministry of Public Safety".to_string(),
                "Ministry of Public Security".to_string()
            )]
        );
    }
}
