//! Vietnamese number formatting and report wording.

use chibo::report::{format_count, format_decimal, format_percent, target_words, threshold_words};
use chibo::{Comparison, Measure, Provenance, Target, Threshold, ThresholdUnit};
use rust_decimal::Decimal;

#[test]
fn percentages_use_a_decimal_comma_and_drop_trailing_zeros() {
    assert_eq!(format_percent(Measure::new(9376, 10000), 2), "93,76%");
    assert_eq!(format_percent(Measure::new(935, 1000), 2), "93,5%");
    assert_eq!(format_percent(Measure::new(146, 150), 2), "97,33%");
    assert_eq!(format_percent(Measure::new(146, 150), 0), "97%");
}

#[test]
fn rounding_at_half_goes_away_from_zero() {
    // 12.5% → 13% at whole percents; 0.125% → 0.13% at two decimals; 93.755% → 93.76%.
    assert_eq!(format_percent(Measure::new(1, 8), 0), "13%");
    assert_eq!(format_percent(Measure::new(1, 800), 2), "0,13%");
    assert_eq!(format_percent(Measure::new(93755, 100000), 2), "93,76%");
    // Just below the half rounds down.
    assert_eq!(format_percent(Measure::new(124, 1000), 0), "12%");
}

#[test]
fn hundred_zero_and_empty() {
    assert_eq!(format_percent(Measure::new(150, 150), 2), "100%");
    assert_eq!(format_percent(Measure::new(0, 150), 2), "0%");
    assert_eq!(format_percent(Measure::new(0, 0), 2), "—");
    // Rounding never shows 100% when a unit failed, nor 0% when one passed.
    assert_eq!(format_percent(Measure::new(99996, 100000), 2), "99,996%");
    assert_eq!(format_percent(Measure::new(2882, 2883), 0), "99,97%");
    assert_eq!(format_percent(Measure::new(1, 100_000), 0), "0,001%");
}

#[test]
fn counts_use_dots_between_thousands() {
    assert_eq!(format_count(0), "0");
    assert_eq!(format_count(999), "999");
    assert_eq!(format_count(2815), "2.815");
    assert_eq!(format_count(5_500_000), "5.500.000");
    assert_eq!(format_decimal(Decimal::new(8950, 2)), "89,5");
}

#[test]
fn targets_and_bars_are_worded_from_their_comparison() {
    let t = |c, p: i64| Target::new(c, Decimal::from(p), Provenance::Local).unwrap();
    assert_eq!(target_words(&t(Comparison::MoreThan, 90)), "trên 90%");
    assert_eq!(target_words(&t(Comparison::AtLeast, 93)), "từ 93% trở lên");
    assert_eq!(target_words(&t(Comparison::AtLeast, 100)), "100%");
    assert_eq!(target_words(&t(Comparison::AtMost, 20)), "không quá 20%");
    assert_eq!(target_words(&t(Comparison::LessThan, 5)), "dưới 5%");
    let bar = Threshold {
        comparison: Comparison::LessThan,
        value: Decimal::from(3),
        unit: ThresholdUnit::Months,
        provenance: Provenance::Published,
    };
    assert_eq!(threshold_words(&bar), "dưới 3 tháng");
}
