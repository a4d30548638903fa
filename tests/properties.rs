//! Properties of checking and fixing that must hold for any text (issue #11, "hardening that
//! keeps it so"): spans on character boundaries inside the text, fixes that touch no byte
//! outside their spans, fixing that settles, fixed words that are clean, and BOM, CRLF and
//! trailing bytes that survive.
//!
//! Texts are pieces of the seed article mixed with glossary words, random words, whitespace,
//! BOMs and CRLFs, plus fully arbitrary strings. The checkers are the real glossaries of
//! `corpus/glossaries/`, built once for all cases.

use std::path::Path;
use std::sync::LazyLock;

use proptest::prelude::*;
use termlint::check::finding::{Applicability, Edit, Finding, Fix};
use termlint::checker::{CheckOptions, Checker};
use termlint::fix;
use termlint::glossary::Glossary;
use termlint::text::span::Span;
use unicode_normalization::char::is_combining_mark;

const BOM: &str = "\u{feff}";

fn corpus(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name)
}

fn checker(glossary: &str) -> Checker {
    let glossary = Glossary::load(&[corpus("glossaries").join(glossary)]).unwrap();
    Checker::new(glossary, CheckOptions::default())
}

/// Glossary G: listed variants with context cues and vetoes.
static LISTED: LazyLock<Checker> = LazyLock::new(|| checker("fentanyl-policy.toml"));
/// A bare glossary: its wrong renderings are all derived.
static BARE: LazyLock<Checker> = LazyLock::new(|| checker("seed-bare.tsv"));

static ARTICLE: LazyLock<String> =
    LazyLock::new(|| std::fs::read_to_string(corpus("seed/article.txt")).unwrap());

/// Offsets in the article where a word starts: pieces are cut there.
static WORD_STARTS: LazyLock<Vec<usize>> = LazyLock::new(|| {
    let article = ARTICLE.as_str();
    let mut starts: Vec<usize> = article
        .char_indices()
        .filter(|&(i, c)| {
            !c.is_whitespace()
                && article[..i]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace)
        })
        .map(|(i, _)| i)
        .collect();
    starts.push(article.len());
    starts
});

/// Every term and listed variant of both glossaries: the words that make findings.
static GLOSSARY_WORDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    [&*LISTED, &*BARE]
        .iter()
        .flat_map(|c| &c.glossary().entries)
        .flat_map(|e| std::iter::once(e.term.clone()).chain(e.variants.iter().cloned()))
        .collect()
});

/// A run of 1 to 40 whole words of the seed article, with the spaces and line ends between.
fn article_piece() -> impl Strategy<Value = String> {
    (any::<prop::sample::Index>(), 1usize..40).prop_map(|(start, words)| {
        let starts = &*WORD_STARTS;
        let first = start.index(starts.len() - 1);
        let last = (first + words).min(starts.len() - 1);
        ARTICLE[starts[first]..starts[last]].to_string()
    })
}

fn glossary_word() -> impl Strategy<Value = String> {
    any::<prop::sample::Index>().prop_map(|i| GLOSSARY_WORDS[i.index(GLOSSARY_WORDS.len())].clone())
}

fn separator() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        " ",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\r\n\r\n",
        "\r",
        "\u{a0}",
        BOM,
        ". ",
        ", ",
        "\u{201c}",
        "\u{2019}s ",
        "-",
        "\u{0301}",
        " and ",
    ])
    .prop_map(String::from)
}

/// A text that makes findings: article pieces, glossary words, random words and separators.
fn mixed_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => article_piece(),
        4 => glossary_word(),
        4 => separator(),
        1 => "[a-zA-Z]{1,10}",
        1 => "\\PC{1,6}",
    ];
    (any::<bool>(), prop::collection::vec(piece, 0..24)).prop_map(|(bom, pieces)| {
        let text = pieces.concat();
        if bom { format!("{BOM}{text}") } else { text }
    })
}

/// Mixed texts mostly, fully arbitrary strings sometimes.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![4 => mixed_text(), 1 => any::<String>()]
}

fn all_fixes(findings: &[Finding]) -> Vec<&Fix> {
    findings.iter().filter_map(|f| f.fix.as_ref()).collect()
}

/// The fixes `checker` proposes for `text`, owned, as `fix::apply` and `until_stable` take them.
fn fixes_of(checker: &Checker, text: &str) -> Vec<Fix> {
    checker
        .check(text)
        .into_iter()
        .filter_map(|f| f.fix)
        .collect()
}

