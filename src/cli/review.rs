//! `termlint review`: ask about each suggested change, as `git add -p` asks about hunks, then
//! write the accepted ones with the same apply function and atomic writer as `fix --write`, and
//! remember rejections in the baseline. With `--patch`, write the proposed changes as a unified
//! diff instead of asking.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;

use anstyle::{AnsiColor, Style};

use termlint::baseline::{self, Decision, Verdict};
use termlint::check::context::Sentences;
use termlint::check::finding::{Applicability, Edit, Finding, Fix};
use termlint::report::plural;
use termlint::text::source::SourceText;
use termlint::text::span::Span;
use termlint::{fix, fix::diff, fix::write};

use super::args::ReviewArgs;
use super::inputs::Input;
use super::remembered::{Remembered, patch_name};
use super::{
    EXIT_CLEAN, EXIT_ERROR, Prepared, Quiet, fix_until_stable, note, prepare, report_error,
    use_color,
};

pub fn run(args: ReviewArgs) -> io::Result<u8> {
    let interactive = args.patch.is_none();
    if let Some(why) = unusable(&args) {
        report_error(why);
        return Ok(EXIT_ERROR);
    }
    let Prepared {
        checker,
        inputs,
        mut errors,
        remembered,
    } = match prepare(&args.glossary, &args.input, &args.baseline, true) {
        Ok(prepared) => prepared,
        Err(code) => return Ok(code),
    };
    if let Some(out) = &args.patch
        && let Err(why) = patch_target(out, &inputs, &args.glossary, &remembered, args.force)
    {
        report_error(format!(
            "{}: the patch is not written: {why}",
            out.display()
        ));
        return Ok(EXIT_ERROR);
    }
    // Interactive review writes the files it changes: never the source.
    let Some(checking) = super::checking(
        &args.source,
        &args.glossary,
        &args.input,
        &inputs,
        interactive,
    ) else {
        return Ok(EXIT_ERROR);
    };
    let (files, hidden) = check_inputs(&args, &inputs, (&checker, &checking), &remembered);
    errors += inputs.len() - files.len();
    let ok = match &args.patch {
        Some(out) => write_patch(
            out,
            &files,
            args.unsafe_fixes,
            (&checker, &checking),
            &remembered,
            args.input.markup,
        )?,
        None => {
            let color = use_color(args.color);
            interactive_review(files, hidden, &remembered, color)?
        }
    };
    Ok(if ok && errors == 0 {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    })
}

/// Why review cannot run as asked, if it cannot: answers need a terminal, and a patch needs
/// files to review.
fn unusable(args: &ReviewArgs) -> Option<&'static str> {
    let interactive = args.patch.is_none();
    if interactive && !io::stdin().is_terminal() {
        return Some(
            "review asks about each change, but stdin is not a terminal; in scripts and \
             pipelines use `termlint review --patch FILE` (a diff for `git apply`), \
             `termlint check --diff` or `termlint fix --write`",
        );
    }
    if interactive && args.input.paths.iter().any(|p| p.as_os_str() == "-") {
        return Some(
            "review reads its answers from the terminal, so it cannot review stdin; \
             use `termlint review --patch - -` to get a diff",
        );
    }
    if !interactive && args.input.paths.is_empty() {
        // Without this, stdin (not a terminal) would be read as the input: an empty patch
        // written where the file to review was meant.
        return Some(
            "review --patch needs the files to review: `termlint review --patch FILE PATH...` \
             (`-` reads stdin)",
        );
    }
    None
}

/// Reads and checks each input: the files read with their findings that the baseline does
/// not hide, and how many it hid. Inputs that cannot be read or checked are reported.
fn check_inputs(
    args: &ReviewArgs,
    inputs: &[Input],
    (checker, checking): (&super::Checks, &super::source::Checking),
    remembered: &Remembered,
) -> (Vec<(SourceText, Vec<Finding>)>, usize) {
    let mut files = Vec::new();
    let mut hidden = 0;
    for input in inputs {
        let found = input.read().map_err(|e| e.to_string()).and_then(|source| {
            let checked = super::check_against(checker, checking, &source, args.input.markup);
            checked.map(|(found, _, _)| (source, found))
        });
        match found {
            Ok((source, found)) => {
                let (findings, covered) = remembered.filter(&source, found);
                hidden += covered;
                files.push((source, findings));
            }
            Err(e) => report_error(e),
        }
    }
    (files, hidden)
}

