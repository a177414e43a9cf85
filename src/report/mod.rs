//! What `compute` shows: one pure renderer per format, each returning bytes; the caller
//! chooses stdout or a file. Nothing here computes an amount.

pub mod budget;
pub mod check_json;
pub mod csv;
#[cfg(feature = "cli")]
pub mod diff;
pub mod explain;
pub mod html;
pub mod json;
pub mod rule_labels;
#[cfg(feature = "cli")]
pub mod table;
pub mod xlsx;

use rust_decimal::Decimal;

use crate::diagnostic::Diagnostic;
use crate::model::Dotation;
pub use crate::pipeline::{StructureResult, StructureView};
use crate::rules::{RuleKey, RuleSet, Version, VersionId};
use crate::Lang;

/// Everything `compute` reports.
#[derive(Debug)]
pub struct ComputeReport<'a> {
    pub lang: Lang,
    pub set: &'a RuleSet,
    /// Indexes of every version used, oldest first.
    pub used: Vec<VersionId>,
    /// Indexes of the versions whose eligibility rules judged the structures computed
    /// (their provisional values are said with the amounts), oldest first.
    pub judged: Vec<VersionId>,
    pub year: Option<i32>,
    pub structures: Vec<StructureResult>,
    pub total: Decimal,
    /// Rows not computed and file-level problems.
    pub errors: Vec<Diagnostic>,
    /// Candidature columns absent from the file: eligibility not (fully) checked.
    pub unchecked: Vec<crate::candidature::Column>,
    /// Diagnostics not kept in `errors` (the HTML page lists the first ones only).
    pub more_errors: u64,
    /// Every diagnostic of the run counted, with the rows refused and the total rows
    /// skipped (`pipeline::FileSummary::counts`), whether or not `errors` keeps them.
    pub counts: crate::diagnostic::Counts,
    /// The whole batch's figures when `structures` holds only some of its structures, or
    /// none (streamed outputs, a long HTML page); `None`: `structures` is the batch.
    pub whole: Option<Whole>,
}

/// What a report knows of the whole batch without keeping its structures.
#[derive(Debug, Clone)]
pub struct Whole {
    /// Structures computed.
    pub computed: u64,
    /// The sum of each dotation, in `Dotation::ALL` order.
    pub sums: Vec<Decimal>,
    /// The provisional values used by any structure, sorted and unique.
    pub provisional: Vec<RuleKey>,
}

impl ComputeReport<'_> {
    /// The number of structures computed.
    pub fn computed(&self) -> u64 {
        match &self.whole {
            Some(w) => w.computed,
            None => self.structures.len() as u64,
        }
    }

    /// Whether `structures` holds every structure computed.
    pub fn lists_all(&self) -> bool {
        self.computed() == self.structures.len() as u64
    }

    pub fn versions(&self) -> impl Iterator<Item = &Version> {
        self.used.iter().map(|&i| self.set.version(i))
    }

    /// The versions whose provisional values the results may rest on: those of the amounts
    /// and those that judged eligibility, oldest first, once each.
    pub fn provisional_versions(&self) -> impl Iterator<Item = &Version> {
        let mut all: Vec<VersionId> = self.used.iter().chain(&self.judged).copied().collect();
        all.sort_unstable();
        all.dedup();
        all.into_iter().map(|i| self.set.version(i))
    }

    /// The provisional values used by any structure, as key paths, sorted and unique.
    pub fn provisional_used(&self) -> Vec<String> {
        self.provisional_keys()
            .into_iter()
            .map(RuleKey::path)
            .collect()
    }

    /// The batch's sum of each dotation, in `Dotation::ALL` order (the table's and the
    /// page's total row). Bounded by the batch total, whose sum is checked.
    pub fn dotation_sums(&self) -> Vec<Decimal> {
        if let Some(w) = &self.whole {
            return w.sums.clone();
        }
        Dotation::ALL
            .iter()
            .map(|d| {
                self.structures
                    .iter()
                    .map(|s| *s.amounts.dotations.get(*d))
                    .sum()
            })
            .collect()
    }

    /// The provisional values used by any structure, sorted and unique.
    pub fn provisional_keys(&self) -> Vec<RuleKey> {
        if let Some(w) = &self.whole {
            return w.provisional.clone();
        }
        let mut keys: Vec<RuleKey> = self
            .structures
            .iter()
            .flat_map(|s| s.provisional.iter().copied())
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }
}

