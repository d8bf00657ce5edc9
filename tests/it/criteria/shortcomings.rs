//! S01–S05: the shortcomings the Lâm Bình review names "ở một số chi bộ".

use std::collections::BTreeMap;

use chibo::{
    Criterion, Detail, Gap, MeetingKind, Override, Overrides, Presence, QuarterGap, Reason,
    Reference, Verdict,
};

use super::*;
use crate::fixtures::{d, meeting_mut};

// ---------------------------------------------------------------------------------------------
// S01 — content below requirements

/// [`mini_q1`] where c2's February meeting and c4's thematic meeting did not follow the
/// programme; z's "other" meeting did not either, but other meetings are not judged.
fn s01_records() -> Records {
    let mut r = mini_q1();
    meeting_mut(&mut r, &rid("c2", 2021, 2))
        .content
        .follows_programme = false;
    let mut t = held("t-c4", "c4", d(2021, 3, 20), MeetingKind::Thematic);
    t.content.follows_programme = false;
    r.meetings.push(t);
    let mut o = held("o-z", Z, d(2021, 3, 20), MeetingKind::Other);
    o.content.follows_programme = false;
    r.meetings.push(o);
    r
}

#[test]
fn s01_missed_names_the_meetings_off_programme() {
    let c = Criterion::ContentBelowRequirements;
    let ev = run(&s01_records(), q1());
    let h = one(&ev, c, H);
    assert_eq!((h.measure, h.verdict), (ratio(3, 5), Verdict::Shortcoming));
    assert_eq!(
        h.shortfalls,
        vec![
            sf(
                "c2",
                Detail::Meetings(vec![mg(
                    &rid("c2", 2021, 2),
                    d(2021, 2, 10),
                    vec![Gap::ContentBelowProgramme]
                )])
            ),
            sf(
                "c4",
                Detail::Meetings(vec![mg(
                    "t-c4",
                    d(2021, 3, 20),
                    vec![Gap::ContentBelowProgramme]
                )])
            ),
        ]
    );
    assert_eq!(one(&ev, c, Z).verdict, Verdict::Strength);
}

#[test]
fn s01_met_and_boundary() {
    let c = Criterion::ContentBelowRequirements;
    let ev = run(&mini_q1(), q1());
    let h = one(&ev, c, H);
    assert_eq!((h.measure, h.verdict), (ratio(5, 5), Verdict::Strength));
    assert_boundary(&s01_records(), q1(), c, H, "60");
}

// ---------------------------------------------------------------------------------------------
// S02 — low attendance at regular meetings

/// [`mini_q1`] where c1-4 missed c1's January meeting (11 of 12: 91.7%, under the 92% bar),
/// and half of c3 missed a thematic meeting (not a regular one: not counted).
fn s02_records() -> Records {
    let mut r = mini_q1();
    mark(
        &mut r,
        &rid("c1", 2021, 1),
        "c1-4",
        Presence::AbsentWithReason,
    );
    r.meetings
        .push(held("t-c3", "c3", d(2021, 2, 20), MeetingKind::Thematic));
    mark(&mut r, "t-c3", "c3-1", Presence::AbsentWithReason);
    mark(&mut r, "t-c3", "c3-2", Presence::AbsentWithReason);
    r
}

#[test]
fn s02_missed_names_the_cells_below_the_bar() {
    let c = Criterion::LowAttendance;
    let ev = run(&s02_records(), q1());
    let h = one(&ev, c, H);
    assert_eq!((h.measure, h.verdict), (ratio(4, 5), Verdict::Shortcoming));
    assert_eq!(
        h.shortfalls,
        vec![sf("c1", Detail::Participation(ratio(11, 12)))]
    );
    assert_eq!(one(&ev, c, "c3").verdict, Verdict::Strength);
    assert_eq!(one(&ev, c, Y).measure, ratio(2, 2));
}

#[test]
fn s02_met_and_boundary() {
    let c = Criterion::LowAttendance;
    let ev = run(&mini_q1(), q1());
    assert_eq!(one(&ev, c, H).verdict, Verdict::Strength);
    assert_boundary(&s02_records(), q1(), c, H, "80");
}

// ---------------------------------------------------------------------------------------------
// S03 — directives not adapted

/// [`mini_q1`] where c2's February meeting discussed directives without adapting them, and c3
/// discussed none (not judged).
fn s03_records() -> Records {
    let mut r = mini_q1();
    meeting_mut(&mut r, &rid("c2", 2021, 2))
        .content
        .directives_adapted = Some(false);
    for m in 1..=3 {
        meeting_mut(&mut r, &rid("c3", 2021, m))
            .content
            .directives_adapted = None;
    }
    r
}

#[test]
fn s03_missed_names_the_meetings() {
    let c = Criterion::DirectivesNotAdapted;
    let ev = run(&s03_records(), q1());
    let h = one(&ev, c, H);
    assert_eq!((h.measure, h.verdict), (ratio(3, 4), Verdict::Shortcoming));
    assert_eq!(
        h.shortfalls,
        vec![sf(
            "c2",
            Detail::Meetings(vec![mg(
                &rid("c2", 2021, 2),
                d(2021, 2, 10),
                vec![Gap::DirectivesNotAdapted]
            )])
        )]
    );
    let c3 = one(&ev, c, "c3");
    assert_eq!(
        (c3.verdict, c3.reason),
        (Verdict::NotApplicable, Some(Reason::NothingToJudge))
    );
    let y = one(&ev, c, Y);
    assert_eq!((y.measure, y.verdict), (ratio(1, 1), Verdict::Strength));
}

