//! A target text paired with the text it renders: which source segment each target segment
//! came from. Spans of target segments point into the target text as it is in its file, so
//! fixes made from them rewrite only target text.

mod segment_xml;
pub mod tmx;
pub mod xliff;

use std::borrow::Cow;
use std::fmt;

use crate::check::finding::Finding;
use crate::text::span::Span;

/// A source segment and the target segment that renders it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Into [`Bitext::source`].
    pub source: Span,
    /// Into the target text.
    pub target: Span,
}

/// How the segments were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Two files with the same number of lines: line i of the target renders line i of the
    /// source (the common layout of MT evaluation).
    Lines,
    /// Two files of different length, one segment each: the same-language rules align them
    /// word by word themselves.
    Document,
    /// One file of `source<TAB>target` lines: the target is the second column of each line.
    Tsv,
    /// An XLIFF 1.2 or 2.x file: the `target` of each unit (see [`crate::bitext::xliff`]).
    Xliff,
    /// A TMX 1.4 file: the segment of the target language in each unit (see [`crate::bitext::tmx`]).
    Tmx,
}

/// A source text and the segments that pair it with a target text.
#[derive(Debug, Clone)]
pub struct Bitext {
    pub source: String,
    pub segments: Vec<Segment>,
    pub layout: Layout,
    /// Source and target are in the same language (an original and its paraphrase): found
    /// from the words they share.
    pub same_language: bool,
    /// In a file with markup (XLIFF, TMX): the bytes of the target segments that are words,
    /// sorted; tags, code and character references between them are not. Empty when every
    /// byte of every target segment is a word.
    pub prose: Vec<Span>,
}

/// A bitext that cannot be read, with the line at fault (0: the whole file).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct BitextError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for BitextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            0 => f.write_str(&self.message),
            line => write!(f, "line {line}: {}", self.message),
        }
    }
}

impl Bitext {
    /// Pairs a target text with its source text from another file: line by line when both
    /// have the same number of lines (and, in one language, the lines match: see
    /// [`lines_correspond`]), else (same language only) as one segment each, which the
    /// same-language rules align word by word. A translation whose lines do not match its
    /// source's is an error: no alignment of two languages is guessed.
    pub fn pair(source: &str, target: &str) -> Result<Bitext, BitextError> {
        let same_language = same_language(source, target);
        let source_lines = lines(source);
        let target_lines = lines(target);
        let line_by_line = source_lines.len() == target_lines.len()
            && (!same_language || lines_correspond(source, target, &source_lines, &target_lines));
        let (segments, layout) = if line_by_line {
            let segments = source_lines
                .into_iter()
                .zip(target_lines)
                .map(|(source, target)| Segment { source, target })
                .collect();
            (segments, Layout::Lines)
        } else if same_language {
            let segment = Segment {
                source: Span::new(0, source.len()),
                target: Span::new(0, target.len()),
            };
            (vec![segment], Layout::Document)
        } else {
            return Err(BitextError {
                line: 0,
                message: format!(
                    "the source has {} and the target {}: a translation is checked line by line \
                     (line i of the target renders line i of the source)",
                    crate::report::plural(source_lines.len(), "line", "lines"),
                    target_lines.len()
                ),
            });
        };
        Ok(Bitext {
            source: source.to_string(),
            segments,
            layout,
            same_language,
            prose: Vec::new(),
        })
    }

    /// Reads a TSV bitext, `source<TAB>target` on every line; empty lines are skipped. A line
    /// without exactly one tab is an error naming it.
    pub fn tsv(text: &str) -> Result<Bitext, BitextError> {
        let mut segments = Vec::new();
        for (number, line) in lines(text).into_iter().enumerate() {
            let content = &text[line.start..line.end];
            if content.trim().is_empty() {
                continue;
            }
            let tabs: Vec<usize> = content.match_indices('\t').map(|(i, _)| i).collect();
            if tabs.len() != 1 {
                return Err(BitextError {
                    line: number + 1,
                    message: format!("expected `source<TAB>target`, found {} tabs", tabs.len()),
                });
            }
            let tab = line.start + tabs[0];
            segments.push(Segment {
                source: Span::new(line.start, tab),
                target: Span::new(tab + 1, line.end),
            });
        }
        let (mut sources, mut targets) = (String::new(), String::new());
        for s in &segments {
            for (column, span) in [(&mut sources, s.source), (&mut targets, s.target)] {
                column.push_str(&text[span.start..span.end]);
                column.push('\n');
            }
        }
        Ok(Bitext {
            source: text.to_string(),
            segments,
            layout: Layout::Tsv,
            same_language: same_language(&sources, &targets),
            prose: Vec::new(),
        })
    }