/// Whether the patch may be written to `out`: never over a text being reviewed, a glossary
/// or the baseline, and over another existing file only if it is a patch or `--force` says
/// so. Without this, `review --patch doc.txt` would empty doc.txt.
fn patch_target(
    out: &Path,
    inputs: &[Input],
    glossary: &super::args::GlossaryArgs,
    remembered: &Remembered,
    force: bool,
) -> Result<(), String> {
    if out.as_os_str() == "-" {
        return Ok(());
    }
    for input in inputs {
        if let Some(path) = input.path()
            && same_file(out, path)
        {
            return Err(format!("it is {}, a file to review", path.display()));
        }
    }
    if let Some(g) = glossary.glossaries.iter().find(|g| same_file(out, g)) {
        return Err(format!("it is {}, a glossary", g.display()));
    }
    if let Some(config) = &glossary.config_file
        && same_file(out, config)
    {
        return Err("it is the config".into());
    }
    if same_file(out, &remembered.file) {
        return Err("it is the baseline of remembered decisions".into());
    }
    if out.is_dir() {
        return Err("it is a folder".into());
    }
    match std::fs::read(out) {
        Ok(bytes) if !force && !looks_like_patch(&bytes) => Err(
            "the file exists and is not a patch; give another name, or --force to replace it"
                .into(),
        ),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot read it: {e}")),
    }
}

/// Whether two paths name one file: the same file on disk, or the same path.
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => {
            let cwd = std::env::current_dir().unwrap_or_default();
            baseline::clean(&cwd.join(a)) == baseline::clean(&cwd.join(b))
        }
    }
}

/// Whether a file holds a unified diff (a `---` line, a `+++` line, then a hunk), or nothing:
/// replacing it loses nothing a new patch would not say again.
fn looks_like_patch(bytes: &[u8]) -> bool {
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    bytes.iter().all(u8::is_ascii_whitespace)
        || lines.windows(3).any(|w| {
            w[0].starts_with(b"--- ") && w[1].starts_with(b"+++ ") && w[2].starts_with(b"@@ ")
        })
}

/// Writes the patch through a temporary file in the same folder, renamed over `out`: nobody
/// (and no crash) sees half a patch, and an old patch stays whole until the new one is.
pub(super) fn write_file_atomic(out: &Path, bytes: &[u8]) -> io::Result<()> {
    write::replace(out, bytes).map_err(|e| match e {
        write::WriteError::Io { source, .. } => source,
        other => io::Error::other(other.to_string()),
    })
}

/// Writes the diff `fix --write` would make, with the same selection of fixes, applied until
/// none is left as `fix --write` does.
fn write_patch(
    out: &Path,
    files: &[(SourceText, Vec<Finding>)],
    unsafe_fixes: bool,
    (checker, checking): (&super::Checks, &super::source::Checking),
    remembered: &Remembered,
    markup: super::args::MarkupArg,
) -> io::Result<bool> {
    let mut patch = String::new();
    let mut changes = 0;
    let mut changed_files = 0;
    let mut outside = 0;
    for (source, findings) in files {
        let (applied, _) = fix_until_stable(
            (checker, checking),
            remembered,
            source,
            findings,
            unsafe_fixes,
            markup,
        );
        let name = patch_name(source);
        let text = diff::unified(&name, &source.content, &applied.output);
        if text.is_empty() {
            continue;
        }
        // `git apply` and `patch -p1` refuse paths that climb out of the folder they run in:
        // such a patch could not be applied, so none is written.
        if name.starts_with(b"../") || name.starts_with(b"/") {
            report_error(format!(
                "{}: outside the current folder, and `git apply` and `patch -p1` refuse \
                 such paths; run termlint from a folder that holds every file (such as the \
                 repository root)",
                String::from_utf8_lossy(&name)
            ));
            outside += 1;
            continue;
        }
        changes += applied.applied;
        changed_files += 1;
        patch.push_str(&text);
    }
    if outside > 0 {
        return Ok(false);
    }
    if out.as_os_str() == "-" {
        let mut stdout = Quiet::new(io::stdout().lock());
        stdout.write_all(patch.as_bytes())?;
        stdout.flush()?;
    } else if let Err(e) = write_file_atomic(out, patch.as_bytes()) {
        report_error(format!("{}: cannot write the patch: {e}", out.display()));
        return Ok(false);
    } else {
        note(format_args!(
            "termlint: wrote {} to {} as a patch in {}",
            plural(changes, "change", "changes"),
            plural(changed_files, "file", "files"),
            out.display()
        ));
    }
    Ok(true)
}

/// A reviewer's answer about one finding.
#[derive(Debug, Clone, PartialEq)]
enum Choice {
    Accept(Fix),
    Reject,
    Exception,
    Skip,
}

struct Item {
    file: usize,
    finding: Finding,
}

