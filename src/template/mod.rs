//! `secpa template`: an empty candidature workbook, .xlsx or .ods, generated from the
//! reader's own table of columns ([`Column::ALL`], [`Column::label`], [`Column::input`]), so
//! that a column the reader learns is in the template without an edit here beyond its note
//! (the matches are exhaustive).
//!
//! Three sheets, « Candidatures » first and active (the sheet every command reads when none
//! is named), then « Exemple » (one filled row, which `secpa check --sheet Exemple` accepts)
//! and « Lisez-moi ». What each sheet holds is decided here, once; `xlsx` and `ods` only
//! write it.

mod ods;
mod xlsx;

use crate::titles::Title;
use chrono::NaiveDate;

use crate::candidature::column::{Column, Input};
use crate::model::Mission;
use crate::rules::Version;
use crate::{Error, Lang};

/// The two workbook formats a template is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Ods,
}

impl Format {
    /// The format a file name's extension asks for (case ignored).
    pub fn of_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1;
        if ext.eq_ignore_ascii_case("xlsx") {
            Some(Format::Xlsx)
        } else if ext.eq_ignore_ascii_case("ods") {
            Some(Format::Ods)
        } else {
            None
        }
    }
}

/// The names of the sheets, in their order.
pub const CANDIDATURES: &str = "Candidatures";
pub const EXAMPLE: &str = "Exemple";
pub const README: &str = "Lisez-moi";

/// How many rows below the header carry the drop-down lists and formats of the .ods
/// template (an .xlsx one carries them on whole columns): more structures than any file
/// of candidatures holds.
pub const ROWS: u32 = 1000;

/// What the « Lisez-moi » sheet says about the rules: the deadline of the version in force.
#[derive(Debug, Clone)]
pub struct Deadline {
    pub date: NaiveDate,
    pub version: String,
    pub provisional: bool,
}

impl Deadline {
    pub fn of(version: &Version) -> Deadline {
        let limit = &version.rules.eligibility.date_limite_candidature;
        Deadline {
            date: limit.value,
            version: version.rules.id.clone(),
            provisional: limit.provisional,
        }
    }
}

/// The workbook's bytes.
pub fn write(format: Format, lang: Lang, deadline: &Deadline) -> Result<Vec<u8>, Error> {
    let result = match format {
        Format::Xlsx => xlsx::write(lang, deadline, None).map_err(|e| e.to_string()),
        Format::Ods => ods::write(lang, deadline).map_err(|e| e.to_string()),
    };
    result.map_err(|message| Error::Workbook { message })
}

/// The template as an .xlsx workbook whose « Candidatures » sheet holds one filled row: the
/// page's one-structure form, downloaded. `row` gives a column's text as typed (columns
/// not given stay empty); each cell is written typed as the template types its column
/// ([`Cell::typed`]), so that `secpa check` reads the text that was typed.
pub fn filled(lang: Lang, deadline: &Deadline, row: &[(Column, String)]) -> Result<Vec<u8>, Error> {
    let cells: Vec<Cell> = Column::ALL
        .iter()
        .map(|column| {
            row.iter()
                .rev()
                .find(|(c, _)| c == column)
                .map_or(Cell::Empty, |(_, text)| Cell::typed(*column, text))
        })
        .collect();
    xlsx::write(lang, deadline, Some(&cells)).map_err(|e| Error::Workbook {
        message: e.to_string(),
    })
}

/// A cell of a row written in an .xlsx sheet of candidatures.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A number whose shortest decimal writing is the number read ([`Cell::typed`]).
    Number(f64),
    Date(NaiveDate),
    Empty,
}

