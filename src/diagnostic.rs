//! Problems found in the data: a stable code, a severity, where (file, row, column), the raw
//! value, and a message in French or English. A bad cell is a diagnostic, never an `Err`.
//!
//! Codes never change meaning; the table is in `docs/codes.md`.

use serde::Serialize;

mod code;

pub use crate::check::problem::{CheckProblem, Cite};
use crate::Lang;
pub use code::{Code, UnknownCode};

/// How serious a problem is: errors fail the run (exit 1), warnings do not (unless `--strict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Fr) => "erreur",
            (Severity::Warning, Lang::Fr) => "attention",
            (Severity::Info, Lang::Fr) => "info",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Info, Lang::En) => "info",
        }
    }
}

/// What is wrong. Each variant carries what its message needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// E001: the bytes are neither UTF-8 nor Windows-1252 text, or mix encodings.
    Encoding { detail: String },
    /// E002: the file has no content at all.
    EmptyFile,
    /// E003: a header row and no structure.
    NoRows,
    /// E004: a row with more or fewer cells than the header.
    RaggedRow { expected: usize, found: usize },
    /// E005: a column the command needs is absent.
    MissingColumn,
    /// W006: a header that is not a known column.
    UnknownColumn { suggestion: Option<&'static str> },
    /// E007: the same column twice.
    DuplicateColumn { first: usize },
    /// E008: the file could not be read to its end (an I/O error in the middle of it);
    /// unclosed quotes and oversized rows have their own codes (E010–E014).
    MalformedCsv { detail: String },
    /// E010: a cell longer than the reader accepts (`reader::LIMITS.field_bytes`). The
    /// reader keeps at most one row in memory; a 10 MB cell is a copy-paste accident, not data.
    FieldTooLong { bytes: u64, limit: usize },
    /// E011: a row with more cells or bytes than the reader accepts (`reader::LIMITS`);
    /// the row is skipped without being held in memory.
    RowTooLarge { cells: u64, bytes: u64 },
    /// E012: a NUL byte: the file is binary (a spreadsheet, an image) or UTF-16 without BOM.
    BinaryContent,
    /// E013: a byte-order mark (U+FEFF) after the start of the file, typically two CSV files
    /// pasted one after the other; accepted at the start only.
    MisplacedBom,
    /// E014: a quote opened and never closed: every line after it ended up in one cell.
    UnclosedQuote,
    /// E015: the file cannot be read at all (absent, a directory, no permission…).
    /// `detail` is the system's own wording, shown for kinds without a message of ours.
    Unreadable {
        kind: std::io::ErrorKind,
        detail: String,
    },
    /// E101: not a number.
    InvalidNumber,
    /// E102: not a date.
    InvalidDate,
    /// E103: not a yes/no value.
    InvalidBoolean,
    /// E104: not one of the accepted values.
    InvalidChoice { expected: String },
    /// E105: a percentage outside 0–100.
    PercentOutOfRange,
    /// E106: a required value is empty.
    MissingValue,
    /// E107: a number out of the accepted range (negative, not whole, too large).
    NumberOutOfRange { expected: Expected },
    /// E201: file active below the minimum: not eligible, no dotation.
    FileActiveBelowMin { value: u32, min: u32, rule: String },
    /// E020: a `.xlsx` file that is not a readable workbook (not a zip, broken XML).
    InvalidWorkbook { detail: String },
    /// E021: the sheet asked for with `--sheet` is not in the workbook.
    UnknownSheet { sheet: String, available: String },
    /// E022: a workbook too large to inflate, or a zip bomb: refused from its zip directory
    /// (or while counting what it really inflates to), before calamine reads any of it.
    WorkbookTooLarge(ZipLimit),
    /// The problems of `secpa check` (E009, E2xx from E202, E3xx): see [`CheckProblem`].
    Check(CheckProblem),
}