/// How the review loop ended.
#[derive(Debug, PartialEq, Eq)]
enum End {
    /// Every finding was seen.
    Done,
    /// The reviewer quit (or closed the input): keep the decisions so far.
    Quit,
}

fn interactive_review(
    files: Vec<(SourceText, Vec<Finding>)>,
    hidden: usize,
    remembered: &Remembered,
    color: bool,
) -> io::Result<bool> {
    let mut sources = Vec::new();
    let mut items = Vec::new();
    for (file, (source, findings)) in files.into_iter().enumerate() {
        sources.push(source);
        items.extend(findings.into_iter().map(|finding| Item { file, finding }));
    }
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut session = Session::new(&sources, items, stdin.lock(), stdout.lock(), color);
    if hidden > 0 {
        writeln!(
            session.out,
            "{} hidden by decisions remembered in {} (--no-baseline shows them)",
            match hidden {
                1 => "1 finding is".to_string(),
                n => format!("{n} findings are"),
            },
            remembered.shown()
        )?;
    }
    if session.items.is_empty() {
        writeln!(session.out, "Nothing to review.")?;
        return Ok(true);
    }
    session.run()?;
    session.finish(remembered)
}

/// Colours, when the terminal shows them.
struct Paint {
    on: bool,
}

impl Paint {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.on && !text.is_empty() {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }

    /// The flagged text, marked even without colour.
    fn mark(&self, text: &str) -> String {
        if self.on {
            self.paint(
                Style::new()
                    .bold()
                    .underline()
                    .fg_color(Some(AnsiColor::Red.into())),
                text,
            )
        } else {
            format!("[[{text}]]")
        }
    }
}

const HELP: &str = "\
y - accept the suggested change
1-9 - accept suggestion number N (when there are several)
n - reject: keep the text, and do not report it again
e - edit: type the replacement yourself
a - accept this change and all the other suggested changes in this file
d - reject this finding and all the others in this file
x - keep the text as an accepted exception (not reported again)
s - skip: decide later (it is reported again next time)
u - undo the last decision
q - quit: write the changes accepted so far and remember the decisions
? - show this help";

struct Session<'a, R, W> {
    sources: &'a [SourceText],
    items: Vec<Item>,
    choices: Vec<Option<Choice>>,
    /// Decisions in the order taken; each is one answer, which may decide several findings.
    history: Vec<Vec<usize>>,
    input: R,
    out: W,
    paint: Paint,
}

impl<'a, R: BufRead, W: Write> Session<'a, R, W> {
    fn new(sources: &'a [SourceText], items: Vec<Item>, input: R, out: W, color: bool) -> Self {
        let choices = vec![None; items.len()];
        Session {
            sources,
            items,
            choices,
            history: Vec::new(),
            input,
            out,
            paint: Paint { on: color },
        }
    }

    /// Reads one answer; `None` at the end of input.
    fn ask(&mut self, prompt: &str) -> io::Result<Option<String>> {
        let prompt = self.paint.paint(
            Style::new().bold().fg_color(Some(AnsiColor::Blue.into())),
            prompt,
        );
        write!(self.out, "{prompt}")?;
        self.out.flush()?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            writeln!(self.out)?;
            return Ok(None);
        }
        let line = line.strip_suffix('\n').unwrap_or(&line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        Ok(Some(line.to_string()))
    }

    fn decide(&mut self, batch: Vec<(usize, Choice)>) {
        let mut indices = Vec::new();
        for (index, choice) in batch {
            self.choices[index] = Some(choice);
            indices.push(index);
        }
        self.history.push(indices);
    }

    /// The earlier accepted finding whose change overlaps finding `index`, if any.
    fn blocked_by(&self, index: usize, extra: &[(usize, Choice)]) -> Option<usize> {
        let item = &self.items[index];
        let spans = edit_spans(&item.finding);
        let accepted = self
            .choices
            .iter()
            .enumerate()
            .filter_map(|(i, c)| Some((i, c.as_ref()?)))
            .chain(extra.iter().map(|(i, c)| (*i, c)));
        for (other, choice) in accepted {
            let Choice::Accept(fix) = choice else {
                continue;
            };
            if other == index || self.items[other].file != item.file {
                continue;
            }
            let clash = fix
                .edits
                .iter()
                .any(|e| spans.iter().any(|s| s.overlaps(e.span) || *s == e.span));
            if clash {
                return Some(other);
            }
        }
        None
    }

