//! Imported glossaries (#15 item 4) and accepted forms (#13 item 2).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use termlint::check::finding::Finding;
use termlint::checker::{CheckOptions, Checker};
use termlint::glossary::{FixMode, Glossary, LoadOptions, Severity, tbx};

fn root(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn english() -> LoadOptions {
    LoadOptions {
        lang: Some("en".to_string()),
        ..LoadOptions::default()
    }
}

fn termlint(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_termlint"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// Every field of a finding, its glossary origin (which names the file) taken out.
fn comparable(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            let message = match &f.entry {
                Some(origin) => f.message.replace(&origin.to_string(), "ORIGIN"),
                None => f.message.clone(),
            };
            format!(
                "{}..{} {} {:?} {:?} {} {:?} {:?} {message}",
                f.span.start,
                f.span.end,
                f.rule,
                f.kind,
                f.severity,
                f.confidence,
                f.suggestions,
                f.fix.as_ref().map(|x| x.applicability)
            )
        })
        .collect()
}

#[test]
fn tbx_v2_and_v3_dca_and_dct_give_the_same_findings_on_the_seed_as_the_toml() {
    let part = Glossary::load(&[root("tests/fixtures/glossaries/part.toml")]).unwrap();
    // The TOML part is the shipped glossary's own entries.
    let shipped = Glossary::load(&[root("corpus/glossaries/fentanyl-policy.toml")]).unwrap();
    for e in &part.entries {
        let s = shipped.entries.iter().find(|s| s.term == e.term).unwrap();
        assert_eq!(
            (&s.variants, s.kind, s.severity, s.fix, &s.note, &s.context),
            (&e.variants, e.kind, e.severity, e.fix, &e.note, &e.context)
        );
    }
    let seed = std::fs::read_to_string(root("corpus/seed/article.txt")).unwrap();
    let check = |g: Glossary| Checker::new(g, CheckOptions::default()).check(&seed);
    let expected = comparable(&check(part));
    assert!(expected.len() >= 2, "{expected:?}");
    for tbx in [
        "part-v2.tbx",
        "part-v3-basic-dca.tbx",
        "part-v3-basic-dct.tbx",
    ] {
        let path = root(&format!("tests/fixtures/glossaries/{tbx}"));
        let glossary = Glossary::load_with(&[path], &english()).unwrap();
        assert_eq!(glossary.entries.len(), 6, "{tbx}");
        assert_eq!(comparable(&check(glossary)), expected, "{tbx}");
    }
}

#[test]
fn a_multilingual_tbx_needs_a_language_and_keeps_the_others() {
    let path = root("tests/fixtures/glossaries/part-v3-basic-dca.tbx");
    let err = Glossary::load(&[&path]).unwrap_err().to_string();
    assert!(
        err.ends_with("the termbase holds several languages (en, zh): choose one with --lang"),
        "{err}"
    );
    let zh = LoadOptions {
        lang: Some("zh".to_string()),
        ..LoadOptions::default()
    };
    let glossary = Glossary::load_with(&[&path], &zh).unwrap();
    assert_eq!(glossary.entries[0].term, "洗钱");
    // The source-language forms stay available to whoever needs them.
    let text = std::fs::read_to_string(&path).unwrap();
    let concepts = tbx::concepts("part.tbx", &text).unwrap();
    let langs: Vec<(&str, &str)> = concepts[0]
        .terms
        .iter()
        .filter(|t| t.status == tbx::Status::Preferred)
        .map(|t| (t.lang.as_str(), t.text.as_str()))
        .collect();
    assert_eq!(langs, [("en", "money laundering"), ("zh", "洗钱")]);
}

const HKMA_TBX: &str = r#"<?xml version="1.0"?>
<tbx type="TBX-Core" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="hkma">
      <langSec xml:lang="en">
        <termSec><term>Hong Kong Monetary Authority</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>HKMA</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
        <termSec><term>Monetary Authority of Hong Kong</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
        <termSec><term>Hong Kong Currency Authority</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
    <conceptEntry id="cb">
      <langSec xml:lang="en">
        <termSec><term>central bank</term></termSec>
        <termSec><term>monetary authority</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"#;

