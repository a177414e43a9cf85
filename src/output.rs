//! Where results go: stdout, or a file written atomically (a temporary file in the same
//! directory, then a rename), so a reader never sees half a file and a failure leaves none.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Error;

/// Writes `bytes` to `path` atomically, refusing to replace one of the `inputs`.
pub fn write_file(path: &Path, bytes: &[u8], inputs: &[&Path]) -> Result<(), Error> {
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
    let err = |source| Error::Write {
        path: path.display().to_string(),
        source,
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".secpa-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
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
    }
}
