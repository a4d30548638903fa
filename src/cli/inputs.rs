//! Turning path arguments into texts: files, folders (walked, .gitignore respected) and stdin.

use std::io::{IsTerminal, Read};
use std::path::PathBuf;

use termlint::source::{SourceError, SourceText};

/// One input to check.
#[derive(Debug, Clone)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    pub fn read(&self) -> Result<SourceText, SourceError> {
        match self {
            Input::File(path) => SourceText::read(path),
            Input::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut bytes)
                    .map_err(|source| SourceError::Io {
                        name: "-".to_string(),
                        source,
                    })?;
                SourceText::from_bytes("-", None, bytes)
            }
        }
    }
}

/// Expands the path arguments. Folders are walked in sorted order; hidden and ignored files
/// are skipped as ripgrep does. Errors (a missing path) are returned beside the inputs so the
/// other inputs are still checked.
pub fn collect(paths: &[PathBuf]) -> Result<(Vec<Input>, Vec<String>), String> {
    if paths.is_empty() {
        if std::io::stdin().is_terminal() {
            return Err("no input: give files or folders to check, or `-` to read stdin".into());
        }
        return Ok((vec![Input::Stdin], Vec::new()));
    }
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            let mut files = Vec::new();
            for entry in ignore::WalkBuilder::new(path)
                .sort_by_file_name(|a, b| a.cmp(b))
                .build()
            {
                match entry {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                        files.push(e.into_path())
                    }
                    Ok(_) => {}
                    Err(e) => errors.push(format!("{}: {e}", path.display())),
                }
            }
            inputs.extend(files.into_iter().map(Input::File));
        } else if path.exists() {
            inputs.push(Input::File(path.clone()));
        } else {
            errors.push(format!("{}: no such file or folder", path.display()));
        }
    }
    Ok((inputs, errors))
}
