//! Builders for valid records, and a small valid district to start tests from.
//!
//! Every helper returns a record that is valid on its own; `small_district` returns a whole
//! [`Records`] that builds without problems. Tests start from it and inject one fault at a time.
//!
//! The district (all dates in 2021 unless said otherwise):
//!
//! ```text
//! huyen-lb (District)
//! ├── xa-a (PartyCommittee)
//! │   ├── a1 (Cell)  a1-1 a1-2 a1-3, a1-4 exempted (miễn sinh hoạt) from 2020-01-01
//! │   └── a2 (Cell)  a2-1 a2-2 a2-3, a2-4 moves to b2 on 02-16 (posting at a2 until 02-15)
//! ├── xa-b (PartyCommittee)
//! │   ├── b1 (Cell)  b1-1 b1-2, b1-3 dies on 03-01, b1-4 suspended 02-01..=02-28
//! │   └── b2 (Cell)  b2-1 (temporarily at truong 02-01..=02-28) b2-2 b2-3 b2-4
//! └── truong (GrassrootsCell, founded 2020-01-01)
//!                    t-1 t-2 (posted from 2020-01-01), t-3 admitted 09-01 (probationary)
//! ```
//!
//! Meetings: a regular meeting in every cell on the 5th of January, February and March 2021
//! (ids `sh-<cell>-2021-0<m>`, pushed month by month in the cell order above; all roll calls,
//! except b2 in March, which records totals only), and a thematic meeting in a1 on 2021-03-20.
//! Every meeting meets every standard. Ratings: every member for 2021 (a1-4 not rated, as
//! exempted), and xa-a, xa-b and truong for 2021. One admission: t-3 by truong on 2021-09-01.

// A shared toolbox: not every test module uses every helper.
#![allow(dead_code)]

use chibo::{
    AdmissionRecord, Attendance, AttendanceCounts, CellKind, Content, Exit, ExitReason, Leave,
    LeaveKind, MeetingKind, MeetingQuality, MeetingRecord, MemberRecord, NotRatedReason, OrgLevel,
    OrganisationRecord, Period, Posting, Preparation, Presence, RatingLevel, RatingRecord,
    RatingResult, RatingSubject, Records, Reference, RollCallEntry, SelfAssessment,
};
use chibo::{Criterion, Dataset, Evaluation, Finding, Location, RecordKind};
use chrono::NaiveDate;

/// The district's id.
pub const DISTRICT: &str = "huyen-lb";
/// The first commune party committee (đảng bộ xã), over cells a1 and a2.
pub const COMMUNE_A: &str = "xa-a";
/// The second commune party committee, over cells b1 and b2.
pub const COMMUNE_B: &str = "xa-b";
/// The grassroots cell (chi bộ cơ sở), founded on 2020-01-01.
pub const SCHOOL: &str = "truong";
/// The five cells, in the order their meetings are pushed each month.
pub const CELLS: [&str; 5] = ["a1", "a2", "b1", "b2", SCHOOL];
/// The months (of 2021) with a regular meeting in every cell, each on the 5th.
pub const MONTHS: [u32; 3] = [1, 2, 3];
/// Member of a1 exempted from party activity (miễn sinh hoạt) from 2020-01-01 on, open-ended.
pub const EXEMPTED: &str = "a1-4";
/// Member of a2 who moves to b2: posted at a2 until 2021-02-15, at b2 from 2021-02-16.
pub const TRANSFERRED: &str = "a2-4";
/// The day [`TRANSFERRED`] starts at b2.
pub const TRANSFER_DAY: (i32, u32, u32) = (2021, 2, 16);
/// Member of b1 who died on 2021-03-01 (exit day: not a member from that day on).
pub const DIED: &str = "b1-3";
/// Member of b1 suspended (đình chỉ sinh hoạt) from 2021-02-01 to 2021-02-28.
pub const SUSPENDED: &str = "b1-4";
/// Member of b2 meeting temporarily at truong from 2021-02-01 to 2021-02-28.
pub const TEMPORARY: &str = "b2-1";
/// Member admitted by truong on 2021-09-01, still probationary; rated for 2021 under QĐ 132.
pub const NEWCOMER: &str = "t-3";
/// The thematic meeting's id (a1, 2021-03-20).
pub const THEMATIC: &str = "cd-a1-2021-03";

/// A date; panics if it does not exist.
pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_else(|| panic!("no such date {y}-{m}-{day}"))
}

