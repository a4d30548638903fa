//! SARIF 2.1.0, the format GitHub code scanning and most CI dashboards read: one log for the
//! whole run, written in the final step. Regions give lines and columns (code points, as
//! `columnKind` says) and the exact byte range; fixes are `replacements`.

use std::io;

use serde_json::{Value, json};

use super::{Reporter, Summary};
use crate::baseline::{Decision, Verdict};
use crate::check::finding::Finding;
use crate::glossary::Severity;
use crate::rules::{REGISTRY, RuleMeta};
use crate::text::source::SourceText;
use crate::text::span::Span;

/// The schema a SARIF log names, as GitHub's and Microsoft's SARIF tools expect it.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key of our fingerprint in `partialFingerprints`; the version changes with its recipe.
const FINGERPRINT: &str = "termlintFinding/v1";

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
            rules: REGISTRY.iter().map(|r| r.id).collect(),
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

/// A rule's `reportingDescriptor`, from the registry: its id, a PascalCase name made of it
/// (`glossary.near-miss` is `GlossaryNearMiss`), its summary as a sentence, and whether it
/// runs by default.
fn rule_metadata(meta: &RuleMeta) -> Value {
    let name: String = meta
        .id
        .split(['.', '-'])
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or(String::new(), |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect();
    let mut summary = meta.summary.chars();
    let description: String = summary
        .next()
        .map(|first| first.to_uppercase().chain(summary).collect())
        .unwrap_or_default();
    json!({
        "id": meta.id,
        "name": name,
        "shortDescription": { "text": format!("{description}.") },
        "defaultConfiguration": { "level": "warning", "enabled": meta.default },
    })
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
            .map(|id| match REGISTRY.iter().find(|r| r.id == *id) {
                Some(meta) => rule_metadata(meta),
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
    fn rule_metadata_comes_from_the_registry() {
        let near_miss = REGISTRY
            .iter()
            .find(|r| r.id == crate::check::finding::rule::NEAR_MISS)
            .unwrap();
        let value = rule_metadata(near_miss);
        assert_eq!(value["name"], "GlossaryNearMiss");
        assert_eq!(
            value["shortDescription"]["text"],
            format!(
                "A{}.",
                near_miss
                    .summary
                    .strip_prefix('a')
                    .unwrap_or(near_miss.summary)
            )
        );
        assert_eq!(value["defaultConfiguration"]["enabled"], near_miss.default);
    }

    #[test]
    fn every_registered_rule_is_in_the_rules_table_in_registry_order() {
        let mut out = Vec::new();
        Sarif::new(&mut out).finish(&Summary::default()).unwrap();
        let log: Value = serde_json::from_slice(&out).unwrap();
        let ids: Vec<&str> = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        let registry: Vec<&str> = REGISTRY.iter().map(|r| r.id).collect();
        assert_eq!(ids, registry);
    }
}