#[test]
fn tbx_admitted_terms_are_accepted_forms_that_no_rendering_flags() {
    let glossary = Glossary::parse("hk.tbx", HKMA_TBX).unwrap();
    let hkma = &glossary.entries[0];
    assert_eq!(hkma.term, "Hong Kong Monetary Authority");
    assert_eq!(hkma.accepted, ["HKMA", "Monetary Authority of Hong Kong"]);
    assert_eq!(hkma.variants, ["Hong Kong Currency Authority"]);
    let checker = Checker::new(glossary, CheckOptions::default());
    let text = "The Monetary Authority of Hong Kong (HKMA) acts as a monetary authority would; \
                the Hong Kong Currency Authority does not exist.";
    let flagged: Vec<&str> = checker
        .check(text)
        .iter()
        .map(|f| &text[f.span.start..f.span.end])
        .collect();
    assert_eq!(
        flagged,
        ["monetary authority", "Hong Kong Currency Authority"]
    );
}

#[test]
fn accepted_forms_from_toml_and_tsv_are_never_flagged() {
    let toml = "[[entry]]\nterm = \"central bank\"\nvariants = [\"monetary authority\"]\n\n\
                [[entry]]\nterm = \"Hong Kong Monetary Authority\"\n\
                accepted = [\"HKMA\", \"Monetary Authority of Hong Kong\"]\n";
    let tsv = "term\tvariants\taccepted\ncentral bank\tmonetary authority\t\n\
               Hong Kong Monetary Authority\t\tHKMA|Monetary Authority of Hong Kong\n";
    let text = "The Monetary Authority of Hong Kong said so; a monetary authority did not.";
    for (name, source) in [
        ("g.toml", toml),
        ("g.tsv", tsv),
        ("g.csv", &tsv.replace('\t', ",")),
    ] {
        let glossary = Glossary::parse(name, source).unwrap();
        assert_eq!(glossary.entries[1].accepted.len(), 2, "{name}");
        let findings = Checker::new(glossary, CheckOptions::default()).check(text);
        let flagged: Vec<&str> = findings
            .iter()
            .map(|f| &text[f.span.start..f.span.end])
            .collect();
        assert_eq!(flagged, ["monetary authority"], "{name}");
    }
}

#[test]
fn a_tbx_with_an_external_entity_is_refused() {
    let tbx = r#"<?xml version="1.0"?>
<!DOCTYPE martif [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<martif type="TBX"><text><body><termEntry><langSet xml:lang="en">
<tig><term>&secret;</term></tig></langSet></termEntry></body></text></martif>
"#;
    let err = Glossary::parse("evil.tbx", tbx).unwrap_err().to_string();
    assert!(err.starts_with("evil.tbx:2: invalid TBX: "), "{err}");
    assert!(
        err.contains("external entity (`file:///etc/passwd`)"),
        "{err}"
    );
}

#[test]
fn a_tbx_entity_expansion_bomb_is_refused() {
    let mut dtd = String::from("<!ENTITY lol0 \"lol\">\n");
    for i in 1..=12 {
        let refs = format!("&lol{};", i - 1).repeat(10);
        dtd.push_str(&format!("<!ENTITY lol{i} \"{refs}\">\n"));
    }
    let tbx = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE martif [\n{dtd}]>\n<martif type=\"TBX\"><text><body>\
         <termEntry><langSet xml:lang=\"en\"><tig><term>&lol12;</term></tig></langSet>\
         </termEntry></body></text></martif>\n"
    );
    let err = Glossary::parse("bomb.tbx", &tbx).unwrap_err().to_string();
    assert!(err.starts_with("bomb.tbx:6: invalid TBX: "), "{err}");
    assert!(err.contains("entity reference loop"), "{err}");
}

#[test]
fn a_tbx_term_with_an_unknown_status_names_its_line() {
    let tbx = "<martif type=\"TBX\"><text><body><termEntry><langSet xml:lang=\"en\">\n\
               <tig><term>a</term>\n<termNote type=\"administrativeStatus\">sometimes</termNote></tig>\n\
               </langSet></termEntry></body></text></martif>\n";
    let err = Glossary::parse("g.tbx", tbx).unwrap_err().to_string();
    assert_eq!(err, "g.tbx:3: unknown administrative status `sometimes`");
}

