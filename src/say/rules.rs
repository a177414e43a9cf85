//! The rule-file side in words: what is wrong in a rule file (`Fault`), what `rules lint`
//! finds (`Lint`, `Finding`) and what each of its codes means (`lint_doc`, the rows of
//! `docs/codes.md`), in French and in English. The matches are exhaustive: a new fault,
//! finding or code does not build until both its texts are written here.

use crate::report::rule_labels::label;
use crate::rules::fault::{Fault, LintCode};
use crate::rules::lint::Finding;
use crate::rules::lint::Lint;
use crate::rules::new::Next;
use crate::rules::schema::SCHEMA_VERSION;
use crate::Lang;

use super::reason::toml_reason;

/// What is wrong in a rule file, in plain words.
pub fn fault(fault: &Fault, lang: Lang) -> String {
    match fault {
        Fault::Toml { message } => toml_reason(message, lang),
        Fault::UnknownSchema { found } => say!(
            lang,
            format!("format {found} inconnu : cette version de secpa lit le format {SCHEMA_VERSION}"),
            format!("unknown format {found}: this version of secpa reads format {SCHEMA_VERSION}"),
        ),
        Fault::EmptyId => say!(lang, "identifiant vide", "empty id").to_owned(),
        Fault::ValidityInverted { from, until } => say!(
            lang,
            format!("fin de validité {until} avant le début {from}"),
            format!("end of validity {until} before its start {from}"),
        ),
        Fault::NoSource => say!(
            lang,
            "aucune source déclarée : chaque valeur doit citer sa source",
            "no source declared: every value must cite its source",
        )
        .to_owned(),
        Fault::EmptySourceText => {
            say!(lang, "texte de la source vide", "empty source text").to_owned()
        }
        Fault::DuplicateSource { id } => say!(
            lang,
            format!("source \"{id}\" déclarée deux fois"),
            format!("source \"{id}\" declared twice"),
        ),
        Fault::UnknownSource { id, known } => say!(
            lang,
            format!(
                "source \"{id}\" inconnue (sources déclarées : {})",
                known.join(", ")
            ),
            format!(
                "unknown source \"{id}\" (declared sources: {})",
                known.join(", ")
            ),
        ),
        Fault::PovertyRate { value } => say!(
            lang,
            format!("taux de pauvreté {value} : un pourcentage entre 0 et 100"),
            format!("poverty rate {value}: a percentage between 0 and 100"),
        ),
        Fault::FileActiveMaxBelowMin => say!(
            lang,
            "dotations.participative.file_active_max inférieur à eligibility.file_active_min",
            "dotations.participative.file_active_max below eligibility.file_active_min",
        )
        .to_owned(),
        Fault::Negative { value } => say!(
            lang,
            format!("valeur négative : {value}"),
            format!("negative value: {value}"),
        ),
        Fault::EmptyScale => say!(lang, "barème vide", "empty scale").to_owned(),
        Fault::ScaleStart { expected, found } => say!(
            lang,
            format!("le barème doit commencer à {expected}, il commence à {found}"),
            format!("the scale must start at {expected}, it starts at {found}"),
        ),
        Fault::EmptyBand { min, below } => say!(
            lang,
            format!("tranche vide ou inversée : min = {min}, below = {below}"),
            format!("empty or inverted band: min = {min}, below = {below}"),
        ),
        // [a ; b[ in French, [a, b) in English: each language's own half-open interval.
        Fault::Gap { from, to } => say!(
            lang,
            format!("trou dans le barème : rien ne couvre [{from} ; {to}["),
            format!("gap in the scale: nothing covers [{from}, {to})"),
        ),
        Fault::Overlap {
            min,
            previous_below,
        } => say!(
            lang,
            format!("chevauchement : la tranche commence à {min} avant la fin de la précédente ({previous_below})"),
            format!("overlap: the band starts at {min}, before the end of the previous one ({previous_below})"),
        ),
        Fault::LastBandClosed { below } => say!(
            lang,
            format!("la dernière tranche doit être ouverte (sans below) : rien ne couvre ≥ {below}"),
            format!("the last band must be open (no below): nothing covers ≥ {below}"),
        ),
        Fault::OpenBandNotLast => say!(
            lang,
            "seule la dernière tranche peut être ouverte (sans below)",
            "only the last band may be open (no below)",
        )
        .to_owned(),
        Fault::PeriodInverted { from, until } => say!(
            lang,
            format!("période inversée : {from} → {until}"),
            format!("inverted period: {from} → {until}"),
        ),
        Fault::Unsupported { found, supported } => say!(
            lang,
            format!("« {found} » n'est pas un comportement que cette version de secpa sait appliquer (possibles : {supported})"),
            format!("\"{found}\" is not a behaviour this version of secpa can apply (possible: {supported})"),
        ),
        Fault::EnvelopesOverlap { first, second } => say!(
            lang,
            format!("l'enveloppe {} → {} chevauche celle du {} → {} : une dépense serait comparée à deux enveloppes ; en faire une seule (elle peut couvrir plusieurs années)", second.0, second.1, first.0, first.1),
            format!("the envelope {} → {} overlaps the one of {} → {}: spending would be compared with two envelopes; make them one (it may span several years)", second.0, second.1, first.0, first.1),
        ),
        Fault::DecimalsAboveCents { decimals } => say!(
            lang,
            format!("{decimals} décimales : les montants sont des euros, écrits au centime (2 au plus)"),
            format!("{decimals} decimals: amounts are euros, written to the cent (2 at most)"),
        ),
    }
}

