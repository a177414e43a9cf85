//! The one opener of candidature files, for every command: a path, or `-` for standard
//! input, whatever the format: CSV as every Excel or LibreOffice flavour saves it,
//! `.xlsx`/`.xlsm`, `.ods`. A CSV file is streamed (memory flat in its size); a workbook is
//! read whole, after the zip guard (E022). A path that cannot be read at all is a
//! file-level diagnostic (E015) like any other unusable file: a batch goes on with the
//! others, and the run ends with exit 2.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use super::column::Mapping;
use super::reader::{Ahead, CandidatureFile, Input, Opened};
use super::sheet;
use crate::diagnostic::{Diagnostic, Problem, ZipLimit};

/// The name standard input is shown under in diagnostics.
pub const STDIN_NAME: &str = "<stdin>";

/// Whether a path given on the command line means standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The name a path is shown under in diagnostics and reports.
pub fn display_name(path: &Path) -> String {
    if is_stdin(path) {
        STDIN_NAME.to_owned()
    } else {
        path.display().to_string()
    }
}

/// How a file is to be read, beyond its bytes: the options every command that reads a
/// candidature file shares.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// `--sheet`: the sheet of a workbook to read (by default the one shown on opening).
    pub sheet: Option<&'a str>,
    /// `--column KEY=HEADER`: headers mapped to columns by hand.
    pub columns: &'a [Mapping],
}

/// Opens a candidature file (`-`: standard input), CSV or workbook (`sheet`, or its first
/// sheet). Whatever happens, an opened file or the diagnostic that says why there is none.
pub fn open(path: &Path, sheet: Option<&str>) -> Opened {
    open_with(
        path,
        &Options {
            sheet,
            ..Options::default()
        },
    )
}

/// [`open`] with every option (`--sheet`, `--column`).
pub fn open_with(path: &Path, options: &Options) -> Opened {
    let Options { sheet, columns } = *options;
    let name = display_name(path);
    // A regular file is read in place (should the reader look ahead, through a second
    // descriptor, and its stamp says whether it is still the same file after). A stream is
    // spooled to a file of ours, which nothing else writes.
    let file = if is_stdin(path) {
        spool(std::io::stdin().lock()).map(|f| (f, None))
    } else {
        std::fs::File::open(path).and_then(|file| match file.metadata() {
            Ok(m) if m.is_file() => Ok((file, Some(Stamp::of(&m)))),
            // A pipe or a device cannot be read twice.
            _ => spool(file).map(|f| (f, None)),
        })
    };
    let (mut file, stamp) = match file {
        Ok(file) => file,
        Err(e) => return unreadable(&name, &e),
    };
    let mut head = Vec::with_capacity(128);
    let head = (&mut file)
        .take(128)
        .read_to_end(&mut head)
        .and_then(|_| file.seek(SeekFrom::Start(0)))
        .map(|_| head);
    let head = match head {
        Ok(head) => head,
        Err(e) => return unreadable(&name, &e),
    };
    if let Some(kind) = sheet::kind(path, &head) {
        // A workbook is read into memory: never more than a workbook may be (E022), so a
        // huge file that starts like a zip is refused, not loaded.
        // Its size is known before reading (a stream was spooled to a file); `take` holds
        // the limit should the file grow meanwhile.
        let limit = sheet::ZIP_LIMITS.file_bytes;
        let too_large = |bytes: u64| {
            Opened::Unreadable(Diagnostic::new(
                &name,
                None,
                None,
                None,
                Problem::WorkbookTooLarge(ZipLimit::File { bytes, limit }),
            ))
        };
        match file.metadata() {
            Ok(m) if m.len() > limit => return too_large(m.len()),
            Ok(_) => {}
            Err(e) => return unreadable(&name, &e),
        }
        let mut bytes = Vec::new();
        if let Err(e) = (&mut file).take(limit + 1).read_to_end(&mut bytes) {
            return unreadable(&name, &e);
        }
        if bytes.len() as u64 > limit {
            return too_large(bytes.len() as u64);
        }
        return workbook(&name, kind, bytes, sheet, columns);
    }
    // The head was read and the file sought back to its start above.
    let ahead = stamp.map(|stamp| {
        Box::new(OnDisk {
            path: path.to_owned(),
            stamp,
        }) as Box<dyn Ahead>
    });
    match CandidatureFile::from_reader_mapped(&name, file, columns, ahead) {
        Ok(Opened::File(mut file)) => {
            sheet_ignored(&mut file, sheet);
            Opened::File(file)
        }
        Ok(opened) => opened,
        Err(e) => unreadable(&name, &e),
    }
}

/// The look-ahead's road through a file on disk: the path opened again, and the stamp taken
/// at opening to tell whether the file changed meanwhile (E033).
struct OnDisk {
    path: std::path::PathBuf,
    stamp: Stamp,
}

impl Ahead for OnDisk {
    fn open(&mut self, offset: u64) -> std::io::Result<Box<dyn Input>> {
        let mut file = std::fs::File::open(&self.path)?;
        file.seek(SeekFrom::Start(offset))?;
        Ok(Box::new(file))
    }

