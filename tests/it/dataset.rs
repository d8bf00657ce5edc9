//! `Dataset::build`: the valid fixture builds; each fault gives its own problem, located.

use chibo::{
    Dataset, Expectation, LeaveKind, Location, MeetingKind, OrgLevel, Presence, Problem,
    ProblemKind, RatingLevel, RatingSubject, RecordCounts, RecordKind, Records, RollCallEntry,
};

use crate::fixtures::*;

/// The problems building `records` reports; panics if it builds.
#[track_caller]
fn problems(records: &Records) -> Vec<Problem> {
    match Dataset::build(records) {
        Ok(_) => panic!("the records built, but a problem was expected"),
        Err(e) => {
            assert!(!e.problems.is_empty(), "an error with no problems");
            e.problems
        }
    }
}

/// Checks that `problem` prints as "<kind> #<index> `<id>`, field `<field>`: <message>", the
/// message starting lowercase and containing `says`.
#[track_caller]
fn assert_message(problem: &Problem, says: &str) {
    let l = &problem.location;
    let text = problem.to_string();
    let prefix = format!("{} #{} `{}`, field `{}`: ", l.kind, l.index, l.id, l.field);
    let Some(message) = text.strip_prefix(&prefix) else {
        panic!("`{text}` does not start with `{prefix}`");
    };
    let first = message.chars().next().unwrap();
    assert!(!first.is_uppercase(), "`{message}` starts uppercase");
    let letter = message.chars().find(|c| c.is_alphabetic()).unwrap();
    assert!(letter.is_lowercase(), "`{message}` starts uppercase");
    assert!(message.contains(says), "`{message}` does not say `{says}`");
}

/// Builds `records`, expecting exactly one problem: `kind` at `location`, saying `says`.
#[track_caller]
fn assert_single(records: &Records, location: Location, kind: ProblemKind, says: &str) {
    let found = problems(records);
    assert_eq!(found.len(), 1, "expected one problem, got {found:#?}");
    let p = &found[0];
    assert_eq!(p.kind, kind);
    assert_eq!(p.location, location);
    assert_message(p, says);
}

/// The variant's name, e.g. "BadId".
fn variant(kind: &ProblemKind) -> String {
    format!("{kind:?}")
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

fn meeting_ix(records: &Records, cell: &str, month: u32) -> usize {
    meeting_index(records, &regular_id(cell, month))
}

// ---------------------------------------------------------------------------------------------
// The valid fixture.

#[test]
fn fixture_builds_and_counts() {
    let records = small_district();
    let data = Dataset::build(&records).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        data.counts(),
        RecordCounts {
            organisations: 8,
            cells: 5,
            members: 19,
            meetings: 16,
            ratings: 22,
            admissions: 1,
            // Every roll-call line and every expected total is one attendance fact.
            attendance: records
                .meetings
                .iter()
                .map(|m| match &m.attendance {
                    chibo::Attendance::RollCall(lines) => lines.len() as u64,
                    chibo::Attendance::Counts(n) => u64::from(n.expected),
                })
                .sum(),
        }
    );
    assert_eq!(data.counts().attendance, 53);
    // Layout: parents before children, children by id.
    let order: Vec<&str> = data.organisations().map(|o| o.id()).collect();
    assert_eq!(
        order,
        [
            DISTRICT, SCHOOL, COMMUNE_A, "a1", "a2", COMMUNE_B, "b1", "b2"
        ]
    );
    let district = data.organisation(DISTRICT).unwrap();
    let cells: Vec<&str> = district.cells().map(|c| c.id()).collect();
    assert_eq!(cells, [SCHOOL, "a1", "a2", "b1", "b2"]);
    let a1 = data.organisation("a1").unwrap();
    assert_eq!(a1.parent().map(|p| p.id()), Some(COMMUNE_A));
    assert_eq!(a1.level(), OrgLevel::Cell);
    assert_eq!(a1.meeting_count(), 4);
    assert_eq!(data.organisation("b2").unwrap().meeting_count(), 3);
    assert_eq!(data.organisation(COMMUNE_A).unwrap().meeting_count(), 0);
    let school = data.organisation(SCHOOL).unwrap();
    assert_eq!(school.founded_on(), Some(d(2020, 1, 1)));
    assert_eq!(school.cells().count(), 1);
    let newcomer = data.member(NEWCOMER).unwrap();
    assert_eq!(newcomer.admitted_on(), d(2021, 9, 1));
    assert!(newcomer.probationary_on(d(2021, 10, 1)));
    assert!(!newcomer.probationary_on(d(2021, 8, 31)));
    assert!(data.member(DIED).unwrap().exit().is_some());
    assert!(data.member("nobody").is_none());
    assert!(data.organisation("nowhere").is_none());
}

#[test]
fn fixture_indexes_are_as_documented() {
    let r = small_district();
    assert_eq!(org_index(&r, SCHOOL), 7);
    assert_eq!(member_index(&r, "a1-1"), 0);
    assert_eq!(member_index(&r, NEWCOMER), 18);
    assert_eq!(meeting_ix(&r, "a2", 1), 1);
    assert_eq!(meeting_ix(&r, "b2", 3), 13);
    assert_eq!(meeting_index(&r, THEMATIC), 15);
    assert_eq!(rating_index(&r, SCHOOL, 2021), 21);
}

#[test]
fn expectation_due_exempted_suspended() {
    let data = Dataset::build(&small_district()).unwrap();
    let e = |m: &str, c: &str, date| data.expectation(m, c, date);
    assert_eq!(e("a1-1", "a1", d(2021, 1, 5)), Some(Expectation::Due));
    assert_eq!(
        e(EXEMPTED, "a1", d(2021, 1, 5)),
        Some(Expectation::Exempted)
    );
    assert_eq!(e(EXEMPTED, "a1", d(2019, 12, 31)), Some(Expectation::Due));
    assert_eq!(e(SUSPENDED, "b1", d(2021, 1, 31)), Some(Expectation::Due));
    assert_eq!(
        e(SUSPENDED, "b1", d(2021, 2, 1)),
        Some(Expectation::Suspended)
    );
    assert_eq!(
        e(SUSPENDED, "b1", d(2021, 2, 28)),
        Some(Expectation::Suspended)
    );
    assert_eq!(e(SUSPENDED, "b1", d(2021, 3, 1)), Some(Expectation::Due));
    // Not on another cell's list, nor on an organisation's that is not a cell.
    assert_eq!(e("a1-1", "a2", d(2021, 1, 5)), Some(Expectation::NotListed));
    assert_eq!(
        e("a1-1", COMMUNE_A, d(2021, 1, 5)),
        Some(Expectation::NotListed)
    );
    // Before the posting starts.
    assert_eq!(e("a1-1", "a1", d(2005, 3, 1)), Some(Expectation::NotListed));
    assert_eq!(
        e(NEWCOMER, SCHOOL, d(2021, 8, 31)),
        Some(Expectation::NotListed)
    );
    assert_eq!(e(NEWCOMER, SCHOOL, d(2021, 9, 1)), Some(Expectation::Due));
    // Unknown ids.
    assert_eq!(e("nobody", "a1", d(2021, 1, 5)), None);
    assert_eq!(e("a1-1", "nowhere", d(2021, 1, 5)), None);
}

