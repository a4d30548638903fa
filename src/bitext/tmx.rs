//! TMX 1.4, the exchange format of translation memories: in each translation unit (`tu`),
//! the segment of the source language and that of the target language, read into a
//! [`Bitext`] whose target segments are the byte ranges of their words in the file (see
//! [`crate::bitext::segment_xml`]).
//!
//! The source language is the one asked for, else the header's `srclang`; the target language
//! the one asked for, else the one other language of each unit. Units that lack either are
//! left out.

use roxmltree::Node;

use crate::bitext::segment_xml::{self, children, line_of};
use crate::bitext::{Bitext, BitextError, Layout};
use crate::glossary::tbx::lang_matches;

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Reads a TMX file; `source_lang` and `target_lang` pick the languages (`en` also picks
/// `en-US`).
pub fn read(
    text: &str,
    source_lang: Option<&str>,
    target_lang: Option<&str>,
) -> Result<Bitext, BitextError> {
    let doc = segment_xml::parse(text, "TMX")?;
    let root = doc.root_element();
    let error = |node: Node, message: String| BitextError {
        line: line_of(&doc, node),
        message,
    };
    if root.tag_name().name() != "tmx" {
        return Err(error(
            root,
            format!(
                "not a TMX file: the root element is `{}`, not `tmx`",
                root.tag_name().name()
            ),
        ));
    }
    let header = children(root, "header").next();
    let source_lang = match source_lang {
        Some(lang) => lang.to_string(),
        None => match header.and_then(|h| h.attribute("srclang")) {
            Some(lang) if !lang.eq_ignore_ascii_case("*all*") => lang.to_string(),
            _ => {
                return Err(error(
                    header.unwrap_or(root),
                    "the header names no source language (srclang): choose one with \
                     --source-lang"
                        .to_string(),
                ));
            }
        },
    };
    let mut pairs = Vec::new();
    for unit in root.descendants().filter(|n| n.tag_name().name() == "tu") {
        let variants: Vec<(&str, Node)> = children(unit, "tuv")
            .filter_map(|tuv| {
                let lang = tuv.attribute((XML_NS, "lang")).or(tuv.attribute("lang"))?;
                Some((lang, children(tuv, "seg").next()?))
            })
            .collect();
        let Some(&(_, source)) = variants
            .iter()
            .find(|(lang, _)| lang_matches(lang, &source_lang))
        else {
            continue;
        };
        let others: Vec<&(&str, Node)> = variants
            .iter()
            .filter(|(lang, _)| !lang_matches(lang, &source_lang))
            .filter(|(lang, _)| target_lang.is_none_or(|t| lang_matches(lang, t)))
            .collect();
        match others.as_slice() {
            [] => {}
            [(_, target)] => pairs.push((source, *target)),
            many => {
                let langs: Vec<&str> = many.iter().map(|(lang, _)| *lang).collect();
                return Err(error(
                    unit,
                    format!(
                        "the unit has several target languages ({}): choose one with --lang",
                        langs.join(", ")
                    ),
                ));
            }
        }
    }
    Ok(segment_xml::bitext(text, &pairs, Layout::Tmx))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
<header srclang="zh-HK" creationtool="t" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="t"/>
<body>
<tu><tuv xml:lang="zh-HK"><seg>外匯基金</seg></tuv><tuv xml:lang="en"><seg>The <hi>Fund</hi></seg></tuv><tuv xml:lang="de"><seg>Der Fonds</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>No source here</seg></tuv></tu>
</body>
</tmx>"#;

    fn targets<'t>(text: &'t str, source: Option<&str>, target: Option<&str>) -> Vec<&'t str> {
        let b = read(text, source, target).unwrap();
        b.segments
            .iter()
            .map(|s| &text[s.target.start..s.target.end])
            .collect()
    }

    #[test]
    fn languages_come_from_the_options_or_the_header() {
        assert_eq!(targets(TMX, None, Some("en")), ["The <hi>Fund</hi>"]);
        assert_eq!(targets(TMX, Some("zh"), Some("de")), ["Der Fonds"]);
        assert_eq!(targets(TMX, Some("en"), Some("de")), ["Der Fonds"]);
        let err = read(TMX, None, None).unwrap_err();
        assert_eq!(err.line, 6, "{err}");
        assert!(
            err.message.contains("several target languages (en, de)"),
            "{err}"
        );
    }

    #[test]
    fn a_header_without_a_source_language_needs_the_option() {
        let text = TMX.replace("srclang=\"zh-HK\"", "srclang=\"*all*\"");
        let err = read(&text, None, Some("en")).unwrap_err();
        assert!(err.message.contains("--source-lang"), "{err}");
        assert_eq!(
            targets(&text, Some("zh"), Some("en")),
            ["The <hi>Fund</hi>"]
        );
    }
}
