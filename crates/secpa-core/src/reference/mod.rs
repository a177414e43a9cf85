//! Reference data shipped inside the binary (`data/*.csv`, provenance in `data/README.md`):
//! the QPV lists of 2015 and 2024, poverty rates of 2015 QPV and of communes, departments,
//! and the identifier checks. Parsed once per process, on first use, so `secpa check` works
//! offline from any directory and pays the parsing once, not per row.

pub mod identifier;

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use rust_decimal::Decimal;

use crate::model::QpvList;

const QPV_2015: &str = include_str!("../../../../data/qpv2015.csv");
const QPV_2024: &str = include_str!("../../../../data/qpv2024.csv");
const PAUVRETE_QPV_2015: &str = include_str!("../../../../data/pauvrete_qpv2015.csv");
const PAUVRETE_COMMUNES: &str = include_str!("../../../../data/pauvrete_communes.csv");
const DEPARTEMENTS: &str = include_str!("../../../../data/departements.csv");
const COLLECTIVITES: &str = include_str!("../../../../data/collectivites_outremer.csv");

/// The departments missing from the shipped 2015 QPV list (Mayotte, Saint-Martin, Polynésie
/// française: no source listing their 2015 QPV was found, see `data/README.md`).
pub const QPV_2015_MISSING: [&str; 3] = ["976", "978", "987"];

/// Departments where the Filosofi commune list is complete enough to call a code unknown:
/// it has no commune of Guadeloupe, Guyane, Mayotte nor of the overseas collectivities.
const COMMUNES_INCOMPLETE: [&str; 3] = ["971", "973", "976"];

/// One priority neighbourhood.
#[derive(Debug, Clone)]
pub struct Qpv {
    pub name: String,
    pub department: String,
    /// INSEE codes of the communes it covers.
    pub communes: Vec<String>,
}

/// Where a looked-up poverty rate comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PovertySource {
    /// INSEE rate of the 2015 QPV, file REVN_2022 (newest release shipped).
    Qpv2015Recent,
    /// INSEE rate of the 2015 QPV, Filosofi revenus 2017 (when the newer one is secret).
    Qpv2015Revenus2017,
    /// INSEE Filosofi 2019 rate of the commune.
    Commune2019,
}

/// A poverty rate found in the reference data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poverty {
    pub rate: Decimal,
    pub source: PovertySource,
    /// The QPV or commune code it belongs to.
    pub code: String,
}

/// A 2015 QPV's poverty rates: (REVN_2022, revenus 2017), `None` where unpublished.
type QpvRates = (Option<Decimal>, Option<Decimal>);

/// All the reference data, each table parsed on its first use: `check` on one row pays for
/// the tables that row needs, not for all of them. Keys and commune rates borrow the
/// embedded text instead of copying it into owned strings.
#[derive(Debug, Default)]
pub struct Reference {
    qpv2015: OnceLock<HashMap<&'static str, Qpv>>,
    qpv2024: OnceLock<HashMap<&'static str, Qpv>>,
    /// (REVN_2022 rate, revenus 2017 rate) per 2015 QPV; `None` where INSEE does not publish.
    pauvrete_qpv2015: OnceLock<HashMap<&'static str, QpvRates>>,
    /// Department and overseas-collectivity codes.
    departments: OnceLock<HashSet<&'static str>>,
    /// Filosofi 2019 rate per commune (and municipal arrondissement), as written (empty
    /// where secret), by code: built once a batch has asked for many communes.
    communes: OnceLock<HashMap<&'static str, &'static str>>,
    commune_searches: std::sync::atomic::AtomicUsize,
}

/// The reference data, parsed table by table on first use.
pub fn get() -> &'static Reference {
    static REFERENCE: OnceLock<Reference> = OnceLock::new();
    REFERENCE.get_or_init(Reference::default)
}

