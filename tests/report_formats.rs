//! CI output formats (#15): SARIF against the official 2.1.0 schema, reviewdog's rdjson and
//! rdjsonl against reviewdog's schemas, GitHub workflow commands, checkstyle and JUnit XML,
//! `-o FILE`, and the pre-commit hook definition. Each format is compared with the `jsonl`
//! report of the same run, so a finding lost or misplaced in translation shows.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const GLOSSARY: &str = "corpus/glossaries/fentanyl-policy.toml";
const ARTICLE: &str = "corpus/seed/article.txt";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs termlint in `dir` with `stdin` piped in.
fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_termlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A run that fails on its arguments may exit before it reads its input (a closed pipe).
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// A folder holding the mini glossary and a text whose name needs escaping in every format
/// (`,` `:` `%` `&` `<` `"` and a space), with a multi-byte character before a finding so that
/// byte and character columns differ.
struct Awkward {
    dir: tempfile::TempDir,
}

const AWKWARD_NAME: &str = "we,ird: 50% & <\"q\">.txt";
const AWKWARD_TEXT: &str = "Café: the Byton administration met.\nFentanyl pioneers were seized.\n";

impl Awkward {
    fn new() -> Awkward {
        let dir = tempfile::tempdir().unwrap();
        fs::copy(
            root().join("tests/fixtures/mini.tsv"),
            dir.path().join("mini.tsv"),
        )
        .unwrap();
        fs::write(dir.path().join(AWKWARD_NAME), AWKWARD_TEXT).unwrap();
        fs::write(dir.path().join("clean.txt"), "Nothing to see here.\n").unwrap();
        Awkward { dir }
    }

    fn run(&self, format: &str) -> Output {
        run_in(
            self.dir.path(),
            &[
                "check",
                AWKWARD_NAME,
                "clean.txt",
                "-g",
                "mini.tsv",
                "--format",
                format,
            ],
            b"",
        )
    }
}

/// The `jsonl` findings and the output of `format` for the seed article (many findings, with
/// fixes) and for the awkward text.
fn both_runs(format: &str) -> Vec<(Vec<Value>, Output)> {
    let awkward = Awkward::new();
    let article = |f: &str| {
        run_in(
            root(),
            &["check", ARTICLE, "-g", GLOSSARY, "--format", f],
            b"",
        )
    };
    let runs = [
        (article("jsonl"), article(format)),
        (awkward.run("jsonl"), awkward.run(format)),
    ];
    runs.into_iter()
        .map(|(jsonl, out)| {
            assert_eq!(
                out.status.code(),
                jsonl.status.code(),
                "{}",
                text(&out.stderr)
            );
            let findings: Vec<Value> = text(&jsonl.stdout)
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            assert!(!findings.is_empty());
            (findings, out)
        })
        .collect()
}

fn schema(name: &str) -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(&fs::read_to_string(root().join("tests/data").join(name)).unwrap())
            .unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema_with_every_finding() {
    let validator = schema("sarif-schema-2.1.0.json");
    for (findings, out) in both_runs("sarif") {
        let log: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_valid(&validator, &log);
        // The validator is live: a level SARIF does not define is refused.
        let mut broken = log.clone();
        broken["runs"][0]["results"][0]["level"] = "fatal".into();
        assert!(!validator.is_valid(&broken));

        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), findings.len());
        for (result, finding) in results.iter().zip(&findings) {
            let index = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], finding["rule"]);
            assert!(rules[index]["shortDescription"]["text"].is_string());
            assert_eq!(result["ruleId"], finding["rule"]);
            let region = &result["locations"][0]["physicalLocation"]["region"];
            assert_eq!(region["startLine"], finding["line"]);
            assert_eq!(region["startColumn"], finding["column"]);
            assert_eq!(region["endColumn"], finding["end_column"]);
            assert_eq!(region["byteOffset"], finding["start"]);
            let length = finding["end"].as_u64().unwrap() - finding["start"].as_u64().unwrap();
            assert_eq!(region["byteLength"].as_u64(), Some(length));
            assert!(result["partialFingerprints"]["termlintFinding/v1"].is_string());
            match finding["fix"]["edits"].as_array() {
                Some(edits) => {
                    let replacements = result["fixes"][0]["artifactChanges"][0]["replacements"]
                        .as_array()
                        .unwrap();
                    assert_eq!(replacements.len(), edits.len());
                    for (r, e) in replacements.iter().zip(edits) {
                        assert_eq!(r["deletedRegion"]["byteOffset"], e["start"]);
                        assert_eq!(r["insertedContent"]["text"], e["content"]);
                    }
                }
                None => assert!(result.get("fixes").is_none()),
            }
        }
    }
}

