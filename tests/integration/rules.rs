//! `secpa rules` and invalid rule files through the binary.

use insta::assert_snapshot;

use crate::{fixture, run};

#[test]
fn list_shows_every_embedded_version() {
    let out = run(&["rules", "list"]);
    // Issue 15, item 9: the count is of values declared, each named for people.
    // Issue 21: eligibility values and assumptions are counted and named too.
    assert!(out.contains("21 déclarées"), "{out}");
    assert!(
        out.contains("éligibilité, seuil du taux de pauvreté d'un quartier vécu"),
        "{out}"
    );
    assert!(out.contains("hypothèse, D3 selon la file active"), "{out}");
    assert!(out.contains("D1, palier 1 000–1 999 patients"), "{out}");
    assert!(!out.contains("dotations.participative"), "{out}");
    assert_snapshot!("rules_list", out);
    assert_snapshot!("rules_list_en", run(&["--lang", "en", "rules", "list"]));
}

#[test]
fn show_prints_the_file_and_its_hash() {
    let out = run(&["rules", "show", "2021-08-01"]);
    assert!(
        out.starts_with("exit: 0\n--- stdout\n# rules/2021-08-01.toml — sha256 "),
        "{out}"
    );
    assert!(out.contains("nor = \"SSAH2121501A\""));
    // Issue 21: its provisional values (eligibility included) and its assumptions, each with
    // the source it lacks, as TOML comments before the file.
    assert!(out.contains("\n# 14 valeur(s) provisoire(s) (non confirmées dans le texte officiel), hors hypothèses :\n"), "{out}");
    assert!(out.contains("\n#   - éligibilité, seuil du taux de pauvreté d'un quartier vécu : 14,6 % [eligibility.taux_pauvrete_quartier_vecu]\n"), "{out}");
    assert!(out.contains("\n#   - hypothèse, D3 selon la file active : proportionnelle : file active / 1 000 × le montant [hypotheses.d3_calcul, provisoire]\n#     source manquante : La formule de D3 (cahier des charges, annexe financière) : non trouvée.\n"), "{out}");
    let text = out.split("--- stdout\n").nth(1).unwrap_or_default();
    let text = text.split("--- stderr").next().unwrap_or_default();
    assert!(
        toml::from_str::<toml::Table>(text).is_ok(),
        "rules show stays a TOML file"
    );
    assert_snapshot!("show_unknown", run(&["rules", "show", "1999-01-01"]));
}

#[test]
fn invalid_rule_files_are_rejected_with_file_line_and_key() {
    for name in [
        "unknown-key",
        "float-amount",
        "missing-source",
        "unknown-source",
        "gap",
        "overlap",
        "closed-last-band",
    ] {
        let f = fixture(&format!("rules/{name}.toml"));
        let out = run(&["compute", &fixture("compute/reference.csv"), "--rules", &f]);
        assert!(out.starts_with("exit: 2"), "{name}: {out}");
        assert_snapshot!(format!("invalid_rules_{name}"), out);
    }
}

/// Issue 15, item 6: the same files rejected with `--lang en`: every problem in English,
/// the loader's refusals included.
#[test]
fn invalid_rule_files_in_english() {
    let mut all = String::new();
    for name in [
        "unknown-key",
        "float-amount",
        "missing-source",
        "unknown-source",
        "gap",
        "overlap",
        "closed-last-band",
    ] {
        let f = fixture(&format!("rules/{name}.toml"));
        let out = run(&[
            "--lang",
            "en",
            "compute",
            &fixture("compute/reference.csv"),
            "--rules",
            &f,
        ]);
        assert!(out.starts_with("exit: 2"), "{name}: {out}");
        crate::lint::assert_english(name, &out);
        all.push_str(&format!("=== {name}\n{out}"));
    }
    assert_snapshot!("invalid_rules_en", all);
}

/// Writes the next version with `rules new` into a temporary directory.
fn new_version(dir: &std::path::Path, id: &str, from: Option<&str>) -> String {
    let path = dir.join(format!("{id}.toml"));
    let path_text = path.display().to_string();
    let mut args = vec!["rules", "new", id, "-o", &path_text];
    if let Some(from) = from {
        args.extend(["--from", from]);
    }
    let out = run(&args);
    assert!(out.starts_with("exit: 0\n"), "{out}");
    path_text
}

