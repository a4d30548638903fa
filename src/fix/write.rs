//! Writing corrected text back to disk without ever losing data.
//!
//! Every write of a user's file goes through [`write_file`] (fix --write, review's accepted
//! changes, baseline saves). What it promises:
//!
//! - **Atomic.** The new content goes to a temporary file in the same directory, is flushed to
//!   disk and renamed over the original: readers see the old file or the new one, never half.
//! - **Changed on disk means not written.** The original is locked (an advisory `flock`, which
//!   other termlint runs honour) and compared with the bytes that were checked; a file that no
//!   longer holds them is left alone. Two runs on one file therefore never both win: the
//!   second finds the first one's result and refuses.
//! - **Nobody else's bytes are dropped.** A process that keeps the file open for writing (a
//!   logger appending to it) would go on writing to the replaced file, where its lines vanish.
//!   On Linux a read lease tells whether anyone has the file open for writing, so such a file
//!   is refused. Where no lease can be had, the old file stays linked under a sibling name
//!   during the rename; if it grew meanwhile it is kept there and the write is reported as an
//!   error naming that file.
//! - **Metadata kept.** Mode, owner and group carry over; a file whose owner cannot be kept is
//!   refused. Symlinks are written through to their target.
//! - **Read-only and hard-linked files are refused** unless forced: a read-only file is then
//!   replaced (keeping its mode), and a file with several names, or whose owner cannot be kept,
//!   is written in place, so every name sees the new text (in place is not atomic, which is
//!   why it needs asking).
//! - **Interrupted cleanly.** [`abandon`] (called on SIGINT/SIGTERM by the binary) removes the
//!   temporary files of writes in progress and waits for a rename under way to finish, so an
//!   interrupted run leaves the original byte for byte as it was.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{FileExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// Why a file was not written (or, for [`WriteError::Kept`], written with a warning).
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0}: not written: the file changed on disk since it was read; check it again")]
    Changed(PathBuf),
    #[error("{0}: not written: the file is read-only (--force writes it anyway)")]
    ReadOnly(PathBuf),
    #[error(
        "{path}: not written: the file has {links} hard links, and replacing it would leave the \
         other names with the old text (--force writes it in place)"
    )]
    HardLinks { path: PathBuf, links: u64 },
    #[error(
        "{path}: not written: cannot give the new file the owner {uid}:{gid} of the old one \
         ({source}) (--force writes it in place)"
    )]
    Owner {
        path: PathBuf,
        uid: u32,
        gid: u32,
        #[source]
        source: io::Error,
    },
    #[error(
        "{0}: not written: another process has the file open for writing, and what it writes \
         after the file is replaced would be lost"
    )]
    InUse(PathBuf),
    #[error(
        "{path}: written, but another process wrote to the old file while it was replaced; \
         the old file, with what it wrote, is kept as {kept}"
    )]
    Kept { path: PathBuf, kept: PathBuf },
    #[error("{0}: not written: the file already exists")]
    Exists(PathBuf),
    #[error("{0}: not written: interrupted")]
    Interrupted(PathBuf),
    #[error("{path}: not written: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// How far [`write_file`] may go.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions {
    /// Write read-only files, and write files with several hard links (or whose owner cannot
    /// be kept) in place.
    pub force: bool,
}

/// Temporary files being written, so that a signal can remove them.
struct InFlight {
    temps: Vec<PathBuf>,
    stopped: bool,
}

static IN_FLIGHT: Mutex<InFlight> = Mutex::new(InFlight {
    temps: Vec::new(),
    stopped: false,
});

fn in_flight() -> MutexGuard<'static, InFlight> {
    IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner())
}

/// Removes the temporary files of every write in progress and stops any write from finishing.
/// Returns once no rename or in-place write is under way; for a signal handler that then ends
/// the process, leaving every file either untouched or completely written.
pub fn abandon() {
    let mut guard = in_flight();
    guard.stopped = true;
    for temp in guard.temps.drain(..) {
        let _ = fs::remove_file(temp);
    }
    // Keep the lock for good: a write in another thread can no longer commit.
    std::mem::forget(guard);
}

