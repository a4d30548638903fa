//! TBX (ISO 30042) termbases: v2 (`martif`, `termEntry/langSet/tig|ntig`) and v3 (`tbx`,
//! `conceptEntry/langSec/termSec`, TBX-Basic or TBX-Core, DCA or DCT style).
//!
//! Each concept becomes an entry for the chosen language: its preferred term is the term,
//! other preferred and admitted terms are accepted forms, deprecated and superseded terms are
//! wrong variants. [`concepts`] keeps every language's terms, for callers that want the
//! source-language forms too.
//!
//! XML is parsed by `roxmltree`, which never reads a DTD or an external entity from anywhere
//! and bounds entity expansion; external entities are refused outright here, so a glossary
//! cannot make termlint read a file or expand a "billion laughs".

use roxmltree::{Document, Node, ParsingOptions};

use super::{Entry, GlossaryError, Origin};

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Most nodes a termbase may have: far above any real glossary, far below what exhausts memory.
const NODES_LIMIT: u32 = 20_000_000;

/// How a termbase rates a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// `preferredTerm-admn-sts` (also standardized, legal, regulated, or no status at all).
    Preferred,
    /// `admittedTerm-admn-sts`: correct, but not the first choice.
    Admitted,
    /// `deprecatedTerm-admn-sts`, `supersededTerm-admn-sts` and the like: wrong.
    Deprecated,
}

/// One term of a concept, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The `xml:lang` of its language section, as written (`en`, `en-US`).
    pub lang: String,
    pub text: String,
    pub status: Status,
    pub line: usize,
}

/// A concept entry with the terms of every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    pub id: Option<String>,
    pub line: usize,
    /// Its definition, if it gives one.
    pub definition: Option<String>,
    pub terms: Vec<Term>,
}

/// Reads every concept of a TBX file, in every language.
pub fn concepts(name: &str, text: &str) -> Result<Vec<Concept>, GlossaryError> {
    let error = |line: usize, message: String| GlossaryError {
        file: name.to_string(),
        line,
        message,
    };
    let refuse = |_: Option<&str>, uri: &str| -> Result<Option<&str>, String> {
        Err(format!(
            "the file declares an external entity (`{uri}`); termlint never reads one"
        ))
    };
    let options = ParsingOptions {
        allow_dtd: true,
        nodes_limit: NODES_LIMIT,
        entity_resolver: Some(&refuse),
    };
    let doc = Document::parse_with_options(text, options)
        .map_err(|e| error(e.pos().row as usize, format!("invalid TBX: {e}")))?;
    let root = doc.root_element();
    if !matches!(root.tag_name().name(), "martif" | "tbx") {
        return Err(error(
            line_of(&doc, root),
            format!(
                "not a TBX file: the root element is `{}`, not `martif` or `tbx`",
                root.tag_name().name()
            ),
        ));
    }
    root.descendants()
        .filter(|n| matches!(n.tag_name().name(), "termEntry" | "conceptEntry"))
        .map(|node| concept(&doc, node).map_err(|(line, message)| error(line, message)))
        .collect()
}

/// The line of a node.
fn line_of(doc: &Document, node: Node) -> usize {
    doc.text_pos_at(node.range().start).row as usize
}

/// One concept entry: its definition and its terms in every language; an error is a line
/// and a message.
fn concept(doc: &Document, concept: Node) -> Result<Concept, (usize, String)> {
    let definition = concept
        .descendants()
        .find(|n| {
            n.tag_name().name() == "definition"
                || (n.tag_name().name() == "descrip" && n.attribute("type") == Some("definition"))
        })
        .map(text_of)
        .filter(|d| !d.is_empty());
    let terms = concept
        .descendants()
        .filter(|n| matches!(n.tag_name().name(), "tig" | "ntig" | "termSec"))
        .map(|container| term(doc, container))
        .collect::<Result<Vec<Term>, _>>()?;
    Ok(Concept {
        id: concept.attribute("id").map(String::from),
        line: line_of(doc, concept),
        definition,
        terms,
    })
}

