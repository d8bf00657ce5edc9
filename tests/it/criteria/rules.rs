//! R01–R05: the national rules under the indicators.

use chibo::{
    Criterion, Detail, ExitReason, Gap, LeaveKind, MeetingKind, MemberIssue, NotRatedReason,
    Presence, RatingLevel, RatingResult, Reason, RollCallEntry, Verdict,
};

use super::*;
use crate::fixtures::{
    counts, d, exit, leave, meeting_mut, not_rated, posting, posting_until, probationary, rating,
    roll_call_mut,
};

// ---------------------------------------------------------------------------------------------
// R01 — each regular meeting meets the standard

/// [`mini_q1`] with three faulty meetings of 15: c1 January (chi ủy did not meet), c2 February
/// (80 minutes, minutes not fully kept), c3 March (c3-4 absent without reason); c4's January
/// meeting records a cell without chi ủy, which is no fault.
fn r01_records() -> Records {
    let mut r = mini_q1();
    meeting_mut(&mut r, &rid("c1", 2021, 1))
        .preparation
        .committee_met = Some(false);
    let feb = meeting_mut(&mut r, &rid("c2", 2021, 2));
    feb.duration_minutes = 80;
    feb.minutes_kept = false;
    mark(
        &mut r,
        &rid("c3", 2021, 3),
        "c3-4",
        Presence::AbsentWithoutReason,
    );
    meeting_mut(&mut r, &rid("c4", 2021, 1))
        .preparation
        .committee_met = None;
    r
}

#[test]
fn r01_missed_names_every_item_each_meeting_missed() {
    let c = Criterion::MeetingStandard;
    let ev = run(&r01_records(), q1());
    let h = one(&ev, c, H);
    assert_eq!(
        (h.measure, h.verdict),
        (ratio(12, 15), Verdict::Shortcoming)
    );
    assert_eq!(
        h.shortfalls,
        vec![
            sf(
                "c1",
                Detail::Meetings(vec![mg(
                    &rid("c1", 2021, 1),
                    d(2021, 1, 10),
                    vec![Gap::NotPrepared]
                )])
            ),
            sf(
                "c2",
                Detail::Meetings(vec![mg(
                    &rid("c2", 2021, 2),
                    d(2021, 2, 10),
                    vec![
                        Gap::TooShort {
                            minutes: 80,
                            required: 90
                        },
                        Gap::MinutesIncomplete
                    ]
                )])
            ),
            sf(
                "c3",
                Detail::Meetings(vec![mg(
                    &rid("c3", 2021, 3),
                    d(2021, 3, 10),
                    vec![
                        Gap::Attendance {
                            present: 3,
                            expected: 4
                        },
                        Gap::UnexcusedAbsence(1)
                    ]
                )])
            ),
        ]
    );
    assert_eq!(one(&ev, c, "c4").measure, ratio(3, 3));
    assert_eq!(one(&ev, c, X).measure, ratio(4, 6));
}

#[test]
fn r01_met_and_boundary() {
    let c = Criterion::MeetingStandard;
    let ev = run(&mini_q1(), q1());
    let h = one(&ev, c, H);
    assert_eq!((h.measure, h.verdict), (ratio(15, 15), Verdict::Strength));
    assert_boundary(&r01_records(), q1(), c, H, "80");
}

/// c1's meetings around 28/10/2025, when HD 42 replaced HD 12: regular meetings on 10, 27
/// and 28 October and 10 November without documents sent ahead, and combined sessions of 100
/// minutes on 20 October and 20 November (documents sent).
fn straddle_records() -> Records {
    let mut r = mini();
    let late = |id: &str, date| {
        let mut m = held(id, "c1", date, MeetingKind::Regular);
        m.preparation.documents_sent_ahead = false;
        m
    };
    let combined = |id: &str, date| {
        let mut m = held(id, "c1", date, MeetingKind::Combined);
        m.duration_minutes = 100;
        m
    };
    r.meetings = vec![
        late("r-1010", d(2025, 10, 10)),
        combined("cb-1020", d(2025, 10, 20)),
        late("r-1027", d(2025, 10, 27)),
        late("r-1028", d(2025, 10, 28)),
        late("r-1110", d(2025, 11, 10)),
        combined("cb-1120", d(2025, 11, 20)),
    ];
    r
}