/// Issue 21, item 7: the next version from the previous one passes `rules lint` with only
/// the provisional notice; every value is provisional and what to confirm is listed.
#[test]
fn rules_new_then_rules_lint_gives_only_the_provisional_notice() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_version(dir.path(), "2027-01-01", None);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# Règles SecPa — version 2027-01-01, écrite par `secpa rules new` le 2026-11-25 à partir de la version 2026-11-01.\n# À CONFIRMER"), "{text}");
    assert!(text.contains("\nvalid_from = \"2027-01-01\"\nvalid_until = \"2027-12-31\"\n"));
    assert!(!text.contains("provisional = false"));
    assert!(!text.contains("[[corrections]]"));
    let lint = run(&["rules", "lint", &path]);
    assert!(lint.starts_with("exit: 0\n"), "{lint}");
    assert!(
        lint.contains(": info R010 : 36 valeur(s) provisoire(s)"),
        "{lint}"
    );
    assert!(
        lint.contains("1 fichier(s) : 0 erreur(s), 0 avertissement(s), 1 information(s)"),
        "{lint}"
    );
    // It chains with the embedded versions: linted with them, no gap, no overlap.
    let mut all: Vec<String> = crate::rules_files();
    all.push(path.clone());
    let mut args = vec!["rules", "lint"];
    args.extend(all.iter().map(String::as_str));
    let lint = run(&args);
    assert!(lint.starts_with("exit: 0\n"), "{lint}");
    assert!(!lint.contains("R007") && !lint.contains("R008"), "{lint}");
    // A version starting before the end of the one it follows is refused (exit 2).
    let early = run(&["rules", "new", "2026-12-01"]);
    assert!(early.starts_with("exit: 2\n"), "{early}");
    assert!(
        early.contains("avant la fin de 2026-11-01 (le 2026-12-31)"),
        "{early}"
    );
}

/// Issue 21, item 6: `--rules` adds a version to the embedded ones: the 2021 candidatures are
/// still judged by 2021's rules and paid the same; the new period is computed by the new
/// version. `--only-rules` keeps the replacement, and E206 then says no version covers the
/// filing date.
#[test]
fn rules_adds_a_version_to_the_embedded_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_version(dir.path(), "2027-01-01", None);
    let csv = |extra: &[&str]| {
        let mut args = vec![
            "compute",
            "examples/candidatures.csv",
            "--as-of",
            "2022-06-01",
            "--format",
            "csv",
        ];
        args.extend(extra);
        run(&args)
    };
    let embedded = csv(&[]);
    let added = csv(&["--rules", &path]);
    let stdout = |out: &str| {
        out.split("--- stdout\n")
            .nth(1)
            .and_then(|s| s.split("--- stderr").next())
            .unwrap_or_default()
            .to_owned()
    };
    assert!(added.starts_with("exit: 0\n"), "{added}");
    assert_eq!(stdout(&embedded), stdout(&added));
    assert!(!added.contains("E206"), "{added}");
    // The new version pays 2027.
    let y2027 = run(&[
        "compute",
        "examples/candidatures.csv",
        "--year",
        "2027",
        "--format",
        "csv",
        "--rules",
        &path,
    ]);
    assert!(y2027.starts_with("exit: 0\n"), "{y2027}");
    assert!(y2027.contains(",12,"), "{y2027}");
    assert!(y2027.contains(",2027-01-01,"), "{y2027}");
    // The replacement of old: every 2021 candidature refused, and told why.
    let only = run(&[
        "check",
        "examples/candidatures.csv",
        "--rules",
        &path,
        "--only-rules",
        "--format",
        "json",
    ]);
    assert!(only.starts_with("exit: 1\n"), "{only}");
    assert!(
        only.contains("aucune version des règles chargées ne couvre la date de dépôt du 2021-"),
        "{only}"
    );
}

/// Issue 21, item 6: a given version with an embedded id replaces it, and this is said.
#[test]
fn rules_with_an_embedded_id_replaces_it_and_says_so() {
    let out = run(&[
        "compute",
        &fixture("compute/reference.csv"),
        "--rules",
        "rules/2021-08-01.toml",
        "--as-of",
        "2021-09-01",
        "--format",
        "csv",
    ]);
    assert!(out.starts_with("exit: 0\n"), "{out}");
    assert!(out.contains("secpa: attention : la version 2021-08-01 de rules/2021-08-01.toml remplace la version intégrée du même identifiant (texte identique)"), "{out}");
}

