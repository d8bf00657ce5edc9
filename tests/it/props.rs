//! Properties of `Dataset::build` on arbitrary records: it never panics, an error always lists
//! its problems in location order, and neither validity nor the result depends on the order
//! the records come in.

use chibo::{
    AdmissionRecord, Attendance, AttendanceCounts, CellKind, Content, Dataset, Exit, ExitReason,
    Leave, LeaveKind, MeetingKind, MeetingRecord, MemberRecord, NotRatedReason, OrgLevel,
    OrganisationRecord, Posting, Presence, RatingLevel, RatingRecord, RatingResult, RatingSubject,
    Records, RollCallEntry, SelfAssessment,
};
use chrono::{Datelike, Days, Months, NaiveDate};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

use crate::fixtures::*;

/// Organisation ids: mostly well formed, some malformed, one never defined ("zz").
fn org_id() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => select(&["o0", "o1", "o2", "o3", "o4"][..]),
        1 => select(&["", " o5", "zz"][..]),
    ]
    .prop_map(String::from)
}

/// Member ids: mostly well formed, some malformed, one never defined ("zz").
fn member_id() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => select(&["m0", "m1", "m2", "m3", "m4"][..]),
        1 => select(&["", "m5 ", "zz"][..]),
    ]
    .prop_map(String::from)
}

/// Dates over a few years, and now and then the extremes chrono can hold.
fn date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        30 => (0u64..2600).prop_map(|n| d(2018, 1, 1).checked_add_days(Days::new(n)).unwrap()),
        1 => Just(NaiveDate::MIN),
        1 => Just(NaiveDate::MAX),
    ]
}

fn organisation() -> impl Strategy<Value = OrganisationRecord> {
    (
        org_id(),
        select(OrgLevel::ALL),
        option::weighted(0.7, org_id()),
        option::of(select(CellKind::ALL)),
        option::weighted(0.2, date()),
        option::weighted(0.2, date()),
    )
        .prop_map(
            |(id, level, parent, kind, founded_on, dissolved_on)| OrganisationRecord {
                name: format!("Tổ chức {id}"),
                id,
                level,
                parent,
                kind,
                founded_on,
                dissolved_on,
            },
        )
}

fn posting_strategy() -> impl Strategy<Value = Posting> {
    (
        org_id(),
        date(),
        option::weighted(0.4, date()),
        proptest::bool::weighted(0.2),
    )
        .prop_map(|(cell, from, until, temporary)| Posting {
            cell,
            from,
            until,
            temporary,
        })
}

fn leave_strategy() -> impl Strategy<Value = Leave> {
    (select(LeaveKind::ALL), date(), option::of(date())).prop_map(|(kind, from, until)| Leave {
        kind,
        from,
        until,
    })
}

fn member_strategy() -> impl Strategy<Value = MemberRecord> {
    (
        member_id(),
        date(),
        option::of(date()),
        vec(posting_strategy(), 0..3),
        vec(leave_strategy(), 0..2),
        option::weighted(0.2, (date(), select(ExitReason::ALL))),
    )
        .prop_map(
            |(id, admitted_on, official_on, postings, leaves, exit)| MemberRecord {
                id,
                name: None,
                admitted_on,
                official_on,
                postings,
                leaves,
                exit: exit.map(|(on, reason)| Exit { on, reason }),
            },
        )
}

fn attendance() -> impl Strategy<Value = Attendance> {
    prop_oneof![
        vec((member_id(), select(Presence::ALL)), 0..5).prop_map(|roll| {
            Attendance::RollCall(
                roll.into_iter()
                    .map(|(member, presence)| RollCallEntry { member, presence })
                    .collect(),
            )
        }),
        (0u32..6, 0u32..6, 0u32..3, 0u32..3).prop_map(|(expected, present, with, without)| {
            Attendance::Counts(AttendanceCounts {
                expected,
                present,
                absent_with_reason: with,
                absent_without_reason: without,
            })
        }),
    ]
}

