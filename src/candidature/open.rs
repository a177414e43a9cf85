//! The one opener of candidature files, for every command: a path, or `-` for standard
//! input, whatever the format: CSV as every Excel or LibreOffice flavour saves it,
//! `.xlsx`/`.xlsm`, `.ods`. A CSV file is streamed (memory flat in its size); a workbook is
//! read whole, after the zip guard (E022). A path that cannot be read at all is a
//! file-level diagnostic (E015) like any other unusable file: a batch goes on with the
//! others, and the run ends with exit 2.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use super::reader::{CandidatureFile, Opened};
use super::sheet;
use crate::diagnostic::{Diagnostic, Problem};

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

/// Opens a candidature file (`-`: standard input), CSV or workbook (`sheet`, or its first
/// sheet). Whatever happens, an opened file or the diagnostic that says why there is none.
pub fn open(path: &Path, sheet: Option<&str>) -> Opened {
    let name = display_name(path);
    let input: Box<dyn Read> = if is_stdin(path) {
        Box::new(std::io::stdin().lock())
    } else {
        match std::fs::File::open(path) {
            Ok(file) => Box::new(file),
            Err(e) => return unreadable(&name, &e),
        }
    };
    let mut input = BufReader::with_capacity(64 * 1024, input);
    let head = match input.fill_buf() {
        Ok(head) => head,
        Err(e) => return unreadable(&name, &e),
    };
    if let Some(kind) = sheet::kind(path, head) {
        let mut bytes = Vec::new();
        if let Err(e) = input.read_to_end(&mut bytes) {
            return unreadable(&name, &e);
        }
        return sheet::open(&name, kind, bytes, sheet);
    }
    match CandidatureFile::from_reader(&name, input) {
        Ok(opened) => opened,
        Err(e) => unreadable(&name, &e),
    }
}

/// Opens a candidature file already read into memory, with no I/O: a workbook when `name`
/// says so or the bytes are a zip, CSV otherwise. The entry point of property tests,
/// fuzzing and the library.
pub fn open_bytes(name: &str, bytes: Vec<u8>, sheet: Option<&str>) -> Opened {
    if let Some(kind) = sheet::kind(Path::new(name), &bytes) {
        return sheet::open(name, kind, bytes, sheet);
    }
    match CandidatureFile::from_reader(name, std::io::Cursor::new(bytes)) {
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
