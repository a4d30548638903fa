//! `source.changed-term` and `source.changed-word`: what a paraphrase replaced of its
//! original, found from the word alignment of the two.

use super::align::{Hunk, WordAlignment};
use super::{SourceAware, rule};
use crate::bitext::Bitext;
use crate::check::finding::{Applicability, Edit, Finding, Fix};
use crate::derive::KinshipTest;
use crate::glossary::{Entry, FixMode, Severity};
use crate::nearmiss::similarity::spelled_alike;
use crate::text::span::Span;
use crate::text::words::{contains_phrase, is_function_word};

use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// The findings of one same-language segment.
pub(super) fn find(
    aware: &SourceAware,
    bitext: &Bitext,
    target: &str,
    alignment: &WordAlignment,
    source_terms: &[(Span, usize)],
) -> Vec<Finding> {
    let entries = &aware.checker().glossary().entries;
    let mut findings = Vec::new();
    let mut reported: Vec<std::ops::Range<usize>> = Vec::new();
    let terms_on = aware.checker().runs(rule::CHANGED_TERM);
    // Both sides' words in lower case, indexed, made once per segment (a whole document can
    // be one segment) and only when some term was changed.
    let mut lowered: Option<(Words, Words)> = None;
    let kinship = KinshipTest::new(aware.checker().lexicon());
    for &(span, entry_index) in source_terms.iter().filter(|_| terms_on) {
        let term_words = alignment.source_words(span);
        let Some(hunk) = alignment.changed(term_words.clone()) else {
            continue;
        };
        let pairing = Pairing {
            bitext,
            target,
            alignment,
            kinship: &kinship,
        };
        let Some(hunk) = pairing.with_term(hunk, term_words.clone()) else {
            continue;
        };
        let hunk = pairing.within_sentence(hunk, term_words.clone());
        let hunk = pairing.with_moved_words(hunk, term_words.clone());
        let hunk = pairing.without_words_moved_in(hunk);
        let hunk = pairing.with_words_kept_elsewhere(hunk);
        let hunk = pairing.without_shortened_ends(hunk);
        let hunk = pairing.word_for_word(hunk, term_words.clone());
        let hunk = pairing.synonyms_alone(hunk, term_words.clone());
        let hunk = pairing.relocated(hunk, term_words.clone());
        let hunk = pairing.along_commas(hunk, term_words.clone());
        let hunk = pairing.within_phrase(hunk);
        let hunk = pairing.without_possessive_s(hunk);
        // Words of no content ("For") do not render a term: the diff paired the term with
        // them where its clause was rewritten around it.
        let no_content = !hunk.target.is_empty()
            && alignment.target[hunk.target.clone()]
                .iter()
                .all(|w| says_nothing(&target[w.start..w.end]));
        if hunk.source.is_empty() || no_content {
            continue;
        }
        // The term was moved, not replaced: the target says it, in the original's words, as
        // often as the source. (Not any form of the entry: "Bruce" is no "Bruce Swartz".)
        let said = phrase_words(&bitext.source[span.start..span.end]);
        let (target_words, source_words) = lowered.get_or_insert_with(|| {
            let indexed = source_terms.len() > INDEX_FROM;
            (
                Words::new(target, &alignment.target, indexed),
                Words::new(&bitext.source, &alignment.source, indexed),
            )
        });
        // Or replaced by another correct form of the entry ("HKMA" for the term): no garble.
        let replacing = alignment.target_span(&hunk.target, target.len());
        let replacing = &target[replacing.start..replacing.end];
        let entry = &entries[entry_index];
        let correct = std::iter::once(&entry.term).chain(&entry.accepted);
        if target_words.occurrences(&said) >= source_words.occurrences(&said)
            || overlaps_any(&reported, &hunk.source)
            || correct
                .into_iter()
                .any(|form| contains_phrase(replacing, form))
            || second_reference(entry, replacing)
            || within_correct_form(
                entry,
                target,
                alignment.target_span(&hunk.target, target.len()),
            )
        {
            continue;
        }
        if garbles_another_term(bitext, source_terms, (span, entry_index), replacing) {
            continue;
        }
        // Or shortened ("Dept." for "Department", "UN" for "U.N.", "U.S." for "United
        // States"): a house style, not a garble.
        let original = alignment.source_span(&hunk.source);
        let replaced = alignment.target_span(&hunk.target, target.len());
        if shortened(
            &bitext.source[original.start..original.end],
            target,
            replaced,
        ) {
            continue;
        }
        reported.push(hunk.source.clone());
        let term_text = &bitext.source[span.start..span.end];
        findings.push(changed_term(
            &entries[entry_index],
            bitext,
            target,
            alignment,
            &hunk,
            span,
            term_text,
        ));
    }
    if aware.checker().runs(rule::RESPELLED_WORD) {
        findings.extend(respelled_words(
            aware,
            bitext,
            target,
            alignment,
            &mut reported,
        ));
    }
    if aware.options().all_changes || aware.checker().runs(rule::CHANGED_WORD) {
        findings.extend(changed_words(bitext, target, alignment, &reported));
    }
    findings
}

/// Whether the words at `at` stand inside another correct form of the entry, which the diff
/// cut into ("U.S. Treasury" -> "the Department of the Treasury of the U.S." replaced "U.S."
/// by "of the Treasury"; "Department of the Treasury" is accepted): no garble.
fn within_correct_form(entry: &Entry, target: &str, at: Span) -> bool {
    if at.is_empty() {
        return false;
    }
    // ASCII lower case keeps every byte where it was.
    let (lo, hi) = (at.start.saturating_sub(80), (at.end + 80).min(target.len()));
    let (lo, hi) = (
        target.floor_char_boundary(lo),
        target.ceil_char_boundary(hi),
    );
    let window = target[lo..hi].to_ascii_lowercase();
    std::iter::once(&entry.term)
        .chain(&entry.accepted)
        .filter(|form| form.contains(char::is_whitespace))
        .any(|form| {
            let form = form.to_ascii_lowercase();
            window.match_indices(&form).any(|(i, _)| {
                let found = Span::new(lo + i, lo + i + form.len());
                let whole = !target[..found.start].ends_with(char::is_alphanumeric)
                    && !target[found.end..].starts_with(char::is_alphanumeric);
                whole && found.start <= at.start && at.end <= found.end
            })
        })
}

/// Whether `replacing` is the head noun of the entry's name alone, as a second reference
/// names it ("the agency's director" for "the EUDA's director", the European Union Drugs
/// Agency): no garble.
fn second_reference(entry: &Entry, replacing: &str) -> bool {
    let lower = replacing.trim().to_lowercase().replace('\u{2019}', "'");
    let word = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix('\''));
    let word = word.unwrap_or(&lower);
    let head = |form: &String| {
        let last = form.split_whitespace().last().unwrap_or("").to_lowercase();
        form.split_whitespace().count() >= 2 && singular(&last) == singular(word)
    };
    !word.is_empty()
        && !word.contains(char::is_whitespace)
        && !is_function_word(word)
        && std::iter::once(&entry.term)
            .chain(&entry.accepted)
            .any(head)
}