fn safe_fixes(findings: &[Finding]) -> Vec<&Fix> {
    all_fixes(findings)
        .into_iter()
        .filter(|f| f.applicability == Applicability::Safe)
        .collect()
}

/// The applied edits, in order of position.
fn applied_edits<'a>(fixes: &[&'a Fix], applied: &fix::Applied) -> Vec<&'a Edit> {
    let mut edits: Vec<&Edit> = applied
        .applied
        .iter()
        .flat_map(|&i| &fixes[i].edits)
        .collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    edits
}

/// Where each applied edit's replacement lies in the output.
fn output_spans(edits: &[&Edit]) -> Vec<Span> {
    let mut shift: isize = 0;
    edits
        .iter()
        .map(|e| {
            let start = (e.span.start as isize + shift) as usize;
            shift += e.content.len() as isize - e.span.len() as isize;
            Span::new(start, start + e.content.len())
        })
        .collect()
}

fn assert_spans_in_text(text: &str, findings: &[Finding]) -> Result<(), TestCaseError> {
    let in_text = |s: Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    for f in findings {
        prop_assert!(in_text(f.span), "{} at {:?}", f.rule, f.span);
        for e in f.fix.iter().flat_map(|x| &x.edits) {
            prop_assert!(in_text(e.span), "edit of {} at {:?}", f.rule, e.span);
        }
    }
    Ok(())
}

/// Whether byte `at` of `text` lies inside a word or a character cluster, said here apart from
/// the library: a combining mark belongs to the character before it (unless that is a line
/// end or another control character), and a letter, digit or `_` right after a word (a base
/// character whose marks may follow) continues it.
fn cuts(text: &str, at: usize) -> bool {
    let (Some(next), Some(prev)) = (text[at..].chars().next(), text[..at].chars().next_back())
    else {
        return false;
    };
    if is_combining_mark(next) {
        return !prev.is_control();
    }
    let base = text[..at].chars().rev().find(|&c| !is_combining_mark(c));
    let word = |c: char| (c.is_alphanumeric() || c == '_') && !is_combining_mark(c);
    word(next) && base.is_some_and(word)
}

fn assert_no_span_cuts_a_word(text: &str, findings: &[Finding]) -> Result<(), TestCaseError> {
    for f in findings {
        let edits = f.fix.iter().flat_map(|x| &x.edits).map(|e| e.span);
        for span in std::iter::once(f.span).chain(edits) {
            prop_assert!(
                !cuts(text, span.start) && !cuts(text, span.end),
                "{} at {:?} ({:?}) cuts a word or a cluster of {:?}",
                f.rule,
                span,
                &text[span.start..span.end],
                text
            );
        }
    }
    Ok(())
}

