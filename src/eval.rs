//! Detection quality on annotated texts: the numbers every issue's acceptance is stated in.
//!
//! Annotation files list one row per known garble (and per correct use that must stay clean):
//! `phrase<TAB>nth<TAB>correction<TAB>class`, where `nth` counts whole-word, case-sensitive
//! occurrences of `phrase` in the text. Lines starting with `#` are comments; a header row
//! starting with `phrase` is skipped.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::check::finding::Finding;
use crate::text::span::Span;
use crate::text::words::is_whole_word;

/// The class of correct uses: a finding on one is a false alarm.
pub const KEEP: &str = "keep";
/// The classes a glossary-driven checker is expected to catch.
pub const GLOSSARY_CLASSES: [&str; 4] = ["name", "chem", "term", "sense"];

/// One annotated occurrence, located in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    pub phrase: String,
    pub correction: String,
    pub class: String,
    pub span: Span,
    pub line: usize,
}

/// A malformed annotation file.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct AnnotationError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// Reads annotations and finds each row's span in `text`.
pub fn parse_annotations(
    file: &str,
    annotations: &str,
    text: &str,
) -> Result<Vec<Annotation>, AnnotationError> {
    let mut rows = Vec::new();
    for (i, line) in annotations.lines().enumerate() {
        let line_no = i + 1;
        let error = |message: String| AnnotationError {
            file: file.to_string(),
            line: line_no,
            message,
        };
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("phrase\t") {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [phrase, nth, correction, class] = fields[..] else {
            return Err(error(format!(
                "expected 4 tab-separated fields (phrase, nth, correction, class), found {}",
                fields.len()
            )));
        };
        let nth: usize = nth
            .trim()
            .parse()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| error(format!("nth must be a number from 1, found `{nth}`")))?;
        let span = nth_whole_word(text, phrase, nth)
            .ok_or_else(|| error(format!("occurrence {nth} of `{phrase}` is not in the text")))?;
        rows.push(Annotation {
            phrase: phrase.to_string(),
            correction: correction.to_string(),
            class: class.trim().to_string(),
            span,
            line: line_no,
        });
    }
    Ok(rows)
}

/// The span of the `nth` (1-based) whole-word, case-sensitive occurrence of `phrase`.
pub fn nth_whole_word(text: &str, phrase: &str, nth: usize) -> Option<Span> {
    if phrase.is_empty() {
        return None;
    }
    text.match_indices(phrase)
        .map(|(i, _)| Span::new(i, i + phrase.len()))
        .filter(|&span| is_whole_word(text, span))
        .nth(nth - 1)
}

/// Counts for one annotation class.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct ClassScore {
    pub rows: usize,
    /// Rows overlapped by a finding.
    pub flagged: usize,
    /// Flagged rows whose finding's top suggestion gives the annotated correction.
    pub corrected: usize,
}

/// A finding that overlaps no annotated garble.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FalseFinding {
    pub file: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub rule: String,
    pub suggestion: Option<String>,
    /// The class of the keep row it hits, if any.
    pub keep: bool,
}

/// Scores over one or more texts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Score {
    pub classes: BTreeMap<String, ClassScore>,
    pub findings: usize,
    /// Findings that overlap an annotated garble (any class but keep).
    pub true_findings: usize,
    pub false_findings: Vec<FalseFinding>,
    /// Words in clean control texts and findings there.
    pub clean_words: usize,
    pub clean_findings: usize,
}

impl Score {
    /// Adds one annotated text (clean controls have no annotations and `clean` set).
    pub fn add(
        &mut self,
        file: &str,
        text: &str,
        annotations: &[Annotation],
        findings: &[Finding],
        clean: bool,
    ) {
        for a in annotations {
            let score = self.classes.entry(a.class.clone()).or_default();
            score.rows += 1;
            let hits: Vec<&Finding> = findings
                .iter()
                .filter(|f| f.span.overlaps(a.span))
                .collect();
            if !hits.is_empty() {
                score.flagged += 1;
                if hits.iter().any(|f| corrects(text, f, a)) {
                    score.corrected += 1;
                }
            }
        }
        self.findings += findings.len();
        if clean {
            self.clean_words += crate::text::words::tokens(text).count();
            self.clean_findings += findings.len();
        }
        for f in findings {
            let hit: Vec<&Annotation> = annotations
                .iter()
                .filter(|a| a.span.overlaps(f.span))
                .collect();
            if hit.iter().any(|a| a.class != KEEP) {
                self.true_findings += 1;
            } else {
                self.false_findings.push(FalseFinding {
                    file: file.to_string(),
                    start: f.span.start,
                    end: f.span.end,
                    text: text[f.span.start..f.span.end].to_string(),
                    rule: f.rule.to_string(),
                    suggestion: f.suggestions.first().cloned(),
                    keep: !hit.is_empty(),
                });
            }
        }
    }