    /// Whether the target segments are parts of a file that holds other text too (the source
    /// column of a TSV bitext), so only the segments may be checked and fixed.
    pub fn target_is_embedded(&self) -> bool {
        matches!(self.layout, Layout::Tsv | Layout::Xliff | Layout::Tmx)
    }

    /// What the checks see of a file with markup: a copy of the same byte length in which
    /// every byte that is not a word of a target segment is a space (newlines are kept), so
    /// spans found in it are byte ranges of the file as it is.
    pub fn mask<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if self.prose.is_empty() {
            return Cow::Borrowed(text);
        }
        let mut bytes: Vec<u8> = text
            .bytes()
            .map(|b| if b == b'\n' { b'\n' } else { b' ' })
            .collect();
        for span in &self.prose {
            bytes[span.start..span.end].copy_from_slice(&text.as_bytes()[span.start..span.end]);
        }
        // A character reference between two words is its character, at its start ("Internet
        // &amp; Security" reads "Internet &     Security"): a term with "&" is there.
        for pair in self.prose.windows(2) {
            let mut at = pair[0].end;
            while let Some((decoded, len)) = reference_at(&text[at..pair[1].start]) {
                let mut buffer = [0; 4];
                let encoded = decoded.encode_utf8(&mut buffer).as_bytes();
                bytes[at..at + encoded.len()].copy_from_slice(encoded);
                at += len;
            }
        }
        // Word ranges start and end on character boundaries and all else is ASCII.
        Cow::Owned(String::from_utf8(bytes).expect("masked text stays UTF-8"))
    }

    /// Keeps fixes inside the words of a file with markup: a fix with an edit that would
    /// replace a byte of markup (a tag between two words it spans) is dropped, its finding
    /// kept; the text a fix puts in is escaped, so the file stays well-formed XML. Words that
    /// a message quotes from the `masked` text are quoted without the blanks of the markup.
    pub fn confine_fixes(&self, masked: &str, findings: &mut [Finding]) {
        if self.prose.is_empty() {
            return;
        }
        for finding in findings.iter_mut() {
            let quoted = &masked[finding.span.start..finding.span.end];
            if quoted.contains("  ") {
                let words = quoted.split_whitespace().collect::<Vec<_>>().join(" ");
                finding.message = finding.message.replace(quoted, &words);
            }
        }
        let in_words = |span: Span| {
            let i = self.prose.partition_point(|p| p.end < span.end);
            self.prose
                .get(i)
                .is_some_and(|p| p.start <= span.start && span.end <= p.end)
        };
        for finding in findings {
            let Some(fix) = &mut finding.fix else {
                continue;
            };
            if fix.edits.iter().all(|e| in_words(e.span)) {
                for edit in &mut fix.edits {
                    edit.content = escape_xml(&edit.content);
                }
            } else {
                finding.fix = None;
            }
        }
    }

    /// The text of a source segment.
    pub fn source_of(&self, segment: &Segment) -> &str {
        &self.source[segment.source.start..segment.source.end]
    }
}

/// The lines of a text without their line ends (`\n` or `\r\n`); a final line end does not
/// start another line.
fn lines(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices('\n') {
        let end = if text[..i].ends_with('\r') { i - 1 } else { i };
        spans.push(Span::new(start, end));
        start = i + 1;
    }
    if start < text.len() {
        spans.push(Span::new(start, text.len()));
    }
    spans
}

