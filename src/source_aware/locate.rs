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
use super::dictionary::renders;
use super::rule;
use crate::check::finding::{Applicability, Edit, Finding, Fix};
use crate::derive::KinshipTest;
use crate::glossary::Entry;
use crate::text::inflect::{self, singular_and_plural};
use crate::text::span::Span;
use crate::text::words::{is_function_word, is_whole_word_in_mixed_text, tokens};

/// How much a projected position counts where no dictionary paired the segments' words.
const UNGUIDED_POSITION_TRUST: f32 = 0.3;

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
    pub related: &'k [String],
    /// Per dictionary word of the term's source form, the English words of its glosses
    /// ([`super::dictionary`]); empty without a dictionary for the source's language.
    pub parts: Vec<Vec<String>>,
    /// Runs of the segment that the translation habitually puts where the term is missing,
    /// with their association with its absence ([`super::habit`]).
    pub habitual: Vec<(Span, f32)>,
    /// Target words that render other words of the source segment ([`super::dictionary`]).
    pub accounted: Vec<Span>,
    /// Target words of the segment with the probability that they render the term's
    /// source words, by the file's word alignment ([`super::model1`]); empty without one.
    pub aligned: Vec<(Span, f32)>,
}

/// Credit of a run's word that renders a part of the term's source form by the dictionary,
/// in place of a term word that no word of the run matched: the dictionary says what the
/// source means, where the glossary's related words only guess.
const DICTIONARY_CREDIT: f32 = 0.7;

/// What a run that renders the source form's parts word for word scores, at most: the
/// dictionary lists many senses, the glossary's term is the surer guide.
const SOURCE_VIEW_WEIGHT: f32 = 0.9;

/// Credit of a run's word that the glossary gives a piece of the source form, in place of a
/// term word that no word of the run matched.
const RELATED_CREDIT: f32 = 0.6;

/// A habitual run less associated than this (Dice over the file's segments) with the
/// term's absence is not taken.
const HABIT_MIN_DICE: f32 = 0.3;

