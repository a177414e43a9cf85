//! The only module that knows clap: arguments → checked options.

use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::NaiveDate;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::candidature::column::Mapping;
use crate::Lang;

mod errors;
mod locale;
pub mod text;

/// Contrôle des candidatures et calcul des dotations de l'expérimentation SecPa
/// (centres et maisons de santé participatifs, article 51).
#[derive(Debug, Parser)]
#[command(name = "secpa", version, about, long_about = None)]
pub struct Cli {
    /// Langue des messages et de l'aide.
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
    Compute(ComputeArgs),
    /// Contrôle des fichiers de candidatures : format, identifiants, éligibilité.
    Check(CheckArgs),
    /// Liste, affiche, écrit ou vérifie les versions des règles.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Explique chaque dotation d'une structure : données lues, tranche choisie, valeurs et sources.
    Explain(ExplainArgs),
    /// Compare deux versions des règles : montants qui changent et valeurs qui diffèrent.
    Diff(DiffArgs),
    /// Lance des cas de non-régression écrits en TOML (structure, règles, montants attendus).
    Test(TestArgs),
    /// Compare, année par année, le total dû du lot aux enveloppes budgétaires des règles.
    Budget(BudgetArgs),
    /// Écrit un classeur de candidatures vide à remplir (.xlsx ou .ods, selon l'extension) :
    /// en-têtes reconnus, listes déroulantes, notes, un exemple.
    Template(TemplateArgs),
    /// Explique un code de diagnostic (ex. E201) : ce qu'il signale, que faire, un exemple ;
    /// sans code, la liste des codes.
    Code {
        /// Le code, tel que les diagnostics l'écrivent (E201, W216…).
        #[arg(value_name = "CODE")]
        code: Option<String>,
    },
    /// Montre comment chaque en-tête du fichier est lu : lettre, en-tête, colonne, comment.
    Columns(ColumnsArgs),
    /// Écrit le script de complétion des commandes pour un shell.
    Completions {
        /// Shell visé.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Écrit la page de manuel (roff) d'une commande sur la sortie standard.
    Man {
        /// Page d'une sous-commande (ex. compute, rules lint) au lieu de la page principale.
        #[arg(value_name = "COMMANDE")]
        command: Vec<String>,
    },
}

/// Which rule versions a command uses.
#[derive(Debug, Clone, Args)]
pub struct RulesArgs {
    /// Fichier de règles ajouté aux versions intégrées (répétable) ; une version de même identifiant remplace l'intégrée.
    #[arg(long = "rules", value_name = "FICHIER")]
    pub files: Vec<PathBuf>,

    /// N'utilise que les fichiers --rules, sans les versions intégrées.
    #[arg(long, requires = "files")]
    pub only_rules: bool,

    /// Utilise la version en vigueur à cette date (JJ/MM/AAAA ou AAAA-MM-JJ, comme dans les
    /// fichiers) ; par défaut aujourd'hui.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

/// The rule files of a command and whether they replace the embedded versions.
pub trait RuleSource {
    fn files(&self) -> &[PathBuf];
    fn only(&self) -> bool;
}

impl RuleSource for RulesArgs {
    fn files(&self) -> &[PathBuf] {
        &self.files
    }
    fn only(&self) -> bool {
        self.only_rules
    }
}

impl RuleSource for RuleFiles {
    fn files(&self) -> &[PathBuf] {
        &self.files
    }
    fn only(&self) -> bool {
        self.only_rules
    }
}

/// The rule files alone, for a command that uses no date (`rules list`).
#[derive(Debug, Clone, Args)]
pub struct RuleFiles {
    /// Fichier de règles ajouté aux versions intégrées (répétable) ; une version de même identifiant remplace l'intégrée.
    #[arg(long = "rules", value_name = "FICHIER")]
    pub files: Vec<PathBuf>,

