//! Source-aware checking (#13): a target checked against the text it renders, through the
//! CLI (`--source`, `--bitext`, `--all-changes`).
//!
//! The same-language sentences are paraphrased by hand from the seed story; the Chinese
//! sentences are written for these tests.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn glossary_g() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/glossaries/fentanyl-policy.toml")
        .display()
        .to_string()
}

/// Runs termlint in `dir`.
fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_termlint"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Each finding as `rule 'text' -> 'first suggestion'`, from JSON Lines.
fn findings(o: &Output) -> Vec<String> {
    stdout(o)
        .lines()
        .map(|line| {
            let f: serde_json::Value = serde_json::from_str(line).unwrap();
            format!(
                "{} '{}' -> '{}'",
                f["rule"].as_str().unwrap(),
                f["text"].as_str().unwrap(),
                f["suggestions"][0].as_str().unwrap_or("")
            )
        })
        .collect()
}

/// The findings (as [`findings`] gives them) of `spun` checked against `original`, in a
/// fresh folder with glossary `glossary` (its file name, and its text).
fn paraphrase_findings(glossary: (&str, &str), original: &str, spun: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(glossary.0), glossary.1).unwrap();
    fs::write(dir.path().join("original.txt"), original).unwrap();
    fs::write(dir.path().join("spun.txt"), spun).unwrap();
    let o = run(
        dir.path(),
        &[
            "check",
            "spun.txt",
            "--source",
            "original.txt",
            "-g",
            glossary.0,
            "--format",
            "jsonl",
        ],
    );
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    findings(&o)
}

/// The findings (as [`findings`] gives them) of translation `target` checked against
/// `source` (Chinese), with the TSV glossary `glossary`.
fn translation_findings(glossary: &str, source: &str, target: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("g.tsv"), glossary).unwrap();
    fs::write(dir.path().join("zh.txt"), source).unwrap();
    fs::write(dir.path().join("en.txt"), target).unwrap();
    let o = run(
        dir.path(),
        &[
            "check", "en.txt", "--source", "zh.txt", "-g", "g.tsv", "--format", "jsonl",
        ],
    );
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    findings(&o)
}

/// Line `n` (from 1) of `corpus/eval/paraphrase/NAME.SIDE.txt`, with its line end.
fn line_of_set(name: &str, side: &str, n: usize) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/eval/paraphrase");
    let text = fs::read_to_string(dir.join(format!("{name}.{side}.txt"))).unwrap();
    format!("{}\n", text.lines().nth(n - 1).unwrap())
}

/// The findings (as [`paraphrase_findings`] gives them) of line `n` of paraphrase set `name`
/// checked against the same line of its original.
fn findings_on_line_of_set(glossary: (&str, &str), name: &str, n: usize) -> Vec<String> {
    paraphrase_findings(
        glossary,
        &line_of_set(name, "original", n),
        &line_of_set(name, "spun", n),
    )
}

const ORIGINAL: &str = "\
Washington says Chinese chemical makers supply most of the precursor chemicals that drug cartels use to make synthetic opioids.
China has long defended its tough drug laws and its record of cracking down on smugglers.
Liu Pengyu, spokesman for the Chinese Embassy in Washington, told Reuters the problem must be solved by the United States itself.
";

const PARAPHRASE: &str = "\
Washington says Chinese chemical makers supply most of the pioneer chemicals that drug cartels use to make synthetic opioids.
China has long defended its difficult drug laws and its record of cracking down on smugglers.
Liu Pengyu, representative for the Chinese Consulate in Washington, told Reuters the problem must be solved by the United States itself.
";

fn same_language(dir: &Path) {
    fs::write(dir.join("original.txt"), ORIGINAL).unwrap();
    fs::write(dir.join("paraphrase.txt"), PARAPHRASE).unwrap();
}

#[test]
fn a_paraphrase_checked_against_its_original_reports_every_replaced_term() {
    let dir = tempfile::tempdir().unwrap();
    same_language(dir.path());
    let g = glossary_g();
    let args = [
        "check",
        "paraphrase.txt",
        "--source",
        "original.txt",
        "-g",
        &g,
        "--format",
        "jsonl",
    ];
    let o = run(dir.path(), &args);
    assert_eq!(
        findings(&o),
        [
            "source.changed-term 'pioneer' -> 'precursor'",
            "source.changed-term 'difficult' -> 'tough'",
            "source.changed-term 'Consulate' -> 'Embassy'",
        ],
        "{}",
        stderr(&o)
    );
    // --all-changes also shows the other replaced word, as info.
    let o = run(dir.path(), &[&args[..], &["--all-changes"]].concat());
    assert!(
        findings(&o).contains(&"source.changed-word 'representative' -> 'spokesman'".to_string()),
        "{:?}",
        findings(&o)
    );
}

#[test]
fn an_original_names_terms_in_other_forms_than_the_glossarys() {
    // A desk glossary lists "precursor chemical", "scheduling" and "Joe Biden"; the original
    // says "precursors", "schedule" and "Biden".
    let dir = tempfile::tempdir().unwrap();
    let glossary = "term\tkind\tnote\n\
        precursor chemical\tterm\tchemical used to make a drug\n\
        scheduling\tterm\tplacing a substance under legal control\n\
        Joe Biden\tname\tformer US President\n\
        Donald Trump\tname\tUS President\n";
    fs::write(dir.path().join("desk.tsv"), glossary).unwrap();
    fs::write(
        dir.path().join("original.txt"),
        "Biden said China agreed to schedule two precursors.\n\
         Trump played his trump card.\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("paraphrase.txt"),
        "Byton said China agreed to arrange two pioneers.\n\
         Trump played his best card.\n",
    )
    .unwrap();
    let args = [
        "check",
        "paraphrase.txt",
        "--source",
        "original.txt",
        "-g",
        "desk.tsv",
        "--format",
        "jsonl",
    ];
    let o = run(dir.path(), &args);
    assert_eq!(
        findings(&o),
        [
            "source.changed-term 'Byton' -> 'Biden'",
            "source.changed-term 'arrange' -> 'schedule'",
            "source.changed-term 'pioneers' -> 'precursors'",
        ],
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_paraphrase_merged_into_other_lines_is_aligned_word_by_word() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("original.txt"), ORIGINAL).unwrap();
    fs::write(
        dir.path().join("paraphrase.txt"),
        PARAPHRASE.replacen(".\nChina", ". China", 1),
    )
    .unwrap();
    let g = glossary_g();
    let o = run(
        dir.path(),
        &[
            "check",
            "paraphrase.txt",
            "--source",
            "original.txt",
            "-g",
            &g,
            "--format",
            "jsonl",
        ],
    );
    assert_eq!(findings(&o).len(), 3, "{:?}", findings(&o));
    assert!(
        findings(&o)
            .iter()
            .all(|f| f.starts_with("source.changed-term"))
    );
}

#[test]
fn a_text_checked_against_itself_raises_no_source_aware_finding() {
    let dir = tempfile::tempdir().unwrap();
    same_language(dir.path());
    let g = glossary_g();
    for text in ["original.txt", "paraphrase.txt"] {
        let o = run(
            dir.path(),
            &[
                "check",
                text,
                "--source",
                text,
                "-g",
                &g,
                "--format",
                "jsonl",
                "--all-changes",
            ],
        );
        assert_eq!(findings(&o), Vec::<String>::new(), "{text}: {}", stderr(&o));
        assert_eq!(o.status.code(), Some(0));
    }
}

