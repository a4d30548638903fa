//! The bare seed glossary on clean news of the same beat (`corpus/onbeat/`): every finding is
//! a false alarm, and a story may cost at most two.

use termlint::checker::{CheckOptions, Checker};
use termlint::glossary::Glossary;

fn corpus(path: &str) -> String {
    format!("{}/corpus/{path}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn clean_stories_on_the_beat_raise_at_most_two_false_alarms_each() {
    let glossary = Glossary::load(&[corpus("glossaries/seed-bare.tsv")]).unwrap();
    let checker = Checker::new(glossary, CheckOptions::default());
    let mut stories: Vec<_> = std::fs::read_dir(corpus("onbeat"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    stories.sort();
    assert_eq!(stories.len(), 9);
    let mut total = 0;
    for story in &stories {
        let story = story.display().to_string();
        let text = std::fs::read_to_string(&story).unwrap();
        assert!(
            text.split_whitespace().count() > 300,
            "{story} is a whole story"
        );
        let findings = checker.check(&text);
        let found: Vec<&str> = findings
            .iter()
            .map(|f| &text[f.span.start..f.span.end])
            .collect();
        assert!(findings.len() <= 2, "{story}: {found:?}");
        total += findings.len();
        // The legitimate uses the stories were written around stay unflagged.
        for legitimate in [
            "predecessor",
            "pioneer",
            "bill",
            "sulfuric acid",
            "panel",
            "delegation",
            "party",
        ] {
            assert!(!found.contains(&legitimate), "{story}: {found:?}");
        }
    }
    assert!(total <= 2, "{total} false alarms in all");
}

#[test]
fn journalists_variants_of_beat_terms_pass_and_spun_ones_do_not() {
    let glossary = Glossary::load(&[corpus("glossaries/seed-bare.tsv")]).unwrap();
    let checker = Checker::new(glossary, CheckOptions::default());
    let flagged = |text: &str| -> Vec<String> {
        checker
            .check(text)
            .iter()
            .map(|f| text[f.span.start..f.span.end].to_string())
            .collect()
    };
    for text in [
        "Police seized illegal drugs at the port.",
        "Drug smuggling across the border rose.",
        "The export restrictions took effect in May.",
        "The opioid epidemic killed thousands.",
        "Fentanyl analogs are deadly.",
    ] {
        assert!(flagged(text).is_empty(), "{text}: {:?}", flagged(text));
    }
    assert_eq!(
        flagged("Police seized unlawful medications at the port."),
        ["unlawful medications"]
    );
    assert_eq!(
        flagged("The medication trafficking ring was broken up."),
        ["medication trafficking"]
    );
}
