//! SARIF 2.1.0, the format GitHub code scanning and most CI dashboards read: one log for the
//! whole run, written in the final step. Regions give lines and columns (code points, as
//! `columnKind` says) and the exact byte range; fixes are `replacements`.

use std::io;

use serde_json::{Value, json};

use super::{Reporter, Summary};
use crate::baseline::{Decision, Verdict};
use crate::check::finding::{Finding, rule};
use crate::glossary::Severity;
use crate::text::source::SourceText;
use crate::text::span::Span;

/// The schema a SARIF log names, as GitHub's and Microsoft's SARIF tools expect it.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key of our fingerprint in `partialFingerprints`; the version changes with its recipe.
const FINGERPRINT: &str = "termlintFinding/v1";

/// Short descriptions of the rules, for the SARIF `rules` table.
// TODO: to be replaced by the rule registry (ids, names and docs in one place) when it lands.
const RULES: &[(&str, &str, &str)] = &[
    (
        rule::VARIANT,
        "GlossaryVariant",
        "A wrong rendering of a glossary term that the glossary lists as a variant.",
    ),
    (
        rule::DERIVED,
        "GlossaryDerived",
        "A wrong rendering of a glossary term derived from thesauri and known paraphrase spins.",
    ),
    (
        rule::NEAR_MISS,
        "GlossaryNearMiss",
        "A near miss (spelling, sound or letters) of a glossary name, chemical or institution.",
    ),
    (
        rule::DOUBLED_WORD,
        "DoubledWord",
        "The same word twice in a row, or \"X and X\".",
    ),
];

/// Collects results and writes one SARIF log in [`Reporter::finish`].
pub struct Sarif<'w> {
    out: &'w mut dyn io::Write,
    /// Rule ids in `rules` order: the known ones first, then any other in order of appearance.
    rules: Vec<&'static str>,
    results: Vec<Value>,
}

impl<'w> Sarif<'w> {
    pub fn new(out: &'w mut dyn io::Write) -> Self {
        Sarif {
            out,
            rules: RULES.iter().map(|(id, _, _)| *id).collect(),
            results: Vec::new(),
        }
    }

    fn rule_index(&mut self, id: &'static str) -> usize {
        match self.rules.iter().position(|r| *r == id) {
            Some(i) => i,
            None => {
                self.rules.push(id);
                self.rules.len() - 1
            }
        }
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A region with 1-based lines and code-point columns (end exclusive) and the byte range.
fn region(source: &SourceText, span: Span) -> Value {
    let (start_line, start_column) = source.line_col(span.start);
    let (end_line, end_column) = source.line_col(span.end);
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "byteOffset": span.start,
        "byteLength": span.len(),
    })
}

/// The path as a URI reference: relative paths stay relative (SARIF consumers resolve them
/// against the checkout), absolute ones become `file://` URIs; anything outside the unreserved
/// characters and `/` is percent-encoded.
pub(crate) fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A fingerprint that survives edits elsewhere in the file: the rule, the flagged text and
/// the words around it (the baseline's key), hashed with 64-bit FNV-1a, which is stable
/// across builds and platforms where std's hasher is not.
fn fingerprint(source: &SourceText, finding: &Finding) -> String {
    let key = Decision::new(&source.name, &source.content, finding, Verdict::Rejected);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [&key.rule, &key.text, &key.before, &key.after] {
        for &b in part.as_bytes().iter().chain(&[0]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

impl Reporter for Sarif<'_> {
    fn file(&mut self, source: &SourceText, findings: &[Finding]) -> io::Result<()> {
        let uri = uri(&source.name);
        for finding in findings {
            let rule_index = self.rule_index(finding.rule);
            let mut result = json!({
                "ruleId": finding.rule,
                "ruleIndex": rule_index,
                "level": level(finding.severity),
                "message": { "text": finding.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": region(source, finding.span),
                    }
                }],
                "partialFingerprints": { FINGERPRINT: fingerprint(source, finding) },
                "properties": {
                    "text": source.slice(finding.span),
                    "confidence": (f64::from(finding.confidence) * 100.0).round() / 100.0,
                    "kind": finding.kind.map(|k| k.as_str()),
                    "suggestions": finding.suggestions,
                },
            });
            if let Some(fix) = &finding.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|edit| {
                        json!({
                            "deletedRegion": region(source, edit.span),
                            "insertedContent": { "text": edit.content },
                        })
                    })
                    .collect();
                let suggestion = fix.edits.first().map_or("", |e| e.content.as_str());
                result["fixes"] = json!([{
                    "description": {
                        "text": format!("Replace with '{suggestion}'"),
                    },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri },
                        "replacements": replacements,
                    }],
                    "properties": { "applicability": fix.applicability },
                }]);
            }
            self.results.push(result);
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let rules: Vec<Value> = self
            .rules
            .iter()
            .map(|id| match RULES.iter().find(|(known, _, _)| known == id) {
                Some((_, name, description)) => json!({
                    "id": id,
                    "name": name,
                    "shortDescription": { "text": description },
                    "defaultConfiguration": { "level": "warning" },
                }),
                None => json!({ "id": id }),
            })
            .collect();
        let log = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "termlint",
                        "version": env!("CARGO_PKG_VERSION"),
                        "semanticVersion": env!("CARGO_PKG_VERSION"),
                        "rules": rules,
                    }
                },
                "invocations": [{
                    // Inputs that could not be read make the run fail (exit 2).
                    "executionSuccessful": summary.input_errors == 0,
                }],
                "columnKind": "unicodeCodePoints",
                "results": self.results,
            }],
        });
        serde_json::to_writer_pretty(&mut *self.out, &log)?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_keep_relative_paths_and_encode_the_rest() {
        assert_eq!(uri("docs/a b.txt"), "docs/a%20b.txt");
        assert_eq!(uri("/tmp/x#1.md"), "file:///tmp/x%231.md");
        assert_eq!(uri("café.txt"), "caf%C3%A9.txt");
    }

    #[test]
    fn every_known_rule_has_a_description() {
        for id in [
            rule::VARIANT,
            rule::DERIVED,
            rule::NEAR_MISS,
            rule::DOUBLED_WORD,
        ] {
            assert!(RULES.iter().any(|(known, _, _)| *known == id), "{id}");
        }
    }
}