#[test]
fn meetings_are_judged_by_the_rules_in_force_on_their_date() {
    let ev = run(&straddle_records(), period(d(2025, 10, 1), d(2025, 11, 30)));
    let short = Gap::TooShort {
        minutes: 100,
        required: 120,
    };
    let r01 = one(&ev, Criterion::MeetingStandard, "c1");
    assert_eq!(r01.measure, ratio(3, 6));
    assert_eq!(
        r01.shortfalls,
        vec![sf(
            "c1",
            Detail::Meetings(vec![
                mg("r-1028", d(2025, 10, 28), vec![Gap::DocumentsLate]),
                mg("r-1110", d(2025, 11, 10), vec![Gap::DocumentsLate]),
                mg("cb-1120", d(2025, 11, 20), vec![short]),
            ])
        )]
    );
    let i04 = one(&ev, Criterion::ThematicMeetingsCorrect, "c1");
    assert_eq!(
        (i04.measure, i04.verdict),
        (ratio(0, 1), Verdict::Shortcoming)
    );
    assert_eq!(
        i04.shortfalls,
        vec![sf(
            "c1",
            Detail::Meetings(vec![mg("cb-1120", d(2025, 11, 20), vec![short])])
        )]
    );
    // Before 28/10/2025 alone, everything passes.
    let ev = run(&straddle_records(), period(d(2025, 10, 1), d(2025, 10, 27)));
    assert_eq!(
        one(&ev, Criterion::MeetingStandard, "c1").measure,
        ratio(3, 3)
    );
    assert_eq!(
        one(&ev, Criterion::ThematicMeetingsCorrect, "c1").verdict,
        Verdict::Strength
    );
}

// ---------------------------------------------------------------------------------------------
// R02 — three months missed without reason in a year

/// [`mini_q1`] where c1-1 missed all three meetings without reason (flagged), c2-2 January
/// and March (two months: not flagged), c3-3 all three with reason (not flagged).
fn r02_records() -> Records {
    let mut r = mini_q1();
    for m in 1..=3 {
        mark(
            &mut r,
            &rid("c1", 2021, m),
            "c1-1",
            Presence::AbsentWithoutReason,
        );
        mark(
            &mut r,
            &rid("c3", 2021, m),
            "c3-3",
            Presence::AbsentWithReason,
        );
    }
    for m in [1, 3] {
        mark(
            &mut r,
            &rid("c2", 2021, m),
            "c2-2",
            Presence::AbsentWithoutReason,
        );
    }
    r
}

#[test]
fn r02_missed_names_the_members_and_months() {
    let c = Criterion::AbsenceTrigger;
    let ev = run(&r02_records(), q1());
    let h = one(&ev, c, H);
    assert_eq!(
        (h.measure, h.verdict),
        (ratio(19, 20), Verdict::Shortcoming)
    );
    assert_eq!(
        h.shortfalls,
        vec![sf(
            "c1",
            Detail::Members(vec![mgap(
                "c1-1",
                MemberIssue::UnexcusedMonths(vec![month(2021, 1), month(2021, 2), month(2021, 3)])
            )])
        )]
    );
    let c2 = one(&ev, c, "c2");
    assert_eq!((c2.measure, c2.verdict), (ratio(4, 4), Verdict::Strength));
    assert_eq!(one(&ev, c, "c3").measure, ratio(4, 4));
}

#[test]
fn r02_met_and_boundary() {
    let c = Criterion::AbsenceTrigger;
    let ev = run(&mini_q1(), q1());
    let h = one(&ev, c, H);
    assert_eq!((h.measure, h.verdict), (ratio(20, 20), Verdict::Strength));
    assert_boundary(&r02_records(), q1(), c, H, "95");
}

