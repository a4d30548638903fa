//! The TOML and tabular glossary parsers on arbitrary text: never a panic; every error and
//! every entry names the file and a line that exists.
#![no_main]

use libfuzzer_sys::fuzz_target;
use termlint::checker::{CheckOptions, Checker};
use termlint::glossary::Glossary;
use termlint::rules::RuleSelection;

const NAMES: [&str; 5] = ["g.toml", "g.tsv", "g.csv", "g.tab", "g.TSV"];

fuzz_target!(|data: &[u8]| {
    let Some((&format, rest)) = data.split_first() else {
        return;
    };
    let name = NAMES[format as usize % NAMES.len()];
    let text = String::from_utf8_lossy(rest);
    let lines = text.bytes().filter(|&b| b == b'\n').count() + 1;
    match Glossary::parse(name, &text) {
        Err(e) => {
            assert_eq!(e.file, name);
            assert!(e.line <= lines, "error line {} of {lines}: {e}", e.line);
            assert!(!e.message.is_empty());
        }
        Ok(glossary) => {
            for entry in &glossary.entries {
                assert_eq!(entry.origin.file, name);
                assert!(
                    entry.origin.line <= lines,
                    "entry line {}",
                    entry.origin.line
                );
                assert!(!entry.term.trim().is_empty());
            }
            // A glossary that loads also compiles and checks its own terms without a panic.
            if glossary.entries.len() <= 8 {
                let options = CheckOptions {
                    rules: RuleSelection::default().ignoring(&["glossary.derived"]),
                    ..CheckOptions::default()
                };
                let terms: Vec<String> = glossary
                    .entries
                    .iter()
                    .flat_map(|e| std::iter::once(e.term.clone()).chain(e.variants.clone()))
                    .collect();
                let text = terms.join(" and ");
                let checker = Checker::new(glossary, options);
                for finding in checker.check(&text) {
                    assert!(finding.span.end <= text.len());
                    assert!(text.is_char_boundary(finding.span.start));
                    assert!(text.is_char_boundary(finding.span.end));
                }
            }
        }
    }
});