    /// Asks about every undecided finding in turn.
    fn run(&mut self) -> io::Result<End> {
        let total = self.items.len();
        let mut at = 0;
        while at < total {
            if self.choices[at].is_some() {
                at += 1;
                continue;
            }
            if let Some(other) = self.blocked_by(at, &[]) {
                writeln!(
                    self.out,
                    "[finding {} of {total}] skipped: it overlaps the change accepted for \
                     finding {}",
                    at + 1,
                    other + 1
                )?;
                at += 1;
                continue;
            }
            self.show(at)?;
            match self.answer(at)? {
                Step::Next(next) => at = next,
                Step::Quit => return Ok(End::Quit),
            }
        }
        Ok(End::Done)
    }

    /// Reads answers about finding `at` until one decides something.
    fn answer(&mut self, at: usize) -> io::Result<Step> {
        let numbers = match self.items[at].finding.suggestions.len() {
            0 | 1 => String::new(),
            n => format!("1-{},", n.min(9)),
        };
        let prompt = format!("Accept this change [{numbers}y,n,e,a,d,x,s,u,q,?]? ");
        loop {
            let Some(answer) = self.ask(&prompt)? else {
                return Ok(Step::Quit);
            };
            if let Some(step) = self.act(at, answer.trim())? {
                return Ok(step);
            }
        }
    }

    /// Carries out one answer about finding `at`; `None` when it decided nothing, so the
    /// question is asked again.
    fn act(&mut self, at: usize, answer: &str) -> io::Result<Option<Step>> {
        match answer {
            "y" => match self.items[at].finding.fix.clone() {
                Some(fix) => Ok(self.decide_one(at, Choice::Accept(fix))),
                None => {
                    writeln!(
                        self.out,
                        "There is no change to accept here: use e to type one, or n, x, s."
                    )?;
                    Ok(None)
                }
            },
            "n" => Ok(self.decide_one(at, Choice::Reject)),
            "x" => Ok(self.decide_one(at, Choice::Exception)),
            "s" => Ok(self.decide_one(at, Choice::Skip)),
            "e" => self.edit(at),
            "a" => self.accept_rest_of_file(at).map(Some),
            "d" => self.reject_rest_of_file(at).map(Some),
            "u" => self.undo(at),
            "q" => self.confirm_quit(),
            "?" | "" => {
                writeln!(self.out, "{HELP}")?;
                Ok(None)
            }
            other => self.pick_suggestion(at, other),
        }
    }

    /// Decides finding `at` alone and moves on to the next one.
    fn decide_one(&mut self, at: usize, choice: Choice) -> Option<Step> {
        self.decide(vec![(at, choice)]);
        Some(Step::Next(at + 1))
    }

    /// Asks for a replacement typed by the reviewer; an empty one cancels.
    fn edit(&mut self, at: usize) -> io::Result<Option<Step>> {
        let item = &self.items[at];
        let text = self.sources[item.file].slice(item.finding.span).to_string();
        let prompt = format!("Replace '{text}' with (empty: cancel): ");
        let Some(replacement) = self.ask(&prompt)? else {
            return Ok(Some(Step::Quit));
        };
        if replacement.is_empty() {
            return Ok(None);
        }
        let fix = Fix {
            edits: vec![Edit {
                span: self.items[at].finding.span,
                content: replacement,
            }],
            applicability: Applicability::Unsafe,
        };
        Ok(self.decide_one(at, Choice::Accept(fix)))
    }

    /// Accepts every undecided change left in this file that overlaps none accepted.
    fn accept_rest_of_file(&mut self, at: usize) -> io::Result<Step> {
        let rest = self.rest_of_file(at);
        let mut batch: Vec<(usize, Choice)> = Vec::new();
        for &j in &rest {
            if let Some(fix) = self.items[j].finding.fix.clone()
                && self.blocked_by(j, &batch).is_none()
            {
                batch.push((j, Choice::Accept(fix)));
            }
        }
        let left = rest.len() - batch.len();
        writeln!(
            self.out,
            "Accepted {} in {}{}.",
            plural(batch.len(), "change", "changes"),
            self.sources[self.items[at].file].name,
            if left > 0 {
                format!("; {left} without a change or overlapping one left as they are")
            } else {
                String::new()
            }
        )?;
        self.decide(batch);
        Ok(Step::Next(self.next_file(at)))
    }

    /// Rejects every undecided finding left in this file.
    fn reject_rest_of_file(&mut self, at: usize) -> io::Result<Step> {
        let batch: Vec<(usize, Choice)> = self
            .rest_of_file(at)
            .into_iter()
            .map(|j| (j, Choice::Reject))
            .collect();
        writeln!(
            self.out,
            "Rejected {} in {}.",
            plural(batch.len(), "finding", "findings"),
            self.sources[self.items[at].file].name
        )?;
        self.decide(batch);
        Ok(Step::Next(self.next_file(at)))
    }