/// Nor one that sits farther than this (closeness, 0 to 1) from where the term projects.
const HABIT_MIN_CLOSENESS: f32 = 0.3;

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
    let source_form = source_form(entry, index, pair);
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
    match locate(entry, index, pair, taken, clues, false) {
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

/// How like the term (0 to 1) a run must be to render an occurrence the target leaves out
/// where it has the term elsewhere: a translation may well say "it" or "the Authority" the
/// second time, so only a run about as like as a synonym swap of one word is taken.
const ANOTHER_RENDERING_MIN: f32 = 0.7;

/// The finding for entry `index`, which the source segment names more often than the target
/// segment has it (at least once): a run clearly like the term renders one of the other
/// occurrences, inconsistently ("recycled water" beside "reclaimed water" for 再造水 twice).
/// None where no run is like enough.
pub fn another_rendering(
    entry: &Entry,
    index: usize,
    pair: &Pair,
    taken: &[Span],
    clues: &Clues,
) -> Option<Finding> {
    let source_form = source_form(entry, index, pair);
    let found = locate(entry, index, pair, taken, clues, true)?;
    // The term in other letters, or its abbreviation or expansion, is the term again.
    let words =
        |text: &str| -> Vec<String> { tokens(text).map(|(_, w)| w.to_lowercase()).collect() };
    let matched = &pair.target[found.span.start..found.span.end];
    let (term_words, run_words) = (words(&entry.term), words(matched));
    if term_words == run_words || abbreviation(&term_words, &run_words).is_some() {
        return None;
    }
    // One word, no abbreviation, for a term of several is too little to tell another
    // rendering from the segment's other words ("drivers" for "driving licence", "Card" of
    // "Happy Travel Card" for "Octopus card"): the count says a mention lacks, not where.
    let content = |w: &Vec<String>| w.iter().filter(|w| !is_function_word(w)).count();
    if content(&term_words) >= 2 && run_words.len() == 1 {
        return None;
    }
    let mut finding = located(entry, pair.target, found, source_form);
    finding.rule = rule::INCONSISTENT_TERM;
    finding.message = format!(
        "the source has '{source_form}' more often than this segment has '{}'; '{matched}' seems to render it here",
        entry.term,
    );
    Some(finding)
}

/// Entry `index`'s source form as the segment has it ("麻风疫苗", not the entry's first form).
fn source_form<'a>(entry: &'a Entry, index: usize, pair: &Pair<'a>) -> &'a str {
    pair.source_terms
        .iter()
        .find(|(_, e)| *e == index)
        .map(|(s, _)| &pair.source[s.start..s.end])
        .or(entry.source.first().map(String::as_str))
        .unwrap_or("")
}

/// Whether the source occurrence `at` lies within (or around) an occurrence of entry
/// `index` in `source_terms`: one names part of the other, so their renderings share words.
pub fn nested(source_terms: &[(Span, usize)], at: Span, index: usize) -> bool {
    source_terms.iter().any(|(s, e)| {
        *e == index
            && ((s.start <= at.start && at.end <= s.end)
                || (at.start <= s.start && s.end <= at.end))
    })
}

/// Whether the target's occurrences of entry `entry` (in `target_terms`) all render source
/// occurrences that `counts` (in `source_terms`): the source names it at least as often.
/// When the target has it more often, one of them renders an occurrence not counted (the
/// "ESG" of "internationally recognised ESG standards", inside another term), and which one
/// is not known, so none is taken as accounted for.
pub fn renders_named(
    source_terms: &[(Span, usize)],
    target_terms: &[(Span, usize)],
    entry: usize,
    counts: impl Fn(Span) -> bool,
) -> bool {
    let named = source_terms
        .iter()
        .filter(|(at, e)| *e == entry && counts(*at))
        .count();
    named > 0 && named >= target_terms.iter().filter(|(_, e)| *e == entry).count()
}

/// Where the target segment keeps one of entry `index`'s source forms as the source writes
/// it, untranslated ("the 閉そく区間"): that is its rendering. A form in a spaced script
/// counts as whole words only. A form the glossary also accepts in the target ("FGR" for
/// the Fiscalía General de la República) is no rendering left untranslated but the term
/// itself, already counted: where the source names the term again, it is not the other one.
fn untranslated(pair: &Pair, index: usize, taken: &[Span]) -> Option<Span> {
    let segment = pair.segment;
    let text = &pair.target[segment.start..segment.end];
    pair.source_terms
        .iter()
        .filter(|(_, e)| *e == index)
        .map(|(s, _)| &pair.source[s.start..s.end])
        .flat_map(|form| {
            text.match_indices(form).map(move |(at, _)| {
                let span = Span::new(segment.start + at, segment.start + at + form.len());
                (span, super::terms::unspaced_script(form))
            })
        })
        .find(|&(span, unspaced)| {
            (unspaced || is_whole_word_in_mixed_text(pair.target, span))
                && !taken.iter().any(|t| t.overlaps(span))
                && !pair
                    .target_terms
                    .iter()
                    .any(|(t, e)| *e == index && t.overlaps(span))
        })
        .map(|(span, _)| span)
}

/// The finding whose unsafe fix replaces the words at `span` with the term.
fn located(entry: &Entry, target: &str, found: Located, source_form: &str) -> Finding {
    let Located { span, confidence } = found;
    let matched = &target[span.start..span.end];
    let replacement = inflect::render(&entry.term, matched);
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
    like_only: bool,
) -> Option<Located> {
    // Words of terms the source names are accounted for; a term the source does not name
    // may well be this one's rendering ("Hong Kong Monetary Authority" for "HKMA").
    // A term whose source form sits inside this one's ("金管局" in "金管局金融科技總監") is
    // part of its rendering ("HKMA" of "HKMA Chief Fintech Officer"), not other words.
    // The term's own occurrences render the source's (those the target has).
    let accounted = |s: Span| {
        taken.iter().any(|t| t.overlaps(s))
            || pair.target_terms.iter().any(|(t, e)| {
                t.overlaps(s)
                    && (*e == index
                        || renders_named(pair.source_terms, pair.target_terms, *e, |at| {
                            !nested(pair.source_terms, at, index)
                        }))
            })
    };
    let segment = pair.segment;
    if let Some(span) = untranslated(pair, index, taken) {
        return Some(Located {
            span,
            confidence: 0.95,
        });
    }
    let words: Vec<(Span, &str)> = tokens(&pair.target[segment.start..segment.end])
        .map(|(s, w)| (Span::new(segment.start + s.start, segment.start + s.end), w))
        .filter(|(s, _)| !accounted(*s))
        .collect();
    let all_projections = pair
        .source_terms
        .iter()
        .filter(|(_, e)| *e == index)
        .map(|(s, _)| {
            pair.anchors
                .project(pair.source, s.start + (s.end - s.start) / 2)
        });
    // Where the target has the term already, the source's mention that projects onto it is
    // rendered: the other rendering is where another mention projects ("Tsing Ma
    // Management Area" where the third 青馬管制區 stands, not beside the first).
    let rendered: Vec<Span> = pair
        .target_terms
        .iter()
        .filter(|(_, e)| *e == index)
        .map(|(s, _)| *s)
        .collect();
    let elsewhere = |p: &Projection| {
        !rendered
            .iter()
            .any(|t| pair.anchors.closeness(*p, *t) >= RENDERED_THERE)
    };
    let mut projections: Vec<Projection> = all_projections.clone().filter(elsewhere).collect();
    if projections.is_empty() {
        projections = all_projections.collect();
    }
    let closeness = |span: Span| {
        projections
            .iter()
            .map(|p| pair.anchors.closeness(*p, span))
            .fold(0.0f32, f32::max)
    };
    // Where the word alignment puts the term's source words is where it sits, too. Without
    // a dictionary's word pairs the projection is rough (Korean to English: a few terms and
    // numbers pin it), and a run like the term counts for more than where it sits.
    let trust = if pair.anchors.guided() {
        1.0
    } else {
        UNGUIDED_POSITION_TRUST
    };
    let placed = |span: Span| trust * closeness(span).max(aligned_share(&clues.aligned, span));
    // An accepted form is a rendering too: a run like it ("IP mortgage financing" for "IP
    // pledge financing") is as likely the place as a run like the term.
    let term_best = best_run(&entry.term, pair.target, &words, clues, &placed);
    let lexical_best = term_best
        .into_iter()
        .chain(
            entry
                .accepted
                .iter()
                .filter_map(|form| best_run(form, pair.target, &words, clues, &placed)),
        )
        .reduce(|a, b| if rank(b) > rank(a) { b } else { a });
    // An accepted form's run inside a run about as like the term is part of it ("Meteorological
    // Law" of "... Law of the People's Republic of China"): the term's run is replaced, or
    // the rest of it would stand twice.
    let lexical_best = match (lexical_best, term_best) {
        (Some(best), Some(term))
            if term.1 >= LOCATE_THRESHOLD
                && term.1 + CONTAINING_RUN_MARGIN >= best.1
                && term.0.start <= best.0.start
                && best.0.end <= term.0.end =>
        {
            Some(term)
        }
        (best, _) => best,
    };
    let explained = |s: Span| clues.accounted.iter().any(|a| a.overlaps(s));
    let unexplained: Vec<(Span, &str)> = words
        .iter()
        .filter(|(s, _)| !explained(*s))
        .copied()
        .collect();
    // A name grows from the run taken, whatever the dictionary says of the run's own words
    // ("Act" of "Shitauke Act" is also a gloss of the source's 行為, an act).
    let whole_name = |span: Span| {
        let inside = |s: Span| span.start <= s.start && s.end <= span.end;
        let words: Vec<(Span, &str)> = words
            .iter()
            .filter(|(s, _)| inside(*s) || !explained(*s))
            .copied()
            .collect();
        whole_name(&entry.term, pair.target, &words, span)
    };
    if like_only {
        return lexical_best
            .filter(|(_, lexical, _)| *lexical >= ANOTHER_RENDERING_MIN)
            .map(|(span, lexical, position)| Located {
                span: whole_name(span),
                confidence: 0.6 + 0.3 * lexical + 0.05 * position,
            });
    }
    let unlike = lexical_best.is_none_or(|(_, lexical, _)| lexical < LOCATE_THRESHOLD);
    let habit = unlike.then(|| habitual(clues, taken, &closeness)).flatten();
    // The habit knows where a rendering starts and ends, the alignment where it is: where
    // they meet, the habit's words go.
    if let Some((span, mass)) = unlike
        .then(|| aligned_run(&entry.term, pair.target, &unexplained, &clues.aligned))
        .flatten()
        .filter(|(span, _)| habit.is_none_or(|(h, _, _)| !h.overlaps(*span)))
    {
        return Some(Located {
            span,
            confidence: 0.6 + 0.3 * mass,
        });
    }
    if let Some((span, dice, position)) = habit {
        return Some(Located {
            span,
            confidence: 0.6 + 0.3 * dice + 0.05 * position,
        });
    }
    let (span, lexical, position) = lexical_best?;
    if lexical >= LOCATE_THRESHOLD {
        return Some(Located {
            span: whole_name(span),
            confidence: 0.6 + 0.3 * lexical + 0.05 * position,
        });
    }
    // Where it sits alone is not enough: a run at the projected position is the words
    // a reference aligns with the term about half as often as a run like the term (WMT25
    // Track 2 dev years), so the finding keeps to the segment.
    None
}

/// How close to a rendering of the term already in the target a source mention's projection
/// may come before that mention counts as rendered there.
const RENDERED_THERE: f32 = 0.6;

/// How much less like its term a run holding an accepted form's run may be and still be
/// taken over it.
const CONTAINING_RUN_MARGIN: f32 = 0.1;

/// A name's rendering is a whole name: where the term is one (its words capitalised) and
/// `span` starts or ends inside a run of capitalised words ("China Meteorological" of "the
/// China Meteorological Bureau"), the run grows over them (and a joining word between
/// two) while it has fewer content words than the term. `words`: the segment's words that
/// may render the term, less those the dictionary gives other source words ("Provincial"
/// for the 省 before 学生资助管理中心 is no word of its name).
fn whole_name(term: &str, text: &str, words: &[(Span, &str)], span: Span) -> Span {
    let term_words: Vec<&str> = tokens(term).map(|(_, w)| w).collect();
    let function = |w: &str| is_function_word(&w.to_lowercase());
    if term_words.len() < 2
        || !term_words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) || function(w))
    {
        return span;
    }
    let first = words.iter().position(|(s, _)| s.start == span.start);
    let last = words.iter().position(|(s, _)| s.end == span.end);
    let (Some(mut first), Some(mut last)) = (first, last) else {
        return span;
    };
    // Content words, an abbreviation as many as its letters ("HK" is two).
    let weight = |w: &str| match abbreviated_words(w) {
        Some(letters) => letters,
        None => usize::from(!function(w)),
    };
    let wanted: usize = term_words.iter().map(|w| weight(w)).sum();
    let has = |first: usize, last: usize| -> usize {
        words[first..=last].iter().map(|(_, w)| weight(w)).sum()
    };
    let capitalised =
        |k: usize| words[k].1.starts_with(char::is_uppercase) && !function(words[k].1);
    // The words that join a name's words ("Science and Technology", "Law of the PRC").
    let joining = |k: usize| matches!(words[k].1, "and" | "of" | "for" | "on" | "&");
    let spaced = |a: usize, b: usize| &text[words[a].0.end..words[b].0.start] == " ";
    // Whether word `k` goes on the name word `next` (before or after it) stands beside.
    let goes_on = |k: usize, next: usize| capitalised(k) && spaced(k.min(next), k.max(next));
    // A name's rendering is its capitalised words: a lower-case word at either end of a run
    // that has them is the clause's ("Korea Institute of Heritage Research completed").
    // (Not a term word in lower case: "drinking water standards of Hong Kong".)
    let stem = |w: &str| w.to_lowercase().chars().take(5).collect::<String>();
    let term_stems: Vec<String> = term_words.iter().map(|w| stem(w)).collect();
    let clause_word = |k: usize| {
        let w = words[k].1;
        !w.starts_with(char::is_uppercase) && !function(w) && !term_stems.contains(&stem(w))
    };
    let named = |a: usize, b: usize| (a..=b).filter(|&k| capitalised(k)).count() >= 2;
    // (And the function words that joined it: "co-chair of the Green Finance ...".)
    let mut cut = false;
    while last > first
        && (clause_word(last) || cut && function(words[last].1))
        && named(first, last - 1)
    {
        (last, cut) = (last - 1, true);
    }
    cut = false;
    while first < last
        && (clause_word(first) || cut && function(words[first].1))
        && named(first + 1, last)
    {
        (first, cut) = (first + 1, true);
    }
    let (start, end) = (first, last);
    while capitalised(first) && has(first, last) < wanted {
        if first >= 1 && goes_on(first - 1, first) {
            first -= 1;
        } else if first >= 2
            && joining(first - 1)
            && goes_on(first - 2, first - 1)
            && spaced(first - 1, first)
        {
            first -= 2;
        } else {
            break;
        }
    }
    while capitalised(last) && has(first, last) < wanted {
        if last + 1 < words.len() && goes_on(last + 1, last) {
            last += 1;
        } else if last + 2 < words.len()
            && joining(last + 1)
            && goes_on(last + 2, last + 1)
            && spaced(last, last + 1)
        {
            last += 2;
        } else {
            break;
        }
    }
    // Grown to a name's end or not at all: a run stopped inside one ("Kong Monetary
    // Authority") is no better than one that never left its own words.
    if first < start && first >= 1 && goes_on(first - 1, first) {
        first = start;
    }
    if last > end && last + 1 < words.len() && goes_on(last + 1, last) {
        last = end;
    }
    Span::new(words[first].0.start, words[last].0.end)
}