/// Replaces the contents of `path` with `new`, provided it still holds `expected`.
pub fn write_atomic(path: &Path, expected: &[u8], new: &[u8]) -> Result<(), WriteError> {
    write_file(path, expected, new, WriteOptions::default())
}

/// Replaces the contents of `path` with `new`, provided it still holds `expected`, keeping its
/// mode, owner and group; see the module documentation for what is refused and why.
pub fn write_file(
    path: &Path,
    expected: &[u8],
    new: &[u8],
    options: WriteOptions,
) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Write through symlinks to the file they point at, as editors do.
    let target = fs::canonicalize(path).map_err(io)?;
    let mut original = open_locked(&target).map_err(io)?;
    let before = original.metadata().map_err(io)?;
    let mut content = Vec::with_capacity(expected.len());
    original.read_to_end(&mut content).map_err(io)?;
    if content != expected {
        return Err(WriteError::Changed(path.to_path_buf()));
    }
    drop(content);
    if !options.force && read_only(&target, &before) {
        return Err(WriteError::ReadOnly(path.to_path_buf()));
    }
    if before.nlink() > 1 {
        if !options.force {
            return Err(WriteError::HardLinks {
                path: path.to_path_buf(),
                links: before.nlink(),
            });
        }
        return write_in_place(path, &target, &before, new);
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let temp = Temp::create(dir, None).map_err(io)?;
    let result = (|| {
        let file = temp.file();
        (&*file).write_all(new).map_err(io)?;
        let made = file.metadata().map_err(io)?;
        if (made.uid(), made.gid()) != (before.uid(), before.gid())
            && let Err(source) =
                std::os::unix::fs::fchown(file, Some(before.uid()), Some(before.gid()))
        {
            if options.force {
                return Err(None);
            }
            return Err(Some(WriteError::Owner {
                path: path.to_path_buf(),
                uid: before.uid(),
                gid: before.gid(),
                source,
            }));
        }
        // After the chown, which may clear set-id bits.
        file.set_permissions(before.permissions()).map_err(io)?;
        file.sync_all().map_err(io)?;
        Ok(())
    })();
    match result {
        Ok(()) => temp.commit(path, &target, &original, &before),
        Err(Some(e)) => Err(e),
        // The owner cannot be kept and the user asked to write anyway: in place keeps it.
        Err(None) => {
            drop(temp);
            write_in_place(path, &target, &before, new)
        }
    }
}

/// Creates `path` with `content` unless it exists, with the permissions any new file gets
/// (0666 less the umask): a new file is meant to be shared like any other.
pub fn create_new(path: &Path, content: &[u8]) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = Temp::create(dir, Some(0o666)).map_err(io)?;
    let file = temp.file();
    (&*file).write_all(content).map_err(io)?;
    file.sync_all().map_err(io)?;
    let mut guard = in_flight();
    if guard.stopped {
        return Err(WriteError::Interrupted(path.to_path_buf()));
    }
    let temp = temp.file.take().expect("not yet renamed");
    guard.temps.retain(|p| p != temp.path());
    match temp.persist_noclobber(path) {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => {
            Err(WriteError::Exists(path.to_path_buf()))
        }
        Err(e) => Err(io(e.error)),
    }
}

/// Writes `content` to `path` whether or not it exists (a report, a patch): through a
/// symlink to the file it names, atomically, keeping an old file's permissions and giving a
/// new one those of any new file. Its temporary file is removed on Ctrl-C like the others.
pub fn replace(path: &Path, content: &[u8]) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = Temp::create(dir, Some(0o666)).map_err(io)?;
    let file = temp.file();
    (&*file).write_all(content).map_err(io)?;
    file.sync_all().map_err(io)?;
    if let Ok(metadata) = fs::metadata(&target) {
        file.set_permissions(metadata.permissions()).map_err(io)?;
    }
    let mut guard = in_flight();
    if guard.stopped {
        return Err(WriteError::Interrupted(path.to_path_buf()));
    }
    let temp = temp.file.take().expect("not yet renamed");
    guard.temps.retain(|p| p != temp.path());
    temp.persist(&target).map_err(|e| io(e.error))?;
    Ok(())
}

