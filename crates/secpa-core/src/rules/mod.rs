//! Rule versions: loading them (embedded in the binary or from a file), rejecting invalid
//! ones with their location, choosing the version in force on a date, and tracing every
//! value back to its source.

pub mod embedded;
pub mod fault;
pub mod lint;
pub mod new;
pub mod schema;
mod table;
pub mod validate;
pub mod values;

use std::fmt::Write as _;
use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::error::{Error, RuleProblem};
pub use fault::Validity;
pub use schema::{Dec, RoundingMode, RuleFile, Source, Step};
pub use table::{Assumed, Band, Group, Provenance, RuleKey, Value};

/// Ids of the versions embedded in the binary, oldest first (their file names, which a test
/// checks against the ids inside the files), without parsing them.
pub fn embedded_ids() -> Vec<&'static str> {
    embedded::FILES
        .iter()
        .map(|(name, _)| name.trim_end_matches(".toml"))
        .collect()
}

/// One loaded, validated rule version.
#[derive(Debug, Clone)]
pub struct Version {
    pub rules: RuleFile,
    /// Where it came from: `rules/<id>.toml` (embedded) or the path given.
    pub origin: String,
    /// The file's text, as loaded.
    pub text: String,
    /// Hex sha256 of `text`, computed the first time it is asked for: most runs print the
    /// hash of one version, or none, and hashing every file was a third of start-up.
    sha256: OnceLock<String>,
}

/// A version of a rule set, by its place in the set (oldest first): what a run records of
/// the versions its amounts and judgements used, and what [`RuleSet::version`] reads back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct VersionId(pub(crate) usize);

impl VersionId {
    /// The first version of a set (the only one of a set of one).
    pub const FIRST: VersionId = VersionId(0);
}

/// The rule versions available to a run, sorted by start of validity.
#[derive(Debug, Clone)]
pub struct RuleSet {
    versions: Vec<Version>,
}

/// An embedded version replaced by a file given with `--rules` (same id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    pub id: String,
    pub origin: String,
    /// The file is the embedded text itself.
    pub identical: bool,
}

/// Whether a version of this id was already replaced (then a second file with the id is a
/// duplicate, refused).
fn replaced_id(replaced: &[Replaced], v: &Version) -> bool {
    replaced.iter().any(|r| r.id == v.rules.id)
}

/// How a version was chosen, for the warning the user must see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// In force on the date asked for, or today's.
    InForce,
    /// Today is past every version: the latest one is used.
    LatestExpired,
    /// The only version given with `--rules`.
    OnlyGiven,
}

impl RuleSet {
    /// The versions shipped inside the binary.
    pub fn embedded() -> Result<RuleSet, Error> {
        let versions = embedded::FILES
            .iter()
            .map(|(name, text)| parse(&format!("rules/{name}"), text))
            .collect::<Result<Vec<_>, _>>()?;
        RuleSet::new(versions)
    }