fn meeting_strategy() -> impl Strategy<Value = MeetingRecord> {
    (
        select(&["g0", "g1", "g2", "g3", " g"][..]),
        org_id(),
        date(),
        select(MeetingKind::ALL),
        attendance(),
        0u16..4,
        0u16..4,
        option::of(0u8..=120),
    )
        .prop_map(
            |(id, cell, date, kind, attendance, tasks, concrete, score)| {
                let mut m = meeting(id, &cell, date, kind, attendance);
                m.content = Content {
                    tasks,
                    tasks_with_owner_and_deadline: concrete,
                    ..m.content
                };
                m.self_assessment = score.map(|s| SelfAssessment {
                    level: None,
                    score: Some(s),
                });
                m
            },
        )
}

fn rating_strategy() -> impl Strategy<Value = RatingRecord> {
    (
        prop_oneof![
            3 => member_id().prop_map(RatingSubject::Member),
            1 => org_id().prop_map(RatingSubject::Organisation),
        ],
        prop_oneof![
            10 => 2018i32..2027,
            1 => select(&[i32::MIN, -1, 0, 262_143, i32::MAX][..]),
        ],
        prop_oneof![
            select(RatingLevel::ALL).prop_map(RatingResult::Rated),
            select(NotRatedReason::ALL).prop_map(RatingResult::NotRated),
        ],
        option::of(any::<bool>()),
    )
        .prop_map(|(subject, year, result, disciplined)| RatingRecord {
            subject,
            year,
            result,
            disciplined,
        })
}

fn admission_strategy() -> impl Strategy<Value = AdmissionRecord> {
    (member_id(), org_id(), date()).prop_map(|(member, cell, date)| AdmissionRecord {
        member,
        cell,
        date,
    })
}

fn records() -> impl Strategy<Value = Records> {
    (
        vec(organisation(), 0..6),
        vec(member_strategy(), 0..5),
        vec(meeting_strategy(), 0..4),
        vec(rating_strategy(), 0..4),
        vec(admission_strategy(), 0..3),
    )
        .prop_map(
            |(organisations, members, meetings, ratings, admissions)| Records {
                organisations,
                members,
                meetings,
                ratings,
                admissions,
            },
        )
}

/// `records` with each list shuffled by `seed`.
fn shuffled(records: &Records, seed: u64) -> Records {
    let mut s = Shuffler(seed | 1);
    let mut r = records.clone();
    s.shuffle(&mut r.organisations);
    s.shuffle(&mut r.members);
    s.shuffle(&mut r.meetings);
    s.shuffle(&mut r.ratings);
    s.shuffle(&mut r.admissions);
    r
}

/// Every (member, organisation) pair of `records` with where the member stood on `dates`.
fn expectations(
    data: &Dataset,
    records: &Records,
    dates: &[NaiveDate],
) -> Vec<Option<chibo::Expectation>> {
    let mut out = Vec::new();
    for m in &records.members {
        for o in &records.organisations {
            for &day in dates {
                out.push(data.expectation(&m.id, &o.id, day));
            }
        }
    }
    out
}