/// Opens `target` and takes an exclusive advisory lock on it, making sure the lock is on the
/// file that `target` names now: a run that replaced it while this one waited has locked the
/// old one, which no longer matters.
fn open_locked(target: &Path) -> io::Result<File> {
    loop {
        let file = File::open(target)?;
        file.lock()?;
        let held = file.metadata()?;
        let now = fs::metadata(target)?;
        if (held.dev(), held.ino()) == (now.dev(), now.ino()) {
            return Ok(file);
        }
    }
}

/// Read-only: no write permission bits at all, or none for this user.
fn read_only(target: &Path, metadata: &fs::Metadata) -> bool {
    if metadata.permissions().readonly() {
        return true;
    }
    let Ok(c_path) = std::ffi::CString::new(target.as_os_str().as_encoded_bytes()) else {
        return false;
    };
    // SAFETY: a valid NUL-terminated path; access only reads it.
    unsafe { libc::access(c_path.as_ptr(), libc::W_OK) != 0 }
}

/// Whether the file still looks as it did when it was compared (same size and change time).
fn unchanged(file: &File, before: &fs::Metadata) -> io::Result<bool> {
    let now = file.metadata()?;
    Ok(now.len() == before.len()
        && (now.mtime(), now.mtime_nsec()) == (before.mtime(), before.mtime_nsec()))
}

/// Overwrites the file itself, so that every hard link sees the new text and owner, group and
/// mode stay as they are. Not atomic: a crash midway leaves it half written, so only on request.
fn write_in_place(
    path: &Path,
    target: &Path,
    before: &fs::Metadata,
    new: &[u8],
) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Held throughout, so that a signal waits for the write to finish.
    let guard = in_flight();
    if guard.stopped {
        return Err(WriteError::Interrupted(path.to_path_buf()));
    }
    let file = OpenOptions::new().write(true).open(target).map_err(io)?;
    let now = file.metadata().map_err(io)?;
    if (now.dev(), now.ino()) != (before.dev(), before.ino())
        || !unchanged(&file, before).map_err(io)?
    {
        return Err(WriteError::Changed(path.to_path_buf()));
    }
    file.write_all_at(new, 0).map_err(io)?;
    file.set_len(new.len() as u64).map_err(io)?;
    file.sync_all().map_err(io)?;
    drop(guard);
    Ok(())
}

/// A temporary file beside the one it will replace, known to [`abandon`] while it exists.
struct Temp {
    /// `None` once renamed into place.
    file: Option<tempfile::NamedTempFile>,
}

impl Temp {
    fn file(&self) -> &File {
        self.file.as_ref().expect("not yet renamed").as_file()
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            let path = file.path().to_path_buf();
            drop(file);
            in_flight().temps.retain(|p| *p != path);
        }
    }
}

impl Temp {
    fn create(dir: &Path, mode: Option<u32>) -> io::Result<Temp> {
        let mut guard = in_flight();
        if guard.stopped {
            return Err(io::Error::other("interrupted"));
        }
        let mut builder = tempfile::Builder::new();
        builder.prefix(".termlint-").suffix(".tmp");
        if let Some(mode) = mode {
            // Passed to open(2), so the umask applies.
            builder.permissions(fs::Permissions::from_mode(mode));
        }
        let file = builder.tempfile_in(dir)?;
        guard.temps.push(file.path().to_path_buf());
        Ok(Temp { file: Some(file) })
    }