impl Problem {
    /// The stable code.
    pub fn code(&self) -> Code {
        match self {
            Problem::Encoding { .. } => Code::E001,
            Problem::EmptyFile => Code::E002,
            Problem::NoRows => Code::E003,
            Problem::RaggedRow { .. } => Code::E004,
            Problem::MissingColumn => Code::E005,
            Problem::UnknownColumn { .. } => Code::W006,
            Problem::DuplicateColumn { .. } => Code::E007,
            Problem::MalformedCsv { .. } => Code::E008,
            Problem::FieldTooLong { .. } => Code::E010,
            Problem::RowTooLarge { .. } => Code::E011,
            Problem::BinaryContent => Code::E012,
            Problem::MisplacedBom => Code::E013,
            Problem::UnclosedQuote => Code::E014,
            Problem::Unreadable { .. } => Code::E015,
            Problem::InvalidNumber => Code::E101,
            Problem::InvalidDate => Code::E102,
            Problem::InvalidBoolean => Code::E103,
            Problem::InvalidChoice { .. } => Code::E104,
            Problem::PercentOutOfRange => Code::E105,
            Problem::MissingValue => Code::E106,
            Problem::NumberOutOfRange { .. } => Code::E107,
            Problem::FileActiveBelowMin { .. } => Code::E201,
            Problem::InvalidWorkbook { .. } => Code::E020,
            Problem::UnknownSheet { .. } => Code::E021,
            Problem::WorkbookTooLarge(_) => Code::E022,
            Problem::Check(p) => p.code(),
        }
    }

    /// The default severity of the problem, which its code says.
    pub fn severity(&self) -> Severity {
        self.code().severity()
    }

