//! Layered glossaries: a newsroom's shared glossary, then a desk's own, each refining the one
//! before it.
//!
//! - The same term in two files is one entry: lists (variants, accepted forms, context,
//!   unless) are joined, and a scalar key a later file gives (kind, case, severity, fix, note)
//!   replaces the earlier value.
//! - A later file that declares correct (as a term or an accepted form) what an earlier file
//!   lists as a wrong variant wins: the variant is dropped, and the [`Override`] is returned
//!   for the caller to show. A later file cannot make an earlier correct term wrong: that is
//!   still an error, found when the merged glossary is validated.
//! - Terms that differ only in case ("ASCII", "ascii") are two entries when both say
//!   `case = "exact"`, one entry when either says `case = "ignore"`, and an error otherwise.

use std::collections::HashMap;
use std::fmt;

use super::{Entry, GlossaryError, Origin};
use crate::text::casing::CaseRule;

/// A wrong variant of an earlier file that a later file declared correct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub variant: String,
    /// The term the variant was listed under, and where.
    pub was_variant_of: String,
    pub listed_at: Origin,
    /// The entry that declares it correct, and where.
    pub correct_in: String,
    pub declared_at: Origin,
}

impl fmt::Display for Override {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}`, a wrong variant of `{}` at {}, is correct for `{}` at {}: the variant is dropped",
            self.variant, self.was_variant_of, self.listed_at, self.correct_in, self.declared_at
        )
    }
}

/// One value of a merged entry that a later file gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// `term`, `variant`, `accepted`, `context`, `unless`, `kind`, `case`, `severity`, `fix`
    /// or `note`.
    pub key: &'static str,
    pub value: String,
    pub origin: Origin,
}

/// Merges the entries of several files, each already valid on its own, in order.
pub(super) fn merge(files: Vec<Vec<Entry>>) -> Result<(Vec<Entry>, Vec<Override>), GlossaryError> {
    let mut files = files.into_iter();
    let mut merged = files.next().unwrap_or_default();
    let mut overrides = Vec::new();
    for file in files {
        let mut by_term: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in merged.iter().enumerate() {
            by_term.entry(e.term.to_lowercase()).or_default().push(i);
        }
        for entry in file {
            drop_overridden(&mut merged, &entry, &mut overrides);
            let key = entry.term.to_lowercase();
            let same = by_term.get(&key).and_then(|found| {
                found
                    .iter()
                    .copied()
                    .find(|&i| merged[i].term == entry.term)
                    .or_else(|| {
                        found
                            .iter()
                            .copied()
                            .find(|&i| !kept_apart(&merged[i], &entry))
                    })
            });
            match same {
                Some(i) => {
                    let earlier = &merged[i];
                    if earlier.term != entry.term
                        && earlier.case != CaseRule::Ignore
                        && entry.case != CaseRule::Ignore
                    {
                        return Err(GlossaryError::at(
                            &entry.origin,
                            format!(
                                "entry `{}` differs only in case from `{}` ({}): give both \
                                 case = \"exact\" to keep them apart, or case = \"ignore\" to \
                                 merge them",
                                entry.term, earlier.term, earlier.origin
                            ),
                        ));
                    }
                    refine(&mut merged[i], entry);
                }
                None => {
                    by_term.entry(key).or_default().push(merged.len());
                    merged.push(entry);
                }
            }
        }
    }
    Ok((merged, overrides))
}

/// Two entries whose terms differ only in case stay apart when both match case exactly.
fn kept_apart(a: &Entry, b: &Entry) -> bool {
    a.term != b.term && a.case == CaseRule::Exact && b.case == CaseRule::Exact
}

/// Drops from earlier entries each variant that `later` declares correct.
fn drop_overridden(merged: &mut [Entry], later: &Entry, overrides: &mut Vec<Override>) {
    let correct: Vec<String> = std::iter::once(&later.term)
        .chain(&later.accepted)
        .map(|f| f.to_lowercase())
        .collect();
    for earlier in merged.iter_mut() {
        let origin = earlier.origin.clone();
        let term = earlier.term.clone();
        let listed_at = |variant: &str| {
            earlier
                .later
                .iter()
                .find(|s| s.key == "variant" && s.value == variant)
                .map_or(origin.clone(), |s| s.origin.clone())
        };
        let dropped: Vec<(String, Origin)> = earlier
            .variants
            .iter()
            .filter(|v| correct.contains(&v.to_lowercase()))
            .map(|v| (v.clone(), listed_at(v)))
            .collect();
        if dropped.is_empty() {
            continue;
        }
        earlier
            .variants
            .retain(|v| !correct.contains(&v.to_lowercase()));
        for (variant, listed_at) in dropped {
            overrides.push(Override {
                variant,
                was_variant_of: term.clone(),
                listed_at,
                correct_in: later.term.clone(),
                declared_at: later.origin.clone(),
            });
        }
    }
}

/// Folds a later file's entry for the same term into the earlier one.
fn refine(earlier: &mut Entry, later: Entry) {
    let origin = later.origin.clone();
    let note = |key: &'static str, value: String, later_list: &mut Vec<Source>| {
        later_list.push(Source {
            key,
            value,
            origin: origin.clone(),
        })
    };
    let mut sources = std::mem::take(&mut earlier.later);
    if earlier.term != later.term {
        note("term", later.term.clone(), &mut sources);
        earlier.term = later.term.clone();
    }
    for (key, ours, theirs) in [
        ("variant", &mut earlier.variants, later.variants),
        ("accepted", &mut earlier.accepted, later.accepted),
        ("context", &mut earlier.context, later.context),
        ("unless", &mut earlier.unless, later.unless),
    ] {
        for value in theirs {
            if !ours.contains(&value) {
                note(key, value.clone(), &mut sources);
                ours.push(value);
            }
        }
    }
    let given = later.given;
    if given.kind {
        earlier.kind = later.kind;
        earlier.given.kind = true;
        note("kind", later.kind.as_str().to_string(), &mut sources);
    }
    if given.case {
        earlier.case = later.case;
        earlier.given.case = true;
        note(
            "case",
            format!("{:?}", later.case).to_lowercase(),
            &mut sources,
        );
    }
    if given.severity {
        earlier.severity = later.severity;
        earlier.given.severity = true;
        note(
            "severity",
            later.severity.as_str().to_string(),
            &mut sources,
        );
    }
    if given.fix {
        earlier.fix = later.fix;
        earlier.given.fix = true;
        note(
            "fix",
            format!("{:?}", later.fix).to_lowercase(),
            &mut sources,
        );
    }
    if given.note {
        earlier.note = later.note.clone();
        earlier.given.note = true;
        note("note", later.note.unwrap_or_default(), &mut sources);
    }
    earlier.later = sources;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Glossary, Severity};

    fn layered(files: &[(&str, &str)]) -> Result<Glossary, GlossaryError> {
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<_> = files
            .iter()
            .map(|(name, text)| {
                let path = dir.path().join(name);
                std::fs::write(&path, text).unwrap();
                path
            })
            .collect();
        Glossary::load(&paths).map_err(|mut e| {
            e.file = e.file.rsplit('/').next().unwrap().to_string();
            e
        })
    }

    #[test]
    fn the_same_term_in_two_files_merges_lists_and_takes_later_scalars() {
        let g = layered(&[
            (
                "a.toml",
                "[[entry]]\nterm = \"Biden\"\nvariants = [\"Byton\"]\nkind = \"name\"\nseverity = \"warning\"\n",
            ),
            (
                "b.toml",
                "[[entry]]\nterm = \"Biden\"\nvariants = [\"Bayden\", \"Byton\"]\nseverity = \"error\"\n",
            ),
        ])
        .unwrap();
        assert_eq!(g.entries.len(), 1);
        let e = &g.entries[0];
        assert_eq!(e.variants, ["Byton", "Bayden"]);
        assert_eq!(e.severity, Severity::Error);
        // b.toml says nothing of the kind: a.toml's stays.
        assert_eq!(e.kind, crate::glossary::Kind::Name);
        let keys: Vec<_> = e.later.iter().map(|s| (s.key, s.origin.line)).collect();
        assert_eq!(keys, [("variant", 1), ("severity", 1)]);
    }

    #[test]
    fn a_later_correct_form_drops_an_earlier_variant() {
        let g = layered(&[
            ("a.tsv", "term\tvariants\nprecursor\tpioneer|forerunner\n"),
            ("b.tsv", "term\taccepted\nPioneer Corp\t\nforerunner\t\n"),
        ])
        .unwrap();
        assert_eq!(g.entries[0].variants, ["pioneer"]);
        assert_eq!(g.overrides.len(), 1);
        let o = &g.overrides[0];
        assert_eq!(
            (&*o.variant, &*o.was_variant_of, o.listed_at.line),
            ("forerunner", "precursor", 2)
        );
        assert_eq!((&*o.correct_in, o.declared_at.line), ("forerunner", 3));
        let shown = o.to_string();
        assert!(
            shown.starts_with("`forerunner`, a wrong variant of `precursor` at "),
            "{shown}"
        );
        assert!(
            shown.ends_with("b.tsv:3: the variant is dropped"),
            "{shown}"
        );
    }

    #[test]
    fn a_later_variant_cannot_make_an_earlier_term_wrong() {
        let err = layered(&[
            ("a.tsv", "term\nschedule\n"),
            ("b.tsv", "term\tvariants\nprecursor\tschedule\n"),
        ])
        .unwrap_err();
        assert!(
            err.to_string().contains("is the term of another entry"),
            "{err}"
        );
    }

    #[test]
    fn case_only_different_terms_keep_apart_merge_or_fail_by_their_case() {
        let exact = "term\tcase\nASCII\texact\n";
        let g = layered(&[("a.tsv", exact), ("b.tsv", "term\tcase\nascii\texact\n")]).unwrap();
        assert_eq!(g.entries.len(), 2);
        let g = layered(&[("a.tsv", exact), ("b.tsv", "term\tcase\nascii\tignore\n")]).unwrap();
        assert_eq!(g.entries.len(), 1);
        assert_eq!(g.entries[0].term, "ascii");
        let err = layered(&[("a.tsv", exact), ("b.tsv", "term\nascii\n")]).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("b.tsv:2: entry `ascii` differs only in case"),
            "{err}"
        );
    }

    #[test]
    fn conflicts_inside_one_file_are_still_errors() {
        let err = layered(&[
            ("a.tsv", "term\nBiden\n"),
            ("b.tsv", "term\tvariants\nprecursor\tpioneer\npioneer\t\n"),
        ])
        .unwrap_err();
        assert!(
            err.to_string().starts_with("b.tsv:2: variant `pioneer`"),
            "{err}"
        );
    }
}