/// Issue 21, item 6: versions in force on the same day are refused by every command (exit 2),
/// whatever the order of the files, as `rules lint` refuses them (R007).
#[test]
fn overlapping_versions_are_refused_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    // Starts on 2026-12-01, while the embedded 2026-11-01 runs to 2026-12-31.
    let path = new_version(dir.path(), "2026-12-01", Some("2026-05-01"));
    let file = "examples/candidatures.csv";
    for args in [
        vec!["compute", file, "--rules", &path],
        vec!["check", file, "--rules", &path],
        vec!["budget", file, "--rules", &path],
        vec!["explain", file, "--row", "2", "--rules", &path],
        vec!["rules", "list", "--rules", &path],
    ] {
        let out = run(&args);
        assert!(out.starts_with("exit: 2\n"), "{args:?}: {out}");
        assert!(
            out.contains("les versions 2026-11-01 (rules/2026-11-01.toml, jusqu'au 2026-12-31) et 2026-12-01"),
            "{args:?}: {out}"
        );
        assert!(out.contains("(R007)"), "{args:?}: {out}");
    }
    // Two given files overlapping each other, in either order: refused too.
    let a = new_version(dir.path(), "2027-01-01", None);
    let b_dir = tempfile::tempdir().unwrap();
    let b = new_version(b_dir.path(), "2027-06-01", None);
    for (x, y) in [(&a, &b), (&b, &a)] {
        let out = run(&["compute", file, "--rules", x, "--rules", y, "--only-rules"]);
        assert!(out.starts_with("exit: 2\n"), "{out}");
        assert!(out.contains("(R007)"), "{out}");
    }
}

/// Issue 21, item 2: every provisional value of every version, eligibility values and
/// assumptions included, is named by `rules list`; and a computation judged and paid under a
/// version says each of them it used: a founder entering on the version's first day, in a
/// quartier vécu (the threshold judges it), paid the annual amounts of that version.
#[test]
fn every_provisional_value_is_listed_and_said_by_the_computation_that_used_it() {
    use secpa::rules::{Hypothesis as H, RuleKey, RuleSet};
    use secpa::Lang;
    let set = RuleSet::embedded().unwrap();
    let list = run(&["rules", "list"]);
    let dir = tempfile::tempdir().unwrap();
    for v in set.versions() {
        for k in v.provisional_keys() {
            let label = secpa::report::rule_labels::label(v, k, Lang::Fr);
            assert!(
                list.contains(&format!("    - {label}\n")),
                "{label}: {list}"
            );
        }
        let from = *v.rules.valid_from.get_ref();
        let file = dir.path().join(format!("{}.csv", v.rules.id));
        let header = "finess,siret,type_structure,code_commune,implantation,code_qpv,file_active_mg,annee_file_active,taux_pauvrete,tiers_payant,tarifs_opposables,ouvert_a_tous,mission_proximite,mission_accueil_vulnerables,mission_soutien_psychologique,mission_mediation_sante,mission_demarche_participative,mission_accompagnement_social,mission_interpretariat,mission_prevention,mission_formation_evaluation,accord_ars_psy,montant_psy_demande,date_entree,date_depot,structure_fondatrice,activite_majoritaire_medecine_generale,activite_paramedicale";
        let year = chrono::Datelike::year(&from) - 1;
        // A code of the version's own list (2015, then 2024), in the commune's department.
        let qpv = match v.rules.eligibility.qpv_list.value.to_string().as_str() {
            "2015" => "QP093040",
            _ => "QN09337M",
        };
        let row = format!("930000013,80000001000010,centre_de_sante,93066,quartier_vecu,{qpv},2500,{year},20,integral,oui,oui,oui,oui,oui,oui,oui,oui,oui,oui,oui,oui,30000,{from},,oui,oui,oui");
        std::fs::write(&file, format!("{header}\n{row}\n")).unwrap();
        let out = crate::secpa()
            .args(["compute", "--format", "json", "--as-of", &from.to_string()])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}: {out:?}", v.rules.id);
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let said: Vec<&str> = doc["structures"][0]["provisional"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        // What this row does not use: other bands, a year's proration, the cap assumed
        // without a request, a looked-up rate, the deadline (a founder), the founders' list
        // (not read by the computation).
        let unused = |k: &RuleKey| match k {
            RuleKey::Etp(i) => *i != 1,
            RuleKey::MontantParPatient(i) => *i != 1,
            RuleKey::Hypothesis(H::Prorata | H::D4SansMontant | H::SourcesTaux) => true,
            RuleKey::DateLimite | RuleKey::Fondatrices => true,
            // The top of the D1 scale only warns above it (W202): 2 500 patients are below.
            RuleKey::FileActiveMax => true,
            _ => false,
        };
        let expected: Vec<String> = {
            let mut keys: Vec<RuleKey> = v
                .provisional_keys()
                .into_iter()
                .filter(|k| !unused(k))
                .collect();
            keys.sort();
            keys.into_iter().map(RuleKey::path).collect()
        };
        assert_eq!(said, expected, "{}", v.rules.id);
        assert!(
            said.contains(&"eligibility.taux_pauvrete_quartier_vecu"),
            "{}: {said:?}",
            v.rules.id
        );
    }
}