    /// What was found and what is expected, in plain words; `value` is the raw cell.
    pub fn message(&self, value: Option<&str>, column: Option<&str>, lang: Lang) -> String {
        let v = value.unwrap_or("");
        let col = column.unwrap_or("");
        match lang {
            Lang::Fr => match self {
                Problem::Encoding { detail } => {
                    format!("encodage illisible : {detail} (attendu : UTF-8 ou Windows-1252)")
                }
                Problem::EmptyFile => {
                    "fichier vide : il faut une ligne d'en-tête et une ligne par structure".into()
                }
                Problem::NoRows => {
                    "aucune structure : le fichier n'a que la ligne d'en-tête".into()
                }
                Problem::RaggedRow { expected, found } => {
                    format!("{found} cellules au lieu des {expected} de l'en-tête")
                }
                Problem::MissingColumn => format!("colonne obligatoire « {col} » absente"),
                Problem::UnknownColumn {
                    suggestion: Some(s),
                } => format!("colonne inconnue « {v} » ignorée ; vouliez-vous dire « {s} » ?"),
                Problem::UnknownColumn { suggestion: None } => {
                    format!("colonne inconnue « {v} » ignorée")
                }
                Problem::DuplicateColumn { first } => {
                    format!("colonne « {col} » en double (déjà en colonne {first})")
                }
                Problem::MalformedCsv { detail } => format!("CSV mal formé : {detail}"),
                Problem::FieldTooLong { bytes, limit } => format!(
                    "cellule de {bytes} octets : au plus {limit} octets par cellule ; ligne ignorée"
                ),
                Problem::RowTooLarge { cells, bytes } => {
                    let l = crate::candidature::reader::LIMITS;
                    format!("ligne de {cells} cellules et {bytes} octets : au plus {} cellules et {} octets par ligne ; ligne ignorée", l.cells, l.row_bytes)
                }
                Problem::BinaryContent => {
                    "octet nul : ce n'est pas du texte (fichier binaire, classeur .xlsx ou UTF-16 sans BOM)".into()
                }
                Problem::MisplacedBom => {
                    "marque d'ordre des octets (BOM) au milieu du fichier : deux fichiers collés bout à bout ?".into()
                }
                Problem::UnclosedQuote => {
                    "guillemet ouvert jamais fermé : toute la suite du fichier tient dans une cellule".into()
                }
                Problem::Unreadable { kind, detail } => {
                    use std::io::ErrorKind as K;
                    match kind {
                        K::NotFound => "fichier introuvable".into(),
                        K::PermissionDenied => "lecture refusée (droits du fichier)".into(),
                        K::IsADirectory => "c'est un dossier, pas un fichier".into(),
                        _ => format!("fichier illisible : {detail}"),
                    }
                }
                Problem::InvalidNumber => format!("« {v} » n'est pas un nombre"),
                Problem::InvalidDate => {
                    format!("« {v} » n'est pas une date (attendu : AAAA-MM-JJ ou JJ/MM/AAAA)")
                }
                Problem::InvalidBoolean => format!(
                    "« {v} » n'est pas oui ou non (attendu : oui/non, true/false, 1/0, x/vide)"
                ),
                Problem::InvalidChoice { expected } => {
                    format!("« {v} » n'est pas une valeur admise (attendu : {expected})")
                }
                Problem::PercentOutOfRange => {
                    format!("« {v} » n'est pas un pourcentage entre 0 et 100")
                }
                Problem::MissingValue => format!("valeur obligatoire manquante pour {col}"),
                Problem::NumberOutOfRange { expected } => {
                    format!("« {v} » hors limites : attendu {}", expected.text(lang))
                }
                Problem::FileActiveBelowMin { value, min, rule } => {
                    format!("file active {value} : il en faut au moins {min} ; structure non éligible, aucune dotation ({rule})")
                }
                Problem::InvalidWorkbook { detail } => {
                    format!("classeur illisible : {detail} (attendu : un classeur .xlsx ou .ods)")
                }
                Problem::UnknownSheet { sheet, available } => {
                    format!("pas de feuille « {sheet} » dans le classeur (feuilles : {available})")
                }
                Problem::WorkbookTooLarge(limit) => format!(
                    "classeur trop volumineux ou bombe zip : {} ; il n'est pas décompressé",
                    limit.text(lang)
                ),
                Problem::Check(p) => p.message(v, lang),
            },
            Lang::En => match self {
                Problem::Encoding { detail } => {
                    format!("unreadable encoding: {detail} (expected UTF-8 or Windows-1252)")
                }
                Problem::EmptyFile => {
                    "empty file: a header row and one row per structure are needed".into()
                }
                Problem::NoRows => "no structure: the file has only its header row".into(),
                Problem::RaggedRow { expected, found } => {
                    format!("{found} cells instead of the header's {expected}")
                }
                Problem::MissingColumn => format!("required column \"{col}\" is missing"),
                Problem::UnknownColumn {
                    suggestion: Some(s),
                } => format!("unknown column \"{v}\" ignored; did you mean \"{s}\"?"),
                Problem::UnknownColumn { suggestion: None } => {
                    format!("unknown column \"{v}\" ignored")
                }
                Problem::DuplicateColumn { first } => {
                    format!("column \"{col}\" appears twice (already column {first})")
                }
                Problem::MalformedCsv { detail } => format!("malformed CSV: {detail}"),
                Problem::FieldTooLong { bytes, limit } => {
                    format!("cell of {bytes} bytes: at most {limit} bytes per cell; row skipped")
                }
                Problem::RowTooLarge { cells, bytes } => {
                    let l = crate::candidature::reader::LIMITS;
                    format!("row of {cells} cells and {bytes} bytes: at most {} cells and {} bytes per row; row skipped", l.cells, l.row_bytes)
                }
                Problem::BinaryContent => {
                    "NUL byte: this is not text (binary file, .xlsx workbook or UTF-16 without BOM)".into()
                }
                Problem::MisplacedBom => {
                    "byte-order mark (BOM) in the middle of the file: two files pasted together?".into()
                }
                Problem::UnclosedQuote => {
                    "quote opened and never closed: the rest of the file ended up in one cell".into()
                }
                Problem::Unreadable { kind, detail } => {
                    use std::io::ErrorKind as K;
                    match kind {
                        K::NotFound => "file not found".into(),
                        K::PermissionDenied => "permission denied".into(),
                        K::IsADirectory => "this is a directory, not a file".into(),
                        _ => format!("unreadable file: {detail}"),
                    }
                }
                Problem::InvalidNumber => format!("\"{v}\" is not a number"),
                Problem::InvalidDate => {
                    format!("\"{v}\" is not a date (expected YYYY-MM-DD or DD/MM/YYYY)")
                }
                Problem::InvalidBoolean => {
                    format!("\"{v}\" is not yes or no (expected oui/non, true/false, 1/0, x/empty)")
                }
                Problem::InvalidChoice { expected } => {
                    format!("\"{v}\" is not an accepted value (expected: {expected})")
                }
                Problem::PercentOutOfRange => {
                    format!("\"{v}\" is not a percentage between 0 and 100")
                }
                Problem::MissingValue => format!("required value missing for {col}"),
                Problem::NumberOutOfRange { expected } => {
                    format!("\"{v}\" out of range: expected {}", expected.text(lang))
                }
                Problem::FileActiveBelowMin { value, min, rule } => {
                    format!("file active {value}: at least {min} are required; not eligible, no dotation ({rule})")
                }
                Problem::InvalidWorkbook { detail } => {
                    format!("unreadable workbook: {detail} (expected an .xlsx or .ods workbook)")
                }
                Problem::UnknownSheet { sheet, available } => {
                    format!("no sheet \"{sheet}\" in the workbook (sheets: {available})")
                }
                Problem::WorkbookTooLarge(limit) => format!(
                    "workbook too large or zip bomb: {}; it is not decompressed",
                    limit.text(lang)
                ),
                Problem::Check(p) => p.message(v, lang),
            },
        }
    }

