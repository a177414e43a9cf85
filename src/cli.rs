//! The only module that knows clap: arguments → checked options.

use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::NaiveDate;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::Lang;

/// Contrôle des candidatures et calcul des dotations de l'expérimentation SecPa
/// (centres et maisons de santé participatifs, article 51).
#[derive(Debug, Parser)]
#[command(
    name = "secpa",
    version,
    about,
    long_about = None,
    propagate_version = true,
    after_help = "Exemples :\n  secpa compute examples/candidatures.csv --year 2022\n  secpa compute examples/candidatures.csv --format html --output rapport.html\n  secpa rules list\n  secpa completions bash > ~/.local/share/bash-completion/completions/secpa",
    after_long_help = "Exemples :\n  secpa compute examples/candidatures.csv --year 2022\n  secpa compute examples/candidatures.csv --format html --output rapport.html\n  secpa rules list\n  secpa completions bash > ~/.local/share/bash-completion/completions/secpa\n\nCodes de sortie :\n  0  tout est calculé ou contrôlé (avertissements permis)\n  1  des lignes ont des erreurs : signalées, non payées ; les autres sont calculées\n  2  l'outil n'a pas pu travailler (arguments, fichier illisible, vide, colonne obligatoire\n     absente, classeur illisible, fichier de règles invalide) : rien n'est écrit dans --output"
)]
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
    /// ; en page HTML : secpa compute examples/candidatures.csv --format html --output rapport.html
    Compute(ComputeArgs),
    /// Contrôle des fichiers de candidatures : format, identifiants, éligibilité.
    ///
    /// Exemple : secpa check examples/candidatures.csv --as-of 2021-10-15
    Check(CheckArgs),
    /// Liste ou affiche les versions des règles.
    ///
    /// Exemple : secpa rules list ; secpa rules show 2022-02-03
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Explique chaque dotation d'une structure : données lues, tranche choisie, valeurs et sources.
    ///
    /// Exemple : secpa explain examples/candidatures.csv --row 16 --as-of 2022-03-01
    Explain(ExplainArgs),
    /// Compare deux versions des règles : montants qui changent et valeurs qui diffèrent.
    ///
    /// Exemple : secpa diff 2022-02-03 2024-01-01 examples/candidatures.csv
    Diff(DiffArgs),
    /// Lance des cas de non-régression écrits en TOML (structure, règles, montants attendus).
    ///
    /// Exemple : secpa test tests/cases
    Test(TestArgs),
    /// Compare, année par année, le total dû du lot aux enveloppes budgétaires des règles.
    ///
    /// Exemple : secpa budget examples/candidatures.csv ; secpa budget examples/candidatures.csv --format html --output budget.html
    Budget(BudgetArgs),
    /// Écrit le script de complétion des commandes pour un shell.
    ///
    /// Exemple : secpa completions bash > ~/.local/share/bash-completion/completions/secpa
    Completions {
        /// Shell visé.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Écrit la page de manuel (roff) sur la sortie standard.
    ///
    /// Exemple : secpa man > secpa.1 && man ./secpa.1 ; secpa man compute
    Man {
        /// Page d'une sous-commande (ex. compute) au lieu de la page principale.
        command: Option<String>,
    },
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
    /// Fichier de candidatures : CSV (`,` `;` ou tabulation), classeur .xlsx ou .ods, ou `-` pour l'entrée standard.
    pub file: PathBuf,

    /// Feuille du classeur .xlsx ou .ods à lire (par défaut la première).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

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
    /// Une page HTML autonome : graphiques (SVG), tableau, enveloppe, versions des règles.
    Html,
    /// Un classeur Excel (.xlsx) : FINESS en texte, montants en nombres au format euro,
    /// ligne de total, en-tête figé, provenance sur une seconde feuille (avec --output).
    Xlsx,
}

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Table,
    Csv,
    Json,
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
    /// Vérifie des fichiers de règles (par défaut les versions intégrées) : barèmes, sources,
    /// valeurs provisoires, enchaînement des périodes ; codes R001…, code de sortie 1 si erreur.
    ///
    /// Exemple : secpa rules lint rules/*.toml
    Lint {
        /// Fichiers de règles ; sans fichier, les versions intégrées.
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Fichier de candidatures : CSV (`,` `;` ou tabulation), classeur .xlsx ou .ods, ou `-` pour l'entrée standard.
    pub file: PathBuf,

    /// Feuille du classeur .xlsx ou .ods à lire (par défaut la première).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// La structure de cette ligne (telle que le tableur la montre, en-tête = 1).
    #[arg(long, value_name = "N", conflicts_with = "finess")]
    pub row: Option<u64>,

    /// La structure de ce numéro FINESS.
    #[arg(long, value_name = "X")]
    pub finess: Option<String>,

    #[command(flatten)]
    pub rules: RulesArgs,

    /// Montants dus pour cette année civile, proratisés au mois (comme compute --year).
    #[arg(long, value_name = "YYYY", conflicts_with = "as_of")]
    pub year: Option<i32>,

    /// Format de sortie.
    #[arg(long, value_enum, default_value = "text")]
    pub format: TraceFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TraceFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Ancienne version : identifiant d'une version intégrée (ex. 2022-02-03) ou fichier de règles.
    pub old: String,

    /// Nouvelle version : identifiant d'une version intégrée ou fichier de règles.
    pub new: String,

    /// Fichier de candidatures : CSV (`,` `;` ou tabulation), classeur .xlsx ou .ods, ou `-` pour l'entrée standard.
    pub file: PathBuf,

    /// Feuille du classeur .xlsx ou .ods à lire (par défaut la première).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Montants dus pour cette année (chaque version appliquée à toute l'année) au lieu des montants annuels.
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i32>,

    /// Format de sortie.
    #[arg(long, value_enum, default_value = "table")]
    pub format: DiffFormat,

    /// Code de sortie 1 si un montant change (pour la CI).
    #[arg(long)]
    pub fail_on_change: bool,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Fichiers de cas (.toml) ou répertoires qui en contiennent.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BudgetArgs {
    /// Fichier de candidatures : CSV (`,` `;` ou tabulation), classeur .xlsx ou .ods, ou `-` pour l'entrée standard. date_entree est requise.
    pub file: PathBuf,

    /// Feuille du classeur .xlsx ou .ods à lire (par défaut la première).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Fichier de règles à utiliser au lieu des versions intégrées (répétable).
    #[arg(long = "rules", value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Format de sortie.
    #[arg(long, value_enum, default_value = "table")]
    pub format: BudgetFormat,

    /// Écrit le résultat dans ce fichier (atomiquement) au lieu de la sortie standard.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BudgetFormat {
    Table,
    Json,
    /// Une page HTML autonome : une jauge (SVG) par année, notes, tableau, versions des règles.
    Html,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Fichiers de candidatures (CSV, séparateur `,` ou `;`, ou classeur .xlsx).
    #[arg(required = true, value_name = "FILE")]
    pub inputs: Vec<PathBuf>,

    /// Feuille du classeur .xlsx ou .ods à lire (par défaut la première).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,

    /// Format des diagnostics : lignes sur la sortie d'erreur, ou JSON sur la sortie standard.
    #[arg(long, value_enum, default_value = "human")]
    pub format: CheckFormat,

    /// Les avertissements comptent comme des erreurs (code de sortie 1).
    #[arg(long)]
    pub strict: bool,

    #[command(flatten)]
    pub rules: RulesArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
}

/// "0.1.0 (règles : 2021-08-01, …)": the package version and the rule versions embedded in
/// the binary, read from the embedded files so that a new version shows without an edit here.
pub fn version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        format!(
            "{} (règles : {})",
            env!("CARGO_PKG_VERSION"),
            crate::rules::embedded_ids().join(", ")
        )
    })
}

/// The command-line definition with its runtime version: what parsing, completions and the
/// man page all use.
pub fn command() -> clap::Command {
    Cli::command().version(version())
}

/// Parses the process arguments; on a usage error or `--help`, clap prints and exits.
pub fn parse() -> Cli {
    let matches = command().get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command, nested ones included, shows an example in its --help.
    #[test]
    fn every_subcommand_has_an_example() {
        fn check(cmd: &mut clap::Command, path: &str) {
            let help = cmd.render_long_help().to_string();
            assert!(
                help.contains("Exemple"),
                "{path} --help has no example:\n{help}"
            );
            // clap's own `help` subcommand is not ours to document.
            for sub in cmd.get_subcommands_mut().filter(|c| c.get_name() != "help") {
                let name = format!("{path} {}", sub.get_name());
                check(sub, &name);
            }
        }
        let mut cmd = command();
        cmd.build();
        check(&mut cmd, "secpa");
    }

    #[test]
    fn definition_is_consistent() {
        command().debug_assert();
    }
}
