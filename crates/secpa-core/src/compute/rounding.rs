//! The one place amounts are rounded, with the strategy the rule file declares.
//! `Decimal::round_dp` alone rounds half to even, which is not what a French administrative
//! text means by "arrondi au centime".

use rust_decimal::{Decimal, RoundingStrategy};

use crate::rules::schema::{Rounding, RoundingMode};

/// Rounds an amount as the rule version says.
pub fn round(amount: Decimal, rounding: &Rounding) -> Decimal {
    let strategy = match rounding.mode {
        RoundingMode::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
        RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
        RoundingMode::TowardZero => RoundingStrategy::ToZero,
    };
    let decimals = *rounding.decimals.get_ref();
    let mut rounded = amount.round_dp_with_strategy(decimals, strategy);
    // Always show the declared number of decimals ("57000.00"), and never "-0.00".
    rounded.rescale(decimals);
    if rounded.is_zero() {
        rounded.set_sign_positive(true);
    }
    rounded
}

/// Rounds a derived figure that is not an amount due (a percentage, a share of a budget) to
/// `decimals`, half away from zero like amounts, so that displays agree with the amounts.
pub fn round_figure(value: Decimal, decimals: u32) -> Decimal {
    let mut rounded =
        value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(decimals);
    if rounded.is_zero() {
        rounded.set_sign_positive(true);
    }
    rounded
}

/// `part` / `whole` in percent, one decimal: the share of an envelope a total takes (the
/// budget, the HTML gauge). `None` for a whole of 0, or past what a Decimal holds (a total of
/// billions against a few cents).
pub fn share(part: Decimal, whole: Decimal) -> Option<Decimal> {
    (!whole.is_zero())
        .then(|| part.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(whole))
        .flatten()
        .map(|share| round_figure(share, 1))
}

/// How far `new` moves from `old`, in percent of `old`, two decimals (`diff`); `None` when
/// `old` is zero.
pub fn change_percent(old: Decimal, new: Decimal) -> Option<Decimal> {
    (!old.is_zero()).then(|| round_figure((new - old) * Decimal::ONE_HUNDRED / old, 2))
}

/// An amount before its rounding as a display shows it: with at most two decimals more
/// than the rule's `decimals` (100 000 × 10/12 has 28 digits); `explain` says « ≈ » when
/// this differs from the exact value, which the computation and the JSON keep.
pub fn before_rounding_shown(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(
        decimals.saturating_add(2),
        RoundingStrategy::MidpointAwayFromZero,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rounding(mode: RoundingMode) -> Rounding {
        Rounding {
            decimals: toml::Spanned::new(0..0, 2),
            mode,
            source: toml::Spanned::new(0..0, "s".to_owned()),
            provisional: false,
            reference: None,
            note: None,
        }
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// The midpoint table: half away from zero, both signs.
    #[test]
    fn midpoints_half_away_from_zero() {
        let r = rounding(RoundingMode::HalfAwayFromZero);
        for (input, expected) in [
            ("0.005", "0.01"),
            ("-0.005", "-0.01"),
            ("0.015", "0.02"),
            ("0.025", "0.03"),
            ("0.0049999", "0.00"),
            ("83333.3333333", "83333.33"),
            ("1.995", "2.00"),
            ("57000", "57000.00"),
            ("-0.001", "0.00"),
        ] {
            assert_eq!(round(d(input), &r).to_string(), expected, "{input}");
        }
    }

    #[test]
    fn figures_round_half_away_from_zero() {
        assert_eq!(round_figure(d("12.345"), 2).to_string(), "12.35");
        assert_eq!(round_figure(d("-12.345"), 2).to_string(), "-12.35");
        assert_eq!(round_figure(d("7"), 1).to_string(), "7.0");
    }

    #[test]
    fn shares_and_changes() {
        assert_eq!(share(d("8250793.32"), d("12000000")), Some(d("68.8")));
        assert_eq!(share(d("1"), d("3")).unwrap().to_string(), "33.3");
        assert_eq!(share(d("5"), d("5")).unwrap().to_string(), "100.0");
        assert_eq!(share(d("1"), d("0")), None);
        assert_eq!(share(Decimal::MAX, d("0.01")), None);
        assert_eq!(change_percent(d("100000"), d("112500")), Some(d("12.50")));
        assert_eq!(change_percent(d("3"), d("2")), Some(d("-33.33")));
        assert_eq!(change_percent(d("0"), d("2")), None);
        assert_eq!(before_rounding_shown(d("83333.333333"), 2), d("83333.3333"));
        assert_eq!(before_rounding_shown(d("0.125"), 0), d("0.13"));
    }

    #[test]
    fn other_declared_modes() {
        assert_eq!(
            round(d("0.025"), &rounding(RoundingMode::HalfEven)).to_string(),
            "0.02"
        );
        assert_eq!(
            round(d("0.029"), &rounding(RoundingMode::TowardZero)).to_string(),
            "0.02"
        );
    }

    proptest! {
        #[test]
        fn rounding_is_within_half_a_cent_and_idempotent(units in -10_000_000_000i64..10_000_000_000, scale in 0u32..8) {
            let r = rounding(RoundingMode::HalfAwayFromZero);
            let x = Decimal::new(units, scale);
            let once = round(x, &r);
            prop_assert!((once - x).abs() <= d("0.005"));
            prop_assert_eq!(round(once, &r), once);
            prop_assert_eq!(once.scale(), 2);
        }
    }
}