/// The period 2021-01-01 to 2021-03-31, which the fixture's meetings cover.
pub fn q1_2021() -> Period {
    Period::new(d(2021, 1, 1), d(2021, 3, 31)).unwrap()
}

/// An organisation with no kind and no founding or dissolution date.
pub fn org(id: &str, level: OrgLevel, parent: Option<&str>) -> OrganisationRecord {
    OrganisationRecord {
        id: id.into(),
        name: format!("Tổ chức {id}"),
        level,
        parent: parent.map(Into::into),
        kind: None,
        founded_on: None,
        dissolved_on: None,
    }
}

/// A village cell (chi bộ trực thuộc, thôn) under `parent`.
pub fn cell(id: &str, parent: &str) -> OrganisationRecord {
    OrganisationRecord {
        name: format!("Chi bộ thôn {id}"),
        kind: Some(CellKind::Village),
        ..org(id, OrgLevel::Cell, Some(parent))
    }
}

/// An open-ended regular posting at `cell` from `from`.
pub fn posting(cell: &str, from: NaiveDate) -> Posting {
    Posting {
        cell: cell.into(),
        from,
        until: None,
        temporary: false,
    }
}

/// A regular posting at `cell` from `from` to `until`, both included.
pub fn posting_until(cell: &str, from: NaiveDate, until: NaiveDate) -> Posting {
    Posting {
        until: Some(until),
        ..posting(cell, from)
    }
}

/// A temporary posting (sinh hoạt tạm thời) at `cell` from `from` to `until`, both included.
pub fn temporary(cell: &str, from: NaiveDate, until: NaiveDate) -> Posting {
    Posting {
        temporary: true,
        ..posting_until(cell, from, until)
    }
}

/// A leave of `kind` from `from` to `until` (`None`: open-ended).
pub fn leave(kind: LeaveKind, from: NaiveDate, until: Option<NaiveDate>) -> Leave {
    Leave { kind, from, until }
}

/// An exit on `on` for `reason`.
pub fn exit(on: NaiveDate, reason: ExitReason) -> Exit {
    Exit { on, reason }
}

/// A member admitted on `admitted`, official a year later, posted at `cell` from admission on.
pub fn member(id: &str, cell: &str, admitted: NaiveDate) -> MemberRecord {
    MemberRecord {
        id: id.into(),
        name: Some(format!("Đảng viên {id}")),
        admitted_on: admitted,
        official_on: admitted.checked_add_months(chrono::Months::new(12)),
        postings: vec![posting(cell, admitted)],
        leaves: Vec::new(),
        exit: None,
    }
}

/// A probationary member (dự bị) admitted on `admitted`, posted at `cell` from that day.
pub fn probationary(id: &str, cell: &str, admitted: NaiveDate) -> MemberRecord {
    MemberRecord {
        official_on: None,
        ..member(id, cell, admitted)
    }
}

/// A roll call from `(member, mark)` pairs.
pub fn roll_call(roll: &[(&str, Presence)]) -> Attendance {
    Attendance::RollCall(
        roll.iter()
            .map(|&(member, presence)| RollCallEntry {
                member: member.into(),
                presence,
            })
            .collect(),
    )
}

/// `(member, Present)` for each of `ids`.
pub fn all_present<'a>(ids: &[&'a str]) -> Vec<(&'a str, Presence)> {
    ids.iter().map(|&id| (id, Presence::Present)).collect()
}

/// Attendance recorded as totals only (expected, present, absent with / without reason).
pub fn counts(expected: u32, present: u32, with_reason: u32, without_reason: u32) -> Attendance {
    Attendance::Counts(AttendanceCounts {
        expected,
        present,
        absent_with_reason: with_reason,
        absent_without_reason: without_reason,
    })
}

/// Preparation meeting every HD 12 and HD 42 requirement (committee met, documents ahead).
pub fn full_preparation() -> Preparation {
    Preparation {
        content_prepared: true,
        committee_met: Some(true),
        draft_resolution: true,
        documents_sent_ahead: true,
    }
}

/// Content meeting every requirement: programme followed, review done, 3 concrete tasks.
pub fn full_content() -> Content {
    Content {
        follows_programme: true,
        last_month_reviewed: true,
        tasks: 3,
        tasks_with_owner_and_deadline: 3,
        linked_to: vec![Reference::NqTw4KhoaXii, Reference::ChiThi05],
        directives_adapted: Some(true),
    }
}

