//! Listed variants: wrong renderings a terminologist wrote into the glossary.

use super::{Rule, RuleMeta, Stage, with_fix};
use crate::check::arbitrate::{Claim, LISTED_RANK};
use crate::check::document::{Document, Payload, Target};
use crate::check::finding::{Applicability, Evidence, Finding, rule};
use crate::check::matcher::Form;
use crate::check::site::Site;
use crate::glossary::{FixMode, Glossary, Kind};
use crate::text::inflect::{self, Inflection};

pub const META: RuleMeta = RuleMeta {
    id: rule::VARIANT,
    default: true,
    stage: Stage::Match,
    summary: "a wrong rendering of a term that the glossary lists (\"pioneers\" for \"precursors\")",
};

/// Confidence of a listed variant: the glossary says it is wrong.
const LISTED_CONFIDENCE: f32 = 0.9;
/// A listed variant with its context cue present is surer still.
const LISTED_WITH_CUE_CONFIDENCE: f32 = 0.95;

/// A listed wrong rendering of an entry, with the correction it calls for.
#[derive(Debug, Clone)]
pub struct Rendering {
    pub entry: usize,
    /// The base form of the wrong rendering.
    pub form: String,
    /// The base form of the correction.
    pub correction: String,
}

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

/// The rule: judges the listed variants the checker's index found.
pub struct ListedVariants {
    renderings: Vec<Rendering>,
}

impl ListedVariants {
    pub fn new(glossary: &Glossary) -> ListedVariants {
        ListedVariants {
            renderings: renderings(glossary),
        }
    }

    /// The listed variants, indexed by [`Target::Rendering`].
    pub fn renderings(&self) -> &[Rendering] {
        &self.renderings
    }

    /// The forms the checker's index looks for: each variant, inflected.
    pub fn forms(&self, glossary: &Glossary) -> Vec<Form<Payload>> {
        let mut forms = Vec::new();
        for (index, rendering) in self.renderings.iter().enumerate() {
            let entry = &glossary.entries[rendering.entry];
            // Fixed expressions are matched as written: inflecting "on malicious intention"
            // would call for "in bad faiths". Their glossary lists each form.
            let inflected = if entry.kind == Kind::Phrase {
                vec![(Inflection::Base, rendering.form.clone())]
            } else {
                inflect::forms(&rendering.form)
            };
            for (inflection, text) in inflected {
                forms.push(Form {
                    text,
                    case: entry.case,
                    payload: (rendering.entry, Target::Rendering { index, inflection }),
                });
            }
        }
        forms
    }
}

impl Rule for ListedVariants {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, doc: &Document<'_>, out: &mut Vec<Claim>) {
        for hit in &doc.hits {
            let (entry, Target::Rendering { index, inflection }) = *hit.payload else {
                continue;
            };
            let rendering = &self.renderings[index];
            let site = doc.site(hit.span, entry);
            if site.cues.vetoed(entry, hit.span) {
                continue;
            }
            let Some(finding) = judge(&site) else {
                continue;
            };
            let applicability = match site.entry.fix {
                FixMode::Safe => Applicability::Safe,
                FixMode::Suggest => Applicability::Unsafe,
            };
            let finding = with_fix(
                finding,
                &site,
                &rendering.form,
                &rendering.correction,
                inflection,
                applicability,
            );
            out.push(Claim {
                span: hit.span,
                entry: Some(entry),
                rank: LISTED_RANK,
                finding: Some(finding),
            });
        }
    }
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
    let confidence = if cue.is_some() {
        LISTED_WITH_CUE_CONFIDENCE
    } else {
        LISTED_CONFIDENCE
    };
    let mut evidence = vec![Evidence::new(
        "glossary",
        LISTED_CONFIDENCE,
        format!(
            "listed as a wrong rendering of '{}' ({})",
            entry.term, entry.origin
        ),
    )];
    if let Some(cue) = cue {
        message.push_str(&format!("; context cue '{cue}' nearby"));
        evidence.push(Evidence::new(
            "context",
            LISTED_WITH_CUE_CONFIDENCE / LISTED_CONFIDENCE,
            format!("context cue '{cue}' nearby"),
        ));
    }
    if let Some(note) = &entry.note {
        message.push_str(&format!(". {note}"));
    }
    let mut finding = Finding::about(
        rule::VARIANT,
        site.span,
        entry,
        entry.severity,
        confidence,
        message,
    );
    finding.evidence = evidence;
    Some(finding)
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
