//! What the command line says beyond clap's definition, in both languages: the English
//! help (the French one is in the doc comments of `cli`), each command's examples and exit
//! status, shared by `--help` and the man pages so that they never disagree.

/// A text in French and in English.
pub type Both = (&'static str, &'static str);

/// English help of a command (`id` empty: its about, then its long about when it has one)
/// or of an argument (`id`: clap's id, `format=html` for a possible value), by command path
/// ("" for secpa itself, "rules lint"). Checked complete by a test.
pub const ENGLISH: &[(&str, &str, &str)] = &[
    ("", "", "Checks the candidature files of the SecPa experiment (participative health centres and houses, article 51) and computes their allocations."),
    ("", "lang", "Language of the messages and of the help."),
    ("", "help", "Prints help (--help: in full)."),
    ("", "version", "Prints the version and the embedded rule versions."),
    ("compute", "", "Computes the four allocations of every structure of a candidature file."),
    ("compute", "file", "Candidature file: CSV (`,` `;` or tab), .xlsx or .ods workbook, or `-` for standard input."),
    ("compute", "sheet", "Sheet of the .xlsx or .ods workbook to read (default: the one shown when the file opens, never a hidden one)."),
    ("compute", "files", "Rule file added to the embedded versions (repeatable); a version with the same id replaces the embedded one."),
    ("compute", "only_rules", "Uses only the --rules files, without the embedded versions."),
    ("compute", "columns", "Reads header HEADER as column KEY (repeatable), e.g. --column montant_psy_demande=\"Demande psy (€)\"."),
    ("compute", "as_of", "Uses the version in force on this date (DD/MM/YYYY or YYYY-MM-DD, as in the files); default: today."),
    ("compute", "year", "Amounts due for this calendar year, prorated by month (instead of the annual amounts)."),
    ("compute", "format", "Output format (default: table; csv with --excel)."),
    ("compute", "format=html", "A self-contained HTML page: charts (SVG), table, envelope, rule versions."),
    ("compute", "format=xlsx", "An Excel workbook (.xlsx): FINESS as text, amounts as numbers in euro format, total row, frozen header, provenance on a second sheet (with --output)."),
    ("compute", "output", "Writes the result to this file (atomically) instead of standard output (`-`)."),
    ("compute", "quiet", "On standard error, errors only (no warning, no note)."),
    ("compute", "excel", "CSV as French Excel reads it back: `;`, decimal comma, BOM, CRLF (implies --format csv)."),
    ("check", "", "Checks candidature files: format, identifiers, eligibility."),
    ("check", "inputs", "Candidature files (CSV with `,` or `;`, or an .xlsx or .ods workbook)."),
    ("check", "sheet", "Sheet of the .xlsx or .ods workbook to read (default: the one shown when the file opens, never a hidden one)."),
    ("check", "columns", "Reads header HEADER as column KEY (repeatable), e.g. --column montant_psy_demande=\"Demande psy (€)\"."),
    ("check", "format", "Format of the diagnostics: lines on standard error, or JSON on standard output."),
    ("check", "strict", "Warnings count as errors (exit code 1)."),
    ("check", "files", "Rule file added to the embedded versions (repeatable); a version with the same id replaces the embedded one."),
    ("check", "only_rules", "Uses only the --rules files, without the embedded versions."),
    ("check", "quiet", "On standard error, errors and the summary only (JSON keeps everything)."),
    ("check", "as_of", "Uses the version in force on this date (DD/MM/YYYY or YYYY-MM-DD, as in the files); default: today."),
    ("rules", "", "Lists, shows, writes or checks the rule versions."),
    ("rules list", "", "Lists the rule versions: id, validity, title, provisional values."),
    ("rules list", "files", "Rule file added to the embedded versions (repeatable); a version with the same id replaces the embedded one."),
    ("rules list", "only_rules", "Uses only the --rules files, without the embedded versions."),
    ("rules show", "", "Shows the TOML file of a version (default: the one in force)."),
    ("rules show", "id", "Id of the version (e.g. 2022-02-03)."),
    ("rules show", "files", "Rule file added to the embedded versions (repeatable); a version with the same id replaces the embedded one."),
    ("rules show", "only_rules", "Uses only the --rules files, without the embedded versions."),
    ("rules show", "as_of", "Shows the version in force on this date (DD/MM/YYYY or YYYY-MM-DD); default: today."),
    ("rules new", "", "Writes the file of the next version from the previous one: dates set, sources kept, every value provisional, a header of what to confirm."),
    ("rules new", "id", "Id of the new version: its first day of validity (YYYY-MM-DD)."),
    ("rules new", "from", "Version to start from (default: the latest)."),
    ("rules new", "output", "Writes the file here (atomically) instead of standard output."),
    ("rules new", "files", "Rule file added to the embedded versions (repeatable); a version with the same id replaces the embedded one."),
    ("rules new", "only_rules", "Uses only the --rules files, without the embedded versions."),
    ("rules lint", "", "Checks rule files (default: the embedded versions): scales, sources, provisional values, how the periods chain; codes R001…, exit code 1 on an error."),
    ("rules lint", "files", "Rule files; without a file, the embedded versions."),
    ("explain", "", "Explains each allocation of a structure: data read, band chosen, values and sources."),
    ("explain", "file", "Candidature file: CSV (`,` `;` or tab), .xlsx or .ods workbook, or `-` for standard input."),
    ("explain", "sheet", "Sheet of the .xlsx or .ods workbook to read (default: the one shown when the file opens, never a hidden one)."),
    ("explain", "columns", "Reads header HEADER as column KEY (repeatable), e.g. --column montant_psy_demande=\"Demande psy (€)\"."),
    ("explain", "row", "The structure on this row (as the spreadsheet shows it, header = 1)."),
    ("explain", "finess", "The structure with this FINESS number."),
    ("explain", "files", "Rule file added to the embedded versions (repeatable); a version with the same id replaces the embedded one."),
    ("explain", "only_rules", "Uses only the --rules files, without the embedded versions."),
    ("explain", "as_of", "Uses the version in force on this date (DD/MM/YYYY or YYYY-MM-DD, as in the files); default: today."),
    ("explain", "year", "Amounts due for this calendar year, prorated by month (as compute --year)."),
    ("explain", "format", "Output format."),
    ("diff", "", "Compares two rule versions: amounts that change and values that differ."),
    ("diff", "old", "Old version: id of an embedded version (e.g. 2022-02-03) or rule file."),
    ("diff", "new", "New version: id of an embedded version or rule file."),
    ("diff", "file", "Candidature file: CSV (`,` `;` or tab), .xlsx or .ods workbook, or `-` for standard input."),
    ("diff", "sheet", "Sheet of the .xlsx or .ods workbook to read (default: the one shown when the file opens, never a hidden one)."),
    ("diff", "columns", "Reads header HEADER as column KEY (repeatable), e.g. --column montant_psy_demande=\"Demande psy (€)\"."),
    ("diff", "year", "Amounts due for this year (each version applied to the whole year) instead of the annual amounts."),
    ("diff", "format", "Output format."),
    ("diff", "fail_on_change", "Exit code 1 when an amount changes (for CI)."),
    ("test", "", "Runs regression cases written in TOML (structure, rules, expected amounts)."),
    ("test", "paths", "Case files (.toml) or directories holding some."),
    ("budget", "", "Compares, year by year, the total due for the batch with the budget envelopes of the rules."),
    ("budget", "file", "Candidature file: CSV (`,` `;` or tab), .xlsx or .ods workbook, or `-` for standard input. date_entree is required."),
    ("budget", "sheet", "Sheet of the .xlsx or .ods workbook to read (default: the one shown when the file opens, never a hidden one)."),
    ("budget", "files", "Rule file added to the embedded versions (repeatable); a version with the same id replaces the embedded one."),
    ("budget", "only_rules", "Uses only the --rules files, without the embedded versions."),
    ("budget", "format", "Output format."),
    ("budget", "format=html", "A self-contained HTML page: one gauge (SVG) per year, notes, table, rule versions."),
    ("budget", "output", "Writes the result to this file (atomically) instead of standard output (`-`)."),
    ("template", "", "Writes an empty candidature workbook to fill in (.xlsx or .ods, from the extension): recognised headers, drop-down lists, notes, an example."),
    ("template", "output", "Workbook to write (atomically): .xlsx or .ods."),
    ("template", "files", "Rule file added to the embedded versions (repeatable); a version with the same id replaces the embedded one."),
    ("template", "only_rules", "Uses only the --rules files, without the embedded versions."),
    ("template", "as_of", "Uses the version in force on this date (DD/MM/YYYY or YYYY-MM-DD, as in the files); default: today."),
    ("code", "", "Explains a diagnostic code (e.g. E201): what it reports, what to do, an example; without a code, the list of codes."),
    ("code", "code", "The code, as the diagnostics write it (E201, W216…)."),
    ("budget", "columns", "Reads header HEADER as column KEY (repeatable), e.g. --column montant_psy_demande=\"Demande psy (€)\"."),
    ("columns", "", "Shows how each header of the file is read: letter, header, column, how."),
    ("columns", "file", "Candidature file: CSV (`,` `;` or tab), .xlsx or .ods workbook, or `-` for standard input."),
    ("columns", "sheet", "Sheet of the .xlsx or .ods workbook to read (default: the one shown when the file opens, never a hidden one)."),
    ("columns", "columns", "Reads header HEADER as column KEY (repeatable), e.g. --column montant_psy_demande=\"Demande psy (€)\"."),
    ("columns", "format", "Output format."),
    ("completions", "", "Writes the command completion script for a shell."),
    ("completions", "shell", "Target shell."),
    ("man", "", "Writes the manual page (roff) of a command to standard output."),
    ("man", "command", "Page of a subcommand (e.g. compute, rules lint) instead of the main page."),
];

