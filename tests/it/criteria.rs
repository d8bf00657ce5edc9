//! Evaluation tests, criterion by criterion, on small hand-made districts whose numerators and
//! denominators are worked out by hand in each test.
//!
//! The district most tests start from ([`mini`]), all members admitted 2010-01-01 (official a
//! year later), posted at their cell from admission:
//!
//! ```text
//! h (District)
//! ├── x (PartyCommittee)
//! │   ├── c1 (Cell)  c1-1 c1-2 c1-3 c1-4
//! │   └── c2 (Cell)  c2-1 c2-2 c2-3 c2-4
//! ├── y (PartyCommittee)
//! │   ├── c3 (Cell)  c3-1 c3-2 c3-3 c3-4
//! │   └── c4 (Cell)  c4-1 c4-2 c4-3 c4-4
//! └── z (GrassrootsCell)  z-1 z-2 z-3 z-4
//! ```
//!
//! Hierarchy (depth-first, children by id) order: h, x, c1, c2, y, c3, c4, z. Five cells, so a
//! district-level share is a whole number of fifths: 60%, 80% … exactly, which puts targets
//! exactly on a measure. [`mini_q1`] adds a regular meeting in every cell on the 10th of
//! January, February and March 2021, everybody present, meeting every standard.

use chibo::{
    Attendance, CellKind, Comparison, CriteriaSet, Criterion, Dataset, Detail, Evaluation, Finding,
    Gap, Judged, Measure, MeetingGap, MeetingKind, MeetingRecord, MemberGap, MemberIssue, Month,
    OrgLevel, Period, Presence, Provenance, Quarter, Records, Shortfall, Target, Verdict, evaluate,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;

pub use crate::fixtures::{build, one, period, year};
use crate::fixtures::{cell, d, member, org, regular, roll_call, roll_call_mut};

mod engine;
mod indicators;
mod rules;
mod shortcomings;

/// The district.
pub const H: &str = "h";
/// The first commune party committee, over c1 and c2.
pub const X: &str = "x";
/// The second commune party committee, over c3 and c4.
pub const Y: &str = "y";
/// The grassroots cell (chi bộ cơ sở) directly under the district.
pub const Z: &str = "z";
/// The cells, in hierarchy order.
pub const CELLS: [&str; 5] = ["c1", "c2", "c3", "c4", Z];
/// Every organisation, in hierarchy order.
pub const ORGS: [&str; 8] = [H, X, "c1", "c2", Y, "c3", "c4", Z];

/// Member `n` of `cell`, e.g. `c1-3`.
pub fn mid(cell: &str, n: u32) -> String {
    format!("{cell}-{n}")
}

/// The four members of a cell of [`mini`].
pub fn roster(cell: &str) -> Vec<String> {
    (1..=4).map(|n| mid(cell, n)).collect()
}

/// A roll call with every one of `ids` marked `Present`.
pub fn everyone(ids: &[String]) -> Attendance {
    let roll: Vec<(&str, Presence)> = ids
        .iter()
        .map(|m| (m.as_str(), Presence::Present))
        .collect();
    roll_call(&roll)
}

/// A roll call from owned `(member, mark)` pairs.
pub fn marks(roll: &[(String, Presence)]) -> Attendance {
    let roll: Vec<(&str, Presence)> = roll.iter().map(|(m, p)| (m.as_str(), *p)).collect();
    roll_call(&roll)
}

/// The district of this module's documentation, without meetings, ratings or admissions.
pub fn mini() -> Records {
    let mut z = org(Z, OrgLevel::GrassrootsCell, Some(H));
    z.kind = Some(CellKind::PublicService);
    let organisations = vec![
        org(H, OrgLevel::District, None),
        org(X, OrgLevel::PartyCommittee, Some(H)),
        org(Y, OrgLevel::PartyCommittee, Some(H)),
        cell("c1", X),
        cell("c2", X),
        cell("c3", Y),
        cell("c4", Y),
        z,
    ];
    let members = CELLS
        .iter()
        .flat_map(|c| {
            roster(c)
                .into_iter()
                .map(move |id| member(&id, c, d(2010, 1, 1)))
        })
        .collect();
    Records {
        organisations,
        members,
        ..Records::default()
    }
}

/// The id of `cell`'s regular meeting of `month`/`year`.
pub fn rid(cell: &str, year: i32, month: u32) -> String {
    format!("r-{cell}-{year}-{month:02}")
}

/// `cell`'s regular meeting on the 10th of `month`/`year`, its four members present.
pub fn reg(cell: &str, year: i32, month: u32) -> MeetingRecord {
    let roll: Vec<(String, Presence)> = roster(cell)
        .into_iter()
        .map(|m| (m, Presence::Present))
        .collect();
    let roll: Vec<(&str, Presence)> = roll.iter().map(|(m, p)| (m.as_str(), *p)).collect();
    regular(&rid(cell, year, month), cell, d(year, month, 10), &roll)
}

/// A meeting of `kind` in `cell` on `date` with id `id`, its four members present.
pub fn held(id: &str, cell: &str, date: NaiveDate, kind: MeetingKind) -> MeetingRecord {
    crate::fixtures::meeting(id, cell, date, kind, everyone(&roster(cell)))
}

/// `records` with a regular meeting in every cell of [`mini`] on the 10th of each of `months`.
pub fn with_months(
    mut records: Records,
    year: i32,
    months: std::ops::RangeInclusive<u32>,
) -> Records {
    for m in months {
        for c in CELLS {
            records.meetings.push(reg(c, year, m));
        }
    }
    records
}

/// [`mini`] with its 15 regular meetings of the first quarter of 2021.
pub fn mini_q1() -> Records {
    with_months(mini(), 2021, 1..=3)
}

/// Sets `member`'s mark in the roll call of meeting `meeting`.
pub fn mark(records: &mut Records, meeting: &str, member: &str, presence: Presence) {
    let entry = roll_call_mut(records, meeting)
        .iter_mut()
        .find(|e| e.member == member)
        .unwrap_or_else(|| panic!("{member} is not in the roll call of {meeting}"));
    entry.presence = presence;
}

/// Removes meeting `id`; panics if there is none.
pub fn drop_meeting(records: &mut Records, id: &str) {
    let before = records.meetings.len();
    records.meetings.retain(|m| m.id != id);
    assert_eq!(records.meetings.len() + 1, before, "no meeting {id}");
}

/// The member record `id`, to change it.
pub fn member_rec<'a>(records: &'a mut Records, id: &str) -> &'a mut chibo::MemberRecord {
    crate::fixtures::member_mut(records, id)
}

