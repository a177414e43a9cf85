//! Where results go: stdout, or a file written atomically (a temporary file in the same
//! directory, then a rename), so a reader never sees half a file and a failure leaves none.
//! Both are buffered streams: results are written as they are computed, never held whole.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

// I/O only: the core's errors (said by `say::error`).
use secpa_core::Error;

/// A buffered stream of results: stdout, or a temporary file that becomes `path` only on
/// [`Destination::commit`]. Dropped without commit (an error, a panic), the temporary file
/// is removed; so it is on SIGINT, SIGTERM and SIGHUP; a killed process (SIGKILL) leaves at
/// most a hidden `.secpa-*.tmp`, never a partial `path`, and the next run reports it.
pub enum Destination {
    Stdout(BufWriter<QuietStdout>),
    File {
        tmp: BufWriter<NamedTempFile>,
        /// The file replaced: `--output`, or the file its symlink points to.
        path: PathBuf,
        /// The mode of the file replaced, kept; a new file has 0666 minus the umask.
        mode: Option<u32>,
    },
    /// A device, FIFO or socket (`/dev/null`, a named pipe): written in place, since
    /// renaming a regular file over it would replace the special file itself.
    InPlace {
        out: BufWriter<std::fs::File>,
        path: PathBuf,
    },
}

impl Destination {
    /// Stdout (no path, or `-`), or a temporary file beside `path`, refusing to replace one of
    /// the `inputs` (the same file under any name: compared by device and inode), or the
    /// file standard input is redirected from (`secpa compute - -o in.csv < in.csv`).
    pub fn create(path: Option<&Path>, inputs: &[&Path]) -> Result<Destination, Error> {
        let path = match path {
            Some(p) if p.as_os_str() != "-" => p,
            _ => {
                return Ok(Destination::Stdout(BufWriter::with_capacity(
                    64 * 1024,
                    QuietStdout::default(),
                )))
            }
        };
        if inputs.iter().any(|i| same_file(path, i)) {
            return Err(Error::OutputIsInput {
                path: path.display().to_string(),
            });
        }
        if is_stdin(path) {
            return Err(Error::OutputIsStdin {
                path: path.display().to_string(),
            });
        }
        // A symlink is followed: its target is replaced, the link stays.
        let target = match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => {
                std::fs::canonicalize(path).map_err(|e| write_error(path, e))?
            }
            _ => path.to_path_buf(),
        };
        let mode = match std::fs::metadata(&target) {
            Ok(m) if !m.is_file() && !m.is_dir() => {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(&target)
                    .map_err(|e| write_error(path, e))?;
                return Ok(Destination::InPlace {
                    out: BufWriter::with_capacity(64 * 1024, file),
                    path: path.to_path_buf(),
                });
            }
            Ok(m) if m.is_file() => {
                use std::os::unix::fs::PermissionsExt;
                Some(m.permissions().mode())
            }
            _ => None,
        };
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let tmp = {
            use std::os::unix::fs::PermissionsExt;
            // 0666 minus the umask, as any new file; an existing file's mode is set back
            // on commit.
            tempfile::Builder::new()
                .prefix(TEMP_PREFIX)
                .suffix(TEMP_SUFFIX)
                .permissions(std::fs::Permissions::from_mode(0o666))
                .tempfile_in(dir)
                .map_err(|source| write_error(path, source))?
        };
        cleanup::register(tmp.path());
        Ok(Destination::File {
            tmp: BufWriter::with_capacity(64 * 1024, tmp),
            path: target,
            mode,
        })
    }

    /// The error for a failed write to this destination.
    pub fn error(&self, source: std::io::Error) -> Error {
        match self {
            Destination::Stdout(_) => write_error(Path::new("<stdout>"), source),
            Destination::File { path, .. } | Destination::InPlace { path, .. } => {
                write_error(path, source)
            }
        }
    }

    /// Flushes, and for a file syncs it and renames it over the target.
    pub fn commit(self) -> Result<(), Error> {
        match self {
            Destination::Stdout(mut out) => out
                .flush()
                .map_err(|e| write_error(Path::new("<stdout>"), e)),
            Destination::InPlace { mut out, path } => {
                out.flush().map_err(|e| write_error(&path, e))
            }
            Destination::File { tmp, path, mode } => {
                let err = |source| write_error(&path, source);
                let tmp = tmp.into_inner().map_err(|e| err(e.into_error()))?;
                if let Some(mode) = mode {
                    use std::os::unix::fs::PermissionsExt;
                    let permissions = std::fs::Permissions::from_mode(mode);
                    tmp.as_file().set_permissions(permissions).map_err(err)?;
                }
                tmp.as_file().sync_all().map_err(err)?;
                let tmp_path = tmp.path().to_path_buf();
                tmp.persist(&path).map_err(|e| err(e.error))?;
                cleanup::unregister(&tmp_path);
                Ok(())
            }
        }
    }
}

/// What our temporary files are called: `.secpa-XXXXXX.tmp`, hidden, beside the output.
const TEMP_PREFIX: &str = ".secpa-";
const TEMP_SUFFIX: &str = ".tmp";

/// Temporary files of ours left beside `path` by an earlier run that was killed (SIGKILL,
/// power cut): reported, never removed (another run may be writing them right now).
pub fn stale_temp_files(path: &Path) -> Vec<PathBuf> {
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut stale: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
        })
        .map(|e| e.path())
        .collect();
    stale.sort();
    stale
}

