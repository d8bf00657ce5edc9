//! Properties of `evaluate` on datasets valid by construction: every finding is a ratio in
//! [0, 1]; the result does not depend on the order records come in; each level is the sum of
//! the units below; holding a missing meeting never lowers I01; a tighter target never turns a
//! shortcoming into a strength; and the tally path, fed the cells' counts, finds the same
//! measures above the cells.

use chibo::{
    Comparison, CriteriaSet, Criterion, Dataset, Evaluation, ExitReason, LeaveKind, MeetingKind,
    MeetingRecord, MemberRecord, NotRatedReason, OrgLevel, OrganisationRecord, Period, Presence,
    Provenance, RatingLevel, RatingRecord, RatingResult, Records, Reference, Target, Verdict,
    evaluate, evaluate_tally,
};
use chrono::{Datelike, Days, NaiveDate};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use rust_decimal::Decimal;

use crate::criteria::assert_levels_sum;
use crate::fixtures::{
    Shuffler, admission, cell, counts, d, exit, leave, meeting, not_rated, org, org_rating,
    posting, posting_until, rating, roll_call,
};

/// A founding day as (year, month, day).
type Founded = Option<(i32, u32, u32)>;

/// Cells of the generated tree, with their founding day.
const CELLS: [(&str, Founded); 5] = [
    ("c1", None),
    ("c2", None),
    ("c3", None),
    ("c4", Some((2021, 3, 15))),
    ("z", None),
];

/// Months with generated meetings: July 2020 to June 2022.
const MONTHS: u32 = 24;

/// ```text
/// h (District)
/// ├── q (PartyCommittee) ── c4 (Cell, founded 2021-03-15)
/// ├── x (PartyCommittee)
/// │   ├── c1, c2 (Cell)
/// │   └── s (SubCommittee) ── c3 (Cell)
/// └── z (GrassrootsCell)
/// ```
fn tree() -> Vec<OrganisationRecord> {
    let mut c4 = cell("c4", "q");
    c4.founded_on = founded("c4");
    vec![
        org("h", OrgLevel::District, None),
        org("x", OrgLevel::PartyCommittee, Some("h")),
        org("q", OrgLevel::PartyCommittee, Some("h")),
        cell("c1", "x"),
        cell("c2", "x"),
        org("s", OrgLevel::SubCommittee, Some("x")),
        cell("c3", "s"),
        c4,
        org("z", OrgLevel::GrassrootsCell, Some("h")),
    ]
}

fn founded(c: &str) -> Option<NaiveDate> {
    CELLS
        .iter()
        .find(|(id, _)| *id == c)
        .and_then(|(_, f)| f.map(|(y, m, day)| d(y, m, day)))
}

/// 2020-07-01 shifted by `n` days (may be negative).
fn base(n: i64) -> NaiveDate {
    let b = d(2020, 7, 1);
    if n >= 0 {
        b.checked_add_days(Days::new(n as u64)).unwrap()
    } else {
        b.checked_sub_days(Days::new(n.unsigned_abs())).unwrap()
    }
}

fn plus(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_add_days(Days::new(n)).unwrap()
}

/// A member's draw: home cell, admission (days from 2020-07-01), official delay, an optional
/// move (days after the first posting, new cell), an optional leave (kind, start, length), an
/// optional exit (days after the last posting starts), whether the home cell admitted them,
/// and rating codes for 2020, 2021 and 2022.
type RawMember = (
    (usize, i64, Option<u64>),
    Option<(u64, usize)>,
    Option<(LeaveKind, i64, Option<u64>)>,
    Option<u64>,
    bool,
    [u8; 3],
);

fn raw_member() -> impl Strategy<Value = RawMember> {
    (
        // Home cell: c1 more often than the others, so some cells reach three members.
        (
            prop_oneof![2 => Just(0usize), 3 => 0usize..5],
            -2000i64..700,
            option::of(0u64..500),
        ),
        option::weighted(0.3, (1u64..700, 0usize..5)),
        option::weighted(
            0.25,
            (select(LeaveKind::ALL), -300i64..700, option::of(0u64..300)),
        ),
        option::weighted(0.2, 1u64..700),
        proptest::bool::weighted(0.3),
        proptest::array::uniform3(0u8..8),
    )
}