#[test]
fn sarif_uris_are_percent_encoded_paths() {
    let out = Awkward::new().run("sarif");
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri, "we%2Cird%3A%2050%25%20%26%20%3C%22q%22%3E.txt");
}

#[test]
fn sarif_fingerprints_survive_edits_elsewhere_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        root().join("tests/fixtures/mini.tsv"),
        dir.path().join("mini.tsv"),
    )
    .unwrap();
    let fingerprints = |content: &str| {
        fs::write(dir.path().join("t.txt"), content).unwrap();
        let out = run_in(
            dir.path(),
            &["check", "t.txt", "-g", "mini.tsv", "--format", "sarif"],
            b"",
        );
        let log: Value = serde_json::from_slice(&out.stdout).unwrap();
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["partialFingerprints"]["termlintFinding/v1"].clone())
            .collect::<Vec<_>>()
    };
    // The key holds three words each side: lines added above, beyond them, change nothing.
    let text = "Early today, the Byton administration met.\nFentanyl pioneers were seized.\n";
    let before = fingerprints(text);
    let after = fingerprints(&format!("A new first line.\n\n{text}"));
    assert_eq!(before.len(), 2);
    assert_eq!(before, after);
    assert_ne!(before[0], before[1]);
}

/// The bytes of `content` from a 1-based (line, byte column) to another, as reviewdog reads
/// a range.
fn by_byte_columns(content: &str, start: &Value, end: &Value) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let column = p["column"].as_u64().unwrap() as usize;
        let line_start: usize = content
            .split_inclusive('\n')
            .take(line - 1)
            .map(str::len)
            .sum();
        line_start + column - 1
    };
    content[offset(start)..offset(end)].to_string()
}

#[test]
fn rdjsonl_lines_are_reviewdog_diagnostics_at_the_right_bytes() {
    let validator = schema("reviewdog-Diagnostic.json");
    for (i, (findings, out)) in both_runs("rdjsonl").into_iter().enumerate() {
        let content = if i == 0 {
            fs::read_to_string(root().join(ARTICLE)).unwrap()
        } else {
            AWKWARD_TEXT.to_string()
        };
        let lines: Vec<Value> = text(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), findings.len());
        for (d, finding) in lines.iter().zip(&findings) {
            assert_valid(&validator, d);
            // The schema allows any field; reviewdog needs these.
            assert_eq!(d["location"]["path"], finding["path"]);
            assert_eq!(d["code"]["value"], finding["rule"]);
            assert_eq!(d["message"], finding["message"]);
            let severity = finding["severity"].as_str().unwrap().to_uppercase();
            assert_eq!(d["severity"], severity.as_str());
            let range = &d["location"]["range"];
            assert_eq!(
                by_byte_columns(&content, &range["start"], &range["end"]),
                finding["text"].as_str().unwrap()
            );
            let edits = finding["fix"]["edits"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let suggestions = d["suggestions"].as_array().cloned().unwrap_or_default();
            assert_eq!(suggestions.len(), edits.len());
            for (s, e) in suggestions.iter().zip(&edits) {
                assert_eq!(s["text"], e["content"]);
            }
        }
    }
}