/// Whether line i of a same-language target renders line i of its source: each target
/// line keeps at least [`KEPT_IN_ITS_LINE`] of its words from its own source line and no
/// fewer than from either neighbour. A rewriting tool that merged or split paragraphs
/// leaves as many lines but shifted, and line-by-line pairing would then read whole
/// paragraphs as replaced (the document is aligned word by word instead).
fn lines_correspond(
    source: &str,
    target: &str,
    source_lines: &[Span],
    target_lines: &[Span],
) -> bool {
    // Words as hashes of their lower case: no word is copied.
    fn words(text: &str, line: Span, buffer: &mut String) -> Vec<u64> {
        crate::text::words::tokens(&text[line.start..line.end])
            .map(|(_, w)| {
                let lower = crate::text::words::lowercase_into(w, buffer);
                let mut hasher = rustc_hash::FxHasher::default();
                std::hash::Hasher::write(&mut hasher, lower.as_bytes());
                std::hash::Hasher::finish(&hasher)
            })
            .collect()
    }
    let (mut source_buffer, mut buffer) = (String::new(), String::new());
    let mut types = |i: usize| -> rustc_hash::FxHashSet<u64> {
        source_lines
            .get(i)
            .map(|&line| {
                words(source, line, &mut source_buffer)
                    .into_iter()
                    .collect()
            })
            .unwrap_or_default()
    };
    // The source lines around line i: i - 1, i and i + 1.
    let mut window = [Default::default(), types(0), types(1)];
    for (i, &line) in target_lines.iter().enumerate() {
        if i > 0 {
            window.rotate_left(1);
            window[2] = types(i + 1);
        }
        let target_words = words(target, line, &mut buffer);
        if target_words.is_empty() {
            continue;
        }
        let kept = |set: &rustc_hash::FxHashSet<u64>| {
            target_words.iter().filter(|w| set.contains(*w)).count()
        };
        let own = kept(&window[1]);
        if (own as f64) < KEPT_IN_ITS_LINE * target_words.len() as f64
            || kept(&window[0]) > own
            || kept(&window[2]) > own
        {
            return false;
        }
    }
    true
}

/// The least share of a paraphrased line's words kept from its original line: a spinner
/// swaps one content word in four or five, so most of a line's words stay.
const KEPT_IN_ITS_LINE: f64 = 0.4;

/// `text` with `&`, `<` and `>` written as character references.
fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Whether two texts are in the same language: a paraphrase keeps most of its original's
/// words (names, numbers, function words), a translation into another script almost none.
/// Decided on word types, lowercase, so that repetition does not count.
pub(crate) fn same_language(source: &str, target: &str) -> bool {
    // The first pages of each side tell as well as the whole (a paraphrase shares most of
    // its word types with its original however its paragraphs were reordered).
    let (source, target) = (opening(source), opening(target));
    // Words are copied only when they have capitals: a whole document is read here.
    fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
        crate::text::words::tokens(text)
            .filter(|(_, w)| !is_number(w))
            .map(|(_, w)| {
                if w.bytes().any(|b| !b.is_ascii() || b.is_ascii_uppercase()) {
                    Cow::Owned(w.to_lowercase())
                } else {
                    Cow::Borrowed(w)
                }
            })
    }
    // The target's word types, each marked once the source has it too; the source's are
    // looked up, not collected.
    let mut types: rustc_hash::FxHashMap<Cow<'_, str>, bool> = rustc_hash::FxHashMap::default();
    types.reserve((target.len() / 16).min(1 << 16));
    types.extend(words(target).map(|w| (w, false)));
    let needed = (types.len() * 3).div_ceil(10);
    if !types.keys().any(|w| !w.is_ascii() && w.chars().any(is_cjk))
        && source_words_outside_cjk(source, needed) < needed
    {
        // Too few source words could be the target's: the rest hold CJK characters, which
        // no target word does. The same answer as the count below, for less.
        return false;
    }
    let (mut shared, mut source_words) = (0, false);
    for word in words(source) {
        source_words = true;
        if let Some(seen) = types.get_mut(&word)
            && !*seen
        {
            *seen = true;
            shared += 1;
        }
    }
    if types.is_empty() || !source_words {
        return false;
    }
    shared * 10 >= types.len() * 3
}

/// How much of each side [`same_language`] reads.
const LANGUAGE_SAMPLE: usize = 16 * 1024;

/// The first [`LANGUAGE_SAMPLE`] bytes of `text`, cut at a character boundary.
fn opening(text: &str) -> &str {
    let mut end = text.len().min(LANGUAGE_SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Whether `word` is all digits: numbers do not tell languages apart.
fn is_number(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit())
}

/// Whether `c` is a Chinese, Japanese or Korean character (or a full-width form): none has a
/// case, so a word holding one holds it in lower case too, and it is never an ASCII word.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..)
}

