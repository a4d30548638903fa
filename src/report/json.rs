//! JSON output: JSON Lines (one object per finding, streamed) and one JSON document per run.

use std::io;

use serde::Serialize;

use super::{Record, Reporter, Summary};
use crate::check::finding::Finding;
use crate::text::source::SourceText;

/// A finding as JSON: the fields every format shares, then `evidence`, what the confidence
/// rests on as data: `[{"source": "context", "weight": 1.2, "says": "..."}]`.
#[derive(Serialize)]
struct JsonRecord<'a> {
    #[serde(flatten)]
    record: Record<'a>,
    evidence: Vec<EvidenceRecord<'a>>,
}

#[derive(Serialize)]
struct EvidenceRecord<'a> {
    source: &'a str,
    /// Two decimals, as confidences; `null` when the rule weighs its evidence together.
    weight: Option<f64>,
    says: &'a str,
}

impl<'a> JsonRecord<'a> {
    fn new(source: &'a SourceText, finding: &'a Finding) -> JsonRecord<'a> {
        JsonRecord {
            record: Record::new(source, finding),
            evidence: finding
                .evidence
                .iter()
                .map(|e| EvidenceRecord {
                    source: e.source,
                    weight: e.weight.map(|w| (f64::from(w) * 100.0).round() / 100.0),
                    says: &e.says,
                })
                .collect(),
        }
    }
}

/// One JSON object per finding per line, written as each file is checked.
pub struct JsonLines<'w> {
    out: &'w mut dyn io::Write,
}

impl<'w> JsonLines<'w> {
    pub fn new(out: &'w mut dyn io::Write) -> Self {
        JsonLines { out }
    }
}

impl Reporter for JsonLines<'_> {
    fn file(&mut self, source: &SourceText, findings: &[Finding]) -> io::Result<()> {
        for finding in findings {
            serde_json::to_writer(&mut *self.out, &JsonRecord::new(source, finding))?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

/// A single document `{"findings": [...], "summary": {...}}`, written at the end.
pub struct Json<'w> {
    out: &'w mut dyn io::Write,
    findings: Vec<serde_json::Value>,
}

impl<'w> Json<'w> {
    pub fn new(out: &'w mut dyn io::Write) -> Self {
        Json {
            out,
            findings: Vec::new(),
        }
    }
}

#[derive(Serialize)]
struct Document<'a> {
    findings: &'a [serde_json::Value],
    summary: &'a Summary,
}

impl Reporter for Json<'_> {
    fn file(&mut self, source: &SourceText, findings: &[Finding]) -> io::Result<()> {
        for finding in findings {
            self.findings
                .push(serde_json::to_value(JsonRecord::new(source, finding))?);
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let document = Document {
            findings: &self.findings,
            summary,
        };
        serde_json::to_writer_pretty(&mut *self.out, &document)?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}
