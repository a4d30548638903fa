//! Issue #11, glossary side: empty and malformed glossaries are refused with the file (and
//! line), doubled names are not "fixed" unasked, and abbreviations are not shouted.

use std::fs;
use std::path::Path;
use std::process::Output;

mod common;

use common::{corpus, run};

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Writes `text` to `name` in `dir` and checks a one-line text against it as a glossary.
fn check_with_glossary(dir: &Path, name: &str, glossary: &[u8]) -> Output {
    fs::write(dir.join(name), glossary).unwrap();
    fs::write(dir.join("t.txt"), "The Byton years.\n").unwrap();
    run(dir, &["check", "t.txt", "-g", name])
}

#[test]
fn a_glossary_without_entries_is_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("empty.toml", ""),
        ("comments.toml", "# to do\n"),
        (
            "header.toml",
            "name = \"drugs\"\ndescription = \"policy terms\"\n",
        ),
        ("empty.tsv", ""),
        ("comments.tsv", "# to do\n# later\n"),
        ("header.tsv", "term\tvariants\tkind\n"),
        ("empty.csv", ""),
        ("header.csv", "term,variants\n"),
    ] {
        let o = check_with_glossary(dir.path(), name, text.as_bytes());
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("{name}: the glossary holds no entries")),
            "{name}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn a_malformed_glossary_names_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, expected) in [
        (
            "open-quote.csv",
            "term,note\nBiden,a name\n\"Byton,typo\nYellen,b\n",
            "open-quote.csv:3: a cell runs over several lines",
        ),
        (
            "no-term.toml",
            "[[entry]]\nterm = \"a\"\n\n[[entry]]\nvariants = [\"x\"]\n",
            "no-term.toml:4: missing field `term`",
        ),
        (
            "wrong-type.toml",
            "[[entry]]\nterm = \"a\"\nvariants = \"x\"\n",
            "wrong-type.toml:3: invalid type",
        ),
        (
            "long-row.tsv",
            "term\tkind\nBiden\tname\textra\n",
            "long-row.tsv:2: row has 3 fields",
        ),
    ] {
        let o = check_with_glossary(dir.path(), name, text.as_bytes());
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains(expected), "{name}: {}", stderr(&o));
    }
}

#[test]
fn fix_write_leaves_doubled_names_and_fixes_doubled_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.txt");
    let original = "Lang Lang played. Fang Fang wrote. Li Li sang; Sirhan Sirhan was there.\n\
                    It ended in the the end, with fentanyl and fentanyl-related substances.\n";
    fs::write(&path, original).unwrap();
    let glossary = corpus("glossaries/fentanyl-policy.toml");
    let o = run(
        dir.path(),
        &["fix", "--write", "t.txt", "-g", glossary.to_str().unwrap()],
    );
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        original.replace("the the end", "the end")
    );
}

#[test]
fn fix_write_takes_the_correction_of_an_abbreviation_as_written() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("g.toml"),
        "[[entry]]\nterm = \"Customs and Border Protection\"\nvariants = [\"CPB\"]\nkind = \"org\"\n\n\
         [[entry]]\nterm = \"US dollar\"\nvariants = [\"U.S. $\"]\n\n\
         [[entry]]\nterm = \"precursor\"\nvariants = [\"pioneer\"]\n",
    )
    .unwrap();
    let path = dir.path().join("t.txt");
    fs::write(
        &path,
        "CPB agents were paid in U.S. $ for it.\nFENTANYL PIONEERS SEIZED\n",
    )
    .unwrap();
    let o = run(dir.path(), &["fix", "--write", "t.txt", "-g", "g.toml"]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "Customs and Border Protection agents were paid in US dollar for it.\n\
         FENTANYL PRECURSORS SEIZED\n"
    );
}