/// The term of a term container (`tig`, `ntig`, `termSec`), with its language and status.
fn term(doc: &Document, container: Node) -> Result<Term, (usize, String)> {
    let Some(term) = container
        .descendants()
        .find(|n| n.tag_name().name() == "term")
    else {
        return Err((
            line_of(doc, container),
            format!("`{}` without a `term`", container.tag_name().name()),
        ));
    };
    let lang = container
        .ancestors()
        .find_map(|n| n.attribute((XML_NS, "lang")))
        .ok_or_else(|| {
            (
                line_of(doc, container),
                "term without an xml:lang".to_string(),
            )
        })?;
    let status = match container.descendants().find(is_status) {
        None => Status::Preferred,
        Some(node) => parse_status(&text_of(node)).ok_or_else(|| {
            (
                line_of(doc, node),
                format!("unknown administrative status `{}`", text_of(node)),
            )
        })?,
    };
    Ok(Term {
        lang: lang.to_string(),
        text: text_of(term),
        status,
        line: line_of(doc, term),
    })
}

/// The entries of a TBX file for one language (`lang`, or the only language it has besides
/// `source_lang`); with `source_lang`, the correct terms of that language are each entry's
/// source forms.
pub(super) fn parse(
    name: &str,
    text: &str,
    lang: Option<&str>,
    source_lang: Option<&str>,
) -> Result<Vec<Entry>, GlossaryError> {
    let concepts = concepts(name, text)?;
    let error = |line: usize, message: String| GlossaryError {
        file: name.to_string(),
        line,
        message,
    };
    let lang = match lang {
        Some(lang) => lang.to_string(),
        None => only_language(&concepts, source_lang).map_err(|m| error(0, m))?,
    };
    let mut entries = Vec::new();
    for concept in &concepts {
        let in_lang = |wanted: &str| -> Vec<&Term> {
            let terms = concept.terms.iter();
            terms.filter(|t| lang_matches(&t.lang, wanted)).collect()
        };
        let terms = in_lang(&lang);
        if terms.is_empty() {
            continue;
        }
        let mut entry = entry(name, concept, &terms, &lang).map_err(|m| error(concept.line, m))?;
        if let Some(source_lang) = source_lang {
            let sources = correct(&in_lang(source_lang));
            entry.source = sources.into_iter().map(|t| t.text.clone()).collect();
        }
        entries.push(entry);
    }
    Ok(entries)
}

/// The one language of the termbase besides `source_lang`, or an error asking for --lang.
fn only_language(concepts: &[Concept], source_lang: Option<&str>) -> Result<String, String> {
    let mut langs: Vec<String> = concepts
        .iter()
        .flat_map(|c| &c.terms)
        .filter(|t| source_lang.is_none_or(|s| !lang_matches(&t.lang, s)))
        .map(|t| primary(&t.lang))
        .collect();
    langs.sort();
    langs.dedup();
    match langs.as_slice() {
        [only] => Ok(only.clone()),
        [] => Ok(String::new()),
        many => Err(format!(
            "the termbase holds several languages ({}): choose one with --lang",
            many.join(", ")
        )),
    }
}

/// The preferred terms, then the admitted ones.
fn correct<'t>(terms: &[&'t Term]) -> Vec<&'t Term> {
    let preferred = terms.iter().filter(|t| t.status == Status::Preferred);
    let admitted = terms.iter().filter(|t| t.status == Status::Admitted);
    preferred.chain(admitted).copied().collect()
}