#[test]
fn r02_member_moving_mid_period_counts_at_the_new_cell_with_both_cells_absences() {
    let c = Criterion::AbsenceTrigger;
    let mut r = mini_q1();
    let mut mv = member_at("mv", "c1");
    mv.postings = vec![
        posting_until("c1", d(2010, 1, 1), d(2021, 2, 15)),
        posting("c2", d(2021, 2, 16)),
    ];
    r.members.push(mv);
    // On c1's roll call in January and February (before the move), on c2's in March.
    for (cell, m) in [("c1", 1), ("c1", 2), ("c2", 3)] {
        roll_call_mut(&mut r, &rid(cell, 2021, m)).push(RollCallEntry {
            member: "mv".into(),
            presence: Presence::AbsentWithoutReason,
        });
    }
    let ev = run(&r, q1());
    assert_eq!(one(&ev, c, "c1").measure, ratio(4, 4));
    let c2 = one(&ev, c, "c2");
    assert_eq!(
        (c2.measure, c2.verdict),
        (ratio(4, 5), Verdict::Shortcoming)
    );
    assert_eq!(
        c2.shortfalls,
        vec![sf(
            "c2",
            Detail::Members(vec![mgap(
                "mv",
                MemberIssue::UnexcusedMonths(vec![month(2021, 1), month(2021, 2), month(2021, 3)])
            )])
        )]
    );
    assert_eq!(one(&ev, c, H).measure, ratio(20, 21));
}

#[test]
fn r02_counts_months_within_one_calendar_year() {
    let c = Criterion::AbsenceTrigger;
    let mut r = with_months(with_months(mini(), 2020, 11..=12), 2021, 1..=2);
    for (y, m) in [(2020, 11), (2020, 12), (2021, 1)] {
        mark(
            &mut r,
            &rid("c1", y, m),
            "c1-1",
            Presence::AbsentWithoutReason,
        );
    }
    let p = period(d(2020, 11, 1), d(2021, 2, 28));
    let ev = run(&r, p);
    let found: Vec<_> = ev.findings_for(c, "c1").collect();
    assert_eq!(
        found
            .iter()
            .map(|f| (f.period, f.measure))
            .collect::<Vec<_>>(),
        [
            (period(d(2020, 11, 1), d(2020, 12, 31)), ratio(4, 4)),
            (period(d(2021, 1, 1), d(2021, 2, 28)), ratio(4, 4)),
        ]
    );
}

#[test]
fn r02_needs_a_roll_call() {
    let c = Criterion::AbsenceTrigger;
    let totals = |r: &mut Records, cell: &str| {
        for m in 1..=3 {
            meeting_mut(r, &rid(cell, 2021, m)).attendance = counts(4, 4, 0, 0);
        }
    };
    let mut r = r02_records();
    totals(&mut r, "c4");
    let ev = run(&r, q1());
    let c4 = one(&ev, c, "c4");
    assert_eq!(
        (c4.measure, c4.verdict, c4.reason),
        (
            ratio(0, 0),
            Verdict::NotAssessable,
            Some(Reason::NoRollCall)
        )
    );
    let y = one(&ev, c, Y);
    assert_eq!((y.measure, y.verdict), (ratio(4, 4), Verdict::Strength));
    assert_eq!(one(&ev, c, H).measure, ratio(15, 16));

    // One roll call in the year is enough to judge the cell.
    let mut r = mini_q1();
    for cell in CELLS {
        totals(&mut r, cell);
    }
    let ev = run(&r, q1());
    for unit in ORGS {
        let f = one(&ev, c, unit);
        assert_eq!(
            (f.verdict, f.reason),
            (Verdict::NotAssessable, Some(Reason::NoRollCall)),
            "{unit}"
        );
    }
    meeting_mut(&mut r, &rid("c1", 2021, 2)).attendance = everyone(&roster("c1"));
    let ev = run(&r, q1());
    assert_eq!(one(&ev, c, H).measure, ratio(4, 4));
    assert_eq!(one(&ev, c, H).verdict, Verdict::Strength);
}

fn member_at(id: &str, cell: &str) -> chibo::MemberRecord {
    crate::fixtures::member(id, cell, d(2010, 1, 1))
}

// ---------------------------------------------------------------------------------------------
// R03 — excellent ratings within 20% of good ones, per grassroots organisation

