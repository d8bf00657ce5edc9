//! The engine around the criteria: spans, scope, levels, switches and the account of records.

use std::collections::BTreeMap;

use chibo::{
    Account, Criterion, EvaluateError, MeetingKind, NotRatedReason, Override, Overrides, Presence,
    RatingLevel, RollCallEntry, TallyError, Verdict, evaluate_tally,
};

use super::*;
use crate::fixtures::{
    admission, d, meeting_mut, not_rated, org_rating, posting, posting_until, probationary, rating,
    roll_call_mut,
};

#[test]
fn every_organisation_in_the_scope_has_one_finding_per_criterion_and_span() {
    let r = mini_q1();
    let ev = run(&r, year(2021));
    assert_eq!(ev.scope(), None);
    assert_eq!(ev.period(), year(2021));
    let expected: Vec<(Criterion, &str)> = Criterion::ALL
        .iter()
        .flat_map(|&c| ORGS.iter().map(move |&o| (c, o)))
        .collect();
    let got: Vec<(Criterion, &str)> = ev.findings().map(|f| (f.criterion, &*f.unit.id)).collect();
    assert_eq!(got, expected);
    let levels: Vec<OrgLevel> = ev
        .findings_for(Criterion::MonthlyRegularMeeting, H)
        .chain(ev.findings_for(Criterion::MonthlyRegularMeeting, X))
        .chain(ev.findings_for(Criterion::MonthlyRegularMeeting, "c1"))
        .chain(ev.findings_for(Criterion::MonthlyRegularMeeting, Z))
        .map(|f| f.unit.level)
        .collect();
    assert_eq!(
        levels,
        [
            OrgLevel::District,
            OrgLevel::PartyCommittee,
            OrgLevel::Cell,
            OrgLevel::GrassrootsCell
        ]
    );

    // Scoped to x: x and its cells only, recomputed from them.
    let ev = run_set(&r, &CriteriaSet::de_an_16(), year(2021), Some(X));
    assert_eq!(ev.scope(), Some(X));
    let expected: Vec<(Criterion, &str)> = Criterion::ALL
        .iter()
        .flat_map(|&c| [X, "c1", "c2"].into_iter().map(move |o| (c, o)))
        .collect();
    let got: Vec<(Criterion, &str)> = ev.findings().map(|f| (f.criterion, &*f.unit.id)).collect();
    assert_eq!(got, expected);
    // Scoped to a cell.
    let ev = run_set(&r, &CriteriaSet::de_an_16(), q1(), Some("c3"));
    assert!(ev.findings().all(|f| &*f.unit.id == "c3"));
    assert_eq!(
        one(&ev, Criterion::MonthlyRegularMeeting, "c3").measure,
        ratio(1, 1)
    );
}