/// The words the file's word alignment puts against the term: `(span, mean probability)` of
/// the run of `words` (the segment's words not accounted for, by other terms or by the
/// dictionary's renderings of other source words) most likely to render its
/// source words, gaps of one word allowed, function words trimmed from its ends; none if
/// no word is more likely than not to render them, or the run crosses a clause break.
fn aligned_run(
    term: &str,
    text: &str,
    words: &[(Span, &str)],
    aligned: &[(Span, f32)],
) -> Option<(Span, f32)> {
    let mass = |s: Span| {
        aligned
            .iter()
            .find(|(a, _)| *a == s)
            .map_or(0.0, |(_, p)| *p)
    };
    let likely: Vec<(usize, f32)> = words
        .iter()
        .enumerate()
        .map(|(i, (s, _))| (i, mass(*s)))
        .filter(|(i, p)| *p >= ALIGNED_MIN && !is_function_word(&words[*i].1.to_lowercase()))
        .collect();
    // Runs of likely words at most two apart; the one with the most mass.
    let mut best: Option<(usize, usize, f32)> = None;
    let mut k = 0;
    while k < likely.len() {
        let (first, mut total, mut last) = (likely[k].0, likely[k].1, likely[k].0);
        k += 1;
        while k < likely.len() && likely[k].0 - last <= 2 {
            total += likely[k].1;
            last = likely[k].0;
            k += 1;
        }
        if best.is_none_or(|(_, _, t)| total > t) {
            best = Some((first, last, total));
        }
    }
    let (first, last, _) = best?;
    let run = &words[first..=last];
    let span = candidate(text, run, term)?;
    let mean = run.iter().map(|(s, _)| mass(*s)).sum::<f32>() / run.len() as f32;
    Some((span, mean))
}

/// The mean probability that the words of `span` render the term's source words.
fn aligned_share(aligned: &[(Span, f32)], span: Span) -> f32 {
    let inside: Vec<f32> = aligned
        .iter()
        .filter(|(s, _)| span.start <= s.start && s.end <= span.end)
        .map(|(_, p)| *p)
        .collect();
    if inside.is_empty() {
        return 0.0;
    }
    inside.iter().sum::<f32>() / inside.len() as f32
}

/// A target word less likely than this to render the term's source words is not part of
/// the aligned run.
const ALIGNED_MIN: f32 = 0.5;

/// The translation's habitual rendering of the term in this segment, `(span, Dice,
/// closeness)`, where no run is like the term: the run most associated with the term's
/// absence over the file ([`super::habit`]) among those that hold no word the dictionary
/// gives another source word, and that sit near where the source term projects. Either
/// signal alone picks words of the segment's topic as often as the rendering.
fn habitual(
    clues: &Clues,
    taken: &[Span],
    closeness: &dyn Fn(Span) -> f32,
) -> Option<(Span, f32, f32)> {
    clues
        .habitual
        .iter()
        .filter(|(s, d)| {
            *d >= HABIT_MIN_DICE
                && !taken.iter().any(|t| t.overlaps(*s))
                && !clues.accounted.iter().any(|a| a.overlaps(*s))
        })
        .map(|&(s, d)| (s, d, closeness(s)))
        .filter(|(_, _, position)| *position >= HABIT_MIN_CLOSENESS)
        .max_by(|a, b| {
            let total = |(_, d, p): &(Span, f32, f32)| d + POSITION_WEIGHT * p;
            // Of equally likely runs the longest: the whole rendering, not a word of it.
            total(a)
                .total_cmp(&total(b))
                .then((a.0.end - a.0.start).cmp(&(b.0.end - b.0.start)))
        })
}