    /// Takes back the last answer, and goes back to the first finding it decided.
    fn undo(&mut self, at: usize) -> io::Result<Option<Step>> {
        let Some(batch) = self.history.pop() else {
            writeln!(self.out, "Nothing to undo.")?;
            return Ok(None);
        };
        let first = batch.iter().copied().min().unwrap_or(at);
        for &j in &batch {
            self.choices[j] = None;
        }
        writeln!(
            self.out,
            "Undone: the decision on finding {} of {}.",
            first + 1,
            self.items.len()
        )?;
        Ok(Some(Step::Next(first)))
    }

    /// Quits once the reviewer confirms (or closes the input).
    fn confirm_quit(&mut self) -> io::Result<Option<Step>> {
        let (accepted, remembered) = self.counts();
        let confirm = format!(
            "Quit now, writing the {} accepted so far and remembering {} [y,n]? ",
            plural(accepted, "change", "changes"),
            plural(remembered, "decision", "decisions")
        );
        match self.ask(&confirm)?.as_deref().map(str::trim) {
            Some("y") | None => Ok(Some(Step::Quit)),
            _ => Ok(None),
        }
    }

    /// Accepts suggestion number `answer` (from 1), or says the answer is unknown.
    fn pick_suggestion(&mut self, at: usize, answer: &str) -> io::Result<Option<Step>> {
        let finding = &self.items[at].finding;
        let picked = answer
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=finding.suggestions.len()).contains(n));
        let applicability = finding.applicability().unwrap_or(Applicability::Unsafe);
        match picked.and_then(|n| finding.fix_for(n - 1, applicability)) {
            Some(fix) => Ok(self.decide_one(at, Choice::Accept(fix))),
            None => {
                writeln!(
                    self.out,
                    "Unknown answer '{answer}'; type ? and Enter for help."
                )?;
                Ok(None)
            }
        }
    }

    /// Undecided findings from `at` on in the file of finding `at`.
    fn rest_of_file(&self, at: usize) -> Vec<usize> {
        let file = self.items[at].file;
        (at..self.items.len())
            .take_while(|&j| self.items[j].file == file)
            .filter(|&j| self.choices[j].is_none())
            .collect()
    }

    fn next_file(&self, at: usize) -> usize {
        let file = self.items[at].file;
        (at..self.items.len())
            .find(|&j| self.items[j].file != file)
            .unwrap_or(self.items.len())
    }

    /// Accepted changes, and decisions to remember.
    fn counts(&self) -> (usize, usize) {
        let accepted = self
            .choices
            .iter()
            .filter(|c| matches!(c, Some(Choice::Accept(_))))
            .count();
        let remembered = self
            .choices
            .iter()
            .filter(|c| matches!(c, Some(Choice::Reject | Choice::Exception)))
            .count();
        (accepted, remembered)
    }

    /// Shows one finding: where, the sentence with the span marked, why, and the change.
    fn show(&mut self, at: usize) -> io::Result<()> {
        let total = self.items.len();
        let item = &self.items[at];
        let source = &self.sources[item.file];
        let finding = &item.finding;
        let (line, column) = source.line_col(finding.span.start);
        let bold = Style::new().bold();
        let fix_kind = match finding.applicability() {
            Some(Applicability::Safe) => "safe fix",
            Some(Applicability::Unsafe) => "unsafe fix",
            None => "no fix",
        };
        let mut text = String::new();
        text.push('\n');
        text.push_str(&self.paint.paint(
            bold,
            &format!(
                "[finding {} of {total}] {}:{line}:{column}",
                at + 1,
                source.name
            ),
        ));
        text.push_str(&format!(
            "  {}[{}]  confidence {:.2}, {fix_kind}\n",
            finding.severity.as_str(),
            finding.rule,
            finding.confidence
        ));
        let region = sentence_around(source, finding.span);
        let content = &source.content;
        text.push_str(&format!(
            "  {}{}{}\n",
            clip_start(&content[region.start..finding.span.start]),
            self.paint.mark(source.slice(finding.span)),
            clip_end(&content[finding.span.end..region.end]),
        ));
        text.push_str(&format!("  why: {}\n", finding.message));
        if let Some(fix) = &finding.fix {
            let red = Style::new().fg_color(Some(AnsiColor::Red.into()));
            let green = Style::new().fg_color(Some(AnsiColor::Green.into()));
            let region = fix
                .edits
                .iter()
                .fold(region, |region, e| region.cover(e.span));
            let old = render_change(content, region, &fix.edits, None, &self.paint, red);
            let new = render_change(content, region, &fix.edits, Some(()), &self.paint, green);
            text.push_str(&self.paint.paint(red, "  - "));
            text.push_str(&old);
            text.push('\n');
            text.push_str(&self.paint.paint(green, "  + "));
            text.push_str(&new);
            text.push('\n');
        }
        if finding.suggestions.len() > 1 {
            let list: Vec<String> = finding
                .suggestions
                .iter()
                .take(9)
                .enumerate()
                .map(|(i, s)| format!("{}) {s}", i + 1))
                .collect();
            text.push_str(&format!("  suggestions: {}\n", list.join("  ")));
        }
        write!(self.out, "{text}")
    }

    /// Writes the accepted changes and remembers the decisions. False if anything failed.
    fn finish(&mut self, remembered: &Remembered) -> io::Result<bool> {
        let mut ok = true;
        let mut written = 0;
        // Files that changed under the review: decisions about them were taken on text that
        // is gone, so they are not remembered either.
        let mut changed = Vec::new();
        for file in 0..self.sources.len() {
            match self.write_accepted(file)? {
                Some(count) => written += count,
                None => {
                    ok = false;
                    changed.push(file);
                }
            }
        }
        let (decisions, recorded) = self.remember(remembered, &changed)?;
        ok &= recorded;
        let undecided = self.choices.iter().filter(|c| c.is_none()).count();
        let skipped = self
            .choices
            .iter()
            .filter(|c| matches!(c, Some(Choice::Skip)))
            .count();
        writeln!(
            self.out,
            "Review done: {} written, {} remembered, {} left for later.",
            plural(written, "change", "changes"),
            plural(decisions, "decision", "decisions"),
            undecided + skipped
        )?;
        self.out.flush()?;
        Ok(ok)
    }

    /// Writes the changes accepted in one file: how many were written, or `None` when the
    /// file could not be written (then they are shown as a patch).
    fn write_accepted(&mut self, file: usize) -> io::Result<Option<usize>> {
        let source = &self.sources[file];
        let fixes: Vec<&Fix> = self
            .items
            .iter()
            .zip(&self.choices)
            .filter(|(item, _)| item.file == file)
            .filter_map(|(_, choice)| match choice {
                Some(Choice::Accept(fix)) => Some(fix),
                _ => None,
            })
            .collect();
        if fixes.is_empty() {
            return Ok(Some(0));
        }
        let applied = fix::apply(&source.content, fixes);
        if !applied.skipped.is_empty() {
            writeln!(
                self.out,
                "{}: {} left out (overlapping another, or cutting a character cluster)",
                source.name,
                plural(applied.skipped.len(), "accepted change", "accepted changes")
            )?;
        }
        let Some(path) = &source.path else {
            return Ok(Some(0));
        };
        let count = applied.applied.len();
        if let Err(e) =
            write::write_atomic(path, source.content.as_bytes(), applied.output.as_bytes())
        {
            report_error(&e);
            let patch = diff::unified(&patch_name(source), &source.content, &applied.output);
            writeln!(
                self.out,
                "Your {} to {} {} not written, so the file keeps \
                 its new contents, and your other answers about it are not \
                 remembered. Review it again, or apply them from this patch:\n{patch}",
                plural(count, "accepted change", "accepted changes"),
                source.name,
                if count == 1 { "was" } else { "were" }
            )?;
            return Ok(None);
        }
        writeln!(
            self.out,
            "Wrote {} to {}.",
            plural(count, "change", "changes"),
            source.name
        )?;
        Ok(Some(count))
    }

    /// Remembers the rejections and exceptions, except in the `changed` files: how many,
    /// and false if the baseline could not be written.
    fn remember(
        &mut self,
        remembered: &Remembered,
        changed: &[usize],
    ) -> io::Result<(usize, bool)> {
        let decisions: Vec<Decision> = self
            .items
            .iter()
            .zip(&self.choices)
            .filter(|(item, _)| !changed.contains(&item.file))
            .filter_map(|(item, choice)| {
                let verdict = match choice {
                    Some(Choice::Reject) => Verdict::Rejected,
                    Some(Choice::Exception) => Verdict::Exception,
                    _ => return None,
                };
                let source = &self.sources[item.file];
                Some(Decision::new(
                    &remembered.key(source),
                    &source.content,
                    &item.finding,
                    verdict,
                ))
            })
            .collect();
        if decisions.is_empty() {
            return Ok((0, true));
        }
        match remembered.record(&decisions) {
            Ok(()) => writeln!(
                self.out,
                "Remembered {} in {}.",
                plural(decisions.len(), "decision", "decisions"),
                remembered.shown()
            )?,
            Err(e) => {
                report_error(e);
                return Ok((decisions.len(), false));
            }
        }
        Ok((decisions.len(), true))
    }
}