/// [`mini`] plus a fourth grassroots cell w (w-1 … w-5), rated for 2021: good, except c1-1,
/// c1-2, c3-1 and w-1 excellent and c3-2 completed.
/// - x: 2 excellent of 8 good or better, 25%: over the cap;
/// - y: 1 of 7; z: 0 of 4; w: 1 of 5, exactly 20%: within.
fn r03_records() -> Records {
    let mut r = mini();
    r.organisations
        .push(crate::fixtures::org("w", OrgLevel::GrassrootsCell, Some(H)));
    for n in 1..=5 {
        r.members.push(member_at(&mid("w", n), "w"));
    }
    r.ratings = r
        .members
        .iter()
        .map(|m| {
            let level = match m.id.as_str() {
                "c1-1" | "c1-2" | "c3-1" | "w-1" => RatingLevel::Excellent,
                "c3-2" => RatingLevel::Completed,
                _ => RatingLevel::Good,
            };
            rating(&m.id, 2021, level)
        })
        .collect();
    r
}

#[test]
fn r03_missed_names_the_organisations_over_the_cap() {
    let c = Criterion::ExcellentCap;
    let ev = run(&r03_records(), year(2021));
    let h = one(&ev, c, H);
    assert_eq!((h.measure, h.verdict), (ratio(3, 4), Verdict::Shortcoming));
    assert_eq!(
        h.shortfalls,
        vec![sf(
            X,
            Detail::OverCap {
                excellent: 2,
                good_or_better: 8
            }
        )]
    );
    let x = one(&ev, c, X);
    assert_eq!((x.measure, x.verdict), (ratio(0, 1), Verdict::Shortcoming));
    let w = one(&ev, c, "w");
    assert_eq!((w.measure, w.verdict), (ratio(1, 1), Verdict::Strength));
    assert_eq!(one(&ev, c, Y).measure, ratio(1, 1));
    assert_eq!(one(&ev, c, Z).measure, ratio(1, 1));
    // Cells of a party committee are not judged on their own.
    let c1 = one(&ev, c, "c1");
    assert_eq!(
        (c1.measure, c1.verdict),
        (ratio(0, 0), Verdict::NotApplicable)
    );
}

#[test]
fn r03_met_and_boundary() {
    let c = Criterion::ExcellentCap;
    assert_boundary(&r03_records(), year(2021), c, H, "75");
    let mut r = r03_records();
    let i = crate::fixtures::rating_index(&r, "c1-2", 2021);
    r.ratings[i] = rating("c1-2", 2021, RatingLevel::Good);
    let ev = run(&r, year(2021));
    let h = one(&ev, c, H);
    assert_eq!((h.measure, h.verdict), (ratio(4, 4), Verdict::Strength));
    assert!(h.shortfalls.is_empty());
}

#[test]
fn r03_is_not_in_force_before_hd_21() {
    let c = Criterion::ExcellentCap;
    let mut r = r03_records();
    for rating in &mut r.ratings {
        rating.year = 2018;
    }
    let ev = run(&r, year(2018));
    let h = one(&ev, c, H);
    assert_eq!(
        (h.verdict, h.reason, h.measure),
        (
            Verdict::NotApplicable,
            Some(Reason::NotInForce),
            ratio(0, 0)
        )
    );
    assert!(h.shortfalls.is_empty());
    // From 2019 the same ratings fall over the cap.
    for rating in &mut r.ratings {
        rating.year = 2019;
    }
    let ev = run(&r, year(2019));
    assert_eq!(one(&ev, c, H).verdict, Verdict::Shortcoming);
}

// ---------------------------------------------------------------------------------------------
// R04 — at least three official members

/// [`mini`] without meetings, counted on 31 March 2021:
/// - c1: 4 official (c1-4 only from 31 March, the day counted);
/// - c2: c2-3 and c2-4 probationary: 2;
/// - c3: c3-3 and c3-4 died on 1 March: 2;
/// - c4: c4-4 exempted, still on the list: 4;
/// - z: z-4 official only from 1 April: 3, exactly the bar.
fn r04_records() -> Records {
    let mut r = mini();
    member_rec(&mut r, "c1-4").official_on = Some(d(2021, 3, 31));
    member_rec(&mut r, "c2-3").official_on = None;
    member_rec(&mut r, "c2-4").official_on = None;
    for id in ["c3-3", "c3-4"] {
        member_rec(&mut r, id).exit = Some(exit(d(2021, 3, 1), ExitReason::Died));
    }
    member_rec(&mut r, "c4-4").leaves = vec![leave(LeaveKind::Exempted, d(2020, 1, 1), None)];
    member_rec(&mut r, "z-4").official_on = Some(d(2021, 4, 1));
    r
}