    /// Renames the temporary file over `target` unless the original changed or is open for
    /// writing elsewhere; see the module documentation.
    fn commit(
        mut self,
        path: &Path,
        target: &Path,
        original: &File,
        before: &fs::Metadata,
    ) -> Result<(), WriteError> {
        let io = |source| WriteError::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut guard = in_flight();
        if guard.stopped {
            return Err(WriteError::Interrupted(path.to_path_buf()));
        }
        let lease = lease::Read::take(original);
        if lease == lease::Taken::InUse {
            return Err(WriteError::InUse(path.to_path_buf()));
        }
        // Last look just before the rename: the same file, not written to since the compare.
        let now = fs::metadata(target).map_err(io)?;
        if (now.dev(), now.ino()) != (before.dev(), before.ino())
            || !unchanged(original, before).map_err(io)?
        {
            return Err(WriteError::Changed(path.to_path_buf()));
        }
        // The old file stays reachable under a sibling name until it is known that nobody
        // wrote to it during the rename.
        let dir = target.parent().unwrap_or(Path::new("."));
        let name = target.file_name().unwrap_or_default().to_string_lossy();
        let old = tempfile::Builder::new()
            .prefix(&format!("{name}.termlint-old-"))
            .make_in(dir, |candidate| fs::hard_link(target, candidate))
            .map_err(io)?
            .into_temp_path();
        let temp = self.file.take().expect("not yet renamed");
        let temp_path = temp.path().to_path_buf();
        let renamed = temp.persist(target);
        guard.temps.retain(|p| *p != temp_path);
        renamed.map_err(|e| io(e.error))?;
        let quiet = match lease {
            lease::Taken::Held => lease::Read::still_held(original),
            _ => true,
        };
        if quiet && unchanged(original, before).map_err(io)? {
            return Ok(());
        }
        let kept = old.keep().map_err(|e| io(e.error))?;
        Err(WriteError::Kept {
            path: path.to_path_buf(),
            kept,
        })
    }
}

/// Linux read leases: granted only while no process has the file open for writing, and
/// broken (with a SIGIO to the holder) when one opens it for writing.
mod lease {
    use std::fs::File;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Taken {
        /// Nobody has the file open for writing, and an opener will be noticed.
        Held,
        /// Someone has the file open for writing.
        InUse,
        /// Leases are not available here (another file system, another system, no right).
        Unknown,
    }

    pub struct Read;