/// The best run of `words` for the term: `(span, lexical score, closeness)`, the one with
/// the highest lexical score plus [`POSITION_WEIGHT`] times its closeness (0 to 1).
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
    let longest = longest_rendering(term, clues.parts.len());
    let abbreviates = abbreviated_words(term);
    let mut best: Option<(Span, f32, f32)> = None;
    // As few words as the term has, or as its source form has dictionary words ("leprosy
    // vaccine" for 麻风疫苗, whose term is "measles-rubella combined vaccine"), less one.
    let fewest = match clues.parts.len() {
        0 => n,
        parts => n.min(parts),
    };
    // Each word of the segment against each of the term's content words, once: a word
    // stands in up to `longest` runs.
    let lower: Vec<String> = words.iter().map(|(_, w)| w.to_lowercase()).collect();
    let facts: Vec<WordFacts> = lower.iter().map(|w| WordFacts::of(w, clues)).collect();
    // [`score`] holds no function word of a run against the term's words.
    let similarities: Vec<Vec<f32>> = term_words
        .iter()
        .filter(|w| !is_function_word(w))
        .map(|t| {
            lower
                .iter()
                .zip(&facts)
                .map(|(w, fact)| {
                    if fact.function {
                        0.0
                    } else {
                        word_similarity(t, w, clues.kinship)
                    }
                })
                .collect()
        })
        .collect();
    // A run none of whose words is like a term word, renders a part of the source form or
    // is related to it scores nothing, unless it abbreviates the term or the term it.
    let useful: Vec<bool> = (0..words.len())
        .map(|i| {
            similarities.iter().any(|row| row[i] > 0.0)
                || !facts[i].glosses.is_empty()
                || facts[i].related
        })
        .collect();
    let runs = Runs::new(text, term);
    let table = runs.table(words, &lower);
    let mut scratch = Scratch::default();
    for start in 0..words.len() {
        for len in 1..=longest {
            if len + 1 < fewest && len != 1 {
                continue;
            }
            if start + len > words.len() {
                break;
            }
            // A run starting or ending with a function word is none ([`candidate`]).
            if facts[start].function || facts[start + len - 1].function {
                continue;
            }
            let run_words = &lower[start..start + len];
            if !useful[start..start + len].contains(&true)
                && abbreviation(&term_words, run_words).is_none()
            {
                continue;
            }
            let Some(span) = runs.span_at(&table, words, start, len) else {
                continue;
            };
            let similarity = |t: usize, i: usize| similarities[t][start + i];
            let run_facts = &facts[start..start + len];
            let lexical = score(
                &term_words,
                abbreviates,
                run_words,
                run_facts,
                clues.parts.len(),
                &similarity,
                &mut scratch,
            );
            if lexical <= 0.0 {
                continue;
            }
            // Closeness is at most 1: a run that could not beat the best even there is
            // not placed (placing a run weighs every projection and aligned word).
            if best.is_some_and(|b| rank((span, lexical, 1.0)) <= rank(b)) {
                continue;
            }
            let scored = (span, lexical, closeness(span));
            if best.is_none_or(|b| rank(scored) > rank(b)) {
                best = Some(scored);
            }
        }
    }
    best
}

/// How a `(span, lexical score, closeness)` run ranks: a run like enough to be taken beats
/// any that is not, wherever it sits; position only breaks ties between likely renderings.
fn rank((_, lexical, position): (Span, f32, f32)) -> f32 {
    (lexical >= LOCATE_THRESHOLD) as u8 as f32 * 10.0 + lexical + POSITION_WEIGHT * position
}

/// The most words a rendering of `term` may have, when its source form has `parts`
/// dictionary words: an abbreviation is one word for many (and the other way round), a
/// word-for-word rendering has about as many words as the source form has parts.
pub fn longest_rendering(term: &str, parts: usize) -> usize {
    let n = tokens(term).count();
    let abbreviated = n == 1 && term.len() >= 2 && !term.chars().any(char::is_lowercase);
    if abbreviated { 6 } else { n.max(parts) + 1 }
}

/// Verbs that only help another (tense, voice, mood): no part of a term's rendering.
const AUXILIARIES: [&str; 21] = [
    "am", "are", "be", "been", "being", "can", "could", "did", "do", "does", "had", "has", "have",
    "is", "may", "might", "must", "should", "was", "were", "will",
];

/// The span of a run of words, if it can be one rendering of `term`: it neither starts nor
/// ends with a function word, and crosses no sentence end or clause break, nor a comma
/// unless the term has one ("home doors, the conductor checks" is two phrases).
fn candidate(text: &str, run: &[(Span, &str)], term: &str) -> Option<Span> {
    let lower: Vec<String> = run.iter().map(|(_, w)| w.to_lowercase()).collect();
    Runs::new(text, term).span(run, &lower)
}

/// The test of [`candidate`], with what it asks of the term worked out once for the many runs
/// of one segment.
struct Runs<'a> {
    text: &'a str,
    term: &'a str,
    term_lower: String,
    abbreviation: bool,
    common_noun: bool,
}

impl<'a> Runs<'a> {
    fn new(text: &'a str, term: &'a str) -> Runs<'a> {
        Runs {
            text,
            term,
            term_lower: term.to_lowercase(),
            abbreviation: abbreviated_words(term).is_some(),
            common_noun: !term.contains(char::is_uppercase),
        }
    }

    /// [`candidate`] of `run`, whose words in lower case are `lower`.
    fn span(&self, run: &[(Span, &str)], lower: &[String]) -> Option<Span> {
        if is_function_word(lower.first()?) || is_function_word(lower.last()?) {
            return None;
        }
        self.span_at(&self.table(run, lower), run, 0, run.len())
    }

    /// Whether character `c` inside a run breaks it ([`candidate`]).
    fn breaks(&self, c: char) -> bool {
        match c {
            '\n' => true,
            '.' | ';' | '(' | ')' | ':' => !self.term.contains(c),
            ',' => !self.term.contains(c) && !self.abbreviation,
            _ => false,
        }
    }

    /// What [`Runs::span`] asks of each word of `words` (in lower case `lower`) and of the
    /// text between two, worked out once for all the runs of a segment.
    fn table(&self, words: &[(Span, &str)], lower: &[String]) -> RunTable {
        let text = self.text;
        // A rendering is a noun phrase: an auxiliary verb ends it ("centres are closed",
        // "orders were issued"), unless the term has one.
        let auxiliary = lower
            .iter()
            .map(|w| {
                AUXILIARIES.contains(&w.as_str()) && !self.term_lower.split(' ').any(|t| t == w)
            })
            .collect();
        // Punctuation the term has may stand in its rendering ("Ordinance (Amendment)"),
        // and an abbreviation's expansion may list ("environmental, social and governance").
        let breaks_after = words
            .windows(2)
            .map(|pair| {
                text[pair[0].0.end..pair[1].0.start]
                    .chars()
                    .any(|c| self.breaks(c))
            })
            .collect();
        // Nor does a run split a hyphenated word ("anti-counterfeiting"), nor start at the
        // "s" of a possessive ("SEC's").
        let joined_before = words
            .iter()
            .map(|(span, _)| {
                let before = &text[..span.start];
                let clitic = before
                    .strip_suffix(['\'', '’'])
                    .is_some_and(crate::text::words::ends_in_word);
                before.ends_with('-') || clitic
            })
            .collect();
        let joined_after = words
            .iter()
            .map(|(span, _)| text[span.end..].starts_with('-'))
            .collect();
        RunTable {
            auxiliary,
            breaks_after,
            joined_before,
            joined_after,
        }
    }

    /// [`Runs::span`] of the run of `len` words of `words` from `start`, with its words'
    /// tests in `table`; the caller has seen that it neither starts nor ends with a
    /// function word.
    fn span_at(
        &self,
        table: &RunTable,
        words: &[(Span, &str)],
        start: usize,
        len: usize,
    ) -> Option<Span> {
        let end = start + len - 1;
        if table.auxiliary[start..=end].contains(&true)
            || table.joined_before[start]
            || table.joined_after[end]
            || table.breaks_after[start..end].contains(&true)
        {
            return None;
        }
        let span = Span::new(words[start].0.start, words[end].0.end);
        // A common noun's rendering is no piece of a name ("Banking" of "the Hong Kong
        // Banking Association" for "banking sector").
        (!(self.common_noun && splits_name(self.text, span))).then_some(span)
    }
}

