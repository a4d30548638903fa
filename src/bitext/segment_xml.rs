//! The XML of bilingual files (XLIFF, TMX): parsed safely, and each segment's words found byte
//! by byte in the file, so that checks see only text and fixes rewrite only text.
//!
//! XML is parsed by `roxmltree`, which never reads a DTD or an external entity. A bilingual
//! file that declares entities of its own is refused: their expansions have no place in the
//! file that a span could point at, and refusing them also rules out a "billion laughs".

use roxmltree::{Document, Node, ParsingOptions};

use crate::bitext::{Bitext, BitextError, Layout, Segment};
use crate::text::span::Span;

/// Most nodes a bilingual file may have: far above any real file, far below what exhausts
/// memory.
const NODES_LIMIT: u32 = 20_000_000;

/// Inline elements whose content is the original document's code (formatting, placeholders),
/// not words: XLIFF 1.2 and TMX `bpt`, `ept`, `it`, `ph`, `ut`; XLIFF 2 `ph` is empty anyway.
const CODE: [&str; 5] = ["bpt", "ept", "it", "ph", "ut"];

/// Parses `text` as XML, or says at which line it is malformed.
pub(crate) fn parse<'t>(text: &'t str, format: &str) -> Result<Document<'t>, BitextError> {
    let options = ParsingOptions {
        allow_dtd: true,
        nodes_limit: NODES_LIMIT,
        entity_resolver: Some(&refuse_external),
    };
    let doc = Document::parse_with_options(text, options).map_err(|e| BitextError {
        line: e.pos().row as usize,
        message: format!("invalid {format}: {e}"),
    })?;
    let root = doc.root_element();
    if let Some(at) = text[..root.range().start].find("<!ENTITY") {
        return Err(BitextError {
            line: doc.text_pos_at(at).row as usize,
            message: format!(
                "the {format} file declares entities; termlint reads bilingual files without \
                 them (their text has no place in the file that a fix could rewrite)"
            ),
        });
    }
    Ok(doc)
}

fn refuse_external<'e>(_: Option<&str>, uri: &str) -> Result<Option<&'e str>, String> {
    Err(format!(
        "the file declares an external entity (`{uri}`); termlint never reads one"
    ))
}

/// The line of a node, for errors.
pub(crate) fn line_of(doc: &Document, node: Node) -> usize {
    doc.text_pos_at(node.range().start).row as usize
}

/// An element's child elements named `name` (any namespace).
pub(crate) fn children<'a, 'i>(
    node: Node<'a, 'i>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(move |n| n.is_element() && n.tag_name().name() == name)
}

/// Builds the bitext of `(source, target)` segment elements: the sources' plain text, one
/// line each, and the targets as the byte ranges of their text in `text`. A target without
/// text (empty, or not translated yet) has nothing to check and is left out.
pub(crate) fn bitext(text: &str, pairs: &[(Node, Node)], layout: Layout) -> Bitext {
    let mut source = String::new();
    let mut segments = Vec::new();
    let mut prose = Vec::new();
    let (mut sources, mut targets) = (String::new(), String::new());
    for (source_node, target_node) in pairs {
        let Some((content, words)) = target_prose(text, *target_node) else {
            continue;
        };
        if words.is_empty() {
            continue;
        }
        let plain = plain_text(*source_node);
        let start = source.len();
        source.push_str(&plain);
        segments.push(Segment {
            source: Span::new(start, source.len()),
            target: content,
        });
        source.push('\n');
        sources.push_str(&plain);
        sources.push('\n');
        for span in &words {
            targets.push_str(&text[span.start..span.end]);
            targets.push(' ');
        }
        targets.push('\n');
        prose.extend(words);
    }
    let same_language = crate::bitext::same_language(&sources, &targets);
    Bitext {
        source,
        segments,
        layout,
        same_language,
        prose,
    }
}

/// The words of a source segment: its text without code, a code element counting as a space
/// (a placeholder stands between words), on one line.
fn plain_text(node: Node) -> String {
    let mut out = String::new();
    for child in node.children() {
        if child.is_text() {
            out.push_str(child.text().unwrap_or(""));
        } else if child.is_element() {
            if CODE.contains(&child.tag_name().name()) || !child.has_children() {
                out.push(' ');
            } else {
                out.push_str(&plain_text(child));
            }
        }
    }
    out.replace(['\n', '\r'], " ")
}