enum Step {
    Next(usize),
    Quit,
}

/// The spans a finding's change would touch.
fn edit_spans(finding: &Finding) -> Vec<Span> {
    match &finding.fix {
        Some(fix) => fix.edits.iter().map(|e| e.span).collect(),
        None => vec![finding.span],
    }
}

/// The sentence holding `span`, without surrounding whitespace, within its line.
fn sentence_around(source: &SourceText, span: Span) -> Span {
    let line = source.line_span(span.start);
    let text = source.slice(line);
    let sentences = Sentences::new(text);
    let start = sentences.get(sentences.index_of(span.start - line.start));
    let end_offset = span.end.min(line.end).saturating_sub(line.start);
    let end = sentences.get(sentences.index_of(end_offset.saturating_sub(1).max(start.start)));
    let mut region = Span::new(line.start + start.start, line.start + end.end);
    let inner = &source.content[region.start..region.end];
    region.start += inner.len() - inner.trim_start().len();
    region.end -= inner.len() - inner.trim_end().len();
    let region = Span::new(region.start.min(span.start), region.end.max(region.start));
    region.cover(span)
}

const CLIP: usize = 100;

/// Keeps the last [`CLIP`] characters of the text before a span.
fn clip_start(text: &str) -> String {
    let count = text.chars().count();
    if count <= CLIP {
        return text.to_string();
    }
    let tail: String = text.chars().skip(count - CLIP).collect();
    format!("…{tail}")
}

