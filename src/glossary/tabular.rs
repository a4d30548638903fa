//! The tabular interchange format: `.tsv` or `.csv` with a header row.
//!
//! Column `term` is required. Optional: `variants`, `accepted`, `context`, `unless` (values
//! separated by `|`), `kind`, `case`, `severity`, `fix`, `note`, `source` (source-language
//! forms, `|`). Lines starting with `#` are comments.
//! This format is a stable contract: columns are only ever added.

use super::{Entry, FixMode, Given, GlossaryError, Kind, Origin, Severity};
use crate::text::casing::CaseRule;

const COLUMNS: [&str; 11] = [
    "term", "variants", "context", "unless", "kind", "case", "severity", "fix", "note", "accepted",
    "source",
];

pub(super) fn parse(name: &str, text: &str, delimiter: u8) -> Result<Vec<Entry>, GlossaryError> {
    let error = |line: usize, message: String| GlossaryError {
        file: name.to_string(),
        line,
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .comment(Some(b'#'))
        .quoting(delimiter != b'\t')
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| error(1, format!("cannot read header row: {e}")))?
        .clone();
    // No header row at all (an empty file, or comments only): no entries, which the caller
    // refuses with a message that says so.
    if header.len() <= 1
        && header.iter().all(|h| h.trim().is_empty())
        && reader.records().next().is_none()
    {
        return Ok(Vec::new());
    }
    let column = columns(&header)
        .map_err(|message| error(header.position().map_or(1, |p| p.line() as usize), message))?;
    let mut entries = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            error(line, format!("malformed row: {e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        check_row(&record, header.len()).map_err(|message| error(line, message))?;
        entries.push(entry_of(&record, &column, name, line)?);
    }
    Ok(entries)
}

/// Where each known column is in the header row; an unknown column, or no `term`, is an error.
fn columns(header: &csv::StringRecord) -> Result<[Option<usize>; COLUMNS.len()], String> {
    let mut column = [None; COLUMNS.len()];
    for (i, h) in header.iter().enumerate() {
        let h = h.trim().to_ascii_lowercase();
        match COLUMNS.iter().position(|c| *c == h) {
            Some(c) => column[c] = Some(i),
            None => {
                return Err(format!(
                    "unknown column `{h}`; expected {}",
                    COLUMNS.join(", ")
                ));
            }
        }
    }
    if column[0].is_none() {
        return Err("missing required column `term`".to_string());
    }
    Ok(column)
}

/// A row longer than the header, or with a cell over several lines, is refused.
fn check_row(record: &csv::StringRecord, header_len: usize) -> Result<(), String> {
    if record.len() > header_len {
        return Err(format!(
            "row has {} fields but the header has {}",
            record.len(),
            header_len
        ));
    }
    // A quote left open swallows the rows after it into one cell, up to the next quote
    // or the end of the file: no glossary cell spans lines.
    if record.iter().any(|f| f.contains(['\n', '\r'])) {
        return Err("a cell runs over several lines: is a quote left open?".to_string());
    }
    Ok(())
}

/// The entry of one row.
fn entry_of(
    record: &csv::StringRecord,
    column: &[Option<usize>; COLUMNS.len()],
    name: &str,
    line: usize,
) -> Result<Entry, GlossaryError> {
    let field = |c: usize| {
        column[c]
            .and_then(|i| record.get(i))
            .map(str::trim)
            .unwrap_or("")
    };
    let list = |c: usize| -> Vec<String> {
        field(c)
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    };
    let origin = Origin {
        file: name.to_string(),
        line,
    };
    let mut entry = Entry::new(field(0), origin);
    entry.variants = list(1);
    entry.context = list(2);
    entry.unless = list(3);
    entry.kind = parse_value(field(4), "kind", line, name, Kind::parse)?;
    entry.case = parse_value(field(5), "case", line, name, |s| match s {
        "smart" => Some(CaseRule::Smart),
        "exact" => Some(CaseRule::Exact),
        "ignore" => Some(CaseRule::Ignore),
        _ => None,
    })?;
    entry.severity = parse_value(field(6), "severity", line, name, |s| match s {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        _ => None,
    })?;
    entry.fix = parse_value(field(7), "fix", line, name, |s| match s {
        "safe" => Some(FixMode::Safe),
        "suggest" => Some(FixMode::Suggest),
        _ => None,
    })?;
    let note = field(8);
    entry.note = (!note.is_empty()).then(|| note.to_string());
    entry.accepted = list(9);
    entry.given = Given {
        kind: !field(4).is_empty(),
        case: !field(5).is_empty(),
        severity: !field(6).is_empty(),
        fix: !field(7).is_empty(),
        note: !note.is_empty(),
    };
    entry.source = list(10);
    Ok(entry)
}

/// Parses an optional enumerated cell; empty means the default.
fn parse_value<T: Default>(
    cell: &str,
    column: &str,
    line: usize,
    file: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T, GlossaryError> {
    if cell.is_empty() {
        return Ok(T::default());
    }
    parse(&cell.to_ascii_lowercase()).ok_or_else(|| GlossaryError {
        file: file.to_string(),
        line,
        message: format!("invalid {column} `{cell}`"),
    })
}

#[cfg(test)]
mod tests {
    use crate::glossary::{Glossary, Kind};

    #[test]
    fn reads_tsv_with_lists() {
        let g = Glossary::parse(
            "g.tsv",
            "# comment\nterm\tvariants\tkind\tnote\nprecursor\tpioneer|predecessor\tchem\tchemical\nBiden\t\tname\t\n",
        )
        .unwrap();
        assert_eq!(g.entries.len(), 2);
        assert_eq!(g.entries[0].variants, ["pioneer", "predecessor"]);
        assert_eq!(g.entries[0].kind, Kind::Chem);
        assert_eq!(g.entries[0].origin.line, 3);
        assert_eq!(g.entries[1].origin.line, 4);
        assert!(g.entries[1].variants.is_empty());
    }

    #[test]
    fn reads_source_forms() {
        let g = Glossary::parse(
            "g.tsv",
            "term\tsource\nExchange Fund\t外匯基金 | 外汇基金\nHKMA\t\n",
        )
        .unwrap();
        assert_eq!(g.entries[0].source, ["外匯基金", "外汇基金"]);
        assert!(g.entries[1].source.is_empty());
    }

    #[test]
    fn reads_quoted_csv() {
        let g = Glossary::parse("g.csv", "term,note\n\"tough drug laws\",\"a, b\"\n").unwrap();
        assert_eq!(g.entries[0].note.as_deref(), Some("a, b"));
    }

    #[test]
    fn errors_name_the_line() {
        let err = Glossary::parse("g.tsv", "term\tkind\nx\tperson\n").unwrap_err();
        assert_eq!(err.to_string(), "g.tsv:2: invalid kind `person`");
        let err = Glossary::parse("g.tsv", "word\tkind\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("g.tsv:1: unknown column `word`"),
            "{err}"
        );
        let err = Glossary::parse("g.tsv", "kind\nname\n").unwrap_err();
        assert_eq!(err.to_string(), "g.tsv:1: missing required column `term`");
    }

    #[test]
    fn an_open_quote_is_an_error_at_its_row() {
        let err = Glossary::parse("g.csv", "term,note\nBiden,ok\n\"abc,def\nx,y\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "g.csv:3: a cell runs over several lines: is a quote left open?"
        );
    }
}