    #[cfg(target_os = "linux")]
    impl Read {
        pub fn take(file: &File) -> Taken {
            use std::os::fd::AsRawFd;
            use std::sync::Once;
            use std::sync::atomic::AtomicBool;
            static BROKEN: AtomicBool = AtomicBool::new(false);
            static HANDLER: Once = Once::new();
            // A lease break sends SIGIO, which would otherwise end the process.
            HANDLER.call_once(|| {
                let _ = signal_hook::flag::register(signal_hook::consts::SIGIO, &BROKEN);
            });
            // SAFETY: fcntl on a file descriptor that `file` keeps open.
            let taken = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_SETLEASE, libc::F_RDLCK) };
            if taken == 0 {
                Taken::Held
            } else if std::io::Error::last_os_error().raw_os_error() == Some(libc::EAGAIN) {
                Taken::InUse
            } else {
                Taken::Unknown
            }
        }

        /// False once someone opened the file for writing after the lease was taken.
        pub fn still_held(file: &File) -> bool {
            use std::os::fd::AsRawFd;
            // SAFETY: as above.
            unsafe { libc::fcntl(file.as_raw_fd(), libc::F_GETLEASE) == libc::F_RDLCK }
        }
    }

    #[cfg(not(target_os = "linux"))]
    impl Read {
        pub fn take(_: &File) -> Taken {
            Taken::Unknown
        }

        pub fn still_held(_: &File) -> bool {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o7777
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_content_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"old", b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(mode(&path), 0o640);
        assert_eq!(names_in(dir.path()), ["a.txt"], "no temporary file is left");
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

    #[test]
    fn writes_through_a_symlink_to_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        let link = dir.path().join("link.txt");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink("real.txt", &link).unwrap();
        write_atomic(&link, b"old", b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }

    /// Many writers, each adding its own mark to what it read, retrying when told the file
    /// changed: with the lock and the compare under it, no mark is ever lost.
    #[test]
    fn concurrent_writers_never_lose_each_others_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared.txt");
        fs::write(&path, "").unwrap();
        let writers = 8;
        let rounds = 25;
        std::thread::scope(|scope| {
            for w in 0..writers {
                let path = &path;
                scope.spawn(move || {
                    for r in 0..rounds {
                        loop {
                            let old = fs::read(path).unwrap();
                            let mut new = old.clone();
                            new.extend_from_slice(format!("{w}:{r}\n").as_bytes());
                            match write_atomic(path, &old, &new) {
                                Ok(()) => break,
                                Err(WriteError::Changed(_)) => continue,
                                Err(e) => panic!("{e}"),
                            }
                        }
                    }
                });
            }
        });
        let text = fs::read_to_string(&path).unwrap();
        for w in 0..writers {
            for r in 0..rounds {
                assert!(text.contains(&format!("{w}:{r}\n")), "{w}:{r} lost");
            }
        }
        assert_eq!(text.lines().count(), writers * rounds);
    }

    #[test]
    fn refuses_a_read_only_file_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        let err = write_atomic(&path, b"old", b"new").unwrap_err();
        assert!(matches!(err, WriteError::ReadOnly(_)), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        write_file(&path, b"old", b"new", WriteOptions { force: true }).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(mode(&path), 0o444);
    }

    #[test]
    fn refuses_a_hard_linked_file_unless_forced_then_writes_every_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        let other = dir.path().join("b.txt");
        fs::write(&path, "old text").unwrap();
        fs::hard_link(&path, &other).unwrap();
        let err = write_atomic(&path, b"old text", b"new").unwrap_err();
        assert!(
            matches!(err, WriteError::HardLinks { links: 2, .. }),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&other).unwrap(), "old text");
        write_file(&path, b"old text", b"new", WriteOptions { force: true }).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(fs::read_to_string(&other).unwrap(), "new");
        assert_eq!(fs::metadata(&path).unwrap().nlink(), 2);
    }

    #[test]
    fn keeps_owner_and_group() {
        if unsafe { libc::geteuid() } != 0 {
            // Giving a file away needs root; tests/write_safety.rs says so when it skips.
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "old").unwrap();
        std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o664)).unwrap();
        write_atomic(&path, b"old", b"new").unwrap();
        let meta = fs::metadata(&path).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (65534, 65534));
        assert_eq!(mode(&path), 0o664);
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn refuses_a_file_open_for_writing_elsewhere() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.txt");
        fs::write(&path, "line 1\n").unwrap();
        let mut appender = OpenOptions::new().append(true).open(&path).unwrap();
        let err = write_atomic(&path, b"line 1\n", b"LINE 1\n").unwrap_err();
        assert!(matches!(err, WriteError::InUse(_)), "{err}");
        appender.write_all(b"line 2\n").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "line 1\nline 2\n");
        assert_eq!(names_in(dir.path()), ["log.txt"]);
    }

    #[test]
    fn a_new_file_gets_the_umask_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.json");
        let status = fs::read_to_string("/proc/self/status").unwrap();
        let umask = status
            .lines()
            .find_map(|l| l.strip_prefix("Umask:"))
            .map(|m| u32::from_str_radix(m.trim(), 8).unwrap())
            .unwrap();
        create_new(&path, b"{}").unwrap();
        assert_eq!(mode(&path), 0o666 & !umask);
        assert_eq!(fs::read(&path).unwrap(), b"{}");
        let err = create_new(&path, b"[]").unwrap_err();
        assert!(matches!(err, WriteError::Exists(_)));
        assert_eq!(fs::read(&path).unwrap(), b"{}");
    }

    #[test]
    fn replace_writes_every_byte_keeps_an_old_files_mode_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.sarif");
        let bytes = b"\xef\xbb\xbf{\r\n}\r\n\0tail";
        replace(&path, bytes).unwrap();
        assert_eq!(fs::read(&path).unwrap(), bytes);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        replace(&path, b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(mode(&path), 0o640);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
