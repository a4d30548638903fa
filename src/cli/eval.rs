//! `termlint eval`: precision and recall of the checker on annotated texts.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use super::args::EvalArgs;
use super::output::print_report;
use super::source::Checking;
use super::{EXIT_CLEAN, EXIT_ERROR, load_checker, report_error};
use termlint::Checker;
use termlint::eval::{self, Annotation, ClassScore, GLOSSARY_CLASSES, KEEP, Score};
use termlint::text::source::SourceText;

#[derive(Serialize)]
struct Report<'a> {
    classes: &'a std::collections::BTreeMap<String, ClassScore>,
    glossary_classes: ClassScore,
    glossary_recall: f64,
    glossary_corrected_share: f64,
    keep_flagged: usize,
    findings: usize,
    true_findings: usize,
    precision: f64,
    clean_words: usize,
    clean_findings: usize,
    clean_findings_per_1000_words: Option<f64>,
    false_findings: &'a [eval::FalseFinding],
}

pub fn run(args: EvalArgs) -> io::Result<u8> {
    if args.texts.len() != args.annotations.len() {
        report_error(format!(
            "{} texts but {} annotation files: give one --annotations per text, in order",
            args.texts.len(),
            args.annotations.len()
        ));
        return Ok(EXIT_ERROR);
    }
    let Some(checker) = load_checker(&args.glossary) else {
        return Ok(EXIT_ERROR);
    };
    let score = match score_texts(&args, &checker) {
        Ok(score) => score,
        Err(e) => {
            report_error(e);
            return Ok(EXIT_ERROR);
        }
    };
    print_report(args.format, &Report::new(&score), |out, report| {
        human(out, report, args.verbose)
    })?;
    Ok(EXIT_CLEAN)
}

/// Checks every annotated text, then every clean one, and scores the findings; the first
/// text, annotation file or source that cannot be used ends the run with its error.
fn score_texts(args: &EvalArgs, checker: &Checker) -> Result<Score, String> {
    // --source pairs the one annotated text with its source; --bitext reads bilingual files.
    let count = args.texts.len() + args.clean.len();
    let bilingual = args
        .texts
        .iter()
        .chain(&args.clean)
        .any(|t| super::source::is_bilingual_file(t.as_ref()));
    let checking = Checking::for_texts(&args.source, &args.glossary, count, bilingual, u64::MAX)?;
    let mut score = Score::default();
    let pairs = args.texts.iter().zip(args.annotations.iter().map(Some));
    let clean = args.clean.iter().map(|t| (t, None));
    for (text_path, annotations_path) in pairs.chain(clean) {
        let source = SourceText::read(text_path).map_err(|e| e.to_string())?;
        let annotations = match annotations_path {
            None => Vec::new(),
            Some(path) => read_annotations(path, &source)?,
        };
        let (findings, _) = checking.run(checker, &source)?;
        score.add(
            &source.name,
            &source.content,
            &annotations,
            &findings,
            annotations_path.is_none(),
        );
    }
    Ok(score)
}

/// The annotation rows of one text, checked against that text.
fn read_annotations(path: &Path, source: &SourceText) -> Result<Vec<Annotation>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    eval::parse_annotations(&path.display().to_string(), &text, &source.content)
        .map_err(|e| e.to_string())
}

impl<'a> Report<'a> {
    fn new(score: &'a Score) -> Self {
        let total = score.total(&GLOSSARY_CLASSES);
        Report {
            classes: &score.classes,
            glossary_recall: eval::ratio(total.flagged, total.rows),
            glossary_corrected_share: eval::ratio(total.corrected, total.flagged),
            glossary_classes: total,
            keep_flagged: score.keep_flagged(),
            findings: score.findings,
            true_findings: score.true_findings,
            precision: score.precision(),
            clean_words: score.clean_words,
            clean_findings: score.clean_findings,
            clean_findings_per_1000_words: score.clean_rate(),
            false_findings: &score.false_findings,
        }
    }
}

fn human(out: &mut dyn Write, r: &Report, verbose: bool) -> io::Result<()> {
    writeln!(
        out,
        "{:<8} {:>5} {:>8} {:>10}",
        "class", "rows", "flagged", "corrected"
    )?;
    for (class, s) in r.classes {
        let label = if class == KEEP {
            "keep (false alarms)"
        } else {
            class.as_str()
        };
        writeln!(
            out,
            "{:<8} {:>5} {:>8} {:>10}  {label}",
            class, s.rows, s.flagged, s.corrected
        )?;
    }
    let g = &r.glossary_classes;
    writeln!(
        out,
        "\nname+chem+term+sense: recall {:.3} ({}/{}), top suggestion right for {:.3} of flagged ({}/{})",
        r.glossary_recall, g.flagged, g.rows, r.glossary_corrected_share, g.corrected, g.flagged
    )?;
    writeln!(out, "keep rows flagged: {}", r.keep_flagged)?;
    writeln!(
        out,
        "findings: {}, overlapping an annotated garble: {}, precision {:.3}",
        r.findings, r.true_findings, r.precision
    )?;
    if let Some(rate) = r.clean_findings_per_1000_words {
        writeln!(
            out,
            "clean text: {} findings in {} words = {rate:.2} per 1,000 words",
            r.clean_findings, r.clean_words
        )?;
    }
    let shown = if verbose {
        r.false_findings.len()
    } else {
        r.false_findings.len().min(20)
    };
    if shown > 0 {
        writeln!(out, "\nfindings matching no annotated garble:")?;
    }
    for f in &r.false_findings[..shown] {
        writeln!(
            out,
            "  {}:{}-{} '{}' -> {} [{}]{}",
            f.file,
            f.start,
            f.end,
            f.text,
            f.suggestion.as_deref().unwrap_or("-"),
            f.rule,
            if f.keep { " (keep row)" } else { "" }
        )?;
    }
    if shown < r.false_findings.len() {
        writeln!(
            out,
            "  … {} more (use --verbose)",
            r.false_findings.len() - shown
        )?;
    }
    Ok(())
}
