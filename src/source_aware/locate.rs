//! `source.missing-term`: finding the target words that render a source term the target
//! lacks, so the fix replaces them and nothing else.
//!
//! What termlint already knows comes first: a monolingual finding about the entry in the
//! segment (a listed variant, a derived rendering, a near miss) is the rendering. Otherwise
//! every run of target words about as long as the term is scored against it, word by word:
//! the same word or stem, the same initials (an abbreviation), a lexicon relative, a near
//! spelling. Words that other terms of the segment account for are not it. The best run
//! above [`LOCATE_THRESHOLD`] is replaced; with none, the finding covers the segment and
//! carries no fix.

use super::anchor::{Anchors, Projection};
use super::rule;
use crate::check::finding::{Applicability, Edit, Finding, Fix};
use crate::derive::KinshipTest;
use crate::glossary::Entry;
use crate::text::casing::copy_case;
use crate::text::inflect::Inflection;
use crate::text::span::Span;
use crate::text::words::{is_function_word, tokens};

/// A run of words scoring at least this (0 to 1) against the term is taken as its rendering.
pub const LOCATE_THRESHOLD: f32 = 0.5;

/// How much where a run sits (0 to 1, see [`Anchors::closeness`]) adds to its score.
const POSITION_WEIGHT: f32 = 0.3;

/// What the locator knows of words besides the term's own.
pub struct Clues<'k, 'l> {
    /// Thesaurus kin: weak evidence alone.
    pub kinship: &'k KinshipTest<'l>,
    /// Words the glossary gives the pieces of the term's source form
    /// ([`super::related::RelatedWords`]).
    pub related: Vec<String>,
}

/// Credit of a run's word that the glossary gives a piece of the source form, in place of a
/// term word that no word of the run matched.
const RELATED_CREDIT: f32 = 0.6;

/// One segment pair as the locator sees it.
pub struct Pair<'a> {
    /// The whole source text.
    pub source: &'a str,
    /// The whole target text.
    pub target: &'a str,
    /// The target segment.
    pub segment: Span,
    /// Entries the source segment names, where.
    pub source_terms: &'a [(Span, usize)],
    /// Entries the target segment has, where.
    pub target_terms: &'a [(Span, usize)],
    pub anchors: &'a Anchors,
}

/// The finding for entry `index`, which the source segment names and the target segment
/// lacks. `known` are the monolingual findings about the entry in the segment; `taken` are
/// words other missing terms of the segment were located on.
pub fn missing(
    entry: &Entry,
    index: usize,
    pair: &Pair,
    known: &[&Finding],
    taken: &[Span],
    clues: &Clues,
) -> Finding {
    let source_form = entry.source.first().map_or("", String::as_str);
    if let Some(best) = known
        .iter()
        .filter(|f| f.fix.is_some())
        .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
    {
        let mut finding = (*best).clone();
        finding.rule = rule::MISSING_TERM;
        finding.confidence = finding.confidence.max(0.95);
        finding.message = format!(
            "the source has '{source_form}', and '{}' renders it here instead of '{}' ({})",
            &pair.target[finding.span.start..finding.span.end],
            entry.term,
            finding.message
        );
        return finding;
    }
    match locate(entry, index, pair, taken, clues) {
        Some(found) => located(entry, pair.target, found, source_form),
        None => {
            let mut finding = Finding::about(
                rule::MISSING_TERM,
                pair.segment,
                entry,
                entry.severity,
                0.9,
                format!(
                    "the source has '{source_form}', which the glossary renders '{}', but this segment does not have it",
                    entry.term
                ),
            );
            finding.suggestions = vec![entry.term.clone()];
            finding
        }
    }
}

/// The finding whose unsafe fix replaces the words at `span` with the term.
fn located(entry: &Entry, target: &str, found: Located, source_form: &str) -> Finding {
    let Located { span, confidence } = found;
    let matched = &target[span.start..span.end];
    let replacement = render(&entry.term, matched);
    let mut finding = Finding::about(
        rule::MISSING_TERM,
        span,
        entry,
        entry.severity,
        confidence,
        format!(
            "the source has '{source_form}', which the glossary renders '{}'; '{matched}' seems to render it here",
            entry.term
        ),
    );
    finding.suggestions = vec![replacement.clone()];
    finding.fix = Some(Fix {
        edits: vec![Edit {
            span,
            content: replacement,
        }],
        applicability: Applicability::Unsafe,
    });
    finding
}