#[test]
fn annual_criteria_give_one_finding_per_year() {
    // Mid-2020 to mid-2021; c1 misses September 2020.
    let mut r = with_months(with_months(mini(), 2020, 7..=12), 2021, 1..=6);
    drop_meeting(&mut r, &rid("c1", 2020, 9));
    r.ratings = r
        .members
        .iter()
        .map(|m| rating(&m.id, 2020, RatingLevel::Good))
        .collect();
    let p = period(d(2020, 7, 1), d(2021, 6, 30));
    let ev = run(&r, p);
    let spans = |c: Criterion, unit: &str| -> Vec<(Period, Measure, Verdict)> {
        ev.findings_for(c, unit)
            .map(|f| (f.period, f.measure, f.verdict))
            .collect()
    };
    // Span::Year: each calendar year, clipped to the period.
    assert_eq!(
        spans(Criterion::MonthlyRegularMeeting, H),
        [
            (
                period(d(2020, 7, 1), d(2020, 12, 31)),
                ratio(4, 5),
                Verdict::Shortcoming
            ),
            (
                period(d(2021, 1, 1), d(2021, 6, 30)),
                ratio(5, 5),
                Verdict::Strength
            ),
        ]
    );
    for unit in ORGS {
        assert_eq!(
            ev.findings_for(Criterion::QuarterlyThematicMeeting, unit)
                .count(),
            2,
            "{unit}"
        );
    }
    // Span::RatingYear: only 2020, whose 31 December lies in the period, and all of it.
    assert_eq!(
        spans(Criterion::MembersRatedGood, H),
        [(year(2020), ratio(20, 20), Verdict::Strength)]
    );
    assert_eq!(ev.findings_for(Criterion::RatingCoverage, "c1").count(), 1);
    // Span::Period: one finding over the whole period.
    assert_eq!(
        spans(Criterion::MeetingStandard, H),
        [(p, ratio(59, 59), Verdict::Strength)]
    );
    // A period without any 31 December: rating criteria say so, once per unit, over the period.
    let half = period(d(2021, 1, 1), d(2021, 6, 30));
    let ev = run(&r, half);
    for c in [
        Criterion::CellsRatedGood,
        Criterion::MembersRatedGood,
        Criterion::ExcellentCap,
        Criterion::RatingCoverage,
    ] {
        let fs: Vec<_> = ev.findings().filter(|f| f.criterion == c).collect();
        assert_eq!(fs.len(), ORGS.len(), "{c}");
        for f in fs {
            // R03 judges grassroots organisations: below them there is nothing to judge.
            let reason = if c == Criterion::ExcellentCap && f.unit.level == chibo::OrgLevel::Cell {
                chibo::Reason::NothingToJudge
            } else {
                chibo::Reason::NoWholeSpan
            };
            assert_eq!(
                (f.period, f.verdict, f.reason),
                (half, Verdict::NotApplicable, Some(reason)),
                "{c} {}",
                f.unit.id
            );
        }
    }
}

/// A district with something to judge for every criterion: absences (some unexcused, some on
/// totals only), faulty meetings, thematic meetings, admissions and ratings over 2021.
fn rich() -> Records {
    let mut r = with_months(mini(), 2021, 1..=12);
    for (cell, m, member, p) in [
        ("c1", 1, "c1-1", Presence::AbsentWithoutReason),
        ("c1", 2, "c1-1", Presence::AbsentWithoutReason),
        ("c1", 5, "c1-1", Presence::AbsentWithoutReason),
        ("c2", 3, "c2-4", Presence::AbsentWithReason),
        ("c3", 7, "c3-2", Presence::AbsentWithoutReason),
        (Z, 11, "z-1", Presence::AbsentWithReason),
    ] {
        mark(&mut r, &rid(cell, 2021, m), member, p);
    }
    drop_meeting(&mut r, &rid("c4", 2021, 6));
    meeting_mut(&mut r, &rid("c4", 2021, 8)).attendance = crate::fixtures::counts(4, 3, 0, 1);
    meeting_mut(&mut r, &rid("c2", 2021, 9)).duration_minutes = 60;
    meeting_mut(&mut r, &rid("c3", 2021, 4)).self_assessment = None;
    meeting_mut(&mut r, &rid(Z, 2021, 10))
        .content
        .follows_programme = false;
    meeting_mut(&mut r, &rid("c1", 2021, 12))
        .content
        .directives_adapted = Some(false);
    for c in ["c1", "c3", Z] {
        for q in 1..=4 {
            let mut t = held(
                &format!("t-{c}-{q}"),
                c,
                d(2021, q * 3, 20),
                MeetingKind::Thematic,
            );
            t.content.linked_to = chibo::Reference::ALL.to_vec();
            r.meetings.push(t);
        }
    }
    r.members.push(probationary("c2-5", "c2", d(2021, 12, 15)));
    r.admissions.push(admission("c2-5", "c2", d(2021, 12, 15)));
    r.ratings = r
        .members
        .iter()
        .map(|m| match m.id.as_str() {
            "c1-1" | "c3-2" => rating(&m.id, 2021, RatingLevel::Completed),
            "c1-2" | "c1-3" | "z-1" => rating(&m.id, 2021, RatingLevel::Excellent),
            "c4-1" => not_rated(&m.id, 2021, NotRatedReason::OnLeave),
            _ => rating(&m.id, 2021, RatingLevel::Good),
        })
        .filter(|x| x.subject != chibo::RatingSubject::Member("z-2".into()))
        .collect();
    for (c, level) in [
        ("c1", RatingLevel::Good),
        ("c2", RatingLevel::Completed),
        ("c3", RatingLevel::Excellent),
        (Z, RatingLevel::Good),
    ] {
        r.ratings.push(org_rating(c, 2021, level));
    }
    r
}

