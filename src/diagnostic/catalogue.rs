//! The message catalogue: for every problem, what is said in French and in English, side by
//! side, and the help line where there is something useful to add. Problems carry typed
//! data (numbers, dates, the rule cited, a reason as an enum), never a sentence: every word
//! a user reads is written here, in both languages. The matches are exhaustive, so a new
//! problem does not build until both its messages are written.

use super::prelude::*;
use super::{
    CheckProblem, Cite, Code, Diagnostic, EncodingFault, Expected, HeaderGuess, Named, Problem,
    WorkbookFault, ZipLimit,
};
use crate::reference::PovertySource;
use crate::report::money;
use crate::titles::Title;
use crate::Lang;

/// Values as people write them, quoted, for a message: « a », « b » ou « c » (French
/// values in an English message too: they are what is typed in a French file).
fn alternatives(values: &[&str], lang: Lang) -> String {
    let quoted: Vec<String> = values
        .iter()
        .map(|v| say!(lang, format!("« {v} »"), format!("\"{v}\"")))
        .collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {} {last}", rest.join(", "), say!(lang, "ou", "or")),
        None => String::new(),
    }
}

impl ProblemWords for Problem {
    /// What was found and what is expected, in plain words; `value` is the raw cell,
    /// `column` the column as she wrote it, which only the problems of a header name here
    /// ([`Problem::names_its_column`]): the others' column is said before their message.
    fn message(&self, value: Option<&str>, column: Option<Named>, lang: Lang) -> String {
        let v = value.unwrap_or("");
        let col = column.map(|c| c.say(lang)).unwrap_or_default();
        // An absent column has no letter: the label secpa recognises first for it.
        let header = column.map_or("", |c| c.header);
        match self {
            Problem::Encoding { reason } => {
                let reason = match reason {
                    EncodingFault::Utf16 => {
                        say!(lang, "le fichier est en UTF-16", "the file is in UTF-16")
                    }
                    EncodingFault::NotUtf8 => say!(
                        lang,
                        "octets non UTF-8 dans un fichier UTF-8",
                        "bytes that are not UTF-8 in a UTF-8 file",
                    ),
                    EncodingFault::Utf8InWindows1252 => say!(
                        lang,
                        "ligne en UTF-8 dans un fichier Windows-1252 (lignes collées de deux fichiers ?) ; la lire ainsi en déformerait les accents",
                        "a UTF-8 row in a Windows-1252 file (rows pasted from two files?); reading it so would garble its accents",
                    ),
                };
                say!(
                    lang,
                    format!("encodage illisible : {reason} (attendu : UTF-8 ou Windows-1252)"),
                    format!("unreadable encoding: {reason} (expected UTF-8 or Windows-1252)"),
                )
            }
            Problem::EmptyFile => say!(
                lang,
                "fichier vide : il faut une ligne d'en-tête et une ligne par structure",
                "empty file: a header row and one row per structure are needed",
            )
            .into(),
            Problem::NoRows => say!(
                lang,
                "aucune structure : le fichier n'a que la ligne d'en-tête",
                "no structure: the file has only its header row",
            )
            .into(),
            Problem::RaggedRow { expected, found } => say!(
                lang,
                format!("{found} cellules au lieu des {expected} de l'en-tête"),
                format!("{found} cells instead of the header's {expected}"),
            ),
            Problem::MissingColumn { guess: None } => say!(
                lang,
                format!("colonne obligatoire « {header} » absente"),
                format!("required column \"{header}\" is missing"),
            ),
            Problem::MissingColumn {
                guess: Some(HeaderGuess { taken, closest }),
            } => {
                let n = crate::candidature::Column::HEADER_SEARCH;
                let min = crate::candidature::Column::HEADER_MIN;
                let closest = match closest {
                    Some((row, found)) => say!(
                        lang,
                        format!(" ; la plus proche, la ligne {row}, en nomme {found}"),
                        format!("; the closest, row {row}, names {found}"),
                    ),
                    None => String::new(),
                };
                say!(
                    lang,
                    format!("colonne obligatoire « {header} » absente : aucune des {n} premières lignes ne nomme {min} colonnes connues, la ligne {taken} a été prise pour l'en-tête{closest}"),
                    format!("required column \"{header}\" is missing: none of the first {n} rows names {min} known columns, row {taken} was taken for the header{closest}"),
                )
            }
            Problem::UnknownColumn {
                suggestion: Some(s),
            } => say!(
                lang,
                format!("{col} inconnue, ignorée ; vouliez-vous dire « {} » ?", label(s)),
                format!("unknown {col} ignored; did you mean \"{}\"?", label(s)),
            ),
            Problem::UnknownColumn { suggestion: None } => say!(
                lang,
                format!("{col} inconnue, ignorée"),
                format!("unknown {col} ignored"),
            ),
            Problem::LookalikeColumn { column } => say!(
                lang,
                format!("{col} non reconnue, alors que la colonne « {} » manque : ses valeurs ne seront ni ignorées ni remplacées", label(column)),
                format!("{col} not recognised while column \"{}\" is missing: its values are neither ignored nor replaced", label(column)),
            ),
            Problem::DuplicateColumn { first } => say!(
                lang,
                format!("{col} en double (déjà en colonne {})", letter(*first)),
                format!("{col} appears twice (already column {})", letter(*first)),
            ),
            // `detail` is the system's own wording of the read error.
            Problem::ReadInterrupted { detail } => say!(
                lang,
                format!("lecture interrompue : {detail} ; la suite du fichier n'est pas lue"),
                format!("reading stopped: {detail}; the rest of the file is not read"),
            ),
            Problem::FieldTooLong { bytes, limit } => say!(
                lang,
                format!(
                    "cellule de {bytes} octets : au plus {limit} octets par cellule ; ligne ignorée"
                ),
                format!("cell of {bytes} bytes: at most {limit} bytes per cell; row skipped"),
            ),
            Problem::RowTooLarge { cells, bytes } => {
                let l = crate::candidature::reader::LIMITS;
                say!(
                    lang,
                    format!("ligne de {cells} cellules et {bytes} octets : au plus {} cellules et {} octets par ligne ; ligne ignorée", l.cells, l.row_bytes),
                    format!("row of {cells} cells and {bytes} bytes: at most {} cells and {} bytes per row; row skipped", l.cells, l.row_bytes),
                )
            }
            Problem::SwallowedLines { first, last } => {
                let lines = last - first + 1;
                say!(
                    lang,
                    format!("guillemet non fermé en fin de cellule : les lignes {first} à {last} ({lines} lignes) forment une seule ligne du tableur ; aucune n'est lue"),
                    format!("quote not closed at the end of its cell: lines {first} to {last} ({lines} lines) make up one spreadsheet row; none of them is read"),
                )
            }
            Problem::BinaryContent => say!(
                lang,
                "octet nul : ce n'est pas du texte (fichier binaire, classeur .xlsx ou UTF-16 sans BOM)",
                "NUL byte: this is not text (binary file, .xlsx workbook or UTF-16 without BOM)",
            )
            .into(),
            Problem::MisplacedBom => say!(
                lang,
                "marque d'ordre des octets (BOM) au milieu du fichier : deux fichiers collés bout à bout ?",
                "byte-order mark (BOM) in the middle of the file: two files pasted together?",
            )
            .into(),
            Problem::UnclosedQuote => say!(
                lang,
                "guillemet ouvert jamais fermé : toute la suite du fichier tient dans une cellule",
                "quote opened and never closed: the rest of the file ended up in one cell",
            )
            .into(),
            Problem::Unreadable { kind, detail } => {
                use std::io::ErrorKind as K;
                match kind {
                    K::NotFound => say!(lang, "fichier introuvable", "file not found").into(),
                    K::PermissionDenied => say!(
                        lang,
                        "lecture refusée (droits du fichier)",
                        "permission denied"
                    )
                    .into(),
                    K::IsADirectory => say!(
                        lang,
                        "c'est un dossier, pas un fichier",
                        "this is a directory, not a file",
                    )
                    .into(),
                    K::FileTooLarge => say!(
                        lang,
                        "flux de plus de 1 Gio (entrée standard, tube ou périphérique sans fin ?) : lecture arrêtée",
                        "stream of more than 1 GiB (standard input, a pipe or a device that never ends?): reading stopped",
                    )
                    .into(),
                    _ => {
                        let reason = crate::say::reason::io_kind_reason(*kind, detail, lang);
                        say!(
                            lang,
                            format!("fichier illisible : {reason}"),
                            format!("unreadable file: {reason}"),
                        )
                    }
                }
            }
            Problem::InvalidNumber => say!(
                lang,
                format!("« {v} » n'est pas un nombre"),
                format!("\"{v}\" is not a number"),
            ),
            Problem::InvalidDate => say!(
                lang,
                format!("« {v} » n'est pas une date (attendu : AAAA-MM-JJ, JJ/MM/AAAA ou JJ/MM/AA)"),
                format!("\"{v}\" is not a date (expected YYYY-MM-DD, DD/MM/YYYY or DD/MM/YY)"),
            ),
            Problem::InvalidBoolean => say!(
                lang,
                format!(
                    "« {v} » n'est pas oui ou non (attendu : « oui » ou « non » ; sont lus aussi x, ✓ ou 1 pour oui, ✗, 0 ou une cellule vide pour non)"
                ),
                format!(
                    "\"{v}\" is not yes or no (expected \"oui\" or \"non\"; also read: x, ✓ or 1 for yes, ✗, 0 or an empty cell for no)"
                ),
            ),
            Problem::InvalidChoice { accepted } => {
                let accepted = alternatives(accepted, lang);
                say!(
                    lang,
                    format!("« {v} » n'est pas une valeur admise (attendu : {accepted})"),
                    format!("\"{v}\" is not an accepted value (expected: {accepted})"),
                )
            }
            Problem::PercentOutOfRange => say!(
                lang,
                format!("« {v} » n'est pas un pourcentage entre 0 et 100"),
                format!("\"{v}\" is not a percentage between 0 and 100"),
            ),
            Problem::MissingValue => say!(
                lang,
                "valeur obligatoire manquante".to_owned(),
                "required value missing".to_owned(),
            ),
            Problem::NumberOutOfRange { expected } => say!(
                lang,
                format!("« {v} » hors limites : attendu {}", expected.text(lang)),
                format!("\"{v}\" out of range: expected {}", expected.text(lang)),
            ),
            Problem::AmbiguousDate {
                day_first,
                month_first,
                row,
            } => say!(
                lang,
                format!("date ambiguë « {v} » : {day_first} en jour/mois ou {month_first} en mois/jour ; le fichier écrit ses dates mois/jour (ligne {row})"),
                format!("ambiguous date \"{v}\": {day_first} read day/month or {month_first} read month/day; the file writes its dates month/day (row {row})"),
            ),
            Problem::AmbiguousNumber {
                as_decimal,
                as_thousands,
            } => {
                let fr = |d: &rust_decimal::Decimal| crate::report::decimal(*d, Lang::Fr);
                say!(
                    lang,
                    format!("nombre ambigu « {v} » : {} (virgule ou point décimal) ou {} (séparateur de milliers) ; le reste de la colonne ne permet pas de trancher", fr(as_decimal), fr(as_thousands)),
                    format!("ambiguous number \"{v}\": {as_decimal} (decimal mark) or {as_thousands} (thousands separator); the rest of the column does not settle it"),
                )
            }
            Problem::Implausible(bound) => {
                use crate::candidature::value::Bound;
                match bound {
                    Bound::FileActive { max } => say!(
                        lang,
                        format!("file active « {v} » invraisemblable : au-delà de {max} patients, c'est sans doute une erreur de saisie ou de lecture"),
                        format!("file active \"{v}\" is implausible: above {max} patients, it is surely a typing or reading error"),
                    ),
                    Bound::PsyRequest { cap, factor } => say!(
                        lang,
                        format!("montant demandé « {v} » invraisemblable : plus de {factor} fois le plafond ({}), sans doute un séparateur de milliers ou une faute de frappe", money(*cap, Lang::Fr)),
                        format!("requested amount \"{v}\" is implausible: more than {factor} times the cap ({}), surely a thousands separator or a typo", money(*cap, Lang::En)),
                    ),
                    Bound::RateBelow { min } => say!(
                        lang,
                        format!("taux de pauvreté « {v} » invraisemblable : aucun territoire n'est sous {min} % (une fraction, 0,463 pour 46,3 % ?)"),
                        format!("poverty rate \"{v}\" is implausible: no territory is below {min} % (a fraction, 0.463 for 46.3 %?)"),
                    ),
                }
            }
            Problem::FileActiveBelowMin { value, min, rule } => say!(
                lang,
                format!("file active {value} : il en faut au moins {min} ; structure non éligible, aucune dotation ({})", rule.text(lang)),
                format!("file active {value}: at least {min} are required; not eligible, no dotation ({})", rule.text(lang)),
            ),
            Problem::InvalidWorkbook { reason } => {
                let reason = match reason {
                    // calamine's own words, in English whatever the language.
                    WorkbookFault::Reader(detail) => detail.as_str(),
                    WorkbookFault::NoSheet => say!(lang, "aucune feuille", "no sheet"),
                    WorkbookFault::Inconsistent => say!(
                        lang,
                        "structure interne incohérente",
                        "inconsistent internal structure",
                    ),
                    WorkbookFault::Unordered { row } => &say!(
                        lang,
                        format!("la ligne {row} vient après une ligne suivante"),
                        format!("row {row} comes after a later row"),
                    ),
                };
                say!(
                    lang,
                    format!("classeur illisible : {reason} (attendu : un classeur .xlsx ou .ods)"),
                    format!("unreadable workbook: {reason} (expected an .xlsx or .ods workbook)"),
                )
            }
            Problem::MappedHeaderAbsent { column, header } => say!(
                lang,
                format!("--column {column}=« {header} » : la ligne d'en-tête n'a pas d'en-tête « {header} » ; la colonne « {} » ne peut être lue", label(column)),
                format!("--column {column}=\"{header}\": the header row has no header \"{header}\"; column \"{}\" cannot be read", label(column)),
            ),
            Problem::SheetIgnored { sheet } => say!(
                lang,
                format!("--sheet « {sheet} » ignorée : ce fichier est un CSV, il n'a pas de feuilles"),
                format!("--sheet \"{sheet}\" ignored: this file is CSV, it has no sheets"),
            ),
            Problem::UnknownSheet { sheet, available } => say!(
                lang,
                format!("pas de feuille « {sheet} » dans le classeur (feuilles : {available})"),
                format!("no sheet \"{sheet}\" in the workbook (sheets: {available})"),
            ),
            // The text limit is met while reading the sheet: it was decompressed, in part.
            Problem::WorkbookTooLarge(limit @ ZipLimit::Text { .. }) => say!(
                lang,
                format!(
                    "classeur trop volumineux : {} ; sa lecture s'arrête là",
                    limit.text(lang)
                ),
                format!("workbook too large: {}; reading stops there", limit.text(lang)),
            ),
            Problem::WorkbookTooLarge(limit) => say!(
                lang,
                format!(
                    "classeur trop volumineux ou bombe zip : {} ; il n'est pas décompressé",
                    limit.text(lang)
                ),
                format!(
                    "workbook too large or zip bomb: {}; it is not decompressed",
                    limit.text(lang)
                ),
            ),
            Problem::FormulaWithoutResult {
                columns,
                placeholder: false,
            } => {
                let columns = formula_columns(columns, lang);
                say!(
                    lang,
                    format!("formule sans résultat enregistré ({columns}) : le fichier n'a pas été enregistré par un tableur, la valeur affichée n'y est pas ; ligne non lue"),
                    format!("formula without a stored result ({columns}): the file was not saved by a spreadsheet, the value shown is not in it; row not read"),
                )
            }
            Problem::FormulaWithoutResult {
                columns,
                placeholder: true,
            } => {
                let columns = formula_columns(columns, lang);
                say!(
                    lang,
                    format!("formule ({columns}) dans un classeur qui demande à être recalculé à l'ouverture : le résultat enregistré n'est pas celui affiché ; ligne non lue"),
                    format!("formula ({columns}) in a workbook that asks to be recalculated when opened: the stored result is not the one shown; row not read"),
                )
            }
            Problem::Formulas { count, cells } => say!(
                lang,
                format!("{} formule{} dans des colonnes qui changent un montant ou l'éligibilité ({cells}) : le résultat enregistré par le tableur est lu", crate::report::count(*count, lang), if *count > 1 { "s" } else { "" }),
                format!("{} formula{} in columns that change an amount or the eligibility ({cells}): the result the spreadsheet stored is read", crate::report::count(*count, lang), if *count > 1 { "s" } else { "" }),
            ),
            Problem::HiddenRows { rows } => {
                let (n, list) = (rows.count(), rows.text());
                say!(
                    lang,
                    format!("{} ligne{} masquée{} ou filtrée{} ({list}) : contrôlée{} et calculée{} comme les autres", crate::report::count(n, lang), plural_fr(n), plural_fr(n), plural_fr(n), plural_fr(n), plural_fr(n)),
                    format!("{} hidden or filtered row{} ({list}): checked and computed like the others", crate::report::count(n, lang), if n > 1 { "s" } else { "" }),
                )
            }
            Problem::HiddenColumns { columns } => {
                let n = columns.len() as u64;
                let list = columns
                    .iter()
                    .map(|(letter, header)| say!(lang, format!("{letter} « {header} »"), format!("{letter} \"{header}\"")))
                    .collect::<Vec<_>>()
                    .join(", ");
                say!(
                    lang,
                    format!("{} colonne{} masquée{} ({list}) : lue{} et calculée{} comme les autres", crate::report::count(n, lang), plural_fr(n), plural_fr(n), plural_fr(n), plural_fr(n)),
                    format!("{} hidden column{} ({list}): read and computed like the others", crate::report::count(n, lang), if n > 1 { "s" } else { "" }),
                )
            }
            Problem::MergedCells { range, value } => say!(
                lang,
                format!("cellules fusionnées {range} : la valeur « {value} » est lue dans chacune"),
                format!("merged cells {range}: the value \"{value}\" is read in each of them"),
            ),
            Problem::SheetRead(choice) => {
                use crate::candidature::sheet::Why;
                let others = choice
                    .others
                    .iter()
                    .map(|s| {
                        let hidden = if s.hidden {
                            say!(lang, " (masquée)", " (hidden)")
                        } else {
                            ""
                        };
                        say!(lang, format!("« {} »{hidden}", s.name), format!("\"{}\"{hidden}", s.name))
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                let read = &choice.read;
                let why = match &choice.why {
                    Why::Asked => say!(lang, "demandée par --sheet".to_owned(), "asked for with --sheet".to_owned()),
                    Why::Shown | Why::NoHeader => say!(
                        lang,
                        "celle affichée à l'ouverture".to_owned(),
                        "the one shown when the file opens".to_owned(),
                    ),
                    Why::OnlyHeader { shown } => say!(
                        lang,
                        format!("la seule à avoir un en-tête reconnu ; « {shown} », affichée à l'ouverture, n'en a pas"),
                        format!("the only one with a recognised header; \"{shown}\", shown when the file opens, has none"),
                    ),
                };
                say!(
                    lang,
                    format!("feuille « {read} » lue ({why}) ; autres feuilles : {others}"),
                    format!("sheet \"{read}\" read ({why}); other sheets: {others}"),
                )
            }
            Problem::NoSheetHeader { sheets } => {
                let min = crate::candidature::Column::HEADER_MIN;
                let n = crate::candidature::Column::HEADER_SEARCH;
                say!(
                    lang,
                    format!("aucune feuille visible n'a d'en-tête reconnu ({min} colonnes connues dans les {n} premières lignes) ; feuilles du classeur : {}", sheets.iter().map(|s| format!("« {s} »")).collect::<Vec<_>>().join(", ")),
                    format!("no visible sheet has a recognised header ({min} known columns in the first {n} rows); the workbook's sheets: {}", sheets.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ")),
                )
            }
            Problem::HeaderBelow { first } => {
                say!(
                    lang,
                    format!("en-tête lu sur cette ligne ; les lignes au-dessus, depuis la ligne {first} (titre, lignes vides), ne sont pas lues"),
                    format!("header read on this row; the rows above it, from row {first} (title, blank rows), are not read"),
                )
            }
            Problem::TotalRow => say!(
                lang,
                format!("ligne de total (« {v} ») : ce n'est pas une structure, elle n'est ni contrôlée ni payée"),
                format!("total row (\"{v}\"): not a structure, neither checked nor paid"),
            ),
            Problem::UnsaidSum {
                first,
                last,
                rows,
                psy,
            } => {
                let (fr, en) = match psy {
                    true => (
                        "sa file active et son montant psychologique demandé sont",
                        "its file active and its requested psychological amount are",
                    ),
                    false => ("sa file active est", "its file active is"),
                };
                say!(
                    lang,
                    format!("cette ligne ressemble à un total qui ne le dit pas : {fr} la somme des lignes {first} à {last} ({rows} lignes) ; elle n'est pas payée"),
                    format!("this row looks like a total that does not say so: {en} the sum of rows {first} to {last} ({rows} rows); it is not paid"),
                )
            }
            Problem::CutInWorkbook { chars, limit } => {
                let (chars, limit) = (crate::report::count(*chars, lang), crate::report::count(*limit, lang));
                say!(
                lang,
                format!("texte de {chars} caractères, plus qu'une cellule de classeur n'en tient ({limit}) : coupé par « … » dans le classeur ; le CSV et le JSON le gardent entier"),
                format!("text of {chars} characters, more than a workbook cell holds ({limit}): cut with \"…\" in the workbook; CSV and JSON keep it whole"),
            )
            }
            Problem::ChangedWhileRead { replaced, size } => {
                let what = match (replaced, size.0 == size.1) {
                    (true, _) => say!(lang, "remplacé par un autre fichier".to_owned(), "replaced by another file".to_owned()),
                    (false, false) => {
                        let (before, after) = (crate::report::count(size.0, lang), crate::report::count(size.1, lang));
                        say!(lang, format!("taille {before} → {after} octets"), format!("size {before} → {after} bytes"))
                    }
                    (false, true) => say!(lang, "date de modification changée".to_owned(), "modification time changed".to_owned()),
                };
                say!(
                lang,
                format!("le fichier a changé pendant sa lecture ({what}) : une de ses cellules se lit de deux façons, la suite du fichier a été lue pour trancher, et la lecture qui reprend ne serait plus celle du même fichier ; rien de plus n'est lu"),
                format!("the file changed while it was read ({what}): one of its cells reads two ways, the rest of the file was read to decide, and the reading that resumes would not be of the same file; nothing more is read"),
            )
            }
            Problem::Check(p) => p.message(v, lang),
        }
    }

    /// What to do about it, when there is something useful to say.
    fn help(&self, lang: Lang) -> Option<&'static str> {
        match self {
            Problem::Encoding { .. } => Some(say!(
                lang,
                "enregistrez le fichier en « CSV UTF-8 » ou « CSV (séparateur : point-virgule) »",
                "save the file as \"CSV UTF-8\" or \"CSV (semicolon delimited)\"",
            )),
            Problem::LookalikeColumn { .. } => Some(say!(
                lang,
                "renommez l'en-tête avec le nom de la colonne, ou --column COLONNE=EN-TÊTE (secpa columns FICHIER montre comment chaque en-tête est lu)",
                "rename the header to the column's name, or --column KEY=HEADER (secpa columns FILE shows how each header is read)",
            )),
            Problem::FormulaWithoutResult { .. } => Some(say!(
                lang,
                "ouvrez le fichier dans le tableur et enregistrez-le (les formules y sont calculées), ou tapez la valeur à la place de la formule",
                "open the file in the spreadsheet and save it (formulas are computed then), or type the value instead of the formula",
            )),
            Problem::Formulas { .. } => Some(say!(
                lang,
                "vérifiez ces cellules ; pour figer une valeur, copiez puis « collage spécial : valeurs seulement »",
                "check these cells; to freeze a value, copy then \"paste special: values only\"",
            )),
            Problem::HiddenRows { .. } => Some(say!(
                lang,
                "pour les écarter, supprimez ces lignes du fichier (les masquer ou les filtrer ne suffit pas)",
                "to leave them out, delete these rows from the file (hiding or filtering them is not enough)",
            )),
            Problem::HiddenColumns { .. } => Some(say!(
                lang,
                "pour qu'une colonne ne soit pas lue, supprimez-la ou videz son en-tête (la masquer ne suffit pas)",
                "for a column not to be read, delete it or empty its header (hiding it is not enough)",
            )),
            Problem::MergedCells { .. } => Some(say!(
                lang,
                "si la valeur ne vaut que pour une ligne, annulez la fusion et remplissez chaque cellule",
                "if the value holds for one row only, unmerge the cells and fill in each one",
            )),
            Problem::SheetRead(_) => Some(say!(
                lang,
                "pour lire une autre feuille : --sheet NOM",
                "to read another sheet: --sheet NAME",
            )),
            Problem::NoSheetHeader { .. } => Some(say!(
                lang,
                "donnez la feuille des candidatures avec --sheet NOM, ou mettez les noms des colonnes sur une ligne de cette feuille",
                "give the candidatures' sheet with --sheet NAME, or write the columns' names on one row of that sheet",
            )),
            Problem::HeaderBelow { .. } => None,
            Problem::TotalRow => Some(say!(
                lang,
                "si c'est une structure, donnez son numéro FINESS : elle sera contrôlée et payée",
                "if it is a structure, give its FINESS number: it will be checked and paid",
            )),
            Problem::CutInWorkbook { .. } => Some(say!(
                lang,
                "le texte entier est dans --format csv ou json ; raccourcissez la cellule dans le fichier de candidatures",
                "the whole text is in --format csv or json; shorten the cell in the candidature file",
            )),
            Problem::ChangedWhileRead { .. } => Some(say!(
                lang,
                "relancez quand le fichier n'est plus en cours d'écriture (ou lisez une copie)",
                "run again once the file is no longer being written (or read a copy)",
            )),
            Problem::UnsaidSum { .. } => Some(say!(
                lang,
                "si c'est un total, écrivez « Total » dans sa cellule nom ou supprimez la ligne ; si c'est une structure, donnez son numéro FINESS",
                "if it is a total, write \"Total\" in its nom cell or delete the row; if it is a structure, give its FINESS number",
            )),
            Problem::MissingColumn { .. } => Some(say!(
                lang,
                "ajoutez la colonne à la ligne d'en-tête (secpa code E005 ; les en-têtes reconnus : secpa template -o modele.xlsx)",
                "add the column to the header row (secpa code E005; the recognised headers: secpa template -o template.xlsx)",
            )),
            Problem::SwallowedLines { .. } => Some(say!(
                lang,
                "fermez ou supprimez le guillemet de la première ligne citée (un guillemet dans une cellule s'écrit \"\")",
                "close or remove the quote on the first line given (a quote inside a cell is written \"\")",
            )),
            Problem::BinaryContent => Some(say!(
                lang,
                "exportez la feuille depuis le tableur en « CSV UTF-8 » ou « CSV (séparateur : point-virgule) »",
                "export the sheet from the spreadsheet as \"CSV UTF-8\" or \"CSV (semicolon delimited)\"",
            )),
            Problem::MisplacedBom => Some(say!(
                lang,
                "supprimez la ligne (souvent un second en-tête) ou réenregistrez le fichier",
                "delete the row (often a second header) or save the file again",
            )),
            Problem::UnclosedQuote => Some(say!(
                lang,
                "fermez le guillemet de la cellule de cette ligne, ou supprimez-le",
                "close the quote of the cell on this row, or remove it",
            )),
            Problem::ReadInterrupted { .. } => Some(say!(
                lang,
                "relancez ; sinon copiez le fichier en local ou réenregistrez-le depuis le tableur",
                "run again; otherwise copy the file locally or save it again from the spreadsheet",
            )),
            Problem::AmbiguousDate { .. } => Some(say!(
                lang,
                "écrivez la date en AAAA-MM-JJ (2022-03-04), qui ne se lit que d'une façon",
                "write the date as YYYY-MM-DD (2022-03-04), which reads one way only",
            )),
            Problem::AmbiguousNumber { .. } => Some(say!(
                lang,
                "écrivez le nombre sans séparateur de milliers (60000) ou avec des espaces (60 000) ; décimales : 37,5",
                "write the number without a thousands separator (60000) or with spaces (60 000); decimals: 37.5",
            )),
            Problem::Implausible(_) => Some(say!(
                lang,
                "vérifiez la valeur dans le tableur ; les bornes : secpa code E110",
                "check the value in the spreadsheet; the bounds: secpa code E110",
            )),
            Problem::FileActiveBelowMin { .. } => Some(say!(
                lang,
                "indiquez la file active en médecine générale de l'année précédente",
                "give the previous year's file active in general medicine",
            )),
            Problem::InvalidWorkbook { .. } => Some(say!(
                lang,
                "rouvrez-le dans le tableur et enregistrez-le en « Classeur Excel (.xlsx) » ou en CSV",
                "reopen it in the spreadsheet and save it as \"Excel Workbook (.xlsx)\" or CSV",
            )),
            Problem::WorkbookTooLarge(_) => Some(say!(
                lang,
                "une feuille de candidatures tient en quelques Mio : enregistrez la seule feuille utile en .xlsx ou en CSV",
                "a candidature sheet takes a few MiB: save only the sheet needed as .xlsx or CSV",
            )),
            Problem::Check(p) => p.help(lang),
            // The message says what to do.
            Problem::EmptyFile
            | Problem::NoRows
            | Problem::RaggedRow { .. }
            | Problem::UnknownColumn { .. }
            | Problem::DuplicateColumn { .. }
            | Problem::FieldTooLong { .. }
            | Problem::RowTooLarge { .. }
            | Problem::Unreadable { .. }
            | Problem::InvalidNumber
            | Problem::InvalidDate
            | Problem::InvalidBoolean
            | Problem::InvalidChoice { .. }
            | Problem::PercentOutOfRange
            | Problem::MissingValue
            | Problem::NumberOutOfRange { .. }
            | Problem::UnknownSheet { .. }
            | Problem::SheetIgnored { .. } => None,
            Problem::MappedHeaderAbsent { .. } => Some(say!(
                lang,
                "donnez l'en-tête tel qu'il est écrit dans le fichier (secpa columns FICHIER les montre)",
                "give the header as written in the file (secpa columns FILE shows them)",
            )),
        }
    }
}

impl CheckProblemWords for CheckProblem {
    /// What was found, what is expected and which rule says so; `v` is the raw cell.
    fn message(&self, v: &str, lang: Lang) -> String {
        use CheckProblem::*;
        match self {
            DuplicateFiness {
                first_row,
                first_file: None,
            } => say!(
                lang,
                format!("FINESS {v} déjà utilisé ligne {first_row} : une structure par ligne"),
                format!("FINESS {v} already used on row {first_row}: one structure per row"),
            ),
            DuplicateFiness {
                first_row,
                first_file: Some(file),
            } => say!(
                lang,
                format!("FINESS {v} déjà utilisé dans {file}, ligne {first_row} : une structure par ligne, dans un seul fichier du lot"),
                format!("FINESS {v} already used in {file}, row {first_row}: one structure per row, in one file of the batch"),
            ),
            FileActiveAboveMax { value, max, cite } => say!(
                lang,
                format!(
                    "file active {value} : au-delà de {max}, le barème D1 ne donne pas plus d'ETP ({})",
                    cite.text(lang)
                ),
                format!(
                    "file active {value}: above {max}, the D1 scale gives no more ETP ({})",
                    cite.text(lang)
                ),
            ),
            AnneeFileActive { year, expected } => say!(
                lang,
                format!(
                    "file active de l'année {year} : attendu {expected}, l'année précédant l'entrée"
                ),
                format!(
                    "file active of year {year}: expected {expected}, the year before entry"
                ),
            ),
            TypeNotAllowed { allowed, cite } => {
                let allowed = alternatives(allowed, lang);
                say!(
                    lang,
                    format!(
                        "type de structure « {v} » non admis (admis : {allowed} ; {})",
                        cite.text(lang)
                    ),
                    format!(
                        "kind of structure \"{v}\" not admitted (admitted: {allowed}; {})",
                        cite.text(lang)
                    ),
                )
            }
            ImplantationNotAllowed { allowed, cite } => {
                let allowed = alternatives(allowed, lang);
                say!(
                    lang,
                    format!(
                        "implantation « {v} » non admise (admises : {allowed} ; {})",
                        cite.text(lang)
                    ),
                    format!(
                        "implantation \"{v}\" not admitted (admitted: {allowed}; {})",
                        cite.text(lang)
                    ),
                )
            }
            UnknownQpv {
                list,
                other_list,
                cite,
                uncovered,
            } => say!(
                lang,
                format!(
                    "code QPV « {v} » absent de la liste des QPV {list}{} ({}){}",
                    other_list
                        .map(|o| format!(" ; c'est un code de la liste {o}"))
                        .unwrap_or_default(),
                    cite.text(lang),
                    uncovered
                        .map(|d| format!(" ; aucune version des règles chargées ne couvre la date de dépôt du {d} : la plus proche a jugé la candidature (--rules ajoute des versions aux intégrées, --only-rules les remplace)"))
                        .unwrap_or_default(),
                ),
                format!(
                    "QPV code \"{v}\" is not in the {list} QPV list{} ({}){}",
                    other_list
                        .map(|o| format!("; it is a code of the {o} list"))
                        .unwrap_or_default(),
                    cite.text(lang),
                    uncovered
                        .map(|d| format!("; no loaded rule version covers the filing date {d}: the nearest one judged the candidature (--rules adds versions to the embedded ones, --only-rules replaces them)"))
                        .unwrap_or_default(),
                ),
            ),
            QpvNotInPartialList { department } => say!(
                lang,
                format!(
                    "code QPV « {v} » non vérifiable : la liste 2015 fournie n'a pas les QPV du département {department} (Mayotte, Saint-Martin, Polynésie française manquent)"
                ),
                format!(
                    "QPV code \"{v}\" cannot be checked: the shipped 2015 list lacks the QPV of department {department} (Mayotte, Saint-Martin, French Polynesia are missing)"
                ),
            ),
            QpvDepartment { qpv, commune } => say!(
                lang,
                format!(
                    "le QPV « {v} » est dans le département {qpv}, la commune dans le {commune} : un quartier vécu jouxte son QPV"
                ),
                format!(
                    "QPV \"{v}\" is in department {qpv}, the commune in {commune}: a quartier vécu borders its QPV"
                ),
            ),
            TiersPayantNon { cite } => say!(
                lang,
                format!(
                    "tiers payant « {v} » : le tiers payant est obligatoire ({})",
                    cite.text(lang)
                ),
                format!(
                    "tiers payant \"{v}\": tiers payant is compulsory ({})",
                    cite.text(lang)
                ),
            ),
            TiersPayantPartiel { cite } => say!(
                lang,
                format!(
                    "tiers payant partiel : le tiers payant intégral est recommandé ({})",
                    cite.text(lang)
                ),
                format!(
                    "partial tiers payant: integral tiers payant is recommended ({})",
                    cite.text(lang)
                ),
            ),
            TarifsOpposablesNon { cite } => say!(
                lang,
                format!(
                    "tarifs opposables « {v} » : les tarifs opposables sont obligatoires ({})",
                    cite.text(lang)
                ),
                format!(
                    "tarifs opposables \"{v}\": regulated fees are compulsory ({})",
                    cite.text(lang)
                ),
            ),
            OuvertATousNon { cite } => say!(
                lang,
                format!(
                    "ouverture à tous « {v} » : la structure doit être ouverte à tous ({})",
                    cite.text(lang)
                ),
                format!(
                    "open to all \"{v}\": the structure must be open to all ({})",
                    cite.text(lang)
                ),
            ),
            MissionNon { mission, cite } => say!(
                lang,
                format!(
                    "mission « {} » non assurée : les neuf missions sont obligatoires ({})",
                    mission.title(lang),
                    cite.text(lang)
                ),
                format!(
                    "mission \"{}\" not carried out: the nine missions are compulsory ({})",
                    mission.title(lang),
                    cite.text(lang)
                ),
            ),
            LateDepot {
                date,
                deadline,
                cite,
            } => say!(
                lang,
                format!(
                    "candidature déposée le {date}, après la date limite du {deadline} ; seules les structures fondatrices en sont dispensées ({})",
                    cite.text(lang)
                ),
                format!(
                    "candidature filed on {date}, after the deadline of {deadline}; only founding structures are exempt ({})",
                    cite.text(lang)
                ),
            ),
            NoDepot { deadline, cite } => say!(
                lang,
                format!(
                    "date de dépôt manquante : une structure non fondatrice doit avoir déposé sa candidature au plus tard le {deadline} ({})",
                    cite.text(lang)
                ),
                format!(
                    "filing date missing: a structure that is not a founder must have filed by {deadline} ({})",
                    cite.text(lang)
                ),
            ),
            PsyAboveCap { amount, cap, cite } => say!(
                lang,
                format!(
                    "montant demandé {} au-dessus du plafond de {} : la dotation D4 sera plafonnée ({})",
                    money(*amount, Lang::Fr),
                    money(*cap, Lang::Fr),
                    cite.text(lang)
                ),
                format!(
                    "requested amount {} above the cap of {}: D4 will be capped ({})",
                    money(*amount, Lang::En),
                    money(*cap, Lang::En),
                    cite.text(lang)
                ),
            ),
            PsyWithoutAgreement { amount, cite } => say!(
                lang,
                format!(
                    "montant demandé {} sans accord de l'ARS : la dotation D4 sera nulle ({})",
                    money(*amount, Lang::Fr),
                    cite.text(lang)
                ),
                format!(
                    "requested amount {} without the ARS's agreement: D4 will be 0 ({})",
                    money(*amount, Lang::En),
                    cite.text(lang)
                ),
            ),
            CapAssumed { assumed, cite } if assumed.is_zero() => say!(
                lang,
                format!("accord de l'ARS sans montant demandé : la dotation D4 est supposée nulle, hypothèse qu'aucun texte ne confirme ({})", cite.text(lang)),
                format!("the ARS's agreement without an amount requested: D4 is assumed to be 0, an assumption no text confirms ({})", cite.text(lang)),
            ),
            CapAssumed { assumed, cite } => say!(
                lang,
                format!("accord de l'ARS sans montant demandé : la dotation D4 est supposée égale au plafond, {}, hypothèse qu'aucun texte ne confirme ({})", money(*assumed, Lang::Fr), cite.text(lang)),
                format!("the ARS's agreement without an amount requested: D4 is assumed to be the cap, {}, an assumption no text confirms ({})", money(*assumed, Lang::En), cite.text(lang)),
            ),
            AgreementEmpty => say!(
                lang,
                "accord de l'ARS non renseigné : lu « non », pas de dotation D4".to_owned(),
                "the ARS's agreement is empty: read \"no\", no D4".to_owned(),
            ),
            FounderOutside {
                department,
                departments,
                cite,
            } => say!(
                lang,
                format!("structure fondatrice déclarée dans le département {department}, où l'appel à candidatures n'en nomme aucune (fondatrices : départements {departments}) ; ligne refusée ({})", cite.text(lang)),
                format!("a founder declared in département {department}, where the call for candidatures names none (founders: départements {departments}); row refused ({})", cite.text(lang)),
            ),
            ActiviteMgNon { cite } => say!(
                lang,
                format!(
                    "activité majoritaire de médecine générale « {v} » : l'arrêté demande « une activité majoritaire de médecine générale » ({})",
                    cite.text(lang)
                ),
                format!(
                    "mostly general medicine \"{v}\": the arrêté asks for an activity that is mostly general medicine ({})",
                    cite.text(lang)
                ),
            ),
            ActiviteParamedicaleNon { cite } => say!(
                lang,
                format!(
                    "activité paramédicale « {v} » : l'arrêté demande « mais aussi une activité paramédicale » ({})",
                    cite.text(lang)
                ),
                format!(
                    "paramedical activity \"{v}\": the arrêté also asks for a paramedical activity ({})",
                    cite.text(lang)
                ),
            ),
            ConditionBlank { paramedical: true } => say!(
                lang,
                "cellule vide : la condition « une activité paramédicale » du cahier des charges n'est pas contrôlée sur cette ligne".to_owned(),
                "empty cell: the condition \"a paramedical activity\" of the specifications is not checked on this row".to_owned(),
            ),
            ConditionBlank { paramedical: false } => say!(
                lang,
                "cellule vide : la condition « une activité majoritaire de médecine générale » du cahier des charges n'est pas contrôlée sur cette ligne".to_owned(),
                "empty cell: the condition \"mostly general medicine\" of the specifications is not checked on this row".to_owned(),
            ),
            ConditionsUnchecked { columns } => say!(
                lang,
                format!("non contrôlé : le fichier n'a pas {} : {}", columns_text(columns, Lang::Fr), conditions_text(columns, Lang::Fr)),
                format!("not checked: the file lacks {}: {}", columns_text(columns, Lang::En), conditions_text(columns, Lang::En)),
            ),
            FounderName { expected, cite } => say!(
                lang,
                format!("structure fondatrice dont le nom ne ressemble pas à celui de la fondatrice de son département, « {expected} » ({})", cite.text(lang)),
                format!("a founder whose name does not resemble the founder of its département, \"{expected}\" ({})", cite.text(lang)),
            ),
            PovertyLookedUp { rate, source, code } => say!(
                lang,
                format!(
                    "taux de pauvreté non renseigné : {} % utilisé, {}",
                    crate::report::decimal(*rate, Lang::Fr),
                    source_text(*source, code, lang)
                ),
                format!(
                    "no poverty rate given: {} % used, {}",
                    crate::report::decimal(*rate, Lang::En),
                    source_text(*source, code, lang)
                ),
            ),
            NoPovertyRate => say!(
                lang,
                "taux de pauvreté non renseigné et aucun taux publié pour le QPV ni la commune : il faut le renseigner (D2 en dépend)",
                "no poverty rate given and no published rate for the QPV or the commune: it must be given (D2 depends on it)",
            )
            .into(),
            PovertyNotAboveThreshold {
                rate,
                looked_up,
                threshold,
                cite,
            } => say!(
                lang,
                format!(
                    "taux de pauvreté du territoire {} %{} : hors QPV, un quartier vécu doit dépasser le taux national métropolitain de {} % ({})",
                    crate::report::decimal(*rate, Lang::Fr),
                    if *looked_up { " (taux publié, voir I218)" } else { "" },
                    crate::report::decimal(*threshold, Lang::Fr),
                    cite.text(lang)
                ),
                format!(
                    "territory poverty rate {} %{}: outside a QPV, a quartier vécu must be above the national metropolitan rate of {} % ({})",
                    crate::report::decimal(*rate, Lang::En),
                    if *looked_up { " (published rate, see I218)" } else { "" },
                    crate::report::decimal(*threshold, Lang::En),
                    cite.text(lang)
                ),
            ),
            FinessForm { length } => say!(
                lang,
                format!(
                    "FINESS « {v} » mal formé : {length} caractères, attendu 9 chiffres (2A/2B en Corse)"
                ),
                format!(
                    "malformed FINESS \"{v}\": {length} characters, expected 9 digits (2A/2B in Corsica)"
                ),
            ),
            FinessCheckDigit => say!(
                lang,
                format!("FINESS « {v} » invalide : la clé de contrôle (Luhn) ne correspond pas"),
                format!("invalid FINESS \"{v}\": the check digit (Luhn) does not match"),
            ),
            SiretInvalid { check_digit: true } => say!(
                lang,
                format!(
                    "SIRET/SIREN « {v} » invalide : la clé de contrôle (Luhn) ne correspond pas"
                ),
                format!("invalid SIRET/SIREN \"{v}\": the check digit (Luhn) does not match"),
            ),
            SiretInvalid { check_digit: false } => say!(
                lang,
                format!(
                    "SIRET/SIREN « {v} » mal formé : attendu 14 chiffres (SIRET) ou 9 (SIREN)"
                ),
                format!("malformed SIRET/SIREN \"{v}\": expected 14 digits (SIRET) or 9 (SIREN)"),
            ),
            UnknownCommune { .. } => say!(
                lang,
                format!("code commune « {v} » inconnu du code officiel géographique (INSEE)"),
                format!("commune code \"{v}\" is not in the official geographic code (INSEE)"),
            ),
            FinessDepartment { finess, commune } => say!(
                lang,
                format!(
                    "FINESS du département {finess}, commune du département {commune} : l'un des deux est-il faux ?"
                ),
                format!(
                    "FINESS of department {finess}, commune in department {commune}: is one of them wrong?"
                ),
            ),
        }
    }

    /// What to do about it, when there is something useful to say.
    fn help(&self, lang: Lang) -> Option<&'static str> {
        use CheckProblem::*;
        match self {
            CapAssumed { .. } => Some(say!(
                lang,
                "indiquez le montant demandé dans la colonne « Montant psy demandé (€) »",
                "give the amount requested in column \"Montant psy demandé (€)\"",
            )),
            AgreementEmpty => Some(say!(
                lang,
                "écrivez « oui » si l'ARS a donné son accord au soutien psychologique, sinon « non »",
                "write \"oui\" if the ARS agreed to the psychological support, else \"non\"",
            )),
            ConditionBlank { .. } => Some(say!(
                lang,
                "écrivez « oui » ou « non » pour que la condition soit contrôlée",
                "write \"oui\" or \"non\" for the condition to be checked",
            )),
            ConditionsUnchecked { .. } => Some(say!(
                lang,
                "ajoutez une colonne « Activité majoritaire de médecine générale » et une colonne « Activité paramédicale » (oui/non) pour les contrôler (secpa columns)",
                "add a column \"Activité majoritaire de médecine générale\" and a column \"Activité paramédicale\" (oui/non) to check them (secpa columns)",
            )),
            FounderOutside { .. } => Some(say!(
                lang,
                "seules les six structures nommées par l'appel sont fondatrices : sinon écrivez « non » et indiquez la date de dépôt",
                "only the six structures named by the call are founders: otherwise write \"non\" and give the filing date",
            )),
            // Eight digits: a spreadsheet took the FINESS for a number.
            FinessForm { length: 8 } => Some(say!(
                lang,
                "le tableur a peut-être supprimé le zéro initial : formatez la colonne en texte",
                "the spreadsheet may have dropped the leading zero: format the column as text",
            )),
            // Four digits: a spreadsheet took the commune code for a number.
            UnknownCommune { lost_zero: true } => Some(say!(
                lang,
                "le tableur a peut-être supprimé le zéro initial (01004 devenu 1004) : formatez la colonne en texte",
                "the spreadsheet may have dropped the leading zero (01004 became 1004): format the column as text",
            )),
            UnknownQpv { .. } => Some(say!(
                lang,
                "vérifiez le code sur sig.ville.gouv.fr ; --as-of choisit la version des règles (et sa liste)",
                "check the code on sig.ville.gouv.fr; --as-of chooses the rule version (and its list)",
            )),
            NoPovertyRate => Some(say!(
                lang,
                "indiquez le taux de pauvreté du territoire, en %",
                "give the territory's poverty rate, in %",
            )),
            PovertyNotAboveThreshold { .. } => Some(say!(
                lang,
                "vérifiez le taux du territoire ; une structure située dans un QPV a l'implantation qpv, sans seuil",
                "check the territory's rate; a structure inside a QPV has implantation qpv, with no threshold",
            )),
            // The message says what to do.
            FinessForm { .. }
            | DuplicateFiness { .. }
            | FileActiveAboveMax { .. }
            | AnneeFileActive { .. }
            | TypeNotAllowed { .. }
            | ImplantationNotAllowed { .. }
            | QpvNotInPartialList { .. }
            | QpvDepartment { .. }
            | TiersPayantNon { .. }
            | TiersPayantPartiel { .. }
            | TarifsOpposablesNon { .. }
            | OuvertATousNon { .. }
            | ActiviteMgNon { .. }
            | ActiviteParamedicaleNon { .. }
            | MissionNon { .. }
            | LateDepot { .. }
            | NoDepot { .. }
            | PsyAboveCap { .. }
            | PsyWithoutAgreement { .. }
            | PovertyLookedUp { .. }
            | FounderName { .. }
            | FinessCheckDigit
            | SiretInvalid { .. }
            | UnknownCommune { lost_zero: false }
            | FinessDepartment { .. } => None,
        }
    }
}

/// "la colonne « X »" / "les colonnes « X » et « Y »" (I227): absent columns by the label
/// the template writes for them, as every absent column is named.
fn columns_text(columns: &[&str], lang: Lang) -> String {
    let quoted: Vec<String> = columns
        .iter()
        .map(|c| {
            let label = crate::candidature::Column::from_name(c).map_or(*c, |c| c.label());
            say!(lang, format!("« {label} »"), format!("\"{label}\""))
        })
        .collect();
    match (lang, quoted.len()) {
        (Lang::Fr, 1) => format!("la colonne {}", quoted[0]),
        (Lang::Fr, _) => format!("les colonnes {}", quoted.join(" et ")),
        (Lang::En, 1) => format!("the column {}", quoted[0]),
        (Lang::En, _) => format!("the columns {}", quoted.join(" and ")),
    }
}

/// The conditions the absent columns carry, quoted from the arrêté (I227).
fn conditions_text(columns: &[&str], lang: Lang) -> String {
    let quote = |c: &str| match (c, lang) {
        ("activite_paramedicale", Lang::Fr) => "« une activité paramédicale »",
        (_, Lang::Fr) => "« une activité majoritaire de médecine générale »",
        ("activite_paramedicale", Lang::En) => "\"a paramedical activity\"",
        (_, Lang::En) => "\"mostly general medicine\"",
    };
    let quoted: Vec<&str> = columns.iter().map(|c| quote(c)).collect();
    match (lang, quoted.len()) {
        (Lang::Fr, 1) => format!(
            "la condition {} du cahier des charges n'est vérifiée pour aucune ligne",
            quoted[0]
        ),
        (Lang::Fr, _) => format!(
            "les conditions {} du cahier des charges ne sont vérifiées pour aucune ligne",
            quoted.join(" et ")
        ),
        (Lang::En, 1) => format!(
            "no row is checked for the condition {} of the specifications",
            quoted[0]
        ),
        (Lang::En, _) => format!(
            "no row is checked for the conditions {} of the specifications",
            quoted.join(" and ")
        ),
    }
}

impl CiteWords for Cite {
    /// "règles 2022-02-03, <source>" / "rules 2022-02-03, <source>", and whether the value
    /// is provisional. The source is the title of the text, quoted as published.
    fn text(&self, lang: Lang) -> String {
        let (rules, provisional) = say!(
            lang,
            ("règles", ", valeur provisoire"),
            ("rules", ", provisional value"),
        );
        let mut out = format!("{rules} {}", self.version);
        if !self.source.is_empty() {
            out.push_str(", ");
            out.push_str(&self.source);
        }
        if self.provisional {
            out.push_str(provisional);
        }
        out
    }
}

/// Where a looked-up poverty rate comes from, in words.
fn source_text(source: PovertySource, code: &str, lang: Lang) -> String {
    match source {
        PovertySource::Qpv2015Recent => say!(
            lang,
            format!("taux INSEE du QPV {code} (liste 2015, fichier REVN_2022)"),
            format!("INSEE rate of QPV {code} (2015 list, file REVN_2022)"),
        ),
        PovertySource::Qpv2015Revenus2017 => say!(
            lang,
            format!("taux INSEE du QPV {code} (liste 2015, revenus 2017)"),
            format!("INSEE rate of QPV {code} (2015 list, income 2017)"),
        ),
        PovertySource::Commune2019 => say!(
            lang,
            format!("taux INSEE Filosofi 2019 de la commune {code}"),
            format!("INSEE Filosofi 2019 rate of commune {code}"),
        ),
    }
}

impl ZipLimitWords for ZipLimit {
    /// Which limit the workbook passes, with its figures.
    fn text(&self, lang: Lang) -> String {
        match self {
            ZipLimit::Total { bytes, limit } => say!(
                lang,
                format!(
                    "son contenu fait {} une fois décompressé, au plus {} admis",
                    size(*bytes, lang),
                    size(*limit, lang)
                ),
                format!(
                    "its content takes {} once decompressed, at most {} accepted",
                    size(*bytes, lang),
                    size(*limit, lang)
                ),
            ),
            ZipLimit::Ratio {
                member,
                uncompressed,
                compressed,
                limit,
            } => {
                let (from, to) = (size(*compressed, lang), size(*uncompressed, lang));
                let times = uncompressed / (*compressed).max(1);
                say!(
                    lang,
                    format!(
                        "« {member} » passe de {from} à {to} une fois décompressé ({times} fois plus, au plus {limit} fois admis)"
                    ),
                    format!(
                        "\"{member}\" grows from {from} to {to} once decompressed ({times} times larger, at most {limit} times accepted)"
                    ),
                )
            }
            ZipLimit::Members { count, limit } => say!(
                lang,
                format!(
                    "{} fichiers dans l'archive, au plus {} admis",
                    crate::report::count(*count as u64, lang),
                    crate::report::count(*limit as u64, lang)
                ),
                format!(
                    "{} files in the archive, at most {} accepted",
                    crate::report::count(*count as u64, lang),
                    crate::report::count(*limit as u64, lang)
                ),
            ),
            ZipLimit::SharedStrings { declared, limit } => say!(
                lang,
                format!(
                    "{} textes partagés annoncés, au plus {} admis",
                    crate::report::count(*declared, lang),
                    crate::report::count(*limit, lang)
                ),
                format!(
                    "{} shared strings declared, at most {} accepted",
                    crate::report::count(*declared, lang),
                    crate::report::count(*limit, lang)
                ),
            ),
            ZipLimit::Extent {
                member,
                rows,
                columns,
                limit,
            } => say!(
                lang,
                format!(
                    "« {member} » s'étend sur {} ligne(s) × {} colonne(s), au plus {} cellules admises (1 048 576 lignes et 16 384 colonnes au plus)",
                    crate::report::count(*rows, lang),
                    crate::report::count(*columns, lang),
                    crate::report::count(*limit, lang)
                ),
                format!(
                    "\"{member}\" spans {} row(s) × {} column(s), at most {} cells accepted (at most 1,048,576 rows and 16,384 columns)",
                    crate::report::count(*rows, lang),
                    crate::report::count(*columns, lang),
                    crate::report::count(*limit, lang)
                ),
            ),
            ZipLimit::File { bytes, limit } => say!(
                lang,
                format!(
                    "le fichier fait {}, au plus {} admis pour un classeur",
                    size(*bytes, lang),
                    size(*limit, lang)
                ),
                format!(
                    "the file takes {}, at most {} accepted for a workbook",
                    size(*bytes, lang),
                    size(*limit, lang)
                ),
            ),
            ZipLimit::Text { bytes, limit } => say!(
                lang,
                format!(
                    "le texte de la feuille dépasse {} une fois écrit, au plus {} admis",
                    size(*bytes, lang),
                    size(*limit, lang)
                ),
                format!(
                    "the sheet's text exceeds {} once written out, at most {} accepted",
                    size(*bytes, lang),
                    size(*limit, lang)
                ),
            ),
        }
    }
}

/// The French plural mark of a count: "s" from 2.
fn plural_fr(n: u64) -> &'static str {
    if n > 1 {
        "s"
    } else {
        ""
    }
}