#[test]
fn rdjson_is_one_reviewdog_diagnostic_result() {
    let validator = schema("reviewdog-DiagnosticResult.json");
    for (findings, out) in both_runs("rdjson") {
        let result: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_valid(&validator, &result);
        assert_eq!(result["source"]["name"], "termlint");
        let diagnostics = result["diagnostics"].as_array().unwrap();
        assert_eq!(diagnostics.len(), findings.len());
        for (d, finding) in diagnostics.iter().zip(&findings) {
            assert_eq!(d["location"]["path"], finding["path"]);
            assert_eq!(d["message"], finding["message"]);
        }
    }
}

/// Undoes the Actions toolkit's escaping.
fn unescape(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

#[test]
fn github_commands_are_one_escaped_line_per_finding() {
    for (findings, out) in both_runs("github") {
        let output = text(&out.stdout);
        let lines: Vec<&str> = output.lines().collect();
        assert_eq!(lines.len(), findings.len());
        for (line, finding) in lines.iter().zip(&findings) {
            let command = match finding["severity"].as_str().unwrap() {
                "info" => "notice",
                other => other,
            };
            let rest = line.strip_prefix(&format!("::{command} ")).unwrap();
            let (properties, message) = rest.split_once("::").unwrap();
            assert!(
                unescape(message).starts_with(finding["message"].as_str().unwrap()),
                "{line}"
            );
            let property = |key: &str| {
                properties
                    .split(',')
                    .find_map(|p| p.strip_prefix(&format!("{key}=")))
                    .map(unescape)
            };
            assert_eq!(property("file").as_deref(), finding["path"].as_str());
            assert_eq!(property("line"), Some(finding["line"].to_string()));
            assert_eq!(property("col"), Some(finding["column"].to_string()));
            assert_eq!(
                property("endColumn"),
                Some(finding["end_column"].to_string())
            );
            let title = property("title").unwrap();
            assert!(title.contains(finding["rule"].as_str().unwrap()), "{title}");
        }
    }
}

#[test]
fn checkstyle_is_well_formed_with_one_error_per_finding() {
    for (findings, out) in both_runs("checkstyle") {
        let xml = text(&out.stdout);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        assert_eq!(doc.root_element().tag_name().name(), "checkstyle");
        let errors: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("error"))
            .collect();
        assert_eq!(errors.len(), findings.len());
        for (e, finding) in errors.iter().zip(&findings) {
            let file = e.parent_element().unwrap();
            assert_eq!(file.attribute("name"), finding["path"].as_str());
            assert_eq!(
                e.attribute("line"),
                Some(finding["line"].to_string().as_str())
            );
            assert_eq!(
                e.attribute("column"),
                Some(finding["column"].to_string().as_str())
            );
            assert_eq!(e.attribute("severity"), finding["severity"].as_str());
            assert!(
                e.attribute("message")
                    .unwrap()
                    .starts_with(finding["message"].as_str().unwrap())
            );
        }
    }
}

#[test]
fn junit_is_well_formed_with_one_failing_case_per_finding() {
    for (findings, out) in both_runs("junit") {
        let xml = text(&out.stdout);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "testsuites");
        let failures: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("failure"))
            .collect();
        assert_eq!(failures.len(), findings.len());
        assert_eq!(
            root.attribute("failures"),
            Some(findings.len().to_string().as_str())
        );
        for (f, finding) in failures.iter().zip(&findings) {
            let case = f.parent_element().unwrap();
            assert_eq!(case.attribute("file"), finding["path"].as_str());
            assert_eq!(
                case.attribute("line"),
                Some(finding["line"].to_string().as_str())
            );
            assert!(
                f.attribute("message")
                    .unwrap()
                    .starts_with(finding["message"].as_str().unwrap())
            );
        }
        let cases = doc.descendants().filter(|n| n.has_tag_name("testcase"));
        let suites = doc.descendants().filter(|n| n.has_tag_name("testsuite"));
        // A text without findings is one passing case.
        let clean = suites
            .clone()
            .filter(|s| s.attribute("name") == Some("clean.txt"))
            .count();
        assert_eq!(cases.count(), findings.len() + clean);
    }
}

fn awkward_output(args: &[&str]) -> (Awkward, Output) {
    let awkward = Awkward::new();
    let out = run_in(awkward.dir.path(), args, b"");
    (awkward, out)
}

