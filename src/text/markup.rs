//! Markup-aware inputs: which bytes of a Markdown or HTML file are prose worth checking.
//!
//! A check never sees markup. [`Layout::mask`] turns a text into a copy of the same byte
//! length in which every byte that is not prose (code, URLs, tags, attributes other than `alt`
//! and `title`, `<script>`, `<style>`, comments, front matter, entities) is a space and
//! newlines are kept; where two blocks meet (a heading and the next paragraph, two table
//! cells, two `<p>`s on one line) a newline is put between them, so no sentence or doubled
//! word runs across them. Checking the copy gives spans that are byte ranges of the original
//! file as they are, so lines, columns and fixes need no mapping, and a fix can only replace
//! prose: every markup byte is kept.

use std::borrow::Cow;
use std::path::Path;

use html5gum::{DefaultEmitter, Token, Tokenizer};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::text::span::Span;

/// How a text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Markup {
    /// Every byte is prose (the default, and the behaviour before markup support).
    #[default]
    Plain,
    /// CommonMark with GFM tables, strikethrough and task lists; YAML (`---`) or TOML (`+++`)
    /// front matter is skipped.
    Markdown,
    /// HTML5, tokenized as browsers do.
    Html,
}

impl Markup {
    /// The markup a file name implies: `.md`/`.markdown`, `.html`/`.htm`/`.xhtml`, else plain.
    pub fn from_path(path: &Path) -> Markup {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("md" | "markdown") => Markup::Markdown,
            Some("html" | "htm" | "xhtml") => Markup::Html,
            _ => Markup::Plain,
        }
    }
}

/// Where the prose of a text is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// Prose byte ranges, in order, not overlapping, each with the number of its block:
    /// ranges of different blocks never form one sentence.
    pub prose: Vec<(Span, u32)>,
    /// Comments (`<!-- ... -->`, whole), where suppression comments are looked for.
    pub comments: Vec<Span>,
    /// Plain text: the whole text is prose and [`Layout::mask`] borrows it unchanged.
    plain: bool,
}

/// The prose of `text` written in `markup`.
pub fn layout(text: &str, markup: Markup) -> Layout {
    match markup {
        Markup::Plain => Layout {
            prose: vec![(Span::new(0, text.len()), 0)],
            comments: Vec::new(),
            plain: true,
        },
        Markup::Markdown => {
            let mut layout = Layout::default();
            markdown(text, &mut layout);
            layout.finish(text, true);
            layout
        }
        Markup::Html => {
            let mut layout = Layout::default();
            let mut block = 0;
            html(text, 0, &mut block, &mut layout);
            layout.finish(text, false);
            layout
        }
    }
}

impl Layout {
    /// A copy of `text` of the same length where only prose is left: every other byte is a
    /// space (newlines are kept), and a newline separates prose of different blocks.
    pub fn mask<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if self.plain {
            return Cow::Borrowed(text);
        }
        let mut bytes: Vec<u8> = text
            .bytes()
            .map(|b| if b == b'\n' { b'\n' } else { b' ' })
            .collect();
        let mut previous: Option<(Span, u32)> = None;
        for &(span, block) in &self.prose {
            bytes[span.start..span.end].copy_from_slice(&text.as_bytes()[span.start..span.end]);
            if let Some((before, before_block)) = previous
                && before_block != block
                && before.end < span.start
                && !bytes[before.end..span.start].contains(&b'\n')
            {
                bytes[before.end] = b'\n';
            }
            previous = Some((span, block));
        }
        // Prose spans start and end on character boundaries and all else is ASCII.
        Cow::Owned(String::from_utf8(bytes).expect("masked text stays UTF-8"))
    }

    fn push(&mut self, span: Span, block: u32) {
        if !span.is_empty() {
            self.prose.push((span, block));
        }
    }

    /// Sorts the prose and cuts out what is not prose inside it: character references, URLs
    /// and (in Markdown) backslashes of escapes.
    fn finish(&mut self, text: &str, markdown: bool) {
        self.prose.sort_by_key(|(span, _)| span.start);
        self.comments.sort();
        let mut cut = Vec::with_capacity(self.prose.len());
        for &(span, block) in &self.prose {
            let mut start = span.start;
            for hole in holes(&text[span.start..span.end], markdown) {
                let hole = Span::new(span.start + hole.start, span.start + hole.end);
                if start < hole.start {
                    cut.push((Span::new(start, hole.start), block));
                }
                start = hole.end;
            }
            if start < span.end {
                cut.push((Span::new(start, span.end), block));
            }
        }
        self.prose = cut;
    }
}

/// Non-prose inside a run of text: `&amp;`-style references (an opaque word break: their
/// decoded text is not checked), bare URLs, and Markdown's escaping backslashes.
fn holes(text: &str, markdown: bool) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut holes = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let end = match bytes[i] {
            b'&' => reference_end(bytes, i),
            b'\\' if markdown && bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                Some(i + 1)
            }
            b'h' | b'w' if i == 0 || !bytes[i - 1].is_ascii_alphanumeric() => url_end(text, i),
            _ => None,
        };
        match end {
            Some(end) => {
                holes.push(Span::new(i, end));
                i = end;
            }
            None => i += 1,
        }
    }
    holes
}