#[test]
fn expectation_temporary_posting_is_elsewhere_at_home() {
    let data = Dataset::build(&small_district()).unwrap();
    let e = |c: &str, date| data.expectation(TEMPORARY, c, date);
    assert_eq!(e("b2", d(2021, 1, 31)), Some(Expectation::Due));
    assert_eq!(e(SCHOOL, d(2021, 1, 31)), Some(Expectation::NotListed));
    for day in [d(2021, 2, 1), d(2021, 2, 14), d(2021, 2, 28)] {
        assert_eq!(e("b2", day), Some(Expectation::Elsewhere), "{day}");
        assert_eq!(e(SCHOOL, day), Some(Expectation::Due), "{day}");
    }
    assert_eq!(e("b2", d(2021, 3, 1)), Some(Expectation::Due));
    assert_eq!(e(SCHOOL, d(2021, 3, 1)), Some(Expectation::NotListed));
}

#[test]
fn expectation_follows_a_transfer_between_cells() {
    let data = Dataset::build(&small_district()).unwrap();
    let e = |c: &str, date| data.expectation(TRANSFERRED, c, date);
    let (y, m, day) = TRANSFER_DAY;
    let first = d(y, m, day);
    let last = first.pred_opt().unwrap();
    assert_eq!(e("a2", last), Some(Expectation::Due));
    assert_eq!(e("b2", last), Some(Expectation::NotListed));
    assert_eq!(e("a2", first), Some(Expectation::NotListed));
    assert_eq!(e("b2", first), Some(Expectation::Due));
    assert_eq!(e("b2", d(2030, 1, 1)), Some(Expectation::Due));
}

#[test]
fn expectation_ends_on_exit() {
    let data = Dataset::build(&small_district()).unwrap();
    let e = |date| data.expectation(DIED, "b1", date);
    assert_eq!(e(d(2021, 2, 28)), Some(Expectation::Due));
    assert_eq!(e(d(2021, 3, 1)), Some(Expectation::NotListed));
    assert_eq!(e(d(2022, 1, 1)), Some(Expectation::NotListed));
}

#[test]
fn exempted_member_present_is_accepted_and_counted() {
    // In the roll call: the fixture marks a1-4 present in January; do it in February too.
    let mut r = small_district();
    roll_call_mut(&mut r, &regular_id("a1", 2)).push(RollCallEntry {
        member: EXEMPTED.into(),
        presence: Presence::Present,
    });
    Dataset::build(&r).unwrap_or_else(|e| panic!("{e}"));

    // In totals: 3 due + 1 exempted who came is a valid "expected", and so is 3 alone.
    let id = regular_id("a1", 2);
    for (expected, present) in [(4, 4), (3, 3), (4, 3)] {
        let mut r = small_district();
        meeting_mut(&mut r, &id).attendance = counts(expected, present, expected - present, 0);
        Dataset::build(&r).unwrap_or_else(|e| panic!("expected {expected}: {e}"));
    }
    // One more than due + exempted is not.
    let mut r = small_district();
    meeting_mut(&mut r, &id).attendance = counts(5, 5, 0, 0);
    let found = problems(&r);
    assert_eq!(
        found.iter().map(|p| &p.kind).collect::<Vec<_>>(),
        [&ProblemKind::CountsDisagreeWithRoster {
            expected: 5,
            due: 3,
            exempted: 1,
            date: d(2021, 2, 5),
        }]
    );
}

// ---------------------------------------------------------------------------------------------
// One test per problem kind.

#[test]
fn bad_id() {
    for id in ["xa-c ", " xa-c", ""] {
        let mut r = small_district();
        r.organisations
            .push(org(id, OrgLevel::PartyCommittee, Some(DISTRICT)));
        assert_single(
            &r,
            at(RecordKind::Organisation, 8, id, "id"),
            ProblemKind::BadId { id: id.into() },
            "is empty or has leading or trailing spaces: trim it",
        );
    }
}

#[test]
fn duplicate_id() {
    let mut r = small_district();
    r.members.push(member("a1-1", "a1", d(2019, 1, 1)));
    assert_single(
        &r,
        at(RecordKind::Member, 19, "a1-1", "id"),
        ProblemKind::DuplicateId {
            id: "a1-1".into(),
            first: 0,
        },
        "id `a1-1` is already used by record #0",
    );

    let mut r = small_district();
    let mut copy = r.meetings[2].clone();
    copy.date = d(2021, 1, 20);
    r.meetings.push(copy);
    assert_single(
        &r,
        at(RecordKind::Meeting, 16, &regular_id("b1", 1), "id"),
        ProblemKind::DuplicateId {
            id: regular_id("b1", 1),
            first: 2,
        },
        "is already used by record #2: give each record its own id",
    );
}

#[test]
fn unknown_organisation() {
    let mut r = small_district();
    r.meetings[0].cell = "a9".into();
    assert_single(
        &r,
        at(RecordKind::Meeting, 0, &regular_id("a1", 1), "cell"),
        ProblemKind::UnknownOrganisation { id: "a9".into() },
        "no organisation has id `a9`: add it or fix the reference",
    );

    let mut r = small_district();
    r.organisations[7].parent = Some("huyen-x".into());
    assert_single(
        &r,
        at(RecordKind::Organisation, 7, SCHOOL, "parent"),
        ProblemKind::UnknownOrganisation {
            id: "huyen-x".into(),
        },
        "no organisation has id `huyen-x`",
    );

    let mut r = small_district();
    r.ratings.push(org_rating("xa-z", 2021, RatingLevel::Good));
    assert_single(
        &r,
        at(RecordKind::Rating, 22, "xa-z", "subject"),
        ProblemKind::UnknownOrganisation { id: "xa-z".into() },
        "no organisation has id `xa-z`",
    );
}

