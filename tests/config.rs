//! CLI tests of the project config: termlint.toml and pyproject.toml's [tool.termlint], found
//! by walking up from the current folder, --config, --isolated, and the command line winning.

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const GLOSSARY: &str = "[[entry]]\nterm = \"precursor\"\nvariants = [\"pioneer chemical\"]\n\
severity = \"error\"\nfix = \"safe\"\n";

/// A second glossary that knows a different term, to tell which one was used.
const OTHER: &str = "[[entry]]\nterm = \"cartel\"\nvariants = [\"drug club\"]\n\
severity = \"error\"\nfix = \"safe\"\n";

const TEXT: &str = "Cartels buy the pioneer chemical abroad, a drug club said.\n";

/// A temporary project: `gloss/main.toml`, `gloss/other.toml` and `docs/article.txt`.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("gloss")).unwrap();
    fs::create_dir_all(dir.path().join("docs")).unwrap();
    fs::write(dir.path().join("gloss/main.toml"), GLOSSARY).unwrap();
    fs::write(dir.path().join("gloss/other.toml"), OTHER).unwrap();
    fs::write(dir.path().join("docs/article.txt"), TEXT).unwrap();
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_termlint"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn termlint_toml_in_a_parent_folder_names_the_glossary_and_format() {
    let dir = project();
    let cwd = dir.path().join("docs");
    let o = run_in(&cwd, &["check", "article.txt"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no glossary: give -g FILE or name glossaries in termlint.toml"),
        "{}",
        stderr(&o)
    );
    // Glossary paths are relative to the config's folder, not the current one.
    fs::write(
        dir.path().join("termlint.toml"),
        "glossaries = [\"gloss/main.toml\"]\nformat = \"brief\"\n",
    )
    .unwrap();
    let o = run_in(&cwd, &["check", "article.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "article.txt:1:17: error[glossary.variant] 'pioneer chemical' -> 'precursor' (0.90)\n"
    );
}

#[test]
fn pyproject_tool_termlint_is_read_and_other_tables_are_not() {
    let dir = project();
    fs::write(
        dir.path().join("pyproject.toml"),
        "[project]\nname = \"x\"\n\n[tool.ruff]\nline-length = 99\n\n[tool.termlint]\n\
         glossaries = [\"gloss/other.toml\"]\nformat = \"brief\"\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["check", "docs/article.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("'drug club' -> 'cartel'"),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains("precursor"), "{}", stdout(&o));
    // A pyproject.toml without [tool.termlint] is not a config: the walk goes on upward.
    let sub = dir.path().join("docs");
    fs::write(sub.join("pyproject.toml"), "[project]\nname = \"y\"\n").unwrap();
    let o = run_in(&sub, &["check", "article.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("'drug club' -> 'cartel'"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn isolated_ignores_the_config() {
    let dir = project();
    fs::write(
        dir.path().join("termlint.toml"),
        "glossaries = [\"gloss/main.toml\"]\nformat = \"brief\"\nfail-level = \"none\"\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["check", "--isolated", "docs/article.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no glossary"), "{}", stderr(&o));
    let o = run_in(
        dir.path(),
        &[
            "check",
            "--isolated",
            "-g",
            "gloss/main.toml",
            "docs/article.txt",
        ],
    );
    // The config's fail-level none and brief format are not used.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        !stdout(&o).starts_with("docs/article.txt:1:17:"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("precursor"), "{}", stdout(&o));
}

#[test]
fn config_flag_names_a_file_elsewhere() {
    let dir = project();
    fs::write(
        dir.path().join("gloss/settings.toml"),
        "glossaries = [\"other.toml\"]\nformat = \"brief\"\n",
    )
    .unwrap();
    let o = run_in(
        &dir.path().join("docs"),
        &["check", "--config", "../gloss/settings.toml", "article.txt"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("'drug club' -> 'cartel'"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn unknown_keys_and_bad_values_name_the_file_and_line() {
    let dir = project();
    let config = dir.path().join("termlint.toml");
    let cases = [
        (
            "glossaries = [\"gloss/main.toml\"]\n\n formatt = \"brief\"\n",
            "termlint.toml:3: unknown field `formatt`",
        ),
        (
            "glossaries = [\"gloss/main.toml\"]\nformat = \"xml\"\n",
            "termlint.toml:2: format: unknown value `xml`",
        ),
        (
            "fail-level = \"warning\"\nmin-confidence = 1.5\n",
            "termlint.toml:2: min-confidence: expected a number from 0 to 1",
        ),
        (
            "select = [\n  \"glossary\",\n  \"no.such-rule\",\n]\n",
            "termlint.toml:3: select:",
        ),
        (
            "[markup]\n\"docs/*.txt\" = \"rst\"\n",
            "termlint.toml:2: markup: unknown value `rst`",
        ),
    ];
    for (text, expected) in cases {
        fs::write(&config, text).unwrap();
        let o = run_in(dir.path(), &["check", "docs/article.txt"]);
        assert_eq!(o.status.code(), Some(2), "{text}");
        assert!(stderr(&o).contains(expected), "{text}: {}", stderr(&o));
    }
    // In pyproject.toml the line counts from the top of the whole file.
    fs::remove_file(&config).unwrap();
    fs::write(
        dir.path().join("pyproject.toml"),
        "[project]\nname = \"x\"\n\n[tool.termlint]\nglossary = [\"gloss/main.toml\"]\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["check", "docs/article.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("pyproject.toml:5: unknown field `glossary`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn command_line_options_override_the_config() {
    let dir = project();
    fs::write(
        dir.path().join("termlint.toml"),
        "glossaries = [\"gloss/main.toml\"]\nformat = \"brief\"\nfail-level = \"none\"\n\
         ignore = [\"glossary.variant\"]\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["check", "docs/article.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "", "the config's ignore applies");
    let o = run_in(
        dir.path(),
        &[
            "check",
            "--ignore",
            "prose.doubled-word",
            "--fail-level",
            "error",
            "--format",
            "jsonl",
            "docs/article.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let line: serde_json::Value = serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    assert_eq!(line["rule"], "glossary.variant");
    // -g replaces the config's glossaries rather than adding to them.
    let o = run_in(
        dir.path(),
        &[
            "check",
            "--ignore",
            "prose.doubled-word",
            "-g",
            "gloss/other.toml",
            "docs/article.txt",
        ],
    );
    assert!(
        stdout(&o).contains("'drug club' -> 'cartel'"),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains("precursor"), "{}", stdout(&o));
    assert_eq!(o.status.code(), Some(0), "fail-level none from the config");
}

#[test]
fn the_config_is_never_walked_and_never_fixed() {
    let dir = project();
    // The config itself holds a wrong rendering: walking into it would report it.
    fs::write(
        dir.path().join("termlint.toml"),
        "# the pioneer chemical\nglossaries = [\"gloss/main.toml\"]\nformat = \"brief\"\n\
         include = [\"*.txt\", \"*.toml\"]\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("article.txt:1:17:"), "{}", stdout(&o));
    assert!(!stdout(&o).contains("termlint.toml"), "{}", stdout(&o));
    let o = run_in(dir.path(), &["fix", "--write", "termlint.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("it is the config"), "{}", stderr(&o));
    let o = run_in(dir.path(), &["check", "-o", "termlint.toml", "docs"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the report is not written: it is the config"),
        "{}",
        stderr(&o)
    );
    let o = run_in(
        dir.path(),
        &[
            "review",
            "--patch",
            "termlint.toml",
            "--force",
            "article.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the patch is not written: it is the config"),
        "{}",
        stderr(&o)
    );
    let kept = fs::read_to_string(dir.path().join("termlint.toml")).unwrap();
    assert!(kept.contains("pioneer chemical"));
}

#[test]
fn include_exclude_and_markup_per_glob_apply() {
    let dir = project();
    fs::create_dir_all(dir.path().join("docs/drafts")).unwrap();
    fs::write(dir.path().join("docs/drafts/draft.txt"), TEXT).unwrap();
    fs::write(dir.path().join("docs/notes.md"), TEXT).unwrap();
    fs::write(
        dir.path().join("docs/code.txt"),
        "Cartels buy the `pioneer chemical` abroad.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("termlint.toml"),
        "glossaries = [\"gloss/main.toml\"]\nformat = \"brief\"\n\
         include = [\"*.txt\"]\nexclude = [\"docs/drafts/**\"]\n\n\
         [markup]\n\"docs/code.txt\" = \"markdown\"\n",
    )
    .unwrap();
    // Run from a subfolder: the globs are rooted at the config's folder.
    let o = run_in(&dir.path().join("docs"), &["check", "."]);
    let out = stdout(&o);
    assert!(out.contains("article.txt:1:17:"), "{out}");
    assert!(!out.contains("draft.txt"), "excluded: {out}");
    assert!(!out.contains("notes.md"), "not included: {out}");
    assert!(
        !out.contains("code.txt"),
        "Markdown code is not prose: {out}"
    );
    // --markup on the command line wins over the config's table.
    let o = run_in(
        &dir.path().join("docs"),
        &["check", "--markup", "plain", "code.txt"],
    );
    assert!(stdout(&o).contains("code.txt:1:18:"), "{}", stdout(&o));
}

#[test]
fn severity_table_sets_the_level_every_output_and_the_exit_code_see() {
    let dir = project();
    // The glossary says error; the config lowers listed variants to info.
    fs::write(
        dir.path().join("termlint.toml"),
        "glossaries = [\"gloss/main.toml\"]\nformat = \"brief\"\n\n[severity]\n\
         glossary = \"warning\"\n\"glossary.variant\" = \"info\"\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["check", "docs/article.txt"]);
    assert_eq!(o.status.code(), Some(0), "info is below --fail-level error");
    assert_eq!(
        stdout(&o),
        "docs/article.txt:1:17: info[glossary.variant] 'pioneer chemical' -> 'precursor' (0.90)\n"
    );
    let o = run_in(
        dir.path(),
        &["check", "--fail-level", "info", "docs/article.txt"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let o = run_in(
        dir.path(),
        &["check", "--format", "json", "docs/article.txt"],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["summary"]["by_severity"],
        serde_json::json!({"error": 0, "warning": 0, "info": 1})
    );
    let o = run_in(
        dir.path(),
        &["check", "--format", "sarif", "docs/article.txt"],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["runs"][0]["results"][0]["level"], "note");
    // `all` (or a prefix) sets every rule it names.
    fs::write(
        dir.path().join("docs/left.txt"),
        "A drug club met; the pioneer chemical.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("termlint.toml"),
        "glossaries = [\"gloss/other.toml\"]\nformat = \"brief\"\n\n[severity]\n\
         all = \"warning\"\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["check", "docs/left.txt"]);
    assert!(
        stdout(&o).contains("warning[glossary.variant]"),
        "{}",
        stdout(&o)
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn an_unknown_rule_or_level_in_the_severity_table_names_the_line() {
    let dir = project();
    let config = dir.path().join("termlint.toml");
    for (text, expected) in [
        (
            "glossaries = [\"gloss/main.toml\"]\n[severity]\n\"glossary.typo\" = \"info\"\n",
            "termlint.toml:3: severity: unknown rule `glossary.typo`; rules are glossary.variant",
        ),
        (
            "glossaries = [\"gloss/main.toml\"]\n[severity]\n\"glossary.variant\" = \"fatal\"\n",
            "termlint.toml:3: severity: unknown level `fatal` for `glossary.variant`",
        ),
    ] {
        fs::write(&config, text).unwrap();
        let o = run_in(dir.path(), &["check", "docs/article.txt"]);
        assert_eq!(o.status.code(), Some(2), "{text}");
        assert!(stderr(&o).contains(expected), "{text}: {}", stderr(&o));
    }
}

#[test]
fn config_sets_max_file_size_glossary_format_lang_and_spins() {
    let dir = project();
    let config = dir.path().join("termlint.toml");
    // max-file-size: the 59-byte article is refused under a 10-byte limit; the flag wins.
    fs::write(
        &config,
        "glossaries = [\"gloss/main.toml\"]\nmax-file-size = 10\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["check", "docs/article.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the limit is 10 bytes"),
        "{}",
        stderr(&o)
    );
    let o = run_in(
        dir.path(),
        &["check", "--max-file-size", "1K", "docs/article.txt"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    fs::write(&config, "max-file-size = \"5X\"\n").unwrap();
    let o = run_in(dir.path(), &["check", "docs/article.txt"]);
    assert!(
        stderr(&o).contains("termlint.toml:1: max-file-size: unknown unit `X`"),
        "{}",
        stderr(&o)
    );
    // glossary-format: a Vale rule in a .txt file loads only as the config says.
    fs::write(
        dir.path().join("gloss/vale.txt"),
        "swap:\n  pioneer chemical: precursor\n",
    )
    .unwrap();
    fs::write(&config, "glossaries = [\"gloss/vale.txt\"]\n").unwrap();
    let o = run_in(dir.path(), &["check", "docs/article.txt"]);
    assert!(
        stderr(&o).contains("unknown glossary format"),
        "{}",
        stderr(&o)
    );
    fs::write(
        &config,
        "glossaries = [\"gloss/vale.txt\"]\nglossary-format = \"vale\"\nformat = \"brief\"\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["check", "docs/article.txt"]);
    assert!(
        stdout(&o).contains("'pioneer chemical' -> 'precursor'"),
        "{}",
        stderr(&o)
    );
    // lang: a bilingual TBX needs one; the config gives it.
    let tbx = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/glossaries/part-v3-basic-dca.tbx");
    fs::copy(tbx, dir.path().join("gloss/part.tbx")).unwrap();
    fs::write(&config, "glossaries = [\"gloss/part.tbx\"]\n").unwrap();
    let o = run_in(dir.path(), &["check", "docs/article.txt"]);
    assert!(
        stderr(&o).contains("choose one with --lang"),
        "{}",
        stderr(&o)
    );
    fs::write(
        &config,
        "glossaries = [\"gloss/part.tbx\"]\nlang = \"en\"\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["check", "docs/article.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // spins: a path relative to the config's folder, read like --spins.
    fs::write(
        &config,
        "glossaries = [\"gloss/main.toml\"]\nspins = \"gloss/spins.tsv\"\n",
    )
    .unwrap();
    let o = run_in(&dir.path().join("docs"), &["check", "article.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("gloss{}spins.tsv", std::path::MAIN_SEPARATOR)),
        "{}",
        stderr(&o)
    );
    fs::write(
        dir.path().join("gloss/spins.tsv"),
        "chemical\tsubstance\t3\n",
    )
    .unwrap();
    let o = run_in(&dir.path().join("docs"), &["check", "article.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn glossary_show_and_expand_read_the_config_glossaries() {
    let dir = project();
    fs::write(
        dir.path().join("termlint.toml"),
        "glossaries = [\"gloss/main.toml\", \"gloss/other.toml\"]\n",
    )
    .unwrap();
    let cwd = dir.path().join("docs");
    let o = run_in(&cwd, &["glossary", "show"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("precursor ("), "{}", stdout(&o));
    assert!(stdout(&o).contains("cartel ("), "{}", stdout(&o));
    // Files named on the command line replace the config's, as -g does.
    let o = run_in(&cwd, &["glossary", "show", "../gloss/other.toml"]);
    assert!(!stdout(&o).contains("precursor"), "{}", stdout(&o));
    // expand finds the entry in the config's glossaries (an unknown term is an error).
    let o = run_in(&cwd, &["glossary", "expand", "--term", "cartel"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("derived renderings listed"),
        "{}",
        stdout(&o)
    );
    let o = run_in(
        &cwd,
        &[
            "glossary",
            "expand",
            "--term",
            "cartel",
            "../gloss/main.toml",
        ],
    );
    assert!(stderr(&o).contains("no entry `cartel`"), "{}", stderr(&o));
    for command in ["show", "expand"] {
        let o = run_in(&cwd, &["glossary", command, "--isolated"]);
        assert_eq!(o.status.code(), Some(2), "{command}");
        assert!(
            stderr(&o).contains("no glossary: give FILE or name glossaries in termlint.toml"),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn a_parent_pyproject_that_is_not_toml_stops_the_run_as_in_ruff() {
    let dir = project();
    fs::write(
        dir.path().join("pyproject.toml"),
        "[project]\nname = \"x\"\n<<<<<<< HEAD\n",
    )
    .unwrap();
    let cwd = dir.path().join("docs");
    let o = run_in(&cwd, &["check", "-g", "../gloss/main.toml", "article.txt"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("pyproject.toml:3:"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--config FILE or --isolated"),
        "{}",
        stderr(&o)
    );
    // --isolated and --config never read it; a config nearer the text is found first.
    let o = run_in(
        &cwd,
        &[
            "check",
            "--isolated",
            "-g",
            "../gloss/main.toml",
            "article.txt",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    fs::write(
        cwd.join("termlint.toml"),
        "glossaries = [\"../gloss/main.toml\"]\n",
    )
    .unwrap();
    let o = run_in(&cwd, &["check", "article.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // Other tables of a pyproject.toml that is TOML are not checked at all.
    fs::remove_file(cwd.join("termlint.toml")).unwrap();
    fs::write(
        dir.path().join("pyproject.toml"),
        "[project]\nname = 5\n[tool.poetry]\nanything = [1, \"two\"]\n",
    )
    .unwrap();
    let o = run_in(&cwd, &["check", "-g", "../gloss/main.toml", "article.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}