/// A provisional value a computation used, for people.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ProvisionalItem {
    pub version: String,
    /// « D1, palier 1 000–1 999 patients ».
    pub label: String,
    /// « 2 ETP ».
    pub value: String,
    /// The key path in the rule file, for whoever opens it.
    pub path: String,
}

/// The values of `used` that `versions` declare provisional, one item per version and
/// value, and how many distinct values those versions declare provisional: a computation
/// uses only the steps and bands its structures fall in, so the two counts differ.
pub fn provisional_items<'a>(
    versions: impl Iterator<Item = &'a Version>,
    used: &[RuleKey],
    lang: Lang,
) -> (Vec<ProvisionalItem>, usize) {
    let mut items = Vec::new();
    let mut declared: Vec<RuleKey> = Vec::new();
    for v in versions {
        let keys = v.provisional_keys();
        for &k in &keys {
            if used.contains(&k) {
                items.push(ProvisionalItem {
                    version: v.rules.id.clone(),
                    label: rule_labels::label(v, k, lang),
                    value: rule_labels::value(v, k, lang),
                    path: k.path(),
                });
            }
        }
        declared.extend(keys);
    }
    declared.sort();
    declared.dedup();
    (items, declared.len())
}

/// « 9 valeurs provisoires utilisées par le calcul, sur 11 déclarées par les règles
/// utilisées » and the labels, once each: the compute table's footer and the HTML notice.
pub fn provisional_sentence(
    items: &[ProvisionalItem],
    used: usize,
    declared: usize,
    lang: Lang,
) -> String {
    let mut labels: Vec<&str> = Vec::new();
    for i in items {
        if !labels.contains(&i.label.as_str()) {
            labels.push(&i.label);
        }
    }
    let labels = labels.join(match lang {
        Lang::Fr => " ; ",
        Lang::En => "; ",
    });
    match lang {
        Lang::Fr => format!("{used} valeur(s) provisoire(s) utilisée(s) par le calcul, sur {declared} déclarée(s) par les règles utilisées (non confirmées dans le texte officiel) : {labels}"),
        Lang::En => format!("{used} provisional value(s) used by the computation, out of {declared} declared by the rules used (not confirmed in the official text): {labels}"),
    }
}

impl<'a> ComputeReport<'a> {
    /// The report of a run from its tally: what every format of the command line and of
    /// the web page renders. The kept diagnostics move into it.
    pub fn of(
        tally: &mut crate::pipeline::Tally,
        lang: Lang,
        set: &'a RuleSet,
        year: Option<i32>,
        structures: Vec<StructureResult>,
        summary: &crate::pipeline::FileSummary,
    ) -> Result<ComputeReport<'a>, crate::Error> {
        Ok(ComputeReport {
            lang,
            set,
            used: tally.used.iter().copied().collect(),
            judged: tally.judged.iter().copied().collect(),
            year,
            structures,
            total: tally.total()?,
            errors: std::mem::take(&mut tally.diagnostics),
            unchecked: summary.unchecked.clone(),
            more_errors: tally.more_diagnostics,
            counts: summary.counts.clone(),
            whole: Some(Whole {
                computed: tally.computed,
                sums: tally.dotation_sums(),
                provisional: tally.provisional.iter().copied().collect(),
            }),
        })
    }
}

/// Ids of versions, joined: "2021-08-01+2022-02-03".
pub fn version_ids(versions: &[VersionId], set: &RuleSet) -> String {
    versions
        .iter()
        .map(|&i| set.version(i).rules.id.as_str())
        .collect::<Vec<_>>()
        .join("+")
}

/// An amount of euros as people of `lang` write it: "57 000,00 €", "€57,000.00". The one
/// money format of every output for people (terminal, explain, HTML, the page, messages).
pub fn money(amount: Decimal, lang: Lang) -> String {
    euros(number(amount, lang), lang)
}

/// A number already written for `lang`, as an amount of euros: "57 000,00 €", "-€57.00".
fn euros(number: String, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("{number} €"),
        Lang::En => match number.strip_prefix('-') {
            Some(unsigned) => format!("-€{unsigned}"),
            None => format!("€{number}"),
        },
    }
}