/// What was found, in plain words.
pub fn lint(lint: &Lint, lang: Lang) -> String {
    match lint {
        Lint::Unreadable { detail } => say!(
            lang,
            format!("TOML illisible : {detail}"),
            format!("unreadable TOML: {detail}"),
        ),
        Lint::Float { value: v } => say!(
            lang,
            format!("valeur {v} refusée par le chargeur : un décimal s'écrit entre guillemets (\"{v}\"), un nombre TOML non entre guillemets est un flottant binaire, inexact pour des euros ; lu comme \"{v}\" pour vérifier le reste du fichier"),
            format!("value {v} refused by the loader: a decimal is written in quotes (\"{v}\"), an unquoted TOML number is a binary float, inexact for euros; read as \"{v}\" to check the rest of the file"),
        ),
        Lint::Rejected { message } => say!(
            lang,
            format!("fichier rejeté par le chargeur : {}", toml_reason(message, lang)),
            format!("file rejected by the loader: {}", toml_reason(message, lang)),
        ),
        Lint::Rule(f) => fault(f, lang),
        Lint::MissingSource => say!(
            lang,
            "valeur sans source : ajoutez source = \"<id d'une [[sources]]>\"",
            "value without a source: add source = \"<id of a [[sources]]>\"",
        )
        .to_owned(),
        Lint::Decreasing { value, previous } => say!(
            lang,
            format!("barème décroissant : {value} après {previous} ; une tranche plus haute ne peut pas donner moins"),
            format!("decreasing scale: {value} after {previous}; a higher band cannot give less"),
        ),
        Lint::VersionsOverlap {
            id,
            from,
            previous,
            until,
        } => say!(
            lang,
            format!("la version {id} commence le {from}, avant la fin de {previous} ({until}) : deux versions en vigueur le même jour"),
            format!("version {id} starts on {from}, before the end of {previous} ({until}): two versions in force on the same day"),
        ),
        Lint::VersionsGap {
            previous,
            until,
            id,
            from,
        } => say!(
            lang,
            format!("trou entre les versions : {previous} finit le {until}, {id} commence le {from} ; aucune règle entre les deux"),
            format!("gap between versions: {previous} ends on {until}, {id} starts on {from}; no rules in between"),
        ),
        Lint::Ended { id, until, today } => say!(
            lang,
            format!("la version {id} a pris fin le {until} : aucune version n'est en vigueur aujourd'hui ({today})"),
            format!("version {id} ended on {until}: no version is in force today ({today})"),
        ),
        // Labels hold commas (« D1, palier … »): the list is separated by semicolons.
        // Each key in brackets, as at the end of a finding: the author edits by it.
        Lint::Provisional { keys, version } => {
            let list = keys
                .iter()
                .map(|&k| format!("{} [{}]", label(version, k, lang), k.path()))
                .collect::<Vec<_>>()
                .join(say!(lang, " ; ", "; "));
            say!(
                lang,
                format!("{} valeur(s) provisoire(s) : {list}", keys.len()),
                format!("{} provisional value(s): {list}", keys.len()),
            )
        }
        Lint::TooLarge { limit } => say!(
            lang,
            format!("fichier de plus de {limit} octets : un fichier de règles en fait quelques Kio ; il n'est pas lu"),
            format!("file over {limit} bytes: a rule file is a few KiB; it is not read"),
        ),
    }
}