#[test]
fn unknown_member() {
    let mut r = small_district();
    roll_call_mut(&mut r, &regular_id("a1", 2)).push(RollCallEntry {
        member: "a1-9".into(),
        presence: Presence::Present,
    });
    assert_single(
        &r,
        at(
            RecordKind::Meeting,
            5,
            &regular_id("a1", 2),
            "attendance.roll-call[3].member",
        ),
        ProblemKind::UnknownMember { id: "a1-9".into() },
        "no member has id `a1-9`: add the member or fix the reference",
    );

    let mut r = small_district();
    r.ratings.push(rating("zz", 2021, RatingLevel::Good));
    assert_single(
        &r,
        at(RecordKind::Rating, 22, "zz", "subject"),
        ProblemKind::UnknownMember { id: "zz".into() },
        "no member has id `zz`",
    );

    let mut r = small_district();
    r.admissions.push(admission("zz", SCHOOL, d(2021, 9, 1)));
    assert_single(
        &r,
        at(RecordKind::Admission, 1, "zz", "member"),
        ProblemKind::UnknownMember { id: "zz".into() },
        "no member has id `zz`",
    );
}

#[test]
fn not_a_cell() {
    let mut r = small_district();
    r.meetings[0].cell = COMMUNE_A.into();
    assert_single(
        &r,
        at(RecordKind::Meeting, 0, &regular_id("a1", 1), "cell"),
        ProblemKind::NotACell {
            id: COMMUNE_A.into(),
            level: OrgLevel::PartyCommittee,
        },
        "`xa-a` is a đảng bộ cơ sở, not a cell (chi bộ): refer to a cell",
    );

    let mut r = small_district();
    r.admissions[0].cell = DISTRICT.into();
    assert_single(
        &r,
        at(RecordKind::Admission, 0, NEWCOMER, "cell"),
        ProblemKind::NotACell {
            id: DISTRICT.into(),
            level: OrgLevel::District,
        },
        "is a đảng bộ huyện, not a cell",
    );
}

#[test]
fn wrong_parent_level() {
    let mut r = small_district();
    r.organisations[7].parent = Some(COMMUNE_A.into());
    assert_single(
        &r,
        at(RecordKind::Organisation, 7, SCHOOL, "parent"),
        ProblemKind::WrongParentLevel {
            level: OrgLevel::GrassrootsCell,
            parent_level: OrgLevel::PartyCommittee,
        },
        "a chi bộ cơ sở cannot sit under a đảng bộ cơ sở: fix the parent or the level",
    );
}

#[test]
fn organisation_cycle() {
    // Levels only go down along valid links, so every cycle has one link of the wrong level:
    // here p (a party committee) under q (a sub-committee), which sits under p.
    let mut r = small_district();
    r.organisations
        .push(org("p", OrgLevel::PartyCommittee, Some("q")));
    r.organisations
        .push(org("q", OrgLevel::SubCommittee, Some("p")));
    let found = problems(&r);
    let here = at(RecordKind::Organisation, 8, "p", "parent");
    assert_eq!(
        found,
        [
            Problem {
                location: here.clone(),
                kind: ProblemKind::WrongParentLevel {
                    level: OrgLevel::PartyCommittee,
                    parent_level: OrgLevel::SubCommittee,
                },
            },
            Problem {
                location: here,
                kind: ProblemKind::OrganisationCycle {
                    cycle: "p → q → p".into(),
                },
            },
        ]
    );
    assert_message(
        &found[1],
        "the organisation is its own ancestor (cycle through p → q → p): break the cycle",
    );

    // Its own parent.
    let mut r = small_district();
    r.organisations
        .push(org("s", OrgLevel::SubCommittee, Some("s")));
    let found = problems(&r);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        found[1].kind,
        ProblemKind::OrganisationCycle {
            cycle: "s → s".into()
        }
    );
    assert_eq!(
        found[1].location,
        at(RecordKind::Organisation, 8, "s", "parent")
    );
}

#[test]
fn dates_out_of_order() {
    let mut r = small_district();
    let mut c = cell("c-x", COMMUNE_A);
    c.founded_on = Some(d(2021, 5, 1));
    c.dissolved_on = Some(d(2021, 4, 1));
    r.organisations.push(c);
    assert_single(
        &r,
        at(RecordKind::Organisation, 8, "c-x", "dissolved_on"),
        ProblemKind::DatesOutOfOrder {
            from: d(2021, 5, 1),
            until: d(2021, 4, 1),
        },
        "ends on 2021-04-01 before it starts on 2021-05-01: fix one of the dates",
    );

    let mut r = small_district();
    member_mut(&mut r, "a1-1")
        .postings
        .push(posting_until("a2", d(2022, 6, 1), d(2022, 5, 1)));
    assert_single(
        &r,
        at(RecordKind::Member, 0, "a1-1", "postings[1].until"),
        ProblemKind::DatesOutOfOrder {
            from: d(2022, 6, 1),
            until: d(2022, 5, 1),
        },
        "ends on 2022-05-01 before it starts on 2022-06-01",
    );

    let mut r = small_district();
    member_mut(&mut r, SUSPENDED).leaves.push(leave(
        LeaveKind::Exempted,
        d(2022, 5, 1),
        Some(d(2022, 4, 1)),
    ));
    assert_single(
        &r,
        at(RecordKind::Member, 11, SUSPENDED, "leaves[1].until"),
        ProblemKind::DatesOutOfOrder {
            from: d(2022, 5, 1),
            until: d(2022, 4, 1),
        },
        "ends on 2022-04-01 before it starts on 2022-05-01",
    );
}