fn make_member(i: usize, raw: &RawMember) -> (MemberRecord, Option<chibo::AdmissionRecord>) {
    let &((c1, admit, official), moved, leave_draw, exit_after, here, _) = raw;
    let id = format!("m{i}");
    let admitted = base(admit);
    let home = CELLS[c1].0;
    let from1 = founded(home).map_or(admitted, |f| f.max(admitted));
    let mut postings = vec![posting(home, from1)];
    let mut last_from = from1;
    if let Some((after, c2)) = moved {
        let to = CELLS[c2].0;
        let from2 = plus(from1, after);
        let from2 = founded(to).map_or(from2, |f| f.max(from2));
        postings[0] = posting_until(home, from1, from2.pred_opt().unwrap());
        postings.push(posting(to, from2));
        last_from = from2;
    }
    let m = MemberRecord {
        id: id.clone(),
        name: None,
        admitted_on: admitted,
        official_on: official.map(|n| plus(admitted, n)),
        postings,
        leaves: leave_draw
            .map(|(kind, from, len)| leave(kind, base(from), len.map(|l| plus(base(from), l))))
            .into_iter()
            .collect(),
        exit: exit_after.map(|n| exit(plus(last_from, n), ExitReason::TransferredOut)),
    };
    // A cell admits only on a day it exists.
    let alive = founded(home).is_none_or(|f| f <= admitted);
    let a = (here && alive).then(|| admission(&id, home, admitted));
    (m, a)
}

/// Where `m` stands with `cell` on `date`, from the record (no temporary postings here).
fn standing(m: &MemberRecord, cell: &str, date: NaiveDate) -> Option<Option<LeaveKind>> {
    let last = m
        .exit
        .as_ref()
        .and_then(|e| e.on.pred_opt())
        .unwrap_or(NaiveDate::MAX);
    let listed = m.postings.iter().any(|p| {
        p.cell == cell && p.from <= date && date <= p.until.unwrap_or(NaiveDate::MAX).min(last)
    });
    listed.then(|| {
        m.leaves
            .iter()
            .find(|l| l.from <= date && date <= l.until.unwrap_or(NaiveDate::MAX))
            .map(|l| l.kind)
    })
}

/// The attendance of a meeting of `cell` on `date`, marks drawn from `seed`.
fn attendance(
    members: &[MemberRecord],
    cell: &str,
    date: NaiveDate,
    seed: u64,
    totals: bool,
) -> chibo::Attendance {
    let mut roll: Vec<(&str, Presence)> = Vec::new();
    for (i, m) in members.iter().enumerate() {
        let bits = (seed >> ((3 * i) % 60)) & 7;
        match standing(m, cell, date) {
            Some(None) => roll.push((
                m.id.as_str(),
                match bits {
                    0 => Presence::AbsentWithReason,
                    1 => Presence::AbsentWithoutReason,
                    _ => Presence::Present,
                },
            )),
            Some(Some(LeaveKind::Exempted)) if bits >= 6 => {
                roll.push((m.id.as_str(), Presence::Present));
            }
            _ => {}
        }
    }
    if totals {
        let n = |p: Presence| roll.iter().filter(|(_, x)| *x == p).count() as u32;
        counts(
            roll.len() as u32,
            n(Presence::Present),
            n(Presence::AbsentWithReason),
            n(Presence::AbsentWithoutReason),
        )
    } else {
        roll_call(&roll)
    }
}