/// Whether `replacing`, the words put in for the term at `span` (of entry `entry`), is
/// spelled like another term the original names nearby and not like this one: a list was
/// reordered ("isotonitazene, metonitazene and protonitazene" -> "metonitazene,
/// protonitazone and isotonitazepine"), and the words garble that term. (Only terms within
/// [`LIST_REACH`]: a whole document names hundreds.)
fn garbles_another_term(
    bitext: &Bitext,
    source_terms: &[(Span, usize)],
    (span, entry): (Span, usize),
    replacing: &str,
) -> bool {
    let replacing = replacing.to_lowercase();
    let like = |at: Span| {
        spelled_alike(
            &bitext.source[at.start..at.end].to_lowercase(),
            &replacing,
            0.75,
        )
    };
    !like(span)
        && source_terms.iter().any(|&(other, e)| {
            e != entry && other.start.abs_diff(span.start) <= LIST_REACH && like(other)
        })
}

/// How far, in bytes of the original, another term may stand whose garble a changed term's
/// words are (a reordered list).
const LIST_REACH: usize = 400;

/// How far, in target words, a term may have moved in a restructured sentence.
const RELOCATED_WITHIN: usize = 40;

/// The two texts of a segment and their word alignment, which the hunk of a changed term is
/// read against.
struct Pairing<'a> {
    bitext: &'a Bitext,
    target: &'a str,
    alignment: &'a WordAlignment,
    kinship: &'a KinshipTest<'a>,
}