#[test]
fn outside_membership() {
    let mut r = small_district();
    member_mut(&mut r, NEWCOMER).postings[0].from = d(2021, 8, 1);
    assert_single(
        &r,
        at(RecordKind::Member, 18, NEWCOMER, "postings[0].from"),
        ProblemKind::OutsideMembership {
            date: d(2021, 8, 1),
            admitted: d(2021, 9, 1),
            exit: "now".into(),
        },
        "2021-08-01 lies outside the membership (2021-09-01 to now): fix the date",
    );

    let mut r = small_district();
    member_mut(&mut r, DIED).postings[0].until = Some(d(2021, 3, 5));
    assert_single(
        &r,
        at(RecordKind::Member, 10, DIED, "postings[0].until"),
        ProblemKind::OutsideMembership {
            date: d(2021, 3, 5),
            admitted: d(2015, 9, 2),
            exit: "2021-03-01".into(),
        },
        "2021-03-05 lies outside the membership (2015-09-02 to 2021-03-01)",
    );
}

#[test]
fn overlapping_postings() {
    let mut r = small_district();
    member_mut(&mut r, TRANSFERRED).postings[1].from = d(2021, 2, 10);
    assert_single(
        &r,
        at(RecordKind::Member, 7, TRANSFERRED, "postings[1].from"),
        ProblemKind::OverlappingPostings {
            other: 0,
            from: d(2021, 2, 10),
        },
        "overlaps posting #0 (2021-02-10 onwards): end one posting before the next starts",
    );
}

#[test]
fn temporary_without_home() {
    // At the home cell itself.
    let mut r = small_district();
    member_mut(&mut r, NEWCOMER)
        .postings
        .push(temporary(SCHOOL, d(2021, 10, 1), d(2021, 10, 31)));
    assert_single(
        &r,
        at(RecordKind::Member, 18, NEWCOMER, "postings"),
        ProblemKind::TemporaryWithoutHome {
            from: d(2021, 10, 1),
        },
        "temporary posting from 2021-10-01 is not inside a regular posting at another cell",
    );

    // Straddling a transfer: inside no single regular posting.
    let mut r = small_district();
    member_mut(&mut r, TRANSFERRED).postings.push(temporary(
        SCHOOL,
        d(2021, 2, 10),
        d(2021, 2, 20),
    ));
    assert_single(
        &r,
        at(RecordKind::Member, 7, TRANSFERRED, "postings"),
        ProblemKind::TemporaryWithoutHome {
            from: d(2021, 2, 10),
        },
        "a member meets temporarily away from a home cell",
    );
}

#[test]
fn outside_cell_life() {
    // A posting starting before the cell was founded.
    let mut r = small_district();
    member_mut(&mut r, "t-1").postings[0].from = d(2019, 6, 1);
    assert_single(
        &r,
        at(RecordKind::Member, 16, "t-1", "postings[0].from"),
        ProblemKind::OutsideCellLife {
            cell: SCHOOL.into(),
            date: d(2019, 6, 1),
            life: "2020-01-01 to now".into(),
        },
        "2019-06-01 is outside the life of cell `truong` (2020-01-01 to now)",
    );

    // A meeting after the cell was dissolved.
    let mut r = small_district();
    let mut gone = cell("a3", COMMUNE_A);
    gone.dissolved_on = Some(d(2020, 12, 31));
    r.organisations.push(gone);
    r.meetings
        .push(regular("sh-a3-2021-01", "a3", d(2021, 1, 5), &[]));
    assert_single(
        &r,
        at(RecordKind::Meeting, 16, "sh-a3-2021-01", "date"),
        ProblemKind::OutsideCellLife {
            cell: "a3".into(),
            date: d(2021, 1, 5),
            life: "the start to 2020-12-31".into(),
        },
        "fix the date or the cell's dates",
    );

    // A closed posting ending after the cell was dissolved.
    let mut r = small_district();
    let mut gone = cell("a3", COMMUNE_A);
    gone.dissolved_on = Some(d(2020, 12, 31));
    r.organisations.push(gone);
    let mut m = member("a3-1", "a3", d(2019, 1, 1));
    m.postings[0].until = Some(d(2021, 6, 30));
    r.members.push(m);
    assert_single(
        &r,
        at(RecordKind::Member, 19, "a3-1", "postings[0].until"),
        ProblemKind::OutsideCellLife {
            cell: "a3".into(),
            date: d(2021, 6, 30),
            life: "the start to 2020-12-31".into(),
        },
        "2021-06-30 is outside the life of cell `a3`",
    );
}

#[test]
fn overlapping_leaves() {
    let mut r = small_district();
    member_mut(&mut r, SUSPENDED).leaves.push(leave(
        LeaveKind::Exempted,
        d(2021, 2, 20),
        Some(d(2021, 3, 2)),
    ));
    assert_single(
        &r,
        at(RecordKind::Member, 11, SUSPENDED, "leaves[1].from"),
        ProblemKind::OverlappingLeaves { other: 0 },
        "overlaps leave #0: merge the two leaves",
    );
}

#[test]
fn official_before_admission() {
    let mut r = small_district();
    r.members[0].official_on = Some(d(2005, 3, 1));
    assert_single(
        &r,
        at(RecordKind::Member, 0, "a1-1", "official_on"),
        ProblemKind::OfficialBeforeAdmission {
            official: d(2005, 3, 1),
            admitted: d(2005, 3, 2),
        },
        "made official on 2005-03-01 before admission on 2005-03-02: fix one of the dates",
    );
}

#[test]
fn not_expected() {
    // (meeting's cell, month, member named, problem, message start): a member of another cell,
    // a suspended member, a member meeting temporarily elsewhere, and a member who has died.
    let date = |month| d(2021, month, 5);
    type Case = (&'static str, u32, &'static str, ProblemKind, String);
    let cases: [Case; 4] = [
        (
            "a1",
            2,
            "b1-1",
            ProblemKind::NotExpected {
                member: "b1-1".into(),
                date: date(2),
            },
            format!(
                "roll call names `b1-1`, who was not on this cell's list on {}",
                date(2)
            ),
        ),
        (
            "b1",
            2,
            SUSPENDED,
            ProblemKind::SuspendedInRollCall {
                member: SUSPENDED.into(),
                date: date(2),
            },
            format!(
                "roll call names `{SUSPENDED}`, who was suspended (đình chỉ sinh hoạt) on {}",
                date(2)
            ),
        ),
        (
            "b2",
            2,
            TEMPORARY,
            ProblemKind::MeetsElsewhere {
                member: TEMPORARY.into(),
                date: date(2),
            },
            format!(
                "roll call names `{TEMPORARY}`, who met temporarily in another cell on {}",
                date(2)
            ),
        ),
        (
            "b1",
            3,
            DIED,
            ProblemKind::NotExpected {
                member: DIED.into(),
                date: date(3),
            },
            format!(
                "roll call names `{DIED}`, who was not on this cell's list on {}",
                date(3)
            ),
        ),
    ];
    for (c, month, who, kind, message) in cases {
        let mut r = small_district();
        let id = regular_id(c, month);
        let entries = roll_call_mut(&mut r, &id);
        let line = entries.len();
        entries.push(RollCallEntry {
            member: who.into(),
            presence: Presence::Present,
        });
        assert_single(
            &r,
            at(
                RecordKind::Meeting,
                meeting_ix(&r, c, month),
                &id,
                &format!("attendance.roll-call[{line}]"),
            ),
            kind,
            &message,
        );
    }
}