/// The end of a character reference (`&amp;`, `&#8217;`, `&#x2019;`) starting at `i`.
fn reference_end(bytes: &[u8], i: usize) -> Option<usize> {
    let name = bytes[i + 1..]
        .iter()
        .take(32)
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
        .count();
    (name > 0 && bytes.get(i + 1 + name) == Some(&b';')).then_some(i + 2 + name)
}

/// The end of a bare URL (`https://...`, `http://...`, `www....`) starting at `i`, without
/// the punctuation that ends the sentence around it.
fn url_end(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i..];
    if !["https://", "http://", "www."]
        .iter()
        .any(|p| rest.starts_with(p))
    {
        return None;
    }
    let len = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
        .unwrap_or(rest.len());
    let url = rest[..len].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '’', '”']);
    Some(i + url.len())
}

fn markdown(text: &str, layout: &mut Layout) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut block = 0u32;
    // Inside code blocks, front matter, autolinks and HTML blocks (read as HTML at their
    // start) text is not prose.
    let mut skip = 0usize;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                match &tag {
                    Tag::CodeBlock(_) | Tag::MetadataBlock(_) => skip += 1,
                    Tag::Link {
                        link_type: LinkType::Autolink | LinkType::Email,
                        ..
                    } => skip += 1,
                    Tag::HtmlBlock => {
                        html(&text[range.clone()], range.start, &mut block, layout);
                        skip += 1;
                    }
                    _ => {}
                }
                if !is_inline(&tag.to_end()) {
                    block += 1;
                }
            }
            Event::End(tag) => {
                match tag {
                    TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock => {
                        skip = skip.saturating_sub(1)
                    }
                    TagEnd::Link if text[range.clone()].starts_with('<') => {
                        skip = skip.saturating_sub(1)
                    }
                    _ => {}
                }
                if !is_inline(&tag) {
                    block += 1;
                }
            }
            Event::Text(_) if skip == 0 => layout.push(Span::new(range.start, range.end), block),
            Event::InlineHtml(_) | Event::Html(_) if skip == 0 => {
                html(&text[range.clone()], range.start, &mut block, layout);
            }
            _ => {}
        }
    }
}

/// Emphasis and links do not end a sentence.
fn is_inline(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// Elements whose text is not prose.
const SKIPPED: &[&[u8]] = &[
    b"script",
    b"style",
    b"code",
    b"pre",
    b"kbd",
    b"samp",
    b"template",
    b"svg",
    b"math",
];

/// Elements inside a sentence; every other element starts or ends a block.
const INLINE: &[&[u8]] = &[
    b"a", b"abbr", b"b", b"bdi", b"bdo", b"cite", b"data", b"dfn", b"em", b"font", b"i", b"ins",
    b"del", b"mark", b"q", b"s", b"small", b"span", b"strong", b"sub", b"sup", b"time", b"u",
    b"var", b"wbr",
];

/// Attributes whose values are prose.
const PROSE_ATTRIBUTES: &[&[u8]] = &[b"alt", b"title"];

/// Reads `text` (found at `offset` of the whole text) as HTML into `layout`.
fn html(text: &str, offset: usize, block: &mut u32, layout: &mut Layout) {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Script, style and textarea contents are raw text, as a browser's tree builder would
    // switch the tokenizer.
    emitter.naively_switch_states(true);
    let mut skipped: Vec<Vec<u8>> = Vec::new();
    for token in Tokenizer::new_with_emitter(text, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                if !INLINE.contains(&name.as_slice()) {
                    *block += 1;
                }
                for (attribute, value) in &tag.attributes {
                    if PROSE_ATTRIBUTES.contains(&attribute.to_ascii_lowercase().as_slice())
                        && let Some(span) = attribute_value(text, value.span.start, value.span.end)
                    {
                        *block += 1;
                        layout.push(Span::new(offset + span.start, offset + span.end), *block);
                        *block += 1;
                    }
                }
                if SKIPPED.contains(&name.as_slice()) && !tag.self_closing {
                    skipped.push(name);
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                if let Some(open) = skipped.iter().rposition(|s| *s == name) {
                    skipped.truncate(open);
                }
                if !INLINE.contains(&name.as_slice()) {
                    *block += 1;
                }
            }
            Token::String(string) if skipped.is_empty() => {
                let span = clamp(text, string.span.start, string.span.end);
                layout.push(Span::new(offset + span.start, offset + span.end), *block);
            }
            Token::Comment(comment) => {
                let span = clamp(text, comment.span.start, comment.span.end);
                layout
                    .comments
                    .push(Span::new(offset + span.start, offset + span.end));
            }
            _ => {}
        }
    }
}

