//! Where results go: stdout, or a file written atomically (a temporary file in the same
//! directory, then a rename), so a reader never sees half a file and a failure leaves none.
//! Both are buffered streams: results are written as they are computed, never held whole.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::Error;

/// A buffered stream of results: stdout, or a temporary file that becomes `path` only on
/// [`Destination::commit`]. Dropped without commit (an error, a panic), the temporary file
/// is removed; a killed process leaves at most a hidden `.secpa-*.tmp`, never a partial `path`.
pub enum Destination {
    Stdout(BufWriter<std::io::Stdout>),
    File {
        tmp: BufWriter<NamedTempFile>,
        path: PathBuf,
    },
}

impl Destination {
    /// Stdout, or a temporary file beside `path`, refusing to replace one of the `inputs`.
    pub fn create(path: Option<&Path>, inputs: &[&Path]) -> Result<Destination, Error> {
        let Some(path) = path else {
            return Ok(Destination::Stdout(BufWriter::with_capacity(
                64 * 1024,
                std::io::stdout(),
            )));
        };
        let target = canonical(path);
        if inputs.iter().any(|i| canonical(i) == target) {
            return Err(Error::OutputIsInput {
                path: path.display().to_string(),
            });
        }
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".secpa-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|source| write_error(path, source))?;
        Ok(Destination::File {
            tmp: BufWriter::with_capacity(64 * 1024, tmp),
            path: path.to_path_buf(),
        })
    }

    /// The error for a failed write to this destination.
    pub fn error(&self, source: std::io::Error) -> Error {
        match self {
            Destination::Stdout(_) => write_error(Path::new("<stdout>"), source),
            Destination::File { path, .. } => write_error(path, source),
        }
    }

    /// Flushes, and for a file syncs it and renames it over the target.
    pub fn commit(self) -> Result<(), Error> {
        match self {
            Destination::Stdout(mut out) => out
                .flush()
                .map_err(|e| write_error(Path::new("<stdout>"), e)),
            Destination::File { tmp, path } => {
                let err = |source| write_error(&path, source);
                let tmp = tmp.into_inner().map_err(|e| err(e.into_error()))?;
                tmp.as_file().sync_all().map_err(err)?;
                tmp.persist(&path).map_err(|e| err(e.error))?;
                Ok(())
            }
        }
    }
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Destination::Stdout(out) => out.write(buf),
            Destination::File { tmp, .. } => tmp.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Destination::Stdout(out) => out.write_all(buf),
            Destination::File { tmp, .. } => tmp.write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Destination::Stdout(out) => out.flush(),
            Destination::File { tmp, .. } => tmp.flush(),
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

/// Writes `bytes` to stdout.
pub fn write_stdout(bytes: &[u8]) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|source| Error::Write {
            path: "<stdout>".into(),
            source,
        })
}

/// The path with symlinks and `..` resolved when it exists; as given otherwise.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
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
