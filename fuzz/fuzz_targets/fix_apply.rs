//! `fix::apply` on arbitrary text and arbitrary fixes: never a panic, every fix applied or
//! skipped, and the output is the input with exactly the applied edits made.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use termlint::check::finding::{Applicability, Edit, Fix};
use termlint::fix;
use termlint::text::span::Span;

#[derive(Arbitrary, Debug)]
struct Input {
    text: String,
    fixes: Vec<Vec<(u16, u16, String)>>,
}

fuzz_target!(|input: Input| {
    let text = &input.text;
    // Offsets up to two bytes past the end, so edits past the end are tried too.
    let offset = |o: u16| o as usize % (text.len() + 3);
    let fixes: Vec<Fix> = input
        .fixes
        .iter()
        .take(16)
        .map(|edits| Fix {
            edits: edits
                .iter()
                .take(4)
                .map(|(a, b, content)| {
                    let (a, b) = (offset(*a), offset(*b));
                    Edit {
                        span: Span::new(a.min(b), a.max(b)),
                        content: content.clone(),
                    }
                })
                .collect(),
            applicability: Applicability::Safe,
        })
        .collect();
    let applied = fix::apply(text, &fixes);
    let mut all: Vec<usize> = applied
        .applied
        .iter()
        .chain(&applied.skipped)
        .copied()
        .collect();
    all.sort_unstable();
    assert_eq!(
        all,
        (0..fixes.len()).collect::<Vec<_>>(),
        "every fix applied or skipped"
    );
    let mut edits: Vec<&Edit> = applied
        .applied
        .iter()
        .flat_map(|&i| &fixes[i].edits)
        .collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    // The model: text between the applied edits is copied, each edit's span is replaced.
    let mut expected = String::new();
    let mut at = 0;
    for edit in &edits {
        assert!(edit.span.start >= at, "applied edits overlap: {edits:?}");
        assert!(edit.span.end <= text.len());
        expected.push_str(&text[at..edit.span.start]);
        expected.push_str(&edit.content);
        at = edit.span.end;
    }
    expected.push_str(&text[at..]);
    assert_eq!(applied.output, expected);
    // A skipped fix either cannot be applied on its own or clashes with an applied one.
    for &i in &applied.skipped {
        let alone = fix::apply(text, [&fixes[i]]);
        let clashes = fixes[i].edits.iter().any(|e| {
            edits
                .iter()
                .any(|a| a.span.overlaps(e.span) || a.span.start == e.span.start)
        });
        assert!(
            alone.applied.is_empty() || clashes,
            "fix {i} skipped for no reason"
        );
    }
});