    /// What to do about it, when there is something useful to say.
    pub fn help(&self, lang: Lang) -> Option<&'static str> {
        match (self, lang) {
            (Problem::MissingColumn, Lang::Fr) => {
                Some("ajoutez la colonne à la ligne d'en-tête (voir README, colonnes)")
            }
            (Problem::MissingColumn, Lang::En) => {
                Some("add the column to the header row (see README, columns)")
            }
            (Problem::FileActiveBelowMin { .. }, Lang::Fr) => {
                Some("indiquez la file active en médecine générale de l'année précédente")
            }
            (Problem::FileActiveBelowMin { .. }, Lang::En) => {
                Some("give the previous year's file active in general medicine")
            }
            (Problem::BinaryContent, Lang::Fr) => Some(
                "exportez la feuille depuis le tableur en « CSV UTF-8 » ou « CSV (séparateur : point-virgule) »",
            ),
            (Problem::BinaryContent, Lang::En) => {
                Some("export the sheet from the spreadsheet as \"CSV UTF-8\" or \"CSV (semicolon delimited)\"")
            }
            (Problem::MisplacedBom, Lang::Fr) => {
                Some("supprimez la ligne (souvent un second en-tête) ou réenregistrez le fichier")
            }
            (Problem::MisplacedBom, Lang::En) => {
                Some("delete the row (often a second header) or save the file again")
            }
            (Problem::UnclosedQuote, Lang::Fr) => {
                Some("fermez le guillemet de la cellule de cette ligne, ou supprimez-le")
            }
            (Problem::UnclosedQuote, Lang::En) => {
                Some("close the quote of the cell on this row, or remove it")
            }
            (Problem::Encoding { .. }, Lang::Fr) => Some(
                "enregistrez le fichier en « CSV UTF-8 » ou « CSV (séparateur : point-virgule) »",
            ),
            (Problem::Encoding { .. }, Lang::En) => {
                Some("save the file as \"CSV UTF-8\" or \"CSV (semicolon delimited)\"")
            }
            (Problem::InvalidWorkbook { .. }, Lang::Fr) => Some(
                "rouvrez-le dans le tableur et enregistrez-le en « Classeur Excel (.xlsx) » ou en CSV",
            ),
            (Problem::InvalidWorkbook { .. }, Lang::En) => {
                Some("reopen it in the spreadsheet and save it as \"Excel Workbook (.xlsx)\" or CSV")
            }
            (Problem::WorkbookTooLarge(_), Lang::Fr) => Some(
                "une feuille de candidatures tient en quelques Mio : enregistrez la seule feuille utile en .xlsx ou en CSV",
            ),
            (Problem::WorkbookTooLarge(_), Lang::En) => Some(
                "a candidature sheet takes a few MiB: save only the sheet needed as .xlsx or CSV",
            ),
            (Problem::Check(p), _) => p.help(lang),
            _ => None,
        }
    }
}