/// [`Runs::table`]: per word, whether it is an auxiliary verb the term lacks, whether the
/// text between it and the next word breaks a run, and whether a run may not start (a
/// hyphen or a possessive's apostrophe before) or end (a hyphen after) at it.
struct RunTable {
    auxiliary: Vec<bool>,
    breaks_after: Vec<bool>,
    joined_before: Vec<bool>,
    joined_after: Vec<bool>,
}

/// Whether `span` starts or ends inside a run of capitalised words joined by single spaces:
/// a capitalised first word after a capitalised word, or a capitalised last word before one
/// (function words aside).
fn splits_name(text: &str, span: Span) -> bool {
    let capitalised = |word: &str| word.starts_with(char::is_uppercase);
    // "The" opening a sentence is no part of a name.
    let name_word = |word: &str| capitalised(word) && !is_function_word(&word.to_lowercase());
    let inside = &text[span.start..span.end];
    let first = inside.split(' ').next().unwrap_or("");
    let last = inside.rsplit(' ').next().unwrap_or("");
    let before = text[..span.start]
        .strip_suffix(' ')
        .and_then(|b| b.rsplit(' ').next())
        .is_some_and(|w| name_word(w) && w.chars().all(char::is_alphanumeric));
    let after = text[span.end..]
        .strip_prefix(' ')
        .and_then(|a| a.split(' ').next())
        .is_some_and(|w| name_word(w.trim_end_matches(|c: char| !c.is_alphanumeric())));
    (before && capitalised(first)) || (after && capitalised(last))
}

/// Room [`score`] works in, kept from one run to the next: it is asked for every run of
/// every segment lacking a term.
#[derive(Default)]
struct Scratch {
    pairs: Vec<(f32, usize, usize)>,
    used: Vec<bool>,
    matched: Vec<bool>,
    placed: Vec<(usize, usize)>,
    said: Vec<(usize, usize)>,
    part_taken: Vec<bool>,
    source: SourceScratch,
}

/// Room [`by_source`] works in.
#[derive(Default)]
struct SourceScratch {
    content: Vec<usize>,
    rendering: Vec<bool>,
    said: Vec<(usize, usize)>,
    said_term: Vec<bool>,
}

/// `flags` as `len` times false.
fn refill(flags: &mut Vec<bool>, len: usize) {
    flags.clear();
    flags.resize(len, false);
}