impl Cell {
    /// The cell a column's typed text becomes: a number, a date or text as the template
    /// types the column, when secpa's own reader reads the text so ([`value`]); otherwise
    /// the text as typed, which `secpa check` then judges as it would in a CSV. A number
    /// is written as such only when the binary number a workbook holds gives back exactly
    /// the decimal typed (money stays exact): otherwise it stays text.
    pub fn typed(column: Column, text: &str) -> Cell {
        use crate::candidature::value;
        let text = text.trim();
        if text.is_empty() {
            return Cell::Empty;
        }
        let number = |d: Option<rust_decimal::Decimal>| {
            let d = d?.normalize();
            let f: f64 = d.to_string().parse().ok()?;
            let back: rust_decimal::Decimal = format!("{f}").parse().ok()?;
            (back == d).then_some(Cell::Number(f))
        };
        let typed = match column.input() {
            Input::Count | Input::Year => {
                number(value::count(text).ok().map(rust_decimal::Decimal::from))
            }
            Input::Percent => number(value::percent(text).ok()),
            Input::Amount => number(value::amount(text).ok()),
            // A workbook's dates start in 1900: an earlier one stays as typed.
            Input::Date => value::date(text)
                .ok()
                .filter(|d| (1900..=9999).contains(&chrono::Datelike::year(d)))
                .map(Cell::Date),
            Input::Code | Input::Text | Input::Choice(_) | Input::YesNo => None,
        };
        typed.unwrap_or_else(|| Cell::Text(text.to_string()))
    }
}

impl Sample {
    /// The example's cell as the .xlsx writer writes it.
    fn cell(&self) -> Cell {
        match self {
            Sample::Text(t) => Cell::Text((*t).to_string()),
            Sample::Number(n) => Cell::Number(f64::from(*n)),
            Sample::PercentTenths(t) => Cell::Number(f64::from(*t) / 10.0),
            Sample::Date(d) => Cell::Date(*d),
            Sample::Empty => Cell::Empty,
        }
    }
}

/// A header's width in characters: its label, at least a date's or a code's.
fn width(column: Column) -> f64 {
    let label = column.label().chars().count();
    (label.max(12) + 2) as f64
}