#[test]
fn fix_write_restores_the_originals_terms_and_keeps_every_other_byte() {
    let dir = tempfile::tempdir().unwrap();
    same_language(dir.path());
    let g = glossary_g();
    let o = run(
        dir.path(),
        &[
            "fix",
            "--write",
            "--unsafe-fixes",
            "paraphrase.txt",
            "--source",
            "original.txt",
            "-g",
            &g,
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let fixed = fs::read_to_string(dir.path().join("paraphrase.txt")).unwrap();
    assert_eq!(
        fixed,
        ORIGINAL.replace("spokesman for", "representative for"),
        "only the replaced terms change"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("original.txt")).unwrap(),
        ORIGINAL
    );
}

#[test]
fn a_name_whose_words_a_spinner_reordered_is_restored_whole() {
    // The words of a title moved inside it: deleted after, inserted before (or the other
    // way); the finding covers the reordered name and restores the original's order.
    let glossary = (
        "g.tsv",
        "term\tkind\nNational Security and Intelligence Advisor\tname\nOperation Southern Spear\tname\n",
    );
    let original = "He met the National Security and Intelligence Advisor Ramzi Nashef.\n\
                    For example, Operation Southern Spear in the Caribbean worked.\n";
    let spun = "He met the Advisor for National Security and Intelligence Ramzi Nashef.\n\
                For instance, Southern Spear Operation in the Caribbean worked.\n";
    assert_eq!(
        paraphrase_findings(glossary, original, spun),
        [
            "source.changed-term 'Advisor for National Security and Intelligence' -> \
             'National Security and Intelligence Advisor'",
            "source.changed-term 'Southern Spear Operation' -> 'Operation Southern Spear'",
        ]
    );
}

#[test]
fn a_term_garbled_in_a_restructured_sentence_is_reported_where_it_went() {
    // The rewriter moved the clause naming the term to the end and garbled the name there:
    // the finding is on "Bidden", not on the words that took the clause's old place.
    let glossary = ("g.tsv", "term\taccepted\nJoe Biden\tBiden\n");
    let original = "President Biden emphasized that the two countries are in competition, \
                    noting that America would invest at home and align with its allies.\n";
    let spun = "Noting that America would keep investing at home and would align itself with \
                its allies, President Bidden stressed that the two countries are competitors.\n";
    assert_eq!(
        paraphrase_findings(glossary, original, spun),
        ["source.changed-term 'Bidden' -> 'Biden'"]
    );
}

#[test]
fn a_term_garbled_in_a_sentence_the_spinner_moved_is_replaced_not_left_out() {
    // The spinner swapped the paragraph's two sentences and garbled "precursors" in the one
    // it moved: the word diff takes that sentence out at the end and puts it back at the
    // start. Aligned with itself, the moved sentence gives the garble, and the kept words
    // around the old place ("synthetic drugs") are no finding.
    let glossary = (
        "g.tsv",
        "term\tkind\nprecursor\tterm\nsynthetic drug\tterm\n",
    );
    let original = "Today President Biden met his national and homeland security leadership to \
                    ensure that his administration drives progress against illicit fentanyl and \
                    to discuss the global crisis posed by synthetic drugs. The team discussed \
                    commitments to crack down on the precursors and trafficking of fentanyl.\n";
    let spun = "The team talked about commitments to crack down on the forerunners and \
                trafficking of fentanyl. Today President Biden met his national and homeland \
                security leadership to ensure that his administration drives progress against \
                illicit fentanyl and to discuss the global crisis posed by synthetic drugs.\n";
    assert_eq!(
        paraphrase_findings(glossary, original, spun),
        ["source.changed-term 'forerunners' -> 'precursors'"]
    );
}

#[test]
fn a_clause_moved_to_the_front_keeps_no_stray_word_at_its_old_place() {
    // The diff keeps "the" of "by the PRC" against "the" of "in the right direction": the
    // moved clause is still one stretch, and "right direction" is no changed "PRC".
    let glossary = (
        "g.tsv",
        "term\tkind\nPRC\torg\nBiden\tname\nCounternarcotics Working Group\torg\n",
    );
    // The statement of corpus/eval/paraphrase/prc-scheduling.
    let original = "The People’s Republic of China (PRC) announced that they will begin scheduling three \
                    essential precursor chemicals used to manufacture illicit fentanyl, thereby subjecting \
                    these chemicals to additional regulation and control – a valuable step forward. This \
                    marks the third significant scheduling action by the PRC since President Biden met with \
                    President Xi and resumed bilateral counternarcotics cooperation with the PRC in \
                    November, 2023. This action follows last week’s senior official Counternarcotics Working \
                    Group meeting between the United States and the PRC, where the two countries discussed \
                    key initiatives, including ways to increase law enforcement cooperation, disrupt the \
                    illicit financing of transnational criminal organizations, and accelerate the scheduling \
                    of precursor chemicals.\n";
    let spun = "The Individuals’ Republic of China (PRC) declared that they will start arranging three \
                fundamental precursor chemicals used to fabricate illicit fentanyl, in this manner \
                subjecting these synthetic substances to extra guideline and control – an important step \
                in the right direction. Since President Byden met with Leader Xi and continued two-sided \
                counternarcotics collaboration with the RPC in November, 2023, this denotes the third \
                critical scheduling action by the PRC. This activity follows last week’s high-ranking \
                official Counternarcotics Working Gathering meeting between the US and the PRC. There \
                the two nations examined key drives, including ways of expanding regulation \
                implementation collaboration, disturb the unlawful funding of transnational criminal \
                organizations, and speed up the scheduling of antecedent chemicals.\n";
    assert_eq!(
        paraphrase_findings(glossary, original, spun),
        [
            "source.changed-term 'Byden' -> 'Biden'",
            "source.changed-term 'RPC' -> 'PRC'",
            "source.changed-term 'Gathering' -> 'Group'",
        ]
    );
}

#[test]
fn words_a_rewriter_moved_around_a_term_are_not_its_rendering() {
    // A synonym beside a clause that moved is read where it stands; words moved in after a
    // garbled term are not part of it; a clause split in two places is paired twice, so a
    // term it kept intact is no garble.
    let glossary = (
        "g.tsv",
        "term\taccepted\tkind\nDepartment of War\t\torg\nSecretary of the Treasury\t\tterm\n\
         HALT Fentanyl Act\t\tname\nfentanyl\t\tchem\nWMD\t\tterm\nIEEPA\t\tname\n",
    );
    // The last two lines: corpus/eval/paraphrase/eo-tariffs and fentanyl-wmd.
    let original = "The Order directs the Secretary of War and the Attorney General to decide whether \
                    the Department of War should lend resources to the Department of Justice in an \
                    emergency.\n\
                    The Order directs the Secretary of State and the Secretary of the Treasury to \
                    pursue actions against relevant assets.\n\
                    ADDRESSING AN EMERGENCY SITUATION: The extraordinary threat posed by illegal aliens \
                    and drugs, including deadly fentanyl, constitutes a national emergency under the \
                    International Emergency Economic Powers Act (IEEPA).\n\
                    - President Trump signed the HALT Fentanyl Act into law—permanently classifying \
                    fentanyl-related substances as a Schedule I drug under the Controlled Substances \
                    Act. He is now taking the fight to the next level by designating illicit fentanyl \
                    as a WMD to stop the cartels and protect American families.\n";
    let spun = "Whether the Division of War should lend resources to the Department of Justice in an \
                emergency is for the Secretary of War and the Attorney General to decide, the Order \
                directs.\n\
                The Secretary of State and the Secretary of the Depository are directed by the Order \
                to take actions against pertinent assets.\n\
                TACKLING AN EMERGENCY SITUATION: Under the Worldwide Emergency Economic Powers Act \
                (IEPEA), the remarkable danger presented by illegal aliens and drugs, deadly fentanyl \
                among them, amounts to a national emergency.\n\
                - By designating illicit fentanyl as a WMD to halt the cartels and shield American \
                families, President Trump is now taking the fight to the next level, having signed \
                the HALT Fentanil Act into law—permanently classifying fentanyl-related substances as \
                a Timetable I drug under the Controlled Substances Act.\n";
    assert_eq!(
        paraphrase_findings(glossary, original, spun),
        [
            "source.changed-term 'Division' -> 'Department'",
            "source.changed-term 'Depository' -> 'Treasury'",
            "source.changed-term 'IEPEA' -> 'IEEPA'",
            "source.changed-term 'Fentanil' -> 'Fentanyl'",
        ]
    );
}

#[test]
fn a_changed_term_is_restored_within_its_own_sentence() {
    // corpus/eval/paraphrase/border-seizure and ofac-network: the spinner dropped the next
    // sentence's first words ("NPP. Officials said the" -> "NNP. The"), or rewrote the next
    // sentence whole after a garbled term word. The diff runs on into that sentence; the fix
    // restores the term's words, not the next sentence's.
    let glossary = (
        "g.tsv",
        "term\taccepted\tkind\nN-phenethyl-4-piperidone\tNPP\tchem\n\
         money laundering\ttrade-based money laundering\tterm\n",
    );
    let original = "Traffickers turned to them to get around earlier controls on \
        N-phenethyl-4-piperidone, or NPP. Officials said the cartel now makes most of the supply.\n\
        He arranged for cash to flow back through trade-based money laundering. Any property \
        they hold is now blocked, and Americans are barred from doing business with them.\n";
    let spun = "Traffickers turned to them to circumvent earlier controls on \
        N-phenethyl-4-piperidone, or NNP. The cartel now makes most of the supply.\n\
        He organized for money to stream back through trade-based money washing. Americans are \
        prohibited from doing business with them, and any property they hold is now frozen.\n";
    assert_eq!(
        paraphrase_findings(glossary, original, spun),
        [
            "source.changed-term 'NNP' -> 'NPP'",
            "source.changed-term 'washing' -> 'laundering'",
        ]
    );
}

#[test]
fn a_term_swapped_for_synonyms_in_a_rewritten_clause_is_fixed_on_those_words() {
    // corpus/eval/paraphrase/port-vancouver (lines 1, 4) and pill-press-raid (line 3): a
    // clause turned passive ran the hunk of "precursor chemicals" on over "have been
    // confiscated"; a reordered clause left "pill press" with nothing in its place, its
    // synonyms "tablet push" further on; the diff kept "Squad" as the later "the squad",
    // so "Distraction Squad" stood for "Diversion" alone.
    let glossary = (
        "g.csv",
        "term,kind\nprecursor chemical,term\npill press,term\nTactical Diversion Squad,org\n",
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/eval/paraphrase");
    let line = |name: &str, n: usize| {
        let text = fs::read_to_string(dir.join(name)).unwrap();
        text.lines().nth(n - 1).unwrap().to_string()
    };
    let both = |side: &str| {
        format!(
            "{}\n{}\n{}\n",
            line(&format!("port-vancouver.{side}.txt"), 1),
            line(&format!("port-vancouver.{side}.txt"), 4),
            line(&format!("pill-press-raid.{side}.txt"), 3)
        )
    };
    assert_eq!(
        paraphrase_findings(glossary, &both("original"), &both("spun")),
        [
            "source.changed-term 'forerunner synthetics' -> 'precursor chemicals'",
            "source.changed-term 'tablet push' -> 'pill press'",
            "source.changed-term 'Distraction Squad' -> 'Diversion Squad'",
        ]
    );
}

#[test]
fn a_term_replaced_by_another_correct_form_of_its_entry_is_no_garble() {
    // corpus/eval/paraphrase/ofac-laundering (line 3): a round trip through Spanish wrote
    // "the Department of the Treasury of the U.S." for "The U.S. Treasury Department's"; the
    // diff cut "of the Treasury" out of the accepted "Department of the Treasury".
    let glossary = (
        "g.tsv",
        "term\taccepted\nTreasury Department\tDepartment of the Treasury|U.S. Treasury\n",
    );
    let original = "The U.S. Treasury Department's sanctions office acted on Tuesday.\n";
    let spun =
        "The sanctions office of the Department of the Treasury of the U.S. acted on Tuesday.\n";
    assert_eq!(
        paraphrase_findings(glossary, original, spun),
        Vec::<String>::new()
    );
}

#[test]
fn an_organisations_head_noun_opening_a_sentence_does_not_name_it() {
    // corpus/eval/paraphrase/mundra-seizure (line 4): "Laboratory tests at the Central
    // Revenues Control Laboratory" opens with a common noun, capitalised as every sentence
    // is; a thesaurus spinner turned the clauses around, and "Laboratory" was reported as
    // left out ("back").
    let glossary = (
        "g.csv",
        "term,accepted,kind\nCentral Revenues Control Laboratory,CRCL,org\n",
    );
    // The line's garbled chemical, which this glossary does not list, is reported respelled.
    assert_eq!(
        findings_on_line_of_set(glossary, "mundra-seizure", 4),
        ["source.respelled-word 'hydrochlorine' -> 'hydrochloride'"]
    );
}

#[test]
fn a_word_written_as_two_beside_a_changed_term_is_not_part_of_its_fix() {
    // corpus/eval/paraphrase/world-drug-report (line 6): "cannot schedule chemicals" ->
    // "can not arrange chemicals"; the fix restores "schedule" alone.
    let glossary = (
        "g.csv",
        "term,kind,note\nschedule,term,to place a substance under control\n",
    );
    assert_eq!(
        findings_on_line_of_set(glossary, "world-drug-report", 6),
        ["source.changed-term 'arrange' -> 'schedule'"]
    );
}

#[test]
fn a_garbled_name_in_a_clause_rewritten_around_it_is_fixed_on_the_name() {
    // corpus/eval/paraphrase/nogales-pills (line 4) and cartel-listing (line 2): a clause
    // turned passive ("the case was assumed by Homeland Security Examinations"), and a name
    // whose last word became a synonym before a comma ("Royal Canadian Mounted
    // Constabulary, was additionally appointed").
    let glossary = (
        "g.csv",
        "term,kind\nHomeland Security Investigations,org\nRoyal Canadian Mounted Police,org\n",
    );
    let both = |side: &str| {
        line_of_set("nogales-pills", side, 4) + &line_of_set("cartel-listing", side, 2)
    };
    assert_eq!(
        paraphrase_findings(glossary, &both("original"), &both("spun")),
        [
            "source.changed-term 'Homeland Security Examinations' -> 'Homeland Security Investigations'",
            // A name this glossary does not list, respelled.
            "source.respelled-word 'Brousseau' -> 'Brosseau'",
            "source.changed-term 'Constabulary' -> 'Police'",
        ]
    );
}

#[test]
fn a_name_replaced_by_its_own_head_noun_is_a_second_reference() {
    // corpus/eval/paraphrase/nitazene-operation (line 9): "the EUDA's Executive Director"
    // -> "the agency's": the European Union Drugs Agency named by its head noun, as a
    // second reference does. A garbled abbreviation is still reported.
    let glossary = (
        "g.toml",
        "[[entry]]\nterm = \"European Union Drugs Agency\"\naccepted = [\"EUDA\"]\nkind = \"org\"\n",
    );
    let original = "Alexis Goosdeel, the EUDA's Executive Director, spoke.\n\
                    The EUDA published its report.\n";
    let spun = "Alexis Goosdeel, the agency's Executive Director, spoke.\n\
                The EUAD published its report.\n";
    assert_eq!(
        paraphrase_findings(glossary, original, spun),
        ["source.changed-term 'EUAD' -> 'EUDA'"]
    );
}

#[test]
fn a_term_garbled_in_a_reordered_list_or_a_clause_turned_passive_is_fixed_alone() {
    // corpus/eval/paraphrase/nitazene-controls (line 3) and sentencing-debate (line 4): the
    // list's order changed, so the diff set "protonitazene" against "isotonitazepine"; a
    // clause turned passive put "first imposed" before the kept "the Drug Enforcement", so
    // the hunk of "Administration" ran on over the rest of the clause.
    let glossary = (
        "g.tsv",
        "term\tkind\nisotonitazene\tchem\nprotonitazene\tchem\nmetonitazene\tchem\n\
         Drug Enforcement Administration\torg\n",
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/eval/paraphrase");
    let line = |name: &str, n: usize| {
        let text = fs::read_to_string(dir.join(name)).unwrap();
        text.lines().nth(n - 1).unwrap().to_string()
    };
    let original = format!(
        "{}\n{}\n",
        line("nitazene-controls.original.txt", 3),
        line("sentencing-debate.original.txt", 4)
    );
    let spun = format!(
        "{}\n{}\n",
        line("nitazene-controls.spun.txt", 3),
        line("sentencing-debate.spun.txt", 4)
    );
    assert_eq!(
        paraphrase_findings(glossary, &original, &spun),
        [
            "glossary.near-miss 'protonitazone' -> 'protonitazene'",
            "source.changed-term 'isotonitazepine' -> 'isotonitazene'",
            "source.changed-term 'Agency' -> 'Administration'",
        ]
    );
}

#[test]
fn a_term_turned_around_is_restored_whole() {
    // corpus/eval/paraphrase/precursor-indictment: a round trip through another language
    // turned the law's name around; the diff kept "Controlled Substances" and took out
    // "Act" alone (which was reported as left out, on the next word).
    let glossary = (
        "g.toml",
        "[[entry]]\nterm = \"Controlled Substances Act\"\nkind = \"name\"\n",
    );
    assert_eq!(
        paraphrase_findings(
            glossary,
            "All of them are controlled under the Controlled Substances Act and can be turned into fentanyl.\n",
            "All of them are controlled by the Law on Controlled Substances and can be turned into fentanyl.\n",
        ),
        ["source.changed-term 'Law on Controlled Substances' -> 'Controlled Substances Act'"]
    );
}

#[test]
fn a_term_garbled_before_a_clause_that_moved_is_a_replacement_where_it_stands() {
    // corpus/eval/paraphrase/ofac-network: "... financial intelligence. Today's action goes
    // after both ends ..." -> "... financial insight. Both ends ... are pursued by today's
    // action." The run taken out ("intelligence. Today's action goes after") was paired with
    // the one put in at the end; its first word was replaced where it stood.
    let glossary = (
        "g.tsv",
        "term\tkind\nunder secretary for terrorism and financial intelligence\tterm\n",
    );
    let original = "\"Brokers supply the chemicals,\" said Marisol Whitaker, Treasury's under \
        secretary for terrorism and financial intelligence. \"Today's action goes after both \
        ends of that supply chain.\"\n";
    let spun = "\"Brokers supply the chemicals,\" said Marisol Whitaker, Treasury's under \
        secretary for terrorism and financial insight. \"Both ends of that supply chain are \
        pursued by today's action.\"\n";
    assert_eq!(
        paraphrase_findings(glossary, original, spun),
        ["source.changed-term 'insight' -> 'intelligence'"]
    );
}

#[test]
fn a_name_rendered_with_other_words_is_replaced_whole() {
    // corpus/eval/translation-weather: the words like the term were part of a longer name
    // ("China Meteorological Bureau", "Scientific and Technological Committee"), or of a run
    // holding an accepted form ("Meteorological Law" of "... of the People's Republic of
    // China"): replacing the like words alone would leave the rest beside the term.
    let glossary = "term\tsource\taccepted\n\
        China Meteorological Administration\t中国气象局\t\n\
        Science and Technology Committee\t科学技术委员会\t\n\
        Meteorology Law of the People's Republic of China\t中华人民共和国气象法\tMeteorology Law\n";
    let source = "2027年，中国气象局将以气象高质量发展为主线。\n\
        科学技术委员会审议通过了方案。\n\
        各地开展《中华人民共和国气象法》宣传活动。\n";
    let target = "In 2027, the China Meteorological Bureau will take development as its main thread.\n\
        The Scientific and Technological Committee reviewed and adopted the plan.\n\
        Localities publicised the Meteorological Law of the People's Republic of China.\n";
    assert_eq!(
        translation_findings(glossary, source, target),
        [
            "source.missing-term 'China Meteorological Bureau' -> 'China Meteorological Administration'",
            "source.missing-term 'Scientific and Technological Committee' -> 'Science and Technology Committee'",
            "source.missing-term 'Meteorological Law of the People's Republic of China' -> 'Meteorology Law of the People's Republic of China'",
        ]
    );
}

#[test]
fn a_word_respelled_into_no_known_word_is_reported_glossary_or_not() {
    // The desk lists no "Ospina Rozo": a rewriter swaps words, it does not respell names.
    // British for American spelling, a plural, a contraction and a synonym are no garbles.
    let glossary = ("g.tsv", "term\nprecursor chemicals\n");
    assert_eq!(
        paraphrase_findings(
            glossary,
            "\"The chain breaks,\" said General Julián Ospina Rozo, who wouldn't name the organization's labs.\n",
            "\"The chain breaks,\" said General Julián Ospina Roso, who would not name the organisation's laboratories.\n",
        ),
        ["source.respelled-word 'Roso' -> 'Rozo'"]
    );
}

#[test]
fn a_term_swapped_word_for_word_takes_the_head_said_again_after_it() {
    // "compounds" says the head "chemicals" again: the swap is the whole noun phrase. After a
    // name, a lower-case word is the clause's, not the name's ("Office operatives").
    let glossary = (
        "g.tsv",
        "term\nprecursor chemicals\nPhilippine Drug Enforcement Agency\n",
    );
    assert_eq!(
        paraphrase_findings(
            glossary,
            "Prosecutors said five people were charged with illicit trafficking of precursor chemicals. A judge ordered them held.\n",
            "Five individuals were accused of illegal trafficking of forerunner synthetic compounds, prosecutors said. A judge ordered them held.\n",
        ),
        ["source.changed-term 'forerunner synthetic compounds' -> 'precursor chemicals'"]
    );
    assert_eq!(
        paraphrase_findings(
            glossary,
            "Philippine Drug Enforcement Agency agents seized the drugs.\n",
            "Philippine Drug Enforcement Office operatives seized the drugs.\n",
        ),
        ["source.changed-term 'Office' -> 'Agency'"]
    );
}

#[test]
fn a_term_named_only_inside_a_longer_rendered_term_lacks_nowhere() {
    // 档案局 (an archives bureau) stands inside 国家档案局, rendered as its own term: the
    // national administration, no bureau, is meant. A provincial 档案局 is a bureau; and
    // where the longer term is not rendered, the shorter one's absence is still reported.
    let glossary = "term\tsource\n\
        archives bureau\t档案局\n\
        National Archives Administration\t国家档案局\n";
    let source = "国家档案局加强档案执法检查。\n\
        国家档案局和省档案局联合开展检查。\n\
        国家档案局开展检查。\n";
    let target = "The National Archives Administration strengthened enforcement inspections.\n\
        The National Archives Administration and the provincial archives office inspected jointly.\n\
        The State Archives Office carried out inspections.\n";
    let found = translation_findings(glossary, source, target);
    assert!(
        found
            .iter()
            .any(|f| f.contains("'archives office' -> 'archives bureau'")),
        "{found:?}"
    );
    assert_eq!(
        found
            .iter()
            .filter(|f| f.contains("-> 'archives bureau'"))
            .count(),
        1,
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.contains("-> 'National Archives Administration'")),
        "{found:?}"
    );
}

#[test]
fn in_a_paragraph_whose_sentences_were_rotated_no_term_is_put_on_a_moved_clause() {
    // corpus/eval/paraphrase/senior-officials: the paragraph's three sentences rotated. The
    // diff put a moved run's insertion inside "Tiffany Eppelheimer" and "... Advisor": the
    // words that replace a term stand beside its kept words, not across the paragraph.
    // The run taken out at the paragraph's start began with words replaced where they
    // stood ("Advisor Jennifer Daskal" -> "Counselor Jennifer Daskel"): aligned there, they
    // keep "Jennifer". And a garbled word is not narrowed to a piece of a hyphened word ("counter-drugs").
    let glossary = (
        "g.tsv",
        "term\tkind\nJennifer Daskal\tname\nSarah Beran\tname\nTiffany Eppelheimer\tname\n\
         PRC\torg\nDepartment of Homeland Security\torg\ncounternarcotics\tterm\n",
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/eval/paraphrase");
    let third = |name: &str| {
        let text = fs::read_to_string(dir.join(name)).unwrap();
        text.lines().nth(2).unwrap().to_string()
    };
    let original = format!(
        "{}\nFor years, bilateral cooperation on counternarcotics has been suspended.\n",
        third("senior-officials.original.txt")
    );
    let spun = format!(
        "{}\nFor years, bilateral cooperation on counter-drugs has been put on hold.\n",
        third("senior-officials.spun.txt")
    );
    assert_eq!(
        paraphrase_findings(glossary, &original, &spun),
        [
            "source.changed-term 'Berran' -> 'Beran'",
            "glossary.near-miss 'Tiffany Epplehiemer' -> 'Tiffany Eppelheimer'",
            "source.changed-term 'Daskel' -> 'Daskal'",
            "source.changed-term 'Branch' -> 'Department'",
            "source.changed-term 'PCR' -> 'PRC'",
            "source.changed-term 'counter-drugs' -> 'counternarcotics'",
        ]
    );
}

#[test]
fn a_term_in_a_clause_turned_around_is_neither_put_on_a_function_word_nor_on_the_clause() {
    // corpus/eval/paraphrase/coalition-launch: "Synthetic drugs like fentanyl are a deadly
    // scourge to Americans" -> "For Americans ..., man-made medications such as fentenyl are
    // a lethal plague": the term is not "For"; "President Biden has focused intensely on
    // combatting the opioid crisis" -> "Combating the opioid emergency has been an intense
    // focus of President Bidan": the words moved in after "emergency", its name garbled on
    // the way, are not the term's.
    let glossary = (
        "g.tsv",
        "term\tkind\nsynthetic drugs\tterm\nopioid crisis\tterm\nBiden\tname\n",
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/eval/paraphrase");
    let first = |name: &str| {
        let text = fs::read_to_string(dir.join(name)).unwrap();
        format!("{}\n", text.lines().next().unwrap())
    };
    assert_eq!(
        paraphrase_findings(
            glossary,
            &first("coalition-launch.original.txt"),
            &first("coalition-launch.spun.txt")
        ),
        [
            "glossary.derived 'man-made medications' -> 'synthetic drugs'",
            "source.changed-term 'emergency' -> 'crisis'",
            "source.changed-term 'Bidan' -> 'Biden'",
        ]
    );
}

#[test]
fn a_name_garbled_in_a_clause_turned_passive_is_restored_alone() {
    // "Trump signed an Executive Order" -> "an Executive Order ... was signed by ... Tromp":
    // only the name was garbled, so only it is restored. "CBP may require" -> "may be
    // required by CPB": the abbreviation left its place with its letters swapped.
    let glossary = (
        "g.tsv",
        "term\taccepted\tkind\nTrump\tDonald J. Trump\tname\nCustoms and Border Protection\tCBP\torg\n",
    );
    let original = "Today, President Donald J. Trump signed an Executive Order ending the \
                    duty-free treatment of low-value imports.\n\
                    - CBP may require formal entry for any postal package.\n";
    let spun = "Today, an Executive Order ending the duty-free treatment of low-value imports \
                was signed by President Donald J. Tromp.\n\
                - Formal entry may be required by CPB for any postal package.\n";
    assert_eq!(
        paraphrase_findings(glossary, original, spun),
        [
            "source.changed-term 'Tromp' -> 'Trump'",
            "source.changed-term 'CPB' -> 'CBP'",
        ]
    );
}

#[test]
fn a_spinners_word_for_word_swaps_restore_only_the_terms_words() {
    // Typeset text (curly apostrophes), a keyboard glossary; "schedule an increasing" became
    // "timetable a growing" word for word, and the plural possessive "Persons’" took the
    // place of "People’s".
    let dir = tempfile::tempdir().unwrap();
    let original = "The People\u{2019}s Republic of China agreed to schedule an increasing number of chemicals.\n";
    let spun = "The Persons\u{2019} Republic of China agreed to timetable a growing number of chemicals.\n";
    fs::write(dir.path().join("original.txt"), original).unwrap();
    fs::write(dir.path().join("spun.txt"), spun).unwrap();
    fs::write(
        dir.path().join("g.tsv"),
        "term\tkind\nPeople's Republic of China\torg\nschedule\tterm\n",
    )
    .unwrap();
    let args = ["--source", "original.txt", "-g", "g.tsv"];
    let check = [&["check", "spun.txt", "--format", "jsonl"][..], &args].concat();
    assert_eq!(
        findings(&run(dir.path(), &check)),
        [
            "source.changed-term 'Persons\u{2019}' -> 'People\u{2019}s'",
            "source.changed-term 'timetable' -> 'schedule'",
        ]
    );
    let fix = [&["fix", "--write", "--unsafe-fixes", "spun.txt"][..], &args].concat();
    let o = run(dir.path(), &fix);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(dir.path().join("spun.txt")).unwrap(),
        original.replace("an increasing", "a growing"),
        "the terms restored, the harmless swap kept, no apostrophe doubled"
    );
}

#[test]
fn nested_terms_in_one_swapped_run_are_one_finding() {
    // "counternarcotics" and "counternarcotics talks" both name the replaced words: the
    // longer term reports them, once.
    let found = paraphrase_findings(
        ("g.tsv", "term\ncounternarcotics\ncounternarcotics talks\n"),
        "Asked about counternarcotics talks, officials said little.\n",
        "Asked about consultant negotiations, officials said little.\n",
    );
    assert_eq!(
        found,
        ["source.changed-term 'consultant negotiations' -> 'counternarcotics talks'"]
    );
}

#[test]
fn an_organisation_named_again_by_its_head_noun_is_a_term_of_the_original() {
    let found = paraphrase_findings(
        (
            "g.toml",
            "[[entry]]\nterm = \"Global Coalition to Address Synthetic Drug Threats\"\nkind = \"org\"\n",
        ),
        "Core Coalition countries signed a pledge.\nThey formed a coalition of the willing.\n",
        "Core Collation countries signed a pledge.\nThey formed a collation of the willing.\n",
    );
    // The capitalised head names the organisation; the common noun does not.
    assert_eq!(found, ["source.changed-term 'Collation' -> 'Coalition'"]);
}

#[test]
fn fix_write_never_writes_the_source() {
    let dir = tempfile::tempdir().unwrap();
    same_language(dir.path());
    let g = glossary_g();
    let o = run(
        dir.path(),
        &[
            "fix",
            "--write",
            "original.txt",
            "--source",
            "./original.txt",
            "-g",
            &g,
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is the source (--source)"),
        "{}",
        stderr(&o)
    );
}

const BILINGUAL: &str = "term\tsource\tkind\n\
Exchange Fund\t外匯基金\torg\n\
Hong Kong Monetary Authority\t金管局|香港金融管理局\torg\n";

fn translation(dir: &Path) {
    fs::write(dir.join("g.tsv"), BILINGUAL).unwrap();
    fs::write(
        dir.join("zh.txt"),
        "外匯基金的總資產增加。\n金管局宣布新措施。\n外匯基金表現理想。\n今年天氣很好。\n",
    )
    .unwrap();
    fs::write(
        dir.join("en.txt"),
        "Total assets of the Exchange Fund rose.\nThe HKMA announced new measures.\nPerformance was good.\nThe weather was fine this year.\n",
    )
    .unwrap();
}

#[test]
fn the_source_rules_are_selected_and_ignored_like_the_others() {
    let dir = tempfile::tempdir().unwrap();
    translation(dir.path());
    let check = |extra: &[&str]| {
        let mut args = vec![
            "check", "en.txt", "--source", "zh.txt", "-g", "g.tsv", "--format", "jsonl",
        ];
        args.extend(extra);
        findings(&run(dir.path(), &args))
    };
    assert_eq!(check(&[]).len(), 2);
    assert_eq!(
        check(&["--ignore", "source.missing-term"]),
        Vec::<String>::new()
    );
    assert_eq!(check(&["--ignore", "source"]), Vec::<String>::new());
    assert_eq!(check(&["--select", "glossary"]), Vec::<String>::new());
    assert_eq!(check(&["--select", "source.missing-term"]).len(), 2);
}

#[test]
fn a_translation_missing_a_term_is_located_or_covered_by_its_line() {
    let dir = tempfile::tempdir().unwrap();
    translation(dir.path());
    let o = run(
        dir.path(),
        &[
            "check", "en.txt", "--source", "zh.txt", "-g", "g.tsv", "--format", "jsonl",
        ],
    );
    assert_eq!(
        findings(&o),
        [
            "source.missing-term 'HKMA' -> 'Hong Kong Monetary Authority'",
            "source.missing-term 'Performance was good.' -> 'Exchange Fund'",
        ],
        "{}",
        stderr(&o)
    );
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines[0]["fix"]["edits"][0]["content"],
        "Hong Kong Monetary Authority"
    );
    assert!(lines[1]["fix"].is_null(), "no words to replace: no fix");
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn the_message_quotes_the_source_form_the_segment_has() {
    // The entry lists "金管局" first; this segment says "香港金融管理局".
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("g.tsv"), BILINGUAL).unwrap();
    fs::write(dir.path().join("zh.txt"), "香港金融管理局宣布新措施。\n").unwrap();
    fs::write(
        dir.path().join("en.txt"),
        "The regulator announced new measures.\n",
    )
    .unwrap();
    let o = run(
        dir.path(),
        &[
            "check", "en.txt", "--source", "zh.txt", "-g", "g.tsv", "--format", "jsonl",
        ],
    );
    let f: serde_json::Value = serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    let message = f["message"].as_str().unwrap();
    assert!(
        message.starts_with("the source has '香港金融管理局'"),
        "{message}"
    );
}

#[test]
fn a_translation_in_another_domain_reports_each_term_error_and_no_correct_rendering() {
    // corpus/eval/translation/: a public-health notice, zh->en, written by someone who had
    // not read the code, with a TSV glossary; as plain files and as XLIFF.
    let glossary = ["-g", "glossary.tsv"];
    check_translation_set("corpus/eval/translation", &glossary, "set.xlf", "<unit ");
    // corpus/eval/translation-environment/: environmental rules, by another person, with a
    // TBX glossary; as plain files and as TMX.
    let glossary = ["-g", "glossary.tbx", "--lang", "en", "--source-lang", "zh"];
    check_translation_set(
        "corpus/eval/translation-environment",
        &glossary,
        "set.tmx",
        "<tu ",
    );
    // corpus/eval/translation-railway/: railway operating rules, ja->en, by a third person,
    // with a CSV glossary; as plain files and as XLIFF 1.2.
    let glossary = ["-g", "glossary.csv"];
    let set = "corpus/eval/translation-railway";
    check_translation_set(set, &glossary, "set.xlf", "<trans-unit ");
    // corpus/eval/translation-securities/: a securities regulator's annual report, zh->en,
    // paragraphs, by a fourth person, with a TSV glossary; as plain files and as a TSV bitext
    // (one pair a line: every line opens a unit).
    let glossary = ["-g", "glossary.tsv"];
    let set = "corpus/eval/translation-securities";
    check_translation_set(set, &glossary, "set.tsv", "\t");
    // corpus/eval/translation-pensions/: a pension regulator's annual report, zh->en, by a
    // fifth person, with a TOML glossary; as plain files and as XLIFF 2.0.
    let glossary = ["-g", "glossary.toml"];
    let set = "corpus/eval/translation-pensions";
    check_translation_set(set, &glossary, "set.xlf", "<unit ");
    // corpus/eval/translation-commerce/: a ministry's press conference, zh->en, by a sixth
    // person, with a CSV glossary; as plain files and as a TSV bitext.
    let glossary = ["-g", "glossary.csv"];
    let set = "corpus/eval/translation-commerce";
    check_translation_set(set, &glossary, "set.tsv", "\t");
    // corpus/eval/translation-water/ and translation-aviation/: annual reports, zh->en, long
    // paragraphs whose wrong words also stand elsewhere in other roles, some terms once
    // right and once wrong, by a seventh and an eighth person (CSV and TSV glossaries);
    // with --consistency, which reports the second kind. Water's "Advanced Meter Reading"
    // stands beside its accepted abbreviation "(AMR)": a wrong expansion.
    let glossary = ["-g", "glossary.csv", "--consistency"];
    let set = "corpus/eval/translation-water";
    check_translation_set(set, &glossary, "set.tsv", "\t");
    let glossary = ["-g", "glossary.tsv", "--consistency"];
    let set = "corpus/eval/translation-aviation";
    check_translation_set(set, &glossary, "set.tsv", "\t");
    // corpus/eval/translation-maritime/: a maritime safety administration's report in
    // Simplified Chinese, by a ninth person, TOML glossary. Line 9's "navigational alerts"
    // is reported on the paragraph's "navigational notices" (which render 航行通告).
    let glossary = ["-g", "glossary.toml", "--consistency"];
    let set = "corpus/eval/translation-maritime";
    check_translation_set_missing(set, &glossary, "set.tsv", "\t", &[9]);
    // corpus/eval/translation-patents/: an intellectual property office's report, by a
    // tenth person, TBX glossary with admitted terms. Missed: "priority review" beside the
    // paragraph's "prioritized examination" (line 3), "State Intellectual Property Office"
    // beside "CNIPA" (17), and a term paraphrased away ("the average", 18).
    let tbx_zh_en = tbx_glossary("zh");
    let set = "corpus/eval/translation-patents";
    check_translation_set_missing(set, &tbx_zh_en, "set.tsv", "\t", &[3, 17, 18]);
    // corpus/eval/translation-fisheries/: a Japanese fisheries white paper, ja->en, by an
    // eleventh person, TSV glossary. Missed: three terms the paragraph also has right, their
    // second renderings too unlike the term ("catch quotas", "Marine Area Fishery
    // Coordination Committee", "Fishermen's cooperatives").
    let glossary = ["-g", "glossary.tsv"];
    let set = "corpus/eval/translation-fisheries";
    check_translation_set_missing(set, &glossary, "set.tsv", "\t", &[4, 6, 12]);
    // corpus/eval/translation-health/: a national health commission's report, zh->en, by a
    // twelfth person, CSV glossary, with --consistency. A wrong expansion beside its right
    // abbreviation ("disease-related groups (DRG)", line 4) is one. Missed: "online
    // hospitals" beside the paragraph's "Internet hospitals" (15).
    let glossary = ["-g", "glossary.csv", "--consistency"];
    let set = "corpus/eval/translation-health";
    check_translation_set_missing(set, &glossary, "set.tsv", "\t", &[15]);
    // corpus/eval/translation-weather/: a meteorological administration's report, zh->en,
    // by a thirteenth person, TOML glossary, with --consistency. Missed: "National Weather
    // Centre" in a paragraph that also has "National Meteorological Centre" right (line 2;
    // its other error is reported). "artificially influencing weather" beside the
    // paragraph's "Weather modification" and "Weather Modification Centre" (8) is found: the
    // term inside the centre's name renders the centre, as its source form does.
    let glossary = ["-g", "glossary.toml", "--consistency"];
    let set = "corpus/eval/translation-weather";
    check_translation_set_missing(set, &glossary, "set.tsv", "\t", &[2]);
    // corpus/eval/translation-disaster/: a Japanese disaster-management white paper, ja->en,
    // by a fourteenth person, TSV glossary, with --consistency ("Volunteer fire corps", not
    // "corpses"; "Risk maps" for "hazard map"). Missed: "Japan Weather Agency" beside the
    // paragraph's right "JMA" (line 8); line 10's term left out twice is reported once.
    let glossary = ["-g", "glossary.tsv", "--consistency"];
    let set = "corpus/eval/translation-disaster";
    check_translation_set_missing(set, &glossary, "set.tsv", "\t", &[8, 10]);
    // corpus/eval/translation-customs/: a customs department's report in Traditional
    // Chinese, by a fifteenth person, CSV glossary, with --consistency. A name is plural
    // only where its own head is ("Intellectual Property Investigation Bureau" for "our
    // intellectual property investigators"). Missed: "control stations" for "control
    // point" (line 5) and the wrong abbreviation "ACS" (12).
    let glossary = ["-g", "glossary.csv", "--consistency"];
    let set = "corpus/eval/translation-customs";
    check_translation_set_missing(set, &glossary, "set.tsv", "\t", &[5, 12]);
    // corpus/eval/translation-statistics/: a statistics bureau's report, zh->en, by a
    // sixteenth person, TBX glossary, as plain files and as XLIFF 2.0 with inline <pc> and
    // <ph> around terms and wrong words, with --consistency (which an XLIFF file alone
    // takes: it is its own source). "resident consumption price index" beside the
    // paragraph's "CPI" (line 3), whose source names the term as 居民消费价格指数 and as
    // CPI, is found but fixed on "price index" alone: CC-CEDICT lists the whole source form
    // as one word, so "resident" and "consumption" render nothing the locator knows of.
    let set = "corpus/eval/translation-statistics";
    check_translation_set(set, &tbx_zh_en, "set.xlf", "<unit ");
    // corpus/eval/translation-consumer/: a consumer agency's white paper, ja->en, by a
    // seventeenth person, TOML glossary, as plain files and as TMX with <bpt>/<ept> around
    // wrong words, with --consistency. A rendering holds no auxiliary verb ("consumer living
    // centres", not "... centres are closed").
    let glossary = [
        "-g",
        "glossary.toml",
        "--lang",
        "en",
        "--source-lang",
        "ja",
        "--consistency",
    ];
    let set = "corpus/eval/translation-consumer";
    check_translation_set(set, &glossary, "set.tmx", "<tu ");
    // corpus/eval/translation-education/: a provincial education department's report,
    // zh->en, by a nineteenth person, CSV glossary, with --consistency: most wrong renderings
    // stand beside the term rendered right. Title case keeps "of" and "and" low; a rendering
    // with a head of its own ("safety of school buses") takes its number. Missed: "hidden
    // danger investigation" (line 7) and "teacher certification examination" (13).
    let glossary = ["-g", "glossary.csv", "--consistency"];
    let set = "corpus/eval/translation-education";
    check_translation_set_missing(set, &glossary, "set.tsv", "\t", &[7, 13]);
    // corpus/eval/translation-housing/: a Korean ministry's housing report, ko->en, by a
    // twentieth person, TSV glossary, with --consistency. Korean source forms match at a
    // word's start, particles and all ("주택도시기금을"); without a dictionary the projected
    // position counts for little. Missed: "Haengbok Housing" (romanised, line 3),
    // "Innovation Districts" beside the right term (8), "Korea Housing Finance
    // Corporation" beside the right "HUG" (13), and a term left out (17).
    let glossary = ["-g", "glossary.tsv", "--consistency"];
    let set = "corpus/eval/translation-housing";
    check_translation_set_missing(set, &glossary, "set.tsv", "\t", &[3, 8, 13, 17]);
    // corpus/eval/translation-tax/: a provincial tax service's report, zh->en, by a
    // twenty-second person, TSV glossary, as plain files and as XLIFF 1.2 with <g> and <x/>
    // inline markup. Every error reported on first sight.
    let glossary = ["-g", "glossary.tsv"];
    let set = "corpus/eval/translation-tax";
    check_translation_set(set, &glossary, "set.xlf", "<trans-unit ");
    // corpus/eval/translation-heritage/: a Korean heritage agency's report, ko->en, by a
    // twenty-fourth person, TBX glossary, as plain files and as TMX, with --consistency.
    // A misnamed institution is fixed up to its capitalised words, not over the verb after
    // it; "geophysical penetration radar (GPR)" is a wrong expansion (line 7).
    let glossary = tbx_glossary("ko");
    let set = "corpus/eval/translation-heritage";
    check_translation_set(set, &glossary, "set.tmx", "<tu ");
    // corpus/eval/translation-digital/: a Japanese digital agency's white paper, ja->en, by
    // a twenty-sixth person, TSV glossary, as plain files and as XLIFF 2.0 with <pc> and
    // <ph/>, with --consistency. Three wrong expansions beside their right abbreviations;
    // "basic registry" beside "Base registries" and "address base registry" (line 8).
    // Missed: the Government Cloud left out as "the cloud" (17).
    let glossary = ["-g", "glossary.tsv", "--consistency"];
    let set = "corpus/eval/translation-digital";
    check_translation_set_missing(set, &glossary, "set.xlf", "<unit ", &[17]);
    // corpus/eval/translation-transport/: a Hong Kong transport department's report in
    // Traditional Chinese, by a twenty-eighth person, TOML glossary, with --consistency.
    // Where the target has the term already, another rendering is sought where the source's
    // other mention projects ("Tsing Ma Management Area", line 5). Missed: "Happy Travel
    // Card" for the JoyYou Card and "public transport cards" for the Octopus card, one
    // word alike each (line 3).
    let glossary = ["-g", "glossary.toml", "--consistency"];
    let set = "corpus/eval/translation-transport";
    check_translation_set_missing(set, &glossary, "set.tsv", "\t", &[3, 3]);
    // corpus/eval/translation-forestry/: a forestry and grassland administration's report,
    // zh->en, by a twenty-ninth person, CSV glossary, with --consistency. Missed: a literal
    // rendering with no word of the term (line 4), "forest chief mechanism" (6: reported on
    // the paragraph's right "forest chief structure" instead) and pinyin ("Sanbei", 12). The
    // twelve-word wrong expansion of "CITES" (9) is read as the name before the bracket.
    let glossary = ["-g", "glossary.csv", "--consistency"];
    let set = "corpus/eval/translation-forestry";
    check_translation_set_missing(set, &glossary, "set.tsv", "\t", &[4, 6, 12]);
    // corpus/eval/translation-labour/: a labour ministry's report in Traditional Chinese, by
    // a thirty-third person, CSV glossary, with --consistency. Missed: "work stoppage
    // penalties" beside the right "stop-work orders" (line 12), one word alike.
    let glossary = ["-g", "glossary.csv", "--consistency"];
    let set = "corpus/eval/translation-labour";
    check_translation_set_missing(set, &glossary, "set.tsv", "\t", &[12]);
    // corpus/eval/translation-competition/: a competition authority's white paper, ja->en,
    // by a thirty-fifth person, TSV glossary, XLIFF 1.2 with inline tags, with --consistency.
    let glossary = ["-g", "glossary.tsv", "--consistency"];
    let set = "corpus/eval/translation-competition";
    check_translation_set_missing(set, &glossary, "set.xlf", "<trans-unit", &[6]);
    // corpus/eval/translation-cybercrime/: a police agency's white paper on telecoms fraud,
    // ko->en, by a thirty-seventh person, TBX glossary, TMX 1.4, with --consistency. Missed:
    // renderings with no word of the term ("telephone financial fraud" for voice phishing, 3;
    // "digital evidence" for digital forensics beside it, 12; "cash pick-up men", 14), the
    // romanised "daepo accounts" (6), "service providers of virtual assets" turned around
    // (11), and the wrong expansion "Cybercrime Reporting System (ECRM)" of other letters (13).
    let glossary = tbx_glossary("ko");
    let set = "corpus/eval/translation-cybercrime";
    check_translation_set_missing(set, &glossary, "set.tmx", "<tu ", &[3, 6, 11, 12, 13, 14]);
    // corpus/eval/translation-civil/: a civil affairs ministry's annual report, zh->en, by a
    // thirty-ninth person, TOML glossary, XLIFF 2.0 with inline codes, with --consistency.
    // Missed: pinyin ("dibao", 2), a long literal rendering ("children in fact without anyone
    // to raise them", 5), a term paraphrased away ("checked each year", 8) and
    // "inter-provincial processing" beside "registrations of marriages" (9). Line 11 is
    // reported on "place-name", not on "land names". 民政部 (the ministry) inside 民政部门
    // (civil affairs departments, rendered) lacks nowhere.
    let glossary = ["-g", "glossary.toml", "--consistency"];
    let set = "corpus/eval/translation-civil";
    check_translation_set_missing(set, &glossary, "set.xlf", "<unit", &[2, 5, 8, 9]);
    // corpus/eval/translation-archives/: an archives administration's annual report, zh->en,
    // by a forty-second person, CSV glossary with nested entries (档案局, archives bureau,
    // inside 国家档案局), XLIFF 1.2 with inline tags, with --consistency. Missed: renderings
    // sharing no word with the term ("electronic documents" beside the right "electronic
    // records", 3; "storage deadline", 7; "everything", 15), the abbreviation "SHA" (10) and
    // "revolutionary archives" beside "revolutionary history files" (16). Two false: the
    // source names 档案数字化 twice and the target renders it once ("digital copies of
    // holdings" the other time), reported on other words (5); "digitised ... archives" for
    // 档案数字化 (10).
    let glossary = ["-g", "glossary.csv", "--consistency"];
    let set = "corpus/eval/translation-archives";
    check_translation_set_with_false(
        set,
        &glossary,
        "set.xlf",
        "<trans-unit",
        &[3, 7, 10, 15, 16],
        2,
    );
    // corpus/eval/translation-immigration/: an immigration agency's white paper, ja->en, by a
    // forty-fourth person, TSV glossary with nested source forms (在留資格 inside
    // 在留資格認定証明書), TMX 1.4 with inline codes, with --consistency. Missed: a literal
    // rendering sharing no word ("training employment", 7), "monitoring measures" beside the
    // right "supervisory measures" (10; the line's other error, "a designated person" for
    // the supervisor, is reported on "supervision"), the romanised "zairyu card" (14). One
    // false: 収容 (detention) rendered by the verb ("without being detained"), reported on
    // "appear" (11).
    let glossary = ["-g", "glossary.tsv", "--consistency"];
    let set = "corpus/eval/translation-immigration";
    check_translation_set_with_false(set, &glossary, "set.tmx", "<tu ", &[7, 10, 14], 1);
    // corpus/eval/translation-itsecurity/: an IT security office's annual report, de->en, by
    // a fortieth person, TSV glossary, with --consistency: German compounds in the source.
    // Missed: "basic IT protection" beside the right "IT-Grundschutz" (2). "Federal Agency
    // for Information Security (BSI)" (1) is read as a wrong expansion of the German "BSI".
    let glossary = ["-g", "glossary.tsv", "--consistency"];
    let set = "corpus/eval/translation-itsecurity";
    check_translation_set_missing(set, &glossary, "set.tsv", "\t", &[2]);
    // corpus/eval/translation-foodrisk/: a risk assessment institute's annual report, de->en,
    // by a forty-sixth person, TBX glossary, with --consistency: German compounds and
    // declined names in the source ("des Bundesministeriums für Ernährung und
    // Landwirtschaft"). Missed: literal renderings of compounds ("plant protection means"
    // and the German "PSM" left, 4; "substances with endocrine effect", 10), "veterinary
    // drugs" (5) and the German "BfR Verbrauchermonitor" left (7). Reported on other
    // words: "highest residue level" (3: on the right "highest measured residue levels")
    // and the omitted "communication" (16: on "risk profiles"). "Food and Feed Law Book"
    // (15) is fixed on "Food and Feed Law" alone. Where the source names a term more often
    // than the target has it, in a form the glossary also accepts in English (ADI, LFGB),
    // that form in the target is the term, not another mention left untranslated (12, 15).
    let glossary = tbx_glossary("de");
    let set = "corpus/eval/translation-foodrisk";
    check_translation_set_missing(set, &glossary, "set.tsv", "\t", &[4, 4, 5, 7, 10]);
    // corpus/eval/translation-narcotics/: a food and drug safety ministry's annual report,
    // ko->en, by a forty-eighth person, TSV glossary with nested Korean forms (마약류 inside
    // 마약류통합관리시스템), XLIFF 2.0 with inline codes, with --consistency. Missed: the
    // ministry's name with a word swapped beside its right abbreviation (1), "INMS" (3),
    // "medical device standard codes" (8), the romanised "haesseop" (10), "National
    // Evaluation Institute" (14) and the omitted "narcotics" (16). Three are reported on the
    // whole segment, without a fix (2, 6, 7). One false: "rare drugs", the orphan drug's
    // rendering, taken as "new drugs" rendered otherwise (6).
    let glossary = ["-g", "glossary.tsv", "--consistency"];
    let set = "corpus/eval/translation-narcotics";
    check_translation_set_with_false(
        set,
        &glossary,
        "set.xlf",
        "<unit",
        &[1, 3, 8, 10, 14, 16],
        1,
    );
    // corpus/eval/translation-precursors/: a Mexican government report on precursor
    // chemicals, es->en, by a forty-ninth person, CSV glossary with Spanish forms, TMX with
    // inline codes, with --consistency. Missed: "essential chemical products" (3: the term
    // with one more word), "securing" for the second "seizure" (5) and "supervised
    // deliveries" for the second "controlled delivery" (9): a second mention is named only
    // by a run clearly like the term. "ANMA" (8) is not reported on its own: a term the
    // segment lacks is reported once, here on "National Customs Agency" for its other
    // mention. One false: "Federal Law" for "essential chemical" (12), whose source form
    // stands inside the law's title, cut short in the target.
    let glossary = ["-g", "glossary.csv", "--consistency"];
    let set = "corpus/eval/translation-precursors";
    check_translation_set_with_false(set, &glossary, "set.tmx", "<tu ", &[3, 5, 8, 9], 1);
}

/// Every error row of `folder/expected.tsv` must be reported on its line with its term as the
/// suggestion, once, and no keep row's words (plurals, accepted forms, typeset punctuation)
/// may be flagged; checked as two plain files and as the single-file `bitext`, whose units
/// open with `unit_tag`.
fn check_translation_set(folder: &str, glossary: &[&str], bitext: &str, unit_tag: &str) {
    check_translation_set_missing(folder, glossary, bitext, unit_tag, &[]);
}

/// [`check_translation_set`], but the error rows on lines `missed` are known to go
/// unreported (each set's README says why).
fn check_translation_set_missing(
    folder: &str,
    glossary: &[&str],
    bitext: &str,
    unit_tag: &str,
    missed: &[usize],
) {
    check_translation_set_with_false(folder, glossary, bitext, unit_tag, missed, 0);
}

/// The arguments that check a set with its bilingual TBX termbase (`source_lang` to English)
/// and `--consistency`.
fn tbx_glossary(source_lang: &str) -> [&str; 7] {
    [
        "-g",
        "glossary.tbx",
        "--source-lang",
        source_lang,
        "--lang",
        "en",
        "--consistency",
    ]
}

/// [`check_translation_set_missing`], with `false_findings` source-aware findings known to
/// be about no error (each named where the set is checked).
fn check_translation_set_with_false(
    folder: &str,
    glossary: &[&str],
    bitext: &str,
    unit_tag: &str,
    missed: &[usize],
    false_findings: usize,
) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let source = [
        "source.zh.txt",
        "source.ja.txt",
        "source.ko.txt",
        "source.de.txt",
        "source.es.txt",
    ]
    .into_iter()
    .find(|name| dir.join(name).exists())
    .unwrap();
    let expected = fs::read_to_string(dir.join("expected.tsv")).unwrap();
    let rows: Vec<Vec<&str>> = expected
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    // A TSV file is a bitext only when said so (a .tsv file may be a text to check).
    let bitext_args: &[&str] = match bitext.ends_with(".tsv") {
        true => &["check", bitext, "--bitext"],
        false => &["check", bitext],
    };
    for args in [
        &["check", "target.en.txt", "--source", source][..],
        bitext_args,
    ] {
        let o = run(&dir, &[args, glossary, &["--format", "jsonl"]].concat());
        let found: Vec<serde_json::Value> = stdout(&o)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        // In the bitext file, a finding's segment is the unit it stands in (one per line pair).
        let file = fs::read_to_string(dir.join(bitext)).unwrap();
        let unit_starts: Vec<usize> = (1..)
            .zip(file.lines())
            .filter(|(_, l)| l.contains(unit_tag))
            .map(|(n, _)| n)
            .collect();
        let line_of = |f: &serde_json::Value| -> usize {
            let line = f["line"].as_u64().unwrap() as usize;
            if args[1] == bitext {
                unit_starts.iter().filter(|&&u| u <= line).count()
            } else {
                line
            }
        };
        for row in &rows {
            let (line, term, words, kind) =
                (row[0].parse::<usize>().unwrap(), row[1], row[2], row[3]);
            let here: Vec<&serde_json::Value> =
                found.iter().filter(|f| line_of(f) == line).collect();
            // The term, or its plural ("policies" for "policy"), not a longer term it begins
            // ("Dutiable Commodities Ordinance" for "dutiable commodities").
            let suggests = |f: &serde_json::Value| {
                let suggestion = f["suggestions"][0].as_str().unwrap().to_lowercase();
                let term = term.to_lowercase();
                let last = term.char_indices().last().map_or(0, |(i, _)| i);
                // A wrong expansion of the term, an abbreviation, is fixed with its long form.
                let expands = f["rule"] == "glossary.wrong-expansion"
                    && f["message"]
                        .as_str()
                        .unwrap()
                        .to_lowercase()
                        .starts_with(&format!("'{term}' "));
                expands
                    || suggestion.starts_with(&term[..last]) && suggestion.len() <= term.len() + 2
            };
            if kind == "keep" {
                // Flagged: words of it replaced by a fix, or its term said to be missing
                // (a finding without a fix covers the segment: it names another term).
                let erroneous = rows
                    .iter()
                    .any(|r| r[0] == row[0] && r[1] == term && r[3] != "keep");
                // A finding on an error's words that hold the kept words too ("disclosure of
                // vulnerabilities" beside a kept "vulnerabilities") is about the error.
                let on_an_error = |f: &serde_json::Value| {
                    let text = f["text"].as_str().unwrap();
                    rows.iter().any(|r| {
                        r[0] == row[0] && r[3] != "keep" && !r[2].is_empty() && text.contains(r[2])
                    })
                };
                // An inconsistency says the term stands here, once fewer than the source
                // names it: about another mention, unless its fix takes the kept words.
                let counts_another_mention =
                    |f: &serde_json::Value| f["rule"] == "source.inconsistent-term";
                assert!(
                    !here.iter().any(|f| {
                        (!f["fix"].is_null()
                            && f["text"].as_str().unwrap().contains(words)
                            && !on_an_error(f))
                            || (suggests(f) && !erroneous && !counts_another_mention(f))
                    }),
                    "{folder} {args:?}: line {line}: '{words}' flagged: {here:?}"
                );
            } else if !missed.contains(&line) {
                assert!(
                    here.iter().any(|f| suggests(f)),
                    "{folder} {args:?}: line {line}: '{term}' not reported: {here:?}"
                );
            }
        }
        // One source-aware finding per error reported (a monolingual rule may say more, or
        // report one alone where the target also has the term).
        let errors = rows.iter().filter(|r| r[3] != "keep").count() - missed.len();
        // A term named inside another's source form, lacking with it, is reported on words
        // inside the other's finding, whose fix puts it in ("new cities" of "third-round new
        // cities" for 신도시 of 3기 신도시): one error.
        let source_findings: Vec<&serde_json::Value> = found
            .iter()
            .filter(|f| f["rule"].as_str().unwrap().starts_with("source."))
            .collect();
        let puts_in = |outer: &serde_json::Value, inner: &serde_json::Value| {
            let (start, end) = (inner["start"].as_u64(), inner["end"].as_u64());
            let suggestion = inner["suggestions"][0]
                .as_str()
                .unwrap_or("")
                .to_lowercase();
            outer["start"].as_u64() <= start
                && end <= outer["end"].as_u64()
                && outer["end"].as_u64().unwrap() - outer["start"].as_u64().unwrap()
                    > end.unwrap() - start.unwrap()
                && outer["fix"]["edits"][0]["content"]
                    .as_str()
                    .is_some_and(|c| c.to_lowercase().contains(&suggestion))
        };
        let source_aware = source_findings
            .iter()
            .filter(|inner| !source_findings.iter().any(|outer| puts_in(outer, inner)))
            .count();
        let monolingual_alone = rows
            .iter()
            .filter(|r| r[3] != "keep")
            .filter(|r| {
                // On the wrong words, or on the part of them that is wrong ("Administration
                // of Mexico" of "National Customs Administration of Mexico").
                found.iter().any(|f| {
                    let text = f["text"].as_str().unwrap();
                    line_of(f).to_string() == r[0]
                        && !f["rule"].as_str().unwrap().starts_with("source.")
                        && !text.is_empty()
                        && r[2].contains(text)
                })
            })
            .count();
        assert_eq!(
            source_aware + monolingual_alone,
            errors + false_findings,
            "{folder} {args:?}: one finding per error: {found:?}"
        );
    }
}

#[test]
fn the_json_summary_counts_how_often_each_term_is_rendered() {
    let dir = tempfile::tempdir().unwrap();
    translation(dir.path());
    let o = run(
        dir.path(),
        &[
            "check", "en.txt", "--source", "zh.txt", "-g", "g.tsv", "--format", "json",
        ],
    );
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let terms = &doc["summary"]["terms"];
    assert_eq!(terms["Exchange Fund"]["source"], 2);
    assert_eq!(terms["Exchange Fund"]["correct"], 1);
    assert_eq!(terms["Hong Kong Monetary Authority"]["source"], 1);
    assert_eq!(terms["Hong Kong Monetary Authority"]["correct"], 0);
    // Without a source there is nothing to count.
    let o = run(
        dir.path(),
        &["check", "en.txt", "-g", "g.tsv", "--format", "json"],
    );
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(doc["summary"].get("terms").is_none());
}

#[test]
fn an_abbreviation_glossing_a_wrong_expansion_does_not_count_as_a_rendering() {
    // "Technology and Information Support Centres (TISCs)": the bracketed abbreviation
    // glosses the words before it, so the target renders 技术与创新支持中心 once, not
    // twice, and the wrong expansion is the other rendering (reported by the monolingual
    // rule that reads the definition, the source naming the term). A run like an accepted
    // form ("IP mortgage financing" for "IP pledge financing") is where the term goes.
    let dir = tempfile::tempdir().unwrap();
    let glossary = "term\tsource\taccepted\n\
                    Technology and Innovation Support Centre\t技术与创新支持中心\tTISC\n\
                    intellectual property pledge financing\t知识产权质押融资\tIP pledge financing\n";
    fs::write(dir.path().join("g.tsv"), glossary).unwrap();
    fs::write(
        dir.path().join("zh.txt"),
        "全国技术与创新支持中心（TISC）达到126家。技术与创新支持中心全年提供服务5.6万次。\n\
         推动银行设立专门的知识产权金融产品，深化知识产权质押融资入园惠企行动。\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("en.txt"),
        "Technology and Information Support Centres (TISCs) nationwide reached 126. The TISCs \
         provided 56,000 services over the year.\n\
         We encouraged banks to create dedicated intellectual property financial products and \
         deepened the campaign to bring IP mortgage financing to industrial parks.\n",
    )
    .unwrap();
    let args = [
        "check",
        "en.txt",
        "--source",
        "zh.txt",
        "-g",
        "g.tsv",
        "--consistency",
        "--format",
        "jsonl",
    ];
    assert_eq!(
        findings(&run(dir.path(), &args)),
        [
            "glossary.wrong-expansion 'Technology and Information Support Centres' -> \
             'Technology and Innovation Support Centres'",
            "source.missing-term 'IP mortgage financing' -> 'intellectual property pledge financing'",
        ]
    );
}

#[test]
fn a_rendering_covers_what_the_dictionary_does_not_know_of_the_source_form() {
    // 漁業権: the dictionary knows 漁業, not the Japanese 権; IUU漁業: "IUU" is no dictionary
    // word. "fishing" alone renders only the known part: the run goes on to "rights", and
    // to the whole expansion like the accepted form.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("g.tsv"),
        "term\tsource\taccepted\nfishery right\t漁業権\t\n\
         IUU fishing\tIUU漁業\tillegal, unreported and unregulated fishing\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("ja.txt"),
        "漁業権の免許制度は改正された。\nIUU漁業への対策が強化された。\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("en.txt"),
        "The licensing system for fishing rights was revised.\n\
         Measures against illegal, undeclared and unregulated fishing were strengthened.\n",
    )
    .unwrap();
    let args = [
        "check", "en.txt", "--source", "ja.txt", "-g", "g.tsv", "--format", "jsonl",
    ];
    assert_eq!(
        findings(&run(dir.path(), &args)),
        [
            "source.missing-term 'fishing rights' -> 'fishery rights'",
            "source.missing-term 'illegal, undeclared and unregulated fishing' -> 'IUU fishing'",
        ]
    );
}

#[test]
fn an_accepted_form_renders_the_term_the_source_names() {
    // The glossary says "HKMA" is right too: a target that uses it lacks nothing, and the
    // summary counts it as a correct rendering.
    let dir = tempfile::tempdir().unwrap();
    translation(dir.path());
    let accepting = BILINGUAL
        .replace("term\tsource\tkind\n", "term\tsource\tkind\taccepted\n")
        .replace("\torg\n", "\torg\t\n")
        .replace("香港金融管理局\torg\t\n", "香港金融管理局\torg\tHKMA\n");
    assert!(accepting.contains("\tHKMA\n"), "{accepting}");
    fs::write(dir.path().join("g.tsv"), &accepting).unwrap();
    let check = |format: &str| {
        let args = [
            "check", "en.txt", "--source", "zh.txt", "-g", "g.tsv", "--format", format,
        ];
        run(dir.path(), &args)
    };
    assert_eq!(
        findings(&check("jsonl")),
        ["source.missing-term 'Performance was good.' -> 'Exchange Fund'"]
    );
    let doc: serde_json::Value = serde_json::from_str(&stdout(&check("json"))).unwrap();
    let hkma = &doc["summary"]["terms"]["Hong Kong Monetary Authority"];
    assert_eq!((&hkma["source"], &hkma["correct"]), (&1.into(), &1.into()));
    // In a paraphrase, an accepted form put in for the original's term is no garble, nor
    // the term put in for an accepted form of the original.
    let (full, short) = (
        "The Hong Kong Monetary Authority announced new measures.\n",
        "The HKMA announced fresh measures.\n",
    );
    let none = Vec::<String>::new();
    assert_eq!(
        paraphrase_findings(("g.tsv", &accepting), full, short),
        none
    );
    assert_eq!(
        paraphrase_findings(("g.tsv", &accepting), short, full),
        none
    );
}

#[test]
fn a_translation_with_other_lines_than_its_source_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    translation(dir.path());
    fs::write(
        dir.path().join("short.txt"),
        "The HKMA announced new measures.\n",
    )
    .unwrap();
    let o = run(
        dir.path(),
        &["check", "short.txt", "--source", "zh.txt", "-g", "g.tsv"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .contains("short.txt with source zh.txt: the source has 4 lines and the target 1"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn fix_write_on_a_tsv_bitext_rewrites_only_target_text() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("g.tsv"), BILINGUAL).unwrap();
    let before = "外匯基金\tThe Fund grew.\r\n\n金管局\tThe HKMA said so.\n";
    fs::write(dir.path().join("pairs.tsv"), before).unwrap();
    let o = run(
        dir.path(),
        &[
            "fix",
            "--write",
            "--unsafe-fixes",
            "--bitext",
            "pairs.tsv",
            "-g",
            "g.tsv",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(dir.path().join("pairs.tsv")).unwrap(),
        "外匯基金\tThe Exchange Fund grew.\r\n\n金管局\tThe Hong Kong Monetary Authority said so.\n"
    );
    // A line without its tab names the file and line.
    fs::write(dir.path().join("bad.tsv"), "外匯基金\tThe Fund\nno tab\n").unwrap();
    let o = run(dir.path(), &["check", "--bitext", "bad.tsv", "-g", "g.tsv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad.tsv:2: expected `source<TAB>target`, found 0 tabs"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn without_a_source_the_check_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    same_language(dir.path());
    let g = glossary_g();
    let o = run(
        dir.path(),
        &["check", "paraphrase.txt", "-g", &g, "--format", "jsonl"],
    );
    assert!(
        findings(&o).iter().all(|f| f.starts_with("glossary.")),
        "{:?}",
        findings(&o)
    );
    let o = run(
        dir.path(),
        &["check", "paraphrase.txt", "-g", &g, "--all-changes"],
    );
    assert_eq!(o.status.code(), Some(2), "--all-changes needs a source");
}

/// `termlint eval TEXT -a ANNOTATIONS --source SOURCE -g GLOSSARY --format json` in `dir`.
fn eval_against_source(
    dir: &Path,
    text: &str,
    annotations: &str,
    source: &str,
    glossary: &str,
) -> serde_json::Value {
    let args = [
        "eval",
        text,
        "-a",
        annotations,
        "--source",
        source,
        "-g",
        glossary,
        "--format",
        "json",
    ];
    let o = run(dir, &args);
    serde_json::from_str(&stdout(&o)).unwrap_or_else(|_| panic!("{}", stderr(&o)))
}

#[test]
fn the_seed_checked_against_its_original_finds_every_garbled_glossary_term() {
    // corpus/seed/original-reconstructed.txt is the seed with its annotated garbles undone
    // (scripts/seed-original.py).
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seed");
    let v = eval_against_source(
        &corpus,
        "article.txt",
        "annotations.tsv",
        "original-reconstructed.txt",
        &glossary_g(),
    );
    assert_eq!(v["glossary_recall"], 1.0, "{v}");
    assert_eq!(v["glossary_corrected_share"], 1.0, "{v}");
    assert_eq!(v["keep_flagged"], 0, "{v}");
    assert_eq!(v["precision"], 1.0, "{v}");
}

#[test]
fn spun_excerpts_checked_against_their_originals_with_a_desk_glossary() {
    // corpus/eval/paraphrase/: eight excerpts of official texts, spun by hand, with three desk
    // glossaries written by three people in their own forms ("designation", "Joe Biden", "pill
    // press"; "People's Republic of China" typed for the texts' typeset "People’s"); in one,
    // the spinner re-flowed the paragraphs, so its lines do not correspond. Two web pages
    // (Markdown, HTML) by a fourth, garbles in links, headings and emphasis, term-like words
    // in front matter, a script and a comment. Two by a fifth whose spinner reordered names
    // and wrote CRLF line ends after a byte-order mark; two by a sixth whose rewriter
    // restructured sentences, with a TBX glossary. Two by a seventh whose spinner swapped the
    // sentences of a paragraph and turned clauses passive, two by an eighth whose spinner
    // also merged, split and fronted them, two by a ninth like an LLM rewriter, two by a
    // tenth (CSV) that also fronts clauses and turns them passive, two by an eleventh (TOML)
    // that rotates the sentences of a paragraph, two by a twelfth (TSV), two news stories a
    // thirteenth wrote and spun (TSV), two Markdown articles a fourteenth wrote and spun,
    // garbles in headings, link text and bold (CSV), two stories a fifteenth wrote and sent
    // through a round-trip translation (TOML), two a sixteenth ran through a word-level
    // synonym spinner (TSV), two HTML pages a seventeenth wrote, garbles in the title, link
    // text, bold and an image's alt text, terms in a script and a comment (CSV), two an
    // eighteenth put through a rewriter that merges, splits and reorders (TSV), and more
    // (corpus/eval/paraphrase/README.md), lately two a twenty-third spun "creatively" (CSV)
    // and two HTML pages a twenty-fifth rewrote for social media (TOML), and two Markdown
    // stories a twenty-seventh sent through Spanish and back (TSV), and two a thirtieth ran
    // through a word-level thesaurus spinner (CSV), and two a thirty-first made "formal"
    // (TOML), lately two a forty-first spun "creatively" (TOML), two Markdown pages a
    // forty-third spun with garbles in headings, bold and link text (CSV), two a forty-fifth
    // spun with names no desk lists respelled (TBX), two HTML pages a forty-seventh spun
    // (TSV), and two a forty-ninth put through a thesaurus rewriter (TOML).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/eval/paraphrase");
    let (mut rows, mut found, mut corrected) = (0, 0, 0);
    let (mut findings, mut true_findings, mut keep_flagged) = (0, 0, 0);
    for (name, extension, glossary) in [
        ("supply-chains", "txt", "desk.tsv"),
        ("prc-cooperation", "txt", "desk.tsv"),
        ("press-call", "txt", "desk.tsv"),
        ("synthetic-drugs", "txt", "desk.tsv"),
        ("coalition", "txt", "desk-b.toml"),
        ("prc-order", "txt", "desk-b.toml"),
        ("nsm24-memo", "txt", "desk-c.csv"),
        ("majors-fy2025", "txt", "desk-c.csv"),
        ("carter-cnd", "txt", "desk-d.tsv"),
        ("trilateral-committee", "txt", "desk-d.tsv"),
        ("woodside-readout", "txt", "desk-e.tbx"),
        ("g7-statement", "txt", "desk-e.tbx"),
        ("web", "md", "desk-web.toml"),
        ("page", "html", "desk-web.toml"),
        ("security-meeting", "txt", "desk-f.csv"),
        ("de-minimis", "txt", "desk-f.csv"),
        ("sullivan-network", "txt", "desk-g.toml"),
        ("prc-scheduling", "txt", "desk-g.toml"),
        ("working-group", "txt", "desk-h.tsv"),
        ("halt-act", "txt", "desk-h.tsv"),
        ("tariffs-emergency", "txt", "desk-i.csv"),
        ("fentanyl-wmd", "txt", "desk-i.csv"),
        ("senior-officials", "txt", "desk-j.toml"),
        ("duties-prc", "txt", "desk-j.toml"),
        ("coalition-launch", "txt", "desk-k.tsv"),
        ("prc-amendment", "txt", "desk-k.tsv"),
        ("ofac-network", "txt", "desk-l.tsv"),
        ("border-seizure", "txt", "desk-l.tsv"),
        ("overdose-data", "md", "desk-m.csv"),
        ("precursor-talks", "md", "desk-m.csv"),
        ("mail-hearing", "txt", "desk-n.toml"),
        ("precursor-indictment", "txt", "desk-n.toml"),
        ("xylazine-threat", "txt", "desk-o.tsv"),
        ("sinaloa-lab", "txt", "desk-o.tsv"),
        ("fincen-advisory", "html", "desk-p.csv"),
        ("fentanyl-czar", "html", "desk-p.csv"),
        ("sentencing-debate", "txt", "desk-q.tsv"),
        ("nitazene-controls", "txt", "desk-q.tsv"),
        ("entity-list", "txt", "desk-r.csv"),
        ("cnd-vote", "txt", "desk-r.csv"),
        ("chemical-brokers", "txt", "desk-s.toml"),
        ("naloxone-bill", "txt", "desk-s.toml"),
        ("bc-superlab", "md", "desk-t.tsv"),
        ("joint-statement", "md", "desk-t.tsv"),
        ("port-vancouver", "txt", "desk-u.csv"),
        ("pill-press-raid", "txt", "desk-u.csv"),
        ("cosala-lab", "html", "desk-v.toml"),
        ("nitazene-operation", "html", "desk-v.toml"),
        ("ofac-laundering", "md", "desk-w.tsv"),
        ("halt-hearing", "md", "desk-w.tsv"),
        ("mundra-seizure", "txt", "desk-x.csv"),
        ("world-drug-report", "txt", "desk-x.csv"),
        ("nogales-pills", "txt", "desk-y.toml"),
        ("cartel-listing", "txt", "desk-y.toml"),
        ("brabant-lab", "txt", "desk-z.tsv"),
        ("port-botany", "txt", "desk-z.tsv"),
        ("fas-scheduling", "md", "desk-aa.toml"),
        ("nhava-sheva", "md", "desk-aa.toml"),
        ("felixstowe-nitazenes", "html", "desk-ab.csv"),
        ("tibu-lab", "html", "desk-ab.csv"),
        ("manila-shabu", "txt", "desk-ac.tsv"),
        ("golden-triangle", "txt", "desk-ac.tsv"),
        ("manzanillo-precursors", "txt", "desk-ad.toml"),
        ("ofac-brokers", "txt", "desk-ad.toml"),
        ("narino-labs", "md", "desk-ae.csv"),
        ("eu-precursors", "md", "desk-ae.csv"),
        ("ncb-mephedrone", "txt", "desk-af.tbx"),
        ("cbsa-precursors", "txt", "desk-af.tbx"),
        ("oncb-ketamine", "html", "desk-ag.tsv"),
        ("unodc-assessment", "html", "desk-ag.tsv"),
        ("rotterdam-seizure", "txt", "desk-ah.toml"),
        ("sonora-fentanyl", "md", "desk-ah.toml"),
    ] {
        let v = eval_against_source(
            &dir,
            &format!("{name}.spun.{extension}"),
            &format!("{name}.annotations.tsv"),
            &format!("{name}.original.{extension}"),
            glossary,
        );
        keep_flagged += v["keep_flagged"].as_u64().unwrap();
        findings += v["findings"].as_u64().unwrap();
        true_findings += v["true_findings"].as_u64().unwrap();
        let totals = &v["glossary_classes"];
        rows += totals["rows"].as_u64().unwrap();
        found += totals["flagged"].as_u64().unwrap();
        corrected += totals["corrected"].as_u64().unwrap();
    }
    // Ten false findings in all: a rewriter restructured a sentence of `woodside-readout`
    // past recognition, moved a term of `senior-officials`
    // out of a rewritten clause whose other mention it garbled (reported as left out, on
    // "is"), and swapped a desk term for a word its writer counted as harmless ("dealing"
    // for "trafficking" in `sullivan-network`, "levy" for "tariff" in `tariffs-emergency`,
    // "illegal" for the "illicit" of "illicit drug" in `prc-amendment`), and a simplifier
    // put "a similar chemical" for the original's "1-boc-4-piperidone" (`chemical-brokers`),
    // a term replaced that its writer counted as a detail dropped. Four more in
    // `cosala-lab` and `nitazene-operation`: two page titles rewritten whole (a term
    // replaced by a word more general: "drug" for "fentanyl", "Police" for "Europol", "opioid"
    // for "nitazene") and "building blocks" for "precursors", counted harmless. Six in
    // `ofac-laundering` and `halt-hearing`, sent through Spanish and back: noun phrases
    // turned around ("network Chinese of laundering of money", "sanctions secondary"), whose
    // writer counted them harmless, and two findings beside a garble the diff did not pair.
    // One in `fas-scheduling`: "class-wide prohibition" for "class-wide ban", a form the desk
    // accepts for its term, which the writer counted a harmless swap. One in `tibu-lab`:
    // "cocabase" for "coca base", a term joined into one word, counted harmless.
    assert_eq!(keep_flagged, 0, "keep rows flagged");
    assert!(
        findings - true_findings <= 18,
        "{true_findings} of {findings}"
    );
    // The issue asks for 0.8 found and 0.7 fixed on real spun news.
    assert!(found as f64 >= 0.9 * rows as f64, "{found}/{rows}");
    assert!(corrected as f64 >= 0.8 * rows as f64, "{corrected}/{rows}");
}

#[test]
fn consistency_reports_a_term_rendered_right_once_and_otherwise_once() {
    // 再造水 stands twice; the translation says "reclaimed water" once and "recycled water"
    // the other time. The second mention as the abbreviation the term's initials make is
    // the term again, and without --consistency neither is reported.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("g.tsv"),
        "term\tsource\nreclaimed water\t再造水\nExchange Fund Investment Office\t外匯基金投資辦公室\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("zh.txt"),
        "本署擴大再造水的供應，並計劃在北區推廣再造水作沖廁用途。\n\
         外匯基金投資辦公室於年內成立。外匯基金投資辦公室負責管理投資。\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("en.txt"),
        "The Department expanded the supply of reclaimed water and plans to promote recycled \
         water for flushing in the North District.\n\
         The Exchange Fund Investment Office was set up during the year. The EFIO manages \
         investments.\n",
    )
    .unwrap();
    let check = |extra: &[&str]| {
        let args = [
            &[
                "check", "en.txt", "--source", "zh.txt", "-g", "g.tsv", "--format", "jsonl",
            ][..],
            extra,
        ]
        .concat();
        findings(&run(dir.path(), &args))
    };
    assert_eq!(
        check(&["--consistency"]),
        ["source.inconsistent-term 'recycled water' -> 'reclaimed water'"]
    );
    assert!(check(&[]).is_empty());
    // Selected by id, as any rule.
    assert_eq!(check(&["--select", "source.inconsistent-term"]).len(), 1);
}

#[test]
fn a_term_shortened_is_no_change_and_a_name_is_not_named_by_its_modifier() {
    // "Dept." for "Department" and "UN" for "U.N." are house style; "United States" does not
    // name the "State Department" (by "State", or "Department" of another name), so "U.S."
    // changes no term. The garble beside the abbreviation is fixed on its own word.
    let glossary = (
        "g.tsv",
        "term\tkind\nCommerce Department\torg\nCommission on Narcotic Drugs\torg\n\
         State Department\torg\nDepartment of Homeland Security\torg\n",
    );
    assert_eq!(
        paraphrase_findings(
            glossary,
            "The Commerce Department and the U.N. Commission on Narcotic Drugs met in the \
             United States with the Department of Homeland Security.\n",
            "The Commerce Dept. and the UN Fee on Narcotic Drugs met in the U.S. with the \
             Department of Homeland Security.\n",
        ),
        ["source.changed-term 'Fee' -> 'Commission'"]
    );
}

#[test]
fn a_garble_is_cut_to_its_phrase_and_a_shortened_word_written_out_is_no_change() {
    // "Lekler, the fentanyl emperor": the words after the comma are the next term's; the
    // "super laboratory" of "superlab" is style.
    let glossary = (
        "g.tsv",
        "term\tkind\nMartin Leclerc\tname\nfentanyl czar\tterm\nsuperlab\tterm\n",
    );
    assert_eq!(
        paraphrase_findings(
            glossary,
            "\"We act,\" said Martin Leclerc, Canada's fentanyl czar, at the superlab.\n",
            "\"We act,\" said Martin Lekler, the fentanyl emperor of Canada, at the super \
             laboratory.\n",
        ),
        [
            "source.changed-term 'Lekler' -> 'Leclerc'",
            "source.changed-term 'fentanyl emperor' -> 'fentanyl czar'",
        ]
    );
}

#[test]
fn a_word_split_in_two_is_replaced_whole() {
    // "Homeland" -> "Native land": "land" is a piece of the source's word, not a word moved
    // in from the "lands" replaced in the sentence before.
    let glossary = (
        "g.tsv",
        "term\tkind\nHomeland Security Investigations\torg\n",
    );
    assert_eq!(
        paraphrase_findings(
            glossary,
            "The farm lands were sold. Homeland Security Investigations agents said so.\n",
            "The farm fields were sold. Native land Security Investigations agents said so.\n",
        ),
        ["source.changed-term 'Native land' -> 'Homeland'"]
    );
}

#[test]
fn a_word_inserted_inside_a_term_is_reported_on_the_whole_term() {
    // The diff only inserts "Big" between the term's words: nothing of the original was
    // replaced, yet the term is gone. (This panicked: a finding on no original words.)
    let glossary = ("g.tsv", "term\tkind\nOperation Southern Spear\tname\n");
    assert_eq!(
        paraphrase_findings(
            glossary,
            "The Operation Southern Spear worked well in the region.\n",
            "The Operation Big Southern Spear worked well in the region.\n",
        ),
        ["source.changed-term 'Operation Big Southern Spear' -> 'Operation Southern Spear'"]
    );
}

#[test]
fn a_term_with_a_phrase_after_its_head_is_plural_on_its_head() {
    // "certificates of competency" is the plural of "certificate of competency": no term is
    // missing. "aids to navigation" is plural already: its fix gets no second "s".
    assert_eq!(
        translation_findings(
            "term\tsource\ncertificate of competency\t适任证书\naids to navigation\t航标\n",
            "本局全年签发适任证书一千二百份。\n本局维护辖区内的航标三百座。\n",
            "The Administration issued 1,200 certificates of competency during the year.\n\
             The Administration maintained 300 navigation marks in its waters.\n",
        ),
        ["source.missing-term 'navigation marks' -> 'aids to navigation'"]
    );
}

#[test]
fn a_chinese_source_form_inside_a_longer_word_is_not_the_term() {
    // 職訓 (vocational training) stands inside 在職訓練 (in-service training), across its two
    // parts: no term there. 總裁 ends 副總裁 (deputy chief executive): a part of it, rendered
    // in it, so a translation without "Chief Executive" lacks it.
    let glossary = "term\tsource\nvocational training\t職業訓練|職訓\nChief Executive\t總裁\n";
    let found = translation_findings(
        glossary,
        "勞工可參加在職訓練。\n副總裁出席會議。\n",
        "Workers may join in-service training.\nThe Deputy Chief Officer attended the meeting.\n",
    );
    assert_eq!(
        found,
        ["source.missing-term 'Chief Officer' -> 'Chief Executive'"],
        "{found:?}"
    );
}

#[test]
fn a_term_across_an_inline_tag_or_with_an_escaped_ampersand_is_the_term() {
    // "Exchange</g> Fund" is masked to "Exchange      Fund", and "&amp;" decoded to "&":
    // both terms are there, in XLIFF and in TMX; a term really lacking is still reported.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("g.tsv"),
        "term\tsource\tkind\nExchange Fund\t外匯基金\torg\n\
         Korea Internet & Security Agency\t韓國互聯網振興院\torg\n",
    )
    .unwrap();
    let units = [
        (
            "<g id=\"1\">外匯</g>基金增長。",
            "The <g id=\"1\">Exchange</g> Fund grew.",
        ),
        (
            "韓國互聯網振興院增長。",
            "The Korea Internet &amp; Security Agency grew.",
        ),
        (
            "韓國互聯網振興院發布。",
            "The Korea Internet Agency &amp; partners spoke.",
        ),
    ];
    let xliff_units: String = units
        .iter()
        .enumerate()
        .map(|(i, (s, t))| {
            format!(
                "<trans-unit id=\"{i}\"><source>{s}</source><target>{t}</target></trans-unit>\n"
            )
        })
        .collect();
    fs::write(
        dir.path().join("t.xlf"),
        format!(
            "<xliff version=\"1.2\"><file source-language=\"zh\" target-language=\"en\" \
             datatype=\"plaintext\" original=\"r\"><body>\n{xliff_units}</body></file></xliff>\n"
        ),
    )
    .unwrap();
    let tmx_units: String = units
        .iter()
        .map(|(s, t)| {
            let tags = |x: &str| x.replace("<g id=\"1\">", "<hi>").replace("</g>", "</hi>");
            format!(
                "<tu><tuv xml:lang=\"zh\"><seg>{}</seg></tuv><tuv xml:lang=\"en\"><seg>{}</seg></tuv></tu>\n",
                tags(s),
                tags(t)
            )
        })
        .collect();
    fs::write(
        dir.path().join("t.tmx"),
        format!(
            "<tmx version=\"1.4\"><header srclang=\"zh\" datatype=\"plaintext\" segtype=\"sentence\" \
             adminlang=\"en\" o-tmf=\"none\" creationtool=\"t\" creationtoolversion=\"1\"/>\
             <body>\n{tmx_units}</body></tmx>\n"
        ),
    )
    .unwrap();
    for file in ["t.xlf", "t.tmx"] {
        let o = run(
            dir.path(),
            &["check", file, "-g", "g.tsv", "--format", "jsonl"],
        );
        assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
        let found = findings(&o);
        assert_eq!(found.len(), 1, "{file}: {found:?}");
        assert!(
            found[0].contains("Korea Internet & Security Agency"),
            "{file}: {found:?}"
        );
    }
}