impl Pairing<'_> {
    /// Whether target words `a` and `b` (next to each other) are pieces of one hyphened
    /// word ("counter-drugs").
    fn joined(&self, a: usize, b: usize) -> bool {
        let between = self.alignment.target[a].end..self.alignment.target[b].start;
        !self.target[between].contains(char::is_whitespace)
    }

    /// `hunk`, or where it only inserts words between the term's ("Operation Big Southern
    /// Spear"), the term's words and the target words from the first's to the last's: the
    /// term with its insertion is what replaced it.
    fn with_term(&self, hunk: Hunk, term: std::ops::Range<usize>) -> Option<Hunk> {
        if !hunk.source.is_empty() {
            return Some(hunk);
        }
        let kept = &self.alignment.kept;
        let (first, last) = (kept[term.start]?, kept[term.end.checked_sub(1)?]?);
        Some(Hunk {
            source: term,
            target: first.min(hunk.target.start)..(last + 1).max(hunk.target.end),
        })
    }

    /// `hunk` cut where it runs out of the term's sentence on both sides: a rewriter that
    /// dropped or reordered the next sentence's first words ("NPP. Officials said the ..." ->
    /// "NNP. The ...") did not put them in the term's place. The target is cut at its own
    /// sentence's end, where it has one.
    fn within_sentence(&self, hunk: Hunk, term: std::ops::Range<usize>) -> Hunk {
        let (bitext, target, alignment) = (self.bitext, self.target, self.alignment);
        // Whether a sentence ends after word `k` of `words` in `text`.
        let ends = |text: &str, words: &[Span], k: usize| {
            words.get(k + 1).is_some_and(|next| {
                let between = &text[words[k].end..next.start];
                between.contains(['.', '!', '?']) && between.contains(char::is_whitespace)
            })
        };
        let mut hunk = hunk;
        if term.end > 0 && term.end <= hunk.source.end {
            let last = term.end - 1;
            let source_end =
                (last..hunk.source.end).find(|&k| ends(&bitext.source, &alignment.source, k));
            let target_end = hunk
                .target
                .clone()
                .find(|&k| k + 1 < hunk.target.end && ends(target, &alignment.target, k));
            if let Some(s) = source_end {
                hunk.source.end = s + 1;
                hunk.target.end = target_end.map_or(hunk.target.end, |t| t + 1);
            }
        }
        if hunk.source.start <= term.start {
            let before = hunk.source.start.saturating_sub(1);
            let source_start = (before..term.start)
                .rev()
                .find(|&k| ends(&bitext.source, &alignment.source, k));
            let target_start = hunk
                .target
                .clone()
                .rev()
                .find(|&k| k + 1 < hunk.target.end && ends(target, &alignment.target, k));
            if let Some(s) = source_start {
                hunk.source.start = s + 1;
                hunk.target.start = target_start.map_or(hunk.target.start, |t| t + 1);
            }
        }
        hunk
    }

    /// `hunk` without a first or last word that only drops the dots of an abbreviation at
    /// that end ("U.N. Commission" -> "UN Fee" replaced "Commission" by "Fee").
    fn without_shortened_ends(&self, mut hunk: Hunk) -> Hunk {
        let (source, target) = (&self.bitext.source, self.target);
        let (words, alignment) = (&self.alignment.source, self.alignment);
        // Source words' letters, where their text differs from `word`'s (only its dots).
        let text_of = |range: std::ops::Range<usize>, word: &(String, &str)| -> bool {
            let span = Span::new(words[range.start].start, words[range.end - 1].end);
            let text = &source[span.start..span.end];
            text != word.1 && letters(text) == word.0
        };
        let target_word = |j: usize| {
            let w = alignment.target[j];
            (letters(&target[w.start..w.end]), &target[w.start..w.end])
        };
        // Up to three source words ("U", "N") for one target word ("UN"), at the front, in
        // the hunk or just before it (the diff may have kept the term's words alone)...
        while hunk.target.len() > 1 {
            let first = target_word(hunk.target.start);
            let inside = (1..=3.min(hunk.source.len().saturating_sub(1)))
                .find(|&k| text_of(hunk.source.start..hunk.source.start + k, &first));
            let before = (1..=3.min(hunk.source.start))
                .any(|k| text_of(hunk.source.start - k..hunk.source.start, &first));
            match inside {
                Some(k) => hunk.source.start += k,
                None if before => {}
                None => break,
            }
            hunk.target.start += 1;
        }
        // One source word written as two or three at the front ("cannot" -> "can not").
        let split = |i: usize, js: std::ops::Range<usize>| {
            let w = words[i];
            let whole = letters(&source[w.start..w.end]);
            let pieces: String = js.map(|j| target_word(j).0).collect();
            !whole.is_empty() && whole == pieces
        };
        while hunk.source.len() > 1 {
            let (i, j) = (hunk.source.start, hunk.target.start);
            let Some(k) = (2..=3)
                .filter(|&k| hunk.target.len() > k)
                .find(|&k| split(i, j..j + k))
            else {
                break;
            };
            hunk.source.start += 1;
            hunk.target.start += k;
        }
        // ... and at the back.
        while hunk.target.len() > 1 {
            let last = target_word(hunk.target.end - 1);
            let inside = (1..=3.min(hunk.source.len().saturating_sub(1)))
                .find(|&k| text_of(hunk.source.end - k..hunk.source.end, &last));
            let after = (1..=3.min(words.len() - hunk.source.end))
                .any(|k| text_of(hunk.source.end..hunk.source.end + k, &last));
            match inside {
                Some(k) => hunk.source.end -= k,
                None if after => {}
                None => break,
            }
            hunk.target.end -= 1;
        }
        hunk
    }

    /// The part of `hunk` that replaced the term's words `term` (those of them it replaced), where the hunk swapped word for
    /// word (as many words each side, as a spinner's run of synonyms does: "schedule an
    /// increasing" -> "timetable a growing" replaced "schedule" by "timetable"); else the hunk.
    /// Not where a word of the term stands elsewhere in the replacing run, stem and all (the
    /// words were reordered: "precursors of chemicals" -> "chemical precursors").
    fn word_for_word(&self, hunk: Hunk, term: std::ops::Range<usize>) -> Hunk {
        let (bitext, target, alignment) = (self.bitext, self.target, self.alignment);
        // The term's words the hunk replaced ("precursor" of "precursor chemical" in "institute
        // precursor" -> "establish forerunner", "chemical" kept).
        let whole_term = term.clone();
        let term = term.start.max(hunk.source.start)..term.end.min(hunk.source.end);
        // The term's last (or first) words, replaced one for one right beside its kept words,
        // at the end of a longer hunk: the rest is its clause, rewritten around it
        // ("Administration first imposed on a temporary basis" -> "Agency", "was first
        // imposed temporarily by" put in before the kept "the Drug Enforcement").
        if !term.is_empty() && hunk.target.len() == term.len() && hunk.source.len() > term.len() {
            let kept = &self.alignment.kept;
            let after_kept = term.start == hunk.source.start
                && term.start > whole_term.start
                && hunk.target.start > 0
                && kept[term.start - 1] == Some(hunk.target.start - 1);
            let before_kept = term.end == hunk.source.end
                && term.end < whole_term.end
                && kept[term.end] == Some(hunk.target.end);
            if after_kept || before_kept {
                return Hunk {
                    source: term,
                    target: hunk.target,
                };
            }
        }
        if hunk.source.len() != hunk.target.len() || term.is_empty() || term == hunk.source {
            return hunk;
        }
        let offset = term.start - hunk.source.start;
        let narrowed = hunk.target.start + offset..hunk.target.start + offset + term.len();
        let term_stems: Vec<String> = alignment.source[term.clone()]
            .iter()
            .map(|w| stem(w, &bitext.source))
            .collect();
        let reordered = hunk
            .target
            .clone()
            .filter(|j| !narrowed.contains(j))
            .any(|j| term_stems.contains(&stem(&alignment.target[j], target)));
        if reordered {
            return hunk;
        }
        Hunk {
            source: term,
            target: narrowed,
        }
    }

    /// `hunk` grown over a run of words inserted right before or after the term's words `term`
    /// that holds a word the hunk took out of the term, stem and all: the words were moved, not
    /// left out ("National Security and Intelligence Advisor" -> "Advisor for National Security
    /// and Intelligence" deletes "Advisor" after and inserts it before).
    fn with_moved_words(&self, hunk: Hunk, term: std::ops::Range<usize>) -> Hunk {
        let (bitext, target, alignment) = (self.bitext, self.target, self.alignment);
        let kept: Vec<String> = alignment.target[hunk.target.clone()]
            .iter()
            .map(|w| stem(w, target))
            .collect();
        let taken_out: Vec<String> = alignment.source[hunk.source.clone()]
            .iter()
            .map(|w| stem(w, &bitext.source))
            .filter(|s| !kept.contains(s))
            .collect();
        if taken_out.is_empty() {
            return hunk;
        }
        // Beside the term's kept words, not across a clause ("... Eppelheimer, the senior
        // official meeting heard remarks from ... Counselor Jennifer Daskel").
        let gap = |h: &Hunk| {
            (h.target.start.saturating_sub(hunk.target.end))
                .max(hunk.target.start.saturating_sub(h.target.end))
        };
        // Or, where the term's words were only taken out, a few words put in at its other
        // end: the phrase was turned around ("Controlled Substances Act" -> "Law on
        // Controlled Substances").
        let turned_around = |h: &Hunk| {
            hunk.target.is_empty()
                && h.target.len() <= term.len()
                && alignment.target[h.target.clone()]
                    .iter()
                    .any(|w| !is_function_word(&target[w.start..w.end].to_lowercase()))
        };
        let moved = alignment.hunks.iter().find(|h| {
            h.source.is_empty()
                && (h.source.start == term.start || h.source.start == term.end)
                && gap(h) <= term.len()
                && (turned_around(h)
                    || alignment.target[h.target.clone()]
                        .iter()
                        .any(|w| taken_out.contains(&stem(w, target))))
        });
        match moved {
            Some(m) => Hunk {
                source: hunk.source.start.min(m.source.start)..hunk.source.end.max(m.source.end),
                target: hunk.target.start.min(m.target.start)..hunk.target.end.max(m.target.end),
            },
            None => hunk,
        }
    }

    /// `hunk` without the words at either end of its target that a rewriter moved there
    /// from elsewhere: the words (stem and all) of another hunk's taken-out source, and the
    /// function words beside them ("Treasury" -> "Depository are directed by the Order",
    /// where "The Order directs" was taken out at the sentence's start). As many target
    /// words stay as the hunk replaced.
    fn without_words_moved_in(&self, hunk: Hunk) -> Hunk {
        let (bitext, target, alignment) = (self.bitext, self.target, self.alignment);
        if hunk.source.is_empty() || hunk.target.len() <= hunk.source.len() {
            return hunk;
        }
        let taken_elsewhere: Vec<(String, String)> = alignment
            .hunks
            .iter()
            .filter(|h| h.source.end <= hunk.source.start || hunk.source.end <= h.source.start)
            .flat_map(|h| alignment.source[h.source.clone()].iter())
            .map(|w| {
                let lower = bitext.source[w.start..w.end].to_lowercase();
                (stem(w, &bitext.source), lower)
            })
            .collect();
        let word = |j: usize| {
            let w = alignment.target[j];
            (target[w.start..w.end].to_lowercase(), stem(&w, target))
        };
        let moved_in = |j: usize| {
            let (lower, stem) = word(j);
            if is_function_word(&lower) {
                Some(false)
            } else {
                // Garbled on the way, too ("President Biden has focused" -> "... focus of
                // President Bidan").
                taken_elsewhere
                    .iter()
                    .any(|(s, w)| *s == stem || spelled_alike(w, &lower, 0.75))
                    .then_some(true)
            }
        };
        // Function words alone go where the source's word at that end is none ("Customs"
        // -> "by Traditions" in a clause turned passive).
        let source_function = |i: usize| {
            let w = alignment.source[i];
            is_function_word(&bitext.source[w.start..w.end].to_lowercase())
        };
        // A word that ends (or starts) the source's word at that end is a piece of it split
        // off ("Homeland" -> "Native land"), not a word moved in.
        let source_word = |i: usize| {
            let w = alignment.source[i];
            bitext.source[w.start..w.end].to_lowercase()
        };
        let (last_source, first_source) = (
            source_word(hunk.source.end - 1),
            source_word(hunk.source.start),
        );
        let piece = |j: usize, of: &str, at_end: bool| {
            let (lower, _) = word(j);
            lower.len() >= 3
                && lower.len() < of.len()
                && if at_end {
                    of.ends_with(&lower)
                } else {
                    of.starts_with(&lower)
                }
        };
        let (mut start, mut end) = (hunk.target.start, hunk.target.end);
        let mut content_gone = false;
        while end - start > hunk.source.len()
            && !self.joined(end - 2, end - 1)
            && !piece(end - 1, &last_source, true)
        {
            let Some(content) = moved_in(end - 1) else {
                break;
            };
            content_gone |= content;
            end -= 1;
        }
        if !content_gone && source_function(hunk.source.end - 1) {
            end = hunk.target.end;
        }
        let mut content_gone_before = false;
        while end - start > hunk.source.len()
            && !self.joined(start, start + 1)
            && !piece(start, &first_source, false)
        {
            let Some(content) = moved_in(start) else {
                break;
            };
            content_gone_before |= content;
            start += 1;
        }
        if !content_gone_before && source_function(hunk.source.start) {
            start = hunk.target.start;
        }
        Hunk {
            source: hunk.source,
            target: start..end,
        }
    }

    /// `hunk` grown over the source word beside it that its target ends (or starts) with,
    /// where the diff kept that word as a later (or earlier) one of the target: "Diversion
    /// Squad, which ... the diversion" -> "Distraction Squad carried out ...; the squad"
    /// paired "Squad" with "squad" and left "Distraction Squad" replacing "Diversion" alone.
    fn with_words_kept_elsewhere(&self, hunk: Hunk) -> Hunk {
        let (bitext, target, alignment) = (self.bitext, self.target, self.alignment);
        if hunk.source.is_empty() || hunk.target.len() < 2 {
            return hunk;
        }
        let lower = |text: &str, w: Span| text[w.start..w.end].to_lowercase();
        let same = |i: usize, j: usize| {
            let word = lower(target, alignment.target[j]);
            !is_function_word(&word) && lower(&bitext.source, alignment.source[i]) == word
        };
        let mut hunk = hunk;
        let (after, last) = (hunk.source.end, hunk.target.end - 1);
        if alignment
            .kept
            .get(after)
            .copied()
            .flatten()
            .is_some_and(|j| j > last + 1)
            && same(after, last)
        {
            hunk.source.end += 1;
        }
        let first = hunk.target.start;
        if let Some(before) = hunk.source.start.checked_sub(1)
            && alignment.kept[before].is_some_and(|j| j + 1 < first)
            && same(before, first)
        {
            hunk.source.start -= 1;
        }
        hunk
    }

    /// `hunk` without the "s" of a possessive that opens its target, the clitic of the word
    /// before it ("the DEA's Substitute Administrator" for "DEA Deputy Administrator"
    /// replaced "Deputy" by "Substitute", not by "'s Substitute").
    fn without_possessive_s(&self, mut hunk: Hunk) -> Hunk {
        while hunk.target.len() > 1 {
            let w = self.alignment.target[hunk.target.start];
            let clitic = self.target[..w.start].ends_with(['\'', '\u{2019}'])
                && self.target[w.start..w.end].eq_ignore_ascii_case("s");
            if !clitic {
                break;
            }
            hunk.target.start += 1;
        }
        hunk
    }

    /// Whether target words `run` say the term's words `term` one for one, each the same
    /// stem, spelled alike or a thesaurus synonym ("tablet push" for "pill press"): a
    /// spinner's swap of the term alone. Only for terms of two words or more: one word has
    /// too many synonyms to be told from its clause.
    fn says_word_for_word(
        &self,
        term: &std::ops::Range<usize>,
        run: std::ops::Range<usize>,
    ) -> bool {
        let alignment = self.alignment;
        // Whole words: not a piece of a hyphened one ("made medications" of "man-made").
        let pieces = run.start > 0 && self.joined(run.start - 1, run.start)
            || run.end < alignment.target.len() && self.joined(run.end - 1, run.end);
        term.len() >= 2
            && run.len() == term.len()
            && !pieces
            && term.clone().zip(run).all(|(i, j)| self.says_word(i, j))
    }

    /// Whether target word `j` says source word `i`: the same stem, spelled alike or a
    /// thesaurus synonym, and not a function word.
    fn says_word(&self, i: usize, j: usize) -> bool {
        let (bitext, target, alignment) = (self.bitext, self.target, self.alignment);
        let (t, w) = (alignment.source[i], alignment.target[j]);
        let (t_lower, w_lower) = (
            bitext.source[t.start..t.end].to_lowercase(),
            target[w.start..w.end].to_lowercase(),
        );
        !is_function_word(&w_lower)
            && (stem(&t, &bitext.source) == stem(&w, target)
                || spelled_alike(&t_lower, &w_lower, 0.75)
                || self.kinship.between(&t_lower, &w_lower).is_some())
    }

    /// `hunk` cut to the run at either end of its target that says the term word for word,
    /// where the hunk replaced the term's words alone and more words stand beside them:
    /// those are the clause rewritten around it ("precursor chemicals" -> "forerunner
    /// synthetics have been confiscated", a sentence turned passive).
    ///
    /// Where the hunk replaced more than the term (a clause turned passive around it: "Homeland
    /// Security Investigations took over the case" -> "the case was assumed by Homeland
    /// Security Examinations"), the run may stand anywhere in it, but not as the term's own
    /// words (it would be the term moved, not replaced).
    fn synonyms_alone(&self, hunk: Hunk, term: std::ops::Range<usize>) -> Hunk {
        let k = term.len();
        let holds_term = hunk.source.start <= term.start && term.end <= hunk.source.end;
        if !holds_term || hunk.target.len() <= k {
            return hunk;
        }
        let (start, end) = (hunk.target.start, hunk.target.end);
        let (bitext, target, alignment) = (self.bitext, self.target, self.alignment);
        let lower = |text: &str, w: Span| text[w.start..w.end].to_lowercase();
        let changed = |run: &std::ops::Range<usize>| {
            term.clone().zip(run.clone()).any(|(i, j)| {
                lower(&bitext.source, alignment.source[i]) != lower(target, alignment.target[j])
            })
        };
        let inside = (hunk.source != term).then(|| (start..=end - k).map(|j| j..j + k));
        [start..start + k, end - k..end]
            .into_iter()
            .filter(|_| hunk.source == term)
            .chain(inside.into_iter().flatten())
            .find(|run| changed(run) && self.says_word_for_word(&term, run.clone()))
            .map_or(hunk, |run| {
                // A word after the run that says the term's head again ends its noun
                // phrase ("forerunner synthetic compounds" for "precursor chemicals"); not
                // a lower-case word after a name ("Enforcement Office operatives").
                let capital = |j: usize| {
                    let w = alignment.target[j];
                    target[w.start..w.end].starts_with(char::is_uppercase)
                };
                let head_again = run.end < end
                    && capital(run.end) == capital(run.end - 1)
                    && self.says_word(term.end - 1, run.end);
                Hunk {
                    source: term,
                    target: run.start..run.end + usize::from(head_again),
                }
            })
    }

    /// `hunk` cut to the comma-separated phrase of the term where both sides have as many
    /// phrases: the rewriter kept the list and changed each part ("precursors, including
    /// sulfuric" -> "forerunners, among them sulphuric": "precursors" -> "forerunners").
    fn along_commas(&self, hunk: Hunk, term: std::ops::Range<usize>) -> Hunk {
        let (bitext, target, alignment) = (self.bitext, self.target, self.alignment);
        let phrases = |words: &[Span], range: std::ops::Range<usize>, text: &str| {
            let mut phrases = Vec::new();
            let mut start = range.start;
            for j in range.start + 1..range.end {
                if text[words[j - 1].end..words[j].start].contains(',') {
                    phrases.push(start..j);
                    start = j;
                }
            }
            phrases.push(start..range.end);
            phrases
        };
        let source = phrases(&alignment.source, hunk.source.clone(), &bitext.source);
        let targets = phrases(&alignment.target, hunk.target.clone(), target);
        if source.len() < 2 || source.len() != targets.len() {
            return hunk;
        }
        source
            .iter()
            .zip(targets)
            .find(|(s, _)| s.start <= term.start && term.end <= s.end)
            .map_or(hunk, |(s, t)| Hunk {
                source: s.clone(),
                target: t,
            })
    }

    /// `hunk` with its target cut to one of its comma-separated phrases where the source's
    /// words have no comma: the one phrase with words spelled like theirs ("Leclerc" ->
    /// "Lekler, the fentanyl emperor": "Lekler"; "Services Agency" -> "Service Bureau,
    /// police": "Service Bureau").
    fn within_phrase(&self, hunk: Hunk) -> Hunk {
        let (bitext, target, alignment) = (self.bitext, self.target, self.alignment);
        if hunk.source.is_empty() || hunk.target.len() < 2 {
            return hunk;
        }
        let original = alignment.source_span(&hunk.source);
        if bitext.source[original.start..original.end].contains(',') {
            return hunk;
        }
        let mut phrases: Vec<std::ops::Range<usize>> = Vec::new();
        let mut start = hunk.target.start;
        for j in hunk.target.start + 1..hunk.target.end {
            let between = alignment.target[j - 1].end..alignment.target[j].start;
            if target[between].contains(',') {
                phrases.push(start..j);
                start = j;
            }
        }
        if phrases.is_empty() {
            return hunk;
        }
        phrases.push(start..hunk.target.end);
        let source_words: Vec<(String, String)> = alignment.source[hunk.source.clone()]
            .iter()
            .map(|w| {
                (
                    bitext.source[w.start..w.end].to_lowercase(),
                    stem(w, &bitext.source),
                )
            })
            .collect();
        let alike = |j: usize| {
            let w = alignment.target[j];
            let (word, word_stem) = (target[w.start..w.end].to_lowercase(), stem(&w, target));
            // Garbled, not kept: a word as the source has it says the diff set the hunk
            // across a moved phrase ("security, public safety" for "national security").
            !source_words.iter().any(|(s, _)| *s == word)
                && source_words.iter().any(|(s, s_stem)| {
                    (s.len() >= 5 && word.len() >= 5 && *s_stem == word_stem)
                        || spelled_alike(s, &word, 0.5)
                })
        };
        // One phrase alone has words like the source's: it is the garble. Else one phrase
        // alone of as many words as the source's, each its thesaurus synonym ("Police" ->
        // "Constabulary, was additionally appointed").
        let one = |mut found: Vec<&std::ops::Range<usize>>| {
            (found.len() == 1).then(|| found.remove(0).clone())
        };
        let spelled = one(phrases
            .iter()
            .filter(|p| (*p).clone().any(&alike))
            .collect());
        let said = || {
            let synonyms = |p: &&std::ops::Range<usize>| {
                p.len() == hunk.source.len()
                    && hunk.source.clone().zip((*p).clone()).all(|(i, j)| {
                        let (s, t) = (alignment.source[i], alignment.target[j]);
                        let (s, t) = (
                            bitext.source[s.start..s.end].to_lowercase(),
                            target[t.start..t.end].to_lowercase(),
                        );
                        !is_function_word(&t) && s != t && self.kinship.between(&s, &t).is_some()
                    })
            };
            one(phrases.iter().filter(synonyms).collect())
        };
        match spelled.or_else(said) {
            Some(phrase) => Hunk {
                source: hunk.source,
                target: phrase,
            },
            None => hunk,
        }
    }

    /// Where a rewriter restructured the clause around the term (the hunk runs several words
    /// past the term on a side, and none of its words is like the term's), the words like the
    /// term in another changed stretch nearby, nearest first: the term went there and was
    /// garbled on the way ("President Biden emphasized ..." -> "Noting ..., President Bidden
    /// stressed ..."). The run is as long as the term, placed by the word found; else the hunk.
    /// (Relocating from any unlike hunk cost two garbles and a false finding on the held-out
    /// spun sets: a plain synonym swap has like words elsewhere too.)
    fn relocated(&self, hunk: Hunk, term: std::ops::Range<usize>) -> Hunk {
        let (bitext, target, alignment) = (self.bitext, self.target, self.alignment);
        // A term left out where it stood (nothing, or function words, in its place: "including
        // isotonitazene" -> "such as") may have gone anywhere the clause went.
        // (Not where some of its words stand kept: "pill presses" -> "the presses for pills".)
        let left_out = alignment.kept[term.clone()].iter().all(Option::is_none)
            && alignment.target[hunk.target.clone()]
                .iter()
                .all(|w| says_nothing(&target[w.start..w.end]));
        let restructured = left_out || hunk.source.len().max(hunk.target.len()) > term.len() + 3;
        // The term's words in lower case, each with its stem where it is long enough to have
        // one, made once.
        let term_words: Vec<(String, Option<String>)> = alignment.source[term.clone()]
            .iter()
            .map(|w| {
                let lower = bitext.source[w.start..w.end].to_lowercase();
                let stem = (lower.len() >= 5).then(|| stem(w, &bitext.source));
                (lower, stem)
            })
            .collect();
        let lower = |j: usize| {
            let w = alignment.target[j];
            target[w.start..w.end].to_lowercase()
        };
        let like = |j: usize| -> Option<usize> {
            let w = alignment.target[j];
            let (word, word_stem) = (lower(j), stem(&w, target));
            let original = &target[w.start..w.end];
            term_words.iter().position(|(t, t_stem)| {
                t_stem.as_ref() == Some(&word_stem)
                    || spelled_alike(t, &word, 0.75)
                    || letters_swapped(t, original)
            })
        };
        let like_here: Vec<usize> = hunk.target.clone().filter(|&j| like(j).is_some()).collect();
        if let (Some(&first), Some(&last)) = (like_here.first(), like_here.last()) {
            // Only the term's words changed, garbled where the clause around them moved
            // ("Trump signed an Executive" -> "... signed by ... Tromp"): they alone are
            // replaced. Not where one stands as it was (the words were reordered).
            let term_here = term.start.max(hunk.source.start)..term.end.min(hunk.source.end);
            let garbled = like_here
                .iter()
                .map(|&j| lower(j))
                .all(|word| !term_words.iter().any(|(t, _)| *t == word));
            // Or the term alone was replaced, by its garbled words and clause words moved
            // there ("IEEPA" -> "IEPEA), the remarkable danger presented").
            // Not a piece of a hyphened word, though ("counter-drugs").
            let whole_words = (first == 0 || !self.joined(first - 1, first))
                && (last + 1 >= alignment.target.len() || !self.joined(last, last + 1));
            // Not where the hunk's words spell the term out ("superlab" -> "super
            // laboratory").
            let joined: String = hunk.target.clone().map(lower).collect();
            let term_joined: String = term_words.iter().map(|(t, _)| t.as_str()).collect();
            let garbled_alone = whole_words
                && last - first + 1 >= term_here.len()
                && hunk.target.len() > last - first + 1
                && !joined.starts_with(&term_joined);
            if garbled && (term_here != hunk.source || garbled_alone) && last - first <= term.len()
            {
                return Hunk {
                    source: term_here,
                    target: first..last + 1,
                };
            }
            return hunk;
        }
        if !restructured {
            return hunk;
        }
        let distance = |j: usize| j.abs_diff(hunk.target.start);
        let found = alignment
            .hunks
            .iter()
            .filter(|h| h.target != hunk.target)
            .flat_map(|h| h.target.clone().map(move |j| (h.target.clone(), j)))
            .filter(|(_, j)| distance(*j) <= RELOCATED_WITHIN)
            .filter_map(|(within, j)| like(j).map(|i| (within, j, i)))
            // The most alike, then the nearest: a reordered list puts other garbled names
            // nearer ("protonitazone" before "isotonitazepine" for "isotonitazene").
            .max_by(|(_, a, i), (_, b, k)| {
                let alike = |j: usize, i: usize| {
                    strsim::normalized_damerau_levenshtein(&term_words[i].0, &lower(j))
                };
                alike(*a, *i)
                    .total_cmp(&alike(*b, *k))
                    .then(distance(*b).cmp(&distance(*a)))
            });
        let Some((within, j, i)) = found else {
            // Or the term's words swapped one for one for synonyms ("pill press" -> "a
            // tablet push and packaging gear were also found"), the nearest such run.
            let k = term.len();
            let swapped = alignment
                .hunks
                .iter()
                .filter(|h| h.target != hunk.target && h.target.len() >= k)
                .flat_map(|h| (h.target.start..=h.target.end - k).map(move |j| j..j + k))
                .filter(|run| distance(run.start) <= RELOCATED_WITHIN)
                .filter(|run| self.says_word_for_word(&term, run.clone()))
                .min_by_key(|run| distance(run.start));
            return swapped.map_or(hunk, |run| Hunk {
                source: term,
                target: run,
            });
        };
        let start = j.saturating_sub(i).max(within.start);
        let end = (start + term.len()).min(within.end);
        Hunk {
            source: term,
            target: start..end,
        }
    }
}