/// A number with two decimals as `lang` writes it: "57 000,00", "57,000.00". It never
/// rounds: what the core rounded (to the rule's decimals, at most the cent) is written with
/// its cents; a value with more decimals keeps them all, so no renderer hides a digit.
pub fn number(amount: Decimal, lang: Lang) -> String {
    let text = cents_at_least(amount);
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, "00"));
    let point = match lang {
        Lang::Fr => ',',
        Lang::En => '.',
    };
    format!("{sign}{}{point}{frac}", group(int, lang))
}

/// A decimal with every significant digit, as `lang` writes it: "83 333,3333",
/// "83,333.3333".
pub fn exact(value: Decimal, lang: Lang) -> String {
    let text = value.normalize().to_string();
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    // Past 19 digits (what a u64 holds) the digits are written as they are, as always.
    let grouped = if int.len() > 19 {
        int.to_owned()
    } else {
        group(int, lang)
    };
    match (frac, lang) {
        (Some(frac), Lang::Fr) => format!("{sign}{grouped},{frac}"),
        (Some(frac), Lang::En) => format!("{sign}{grouped}.{frac}"),
        (None, _) => format!("{sign}{grouped}"),
    }
}

/// An amount with every significant digit: "83 333,3333 €", "€83,333.3333" (explain's
/// amounts before the rounding, the rule file's amounts): [`money`] writes the cents.
pub fn money_exact(value: Decimal, lang: Lang) -> String {
    euros(exact(value, lang), lang)
}

/// A whole count with its thousands grouped: "8 412", "8,412".
pub fn count(n: u64, lang: Lang) -> String {
    group(&n.to_string(), lang)
}

/// A decimal as `lang` writes it, digits as they are (no grouping, no added zero): "14,8",
/// "14.8" (rates, percentages).
pub fn decimal(value: Decimal, lang: Lang) -> String {
    match lang {
        Lang::Fr => value.to_string().replace('.', ","),
        Lang::En => value.to_string(),
    }
}

/// A share or a change in percent, as the core rounded it, as `lang` writes it: "68,8 %",
/// "68.8 %" (the HTML gauges).
pub fn percent(value: Decimal, lang: Lang) -> String {
    format!("{} %", decimal(value, lang))
}

/// A number of a rule file as `explain` and `diff` have always printed its values: in French
/// as the file writes it (`50000`, `14.6`), in English with English digits (`50,000`).
pub fn as_in_rule_file(value: Decimal, lang: Lang) -> String {
    match lang {
        Lang::En => exact(value, lang),
        Lang::Fr => value.to_string(),
    }
}

/// Digits grouped by thousands: a space in French, a comma in English.
fn group(digits: &str, lang: Lang) -> String {
    let mark = match lang {
        Lang::Fr => ' ',
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(mark);
        }
        out.push(c);
    }
    out
}

/// Plain amount with two decimals and a dot: "57000.00".
pub fn number_plain(amount: Decimal) -> String {
    let mut out = String::with_capacity(16);
    push_plain(&mut out, amount);
    out
}

/// Appends [`number_plain`]'s text to `out`.
pub fn push_plain(out: &mut String, amount: Decimal) {
    let mut buffer = [0u8; PLAIN_MAX];
    match plain_digits(amount, &mut buffer) {
        // The digits are ASCII: this never fails.
        Some(start) => out.push_str(std::str::from_utf8(&buffer[start..]).unwrap_or_default()),
        None => out.push_str(&cents_at_least(amount)),
    }
}

/// Appends [`number_plain`]'s text to a byte buffer, with `point` as the decimal
/// separator (`,` for French Excel): what the CSV writer puts in a cell, never quoted.
pub fn push_plain_bytes(out: &mut Vec<u8>, amount: Decimal, point: u8) {
    let mut buffer = [0u8; PLAIN_MAX];
    match plain_digits(amount, &mut buffer) {
        Some(start) => {
            buffer[PLAIN_MAX - 3] = point;
            out.extend_from_slice(&buffer[start..]);
        }
        None => {
            let text = cents_at_least(amount);
            out.extend(text.bytes().map(|b| if b == b'.' { point } else { b }));
        }
    }
}

/// `amount` with its cents ("57000.00", "-1.50") and every decimal past them ("1.005"):
/// renderers write what the core rounded, they never round it again.
fn cents_at_least(amount: Decimal) -> String {
    if amount.scale() <= 2 {
        format!("{amount:.2}")
    } else {
        amount.to_string()
    }
}

/// Longest text of [`plain_digits`]: 39 digits of a u128, the point and two decimals.
const PLAIN_MAX: usize = 42;