#[test]
fn r04_missed_names_the_cells_with_their_count_and_day() {
    let c = Criterion::MinimumCellSize;
    let ev = run(&r04_records(), q1());
    let h = one(&ev, c, H);
    assert_eq!((h.measure, h.verdict), (ratio(3, 5), Verdict::Shortcoming));
    assert_eq!(
        h.shortfalls,
        vec![
            sf(
                "c2",
                Detail::TooFewOfficial {
                    official: 2,
                    on: d(2021, 3, 31)
                }
            ),
            sf(
                "c3",
                Detail::TooFewOfficial {
                    official: 2,
                    on: d(2021, 3, 31)
                }
            ),
        ]
    );
    for unit in ["c1", "c4", Z] {
        assert_eq!(one(&ev, c, unit).verdict, Verdict::Strength, "{unit}");
    }
}

#[test]
fn r04_met_and_boundary() {
    let c = Criterion::MinimumCellSize;
    let ev = run(&mini(), q1());
    assert_eq!(one(&ev, c, H).measure, ratio(5, 5));
    assert_eq!(one(&ev, c, H).verdict, Verdict::Strength);
    assert_boundary(&r04_records(), q1(), c, H, "60");
}

#[test]
fn r04_dissolved_cell_is_counted_on_its_last_day() {
    let c = Criterion::MinimumCellSize;
    let mut r = mini();
    let mut c6 = cell("c6", X);
    c6.dissolved_on = Some(d(2021, 2, 14));
    r.organisations.push(c6);
    for n in 1..=2 {
        let mut m = member_at(&mid("c6", n), "c6");
        m.postings = vec![posting_until("c6", d(2010, 1, 1), d(2021, 2, 14))];
        r.members.push(m);
    }
    let ev = run(&r, q1());
    assert_eq!(
        one(&ev, c, X).shortfalls,
        vec![sf(
            "c6",
            Detail::TooFewOfficial {
                official: 2,
                on: d(2021, 2, 14)
            }
        )]
    );
}

// ---------------------------------------------------------------------------------------------
// R05 — every member due for rating has a rating

/// [`mini`] with 2021 ratings, "good", for every member except:
/// - c1-1 and c1-2: no rating (named);
/// - c3-4: exempted since 2020, recorded as not rated (not due);
/// - c2-2: died on 1 June (not on the list at year end);
/// - c4-4: suspended from 1 November on (not due);
/// - c4-3: transferred out on 31 December (their last day was the 30th).
///
/// 16 due, 14 rated: 87.5%.
fn r05_records() -> Records {
    let mut r = mini();
    member_rec(&mut r, "c3-4").leaves = vec![leave(LeaveKind::Exempted, d(2020, 1, 1), None)];
    member_rec(&mut r, "c2-2").exit = Some(exit(d(2021, 6, 1), ExitReason::Died));
    member_rec(&mut r, "c4-4").leaves = vec![leave(LeaveKind::Suspended, d(2021, 11, 1), None)];
    member_rec(&mut r, "c4-3").exit = Some(exit(d(2021, 12, 31), ExitReason::TransferredOut));
    r.ratings = r
        .members
        .iter()
        .filter_map(|m| match m.id.as_str() {
            "c1-1" | "c1-2" | "c2-2" | "c4-4" | "c4-3" => None,
            "c3-4" => Some(not_rated(&m.id, 2021, NotRatedReason::Exempted)),
            _ => Some(rating(&m.id, 2021, RatingLevel::Good)),
        })
        .collect();
    r
}