/// Whether the words of `target` at `at` are the `original` words shortened: the same with
/// or without the dots of an abbreviation ("UN", "U.N."), each word or its contraction with
/// a full stop ("Dept." for "Department"), or the initials of its capitalised words ("U.S."
/// for "United States"); or a shortened word in it written out ("super laboratory" for
/// "superlab").
fn shortened(original: &str, target: &str, at: Span) -> bool {
    let short = &target[at.start..at.end];
    if letters(original) == letters(short) {
        return true;
    }
    let words_of = |text: &str| -> Vec<String> {
        let words = text.split_whitespace().map(letters);
        words.filter(|w| !w.is_empty()).collect()
    };
    let (long_words, short_words) = (words_of(original), words_of(short));
    // Initials: "U.S." or "US" for "United States".
    let capitalised: Vec<&str> = original
        .split_whitespace()
        .filter(|w| w.starts_with(char::is_uppercase))
        .collect();
    if short_words.len() == 1
        && capitalised.len() >= 2
        && capitalised.len() == long_words.len()
        && short
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    {
        let initials: String = long_words.iter().filter_map(|w| w.chars().next()).collect();
        if initials == short_words[0] {
            return true;
        }
    }
    // A word made of a word and a shortened one, written out: "super laboratory" for
    // "superlab".
    if let ([whole], [first, .., last]) = (long_words.as_slice(), short_words.as_slice())
        && first.len() >= 3
        && let Some(rest) = whole.strip_prefix(first.as_str())
        && rest.len() >= 2
        && last.len() > rest.len()
        && last.starts_with(rest)
    {
        return true;
    }
    // Contractions with a full stop: "Dept." for "Department", "Gov." for "Governor".
    let stopped = target[at.end..].starts_with('.');
    stopped
        && long_words.len() == short_words.len()
        && long_words
            .iter()
            .zip(&short_words)
            .all(|(long, short)| long == short || contraction(long, short))
}