/// Faults of a meeting, one bit each.
fn apply_faults(m: &mut MeetingRecord, f: u16) {
    let on = |bit: u16| f & (1 << bit) != 0;
    m.preparation.content_prepared &= !on(0);
    if on(1) {
        m.preparation.committee_met = Some(false);
    }
    if on(2) {
        m.preparation.committee_met = None;
    }
    m.preparation.draft_resolution &= !on(3);
    m.minutes_kept &= !on(4);
    m.principles_observed &= !on(5);
    m.conclusion_carried_out &= !on(6);
    m.content.follows_programme &= !on(7);
    m.content.last_month_reviewed &= !on(8);
    if on(9) {
        m.content.directives_adapted = None;
    }
    if on(10) {
        m.content.directives_adapted = Some(false);
    }
    if on(11) {
        m.duration_minutes = 60;
    }
    if on(12) {
        m.self_assessment = None;
    }
    if on(13) {
        m.content.linked_to = Reference::ALL.to_vec();
    }
    if on(14) {
        m.content.tasks_with_owner_and_deadline = 1;
    }
    if on(15) {
        m.content.tasks = 0;
        m.content.tasks_with_owner_and_deadline = 0;
    }
}

/// One cell-month's meetings: an optional regular one (day, combined?, totals only?, faults,
/// marks) and an optional thematic or other one (day, other?, faults, marks).
type RawSlot = (
    Option<(u32, bool, bool, u16, u64)>,
    Option<(u32, bool, u16, u64)>,
);

fn faults() -> impl Strategy<Value = u16> {
    prop_oneof![3 => Just(0u16), 1 => any::<u16>()]
}

fn raw_slot() -> impl Strategy<Value = RawSlot> {
    (
        option::weighted(
            0.85,
            (
                1u32..=28,
                proptest::bool::weighted(0.15),
                proptest::bool::weighted(0.1),
                faults(),
                any::<u64>(),
            ),
        ),
        option::weighted(
            0.3,
            (
                1u32..=28,
                proptest::bool::weighted(0.2),
                faults(),
                any::<u64>(),
            ),
        ),
    )
}

/// The first day of month `k` of the window (0 = July 2020).
fn month_start(k: u32) -> NaiveDate {
    d(2020, 7, 1)
        .checked_add_months(chrono::Months::new(k))
        .unwrap()
}

fn alive(cell: &str, date: NaiveDate) -> bool {
    founded(cell).is_none_or(|f| f <= date)
}

/// Whether `m` may be rated for `year` (QĐ 132: no six-month rule before 2023).
fn may_be_rated(m: &MemberRecord, year: i32) -> bool {
    let end = d(year, 12, 31);
    let last = m
        .exit
        .as_ref()
        .and_then(|e| e.on.pred_opt())
        .map_or(end, |x| x.min(end));
    if m.admitted_on > last || last.year() != year {
        return false;
    }
    !m.leaves
        .iter()
        .any(|l| l.from <= last && last <= l.until.unwrap_or(NaiveDate::MAX))
}

fn level(code: u8) -> Option<RatingLevel> {
    match code {
        2 => Some(RatingLevel::Excellent),
        3..=5 => Some(RatingLevel::Good),
        6 => Some(RatingLevel::Completed),
        7 => Some(RatingLevel::NotCompleted),
        _ => None,
    }
}

/// A generated dataset and the period to evaluate it over.
#[derive(Debug, Clone)]
struct Case {
    records: Records,
    period: Period,
}