#[test]
fn missing_from_roll_call() {
    let mut r = small_district();
    let id = regular_id("a2", 1);
    roll_call_mut(&mut r, &id).retain(|e| e.member != "a2-3");
    assert_single(
        &r,
        at(RecordKind::Meeting, 1, &id, "attendance.roll-call"),
        ProblemKind::MissingFromRollCall {
            member: "a2-3".into(),
            date: d(2021, 1, 5),
        },
        "roll call leaves out `a2-3`, who was on this cell's list on 2021-01-05: add a line",
    );

    // A member meeting temporarily at truong is on its list, and must be in its roll call.
    let mut r = small_district();
    let id = regular_id(SCHOOL, 2);
    roll_call_mut(&mut r, &id).retain(|e| e.member != TEMPORARY);
    assert_single(
        &r,
        at(RecordKind::Meeting, 9, &id, "attendance.roll-call"),
        ProblemKind::MissingFromRollCall {
            member: TEMPORARY.into(),
            date: d(2021, 2, 5),
        },
        "roll call leaves out `b2-1`",
    );
}

#[test]
fn listed_twice() {
    let mut r = small_district();
    let id = regular_id("b2", 1);
    roll_call_mut(&mut r, &id).push(RollCallEntry {
        member: "b2-3".into(),
        presence: Presence::AbsentWithReason,
    });
    assert_single(
        &r,
        at(RecordKind::Meeting, 3, &id, "attendance.roll-call[4]"),
        ProblemKind::ListedTwice {
            member: "b2-3".into(),
        },
        "roll call names `b2-3` twice: keep one line",
    );
}

#[test]
fn absence_while_on_leave() {
    for presence in [Presence::AbsentWithReason, Presence::AbsentWithoutReason] {
        let mut r = small_district();
        let id = regular_id("a1", 2);
        roll_call_mut(&mut r, &id).push(RollCallEntry {
            member: EXEMPTED.into(),
            presence,
        });
        assert_single(
            &r,
            at(RecordKind::Meeting, 5, &id, "attendance.roll-call[3]"),
            ProblemKind::AbsenceWhileOnLeave {
                member: EXEMPTED.into(),
                leave: LeaveKind::Exempted,
                date: d(2021, 2, 5),
            },
            "`a1-4` is exempted (miễn công tác và sinh hoạt đảng) on 2021-02-05 and cannot be \
             marked absent",
        );
    }
}

#[test]
fn counts_do_not_add_up() {
    let mut r = small_district();
    let id = regular_id("b2", 3);
    counts_mut(&mut r, &id).present = 3;
    assert_single(
        &r,
        at(RecordKind::Meeting, 13, &id, "attendance.counts"),
        ProblemKind::CountsDoNotAddUp {
            expected: 5,
            present: 3,
            with_reason: 1,
            without_reason: 0,
        },
        "present 3 + absent with reason 1 + absent without reason 0 ≠ expected 5: correct the \
         totals",
    );
}

#[test]
fn counts_disagree_with_roster() {
    // b2 on 2021-03-05: b2-1 (back from truong), b2-2, b2-3, b2-4 and a2-4 (moved in): 5 due.
    for (expected, present) in [(6, 5), (4, 3)] {
        let mut r = small_district();
        let id = regular_id("b2", 3);
        let n = counts_mut(&mut r, &id);
        n.expected = expected;
        n.present = present;
        assert_single(
            &r,
            at(RecordKind::Meeting, 13, &id, "attendance.counts.expected"),
            ProblemKind::CountsDisagreeWithRoster {
                expected,
                due: 5,
                exempted: 0,
                date: d(2021, 3, 5),
            },
            &format!(
                "expected {expected}, but the cell's list on 2021-03-05 gives 5 due and 0 \
                 exempted: expected must lie between 5 and the sum"
            ),
        );
    }
}

#[test]
fn exempted_counted_absent() {
    // a1 on 2021-01-05: three due and a1-4 exempted. Totals of 4 expected count a1-4, who counts
    // only if present; with nobody present, the totals cannot be right.
    let mut r = small_district();
    let id = regular_id("a1", 1);
    let index = meeting_index(&r, &id);
    meeting_mut(&mut r, &id).attendance = counts(4, 0, 4, 0);
    assert_single(
        &r,
        at(RecordKind::Meeting, index, &id, "attendance.counts.present"),
        ProblemKind::ExemptedCountedAbsent {
            expected: 4,
            due: 3,
            present: 0,
        },
        "expected 4 counts 1 exempted members beyond the 3 due, who count only when present, \
         but only 0 were present",
    );
    // One exempted member present and one due member absent is consistent.
    meeting_mut(&mut r, &id).attendance = counts(4, 3, 1, 0);
    Dataset::build(&r).unwrap();
}

#[test]
fn missing_parent() {
    let mut r = small_district();
    let index = org_index(&r, "a1");
    r.organisations[index].parent = None;
    assert_single(
        &r,
        at(RecordKind::Organisation, index, "a1", "parent"),
        ProblemKind::MissingParent {
            level: OrgLevel::Cell,
        },
        "a chi bộ trực thuộc must sit under a đảng bộ cơ sở: give its parent",
    );
}

#[test]
fn empty_self_assessment() {
    let mut r = small_district();
    let id = regular_id("b1", 1);
    let index = meeting_index(&r, &id);
    meeting_mut(&mut r, &id).self_assessment = Some(chibo::SelfAssessment::default());
    assert_single(
        &r,
        at(RecordKind::Meeting, index, &id, "self_assessment"),
        ProblemKind::EmptySelfAssessment,
        "self-assessment has neither a level nor a score",
    );
}