/// The records of an embedded CSV file. The files are ours and tested (see the tests below):
/// a row that does not parse is skipped rather than taking the tool down.
fn records(text: &'static str) -> impl Iterator<Item = csv::StringRecord> {
    csv::Reader::from_reader(text.as_bytes())
        .into_records()
        .filter_map(Result::ok)
}

/// The rows of an embedded CSV file without quotes (a test checks they have none), header
/// skipped, each as its first fields borrowed from the text.
fn plain_rows<const N: usize>(text: &'static str) -> impl Iterator<Item = [&'static str; N]> {
    text.lines().skip(1).map(|line| {
        let mut fields = line.split(',');
        std::array::from_fn(|_| fields.next().unwrap_or_default())
    })
}

/// The line of an embedded file (header skipped, no quotes, LF line ends) whose first field
/// is `key`, by binary search over its bytes: the file is sorted by that field.
fn sorted_line(text: &'static str, key: &str) -> Option<&'static str> {
    let bytes = text.as_bytes();
    let (mut lo, mut hi) = (memchr::memchr(b'\n', bytes)? + 1, bytes.len());
    // Invariant: `lo` is a line start, and the line is in [lo, hi).
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = memchr::memrchr(b'\n', &bytes[lo..mid]).map_or(lo, |p| lo + p + 1);
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |p| start + p);
        let line = &text[start..end];
        let first = line.split(',').next().unwrap_or_default();
        match first.cmp(key) {
            std::cmp::Ordering::Equal => return Some(line),
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    None
}

fn rate(text: &str) -> Option<Decimal> {
    text.trim().parse().ok()
}

fn qpv_list(text: &'static str) -> HashMap<&'static str, Qpv> {
    // Codes are the first field, never quoted: borrowed from the line; the rest goes
    // through the csv crate (2024 names have quoted commas).
    let codes = text
        .lines()
        .skip(1)
        .map(|line| line.split(',').next().unwrap_or_default());
    codes
        .zip(records(text))
        .filter(|(code, r)| r.get(0) == Some(*code))
        .map(|(code, r)| {
            let qpv = Qpv {
                name: r.get(1).unwrap_or_default().to_owned(),
                department: r.get(2).unwrap_or_default().to_owned(),
                communes: r
                    .get(3)
                    .unwrap_or_default()
                    .split('|')
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned)
                    .collect(),
            };
            (code, qpv)
        })
        .collect()
}

impl Reference {
    fn qpv2015(&self) -> &HashMap<&'static str, Qpv> {
        self.qpv2015.get_or_init(|| qpv_list(QPV_2015))
    }

    fn qpv2024(&self) -> &HashMap<&'static str, Qpv> {
        self.qpv2024.get_or_init(|| qpv_list(QPV_2024))
    }

    fn pauvrete_qpv2015(&self) -> &HashMap<&'static str, QpvRates> {
        self.pauvrete_qpv2015.get_or_init(|| {
            plain_rows(PAUVRETE_QPV_2015)
                .map(|[code, _, recent, old]| (code, (rate(recent), rate(old))))
                .collect()
        })
    }

    /// The poverty rate cell of a commune, when the commune is listed: a binary search
    /// over the embedded text, sorted by code (a test checks it). Building a map of the
    /// 35 000 communes was two thirds of a one-row run.
    /// A batch asks for thousands of communes: past [`Reference::COMMUNE_SEARCHES`]
    /// lookups, the map is built once and used instead.
    fn commune(&self, code: &str) -> Option<&'static str> {
        use std::sync::atomic::Ordering;
        if let Some(map) = self.communes.get() {
            return map.get(code).copied();
        }
        if self.commune_searches.fetch_add(1, Ordering::Relaxed) >= Self::COMMUNE_SEARCHES {
            let map = self.communes.get_or_init(|| {
                plain_rows(PAUVRETE_COMMUNES)
                    .map(|[code, _, rate]| (code, rate))
                    .collect()
            });
            return map.get(code).copied();
        }
        let line = sorted_line(PAUVRETE_COMMUNES, code)?;
        line.split(',').nth(2)
    }

    /// Binary searches before the commune map is worth building (≈ 700 instructions a
    /// commune to build it, ≈ 1 500 a search).
    const COMMUNE_SEARCHES: usize = 10_000;

    fn departments(&self) -> &HashSet<&'static str> {
        self.departments.get_or_init(|| {
            plain_rows(DEPARTEMENTS)
                .chain(plain_rows(COLLECTIVITES))
                .map(|[code]| code)
                .collect()
        })
    }

    /// The QPV of a code in one list.
    pub fn qpv(&self, list: QpvList, code: &str) -> Option<&Qpv> {
        match list {
            QpvList::Qpv2015 => self.qpv2015().get(code),
            QpvList::Qpv2024 => self.qpv2024().get(code),
        }
    }

    /// Whether a department or overseas-collectivity code exists.
    pub fn department_exists(&self, code: &str) -> bool {
        self.departments().contains(code)
    }

    /// Whether an INSEE commune code exists. Where the shipped commune list is incomplete
    /// (Guadeloupe, Guyane, Mayotte, overseas collectivities) any code of a real department
    /// is accepted, or a commune the QPV lists name: an absent code there proves nothing.
    pub fn commune_exists(&self, code: &str) -> bool {
        if self.commune(code).is_some() {
            return true;
        }
        let Some(department) = identifier::commune_department(code) else {
            return false;
        };
        if !code.bytes().all(|b| b.is_ascii_alphanumeric()) || !self.department_exists(department) {
            return false;
        }
        let overseas_collectivity =
            department.starts_with("97") && department >= "975" || department.starts_with("98");
        COMMUNES_INCOMPLETE.contains(&department) || overseas_collectivity
    }

    /// The poverty rate of a structure's territory: its 2015 QPV's (INSEE), else its
    /// commune's (Filosofi 2019). `None` when neither is published.
    pub fn poverty(&self, code_qpv: Option<&str>, code_commune: Option<&str>) -> Option<Poverty> {
        use crate::rules::schema::SourceTaux;
        self.poverty_in(
            &[SourceTaux::Qpv2015, SourceTaux::Commune],
            code_qpv,
            code_commune,
        )
    }

    /// The poverty rate from the first of `order` that publishes one (the rule file's
    /// `hypotheses.sources_taux_pauvrete`).
    pub fn poverty_in(
        &self,
        order: &[crate::rules::schema::SourceTaux],
        code_qpv: Option<&str>,
        code_commune: Option<&str>,
    ) -> Option<Poverty> {
        use crate::rules::schema::SourceTaux;
        order.iter().find_map(|source| match source {
            SourceTaux::Qpv2015 => self.qpv_poverty(code_qpv?),
            SourceTaux::Commune => {
                let code = code_commune?;
                let rate = rate(self.commune(code)?)?;
                Some(Poverty {
                    rate,
                    source: PovertySource::Commune2019,
                    code: code.to_owned(),
                })
            }
        })
    }

    fn qpv_poverty(&self, code: &str) -> Option<Poverty> {
        let (recent, old) = self.pauvrete_qpv2015().get(code)?;
        let (rate, source) = match (recent, old) {
            (Some(r), _) => (*r, PovertySource::Qpv2015Recent),
            (None, Some(r)) => (*r, PovertySource::Qpv2015Revenus2017),
            (None, None) => return None,
        };
        Some(Poverty {
            rate,
            source,
            code: code.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_file_parses_whole() {
        let r = get();
        assert_eq!(r.qpv2015().len(), 1400);
        assert_eq!(r.qpv2024().len(), 1584);
        assert_eq!(r.pauvrete_qpv2015().len(), 1352);
        assert_eq!(plain_rows::<1>(PAUVRETE_COMMUNES).count(), 34930);
        assert_eq!(r.departments().len(), 101 + 8);
        // The files read by `plain_rows` must stay without quotes nor CR.
        for text in [
            PAUVRETE_QPV_2015,
            PAUVRETE_COMMUNES,
            DEPARTEMENTS,
            COLLECTIVITES,
        ] {
            assert!(!text.contains(['"', '\r']));
        }
        // Borrowed codes are the ones the csv crate reads.
        for (text, list) in [(QPV_2015, r.qpv2015()), (QPV_2024, r.qpv2024())] {
            for record in records(text) {
                assert!(list.contains_key(&record[0]));
            }
        }
        for record in records(PAUVRETE_COMMUNES) {
            assert_eq!(r.commune(&record[0]), Some(&record[2]));
        }
    }

    #[test]
    fn qpv_lookups_by_list() {
        let r = get();
        let q = r.qpv(QpvList::Qpv2015, "QP093040").expect("a 2015 QPV");
        assert_eq!(q.department, "93");
        assert!(r.qpv(QpvList::Qpv2024, "QP093040").is_none());
        assert_eq!(
            r.qpv(QpvList::Qpv2024, "QN09302M")
                .map(|q| q.department.as_str()),
            Some("93")
        );
    }

    #[test]
    fn every_commune_is_found_by_the_binary_search() {
        let codes: Vec<&str> = plain_rows::<1>(PAUVRETE_COMMUNES).map(|[c]| c).collect();
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "sorted, no repeat");
        assert!(!PAUVRETE_COMMUNES.contains('\r') && !PAUVRETE_COMMUNES.contains('"'));
        for code in &codes {
            let line = sorted_line(PAUVRETE_COMMUNES, code).expect(code);
            assert!(line.starts_with(&format!("{code},")));
        }
        for absent in [
            "",
            "0",
            "00000",
            "01001 ",
            "99999",
            "code_commune",
            "2A0041",
        ] {
            assert_eq!(sorted_line(PAUVRETE_COMMUNES, absent), None, "{absent}");
        }
    }

    #[test]
    fn communes() {
        let r = get();
        assert!(r.commune_exists("93066"));
        assert!(r.commune_exists("75056"), "Paris as a whole");
        assert!(!r.commune_exists("93999"));
        assert!(!r.commune_exists("00000"));
        assert!(
            r.commune_exists("97101"),
            "Guadeloupe: list incomplete, accepted"
        );
        assert!(r.commune_exists("98735"), "Polynésie: accepted");
        assert!(!r.commune_exists("9306"));
    }

    #[test]
    fn poverty_from_qpv_then_commune() {
        let r = get();
        let p = r.poverty(Some("QP001001"), Some("01053")).unwrap();
        assert_eq!(
            (p.rate, p.source),
            ("41.4".parse().unwrap(), PovertySource::Qpv2015Recent)
        );
        let p = r.poverty(Some("QP025002"), None).unwrap();
        assert_eq!(p.source, PovertySource::Qpv2015Revenus2017);
        let p = r.poverty(Some("QN00101M"), Some("01004")).unwrap();
        assert_eq!(
            (p.rate, p.source),
            (Decimal::from(18), PovertySource::Commune2019)
        );
        assert_eq!(r.poverty(Some("QP075005"), Some("01001")), None);
        assert_eq!(r.poverty(None, None), None);
        // The order is the rule file's: the commune first gives the commune's rate.
        use crate::rules::schema::SourceTaux;
        let order = [SourceTaux::Commune, SourceTaux::Qpv2015];
        let p = r
            .poverty_in(&order, Some("QP001001"), Some("01053"))
            .unwrap();
        assert_eq!(p.source, PovertySource::Commune2019);
        let p = r.poverty_in(&[SourceTaux::Qpv2015], Some("QP075005"), Some("75113"));
        assert_eq!(p, None);
    }
}