fn case() -> impl Strategy<Value = Case> {
    (
        proptest::collection::vec(raw_member(), 0..12),
        proptest::collection::vec(raw_slot(), CELLS.len() * MONTHS as usize),
        proptest::collection::vec(0u8..8, CELLS.len() * 3),
        (0i64..500, 0u64..760),
    )
        .prop_map(|(raw_members, slots, cell_ratings, (start, len))| {
            let mut members = Vec::new();
            let mut admissions = Vec::new();
            for (i, raw) in raw_members.iter().enumerate() {
                let (m, a) = make_member(i, raw);
                members.push(m);
                admissions.extend(a);
            }
            let mut meetings = Vec::new();
            for (j, (regular, extra)) in slots.iter().enumerate() {
                let (cell, _) = CELLS[j % CELLS.len()];
                let k = (j / CELLS.len()) as u32;
                let first = month_start(k);
                if let Some((day, combined, totals, f, seed)) = *regular {
                    let date = first.with_day(day).unwrap();
                    if alive(cell, date) {
                        let kind = if combined {
                            MeetingKind::Combined
                        } else {
                            MeetingKind::Regular
                        };
                        let att = attendance(&members, cell, date, seed, totals);
                        let mut m = meeting(&format!("r-{cell}-{k}"), cell, date, kind, att);
                        apply_faults(&mut m, f);
                        meetings.push(m);
                    }
                }
                if let Some((day, other, f, seed)) = *extra {
                    let date = first.with_day(day).unwrap();
                    if alive(cell, date) {
                        let kind = if other {
                            MeetingKind::Other
                        } else {
                            MeetingKind::Thematic
                        };
                        let att = attendance(&members, cell, date, seed, false);
                        let mut m = meeting(&format!("t-{cell}-{k}"), cell, date, kind, att);
                        apply_faults(&mut m, f);
                        meetings.push(m);
                    }
                }
            }
            let mut ratings = Vec::new();
            for (m, raw) in members.iter().zip(&raw_members) {
                for (y, &code) in (2020..=2022).zip(raw.5.iter()) {
                    match (code, level(code)) {
                        (0, _) => {}
                        (_, Some(l)) if may_be_rated(m, y) => ratings.push(rating(&m.id, y, l)),
                        _ => ratings.push(not_rated(&m.id, y, NotRatedReason::OnLeave)),
                    }
                }
            }
            for (i, &code) in cell_ratings.iter().enumerate() {
                let (c, _) = CELLS[i % CELLS.len()];
                let y = 2020 + (i / CELLS.len()) as i32;
                match level(code) {
                    Some(l) => ratings.push(org_rating(c, y, l)),
                    None if code == 1 => ratings.push(RatingRecord {
                        result: RatingResult::NotRated(NotRatedReason::NewOrDissolved),
                        ..org_rating(c, y, RatingLevel::Good)
                    }),
                    None => {}
                }
            }
            let start = base(start);
            Case {
                records: Records {
                    organisations: tree(),
                    members,
                    meetings,
                    ratings,
                    admissions,
                },
                period: Period::new(start, plus(start, len)).unwrap(),
            }
        })
}

fn build(records: &Records) -> Result<Dataset, TestCaseError> {
    Dataset::build(records).map_err(|e| TestCaseError::fail(format!("does not build:\n{e}")))
}

fn eval<'d>(data: &'d Dataset, set: &CriteriaSet, period: Period) -> Evaluation<'d> {
    evaluate(data, set, period, None).unwrap()
}

/// `records` with every list shuffled by `seed`, roll calls and postings included.
fn shuffled(records: &Records, seed: u64) -> Records {
    let mut s = Shuffler(seed | 1);
    let mut r = records.clone();
    s.shuffle(&mut r.organisations);
    s.shuffle(&mut r.members);
    for m in &mut r.members {
        s.shuffle(&mut m.postings);
    }
    s.shuffle(&mut r.meetings);
    for m in &mut r.meetings {
        if let chibo::Attendance::RollCall(entries) = &mut m.attendance {
            s.shuffle(entries);
        }
    }
    s.shuffle(&mut r.ratings);
    s.shuffle(&mut r.admissions);
    r
}

/// Fails on the first finding that differs, then on the whole evaluation.
fn same(a: &Evaluation, b: &Evaluation) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.findings().len(), b.findings().len());
    for (x, y) in a.findings().zip(b.findings()) {
        prop_assert_eq!(x, y);
    }
    prop_assert_eq!(a, b);
    Ok(())
}

fn percent(hundredths: u32) -> Decimal {
    Decimal::new(i64::from(hundredths.min(10_000)), 2)
}

fn local(comparison: Comparison, hundredths: u32) -> Target {
    Target::new(comparison, percent(hundredths), Provenance::Local).unwrap()
}