/// Which limit of `candidature::sheet::ZIP_LIMITS` a workbook exceeds (E022).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipLimit {
    /// All members together inflate to `bytes` (declared, or counted while inflating).
    Total { bytes: u64, limit: u64 },
    /// One member inflates `uncompressed / compressed` times: only a bomb compresses so well.
    Ratio {
        member: String,
        uncompressed: u64,
        compressed: u64,
        limit: u64,
    },
    /// More members than any workbook has.
    Members { count: usize, limit: usize },
}

impl ZipLimit {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ZipLimit::Total { bytes, limit }, Lang::Fr) => format!(
                "son contenu fait {} une fois décompressé, au plus {} admis",
                size(*bytes, lang),
                size(*limit, lang)
            ),
            (ZipLimit::Total { bytes, limit }, Lang::En) => format!(
                "its content takes {} once decompressed, at most {} accepted",
                size(*bytes, lang),
                size(*limit, lang)
            ),
            (
                ZipLimit::Ratio {
                    member,
                    uncompressed,
                    compressed,
                    limit,
                },
                Lang::Fr,
            ) => format!(
                "« {member} » passe de {} à {} une fois décompressé ({} fois plus, au plus {limit} fois admis)",
                size(*compressed, lang),
                size(*uncompressed, lang),
                uncompressed / (*compressed).max(1)
            ),
            (
                ZipLimit::Ratio {
                    member,
                    uncompressed,
                    compressed,
                    limit,
                },
                Lang::En,
            ) => format!(
                "\"{member}\" grows from {} to {} once decompressed ({} times larger, at most {limit} times accepted)",
                size(*compressed, lang),
                size(*uncompressed, lang),
                uncompressed / (*compressed).max(1)
            ),
            (ZipLimit::Members { count, limit }, Lang::Fr) => {
                format!("{count} fichiers dans l'archive, au plus {limit} admis")
            }
            (ZipLimit::Members { count, limit }, Lang::En) => {
                format!("{count} files in the archive, at most {limit} accepted")
            }
        }
    }
}

/// A size in bytes as a person reads it: octets, Kio or Mio (KiB, MiB), rounded down.
fn size(bytes: u64, lang: Lang) -> String {
    let (unit, b, k, m) = match lang {
        Lang::Fr => (1024, "octets", "Kio", "Mio"),
        Lang::En => (1024, "bytes", "KiB", "MiB"),
    };
    if bytes >= unit * unit {
        format!("{} {m}", bytes / (unit * unit))
    } else if bytes >= unit {
        format!("{} {k}", bytes / unit)
    } else {
        format!("{bytes} {b}")
    }
}

/// What a number out of range should have been.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A whole number ≥ 0 (a count of patients).
    WholeCount,
    /// A count that fits the tool (≤ 4 294 967 295).
    CountTooLarge,
    /// A positive amount of euros.
    PositiveAmount,
    /// A year from 1900 to 2100.
    Year,
    /// At most 28 significant digits (the precision of exact decimals).
    Digits,
}