/// Evaluates `records` (which hold no meeting) as [`run_set`] does, twice: as they are, so that
/// no year is a year of records and R05 works out who was due while judging; and with a
/// regular meeting (totals only) in every cell each January of the period, so that R05 reads
/// the figures the dataset keeps per cell and year: five meetings a year make it a year of
/// records for up to 40 members and organisations (one for every 8). R05's findings, evidence
/// included, must agree; the first evaluation is returned.
fn run_r05(records: &Records, period: Period, scope: Option<&str>) -> Evaluation<'static> {
    assert!(records.meetings.is_empty());
    assert!(records.members.len() <= 40 && records.organisations.len() <= 40);
    let set = CriteriaSet::de_an_16();
    let worked_out = run_set(records, &set, period, scope);
    let mut with_meetings = records.clone();
    for (y, c) in period
        .years()
        .flat_map(|y| CELLS.iter().map(move |c| (y, c)))
    {
        let day = d(y, 1, 10);
        // Everyone on the cell's list that day (its exempted members among them) present.
        let listed = records
            .members
            .iter()
            .filter(|m| {
                m.postings.iter().any(|p| {
                    p.cell == *c
                        && !p.temporary
                        && p.from <= day
                        && p.until.is_none_or(|u| day <= u)
                })
            })
            .count();
        let listed = u32::try_from(listed).unwrap();
        let totals = chibo::AttendanceCounts {
            expected: listed,
            present: listed,
            absent_with_reason: 0,
            absent_without_reason: 0,
        };
        with_meetings.meetings.push(crate::fixtures::meeting(
            &format!("t-{c}-{y}"),
            c,
            day,
            MeetingKind::Regular,
            chibo::Attendance::Counts(totals),
        ));
    }
    let read = run_set(&with_meetings, &set, period, scope);
    let r05 = |f: &Finding<'_>| f.criterion == Criterion::RatingCoverage;
    assert!(
        worked_out
            .findings()
            .filter(r05)
            .eq(read.findings().filter(r05))
    );
    worked_out
}

#[test]
fn r05_missed_names_the_members_without_rating() {
    let c = Criterion::RatingCoverage;
    let ev = run_r05(&r05_records(), year(2021), None);
    let h = one(&ev, c, H);
    assert_eq!(
        (h.measure, h.verdict),
        (ratio(14, 16), Verdict::Shortcoming)
    );
    assert_eq!(
        h.shortfalls,
        vec![sf(
            "c1",
            Detail::Members(vec![
                mgap("c1-1", MemberIssue::NotRated),
                mgap("c1-2", MemberIssue::NotRated),
            ])
        )]
    );
    assert_eq!(one(&ev, c, X).measure, ratio(5, 7));
    let y = one(&ev, c, Y);
    assert_eq!((y.measure, y.verdict), (ratio(5, 5), Verdict::Strength));
}

#[test]
fn r05_met_and_boundary() {
    let c = Criterion::RatingCoverage;
    assert_boundary(&r05_records(), year(2021), c, H, "87.5");
    let mut r = r05_records();
    r.ratings.push(rating("c1-1", 2021, RatingLevel::Good));
    r.ratings
        .push(not_rated("c1-2", 2021, NotRatedReason::OnLeave));
    let ev = run_r05(&r, year(2021), None);
    let h = one(&ev, c, H);
    assert_eq!((h.measure, h.verdict), (ratio(16, 16), Verdict::Strength));
}

#[test]
fn r05_recently_admitted_members_are_not_due_from_2023() {
    let c = Criterion::RatingCoverage;
    // Admitted on 1 August, not rated. QĐ 132 (2021): due, so named.
    for (y, due) in [(2021, true), (2023, false)] {
        let mut r = mini();
        r.members.push(probationary("c1-5", "c1", d(y, 8, 1)));
        r.ratings = roster("c1")
            .iter()
            .map(|m| rating(m, y, RatingLevel::Good))
            .collect();
        let ev = run_r05(&r, year(y), Some("c1"));
        let f = one(&ev, c, "c1");
        if due {
            assert_eq!(f.measure, ratio(4, 5), "{y}");
            assert_eq!(
                f.shortfalls,
                vec![sf(
                    "c1",
                    Detail::Members(vec![mgap("c1-5", MemberIssue::NotRated)])
                )]
            );
        } else {
            assert_eq!(
                (f.measure, f.verdict),
                (ratio(4, 4), Verdict::Strength),
                "{y}"
            );
        }
    }
}