/// Amounts are whole cents, so their digits are written straight from the mantissa, right
/// to left into the end of `buffer`: `Decimal`'s `Display` was a third of `compute`'s time
/// per row. Gives where the text starts; `None` for anything else (more decimals,
/// negative), which goes through `Display`.
fn plain_digits(amount: Decimal, buffer: &mut [u8; PLAIN_MAX]) -> Option<usize> {
    let scale = amount.scale();
    if scale > 2 || amount.is_sign_negative() {
        return None;
    }
    let cents = amount.mantissa().unsigned_abs() * 10u128.pow(2 - scale);
    // 64-bit division is several times faster than 128-bit, and every real amount fits.
    let (int, frac) = match u64::try_from(cents) {
        Ok(c) => (u128::from(c / 100), (c % 100) as u8),
        Err(_) => (cents / 100, (cents % 100) as u8),
    };
    buffer[PLAIN_MAX - 1] = b'0' + frac % 10;
    buffer[PLAIN_MAX - 2] = b'0' + frac / 10;
    buffer[PLAIN_MAX - 3] = b'.';
    let mut i = PLAIN_MAX - 3;
    match u64::try_from(int) {
        Ok(mut n) => loop {
            i -= 1;
            buffer[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        },
        Err(_) => {
            let mut n = int;
            loop {
                i -= 1;
                buffer[i] = b'0' + (n % 10) as u8;
                n /= 10;
                if n == 0 {
                    break;
                }
            }
        }
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// Renderers never round: every digit of the amount is written, and the cents of
        /// an amount with fewer decimals.
        #[test]
        fn number_never_rounds(mantissa in any::<i64>(), scale in 0u32..6) {
            let amount = Decimal::new(mantissa, scale);
            let text = number(amount, Lang::En).replace(',', "");
            let back: Decimal = text.parse().unwrap();
            prop_assert_eq!(back, amount);
            let decimals = text.split_once('.').map_or(0, |(_, f)| f.len() as u32);
            prop_assert_eq!(decimals, scale.max(2));
            let plain: Decimal = number_plain(amount).parse().unwrap();
            prop_assert_eq!(plain, amount);
        }
    }

    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(count(0, Lang::Fr), "0");
        assert_eq!(count(999, Lang::Fr), "999");
        assert_eq!(count(1000, Lang::Fr), "1 000");
        assert_eq!(count(11_004_160, Lang::Fr), "11 004 160");
        assert_eq!(count(5_000_000, Lang::En), "5,000,000");
        assert_eq!(count(u64::MAX, Lang::En), "18,446,744,073,709,551,615");
    }

    #[test]
    fn french_money() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let fr = |a| money(a, Lang::Fr);
        assert_eq!(fr(d("57000")), "57 000,00 €");
        assert_eq!(fr(d("310833.33")), "310 833,33 €");
        assert_eq!(fr(d("0")), "0,00 €");
        assert_eq!(fr(d("999.5")), "999,50 €");
        assert_eq!(
            number(d("1234567.891"), Lang::Fr),
            "1 234 567,891",
            "never rounded"
        );
        assert_eq!(number_plain(d("57000")), "57000.00");
        assert_eq!(percent(d("68.8"), Lang::Fr), "68,8 %");
        assert_eq!(percent(d("100.0"), Lang::En), "100.0 %");
        assert_eq!(exact(d("68.0"), Lang::Fr), "68");
        assert_eq!(exact(d("1234.5"), Lang::Fr), "1 234,5");
        assert_eq!(as_in_rule_file(d("14000000"), Lang::En), "14,000,000");
        assert_eq!(as_in_rule_file(d("14000000"), Lang::Fr), "14000000");
        for text in [
            "0",
            "0.5",
            "0.05",
            "12.3",
            "310833.33",
            "1e-2",
            "79228162514264337593543950335",
            "-1.5",
            "1.005",
        ] {
            let a: Decimal = text.parse().unwrap_or(Decimal::ONE);
            assert_eq!(number_plain(a), cents_at_least(a), "{text}");
            let mut bytes = b"x".to_vec();
            push_plain_bytes(&mut bytes, a, b',');
            let comma = format!("x{}", cents_at_least(a)).replace('.', ",");
            assert_eq!(String::from_utf8(bytes).unwrap(), comma, "{text}");
        }
    }
}