#[test]
fn vale_prh_codespell_and_typos_lists_load_as_glossaries() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "Spins.yml",
        "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: error\n\
         ignorecase: false\nswap:\n  benchmark tariff: baseline tariff\n  rough buyer: rogue buyer\n  \
         'U\\.S\\. dollar': US dollar\n",
    );
    write(
        "prh.yml",
        "version: 1\nrules:\n  - expected: money laundering\n    patterns:\n      - money washing\n      \
         - Money Laundering\n  - expected: dark web\n    pattern: dim web\n",
    );
    write(
        "dictionary.txt",
        "# spins\nexchange war->trade war\nsupply string->supply chain, not always wrong\n",
    );
    write(
        "_typos.toml",
        "[default.extend-words]\nopiod = \"opioid\"\nopioids = \"opioids\"\n",
    );
    let vale = Glossary::load(&[dir.path().join("Spins.yml")]).unwrap();
    assert_eq!(vale.entries.len(), 3);
    assert_eq!(vale.entries[0].variants, ["benchmark tariff"]);
    assert_eq!(vale.entries[0].severity, Severity::Error);
    assert_eq!(vale.entries[0].origin.line, 6);
    assert_eq!(vale.entries[2].variants, ["U.S. dollar"]);
    let prh = Glossary::load(&[dir.path().join("prh.yml")]).unwrap();
    assert_eq!(prh.entries[0].variants, ["money washing"]);
    assert_eq!(prh.entries[1].variants, ["dim web"]);
    let codespell = Glossary::load(&[dir.path().join("dictionary.txt")]).unwrap();
    assert_eq!(codespell.entries[1].fix, FixMode::Suggest);
    assert_eq!(
        codespell.entries[1].note.as_deref(),
        Some("not always wrong")
    );
    assert_eq!(codespell.entries[1].origin.line, 3);
    let typos = Glossary::load(&[dir.path().join("_typos.toml")]).unwrap();
    assert_eq!(typos.entries[0].term, "opioid");
    assert!(
        typos.entries[1].variants.is_empty(),
        "a word mapped to itself is correct"
    );

    write(
        "article.txt",
        "Exchange war and benchmark tariffs; money washing on the dim web by an opiod dealer.\n",
    );
    let out = termlint(
        &[
            "check",
            "article.txt",
            "--format",
            "brief",
            "--no-derive",
            "-g",
            "Spins.yml",
            "-g",
            "prh.yml",
            "-g",
            "dictionary.txt",
            "-g",
            "_typos.toml",
        ],
        dir.path(),
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    for fixed in [
        "'Trade war'",
        "'baseline tariffs'",
        "'money laundering'",
        "'dark web'",
        "'opioid'",
    ] {
        assert!(stdout.contains(fixed), "{fixed} in {stdout}");
    }
}

#[test]
fn glossary_format_overrides_what_the_name_says() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("rules.txt"),
        "swap:\n  exchange war: trade war\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.txt"), "An exchange war.\n").unwrap();
    let out = termlint(&["check", "a.txt", "-g", "rules.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("unknown glossary format")
    );
    let out = termlint(
        &[
            "check",
            "a.txt",
            "-g",
            "rules.txt",
            "--glossary-format",
            "vale",
            "--format",
            "brief",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("'trade war'")
    );
}

#[test]
fn regular_expressions_in_imported_lists_are_refused_by_line() {
    let err = Glossary::parse(
        "v.yml",
        "extends: substitution\nswap:\n  a: b\n  '(?:foo|bar)': baz\n",
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "v.yml:4: `(?:foo|bar)` is a regular expression; termlint takes literal forms only"
    );
    let err = Glossary::parse(
        "p.yml",
        "rules:\n  - expected: JavaScript\n    pattern: /java\\s*script/i\n",
    )
    .unwrap_err();
    assert_eq!(err.line, 3, "{err}");
    let err = Glossary::parse("d.txt", "abc->abd\nnot a rule\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "d.txt:2: expected `wrong->right`, found `not a rule`"
    );
}

#[test]
fn broken_yaml_in_vale_and_prh_lists_names_its_line() {
    let err =
        Glossary::parse("v.yml", "extends: substitution\nswap:\n  a: [b\n  c: d\n").unwrap_err();
    assert!(err.line >= 3, "{err}");
    assert!(err.to_string().starts_with("v.yml:"), "{err}");
    assert!(err.message.starts_with("invalid YAML"), "{err}");
    let err = Glossary::parse("p.yml", "rules:\n  - expected: A\n    pattern: [x\n").unwrap_err();
    assert!(err.line >= 3, "{err}");
    assert!(err.message.starts_with("invalid prh dictionary"), "{err}");
}