/// 128 cases per property keeps the file fast enough for CI; `PROPTEST_CASES=5000` runs deeper.
fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 128;
    }
    config
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn spans_lie_on_char_boundaries_inside_the_text(text in any_text()) {
        for checker in [&*LISTED, &*BARE] {
            let findings = checker.check(&text);
            assert_spans_in_text(&text, &findings)?;
            assert_no_span_cuts_a_word(&text, &findings)?;
        }
    }

    #[test]
    fn applying_fixes_changes_no_byte_outside_their_spans(text in mixed_text()) {
        for checker in [&*LISTED, &*BARE] {
            let findings = checker.check(&text);
            let fixes = all_fixes(&findings);
            let applied = fix::apply(&text, fixes.iter().copied());
            let edits = applied_edits(&fixes, &applied);
            let output = applied.output.as_bytes();
            let mut at = 0;
            for (edit, out) in edits.iter().zip(output_spans(&edits)) {
                prop_assert!(edit.span.start >= at, "applied edits overlap");
                let kept = &text.as_bytes()[at..edit.span.start];
                let shifted = out.start - (edit.span.start - at);
                prop_assert_eq!(&output[shifted..out.start], kept);
                prop_assert_eq!(&output[out.start..out.end], edit.content.as_bytes());
                at = edit.span.end;
            }
            let tail = &text.as_bytes()[at..];
            prop_assert!(output.ends_with(tail), "bytes after the last edit changed");
            let added: isize = edits.iter().map(|e| e.content.len() as isize - e.span.len() as isize).sum();
            prop_assert_eq!(output.len() as isize, text.len() as isize + added);
        }
    }

    /// One round's fixes, moved to where their replacements now lie, applied to the output:
    /// nothing changes and nothing is skipped. (Fixing the output afresh is not the same:
    /// see the next property.)
    #[test]
    fn fixing_twice_with_the_same_fixes_equals_fixing_once(text in mixed_text()) {
        for (checker, safe_only) in [(&*LISTED, true), (&*LISTED, false), (&*BARE, false)] {
            let findings = checker.check(&text);
            let fixes = if safe_only { safe_fixes(&findings) } else { all_fixes(&findings) };
            let once = fix::apply(&text, fixes.iter().copied());
            let edits = applied_edits(&fixes, &once);
            let moved: Vec<Fix> = edits
                .iter()
                .zip(output_spans(&edits))
                .map(|(e, span)| Fix {
                    edits: vec![Edit { span, content: e.content.clone() }],
                    applicability: Applicability::Safe,
                })
                .collect();
            let twice = fix::apply(&once.output, &moved);
            prop_assert_eq!(&twice.output, &once.output);
            prop_assert!(twice.skipped.is_empty());
        }
    }

    /// Fixing the output afresh can find more, so one round is not always a fixed point
    /// (`fix --write` loops for that). A fix skipped for overlapping another is found again
    /// ("benchmark tariffs tariffs": a variant and a doubled word); a fix can double a word
    /// ("synthetic artificial opioid" becomes "synthetic synthetic opioid"); with unsafe
    /// fixes, a fix can bring the context cue another rendering needs ("Consulate" fixed to
    /// "Embassy" makes "predecessors" a precursor) or complete a longer one ("fentanylA"
    /// fixed to "fentanyl" makes "circulation of fentanyl"). What holds: a later round never
    /// edits inside what the first one wrote, and the rounds settle (at most two more in
    /// 5000 cases).
    #[test]
    fn fixing_again_never_edits_inside_a_fix_and_settles(text in mixed_text()) {
        for (checker, safe_only) in [(&*LISTED, true), (&*LISTED, false), (&*BARE, false)] {
            let round_fixes = |text: &str| {
                let findings = checker.check(text);
                let fixes: Vec<Fix> = if safe_only { safe_fixes(&findings) } else { all_fixes(&findings) }
                    .into_iter()
                    .cloned()
                    .collect();
                fixes
            };
            let fixes = round_fixes(&text);
            let once = fix::apply(&text, &fixes);
            let refs: Vec<&Fix> = fixes.iter().collect();
            let written = output_spans(&applied_edits(&refs, &once));
            for edit in round_fixes(&once.output).iter().flat_map(|f| &f.edits) {
                prop_assert!(
                    !written.iter().any(|w| w.start <= edit.span.start && edit.span.end <= w.end),
                    "a second round edits {:?} of {:?}", edit.span, once.output
                );
            }
            let mut current = once.output;
            for round in 0.. {
                let next = fix::apply(&current, &round_fixes(&current)).output;
                if next == current {
                    break;
                }
                prop_assert!(round < 4, "no fixed point after 5 rounds: {:?}", current);
                current = next;
            }
        }
    }

    #[test]
    fn fixed_spans_are_clean(text in mixed_text()) {
        for checker in [&*LISTED, &*BARE] {
            let findings = checker.check(&text);
            let fixes: Vec<&Fix> = findings.iter().filter_map(|f| f.fix.as_ref()).collect();
            let fixed: Vec<&Finding> = findings.iter().filter(|f| f.fix.is_some()).collect();
            let applied = fix::apply(&text, fixes.iter().copied());
            let after = checker.check(&applied.output);
            // Each fix has one edit: its replacement's place in the output.
            let mut placed: Vec<(Span, usize)> = applied.applied.iter().map(|&i| (fixes[i].edits[0].span, i)).collect();
            placed.sort();
            let edits: Vec<&Edit> = placed.iter().map(|&(_, i)| &fixes[i].edits[0]).collect();
            for ((_, i), out) in placed.iter().zip(output_spans(&edits)) {
                // The same rule about the same entry: a corrected word may complete another
                // entry's wrong phrase ("circulation of fentanyle" -> "circulation of
                // fentanyl"), a new finding that the next round of `fix` settles.
                let same = |f: &Finding| f.rule == fixed[*i].rule && f.entry == fixed[*i].entry;
                for f in after.iter().filter(|f| same(f) && f.span.overlaps(out)) {
                    prop_assert!(false, "{} still at {:?} ({:?}) after fixing it: {:?}",
                        f.rule, f.span, &applied.output[f.span.start..f.span.end], f.message);
                }
            }
        }
    }

    #[test]
    fn bom_crlf_and_trailing_bytes_survive_fixing(
        lines in prop::collection::vec(mixed_text(), 1..6),
        trailing in prop::sample::select(vec!["", "\r\n", "\r\n\r\n", "\n", " \t", "\r", "\u{a0}", BOM]),
    ) {
        let lines: Vec<String> = lines.iter().map(|l| l.replace(['\r', '\n'], " ")).collect();
        let text = format!("{BOM}{}{trailing}", lines.join("\r\n"));
        let findings = LISTED.check(&text);
        let fixes = all_fixes(&findings);
        let applied = fix::apply(&text, fixes.iter().copied());
        let edits = applied_edits(&fixes, &applied);
        prop_assert!(applied.output.starts_with(BOM));
        prop_assert!(applied.output.ends_with(trailing));
        let crlf = |s: &str| s.matches("\r\n").count();
        let replaced: usize = edits.iter().map(|e| crlf(&text[e.span.start..e.span.end])).sum();
        let inserted: usize = edits.iter().map(|e| crlf(&e.content)).sum();
        prop_assert_eq!(crlf(&applied.output), crlf(&text) - replaced + inserted);
        prop_assert_eq!(replaced, 0, "a fix spans a line end");
    }
}