/// The content span of a target element in `text`, and the byte ranges of its words: tags,
/// code elements, comments, processing instructions, character references and CDATA markers
/// left out. `None` for an empty element (`<target/>`).
fn target_prose(text: &str, node: Node) -> Option<(Span, Vec<Span>)> {
    let range = node.range();
    let start = tag_end(text, range.start);
    if text[..start].ends_with("/>") {
        return None;
    }
    let end = range.start + text[range.clone()].rfind("</")?;
    let mut holes: Vec<Span> = Vec::new();
    for inner in node.descendants().skip(1) {
        let r = inner.range();
        if inner.is_element() {
            let open_end = tag_end(text, r.start);
            if CODE.contains(&inner.tag_name().name()) || text[..open_end].ends_with("/>") {
                holes.push(Span::new(r.start, r.end));
            } else {
                holes.push(Span::new(r.start, open_end));
                let close = r.start + text[r.clone()].rfind("</").unwrap_or(0);
                holes.push(Span::new(close, r.end));
            }
        } else if inner.is_comment() || inner.is_pi() {
            holes.push(Span::new(r.start, r.end));
        }
    }
    holes.sort();
    let mut words = Vec::new();
    let mut at = start;
    for hole in holes.into_iter().chain([Span::new(end, end)]) {
        if at < hole.start {
            cut_references(text, Span::new(at, hole.start), &mut words);
        }
        at = at.max(hole.end);
    }
    Some((Span::new(start, end), words))
}

/// The end (after `>`) of the tag starting at `at`; `>` in quoted attribute values is skipped.
fn tag_end(text: &str, at: usize) -> usize {
    let mut quote = None;
    for (i, b) in text.as_bytes()[at..].iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(*b),
            (Some(q), _) if q == *b => quote = None,
            (None, b'>') => return at + i + 1,
            _ => {}
        }
    }
    text.len()
}

/// Pushes the parts of `span` that are words: character references (`&amp;`) and CDATA
/// markers are left out (a reference is a word break; its decoded text is not checked).
fn cut_references(text: &str, span: Span, words: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let mut start = span.start;
    let mut i = span.start;
    while i < span.end {
        let hole = if bytes[i] == b'&' {
            bytes[i..span.end]
                .iter()
                .position(|&b| b == b';')
                .map(|n| n + 1)
        } else if bytes[i..span.end].starts_with(b"<![CDATA[") {
            Some("<![CDATA[".len())
        } else if bytes[i..span.end].starts_with(b"]]>") {
            Some("]]>".len())
        } else {
            None
        };
        match hole {
            Some(len) => {
                if start < i {
                    words.push(Span::new(start, i));
                }
                i += len;
                start = i;
            }
            None => i += 1,
        }
    }
    if start < span.end {
        words.push(Span::new(start, span.end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(xml: &str) -> Vec<&str> {
        let doc = parse(xml, "XML").unwrap();
        let target = doc
            .descendants()
            .find(|n| n.tag_name().name() == "target")
            .unwrap();
        let (_, words) = target_prose(xml, target).unwrap();
        words.iter().map(|s| &xml[s.start..s.end]).collect()
    }

    #[test]
    fn target_words_leave_out_tags_code_and_references() {
        let xml = r#"<t><target a=">">The <g id="1">Exchange</g> Fund<x id="2"/> &amp; <bpt id="3">&lt;b&gt;</bpt>HKMA<ept id="3">&lt;/b&gt;</ept><!-- c --><![CDATA[ grew]]></target></t>"#;
        assert_eq!(
            words_of(xml),
            ["The ", "Exchange", " Fund", " ", " ", "HKMA", " grew"]
        );
    }

    #[test]
    fn source_text_has_no_code_and_no_line_breaks() {
        let xml = "<s>外匯<ph id=\"1\">&lt;br/&gt;</ph>基金\n<g id=\"2\">金管局</g></s>";
        let doc = parse(xml, "XML").unwrap();
        assert_eq!(plain_text(doc.root_element()), "外匯 基金 金管局");
    }

    #[test]
    fn declared_entities_are_refused_with_their_line() {
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [\n<!ENTITY a \"aaaa\">\n]>\n<x>&a;</x>";
        let err = parse(xml, "XLIFF").unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert!(err.message.contains("declares entities"), "{err}");
    }
}
