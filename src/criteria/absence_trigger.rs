//! **R02 — Đảng viên bỏ sinh hoạt 3 tháng trong năm không có lý do** (Điều lệ Art. 8 trigger).
//!
//! - *Checks*: for each calendar year of the period, the members who missed a regular meeting
//!   without reason in at least the bar's number of distinct months, counting meetings of any
//!   cell. Such a member is for the cell to *consider* for removal; it is not automatic.
//!   "Three months in a year" is read as three months of one calendar year, not necessarily
//!   consecutive (inferred). Each member counts at the cell of their last regular posting in
//!   the year (inferred). Each year is clipped to the evaluation period: a period from July to
//!   June counts the months of each half-year separately, so evaluate whole calendar years to
//!   apply the rule as written.
//! - *Basis*: Điều lệ Đảng Art. 8; QĐ 24-QĐ/TW mục 8.1.
//! - *Bar*: a member passes with fewer than 3 such months (published).
//! - *Target*: 100% of members (inferred).
//! - *Evidence*: the cells, the members and the months.
//! - *Not assessable* where a cell's meetings that year carry totals only, no roll call.

use super::{Criterion, Definition, Judged, Span};
use super::{Ctx, Outcome};
use crate::dataset::{Flags, Org, OrgIx};
use crate::finding::{Detail, Measure, MemberGap, MemberIssue, Reason};
use crate::period::{Month, Period};
use crate::target::{Comparison, Provenance, Target, Threshold, ThresholdUnit};
use chrono::NaiveDate;

pub(super) const DEFINITION: Definition = Definition {
    criterion: Criterion::AbsenceTrigger,
    code: "R02",
    title_vi: "Đảng viên không bỏ sinh hoạt đảng 3 tháng trong năm không có lý do",
    title_en: "Members below the Art. 8 three-month absence trigger",
    measure_vi: "đảng viên bỏ sinh hoạt không có lý do {bar} trong năm",
    shortfall_vi: "có đảng viên bỏ sinh hoạt nhiều tháng trong năm không có lý do, thuộc diện xem xét xóa tên",
    basis: "Điều lệ Đảng Điều 8; QĐ 24-QĐ/TW mục 8.1",
    judges: Judged::Member,
    span: Span::Year,
    target: Some(Target::at_least(100, Provenance::Inferred)),
    threshold: Some(Threshold::new(
        Comparison::LessThan,
        3,
        ThresholdUnit::Months,
        Provenance::Published,
    )),
    reports_total: false,
};

pub(super) fn judge(cx: &Ctx<'_>, unit: OrgIx, org: &Org) -> Outcome {
    let meetings = cx.meetings;
    let regular = meetings.iter().filter(|m| m.kind.is_regular());
    let roll_called = regular.clone().any(|m| m.flags.has(Flags::ROLL_CALL));
    if !roll_called {
        return if regular.count() > 0 {
            Outcome::Missing(Reason::NoRollCall)
        } else {
            Outcome::Skip
        };
    }
    let passes = |months: usize| {
        let count = u64::try_from(months).unwrap_or(u64::MAX);
        cx.threshold().is_none_or(|bar| bar.passes_count(count))
    };
    // Most members missed nothing: whether that passes is worked out once.
    let clean = passes(0);
    // Over a whole calendar year of records, the months of the cell's members were counted
    // when the dataset was built: only those who missed any are read.
    if let Some(year) = cx.cell_year(unit) {
        let members = year.ratings().members;
        let missed = year.missed_months();
        let failing = missed.iter().filter(|&&n| !passes(n.into())).count();
        let failing = u64::try_from(failing).unwrap_or(u64::MAX);
        let missed = u64::try_from(missed.len()).unwrap_or(u64::MAX);
        let passing = if clean {
            members.saturating_sub(failing)
        } else {
            missed.saturating_sub(failing)
        };
        return match members {
            0 => Outcome::Skip,
            // As below: what falls short is the members over the bar.
            _ => Outcome::measured(
                Measure::new(passing, members),
                (failing > 0).then(|| Detail::Members(Vec::new())),
            ),
        };
    }
    let mut measure = Measure::default();
    let mut flagged = cx.gather();
    for member in cx
        .attribution(unit, org, cx.span)
        .members()
        .iter()
        .map(|a| a.member)
    {
        let months = missed_months(cx.unexcused_days(member), cx.span).count();
        if months == 0 {
            measure = measure.plus(Measure::one(clean));
            continue;
        }
        let pass = passes(months);
        measure = measure.plus(Measure::one(pass));
        if !pass {
            flagged.push(|| MemberGap {
                member: cx.member_id(member),
                issue: MemberIssue::UnexcusedMonths(
                    missed_months(cx.unexcused_days(member), cx.span).collect(),
                ),
            });
        }
    }
    if measure.denominator == 0 {
        return Outcome::Skip;
    }
    Outcome::measured(measure, flagged.into_detail(Detail::Members))
}

/// The distinct months of `window` in which a member missed a regular meeting without reason,
/// from the `days` they did, in order.
pub(super) fn missed_months(
    days: &[NaiveDate],
    window: Period,
) -> impl Iterator<Item = Month> + '_ {
    let lo = days.partition_point(|&d| d < window.start());
    let hi = days.partition_point(|&d| d <= window.end());
    // Days are in order: each month once, for each run of days within it.
    days.get(lo..hi)
        .unwrap_or(&[])
        .chunk_by(|a, b| Month::of(*a) == Month::of(*b))
        .filter_map(|run| run.first().copied().map(Month::of))
}