/// Found by `fixed_spans_are_clean`: correcting a word can complete another entry's listed
/// wrong phrase. That is a finding about the other entry, not the fixed one, and the next
/// round of fixing settles it.
#[test]
fn a_corrected_word_that_completes_another_entrys_wrong_phrase_is_settled_next_round() {
    let text = "circulation of fentanyle\rPeople say Beijing’s advice on resolving the crisis \
                so far is not enough, a test of the patience of U.S. ";
    let first = LISTED.check(text);
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].suggestions, ["fentanyl"]);
    let once = fix::apply(text, &fixes_of(&LISTED, text)).output;
    let after = LISTED.check(&once);
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].suggestions, ["flow of fentanyl"]);
    assert_ne!(after[0].entry, first[0].entry);
    let stable = fix::until_stable(text, |t| fixes_of(&LISTED, t));
    assert!(
        stable.output.starts_with("flow of fentanyl\r"),
        "{:?}",
        stable.output
    );
}

/// Findings of both glossaries, failing (as a property would) if a span cuts a word.
fn findings_cutting_no_word(text: &str) -> Vec<Finding> {
    let findings: Vec<Finding> = [&*LISTED, &*BARE]
        .iter()
        .flat_map(|c| c.check(text))
        .collect();
    if let Err(e) = assert_no_span_cuts_a_word(text, &findings) {
        panic!("{e}");
    }
    findings
}

/// Found by `spans_lie_on_char_boundaries_inside_the_text`: a combining mark (U+11370, not
/// a letter) split "TrainE\u{11370}a" in two, and the near miss's fix made it "Trena".
#[test]
fn a_combining_mark_continues_the_word_before_it() {
    let text = "Aragua TrainE\u{11370}a:";
    let findings = findings_cutting_no_word(text);
    let fixes = all_fixes(&findings);
    let output = fix::apply(text, fixes.iter().copied()).output;
    assert!(output.ends_with("a:"), "{output:?}");
}

/// Found by the properties: a mark after ':' (U+0B82, which Unicode counts as alphabetic)
/// started the word "fentanyle", so the near miss's span began at the ':' and its fix, if
/// applied, dropped the ':' and the mark.
#[test]
fn a_combining_mark_after_punctuation_starts_no_word() {
    let text = "A:\u{b82}fentanyle";
    let findings = findings_cutting_no_word(text);
    assert!(!findings.is_empty());
    for f in &findings {
        assert_eq!(&text[f.span.start..f.span.end], "fentanyle");
    }
    let fixes = all_fixes(&findings);
    let output = fix::apply(text, fixes.iter().copied()).output;
    assert_eq!(output, "A:\u{b82}fentanyl");
}

/// Found by the properties: U+0A5E normalises to a letter and a mark (a nukta); the word
/// "Treasure\u{a5e}A" of the text was cut before its 'A' in the normalised one.
#[test]
fn a_character_that_normalises_to_a_letter_and_a_mark_stays_in_its_word() {
    findings_cutting_no_word("Department of the Treasure\u{a5e}A");
}