#[test]
fn each_level_is_the_sum_of_the_units_below() {
    let r = rich();
    let data = build(&r);
    let ev = evaluate(&data, &CriteriaSet::de_an_16(), year(2021), None).unwrap();
    assert_levels_sum(&data, &ev);
    // The sums are not vacuous: every criterion judged something in the district (but R06,
    // whose rule came with QĐ 124 in 2023).
    for &c in Criterion::ALL
        .iter()
        .filter(|c| **c != Criterion::DisciplinedRatedLowest)
    {
        let h = one(&ev, c, H);
        assert!(h.measure.denominator > 0, "{c}: {h:?}");
    }
    // A few figures by hand.
    assert_eq!(
        one(&ev, Criterion::MonthlyRegularMeeting, H).measure,
        ratio(4, 5)
    );
    assert_eq!(
        one(&ev, Criterion::AbsenceTrigger, X).shortfalls,
        vec![sf(
            "c1",
            chibo::Detail::Members(vec![mgap(
                "c1-1",
                chibo::MemberIssue::UnexcusedMonths(vec![
                    month(2021, 1),
                    month(2021, 2),
                    month(2021, 5)
                ])
            )])
        )]
    );
    // R02 cannot use c4's totals-only August meeting, but c4 kept roll calls otherwise.
    assert_eq!(
        one(&ev, Criterion::AbsenceTrigger, "c4").measure,
        ratio(4, 4)
    );
    let i08 = one(&ev, Criterion::Admissions, H);
    assert_eq!((i08.measure, i08.total), (ratio(1, 5), Some(1)));
    // Members: 21 listed, c4-1 not rated, z-2 without a record: 19 rated, 17 good or better.
    assert_eq!(
        one(&ev, Criterion::MembersRatedGood, H).measure,
        ratio(17, 19)
    );
    // Due for rating: all 21 (c2-5, admitted in December, is due under QĐ 132); every one
    // has a record but z-2.
    assert_eq!(
        one(&ev, Criterion::RatingCoverage, H).measure,
        ratio(20, 21)
    );
}

#[test]
fn unknown_scope_is_an_error() {
    let data = build(&mini_q1());
    let set = CriteriaSet::de_an_16();
    assert_eq!(
        evaluate(&data, &set, q1(), Some("huyen-khac")),
        Err(EvaluateError::UnknownScope("huyen-khac".to_owned()))
    );
    assert!(matches!(
        evaluate_tally(&data, &[], &set, q1(), Some("huyen-khac")),
        Err(TallyError::Scope(EvaluateError::UnknownScope(id))) if id == "huyen-khac"
    ));
    // A member's id is not an organisation's.
    assert!(evaluate(&data, &set, q1(), Some("c1-1")).is_err());
}