/// The first quarter of 2021.
pub fn q1() -> Period {
    crate::fixtures::q1_2021()
}

/// A month.
pub fn month(y: i32, m: u32) -> Month {
    Month::new(y, m).unwrap()
}

/// Quarter `q` of `y`.
pub fn quarter(y: i32, q: u32) -> Quarter {
    month(y, q * 3).quarter()
}

/// Evaluates `records` with the default criteria over `period`, for the whole dataset.
pub fn run(records: &Records, period: Period) -> Evaluation<'static> {
    run_set(records, &CriteriaSet::de_an_16(), period, None)
}

/// Evaluates `records` with `set` over `period` for `scope`.
pub fn run_set(
    records: &Records,
    set: &CriteriaSet,
    period: Period,
    scope: Option<&str>,
) -> Evaluation<'static> {
    // The evaluation borrows its dataset; a test keeps both to its end.
    let data: &'static Dataset = Box::leak(Box::new(build(records)));
    evaluate(data, set, period, scope).unwrap()
}

/// `n` out of `d`.
pub fn ratio(n: u64, d: u64) -> Measure {
    Measure::new(n, d)
}

/// A percentage written as a decimal string, e.g. `"87.5"`.
pub fn pct(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A local target `comparison percent%`.
pub fn target(comparison: Comparison, percent: &str) -> Target {
    Target::new(comparison, pct(percent), Provenance::Local).unwrap()
}

/// The default criteria with `criterion`'s target set to `comparison percent%`.
pub fn set_with(criterion: Criterion, comparison: Comparison, percent: &str) -> CriteriaSet {
    let mut set = CriteriaSet::de_an_16();
    set.set_target(criterion, Some(target(comparison, percent)));
    set
}

/// A shortfall of `unit`.
pub fn sf(unit: &str, detail: Detail) -> Shortfall {
    Shortfall {
        unit: unit.into(),
        detail,
    }
}

/// A meeting that fell short.
pub fn mg(meeting: &str, date: NaiveDate, gaps: Vec<Gap>) -> MeetingGap {
    MeetingGap {
        meeting: meeting.into(),
        date,
        gaps: gaps.into_iter().collect(),
    }
}

/// A member who fell short.
pub fn mgap(member: &str, issue: MemberIssue) -> MemberGap {
    MemberGap {
        member: member.into(),
        issue,
    }
}

/// Checks the verdict exactly on the target: `unit`'s measure of `criterion` (its only span)
/// is `percent`% exactly; "từ percent% trở lên" (at least) is then a strength and
/// "trên percent%" (more than) a shortcoming, the measure unchanged.
pub fn assert_boundary(
    records: &Records,
    period: Period,
    criterion: Criterion,
    unit: &str,
    percent: &str,
) {
    let at_least = run_set(
        records,
        &set_with(criterion, Comparison::AtLeast, percent),
        period,
        None,
    );
    let more_than = run_set(
        records,
        &set_with(criterion, Comparison::MoreThan, percent),
        period,
        None,
    );
    let a = one(&at_least, criterion, unit);
    let m = one(&more_than, criterion, unit);
    let rate = a.measure.rate().unwrap() * Decimal::ONE_HUNDRED;
    assert_eq!(rate, pct(percent), "{criterion} at {unit}: {:?}", a.measure);
    assert_eq!(a.measure, m.measure);
    assert_eq!(
        (a.verdict, a.target),
        (
            Verdict::Strength,
            Some(target(Comparison::AtLeast, percent))
        ),
        "{criterion} at {unit}: ≥ {percent}% with {:?}",
        a.measure
    );
    assert_eq!(
        (m.verdict, m.target),
        (
            Verdict::Shortcoming,
            Some(target(Comparison::MoreThan, percent))
        ),
        "{criterion} at {unit}: > {percent}% with {:?}",
        m.measure
    );
    assert_eq!(a.shortfalls, m.shortfalls);
}

/// Whether organisation `unit` lies in the subtree of `ancestor` (itself included).
pub fn within(data: &Dataset, unit: &str, ancestor: &str) -> bool {
    let mut cur = data.organisation(unit);
    while let Some(o) = cur {
        if o.id() == ancestor {
            return true;
        }
        cur = o.parent();
    }
    false
}

/// Checks that every finding's measure (and I08's total) is the sum of those of the units the
/// criterion judges below it, for the same span: cells, or grassroots organisations for R03.
pub fn assert_levels_sum(data: &Dataset, ev: &Evaluation) {
    for f in ev.findings() {
        let by_org = f.criterion.definition().judges == Judged::Organisation;
        let judged = |g: &Finding| {
            g.criterion == f.criterion
                && g.period == f.period
                && if by_org {
                    g.unit.level.is_grassroots()
                } else {
                    g.unit.level.is_cell()
                }
                && within(data, &g.unit.id, &f.unit.id)
        };
        let below: Vec<Finding> = ev.findings().filter(judged).collect();
        let sum: Measure = below.iter().map(|g| g.measure).sum();
        assert_eq!(
            f.measure, sum,
            "{} at {} over {}: not the sum of {:?}",
            f.criterion, f.unit.id, f.period, below
        );
        if f.criterion == Criterion::Admissions {
            let total: u64 = below.iter().map(|g| g.total.unwrap_or(0)).sum();
            assert_eq!(f.total, Some(total), "I08 total at {}", f.unit.id);
        }
    }
}

/// The ids of the units named in a finding's shortfalls, in order.
pub fn named(f: Finding<'_>) -> Vec<String> {
    f.shortfalls.iter().map(|s| s.unit.to_string()).collect()
}
