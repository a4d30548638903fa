//! The checker on arbitrary text with an arbitrary small glossary built from the same input:
//! never a panic, every span and every edit inside the text and on character boundaries,
//! and the fixes apply cleanly.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use termlint::checker::{CheckOptions, Checker};
use termlint::fix;
use termlint::glossary::{Entry, FixMode, Glossary, Kind, Origin};
use termlint::rules::RuleSelection;
use termlint::text::casing::CaseRule;
use termlint::text::span::Span;

#[derive(Arbitrary, Debug)]
struct RawEntry {
    term: String,
    variants: Vec<String>,
    context: Vec<String>,
    unless: Vec<String>,
    kind: u8,
    case: u8,
    suggest: bool,
}

/// Texts are made of pieces, so that the glossary's own words turn up in them often.
#[derive(Arbitrary, Debug)]
enum Piece {
    Term(u8),
    Variant(u8, u8),
    Context(u8),
    Raw(String),
    Space,
    Newline,
    Crlf,
    Bom,
    Period,
}

#[derive(Arbitrary, Debug)]
struct Input {
    entries: Vec<RawEntry>,
    derive: bool,
    near_miss: bool,
    doubled_words: bool,
    text: Vec<Piece>,
}

const KINDS: [Kind; 5] = [Kind::Name, Kind::Org, Kind::Chem, Kind::Term, Kind::Phrase];
const CASES: [CaseRule; 3] = [CaseRule::Smart, CaseRule::Exact, CaseRule::Ignore];

fn pick<T>(list: &[T], i: u8) -> Option<&T> {
    (!list.is_empty()).then(|| &list[i as usize % list.len()])
}

fuzz_target!(|input: Input| {
    let raw = &input.entries[..input.entries.len().min(4)];
    let entries: Vec<Entry> = raw
        .iter()
        .enumerate()
        .map(|(line, r)| {
            let origin = Origin {
                file: "fuzz.toml".to_string(),
                line: line + 1,
            };
            let mut entry = Entry::new(r.term.clone(), origin);
            entry.variants = r.variants.iter().take(4).cloned().collect();
            entry.context = r.context.iter().take(3).cloned().collect();
            entry.unless = r.unless.iter().take(2).cloned().collect();
            entry.kind = KINDS[r.kind as usize % KINDS.len()];
            entry.case = CASES[r.case as usize % CASES.len()];
            entry.fix = if r.suggest {
                FixMode::Suggest
            } else {
                FixMode::Safe
            };
            entry
        })
        .collect();
    let mut text = String::new();
    for piece in input.text.iter().take(64) {
        match piece {
            Piece::Term(i) => text.push_str(pick(raw, *i).map_or("", |r| &r.term)),
            Piece::Variant(i, j) => text.push_str(
                pick(raw, *i)
                    .and_then(|r| pick(&r.variants, *j))
                    .map_or("", |v| v.as_str()),
            ),
            Piece::Context(i) => text.push_str(
                pick(raw, *i)
                    .and_then(|r| pick(&r.context, *i))
                    .map_or("", |v| v.as_str()),
            ),
            Piece::Raw(s) => text.push_str(s),
            Piece::Space => text.push(' '),
            Piece::Newline => text.push('\n'),
            Piece::Crlf => text.push_str("\r\n"),
            Piece::Bom => text.push('\u{feff}'),
            Piece::Period => text.push_str(". "),
        }
    }
    let Ok(glossary) = Glossary::from_entries(entries) else {
        return;
    };
    let off: Vec<&str> = [
        (!input.derive).then_some("glossary.derived"),
        (!input.near_miss).then_some("glossary.near-miss"),
        (!input.doubled_words).then_some("prose.doubled-word"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let options = CheckOptions {
        rules: RuleSelection::default().ignoring(&off),
        ..CheckOptions::default()
    };
    let checker = Checker::new(glossary, options);
    let in_text = |span: Span| {
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
    };
    let findings = checker.check(&text);
    for finding in &findings {
        assert!(in_text(finding.span), "{:?} in {text:?}", finding.span);
        assert!((0.0..=1.0).contains(&finding.confidence));
        for edit in finding.fix.iter().flat_map(|f| &f.edits) {
            assert!(in_text(edit.span), "edit {:?} in {text:?}", edit.span);
        }
    }
    let applied = fix::apply(&text, findings.iter().filter_map(|f| f.fix.as_ref()));
    assert_eq!(
        applied.applied.len() + applied.skipped.len(),
        findings.iter().filter(|f| f.fix.is_some()).count()
    );
    // The fixed text checks again without a panic.
    for finding in checker.check(&applied.output) {
        assert!(finding.span.end <= applied.output.len());
    }
});