/// The comment lines that open a version written by `secpa rules new`: what to confirm
/// before publishing it. In French whatever `--lang`: a rule file is written in French.
pub fn next_header(next: &Next) -> String {
    let Next {
        id,
        previous: old,
        today,
        confirmed,
        ..
    } = next;
    let mut out = String::new();
    out.push_str(&format!(
        "# Règles SecPa — version {id}, écrite par `secpa rules new` le {today} à partir de la version {old}.\n"
    ));
    out.push_str("# À CONFIRMER avant de publier (puis retirer ces lignes) :\n");
    out.push_str(
        "#   - le titre, la fin de validité (valid_until) et le texte qui fonde la version ;\n",
    );
    out.push_str("#   - les sources ([[sources]]) de la période : celles de la version précédente sont reprises ;\n");
    out.push_str("#   - les enveloppes ([[budget]]) : celles de la version précédente sont reprises telles quelles ;\n");
    if !confirmed.is_empty() {
        out.push_str(&format!(
            "#   - ces valeurs, confirmées pour {old} et provisoires ici tant que le texte de la période n'est pas lu :\n"
        ));
        for path in confirmed {
            out.push_str(&format!("#       {path}\n"));
        }
    }
    out.push_str("#   - les valeurs déjà provisoires et les hypothèses ([hypotheses]), dont la source manque toujours.\n");
    out.push_str("# Vérifier ensuite : secpa rules lint FICHIER\n");
    out
}

/// The title of a version written by `secpa rules new`, for its author to replace.
pub fn next_title(next: &Next) -> String {
    format!(
        "À compléter : version {} (reprise de {})",
        next.id, next.previous
    )
}

/// What a finding says, in plain words. Free functions rather than methods, here as for
/// [`lint_doc`]: the types are the core's, and once it is a crate of its own the renderer
/// cannot add methods to them.
pub fn finding(f: &Finding, lang: Lang) -> String {
    lint(&f.what, lang)
}

