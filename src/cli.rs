//! The only module that knows clap: arguments → checked options.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::Lang;

/// Contrôle des candidatures et calcul des dotations de l'expérimentation SecPa
/// (centres et maisons de santé participatifs, article 51).
#[derive(Debug, Parser)]
#[command(name = "secpa", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Langue des messages (fr, en).
    #[arg(long, global = true, value_enum, default_value = "fr")]
    pub lang: LangArg,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Fr,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Fr => Lang::Fr,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Calcule les quatre dotations de chaque structure d'un fichier de candidatures.
    ///
    /// Exemple : secpa compute examples/candidatures.csv --year 2022 --format csv
    Compute(ComputeArgs),
    /// Liste ou affiche les versions des règles.
    #[command(subcommand)]
    Rules(RulesCommand),
}

/// Which rule versions a command uses.
#[derive(Debug, Clone, Args)]
pub struct RulesArgs {
    /// Fichier de règles à utiliser au lieu des versions intégrées (répétable).
    #[arg(long = "rules", value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Utilise la version en vigueur à cette date (AAAA-MM-JJ) ; par défaut aujourd'hui.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct ComputeArgs {
    /// Fichier de candidatures (CSV, séparateur `,` ou `;`).
    pub file: PathBuf,

    #[command(flatten)]
    pub rules: RulesArgs,

    /// Montants dus pour cette année civile, proratisés au mois (au lieu des montants annuels).
    #[arg(long, value_name = "YYYY", conflicts_with = "as_of")]
    pub year: Option<i32>,

    /// Format de sortie.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,

    /// Écrit le résultat dans ce fichier (atomiquement) au lieu de la sortie standard.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// CSV tel qu'Excel en français le relit : `;`, virgule décimale, BOM, CRLF (implique --format csv).
    #[arg(long)]
    pub excel: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    /// One self-contained HTML page: charts (SVG), table, envelope, rule versions.
    Html,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Liste les versions des règles : identifiant, validité, titre, valeurs provisoires.
    ///
    /// Exemple : secpa rules list
    List {
        #[command(flatten)]
        rules: RulesArgs,
    },
    /// Affiche le fichier TOML d'une version (par défaut celle en vigueur).
    ///
    /// Exemple : secpa rules show 2022-02-03
    Show {
        /// Identifiant de la version (ex. 2022-02-03).
        id: Option<String>,
        #[command(flatten)]
        rules: RulesArgs,
    },
}