/// `text`'s letters and digits in lower case: "U.N." and "UN" are both "un".
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `short` is `long` with letters left out, its first kept ("dept", "department").
fn contraction(long: &str, short: &str) -> bool {
    let mut rest = long.chars();
    short.len() >= 2
        && short.len() + 2 <= long.len()
        && long.chars().next() == short.chars().next()
        && short.chars().all(|c| rest.any(|l| l == c))
}

/// Whether `word` is an abbreviation with the letters of `term_word` (lower case) in
/// another order ("CPB" for "CBP"): too short for a spelling distance to tell.
fn letters_swapped(term_word: &str, word: &str) -> bool {
    let sorted = |w: &str| {
        let mut letters: Vec<char> = w.to_lowercase().chars().collect();
        letters.sort_unstable();
        letters
    };
    word.len() >= 3
        && word.chars().all(|c| c.is_ascii_uppercase())
        && sorted(word) == sorted(term_word)
}

/// Whether `word` is a function word ("for", "us"), not an abbreviation in capitals spelled
/// like one ("US", "IT").
fn says_nothing(word: &str) -> bool {
    let capitals = word.len() >= 2 && word.chars().all(|c| c.is_uppercase() || c == '.');
    !capitals && is_function_word(&word.to_lowercase())
}

/// The first five letters of word `w` of `text`, lower-cased: words of one stem ("precursor",
/// "precursors") share it.
fn stem(w: &Span, text: &str) -> String {
    text[w.start..w.end]
        .to_lowercase()
        .chars()
        .take(5)
        .collect()
}