/// English value names, by their French spelling.
pub const VALUE_NAMES: &[(&str, &str)] = &[
    ("FICHIER", "FILE"),
    ("FEUILLE", "SHEET"),
    ("AAAA", "YYYY"),
    ("CHEMIN", "PATH"),
    ("ANCIENNE", "OLD"),
    ("NOUVELLE", "NEW"),
    ("COMMANDE", "COMMAND"),
    ("COLONNE=EN-TÊTE", "KEY=HEADER"),
];

/// Examples of a command, by path: the command line and what it does.
pub fn examples(path: &str) -> &'static [(&'static str, Both)] {
    match path {
        "" => &[
            ("secpa check examples/candidatures.csv", ("contrôle un fichier de candidatures", "checks a candidature file")),
            ("secpa compute examples/candidatures.csv --year 2022", ("les dotations dues pour 2022", "the allocations due for 2022")),
            ("secpa compute examples/candidatures.csv --format html --output rapport.html", ("une page HTML à envoyer", "an HTML page to send")),
            ("secpa rules list", ("les versions des règles intégrées", "the embedded rule versions")),
            ("secpa completions bash > ~/.local/share/bash-completion/completions/secpa", ("la complétion des commandes sous bash", "command completion in bash")),
        ],
        "compute" => &[
            ("secpa compute examples/candidatures.csv --year 2022 --format csv", ("montants dus pour 2022, en CSV", "amounts due for 2022, as CSV")),
            ("secpa compute examples/candidatures.csv --format html --output rapport.html", ("une page HTML autonome", "a self-contained HTML page")),
            ("secpa compute examples/candidatures.csv --as-of 15/10/2021 --excel -o dotations.csv", ("montants annuels de la version en vigueur le 15/10/2021, en CSV pour Excel", "annual amounts of the version in force on 15/10/2021, as CSV for Excel")),
        ],
        "check" => &[
            ("secpa check examples/candidatures.csv --as-of 15/10/2021", ("contrôle un fichier", "checks a file")),
            ("secpa check ars-idf.xlsx ars-paca.csv --format json > diagnostics.json", ("plusieurs fichiers, un FINESS répété de l'un à l'autre compris (E009)", "several files, a FINESS repeated from one to the other included (E009)")),
        ],
        "rules" => &[
            ("secpa rules list", ("les versions intégrées", "the embedded versions")),
            ("secpa rules show 2022-02-03", ("le fichier d'une version", "the file of a version")),
            ("secpa rules lint rules/*.toml", ("vérifie des fichiers de règles", "checks rule files")),
        ],
        "rules list" => &[
            ("secpa rules list", ("les versions intégrées", "the embedded versions")),
            ("secpa rules list --rules ma-version.toml", ("une version écrite à part", "a version written apart")),
        ],
        "rules show" => &[
            ("secpa rules show 2022-02-03", ("le fichier de la version 2022-02-03", "the file of version 2022-02-03")),
            ("secpa rules show --as-of 01/03/2022", ("la version en vigueur le 1er mars 2022", "the version in force on 1 March 2022")),
        ],
        "rules new" => &[
            ("secpa rules new 2027-01-01 -o 2027-01-01.toml", ("la version suivante de la dernière, à compléter", "the version after the latest, to complete")),
            ("secpa compute candidatures.csv --rules 2027-01-01.toml --year 2027", ("les montants 2027 avec cette version ajoutée", "the 2027 amounts with this version added")),
        ],
        "rules lint" => &[
            ("secpa rules lint", ("les versions intégrées", "the embedded versions")),
            ("secpa rules lint rules/*.toml", ("tous les problèmes de ces fichiers, en une fois", "every problem of these files, at once")),
        ],
        "explain" => &[
            ("secpa explain examples/candidatures.csv --row 16 --as-of 01/03/2022", ("la structure de la ligne 16", "the structure on row 16")),
            ("secpa explain examples/candidatures.csv --finess 930000013 --year 2022", ("une structure par son FINESS, montants dus pour 2022", "a structure by its FINESS, amounts due for 2022")),
        ],
        "diff" => &[
            ("secpa diff 2022-02-03 2024-01-01 examples/candidatures.csv", ("ce qui change d'une version à l'autre", "what changes from one version to the other")),
            ("secpa diff 2024-01-01 nouvelle.toml examples/candidatures.csv --fail-on-change", ("code de sortie 1 si un montant change (CI)", "exit code 1 when an amount changes (CI)")),
        ],
        "test" => &[
            ("secpa test tests/cases", ("tous les cas d'un dossier", "every case of a directory")),
            ("secpa test tests/cases/reference.toml", ("les cas d'un fichier", "the cases of one file")),
        ],
        "budget" => &[
            ("secpa budget examples/candidatures.csv", ("le lot face aux enveloppes, année par année", "the batch against the envelopes, year by year")),
            ("secpa budget examples/candidatures.csv --format html --output budget.html", ("une page HTML avec une jauge par année", "an HTML page with one gauge per year")),
        ],
        "template" => &[
            ("secpa template --output candidatures.xlsx", ("un classeur Excel à remplir", "an Excel workbook to fill in")),
            ("secpa template -o candidatures.ods", ("le même pour LibreOffice", "the same for LibreOffice")),
        ],
        "code" => &[
            ("secpa code E201", ("ce que signale E201 et que faire", "what E201 reports and what to do")),
            ("secpa code", ("la liste des codes", "the list of codes")),
        ],
        "columns" => &[
            ("secpa columns candidatures.xlsx", ("comment chaque en-tête est lu", "how each header is read")),
            ("secpa columns candidatures.csv --column montant_psy_demande=\"Demande psy (€)\" --format json", ("un en-tête lu comme une colonne, en JSON", "a header read as a column, as JSON")),
        ],
        "completions" => &[
            ("secpa completions bash > ~/.local/share/bash-completion/completions/secpa", ("bash", "bash")),
            ("secpa completions zsh > ~/.zfunc/_secpa", ("zsh (~/.zfunc dans fpath)", "zsh (~/.zfunc in fpath)")),
        ],
        "man" => &[
            ("secpa man > secpa.1 && man ./secpa.1", ("la page principale", "the main page")),
            ("secpa man rules lint | man -l -", ("la page d'une sous-commande", "the page of a subcommand")),
        ],
        _ => &[],
    }
}