    /// Totals over the given classes.
    pub fn total(&self, classes: &[&str]) -> ClassScore {
        let mut total = ClassScore::default();
        for (class, s) in &self.classes {
            if classes.contains(&class.as_str()) {
                total.rows += s.rows;
                total.flagged += s.flagged;
                total.corrected += s.corrected;
            }
        }
        total
    }

    /// Findings on keep rows: false alarms on text known to be right.
    pub fn keep_flagged(&self) -> usize {
        self.classes.get(KEEP).map_or(0, |s| s.flagged)
    }

    /// Share of findings that overlap an annotated garble.
    pub fn precision(&self) -> f64 {
        ratio(self.true_findings, self.findings)
    }

    /// Findings per 1,000 words of clean control text; none when no clean text was given (a
    /// rate over no words would read as a measurement).
    pub fn clean_rate(&self) -> Option<f64> {
        (self.clean_words > 0).then(|| ratio(self.clean_findings * 1000, self.clean_words))
    }
}

pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Whether the finding's top suggestion turns the text into the annotated correction. The
/// finding and the annotation may cover different words ("first semester" vs "semester"), so
/// both corrections are applied to the span covering both and the results compared.
fn corrects(text: &str, finding: &Finding, annotation: &Annotation) -> bool {
    let Some(suggestion) = finding.suggestions.first() else {
        return false;
    };
    let cover = finding.span.cover(annotation.span);
    let replaced = |span: Span, with: &str| {
        format!(
            "{}{}{}",
            &text[cover.start..span.start],
            with,
            &text[span.end..cover.end]
        )
    };
    let a = replaced(finding.span, suggestion);
    let b = replaced(annotation.span, &annotation.correction);
    a.to_lowercase() == b.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::finding::rule;
    use crate::glossary::Severity;

    fn finding(text: &str, phrase: &str, suggestion: &str) -> Finding {
        let start = text.find(phrase).unwrap();
        Finding {
            rule: rule::VARIANT,
            span: Span::new(start, start + phrase.len()),
            kind: None,
            severity: Severity::Error,
            confidence: 0.9,
            message: String::new(),
            suggestions: vec![suggestion.to_string()],
            fix: None,
            entry: None,
            evidence: Vec::new(),
        }
    }

    #[test]
    fn locates_the_nth_whole_word() {
        let text = "pioneers, Pioneers and pioneership pioneers";
        let span = nth_whole_word(text, "pioneers", 2).unwrap();
        assert_eq!(span.start, 35);
        assert!(nth_whole_word(text, "pioneers", 3).is_none());
    }

    #[test]
    fn scores_classes_precision_and_corrections() {
        let text = "During Trump's first semester, his predecessor met Byton.";
        let rows = parse_annotations(
            "a.tsv",
            "# c\nphrase\tnth\tcorrection\tclass\nsemester\t1\tterm\tsense\nByton\t1\tBiden\tname\npredecessor\t1\tpredecessor\tkeep\n",
            text,
        )
        .unwrap();
        let findings = [
            finding(text, "first semester", "first term"),
            finding(text, "Byton", "Baden"),
            finding(text, "During", "While"),
        ];
        let mut score = Score::default();
        score.add("a.txt", text, &rows, &findings, false);
        assert_eq!(
            score.classes["sense"],
            ClassScore {
                rows: 1,
                flagged: 1,
                corrected: 1
            }
        );
        assert_eq!(
            score.classes["name"],
            ClassScore {
                rows: 1,
                flagged: 1,
                corrected: 0
            }
        );
        assert_eq!(score.keep_flagged(), 0);
        assert_eq!(score.true_findings, 2);
        assert_eq!(score.false_findings[0].text, "During");
        assert!((score.precision() - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn bad_rows_name_their_line() {
        let err = parse_annotations("a.tsv", "x\t1\ty\n", "x").unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.tsv:1: expected 4 tab-separated fields (phrase, nth, correction, class), found 3"
        );
        let err = parse_annotations("a.tsv", "x\t2\ty\tname\n", "x").unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.tsv:1: occurrence 2 of `x` is not in the text"
        );
    }
}