#[test]
fn a_disabled_criterion_gives_no_findings() {
    let r = mini_q1();
    let mut set = CriteriaSet::de_an_16();
    set.disable(Criterion::RegularMeetingsCorrect);
    let ev = run_set(&r, &set, q1(), None);
    assert!(
        ev.findings()
            .all(|f| f.criterion != Criterion::RegularMeetingsCorrect)
    );
    assert_eq!(ev.findings_for(Criterion::MeetingStandard, H).count(), 1);

    let overrides = Overrides(BTreeMap::from([(
        "S04".to_owned(),
        Override {
            enabled: Some(false),
            ..Override::default()
        },
    )]));
    let set = CriteriaSet::with_overrides(&overrides).unwrap();
    let ev = run_set(&r, &set, q1(), None);
    assert_eq!(ev.findings_for(Criterion::ReviewNotLinked, H).count(), 0);
    // Every enabled criterion has one finding per organisation over Q1 (rating criteria say
    // the quarter holds no 31 December).
    assert_eq!(ev.findings().len(), (Criterion::ALL.len() - 1) * ORGS.len());
}

fn assert_adds_up(name: &str, a: &Account) {
    assert_eq!(
        a.given,
        a.used + a.outside_period + a.outside_scope + a.not_counted,
        "{name}: {a:?}"
    );
}

fn account(given: u64, used: u64, period: u64, scope: u64, not_counted: u64) -> Account {
    Account {
        given,
        used,
        outside_period: period,
        outside_scope: scope,
        not_counted,
    }
}

/// [`mini_q1`] plus, for an evaluation of x over December 2020 to March 2021:
/// - meetings: c1 in November 2020 (before) and December 2020 (in), c3 in December 2020 (out of
///   scope), an "other" meeting of c1 on 20 February (not counted);
/// - members: mv at c3 until 31 March then at c1 (in scope, but not during the period); n1
///   admitted by c1 on 15 March; n2 admitted by c2 on 15 April; n3 admitted by c3 on 20 March;
/// - ratings: c2-1 and x for 2020 (in), c1-1 and x for 2021 (31 December after the period),
///   c3-1 for 2020 and y for 2021 (out of scope).
fn accounting_records() -> Records {
    let mut r = mini_q1();
    r.meetings.push(reg("c1", 2020, 11));
    r.meetings.push(reg("c1", 2020, 12));
    r.meetings.push(reg("c3", 2020, 12));
    r.meetings
        .push(held("o-c1", "c1", d(2021, 2, 20), MeetingKind::Other));
    let mut mv = crate::fixtures::member("mv", "c3", d(2010, 1, 1));
    mv.postings = vec![
        posting_until("c3", d(2010, 1, 1), d(2021, 3, 31)),
        posting("c1", d(2021, 4, 1)),
    ];
    r.members.push(mv);
    for (y, m) in [(2020, 12), (2021, 1), (2021, 2), (2021, 3)] {
        roll_call_mut(&mut r, &rid("c3", y, m)).push(RollCallEntry {
            member: "mv".into(),
            presence: Presence::Present,
        });
    }
    for (id, c, day) in [
        ("n1", "c1", d(2021, 3, 15)),
        ("n2", "c2", d(2021, 4, 15)),
        ("n3", "c3", d(2021, 3, 20)),
    ] {
        r.members.push(probationary(id, c, day));
        r.admissions.push(admission(id, c, day));
    }
    r.ratings = vec![
        rating("c2-1", 2020, RatingLevel::Good),
        org_rating(X, 2020, RatingLevel::Good),
        rating("c1-1", 2021, RatingLevel::Good),
        org_rating(X, 2021, RatingLevel::Good),
        rating("c3-1", 2020, RatingLevel::Good),
        org_rating(Y, 2021, RatingLevel::Good),
    ];
    r
}