#[test]
fn r05_member_moving_mid_year_is_due_at_the_new_cell() {
    let c = Criterion::RatingCoverage;
    let mut r = mini();
    let mut mv = member_at("mv", "c1");
    mv.postings = vec![
        posting_until("c1", d(2010, 1, 1), d(2021, 6, 30)),
        posting("c3", d(2021, 7, 1)),
    ];
    r.members.push(mv);
    r.ratings = r
        .members
        .iter()
        .filter(|m| m.id != "mv")
        .map(|m| rating(&m.id, 2021, RatingLevel::Good))
        .collect();
    let ev = run_r05(&r, year(2021), None);
    assert_eq!(one(&ev, c, "c1").measure, ratio(4, 4));
    assert_eq!(
        one(&ev, c, "c3").shortfalls,
        vec![sf(
            "c3",
            Detail::Members(vec![mgap("mv", MemberIssue::NotRated)])
        )]
    );
    assert_eq!(one(&ev, c, H).measure, ratio(20, 21));
}

// ---------------------------------------------------------------------------------------------
// Edges where records lie just outside the period or the cell's own list.

/// R02 counts only meetings inside the period, also in its first and last month: a span that
/// starts on 15 January does not count a meeting of 10 January, which the accounting reports
/// as outside the period. (Found by this test: the months were taken whole.)
#[test]
fn r02_uses_only_meetings_inside_the_period() {
    let c = Criterion::AbsenceTrigger;
    // c1-1 missed the meetings of 10 January, 10 February and 10 March without reason; the
    // period starts on 15 January, so the January meeting is outside it (and counted so).
    let mut r = mini_q1();
    for m in 1..=3 {
        mark(
            &mut r,
            &rid("c1", 2021, m),
            "c1-1",
            Presence::AbsentWithoutReason,
        );
    }
    let p = period(d(2021, 1, 15), d(2021, 3, 31));
    let ev = run(&r, p);
    assert_eq!(ev.accounting().meetings.outside_period, 5);
    let c1 = one(&ev, c, "c1");
    assert_eq!(
        (c1.measure, c1.verdict),
        (ratio(4, 4), Verdict::Strength),
        "{:?}",
        c1.shortfalls
    );
}

/// R04 counts the cell's own list: a member meeting there temporarily (sinh hoạt tạm thời)
/// stays on their home cell's list and is not one of this cell's official members. (Found by
/// this test: temporary stints were counted.)
#[test]
fn r04_does_not_count_members_meeting_temporarily_in_the_cell() {
    let c = Criterion::MinimumCellSize;
    // c2 has two official members; c1-1 meets temporarily in c2 over March but stays on c1's
    // list (sinh hoạt tạm thời): c2 still has two official members of its own.
    let mut r = mini();
    member_rec(&mut r, "c2-3").official_on = None;
    member_rec(&mut r, "c2-4").official_on = None;
    member_rec(&mut r, "c1-1")
        .postings
        .push(crate::fixtures::temporary(
            "c2",
            d(2021, 3, 1),
            d(2021, 3, 31),
        ));
    let data = build(&r);
    assert_eq!(
        data.expectation("c1-1", "c1", d(2021, 3, 31)),
        Some(chibo::Expectation::Elsewhere)
    );
    let ev = evaluate(&data, &CriteriaSet::de_an_16(), q1(), None).unwrap();
    assert_eq!(one(&ev, c, "c1").verdict, Verdict::Strength);
    assert_eq!(
        one(&ev, c, "c2").shortfalls,
        vec![sf(
            "c2",
            Detail::TooFewOfficial {
                official: 2,
                on: d(2021, 3, 31)
            }
        )]
    );
}

/// R05 expects a rating only from members on a cell's list on 31 December: a member whose
/// posting ended on 30 June, with no exit and no later posting, is not due at that cell.
/// (Found by this test: membership, not the list, was checked on 31 December.)
#[test]
fn r05_counts_only_members_on_a_list_on_31_december() {
    let c = Criterion::RatingCoverage;
    // gp's posting at c1 ended on 30 June and no other follows: a member of the party, but
    // on no cell's list on 31 December.
    let mut r = mini();
    let mut gp = member_at("gp", "c1");
    gp.postings = vec![posting_until("c1", d(2010, 1, 1), d(2021, 6, 30))];
    r.members.push(gp);
    r.ratings = roster("c1")
        .iter()
        .map(|m| rating(m, 2021, RatingLevel::Good))
        .collect();
    let ev = run_r05(&r, year(2021), Some("c1"));
    let f = one(&ev, c, "c1");
    assert_eq!(
        (f.measure, f.verdict),
        (ratio(4, 4), Verdict::Strength),
        "{:?}",
        f.shortfalls
    );
}