#[test]
fn output_file_holds_exactly_what_stdout_would() {
    for format in ["human", "jsonl", "sarif", "junit", "github"] {
        let awkward = Awkward::new();
        let args = ["check", AWKWARD_NAME, "-g", "mini.tsv", "--format", format];
        let to_stdout = run_in(awkward.dir.path(), &args, b"");
        let mut with_o = args.to_vec();
        with_o.extend(["-o", "report.out"]);
        let to_file = run_in(awkward.dir.path(), &with_o, b"");
        assert_eq!(to_file.status.code(), to_stdout.status.code());
        assert_eq!(to_file.stdout, b"", "{format}");
        let written = fs::read(awkward.dir.path().join("report.out")).unwrap();
        assert!(!written.is_empty());
        assert_eq!(written, to_stdout.stdout, "{format}");
    }
}

#[test]
fn output_file_replaces_an_old_report_whole() {
    let awkward = Awkward::new();
    let report = awkward.dir.path().join("report.jsonl");
    fs::write(
        &report,
        "an old report that is much longer than the new one ".repeat(100),
    )
    .unwrap();
    let out = run_in(
        awkward.dir.path(),
        &[
            "check",
            "clean.txt",
            "-g",
            "mini.tsv",
            "--format",
            "jsonl",
            "-o",
            "report.jsonl",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(fs::read(&report).unwrap(), b"");
    // No temporary file is left beside it.
    let names: Vec<PathBuf> = fs::read_dir(awkward.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".termlint-"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn output_is_never_written_over_an_input_a_glossary_or_the_baseline() {
    let baseline = ".termlint-baseline.json";
    for (target, says) in [
        (AWKWARD_NAME, "a text to check"),
        ("./clean.txt", "a text to check"),
        ("mini.tsv", "a glossary"),
        (baseline, "the baseline"),
        (".", "a folder"),
        ("missing/report.sarif", "does not exist"),
    ] {
        let (awkward, out) = awkward_output(&[
            "check",
            AWKWARD_NAME,
            "clean.txt",
            "-g",
            "mini.tsv",
            "--baseline",
            baseline,
            "--format",
            "sarif",
            "-o",
            target,
        ]);
        let dir = awkward.dir.path();
        assert_eq!(out.status.code(), Some(2), "{target}");
        let err = text(&out.stderr);
        assert!(
            err.contains(target) && err.contains("the report is not written") && err.contains(says),
            "{target}: {err}"
        );
        assert_eq!(
            fs::read_to_string(dir.join(AWKWARD_NAME)).unwrap(),
            AWKWARD_TEXT
        );
        assert_eq!(
            fs::read(dir.join("mini.tsv")).unwrap(),
            fs::read(root().join("tests/fixtures/mini.tsv")).unwrap()
        );
        assert!(!dir.join(baseline).exists());
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn fix_write_of_stdin_keeps_the_text_on_stdout_and_the_report_in_the_file() {
    let awkward = Awkward::new();
    let out = run_in(
        awkward.dir.path(),
        &[
            "fix",
            "--write",
            "-",
            "-g",
            "mini.tsv",
            "--format",
            "jsonl",
            "-o",
            "left.jsonl",
        ],
        AWKWARD_TEXT.as_bytes(),
    );
    assert_eq!(
        text(&out.stdout),
        "Café: the Biden administration met.\nFentanyl precursors were seized.\n",
        "{}",
        text(&out.stderr)
    );
    assert!(fs::metadata(awkward.dir.path().join("left.jsonl")).is_ok());
    assert!(text(&out.stderr).contains("applied 2 fixes"));
}

#[test]
fn fix_diff_goes_to_the_output_file() {
    let (awkward, out) = awkward_output(&["fix", AWKWARD_NAME, "-g", "mini.tsv", "-o", "fix.diff"]);
    assert!(out.stdout.is_empty());
    let diff = fs::read_to_string(awkward.dir.path().join("fix.diff")).unwrap();
    assert!(
        diff.contains("+Café: the Biden administration met."),
        "{diff}"
    );
    assert_eq!(
        fs::read_to_string(awkward.dir.path().join(AWKWARD_NAME)).unwrap(),
        AWKWARD_TEXT
    );
}

#[test]
fn pre_commit_hook_parses_and_names_only_real_options() {
    let yaml = fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks: Vec<serde_norway::Value> = serde_norway::from_str(&yaml).unwrap();
    assert!(!hooks.is_empty());
    let help = |command: &str| text(&run_in(root(), &[command, "--help"], b"").stdout);
    for hook in &hooks {
        for key in ["id", "name", "entry", "language"] {
            assert!(hook[key].is_string(), "{key} missing in {hook:?}");
        }
        let entry: Vec<&str> = hook["entry"].as_str().unwrap().split_whitespace().collect();
        assert_eq!(entry[0], "termlint");
        let help = help(entry[1]);
        let args = hook["args"].as_sequence().cloned().unwrap_or_default();
        let words = entry[2..]
            .iter()
            .map(|w| w.to_string())
            .chain(args.iter().map(|a| a.as_str().unwrap().to_string()));
        for word in words {
            let flag = word.split('=').next().unwrap();
            if flag.starts_with('-') {
                assert!(
                    help.contains(&format!("{flag} ")) || help.contains(&format!("{flag},")),
                    "{flag} is not an option of `termlint {}`",
                    entry[1]
                );
            }
        }
    }
}

#[test]
fn the_summary_counts_suppressed_findings_in_json_and_the_human_line() {
    let awkward = Awkward::new();
    fs::write(
        awkward.dir.path().join("s.txt"),
        "# termlint: disable-next-line\nThe Byton administration met.\nThe Byton plan.\n",
    )
    .unwrap();
    let run = |format: &str| {
        let args = ["check", "s.txt", "-g", "mini.tsv", "--format", format];
        run_in(awkward.dir.path(), &args, b"")
    };
    let json: Value = serde_json::from_slice(&run("json").stdout).unwrap();
    assert_eq!(json["summary"]["suppressed"], 1, "{json}");
    assert_eq!(json["summary"]["findings"], 1, "{json}");
    let human = run("human");
    let last = text(&human.stdout).lines().last().unwrap().to_string();
    assert_eq!(
        last,
        "Found 1 finding in 1 file (1 fixable with `termlint fix --write`; 1 suppressed by \
         termlint comments or [sic])."
    );
    // Said once: the summary line replaces the note on stderr, which other formats keep.
    assert!(
        !text(&human.stderr).contains("suppressed"),
        "{}",
        text(&human.stderr)
    );
    let brief = run("brief");
    assert!(
        text(&brief.stderr).contains("1 finding suppressed by termlint comments or [sic]"),
        "{}",
        text(&brief.stderr)
    );
    let clean = run_in(
        awkward.dir.path(),
        &["check", "clean.txt", "-g", "mini.tsv", "--format", "json"],
        b"",
    );
    let json: Value = serde_json::from_slice(&clean.stdout).unwrap();
    assert_eq!(json["summary"]["suppressed"], 0, "{json}");
}

#[test]
fn sarif_rule_descriptions_are_the_summaries_termlint_rules_lists() {
    let rules = run_in(root(), &["rules"], b"");
    let out = run_in(
        root(),
        &["check", ARTICLE, "-g", GLOSSARY, "--format", "sarif"],
        b"",
    );
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let table = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let listed: Vec<(String, String)> = text(&rules.stdout)
        .lines()
        .map(|l| {
            let mut parts = l.split_whitespace();
            let id = parts.next().unwrap().to_string();
            let _default = parts.next();
            (id, parts.collect::<Vec<_>>().join(" "))
        })
        .collect();
    assert!(!listed.is_empty());
    for (id, summary) in &listed {
        let rule = table.iter().find(|r| r["id"] == id.as_str()).unwrap();
        let description = rule["shortDescription"]["text"].as_str().unwrap();
        assert_eq!(
            description.to_lowercase(),
            format!("{}.", summary.to_lowercase()),
            "{id}"
        );
    }
}
