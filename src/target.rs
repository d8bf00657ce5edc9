//! Targets (chỉ tiêu) and thresholds (ngưỡng): a number with its comparison and its source.

use std::fmt;

use rust_decimal::Decimal;

use crate::finding::Measure;

/// How an observed value is compared with a target, in the words reports use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Comparison {
    /// `≥`: "từ X% trở lên", "X% trở lên".
    AtLeast,
    /// `>`: "trên X%".
    MoreThan,
    /// `≤`: "không quá X%".
    AtMost,
    /// `<`: "dưới X%".
    LessThan,
}

impl Comparison {
    /// The mathematical sign.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => "≥",
            Comparison::MoreThan => ">",
            Comparison::AtMost => "≤",
            Comparison::LessThan => "<",
        }
    }

    /// Whether `ordering` (observed compared with the bound) satisfies the comparison.
    pub fn holds(self, ordering: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            Comparison::AtLeast => ordering != Less,
            Comparison::MoreThan => ordering == Greater,
            Comparison::AtMost => ordering != Greater,
            Comparison::LessThan => ordering == Less,
        }
    }
}

/// Where a target's number comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Provenance {
    /// Stated by a published regulation or official news.
    Published,
    /// Our reading where the text is not available; documented at the criterion.
    Inferred,
    /// Set by the caller's locality.
    Local,
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Provenance::Published => "published",
            Provenance::Inferred => "inferred",
            Provenance::Local => "local",
        })
    }
}

/// A target rate: "the share is `comparison` `percent`%", e.g. `> 90%`.
///
/// The percentage is validated to lie in 0–100 with at most 6 decimals, so comparisons are
/// exact integer cross-multiplications.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(try_from = "RawTarget"))]
pub struct Target {
    comparison: Comparison,
    percent: Decimal,
    provenance: Provenance,
}

/// The serde form of a [`Target`], checked by [`Target::new`] on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RawTarget {
    comparison: Comparison,
    percent: Decimal,
    #[serde(default = "local")]
    provenance: Provenance,
}

#[cfg(feature = "serde")]
fn local() -> Provenance {
    Provenance::Local
}

#[cfg(feature = "serde")]
impl TryFrom<RawTarget> for Target {
    type Error = TargetError;
    fn try_from(raw: RawTarget) -> Result<Target, TargetError> {
        Target::new(raw.comparison, raw.percent, raw.provenance)
    }
}

/// A target that cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TargetError {
    /// Outside 0–100.
    #[error("target {0}% is outside 0–100%: give a percentage between 0 and 100")]
    OutOfRange(Decimal),
    /// More than six decimals.
    #[error("target {0}% has more than 6 decimals: round it")]
    TooPrecise(Decimal),
}

impl Target {
    /// A target of `percent` (0–100) compared by `comparison`.
    ///
    /// # Errors
    /// [`TargetError`] when `percent` is outside 0–100 or has more than 6 decimals.
    pub fn new(
        comparison: Comparison,
        percent: Decimal,
        provenance: Provenance,
    ) -> Result<Target, TargetError> {
        if percent.is_sign_negative() && !percent.is_zero() || percent > Decimal::ONE_HUNDRED {
            return Err(TargetError::OutOfRange(percent));
        }
        if percent.normalize().scale() > 6 {
            return Err(TargetError::TooPrecise(percent));
        }
        Ok(Target {
            comparison,
            percent: percent.normalize(),
            provenance,
        })
    }

    /// `≥ percent%`, for the crate's own defaults (whole percentages, always valid).
    pub(crate) const fn at_least(percent: i64, provenance: Provenance) -> Target {
        Target {
            comparison: Comparison::AtLeast,
            percent: Decimal::from_parts(percent as u32, 0, 0, false, 0),
            provenance,
        }
    }

    /// `> percent%`, for the crate's own defaults.
    pub(crate) const fn more_than(percent: i64, provenance: Provenance) -> Target {
        Target {
            comparison: Comparison::MoreThan,
            percent: Decimal::from_parts(percent as u32, 0, 0, false, 0),
            provenance,
        }
    }

    /// The comparison.
    pub fn comparison(&self) -> Comparison {
        self.comparison
    }

    /// The percentage, 0–100.
    pub fn percent(&self) -> Decimal {
        self.percent
    }

    /// Where the number comes from.
    pub fn provenance(&self) -> Provenance {
        self.provenance
    }

    /// The same target with another provenance.
    pub fn with_provenance(self, provenance: Provenance) -> Target {
        Target { provenance, ..self }
    }

    /// Whether `measure` meets the target; `None` for an empty denominator.
    ///
    /// Exact: compares `numerator × 100 × 10^s` with `percent × 10^s × denominator` in `u128`.
    pub fn is_met_by(&self, measure: Measure) -> Option<bool> {
        let ordering = compare(measure, self.percent)?;
        Some(self.comparison.holds(ordering))
    }
}

/// Orders `measure` (as a percentage) against `percent`, exactly. `None` when the denominator
/// is zero.
pub(crate) fn compare(measure: Measure, percent: Decimal) -> Option<std::cmp::Ordering> {
    if measure.denominator == 0 {
        return None;
    }
    if let Some(integers) = ScaledPercent::of(percent) {
        return Some(integers.order(measure));
    }
    let percent = percent.normalize();
    let pow = 10u128.checked_pow(percent.scale())?;
    let mantissa = u128::try_from(percent.mantissa()).ok()?;
    let left = u128::from(measure.numerator)
        .checked_mul(100)?
        .checked_mul(pow)?;
    let right = mantissa.checked_mul(u128::from(measure.denominator))?;
    Some(left.cmp(&right))
}

