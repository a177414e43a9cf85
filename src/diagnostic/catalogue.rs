//! The message catalogue: for every problem, what is said in French and in English, side by
//! side, and the help line where there is something useful to add. Problems carry typed
//! data (numbers, dates, the rule cited, a reason as an enum), never a sentence: every word
//! a user reads is written here, in both languages. The matches are exhaustive, so a new
//! problem does not build until both its messages are written.

use super::{
    CheckProblem, Cite, EncodingFault, Expected, HeaderGuess, Problem, WorkbookFault, ZipLimit,
};
use crate::reference::PovertySource;
use crate::report::money_fr;
use crate::Lang;

/// The French or the English text; only the one asked for is built.
macro_rules! say {
    ($lang:expr, $fr:expr, $en:expr $(,)?) => {
        match $lang {
            Lang::Fr => $fr,
            Lang::En => $en,
        }
    };
}

impl Problem {
    /// What was found and what is expected, in plain words; `value` is the raw cell.
    pub fn message(&self, value: Option<&str>, column: Option<&str>, lang: Lang) -> String {
        let v = value.unwrap_or("");
        let col = column.unwrap_or("");
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
                format!("colonne obligatoire « {col} » absente"),
                format!("required column \"{col}\" is missing"),
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
                    format!("colonne obligatoire « {col} » absente : aucune des {n} premières lignes ne nomme {min} colonnes connues, la ligne {taken} a été prise pour l'en-tête{closest}"),
                    format!("required column \"{col}\" is missing: none of the first {n} rows names {min} known columns, row {taken} was taken for the header{closest}"),
                )
            }
            Problem::UnknownColumn {
                suggestion: Some(s),
            } => say!(
                lang,
                format!("colonne inconnue « {v} » ignorée ; vouliez-vous dire « {s} » ?"),
                format!("unknown column \"{v}\" ignored; did you mean \"{s}\"?"),
            ),
            Problem::UnknownColumn { suggestion: None } => say!(
                lang,
                format!("colonne inconnue « {v} » ignorée"),
                format!("unknown column \"{v}\" ignored"),
            ),
            Problem::LookalikeColumn { column } => say!(
                lang,
                format!("colonne « {v} » non reconnue, alors que la colonne « {column} » manque : ses valeurs ne seront ni ignorées ni remplacées"),
                format!("column \"{v}\" not recognised while column \"{column}\" is missing: its values are neither ignored nor replaced"),
            ),
            Problem::DuplicateColumn { first } => say!(
                lang,
                format!("colonne « {col} » en double (déjà en colonne {first})"),
                format!("column \"{col}\" appears twice (already column {first})"),
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
                        let reason = crate::error::io_kind_reason(*kind, detail, lang);
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
                    "« {v} » n'est pas oui ou non (attendu : oui/non, true/false, 1/0, x/vide)"
                ),
                format!("\"{v}\" is not yes or no (expected oui/non, true/false, 1/0, x/empty)"),
            ),
            Problem::InvalidChoice { expected } => say!(
                lang,
                format!("« {v} » n'est pas une valeur admise (attendu : {expected})"),
                format!("\"{v}\" is not an accepted value (expected: {expected})"),
            ),
            Problem::PercentOutOfRange => say!(
                lang,
                format!("« {v} » n'est pas un pourcentage entre 0 et 100"),
                format!("\"{v}\" is not a percentage between 0 and 100"),
            ),
            Problem::MissingValue => say!(
                lang,
                format!("valeur obligatoire manquante pour {col}"),
                format!("required value missing for {col}"),
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
                let fr = |d: &rust_decimal::Decimal| d.to_string().replace('.', ",");
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
                        format!("montant demandé « {v} » invraisemblable : plus de {factor} fois le plafond ({}), sans doute un séparateur de milliers ou une faute de frappe", money_fr(*cap)),
                        format!("requested amount \"{v}\" is implausible: more than {factor} times the cap ({cap} €), surely a thousands separator or a typo"),
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
                let columns = columns.join(", ");
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
                let columns = columns.join(", ");
                say!(
                    lang,
                    format!("formule ({columns}) dans un classeur qui demande à être recalculé à l'ouverture : le résultat enregistré n'est pas celui affiché ; ligne non lue"),
                    format!("formula ({columns}) in a workbook that asks to be recalculated when opened: the stored result is not the one shown; row not read"),
                )
            }
            Problem::Formulas { count, cells } => say!(
                lang,
                format!("{} formule{} dans des colonnes qui changent un montant ou l'éligibilité ({cells}) : le résultat enregistré par le tableur est lu", grouped(*count, lang), if *count > 1 { "s" } else { "" }),
                format!("{} formula{} in columns that change an amount or the eligibility ({cells}): the result the spreadsheet stored is read", grouped(*count, lang), if *count > 1 { "s" } else { "" }),
            ),
            Problem::HiddenRows { rows } => {
                let (n, list) = (rows.count(), rows.text());
                say!(
                    lang,
                    format!("{} ligne{} masquée{} ou filtrée{} ({list}) : contrôlée{} et calculée{} comme les autres", grouped(n, lang), plural_fr(n), plural_fr(n), plural_fr(n), plural_fr(n), plural_fr(n)),
                    format!("{} hidden or filtered row{} ({list}): checked and computed like the others", grouped(n, lang), if n > 1 { "s" } else { "" }),
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
            Problem::Check(p) => p.message(v, lang),
        }
    }

    /// What to do about it, when there is something useful to say.
    pub fn help(&self, lang: Lang) -> Option<&'static str> {
        match self {
            Problem::Encoding { .. } => Some(say!(
                lang,
                "enregistrez le fichier en « CSV UTF-8 » ou « CSV (séparateur : point-virgule) »",
                "save the file as \"CSV UTF-8\" or \"CSV (semicolon delimited)\"",
            )),
            Problem::LookalikeColumn { .. } => Some(say!(
                lang,
                "renommez l'en-tête avec le nom de la colonne (noms admis : docs/input.md)",
                "rename the header to the column's name (accepted names: docs/input.md)",
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
            Problem::UnsaidSum { .. } => Some(say!(
                lang,
                "si c'est un total, écrivez « Total » dans sa cellule nom ou supprimez la ligne ; si c'est une structure, donnez son numéro FINESS",
                "if it is a total, write \"Total\" in its nom cell or delete the row; if it is a structure, give its FINESS number",
            )),
            Problem::MissingColumn { .. } => Some(say!(
                lang,
                "ajoutez la colonne à la ligne d'en-tête (voir README, colonnes)",
                "add the column to the header row (see README, columns)",
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
                "vérifiez la valeur dans le tableur ; bornes : docs/input.md",
                "check the value in the spreadsheet; bounds: docs/input.md",
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
        }
    }
}

impl CheckProblem {
    /// What was found, what is expected and which rule says so; `v` is the raw cell.
    pub fn message(&self, v: &str, lang: Lang) -> String {
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
            TypeNotAllowed { allowed, cite } => say!(
                lang,
                format!(
                    "type de structure « {v} » non admis (admis : {allowed} ; {})",
                    cite.text(lang)
                ),
                format!(
                    "kind of structure \"{v}\" not admitted (admitted: {allowed}; {})",
                    cite.text(lang)
                ),
            ),
            ImplantationNotAllowed { allowed, cite } => say!(
                lang,
                format!(
                    "implantation « {v} » non admise (admises : {allowed} ; {})",
                    cite.text(lang)
                ),
                format!(
                    "implantation \"{v}\" not admitted (admitted: {allowed}; {})",
                    cite.text(lang)
                ),
            ),
            UnknownQpv {
                list,
                other_list,
                cite,
            } => say!(
                lang,
                format!(
                    "code QPV « {v} » absent de la liste des QPV {list}{} ({})",
                    other_list
                        .map(|o| format!(" ; c'est un code de la liste {o}"))
                        .unwrap_or_default(),
                    cite.text(lang)
                ),
                format!(
                    "QPV code \"{v}\" is not in the {list} QPV list{} ({})",
                    other_list
                        .map(|o| format!("; it is a code of the {o} list"))
                        .unwrap_or_default(),
                    cite.text(lang)
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
                    money_fr(*amount),
                    money_fr(*cap),
                    cite.text(lang)
                ),
                format!(
                    "requested amount €{amount:.2} above the cap of €{cap:.2}: D4 will be capped ({})",
                    cite.text(lang)
                ),
            ),
            PsyWithoutAgreement { amount, cite } => say!(
                lang,
                format!(
                    "montant demandé {} sans accord de l'ARS : la dotation D4 sera nulle ({})",
                    money_fr(*amount),
                    cite.text(lang)
                ),
                format!(
                    "requested amount €{amount:.2} without the ARS's agreement: D4 will be 0 ({})",
                    cite.text(lang)
                ),
            ),
            PovertyLookedUp { rate, source, code } => say!(
                lang,
                format!(
                    "taux de pauvreté non renseigné : {} % utilisé, {}",
                    percent_fr(*rate),
                    source_text(*source, code, lang)
                ),
                format!(
                    "no poverty rate given: {rate} % used, {}",
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
                    percent_fr(*rate),
                    if *looked_up { " (taux publié, voir I218)" } else { "" },
                    percent_fr(*threshold),
                    cite.text(lang)
                ),
                format!(
                    "territory poverty rate {rate} %{}: outside a QPV, a quartier vécu must be above the national metropolitan rate of {threshold} % ({})",
                    if *looked_up { " (published rate, see I218)" } else { "" },
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
    pub fn help(&self, lang: Lang) -> Option<&'static str> {
        use CheckProblem::*;
        match self {
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
            | MissionNon { .. }
            | LateDepot { .. }
            | NoDepot { .. }
            | PsyAboveCap { .. }
            | PsyWithoutAgreement { .. }
            | PovertyLookedUp { .. }
            | FinessCheckDigit
            | SiretInvalid { .. }
            | UnknownCommune { lost_zero: false }
            | FinessDepartment { .. } => None,
        }
    }
}

impl Cite {
    /// "règles 2022-02-03, <source>" / "rules 2022-02-03, <source>", and whether the value
    /// is provisional. The source is the title of the text, quoted as published.
    pub fn text(&self, lang: Lang) -> String {
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

/// A rate as French writes it: decimal comma, no trailing zero added ("14,8").
fn percent_fr(rate: rust_decimal::Decimal) -> String {
    rate.to_string().replace('.', ",")
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

impl ZipLimit {
    /// Which limit the workbook passes, with its figures.
    pub fn text(&self, lang: Lang) -> String {
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
                    grouped(*count as u64, lang),
                    grouped(*limit as u64, lang)
                ),
                format!(
                    "{} files in the archive, at most {} accepted",
                    grouped(*count as u64, lang),
                    grouped(*limit as u64, lang)
                ),
            ),
            ZipLimit::SharedStrings { declared, limit } => say!(
                lang,
                format!(
                    "{} textes partagés annoncés, au plus {} admis",
                    grouped(*declared, lang),
                    grouped(*limit, lang)
                ),
                format!(
                    "{} shared strings declared, at most {} accepted",
                    grouped(*declared, lang),
                    grouped(*limit, lang)
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
                    grouped(*rows, lang),
                    grouped(*columns, lang),
                    grouped(*limit, lang)
                ),
                format!(
                    "\"{member}\" spans {} row(s) × {} column(s), at most {} cells accepted (at most 1,048,576 rows and 16,384 columns)",
                    grouped(*rows, lang),
                    grouped(*columns, lang),
                    grouped(*limit, lang)
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

/// A size in bytes as a person reads it: octets, Kio or Mio (bytes, KiB, MiB), rounded down.
/// A count with its thousands grouped as each language writes them: "5 000 000", "5,000,000".
/// The French plural mark of a count: "s" from 2.
fn plural_fr(n: u64) -> &'static str {
    if n > 1 {
        "s"
    } else {
        ""
    }
}

fn grouped(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let mark = say!(lang, ' ', ',');
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(mark);
        }
        out.push(c);
    }
    out
}

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

impl Expected {
    /// What the number should have been.
    pub fn text(self, lang: Lang) -> &'static str {
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

impl super::Code {
    /// What a code means, in a few words: the legend of a page that shows codes (the HTML
    /// reports), so that a reader without `docs/codes.md` still knows what E201 is.
    pub fn title(self, lang: Lang) -> &'static str {
        use super::Code::*;
        match self {
            E001 => say!(lang, "encodage illisible", "unreadable encoding"),
            E002 => say!(lang, "fichier vide", "empty file"),
            E003 => say!(
                lang,
                "en-tête seul, aucune structure",
                "header only, no structure"
            ),
            E004 => say!(
                lang,
                "ligne au nombre de cellules différent de l'en-tête",
                "row whose number of cells differs from the header"
            ),
            E005 => say!(
                lang,
                "colonne obligatoire absente",
                "required column missing"
            ),
            W006 => say!(lang, "colonne inconnue, ignorée", "unknown column, ignored"),
            E007 => say!(lang, "colonne en double", "duplicated column"),
            E008 => say!(lang, "lecture interrompue", "reading interrupted"),
            E009 => say!(
                lang,
                "même FINESS sur deux lignes",
                "same FINESS on two rows"
            ),
            E010 => say!(lang, "cellule trop longue", "cell too long"),
            E011 => say!(lang, "ligne trop longue", "row too long"),
            E012 => say!(
                lang,
                "octet nul : fichier binaire",
                "null byte: binary file"
            ),
            E013 => say!(
                lang,
                "marque d'ordre d'octets (BOM) au milieu du fichier",
                "byte order mark (BOM) inside the file"
            ),
            E014 => say!(lang, "guillemet jamais fermé", "quote never closed"),
            E015 => say!(lang, "fichier illisible", "unreadable file"),
            E016 => say!(
                lang,
                "en-tête non reconnu qui ressemble à une colonne absente",
                "unrecognised header resembling a missing column"
            ),
            E017 => say!(
                lang,
                "cellule entre guillemets sur plusieurs lignes",
                "quoted cell over several lines"
            ),
            E020 => say!(
                lang,
                "classeur .xlsx illisible",
                "unreadable .xlsx workbook"
            ),
            W018 => say!(
                lang,
                "--sheet donnée pour un fichier CSV, ignorée",
                "--sheet given for a CSV file, ignored"
            ),
            E021 => say!(
                lang,
                "feuille du classeur introuvable",
                "workbook sheet not found"
            ),
            E022 => say!(lang, "classeur trop volumineux", "workbook too large"),
            E023 => say!(
                lang,
                "formule sans résultat lisible",
                "formula without a readable result"
            ),
            W024 => say!(
                lang,
                "formules lues par leur résultat enregistré",
                "formulas read by their stored result"
            ),
            W025 => say!(
                lang,
                "lignes masquées ou filtrées, lues",
                "hidden or filtered rows, read"
            ),
            W026 => say!(
                lang,
                "cellules fusionnées, lues chacune",
                "merged cells, each one read"
            ),
            I027 => say!(lang, "feuille lue", "sheet read"),
            E028 => say!(
                lang,
                "aucune feuille n'a d'en-tête reconnu",
                "no sheet has a recognised header"
            ),
            I029 => say!(
                lang,
                "en-tête sous des lignes de titre",
                "header below title rows"
            ),
            W030 => say!(lang, "ligne de total, ignorée", "total row, skipped"),
            E031 => say!(
                lang,
                "ligne qui ressemble à un total non dit, refusée",
                "row that looks like an unlabelled total, refused"
            ),
            E101 => say!(
                lang,
                "la cellule n'est pas un nombre",
                "the cell is not a number"
            ),
            E102 => say!(
                lang,
                "la cellule n'est pas une date",
                "the cell is not a date"
            ),
            E103 => say!(
                lang,
                "la cellule n'est pas oui/non",
                "the cell is not yes/no"
            ),
            E104 => say!(
                lang,
                "valeur hors de la liste admise",
                "value not in the allowed list"
            ),
            E105 => say!(
                lang,
                "pourcentage hors de 0–100",
                "percentage outside 0–100"
            ),
            E106 => say!(
                lang,
                "valeur obligatoire manquante",
                "required value missing"
            ),
            E107 => say!(lang, "nombre hors limites", "number out of bounds"),
            E108 => say!(
                lang,
                "date ambiguë (jour et mois échangeables)",
                "ambiguous date (day and month interchangeable)"
            ),
            E109 => say!(
                lang,
                "nombre ambigu (séparateur de milliers ou décimal ?)",
                "ambiguous number (thousands or decimal separator?)"
            ),
            E110 => say!(lang, "valeur invraisemblable", "implausible value"),
            E201 => say!(
                lang,
                "file active sous le minimum : non éligible",
                "file active under the minimum: not eligible"
            ),
            W202 => say!(
                lang,
                "file active au-dessus du barème D1",
                "file active above the D1 scale"
            ),
            W203 => say!(
                lang,
                "année de file active inattendue",
                "unexpected year of the file active"
            ),
            E204 => say!(
                lang,
                "type de structure non admis",
                "type of structure not allowed"
            ),
            E205 => say!(lang, "implantation non admise", "location not allowed"),
            E206 => say!(
                lang,
                "code QPV absent de la liste",
                "QPV code not in the list"
            ),
            W207 => say!(
                lang,
                "code QPV d'une liste partielle",
                "QPV code from a partial list"
            ),
            W208 => say!(
                lang,
                "QPV hors du département de la commune",
                "QPV outside the commune's département"
            ),
            E209 => say!(
                lang,
                "tiers payant obligatoire absent",
                "mandatory third-party payment missing"
            ),
            W210 => say!(lang, "tiers payant partiel", "partial third-party payment"),
            E211 => say!(
                lang,
                "tarifs opposables non appliqués",
                "regulated fees not applied"
            ),
            E212 => say!(
                lang,
                "structure non ouverte à tous",
                "structure not open to all"
            ),
            E213 => say!(
                lang,
                "mission obligatoire absente",
                "mandatory mission missing"
            ),
            E214 => say!(
                lang,
                "dépôt après la date limite",
                "filed after the deadline"
            ),
            E215 => say!(lang, "date de dépôt manquante", "filing date missing"),
            W216 => say!(
                lang,
                "montant psychologique demandé au-dessus du plafond",
                "psychological amount requested above the cap"
            ),
            W217 => say!(
                lang,
                "montant psychologique sans accord de l'ARS",
                "psychological amount without the ARS's agreement"
            ),
            I218 => say!(
                lang,
                "taux de pauvreté vide : taux publié utilisé",
                "empty poverty rate: published rate used"
            ),
            E219 => say!(
                lang,
                "taux de pauvreté vide et introuvable",
                "empty poverty rate, none published"
            ),
            E220 => say!(
                lang,
                "taux de pauvreté du quartier vécu insuffisant",
                "poverty rate of the lived-in neighbourhood too low"
            ),
            E301 => say!(lang, "FINESS mal formé", "malformed FINESS"),
            E302 => say!(
                lang,
                "clé de contrôle du FINESS fausse",
                "wrong FINESS check digit"
            ),
            E303 => say!(lang, "SIRET ou SIREN invalide", "invalid SIRET or SIREN"),
            E304 => say!(lang, "code commune inconnu", "unknown commune code"),
            W305 => say!(
                lang,
                "FINESS d'un autre département que la commune",
                "FINESS from another département than the commune"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_are_grouped_by_thousands() {
        use super::{grouped, Lang};
        assert_eq!(grouped(0, Lang::Fr), "0");
        assert_eq!(grouped(999, Lang::Fr), "999");
        assert_eq!(grouped(1000, Lang::Fr), "1 000");
        assert_eq!(grouped(11_004_160, Lang::Fr), "11 004 160");
        assert_eq!(grouped(5_000_000, Lang::En), "5,000,000");
        assert_eq!(grouped(u64::MAX, Lang::En), "18,446,744,073,709,551,615");
    }

    #[test]
    fn every_code_has_a_title_in_both_languages() {
        for code in super::super::Code::ALL {
            for lang in [super::Lang::Fr, super::Lang::En] {
                assert!(code.title(lang).len() > 5, "{code:?}");
            }
        }
    }

    use std::collections::HashSet;

    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    use super::*;
    use crate::diagnostic::Code;
    use crate::model::{Mission, QpvList};

    fn cite(provisional: bool) -> Cite {
        Cite {
            version: "2022-02-03".into(),
            source: "Arrete du 9 juillet 2021".into(),
            provisional,
        }
    }

    /// One problem of each kind (and each wording of a kind), with its data.
    fn samples() -> Vec<Problem> {
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
                allowed: "Maison de santé".into(),
                cite: cite(false),
            },
            C::ImplantationNotAllowed {
                allowed: "QPV".into(),
                cite: cite(false),
            },
            C::UnknownQpv {
                list: QpvList::Qpv2015,
                other_list: Some(QpvList::Qpv2024),
                cite: cite(false),
            },
            C::UnknownQpv {
                list: QpvList::Qpv2024,
                other_list: None,
                cite: cite(true),
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
                amount: Decimal::new(20000, 0),
                cap: Decimal::new(15000, 0),
                cite: cite(true),
            },
            C::PsyWithoutAgreement {
                amount: Decimal::new(5000, 0),
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
                threshold: Decimal::new(145, 1),
                cite: cite(false),
            },
            C::PovertyNotAboveThreshold {
                rate: Decimal::new(12, 0),
                looked_up: false,
                threshold: Decimal::new(145, 1),
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
            Problem::DuplicateColumn { first: 2 },
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
                expected: "oui, non, partiel".into(),
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
                columns: vec!["montant_psy_demande".into()],
                placeholder: false,
            },
            Problem::FormulaWithoutResult {
                columns: vec!["taux_pauvrete".into(), "accord_ars_psy".into()],
                placeholder: true,
            },
            Problem::Formulas {
                count: 12,
                cells: "F2:F13".into(),
            },
            Problem::HiddenRows {
                rows: super::super::Rows::of(&[5, 8, 9, 10]),
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
        for p in &problems {
            let fr = p.message(Some("x"), Some("file_active_mg"), Lang::Fr);
            let en = p.message(Some("x"), Some("file_active_mg"), Lang::En);
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
