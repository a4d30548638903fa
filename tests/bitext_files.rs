//! Bilingual files (#13): XLIFF 1.2 and 2.x and TMX 1.4, checked and fixed through the CLI.
//! Only target words are checked and rewritten; every other byte of the file is kept.
//!
//! The fixtures in tests/fixtures/bitext/ were written for these tests.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use termlint::bitext::Bitext;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bitext");
    fs::read_to_string(path.join(name)).unwrap()
}

/// Runs termlint in `dir`, whose glossary.tsv is the fixtures' bilingual glossary.
fn run(dir: &Path, args: &[&str]) -> Output {
    fs::write(dir.join("glossary.tsv"), fixture("glossary.tsv")).unwrap();
    Command::new(env!("CARGO_BIN_EXE_termlint"))
        .args(args)
        .args(["-g", "glossary.tsv"])
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Every byte of `text` that is not a word of a target segment, as the runs between them.
fn markup<'t>(text: &'t str, bitext: &Bitext) -> Vec<&'t str> {
    let mut runs = Vec::new();
    let mut at = 0;
    for span in &bitext.prose {
        runs.push(&text[at..span.start]);
        at = span.end;
    }
    runs.push(&text[at..]);
    runs
}

/// The words of each target segment, joined.
fn words(text: &str, bitext: &Bitext) -> String {
    let spans = bitext.prose.iter();
    spans.map(|s| &text[s.start..s.end]).collect()
}

fn read(name: &str, text: &str) -> Bitext {
    if name.ends_with(".tmx") {
        termlint::bitext::tmx::read(text, None, Some("en")).unwrap()
    } else {
        termlint::bitext::xliff::read(text).unwrap()
    }
}

#[test]
fn fix_write_rewrites_only_target_words_of_xliff_and_tmx() {
    for name in [
        "report.xlf",
        "report-2.xlf",
        "report-split.xlf",
        "memory.tmx",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let before = fixture(name);
        fs::write(dir.path().join(name), &before).unwrap();
        let o = run(
            dir.path(),
            &["fix", "--write", "--unsafe-fixes", name, "--lang", "en"],
        );
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let after = fs::read_to_string(dir.path().join(name)).unwrap();
        let (old, new) = (read(name, &before), read(name, &after));
        // Every byte outside the target words is kept, in order.
        assert_eq!(markup(&before, &old), markup(&after, &new), "{name}");
        // The words were fixed.
        let fixed = words(&after, &new);
        for term in [
            "The Exchange Fund grew.",
            "The Hong Kong Monetary Authority announced",
            "The Ministry of Public Security seized",
        ] {
            assert!(fixed.contains(term), "{name}: {term} in {fixed}");
        }
        assert!(!fixed.contains("Public Safety"), "{name}: {fixed}");
    }
}

#[test]
fn alternatives_untranslatable_units_and_other_languages_are_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["report.xlf", "report-2.xlf", "memory.tmx"] {
        fs::write(dir.path().join(name), fixture(name)).unwrap();
        let o = run(
            dir.path(),
            &["fix", "--write", "--unsafe-fixes", name, "--lang", "en"],
        );
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
    }
    let read = |name: &str| fs::read_to_string(dir.path().join(name)).unwrap();
    // XLIFF 1.2 alt-trans, XLIFF 2 translate="no", TMX German segment.
    assert!(read("report.xlf").contains("<alt-trans><target>The Ministry of Public Safety."));
    assert!(read("report-2.xlf").contains("<target>The Ministry of Public Safety</target>"));
    assert!(read("memory.tmx").contains("Die Gesamtaktiva des Fonds stiegen."));
}

#[test]
fn only_the_targets_of_a_bilingual_file_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    // The source holds a garbled term; the target is right. As plain text, the source's
    // words would be flagged (and fixed).
    let xliff = "<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"zh\" \
                 datatype=\"plaintext\" original=\"a\"><body><trans-unit id=\"1\">\n\
                 <source>The Ministry of Public Safety spoke.</source>\n\
                 <target>公安部表示。</target></trans-unit></body></file></xliff>\n";
    fs::write(dir.path().join("en-zh.xlf"), xliff).unwrap();
    let en_zh = run(dir.path(), &["check", "en-zh.xlf"]);
    assert_eq!(en_zh.status.code(), Some(0), "{}", stderr(&en_zh));
    assert!(
        stdout(&en_zh).starts_with("No findings"),
        "{}",
        stdout(&en_zh)
    );
    // --bitext-format reads a file of another name as XLIFF; without it, it is plain text.
    fs::write(dir.path().join("en-zh.xml"), xliff).unwrap();
    let o = run(
        dir.path(),
        &["check", "en-zh.xml", "--bitext-format", "xliff"],
    );
    assert!(stdout(&o).starts_with("No findings"), "{}", stdout(&o));
    let o = run(dir.path(), &["check", "en-zh.xml"]);
    assert!(stdout(&o).contains("en-zh.xml:2:13"), "{}", stdout(&o));
    assert!(
        !stdout(&en_zh).contains("en-zh.xlf:2"),
        "{}",
        stdout(&en_zh)
    );
}