/// A meeting of `kind` that meets every standard: 90 minutes (120 if combined), fully
/// prepared, minutes kept, principles observed, conclusion carried out, self-assessed good (92).
pub fn meeting(
    id: &str,
    cell: &str,
    date: NaiveDate,
    kind: MeetingKind,
    attendance: Attendance,
) -> MeetingRecord {
    MeetingRecord {
        id: id.into(),
        cell: cell.into(),
        date,
        kind,
        duration_minutes: if kind == MeetingKind::Combined {
            120
        } else {
            90
        },
        preparation: full_preparation(),
        minutes_kept: true,
        principles_observed: true,
        conclusion_carried_out: true,
        attendance,
        content: full_content(),
        self_assessment: Some(SelfAssessment {
            level: Some(MeetingQuality::Good),
            score: Some(92),
        }),
    }
}

/// A regular meeting (sinh hoạt thường kỳ) meeting every standard, with a roll call.
pub fn regular(id: &str, cell: &str, date: NaiveDate, roll: &[(&str, Presence)]) -> MeetingRecord {
    meeting(id, cell, date, MeetingKind::Regular, roll_call(roll))
}

/// A thematic meeting (sinh hoạt chuyên đề) meeting every standard, with a roll call.
pub fn thematic(id: &str, cell: &str, date: NaiveDate, roll: &[(&str, Presence)]) -> MeetingRecord {
    meeting(id, cell, date, MeetingKind::Thematic, roll_call(roll))
}

/// A member's rating at `level` for `year`.
pub fn rating(member: &str, year: i32, level: RatingLevel) -> RatingRecord {
    RatingRecord {
        subject: RatingSubject::Member(member.into()),
        year,
        result: RatingResult::Rated(level),
        disciplined: Some(false),
    }
}

/// A member's "not rated" record for `year`, with its reason.
pub fn not_rated(member: &str, year: i32, reason: NotRatedReason) -> RatingRecord {
    RatingRecord {
        result: RatingResult::NotRated(reason),
        ..rating(member, year, RatingLevel::Completed)
    }
}

/// An organisation's rating at `level` for `year`.
pub fn org_rating(org: &str, year: i32, level: RatingLevel) -> RatingRecord {
    RatingRecord {
        subject: RatingSubject::Organisation(org.into()),
        year,
        result: RatingResult::Rated(level),
        disciplined: None,
    }
}

/// The admission of `member` by `cell` on `date`.
pub fn admission(member: &str, cell: &str, date: NaiveDate) -> AdmissionRecord {
    AdmissionRecord {
        member: member.into(),
        cell: cell.into(),
        date,
    }
}

/// The id of the fixture's regular meeting of `cell` in `month` of 2021.
pub fn regular_id(cell: &str, month: u32) -> String {
    format!("sh-{cell}-2021-{month:02}")
}

/// The ids of the members on `cell`'s list in the fixture on the 5th of `month` (2021) with
/// their marks, as the fixture's roll call records them (exempted a1-4 present in January).
pub fn fixture_roll(cell: &str, month: u32) -> Vec<(&'static str, Presence)> {
    use Presence::{AbsentWithReason, AbsentWithoutReason, Present};
    match (cell, month) {
        ("a1", 1) => all_present(&["a1-1", "a1-2", "a1-3", EXEMPTED]),
        ("a1", _) => all_present(&["a1-1", "a1-2", "a1-3"]),
        ("a2", 1) => vec![
            ("a2-1", Present),
            ("a2-2", AbsentWithReason),
            ("a2-3", Present),
            (TRANSFERRED, Present),
        ],
        ("a2", 2) => all_present(&["a2-1", "a2-2", "a2-3", TRANSFERRED]),
        ("a2", _) => all_present(&["a2-1", "a2-2", "a2-3"]),
        ("b1", 1) => all_present(&["b1-1", "b1-2", DIED, SUSPENDED]),
        ("b1", 2) => vec![
            ("b1-1", Present),
            ("b1-2", AbsentWithoutReason),
            (DIED, Present),
        ],
        ("b1", _) => all_present(&["b1-1", "b1-2", SUSPENDED]),
        ("b2", 1) => all_present(&[TEMPORARY, "b2-2", "b2-3", "b2-4"]),
        ("b2", 2) => all_present(&["b2-2", "b2-3", "b2-4"]),
        ("b2", _) => all_present(&[TEMPORARY, "b2-2", "b2-3", "b2-4", TRANSFERRED]),
        (SCHOOL, 2) => all_present(&["t-1", "t-2", TEMPORARY]),
        (SCHOOL, _) => all_present(&["t-1", "t-2"]),
        _ => panic!("no cell {cell} in the fixture"),
    }
}

