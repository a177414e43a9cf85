//! SVG geometry from amounts. Lengths are computed with `Decimal` ratios and written with
//! one decimal, so the same amounts always give the same bytes (no float formatting).

use rust_decimal::{Decimal, RoundingStrategy};

/// Width, in user units, of the envelope gauge and of a structure's bar.
pub const GAUGE_WIDTH: u32 = 640;
pub const BAR_WIDTH: u32 = 480;
/// A segment this wide (user units) has room for its amount written inside.
pub const LABEL_MIN_WIDTH: u32 = 86;

/// `amount / scale × width`, clamped to `[0, width]`, as an SVG length.
pub fn length(amount: Decimal, scale: Decimal, width: u32) -> String {
    format_length(ratio_length(amount, scale, width))
}

/// `amount / scale × width` as a decimal, clamped to `[0, width]`.
pub fn ratio_length(amount: Decimal, scale: Decimal, width: u32) -> Decimal {
    if scale <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    let width = Decimal::from(width);
    // Past a Decimal's range (an envelope of a few cents against billions): the full width.
    amount
        .max(Decimal::ZERO)
        .checked_div(scale)
        .and_then(|r| r.checked_mul(width))
        .unwrap_or(width)
        .min(width)
        .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
}

/// "185.3", "0", "480": a length as SVG wants it.
pub fn format_length(length: Decimal) -> String {
    length.normalize().to_string()
}

/// One segment of a stacked bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub x: Decimal,
    pub width: Decimal,
}

/// Stacked segments for `amounts`: each edge is placed from the running sum, so rounding
/// never opens a gap between two segments nor drifts the end of the bar.
pub fn stack(amounts: &[Decimal], scale: Decimal, width: u32) -> Vec<Segment> {
    let mut before = Decimal::ZERO;
    let mut x = Decimal::ZERO;
    amounts
        .iter()
        .map(|&a| {
            before = before.saturating_add(a.max(Decimal::ZERO));
            let end = ratio_length(before, scale, width);
            let segment = Segment { x, width: end - x };
            x = end;
            segment
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn lengths_are_exact_and_clamped() {
        assert_eq!(length(d("150000"), d("373000"), 480), "193");
        assert_eq!(length(d("57000"), d("373000"), 480), "73.4");
        assert_eq!(length(d("500"), d("100"), 480), "480");
        assert_eq!(length(d("-5"), d("100"), 480), "0");
        assert_eq!(length(d("5"), d("0"), 480), "0");
    }

    #[test]
    fn stacked_segments_touch_and_end_at_the_total() {
        let amounts = [d("150000"), d("100000"), d("57000"), d("66000")];
        let s = stack(&amounts, d("373000"), 480);
        for pair in s.windows(2) {
            assert_eq!(pair[0].x + pair[0].width, pair[1].x);
        }
        assert_eq!(s[3].x + s[3].width, d("480"));
    }
}
