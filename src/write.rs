//! Writing corrected text back to disk without ever losing data.
//!
//! The new content goes to a temporary file in the same directory, is flushed to disk, takes
//! the original file's permissions, and is renamed over the original: readers see the old
//! file or the new one, never half of either. If the file on disk no longer holds the bytes
//! that were checked, nothing is written.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0}: not written: the file changed on disk since it was read; check it again")]
    Changed(PathBuf),
    #[error("{path}: not written: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Replaces the contents of `path` with `new`, provided it still holds `expected`.
pub fn write_atomic(path: &Path, expected: &[u8], new: &[u8]) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Write through symlinks to the file they point at, as editors do.
    let target = fs::canonicalize(path).map_err(io)?;
    let metadata = fs::metadata(&target).map_err(io)?;
    if fs::read(&target).map_err(io)? != expected {
        return Err(WriteError::Changed(path.to_path_buf()));
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".termlint-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    temp.write_all(new).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    fs::set_permissions(temp.path(), metadata.permissions()).map_err(io)?;
    // Last look just before the rename: the window for a concurrent change is now tiny.
    if fs::read(&target).map_err(io)? != expected {
        return Err(WriteError::Changed(path.to_path_buf()));
    }
    temp.persist(&target).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&path, b"old", b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn refuses_when_the_file_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "edited meanwhile").unwrap();
        let err = write_atomic(&path, b"old", b"new").unwrap_err();
        assert!(matches!(err, WriteError::Changed(_)));
        assert_eq!(fs::read_to_string(&path).unwrap(), "edited meanwhile");
    }
}