/// Exit statuses of a command, by path.
pub fn exit_status(path: &str) -> &'static [(u8, Both)] {
    const USAGE: Both = (
        "l'outil n'a pas pu travailler : arguments invalides",
        "the tool could not run: invalid arguments",
    );
    const RULES: Both = (
        "l'outil n'a pas pu travailler : arguments invalides, fichier de règles invalide, version inconnue",
        "the tool could not run: invalid arguments, invalid rule file, unknown version",
    );
    const DATA: [(u8, Both); 3] = [
        (0, ("tout est calculé (avertissements permis)", "everything is computed (warnings allowed)")),
        (1, ("des lignes ont des erreurs : signalées, non payées ; les autres sont calculées", "some rows have errors: reported, not paid; the others are computed")),
        (2, ("l'outil n'a pas pu travailler (arguments, fichier illisible, vide, colonne obligatoire absente, classeur illisible, fichier de règles invalide) : rien n'est écrit dans --output", "the tool could not run (arguments, unreadable or empty file, required column missing, unreadable workbook, invalid rule file): nothing is written to --output")),
    ];
    match path {
        "" | "compute" | "explain" | "budget" => &DATA,
        "check" => &[
            (0, ("aucune erreur (avertissements permis, sauf avec --strict)", "no error (warnings allowed, except with --strict)")),
            (1, ("des lignes ont des erreurs", "some rows have errors")),
            (2, ("un fichier est inutilisable (introuvable, illisible, vide, colonne obligatoire absente) : les autres sont contrôlés quand même ; ou arguments, fichier de règles invalides", "a file cannot be used (missing, unreadable, empty, required column missing): the others are checked all the same; or invalid arguments or rule file")),
        ],
        "columns" => &[
            (0, ("chaque en-tête est lu ou ignoré sans conséquence (W006)", "every header is read, or ignored without consequence (W006)")),
            (1, ("un en-tête est pris pour une colonne absente (E016) ou une colonne est en double (E007)", "a header is taken for an absent column (E016) or a column is given twice (E007)")),
            (2, ("fichier illisible, en-tête de --column absent du fichier (E050), ou arguments invalides", "unreadable file, --column header absent from the file (E050), or invalid arguments")),
        ],
        "diff" => &[
            (0, ("la comparaison est faite", "the comparison is done")),
            (1, ("avec --fail-on-change : un montant change", "with --fail-on-change: an amount changes")),
            (2, ("l'outil n'a pas pu travailler (arguments, version inconnue, fichier illisible)", "the tool could not run (arguments, unknown version, unreadable file)")),
        ],
        "rules lint" => &[
            (0, ("aucune erreur (avertissements et informations permis)", "no error (warnings and information allowed)")),
            (1, ("au moins une erreur (R001…)", "at least one error (R001…)")),
            (2, USAGE),
        ],
        "test" => &[
            (0, ("tous les cas passent", "every case passes")),
            (1, ("au moins un cas échoue", "at least one case fails")),
            (2, ("fichier de cas invalide, chemin sans cas, ou arguments invalides", "invalid case file, a path without cases, or invalid arguments")),
        ],
        "rules" | "rules list" | "rules show" | "rules new" => &[(0, ("succès", "success")), (2, RULES)],
        _ => &[(0, ("succès", "success")), (2, USAGE)],
    }
}
