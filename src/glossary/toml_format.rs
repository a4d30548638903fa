//! The native TOML glossary format: `[[entry]]` tables with every option.

use serde::Deserialize;
use toml::Spanned;

use super::{Entry, FixMode, GlossaryError, Kind, Lines, Origin, Severity};
use crate::casing::CaseRule;

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
    kind: Kind,
    #[serde(default)]
    case: CaseRule,
    #[serde(default)]
    context: Vec<String>,
    #[serde(default)]
    unless: Vec<String>,
    #[serde(default)]
    severity: Severity,
    #[serde(default)]
    fix: FixMode,
    note: Option<String>,
}

pub(super) fn parse(name: &str, text: &str) -> Result<Vec<Entry>, GlossaryError> {
    let lines = Lines::new(text);
    let raw: RawFile = toml::from_str(text).map_err(|e| GlossaryError {
        file: name.to_string(),
        line: e.span().map_or(0, |s| lines.line_of(s.start)),
        message: e.message().trim().to_string(),
    })?;
    Ok(raw
        .entry
        .into_iter()
        .map(|spanned| {
            let line = lines.line_of(spanned.span().start);
            let raw = spanned.into_inner();
            Entry {
                term: raw.term,
                variants: raw.variants,
                kind: raw.kind,
                case: raw.case,
                context: raw.context,
                unless: raw.unless,
                severity: raw.severity,
                fix: raw.fix,
                note: raw.note,
                origin: Origin {
                    file: name.to_string(),
                    line,
                },
            }
        })
        .collect())
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
"#,
        )
        .unwrap();
        let e = &g.entries[0];
        assert_eq!(e.origin.line, 4);
        assert_eq!(e.variants, ["pioneer"]);
        assert_eq!(e.severity, crate::glossary::Severity::Warning);
        assert_eq!(e.fix, crate::glossary::FixMode::Suggest);
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

    #[test]
    fn bad_enum_value_is_an_error() {
        let err =
            Glossary::parse("g.toml", "[[entry]]\nterm = \"a\"\nkind = \"person\"\n").unwrap_err();
        assert_eq!(err.line, 3, "{err}");
    }
}