/// How well a run of words renders the term's words, 0 to 1: each content word of the term
/// is matched by its best word of the run, a term word left over by a word the glossary
/// gives the source form, and words of the run that match nothing count against it.
/// `abbreviates`: how many words the term abbreviates, if it is an abbreviation
/// ([`abbreviated_words`]); `parts`: how many dictionary parts its source form has.
fn score(
    term: &[String],
    abbreviates: Option<usize>,
    run: &[String],
    facts: &[WordFacts],
    parts: usize,
    similarity: &dyn Fn(usize, usize) -> f32,
    scratch: &mut Scratch,
) -> f32 {
    if let Some(s) = abbreviation(term, run) {
        return s;
    }
    let content = term.iter().filter(|w| !is_function_word(w)).count();
    if content == 0 {
        return 0.0;
    }
    let Scratch {
        pairs,
        used,
        matched,
        placed,
        said,
        part_taken,
        source,
    } = scratch;
    // An abbreviation names as many words as it has letters: a word the dictionary or the
    // glossary gives a piece of its source form stands in for one of them, not for all
    // ("Monetary" alone is not "HKMA", "Monetary Authority" is half of it).
    // Best pairs first: "exchange" must not take the run's "fund" from "fund".
    pairs.clear();
    // A function word of the run renders no content word ("before" is no kin of "platform").
    for t in 0..content {
        for (i, fact) in facts.iter().enumerate() {
            if fact.function {
                continue;
            }
            let s = similarity(t, i);
            if s > 0.0 {
                pairs.push((s, t, i));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    refill(used, run.len());
    refill(matched, content);
    let mut total = 0.0;
    placed.clear();
    for &(s, t, i) in pairs.iter() {
        if !used[i] && !matched[t] {
            used[i] = true;
            matched[t] = true;
            total += s;
            placed.push((t, i));
        }
    }
    // The term's words turned around with nothing joining them, in the run or in the term,
    // are no rendering of it: "safety of school buses" may render "school bus safety", and
    // "Industry-Education Fusion" "integration of industry and education", but "Centre
    // supported students" does not render "Student Aid Centre".
    if content == term.len() && turned_around(placed, facts) {
        total *= TURNED_AROUND_CREDIT;
    }
    // A word that renders a part of the source form by the dictionary, or that the glossary
    // relates to it, stands in for a term word left over, and never counts against a run.
    // A word like the abbreviation itself ("HKSA") stands for all of it.
    let slots = match abbreviates {
        Some(letters) if !matched[0] => letters,
        _ => content,
    };
    let mut left = slots - matched.iter().filter(|m| **m).count();
    // Each part stands in once, and a gloss word once: a word of the run that says again
    // what another already says for the same gloss ("vaccination" beside "vaccine", both
    // 疫苗's "vaccine") counts against the run; one saying another word of the part's gloss
    // ("foreign" beside "exchange" for 外匯's "foreign exchange") does not.
    // (part, gloss word) pairs said so far; a part's credit once given.
    said.clear();
    for (fact, _) in facts.iter().zip(used.iter()).filter(|(_, u)| **u) {
        fact.say_glosses(said);
    }
    part_taken.clear();
    part_taken.extend((0..parts).map(|k| said.iter().any(|(p, _)| *p == k)));
    for (i, fact) in facts.iter().enumerate() {
        if used[i] || fact.function {
            continue;
        }
        let before = said.len();
        let renders_some = fact.say_glosses(said);
        let credit = if renders_some {
            if said.len() == before {
                continue;
            }
            used[i] = true;
            match said[before..].iter().find(|(k, _)| !part_taken[*k]) {
                Some(&(k, _)) => {
                    part_taken[k] = true;
                    DICTIONARY_CREDIT
                }
                None => continue,
            }
        } else if fact.related {
            RELATED_CREDIT
        } else {
            continue;
        };
        used[i] = true;
        if left > 0 {
            left -= 1;
            total += credit;
        }
    }
    let unmatched = facts
        .iter()
        .zip(used.iter())
        .filter(|(fact, u)| !**u && !fact.function)
        .count();
    let by_term = total / (slots + unmatched) as f32;
    let by_source = SOURCE_VIEW_WEIGHT * by_source(content, parts, facts, similarity, source);
    // The weaker view breaks ties: "fishing" and "fishing rights" render 漁業権 alike where
    // the dictionary knows only 漁業, and the second is more like "fishery right".
    (by_term.max(by_source) + TIE_WEIGHT * by_term.min(by_source)).min(1.0)
}

/// How much the weaker of the term's and the source's views of a run adds to its score.
const TIE_WEIGHT: f32 = 0.05;

/// What the term view of a run keeps of its score when the term's words stand in it in
/// another order with no function word between them.
const TURNED_AROUND_CREDIT: f32 = 0.85;

/// Whether two of the term's words (`placed`: term word, run word) stand in the run in the
/// other order with no function word between them ("of", "for" make a reordered phrase).
fn turned_around(placed: &[(usize, usize)], facts: &[WordFacts]) -> bool {
    placed.iter().any(|&(t1, i1)| {
        placed
            .iter()
            .any(|&(t2, i2)| t1 < t2 && i1 > i2 && !facts[i2 + 1..i1].iter().any(|f| f.function))
    })
}

/// What [`score`] asks of a word of the segment, found once per word rather than once per
/// run it stands in.
struct WordFacts {
    /// A function word renders no content word.
    function: bool,
    /// The (part, gloss word) pairs of the source form's dictionary parts that it renders.
    glosses: Vec<(usize, usize)>,
    /// Whether it is like a word the glossary gives a piece of the source form.
    related: bool,
}

impl WordFacts {
    fn of(word: &str, clues: &Clues) -> WordFacts {
        let function = is_function_word(word);
        let glosses = clues
            .parts
            .iter()
            .enumerate()
            .flat_map(|(k, part)| {
                let glosses = part.iter().enumerate();
                glosses.filter_map(move |(g, gloss)| renders(gloss, word).then_some((k, g)))
            })
            .collect();
        let related = !function
            && clues
                .related
                .iter()
                .any(|w| stem_similarity(w, word) >= 0.85);
        WordFacts {
            function,
            glosses,
            related,
        }
    }

    /// Adds to `said` the (part, gloss word) pairs the word renders and `said` lacks;
    /// whether it renders any at all.
    fn say_glosses(&self, said: &mut Vec<(usize, usize)>) -> bool {
        for pair in &self.glosses {
            if !said.contains(pair) {
                said.push(*pair);
            }
        }
        !self.glosses.is_empty()
    }

    fn renders_part(&self, part: usize) -> bool {
        self.glosses.iter().any(|(k, _)| *k == part)
    }
}

/// How a run's words say what the source form says, by the dictionary: the share of the
/// source form's `parts` that some word of the run renders, less the run's words that render
/// neither a part nor one of the `terms` content words of the term ("monetary markets" for
/// "貨幣市場" whatever the term); `similarity(t, i)` is term word t's to run word i.
fn by_source(
    terms: usize,
    parts: usize,
    facts: &[WordFacts],
    similarity: &dyn Fn(usize, usize) -> f32,
    scratch: &mut SourceScratch,
) -> f32 {
    if parts == 0 {
        return 0.0;
    }
    let SourceScratch {
        content,
        rendering,
        said,
        said_term,
    } = scratch;
    content.clear();
    content.extend((0..facts.len()).filter(|&i| !facts[i].function));
    // One word renders one part: "river" is among the glosses of both 東江 and 水, but
    // "River" alone is not "東江水".
    refill(rendering, content.len());
    let covered = (0..parts)
        .filter(|&part| {
            let word =
                (0..content.len()).find(|&i| !rendering[i] && facts[content[i]].renders_part(part));
            word.inspect(|&i| rendering[i] = true).is_some()
        })
        .count();
    // A word saying again a gloss word or a term word that another already says explains
    // nothing more ("vaccination" after "vaccine").
    said.clear();
    refill(said_term, terms);
    let unexplained = content
        .iter()
        .filter(|&&i| {
            let before = said.len();
            facts[i].say_glosses(said);
            let mut new = said.len() > before;
            for (t, said_t) in said_term.iter_mut().enumerate() {
                if similarity(t, i) >= 0.85 {
                    new |= !*said_t;
                    *said_t = true;
                }
            }
            !new
        })
        .count();
    covered as f32 / (parts + unexplained) as f32
}

/// How many words `term` abbreviates, if it is one word of two to six capitals ("HKMA";
/// "AIs" is a plural of two).
fn abbreviated_words(term: &str) -> Option<usize> {
    let letters = term.strip_suffix('s').unwrap_or(term);
    ((2..=6).contains(&letters.len()) && letters.chars().all(|c| c.is_ascii_uppercase()))
        .then_some(letters.len())
}

/// A term and its abbreviation: "Hong Kong Monetary Authority" and "HKMA".
fn abbreviation(term: &[String], run: &[String]) -> Option<f32> {
    // A plural abbreviation keeps its letters and adds an "s": "ATMs", "AIs".
    let matches = |long: &[String], short: &[String]| {
        let [short] = short else {
            return false;
        };
        let singular = short.strip_suffix('s').filter(|s| s.len() >= 2);
        long.len() > 1
            && short.len() >= 2
            && (initials_spell(long, short) || singular.is_some_and(|s| initials_spell(long, s)))
    };
    (matches(term, run) || matches(run, term)).then_some(0.9)
}

/// Whether the first letters of the content words of `long` spell `short`. Asked of
/// every run of a segment, so it builds no string.
fn initials_spell(long: &[String], short: &str) -> bool {
    let mut letters = short.chars();
    long.iter()
        .filter(|w| !is_function_word(w))
        .filter_map(|w| w.chars().next())
        .all(|first| letters.next() == Some(first))
        && letters.next().is_none()
}

/// How alike [`word_similarity`] takes two words that are only thesaurus kin.
const KIN_SIMILARITY: f32 = 0.45;

/// How alike two words are as renderings of one another, 0 to 1.
fn word_similarity(a: &str, b: &str, kinship: &KinshipTest) -> f32 {
    let spelling = stem_similarity(a, b);
    if spelling > 0.0 {
        return spelling;
    }
    if a.chars().any(char::is_alphabetic)
        && b.chars().any(char::is_alphabetic)
        && kinship.between(a, b).is_some()
    {
        // Thesaurus kin is weak evidence alone ("growth" and "ramifications" are kin).
        return KIN_SIMILARITY;
    }
    if crate::nearmiss::similarity::spelled_alike(a, b, 0.75) {
        0.6
    } else {
        0.0
    }
}

/// How alike [`word_similarity`] takes two words of one stem (0.7 and up), 0 for others.
fn stem_similarity(a: &str, b: &str) -> f32 {
    if a == b {
        return 1.0;
    }
    // A plural is its singular, however short ("maps" for "map").
    if singular_and_plural(a, b) {
        return 0.95;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    // In ASCII (most words) a character is a byte: no decoding to count them.
    let shorter = if a.is_ascii() && b.is_ascii() {
        a.len().min(b.len())
    } else {
        a.chars().count().min(b.chars().count())
    };
    if common >= 4 && common * 5 >= shorter * 4 {
        return 0.85; // the same stem: "regulation", "regulatory"
    }
    if common >= 4 && derived_stem(a) == derived_stem(b) {
        return 0.7; // one stem, two suffixes: "fishery", "fishing"
    }
    0.0
}

/// `word` without one derivational or inflectional ending, where four letters or more stay.
fn derived_stem(word: &str) -> &str {
    const ENDINGS: [&str; 12] = [
        "eries", "ation", "ing", "ery", "ers", "ies", "ion", "ive", "er", "ed", "al", "y",
    ];
    ENDINGS
        .iter()
        .find_map(|e| word.strip_suffix(e).filter(|stem| stem.len() >= 4))
        .unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Clues of a source form with these dictionary `parts` (each its gloss words), and
    /// nothing else.
    fn parts_only<'k, 'l>(kinship: &'k KinshipTest<'l>, parts: &[&[&str]]) -> Clues<'k, 'l> {
        Clues {
            kinship,
            related: &[],
            parts: parts
                .iter()
                .map(|part| part.iter().map(|g| g.to_string()).collect())
                .collect(),
            habitual: Vec::new(),
            accounted: Vec::new(),
            aligned: Vec::new(),
        }
    }

    /// [`whole_name`] of the run `run` of `text`, as text.
    fn named<'t>(term: &str, text: &'t str, run: &str) -> &'t str {
        let words: Vec<(Span, &str)> = tokens(text).collect();
        let at = text.find(run).unwrap();
        let span = whole_name(term, text, &words, Span::new(at, at + run.len()));
        &text[span.start..span.end]
    }

    #[test]
    fn a_names_rendering_ends_at_its_capitalised_words() {
        // corpus/eval/translation-heritage, lines 9 and 15: the verb after the name is the
        // clause's; a term word in lower case is the name's, and so is what joins it.
        let text = "The Korea Institute of Heritage Research completed the work.";
        let term = "National Research Institute of Cultural Heritage";
        let run = "Korea Institute of Heritage Research completed";
        assert_eq!(
            named(term, text, run),
            "Korea Institute of Heritage Research"
        );
        let text = "It set drinking water standards of Hong Kong last year.";
        let term = "Hong Kong Drinking Water Standards";
        let run = "drinking water standards of Hong Kong";
        assert_eq!(named(term, text, run), run);
        let text = "It met co-chair of the Green Finance Steering Group today.";
        let term = "Green and Sustainable Finance Cross-Agency Steering Group";
        let run = "co-chair of the Green Finance Steering Group";
        assert_eq!(named(term, text, run), "Green Finance Steering Group");
    }

    /// [`score`] of a run that is no abbreviation, word similarities computed as asked.
    fn scored(term: &[String], run: &[String], clues: &Clues) -> f32 {
        let content: Vec<&String> = term.iter().filter(|w| !is_function_word(w)).collect();
        let similarity = |t: usize, i: usize| word_similarity(content[t], &run[i], clues.kinship);
        let facts: Vec<WordFacts> = run.iter().map(|w| WordFacts::of(w, clues)).collect();
        score(
            term,
            None,
            run,
            &facts,
            clues.parts.len(),
            &similarity,
            &mut Scratch::default(),
        )
    }
    use crate::glossary::Origin;
    use crate::source_aware::dictionary::Reading;

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
        located_with(("源", source), term, text, target_terms, related, "")
    }

    /// As [`located_in`], with the source form `form` and a dictionary (`cedict`: a
    /// CC-CEDICT table; empty: none).
    fn located_with(
        (form, source): (&str, &str),
        term: &str,
        text: &str,
        target_terms: &[(Span, usize)],
        related: &[&str],
        cedict: &str,
    ) -> Option<String> {
        let whole = Span::new(0, text.len());
        let at = source.find(form).unwrap();
        let source_terms = [(Span::new(at, at + form.len()), 0)];
        let source_span = Span::new(0, source.len());
        let lexicon = crate::lexicon::Lexicon::builder().cedict(cedict).build();
        let reading = Reading::new(lexicon.cedict(), source, source_span, text, whole);
        let words = reading.anchors(&[source_terms[0].0]);
        let anchors = Anchors::new(
            source,
            source_span,
            text,
            whole,
            &source_terms,
            target_terms,
            &words,
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
        let related_words: Vec<String> = related.iter().map(|w| w.to_string()).collect();
        let clues = Clues {
            kinship: &kinship,
            related: &related_words,
            parts: Reading::parts(lexicon.cedict(), source, source_terms[0].0)
                .into_iter()
                .map(|g| g.into_iter().map(str::to_string).collect())
                .collect(),
            habitual: Vec::new(),
            accounted: Vec::new(),
            aligned: Vec::new(),
        };
        let mut entry = entry(term);
        entry.source = vec![form.to_string()];
        let finding = missing(&entry, 0, &pair, &[], &[], &clues);
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
    fn words_of_one_stem_with_two_endings_are_alike() {
        let kinship = KinshipTest::new(crate::lexicon::tests::embedded());
        assert_eq!(word_similarity("fishery", "fishing", &kinship), 0.7);
        assert_eq!(word_similarity("shipping", "shipper", &kinship), 0.7);
        assert_eq!(word_similarity("banking", "bankruptcy", &kinship), 0.0);
        assert_eq!(word_similarity("map", "maps", &kinship), 0.95);
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
    fn a_source_form_left_untranslated_is_the_rendering() {
        let source = "先行列車が閉そく区間内にある間";
        let form = ("閉そく区間", source);
        let text = "While a preceding train is within the 閉そく区間, stop.";
        assert_eq!(
            located_with(form, "block section", text, &[], &[], "").as_deref(),
            Some("閉そく区間@38 -> block section")
        );
        // A form in Latin letters, as a whole word only.
        let form = ("CEMS", "CEMS数据应当真实");
        let fix = |text| located_with(form, "emission monitoring system", text, &[], &[], "");
        assert_eq!(
            fix("The CEMS data must be true.").as_deref(),
            Some("CEMS@4 -> emission monitoring system")
        );
        assert_eq!(fix("The CEMSX data must be true."), None);
    }

    #[test]
    fn a_run_crosses_no_comma_the_term_lacks_nor_starts_at_a_possessive_s() {
        /// The run of `words` words from the `first`, as text, if it can be a rendering.
        fn run<'t>(text: &'t str, first: usize, words: usize, term: &str) -> Option<&'t str> {
            let all: Vec<(Span, &str)> = tokens(text).collect();
            candidate(text, &all[first..first + words], term).map(|s| &text[s.start..s.end])
        }
        let text = "With home doors, the conductor checks.";
        assert_eq!(run(text, 1, 2, "platform doors"), Some("home doors"));
        assert_eq!(run(text, 1, 4, "platform doors"), None);
        // A rendering is a noun phrase: no auxiliary verb the term lacks.
        let text = "when the centres are closed";
        assert_eq!(run(text, 2, 1, "affairs centre"), Some("centres"));
        assert_eq!(run(text, 2, 3, "affairs centre"), None);
        let text = "Environmental, social and governance factors";
        let term = "environmental, social and governance";
        assert_eq!(
            run(text, 0, 4, term),
            Some(text.strip_suffix(" factors").unwrap())
        );
        for text in ["The SEC's work", "The SEC’s work"] {
            assert_eq!(run(text, 1, 1, "Commission"), Some("SEC"));
            assert_eq!(run(text, 2, 1, "Commission"), None);
            assert_eq!(run(text, 2, 2, "Commission"), None);
        }
        // Punctuation the term has, or an abbreviation's expansion, may stand in a run.
        let text =
            "the 2022 Pensions (Amendment) Ordinance and environmental, social and governance";
        let term = "Pensions (Amendment) Ordinance 2022";
        assert_eq!(
            run(text, 1, 4, term),
            Some("2022 Pensions (Amendment) Ordinance")
        );
        assert_eq!(run(text, 1, 4, "Pensions Ordinance 2022"), None);
        assert_eq!(
            run(text, 6, 4, "ESG"),
            Some("environmental, social and governance")
        );
        assert_eq!(run(text, 6, 4, "sustainability goals"), None);
        // An opening quotation mark is no possessive.
        assert_eq!(run("the 'Fast' system", 1, 1, "Faster"), Some("Fast"));
        // A common noun's rendering is no piece of a name; a name's may be.
        let text = "The Hong Kong Banking Association and Banking groups met.";
        assert_eq!(run(text, 3, 1, "banking sector"), None);
        assert_eq!(
            run(text, 1, 4, "banking sector"),
            Some("Hong Kong Banking Association")
        );
        assert_eq!(run(text, 6, 2, "banking sector"), Some("Banking groups"));
        assert_eq!(run(text, 3, 1, "Banking Sector"), Some("Banking"));
    }

    /// A tiny CC-CEDICT: the words of the tests below.
    const CEDICT: &str = "外匯\t外汇\tforeign exchange forex\n基金\t\tfund\n認可\t认可\tapprove approval\n\
                          機構\t机构\tmechanism organization agency institution\n\
                          去年\t\tlast year\n增長\t增长\tgrow increase growth\n\
                          利潤\t利润\tprofit\n上升\t\trise go up ascend\n";

    #[test]
    fn words_the_dictionary_gives_the_source_form_are_its_rendering() {
        // "authorized" shares nothing with "approved"; the dictionary says "認可" is
        // "approve", and the rest of the sentence is no rendering of the term.
        let text = "Profits of approved agencies rose last year.";
        let source = ("認可機構", "去年認可機構利潤上升。");
        let with = located_with(source, "authorized institutions", text, &[], &[], CEDICT);
        assert_eq!(
            with.as_deref(),
            Some("approved agencies@11 -> authorized institutions")
        );
        let without = located_with(source, "authorized institutions", text, &[], &[], "");
        assert_eq!(without, None);
    }

    #[test]
    fn a_run_the_dictionary_gives_a_term_word_for_is_taken_whole() {
        // "forex" renders "外匯" and stands for "Exchange", so the whole run goes.
        let text = "The forex fund grew.";
        let source = ("外匯基金", "外匯基金增長。");
        let with = located_with(source, "Exchange Fund", text, &[], &[], CEDICT);
        assert_eq!(with.as_deref(), Some("forex fund@4 -> Exchange Fund"));
        let without = located_with(source, "Exchange Fund", text, &[], &[], "");
        assert_eq!(without.as_deref(), Some("fund@10 -> Exchange Fund"));
    }

    const VACCINES: &str = "麻风\t麻風\tleprosy hansen disease\n疫苗\t\tvaccine\n\
                            接种\t接種\tvaccinate inoculate\n历史\t歷史\thistory\n";

    #[test]
    fn a_rendering_may_have_as_few_words_as_the_source_form() {
        // "麻风疫苗" is two dictionary words, rendered (wrongly: "leprosy") in two, where
        // the term has four.
        let text = "Children who never got the leprosy vaccine or whose records are lost.";
        let source = ("麻风疫苗", "无麻风疫苗接种史或记录遗失的儿童。");
        let term = "measles-rubella combined vaccine";
        let found = located_with(source, term, text, &[], &[], VACCINES);
        assert_eq!(found, Some(format!("leprosy vaccine@27 -> {term}")));
    }

    #[test]
    fn a_word_saying_a_gloss_again_counts_against_its_run() {
        // "vaccination" says 疫苗's "vaccine" again: it adds nothing to "measles vaccine"
        // (and with it the run would be longer than the rendering).
        let kinship = KinshipTest::new(crate::lexicon::tests::embedded());
        let clues = parts_only(&kinship, &[&["leprosy"], &["vaccine"]]);
        let words = |w: &str| w.split(' ').map(String::from).collect::<Vec<_>>();
        let term = words("measles rubella combined vaccine");
        let score_of = |run: &str| scored(&term, &words(run), &clues);
        assert!(
            score_of("leprosy vaccine") > score_of("leprosy vaccine or whose vaccination"),
            "{} {}",
            score_of("leprosy vaccine"),
            score_of("leprosy vaccine or whose vaccination")
        );
        // Two words of one gloss ("foreign exchange") are no repetition.
        let clues = Clues {
            parts: vec![
                vec!["foreign".into(), "exchange".into()],
                vec!["fund".into()],
            ],
            ..clues
        };
        let term = words("exchange fund");
        let score_of = |run: &str| scored(&term, &words(run), &clues);
        assert_eq!(score_of("foreign exchange fund"), score_of("exchange fund"));
    }

    #[test]
    fn a_run_rendering_every_part_of_the_source_form_scores_high_whatever_the_term() {
        let kinship = KinshipTest::new(crate::lexicon::tests::embedded());
        let clues = parts_only(
            &kinship,
            &[&["banking", "finance"], &["science", "technology"]],
        );
        let run = |words: &[&str]| words.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        let term = run(&["fintech"]);
        let rendering = scored(&term, &run(&["financial", "technology", "firms"]), &clues);
        assert!(rendering >= LOCATE_THRESHOLD, "{rendering}");
        let half = scored(&term, &run(&["technology", "firms", "grew"]), &clues);
        assert!(half < LOCATE_THRESHOLD, "{half}");
    }

    #[test]
    fn a_run_like_the_term_is_taken_over_an_unlike_one_where_the_term_projects() {
        // "exchanges" sits where "源" projects but is too unlike "Exchange Fund" to be
        // taken; "Fund" is like enough, so it is the rendering.
        let text = "AB: the exchanges grew; CD: the Fund fell.";
        let found = located_in("AB 源增長；CD 其他下跌", "Exchange Fund", text, &[], &[]);
        assert_eq!(found.as_deref(), Some("Fund@32 -> Exchange Fund"));
    }

    #[test]
    fn a_plural_abbreviation_renders_the_term() {
        assert_eq!(
            located(
                "automatic teller machines",
                "Customers used ATMs more often."
            )
            .as_deref(),
            Some("ATMs -> Automatic teller machines")
        );
    }

    #[test]
    fn one_word_the_glossary_relates_to_an_abbreviations_source_is_not_its_rendering() {
        // "Monetary" is one of the four words "HKMA" abbreviates: too little to replace.
        let related = ["hong", "kong", "monetary", "authority"];
        let text = "Rates at the Monetary level rose.";
        assert_eq!(located_in("源", "HKMA", text, &[], &related), None);
        // A word spelled like the abbreviation itself still is.
        let text = "Rates at the HKSA rose.";
        assert_eq!(
            located_in("源", "HKMA", text, &[], &related).as_deref(),
            Some("HKSA@13 -> HKMA")
        );
    }

    #[test]
    fn a_terms_words_turned_around_with_nothing_joining_them_are_a_weaker_rendering() {
        let kinship = KinshipTest::new(crate::lexicon::tests::embedded());
        let clues = parts_only(&kinship, &[]);
        let words = |text: &str| text.split(' ').map(String::from).collect::<Vec<_>>();
        let score_of = |term: &str, run: &str| scored(&words(term), &words(run), &clues);
        // "Centre supported students" is no "Student Aid Centre"...
        let turned = score_of("student aid centre", "centre aided students");
        assert!(turned < score_of("student aid centre", "students aided centre"));
        // ... but "safety of school buses" is "school bus safety", and a term with "of" may
        // be turned around without one ("Industry-Education Fusion").
        assert_eq!(
            score_of("school bus safety", "safety of school buses"),
            score_of("school bus safety", "school buses of safety"),
        );
        assert_eq!(
            score_of("integration of industry", "industry integration"),
            score_of("integration of industry", "integration industry"),
        );
    }
}