    fn changed(&self) -> Option<Problem> {
        self.stamp.changed(&self.path)
    }
}

/// What identifies a file's content between its opening and the end of a look-ahead:
/// device and inode (the path still names the file read), size and modification time (it
/// was not rewritten in place). A file rewritten meanwhile would be read with the
/// conventions of another content (decimal mark, date order): E033 instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    device: u64,
    inode: u64,
    size: u64,
    modified: Option<std::time::SystemTime>,
}

impl Stamp {
    fn of(m: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let (device, inode) = {
            use std::os::unix::fs::MetadataExt;
            (m.dev(), m.ino())
        };
        #[cfg(not(unix))]
        let (device, inode) = (0, 0);
        Stamp {
            device,
            inode,
            size: m.len(),
            modified: m.modified().ok(),
        }
    }

    /// E033 when the file at `path` is not the one stamped: another file (device, inode:
    /// replaced, or gone) or the same rewritten (size, time).
    fn changed(self, path: &Path) -> Option<Problem> {
        let there = std::fs::metadata(path).map(|m| Stamp::of(&m)).ok();
        if there == Some(self) {
            return None;
        }
        let replaced = there.is_none_or(|t| (t.device, t.inode) != (self.device, self.inode));
        Some(Problem::ChangedWhileRead {
            replaced,
            size: (self.size, there.map_or(self.size, |t| t.size)),
        })
    }
}

/// A CSV file has no sheets: `--sheet` is ignored for it, and said (W018), so that a sheet
/// asked for is never silently not the one read.
fn sheet_ignored(file: &mut CandidatureFile, sheet: Option<&str>) {
    if let Some(sheet) = sheet {
        let d = Diagnostic::new(
            &file.name,
            None,
            None,
            None,
            Problem::SheetIgnored {
                sheet: sheet.to_owned(),
            },
        );
        file.header_diagnostics.push(d);
    }
}

/// The most read from a stream that cannot be read twice (standard input, a pipe, a
/// device): a million-row file is ≈ 180 MB; `/dev/zero` or a pipe that never closes is cut
/// here with an error instead of filling the disk.
pub const MAX_STREAM_BYTES: u64 = 1024 * 1024 * 1024;

/// Copies a stream that cannot be read twice (standard input, a pipe) into an anonymous
/// temporary file, so that it can: memory stays flat whatever its size.
#[cfg(feature = "files")]
fn spool(input: impl Read) -> std::io::Result<std::fs::File> {
    let mut file = tempfile::tempfile()?;
    let copied = std::io::copy(&mut input.take(MAX_STREAM_BYTES + 1), &mut file)?;
    if copied > MAX_STREAM_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!("more than {MAX_STREAM_BYTES} bytes from a stream"),
        ));
    }
    file.seek(SeekFrom::Start(0))?;
    Ok(file)
}

/// Without the command line (the web page gets the bytes of a file), no stream to spool.
#[cfg(not(feature = "files"))]
fn spool(_input: impl Read) -> std::io::Result<std::fs::File> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "standard input is read by the command line only",
    ))
}

/// Opens a candidature file already read into memory, with no I/O: a workbook when `name`
/// says so or the bytes are a zip, CSV otherwise. The entry point of property tests,
/// fuzzing and the library.
pub fn open_bytes(name: &str, bytes: Vec<u8>, sheet: Option<&str>) -> Opened {
    open_bytes_with(
        name,
        bytes,
        &Options {
            sheet,
            ..Options::default()
        },
    )
}

/// [`open_bytes`] with every option (`--sheet`, `--column`).
pub fn open_bytes_with(name: &str, bytes: Vec<u8>, options: &Options) -> Opened {
    let Options { sheet, columns } = *options;
    if let Some(kind) = sheet::kind(Path::new(name), &bytes) {
        return workbook(name, kind, bytes, sheet, columns);
    }
    match CandidatureFile::from_reader_mapped(name, std::io::Cursor::new(bytes), columns, None) {
        Ok(Opened::File(mut file)) => {
            sheet_ignored(&mut file, sheet);
            Opened::File(file)
        }
        Ok(opened) => opened,
        // Reading from memory cannot fail with an I/O error; should it, it is a diagnostic.
        Err(e) => unreadable(name, &e),
    }
}

/// E015: the file could not be read at all.
fn unreadable(name: &str, e: &std::io::Error) -> Opened {
    Opened::Unreadable(Diagnostic::new(
        name,
        None,
        None,
        None,
        Problem::Unreadable {
            kind: e.kind(),
            detail: e.to_string(),
        },
    ))
}

/// A workbook's sheet (`sheet`, or the one she sees) as a file of rows, or why not.
pub(crate) fn workbook(
    name: &str,
    kind: sheet::Kind,
    bytes: Vec<u8>,
    sheet: Option<&str>,
    columns: &[Mapping],
) -> Opened {
    match sheet::read(kind, bytes, sheet) {
        Ok(text) => CandidatureFile::from_spool(name, text, columns),
        Err(problem) => Opened::Unreadable(Diagnostic::new(name, None, None, None, problem)),
    }
}
