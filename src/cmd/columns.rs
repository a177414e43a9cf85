//! `secpa columns FILE`: how each header of the file is read (letter, header as written,
//! column, and how: exact, synonym, mapped, ignored, lookalike, duplicate), so that a
//! coordinator sees which of her columns secpa takes for what before any amount. The
//! list is [`crate::candidature::Header::read_as`], the one the web page shows.

use super::{options, print_diagnostics};
use crate::candidature::{self, Opened};
use crate::cli::{ColumnsArgs, ColumnsFormat};
use crate::diagnostic::{Code, Severity};
use crate::{Error, Lang, Outcome};

pub fn run(args: &ColumnsArgs, lang: Lang) -> Result<Outcome, Error> {
    let opened = candidature::open_with(&args.file, &options(&args.sheet, &args.columns)?);
    let file = match opened {
        Opened::Unreadable(d) => {
            print_diagnostics(&[d], lang);
            return Ok(Outcome::Unusable);
        }
        Opened::File(file) => file,
    };
    let readings = file.header.read_as();
    let bytes = match args.format {
        ColumnsFormat::Json => {
            let mut json = serde_json::to_vec_pretty(&readings).unwrap_or_default();
            json.push(b'\n');
            json
        }
        // Headers as written in the file: shown, never run, on a terminal.
        ColumnsFormat::Table => {
            let text = table(&readings, &file.header.absent(), lang);
            crate::terminal::safe(&text, true).into_owned().into_bytes()
        }
    };
    crate::output::write_stdout(&bytes)?;
    let said = &file.header_diagnostics;
    print_diagnostics(said, lang);
    let errors: Vec<Code> = said
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.code())
        .collect();
    Ok(if errors.contains(&Code::E050) {
        Outcome::Unusable
    } else if errors.is_empty() {
        Outcome::Success
    } else {
        Outcome::Problems
    })
}

/// The readings as a table, then the columns the file lacks.
fn table(
    readings: &[candidature::HeaderReading],
    absent: &[candidature::Column],
    lang: Lang,
) -> String {
    let titles = match lang {
        Lang::Fr => ["colonne", "en-tête", "lue comme", "comment"],
        Lang::En => ["column", "header", "read as", "how"],
    };
    let mut table = comfy_table::Table::new();
    table.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    table.set_header(titles);
    for r in readings {
        let how = match (lang, r.how) {
            (Lang::En, how) => how.name(),
            (Lang::Fr, candidature::column::How::Exact) => "exact",
            (Lang::Fr, candidature::column::How::Synonym) => "synonyme",
            (Lang::Fr, candidature::column::How::Mapped) => "--column",
            (Lang::Fr, candidature::column::How::Ignored) => "ignoré",
            (Lang::Fr, candidature::column::How::Lookalike) => "pris pour (E016)",
            (Lang::Fr, candidature::column::How::Duplicate) => "en double (E007)",
        };
        table.add_row([
            r.letter.as_str(),
            r.header.as_str(),
            r.key.unwrap_or("—"),
            how,
        ]);
    }
    let mut text = format!("{table}\n");
    if !absent.is_empty() {
        let names = candidature::Column::names(absent);
        text.push_str(&match lang {
            Lang::Fr => format!("Colonnes absentes : {names}\n"),
            Lang::En => format!("Absent columns: {names}\n"),
        });
    }
    text
}