#[test]
fn the_accounting_adds_up_and_places_every_record() {
    let r = accounting_records();
    let p = period(d(2020, 12, 1), d(2021, 3, 31));
    let ev = run_set(&r, &CriteriaSet::de_an_16(), p, Some(X));
    let a = ev.accounting();
    for (name, acc) in [
        ("organisations", &a.organisations),
        ("members", &a.members),
        ("meetings", &a.meetings),
        ("ratings", &a.ratings),
        ("admissions", &a.admissions),
        ("tallies", &a.tallies),
    ] {
        assert_adds_up(name, acc);
    }
    assert_eq!(a.organisations, account(8, 3, 0, 5, 0));
    // 19 meetings: c1 and c2's six of 2021 and c1's December are used; c1's November is
    // before the period; c1's "other" meeting is not counted; c3, c4 and z's nine of 2021 and
    // c3's December are outside x.
    assert_eq!(a.meetings, account(19, 7, 1, 10, 1));
    // 24 members: 8 of c1 and c2 and n1 used; mv and n2 in x only after the period; 12 of c3,
    // c4 and z and n3 outside.
    assert_eq!(a.members, account(24, 9, 2, 13, 0));
    assert_eq!(a.ratings, account(6, 2, 2, 2, 0));
    assert_eq!(a.admissions, account(3, 1, 1, 1, 0));
    assert_eq!(a.tallies, Account::default());

    // The whole dataset over the same period: nothing is outside the scope.
    let ev = run(&r, p);
    let a = ev.accounting();
    assert_eq!(a.organisations, account(8, 8, 0, 0, 0));
    assert_eq!(a.meetings, account(19, 17, 1, 0, 1));
    // mv's posting at c3 now counts; only n2 joins after the period.
    assert_eq!(a.members, account(24, 23, 1, 0, 0));
    assert_eq!(a.ratings, account(6, 3, 3, 0, 0));
    assert_eq!(a.admissions, account(3, 2, 1, 0, 0));
}

#[test]
fn tallies_of_the_cells_reproduce_the_district() {
    let r = rich();
    let data = build(&r);
    let set = CriteriaSet::de_an_16();
    let ev = evaluate(&data, &set, year(2021), None).unwrap();
    let mut tallies = ev.tallies_at(OrgLevel::Cell);
    tallies.extend(ev.tallies_at(OrgLevel::GrassrootsCell));
    tallies.extend(
        ev.tallies_at(OrgLevel::PartyCommittee)
            .into_iter()
            .filter(|t| t.criterion == Criterion::ExcellentCap),
    );
    let from_tallies = evaluate_tally(&data, &tallies, &set, year(2021), None).unwrap();
    for unit in [H, X, Y] {
        for &c in Criterion::ALL {
            let a = one(&ev, c, unit);
            let b = one(&from_tallies, c, unit);
            assert_eq!(
                (a.measure, a.verdict),
                (b.measure, b.verdict),
                "{c} at {unit}"
            );
        }
    }
    assert_adds_up("tallies", &from_tallies.accounting().tallies);
    assert_eq!(from_tallies.accounting().tallies.used, tallies.len() as u64);
}

/// The members named in `Detail::Members` (I10, R02, R05) come in the same order whatever the
/// order of the member records: c1-1 and c1-2, both posted on 2010-01-01 and both unrated,
/// are named c1-1 first even when c1-2's record comes first.
#[test]
fn members_named_in_shortfalls_do_not_depend_on_record_order() {
    let mut r = mini();
    r.ratings = r
        .members
        .iter()
        .filter(|m| m.id != "c1-1" && m.id != "c1-2")
        .map(|m| rating(&m.id, 2021, RatingLevel::Good))
        .collect();
    let ev = run(&r, year(2021));
    let expected = vec![sf(
        "c1",
        chibo::Detail::Members(vec![
            mgap("c1-1", chibo::MemberIssue::NotRated),
            mgap("c1-2", chibo::MemberIssue::NotRated),
        ]),
    )];
    assert_eq!(
        one(&ev, Criterion::RatingCoverage, "c1").shortfalls,
        expected
    );
    r.members.swap(0, 1);
    let swapped = run(&r, year(2021));
    assert_eq!(
        one(&swapped, Criterion::RatingCoverage, "c1").shortfalls,
        expected
    );
    assert_eq!(ev, swapped);
}
