//! `termlint glossary expand`: the derived renderings of each entry, for a terminologist to
//! review and copy good ones into the glossary as listed variants.

use std::io::{self, Write};

use serde::Serialize;

use super::args::ExpandArgs;
use super::output::print_report;
use super::{EXIT_CLEAN, EXIT_ERROR, load_lexicon, report_error};
use termlint::derive;

#[derive(Serialize)]
struct Row<'a> {
    term: &'a str,
    origin: String,
    rendering: &'a str,
    prior: f64,
    needs_context: bool,
    evidence: Vec<String>,
}

pub fn run(args: ExpandArgs) -> io::Result<u8> {
    let Some(glossary) = super::load_glossary(&args.glossaries, &args.load) else {
        return Ok(EXIT_ERROR);
    };
    let wanted = args.term.as_deref().map(str::to_lowercase);
    if let Some(term) = &wanted
        && !glossary
            .entries
            .iter()
            .any(|e| e.term.to_lowercase() == *term)
    {
        report_error(format!("no entry `{term}` in the glossary"));
        return Ok(EXIT_ERROR);
    }
    let Some(lexicon) = load_lexicon(args.spins.as_deref()) else {
        return Ok(EXIT_ERROR);
    };
    let derivation = derive::derive(&glossary, &lexicon);
    let renderings: Vec<derive::DerivedRendering> = derivation
        .entries
        .iter()
        .filter(|d| {
            let term = &glossary.entries[d.entry].term;
            wanted.as_ref().is_none_or(|w| term.to_lowercase() == *w)
        })
        .flat_map(|d| d.display_renderings(&lexicon))
        .collect();
    let rows: Vec<Row> = renderings
        .iter()
        .map(|r| {
            let entry = &glossary.entries[r.entry];
            Row {
                term: &entry.term,
                origin: entry.origin.to_string(),
                rendering: &r.form,
                prior: (f64::from(r.prior) * 100.0).round() / 100.0,
                needs_context: r.needs_context,
                evidence: r
                    .substitutions
                    .iter()
                    .map(|s| format!("'{}' for '{}': {}", s.to, s.from, s.evidence.describe()))
                    .collect(),
            }
        })
        .collect();
    print_report(args.format, &rows, human)?;
    Ok(EXIT_CLEAN)
}

/// Each entry, then its renderings with their prior and evidence.
fn human(out: &mut dyn Write, rows: &Vec<Row>) -> io::Result<()> {
    let mut current = "";
    for row in rows {
        if row.term != current {
            current = row.term;
            writeln!(out, "{} ({})", row.term, row.origin)?;
        }
        let context = if row.needs_context {
            "  [needs context]"
        } else {
            ""
        };
        writeln!(out, "  {:.2}  {}{context}", row.prior, row.rendering)?;
        for e in &row.evidence {
            writeln!(out, "          {e}")?;
        }
    }
    writeln!(
        out,
        "{} derived renderings listed (combinations of other candidates are found in texts too)",
        rows.len()
    )
}
