//! `termlint glossary show`: the glossary that layered files make together, each value with
//! the file and line it came from, and the wrong variants a later file declared correct.

use std::io::{self, Write};

use serde::Serialize;

use super::args::ShowArgs;
use super::output::print_report;
use super::{EXIT_CLEAN, EXIT_ERROR, report_error};
use termlint::glossary::{Entry, Glossary};

#[derive(Serialize)]
struct Value {
    key: &'static str,
    value: String,
    origin: String,
}

#[derive(Serialize)]
struct ShownEntry {
    term: String,
    origin: String,
    values: Vec<Value>,
}

#[derive(Serialize)]
struct ShownOverride {
    variant: String,
    was_variant_of: String,
    listed_at: String,
    correct_in: String,
    declared_at: String,
    /// The override as a sentence, for the human report.
    #[serde(skip)]
    text: String,
}

#[derive(Serialize)]
struct Shown {
    entries: Vec<ShownEntry>,
    overrides: Vec<ShownOverride>,
}

pub fn run(args: ShowArgs) -> io::Result<u8> {
    let Some(glossary) = super::load_glossary(&args.glossaries, &args.load) else {
        return Ok(EXIT_ERROR);
    };
    let wanted = args.term.as_deref().map(str::to_lowercase);
    let entries: Vec<ShownEntry> = glossary
        .entries
        .iter()
        .filter(|e| wanted.as_ref().is_none_or(|w| e.term.to_lowercase() == *w))
        .map(shown)
        .collect();
    if let Some(term) = &wanted
        && entries.is_empty()
    {
        report_error(format!("no entry `{term}` in the glossary"));
        return Ok(EXIT_ERROR);
    }
    let shown = Shown {
        entries,
        overrides: overrides(&glossary),
    };
    print_report(args.format, &shown, human)?;
    Ok(EXIT_CLEAN)
}

/// Each entry's values with their origins, then the overrides.
fn human(out: &mut dyn Write, shown: &Shown) -> io::Result<()> {
    for entry in &shown.entries {
        writeln!(out, "{} ({})", entry.term, entry.origin)?;
        for v in &entry.values {
            writeln!(out, "  {:<9} {:<40} {}", v.key, v.value, v.origin)?;
        }
    }
    if !shown.overrides.is_empty() {
        writeln!(out, "overrides:")?;
        for o in &shown.overrides {
            writeln!(out, "  {}", o.text)?;
        }
    }
    writeln!(
        out,
        "{} entries, {} overrides",
        shown.entries.len(),
        shown.overrides.len()
    )
}

/// Each value of an entry with its origin: a later file's where it gave it, else the entry's.
fn shown(entry: &Entry) -> ShownEntry {
    let origin = |key: &str, value: &str| {
        if !entry.gives(key) {
            return "(default)".to_string();
        }
        entry
            .later
            .iter()
            .rev()
            .find(|s| s.key == key && (s.value == value || is_scalar(key)))
            .map_or(&entry.origin, |s| &s.origin)
            .to_string()
    };
    let mut values = Vec::new();
    let mut push = |key: &'static str, value: String| {
        values.push(Value {
            origin: origin(key, &value),
            key,
            value,
        })
    };
    push("term", entry.term.clone());
    for (key, list) in [
        ("variant", &entry.variants),
        ("accepted", &entry.accepted),
        ("context", &entry.context),
        ("unless", &entry.unless),
    ] {
        for v in list {
            push(key, v.clone());
        }
    }
    push("kind", entry.kind.as_str().to_string());
    push("case", format!("{:?}", entry.case).to_lowercase());
    push("severity", entry.severity.as_str().to_string());
    push("fix", format!("{:?}", entry.fix).to_lowercase());
    if let Some(note) = &entry.note {
        push("note", note.clone());
    }
    ShownEntry {
        term: entry.term.clone(),
        origin: entry.origin.to_string(),
        values,
    }
}

fn is_scalar(key: &str) -> bool {
    matches!(key, "term" | "kind" | "case" | "severity" | "fix" | "note")
}

fn overrides(glossary: &Glossary) -> Vec<ShownOverride> {
    glossary
        .overrides
        .iter()
        .map(|o| ShownOverride {
            variant: o.variant.clone(),
            was_variant_of: o.was_variant_of.clone(),
            listed_at: o.listed_at.to_string(),
            correct_in: o.correct_in.clone(),
            declared_at: o.declared_at.to_string(),
            text: o.to_string(),
        })
        .collect()
}