/// Where the words that render a term are, and how sure that is.
#[derive(Debug, Clone, Copy)]
struct Located {
    span: Span,
    confidence: f32,
}

/// The target words that render entry `index`, with the confidence of the guess: the run
/// most like the term near where the source term projects.
fn locate(
    entry: &Entry,
    index: usize,
    pair: &Pair,
    taken: &[Span],
    clues: &Clues,
) -> Option<Located> {
    // Words of terms the source names are accounted for; a term the source does not name
    // may well be this one's rendering ("Hong Kong Monetary Authority" for "HKMA").
    let accounted = |s: Span| {
        taken.iter().any(|t| t.overlaps(s))
            || pair.target_terms.iter().any(|(t, e)| {
                t.overlaps(s) && pair.source_terms.iter().any(|(_, named)| named == e)
            })
    };
    let segment = pair.segment;
    let words: Vec<(Span, &str)> = tokens(&pair.target[segment.start..segment.end])
        .map(|(s, w)| (Span::new(segment.start + s.start, segment.start + s.end), w))
        .filter(|(s, _)| !accounted(*s))
        .collect();
    let projections: Vec<Projection> = pair
        .source_terms
        .iter()
        .filter(|(_, e)| *e == index)
        .map(|(s, _)| {
            pair.anchors
                .project(pair.source, s.start + (s.end - s.start) / 2)
        })
        .collect();
    let closeness = |span: Span| {
        projections
            .iter()
            .map(|p| pair.anchors.closeness(pair.target, *p, span))
            .fold(0.0f32, f32::max)
    };
    let (span, lexical, position) = best_run(&entry.term, pair.target, &words, clues, &closeness)?;
    if lexical >= LOCATE_THRESHOLD {
        return Some(Located {
            span,
            confidence: 0.6 + 0.3 * lexical + 0.05 * position,
        });
    }
    // Where it sits alone is not enough: a run at the projected position is the words
    // a reference aligns with the term about half as often as a run like the term (WMT25
    // Track 2 dev years), so the finding keeps to the segment.
    None
}

/// The term, cased and inflected like the words it replaces: a term written with capitals
/// (a name) keeps them; a plural run gets a plural term.
fn render(term: &str, matched: &str) -> String {
    let last = matched.rsplit([' ', '-']).next().unwrap_or(matched);
    let term_last = term.rsplit([' ', '-']).next().unwrap_or(term);
    let plural = |w: &str| {
        let w = w.to_lowercase();
        w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us")
    };
    let inflected =
        if plural(last) && !plural(term_last) && term_last.chars().any(char::is_lowercase) {
            Inflection::S.apply(term)
        } else {
            term.to_string()
        };
    if term.chars().any(char::is_uppercase) {
        inflected
    } else {
        copy_case(matched, &inflected)
    }
}

/// The best run of `words` for the term: `(span, lexical score, closeness)`, the one with
/// the highest lexical score plus [`POSITION_WEIGHT`] times its closeness.
fn best_run(
    term: &str,
    text: &str,
    words: &[(Span, &str)],
    clues: &Clues,
    closeness: &dyn Fn(Span) -> f32,
) -> Option<(Span, f32, f32)> {
    let term_words: Vec<String> = tokens(term).map(|(_, w)| w.to_lowercase()).collect();
    if term_words.is_empty() {
        return None;
    }
    let n = term_words.len();
    // An abbreviation is one word for many, and the other way round.
    let abbreviated = n == 1 && term.len() >= 2 && !term.chars().any(char::is_lowercase);
    let longest = if abbreviated { 6 } else { n + 1 };
    let mut best: Option<(Span, f32, f32)> = None;
    let total = |(_, l, p): (Span, f32, f32)| l + POSITION_WEIGHT * p;
    for start in 0..words.len() {
        for len in 1..=longest {
            if len + 1 < n && len != 1 {
                continue;
            }
            let Some(run) = words.get(start..start + len) else {
                break;
            };
            let Some(span) = candidate(text, run) else {
                continue;
            };
            let run_words: Vec<String> = run.iter().map(|(_, w)| w.to_lowercase()).collect();
            let lexical = score(&term_words, &run_words, clues);
            if lexical <= 0.0 {
                continue;
            }
            let scored = (span, lexical, closeness(span));
            if best.is_none_or(|b| total(scored) > total(b)) {
                best = Some(scored);
            }
        }
    }
    best
}

