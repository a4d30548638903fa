//! Where `check` and `fix` write their report: stdout, or with `-o FILE` a file that is
//! replaced whole when the run ends, so a CI step never reads half a report and a failed run
//! leaves the last complete one in place.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Quiet;
use super::args::EvalFormat;
use super::inputs::Input;
use super::review::{same_file, write_file_atomic};

/// Stdout, or the report kept in memory until [`Sink::close`] writes it to its file.
pub(crate) enum Sink<'a> {
    Stdout(io::BufWriter<Quiet<io::StdoutLock<'a>>>),
    File { path: PathBuf, report: Vec<u8> },
}

impl Sink<'_> {
    /// A sink for `-o FILE` (`-` or none: stdout).
    pub(crate) fn new(output: Option<&Path>) -> Sink<'static> {
        match output {
            Some(path) if path.as_os_str() != "-" => Sink::File {
                path: path.to_path_buf(),
                report: Vec::new(),
            },
            _ => Sink::Stdout(io::BufWriter::new(Quiet::new(io::stdout().lock()))),
        }
    }

    /// Whether the report goes to a file (stdout is then free, and not the report's).
    pub(crate) fn is_file(&self) -> bool {
        matches!(self, Sink::File { .. })
    }

    /// Flushes stdout, or writes the file atomically; the error names the file.
    pub(crate) fn close(self) -> Result<(), String> {
        match self {
            Sink::Stdout(mut out) => out.flush().map_err(|e| e.to_string()),
            Sink::File { path, report } => write_file_atomic(&path, &report)
                .map_err(|e| format!("{}: cannot write the report: {e}", path.display())),
        }
    }
}

impl Write for Sink<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(out) => out.write(buf),
            Sink::File { report, .. } => report.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::File { .. } => Ok(()),
        }
    }
}

/// Whether the report may go to `out`: never over a text being checked, a glossary or the
/// baseline (`-o article.txt` would otherwise replace the article with its own report), and
/// only into a folder that exists, which is known before the run rather than after it.
pub(crate) fn target(
    out: &Path,
    inputs: &[Input],
    glossaries: &[PathBuf],
    baseline: &Path,
) -> Result<(), String> {
    if out.as_os_str() == "-" {
        return Ok(());
    }
    if let Some(path) = inputs
        .iter()
        .filter_map(Input::path)
        .find(|path| same_file(out, path))
    {
        return Err(format!("it is {}, a text to check", path.display()));
    }
    if let Some(glossary) = glossaries.iter().find(|g| same_file(out, g)) {
        return Err(format!("it is {}, a glossary", glossary.display()));
    }
    if same_file(out, baseline) {
        return Err("it is the baseline of remembered decisions".into());
    }
    if out.is_dir() {
        return Err("it is a folder".into());
    }
    match out.parent() {
        Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => {
            Err(format!("the folder {} does not exist", dir.display()))
        }
        _ => Ok(()),
    }
}

/// Writes the report of `eval`, `glossary expand` or `glossary show` to stdout: pretty JSON of
/// `value`, or the text `human` writes from it.
pub(crate) fn print_report<T: Serialize>(
    format: EvalFormat,
    value: &T,
    human: impl FnOnce(&mut dyn Write, &T) -> io::Result<()>,
) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match format {
        EvalFormat::Json => {
            serde_json::to_writer_pretty(&mut out, value)?;
            writeln!(out)?;
        }
        EvalFormat::Human => human(&mut out, value)?,
    }
    out.flush()
}