/// The small valid district described in this module's documentation.
pub fn small_district() -> Records {
    let mut school = org(SCHOOL, OrgLevel::GrassrootsCell, Some(DISTRICT));
    school.name = "Chi bộ Trường THCS".into();
    school.kind = Some(CellKind::PublicService);
    school.founded_on = Some(d(2020, 1, 1));
    let organisations = vec![
        org(DISTRICT, OrgLevel::District, None),
        org(COMMUNE_A, OrgLevel::PartyCommittee, Some(DISTRICT)),
        org(COMMUNE_B, OrgLevel::PartyCommittee, Some(DISTRICT)),
        cell("a1", COMMUNE_A),
        cell("a2", COMMUNE_A),
        cell("b1", COMMUNE_B),
        cell("b2", COMMUNE_B),
        school,
    ];

    let mut members = Vec::new();
    let admitted = [d(2005, 3, 2), d(2010, 5, 19), d(2015, 9, 2), d(2018, 11, 7)];
    for c in ["a1", "a2", "b1", "b2"] {
        for (n, &day) in admitted.iter().enumerate() {
            members.push(member(&format!("{c}-{}", n + 1), c, day));
        }
    }
    let find = |members: &[MemberRecord], id: &str| -> usize {
        members.iter().position(|m| m.id == id).unwrap()
    };
    let i = find(&members, EXEMPTED);
    members[i].admitted_on = d(1975, 2, 3);
    members[i].official_on = Some(d(1976, 2, 3));
    members[i].postings = vec![posting("a1", d(1975, 2, 3))];
    members[i].leaves = vec![leave(LeaveKind::Exempted, d(2020, 1, 1), None)];
    let i = find(&members, TRANSFERRED);
    members[i].postings = vec![
        posting_until("a2", d(2018, 11, 7), d(2021, 2, 15)),
        posting("b2", d(2021, 2, 16)),
    ];
    let i = find(&members, DIED);
    members[i].exit = Some(exit(d(2021, 3, 1), ExitReason::Died));
    let i = find(&members, SUSPENDED);
    members[i].leaves = vec![leave(
        LeaveKind::Suspended,
        d(2021, 2, 1),
        Some(d(2021, 2, 28)),
    )];
    let i = find(&members, TEMPORARY);
    members[i]
        .postings
        .push(temporary(SCHOOL, d(2021, 2, 1), d(2021, 2, 28)));
    for (id, admitted) in [("t-1", d(2008, 6, 1)), ("t-2", d(2012, 12, 12))] {
        let mut m = member(id, SCHOOL, admitted);
        m.postings = vec![posting(SCHOOL, d(2020, 1, 1))];
        members.push(m);
    }
    members.push(probationary(NEWCOMER, SCHOOL, d(2021, 9, 1)));

    let mut meetings = Vec::new();
    for month in MONTHS {
        for c in CELLS {
            let id = regular_id(c, month);
            let date = d(2021, month, 5);
            if (c, month) == ("b2", 3) {
                meetings.push(meeting(
                    &id,
                    c,
                    date,
                    MeetingKind::Regular,
                    counts(5, 4, 1, 0),
                ));
            } else {
                meetings.push(regular(&id, c, date, &fixture_roll(c, month)));
            }
        }
    }
    meetings.push(thematic(
        THEMATIC,
        "a1",
        d(2021, 3, 20),
        &all_present(&["a1-1", "a1-2", "a1-3"]),
    ));

    let mut ratings: Vec<RatingRecord> = members
        .iter()
        .map(|m| match m.id.as_str() {
            EXEMPTED => not_rated(&m.id, 2021, NotRatedReason::Exempted),
            "a1-1" | "b2-2" => rating(&m.id, 2021, RatingLevel::Excellent),
            "b1-2" => rating(&m.id, 2021, RatingLevel::Completed),
            NEWCOMER => rating(&m.id, 2021, RatingLevel::Completed),
            _ => rating(&m.id, 2021, RatingLevel::Good),
        })
        .collect();
    ratings.push(org_rating(COMMUNE_A, 2021, RatingLevel::Good));
    ratings.push(org_rating(COMMUNE_B, 2021, RatingLevel::Excellent));
    ratings.push(org_rating(SCHOOL, 2021, RatingLevel::Good));

    Records {
        organisations,
        members,
        meetings,
        ratings,
        admissions: vec![admission(NEWCOMER, SCHOOL, d(2021, 9, 1))],
    }
}