#[test]
fn admission_outside_cell_life() {
    // truong was founded on 2020-01-01: an admission there in 2019 cannot be.
    let mut r = small_district();
    let index = r.admissions.len();
    let mut late = member("late", "a1", d(2019, 6, 1));
    late.postings = vec![posting_until("a1", d(2019, 6, 1), d(2019, 12, 31))];
    r.members.push(late);
    r.admissions.push(admission("late", SCHOOL, d(2019, 6, 1)));
    assert_single(
        &r,
        at(RecordKind::Admission, index, "late", "date"),
        ProblemKind::OutsideCellLife {
            cell: SCHOOL.into(),
            date: d(2019, 6, 1),
            life: "2020-01-01 to now".into(),
        },
        "2019-06-01 is outside the life of cell `truong` (2020-01-01 to now)",
    );
}

#[test]
fn duplicate_regular_meeting() {
    let mut r = small_district();
    let first = regular_id("a1", 1);
    let bis = format!("{first}-bis");
    r.meetings
        .push(regular(&bis, "a1", d(2021, 1, 5), &fixture_roll("a1", 1)));
    assert_single(
        &r,
        at(RecordKind::Meeting, 16, &bis, "date"),
        ProblemKind::DuplicateRegularMeeting {
            cell: "a1".into(),
            other: first.clone(),
            date: d(2021, 1, 5),
        },
        "cell `a1` already has regular meeting `sh-a1-2021-01` on 2021-01-05: merge them or \
         fix a date",
    );

    // A combined meeting counts as regular too.
    let mut r = small_district();
    r.meetings.push(meeting(
        "kh-a1",
        "a1",
        d(2021, 1, 5),
        MeetingKind::Combined,
        roll_call(&fixture_roll("a1", 1)),
    ));
    let found = problems(&r);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(matches!(
        found[0].kind,
        ProblemKind::DuplicateRegularMeeting { .. }
    ));

    // A thematic or other meeting on the day of a regular one is fine.
    for kind in [MeetingKind::Thematic, MeetingKind::Other] {
        let mut r = small_district();
        r.meetings.push(meeting(
            "cd-a1",
            "a1",
            d(2021, 1, 5),
            kind,
            roll_call(&fixture_roll("a1", 1)),
        ));
        Dataset::build(&r).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
    }
}

#[test]
fn duplicate_regular_meeting_with_a_thematic_between() {
    let mut r = small_district();
    for (id, kind) in [
        ("cd-a1", MeetingKind::Thematic),
        ("kh-a1", MeetingKind::Combined),
    ] {
        r.meetings.push(meeting(
            id,
            "a1",
            d(2021, 1, 5),
            kind,
            roll_call(&fixture_roll("a1", 1)),
        ));
    }
    let found = problems(&r);
    assert!(
        found
            .iter()
            .any(|p| matches!(p.kind, ProblemKind::DuplicateRegularMeeting { .. })),
        "{found:#?}"
    );
}

#[test]
fn tasks_exceed() {
    let mut r = small_district();
    r.meetings[0].content.tasks_with_owner_and_deadline = 4;
    assert_single(
        &r,
        at(
            RecordKind::Meeting,
            0,
            &regular_id("a1", 1),
            "content.tasks_with_owner_and_deadline",
        ),
        ProblemKind::TasksExceed {
            tasks: 3,
            concrete: 4,
        },
        "4 tasks with owner and deadline out of 3: the first cannot exceed the second",
    );
}

#[test]
fn score_out_of_range() {
    let mut r = small_district();
    r.meetings[0].self_assessment.as_mut().unwrap().score = Some(100);
    Dataset::build(&r).unwrap_or_else(|e| panic!("{e}"));
    r.meetings[0].self_assessment.as_mut().unwrap().score = Some(101);
    assert_single(
        &r,
        at(
            RecordKind::Meeting,
            0,
            &regular_id("a1", 1),
            "self_assessment.score",
        ),
        ProblemKind::ScoreOutOfRange { score: 101 },
        "score 101 is above 100",
    );
}

#[test]
fn rating_not_allowed_exempted() {
    let mut r = small_district();
    let i = rating_index(&r, EXEMPTED, 2021);
    r.ratings[i] = rating(EXEMPTED, 2021, RatingLevel::Good);
    assert_single(
        &r,
        at(RecordKind::Rating, i, EXEMPTED, "result"),
        ProblemKind::RatingNotAllowed {
            level: RatingLevel::Good,
            year: 2021,
            why: "exempted on 2021-12-31".into(),
        },
        "rated hoàn thành tốt nhiệm vụ for 2021, but may not be rated: exempted on 2021-12-31; \
         record it as not rated",
    );
}

#[test]
fn rating_not_allowed_suspended() {
    let mut r = small_district();
    member_mut(&mut r, SUSPENDED)
        .leaves
        .push(leave(LeaveKind::Suspended, d(2021, 12, 1), None));
    let i = rating_index(&r, SUSPENDED, 2021);
    assert_single(
        &r,
        at(RecordKind::Rating, i, SUSPENDED, "result"),
        ProblemKind::RatingNotAllowed {
            level: RatingLevel::Good,
            year: 2021,
            why: "suspended on 2021-12-31".into(),
        },
        "but may not be rated: suspended on 2021-12-31",
    );
}

#[test]
fn rating_not_allowed_recently_admitted_under_qd124() {
    let mut r = small_district();
    r.members.push(probationary("t-4", SCHOOL, d(2023, 8, 1)));
    r.admissions.push(admission("t-4", SCHOOL, d(2023, 8, 1)));
    r.ratings.push(rating("t-4", 2023, RatingLevel::Good));
    assert_single(
        &r,
        at(RecordKind::Rating, 22, "t-4", "result"),
        ProblemKind::RatingNotAllowed {
            level: RatingLevel::Good,
            year: 2023,
            why: "admitted on 2023-08-01 less than 6 months before the review (Qd124)".into(),
        },
        "may not be rated: admitted on 2023-08-01 less than 6 months before the review",
    );
}