/// A mark at a line start belongs to no word: it must not join the word at the end of the
/// line before, nor pull a fix across the line end.
#[test]
fn a_combining_mark_at_a_line_start_joins_nothing() {
    for text in [
        "fentanyle\r\n\u{301}fentanyle",
        "fentanyle\n\u{301}fentanyle x",
    ] {
        let findings = findings_cutting_no_word(text);
        assert_eq!(findings.len(), 4, "{findings:?}");
        for f in &findings {
            assert_eq!(&text[f.span.start..f.span.end], "fentanyle");
        }
    }
}

/// Found by `spans_lie_on_char_boundaries_inside_the_text` (3000 cases): the Arabic letter
/// U+FE72 folds (NFKC) to a space and a mark, so "Ministry of Unfamiliar Affairs" was found
/// as a phrase inside the word "\u{fe72}Ministry".
#[test]
fn a_letter_that_folds_to_a_space_keeps_its_word_whole() {
    findings_cutting_no_word("\u{fe72}Ministry of Unfamiliar Affairs ");
    findings_cutting_no_word("x\u{bd}Ministry of Unfamiliar Affairs ");
}

/// Found by `fixed_spans_are_clean` (10000 cases): "BChinese" was fixed to "Chinese", which
/// made "Chinese Consulate" a near miss of the same entry ("Chinese Embassy") where the fix
/// had just written. The fix now proposes the whole name, and one round settles it.
#[test]
fn a_near_miss_fix_that_completes_a_garbled_name_proposes_the_whole_name() {
    let text = "BChinese Consulate in Washington";
    for checker in [&*LISTED, &*BARE] {
        let fixes = fixes_of(checker, text);
        let once = fix::apply(text, &fixes).output;
        assert_eq!(once, "Chinese Embassy in Washington");
        assert!(
            checker.check(&once).is_empty(),
            "{:?}",
            checker.check(&once)
        );
    }
}

/// Found by `fixed_spans_are_clean` (10000 cases): a word said three times gave two
/// overlapping doubled-word findings; the first was fixed, the second skipped, and the fixed
/// text still said the word twice where the fix wrote. A run is now one finding.
#[test]
fn a_tripled_word_is_fixed_in_one_round() {
    let text = "side.\n\u{201c}Start to throw important and important and important people ";
    let fixes = fixes_of(&LISTED, text);
    let once = fix::apply(text, &fixes).output;
    let again = LISTED.check(&once);
    assert!(
        again.iter().all(|f| f.rule != "prose.doubled-word"),
        "{once:?}: {again:?}"
    );
}

/// Found by `fixing_again_never_edits_inside_a_fix_and_settles` (10000 cases): the doubled
/// "consultant consultant" was fixed by writing "consultant" over both, and the next round
/// edited the word the fix wrote. The fix now deletes the repeat only.
#[test]
fn a_second_round_never_edits_what_a_doubled_word_fix_wrote() {
    let text = "below what they want.\n\u{201c}Talking is cheap,\u{201d} said a U.S. official.\n\
                In response to Reuters\u{2019} questions about consultant consultant talksnegotiate ";
    let fixes = fixes_of(&LISTED, text);
    let once = fix::apply(text, &fixes);
    let refs: Vec<&Fix> = fixes.iter().collect();
    let written = output_spans(&applied_edits(&refs, &once));
    for f in LISTED.check(&once.output) {
        for edit in f.fix.iter().flat_map(|x| &x.edits) {
            assert!(
                !written
                    .iter()
                    .any(|w| w.start <= edit.span.start && edit.span.end <= w.end),
                "{} edits {:?} of {:?}",
                f.rule,
                edit.span,
                once.output
            );
        }
    }
}

/// Found by `fixed_spans_are_clean` (10000 cases): a name said three times ("Liu Liu Liu")
/// was fixed two words at a time, leaving "Liu Liu" where the fix wrote.
#[test]
fn a_tripled_name_is_fixed_in_one_round() {
    let text = "Trump could resort to more tariffs if he thought China was delaying.\n\
                Chinese Embassy spokesman Liu Liu Liu, ";
    let fixes = fixes_of(&LISTED, text);
    let once = fix::apply(text, &fixes).output;
    assert!(once.ends_with("spokesman Liu, "), "{once:?}");
    assert!(LISTED.check(&once).is_empty(), "{:?}", LISTED.check(&once));
}