#[test]
fn a_fix_across_an_inline_tag_is_withheld_and_the_file_kept() {
    let dir = tempfile::tempdir().unwrap();
    let xliff = "<xliff version=\"2.0\" srcLang=\"zh\" trgLang=\"en\"><file id=\"f\"><unit id=\"u\">\
                 <segment><source>公安部查獲芬太尼。</source><target>The Ministry of \
                 <pc id=\"1\">Public</pc> Safety seized fentanyl.</target></segment>\
                 </unit></file></xliff>\n";
    fs::write(dir.path().join("t.xlf"), xliff).unwrap();
    let o = run(dir.path(), &["check", "t.xlf", "--format", "jsonl"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let finding: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(finding["suggestions"][0], "Ministry of Public Security");
    assert!(finding["fix"].is_null(), "{finding}");
    // The message quotes the words, not the blanks that stand for the tag.
    let message = finding["message"].as_str().unwrap();
    assert!(message.contains("'Ministry of Public Safety'"), "{message}");
    let o = run(dir.path(), &["fix", "--write", "--unsafe-fixes", "t.xlf"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(dir.path().join("t.xlf")).unwrap(), xliff);
}

#[test]
fn malformed_files_and_missing_languages_are_errors_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("bad.xlf"),
        "<xliff version=\"1.2\">\n<file>\n<body></file>\n",
    )
    .unwrap();
    let o = run(dir.path(), &["check", "bad.xlf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad.xlf:3: invalid XLIFF"),
        "{}",
        stderr(&o)
    );
    fs::write(dir.path().join("memory.tmx"), fixture("memory.tmx")).unwrap();
    let o = run(dir.path(), &["check", "memory.tmx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("memory.tmx:8: the unit has several target languages (en, de)"),
        "{}",
        stderr(&o)
    );
    // An XLIFF file holds its own source.
    fs::write(dir.path().join("zh.txt"), "外匯基金增長。\n").unwrap();
    fs::write(dir.path().join("report.xlf"), fixture("report.xlf")).unwrap();
    let o = run(dir.path(), &["check", "report.xlf", "--source", "zh.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("holds its own source"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_bilingual_tbx_gives_the_source_forms_that_an_xliff_is_checked_with() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("report.xlf"), fixture("report.xlf")).unwrap();
    fs::write(dir.path().join("g.tbx"), fixture("glossary.tbx")).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_termlint"))
        .args(["check", "report.xlf", "-g", "g.tbx", "--source-lang", "zh"])
        .args(["--lang", "en", "--format", "jsonl"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let rules: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            let f: serde_json::Value = serde_json::from_str(l).unwrap();
            format!("{} {}", f["rule"], f["suggestions"][0])
        })
        .collect();
    assert_eq!(
        rules,
        [
            "\"source.missing-term\" \"Exchange Fund\"",
            "\"source.missing-term\" \"Hong Kong Monetary Authority\"",
            "\"source.missing-term\" \"Ministry of Public Security\""
        ]
    );
}

#[test]
fn review_patch_and_eval_take_a_source() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("zh.txt"),
        "外匯基金增長。\n金管局宣布新措施。\n",
    )
    .unwrap();
    let target = "The Fund grew.\nThe HKMA announced new measures.\n";
    fs::write(dir.path().join("en.txt"), target).unwrap();
    let o = run(
        dir.path(),
        &[
            "review",
            "--patch",
            "-",
            "--unsafe-fixes",
            "en.txt",
            "--source",
            "zh.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let patch = stdout(&o);
    assert!(patch.contains("+The Exchange Fund grew."), "{patch}");
    assert!(
        patch.contains("+The Hong Kong Monetary Authority announced"),
        "{patch}"
    );
    // The same in an XLIFF file, read as such by review.
    fs::write(dir.path().join("report.xlf"), fixture("report.xlf")).unwrap();
    let o = run(
        dir.path(),
        &["review", "--patch", "-", "--unsafe-fixes", "report.xlf"],
    );
    assert!(
        stdout(&o).contains("+        <target>The Hong Kong Monetary Authority announced"),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );
    // eval: the annotated renderings are found only with the source.
    fs::write(
        dir.path().join("a.tsv"),
        "HKMA\t1\tHong Kong Monetary Authority\tterm\n",
    )
    .unwrap();
    let eval = |extra: &[&str]| {
        let mut args = vec!["eval", "en.txt", "-a", "a.tsv", "--format", "json"];
        args.extend(extra);
        let o = run(dir.path(), &args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        v["glossary_recall"].as_f64().unwrap()
    };
    assert_eq!(eval(&[]), 0.0);
    assert_eq!(eval(&["--source", "zh.txt"]), 1.0);
}