/// The index of the organisation `id` in `records`.
pub fn org_index(records: &Records, id: &str) -> usize {
    records
        .organisations
        .iter()
        .position(|o| o.id == id)
        .unwrap_or_else(|| panic!("no organisation {id}"))
}

/// The index of the member `id` in `records`.
pub fn member_index(records: &Records, id: &str) -> usize {
    records
        .members
        .iter()
        .position(|m| m.id == id)
        .unwrap_or_else(|| panic!("no member {id}"))
}

/// The index of the meeting `id` in `records`.
pub fn meeting_index(records: &Records, id: &str) -> usize {
    records
        .meetings
        .iter()
        .position(|m| m.id == id)
        .unwrap_or_else(|| panic!("no meeting {id}"))
}

/// The index of the rating of the member or organisation `id` for `year` in `records`.
pub fn rating_index(records: &Records, id: &str, year: i32) -> usize {
    records
        .ratings
        .iter()
        .position(|r| {
            r.year == year
                && match &r.subject {
                    RatingSubject::Member(s) | RatingSubject::Organisation(s) => s == id,
                }
        })
        .unwrap_or_else(|| panic!("no rating of {id} for {year}"))
}

/// The member record `id`, to change it.
pub fn member_mut<'a>(records: &'a mut Records, id: &str) -> &'a mut MemberRecord {
    let i = member_index(records, id);
    &mut records.members[i]
}

/// The meeting record `id`, to change it.
pub fn meeting_mut<'a>(records: &'a mut Records, id: &str) -> &'a mut MeetingRecord {
    let i = meeting_index(records, id);
    &mut records.meetings[i]
}

/// The roll call of meeting `id`, to change it; panics if the meeting records totals only.
pub fn roll_call_mut<'a>(records: &'a mut Records, id: &str) -> &'a mut Vec<RollCallEntry> {
    match &mut meeting_mut(records, id).attendance {
        Attendance::RollCall(entries) => entries,
        Attendance::Counts(_) => panic!("meeting {id} has no roll call"),
    }
}

/// The totals of meeting `id`, to change them; panics if the meeting has a roll call.
pub fn counts_mut<'a>(records: &'a mut Records, id: &str) -> &'a mut AttendanceCounts {
    match &mut meeting_mut(records, id).attendance {
        Attendance::Counts(n) => n,
        Attendance::RollCall(_) => panic!("meeting {id} has a roll call"),
    }
}

/// The period from `start` to `end`.
pub fn period(start: NaiveDate, end: NaiveDate) -> Period {
    Period::new(start, end).unwrap()
}

/// The whole of `year`.
pub fn year(y: i32) -> Period {
    Period::year(y).unwrap()
}

/// Builds the dataset, printing every problem if it does not build.
#[track_caller]
pub fn build(records: &Records) -> Dataset {
    Dataset::build(records).unwrap_or_else(|e| panic!("fixture does not build:\n{e}"))
}

/// The one finding of `criterion` for `unit`; panics unless there is exactly one.
#[track_caller]
pub fn one<'a>(ev: &'a Evaluation, criterion: Criterion, unit: &str) -> Finding<'a> {
    let found: Vec<Finding> = ev
        .findings()
        .filter(|f| f.criterion == criterion && &*f.unit.id == unit)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{criterion} for {unit}: expected one finding, got {found:#?}"
    );
    found[0]
}

/// A problem's location.
pub fn at(kind: RecordKind, index: usize, id: &str, field: &str) -> Location {
    Location {
        kind,
        index,
        id: id.into(),
        field: field.into(),
    }
}

/// A small deterministic generator (xorshift64*), enough to shuffle.
pub struct Shuffler(pub u64);

impl Shuffler {
    fn next(&mut self, below: usize) -> usize {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        (x.wrapping_mul(0x2545_F491_4F6C_DD1D) % below as u64) as usize
    }

    /// Shuffles `items` in place.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.next(i + 1);
            items.swap(i, j);
        }
    }
}