/// Whether `a` and `b` are the same file (same device and inode), whatever their names:
/// a hard link, a bind mount or `./x` are caught too. An absent file is no one's.
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Whether `path` is the file standard input reads (`< path`, or a pipe from it does not
/// count): fstat of descriptor 0 against stat of `path`, by device and inode. Checked for
/// every output whatever the command, since a command reading `-` may have spooled the
/// file already and would then replace it with its own results.
fn is_stdin(path: &Path) -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let Ok(fd) = std::io::stdin().as_fd().try_clone_to_owned() else {
        return false; // descriptor 0 closed: nothing to replace
    };
    match (std::fs::File::from(fd).metadata(), std::fs::metadata(path)) {
        (Ok(stdin), Ok(out)) => {
            stdin.is_file() && stdin.dev() == out.dev() && stdin.ino() == out.ino()
        }
        _ => false,
    }
}

/// Standard output that a closed pipe (`secpa … | head`) silences instead of failing: the
/// first EPIPE is remembered, every later write is dropped, and the run goes on to its end
/// so that its exit status still says whether rows are in error (a script under
/// `set -o pipefail` must not see a clean file because `head` stopped reading).
#[derive(Default)]
pub struct QuietStdout {
    closed: bool,
}

impl QuietStdout {
    /// Whether the reader of standard output has gone.
    pub fn closed(&self) -> bool {
        self.closed
    }

    fn quiet<T>(&mut self, result: std::io::Result<T>, none: T) -> std::io::Result<T> {
        match result {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(none)
            }
            other => other,
        }
    }
}

impl Write for QuietStdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = std::io::stdout().lock().write(buf);
        self.quiet(result, buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = std::io::stdout().lock().write_all(buf);
        self.quiet(result, ())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = std::io::stdout().lock().flush();
        self.quiet(result, ())
    }
}

/// Temporary files to remove when the process is interrupted (SIGINT, SIGTERM, SIGHUP).
mod cleanup {
    use std::path::{Path, PathBuf};
    use std::sync::{Mutex, Once};

    static TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

    /// Notes a temporary file; the first one installs the signal watcher.
    pub fn register(path: &Path) {
        static WATCHER: Once = Once::new();
        WATCHER.call_once(watch);
        if let Ok(mut temps) = TEMPS.lock() {
            temps.push(path.to_path_buf());
        }
    }

    /// Forgets a temporary file: renamed into place, or removed.
    pub fn unregister(path: &Path) {
        if let Ok(mut temps) = TEMPS.lock() {
            temps.retain(|p| p != path);
        }
    }

    /// A thread that waits for SIGINT, SIGTERM or SIGHUP, removes the temporary files,
    /// then lets the signal do what it would have done (end the process with its status).
    fn watch() {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                if let Ok(temps) = TEMPS.lock() {
                    for path in temps.iter() {
                        let _ = std::fs::remove_file(path);
                    }
                }
                let _ = signal_hook::low_level::emulate_default_handler(signal);
            }
        });
    }
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Destination::Stdout(out) => out.write(buf),
            Destination::File { tmp, .. } => tmp.write(buf),
            Destination::InPlace { out, .. } => out.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Destination::Stdout(out) => out.write_all(buf),
            Destination::File { tmp, .. } => tmp.write_all(buf),
            Destination::InPlace { out, .. } => out.write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Destination::Stdout(out) => out.flush(),
            Destination::File { tmp, .. } => tmp.flush(),
            Destination::InPlace { out, .. } => out.flush(),
        }
    }
}

fn write_error(path: &Path, source: std::io::Error) -> Error {
    Error::Write {
        path: path.display().to_string(),
        source,
    }
}

/// Writes `bytes` to `path` atomically, refusing to replace one of the `inputs`.
pub fn write_file(path: &Path, bytes: &[u8], inputs: &[&Path]) -> Result<(), Error> {
    let mut out = Destination::create(Some(path), inputs)?;
    out.write_all(bytes).map_err(|e| out.error(e))?;
    out.commit()
}

/// Writes `bytes` to stdout; a closed pipe is not an error (the caller's status stands).
pub fn write_stdout(bytes: &[u8]) -> Result<(), Error> {
    let mut out = QuietStdout::default();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|source| Error::Write {
            path: "<stdout>".into(),
            source,
        })
}

/// Writes to stderr, never panicking: a closed or full stderr loses the text, not the run.
/// (Here, not in `cmd`, so that `cli` can say its usage errors without depending on `cmd`.)
pub fn eprint_quietly(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_then_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_file(&path, b"one", &[]).unwrap();
        write_file(&path, b"two", &[]).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file left behind");
    }

    #[test]
    fn refuses_to_overwrite_an_input() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.csv");
        std::fs::write(&input, b"data").unwrap();
        let same = dir.path().join(".").join("in.csv");
        assert!(matches!(
            write_file(&same, b"x", &[&input]),
            Err(Error::OutputIsInput { .. })
        ));
        assert_eq!(std::fs::read(&input).unwrap(), b"data");
    }

    #[test]
    fn a_missing_directory_is_an_error_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("absent").join("out.csv");
        assert!(matches!(
            write_file(&path, b"x", &[]),
            Err(Error::Write { .. })
        ));
        assert!(!dir.path().join("absent").exists());
    }

    #[test]
    fn an_abandoned_destination_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        let mut out = Destination::create(Some(&path), &[]).unwrap();
        out.write_all(&[b'x'; 200_000]).unwrap();
        drop(out);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_read_only_directory_is_an_error_and_leaves_the_previous_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, b"previous").unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        let result = write_file(&path, b"new", &[]);
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        // root ignores permission bits: the write may then succeed, but never half-way.
        match result {
            Err(Error::Write { .. }) => assert_eq!(std::fs::read(&path).unwrap(), b"previous"),
            Ok(()) => assert_eq!(std::fs::read(&path).unwrap(), b"new"),
            Err(e) => panic!("{e}"),
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