/// At least as many as the source's word tokens (numbers aside) that hold no CJK character,
/// counted up to `enough`: the words [`crate::text::words::tokens`] finds in the stretches
/// between CJK characters (a word cut by a stretch's end counts, so the count never falls
/// short), read in one pass that stops at `enough`. A Chinese source is read without
/// lower-casing or hashing its words, or asking Unicode's tables about its characters.
fn source_words_outside_cjk(source: &str, enough: usize) -> usize {
    use crate::text::words::{continues_word, is_word_char};
    let (mut count, mut in_word, mut number) = (0, false, true);
    for c in source.chars().chain([' ']) {
        let word_char = !is_cjk(c)
            && if c.is_ascii() {
                c.is_ascii_alphanumeric() || c == '_'
            } else if in_word {
                continues_word(c)
            } else {
                is_word_char(c)
            };
        if word_char {
            number = c.is_ascii_digit() && (number || !in_word);
            in_word = true;
            continue;
        }
        if in_word && !number {
            count += 1;
            if count >= enough {
                break;
            }
        }
        (in_word, number) = (false, true);
    }
    count
}

/// The character an XML character reference at the start of `text` stands for, and the
/// reference's length: `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#38;`, `&#x26;`. A
/// character takes no more bytes than its reference, so it fits in its place.
fn reference_at(text: &str) -> Option<(char, usize)> {
    let name = text.strip_prefix('&')?.split(';').next()?;
    let len = name.len() + 2;
    if len > text.len() {
        return None;
    }
    let decoded = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code).filter(|c| c.len_utf8() <= len)?
        }
    };
    Some((decoded, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_with_as_many_lines_pair_line_by_line() {
        let b = Bitext::pair("外匯基金\r\n金管局\n", "The Exchange Fund\nthe HKMA").unwrap();
        assert_eq!(b.layout, Layout::Lines);
        assert!(!b.same_language);
        assert_eq!(b.segments.len(), 2);
        assert_eq!(b.source_of(&b.segments[0]), "外匯基金");
        assert_eq!(b.segments[1].target, Span::new(18, 26));
    }

    /// The same-language test as first written: every word of both texts hashed and counted.
    fn shared_types_counted(source: &str, target: &str) -> bool {
        let types = |text: &str| -> std::collections::HashSet<String> {
            crate::text::words::tokens(text)
                .filter(|(_, w)| !is_number(w))
                .map(|(_, w)| w.to_lowercase())
                .collect()
        };
        let (source, target) = (types(source), types(target));
        let shared = target.intersection(&source).count();
        !target.is_empty() && !source.is_empty() && shared * 10 >= target.len() * 3
    }

    #[test]
    fn a_mostly_chinese_source_is_judged_as_by_counting_every_shared_word() {
        // Ten target words; a Chinese source naming three of them in Latin letters is at the
        // threshold, two are below it; a word run into Chinese ("HKMA銀行") is no shared
        // word, nor is a number; repeats count once.
        let target = "The HKMA and the Exchange Fund reported Assets of Hong Kong 2016";
        for source in [
            "外匯基金 HKMA 銀行 Exchange 資產 Fund 增長",
            "外匯基金 HKMA 銀行 Exchange 資產增長",
            "外匯基金HKMA銀行 Exchange 資產 Fund 增長",
            "外匯 hkma HKMA 2016 Hkma exchange 基金",
            "金管局 the hkma and exchange fund reported assets 香港",
            "金管局",
            "",
            "The HKMA reported",
        ] {
            assert_eq!(
                same_language(source, target),
                shared_types_counted(source, target),
                "{source}"
            );
        }
        assert!(same_language(
            "外匯基金 HKMA 銀行 Exchange 資產 Fund",
            target
        ));
        assert!(!same_language("外匯基金 HKMA 銀行 Exchange 資產", target));
        // A target in Chinese characters is counted word by word, as before.
        assert!(same_language("外匯基金 增長", "外匯基金 下跌"));
    }

    #[test]
    fn words_outside_cjk_are_the_words_of_the_stretches_between_cjk_characters() {
        for text in [
            "外匯基金HKMA銀行 Exchange 資產 Fund's 2016 增長",
            "Ａｂ 外匯，HK$3.5 billion。 e\u{301}te\u{301} _x 42a",
            "plain English, with café and naïve words.",
            "",
        ] {
            let words = text
                .split(is_cjk)
                .flat_map(crate::text::words::tokens)
                .filter(|(_, w)| !is_number(w))
                .count();
            assert_eq!(source_words_outside_cjk(text, usize::MAX), words, "{text}");
            assert_eq!(source_words_outside_cjk(text, 2), words.min(2), "{text}");
        }
    }

    #[test]
    fn a_translation_with_other_lines_is_an_error() {
        let err = Bitext::pair("外匯基金\n金管局\n", "The Exchange Fund\n").unwrap_err();
        assert!(
            err.to_string().contains("2 lines and the target 1"),
            "{err}"
        );
        let err = Bitext::pair("外匯基金\n", "The Exchange Fund\nHKMA\n").unwrap_err();
        assert!(
            err.to_string()
                .contains("source has 1 line and the target 2"),
            "{err}"
        );
    }

    #[test]
    fn a_paraphrase_whose_paragraphs_were_reflowed_is_aligned_as_a_document() {
        let original = "The Attorney General shall act.\nThe Secretary of the Treasury shall \
                        report.\nCongress shall be told within ninety days.\n";
        // As many lines, each its original's, a few words swapped: line by line.
        let spun = "The Attorney General must act.\nThe Secretary of the Treasury will \
                    report.\nCongress must be informed within ninety days.\n";
        assert_eq!(Bitext::pair(original, spun).unwrap().layout, Layout::Lines);
        // The first two paragraphs merged and the last split in two: as many lines, shifted.
        let reflowed = "The Attorney General must act. The Secretary of the Treasury will \
                        report.\nCongress must be informed\nwithin ninety days.\n";
        let b = Bitext::pair(original, reflowed).unwrap();
        assert_eq!(b.layout, Layout::Document);
        assert_eq!(b.segments.len(), 1);
        // A translation cannot be compared word by word: its lines are taken as they are.
        let translated = "司法部長應採取行動。\n財政部長應報告。\n應在九十天內通知國會。\n";
        assert_eq!(
            Bitext::pair(translated, reflowed).unwrap().layout,
            Layout::Lines
        );
    }

    #[test]
    fn a_paraphrase_with_other_lines_is_one_segment() {
        let b = Bitext::pair(
            "The police seized drug precursors.\n\nThey arrested two men.\n",
            "The police seized drug pioneers. They arrested two men.\n",
        )
        .unwrap();
        assert_eq!(b.layout, Layout::Document);
        assert!(b.same_language);
        assert_eq!(b.segments.len(), 1);
    }

    #[test]
    fn fixes_stay_inside_target_words_and_are_escaped() {
        use crate::check::finding::{Applicability, Edit, Fix};
        use crate::glossary::{Entry, Origin, Severity};
        let xml = "<xliff version=\"2.0\"><file><unit><segment><source>x</source>\
                   <target>the AT and T <g>board</g> met</target></segment></unit></file></xliff>";
        let b = crate::bitext::xliff::read(xml).unwrap();
        let span_of = |words: &str| {
            let start = xml.find(words).unwrap();
            Span::new(start, start + words.len())
        };
        let origin = Origin {
            file: "g.tsv".to_string(),
            line: 1,
        };
        let entry = Entry::new("AT&T".to_string(), origin);
        let finding = |span: Span| {
            let mut f = Finding::about("r", span, &entry, Severity::Error, 1.0, String::new());
            f.fix = Some(Fix {
                edits: vec![Edit {
                    span,
                    content: "AT&T <x>".to_string(),
                }],
                applicability: Applicability::Safe,
            });
            f
        };
        // `AT and T` is inside the words; `T <g>board` crosses a tag.
        let mut findings = [finding(span_of("AT and T")), finding(span_of("T <g>board"))];
        b.confine_fixes(&b.mask(xml), &mut findings);
        let fix = findings[0].fix.as_ref().unwrap();
        assert_eq!(fix.edits[0].content, "AT&amp;T &lt;x&gt;");
        assert!(findings[1].fix.is_none());
    }

    #[test]
    fn tsv_targets_are_the_second_column() {
        let text = "外匯基金\tthe Exchange Fund\n\n金管局\tHKMA\r\n";
        let b = Bitext::tsv(text).unwrap();
        let targets: Vec<&str> = b
            .segments
            .iter()
            .map(|s| &text[s.target.start..s.target.end])
            .collect();
        assert_eq!(targets, ["the Exchange Fund", "HKMA"]);
        assert!(b.target_is_embedded());
        let err = Bitext::tsv("a\tb\nno tab here\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 2: expected `source<TAB>target`, found 0 tabs"
        );
    }
}