/// A size in bytes as a person reads it: octets, Kio or Mio (bytes, KiB, MiB), rounded down.
fn size(bytes: u64, lang: Lang) -> String {
    const UNIT: u64 = 1024;
    let (b, k, m) = say!(lang, ("octets", "Kio", "Mio"), ("bytes", "KiB", "MiB"));
    if bytes >= UNIT * UNIT {
        format!("{} {m}", bytes / (UNIT * UNIT))
    } else if bytes >= UNIT {
        format!("{} {k}", bytes / UNIT)
    } else {
        format!("{bytes} {b}")
    }
}

impl ExpectedWords for Expected {
    /// What the number should have been.
    fn text(self, lang: Lang) -> &'static str {
        match self {
            Expected::WholeCount => {
                say!(lang, "un nombre entier positif", "a whole positive number")
            }
            Expected::CountTooLarge => say!(
                lang,
                "un nombre entier d'au plus 4 294 967 295",
                "a whole number of at most 4,294,967,295",
            ),
            Expected::PositiveAmount => say!(lang, "un montant positif", "a positive amount"),
            Expected::Year => say!(
                lang,
                "une année entre 1900 et 2100",
                "a year between 1900 and 2100"
            ),
            Expected::Digits => say!(
                lang,
                "un nombre d'au plus 28 chiffres",
                "a number of at most 28 digits"
            ),
        }
    }
}

