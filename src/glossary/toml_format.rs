//! The native TOML glossary format: `[[entry]]` tables with every option.

use serde::Deserialize;
use toml::Spanned;

use super::{Entry, FixMode, Given, GlossaryError, Kind, Lines, Origin, Severity};
use crate::text::casing::CaseRule;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[allow(dead_code)]
    name: Option<String>,
    #[allow(dead_code)]
    description: Option<String>,
    #[serde(default)]
    entry: Vec<Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    term: String,
    #[serde(default)]
    variants: Vec<String>,
    #[serde(default)]
    accepted: Vec<String>,
    kind: Option<Kind>,
    case: Option<CaseRule>,
    #[serde(default)]
    context: Vec<String>,
    #[serde(default)]
    unless: Vec<String>,
    severity: Option<Severity>,
    fix: Option<FixMode>,
    note: Option<String>,
    #[serde(default)]
    source: Vec<String>,
}

/// How many `[[entry]]` tables are parsed at a time. The toml crate turns a whole document
/// into tokens, then events, then a table before deserialising it; on a file of 100k
/// entries those passes run far out of the cache. Runs of whole entry tables parse alike.
const ENTRIES_PER_PIECE: usize = 256;

pub(super) fn parse(name: &str, text: &str) -> Result<Vec<Entry>, GlossaryError> {
    let lines = Lines::new(text);
    let starts = piece_starts(text);
    let mut entries = Vec::new();
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        let raw: RawFile = toml::from_str(&text[start..end]).map_err(|e| GlossaryError {
            file: name.to_string(),
            line: e.span().map_or(0, |s| lines.line_of(start + s.start)),
            message: e.message().trim().to_string(),
        })?;
        entries.extend(raw.entry.into_iter().map(|spanned| {
            let line = lines.line_of(start + spanned.span().start);
            let raw = spanned.into_inner();
            let given = Given {
                kind: raw.kind.is_some(),
                case: raw.case.is_some(),
                severity: raw.severity.is_some(),
                fix: raw.fix.is_some(),
                note: raw.note.is_some(),
            };
            Entry {
                term: raw.term,
                variants: raw.variants,
                accepted: raw.accepted,
                kind: raw.kind.unwrap_or_default(),
                case: raw.case.unwrap_or_default(),
                context: raw.context,
                unless: raw.unless,
                severity: raw.severity.unwrap_or_default(),
                fix: raw.fix.unwrap_or_default(),
                note: raw.note,
                source: raw.source,
                origin: Origin {
                    file: name.to_string(),
                    line,
                },
                later: Vec::new(),
                given,
            }
        }));
    }
    Ok(entries)
}

/// Where the pieces of the file start: at every `ENTRIES_PER_PIECE`th line that is just
/// `[[entry]]`. Keys before the first such line are top-level keys (in the first piece);
/// every key after one belongs to an entry, so the pieces parse as the whole file would. A
/// multi-line string might hold such a line: a file with one is parsed whole.
fn piece_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    if text.contains("\"\"\"") || text.contains("'''") {
        return starts;
    }
    let mut tables = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim() == "[[entry]]" {
            if tables > 0 && tables % ENTRIES_PER_PIECE == 0 {
                starts.push(offset);
            }
            tables += 1;
        }
        offset += line.len();
    }
    starts
}

#[cfg(test)]
mod tests {
    use crate::glossary::Glossary;

    #[test]
    fn reads_every_option() {
        let g = Glossary::parse(
            "g.toml",
            r#"
name = "demo"

[[entry]]
term = "precursor"
variants = ["pioneer"]
kind = "chem"
case = "exact"
context = ["chemical"]
unless = ["his pioneer"]
severity = "warning"
fix = "suggest"
note = "chemical sense"
source = ["Vorläufer", "Präkursor"]
"#,
        )
        .unwrap();
        let e = &g.entries[0];
        assert_eq!(e.origin.line, 4);
        assert_eq!(e.variants, ["pioneer"]);
        assert_eq!(e.severity, crate::glossary::Severity::Warning);
        assert_eq!(e.fix, crate::glossary::FixMode::Suggest);
        assert_eq!(e.source, ["Vorläufer", "Präkursor"]);
    }

    #[test]
    fn unknown_key_names_its_line() {
        let err =
            Glossary::parse("g.toml", "[[entry]]\nterm = \"a\"\nvariant = [\"b\"]\n").unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert!(err.message.contains("unknown field `variant`"), "{err}");
    }

    #[test]
    fn syntax_error_names_its_line() {
        let err = Glossary::parse("g.toml", "[[entry]]\nterm = \"a\n").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert_eq!(err.file, "g.toml");
    }

    /// `n` entries of four lines each, entry `i` starting at line `1 + 4 * i`.
    fn entries(n: usize) -> String {
        (0..n)
            .map(|i| format!("[[entry]]\nterm = \"t{i}\"\nvariants = [\"v{i}\"]\n\n"))
            .collect()
    }

    #[test]
    fn a_long_file_parses_in_pieces_as_a_whole() {
        let n = 3 * super::ENTRIES_PER_PIECE + 7;
        let text = format!("name = \"long\"\n{}", entries(n));
        let g = Glossary::parse("g.toml", &text).unwrap();
        assert_eq!(g.entries.len(), n);
        for (i, e) in g.entries.iter().enumerate() {
            assert_eq!(
                (e.term.as_str(), e.origin.line),
                (&*format!("t{i}"), 2 + 4 * i)
            );
        }
    }

    #[test]
    fn an_error_far_down_a_long_file_names_its_line() {
        let n = 2 * super::ENTRIES_PER_PIECE + 3;
        let text = format!("{}[[entry]]\nterm = \"x\"\nvariant = [\"y\"]\n", entries(n));
        let err = Glossary::parse("g.toml", &text).unwrap_err();
        assert_eq!(err.line, 4 * n + 3, "{err}");
        let text = format!("{}[[entry]]\nterm = \"x\n", entries(n));
        assert_eq!(
            Glossary::parse("g.toml", &text).unwrap_err().line,
            4 * n + 2
        );
    }

    #[test]
    fn a_multi_line_string_may_hold_an_entry_header() {
        let n = super::ENTRIES_PER_PIECE;
        let text = format!(
            "{}[[entry]]\nterm = \"x\"\nnote = \"\"\"\n[[entry]]\n\"\"\"\n",
            entries(n)
        );
        let g = Glossary::parse("g.toml", &text).unwrap();
        assert_eq!(g.entries.len(), n + 1);
        assert_eq!(g.entries[n].note.as_deref(), Some("[[entry]]\n"));
    }

    #[test]
    fn bad_enum_value_is_an_error() {
        let err =
            Glossary::parse("g.toml", "[[entry]]\nterm = \"a\"\nkind = \"person\"\n").unwrap_err();
        assert_eq!(err.line, 3, "{err}");
    }
}
