//! XLIFF 1.2 and 2.x, the exchange format of translation tools: each unit's `source` and
//! `target`, read into a [`Bitext`] whose target segments are the byte ranges of the targets'
//! words in the file (see [`crate::bitext::segment_xml`]).
//!
//! XLIFF 1.2: the `source` and `target` children of each `trans-unit` (alternative
//! translations, `alt-trans`, are not the translation and are left alone); a unit that a tool
//! has split into sentences (`seg-source`, and `mrk mtype="seg"` in both) gives a pair per
//! sentence, matched by `mid`, in the target's order. XLIFF 2.x: the `source` and `target` of each `segment` of a
//! `unit`. Units marked `translate="no"` are left out.

use roxmltree::Node;

use crate::bitext::segment_xml::{self, children, line_of};
use crate::bitext::{Bitext, BitextError, Layout};

/// Reads an XLIFF file.
pub fn read(text: &str) -> Result<Bitext, BitextError> {
    let doc = segment_xml::parse(text, "XLIFF")?;
    let root = doc.root_element();
    let error = |node: Node, message: String| BitextError {
        line: line_of(&doc, node),
        message,
    };
    if root.tag_name().name() != "xliff" {
        return Err(error(
            root,
            format!(
                "not an XLIFF file: the root element is `{}`, not `xliff`",
                root.tag_name().name()
            ),
        ));
    }
    let version = root.attribute("version").unwrap_or("");
    let unit = match version.split('.').next() {
        Some("1") => "trans-unit",
        Some("2") => "segment",
        _ => {
            return Err(error(
                root,
                format!("XLIFF version `{version}`: termlint reads 1.2 and 2.x"),
            ));
        }
    };
    let mut pairs = Vec::new();
    for node in root.descendants().filter(|n| n.tag_name().name() == unit) {
        if node
            .ancestors()
            .any(|n| n.attribute("translate") == Some("no"))
        {
            continue;
        }
        let (Some(source), target) = (
            children(node, "source").next(),
            children(node, "target").next(),
        ) else {
            return Err(error(node, format!("`{unit}` without a `source`")));
        };
        if let Some(target) = target {
            match sentence_pairs(node, target) {
                split if !split.is_empty() => pairs.extend(split),
                _ => pairs.push((source, target)),
            }
        }
    }
    Ok(segment_xml::bitext(text, &pairs, Layout::Xliff))
}

/// The sentence pairs of an XLIFF 1.2 `trans-unit` split by a tool: each `mrk mtype="seg"` of
/// its `seg-source` with the target's `mrk` of the same `mid`. None when the unit is not split
/// (then its `source` and `target` are the pair); a sentence not translated yet is left out.
fn sentence_pairs<'a, 'i>(
    unit: Node<'a, 'i>,
    target: Node<'a, 'i>,
) -> Vec<(Node<'a, 'i>, Node<'a, 'i>)> {
    let Some(seg_source) = children(unit, "seg-source").next() else {
        return Vec::new();
    };
    let sentences = |node: Node<'a, 'i>| {
        node.descendants()
            .filter(|n| n.tag_name().name() == "mrk" && n.attribute("mtype") == Some("seg"))
    };
    // In the target's order, which may differ from the source's: spans must ascend in the file.
    sentences(target)
        .filter_map(|target| {
            let mid = target.attribute("mid")?;
            let source = sentences(seg_source).find(|s| s.attribute("mid") == Some(mid))?;
            Some((source, target))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(text: &str) -> Vec<(String, &str)> {
        let b = read(text).unwrap();
        b.segments
            .iter()
            .map(|s| {
                (
                    b.source_of(s).to_string(),
                    &text[s.target.start..s.target.end],
                )
            })
            .collect()
    }

    #[test]
    fn reads_the_units_of_xliff_1_2_but_not_alternatives() {
        let text = r#"<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="zh" target-language="en" datatype="plaintext" original="a.txt">
  <body>
   <trans-unit id="1"><source>外匯<x id="1"/>基金</source><target>The <g id="2">Fund</g></target>
    <alt-trans><target>Something else</target></alt-trans></trans-unit>
   <trans-unit id="2"><source>金管局</source></trans-unit>
   <trans-unit id="3" translate="no"><source>HKMA</source><target>HKMA</target></trans-unit>
  </body>
 </file>
</xliff>"#;
        assert_eq!(
            targets(text),
            [("外匯 基金".to_string(), r#"The <g id="2">Fund</g>"#)]
        );
    }

    #[test]
    fn pairs_the_sentences_of_a_split_xliff_1_2_unit_by_mid() {
        let text = r#"<xliff version="1.2"><file source-language="zh" target-language="en"><body>
<trans-unit id="1"><source>外匯基金。金管局。</source>
<seg-source><mrk mtype="seg" mid="1">外匯基金。</mrk><mrk mtype="seg" mid="2">金管局<mrk mtype="term">。</mrk></mrk></seg-source>
<target><mrk mtype="seg" mid="2">The <mrk mtype="term">HKMA</mrk>.</mrk> <mrk mtype="seg" mid="1">The Fund.</mrk></target>
</trans-unit></body></file></xliff>"#;
        assert_eq!(
            targets(text),
            [
                (
                    "金管局。".to_string(),
                    r#"The <mrk mtype="term">HKMA</mrk>."#
                ),
                ("外匯基金。".to_string(), "The Fund.")
            ]
        );
    }

    #[test]
    fn reads_the_segments_of_xliff_2() {
        let text = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="zh" trgLang="en">
<file id="f"><unit id="u"><segment><source>外匯基金</source><target>The Fund</target></segment>
<segment><source>金管局</source><target>the <pc id="1">HKMA</pc></target></segment></unit></file></xliff>"#;
        assert_eq!(
            targets(text),
            [
                ("外匯基金".to_string(), "The Fund"),
                ("金管局".to_string(), r#"the <pc id="1">HKMA</pc>"#)
            ]
        );
    }

    #[test]
    fn malformed_or_foreign_files_are_errors_with_their_line() {
        let err = read("<xliff version=\"1.2\">\n<file>\n<body></file>").unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert!(err.message.starts_with("invalid XLIFF"), "{err}");
        let err = read("<html/>").unwrap_err();
        assert!(err.message.contains("not an XLIFF file"), "{err}");
        let err = read("<xliff version=\"3.0\"/>").unwrap_err();
        assert!(err.message.contains("1.2 and 2.x"), "{err}");
    }
}