/// The `source.changed-term` finding of a term of the original at `span` that the hunk
/// replaced: its fix restores the original's words, unless the term was left out.
fn changed_term(
    entry: &Entry,
    bitext: &Bitext,
    target: &str,
    alignment: &WordAlignment,
    hunk: &Hunk,
    span: Span,
    term_text: &str,
) -> Finding {
    let original = alignment.source_span(&hunk.source);
    let original_words = &bitext.source[original.start..original.end];
    let at = with_possessive(
        target,
        alignment.target_span(&hunk.target, target.len()),
        original_words,
    );
    let (message, fix) = if at.is_empty() {
        // Left out: nothing to replace, and where to put it back is a guess.
        (
            format!(
                "the original's '{term_text}' ({}) is left out here",
                entry.term
            ),
            None,
        )
    } else {
        let exact = original == span;
        let applicability = if exact && entry.fix == FixMode::Safe {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        let fix = (!original_words.contains('\n')).then(|| Fix {
            edits: vec![Edit {
                span: at,
                content: original_words.to_string(),
            }],
            applicability,
        });
        (
            format!(
                "the original has '{original_words}' here, with the glossary term '{}'",
                entry.term
            ),
            fix,
        )
    };
    // An empty span marks nothing: the finding then covers the next word.
    let shown = if at.is_empty() {
        next_word(alignment, &hunk.target, target.len(), at)
    } else {
        at
    };
    let mut finding = Finding::about(
        rule::CHANGED_TERM,
        shown,
        entry,
        entry.severity,
        CHANGED_CONFIDENCE,
        message,
    );
    // Left out, the term is what is missing, not the whole run the paraphrase dropped.
    let suggestion = if at.is_empty() {
        term_text
    } else {
        original_words
    };
    finding.suggestions = vec![suggestion.to_string()];
    finding.fix = fix;
    finding
}

/// `at` and the apostrophe of a plural possessive after it ("Persons’ Republic"), where the
/// original's words end in a possessive of their own ("People’s"): the restored words bring
/// their own, and the text's would be left doubled ("People’s’").
fn with_possessive(target: &str, at: Span, original_words: &str) -> Span {
    let possessive = |c: char| c == '\'' || c == '\u{2019}';
    let mut after = target[at.end..].chars();
    let ends_possessive = original_words.ends_with("'s")
        || original_words.ends_with("\u{2019}s")
        || original_words.ends_with(possessive);
    match (after.next(), after.next()) {
        (Some(c), next)
            if !at.is_empty()
                && ends_possessive
                && possessive(c)
                && !next.is_some_and(char::is_alphanumeric) =>
        {
            Span::new(at.start, at.end + c.len_utf8())
        }
        _ => at,
    }
}

/// Whether `words` share a word with any of `reported` (a term's words within a hunk are
/// reported once, by the longest term naming them).
fn overlaps_any(reported: &[std::ops::Range<usize>], words: &std::ops::Range<usize>) -> bool {
    reported
        .iter()
        .any(|r| r.start < words.end && words.start < r.end)
}

/// How many words a replaced run may have on either side for its words to be read as
/// respellings of one another: a short swap, not a clause rewritten.
const RESPELL_REACH: usize = 6;

/// `source.respelled-word`: in each short replaced run that no term finding reported, the
/// words respelled into none the dictionary knows, one or two letters off
/// ("Bernalilo" for "Bernalillo", "Roso" for "Rozo"); their source words join `reported`.
fn respelled_words(
    aware: &SourceAware,
    bitext: &Bitext,
    target: &str,
    alignment: &WordAlignment,
    reported: &mut Vec<std::ops::Range<usize>>,
) -> Vec<Finding> {
    let lexicon = aware.checker().lexicon();
    fn trim(w: &str) -> &str {
        w.trim_matches(|c: char| !c.is_alphanumeric())
    }
    // A piece of a contraction ("wouldn" of "wouldn't") is no word either.
    let clipped = |text: &str, w: Span| {
        text[w.end..].starts_with(['\'', '\u{2019}'])
            || text[..w.start].ends_with(['\'', '\u{2019}'])
    };
    let mut findings = Vec::new();
    for hunk in &alignment.hunks {
        if hunk.source.is_empty()
            || hunk.source.len() > RESPELL_REACH
            || hunk.target.len() > RESPELL_REACH
            || overlaps_any(reported, &hunk.source)
        {
            continue;
        }
        // Each word of the original against each word of the short run that replaced it
        // ("Ankleshwar, followed" -> "Ankleswar, came after"): a respelling is no synonym.
        let pairs = hunk
            .source
            .clone()
            .flat_map(|i| hunk.target.clone().map(move |j| (i, j)));
        for (i, j) in pairs {
            let (o, t) = (alignment.source[i], alignment.target[j]);
            let (original, written) = (
                trim(&bitext.source[o.start..o.end]),
                trim(&target[t.start..t.end]),
            );
            if !respelled(original, written)
                || clipped(&bitext.source, o)
                || clipped(target, t)
                || crate::nearmiss::known_word(lexicon, written)
            {
                continue;
            }
            let start = t.start + target[t.start..t.end].find(written).unwrap_or(0);
            let at = Span::new(start, start + written.len());
            reported.push(i..i + 1);
            findings.push(Finding {
                rule: rule::RESPELLED_WORD,
                span: at,
                kind: None,
                severity: Severity::Error,
                confidence: 0.9,
                message: format!(
                    "the original has '{original}' here; '{written}' is no word the dictionary knows"
                ),
                suggestions: vec![original.to_string()],
                fix: Some(Fix {
                    edits: vec![Edit {
                        span: at,
                        content: original.to_string(),
                    }],
                    applicability: Applicability::Unsafe,
                }),
                evidence: Vec::new(),
                entry: None,
            });
        }
    }
    findings
}

/// Whether `written` is `original` with a letter or two changed, dropped, added or swapped
/// (two only in a word of eight letters or more), and not merely cased otherwise or made
/// plural.
fn respelled(original: &str, written: &str) -> bool {
    let (a, b) = (original.to_lowercase(), written.to_lowercase());
    let letters = a.chars().count().min(b.chars().count());
    let words = |w: &str| w.chars().any(char::is_alphabetic);
    if a == b || letters < 4 || !words(&a) || !words(&b) {
        return false;
    }
    if crate::text::inflect::singular_and_plural(&a, &b) {
        return false;
    }
    let distance = strsim::damerau_levenshtein(&a, &b);
    distance == 1 || (distance == 2 && letters >= 8)
}

/// `source.changed-word`: every replaced run holding a content word that no term finding
/// reported (`reported`: their source words).
fn changed_words(
    bitext: &Bitext,
    target: &str,
    alignment: &WordAlignment,
    reported: &[std::ops::Range<usize>],
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for hunk in &alignment.hunks {
        if overlaps_any(reported, &hunk.source) || hunk.source.is_empty() || hunk.target.is_empty()
        {
            continue;
        }
        let original = alignment.source_span(&hunk.source);
        let original_words = &bitext.source[original.start..original.end];
        if crate::text::words::tokens(original_words)
            .all(|(_, w)| crate::text::words::is_stopword(&w.to_lowercase()))
        {
            continue;
        }
        let at = alignment.target_span(&hunk.target, target.len());
        findings.push(Finding {
            rule: rule::CHANGED_WORD,
            span: at,
            kind: None,
            severity: Severity::Info,
            confidence: 1.0,
            message: format!("the original has '{original_words}' here"),
            suggestions: vec![original_words.to_string()],
            fix: (!original_words.contains('\n')).then(|| Fix {
                edits: vec![Edit {
                    span: at,
                    content: original_words.to_string(),
                }],
                applicability: Applicability::Unsafe,
            }),
            evidence: Vec::new(),
            entry: None,
        });
    }
    findings
}

/// The lowercased words of a phrase, the last one without a plural ending.
fn phrase_words(phrase: &str) -> Vec<String> {
    let mut words: Vec<String> = crate::text::words::tokens(phrase)
        .map(|(_, w)| w.to_lowercase())
        .collect();
    if let Some(last) = words.last_mut() {
        *last = singular(last).to_string();
    }
    words
}

/// A word without a plural ending: enough to tell "precursors" from "precursor" as the same
/// words, not a lemmatiser.
fn singular(word: &str) -> &str {
    word.strip_suffix("es")
        .filter(|stem| {
            stem.ends_with(['s', 'x', 'z']) || stem.ends_with("ch") || stem.ends_with("sh")
        })
        .or_else(|| word.strip_suffix('s').filter(|stem| !stem.ends_with('s')))
        .unwrap_or(word)
}

/// A segment naming more terms than this has its words indexed: one pass over the words
/// costs about as much as filing them, so an index pays only for many look-ups (a whole
/// document as one segment), not for a line's few.
const INDEX_FROM: usize = 24;

/// The words of one side in lower case, perhaps with where each stands by its singular
/// form: a term's occurrences are then looked up, not scanned for over every word.
struct Words<'t> {
    words: Vec<Cow<'t, str>>,
    at: Option<FxHashMap<Cow<'t, str>, Vec<usize>>>,
}