/// A percentage `mantissa / 10^s` as integers: a rate `n / d` orders against it as
/// `n × factor` (`factor = 100 × 10^s`) against `mantissa × d`. Bars are written with a few
/// decimals, so both products are of two `u64` and cannot overflow `u128`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ScaledPercent {
    factor: u64,
    mantissa: u64,
}

impl ScaledPercent {
    /// `None` when the percentage does not fit (negative, or too many digits).
    fn of(percent: Decimal) -> Option<ScaledPercent> {
        let factor = 10u64.checked_pow(percent.scale())?.checked_mul(100)?;
        let mantissa = u64::try_from(percent.mantissa()).ok()?;
        Some(ScaledPercent { factor, mantissa })
    }

    fn order(self, measure: Measure) -> std::cmp::Ordering {
        let left = u128::from(measure.numerator).wrapping_mul(u128::from(self.factor));
        let right = u128::from(self.mantissa).wrapping_mul(u128::from(measure.denominator));
        left.cmp(&right)
    }
}

/// A percentage [`Threshold`] made ready to judge many rates (every meeting's attendance):
/// its value turned into integers once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RateBar {
    threshold: Threshold,
    integers: Option<ScaledPercent>,
}

impl RateBar {
    pub(crate) fn new(threshold: Threshold) -> RateBar {
        RateBar {
            threshold,
            integers: ScaledPercent::of(threshold.value),
        }
    }

    /// [`Threshold::passes_rate`], the same answer.
    pub(crate) fn passes(&self, measure: Measure) -> Option<bool> {
        match self.integers {
            Some(integers) if measure.denominator != 0 => {
                Some(self.threshold.comparison.holds(integers.order(measure)))
            }
            _ => self.threshold.passes_rate(measure),
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}%", self.comparison.symbol(), self.percent)
    }
}

/// What a threshold counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum ThresholdUnit {
    /// A percentage of the unit's own measure.
    Percent,
    /// A number of months.
    Months,
    /// A number of members.
    Members,
}

/// A per-unit bar: what one meeting, cell or member must reach (e.g. a meeting's attendance
/// `≥ 90%`, a cell's official members `≥ 3`). A unit that misses it falls short.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Threshold {
    /// How the unit's value compares with `value` to pass.
    pub comparison: Comparison,
    /// The bar, a percentage or a count by `unit`.
    pub value: Decimal,
    /// What `value` counts.
    pub unit: ThresholdUnit,
    /// Where it comes from.
    pub provenance: Provenance,
}

impl Threshold {
    pub(crate) const fn new(
        comparison: Comparison,
        value: i64,
        unit: ThresholdUnit,
        provenance: Provenance,
    ) -> Threshold {
        Threshold {
            comparison,
            value: Decimal::from_parts(value as u32, 0, 0, false, 0),
            unit,
            provenance,
        }
    }

    /// Whether a rate `measure` passes (for percentage thresholds); `None` for an empty
    /// denominator.
    pub fn passes_rate(&self, measure: Measure) -> Option<bool> {
        compare(measure, self.value).map(|o| self.comparison.holds(o))
    }

    /// Whether a count passes (for count thresholds).
    pub fn passes_count(&self, count: u64) -> bool {
        // A whole bar (the usual case: 3 months, 3 members) compares as integers.
        let ordering = if self.value.scale() == 0 {
            i128::from(count).cmp(&self.value.mantissa())
        } else {
            Decimal::from(count).cmp(&self.value)
        };
        self.comparison.holds(ordering)
    }
}

impl fmt::Display for Threshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            ThresholdUnit::Percent => "%",
            ThresholdUnit::Months => " tháng",
            ThresholdUnit::Members => " đảng viên",
        };
        write!(f, "{} {}{unit}", self.comparison.symbol(), self.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bar made ready for many rates answers as the threshold does, on the fast path and on
    /// the fallback (a value with more digits than the fast form holds), at the edges too.
    #[test]
    fn rate_bar_answers_as_the_threshold() {
        let values = [
            Decimal::ZERO,
            Decimal::new(85, 0),
            Decimal::new(855, 1),
            Decimal::new(66_666_667, 6),
            Decimal::ONE_HUNDRED,
            Decimal::from_i128_with_scale(1_000_000_000_000_000_000_000_000, 26),
        ];
        let comparisons = [
            Comparison::AtLeast,
            Comparison::MoreThan,
            Comparison::AtMost,
            Comparison::LessThan,
        ];
        let mut fallbacks = 0usize;
        for value in values {
            for comparison in comparisons {
                let threshold = Threshold {
                    comparison,
                    value,
                    unit: ThresholdUnit::Percent,
                    provenance: Provenance::Local,
                };
                let bar = RateBar::new(threshold);
                fallbacks = fallbacks.saturating_add(usize::from(bar.integers.is_none()));
                for denominator in 0..=12u64 {
                    for numerator in 0..=denominator {
                        let m = Measure::new(numerator, denominator);
                        assert_eq!(bar.passes(m), threshold.passes_rate(m), "{threshold} {m:?}");
                    }
                }
                let m = Measure::new(u64::MAX.saturating_sub(1), u64::MAX);
                assert_eq!(bar.passes(m), threshold.passes_rate(m), "{threshold} {m:?}");
            }
        }
        assert_eq!(
            fallbacks,
            comparisons.len(),
            "only the long value falls back"
        );
    }
}