#[test]
fn r02_counts_distinct_months_not_meetings() {
    let c = Criterion::AbsenceTrigger;
    // c1-1 misses the regular meeting of 10 January, a combined session on 25 January and the
    // meeting of 10 February, all without reason: three meetings, two months.
    let mut r = mini_q1();
    r.meetings
        .push(held("cb-c1", "c1", d(2021, 1, 25), MeetingKind::Combined));
    for id in [rid("c1", 2021, 1), "cb-c1".to_owned(), rid("c1", 2021, 2)] {
        mark(&mut r, &id, "c1-1", Presence::AbsentWithoutReason);
    }
    let ev = run(&r, q1());
    assert_eq!(one(&ev, c, "c1").measure, ratio(4, 4));
    // A third month flags them, with each month once.
    mark(
        &mut r,
        &rid("c1", 2021, 3),
        "c1-1",
        Presence::AbsentWithoutReason,
    );
    let ev = run(&r, q1());
    assert_eq!(
        one(&ev, c, "c1").shortfalls,
        vec![sf(
            "c1",
            Detail::Members(vec![mgap(
                "c1-1",
                MemberIssue::UnexcusedMonths(vec![month(2021, 1), month(2021, 2), month(2021, 3)])
            )])
        )]
    );
}

#[test]
fn r05_member_temporarily_away_on_31_december_is_due_at_home() {
    let c = Criterion::RatingCoverage;
    let mut r = mini();
    member_rec(&mut r, "c1-1")
        .postings
        .push(crate::fixtures::temporary(
            "c2",
            d(2021, 12, 1),
            d(2022, 1, 31),
        ));
    r.ratings = r
        .members
        .iter()
        .filter(|m| m.id != "c1-1")
        .map(|m| rating(&m.id, 2021, RatingLevel::Good))
        .collect();
    let ev = run_r05(&r, year(2021), None);
    assert_eq!(
        one(&ev, c, "c1").shortfalls,
        vec![sf(
            "c1",
            Detail::Members(vec![mgap("c1-1", MemberIssue::NotRated)])
        )]
    );
    assert_eq!(one(&ev, c, "c2").measure, ratio(4, 4));
}

// ---------------------------------------------------------------------------------------------
// R06 — a member disciplined in the year is rated at the lowest level (QĐ 124)

/// The fixture district with 2024 ratings for a1: a1-1 disciplined but rated good, a1-2
/// disciplined and rated "không hoàn thành", a1-3 rated good and not disciplined.
fn r06_records() -> Records {
    let mut r = crate::fixtures::small_district();
    let rated = |id: &str, level, disciplined| chibo::RatingRecord {
        subject: chibo::RatingSubject::Member(id.into()),
        year: 2024,
        result: RatingResult::Rated(level),
        disciplined: Some(disciplined),
    };
    r.ratings = vec![
        rated("a1-1", RatingLevel::Good, true),
        rated("a1-2", RatingLevel::NotCompleted, true),
        rated("a1-3", RatingLevel::Good, false),
    ];
    r
}

#[test]
fn r06_names_disciplined_members_rated_above_the_lowest_level() {
    let c = Criterion::DisciplinedRatedLowest;
    let r = r06_records();
    let ev = run(&r, period(d(2024, 1, 1), d(2024, 12, 31)));
    let a1 = one(&ev, c, "a1");
    assert_eq!(
        (a1.measure, a1.verdict),
        (ratio(1, 2), Verdict::Shortcoming)
    );
    assert_eq!(
        a1.shortfalls,
        vec![sf(
            "a1",
            Detail::Members(vec![chibo::MemberGap {
                member: "a1-1".into(),
                issue: MemberIssue::RatedBelow(RatingResult::Rated(RatingLevel::Good)),
            }])
        )]
    );
    // Under QĐ 132 (ratings up to 2022) the rule was not in force.
    let mut r = r06_records();
    for rating in &mut r.ratings {
        rating.year = 2021;
    }
    let ev = run(&r, period(d(2021, 1, 1), d(2021, 12, 31)));
    let a1 = one(&ev, c, "a1");
    assert_eq!(
        (a1.verdict, a1.reason),
        (Verdict::NotApplicable, Some(Reason::NotInForce))
    );
}