impl<'t> Words<'t> {
    /// The words at `spans` of `text`, `indexed` or not; those in lower case already are
    /// borrowed, not copied.
    fn new(text: &'t str, spans: &[Span], indexed: bool) -> Words<'t> {
        let words: Vec<Cow<'t, str>> = spans
            .iter()
            .map(|w| crate::text::words::lowercase(&text[w.start..w.end]))
            .collect();
        let at = indexed.then(|| {
            let mut at: FxHashMap<Cow<'t, str>, Vec<usize>> = FxHashMap::default();
            for (i, word) in words.iter().enumerate() {
                let key = match word {
                    Cow::Borrowed(w) => Cow::Borrowed(singular(w)),
                    Cow::Owned(w) => Cow::Owned(singular(w).to_string()),
                };
                at.entry(key).or_default().push(i);
            }
            at
        });
        Words { words, at }
    }

    /// How often the words hold `phrase` (from [`phrase_words`]): each word as it is, the
    /// last one in its singular form.
    fn occurrences(&self, phrase: &[String]) -> usize {
        let Some(first) = phrase.first() else {
            return 0;
        };
        let holds = |start: usize| {
            let window = self.words.get(start..start + phrase.len());
            window.is_some_and(|window| {
                window.iter().zip(phrase).enumerate().all(|(i, (word, p))| {
                    if i + 1 == phrase.len() {
                        singular(word) == p
                    } else {
                        word == p
                    }
                })
            })
        };
        let Some(at) = &self.at else {
            return (0..self.words.len()).filter(|&s| holds(s)).count();
        };
        // Words are filed under their singular forms, which a first word that is not the
        // last shares; a last word is compared in its singular form already.
        let key = if phrase.len() == 1 {
            first.as_str()
        } else {
            singular(first)
        };
        at.get(key)
            .map_or(0, |starts| starts.iter().filter(|&&s| holds(s)).count())
    }
}

/// A replaced glossary term is known from the original, not guessed.
const CHANGED_CONFIDENCE: f32 = 0.95;

/// The word after an empty span of target words, or the word before it at the end.
fn next_word(
    alignment: &WordAlignment,
    words: &std::ops::Range<usize>,
    len: usize,
    at: Span,
) -> Span {
    alignment
        .target
        .get(words.start)
        .or_else(|| alignment.target.get(words.start.wrapping_sub(1)))
        .copied()
        .unwrap_or(Span::new(at.start.min(len), at.start.min(len)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every window of `words` compared with the phrase: what the index must agree with.
    fn scanned(words: &[Cow<'_, str>], phrase: &[String]) -> usize {
        if phrase.is_empty() || words.len() < phrase.len() {
            return 0;
        }
        let same = |(i, (word, p)): (usize, (&Cow<'_, str>, &String))| {
            if i + 1 == phrase.len() {
                singular(word) == p
            } else {
                word == p
            }
        };
        let windows = words.windows(phrase.len());
        windows
            .filter(|w| w.iter().zip(phrase).enumerate().all(same))
            .count()
    }

    #[test]
    fn a_phrase_is_counted_where_its_words_stand_the_last_in_any_number() {
        let text = "Gases and gas: the drug precursors, a drug precursor, drug gases, gas gas. \
                    The glasses, glass, buses and a bus; Precursor chemicals.";
        let spans: Vec<Span> = crate::text::words::tokens(text).map(|(s, _)| s).collect();
        let indexed = Words::new(text, &spans, true);
        let words = Words::new(text, &spans, false);
        let phrases = [
            "gases",
            "gas",
            "drug precursors",
            "drug gases",
            "gas gas",
            "glasses",
            "glass",
            "bus",
            "precursor chemical",
            "absent",
        ];
        for phrase in phrases {
            let said = phrase_words(phrase);
            let want = scanned(&words.words, &said);
            assert_eq!(words.occurrences(&said), want, "{phrase}");
            assert_eq!(indexed.occurrences(&said), want, "{phrase}");
        }
        assert_eq!(indexed.occurrences(&phrase_words("drug precursors")), 2);
        assert_eq!(indexed.occurrences(&phrase_words("glasses")), 2);
    }
}
