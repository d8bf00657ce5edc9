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
use super::{Ctx, Held, Outcome};
use crate::dataset::{Flags, Meeting, MemberIx, Org, OrgIx};
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
    // Whether the cell held a regular meeting, and took a roll call at one.
    let (regular, roll_called) = match cx.meeting_years() {
        Some(years) => (
            years.each().any(|y| y.regular_held()),
            years.each().any(|y| y.roll_call()),
        ),
        None => {
            let meetings = cx.meetings();
            (
                meetings.iter().any(|m| Held::Regular.by(m)),
                meetings.iter().any(roll_called),
            )
        }
    };
    if !roll_called {
        return match regular {
            true => Outcome::Missing(Reason::NoRollCall),
            false => Outcome::Skip,
        };
    }
    let passes = |months: usize| {
        let count = u64::try_from(months).unwrap_or(u64::MAX);
        cx.threshold().is_none_or(|bar| bar.passes_count(count))
    };
    // Over a whole calendar year of records, the months of the cell's members were counted
    // when the dataset was built.
    if let Some(year) = cx.cell_year(unit) {
        let missed = year.missed_months().iter().map(|&n| usize::from(n));
        let (measure, short) = tally(year.members(), missed, passes);
        return match measure.denominator {
            0 => Outcome::Skip,
            _ => Outcome::measured(measure, short.then(|| Detail::Members(Vec::new()))),
        };
    }
    let attribution = cx.attribution(unit, org, cx.span);
    let members = attribution.members();
    // Each member who missed any month, with how many.
    let missed: Vec<(MemberIx, usize)> = members
        .iter()
        .map(|a| {
            (
                a.member,
                missed_months(cx.unexcused_days(a.member), cx.span).count(),
            )
        })
        .filter(|&(_, months)| months > 0)
        .collect();
    let count = u64::try_from(members.len()).unwrap_or(u64::MAX);
    let (measure, _) = tally(count, missed.iter().map(|&(_, n)| n), passes);
    let mut flagged = cx.gather();
    for &(member, _) in missed.iter().filter(|&&(_, n)| !passes(n)) {
        flagged.push(|| MemberGap {
            member: cx.member_id(member),
            issue: MemberIssue::UnexcusedMonths(
                missed_months(cx.unexcused_days(member), cx.span).collect(),
            ),
        });
    }
    match measure.denominator {
        0 => Outcome::Skip,
        _ => Outcome::measured(measure, flagged.into_detail(Detail::Members)),
    }
}

/// Whether `m` is a regular meeting that took its absences by roll call (điểm danh): R02
/// counts months missed only where some did.
pub(super) fn roll_called(m: &Meeting) -> bool {
    Held::Regular.by(m) && m.flags.has(Flags::ROLL_CALL)
}

/// R02's measure (đảng viên bỏ sinh hoạt không có lý do) over `members`, those who missed any
/// month having missed `missed` months each (the others none), and whether any of those who
/// missed months falls short: the members the evidence names. Whether a member who missed none
/// passes is the bar's to say, as for any other count.
fn tally(
    members: u64,
    missed: impl Iterator<Item = usize>,
    passes: impl Fn(usize) -> bool,
) -> (Measure, bool) {
    let (mut with_months, mut passing, mut short) = (0u64, 0u64, false);
    for months in missed {
        with_months = with_months.saturating_add(1);
        match passes(months) {
            true => passing = passing.saturating_add(1),
            false => short = true,
        }
    }
    if passes(0) {
        passing = passing.saturating_add(members.saturating_sub(with_months));
    }
    (Measure::new(passing, members), short)
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