    /// The versions read from the files given by the user.
    pub fn from_files(paths: &[impl AsRef<Path>]) -> Result<RuleSet, Error> {
        let versions = paths
            .iter()
            .map(|p| load(p.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        RuleSet::new(versions)
    }

    /// A set of already loaded versions (one version alone, for `diff`).
    pub fn from_versions(versions: Vec<Version>) -> Result<RuleSet, Error> {
        RuleSet::new(versions)
    }

    /// The embedded versions and those of `given`: a given version whose id is an embedded
    /// one's replaces it. Gives the set and the ids replaced (with the given file), which
    /// the run says.
    pub fn embedded_and(given: Vec<Version>) -> Result<(RuleSet, Vec<Replaced>), Error> {
        let mut versions: Vec<Version> = embedded::FILES
            .iter()
            .map(|(name, text)| parse(&format!("rules/{name}"), text))
            .collect::<Result<Vec<_>, _>>()?;
        let mut replaced = Vec::new();
        for v in given {
            match versions.iter().position(|e| e.rules.id == v.rules.id) {
                Some(i)
                    if versions[i].origin.starts_with("rules/") && !replaced_id(&replaced, &v) =>
                {
                    replaced.push(Replaced {
                        id: v.rules.id.clone(),
                        origin: v.origin.clone(),
                        identical: versions[i].text == v.text,
                    });
                    versions[i] = v;
                }
                _ => versions.push(v),
            }
        }
        Ok((RuleSet::new(versions)?, replaced))
    }

    /// Versions sorted by start; two with one id, or two in force on one day, are refused:
    /// which one judges or pays would depend on the order of the files (R007).
    fn new(mut versions: Vec<Version>) -> Result<RuleSet, Error> {
        versions.sort_by_key(|v| *v.rules.valid_from.get_ref());
        for (i, a) in versions.iter().enumerate() {
            if let Some(b) = versions[..i].iter().find(|b| b.rules.id == a.rules.id) {
                return Err(Error::DuplicateVersion {
                    id: b.rules.id.clone(),
                });
            }
        }
        // The version ending last so far: one starting on or before its end overlaps it.
        let mut latest: Option<&Version> = None;
        for v in &versions {
            if let Some(l) = latest {
                if v.rules.valid_from.get_ref() <= l.rules.valid_until.get_ref() {
                    return Err(Error::OverlappingVersions {
                        first: l.rules.id.clone(),
                        first_origin: l.origin.clone(),
                        until: *l.rules.valid_until.get_ref(),
                        second: v.rules.id.clone(),
                        second_origin: v.origin.clone(),
                        from: *v.rules.valid_from.get_ref(),
                    });
                }
            }
            if latest.is_none_or(|l| v.rules.valid_until.get_ref() > l.rules.valid_until.get_ref())
            {
                latest = Some(v);
            }
        }
        Ok(RuleSet { versions })
    }

    /// All versions, oldest first.
    pub fn versions(&self) -> &[Version] {
        &self.versions
    }

    /// The version whose id is `id`.
    pub fn get(&self, id: &str) -> Option<&Version> {
        self.versions.iter().find(|v| v.rules.id == id)
    }

    /// Where a version of this set is, by its id (unique in a set).
    pub fn index_of(&self, version: &Version) -> Option<VersionId> {
        self.versions
            .iter()
            .position(|v| v.rules.id == version.rules.id)
            .map(VersionId)
    }

    /// The version `id` of this set.
    pub fn version(&self, id: VersionId) -> &Version {
        &self.versions[id.0]
    }

    /// Every version of the set, oldest first.
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = VersionId> + ExactSizeIterator {
        (0..self.versions.len()).map(VersionId)
    }

    /// The version whose eligibility rules judge a candidature filed on `date`: the one in
    /// force that day; before the first version, the first (the call's own rules); after
    /// the last, the last. `None` only for an empty set.
    pub fn judging(&self, date: NaiveDate) -> Option<VersionId> {
        if let Some(i) = self.versions.iter().rposition(|v| v.covers(date)) {
            return Some(VersionId(i));
        }
        let first = self.versions.first()?;
        if date < *first.rules.valid_from.get_ref() {
            return Some(VersionId::FIRST);
        }
        self.versions
            .iter()
            .rposition(|v| *v.rules.valid_from.get_ref() <= date)
            .map(VersionId)
    }

    /// The version in force on `date`, if any.
    pub fn in_force(&self, date: NaiveDate) -> Option<&Version> {
        self.versions.iter().rev().find(|v| v.covers(date))
    }

    /// The version a run uses: the one in force on `as_of` (an error listing the versions
    /// when none is); without a date, the only file given, else the one in force today, else
    /// the latest one once today is past its end.
    pub fn choose(
        &self,
        as_of: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<(&Version, Choice), Error> {
        if let Some(date) = as_of {
            return self
                .in_force(date)
                .map(|v| (v, Choice::InForce))
                .ok_or_else(|| Error::NoVersionOnDate {
                    date,
                    versions: self.validities(),
                });
        }
        if let [only] = self.versions.as_slice() {
            return Ok((only, Choice::OnlyGiven));
        }
        if let Some(v) = self.in_force(today) {
            return Ok((v, Choice::InForce));
        }
        match self.versions.last() {
            Some(latest) if *latest.rules.valid_until.get_ref() < today => {
                Ok((latest, Choice::LatestExpired))
            }
            _ => Err(Error::NoVersionOnDate {
                date: today,
                versions: self.validities(),
            }),
        }
    }

    /// The versions' ids and validity, for a message that lists them.
    pub fn validities(&self) -> Vec<Validity> {
        self.versions
            .iter()
            .map(|v| Validity {
                id: v.rules.id.clone(),
                from: *v.rules.valid_from.get_ref(),
                until: *v.rules.valid_until.get_ref(),
            })
            .collect()
    }
}

impl Version {
    /// A validated version; its hash is computed when first asked for.
    pub fn new(rules: RuleFile, origin: &str, text: &str) -> Version {
        Version {
            rules,
            origin: origin.to_owned(),
            text: text.to_owned(),
            sha256: OnceLock::new(),
        }
    }

    /// Hex sha256 of the file's bytes.
    pub fn sha256(&self) -> &str {
        self.sha256.get_or_init(|| {
            Sha256::digest(self.text.as_bytes()).iter().fold(
                String::with_capacity(64),
                |mut s, b| {
                    let _ = write!(s, "{b:02x}");
                    s
                },
            )
        })
    }

    /// Whether the version is in force on `date`.
    pub fn covers(&self, date: NaiveDate) -> bool {
        *self.rules.valid_from.get_ref() <= date && date <= *self.rules.valid_until.get_ref()
    }

    /// The source whose id is `id` (validation guarantees every reference resolves).
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.rules
            .sources
            .iter()
            .map(|s| s.get_ref())
            .find(|s| s.id == id)
    }

    /// Every value of the version, in file order, with its provenance.
    pub fn values(&self) -> Vec<Provenance<'_>> {
        self.keys()
            .into_iter()
            .filter_map(|k| self.provenance(k))
            .collect()
    }

    /// The provisional values of the version, in file order (assumptions included).
    pub fn provisional_keys(&self) -> Vec<RuleKey> {
        self.keys()
            .into_iter()
            .filter(|&k| self.is_provisional(k))
            .collect()
    }

    /// The paths of the provisional values of the version.
    pub fn provisional(&self) -> Vec<String> {
        self.values()
            .into_iter()
            .filter(|p| p.provisional)
            .map(|p| p.path)
            .collect()
    }
}

/// A behaviour as the file names it (`plafond`, `proportionnel`).
pub fn variant_text<T: std::fmt::Debug>(v: &schema::Variant<T>) -> String {
    match v {
        schema::Variant::Known(t) => snake(&format!("{t:?}")),
        schema::Variant::Unsupported(s) => s.clone(),
    }
}

/// `ParMilleEntame` → `par_mille_entame`, `Qpv2015` → `qpv_2015`: serde's `snake_case`
/// for the variants' names, so that the text shown is the one the file writes.
fn snake(name: &str) -> String {
    let mut out = String::new();
    let mut previous: Option<char> = None;
    for c in name.chars() {
        let boundary = match previous {
            Some(p) => c.is_ascii_uppercase() || (c.is_ascii_digit() && !p.is_ascii_digit()),
            None => false,
        };
        if boundary {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
        previous = Some(c);
    }
    out
}

/// An assumption a version declares (`[hypotheses]`): what secpa does where no source says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Hypothesis {
    D4SansMontant,
    D2Calcul,
    D3Calcul,
    Prorata,
    Fondatrices,
    AnneeFileActive,
    SourcesTaux,
}

impl Hypothesis {
    /// In file order.
    pub const ALL: [Hypothesis; 7] = [
        Hypothesis::D4SansMontant,
        Hypothesis::D2Calcul,
        Hypothesis::D3Calcul,
        Hypothesis::Prorata,
        Hypothesis::Fondatrices,
        Hypothesis::AnneeFileActive,
        Hypothesis::SourcesTaux,
    ];
}

/// Reads and validates a rule file from disk.
pub fn load(path: &Path) -> Result<Version, Error> {
    let text = read(path)?;
    parse(&path.display().to_string(), &text)
}

/// The most a rule file may weigh: the shipped ones are under 20 KiB.
pub const MAX_RULE_FILE_BYTES: u64 = 1024 * 1024;

/// A rule file's text, read up to [`MAX_RULE_FILE_BYTES`]: past it (an input that never
/// ends, like `/dev/zero`), an error (R011) without reading further.
pub fn read(path: &Path) -> Result<String, Error> {
    use std::io::Read;
    let name = path.display().to_string();
    let error = |source| Error::Read {
        path: name.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(error)?;
    let mut bytes = Vec::new();
    file.take(MAX_RULE_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(error)?;
    if bytes.len() as u64 > MAX_RULE_FILE_BYTES {
        return Err(Error::RuleFileTooLarge {
            path: name,
            limit: MAX_RULE_FILE_BYTES,
        });
    }
    String::from_utf8(bytes)
        .map_err(|e| error(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}

/// Parses and validates a rule file's text; every problem is reported with its line.
pub fn parse(origin: &str, text: &str) -> Result<Version, Error> {
    let rules: RuleFile = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
        Error::InvalidRules {
            problems: vec![RuleProblem {
                origin: origin.to_owned(),
                line,
                column,
                key: key_at_line(text, line),
                fault: fault::Fault::Toml {
                    message: e.message().to_owned(),
                },
            }],
        }
    })?;
    let problems = validate::validate(&rules, text, origin);
    if !problems.is_empty() {
        return Err(Error::InvalidRules { problems });
    }
    Ok(Version::new(rules, origin, text))
}

/// The dotted key written at a line (`[table]` above + `key =` on it), for messages about
/// errors the TOML parser reports by position only.
pub fn key_at_line(text: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let here = lines.get(line.checked_sub(1)?)?.trim_start();
    let key = here
        .split_once('=')
        .map(|(k, _)| k.trim())
        .filter(|k| !k.is_empty() && !k.starts_with(['{', '[', '#']));
    let table = lines[..line - 1]
        .iter()
        .rev()
        .map(|l| l.trim())
        .find(|l| l.starts_with('['));
    let table = table.map(|t| t.trim_matches(['[', ']']).to_owned());
    match (table, key) {
        (Some(t), Some(k)) => Some(format!("{t}.{k}")),
        (None, Some(k)) => Some(k.to_owned()),
        (Some(t), None) => Some(t),
        (None, None) => None,
    }
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rfind('\n')
        .map_or(before.chars().count(), |i| before[i + 1..].chars().count())
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn embedded_versions_load_and_chain_without_gap() {
        let set = RuleSet::embedded().unwrap();
        let ids: Vec<_> = set.versions().iter().map(|v| v.rules.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "2021-08-01",
                "2022-02-03",
                "2024-01-01",
                "2025-05-01",
                "2026-05-01",
                "2026-11-01"
            ]
        );
        for pair in set.versions().windows(2) {
            assert_eq!(
                pair[0].rules.valid_until.get_ref().succ_opt(),
                Some(*pair[1].rules.valid_from.get_ref())
            );
        }
    }

    #[test]
    fn embedded_ids_are_the_ids_inside_the_files() {
        let set = RuleSet::embedded().unwrap();
        let ids: Vec<_> = set.versions().iter().map(|v| v.rules.id.as_str()).collect();
        assert_eq!(embedded_ids(), ids);
    }

    #[test]
    fn every_file_in_rules_dir_is_embedded() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
        let mut on_disk: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let embedded: Vec<_> = embedded::FILES.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(on_disk, embedded);
    }

    #[test]
    fn choose_picks_the_version_in_force() {
        let set = RuleSet::embedded().unwrap();
        let today = date("2022-05-01");
        assert_eq!(
            set.choose(Some(date("2022-02-02")), today)
                .unwrap()
                .0
                .rules
                .id,
            "2021-08-01"
        );
        assert_eq!(
            set.choose(Some(date("2022-02-03")), today)
                .unwrap()
                .0
                .rules
                .id,
            "2022-02-03"
        );
        assert_eq!(set.choose(None, today).unwrap().0.rules.id, "2022-02-03");
        let (v, choice) = set.choose(None, date("2026-11-25")).unwrap();
        assert_eq!(
            (v.rules.id.as_str(), choice),
            ("2026-11-01", Choice::InForce)
        );
        let (v, choice) = set.choose(None, date("2026-10-31")).unwrap();
        assert_eq!(
            (v.rules.id.as_str(), choice),
            ("2026-05-01", Choice::InForce)
        );
        let (latest, choice) = set.choose(None, date("2027-01-01")).unwrap();
        assert_eq!(
            (latest.rules.id.as_str(), choice),
            ("2026-11-01", Choice::LatestExpired)
        );
        assert!(matches!(
            set.choose(Some(date("2021-07-31")), today),
            Err(Error::NoVersionOnDate { .. })
        ));
    }

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("a\nbc\n", 3), (2, 2));
        assert_eq!(line_col("abc", 0), (1, 1));
    }
}