/// What a lint code reports and what to do, as the rows of `docs/codes.md` say them
/// (French) and `--lang en` would.
pub fn lint_doc(code: LintCode, lang: Lang) -> (&'static str, &'static str) {
    use LintCode::*;
    match code {
        R001 => say!(
            lang,
            (
                "TOML illisible, ou fichier rejeté par le chargeur (clé inconnue, décimal en flottant, champ manquant…) ; un décimal écrit en nombre est lu comme écrit entre guillemets pour que les autres vérifications aient lieu",
                "corriger la clé ou la valeur à la ligne indiquée",
            ),
            (
                "unreadable TOML, or a file the loader rejects (unknown key, decimal written as a float, missing field…); a decimal written as a number is read as if quoted so that the other checks take place",
                "correct the key or the value at the line given",
            ),
        ),
        R002 => say!(
            lang,
            (
                "trou dans un barème : des valeurs ne sont couvertes par aucune tranche",
                "faire commencer chaque tranche au `below` de la précédente",
            ),
            (
                "gap in a scale: some values are covered by no band",
                "start each band at the `below` of the previous one",
            ),
        ),
        R003 => say!(
            lang,
            (
                "chevauchement dans un barème : deux tranches couvrent les mêmes valeurs",
                "idem",
            ),
            (
                "overlap in a scale: two bands cover the same values",
                "likewise",
            ),
        ),
        R004 => say!(
            lang,
            (
                "autre incohérence d'un fichier (barème vide, inversé, dernière tranche fermée, dates inversées, valeur négative…)",
                "voir le message",
            ),
            (
                "another inconsistency of a file (empty or inverted scale, closed last band, inverted dates, negative value…)",
                "see the message",
            ),
        ),
        R005 => say!(
            lang,
            (
                "valeur sans source, ou source qui ne correspond à aucune `[[sources]]`",
                "ajouter `source = \"<id>\"` et la source",
            ),
            (
                "value without a source, or a source that matches no `[[sources]]`",
                "add `source = \"<id>\"` and the source",
            ),
        ),
        R006 => say!(
            lang,
            (
                "barème décroissant : D1 (ETP) ou D2 (€ par patient) donne moins à une tranche plus haute",
                "vérifier l'ordre des valeurs",
            ),
            (
                "decreasing scale: D1 (FTE) or D2 (€ per patient) gives less to a higher band",
                "check the order of the values",
            ),
        ),
        R007 => say!(
            lang,
            (
                "deux versions dont les périodes de validité se chevauchent",
                "fermer la précédente la veille du début de la suivante",
            ),
            (
                "two versions whose periods of validity overlap",
                "end the earlier one the day before the next one starts",
            ),
        ),
        R008 => say!(
            lang,
            (
                "trou entre deux versions successives : aucune règle entre les deux",
                "idem",
            ),
            (
                "gap between two successive versions: no rules in between",
                "likewise",
            ),
        ),
        R009 => say!(
            lang,
            (
                "la dernière version a pris fin (par rapport à aujourd'hui ou `SECPA_TODAY`) : aucune version en vigueur",
                "ajouter la version suivante quand le texte paraît",
            ),
            (
                "the last version has ended (as of today or `SECPA_TODAY`): no version in force",
                "add the next version when its text is published",
            ),
        ),
        R010 => say!(
            lang,
            (
                "nombre et liste des valeurs provisoires d'une version, chacune nommée (« D1, palier 1 000–1 999 patients ») avec sa clé entre crochets (`[dotations.participative.etp[0]]`)",
                "remplacer par les valeurs officielles quand elles sont connues",
            ),
            (
                "number and list of the provisional values of a version, each named (\"D1, step 1 000–1 999 patients\") with its key in brackets (`[dotations.participative.etp[0]]`)",
                "replace them with the official values when they are known",
            ),
        ),
        R011 => say!(
            lang,
            (
                "fichier de plus de 1 Mio (un fichier de règles en fait quelques Kio) : il n'est pas lu, ni par `rules lint` ni par `--rules` (code de sortie 2)",
                "vérifier le chemin : `/dev/zero` ou un tube sans fin sont coupés là",
            ),
            (
                "file over 1 MiB (a rule file is a few KiB): it is read neither by `rules lint` nor by `--rules` (exit code 2)",
                "check the path: `/dev/zero` or a pipe that never ends are cut there",
            ),
        ),
        R012 => say!(
            lang,
            (
                "une hypothèse (`[hypotheses]`) nomme un comportement que secpa ne sait pas appliquer (`d3_calcul = \"par_trimestre\"`), une année de file active hors de −5…0, ou un ordre de sources de taux vide ou répété ; le message dit les valeurs possibles",
                "choisir une des valeurs possibles",
            ),
            (
                "an assumption (`[hypotheses]`) names a behaviour secpa cannot apply (`d3_calcul = \"par_trimestre\"`), a file active year outside −5…0, or an empty or repeated order of rate sources; the message gives the possible values",
                "choose one of the possible values",
            ),
        ),
        R013 => say!(
            lang,
            (
                "deux enveloppes `[[budget]]` d'un fichier couvrent un même jour : une dépense serait comparée à deux enveloppes",
                "n'en faire qu'une (une enveloppe peut couvrir plusieurs années)",
            ),
            (
                "two `[[budget]]` envelopes of a file cover the same day: spending would be compared with two envelopes",
                "make them one (an envelope may span several years)",
            ),
        ),
        R014 => say!(
            lang,
            (
                "`rounding.decimals` au-dessus de 2 : les montants sont des euros, écrits au centime par tous les rendus",
                "2 décimales au plus",
            ),
            (
                "`rounding.decimals` above 2: amounts are euros, written to the cent by every renderer",
                "2 decimals at most",
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    use super::*;

    /// One of each, so that a message added in French only shows here: the English of every
    /// fault and finding has none of the French signs, and differs from the French.
    #[test]
    fn every_message_in_both_languages() {
        let version = crate::rules::RuleSet::embedded()
            .expect("embedded rules")
            .versions()[0]
            .clone();
        let day = |s: &str| s.parse::<NaiveDate>().expect("date");
        let s = |t: &str| t.to_owned();
        let faults = vec![
            Fault::Toml {
                message: s("missing field `source`"),
            },
            Fault::UnknownSchema { found: 2 },
            Fault::EmptyId,
            Fault::ValidityInverted {
                from: day("2022-01-01"),
                until: day("2021-01-01"),
            },
            Fault::NoSource,
            Fault::EmptySourceText,
            Fault::DuplicateSource { id: s("a") },
            Fault::UnknownSource {
                id: s("b"),
                known: vec![s("a")],
            },
            Fault::PovertyRate {
                value: Decimal::from(148),
            },
            Fault::FileActiveMaxBelowMin,
            Fault::Negative {
                value: Decimal::from(-1),
            },
            Fault::EmptyScale,
            Fault::ScaleStart {
                expected: s("1000"),
                found: s("900"),
            },
            Fault::EmptyBand {
                min: s("3"),
                below: s("2"),
            },
            Fault::Gap {
                from: s("3000"),
                to: s("3100"),
            },
            Fault::Overlap {
                min: s("12"),
                previous_below: s("15"),
            },
            Fault::LastBandClosed { below: s("100") },
            Fault::OpenBandNotLast,
            Fault::PeriodInverted {
                from: day("2022-01-01"),
                until: day("2021-01-01"),
            },
            Fault::Unsupported {
                found: s("par_trimestre"),
                supported: s("mois_entiers_du_1er"),
            },
            Fault::EnvelopesOverlap {
                first: (day("2022-01-01"), day("2022-12-31")),
                second: (day("2022-06-01"), day("2023-12-31")),
            },
            Fault::DecimalsAboveCents { decimals: 3 },
        ];
        let mut lints: Vec<Lint> = faults.into_iter().map(Lint::Rule).collect();
        lints.extend([
            Lint::Unreadable { detail: s("x") },
            Lint::Float { value: s("1.5") },
            Lint::Rejected {
                message: s("unknown field `x`, expected `a`"),
            },
            Lint::MissingSource,
            Lint::Decreasing {
                value: Decimal::from(2),
                previous: Decimal::from(3),
            },
            Lint::VersionsOverlap {
                id: s("b"),
                from: day("2022-01-01"),
                previous: s("a"),
                until: day("2022-02-01"),
            },
            Lint::VersionsGap {
                previous: s("a"),
                until: day("2022-01-01"),
                id: s("b"),
                from: day("2022-03-01"),
            },
            Lint::Ended {
                id: s("a"),
                until: day("2022-01-01"),
                today: day("2026-11-25"),
            },
            Lint::Provisional {
                keys: vec![crate::rules::RuleKey::Etp(0)],
                version: std::sync::Arc::new(version),
            },
            Lint::TooLarge { limit: 1 },
        ]);
        for lint in &lints {
            let (fr, en) = (super::lint(lint, Lang::Fr), super::lint(lint, Lang::En));
            assert_ne!(fr, en, "{lint:?}");
            for marker in ["«", "»", " : ", " ; ", "é", "è", "valeur", "tranche"] {
                assert!(!en.contains(marker), "{lint:?}: {en}");
            }
        }
    }

    /// Each lint code's row in both languages, the English without French signs.
    #[test]
    fn every_lint_code_documented_in_both_languages() {
        for &code in LintCode::ALL {
            let (fr, en) = (lint_doc(code, Lang::Fr), lint_doc(code, Lang::En));
            assert_ne!(fr.0, en.0, "{code}");
            assert!(!fr.0.is_empty() && !fr.1.is_empty(), "{code}");
            for marker in ["«", " : ", " ; ", "é", "è"] {
                assert!(
                    !en.0.contains(marker) && !en.1.contains(marker),
                    "{code}: {en:?}"
                );
            }
        }
    }

    #[test]
    fn a_new_version_is_titled_and_headed_for_its_author() {
        let next = Next {
            id: "2027-01-01".into(),
            from: "2027-01-01".parse().expect("date"),
            until: "2027-12-31".parse().expect("date"),
            previous: "2026-11-01".into(),
            today: "2026-11-25".parse().expect("date"),
            confirmed: vec!["eligibility.fondatrices".into()],
        };
        assert_eq!(
            next_title(&next),
            "À compléter : version 2027-01-01 (reprise de 2026-11-01)"
        );
        let header = next_header(&next);
        assert!(header.lines().all(|l| l.starts_with('#')), "{header}");
        assert!(
            header.contains("\n#       eligibility.fondatrices\n"),
            "{header}"
        );
        let none = Next {
            confirmed: Vec::new(),
            ..next
        };
        assert!(!next_header(&none).contains("ces valeurs, confirmées"));
    }
}