impl Expected {
    pub fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Expected::WholeCount, Lang::Fr) => "un nombre entier positif",
            (Expected::WholeCount, Lang::En) => "a whole positive number",
            (Expected::CountTooLarge, Lang::Fr) => "un nombre entier d'au plus 4 294 967 295",
            (Expected::CountTooLarge, Lang::En) => "a whole number of at most 4,294,967,295",
            (Expected::PositiveAmount, Lang::Fr) => "un montant positif",
            (Expected::PositiveAmount, Lang::En) => "a positive amount",
            (Expected::Year, Lang::Fr) => "une année entre 1900 et 2100",
            (Expected::Year, Lang::En) => "a year between 1900 and 2100",
            (Expected::Digits, Lang::Fr) => "un nombre d'au plus 28 chiffres",
            (Expected::Digits, Lang::En) => "a number of at most 28 digits",
        }
    }
}

/// A located problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    /// Row as the spreadsheet shows it (header = 1); `None` for the whole file.
    pub row: Option<u64>,
    /// Canonical column name, or the raw header for unknown columns.
    pub column: Option<String>,
    /// The raw cell, quoted in the message.
    pub value: Option<String>,
    pub severity: Severity,
    pub problem: Problem,
}

impl Diagnostic {
    pub fn new(
        file: &str,
        row: Option<u64>,
        column: Option<&str>,
        value: Option<&str>,
        problem: Problem,
    ) -> Self {
        Diagnostic {
            file: file.to_owned(),
            row,
            column: column.map(str::to_owned),
            value: value.map(str::to_owned),
            severity: problem.severity(),
            problem,
        }
    }

    pub fn code(&self) -> Code {
        self.problem.code()
    }

    pub fn message(&self, lang: Lang) -> String {
        self.problem
            .message(self.value.as_deref(), self.column.as_deref(), lang)
    }

    /// Compiler-style rendering: `file:row:column: erreur E201 : message` and its help line.
    pub fn render(&self, lang: Lang) -> String {
        let mut location = self.file.clone();
        if let Some(row) = self.row {
            location.push_str(&format!(":{row}"));
        }
        if let Some(column) = &self.column {
            location.push_str(&format!(":{column}"));
        }
        let sep = match lang {
            Lang::Fr => " :",
            Lang::En => ":",
        };
        let mut out = format!(
            "{location}: {} {}{sep} {}",
            self.severity.label(lang),
            self.code(),
            printable(&self.message(lang))
        );
        if let Some(help) = self.problem.help(lang) {
            let label = match lang {
                Lang::Fr => "aide",
                Lang::En => "help",
            };
            out.push_str(&format!("\n  = {label}{sep} {help}"));
        }
        out
    }

    /// Sort key: file, row, column position is not known here, so code then column.
    pub fn sort_key(&self) -> (&str, u64, &str, &str) {
        (
            &self.file,
            self.row.unwrap_or(0),
            self.code().as_str(),
            self.column.as_deref().unwrap_or(""),
        )
    }
}

/// A diagnostic as every JSON output writes it: one shape for `check`, `compute`,
/// `explain`, `diff` and `budget`.
#[derive(Debug, Serialize)]
pub struct DiagnosticJson<'a> {
    pub file: &'a str,
    pub row: Option<u64>,
    pub column: Option<&'a str>,
    pub code: Code,
    pub severity: Severity,
    /// The raw cell, exact (JSON escapes what a terminal could not show).
    pub value: Option<&'a str>,
    pub message: String,
    pub help: Option<&'static str>,
}

impl Diagnostic {
    /// The JSON form, messages in `lang`.
    pub fn json(&self, lang: Lang) -> DiagnosticJson<'_> {
        DiagnosticJson {
            file: &self.file,
            row: self.row,
            column: self.column.as_deref(),
            code: self.code(),
            severity: self.severity,
            value: self.value.as_deref(),
            message: self.message(lang),
            help: self.problem.help(lang),
        }
    }
}

/// A message as a terminal may show it: control characters from the cell (an escape
/// sequence could clear or recolour the user's screen) are written as escapes, and a message
/// is cut after 300 characters (a cell can hold 64 KiB). JSON keeps the exact value.
fn printable(message: &str) -> String {
    const MAX: usize = 300;
    let mut out = String::with_capacity(message.len().min(MAX + 8));
    for (i, c) in message.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Diagnostics in a stable order, for deterministic output.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}