    /// N'utilise que les fichiers --rules, sans les versions intégrées.
    #[arg(long, requires = "files")]
    pub only_rules: bool,
}

#[derive(Debug, Args)]
pub struct ComputeArgs {
    /// Fichier de candidatures : CSV (`,` `;` ou tabulation), classeur .xlsx ou .ods, ou `-` pour l'entrée standard.
    #[arg(value_name = "FICHIER")]
    pub file: PathBuf,

    /// Feuille du classeur .xlsx ou .ods à lire (par défaut celle affichée à l'ouverture, jamais une feuille masquée).
    #[arg(long, value_name = "FEUILLE")]
    pub sheet: Option<String>,

    /// Lit l'en-tête EN-TÊTE comme la colonne COLONNE (répétable), ex. --column montant_psy_demande="Demande psy (€)".
    #[arg(long = "column", value_name = "COLONNE=EN-TÊTE", value_parser = parse_mapping)]
    pub columns: Vec<Mapping>,

    #[command(flatten)]
    pub rules: RulesArgs,

    /// Montants dus pour cette année civile, proratisés au mois (au lieu des montants annuels).
    #[arg(long, value_name = "AAAA", conflicts_with = "as_of", value_parser = parse_year)]
    pub year: Option<i32>,

    /// Format de sortie (par défaut table ; csv avec --excel).
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Écrit le résultat dans ce fichier (atomiquement) au lieu de la sortie standard (`-`).
    #[arg(long, short, value_name = "FICHIER")]
    pub output: Option<PathBuf>,

    /// CSV tel qu'Excel en français le relit : `;`, virgule décimale, BOM, CRLF (implique --format csv).
    #[arg(long)]
    pub excel: bool,