/// A span of the tokenizer, kept inside `text` and on character boundaries.
fn clamp(text: &str, start: usize, end: usize) -> Span {
    let end = end.min(text.len());
    let start = start.min(end);
    let (mut start, mut end) = (start, end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}

/// The value inside `name="value"` (or `'value'`, or unquoted) found at `start..end`.
fn attribute_value(text: &str, start: usize, end: usize) -> Option<Span> {
    let span = clamp(text, start, end);
    let raw = &text[span.start..span.end];
    let equals = raw.find('=')?;
    let after = &raw[equals + 1..];
    let value_start = equals + 1 + (after.len() - after.trim_start().len());
    let value = &raw[value_start..];
    let (from, to) = match value.chars().next()? {
        quote @ ('"' | '\'') => {
            let close = value[1..].find(quote).map_or(value.len(), |c| c + 1);
            (1, close)
        }
        _ => (
            0,
            value
                .find(|c: char| c.is_whitespace() || c == '>')
                .unwrap_or(value.len()),
        ),
    };
    (from < to).then(|| {
        Span::new(
            span.start + value_start + from,
            span.start + value_start + to,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str, markup: Markup) -> String {
        layout(text, markup).mask(text).into_owned()
    }

    #[test]
    fn plain_text_is_checked_as_it_is() {
        let text = "a `b` <i>c</i> &amp; [d](e)\n";
        assert!(matches!(layout(text, Markup::Plain).mask(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn markdown_code_urls_and_front_matter_are_masked() {
        let text = "---\ntitle: Byton\n---\n# Head\nThe `Byton` and [Biden](https://x.org/Byton) \
                    <https://y.org/Byton>.\n\n```\nByton\n```\n";
        let out = masked(text, Markup::Markdown);
        assert_eq!(out.len(), text.len());
        assert!(!out.contains("Byton"), "{out:?}");
        assert!(out.contains("Head\n"));
        assert!(out.contains("The "));
        assert!(out.contains(" Biden "));
        assert_eq!(out.matches('\n').count(), text.matches('\n').count());
    }

    #[test]
    fn markdown_table_cells_are_separate_blocks() {
        let text = "| a | b |\n|---|---|\n| Biden | Biden |\n";
        let out = masked(text, Markup::Markdown);
        let row = out.lines().nth(2).unwrap();
        assert!(!row.contains("Biden   Biden"), "{out:?}");
        assert!(out.contains("Biden\n"), "{out:?}");
    }

    #[test]
    fn html_keeps_text_alt_and_title_and_masks_the_rest() {
        let text = "<html><head><style>.Byton{}</style><script>var Byton = 1 < 2;</script>\
                    </head><body><h1>Head</h1><p>The <a href=\"/Byton\" title='Biden era'>\
                    Biden</a> &amp; <code>Byton</code> <img alt=\"the talks\" src=Byton.png>\
                    <!-- Byton --></p></body></html>";
        let out = masked(text, Markup::Html);
        assert_eq!(out.len(), text.len());
        assert!(!out.contains("Byton"), "{out:?}");
        assert!(!out.contains("amp"), "{out:?}");
        for kept in ["Head", "The ", "Biden era", "Biden", "the talks"] {
            assert!(out.contains(kept), "{kept} missing in {out:?}");
        }
        // The heading and the paragraph do not run together.
        let head = out.find("Head").unwrap();
        assert!(out[head..out.find("The").unwrap()].contains('\n'));
    }

    #[test]
    fn markdown_reads_inline_and_block_html() {
        let text = "A <span class=\"Byton\" title=\"Biden\">word</span>.\n\n<div data-x=\"Byton\">\n\
                    <img alt=\"Mr Biden\">\n</div>\n";
        let out = masked(text, Markup::Markdown);
        assert!(!out.contains("Byton"), "{out:?}");
        assert!(
            out.contains("Mr Biden") && out.contains("Biden\n word") && out.contains("word"),
            "{out:?}"
        );
    }

    #[test]
    fn bare_urls_are_not_prose() {
        let out = masked(
            "<p>See https://x.org/Byton, and www.Byton.com.</p>",
            Markup::Html,
        );
        assert!(!out.contains("Byton"), "{out:?}");
        assert!(out.contains(", and") && out.ends_with(".    "), "{out:?}");
    }

    #[test]
    fn the_markup_follows_the_extension() {
        assert_eq!(Markup::from_path(Path::new("a/b.MD")), Markup::Markdown);
        assert_eq!(Markup::from_path(Path::new("b.markdown")), Markup::Markdown);
        assert_eq!(Markup::from_path(Path::new("b.xhtml")), Markup::Html);
        assert_eq!(Markup::from_path(Path::new("b.htm")), Markup::Html);
        assert_eq!(Markup::from_path(Path::new("b.txt")), Markup::Plain);
        assert_eq!(Markup::from_path(Path::new("md")), Markup::Plain);
    }
}