/// The span of a run of words, if it can be one rendering: it neither starts nor ends with
/// a function word, and crosses no sentence end or clause break.
fn candidate(text: &str, run: &[(Span, &str)]) -> Option<Span> {
    let (first, last) = (run.first()?, run.last()?);
    if is_function_word(&first.1.to_lowercase()) || is_function_word(&last.1.to_lowercase()) {
        return None;
    }
    let span = Span::new(first.0.start, last.0.end);
    // Nor does it split a hyphenated word ("anti-counterfeiting").
    let joined = text[..span.start].ends_with('-') || text[span.end..].starts_with('-');
    (!joined && !text[span.start..span.end].contains(['.', ';', '\n', '(', ')', ':']))
        .then_some(span)
}

/// How well a run of words renders the term's words, 0 to 1: each content word of the term
/// is matched by its best word of the run, a term word left over by a word the glossary
/// gives the source form, and words of the run that match nothing count against it.
fn score(term: &[String], run: &[String], clues: &Clues) -> f32 {
    if let Some(s) = abbreviation(term, run) {
        return s;
    }
    let content: Vec<&String> = term.iter().filter(|w| !is_function_word(w)).collect();
    if content.is_empty() {
        return 0.0;
    }
    // Best pairs first: "exchange" must not take the run's "fund" from "fund".
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (t, word) in content.iter().enumerate() {
        for (i, r) in run.iter().enumerate() {
            let s = word_similarity(word, r, clues.kinship);
            if s > 0.0 {
                pairs.push((s, t, i));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut used = vec![false; run.len()];
    let mut matched = vec![false; content.len()];
    let mut total = 0.0;
    for (s, t, i) in pairs {
        if !used[i] && !matched[t] {
            used[i] = true;
            matched[t] = true;
            total += s;
        }
    }
    // A related word stands in for a term word left over, and never counts against a run.
    let mut left = matched.iter().filter(|m| !**m).count();
    for (i, r) in run.iter().enumerate() {
        if !used[i]
            && !is_function_word(r)
            && clues
                .related
                .iter()
                .any(|w| word_similarity(w, r, clues.kinship) >= 0.85)
        {
            used[i] = true;
            if left > 0 {
                left -= 1;
                total += RELATED_CREDIT;
            }
        }
    }
    let unmatched = run
        .iter()
        .zip(&used)
        .filter(|(w, u)| !**u && !is_function_word(w))
        .count();
    total / (content.len() + unmatched) as f32
}

/// A term and its abbreviation: "Hong Kong Monetary Authority" and "HKMA".
fn abbreviation(term: &[String], run: &[String]) -> Option<f32> {
    let initials = |words: &[String]| -> String {
        words
            .iter()
            .filter(|w| !is_function_word(w))
            .filter_map(|w| w.chars().next())
            .collect()
    };
    let matches = |long: &[String], short: &[String]| {
        short.len() == 1 && long.len() > 1 && short[0].len() >= 2 && initials(long) == short[0]
    };
    (matches(term, run) || matches(run, term)).then_some(0.9)
}

/// How alike two words are as renderings of one another, 0 to 1.
fn word_similarity(a: &str, b: &str, kinship: &KinshipTest) -> f32 {
    if a == b {
        return 1.0;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    if common >= 4 && common * 5 >= shorter * 4 {
        return 0.85; // the same stem: "regulation", "regulatory"
    }
    if a.chars().any(char::is_alphabetic)
        && b.chars().any(char::is_alphabetic)
        && kinship.between(a, b).is_some()
    {
        // Thesaurus kin is weak evidence alone ("growth" and "ramifications" are kin).
        return 0.45;
    }
    let similarity = strsim::normalized_damerau_levenshtein(a, b) as f32;
    if similarity >= 0.75 { 0.6 } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Origin;

    fn entry(term: &str) -> Entry {
        let mut e = Entry::new(
            term,
            Origin {
                file: "g".into(),
                line: 1,
            },
        );
        e.source = vec!["源".into()];
        e
    }

    fn located(term: &str, text: &str) -> Option<String> {
        located_in("源", term, text, &[], &[]).map(|f| {
            let (words, rest) = f.split_once('@').unwrap();
            format!("{words} ->{}", rest.split_once(" ->").unwrap().1)
        })
    }

    /// The fix of the missing entry 0 (source form "源", or `source_form`'s first
    /// occurrence in `source`) in `text`; `target_terms` are other entries the target has,
    /// `related` the words the glossary gives the source form.
    fn located_in(
        source: &str,
        term: &str,
        text: &str,
        target_terms: &[(Span, usize)],
        related: &[&str],
    ) -> Option<String> {
        let whole = Span::new(0, text.len());
        let at = source.find("源").unwrap();
        let source_terms = [(Span::new(at, at + "源".len()), 0)];
        let source_span = Span::new(0, source.len());
        let anchors = Anchors::new(
            source,
            source_span,
            text,
            whole,
            &source_terms,
            target_terms,
        );
        let pair = Pair {
            source,
            target: text,
            segment: whole,
            source_terms: &source_terms,
            target_terms,
            anchors: &anchors,
        };
        let kinship = KinshipTest::new(crate::lexicon::tests::embedded());
        let clues = Clues {
            kinship: &kinship,
            related: related.iter().map(|w| w.to_string()).collect(),
        };
        let finding = missing(&entry(term), 0, &pair, &[], &[], &clues);
        finding.fix.map(|f| {
            format!(
                "{}@{} -> {}",
                &text[f.edits[0].span.start..f.edits[0].span.end],
                f.edits[0].span.start,
                f.edits[0].content
            )
        })
    }

    #[test]
    fn of_two_like_runs_the_one_where_the_source_term_sits_is_taken() {
        // "AB" and "CD" are kept by the translation: they pin where "源" lands.
        let text = "AB: the Fund grew; CD: the other fund fell.";
        let first = located_in("AB 源增長；CD 其他下跌", "Exchange Fund", text, &[], &[]);
        assert_eq!(first.as_deref(), Some("Fund@8 -> Exchange Fund"));
        let second = located_in("AB 其他增長；CD 源下跌", "Exchange Fund", text, &[], &[]);
        assert_eq!(second.as_deref(), Some("fund@33 -> Exchange Fund"));
    }

    #[test]
    fn a_term_the_source_does_not_name_can_be_the_rendering() {
        // The target's "Hong Kong Monetary Authority" is another entry's term, which the
        // source does not name: it renders the source's "源" (the glossary says "HKMA").
        let text = "The Hong Kong Monetary Authority said rates would rise.";
        let other = [(Span::new(4, 32), 1)];
        assert_eq!(
            located_in("源", "HKMA", text, &other, &[]).as_deref(),
            Some("Hong Kong Monetary Authority@4 -> HKMA")
        );
    }

    #[test]
    fn words_the_glossary_gives_the_source_form_belong_to_the_rendering() {
        let text = "Visitors saw the anti-counterfeiting features of the notes.";
        assert_eq!(
            located_in(
                "源",
                "security features",
                text,
                &[],
                &["anti", "counterfeiting"]
            )
            .as_deref(),
            Some("anti-counterfeiting features@17 -> security features")
        );
    }

    #[test]
    fn fixes_a_rendering_that_shares_words_with_the_term() {
        assert_eq!(
            located(
                "deposit-taking institutions",
                "Banks and other deposit-accepting institutions reported profits."
            )
            .as_deref(),
            Some("deposit-accepting institutions -> deposit-taking institutions")
        );
        assert_eq!(
            located(
                "Hong Kong Monetary Authority",
                "The HKMA said rates would rise."
            )
            .as_deref(),
            Some("HKMA -> Hong Kong Monetary Authority")
        );
    }

    #[test]
    fn does_not_fix_without_a_likely_rendering() {
        assert_eq!(
            located("Exchange Fund", "Profits rose sharply last year."),
            None
        );
    }

    #[test]
    fn a_words_best_match_is_not_taken_by_a_weaker_one() {
        assert_eq!(
            located("Exchange Fund", "The Fund grew.").as_deref(),
            Some("Fund -> Exchange Fund")
        );
    }

    #[test]
    fn plural_runs_get_a_plural_term() {
        assert_eq!(
            render("authorized institution", "licensed institutions"),
            "authorized institutions"
        );
        assert_eq!(render("Exchange Fund", "exchange funds"), "Exchange Funds");
    }
}