#[test]
fn recently_admitted_may_be_rated_under_qd132() {
    // The same member, admitted five months before the end of 2021, rated for 2021 (QĐ 132 had
    // no six-month rule); the fixture's t-3, admitted on 2021-09-01, is another.
    let mut r = small_district();
    r.members.push(probationary("t-4", SCHOOL, d(2021, 8, 1)));
    r.admissions.push(admission("t-4", SCHOOL, d(2021, 8, 1)));
    r.ratings.push(rating("t-4", 2021, RatingLevel::Good));
    Dataset::build(&r).unwrap_or_else(|e| panic!("{e}"));

    // Under QĐ 124, six months before the year ends is enough, a day later is not.
    for (admitted, ok) in [(d(2023, 6, 30), true), (d(2023, 7, 1), false)] {
        let mut r = small_district();
        r.members.push(probationary("t-4", SCHOOL, admitted));
        r.ratings.push(rating("t-4", 2023, RatingLevel::Good));
        assert_eq!(Dataset::build(&r).is_ok(), ok, "admitted {admitted}");
    }
}

#[test]
fn rating_not_allowed_outside_membership() {
    let mut r = small_district();
    r.ratings.push(rating(DIED, 2022, RatingLevel::Good));
    assert_single(
        &r,
        at(RecordKind::Rating, 22, DIED, "result"),
        ProblemKind::RatingNotAllowed {
            level: RatingLevel::Good,
            year: 2022,
            why: "not a member during 2022".into(),
        },
        "may not be rated: not a member during 2022",
    );
}