/// What to enter in a column and where to find it: the note of its header cell.
pub fn note(column: Column, lang: Lang) -> String {
    use Column::*;
    let (fr, en): (String, String) = match column {
        Finess => (
            "Numéro FINESS géographique de la structure : 9 caractères (2A ou 2B en Corse). Annuaire FINESS : finess.esante.gouv.fr. La colonne est au format texte : le zéro initial est gardé.".into(),
            "The structure's geographic FINESS number: 9 characters (2A or 2B in Corsica). FINESS directory: finess.esante.gouv.fr. The column is formatted as text: a leading zero is kept.".into(),
        ),
        Siret => (
            "Numéro SIRET de la structure, 14 chiffres (facultatif) : annuaire-entreprises.data.gouv.fr.".into(),
            "The structure's SIRET number, 14 digits (optional): annuaire-entreprises.data.gouv.fr.".into(),
        ),
        Nom => (
            "Nom de la structure, tel qu'il figure dans FINESS (facultatif).".into(),
            "Name of the structure, as FINESS gives it (optional).".into(),
        ),
        TypeStructure => (
            "« Centre de santé » ou « Maison de santé pluriprofessionnelle (MSP) » : liste déroulante (« CDS », « MSP » sont lus aussi).".into(),
            "« Centre de santé » (health centre) or « Maison de santé pluriprofessionnelle (MSP) » (multi-professional health house): drop-down list (« CDS », « MSP » are read too).".into(),
        ),
        CodeCommune => (
            "Code INSEE de la commune où est la structure, 5 caractères (ce n'est pas le code postal) : insee.fr, code officiel géographique.".into(),
            "INSEE code of the structure's commune, 5 characters (not the postcode): insee.fr, official geographic code.".into(),
        ),
        Implantation => (
            "« Quartier prioritaire (QPV) » si la structure est dans un quartier prioritaire de la politique de la ville ; « Quartier vécu » si elle est hors du QPV mais en accueille les habitants. Le quartier d'une adresse : sig.ville.gouv.fr.".into(),
            "« Quartier prioritaire (QPV) » if the structure stands in a priority neighbourhood; « Quartier vécu » if it stands outside it but serves its people. The neighbourhood of an address: sig.ville.gouv.fr.".into(),
        ),
        CodeQpv => (
            "Code du quartier prioritaire (ex. QP093040), trouvé par l'adresse sur sig.ville.gouv.fr.".into(),
            "Code of the priority neighbourhood (e.g. QP093040), found by address on sig.ville.gouv.fr.".into(),
        ),
        FileActiveMg => (
            "File active en médecine générale de l'année précédente : le nombre de patients différents vus au moins une fois dans l'année, tiré du logiciel médical. Un nombre entier.".into(),
            "General-medicine file active of the previous year: the number of different patients seen at least once in the year, from the medical software. A whole number.".into(),
        ),
        AnneeFileActive => (
            "Année de cette file active : l'année qui précède la date d'entrée (2021 pour une entrée en 2022).".into(),
            "Year of that file active: the year before the entry date (2021 for an entry in 2022).".into(),
        ),
        TauxPauvrete => (
            "Taux de pauvreté du territoire (QPV ou commune), en % : tapez 41,3 pour 41,3 %. Vide : secpa prend le taux publié par l'INSEE pour le QPV, sinon pour la commune, et le dit.".into(),
            "Poverty rate of the territory (QPV or commune), in %: type 41.3 for 41.3 %. Empty: secpa takes the rate INSEE publishes for the QPV, else for the commune, and says so.".into(),
        ),
        TiersPayant => (
            "« Intégral » (parts obligatoire et complémentaire), « Partiel » ou « Non » : le tiers payant pratiqué (liste déroulante).".into(),
            "« Intégral » (compulsory and complementary parts), « Partiel » (partial) or « Non » (none): the tiers payant practised (drop-down list).".into(),
        ),
        TarifsOpposables => (
            "oui si la structure applique les tarifs opposables (sans dépassement d'honoraires).".into(),
            "oui (yes) if the structure charges the regulated fees (no extra fees).".into(),
        ),
        OuvertATous => (
            "oui si la structure accueille tous les patients, sans sélection.".into(),
            "oui (yes) if the structure receives every patient, without selection.".into(),
        ),
        ActiviteMg => (
            "Facultatif : oui si l'activité de la structure est majoritairement de médecine générale (condition de l'arrêté). Sans cette colonne, la condition n'est pas contrôlée.".into(),
            "Optional: oui (yes) if the structure's activity is mostly general medicine (a condition of the arrêté). Without this column, the condition is not checked.".into(),
        ),
        ActiviteParamedicale => (
            "Facultatif : oui si la structure a aussi une activité paramédicale (condition de l'arrêté). Sans cette colonne, la condition n'est pas contrôlée.".into(),
            "Optional: oui (yes) if the structure also has a paramedical activity (a condition of the arrêté). Without this column, the condition is not checked.".into(),
        ),
        MissionProximite
        | MissionAccueilVulnerables
        | MissionSoutienPsychologique
        | MissionMediationSante
        | MissionDemarcheParticipative
        | MissionAccompagnementSocial
        | MissionInterpretariat
        | MissionPrevention
        | MissionFormationEvaluation => {
            let mission = Mission::ALL
                .iter()
                .copied()
                .find(|m| Column::of_mission(*m) == column)
                .unwrap_or(Mission::Proximite);
            (
                format!("oui si la structure assure la mission « {} », l'une des neuf missions obligatoires du cahier des charges.", mission.title(Lang::Fr)),
                format!("oui (yes) if the structure fulfils the mission \"{}\", one of the nine compulsory missions of the specifications.", mission.title(Lang::En)),
            )
        }
        AccordArsPsy => (
            "oui si l'ARS a donné son accord pour le soutien psychologique (dotation 4) ; non sinon.".into(),
            "oui (yes) if the ARS agreed to the psychological support (allocation 4); non (no) otherwise.".into(),
        ),
        MontantPsyDemande => (
            "Montant demandé pour le soutien psychologique, en euros par an (facultatif) ; les règles le plafonnent.".into(),
            "Amount asked for the psychological support, in euros a year (optional); the rules cap it.".into(),
        ),
        DateEntree => (
            "Date d'entrée dans l'expérimentation (JJ/MM/AAAA), celle de la convention signée avec l'ARS.".into(),
            "Date of entry into the experiment (DD/MM/YYYY), that of the agreement signed with the ARS.".into(),
        ),
        DateDepot => (
            "Date de dépôt de la candidature (JJ/MM/AAAA) : elle choisit les règles qui jugent la candidature. Vide pour une structure fondatrice.".into(),
            "Filing date of the candidature (DD/MM/YYYY): it chooses the rules that judge the candidature. Empty for a founding structure.".into(),
        ),
        StructureFondatrice => (
            "oui pour les six structures entrées d'office en 2021 ; non pour les autres.".into(),
            "oui (yes) for the six structures that entered at the start in 2021; non (no) for the others.".into(),
        ),
    };
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// A typed cell of the example row.
#[derive(Debug, Clone, PartialEq)]
pub enum Sample {
    Text(&'static str),
    /// A whole number (patients, a year, euros).
    Number(u32),
    /// A rate in percent, in tenths: 413 is 41.3 %.
    PercentTenths(u32),
    Date(NaiveDate),
    Empty,
}

/// The example row (« Exemple »): a structure of `examples/candidatures.csv` (illustrative
/// figures) that `secpa check` accepts.
pub fn sample(column: Column) -> Sample {
    use Column::*;
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).map_or(Sample::Empty, Sample::Date);
    match column {
        Finess => Sample::Text("730000080"),
        Siret => Sample::Text("90873065800014"),
        Nom => Sample::Text("Pôle Santé Chambéry"),
        TypeStructure => Sample::Text(crate::model::TypeStructure::Msp.written()),
        CodeCommune => Sample::Text("73065"),
        Implantation => Sample::Text(crate::model::Implantation::Qpv.written()),
        CodeQpv => Sample::Text("QP073002"),
        FileActiveMg => Sample::Number(2100),
        AnneeFileActive => Sample::Number(2021),
        TauxPauvrete => Sample::PercentTenths(413),
        TiersPayant => Sample::Text(crate::model::TiersPayant::Integral.written()),
        TarifsOpposables
        | OuvertATous
        | ActiviteMg
        | ActiviteParamedicale
        | MissionProximite
        | MissionAccueilVulnerables
        | MissionSoutienPsychologique
        | MissionMediationSante
        | MissionDemarcheParticipative
        | MissionAccompagnementSocial
        | MissionInterpretariat
        | MissionPrevention
        | MissionFormationEvaluation
        | AccordArsPsy => Sample::Text("oui"),
        MontantPsyDemande => Sample::Number(25000),
        DateEntree => date(2022, 3, 1),
        DateDepot => date(2021, 10, 8),
        StructureFondatrice => Sample::Text("non"),
    }
}

/// The lines of « Lisez-moi »: a heading and its text.
pub fn readme(lang: Lang, deadline: &Deadline) -> Vec<(String, String)> {
    let date = deadline.date.format("%d/%m/%Y");
    let v = &deadline.version;
    let first = Column::ALL.first().map_or("", |c| c.label());
    match lang {
        Lang::Fr => vec![
            ("Fichier de candidatures SecPa".into(), "Centres et maisons de santé participatifs (expérimentation article 51).".into()),
            ("Remplir".into(), format!("Une ligne par structure dans la feuille « {CANDIDATURES} », à partir de la ligne 2 ; la ligne 1 (en-têtes) ne change pas. Chaque en-tête porte une note : ce qu'il faut saisir et où le trouver. Les listes déroulantes donnent les valeurs admises ; la feuille « {EXAMPLE} » montre une ligne remplie. Les colonnes « {first} », SIRET, commune et QPV sont au format texte : un zéro initial est gardé.")),
            ("Date limite".into(), format!("Candidatures déposées au plus tard le {date} (règles {v}{}) ; les structures fondatrices en sont dispensées.", if deadline.provisional { ", valeur provisoire : aucun nouvel appel connu" } else { "" })),
            ("Contrôler".into(), "Avant l'envoi : « secpa check fichier.xlsx » (ou la page secpa.html ouverte dans un navigateur) dit, ligne par ligne et colonne par colonne, ce qui est à corriger ; « secpa code E201 » explique un code ; « secpa compute fichier.xlsx » montre les dotations.".into()),
            ("Feuilles".into(), format!("secpa lit la feuille « {CANDIDATURES} », la première : gardez-la en premier. « {EXAMPLE} » et « {README} » ne sont pas lues comme des candidatures.")),
            ("Vos données".into(), "secpa et sa page web travaillent sur votre ordinateur : le fichier n'est envoyé nulle part. Transmettez-le à votre ARS par le canal habituel.".into()),
        ],
        Lang::En => vec![
            ("SecPa candidature file".into(), "Participative health centres and houses (article 51 experiment).".into()),
            ("Filling in".into(), format!("One row per structure in the sheet \"{CANDIDATURES}\", from row 2; row 1 (the headers) stays as it is. Each header has a note: what to enter and where to find it. The drop-down lists give the accepted values; the sheet \"{EXAMPLE}\" shows a filled row. The columns \"{first}\", SIRET, commune and QPV are formatted as text: a leading zero is kept.")),
            ("Deadline".into(), format!("Candidatures filed on {date} at the latest (rules {v}{}); founding structures are exempt.", if deadline.provisional { ", provisional value: no new call known" } else { "" })),
            ("Checking".into(), "Before sending: \"secpa check file.xlsx\" (or the page secpa.html opened in a browser) says, row by row and column by column, what to correct; \"secpa code E201\" explains a code; \"secpa compute file.xlsx\" shows the allocations.".into()),
            ("Sheets".into(), format!("secpa reads the sheet \"{CANDIDATURES}\", the first one: keep it first. \"{EXAMPLE}\" and \"{README}\" are not read as candidatures.")),
            ("Your data".into(), "secpa and its web page work on your computer: the file is sent nowhere. Send it to your ARS the usual way.".into()),
        ],
    }
}

/// The values of a closed list, for its drop-down.
fn choices(input: &Input) -> Option<Vec<&'static str>> {
    match input {
        Input::Choice(values) => Some(values.clone()),
        Input::YesNo => Some(crate::model::YES_NO.offered()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_chooses_the_format() {
        assert_eq!(Format::of_name("modèle.XLSX"), Some(Format::Xlsx));
        assert_eq!(Format::of_name("a.b.ods"), Some(Format::Ods));
        assert_eq!(Format::of_name("modèle.csv"), None);
        assert_eq!(Format::of_name("modèle"), None);
    }

    #[test]
    fn every_column_has_a_note_in_both_languages_and_a_sample() {
        for c in Column::ALL {
            assert!(note(*c, Lang::Fr).len() > 20, "{c:?}");
            assert!(note(*c, Lang::En).len() > 20, "{c:?}");
            assert_ne!(note(*c, Lang::Fr), note(*c, Lang::En));
        }
        let mission = note(Column::MissionInterpretariat, Lang::Fr);
        assert!(
            mission.contains("interprétariat professionnel"),
            "{mission}"
        );
    }

    #[test]
    fn a_typed_cell_is_what_the_reader_reads() {
        use Column::*;
        assert_eq!(
            Cell::typed(Finess, " 060000247 "),
            Cell::Text("060000247".into())
        );
        assert_eq!(Cell::typed(FileActiveMg, "1 600"), Cell::Number(1600.0));
        assert_eq!(Cell::typed(TauxPauvrete, "41,3"), Cell::Number(41.3));
        assert_eq!(Cell::typed(TauxPauvrete, "41.3 %"), Cell::Number(41.3));
        assert_eq!(
            Cell::typed(MontantPsyDemande, "25000,50"),
            Cell::Number(25000.5)
        );
        assert_eq!(
            Cell::typed(DateEntree, "2022-03-01"),
            Cell::Date(NaiveDate::from_ymd_opt(2022, 3, 1).unwrap())
        );
        assert_eq!(Cell::typed(DateDepot, ""), Cell::Empty);
        assert_eq!(
            Cell::typed(DateDepot, "1850-01-01"),
            Cell::Text("1850-01-01".into())
        );
        // Not a number for the reader: kept as typed, for check to say so.
        assert_eq!(
            Cell::typed(FileActiveMg, "beaucoup"),
            Cell::Text("beaucoup".into())
        );
        assert_eq!(Cell::typed(TauxPauvrete, "140"), Cell::Text("140".into()));
        // More digits than a binary number keeps: text, never a rounded amount.
        let long = "12345678901234567,89";
        assert_eq!(
            Cell::typed(MontantPsyDemande, long),
            Cell::Text(long.into())
        );
    }
}