impl CodeWords for Code {
    /// What a code means, in a few words ([`code_words`]).
    fn title(self, lang: Lang) -> &'static str {
        let [fr, en] = code_words(self);
        say!(lang, fr.0, en.0)
    }

    /// What a code reports and what to do about it ([`code_words`]).
    fn doc(self, lang: Lang) -> (&'static str, &'static str) {
        let [fr, en] = code_words(self);
        say!(lang, (fr.1, fr.2), (en.1, en.2))
    }

    /// A diagnostic of this code as a file would give it: the first sample of the code,
    /// on row 3 of `candidatures.csv` (no row for a problem of the whole file).
    fn example(self) -> Option<Diagnostic> {
        let problem = samples().into_iter().find(|p| p.code() == self)?;
        let (column, value) = example_cell(self);
        // An unknown column is reported on the header, row 1.
        let row = match self {
            _ if self.file_level() => None,
            Code::W006 => Some(1),
            _ => Some(3),
        };
        let d = Diagnostic::new("candidatures.csv", row, column, value, problem);
        // Named as in the template workbook (`secpa template`): its labels, in the order of
        // the columns; a header it lacks (unknown, or the second of a pair) after them.
        use crate::candidature::Column;
        let after = Column::COUNT;
        Some(match (column, column.and_then(Column::from_name)) {
            (_, Some(c)) if self == Code::E005 => Diagnostic {
                header: Some(c.label().to_owned()),
                ..d
            },
            (_, Some(c)) if self == Code::E007 => d.at(c.label(), after),
            (_, Some(c)) => {
                let position = Column::ALL.iter().position(|x| *x == c).unwrap_or(after);
                d.at(c.label(), position)
            }
            (Some(header), None) => d.at(header, after),
            (None, _) => d,
        })
    }

    /// What `secpa code CODE` prints: the code, its severity and title, what it reports,
    /// what to do, and an example as the terminal shows it.
    fn explanation(self, lang: Lang) -> String {
        let (what, fix) = self.doc(lang);
        let (reported, todo, example) = say!(
            lang,
            ("Ce qui est signalé", "Que faire", "Exemple"),
            ("What is reported", "What to do", "Example"),
        );
        let sep = say!(lang, " :", ":");
        let mut out = format!(
            "{self} ({}) — {}\n\n{reported}{sep} {what}\n\n{todo}{sep} {fix}\n",
            self.severity().label(lang),
            self.title(lang)
        );
        if let Some(d) = self.example() {
            out.push_str(&format!("\n{example}{sep}\n"));
            for line in d.render(lang).lines() {
                out.push_str(&format!("    {line}\n"));
            }
        }
        out
    }
}