#[test]
fn duplicate_rating() {
    let mut r = small_district();
    r.ratings.push(rating("a1-1", 2021, RatingLevel::Good));
    assert_single(
        &r,
        at(RecordKind::Rating, 22, "a1-1", "year"),
        ProblemKind::DuplicateRating {
            year: 2021,
            first: 0,
        },
        "already rated for 2021 by rating #0: keep one rating per year",
    );

    let mut r = small_district();
    r.ratings
        .push(org_rating(SCHOOL, 2021, RatingLevel::Excellent));
    assert_single(
        &r,
        at(RecordKind::Rating, 22, SCHOOL, "year"),
        ProblemKind::DuplicateRating {
            year: 2021,
            first: 21,
        },
        "already rated for 2021 by rating #21",
    );

    // One rating per year each: a member and an organisation may share an id.
    let mut r = small_district();
    r.ratings.push(rating("a1-1", 2022, RatingLevel::Good));
    Dataset::build(&r).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn admission_date_mismatch() {
    let mut r = small_district();
    r.admissions[0].date = d(2021, 9, 2);
    assert_single(
        &r,
        at(RecordKind::Admission, 0, NEWCOMER, "date"),
        ProblemKind::AdmissionDateMismatch {
            date: d(2021, 9, 2),
            admitted: d(2021, 9, 1),
        },
        "admission on 2021-09-02, but the member record says admitted on 2021-09-01: make them \
         agree",
    );
}

#[test]
fn duplicate_admission() {
    let mut r = small_district();
    r.admissions
        .push(admission(NEWCOMER, SCHOOL, d(2021, 9, 1)));
    assert_single(
        &r,
        at(RecordKind::Admission, 1, NEWCOMER, "member"),
        ProblemKind::DuplicateAdmission { first: 0 },
        "member already admitted by admission #0: keep one admission per member",
    );
}

// ---------------------------------------------------------------------------------------------
// Many faults at once.

#[test]
fn every_problem_is_reported_at_once_in_location_order() {
    let mut r = small_district();
    // Pushed in an order unlike the one they come back in.
    r.admissions[0].date = d(2021, 9, 2);
    r.ratings.push(rating("a1-1", 2021, RatingLevel::Good));
    counts_mut(&mut r, &regular_id("b2", 3)).present = 3;
    r.meetings[1].content.tasks_with_owner_and_deadline = 9;
    r.members[0].official_on = Some(d(2005, 3, 1));
    r.organisations
        .push(org("xa-c ", OrgLevel::PartyCommittee, Some(DISTRICT)));
    member_mut(&mut r, SUSPENDED).leaves.push(leave(
        LeaveKind::Exempted,
        d(2021, 2, 20),
        Some(d(2021, 3, 2)),
    ));

    let err = Dataset::build(&r).unwrap_err();
    let got: Vec<(RecordKind, usize, String)> = err
        .problems
        .iter()
        .map(|p| (p.location.kind, p.location.index, variant(&p.kind)))
        .collect();
    let want = [
        (RecordKind::Organisation, 8, "BadId"),
        (RecordKind::Member, 0, "OfficialBeforeAdmission"),
        (RecordKind::Member, 11, "OverlappingLeaves"),
        (RecordKind::Meeting, 1, "TasksExceed"),
        (RecordKind::Meeting, 13, "CountsDoNotAddUp"),
        (RecordKind::Rating, 22, "DuplicateRating"),
        (RecordKind::Admission, 0, "AdmissionDateMismatch"),
    ]
    .map(|(k, i, s)| (k, i, s.to_owned()));
    assert_eq!(got, want);
    let mut sorted = err.problems.clone();
    sorted.sort_by(|a, b| a.location.cmp(&b.location));
    assert_eq!(sorted, err.problems);

    let text = err.to_string();
    assert!(text.starts_with("7 problem(s) in the records\n"), "{text}");
    assert_eq!(text.lines().count(), 8);
    for p in &err.problems {
        assert!(text.contains(&p.to_string()));
    }
}

// ---------------------------------------------------------------------------------------------
// Suspected bugs (ignored until src is fixed).

#[test]
fn overlapping_postings_names_the_right_posting_after_a_skipped_one() {
    let mut r = small_district();
    let mut m = member("x-1", "a1", d(2010, 1, 1));
    m.postings = vec![
        posting_until("zz", d(2010, 1, 1), d(2010, 12, 31)),
        posting_until("a1", d(2011, 1, 1), d(2015, 12, 31)),
        posting_until("b1", d(2015, 6, 1), d(2016, 12, 31)),
    ];
    m.exit = Some(exit(d(2017, 1, 1), chibo::ExitReason::TransferredOut));
    r.members.push(m);
    let found = problems(&r);
    let overlap = found
        .iter()
        .find(|p| matches!(p.kind, ProblemKind::OverlappingPostings { .. }))
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(
        overlap.location,
        at(RecordKind::Member, 19, "x-1", "postings[2].from")
    );
    assert_eq!(
        overlap.kind,
        ProblemKind::OverlappingPostings {
            other: 1,
            from: d(2015, 6, 1),
        }
    );
}

#[test]
fn overlapping_leaves_names_the_right_leave_after_a_skipped_one() {
    let mut r = small_district();
    member_mut(&mut r, "a1-1").leaves = vec![
        leave(LeaveKind::Exempted, d(2019, 5, 1), Some(d(2019, 4, 1))),
        leave(LeaveKind::Exempted, d(2022, 1, 1), Some(d(2022, 6, 30))),
        leave(LeaveKind::Suspended, d(2022, 6, 1), Some(d(2022, 7, 31))),
    ];
    let found = problems(&r);
    let overlap = found
        .iter()
        .find(|p| matches!(p.kind, ProblemKind::OverlappingLeaves { .. }))
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(
        overlap.location,
        at(RecordKind::Member, 0, "a1-1", "leaves[2].from")
    );
    assert_eq!(overlap.kind, ProblemKind::OverlappingLeaves { other: 1 });
}

#[test]
fn open_posting_at_a_dissolved_cell_is_rejected_or_ends_with_the_cell() {
    let mut r = small_district();
    let a2 = org_index(&r, "a2");
    r.organisations[a2].dissolved_on = Some(d(2021, 3, 31));
    match Dataset::build(&r) {
        Err(e) => assert!(
            e.problems.iter().any(|p| p.location.id == "a2-1"
                && matches!(p.kind, ProblemKind::OutsideCellLife { .. })),
            "{e}"
        ),
        Ok(data) => assert_ne!(
            data.expectation("a2-1", "a2", d(2021, 4, 10)),
            Some(Expectation::Due),
            "a member is due at a cell dissolved on 2021-03-31"
        ),
    }
}

#[test]
fn one_day_posting_outside_cell_life_is_reported_once() {
    let mut r = small_district();
    let mut m = member("x-1", SCHOOL, d(2010, 1, 1));
    m.postings = vec![posting_until(SCHOOL, d(2019, 6, 1), d(2019, 6, 1))];
    m.exit = Some(exit(d(2019, 7, 1), chibo::ExitReason::TransferredOut));
    r.members.push(m);
    let found = problems(&r);
    for (i, p) in found.iter().enumerate() {
        assert!(!found[..i].contains(p), "reported twice: {p}");
    }
}

/// One fault, one problem: checks that depend on a faulty record are skipped.
#[test]
fn a_fault_is_reported_once() {
    // A posting whose end precedes its start: not also "not on this cell's list" at every
    // meeting that names the member.
    let mut r = small_district();
    member_mut(&mut r, "a1-1").postings[0].until = Some(d(2000, 1, 1));
    let found = problems(&r);
    assert_eq!(
        found.iter().map(|p| variant(&p.kind)).collect::<Vec<_>>(),
        ["DatesOutOfOrder"],
        "{found:#?}"
    );
    // A cycle through the district: every organisation below it is left out of the layout,
    // and nothing referring to them is reported as unknown.
    let mut r = small_district();
    let district = org_index(&r, DISTRICT);
    r.organisations[district].parent = Some(COMMUNE_A.into());
    let found = problems(&r);
    assert_eq!(
        found.iter().map(|p| variant(&p.kind)).collect::<Vec<_>>(),
        ["WrongParentLevel", "OrganisationCycle"],
        "{found:#?}"
    );
}

#[test]
fn problems_count_the_records_left_out() {
    // Meetings of an unknown cell and ratings of unknown members are left out of the dataset,
    // and ratings of organisations are kept apart; the problems found once the records are
    // sorted still give each record's own index. Unshuffled, then shuffled.
    let bis = format!("{}-bis", regular_id("a1", 1));
    let mut base = small_district();
    base.meetings
        .insert(0, regular("sh-a9", "a9", d(2021, 1, 5), &[]));
    base.meetings
        .push(regular("sh-a9-2", "a9", d(2021, 2, 5), &[]));
    base.meetings
        .push(regular(&bis, "a1", d(2021, 1, 5), &fixture_roll("a1", 1)));
    base.ratings
        .insert(0, rating("zz", 2021, RatingLevel::Good));
    base.ratings.push(rating("zz", 2022, RatingLevel::Good));
    base.ratings.push(rating("a1-1", 2021, RatingLevel::Good));
    base.ratings
        .push(org_rating(SCHOOL, 2021, RatingLevel::Excellent));
    for seed in [None, Some(3), Some(7), Some(11)] {
        let mut r = base.clone();
        if let Some(seed) = seed {
            let mut s = Shuffler(seed);
            s.shuffle(&mut r.meetings);
            s.shuffle(&mut r.ratings);
        }
        let mut want: Vec<(RecordKind, usize, &str, String)> = Vec::new();
        for id in ["sh-a9", "sh-a9-2"] {
            let i = meeting_index(&r, id);
            want.push((RecordKind::Meeting, i, "cell", "UnknownOrganisation".into()));
        }
        let a = meeting_index(&r, &regular_id("a1", 1));
        let b = meeting_index(&r, &bis);
        want.push((
            RecordKind::Meeting,
            a.max(b),
            "date",
            format!("DuplicateRegularMeeting {}", r.meetings[a.min(b)].id),
        ));
        for year in [2021, 2022] {
            let i = rating_index(&r, "zz", year);
            want.push((RecordKind::Rating, i, "subject", "UnknownMember".into()));
        }
        for id in ["a1-1", SCHOOL] {
            let both: Vec<usize> = (0..r.ratings.len())
                .filter(|&i| {
                    let (RatingSubject::Member(s) | RatingSubject::Organisation(s)) =
                        &r.ratings[i].subject;
                    s == id && r.ratings[i].year == 2021
                })
                .collect();
            assert_eq!(both.len(), 2, "{id}");
            want.push((
                RecordKind::Rating,
                both[1],
                "year",
                format!("DuplicateRating {}", both[0]),
            ));
        }
        want.sort();
        let found = problems(&r);
        let mut got: Vec<(RecordKind, usize, &str, String)> = found
            .iter()
            .map(|p| {
                let what = match &p.kind {
                    ProblemKind::DuplicateRegularMeeting { other, .. } => {
                        format!("DuplicateRegularMeeting {other}")
                    }
                    ProblemKind::DuplicateRating { first, .. } => {
                        format!("DuplicateRating {first}")
                    }
                    k => variant(k),
                };
                (
                    p.location.kind,
                    p.location.index,
                    p.location.field.as_str(),
                    what,
                )
            })
            .collect();
        got.sort();
        assert_eq!(got, want, "seed {seed:?}");
    }
}
