//! Whole-report snapshots: a change in findings shows up as a diff a reviewer reads.

use std::path::Path;

use termlint::checker::{CheckOptions, Checker};
use termlint::glossary::Glossary;
use termlint::report::{self, Format, Summary};
use termlint::text::source::SourceText;

fn seed_report(format: Format) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let name = "corpus/glossaries/fentanyl-policy.toml";
    let glossary =
        Glossary::parse(name, &std::fs::read_to_string(root.join(name)).unwrap()).unwrap();
    let checker = Checker::new(glossary, CheckOptions::default());
    let content = std::fs::read_to_string(root.join("corpus/seed/article.txt")).unwrap();
    let source = SourceText::new("corpus/seed/article.txt", None, content);
    let findings = checker.check(&source.content);
    let mut out = Vec::new();
    let mut reporter = report::reporter(format, &mut out, false);
    reporter.file(&source, &findings).unwrap();
    let mut summary = Summary {
        files: 1,
        ..Summary::default()
    };
    summary.count(&findings);
    summary.fixable = findings.iter().filter(|f| f.fix.is_some()).count();
    reporter.finish(&summary).unwrap();
    drop(reporter);
    String::from_utf8(out).unwrap()
}

#[test]
fn seed_article_human_report() {
    insta::assert_snapshot!(seed_report(Format::Human));
}

#[test]
fn seed_article_brief_report() {
    insta::assert_snapshot!(seed_report(Format::Brief));
}