/// What each code is called, what it reports and what to do about it, in French then in
/// English: one entry per code, so that a new code's words are one arm. The title is the
/// legend of the pages that show codes (the HTML reports); the two others are the rows of
/// `docs/codes.md` (written from them) and the text of `secpa code`.
fn code_words(code: Code) -> [(&'static str, &'static str, &'static str); 2] {
    use Code::*;
    match code {
        E001 => [
            (
                "encodage illisible",
                r#"encodage illisible (UTF-16, octets non UTF-8 dans un fichier UTF-8, ligne UTF-8 dans un fichier Windows-1252 : chaque ligne est vérifiée)"#,
                r#"enregistrer en « CSV UTF-8 » ou « CSV (séparateur : point-virgule) »"#,
            ),
            (
                "unreadable encoding",
                r#"unreadable encoding (UTF-16, bytes that are not UTF-8 in a UTF-8 file, a UTF-8 row in a Windows-1252 file: every row is checked)"#,
                r#"save as "CSV UTF-8" or "CSV (semicolon delimited)""#,
            ),
        ],
        E002 => [
            (
                "fichier vide",
                r#"fichier vide"#,
                r#"une ligne d'en-tête et une ligne par structure"#,
            ),
            (
                "empty file",
                r#"empty file"#,
                r#"a header row and one row per structure"#,
            ),
        ],
        E003 => [
            (
                "en-tête seul, aucune structure",
                r#"en-tête seul, aucune structure"#,
                r#"ajouter les structures"#,
            ),
            (
                "header only, no structure",
                r#"header only, no structure"#,
                r#"add the structures"#,
            ),
        ],
        E004 => [
            (
                "ligne au nombre de cellules différent de l'en-tête",
                r#"ligne dont le nombre de cellules diffère de l'en-tête ; la ligne n'est pas lue"#,
                r#"vérifier les séparateurs et guillemets de la ligne"#,
            ),
            (
                "row whose number of cells differs from the header",
                r#"row whose number of cells differs from the header's; the row is not read"#,
                r#"check the row's separators and quotes"#,
            ),
        ],
        E005 => [
            (
                "colonne obligatoire absente",
                r#"colonne obligatoire absente (un diagnostic par colonne) ; quand aucune des 20 premières lignes ne nomme 3 colonnes connues, le message dit quelle ligne a été prise pour l'en-tête et laquelle en nommait le plus, et aucune ligne n'est lue"#,
                r#"ajouter la colonne à l'en-tête"#,
            ),
            (
                "required column missing",
                r#"required column missing (one diagnostic per column); when none of the first 20 rows names 3 known columns, the message says which row was taken for the header and which named the most, and no row is read"#,
                r#"add the column to the header"#,
            ),
        ],
        W006 => [
            (
                "colonne inconnue, ignorée",
                r#"colonne inconnue, ignorée (avec le nom connu le plus proche)"#,
                r#"corriger le nom ou supprimer la colonne"#,
            ),
            (
                "unknown column, ignored",
                r#"unknown column, ignored (with the closest known name)"#,
                r#"correct the name or delete the column"#,
            ),
        ],
        E016 => [
            (
                "en-tête non reconnu qui ressemble à une colonne absente",
                r#"en-tête non reconnu qui partage un mot du vocabulaire d'une colonne absente qui change un montant ou l'éligibilité, quelle que soit la ressemblance (« Budget psy (€) » sans `montant_psy_demande`, « Commune » sans `code_commune`), ou qui ressemble à son nom (« Taux de précarité » sans `taux_pauvrete`) : le message nomme les deux ; un en-tête qui n'en partage aucun (« Commentaires ») reste W006 ; ses valeurs ne sont ni ignorées ni remplacées (pas de taux cherché, I218)"#,
                r#"renommer l'en-tête, ou `--column COLONNE=EN-TÊTE` (`secpa columns FICHIER` montre comment chaque en-tête est lu)"#,
            ),
            (
                "unrecognised header resembling a missing column",
                r#"unrecognised header that shares a word of the vocabulary of a missing column that changes an amount or the eligibility, whatever the resemblance ("Budget psy (€)" without `montant_psy_demande`, "Commune" without `code_commune`), or that resembles its name ("Taux de précarité" without `taux_pauvrete`): the message names both; a header that shares none ("Commentaires") stays W006; its values are neither ignored nor replaced (no rate looked up, I218)"#,
                r#"rename the header, or `--column KEY=HEADER` (`secpa columns FILE` shows how each header is read)"#,
            ),
        ],
        E050 => [
            (
                "en-tête de --column absent du fichier",
                r#"`--column COLONNE=EN-TÊTE` (ou le choix de la page web) donne un en-tête que la ligne d'en-tête du fichier n'a pas : la colonne ne serait pas lue, le fichier n'est pas utilisé"#,
                r#"donner l'en-tête tel qu'il est écrit (`secpa columns FICHIER` les montre)"#,
            ),
            (
                "--column header absent from the file",
                r#"`--column KEY=HEADER` (or the web page's choice) gives a header the file's header row does not have: the column would not be read, the file is not used"#,
                r#"give the header as it is written (`secpa columns FILE` shows them)"#,
            ),
        ],
        E007 => [
            (
                "colonne en double",
                r#"colonne en double"#,
                r#"supprimer l'une des deux"#,
            ),
            (
                "duplicated column",
                r#"duplicated column"#,
                r#"delete one of the two"#,
            ),
        ],
        E009 => [
            (
                "même FINESS sur deux lignes",
                r#"même FINESS sur deux lignes, ou dans deux fichiers d'un même `check` (le message nomme la première ligne et son fichier)"#,
                r#"une structure par ligne : supprimer le doublon ou corriger le numéro"#,
            ),
            (
                "same FINESS on two rows",
                r#"same FINESS on two rows, or in two files of one `check` (the message names the first row and its file)"#,
                r#"one structure per row: delete the duplicate or correct the number"#,
            ),
        ],
        W018 => [
            (
                "--sheet donnée pour un fichier CSV, ignorée",
                r#"`--sheet` donnée pour un fichier CSV, qui n'a pas de feuilles : l'option est ignorée pour ce fichier (un lot peut mêler classeurs et CSV)"#,
                r#"retirer `--sheet`, ou donner le classeur plutôt que son export CSV"#,
            ),
            (
                "--sheet given for a CSV file, ignored",
                r#"`--sheet` given for a CSV file, which has no sheets: the option is ignored for that file (a batch may mix workbooks and CSV files)"#,
                r#"remove `--sheet`, or give the workbook rather than its CSV export"#,
            ),
        ],
        E020 => [
            (
                "classeur .xlsx illisible",
                r#"fichier `.xlsx` illisible (pas une archive zip, XML cassé)"#,
                r#"rouvrir dans le tableur et enregistrer en `.xlsx` ou en CSV"#,
            ),
            (
                "unreadable .xlsx workbook",
                r#"unreadable `.xlsx` file (not a zip archive, broken XML)"#,
                r#"reopen it in the spreadsheet and save it as `.xlsx` or CSV"#,
            ),
        ],
        E021 => [
            (
                "feuille du classeur introuvable",
                r#"la feuille demandée par `--sheet` n'existe pas (le message liste les feuilles)"#,
                r#"donner le nom exact de la feuille"#,
            ),
            (
                "workbook sheet not found",
                r#"the sheet asked for with `--sheet` does not exist (the message lists the sheets)"#,
                r#"give the exact name of the sheet"#,
            ),
        ],
        E022 => [
            (
                "classeur trop volumineux",
                r#"classeur trop volumineux ou bombe zip : l'archive `.xlsx` se décompresserait en plus de 200 Mio, un de ses fichiers de plus de 1 Mio se décompresserait plus de 100 fois, ou elle a plus de 10 000 fichiers ; ou son XML ferait réserver à calamine plus que ne tient une feuille de candidatures (`sharedStrings.xml` annonçant plus de 10 000 000 de textes, une feuille qui s'étend sur plus de 5 000 000 de cellules ou au-delà de la dernière ligne ou colonne d'un tableur) ; refusé avant toute lecture par calamine, sans décompresser"#,
                r#"enregistrer la seule feuille utile en `.xlsx` ou en CSV"#,
            ),
            (
                "workbook too large",
                r#"workbook too large or zip bomb: the `.xlsx` archive would decompress to more than 200 MiB, one of its files of more than 1 MiB would decompress more than 100 times, or it has more than 10,000 files; or its XML would make calamine reserve more than a candidature sheet holds (`sharedStrings.xml` declaring more than 10,000,000 strings, a sheet spanning more than 5,000,000 cells or past the last row or column of a spreadsheet); refused before calamine reads anything, without decompressing"#,
                r#"save only the sheet needed as `.xlsx` or CSV"#,
            ),
        ],
        E008 => [
            (
                "lecture interrompue",
                r#"lecture interrompue : erreur de lecture au milieu du fichier (disque, partage réseau) ; la suite n'est pas lue"#,
                r#"relancer ; sinon copier le fichier en local ou le réenregistrer depuis le tableur"#,
            ),
            (
                "reading interrupted",
                r#"reading interrupted: a read error in the middle of the file (disk, network share); the rest is not read"#,
                r#"run again; otherwise copy the file locally or save it again from the spreadsheet"#,
            ),
        ],
        E010 => [
            (
                "cellule trop longue",
                r#"cellule de plus de 64 Kio ; la ligne est ignorée sans être gardée en mémoire"#,
                r#"vérifier la cellule (un collage accidentel ?)"#,
            ),
            (
                "cell too long",
                r#"cell of more than 64 KiB; the row is skipped without being held in memory"#,
                r#"check the cell (an accidental paste?)"#,
            ),
        ],
        E011 => [
            (
                "ligne trop longue",
                r#"ligne de plus de 1 000 cellules ou de plus de 1 Mio ; ignorée sans être gardée en mémoire (sur l'en-tête : fichier illisible)"#,
                r#"supprimer les colonnes vides en trop, vérifier les séparateurs"#,
            ),
            (
                "row too long",
                r#"row of more than 1,000 cells or more than 1 MiB; skipped without being held in memory (on the header: unreadable file)"#,
                r#"delete the extra empty columns, check the separators"#,
            ),
        ],
        E012 => [
            (
                "octet nul : fichier binaire",
                r#"octet nul : fichier binaire (classeur .xlsx, image) ou UTF-16 sans BOM"#,
                r#"exporter la feuille en « CSV UTF-8 » ou « CSV (séparateur : point-virgule) »"#,
            ),
            (
                "null byte: binary file",
                r#"NUL byte: binary file (.xlsx workbook, image) or UTF-16 without BOM"#,
                r#"export the sheet as "CSV UTF-8" or "CSV (semicolon delimited)""#,
            ),
        ],
        E013 => [
            (
                "marque d'ordre d'octets (BOM) au milieu du fichier",
                r#"BOM (U+FEFF) ailleurs qu'au début du fichier : deux fichiers collés bout à bout ?"#,
                r#"supprimer la ligne (souvent un second en-tête)"#,
            ),
            (
                "byte order mark (BOM) inside the file",
                r#"BOM (U+FEFF) elsewhere than at the start of the file: two files pasted together?"#,
                r#"delete the row (often a second header)"#,
            ),
        ],
        E014 => [
            (
                "guillemet jamais fermé",
                r#"guillemet ouvert jamais fermé : la suite du fichier tient dans une cellule (la ligne citée est celle du guillemet)"#,
                r#"fermer ou supprimer le guillemet"#,
            ),
            (
                "quote never closed",
                r#"quote opened and never closed: the rest of the file ends up in one cell (the row given is the quote's)"#,
                r#"close or remove the quote"#,
            ),
        ],
        E017 => [
            (
                "cellule entre guillemets sur plusieurs lignes",
                r#"guillemet en début de cellule fermé des lignes plus loin : la ligne du tableur couvre plusieurs lignes du fichier et elle est refusée (trop longue, nombre de cellules faux, cellule qui contient autant de séparateurs qu'une ligne entière, ou guillemet fermant suivi d'autre chose qu'un séparateur ou une fin de ligne) ; le message donne les lignes couvertes et leur nombre, aucune n'est lue"#,
                r#"fermer ou supprimer le guillemet (un guillemet dans une cellule s'écrit `""`)"#,
            ),
            (
                "quoted cell over several lines",
                r#"quote at the start of a cell closed lines later: the spreadsheet row spans several lines of the file and is refused (too long, wrong number of cells, a cell holding as many separators as a whole row, or a closing quote followed by something other than a separator or a line end); the message gives the lines covered and their number, none is read"#,
                r#"close or remove the quote (a quote inside a cell is written `""`)"#,
            ),
        ],
        E015 => [
            (
                "fichier illisible",
                r#"fichier illisible : introuvable, dossier, droits insuffisants (le fichier n'est pas utilisable : code de sortie 2)"#,
                r#"vérifier le chemin et les droits du fichier"#,
            ),
            (
                "unreadable file",
                r#"unreadable file: not found, a directory, insufficient permissions (the file cannot be used: exit code 2)"#,
                r#"check the file's path and permissions"#,
            ),
        ],
        E023 => [
            (
                "formule sans résultat lisible",
                r#"formule dont le résultat ne peut être lu : aucun résultat enregistré (fichier écrit par openpyxl, un script), ou classeur qui demande à être recalculé à l'ouverture (`fullCalcOnLoad`, XlsxWriter, openpyxl), dont le résultat enregistré n'est pas celui affiché ; la ligne n'est pas lue"#,
                r#"ouvrir le fichier dans le tableur et l'enregistrer, ou taper la valeur à la place de la formule"#,
            ),
            (
                "formula without a readable result",
                r#"a formula whose result cannot be read: no stored result (a file written by openpyxl, a script), or a workbook that asks to be recalculated when opened (`fullCalcOnLoad`, XlsxWriter, openpyxl), whose stored result is not the one shown; the row is not read"#,
                r#"open the file in the spreadsheet and save it, or type the value instead of the formula"#,
            ),
        ],
        W024 => [
            (
                "formules lues par leur résultat enregistré",
                r#"formules dans des colonnes qui changent un montant ou l'éligibilité : le résultat enregistré par le tableur est lu ; dit une fois par fichier, avec les cellules"#,
                r#"vérifier ces cellules ; « collage spécial : valeurs » pour figer une valeur"#,
            ),
            (
                "formulas read by their stored result",
                r#"formulas in columns that change an amount or the eligibility: the result the spreadsheet stored is read; said once per file, with the cells"#,
                r#"check these cells; "paste special: values" to freeze a value"#,
            ),
        ],
        W025 => [
            (
                "lignes masquées ou filtrées, lues",
                r#"lignes masquées ou filtrées : contrôlées et calculées comme les autres ; dit une fois par fichier, avec les lignes"#,
                r#"supprimer les lignes à écarter"#,
            ),
            (
                "hidden or filtered rows, read",
                r#"hidden or filtered rows: checked and computed like the others; said once per file, with the rows"#,
                r#"delete the rows to leave out"#,
            ),
        ],
        W035 => [
            (
                "colonnes masquées, lues",
                r#"colonnes masquées d'en-tête connu : lues et calculées comme les autres ; dit une fois par fichier, avec leur lettre et leur en-tête"#,
                r#"supprimer la colonne ou vider son en-tête pour qu'elle ne soit pas lue"#,
            ),
            (
                "hidden columns, read",
                r#"hidden columns with a known header: read and computed like the others; said once per file, with their letter and header"#,
                r#"delete the column or empty its header for it not to be read"#,
            ),
        ],
        W026 => [
            (
                "cellules fusionnées, lues chacune",
                r#"cellules fusionnées : la valeur de la région est lue dans chacune de ses cellules, comme le tableur l'affiche ; dit une fois par région, avec sa plage"#,
                r#"annuler la fusion si la valeur ne vaut que pour une ligne"#,
            ),
            (
                "merged cells, each one read",
                r#"merged cells: the region's value is read in each of its cells, as the spreadsheet shows it; said once per region, with its range"#,
                r#"unmerge the cells if the value holds for one row only"#,
            ),
        ],
        I027 => [
            (
                "feuille lue",
                r#"classeur de plusieurs feuilles : quelle feuille est lue (celle affichée à l'ouverture, jamais une feuille masquée ; ou la seule qui a un en-tête reconnu) et les autres"#,
                r#"`--sheet NOM` pour en lire une autre"#,
            ),
            (
                "sheet read",
                r#"a workbook of several sheets: which sheet is read (the one shown when the file opens, never a hidden sheet; or the only one with a recognised header) and the others"#,
                r#"`--sheet NAME` to read another one"#,
            ),
        ],
        E028 => [
            (
                "aucune feuille n'a d'en-tête reconnu",
                r#"aucune feuille visible du classeur n'a d'en-tête reconnu ; le message nomme les feuilles"#,
                r#"`--sheet NOM`, ou écrire les noms des colonnes sur une ligne de la feuille"#,
            ),
            (
                "no sheet has a recognised header",
                r#"no visible sheet of the workbook has a recognised header; the message names the sheets"#,
                r#"`--sheet NAME`, or write the columns' names on one row of the sheet"#,
            ),
        ],
        I029 => [
            (
                "en-tête sous des lignes de titre",
                r#"l'en-tête n'est pas sur la première ligne : les lignes au-dessus (titre, lignes vides ou de séparateurs) ne sont pas lues ; les numéros de ligne restent ceux du fichier"#,
                r#"—"#,
            ),
            (
                "header below title rows",
                r#"the header is not on the first row: the rows above it (title, blank or separator rows) are not read; row numbers stay those of the file"#,
                r#"—"#,
            ),
        ],
        W030 => [
            (
                "ligne de total, ignorée",
                r#"ligne de total : sa cellule `nom` ou `finess` dit « Total », « Sous-total », « Total général », « Somme » ou « Ensemble » (casse, accents, deux-points et espaces indifférents ; « Total … » et « Sous-total … » suivis d'autres mots aussi) et elle n'a pas de FINESS valide : ce n'est pas une structure, elle n'est ni contrôlée ni payée, et rien d'autre n'est dit d'elle"#,
                r#"si c'est une structure, donner son FINESS"#,
            ),
            (
                "total row, skipped",
                r#"total row: its `nom` or `finess` cell says "Total", "Sous-total", "Total général", "Somme" or "Ensemble" (case, accents, colons and spaces aside; "Total …" and "Sous-total …" followed by other words too) and it has no valid FINESS: it is not a structure, it is neither checked nor paid, and nothing else is said of it"#,
                r#"if it is a structure, give its FINESS"#,
            ),
        ],
        W032 => [
            (
                "texte coupé dans le classeur",
                r#"`compute --format xlsx` et le classeur de la page web : un texte de plus de 32 767 caractères (le nom d'une structure : le lecteur accepte des cellules de 64 Kio) ne tient pas dans une cellule de classeur ; il y est coupé à 32 767 caractères, « … » compris ; le CSV et le JSON le gardent entier"#,
                r#"raccourcir la cellule ; le texte entier est dans `--format csv` ou `json`"#,
            ),
            (
                "text cut in the workbook",
                r#"`compute --format xlsx` and the web page's workbook: a text over 32,767 characters (a structure's name: the reader accepts 64 KiB cells) does not fit in a workbook cell; it is cut there to 32,767 characters, "…" included; CSV and JSON keep it whole"#,
                r#"shorten the cell; the whole text is in `--format csv` or `json`"#,
            ),
        ],
        E033 => [
            (
                "fichier changé pendant sa lecture",
                r#"le fichier a changé pendant sa lecture (périphérique, inode, taille ou date de modification) : le fichier est lu une fois, mais une cellule qui se lit de deux façons (03/04/2022, 60.000) fait lire la suite du fichier pour trancher la convention de sa colonne (ordre des dates, séparateur décimal), puis la lecture reprend ; elle ne porterait plus sur le même fichier, rien de plus n'est lu ; code 2"#,
                r#"relancer quand le fichier n'est plus en cours d'écriture, ou lire une copie"#,
            ),
            (
                "file changed while read",
                r#"the file changed while it was read (device, inode, size or modification time): the file is read once, but a cell that reads two ways (03/04/2022, 60.000) makes the rest of the file be read to decide its column's convention (date order, decimal mark), then reading resumes; it would no longer be of the same file, nothing more is read; exit 2"#,
                r#"run again once the file is no longer being written, or read a copy"#,
            ),
        ],
        E031 => [
            (
                "ligne qui ressemble à un total non dit, refusée",
                r#"ligne qui ressemble à un total sans le dire : pas de FINESS valide, et sa file active est la somme de celles des lignes au-dessus (toutes depuis l'en-tête, ou depuis la dernière ligne de total ; au moins deux, somme non nulle) ; si la ligne a un nom, son `montant_psy_demande` doit aussi être la somme des montants de ces lignes ; refusée, jamais payée, rien d'autre n'est dit d'elle"#,
                r#"si c'est un total, écrire « Total » dans sa cellule `nom` ou supprimer la ligne ; si c'est une structure, donner son FINESS"#,
            ),
            (
                "row that looks like an unlabelled total, refused",
                r#"a row that looks like a total without saying so: no valid FINESS, and its file active is the sum of those of the rows above (all since the header, or since the last total row; at least two, a non-zero sum); if the row has a name, its `montant_psy_demande` must also be the sum of those rows' amounts; refused, never paid, nothing else said of it"#,
                r#"if it is a total, write "Total" in its `nom` cell or delete the row; if it is a structure, give its FINESS"#,
            ),
        ],
        E101 => [
            (
                "la cellule n'est pas un nombre",
                r#"la cellule n'est pas un nombre (« deux mille », « 1e400 », « NaN »)"#,
                r#"écrire le nombre en chiffres : 2 500 ou 2500 ; 37,5"#,
            ),
            (
                "the cell is not a number",
                r#"the cell is not a number ("deux mille", "1e400", "NaN")"#,
                r#"write the number in digits: 2 500 or 2500; 37,5"#,
            ),
        ],
        E102 => [
            (
                "la cellule n'est pas une date",
                r#"la cellule n'est pas une date (ou une date impossible : 31/02/2021, ou suivie d'autre chose qu'une heure : « 15/10/2021 midi », « 15/10/2021 24:00 ») ; une date suivie d'une heure donne sa date"#,
                r#"AAAA-MM-JJ, JJ/MM/AAAA, J/M/AAAA ou JJ/MM/AA (= 20AA), avec ou sans heure"#,
            ),
            (
                "the cell is not a date",
                r#"the cell is not a date (or an impossible date: 31/02/2021, or followed by something other than a time: "15/10/2021 noon", "15/10/2021 24:00"); a date followed by a time gives its date"#,
                r#"YYYY-MM-DD, DD/MM/YYYY, D/M/YYYY or DD/MM/YY (= 20YY), with or without a time"#,
            ),
        ],
        E103 => [
            (
                "la cellule n'est pas oui/non",
                r#"la cellule n'est pas oui/non"#,
                r#"« oui » ou « non » ; lus aussi : x, o, ✓, ✔, ☑, 1 (oui) ; n, ✗, ✘, 0, vide (non)"#,
            ),
            (
                "the cell is not yes/no",
                r#"the cell is not yes/no"#,
                r#"« oui » or « non »; also read: x, o, ✓, ✔, ☑, 1 (yes); n, ✗, ✘, 0, empty (no)"#,
            ),
        ],
        E104 => [
            (
                "valeur hors de la liste admise",
                r#"valeur hors de la liste admise"#,
                r#"voir la liste dans le message"#,
            ),
            (
                "value not in the allowed list",
                r#"value not in the accepted list"#,
                r#"see the list in the message"#,
            ),
        ],
        E105 => [
            (
                "pourcentage hors de 0–100",
                r#"pourcentage hors de 0–100"#,
                r#"un taux en %, ex. 37,5"#,
            ),
            (
                "percentage outside 0–100",
                r#"percentage outside 0–100"#,
                r#"a rate in %, e.g. 37,5"#,
            ),
        ],
        E106 => [
            (
                "valeur obligatoire manquante",
                r#"valeur obligatoire manquante"#,
                r#"remplir la cellule"#,
            ),
            (
                "required value missing",
                r#"required value missing"#,
                r#"fill in the cell"#,
            ),
        ],
        E107 => [
            (
                "nombre hors limites",
                r#"nombre hors limites (négatif, non entier pour une file active, trop grand)"#,
                r#"voir la limite dans le message"#,
            ),
            (
                "number out of bounds",
                r#"number out of bounds (negative, not whole for a file active, too large)"#,
                r#"see the bound in the message"#,
            ),
        ],
        E108 => [
            (
                "date ambiguë (jour et mois échangeables)",
                r#"date qui se lit dans les deux sens (03/04/2022) dans une colonne écrite mois/jour : une autre cellule de la colonne ne se lit que mois/jour (03/15/2022, ligne citée) ; le message donne les deux lectures"#,
                r#"écrire la date en AAAA-MM-JJ"#,
            ),
            (
                "ambiguous date (day and month interchangeable)",
                r#"date that reads both ways (03/04/2022) in a column written month/day: another cell of the column reads month/day only (03/15/2022, row given); the message gives both readings"#,
                r#"write the date as YYYY-MM-DD"#,
            ),
        ],
        E109 => [
            (
                "nombre ambigu (séparateur de milliers ou décimal ?)",
                r#"nombre dont le seul séparateur est suivi de trois chiffres (« 60.000 », « 60,000 ») dans une colonne dont les autres nombres ne disent pas quel est le séparateur décimal (une colonne ne tranche jamais pour une autre) ; le message donne les deux lectures"#,
                r#"écrire 60000 ou 60 000 (décimales : 37,5)"#,
            ),
            (
                "ambiguous number (thousands or decimal separator?)",
                r#"number whose only separator is followed by three digits ("60.000", "60,000") in a column whose other numbers do not say which is the decimal separator (a column never decides for another); the message gives both readings"#,
                r#"write 60000 or 60 000 (decimals: 37,5)"#,
            ),
        ],
        E110 => [
            (
                "valeur invraisemblable",
                r#"valeur invraisemblable, bornes déclarées en un seul endroit (`value::PLAUSIBLE`) : file active au-delà de 100 000, montant psy demandé au-delà de 10 fois le plafond D4 de la version, taux de pauvreté sous 1 %"#,
                r#"vérifier la valeur dans le tableur"#,
            ),
            (
                "implausible value",
                r#"implausible value, bounds declared in one place (`value::PLAUSIBLE`): file active over 100,000, psychological support requested over 10 times the version's D4 cap, poverty rate below 1 %"#,
                r#"check the value in the spreadsheet"#,
            ),
        ],
        E201 => [
            (
                "file active sous le minimum : non éligible",
                r#"file active en médecine générale sous le minimum de la version des règles : non éligible, aucune dotation"#,
                r#"indiquer la file active de l'année précédente"#,
            ),
            (
                "file active under the minimum: not eligible",
                r#"general-medicine file active below the minimum of the rule version: not eligible, no allocation"#,
                r#"give the previous year's file active"#,
            ),
        ],
        W202 => [
            (
                "file active au-dessus du barème D1",
                r#"file active au-dessus du maximum du barème D1 de la version (6 000) : pas plus d'ETP au-delà"#,
                r#"vérifier la file active ; sinon rien à faire"#,
            ),
            (
                "file active above the D1 scale",
                r#"file active above the maximum of the version's D1 scale (6,000): no more FTE beyond it"#,
                r#"check the file active; otherwise nothing to do"#,
            ),
        ],
        W203 => [
            (
                "année de file active inattendue",
                r#"`annee_file_active` n'est pas l'année précédant `date_entree`"#,
                r#"indiquer la file active de l'année précédant l'entrée"#,
            ),
            (
                "unexpected year of the file active",
                r#"`annee_file_active` is not the year before `date_entree`"#,
                r#"give the file active of the year before the entry"#,
            ),
        ],
        E204 => [
            (
                "type de structure non admis",
                r#"`type_structure` non admis par la version des règles (`eligibility.types_structure`)"#,
                r#"seuls les types listés dans le message sont éligibles"#,
            ),
            (
                "type of structure not allowed",
                r#"`type_structure` not accepted by the rule version (`eligibility.types_structure`)"#,
                r#"only the types listed in the message are eligible"#,
            ),
        ],
        E205 => [
            (
                "implantation non admise",
                r#"`implantation` non admise par la version des règles (`eligibility.implantations`)"#,
                r#"seules les implantations listées sont éligibles"#,
            ),
            (
                "location not allowed",
                r#"`implantation` not accepted by the rule version (`eligibility.implantations`)"#,
                r#"only the listed implantations are eligible"#,
            ),
        ],
        E206 => [
            (
                "code QPV absent de la liste",
                r#"`code_qpv` absent de la liste QPV de la version (2015 jusqu'en 2023, 2024 ensuite) ; le message dit si le code est de l'autre liste, et quand aucune version chargée ne couvre la date de dépôt (la plus proche a jugé : `--only-rules` avec un fichier d'une autre période)"#,
                r#"corriger le code, ou `--as-of` pour la version (et la liste) voulue"#,
            ),
            (
                "QPV code not in the list",
                r#"`code_qpv` not in the version's QPV list (2015 until 2023, 2024 afterwards); the message says whether the code is in the other list, and when no loaded version covers the filing date (the nearest one judged: `--only-rules` with a file of another period)"#,
                r#"correct the code, or `--as-of` for the wanted version (and list)"#,
            ),
        ],
        W207 => [
            (
                "code QPV d'une liste partielle",
                r#"code de forme QPV 2015 d'un département absent de la liste 2015 fournie, qui est **partielle** (Mayotte, Saint-Martin, Polynésie française manquent) : non vérifiable"#,
                r#"vérifier le code à la main"#,
            ),
            (
                "QPV code from a partial list",
                r#"code shaped like a 2015 QPV of a department missing from the supplied 2015 list, which is **partial** (Mayotte, Saint-Martin, French Polynesia are missing): cannot be checked"#,
                r#"check the code by hand"#,
            ),
        ],
        W208 => [
            (
                "QPV hors du département de la commune",
                r#"le QPV n'est pas dans le département de la commune"#,
                r#"vérifier `code_qpv` et `code_commune`"#,
            ),
            (
                "QPV outside the commune's département",
                r#"the QPV is not in the commune's department"#,
                r#"check `code_qpv` and `code_commune`"#,
            ),
        ],
        E209 => [
            (
                "tiers payant obligatoire absent",
                r#"`tiers_payant` = non alors que le tiers payant est obligatoire"#,
                r#"pratiquer le tiers payant"#,
            ),
            (
                "mandatory third-party payment missing",
                r#"`tiers_payant` = non while tiers payant is compulsory"#,
                r#"practise tiers payant"#,
            ),
        ],
        W210 => [
            (
                "tiers payant partiel",
                r#"`tiers_payant` = partiel : le tiers payant intégral est recommandé"#,
                r#"—"#,
            ),
            (
                "partial third-party payment",
                r#"`tiers_payant` = partiel: full tiers payant is recommended"#,
                r#"—"#,
            ),
        ],
        E211 => [
            (
                "tarifs opposables non appliqués",
                r#"`tarifs_opposables` = non"#,
                r#"les tarifs opposables sont obligatoires"#,
            ),
            (
                "regulated fees not applied",
                r#"`tarifs_opposables` = non"#,
                r#"regulated fees are compulsory"#,
            ),
        ],
        E212 => [
            (
                "structure non ouverte à tous",
                r#"`ouvert_a_tous` = non"#,
                r#"la structure doit être ouverte à tous"#,
            ),
            (
                "structure not open to all",
                r#"`ouvert_a_tous` = non"#,
                r#"the structure must be open to all"#,
            ),
        ],
        E213 => [
            (
                "mission obligatoire absente",
                r#"une mission obligatoire = non (ou vide) ; un diagnostic par mission, qui la nomme"#,
                r#"les neuf missions sont obligatoires"#,
            ),
            (
                "mandatory mission missing",
                r#"a compulsory mission = non (or empty); one diagnostic per mission, which names it"#,
                r#"the nine missions are compulsory"#,
            ),
        ],
        E214 => [
            (
                "dépôt après la date limite",
                r#"`date_depot` après la date limite de la version, structure non fondatrice"#,
                r#"les fondatrices (`structure_fondatrice` = oui) en sont dispensées"#,
            ),
            (
                "filed after the deadline",
                r#"`date_depot` after the version's deadline, structure not a founder"#,
                r#"founders (`structure_fondatrice` = oui) are exempt"#,
            ),
        ],
        E215 => [
            (
                "date de dépôt manquante",
                r#"structure non fondatrice sans `date_depot`"#,
                r#"indiquer la date de dépôt de la candidature"#,
            ),
            (
                "filing date missing",
                r#"non-founding structure without `date_depot`"#,
                r#"give the candidature's filing date"#,
            ),
        ],
        W216 => [
            (
                "montant psychologique demandé au-dessus du plafond",
                r#"`montant_psy_demande` au-dessus du plafond D4 de la version : il sera plafonné"#,
                r#"—"#,
            ),
            (
                "psychological amount requested above the cap",
                r#"`montant_psy_demande` above the version's D4 cap: it will be capped"#,
                r#"—"#,
            ),
        ],
        W217 => [
            (
                "montant psychologique sans accord de l'ARS",
                r#"`montant_psy_demande` sans accord de l'ARS (`accord_ars_psy` = non) : D4 sera nulle"#,
                r#"obtenir l'accord de l'ARS"#,
            ),
            (
                "psychological amount without the ARS's agreement",
                r#"`montant_psy_demande` without the ARS agreement (`accord_ars_psy` = non): D4 will be zero"#,
                r#"obtain the ARS agreement"#,
            ),
        ],
        I218 => [
            (
                "taux de pauvreté vide : taux publié utilisé",
                r#"`taux_pauvrete` vide : taux utilisé et sa source (QPV 2015, INSEE ; sinon commune, Filosofi 2019) — aussi dans `compute`"#,
                r#"rien, ou renseigner le taux"#,
            ),
            (
                "empty poverty rate: published rate used",
                r#"`taux_pauvrete` empty: rate used and its source (2015 QPV, INSEE; else commune, Filosofi 2019) — also in `compute`"#,
                r#"nothing, or fill in the rate"#,
            ),
        ],
        E219 => [
            (
                "taux de pauvreté vide et introuvable",
                r#"`taux_pauvrete` vide et aucun taux publié pour le QPV ni la commune"#,
                r#"renseigner le taux de pauvreté du territoire"#,
            ),
            (
                "empty poverty rate, none published",
                r#"`taux_pauvrete` empty and no rate published for the QPV or the commune"#,
                r#"fill in the territory's poverty rate"#,
            ),
        ],
        E220 => [
            (
                "taux de pauvreté du quartier vécu insuffisant",
                r#"`implantation` « Quartier vécu » et taux de pauvreté du territoire (donné, ou publié et utilisé : I218) inférieur ou égal au taux national métropolitain de la version (`eligibility.taux_pauvrete_quartier_vecu`, 14,8 % provisoire : Insee, 2018) ; un QPV n'a pas de seuil"#,
                r#"vérifier le taux du territoire, ou l'implantation (« Quartier prioritaire (QPV) » si la structure est dans un QPV)"#,
            ),
            (
                "poverty rate of the lived-in neighbourhood too low",
                r#"`implantation` « Quartier vécu » and the territory's poverty rate (given, or published and used: I218) at or below the version's national metropolitan rate (`eligibility.taux_pauvrete_quartier_vecu`, 14.8 % provisional: Insee, 2018); a QPV has no threshold"#,
                r#"check the territory's rate, or the implantation (« Quartier prioritaire (QPV) » if the structure is in a QPV)"#,
            ),
        ],
        W221 => [
            (
                "D4 supposée, sans montant demandé",
                r#"`accord_ars_psy` = oui sans `montant_psy_demande` : la dotation D4 est ce que la version suppose (`hypotheses.d4_accord_sans_montant` : le plafond, ou 0), hypothèse qu'aucun texte ne confirme ; dit sur chaque ligne où elle s'applique"#,
                r#"indiquer le montant demandé"#,
            ),
            (
                "D4 assumed, no amount requested",
                r#"`accord_ars_psy` = oui without `montant_psy_demande`: D4 is what the version assumes (`hypotheses.d4_accord_sans_montant`: the cap, or 0), an assumption no text confirms; said on every row where it applies"#,
                r#"give the amount requested"#,
            ),
        ],
        I222 => [
            (
                "accord de l'ARS non renseigné",
                r#"cellule `accord_ars_psy` vide : lue « non », pas de dotation D4"#,
                r#"« oui » si l'ARS a donné son accord, sinon « non »"#,
            ),
            (
                "the ARS's agreement is empty",
                r#"empty `accord_ars_psy` cell: read "no", no D4"#,
                r#""oui" if the ARS agreed, else "non""#,
            ),
        ],
        E223 => [
            (
                "fondatrice hors des départements de l'appel",
                r#"`structure_fondatrice` = oui dans un département (de la commune, sinon du FINESS) où l'appel à candidatures ne nomme aucune des six fondatrices (`eligibility.fondatrices` des règles) ; la ligne est refusée, elle n'est pas dispensée de date limite"#,
                r#"« non » et la date de dépôt"#,
            ),
            (
                "founder outside the call's départements",
                r#"`structure_fondatrice` = oui in a département (the commune's, else the FINESS's) where the call for candidatures names none of the six founders (`eligibility.fondatrices` of the rules); the row is refused, it is not exempt from the deadline"#,
                r#""non" and the filing date"#,
            ),
        ],
        W224 => [
            (
                "nom d'une fondatrice qui ne ressemble pas",
                r#"`structure_fondatrice` = oui, et le nom ne ressemble pas à celui de la fondatrice du département que l'appel nomme"#,
                r#"vérifier la ligne : nom, commune, FINESS"#,
            ),
            (
                "founder's name that does not match",
                r#"`structure_fondatrice` = oui, and the name does not resemble the founder the call names in the département"#,
                r#"check the row: name, commune, FINESS"#,
            ),
        ],
        E225 => [
            (
                "pas d'activité majoritaire de médecine générale",
                r#"`activite_majoritaire_medecine_generale` = non, colonne facultative, alors que la version demande « une activité majoritaire de médecine générale » (`eligibility.activite_majoritaire_medecine_generale`) ; une cellule vide est I228"#,
                r#"l'activité doit être majoritairement de médecine générale"#,
            ),
            (
                "not mostly general medicine",
                r#"`activite_majoritaire_medecine_generale` = non, an optional column, while the version asks for « une activité majoritaire de médecine générale » (`eligibility.activite_majoritaire_medecine_generale`); an empty cell is I228"#,
                r#"the activity must be mostly general medicine"#,
            ),
        ],
        E226 => [
            (
                "pas d'activité paramédicale",
                r#"`activite_paramedicale` = non, colonne facultative, alors que la version demande « mais aussi une activité paramédicale » (`eligibility.activite_paramedicale`) ; une cellule vide est I228"#,
                r#"la structure doit avoir aussi une activité paramédicale"#,
            ),
            (
                "no paramedical activity",
                r#"`activite_paramedicale` = non, an optional column, while the version asks for « mais aussi une activité paramédicale » (`eligibility.activite_paramedicale`); an empty cell is I228"#,
                r#"the structure must also have a paramedical activity"#,
            ),
        ],
        I227 => [
            (
                "conditions d'activité non contrôlées",
                r#"le fichier n'a pas la colonne facultative `activite_majoritaire_medecine_generale` ou `activite_paramedicale` : la condition qu'elle porte est « non contrôlé », dit une fois par fichier (check, compute, la page)"#,
                r#"ajouter la colonne (oui/non) pour la contrôler"#,
            ),
            (
                "activity conditions not checked",
                r#"the file lacks the optional column `activite_majoritaire_medecine_generale` or `activite_paramedicale`: the condition it carries is "not checked", said once per file (check, compute, the page)"#,
                r#"add the column (oui/non) to check it"#,
            ),
        ],
        I228 => [
            (
                "condition d'activité non contrôlée sur la ligne",
                r#"la colonne facultative `activite_majoritaire_medecine_generale` ou `activite_paramedicale` est là mais la cellule de la ligne est vide : la condition n'est pas contrôlée sur cette ligne (pas d'erreur : le modèle et le formulaire portent ces colonnes, qu'on peut laisser vides)"#,
                r#"écrire « oui » ou « non » pour la contrôler"#,
            ),
            (
                "activity condition not checked on the row",
                r#"the optional column `activite_majoritaire_medecine_generale` or `activite_paramedicale` is there but the row's cell is empty: the condition is not checked on that row (no error: the template and the form carry these columns, which may be left empty)"#,
                r#"write "oui" or "non" to check it"#,
            ),
        ],
        E301 => [
            (
                "FINESS mal formé",
                r#"FINESS mal formé : pas 9 caractères, ou autre chose que des chiffres (2A/2B en Corse) ; 8 chiffres = zéro initial perdu par le tableur"#,
                r#"formater la colonne en texte, corriger le numéro"#,
            ),
            (
                "malformed FINESS",
                r#"malformed FINESS: not 9 characters, or something else than digits (2A/2B in Corsica); 8 digits = leading zero lost by the spreadsheet"#,
                r#"format the column as text, correct the number"#,
            ),
        ],
        E302 => [
            (
                "clé de contrôle du FINESS fausse",
                r#"FINESS dont la clé de contrôle (Luhn, 2A→21, 2B→22) est fausse"#,
                r#"corriger le numéro (faute de frappe)"#,
            ),
            (
                "wrong FINESS check digit",
                r#"FINESS whose check digit (Luhn, 2A→21, 2B→22) is wrong"#,
                r#"correct the number (a typo)"#,
            ),
        ],
        E303 => [
            (
                "SIRET ou SIREN invalide",
                r#"SIRET (14 chiffres) ou SIREN (9) de mauvaise longueur ou à la clé fausse (Luhn ; La Poste : somme des chiffres multiple de 5)"#,
                r#"corriger le numéro"#,
            ),
            (
                "invalid SIRET or SIREN",
                r#"SIRET (14 digits) or SIREN (9) of the wrong length or with a wrong check digit (Luhn; La Poste: sum of the digits a multiple of 5)"#,
                r#"correct the number"#,
            ),
        ],
        E304 => [
            (
                "code commune inconnu",
                r#"`code_commune` absent du code officiel géographique (liste Filosofi 2019 ; en Guadeloupe, Guyane, Mayotte et outre-mer, seul le département est vérifié) ; 4 chiffres : l'aide signale le zéro initial perdu par le tableur"#,
                r#"donner le code INSEE (pas le code postal), colonne au format texte"#,
            ),
            (
                "unknown commune code",
                r#"`code_commune` not in the official geographic code (Filosofi 2019 list; in Guadeloupe, French Guiana, Mayotte and overseas, only the department is checked); 4 digits: the help points to the leading zero lost by the spreadsheet"#,
                r#"give the INSEE code (not the postcode), column formatted as text"#,
            ),
        ],
        W305 => [
            (
                "FINESS d'un autre département que la commune",
                r#"le département du FINESS n'est pas celui de la commune"#,
                r#"vérifier le FINESS et la commune"#,
            ),
            (
                "FINESS from another département than the commune",
                r#"the FINESS's department is not the commune's"#,
                r#"check the FINESS and the commune"#,
            ),
        ],
    }
}

/// The label secpa recognises first for a column key, the one the template writes (a key
/// that is no column's stays as it is).
fn label(key: &str) -> &str {
    crate::candidature::Column::from_name(key).map_or(key, |c| c.label())
}

/// The letter of a 1-based column position.
fn letter(position: usize) -> String {
    crate::candidature::letter::letter(position.saturating_sub(1))
}

/// The columns of formulas without a result, as she sees them: "colonne F « Budget psy »".
fn formula_columns(columns: &[(String, String)], lang: Lang) -> String {
    columns
        .iter()
        .map(|(letter, header)| {
            Named {
                header,
                letter: Some(letter),
            }
            .say(lang)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where the example of a code stands: the column and the cell's text, as a file that has
/// the problem gives them.
fn example_cell(code: super::Code) -> (Option<&'static str>, Option<&'static str>) {
    use Code::*;
    match code {
        W006 => (Some("File activ MG"), Some("File activ MG")),
        E005 | I218 | E219 => (Some("taux_pauvrete"), None),
        E007 => (Some("finess"), None),
        E016 => (Some("Taux de précarité"), Some("Taux de précarité")),
        E050 => (None, None),
        E009 => (Some("finess"), Some("930000013")),
        E010 => (Some("nom"), None),
        E101 => (Some("file_active_mg"), Some("deux mille")),
        E102 => (Some("date_depot"), Some("31/02/2021")),
        E103 => (Some("tarifs_opposables"), Some("peut-être")),
        E104 => (Some("tiers_payant"), Some("parfois")),
        E105 => (Some("taux_pauvrete"), Some("150")),
        E106 => (Some("date_entree"), None),
        E107 => (Some("file_active_mg"), Some("-5")),
        E108 => (Some("date_depot"), Some("03/04/2022")),
        E109 => (Some("montant_psy_demande"), Some("60.000")),
        E023 => (Some("montant_psy_demande"), None),
        W026 => (None, Some("oui")),
        W030 => (Some("nom"), Some("Total")),
        W032 => (Some("nom"), None),
        E033 => (None, None),
        E031 => (Some("file_active_mg"), Some("9300")),
        W024 | W025 | W035 | I027 | E028 | I029 => (None, None),
        W221 | I222 => (Some("accord_ars_psy"), Some("oui")),
        E223 => (Some("structure_fondatrice"), Some("oui")),
        E225 => (Some("activite_majoritaire_medecine_generale"), Some("non")),
        E226 => (Some("activite_paramedicale"), Some("non")),
        I227 => (None, None),
        I228 => (Some("activite_paramedicale"), None),
        W224 => (Some("nom"), Some("Centre de santé du Port")),
        E110 => (Some("file_active_mg"), Some("250000")),
        E201 => (Some("file_active_mg"), Some("999")),
        W202 => (Some("file_active_mg"), Some("7000")),
        W203 => (Some("annee_file_active"), Some("2019")),
        E204 => (Some("type_structure"), Some("Centre de santé")),
        E205 => (Some("implantation"), Some("Quartier vécu")),
        E206 => (Some("code_qpv"), Some("QP093999")),
        W207 => (Some("code_qpv"), Some("QP976001")),
        W208 => (Some("code_qpv"), Some("QP093040")),
        E209 => (Some("tiers_payant"), Some("non")),
        W210 => (Some("tiers_payant"), Some("partiel")),
        E211 => (Some("tarifs_opposables"), Some("non")),
        E212 => (Some("ouvert_a_tous"), Some("non")),
        E213 => (Some("mission_proximite"), Some("non")),
        E214 => (Some("date_depot"), Some("01/12/2021")),
        E215 => (Some("date_depot"), None),
        W216 => (Some("montant_psy_demande"), Some("80000")),
        W217 => (Some("montant_psy_demande"), Some("5000")),
        E220 => (Some("taux_pauvrete"), None),
        E301 => (Some("finess"), Some("93000001")),
        E302 => (Some("finess"), Some("930000022")),
        E303 => (Some("siret"), Some("12345678901234")),
        E304 => (Some("code_commune"), Some("99999")),
        W305 => (Some("code_commune"), Some("75056")),
        E001 | E002 | E003 | E004 | E008 | E011 | E012 | E013 | E014 | E015 | E017 | W018
        | E020 | E021 | E022 => (None, None),
    }
}

/// The rule a sample problem cites.
fn sample_cite(provisional: bool) -> Cite {
    Cite {
        version: "2021-08-01".into(),
        source: "Avis du Comité technique de l'innovation en santé du 9 juillet 2021".into(),
        provisional,
    }
}

/// One problem of each kind (and each wording of a kind), with its data: what the tests
/// render in both languages, and the examples of `secpa code`.
pub(crate) fn samples() -> Vec<Problem> {
    use crate::model::{Mission, QpvList};
    use chrono::NaiveDate;
    use rust_decimal::Decimal;
    let cite = sample_cite;
    use CheckProblem as C;
    let date = |d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    let checks = vec![
        C::DuplicateFiness {
            first_row: 2,
            first_file: None,
        },
        C::DuplicateFiness {
            first_row: 2,
            first_file: Some("ars-idf.csv".into()),
        },
        C::FileActiveAboveMax {
            value: 7000,
            max: 6000,
            cite: cite(false),
        },
        C::AnneeFileActive {
            year: 2019,
            expected: 2021,
        },
        C::TypeNotAllowed {
            allowed: vec![crate::model::TypeStructure::Msp.written()],
            cite: cite(false),
        },
        C::ImplantationNotAllowed {
            allowed: vec![crate::model::Implantation::Qpv.written()],
            cite: cite(false),
        },
        C::UnknownQpv {
            list: QpvList::Qpv2015,
            other_list: Some(QpvList::Qpv2024),
            cite: cite(false),
            uncovered: None,
        },
        C::UnknownQpv {
            list: QpvList::Qpv2024,
            other_list: None,
            cite: cite(true),
            uncovered: None,
        },
        C::UnknownQpv {
            list: QpvList::Qpv2024,
            other_list: Some(QpvList::Qpv2015),
            cite: cite(true),
            uncovered: "2021-10-05".parse().ok(),
        },
        C::QpvNotInPartialList {
            department: "976".into(),
        },
        C::QpvDepartment {
            qpv: "93".into(),
            commune: "75".into(),
        },
        C::TiersPayantNon { cite: cite(false) },
        C::TiersPayantPartiel { cite: cite(false) },
        C::TarifsOpposablesNon { cite: cite(false) },
        C::OuvertATousNon { cite: cite(false) },
        C::ActiviteMgNon { cite: cite(false) },
        C::ActiviteParamedicaleNon { cite: cite(false) },
        C::ConditionsUnchecked {
            columns: vec!["activite_paramedicale"],
        },
        C::ConditionBlank { paramedical: true },
        C::ConditionBlank { paramedical: false },
        C::ConditionsUnchecked {
            columns: vec![
                "activite_majoritaire_medecine_generale",
                "activite_paramedicale",
            ],
        },
        C::MissionNon {
            mission: Mission::Proximite,
            cite: cite(false),
        },
        C::LateDepot {
            date: date("2021-12-01"),
            deadline: date("2021-10-15"),
            cite: cite(false),
        },
        C::NoDepot {
            deadline: date("2021-10-15"),
            cite: cite(false),
        },
        C::PsyAboveCap {
            amount: Decimal::new(80000, 0),
            cap: Decimal::new(66000, 0),
            cite: cite(true),
        },
        C::PsyWithoutAgreement {
            amount: Decimal::new(5000, 0),
            cite: cite(false),
        },
        C::CapAssumed {
            assumed: Decimal::new(66000, 0),
            cite: cite(true),
        },
        C::CapAssumed {
            assumed: Decimal::ZERO,
            cite: cite(true),
        },
        C::AgreementEmpty,
        C::FounderOutside {
            department: "75".into(),
            departments: "93, 38, 31, 13, 67, 69".into(),
            cite: cite(false),
        },
        C::FounderName {
            expected: "La Case de Santé".into(),
            cite: cite(false),
        },
        C::PovertyLookedUp {
            rate: Decimal::new(375, 1),
            source: PovertySource::Qpv2015Recent,
            code: "QP093001".into(),
        },
        C::PovertyLookedUp {
            rate: Decimal::new(375, 1),
            source: PovertySource::Qpv2015Revenus2017,
            code: "QP093001".into(),
        },
        C::PovertyLookedUp {
            rate: Decimal::new(21, 0),
            source: PovertySource::Commune2019,
            code: "93001".into(),
        },
        C::NoPovertyRate,
        C::PovertyNotAboveThreshold {
            rate: Decimal::new(148, 1),
            looked_up: true,
            threshold: Decimal::new(146, 1),
            cite: cite(false),
        },
        C::PovertyNotAboveThreshold {
            rate: Decimal::new(12, 0),
            looked_up: false,
            threshold: Decimal::new(146, 1),
            cite: cite(false),
        },
        C::FinessForm { length: 8 },
        C::FinessForm { length: 5 },
        C::FinessCheckDigit,
        C::SiretInvalid { check_digit: true },
        C::SiretInvalid { check_digit: false },
        C::UnknownCommune { lost_zero: false },
        C::UnknownCommune { lost_zero: true },
        C::FinessDepartment {
            finess: "93".into(),
            commune: "75".into(),
        },
    ];
    let mut problems = vec![
        Problem::Encoding {
            reason: EncodingFault::Utf16,
        },
        Problem::Encoding {
            reason: EncodingFault::NotUtf8,
        },
        Problem::Encoding {
            reason: EncodingFault::Utf8InWindows1252,
        },
        Problem::EmptyFile,
        Problem::NoRows,
        Problem::RaggedRow {
            expected: 3,
            found: 4,
        },
        Problem::MissingColumn { guess: None },
        Problem::UnknownColumn {
            suggestion: Some("file_active_mg"),
        },
        Problem::UnknownColumn { suggestion: None },
        Problem::DuplicateColumn { first: 1 },
        Problem::LookalikeColumn {
            column: "taux_pauvrete",
        },
        Problem::ReadInterrupted {
            detail: "Input/output error (os error 5)".into(),
        },
        Problem::FieldTooLong {
            bytes: 70000,
            limit: 65536,
        },
        Problem::RowTooLarge {
            cells: 2000,
            bytes: 4000,
        },
        Problem::BinaryContent,
        Problem::MisplacedBom,
        Problem::UnclosedQuote,
        Problem::SwallowedLines {
            first: 5,
            last: 1005,
        },
        Problem::Unreadable {
            kind: std::io::ErrorKind::NotFound,
            detail: "No such file or directory (os error 2)".into(),
        },
        Problem::Unreadable {
            kind: std::io::ErrorKind::PermissionDenied,
            detail: "Permission denied (os error 13)".into(),
        },
        Problem::Unreadable {
            kind: std::io::ErrorKind::IsADirectory,
            detail: "Is a directory (os error 21)".into(),
        },
        Problem::Unreadable {
            kind: std::io::ErrorKind::Other,
            detail: "Input/output error (os error 5)".into(),
        },
        Problem::InvalidNumber,
        Problem::InvalidDate,
        Problem::InvalidBoolean,
        Problem::InvalidChoice {
            accepted: crate::model::TiersPayant::SPELLINGS.offered(),
        },
        Problem::PercentOutOfRange,
        Problem::MissingValue,
        Problem::AmbiguousDate {
            day_first: chrono::NaiveDate::from_ymd_opt(2022, 4, 3).unwrap(),
            month_first: chrono::NaiveDate::from_ymd_opt(2022, 3, 4).unwrap(),
            row: 5,
        },
        Problem::AmbiguousNumber {
            as_decimal: "60".parse().unwrap(),
            as_thousands: "60000".parse().unwrap(),
        },
        Problem::Implausible(crate::candidature::value::Bound::FileActive { max: 100_000 }),
        Problem::Implausible(crate::candidature::value::Bound::PsyRequest {
            cap: "120000".parse().unwrap(),
            factor: 10,
        }),
        Problem::Implausible(crate::candidature::value::Bound::RateBelow { min: 1 }),
        Problem::FileActiveBelowMin {
            value: 999,
            min: 1000,
            rule: cite(false),
        },
        Problem::InvalidWorkbook {
            reason: WorkbookFault::Reader("invalid Zip archive: bad header".into()),
        },
        Problem::InvalidWorkbook {
            reason: WorkbookFault::NoSheet,
        },
        Problem::InvalidWorkbook {
            reason: WorkbookFault::Inconsistent,
        },
        Problem::InvalidWorkbook {
            reason: WorkbookFault::Unordered { row: 7 },
        },
        Problem::UnknownSheet {
            sheet: "2022".into(),
            available: "Feuil1, Feuil2".into(),
        },
        Problem::MappedHeaderAbsent {
            column: "montant_psy_demande",
            header: "Demande psy".into(),
        },
        Problem::SheetIgnored {
            sheet: "2022".into(),
        },
        Problem::MissingColumn {
            guess: Some(HeaderGuess {
                taken: 1,
                closest: Some((4, 2)),
            }),
        },
        Problem::FormulaWithoutResult {
            columns: vec![("X".into(), "Montant psy demandé (€)".into())],
            placeholder: false,
        },
        Problem::FormulaWithoutResult {
            columns: vec![
                ("J".into(), "Taux de pauvreté (%)".into()),
                ("W".into(), "Accord ARS soutien psychologique".into()),
            ],
            placeholder: true,
        },
        Problem::Formulas {
            count: 12,
            cells: "F2:F13".into(),
        },
        Problem::HiddenRows {
            rows: super::Rows::of(&[5, 8, 9, 10]),
        },
        Problem::HiddenColumns {
            columns: vec![("H".into(), "File active MG".into())],
        },
        Problem::MergedCells {
            range: "W3:W4".into(),
            value: "oui".into(),
        },
        Problem::SheetRead(crate::candidature::sheet::Choice {
            read: "Candidatures".into(),
            why: crate::candidature::sheet::Why::OnlyHeader {
                shown: "Lisez-moi".into(),
            },
            others: vec![crate::candidature::sheet::SheetInfo {
                name: "Lisez-moi".into(),
                hidden: false,
            }],
        }),
        Problem::NoSheetHeader {
            sheets: vec!["Feuil1".into(), "Feuil2".into()],
        },
        Problem::HeaderBelow { first: 1 },
        Problem::TotalRow,
        Problem::CutInWorkbook {
            chars: 40_000,
            limit: 32_767,
        },
        Problem::ChangedWhileRead {
            replaced: false,
            size: (1200, 0),
        },
        Problem::UnsaidSum {
            first: 2,
            last: 7,
            rows: 6,
            psy: true,
        },
        Problem::UnsaidSum {
            first: 2,
            last: 3,
            rows: 2,
            psy: false,
        },
        Problem::WorkbookTooLarge(ZipLimit::Total {
            bytes: 300 << 20,
            limit: 200 << 20,
        }),
        Problem::WorkbookTooLarge(ZipLimit::Ratio {
            member: "xl/worksheets/sheet1.xml".into(),
            uncompressed: 1 << 30,
            compressed: 1 << 20,
            limit: 100,
        }),
        Problem::WorkbookTooLarge(ZipLimit::Members {
            count: 20000,
            limit: 10000,
        }),
        Problem::WorkbookTooLarge(ZipLimit::SharedStrings {
            declared: 1_000_000_000_000,
            limit: 1_000_000,
        }),
        Problem::WorkbookTooLarge(ZipLimit::Extent {
            member: "xl/worksheets/sheet1.xml".into(),
            rows: 1_048_576,
            columns: 16_384,
            limit: 5_000_000,
        }),
        Problem::WorkbookTooLarge(ZipLimit::Text {
            bytes: 256 << 20,
            limit: 256 << 20,
        }),
    ];
    problems.extend(
        [
            Expected::WholeCount,
            Expected::CountTooLarge,
            Expected::PositiveAmount,
            Expected::Year,
            Expected::Digits,
        ]
        .map(|expected| Problem::NumberOutOfRange { expected }),
    );
    problems.extend(checks.into_iter().map(Problem::Check));
    problems
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_code_has_a_title_in_both_languages() {
        for code in super::Code::ALL {
            for lang in [super::Lang::Fr, super::Lang::En] {
                assert!(code.title(lang).len() > 5, "{code:?}");
            }
        }
    }

    use std::collections::HashSet;

    use super::*;
    use crate::diagnostic::Code;

    fn cite(provisional: bool) -> Cite {
        Cite {
            version: "2022-02-03".into(),
            source: "Arrete du 9 juillet 2021".into(),
            provisional,
        }
    }

    /// What only French writes: its quotes, its space before a colon or semicolon, its words.
    fn french_in(text: &str) -> Option<&'static str> {
        [
            "«",
            " :",
            " ;",
            " ?",
            "règles",
            "provisoire",
            "attendu",
            "fichier",
            "ligne",
            "colonne",
            "octets",
            "feuille",
            "classeur",
            "aucun",
            "structure non",
        ]
        .into_iter()
        .find(|w| text.contains(w))
    }

    #[test]
    fn every_code_has_its_messages_in_french_and_in_english() {
        let problems = samples();
        let codes: HashSet<Code> = problems.iter().map(Problem::code).collect();
        for code in Code::ALL {
            assert!(
                codes.contains(code),
                "{code}: no sample, so no message checked"
            );
        }
        let named = Some(Named {
            header: "File active MG",
            letter: Some("H"),
        });
        for p in &problems {
            let fr = p.message(Some("x"), named, Lang::Fr);
            let en = p.message(Some("x"), named, Lang::En);
            assert!(!fr.is_empty() && !en.is_empty(), "{p:?}");
            assert_ne!(fr, en, "{p:?}: the same text in both languages");
            assert_eq!(french_in(&en), None, "{p:?}: French left in English: {en}");
            match (p.help(Lang::Fr), p.help(Lang::En)) {
                (None, None) => {}
                (Some(fr), Some(en)) => {
                    assert_ne!(fr, en, "{p:?}");
                    assert_eq!(french_in(en), None, "{p:?}: French left in the help: {en}");
                }
                _ => panic!("{p:?}: a help line in one language only"),
            }
        }
    }

    /// A coordinator has secpa, not its repository: no message, help line, title or code
    /// text (what `secpa code` prints), in either language, sends her to a file of it.
    #[test]
    fn no_text_sends_her_to_a_repository_file() {
        let named = Some(Named {
            header: "Année de la file active",
            letter: Some("H"),
        });
        let mut texts: Vec<String> = Vec::new();
        for lang in [Lang::Fr, Lang::En] {
            for p in samples() {
                texts.push(p.message(Some("x"), named, lang));
                texts.extend(p.help(lang).map(str::to_owned));
            }
            for code in crate::diagnostic::Code::ALL {
                let (what, fix) = code.doc(lang);
                texts.extend([code.title(lang).to_owned(), what.to_owned(), fix.to_owned()]);
                texts.push(code.explanation(lang));
            }
        }
        assert!(texts.len() > 400, "{} texts", texts.len());
        for text in &texts {
            for repository in ["README", "docs/", ".md"] {
                assert!(!text.contains(repository), "« {repository} » in: {text}");
            }
        }
    }

    #[test]
    fn a_cite_says_rules_in_the_readers_language() {
        let p = Problem::FileActiveBelowMin {
            value: 999,
            min: 1000,
            rule: cite(true),
        };
        assert!(p
            .message(None, None, Lang::Fr)
            .ends_with("(règles 2022-02-03, Arrete du 9 juillet 2021, valeur provisoire)"));
        assert!(p
            .message(None, None, Lang::En)
            .ends_with("(rules 2022-02-03, Arrete du 9 juillet 2021, provisional value)"));
        let unknown = Cite {
            version: "2030-01-01".into(),
            source: String::new(),
            provisional: false,
        };
        assert_eq!(unknown.text(Lang::En), "rules 2030-01-01");
    }
}