/// The entry of a concept from its `terms` in one language: the first correct term is the
/// term, the other correct ones are accepted, the deprecated ones are wrong variants.
fn entry(name: &str, concept: &Concept, terms: &[&Term], lang: &str) -> Result<Entry, String> {
    let correct = correct(terms);
    let Some(term) = correct.first() else {
        let id = concept.id.as_deref().unwrap_or("?");
        return Err(format!(
            "concept `{id}` has only deprecated `{lang}` terms: no correct form to suggest"
        ));
    };
    let mut entry = Entry::new(
        term.text.clone(),
        Origin {
            file: name.to_string(),
            line: term.line,
        },
    );
    entry.accepted = correct[1..].iter().map(|t| t.text.clone()).collect();
    entry.variants = terms
        .iter()
        .filter(|t| t.status == Status::Deprecated)
        .map(|t| t.text.clone())
        .collect();
    entry.note = concept.definition.clone();
    entry.given.note = entry.note.is_some();
    Ok(entry)
}

/// An administrative-status data category, DCA (`termNote type=...`) or DCT (an element).
fn is_status(node: &Node) -> bool {
    const TYPES: [&str; 2] = ["administrativeStatus", "normativeAuthorization"];
    let name = node.tag_name().name();
    TYPES.contains(&name)
        || (name == "termNote" && node.attribute("type").is_some_and(|t| TYPES.contains(&t)))
}

/// The statuses TBX names, and the spellings termbases use in practice.
fn parse_status(value: &str) -> Option<Status> {
    let key: String = value
        .trim()
        .to_ascii_lowercase()
        .trim_end_matches("-admn-sts")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let key = key.strip_suffix("term").unwrap_or(&key);
    match key {
        "" | "preferred" | "standardized" | "standardised" | "legal" | "regulated" => {
            Some(Status::Preferred)
        }
        "admitted" | "permitted" | "accepted" | "allowed" => Some(Status::Admitted),
        "deprecated" | "superseded" | "obsolete" | "forbidden" | "notrecommended" | "rejected"
        | "donotuse" | "proscribed" | "banned" => Some(Status::Deprecated),
        _ => None,
    }
}

/// The text of an element, inline markup and all.
fn text_of(node: Node) -> String {
    let text: String = node
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn primary(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// `en` picks `en`, `en-US` and `en-GB`; `en-US` picks only `en-US`.
pub(crate) fn lang_matches(tag: &str, wanted: &str) -> bool {
    let tag = tag.replace('_', "-").to_ascii_lowercase();
    let wanted = wanted.replace('_', "-").to_ascii_lowercase();
    tag == wanted || tag.starts_with(&format!("{wanted}-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_in_the_standard_and_common_spellings() {
        for (value, status) in [
            ("preferredTerm-admn-sts", Status::Preferred),
            ("admittedTerm-admn-sts", Status::Admitted),
            ("deprecatedTerm-admn-sts", Status::Deprecated),
            ("supersededTerm-admn-sts", Status::Deprecated),
            ("Deprecated", Status::Deprecated),
            ("do not use", Status::Deprecated),
            ("preferred", Status::Preferred),
        ] {
            assert_eq!(parse_status(value), Some(status), "{value}");
        }
        assert_eq!(parse_status("maybe"), None);
    }

    #[test]
    fn a_second_language_gives_the_source_forms() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/bitext/glossary.tbx"
        ))
        .unwrap();
        // With --source-lang, the other language is the target's without --lang.
        let entries = parse("g.tbx", &text, None, Some("zh")).unwrap();
        let hkma = &entries[1];
        assert_eq!(hkma.term, "Hong Kong Monetary Authority");
        // Correct source terms, preferred first; deprecated ones are no source forms.
        assert_eq!(hkma.source, ["香港金融管理局", "金管局"]);
        assert_eq!(entries[0].source, ["外匯基金"]);
        // Without it, the entries have no source forms, and two languages need --lang.
        assert!(
            parse("g.tbx", &text, Some("en"), None).unwrap()[1]
                .source
                .is_empty()
        );
        let err = parse("g.tbx", &text, None, None).unwrap_err();
        assert!(err.message.contains("several languages (en, zh)"), "{err}");
    }

    #[test]
    fn a_language_picks_its_regional_variants() {
        assert!(lang_matches("en-US", "en"));
        assert!(lang_matches("EN", "en"));
        assert!(!lang_matches("en-US", "en-GB"));
        assert!(!lang_matches("eng", "en"));
    }
}