/// Keeps the first [`CLIP`] characters of the text after a span.
fn clip_end(text: &str) -> String {
    if text.chars().count() <= CLIP {
        return text.to_string();
    }
    let head: String = text.chars().take(CLIP).collect();
    format!("{head}…")
}

/// The region before (`new` None) or after a change, with the changed parts highlighted.
fn render_change(
    content: &str,
    region: Span,
    edits: &[Edit],
    new: Option<()>,
    paint: &Paint,
    style: Style,
) -> String {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::new();
    let mut at = region.start;
    for (i, edit) in edits.iter().enumerate() {
        if edit.span.start < at {
            continue;
        }
        let before = &content[at..edit.span.start];
        out.push_str(&if i == 0 {
            clip_start(before)
        } else {
            before.to_string()
        });
        let changed = match new {
            None => &content[edit.span.start..edit.span.end],
            Some(()) => edit.content.as_str(),
        };
        out.push_str(&paint.paint(style.bold(), changed));
        at = edit.span.end;
    }
    out.push_str(&clip_end(&content[at..region.end.max(at)]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use termlint::glossary::Severity;

    const TEXT: &str = "The pioneers met. The Byton team left.\nLiu Liu said so.";

    fn finding(needle: &str, suggestions: &[&str]) -> Finding {
        let start = TEXT.find(needle).unwrap();
        let span = Span::new(start, start + needle.len());
        let mut finding = Finding {
            rule: "glossary.variant",
            span,
            kind: None,
            severity: Severity::Warning,
            confidence: 0.9,
            message: "a listed wrong rendering".into(),
            suggestions: suggestions.iter().map(|s| s.to_string()).collect(),
            fix: None,
            entry: None,
            evidence: Vec::new(),
        };
        finding.fix = finding.fix_for(0, Applicability::Safe);
        finding
    }

    fn review(items: Vec<Finding>, answers: &str) -> (Vec<Option<Choice>>, String, End) {
        let items = items.into_iter().map(|f| (0, f)).collect();
        review_files(items, answers)
    }

    /// Reviews findings in two files holding the same text, t.txt and u.txt.
    fn review_files(
        items: Vec<(usize, Finding)>,
        answers: &str,
    ) -> (Vec<Option<Choice>>, String, End) {
        let sources = [
            SourceText::new("t.txt", None, TEXT.to_string()),
            SourceText::new("u.txt", None, TEXT.to_string()),
        ];
        let items = items
            .into_iter()
            .map(|(file, finding)| Item { file, finding })
            .collect();
        let mut out = Vec::new();
        let mut session = Session::new(&sources, items, answers.as_bytes(), &mut out, false);
        let end = session.run().unwrap();
        let choices = session.choices.clone();
        drop(session);
        (choices, String::from_utf8(out).unwrap(), end)
    }

    fn accepted(choice: &Option<Choice>) -> Option<String> {
        match choice {
            Some(Choice::Accept(fix)) => Some(fix.edits[0].content.clone()),
            _ => None,
        }
    }

    #[test]
    fn picks_a_suggestion_by_number() {
        let (choices, out, end) = review(
            vec![finding("pioneers", &["precursors", "forerunners"])],
            "3\n2\n",
        );
        assert_eq!(end, End::Done);
        assert_eq!(accepted(&choices[0]).as_deref(), Some("forerunners"));
        assert!(
            out.contains("suggestions: 1) precursors  2) forerunners"),
            "{out}"
        );
        assert!(out.contains("[1-2,y,n,e,a,d,x,s,u,q,?]"), "{out}");
        assert!(out.contains("Unknown answer '3'"), "{out}");
    }

    #[test]
    fn shows_progress_sentence_and_change() {
        let (_, out, _) = review(
            vec![
                finding("pioneers", &["precursors"]),
                finding("Byton", &["Biden"]),
            ],
            "n\nn\n",
        );
        assert!(out.contains("[finding 2 of 2] t.txt:1:23"), "{out}");
        assert!(out.contains("  The [[Byton]] team left.\n"), "{out}");
        assert!(
            out.contains("  - The Byton team left.\n  + The Biden team left.\n"),
            "{out}"
        );
        assert!(out.contains("why: a listed wrong rendering"), "{out}");
    }

    #[test]
    fn undo_goes_back_and_batches_undo_whole() {
        let findings = vec![
            (0, finding("pioneers", &["precursors"])),
            (0, finding("Byton", &["Biden"])),
            (0, finding("Liu Liu", &["Liu"])),
            (1, finding("Byton", &["Biden"])),
        ];
        // Reject the first, accept the rest in the file, undo that, then decide one by one.
        let (choices, out, _) = review_files(findings, "u\nn\na\nu\ny\ns\nd\n");
        assert!(out.contains("Nothing to undo."), "{out}");
        assert!(out.contains("Accepted 2 changes in t.txt."), "{out}");
        assert!(
            out.contains("Undone: the decision on finding 2 of 4."),
            "{out}"
        );
        assert!(out.contains("[finding 4 of 4] u.txt:1:23"), "{out}");
        assert_eq!(choices[0], Some(Choice::Reject));
        assert_eq!(accepted(&choices[1]).as_deref(), Some("Biden"));
        assert_eq!(choices[2], Some(Choice::Skip));
        assert_eq!(choices[3], Some(Choice::Reject));
    }

    #[test]
    fn overlapping_changes_are_never_both_accepted() {
        let mut wide = finding("Byton team", &["Biden team"]);
        wide.rule = "glossary.variant";
        let (choices, out, _) = review(vec![wide, finding("team", &["squad"])], "y\n");
        assert!(
            out.contains("skipped: it overlaps the change accepted for finding 1"),
            "{out}"
        );
        assert_eq!(choices[1], None);
        // With a, the overlapping one is left out too.
        let (choices, _, _) = review(
            vec![
                finding("Byton team", &["Biden team"]),
                finding("team", &["squad"]),
            ],
            "a\n",
        );
        assert!(matches!(choices[0], Some(Choice::Accept(_))));
        assert_eq!(choices[1], None);
    }

    #[test]
    fn edit_quit_and_end_of_input() {
        let findings = vec![
            finding("pioneers", &["precursors"]),
            finding("Byton", &["Biden"]),
        ];
        // An empty edit cancels; quitting asks first, and n keeps reviewing.
        let (choices, out, end) = review(findings.clone(), "e\n\ne\nforerunners\nq\nn\nq\ny\n");
        assert_eq!(end, End::Quit);
        assert_eq!(accepted(&choices[0]).as_deref(), Some("forerunners"));
        assert_eq!(choices[1], None);
        assert!(
            out.contains("writing the 1 change accepted so far"),
            "{out}"
        );
        let (choices, _, end) = review(findings, "x\n");
        assert_eq!(end, End::Quit);
        assert_eq!(choices[0], Some(Choice::Exception));
    }

    #[test]
    fn reject_rest_of_file_and_help() {
        let findings = vec![
            finding("pioneers", &["precursors"]),
            finding("Byton", &["Biden"]),
        ];
        let (choices, out, end) = review(findings, "?\nd\n");
        assert_eq!(end, End::Done);
        assert!(out.contains("u - undo the last decision"), "{out}");
        assert_eq!(choices, [Some(Choice::Reject), Some(Choice::Reject)]);
    }

    #[test]
    fn sentence_is_cut_from_its_line() {
        let source = SourceText::new("t", None, TEXT.to_string());
        let at = TEXT.find("Byton").unwrap();
        let span = sentence_around(&source, Span::new(at, at + 5));
        assert_eq!(source.slice(span), "The Byton team left.");
    }
}