/// Checks one set of records; returns whether it built.
fn check(records: &Records, seed: u64) -> Result<bool, TestCaseError> {
    let again = Dataset::build(&shuffled(records, seed));
    match Dataset::build(records) {
        Err(e) => {
            prop_assert!(!e.problems.is_empty());
            prop_assert!(
                e.problems
                    .windows(2)
                    .all(|w| w[0].location <= w[1].location),
                "problems out of order: {e}"
            );
            prop_assert!(again.is_err(), "valid once shuffled: {e}");
            Ok(false)
        }
        Ok(data) => {
            let Ok(again) = again else {
                return Err(TestCaseError::fail("invalid once shuffled"));
            };
            let n = data.counts();
            prop_assert_eq!(n, again.counts());
            prop_assert_eq!(n.organisations, records.organisations.len() as u64);
            prop_assert_eq!(n.members, records.members.len() as u64);
            prop_assert_eq!(n.meetings, records.meetings.len() as u64);
            prop_assert_eq!(n.ratings, records.ratings.len() as u64);
            prop_assert_eq!(n.admissions, records.admissions.len() as u64);
            let mut dates: Vec<NaiveDate> = records
                .members
                .iter()
                .flat_map(|m| m.postings.iter().map(|p| p.from))
                .chain(records.meetings.iter().map(|m| m.date))
                .collect();
            dates.push(d(2021, 1, 1));
            prop_assert_eq!(
                expectations(&data, records, &dates),
                expectations(&again, records, &dates)
            );
            Ok(true)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Records valid by construction: a fixed tree, members with consecutive postings, leaves and
// exits, meetings whose roll calls or totals are worked out from the members, ratings that
// respect the rules, admissions that agree with the members. Random records rarely build; these
// always should, which exercises the `Ok` side of the properties.

/// The tree: a district over a party committee (two cells and a sub-committee with one) and a
/// grassroots cell.
fn tree() -> Vec<OrganisationRecord> {
    vec![
        org("o0", OrgLevel::District, None),
        org("o1", OrgLevel::PartyCommittee, Some("o0")),
        org("o2", OrgLevel::GrassrootsCell, Some("o0")),
        cell("o3", "o1"),
        cell("o4", "o1"),
        org("o5", OrgLevel::SubCommittee, Some("o1")),
        cell("o6", "o5"),
    ]
}

const TREE_CELLS: [&str; 4] = ["o2", "o3", "o4", "o6"];

/// 2015-01-01 plus `n` days.
fn day(n: u64) -> NaiveDate {
    d(2015, 1, 1).checked_add_days(Days::new(n)).unwrap()
}

/// A member's raw draw: admission, official delay, first posting (cell, start delay), an
/// optional second posting (first's length, gap, cell, optional length), an optional leave
/// (kind, start, optional length), an optional exit delay, and an admission flag.
type RawMember = (
    (u64, Option<u64>, usize, u64),
    Option<(u64, u64, usize, Option<u64>)>,
    Option<(LeaveKind, u64, Option<u64>)>,
    Option<u64>,
    bool,
);

fn raw_member() -> impl Strategy<Value = RawMember> {
    (
        (0u64..1500, option::of(0u64..600), 0usize..4, 0u64..200),
        option::of((0u64..800, 0u64..60, 0usize..4, option::of(0u64..800))),
        option::of((select(LeaveKind::ALL), 0u64..2500, option::of(0u64..400))),
        option::weighted(0.3, 1u64..400),
        any::<bool>(),
    )
}

fn valid_member(i: usize, raw: &RawMember) -> (MemberRecord, Option<AdmissionRecord>) {
    let &((admit, official, c1, start), second, leave_draw, exit_delay, admitted_here) = raw;
    let id = format!("m{i}");
    let admitted = day(admit);
    let from1 = day(admit + start);
    let mut postings = vec![posting(TREE_CELLS[c1], from1)];
    let mut last = from1;
    if let Some((len1, gap, c2, len2)) = second {
        let until1 = day(admit + start + len1);
        postings[0].until = Some(until1);
        let from2 = day(admit + start + len1 + 1 + gap);
        let mut p = posting(TREE_CELLS[c2], from2);
        last = from2;
        if let Some(len2) = len2 {
            p.until = Some(day(admit + start + len1 + 1 + gap + len2));
            last = p.until.unwrap();
        }
        postings.push(p);
    }
    let leaves = leave_draw
        .map(|(kind, from, len)| leave(kind, day(admit + from), len.map(|l| day(admit + from + l))))
        .into_iter()
        .collect();
    let exit = exit_delay.map(|n| Exit {
        on: last.checked_add_days(Days::new(n)).unwrap(),
        reason: ExitReason::TransferredOut,
    });
    let m = MemberRecord {
        id: id.clone(),
        name: None,
        admitted_on: admitted,
        official_on: official.map(|n| day(admit + n)),
        postings,
        leaves,
        exit,
    };
    let a = admitted_here.then(|| admission(&id, TREE_CELLS[c1], admitted));
    (m, a)
}

/// Where `m` stands with `cell` on `date`, worked out directly from the record (no temporary
/// postings here).
fn standing(m: &MemberRecord, cell: &str, date: NaiveDate) -> Option<LeaveKindOrDue> {
    let last = m
        .exit
        .as_ref()
        .and_then(|e| e.on.pred_opt())
        .unwrap_or(NaiveDate::MAX);
    let listed = m.postings.iter().any(|p| {
        p.cell == cell && p.from <= date && date <= p.until.unwrap_or(NaiveDate::MAX).min(last)
    });
    if !listed {
        return None;
    }
    let on_leave = m
        .leaves
        .iter()
        .find(|l| l.from <= date && date <= l.until.unwrap_or(NaiveDate::MAX));
    Some(match on_leave {
        None => LeaveKindOrDue::Due,
        Some(l) => LeaveKindOrDue::Leave(l.kind),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LeaveKindOrDue {
    Due,
    Leave(LeaveKind),
}

/// Whether `m` may be rated for `year`, worked out from the rules as documented.
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
    if m.leaves
        .iter()
        .any(|l| l.from <= last && last <= l.until.unwrap_or(NaiveDate::MAX))
    {
        return false;
    }
    year < 2023 || m.admitted_on.checked_add_months(Months::new(6)).unwrap() <= last
}

/// A meeting's raw draw: cell, day within its slot, kind, totals only?, and per member a mark
/// and whether an exempted member came.
type RawMeeting = (usize, u64, MeetingKind, bool, Vec<(Presence, bool)>);

fn raw_meeting() -> impl Strategy<Value = RawMeeting> {
    (
        0usize..4,
        0u64..700,
        select(MeetingKind::ALL),
        proptest::bool::weighted(0.3),
        vec((select(Presence::ALL), any::<bool>()), 6),
    )
}

fn valid_meeting(j: usize, raw: &RawMeeting, members: &[MemberRecord]) -> MeetingRecord {
    let (c, off, kind, totals_only, marks) = raw;
    let cell = TREE_CELLS[*c];
    // One slot of 700 days per meeting: no two meetings share a day.
    let date = day(700 * j as u64 + off);
    let mut roll = Vec::new();
    for (m, &(presence, came)) in members.iter().zip(marks) {
        match standing(m, cell, date) {
            Some(LeaveKindOrDue::Due) => roll.push((m.id.as_str(), presence)),
            Some(LeaveKindOrDue::Leave(LeaveKind::Exempted)) if came => {
                roll.push((m.id.as_str(), Presence::Present));
            }
            _ => {}
        }
    }
    let attendance = if *totals_only {
        let n = |p: Presence| roll.iter().filter(|(_, x)| *x == p).count() as u32;
        counts(
            roll.len() as u32,
            n(Presence::Present),
            n(Presence::AbsentWithReason),
            n(Presence::AbsentWithoutReason),
        )
    } else {
        roll_call(&roll)
    };
    meeting(&format!("g{j}"), cell, date, *kind, attendance)
}

fn valid_records() -> impl Strategy<Value = Records> {
    (
        vec(raw_member(), 0..6),
        vec(raw_meeting(), 0..5),
        vec((0usize..6, 2018i32..2027, select(RatingLevel::ALL)), 0..8),
        vec((0usize..7, 2018i32..2027, select(RatingLevel::ALL)), 0..4),
    )
        .prop_map(|(raw_members, raw_meetings, member_ratings, org_ratings)| {
            let mut members = Vec::new();
            let mut admissions = Vec::new();
            for (i, raw) in raw_members.iter().enumerate() {
                let (m, a) = valid_member(i, raw);
                members.push(m);
                admissions.extend(a);
            }
            let meetings = raw_meetings
                .iter()
                .enumerate()
                .map(|(j, raw)| valid_meeting(j, raw, &members))
                .collect();
            let mut ratings: Vec<RatingRecord> = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for (i, year, level) in member_ratings {
                let Some(m) = members.get(i) else { continue };
                if !seen.insert((true, i, year)) {
                    continue;
                }
                ratings.push(if may_be_rated(m, year) {
                    rating(&m.id, year, level)
                } else {
                    not_rated(&m.id, year, NotRatedReason::OnLeave)
                });
            }
            let orgs = tree();
            for (i, year, level) in org_ratings {
                if seen.insert((false, i, year)) {
                    ratings.push(org_rating(&orgs[i].id, year, level));
                }
            }
            Records {
                organisations: orgs,
                members,
                meetings,
                ratings,
                admissions,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn records_valid_by_construction_build_in_any_order(
        records in valid_records(),
        seed in any::<u64>(),
    ) {
        if let Err(e) = Dataset::build(&records) {
            return Err(TestCaseError::fail(format!("{e}")));
        }
        prop_assert!(check(&records, seed)?);
    }

    #[test]
    fn arbitrary_records_build_or_list_their_problems(
        records in records(),
        seed in any::<u64>(),
    ) {
        check(&records, seed)?;
    }

    #[test]
    fn fixture_builds_the_same_in_any_order(seed in any::<u64>()) {
        prop_assert!(check(&small_district(), seed)?);
    }
}