proptest! {
    // No regression file: a failure prints its minimal case instead.
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_finding_is_a_ratio_in_the_unit_interval(case in case()) {
        let data = build(&case.records)?;
        let ev = eval(&data, &CriteriaSet::de_an_16(), case.period);
        for f in ev.findings() {
            prop_assert!(f.measure.numerator <= f.measure.denominator, "{f:?}");
            match f.measure.rate() {
                None => {
                    prop_assert_eq!(f.measure.denominator, 0);
                    prop_assert!(
                        matches!(f.verdict, Verdict::NotApplicable | Verdict::NotAssessable),
                        "{:?}", f
                    );
                    prop_assert!(f.reason.is_some());
                }
                Some(rate) => {
                    prop_assert!(Decimal::ZERO <= rate && rate <= Decimal::ONE, "{f:?}");
                    prop_assert!(f.reason.is_none(), "{f:?}");
                }
            }
            match f.criterion.definition().span {
                // A period without a 31 December: one not-applicable finding over the period.
                chibo::Span::RatingYear
                    if !case
                        .period
                        .years()
                        .any(|y| Period::year(y).is_some_and(|p| case.period.contains(p.end()))) =>
                {
                    prop_assert_eq!(f.period, case.period);
                    prop_assert_eq!(f.verdict, Verdict::NotApplicable);
                }
                chibo::Span::RatingYear => {
                    prop_assert_eq!(Some(f.period), Period::year(f.period.start().year()));
                    prop_assert!(case.period.contains(f.period.end()));
                }
                _ => prop_assert!(case.period.covers(&f.period), "{:?}", f.period),
            }
        }
        let a = ev.accounting();
        for acc in [a.organisations, a.members, a.meetings, a.ratings, a.admissions] {
            prop_assert_eq!(
                acc.given,
                acc.used + acc.outside_period + acc.outside_scope + acc.not_counted
            );
        }
        prop_assert_eq!(a.meetings.given, case.records.meetings.len() as u64);
    }

    /// Shuffling every list (organisations, members and their postings, meetings and their
    /// roll calls, ratings, admissions) changes nothing, down to the order of the members named.
    #[test]
    fn shuffled_records_evaluate_the_same(case in case(), seed in any::<u64>()) {
        let set = CriteriaSet::de_an_16();
        let (data, other) = (build(&case.records)?, build(&shuffled(&case.records, seed))?);
        let ev = eval(&data, &set, case.period);
        let again = eval(&other, &set, case.period);
        same(&ev, &again)?;
    }

    #[test]
    fn each_level_is_the_sum_of_the_judged_units_below(case in case()) {
        let data = build(&case.records)?;
        let ev = eval(&data, &CriteriaSet::de_an_16(), case.period);
        assert_levels_sum(&data, &ev);
    }

    #[test]
    fn a_regular_meeting_in_a_missing_month_never_lowers_i01(
        case in case(),
        pick in any::<Index>(),
        seed in any::<u64>(),
    ) {
        let held = |cell: &str, month: chibo::Month| {
            case.records.meetings.iter().any(|m| {
                m.cell == cell && m.kind.is_regular() && chibo::Month::of(m.date) == month
            })
        };
        let missing: Vec<(&str, chibo::Month)> = CELLS
            .iter()
            .flat_map(|&(c, _)| case.period.full_months().map(move |m| (c, m)))
            .filter(|&(c, m)| alive(c, m.first_day()) && !held(c, m))
            .collect();
        prop_assume!(!missing.is_empty());
        let (c, m) = missing[pick.index(missing.len())];
        let date = m.first_day().with_day(15).unwrap();
        let mut more = case.records.clone();
        let att = attendance(&more.members, c, date, seed, false);
        more.meetings.push(meeting("added", c, date, MeetingKind::Regular, att));
        let set = CriteriaSet::de_an_16();
        let (data, more) = (build(&case.records)?, build(&more)?);
        let before = eval(&data, &set, case.period);
        let after = eval(&more, &set, case.period);
        fn i01<'a>(ev: &'a Evaluation<'_>) -> Vec<chibo::Finding<'a>> {
            ev.findings()
                .filter(|f| f.criterion == Criterion::MonthlyRegularMeeting)
                .collect()
        }
        let (b, a) = (i01(&before), i01(&after));
        prop_assert_eq!(b.len(), a.len());
        let mut rose = false;
        for (b, a) in b.iter().zip(&a) {
            prop_assert_eq!((&b.unit, b.period), (&a.unit, a.period));
            prop_assert_eq!(b.measure.denominator, a.measure.denominator);
            prop_assert!(a.measure.numerator >= b.measure.numerator, "{b:?} → {a:?}");
            rose |= a.measure.numerator > b.measure.numerator;
            if b.verdict == Verdict::Strength {
                prop_assert_eq!(a.verdict, Verdict::Strength);
            }
        }
        // The month was owed: if it was the cell's only gap that year, the cell now passes.
        let cell_after = a
            .iter()
            .find(|f| &*f.unit.id == c && f.period.contains(date))
            .unwrap();
        if cell_after.shortfalls.is_empty() {
            prop_assert!(rose);
        }
    }

    #[test]
    fn a_tighter_target_never_turns_a_shortcoming_into_a_strength(
        case in case(),
        criterion in select(Criterion::ALL),
        loose in 0u32..=10_000,
        step in prop_oneof![1 => Just(0u32), 3 => 0u32..3000],
        more_than in proptest::array::uniform2(any::<bool>()),
    ) {
        let cmp = |m: bool| if m { Comparison::MoreThan } else { Comparison::AtLeast };
        let tight = (loose + step).min(10_000);
        // At the same percentage, "more than" is at least as tight as "at least".
        let (c_loose, c_tight) = if tight == loose {
            (cmp(more_than[0] && more_than[1]), cmp(more_than[1]))
        } else {
            (cmp(more_than[0]), cmp(more_than[1]))
        };
        let data = build(&case.records)?;
        let mut set = CriteriaSet::de_an_16();
        set.set_target(criterion, Some(local(c_loose, loose)));
        let a = eval(&data, &set, case.period);
        set.set_target(criterion, Some(local(c_tight, tight)));
        let b = eval(&data, &set, case.period);
        let mine = |ev| -> Vec<chibo::Finding> {
            Evaluation::findings(ev)
                .filter(|f| f.criterion == criterion)
                .collect()
        };
        for (a, b) in mine(&a).iter().zip(&mine(&b)) {
            prop_assert_eq!(a.measure, b.measure);
            if a.verdict == Verdict::Shortcoming {
                prop_assert_ne!(b.verdict, Verdict::Strength, "{:?} then {:?}", a, b);
            }
            if b.verdict == Verdict::Strength {
                prop_assert_eq!(a.verdict, Verdict::Strength);
            }
        }
        prop_assert_eq!(mine(&a).len(), mine(&b).len());
    }

    #[test]
    fn the_tally_path_finds_the_same_measures_above_the_cells(case in case()) {
        let data = build(&case.records)?;
        let set = CriteriaSet::de_an_16();
        let ev = eval(&data, &set, case.period);
        let mut tallies = ev.tallies_at(OrgLevel::Cell);
        tallies.extend(ev.tallies_at(OrgLevel::GrassrootsCell));
        // R03 judges grassroots organisations: a party committee's own figure is its tally.
        tallies.extend(
            ev.tallies_at(OrgLevel::PartyCommittee)
                .into_iter()
                .filter(|t| t.criterion == Criterion::ExcellentCap),
        );
        let from_tallies = evaluate_tally(&data, &tallies, &set, case.period, None).unwrap();
        prop_assert_eq!(ev.findings().len(), from_tallies.findings().len());
        for (a, b) in ev.findings().zip(from_tallies.findings()) {
            prop_assert_eq!((a.criterion, &a.unit, a.period), (b.criterion, &b.unit, b.period));
            if a.unit.level.is_cell() {
                continue;
            }
            prop_assert_eq!(a.measure, b.measure, "{} at {}", a.criterion, a.unit.id);
            if a.measure.denominator > 0 {
                prop_assert_eq!(a.total, b.total);
                prop_assert_eq!(a.verdict, b.verdict);
            }
        }
    }
}