    /// Sur la sortie d'erreur, les seules erreurs (ni avertissements ni informations).
    #[arg(long, short)]
    pub quiet: bool,
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
    List {
        #[command(flatten)]
        rules: RuleFiles,
    },
    /// Affiche le fichier TOML d'une version (par défaut celle en vigueur).
    Show {
        /// Identifiant de la version (ex. 2022-02-03).
        #[arg(conflicts_with = "as_of", value_name = "VERSION")]
        id: Option<String>,
        #[command(flatten)]
        rules: RulesArgs,
    },
    /// Écrit le fichier de la version suivante à partir de la précédente : dates posées,
    /// sources reprises, toutes les valeurs provisoires, en-tête de ce qui est à confirmer.
    New {
        /// Identifiant de la nouvelle version : son premier jour de validité (AAAA-MM-JJ).
        #[arg(value_name = "ID")]
        id: String,
        /// Version de départ (par défaut la dernière).
        #[arg(long, value_name = "VERSION")]
        from: Option<String>,
        /// Écrit le fichier ici (atomiquement) au lieu de la sortie standard.
        #[arg(long, short, value_name = "FICHIER")]
        output: Option<PathBuf>,
        #[command(flatten)]
        rules: RuleFiles,
    },
    /// Vérifie des fichiers de règles (par défaut les versions intégrées) : barèmes, sources,
    /// valeurs provisoires, enchaînement des périodes ; codes R001…, code de sortie 1 si erreur.
    Lint {
        /// Fichiers de règles ; sans fichier, les versions intégrées.
        #[arg(value_name = "FICHIER")]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Fichier de candidatures : CSV (`,` `;` ou tabulation), classeur .xlsx ou .ods, ou `-` pour l'entrée standard.
    #[arg(value_name = "FICHIER")]
    pub file: PathBuf,

    /// Feuille du classeur .xlsx ou .ods à lire (par défaut celle affichée à l'ouverture, jamais une feuille masquée).
    #[arg(long, value_name = "FEUILLE")]
    pub sheet: Option<String>,

    /// Lit l'en-tête EN-TÊTE comme la colonne COLONNE (répétable), ex. --column montant_psy_demande="Demande psy (€)".
    #[arg(long = "column", value_name = "COLONNE=EN-TÊTE", value_parser = parse_mapping)]
    pub columns: Vec<Mapping>,

    /// La structure de cette ligne (telle que le tableur la montre, en-tête = 1).
    #[arg(long, value_name = "N", conflicts_with = "finess")]
    pub row: Option<u64>,

    /// La structure de ce numéro FINESS.
    #[arg(long, value_name = "FINESS")]
    pub finess: Option<String>,

    #[command(flatten)]
    pub rules: RulesArgs,

    /// Montants dus pour cette année civile, proratisés au mois (comme compute --year).
    #[arg(long, value_name = "AAAA", conflicts_with = "as_of", value_parser = parse_year)]
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
    #[arg(value_name = "ANCIENNE")]
    pub old: String,

    /// Nouvelle version : identifiant d'une version intégrée ou fichier de règles.
    #[arg(value_name = "NOUVELLE")]
    pub new: String,

    /// Fichier de candidatures : CSV (`,` `;` ou tabulation), classeur .xlsx ou .ods, ou `-` pour l'entrée standard.
    #[arg(value_name = "FICHIER")]
    pub file: PathBuf,

    /// Feuille du classeur .xlsx ou .ods à lire (par défaut celle affichée à l'ouverture, jamais une feuille masquée).
    #[arg(long, value_name = "FEUILLE")]
    pub sheet: Option<String>,

    /// Lit l'en-tête EN-TÊTE comme la colonne COLONNE (répétable), ex. --column montant_psy_demande="Demande psy (€)".
    #[arg(long = "column", value_name = "COLONNE=EN-TÊTE", value_parser = parse_mapping)]
    pub columns: Vec<Mapping>,

    /// Montants dus pour cette année (chaque version appliquée à toute l'année) au lieu des montants annuels.
    #[arg(long, value_name = "AAAA", value_parser = parse_year)]
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
    #[arg(required = true, value_name = "CHEMIN")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BudgetArgs {
    /// Fichier de candidatures : CSV (`,` `;` ou tabulation), classeur .xlsx ou .ods, ou `-` pour l'entrée standard. date_entree est requise.
    #[arg(value_name = "FICHIER")]
    pub file: PathBuf,

    /// Feuille du classeur .xlsx ou .ods à lire (par défaut celle affichée à l'ouverture, jamais une feuille masquée).
    #[arg(long, value_name = "FEUILLE")]
    pub sheet: Option<String>,

    /// Lit l'en-tête EN-TÊTE comme la colonne COLONNE (répétable), ex. --column montant_psy_demande="Demande psy (€)".
    #[arg(long = "column", value_name = "COLONNE=EN-TÊTE", value_parser = parse_mapping)]
    pub columns: Vec<Mapping>,

    /// Fichier de règles ajouté aux versions intégrées (répétable) ; une version de même identifiant remplace l'intégrée.
    #[arg(long = "rules", value_name = "FICHIER")]
    pub files: Vec<PathBuf>,

    /// N'utilise que les fichiers --rules, sans les versions intégrées.
    #[arg(long, requires = "files")]
    pub only_rules: bool,

    /// Format de sortie.
    #[arg(long, value_enum, default_value = "table")]
    pub format: BudgetFormat,

    /// Écrit le résultat dans ce fichier (atomiquement) au lieu de la sortie standard (`-`).
    #[arg(long, short, value_name = "FICHIER")]
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
pub struct TemplateArgs {
    /// Classeur à écrire (atomiquement) : .xlsx ou .ods.
    #[arg(long, short, value_name = "FICHIER", required = true)]
    pub output: PathBuf,

    #[command(flatten)]
    pub rules: RulesArgs,
}

#[derive(Debug, Args)]
pub struct ColumnsArgs {
    /// Fichier de candidatures : CSV (`,` `;` ou tabulation), classeur .xlsx ou .ods, ou `-` pour l'entrée standard.
    #[arg(value_name = "FICHIER")]
    pub file: PathBuf,

    /// Feuille du classeur .xlsx ou .ods à lire (par défaut celle affichée à l'ouverture, jamais une feuille masquée).
    #[arg(long, value_name = "FEUILLE")]
    pub sheet: Option<String>,

    /// Lit l'en-tête EN-TÊTE comme la colonne COLONNE (répétable), ex. --column montant_psy_demande="Demande psy (€)".
    #[arg(long = "column", value_name = "COLONNE=EN-TÊTE", value_parser = parse_mapping)]
    pub columns: Vec<Mapping>,

    /// Format de sortie.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ColumnsFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColumnsFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Fichiers de candidatures (CSV, séparateur `,` ou `;`, ou classeur .xlsx).
    #[arg(required = true, value_name = "FICHIER")]
    pub inputs: Vec<PathBuf>,

    /// Feuille du classeur .xlsx ou .ods à lire (par défaut celle affichée à l'ouverture, jamais une feuille masquée).
    #[arg(long, value_name = "FEUILLE")]
    pub sheet: Option<String>,

    /// Lit l'en-tête EN-TÊTE comme la colonne COLONNE (répétable), ex. --column montant_psy_demande="Demande psy (€)".
    #[arg(long = "column", value_name = "COLONNE=EN-TÊTE", value_parser = parse_mapping)]
    pub columns: Vec<Mapping>,

    /// Format des diagnostics : lignes sur la sortie d'erreur, ou JSON sur la sortie standard.
    #[arg(long, value_enum, default_value = "human")]
    pub format: CheckFormat,

    /// Les avertissements comptent comme des erreurs (code de sortie 1).
    #[arg(long)]
    pub strict: bool,

    /// Sur la sortie d'erreur, les seules erreurs et le résumé (le JSON garde tout).
    #[arg(long, short)]
    pub quiet: bool,

    #[command(flatten)]
    pub rules: RulesArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
}

/// A value refused by one of our parsers, said in both languages (`cli::errors` picks).
#[derive(Debug)]
pub struct Invalid {
    pub fr: String,
    pub en: String,
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.fr)
    }
}

impl std::error::Error for Invalid {}

/// `--as-of`: the date forms a cell accepts (15/10/2021, 2021-10-15, 15/10/21…), read by
/// the same function, so that a date copied from a file works as an option.
fn parse_date(text: &str) -> Result<NaiveDate, Invalid> {
    crate::candidature::value::date(text).map_err(|_| Invalid {
        fr: "date attendue JJ/MM/AAAA ou AAAA-MM-JJ (ex. 15/10/2021), de 1900 à 2100".into(),
        en: "expected a date DD/MM/YYYY or YYYY-MM-DD (e.g. 15/10/2021), from 1900 to 2100".into(),
    })
}

/// `--column KEY=HEADER`: KEY a column's name, HEADER as written in the file.
fn parse_mapping(text: &str) -> Result<Mapping, Invalid> {
    Mapping::parse(text).map_err(|(fr, en)| Invalid { fr, en })
}

/// `--year`: a year as a cell writes it (`annee_file_active`), 1900–2100.
fn parse_year(text: &str) -> Result<i32, Invalid> {
    crate::candidature::value::year(text).map_err(|_| Invalid {
        fr: "année attendue, de 1900 à 2100 (ex. 2022)".into(),
        en: "expected a year, from 1900 to 2100 (e.g. 2022)".into(),
    })
}

/// "0.1.0 (règles : 2021-08-01, …)": the package version and the rule versions embedded in
/// the binary, read from the embedded files so that a new version shows without an edit here.
pub fn version() -> &'static str {
    version_in(Lang::Fr)
}

/// [`version`] in `lang`.
pub fn version_in(lang: Lang) -> &'static str {
    static VERSION: OnceLock<[String; 2]> = OnceLock::new();
    let [fr, en] = VERSION.get_or_init(|| {
        let ids = crate::rules::embedded_ids().join(", ");
        let v = env!("CARGO_PKG_VERSION");
        [
            format!("{v} (règles : {ids})"),
            format!("{v} (rules: {ids})"),
        ]
    });
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// The command-line definition in French: what parsing, completions and the man page use.
pub fn command() -> clap::Command {
    command_in(Lang::Fr)
}

/// The command-line definition in `lang` (help texts, headings, examples, exit status).
pub fn command_in(lang: Lang) -> clap::Command {
    locale::localize(Cli::command(), lang)
}

/// The language asked for on the command line (`--lang en`, `--lang=en`), read before
/// parsing: the help and the usage errors must already be in it.
pub fn scan_lang(args: &[std::ffi::OsString]) -> Lang {
    let mut lang = Lang::Fr;
    let mut iter = args.iter().skip(1).map(|a| a.to_str().unwrap_or_default());
    while let Some(arg) = iter.next() {
        let value = match arg {
            "--" => break,
            "--lang" => iter.next().unwrap_or_default(),
            _ => match arg.strip_prefix("--lang=") {
                Some(v) => v,
                None => continue,
            },
        };
        lang = if value == "en" { Lang::En } else { Lang::Fr };
    }
    lang
}

/// Parses the process arguments. `--help` and `--version` print and exit 0; a usage error
/// is said in the language asked for, on stderr, and exits 2.
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = scan_lang(&args);
    let parsed = command_in(lang)
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind as K;
            if matches!(
                e.kind(),
                K::DisplayHelp | K::DisplayVersion | K::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                e.exit();
            }
            crate::output::eprint_quietly(&format!("secpa: {}\n", errors::render(&e, lang)));
            std::process::exit(2);
        }
    }
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
        command_in(Lang::Fr).debug_assert();
        command_in(Lang::En).debug_assert();
    }

    /// Every command, argument and described possible value has its English help, and no
    /// English entry is left over from a command or argument that is gone.
    #[test]
    fn english_help_is_complete() {
        fn walk(cmd: &clap::Command, path: &str, used: &mut Vec<(String, String)>) {
            used.push((path.to_owned(), String::new()));
            for a in cmd.get_arguments() {
                let id = a.get_id().to_string();
                if ["help", "version", "lang"].contains(&id.as_str()) && !path.is_empty() {
                    continue;
                }
                used.push((path.to_owned(), id.clone()));
                for v in a.get_possible_values() {
                    if v.get_help().is_some() {
                        used.push((path.to_owned(), format!("{id}={}", v.get_name())));
                    }
                }
            }
            for sub in cmd.get_subcommands() {
                let p = format!("{path} {}", sub.get_name());
                walk(sub, p.trim_start(), used);
            }
        }
        let mut used = Vec::new();
        walk(&Cli::command(), "", &mut used);
        used.push((String::new(), "help".into()));
        used.push((String::new(), "version".into()));
        for (path, id) in &used {
            assert!(
                text::ENGLISH.iter().any(|(p, i, _)| p == path && i == id),
                "no English help for {path:?} {id:?}"
            );
        }
        for (p, i, _) in text::ENGLISH {
            assert!(
                used.iter().any(|(path, id)| path == p && id == i),
                "English help for nothing: {p:?} {i:?}"
            );
        }
    }

    #[test]
    fn the_language_is_known_before_parsing() {
        let args = |s: &str| -> Vec<std::ffi::OsString> { s.split(' ').map(Into::into).collect() };
        assert_eq!(scan_lang(&args("secpa compute --help")), Lang::Fr);
        assert_eq!(scan_lang(&args("secpa --lang en compute")), Lang::En);
        assert_eq!(scan_lang(&args("secpa compute x --lang=en")), Lang::En);
        assert_eq!(scan_lang(&args("secpa compute -- --lang en")), Lang::Fr);
    }
}