#[test]
fn s03_met_and_boundary() {
    let c = Criterion::DirectivesNotAdapted;
    let ev = run(&mini_q1(), q1());
    assert_eq!(one(&ev, c, H).measure, ratio(5, 5));
    assert_eq!(one(&ev, c, H).verdict, Verdict::Strength);
    assert_boundary(&s03_records(), q1(), c, H, "75");
}

// ---------------------------------------------------------------------------------------------
// S04 — review not linked

/// [`mini_q1`] with every meeting linked to all five documents, except: c1 covers them over
/// the quarter (XI and XII in January, CT 05 and QĐ 37 in February, nêu gương in March), and c2
/// links XII and CT 05 only.
fn s04_records() -> Records {
    let mut r = mini_q1();
    for m in &mut r.meetings {
        m.content.linked_to = Reference::ALL.to_vec();
    }
    let set = |r: &mut Records, c: &str, m: u32, refs: &[Reference]| {
        meeting_mut(r, &rid(c, 2021, m)).content.linked_to = refs.to_vec();
    };
    set(
        &mut r,
        "c1",
        1,
        &[Reference::NqTw4KhoaXi, Reference::NqTw4KhoaXii],
    );
    set(
        &mut r,
        "c1",
        2,
        &[Reference::ChiThi05, Reference::QuyDinh37],
    );
    set(&mut r, "c1", 3, &[Reference::NeuGuong]);
    for m in 1..=3 {
        set(
            &mut r,
            "c2",
            m,
            &[Reference::NqTw4KhoaXii, Reference::ChiThi05],
        );
    }
    r
}

#[test]
fn s04_missed_names_the_quarters_and_documents() {
    let c = Criterion::ReviewNotLinked;
    let ev = run(&s04_records(), q1());
    let h = one(&ev, c, H);
    assert_eq!((h.measure, h.verdict), (ratio(4, 5), Verdict::Shortcoming));
    assert_eq!(
        h.shortfalls,
        vec![sf(
            "c2",
            Detail::Unlinked(vec![QuarterGap {
                quarter: quarter(2021, 1),
                missing: vec![
                    Reference::NqTw4KhoaXi,
                    Reference::QuyDinh37,
                    Reference::NeuGuong
                ],
            }])
        )]
    );
    assert_eq!(one(&ev, c, "c1").verdict, Verdict::Strength);
}

#[test]
fn s04_met_and_boundary() {
    let c = Criterion::ReviewNotLinked;
    assert_boundary(&s04_records(), q1(), c, H, "80");
    // A locality requiring CT 05 alone: every cell links it.
    let overrides = Overrides(BTreeMap::from([(
        "S04".to_owned(),
        Override {
            references: Some(vec![Reference::ChiThi05]),
            ..Override::default()
        },
    )]));
    let set = CriteriaSet::with_overrides(&overrides).unwrap();
    let ev = run_set(&s04_records(), &set, q1(), None);
    let h = one(&ev, c, H);
    assert_eq!((h.measure, h.verdict), (ratio(5, 5), Verdict::Strength));
}

#[test]
fn s04_needs_a_whole_quarter() {
    let c = Criterion::ReviewNotLinked;
    let ev = run(&s04_records(), period(d(2021, 1, 2), d(2021, 3, 31)));
    for unit in ORGS {
        let f = one(&ev, c, unit);
        assert_eq!(
            (f.measure, f.verdict),
            (ratio(0, 0), Verdict::NotApplicable),
            "{unit}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// S05 — generic review

/// [`mini_q1`] where c2's February meeting set 3 tasks, 1 with owner and deadline, and c3's
/// March meeting reviewed nothing and set no task.
fn s05_records() -> Records {
    let mut r = mini_q1();
    meeting_mut(&mut r, &rid("c2", 2021, 2))
        .content
        .tasks_with_owner_and_deadline = 1;
    let mar = meeting_mut(&mut r, &rid("c3", 2021, 3));
    mar.content.last_month_reviewed = false;
    mar.content.tasks = 0;
    mar.content.tasks_with_owner_and_deadline = 0;
    r
}

#[test]
fn s05_missed_names_the_meetings_and_task_figures() {
    let c = Criterion::GenericReview;
    let ev = run(&s05_records(), q1());
    let h = one(&ev, c, H);
    assert_eq!((h.measure, h.verdict), (ratio(3, 5), Verdict::Shortcoming));
    assert_eq!(
        h.shortfalls,
        vec![
            sf(
                "c2",
                Detail::Meetings(vec![mg(
                    &rid("c2", 2021, 2),
                    d(2021, 2, 10),
                    vec![Gap::TasksNotConcrete {
                        tasks: 3,
                        concrete: 1
                    }]
                )])
            ),
            sf(
                "c3",
                Detail::Meetings(vec![mg(
                    &rid("c3", 2021, 3),
                    d(2021, 3, 10),
                    vec![
                        Gap::LastMonthNotReviewed,
                        Gap::TasksNotConcrete {
                            tasks: 0,
                            concrete: 0
                        }
                    ]
                )])
            ),
        ]
    );
}

#[test]
fn s05_met_and_boundary() {
    let c = Criterion::GenericReview;
    let ev = run(&mini_q1(), q1());
    assert_eq!(one(&ev, c, H).verdict, Verdict::Strength);
    assert_boundary(&s05_records(), q1(), c, H, "60");
}
