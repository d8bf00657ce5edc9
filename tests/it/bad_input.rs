//! The bad-input catalogue (docs/bad-input.md): each class of bad input the catalogue lists and
//! no other test covers, with a small fixture, the exact answer and where it points.
//!
//! Every test here also shows that the input does not panic: a panic fails the test.

use std::collections::{BTreeMap, BTreeSet};

use chibo::report::{ReportOptions, render_markdown};
use chibo::{
    Comparison, ConfigError, CriteriaSet, Criterion, Dataset, Detail, EvaluateError, LeaveKind,
    Location, Measure, MeetingKind, Month, OrgLevel, Overrides, Period, PeriodError, Presence,
    Problem, ProblemKind, Provenance, Quarter, RatingLevel, Reason, RecordKind, Records,
    RollCallEntry, TallyError, TallyRecord, Target, TargetError, Threshold, ThresholdUnit, Verdict,
    evaluate, evaluate_tally,
};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::fixtures::*;

// ---------------------------------------------------------------------------------------------
// Helpers.

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

/// Builds `records`, expecting exactly one problem: `kind` at `location`, whose message (after
/// the location) starts with `starts`.
#[track_caller]
fn assert_single(records: &Records, location: Location, kind: ProblemKind, starts: &str) {
    let found = problems(records);
    assert_eq!(found.len(), 1, "expected one problem, got {found:#?}");
    let p = &found[0];
    assert_eq!(p.kind, kind);
    assert_eq!(p.location, location);
    let message = p.kind.to_string();
    assert!(
        message.starts_with(starts),
        "`{message}` does not start with `{starts}`"
    );
    assert!(p.to_string().ends_with(&message));
}

/// The variant's name, e.g. "BadId".
fn variant(kind: &ProblemKind) -> String {
    format!("{kind:?}")
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

fn pct(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The JSON error of reading `value` as a `T`; panics if it reads.
#[track_caller]
fn json_error<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> serde_json::Error {
    match serde_json::from_str::<T>(text) {
        Ok(v) => panic!("`{text}` was read as {v:?}"),
        Err(e) => e,
    }
}

/// The JSON error of reading `value` as a `T`; panics if it reads.
#[track_caller]
fn value_error<T: serde::de::DeserializeOwned + std::fmt::Debug>(value: Value) -> String {
    match serde_json::from_value::<T>(value) {
        Ok(v) => panic!("the value was read as {v:?}"),
        Err(e) => e.to_string(),
    }
}

/// The small district's organisations alone: a hierarchy for the tally path.
fn hierarchy() -> Dataset {
    build(&Records {
        organisations: small_district().organisations,
        ..Records::default()
    })
}

fn tally(
    org: &str,
    criterion: Criterion,
    span: Period,
    numerator: u64,
    denominator: u64,
) -> TallyRecord {
    TallyRecord {
        organisation: org.into(),
        criterion,
        period: span,
        numerator,
        denominator,
        total: None,
    }
}

// ---------------------------------------------------------------------------------------------
// JSON: syntax, types, codes, dates.

#[test]
fn malformed_json_is_a_syntax_or_eof_error_with_a_position() {
    use serde_json::error::Category;
    let cases: [(&str, Category, usize, &str); 5] = [
        ("", Category::Eof, 1, "EOF while parsing a value"),
        (
            r#"{"organisations": ["#,
            Category::Eof,
            1,
            "EOF while parsing a list",
        ),
        (
            "{\"organisations\": [],\n}",
            Category::Syntax,
            2,
            "trailing comma",
        ),
        (
            r#"{"organisations": [] "members": []}"#,
            Category::Syntax,
            1,
            "expected `,` or `}`",
        ),
        (
            "{organisations: []}",
            Category::Syntax,
            1,
            "key must be a string",
        ),
    ];
    for (text, category, line, says) in cases {
        let e = json_error::<Records>(text);
        assert_eq!(e.classify(), category, "`{text}`: {e}");
        assert_eq!(e.line(), line, "`{text}`: {e}");
        assert!(e.to_string().starts_with(says), "`{text}`: {e}");
        assert!(e.to_string().contains(" at line "), "{e}");
    }
    // Valid JSON of the wrong shape is a data error, not a syntax error.
    let e = json_error::<Records>(r#""records""#);
    assert_eq!(e.classify(), Category::Data);
    assert!(
        e.to_string()
            .starts_with("invalid type: string \"records\", expected struct Records"),
        "{e}"
    );
    let e = json_error::<Records>(r#"[{"id": "x"}]"#);
    assert_eq!(e.classify(), Category::Data);
    assert!(
        e.to_string()
            .starts_with("invalid type: map, expected a sequence"),
        "{e}"
    );
    // Caveat (serde's derive): a struct may also be written as an array of its fields in
    // order, so `[]` reads as the empty dataset.
    assert_eq!(
        serde_json::from_str::<Records>("[]").unwrap(),
        Records::default()
    );
}

#[test]
fn wrong_types_and_out_of_range_numbers_are_refused_by_serde() {
    let base =
        serde_json::to_value(regular("m", "a1", d(2021, 1, 5), &all_present(&["a1-1"]))).unwrap();
    let with = |path: &[&str], v: Value| {
        let mut m = base.clone();
        let mut slot = &mut m;
        for p in path {
            slot = &mut slot[*p];
        }
        *slot = v;
        value_error::<chibo::MeetingRecord>(m)
    };
    let cases: [(&[&str], Value, &str); 8] = [
        (
            &["duration_minutes"],
            json!("90"),
            "invalid type: string \"90\", expected u16",
        ),
        (
            &["duration_minutes"],
            json!(70000),
            "invalid value: integer `70000`, expected u16",
        ),
        (
            &["duration_minutes"],
            json!(-1),
            "invalid value: integer `-1`, expected u16",
        ),
        (
            &["content", "tasks"],
            json!(1.5),
            "invalid type: floating point `1.5`, expected u16",
        ),
        (
            &["self_assessment", "score"],
            json!(256),
            "invalid value: integer `256`, expected u8",
        ),
        (
            &["minutes_kept"],
            json!("yes"),
            "invalid type: string \"yes\", expected a boolean",
        ),
        (
            &["date"],
            json!(20210105),
            "invalid type: integer `20210105`",
        ),
        (
            &["attendance"],
            json!({"counts": {"expected": -3, "present": 0, "absent_with_reason": 0, "absent_without_reason": 0}}),
            "invalid value: integer `-3`, expected u32",
        ),
    ];
    for (path, v, says) in cases {
        let err = with(path, v);
        assert!(
            err.starts_with(says),
            "{path:?}: `{err}` does not start with `{says}`"
        );
    }
    // Attendance counts above u32::MAX.
    let err = with(
        &["attendance"],
        json!({"counts": {"expected": 4_294_967_296_u64, "present": 0, "absent_with_reason": 0, "absent_without_reason": 0}}),
    );
    assert!(
        err.starts_with("invalid value: integer `4294967296`, expected u32"),
        "{err}"
    );

    // A missing required field, and null for a required field.
    let mut m = serde_json::to_value(small_district().members[0].clone()).unwrap();
    m.as_object_mut().unwrap().remove("admitted_on");
    assert!(value_error::<chibo::MemberRecord>(m).starts_with("missing field `admitted_on`"));
    let mut m = serde_json::to_value(small_district().members[0].clone()).unwrap();
    m["admitted_on"] = Value::Null;
    assert!(value_error::<chibo::MemberRecord>(m).starts_with("invalid type: null"));
    // A rating year as a string.
    let mut r = serde_json::to_value(rating("a1-1", 2021, RatingLevel::Good)).unwrap();
    r["year"] = json!("2021");
    assert!(
        value_error::<chibo::RatingRecord>(r)
            .starts_with("invalid type: string \"2021\", expected i32")
    );
}

#[test]
fn enum_codes_are_exact_labels_and_capitals_are_unknown_codes() {
    // The Vietnamese label, the variant's Rust name and a capitalised code are all refused,
    // each naming the codes it accepts.
    let mut o = serde_json::to_value(cell("c", COMMUNE_A)).unwrap();
    for given in ["chi bộ trực thuộc", "Cell", "CELL", " cell"] {
        o["level"] = json!(given);
        let err = value_error::<chibo::OrganisationRecord>(o.clone());
        assert!(
            err.starts_with(&format!(
                "unknown OrgLevel code `{given}`: expected one of province, district, \
                 party-committee, sub-committee, grassroots-cell, cell"
            )),
            "{err}"
        );
    }
    let e: chibo::UnknownCode = "Regular".parse::<MeetingKind>().unwrap_err();
    assert_eq!(e.kind, "MeetingKind");
    assert_eq!(e.code, "Regular");
    assert_eq!(e.expected, ["regular", "thematic", "combined", "other"]);

    // A criterion code is exact too: in a tally, in overrides, parsed.
    let t = json!({"organisation": "a1", "criterion": "i01",
        "period": {"start": "2021-01-01", "end": "2021-12-31"}, "numerator": 1, "denominator": 1});
    let err = value_error::<TallyRecord>(t);
    assert!(
        err.starts_with("unknown criterion code `i01`: codes are I01–I10, S01–S05 and R01–R06"),
        "{err}"
    );
    assert_eq!(
        " I01".parse::<Criterion>(),
        Err(ConfigError::UnknownCriterion(" I01".into()))
    );
    // The attendance variant tag and the rating subject tag are kebab-case codes too.
    let err = value_error::<chibo::Attendance>(json!({"RollCall": []}));
    assert!(
        err.starts_with("unknown variant `RollCall`, expected `roll-call` or `counts`"),
        "{err}"
    );
}

#[test]
fn impossible_or_foreign_dates_are_refused_by_serde() {
    let mut m = serde_json::to_value(small_district().members[0].clone()).unwrap();
    let cases = [
        ("2021-02-30", "input is out of range"),
        ("2021-13-01", "input is out of range"),
        ("05/02/2021", "input contains invalid characters"),
        ("năm 2021", "input contains invalid characters"),
        ("2021-02-05T00:00:00", "trailing input"),
        ("", "premature end of input"),
        ("2021-02", "premature end of input"),
    ];
    for (bad, says) in cases {
        m["admitted_on"] = json!(bad);
        let err = value_error::<chibo::MemberRecord>(m.clone());
        assert!(err.starts_with(says), "`{bad}`: {err}");
    }
}

#[test]
fn period_end_before_start() {
    // Through the constructor.
    let (start, end) = (d(2021, 12, 31), d(2021, 1, 1));
    let err = Period::new(start, end).unwrap_err();
    assert_eq!(err, PeriodError::EndBeforeStart { start, end });
    assert_eq!(
        err.to_string(),
        "period ends on 2021-01-01 before it starts on 2021-12-31: swap the dates"
    );
    // A one-day period is fine.
    assert!(Period::new(start, start).is_ok());

    // Through serde: the same check, the same words.
    let err = json_error::<Period>(r#"{"start": "2021-12-31", "end": "2021-01-01"}"#).to_string();
    assert!(
        err.starts_with("period ends on 2021-01-01 before it starts on 2021-12-31: swap the dates"),
        "{err}"
    );
    // Inside a tally.
    let err = value_error::<TallyRecord>(json!({"organisation": "a1", "criterion": "I01",
        "period": {"start": "2021-12-31", "end": "2021-01-01"}, "numerator": 1, "denominator": 1}));
    assert!(err.starts_with("period ends on 2021-01-01"), "{err}");
}

#[test]
fn month_that_is_not_yyyy_mm() {
    for bad in [
        "2021-13",
        "2021-00",
        "2021",
        "09/2021",
        "2021-1-1",
        "",
        "262144-01",
    ] {
        assert_eq!(
            bad.parse::<Month>(),
            Err(PeriodError::BadMonth(bad.into())),
            "`{bad}`"
        );
        let err = json_error::<Month>(&format!("\"{bad}\"")).to_string();
        assert!(
            err.starts_with(&format!("`{bad}` is not a month: write it as YYYY-MM")),
            "{err}"
        );
    }
    assert_eq!(
        "2021-09".parse::<Month>().unwrap(),
        Month::new(2021, 9).unwrap()
    );
}

// ---------------------------------------------------------------------------------------------
// Empty, far-off and extreme input.

#[test]
fn empty_dataset_builds_and_evaluates_to_nothing_to_judge() {
    let empty = Records::default();
    let data = build(&empty);
    assert_eq!(data.counts(), chibo::RecordCounts::default());
    let set = CriteriaSet::de_an_16();
    let p = q1_2021();
    // No organisation: no unit to find anything about, and nothing to account for.
    let ev = evaluate(&data, &set, p, None).unwrap();
    assert!(ev.findings().len() == 0);
    assert_eq!(*ev.accounting(), chibo::Accounting::default());
    assert_eq!(
        evaluate(&data, &set, p, Some(DISTRICT)),
        Err(EvaluateError::UnknownScope(DISTRICT.into()))
    );
    let report = render_markdown(&ev, &ReportOptions::default());
    assert!(report.starts_with("# Báo cáo sơ kết"), "{report}");
    // Empty JSON reads as the empty dataset.
    assert_eq!(serde_json::from_str::<Records>("{}").unwrap(), empty);
    // The tally path with no tallies: every finding not assessable, not reported, except the
    // rating criteria when the period holds no 31 December.
    let organisations = hierarchy();
    let ev = evaluate_tally(&organisations, &[], &set, p, Some(COMMUNE_A)).unwrap();
    assert!(ev.findings().len() != 0);
    let december = NaiveDate::from_ymd_opt(p.start().year(), 12, 31).is_some_and(|d| p.contains(d));
    for f in ev.findings() {
        let expected = if f.criterion.definition().span == chibo::Span::RatingYear && !december {
            (Verdict::NotApplicable, Some(Reason::NoWholeSpan))
        } else {
            (Verdict::NotAssessable, Some(Reason::NotReported))
        };
        assert_eq!((f.verdict, f.reason), expected, "{}", f.criterion);
    }

    // One organisation and nothing else: one finding per criterion and span, each not
    // applicable for want of anything to judge.
    let lone = Records {
        organisations: vec![org(DISTRICT, OrgLevel::District, None)],
        ..Records::default()
    };
    let data = build(&lone);
    let ev = evaluate(&data, &set, year(2021), None).unwrap();
    assert_eq!(ev.findings().len(), Criterion::ALL.len());
    for f in ev.findings() {
        assert_eq!(
            (f.verdict, f.reason, f.measure),
            (
                Verdict::NotApplicable,
                Some(Reason::NothingToJudge),
                Measure::default()
            ),
            "{}",
            f.criterion
        );
        assert!(f.shortfalls.is_empty());
    }
    let report = render_markdown(&ev, &ReportOptions::default());
    assert!(report.contains(&format!("Tổ chức {DISTRICT}")), "{report}");
}

/// A district, a commune and one cell `c` with three official members, a regular meeting on
/// the 5th of the month of each date given, all present, and every member rated for `years`.
fn far_off(admitted: NaiveDate, meetings: &[NaiveDate], years: &[i32]) -> Records {
    let mut members = Vec::new();
    for n in 1..=3 {
        let mut m = member(&format!("c-{n}"), "c", admitted);
        m.official_on = Some(admitted);
        members.push(m);
    }
    let ids = ["c-1", "c-2", "c-3"];
    Records {
        organisations: vec![
            org(DISTRICT, OrgLevel::District, None),
            org(COMMUNE_A, OrgLevel::PartyCommittee, Some(DISTRICT)),
            cell("c", COMMUNE_A),
        ],
        members,
        meetings: meetings
            .iter()
            .enumerate()
            .map(|(i, &day)| regular(&format!("sh-{i}"), "c", day, &all_present(&ids)))
            .collect(),
        ratings: years
            .iter()
            .flat_map(|&y| ids.map(|id| rating(id, y, RatingLevel::Good)))
            .collect(),
        admissions: Vec::new(),
    }
}

#[test]
fn dates_in_year_1_and_year_9999() {
    let first = d(1, 1, 1);
    let meetings: Vec<NaiveDate> = (1..=12)
        .map(|m| d(1, m, 5))
        .chain((1..=12).map(|m| d(9999, m, 5)))
        .collect();
    let r = far_off(first, &meetings, &[1, 9999]);
    let data = build(&r);
    let set = CriteriaSet::de_an_16();
    for y in [1, 9999] {
        let ev = evaluate(&data, &set, year(y), None).unwrap();
        for c in [
            Criterion::MonthlyRegularMeeting,
            Criterion::RegularMeetingsCorrect,
            Criterion::AttendanceEachMeeting,
            Criterion::MembersRatedGood,
            Criterion::AbsenceTrigger,
            Criterion::MinimumCellSize,
            Criterion::RatingCoverage,
        ] {
            let f = one(&ev, c, DISTRICT);
            assert_eq!(f.verdict, Verdict::Strength, "{c} in {y}: {f:#?}");
        }
        // The year-9999 meetings are judged by the rules in force then (HD 42).
        assert_eq!(ev.accounting().meetings.used, 12);
    }
    // The whole stretch from year 1 to 9999 in one evaluation: I01 once per year, every year
    // between the two with meetings missing.
    let mut set = CriteriaSet::de_an_16();
    for &c in Criterion::ALL {
        if c != Criterion::MonthlyRegularMeeting {
            set.disable(c);
        }
    }
    let whole = period(first, d(9999, 12, 31));
    let ev = evaluate(&data, &set, whole, Some("c")).unwrap();
    assert_eq!(ev.findings().len(), 9999);
    assert_eq!(ev.findings().next().unwrap().verdict, Verdict::Strength);
    assert_eq!(ev.findings().nth(1).unwrap().verdict, Verdict::Shortcoming);
    assert_eq!(ev.findings().nth(9998).unwrap().verdict, Verdict::Strength);
    // A report over it renders.
    let report = render_markdown(&ev, &ReportOptions::default());
    assert!(report.contains("01/01/0001 – 31/12/9999"), "{report}");
}

#[test]
fn chrono_extreme_dates_do_not_panic() {
    let (min, max) = (NaiveDate::MIN, NaiveDate::MAX);
    // Periods, months and quarters at the ends of chrono's range.
    let all = period(min, max);
    let years = usize::try_from(max.year() - min.year() + 1).unwrap();
    assert_eq!(all.years().count(), years);
    assert_eq!(all.quarters().count(), years * 4);
    assert_eq!(all.full_months().count(), years * 12);
    assert_eq!(Month::of(max).last_day(), max);
    assert_eq!(Month::of(max).next(), None);
    assert_eq!(Month::of(min).first_day(), min);
    let q: Quarter = Month::of(max).quarter();
    assert_eq!((q.first_day(), q.last_day()), (d(max.year(), 10, 1), max));
    assert!(!all.to_string().is_empty());
    assert_eq!(Period::year(i32::MAX), None);
    assert_eq!(Month::new(i32::MAX, 1), None);

    // Records at both ends: members admitted on chrono's first day, meetings in its first and
    // last months; both build and evaluate.
    let meetings = [d(min.year(), 1, 5), d(max.year(), 12, 5)];
    let r = far_off(min, &meetings, &[max.year()]);
    let data = build(&r);
    let set = CriteriaSet::de_an_16();
    for (p, missing) in [
        (period(min, d(min.year(), 1, 31)), 0),
        (period(d(max.year(), 12, 1), max), 0),
        (year(max.year()), 11),
    ] {
        let ev = evaluate(&data, &set, p, None).unwrap();
        let f = one(&ev, Criterion::AttendanceEachMeeting, DISTRICT);
        assert_eq!(
            (f.verdict, f.measure),
            (Verdict::Strength, Measure::new(1, 1)),
            "{p}"
        );
        let i01 = one(&ev, Criterion::MonthlyRegularMeeting, "c");
        match i01.shortfalls.to_vec().as_slice() {
            [] => assert_eq!((missing, i01.verdict), (0, Verdict::Strength), "{p}"),
            [s] => assert!(
                matches!(&s.detail, Detail::MissingMonths(m) if m.len() == missing),
                "{p}: {s:?}"
            ),
            more => panic!("{p}: {more:?}"),
        }
        // The last year's ratings are judged on chrono's last day.
        if p.contains(max) && p.start().month() == 1 {
            let f = one(&ev, Criterion::MembersRatedGood, DISTRICT);
            assert_eq!(
                (f.verdict, f.measure),
                (Verdict::Strength, Measure::new(3, 3))
            );
        }
        let _ = render_markdown(&ev, &ReportOptions::default());
    }
    // A rating for a year chrono cannot hold: refused, not a panic.
    let mut r = far_off(min, &[], &[]);
    r.ratings.push(rating("c-1", i32::MAX, RatingLevel::Good));
    r.ratings.push(rating("c-2", i32::MIN, RatingLevel::Good));
    let found = problems(&r);
    assert_eq!(found.len(), 2, "{found:#?}");
    for (p, y) in found.iter().zip([i32::MAX, i32::MIN]) {
        assert_eq!(
            p.kind,
            ProblemKind::RatingNotAllowed {
                level: RatingLevel::Good,
                year: y,
                why: format!("not a member during {y}"),
            }
        );
        assert_eq!(p.location.field, "result");
    }
    // An exit on chrono's last day, a leave to its last day and a cell dissolved on it.
    let mut r = far_off(min, &[], &[]);
    r.members[0].exit = Some(exit(max, chibo::ExitReason::Died));
    r.members[1].leaves = vec![leave(LeaveKind::Exempted, min, Some(max))];
    r.organisations[2].dissolved_on = Some(max);
    let data = build(&r);
    let ev = evaluate(&data, &set, period(d(max.year(), 1, 1), max), None).unwrap();
    // On the cell's last day, chrono's last, c-1 has left (an exit day is not a member day)
    // and the exempted c-2 still counts: 2 official members, below the bar of 3.
    let f = one(&ev, Criterion::MinimumCellSize, "c");
    assert_eq!(f.verdict, Verdict::Shortcoming, "{f:#?}");
    assert_eq!(
        f.shortfalls.first().unwrap().detail,
        Detail::TooFewOfficial {
            official: 2,
            on: max
        }
    );
}

#[test]
fn exit_on_chronos_first_day_ends_the_membership() {
    // Admitted and left on chrono's first day: the posting from that day starts on the exit
    // day, which lies outside the membership, as it does for any other day.
    let min = NaiveDate::MIN;
    let mut r = far_off(d(2020, 1, 1), &[], &[]);
    let mut m = member("x", "c", min);
    m.exit = Some(exit(min, chibo::ExitReason::Died));
    r.members.push(m);
    let found = problems(&r);
    assert!(
        found
            .iter()
            .any(|p| matches!(p.kind, ProblemKind::OutsideMembership { .. })),
        "{found:#?}"
    );
}

#[test]
fn exit_on_the_day_of_admission_leaves_no_membership() {
    // The control for the test above, on an ordinary day.
    let day = d(2020, 1, 1);
    let mut r = far_off(d(2010, 1, 1), &[], &[]);
    let mut m = member("x", "c", day);
    m.exit = Some(exit(day, chibo::ExitReason::Died));
    r.members.push(m);
    assert_single(
        &r,
        at(RecordKind::Member, 3, "x", "postings[0].from"),
        ProblemKind::OutsideMembership {
            date: day,
            admitted: day,
            exit: "2020-01-01".into(),
        },
        "2020-01-01 lies outside the membership (2020-01-01 to 2020-01-01)",
    );
}

// ---------------------------------------------------------------------------------------------
// Members, cells and meetings.

#[test]
fn cell_without_members() {
    let mut r = small_district();
    r.organisations.push(cell("a3", COMMUNE_A));
    // Builds with an empty roll call, and with zero totals.
    r.meetings
        .push(regular("sh-a3-01", "a3", d(2021, 1, 5), &[]));
    r.meetings.push(meeting(
        "sh-a3-02",
        "a3",
        d(2021, 2, 5),
        MeetingKind::Regular,
        counts(0, 0, 0, 0),
    ));
    let data = build(&r);
    let ev = evaluate(&data, &CriteriaSet::de_an_16(), q1_2021(), Some("a3")).unwrap();
    // R04: the cell falls short, with no official member on the period's last day.
    let r04 = one(&ev, Criterion::MinimumCellSize, "a3");
    assert_eq!(
        (r04.verdict, r04.measure),
        (Verdict::Shortcoming, Measure::new(0, 1))
    );
    assert_eq!(
        r04.shortfalls.first().unwrap().detail,
        Detail::TooFewOfficial {
            official: 0,
            on: d(2021, 3, 31)
        }
    );
    // Attendance criteria: nobody was expected, so nothing to judge.
    for c in [
        Criterion::AttendanceEachMeeting,
        Criterion::Participation,
        Criterion::LowAttendance,
        Criterion::AbsenceTrigger,
    ] {
        let f = one(&ev, c, "a3");
        assert_eq!(
            (f.verdict, f.reason, f.measure),
            (
                Verdict::NotApplicable,
                Some(Reason::NothingToJudge),
                Measure::default()
            ),
            "{c}"
        );
    }
    // March had no meeting: I01 still asks for one.
    let i01 = one(&ev, Criterion::MonthlyRegularMeeting, "a3");
    assert_eq!(i01.verdict, Verdict::Shortcoming);
    assert_eq!(
        i01.shortfalls.first().unwrap().detail,
        Detail::MissingMonths(vec![Month::new(2021, 3).unwrap()])
    );
}

#[test]
fn member_in_two_cells_at_once() {
    // Two open regular postings at a1 and b1 from the same day.
    let mut r = small_district();
    let mut m = member("x-1", "a1", d(2022, 1, 1));
    m.postings.push(posting("b1", d(2022, 1, 1)));
    r.members.push(m);
    assert_single(
        &r,
        at(RecordKind::Member, 19, "x-1", "postings[1].from"),
        ProblemKind::OverlappingPostings {
            other: 0,
            from: d(2022, 1, 1),
        },
        "overlaps posting #0 (2022-01-01 onwards): end one posting before the next starts",
    );

    // Two temporary postings at once, inside one regular posting.
    let mut r = small_district();
    let mut m = member("x-1", "a1", d(2022, 1, 1));
    m.postings
        .push(temporary("b1", d(2022, 3, 1), d(2022, 3, 31)));
    m.postings
        .push(temporary("b2", d(2022, 3, 15), d(2022, 4, 15)));
    r.members.push(m);
    assert_single(
        &r,
        at(RecordKind::Member, 19, "x-1", "postings[2].from"),
        ProblemKind::OverlappingPostings {
            other: 1,
            from: d(2022, 3, 15),
        },
        "overlaps posting #1",
    );
}

#[test]
fn meeting_before_the_cell_was_founded() {
    // truong was founded on 2020-01-01.
    let mut r = small_district();
    r.meetings.push(meeting(
        "sh-truong-2019-12",
        SCHOOL,
        d(2019, 12, 5),
        MeetingKind::Regular,
        roll_call(&[]),
    ));
    assert_single(
        &r,
        at(RecordKind::Meeting, 16, "sh-truong-2019-12", "date"),
        ProblemKind::OutsideCellLife {
            cell: SCHOOL.into(),
            date: d(2019, 12, 5),
            life: "2020-01-01 to now".into(),
        },
        "2019-12-05 is outside the life of cell `truong` (2020-01-01 to now)",
    );
}

#[test]
fn posting_starting_after_exit() {
    let mut r = small_district();
    member_mut(&mut r, DIED)
        .postings
        .push(posting("b2", d(2021, 4, 1)));
    assert_single(
        &r,
        at(RecordKind::Member, 10, DIED, "postings[1].from"),
        ProblemKind::OutsideMembership {
            date: d(2021, 4, 1),
            admitted: d(2015, 9, 2),
            exit: "2021-03-01".into(),
        },
        "2021-04-01 lies outside the membership (2015-09-02 to 2021-03-01): fix the date",
    );
}

#[test]
fn exit_before_admission() {
    let mut r = small_district();
    let mut m = member("x-1", "a1", d(2022, 1, 1));
    m.postings.clear();
    m.exit = Some(exit(d(2021, 6, 1), chibo::ExitReason::Died));
    r.members.push(m);
    let found = Dataset::build(&r)
        .map(|_| Vec::new())
        .unwrap_or_else(|e| e.problems);
    assert!(
        found
            .iter()
            .any(|p| p.location.id == "x-1" && p.location.field.starts_with("exit")),
        "{found:#?}"
    );
}

#[test]
fn member_without_postings_is_kept_and_accounted() {
    // A member on no cell's list builds, is kept, and is accounted for, not lost.
    let mut r = small_district();
    let mut m = member("x-1", "a1", d(2010, 1, 1));
    m.postings.clear();
    r.members.push(m);
    let data = build(&r);
    assert!(data.member("x-1").is_some());
    assert_eq!(data.counts().members, 20);
    let ev = evaluate(&data, &CriteriaSet::de_an_16(), q1_2021(), None).unwrap();
    let a = ev.accounting().members;
    assert_eq!(a.given, 20);
    assert_eq!(
        a.used + a.outside_period + a.outside_scope + a.not_counted,
        a.given
    );
    // It belongs to no organisation, so it is counted outside the scope even for the whole
    // dataset.
    assert_eq!(a.outside_scope, 1);
}

#[test]
fn attendance_totals_at_u32_max_do_not_wrap() {
    // b2 on 2021-03-05 has 5 members due. Present u32::MAX + 1 absent wraps to 0 in u32: the
    // sum is taken exactly and does not equal the 0 expected.
    let id = regular_id("b2", 3);
    let mut r = small_district();
    *counts_mut(&mut r, &id) = chibo::AttendanceCounts {
        expected: 0,
        present: u32::MAX,
        absent_with_reason: 1,
        absent_without_reason: 0,
    };
    let found = problems(&r);
    let kinds: Vec<&ProblemKind> = found.iter().map(|p| &p.kind).collect();
    assert_eq!(
        kinds,
        [
            &ProblemKind::CountsDoNotAddUp {
                expected: 0,
                present: u32::MAX,
                with_reason: 1,
                without_reason: 0,
            },
            &ProblemKind::CountsDisagreeWithRoster {
                expected: 0,
                due: 5,
                exempted: 0,
                date: d(2021, 3, 5),
            },
        ]
    );
    assert!(
        found[0]
            .to_string()
            .contains("present 4294967295 + absent with reason 1")
    );

    // Every total at u32::MAX: the three parts overflow u32 and are still compared exactly.
    let mut r = small_district();
    *counts_mut(&mut r, &id) = chibo::AttendanceCounts {
        expected: u32::MAX,
        present: u32::MAX,
        absent_with_reason: u32::MAX,
        absent_without_reason: u32::MAX,
    };
    let found = problems(&r);
    assert_eq!(
        found.iter().map(|p| variant(&p.kind)).collect::<Vec<_>>(),
        ["CountsDoNotAddUp", "CountsDisagreeWithRoster"]
    );

    // Totals that add up to u32::MAX but that the roster cannot hold.
    let mut r = small_district();
    *counts_mut(&mut r, &id) = chibo::AttendanceCounts {
        expected: u32::MAX,
        present: u32::MAX - 1,
        absent_with_reason: 0,
        absent_without_reason: 1,
    };
    assert_single(
        &r,
        at(RecordKind::Meeting, 13, &id, "attendance.counts.expected"),
        ProblemKind::CountsDisagreeWithRoster {
            expected: u32::MAX,
            due: 5,
            exempted: 0,
            date: d(2021, 3, 5),
        },
        "expected 4294967295, but the cell's list on 2021-03-05 gives 5 due",
    );
}

#[test]
fn targets_compare_u64_extremes_exactly() {
    let at_least_100 = Target::new(Comparison::AtLeast, pct("100"), Provenance::Local).unwrap();
    let above_tiny =
        Target::new(Comparison::MoreThan, pct("99.999999"), Provenance::Local).unwrap();
    let max = u64::MAX;
    assert_eq!(at_least_100.is_met_by(Measure::new(max, max)), Some(true));
    assert_eq!(
        at_least_100.is_met_by(Measure::new(max - 1, max)),
        Some(false)
    );
    assert_eq!(above_tiny.is_met_by(Measure::new(max - 1, max)), Some(true));
    assert_eq!(above_tiny.is_met_by(Measure::new(0, max)), Some(false));
    assert_eq!(at_least_100.is_met_by(Measure::new(0, 0)), None);
    // One in u64::MAX against 0.000001%: 5.4e-18% is below it.
    let tiny = Target::new(Comparison::AtLeast, pct("0.000001"), Provenance::Local).unwrap();
    assert_eq!(tiny.is_met_by(Measure::new(1, max)), Some(false));
    assert!(Measure::new(max, max).percent(2).is_some());
    assert!(Measure::new(1, max).percent(6).is_some());
}

#[test]
fn tally_counts_at_u64_max_compare_exactly() {
    let data = hierarchy();
    let set = CriteriaSet::de_an_16();
    let c = Criterion::MonthlyRegularMeeting;
    let max = u64::MAX;
    let tallies = [
        tally("a1", c, year(2021), max - 1, max),
        tally("a2", c, year(2021), max, max),
    ];
    // Each cell on its own compares exactly (their sum at the commune would overflow: see
    // `tally_sums_beyond_u64_max_are_not_saturated`).
    let ev = evaluate_tally(&data, &tallies, &set, year(2021), Some("a1")).unwrap();
    let a1 = one(&ev, c, "a1");
    assert_eq!(
        (a1.verdict, a1.measure),
        (Verdict::Shortcoming, Measure::new(max - 1, max))
    );
    let ev = evaluate_tally(&data, &tallies, &set, year(2021), Some("a2")).unwrap();
    let a2 = one(&ev, c, "a2");
    assert_eq!(
        (a2.verdict, a2.measure),
        (Verdict::Strength, Measure::new(max, max))
    );
}

#[test]
fn tally_sums_beyond_u64_max_are_not_saturated() {
    let data = hierarchy();
    let set = CriteriaSet::de_an_16();
    let c = Criterion::MonthlyRegularMeeting;
    let max = u64::MAX;
    let tallies = [
        tally("a1", c, year(2021), max, max),
        tally("a2", c, year(2021), 0, 1),
    ];
    // 2^64 - 1 + 0 passes of 2^64 judged cannot be held in u64: refused, never saturated
    // into a false 100%.
    let err = evaluate_tally(&data, &tallies, &set, year(2021), Some(COMMUNE_A)).unwrap_err();
    assert_eq!(
        err,
        TallyError::Overflow {
            organisation: COMMUNE_A.into(),
            criterion: c
        }
    );
    assert!(err.to_string().contains("beyond 2^64"));
}

#[test]
fn tally_problems_are_all_reported() {
    let data = hierarchy();
    let set = CriteriaSet::de_an_16();
    let c = Criterion::MonthlyRegularMeeting;
    let tallies = [
        tally("a1", c, year(2021), 1, 1),
        tally("a9", c, year(2021), 1, 1),
        tally("a2", c, year(2021), 2, 1),
        tally("a1", c, year(2021), 0, 1),
        tally("A1", c, year(2021), 1, 1),
    ];
    let Err(TallyError::Records(err)) = evaluate_tally(&data, &tallies, &set, year(2021), None)
    else {
        panic!("the tallies were accepted");
    };
    assert_eq!(
        err.problems,
        [
            Problem {
                location: at(RecordKind::Tally, 1, "a9", "organisation"),
                kind: ProblemKind::UnknownOrganisation { id: "a9".into() },
            },
            Problem {
                location: at(RecordKind::Tally, 2, "a2", "numerator"),
                kind: ProblemKind::NumeratorExceedsDenominator {
                    numerator: 2,
                    denominator: 1
                },
            },
            Problem {
                location: at(RecordKind::Tally, 3, "a1", "period"),
                kind: ProblemKind::DuplicateTally { first: 0 },
            },
            Problem {
                location: at(RecordKind::Tally, 4, "A1", "organisation"),
                kind: ProblemKind::UnknownOrganisation { id: "A1".into() },
            },
        ]
    );
    let text = TallyError::Records(err).to_string();
    assert!(text.starts_with("4 problem(s) in the records\n"), "{text}");
    assert!(
        text.contains(
            "tally #2 `a2`, field `numerator`: numerator 2 exceeds denominator 1: a count of \
             units that pass cannot exceed the units judged"
        ),
        "{text}"
    );
    assert!(text.contains("tally #3 `a1`, field `period`: already reported by tally #0"));
    // The same tally for another span is not a duplicate; a span the criterion is not measured
    // over is left out and accounted as outside the period.
    let ok = [
        tally("a1", c, year(2021), 1, 1),
        tally("a1", c, q1_2021(), 1, 1),
    ];
    let ev = evaluate_tally(&data, &ok, &set, year(2021), None).unwrap();
    assert_eq!(ev.accounting().tallies.used, 1);
    assert_eq!(ev.accounting().tallies.outside_period, 1);
}

#[test]
fn ids_are_compared_exactly() {
    // Whitespace around an id, Unicode whitespace included, is a BadId; for organisations see
    // tests/it/dataset.rs::bad_id.
    for id in [" a1-9", "a1-9\t", "\u{a0}a1-9", "\n"] {
        let mut r = small_district();
        let mut m = member(id, "a1", d(2022, 1, 1));
        m.postings[0].cell = "a1".into();
        r.members.push(m);
        assert_single(
            &r,
            at(RecordKind::Member, 19, id, "id"),
            ProblemKind::BadId { id: id.into() },
            &format!("id `{id}` is empty or has leading or trailing spaces: trim it"),
        );
    }
    let mut r = small_district();
    r.meetings.push(meeting(
        " khac",
        "a1",
        d(2021, 1, 25),
        MeetingKind::Other,
        roll_call(&all_present(&["a1-1", "a1-2", "a1-3"])),
    ));
    assert_single(
        &r,
        at(RecordKind::Meeting, 16, " khac", "id"),
        ProblemKind::BadId { id: " khac".into() },
        "id ` khac` is empty",
    );

    // Ids differing by case, by Unicode normalisation or by an invisible zero-width space are
    // different ids: no duplicate.
    let mut r = small_district();
    r.members.push(member("A1-1", "a1", d(2022, 1, 1)));
    r.members.push(member("a1-1\u{200b}", "a1", d(2022, 1, 1)));
    r.organisations.push(cell("chi-bộ", COMMUNE_A)); // "ộ" precomposed (NFC)
    r.organisations.push(cell("chi-bô\u{323}", COMMUNE_A)); // "ô" + combining dot (NFD)
    let data = build(&r);
    assert_eq!(data.counts().members, 21);
    assert_eq!(data.counts().cells, 7);
    assert_eq!(data.member("A1-1").unwrap().admitted_on(), d(2022, 1, 1));
    assert_eq!(data.member("a1-1").unwrap().admitted_on(), d(2005, 3, 2));

    // References are not trimmed or case-folded either.
    let mut r = small_district();
    r.meetings[0].cell = "A1".into();
    roll_call_mut(&mut r, &regular_id("a2", 2)).push(RollCallEntry {
        member: "a2-1 ".into(),
        presence: Presence::Present,
    });
    let found = problems(&r);
    assert_eq!(
        found,
        [
            Problem {
                location: at(RecordKind::Meeting, 0, &regular_id("a1", 1), "cell"),
                kind: ProblemKind::UnknownOrganisation { id: "A1".into() },
            },
            Problem {
                location: at(
                    RecordKind::Meeting,
                    6,
                    &regular_id("a2", 2),
                    "attendance.roll-call[4].member"
                ),
                kind: ProblemKind::UnknownMember { id: "a2-1 ".into() },
            },
        ]
    );
    // A scope and a criterion code are exact too.
    let data = build(&small_district());
    let set = CriteriaSet::de_an_16();
    for scope in ["HUYEN-LB", " huyen-lb", "huyen-lb "] {
        assert_eq!(
            evaluate(&data, &set, q1_2021(), Some(scope)),
            Err(EvaluateError::UnknownScope(scope.into()))
        );
    }
    let overrides = Overrides(BTreeMap::from([(
        "i09".to_owned(),
        chibo::Override::default(),
    )]));
    assert_eq!(
        CriteriaSet::with_overrides(&overrides),
        Err(ConfigError::UnknownCriterion("i09".into()))
    );
}

// ---------------------------------------------------------------------------------------------
// Settings: targets and thresholds.

#[test]
fn target_outside_0_100_or_too_precise() {
    let make = |s: &str| Target::new(Comparison::AtLeast, pct(s), Provenance::Local);
    for s in ["-1", "-0.000001", "100.000001", "101", "1000000"] {
        assert_eq!(make(s), Err(TargetError::OutOfRange(pct(s))), "{s}");
    }
    assert_eq!(
        make("120").unwrap_err().to_string(),
        "target 120% is outside 0–100%: give a percentage between 0 and 100"
    );
    assert_eq!(
        make("90.0000001"),
        Err(TargetError::TooPrecise(pct("90.0000001")))
    );
    assert!(
        make("90.0000001")
            .unwrap_err()
            .to_string()
            .starts_with("target 90.0000001% has more than 6 decimals: round it")
    );
    // The bounds themselves, trailing zeros and a negative zero are fine.
    for s in ["0", "100", "100.000000000", "90.123456", "-0"] {
        assert!(make(s).is_ok(), "{s}");
    }

    // Through JSON overrides: the same errors, and nothing is built.
    let read = |percent: Value| {
        serde_json::from_value::<Overrides>(
            json!({"I09": {"target": {"comparison": "at-least", "percent": percent}}}),
        )
        .map_err(|e| e.to_string())
    };
    let err = read(json!("-5")).unwrap_err();
    assert!(err.starts_with("target -5% is outside 0–100%"), "{err}");
    let err = read(json!("92.1234567")).unwrap_err();
    assert!(
        err.starts_with("target 92.1234567% has more than 6 decimals"),
        "{err}"
    );
    // The percentage is a string: a JSON number, or words, are refused.
    let err = read(json!(92)).unwrap_err();
    assert!(err.starts_with("invalid type: integer `92`"), "{err}");
    assert!(read(json!("ninety")).is_err());
    assert!(read(json!("92")).is_ok());
    // An unknown comparison and an unknown field in a target.
    let err = serde_json::from_value::<Overrides>(
        json!({"I09": {"target": {"comparison": "over", "percent": "92"}}}),
    )
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("unknown variant `over`"), "{err}");
    let err = serde_json::from_value::<Overrides>(
        json!({"I09": {"target": {"comparison": "at-least", "percent": "92", "unit": "percent"}}}),
    )
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("unknown field `unit`"), "{err}");
}

fn threshold(value: &str, unit: ThresholdUnit) -> Threshold {
    Threshold {
        comparison: Comparison::AtLeast,
        value: pct(value),
        unit,
        provenance: Provenance::Local,
    }
}

fn with_threshold(code: &str, t: Threshold) -> Result<CriteriaSet, ConfigError> {
    CriteriaSet::with_overrides(&Overrides(BTreeMap::from([(
        code.to_owned(),
        chibo::Override {
            threshold: Some(t),
            ..chibo::Override::default()
        },
    )])))
}

#[test]
fn threshold_in_the_wrong_unit_or_out_of_range() {
    // R04 counts members: a percentage is the wrong unit.
    let err = with_threshold("R04", threshold("90", ThresholdUnit::Percent)).unwrap_err();
    assert_eq!(
        err,
        ConfigError::BadThreshold {
            criterion: Criterion::MinimumCellSize,
            threshold: "≥ 90%".into(),
            why: "its unit differs from the criterion's",
        }
    );
    assert_eq!(
        err.to_string(),
        "threshold ≥ 90% does not fit criterion R04: its unit differs from the criterion's"
    );
    // I05 is a percentage: months are the wrong unit; above 100%, negative or too precise is
    // out of range.
    assert!(matches!(
        with_threshold("I05", threshold("3", ThresholdUnit::Months)),
        Err(ConfigError::BadThreshold { criterion: Criterion::AttendanceEachMeeting, why, .. })
            if why == "its unit differs from the criterion's"
    ));
    for v in ["101", "-1", "90.0000001"] {
        let err = with_threshold("I05", threshold(v, ThresholdUnit::Percent)).unwrap_err();
        assert!(
            matches!(&err, ConfigError::BadThreshold { why, .. } if why.starts_with("the value must lie in 0–100%")),
            "{v}: {err}"
        );
    }
    // A count may exceed 100, but not be negative.
    assert!(with_threshold("R04", threshold("150", ThresholdUnit::Members)).is_ok());
    assert!(with_threshold("R04", threshold("-3", ThresholdUnit::Members)).is_err());
    // A criterion without a bar, and references for another criterion than S04.
    assert_eq!(
        with_threshold("I01", threshold("90", ThresholdUnit::Percent)),
        Err(ConfigError::NoThreshold(Criterion::MonthlyRegularMeeting))
    );
    let refs = Overrides(BTreeMap::from([(
        "I01".to_owned(),
        chibo::Override {
            references: Some(Vec::new()),
            ..chibo::Override::default()
        },
    )]));
    assert_eq!(
        CriteriaSet::with_overrides(&refs),
        Err(ConfigError::NoReferences(Criterion::MonthlyRegularMeeting))
    );
    // Through JSON: a threshold unit that is no unit.
    let err = serde_json::from_value::<Overrides>(json!({"R04": {"threshold": {
        "comparison": "at-least", "value": "3", "unit": "people", "provenance": "local"}}}))
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("unknown variant `people`"), "{err}");
    // And read from JSON, then applied: the same BadThreshold.
    let o: Overrides = serde_json::from_value(json!({"R04": {"threshold": {
        "comparison": "at-least", "value": "90", "unit": "percent", "provenance": "local"}}}))
    .unwrap();
    assert!(matches!(
        CriteriaSet::with_overrides(&o),
        Err(ConfigError::BadThreshold {
            criterion: Criterion::MinimumCellSize,
            ..
        })
    ));
}

#[test]
fn threshold_with_trailing_zeros_compares_like_the_plain_number() {
    let zeros = "90.00000000000000000000000000";
    let set = with_threshold("I05", threshold(zeros, ThresholdUnit::Percent)).unwrap();
    let bar = set
        .settings(Criterion::AttendanceEachMeeting)
        .threshold
        .unwrap();
    let plain = threshold("90", ThresholdUnit::Percent);
    let m = Measure::new(1 << 40, 1 << 41);
    assert_eq!(plain.passes_rate(m), Some(false));
    assert_eq!(bar.passes_rate(m), Some(false));
}

// ---------------------------------------------------------------------------------------------
// Periods too short for a criterion.

#[test]
fn period_shorter_than_a_month_is_not_applicable() {
    let data = build(&small_district());
    let p = period(d(2021, 1, 2), d(2021, 1, 30));
    let ev = evaluate(&data, &CriteriaSet::de_an_16(), p, None).unwrap();
    // No whole month: I01 has nothing to ask for.
    let f = one(&ev, Criterion::MonthlyRegularMeeting, DISTRICT);
    assert_eq!(
        (f.verdict, f.measure),
        (Verdict::NotApplicable, Measure::default())
    );
    // Ratings are judged at 31 December: with no 31 December in the period, each rating
    // criterion says so in one finding over the period.
    for c in [
        Criterion::CellsRatedGood,
        Criterion::MembersRatedGood,
        Criterion::ExcellentCap,
        Criterion::RatingCoverage,
    ] {
        let f = one(&ev, c, DISTRICT);
        assert_eq!(
            (f.period, f.verdict, f.reason),
            (p, Verdict::NotApplicable, Some(chibo::Reason::NoWholeSpan)),
            "{c}"
        );
    }
    // The meetings of the period are still judged.
    let f = one(&ev, Criterion::MeetingStandard, DISTRICT);
    assert_eq!(f.measure.denominator, 5);
}

#[test]
fn period_shorter_than_a_month_says_no_whole_span() {
    let data = build(&small_district());
    let p = period(d(2021, 1, 2), d(2021, 1, 30));
    let ev = evaluate(&data, &CriteriaSet::de_an_16(), p, None).unwrap();
    let f = one(&ev, Criterion::MonthlyRegularMeeting, DISTRICT);
    assert_eq!(f.reason, Some(Reason::NoWholeSpan));
}

// ---------------------------------------------------------------------------------------------
// Nothing is lost: every problem of every class, in one build.

#[test]
fn every_class_at_once_nothing_is_lost() {
    use RecordKind::{Admission, Meeting, Member, Organisation, Rating};
    let mut r = small_district();

    // Organisations 8..: two valid cells to post problem members at, after the faulty ones.
    let mut bad_dates = cell("c-z", COMMUNE_A);
    bad_dates.founded_on = Some(d(2021, 5, 1));
    bad_dates.dissolved_on = Some(d(2021, 4, 1));
    let mut c_new2 = cell("c-new2", COMMUNE_B);
    c_new2.founded_on = Some(d(2000, 1, 1));
    r.organisations.extend([
        org("xa-c ", OrgLevel::PartyCommittee, Some(DISTRICT)), // 8 BadId
        org(COMMUNE_A, OrgLevel::PartyCommittee, Some(DISTRICT)), // 9 DuplicateId
        cell("c-x", "xa-z"),                                    // 10 UnknownOrganisation
        cell("c-y", "a1"),                                      // 11 WrongParentLevel
        org("p", OrgLevel::PartyCommittee, Some("q")),          // 12 WrongParentLevel + cycle
        org("q", OrgLevel::SubCommittee, Some("p")),            // 13
        bad_dates,                                              // 14 DatesOutOfOrder
        cell("c-new", COMMUNE_B),                               // 15
        c_new2,                                                 // 16
    ]);

    // Members 19..
    let day = d(2010, 1, 1);
    let at_new = |id: &str| member(id, "c-new", day);
    let mut official_early = at_new("x-2");
    official_early.official_on = Some(d(2009, 1, 1));
    let mut out_of_order = at_new("x-3");
    out_of_order.postings = vec![posting_until("c-new", d(2012, 6, 1), d(2012, 5, 1))];
    let mut before_admission = at_new("x-4");
    before_admission.postings[0].from = d(2009, 6, 1);
    let mut two_cells = at_new("x-5");
    two_cells.postings.push(posting("c-new2", d(2011, 1, 1)));
    let mut no_home = member("x-6", "c-new2", day);
    no_home
        .postings
        .push(temporary("c-new2", d(2012, 1, 1), d(2012, 2, 1)));
    let before_founding = member("x-7", "c-new2", d(1995, 1, 1));
    let mut leaves = at_new("x-8");
    leaves.leaves = vec![
        leave(LeaveKind::Exempted, d(2015, 1, 1), Some(d(2015, 12, 31))),
        leave(LeaveKind::Suspended, d(2015, 6, 1), None),
    ];
    r.members.extend([
        at_new("x-1 "),                      // 19 BadId
        member("a1-1", "a1", d(2019, 1, 1)), // 20 DuplicateId
        official_early,                      // 21 OfficialBeforeAdmission
        out_of_order,                        // 22 DatesOutOfOrder
        before_admission,                    // 23 OutsideMembership
        two_cells,                           // 24 OverlappingPostings
        no_home,                             // 25 TemporaryWithoutHome
        before_founding,                     // 26 OutsideCellLife
        leaves,                              // 27 OverlappingLeaves
        member("x-9", "nowhere", day),       // 28 UnknownOrganisation
        member("x-10", COMMUNE_B, day),      // 29 NotACell
    ]);

    // Meetings: faults in the fixture's own, and new ones from 16.
    r.meetings[0].content.tasks_with_owner_and_deadline = 4; // 0 TasksExceed
    roll_call_mut(&mut r, &regular_id("a2", 1)).retain(|e| e.member != "a2-3"); // 1 Missing
    r.meetings[2].self_assessment.as_mut().unwrap().score = Some(101); // 2 ScoreOutOfRange
    roll_call_mut(&mut r, &regular_id("b2", 1)).push(RollCallEntry {
        member: "b2-3".into(),
        presence: Presence::AbsentWithReason,
    }); // 3 ListedTwice
    roll_call_mut(&mut r, &regular_id("a1", 2)).push(RollCallEntry {
        member: "b1-1".into(),
        presence: Presence::Present,
    }); // 5 NotExpected
    roll_call_mut(&mut r, &regular_id("a2", 2)).push(RollCallEntry {
        member: "zz".into(),
        presence: Presence::Present,
    }); // 6 UnknownMember
    roll_call_mut(&mut r, &regular_id("a1", 3)).push(RollCallEntry {
        member: EXEMPTED.into(),
        presence: Presence::AbsentWithReason,
    }); // 10 AbsenceWhileOnLeave
    counts_mut(&mut r, &regular_id("b2", 3)).present = 3; // 13 CountsDoNotAddUp
    let a1_roll = all_present(&["a1-1", "a1-2", "a1-3"]);
    let mut dup_id = r.meetings[0].clone();
    dup_id.date = d(2021, 1, 20);
    r.meetings.extend([
        meeting(
            "khac-a1",
            "a1",
            d(2021, 1, 20),
            MeetingKind::Other,
            counts(10, 10, 0, 0),
        ), // 16
        regular("dup-a1", "a1", d(2021, 1, 5), &fixture_roll("a1", 1)), // 17 DuplicateRegular
        dup_id,                                                         // 18 DuplicateId
        regular("sh-a9", "a9", d(2021, 1, 5), &[]),                     // 19 UnknownOrganisation
        regular("sh-xa", COMMUNE_A, d(2021, 1, 5), &[]),                // 20 NotACell
        meeting(
            "sh-t-2019",
            SCHOOL,
            d(2019, 12, 5),
            MeetingKind::Other,
            roll_call(&[]),
        ), // 21
        meeting(
            " cd-bad",
            "a1",
            d(2021, 1, 25),
            MeetingKind::Other,
            roll_call(&a1_roll),
        ), // 22
    ]);

    // Ratings: 22..
    let exempted = rating_index(&r, EXEMPTED, 2021);
    r.ratings[exempted] = rating(EXEMPTED, 2021, RatingLevel::Good); // RatingNotAllowed
    r.ratings.extend([
        rating("a1-1", 2021, RatingLevel::Good), // 22 DuplicateRating
        rating("zz", 2021, RatingLevel::Good),   // 23 UnknownMember
        org_rating("xa-z", 2021, RatingLevel::Good), // 24 UnknownOrganisation
    ]);

    // Admissions.
    r.admissions[0].date = d(2021, 9, 2); // 0 AdmissionDateMismatch
    r.admissions
        .push(admission(NEWCOMER, SCHOOL, d(2021, 9, 1))); // 1 DuplicateAdmission

    let err = Dataset::build(&r).unwrap_err();
    let got: Vec<(RecordKind, usize, &str, &str, String)> = err
        .problems
        .iter()
        .map(|p| {
            (
                p.location.kind,
                p.location.index,
                p.location.id.as_str(),
                p.location.field.as_str(),
                variant(&p.kind),
            )
        })
        .collect();
    let sh = |c: &str, m: u32| regular_id(c, m);
    let (a1_1, a2_1, b1_1, b2_1, a1_2, a2_2, a1_3, b2_3) = (
        sh("a1", 1),
        sh("a2", 1),
        sh("b1", 1),
        sh("b2", 1),
        sh("a1", 2),
        sh("a2", 2),
        sh("a1", 3),
        sh("b2", 3),
    );
    let want: Vec<(RecordKind, usize, &str, &str, &str)> = vec![
        (Organisation, 8, "xa-c ", "id", "BadId"),
        (Organisation, 9, COMMUNE_A, "id", "DuplicateId"),
        (Organisation, 10, "c-x", "parent", "UnknownOrganisation"),
        (Organisation, 11, "c-y", "parent", "WrongParentLevel"),
        (Organisation, 12, "p", "parent", "WrongParentLevel"),
        (Organisation, 12, "p", "parent", "OrganisationCycle"),
        (Organisation, 14, "c-z", "dissolved_on", "DatesOutOfOrder"),
        (Member, 19, "x-1 ", "id", "BadId"),
        (Member, 20, "a1-1", "id", "DuplicateId"),
        (Member, 21, "x-2", "official_on", "OfficialBeforeAdmission"),
        (Member, 22, "x-3", "postings[0].until", "DatesOutOfOrder"),
        (Member, 23, "x-4", "postings[0].from", "OutsideMembership"),
        (Member, 24, "x-5", "postings[1].from", "OverlappingPostings"),
        (Member, 25, "x-6", "postings", "TemporaryWithoutHome"),
        (Member, 26, "x-7", "postings[0].from", "OutsideCellLife"),
        (Member, 27, "x-8", "leaves[1].from", "OverlappingLeaves"),
        (Member, 28, "x-9", "postings[0].cell", "UnknownOrganisation"),
        (Member, 29, "x-10", "postings[0].cell", "NotACell"),
        (
            Meeting,
            0,
            &a1_1,
            "content.tasks_with_owner_and_deadline",
            "TasksExceed",
        ),
        (
            Meeting,
            1,
            &a2_1,
            "attendance.roll-call",
            "MissingFromRollCall",
        ),
        (
            Meeting,
            2,
            &b1_1,
            "self_assessment.score",
            "ScoreOutOfRange",
        ),
        (Meeting, 3, &b2_1, "attendance.roll-call[4]", "ListedTwice"),
        (Meeting, 5, &a1_2, "attendance.roll-call[3]", "NotExpected"),
        (
            Meeting,
            6,
            &a2_2,
            "attendance.roll-call[4].member",
            "UnknownMember",
        ),
        (
            Meeting,
            10,
            &a1_3,
            "attendance.roll-call[3]",
            "AbsenceWhileOnLeave",
        ),
        (Meeting, 13, &b2_3, "attendance.counts", "CountsDoNotAddUp"),
        (
            Meeting,
            16,
            "khac-a1",
            "attendance.counts.expected",
            "CountsDisagreeWithRoster",
        ),
        (Meeting, 17, "dup-a1", "date", "DuplicateRegularMeeting"),
        (Meeting, 18, &a1_1, "id", "DuplicateId"),
        (Meeting, 19, "sh-a9", "cell", "UnknownOrganisation"),
        (Meeting, 20, "sh-xa", "cell", "NotACell"),
        (Meeting, 21, "sh-t-2019", "date", "OutsideCellLife"),
        (Meeting, 22, " cd-bad", "id", "BadId"),
        (Rating, exempted, EXEMPTED, "result", "RatingNotAllowed"),
        (Rating, 22, "a1-1", "year", "DuplicateRating"),
        (Rating, 23, "zz", "subject", "UnknownMember"),
        (Rating, 24, "xa-z", "subject", "UnknownOrganisation"),
        (Admission, 0, NEWCOMER, "date", "AdmissionDateMismatch"),
        (Admission, 1, NEWCOMER, "member", "DuplicateAdmission"),
    ];
    let want: Vec<(RecordKind, usize, &str, &str, String)> = want
        .into_iter()
        .map(|(k, i, id, f, v)| (k, i, id, f, v.to_owned()))
        .collect();
    assert_eq!(got, want);

    // Every kind of problem a build can report is among them.
    let kinds: BTreeSet<String> = err.problems.iter().map(|p| variant(&p.kind)).collect();
    assert_eq!(kinds.len(), 27, "{kinds:?}");

    // The message lists them all, one line each, and they survive JSON.
    let text = err.to_string();
    assert!(text.starts_with("39 problem(s) in the records\n"), "{text}");
    assert_eq!(text.lines().count(), 40);
    let back: chibo::BuildError =
        serde_json::from_str(&serde_json::to_string(&err).unwrap()).unwrap();
    assert_eq!(back, err);
}

/// A cell whose minutes record totals only cannot be judged for R02: the commune's figure is
/// over its other cell, and names the cell left out and why.
#[test]
fn units_that_cannot_be_judged_are_named_above_them() {
    let mut r = small_district();
    for (month, totals) in [
        (1, counts(4, 4, 0, 0)),
        (2, counts(3, 3, 0, 0)),
        (3, counts(3, 3, 0, 0)),
    ] {
        meeting_mut(&mut r, &regular_id("a1", month)).attendance = totals;
    }
    let data = build(&r);
    let ev = evaluate(&data, &CriteriaSet::de_an_16(), year(2021), Some(COMMUNE_A)).unwrap();
    let a1 = one(&ev, Criterion::AbsenceTrigger, "a1");
    assert_eq!(
        (a1.verdict, a1.reason),
        (Verdict::NotAssessable, Some(Reason::NoRollCall))
    );
    let xa = one(&ev, Criterion::AbsenceTrigger, COMMUNE_A);
    assert!(xa.measure.denominator > 0);
    assert_eq!(
        xa.unassessed,
        vec![chibo::Unassessed {
            unit: "a1".into(),
            reason: Reason::NoRollCall
        }]
    );
    // The report says so too.
    let report = render_markdown(&ev, &ReportOptions::default());
    assert!(report.contains("không đủ dữ liệu"), "{report}");
}

/// On the tally path, a sum over the cells that reported names the cells that did not.
#[test]
fn unreported_units_are_named_above_them() {
    let data = hierarchy();
    let set = CriteriaSet::de_an_16();
    let c = Criterion::RegularMeetingsCorrect;
    let tallies = [tally("a1", c, year(2021), 1, 1)];
    let ev = evaluate_tally(&data, &tallies, &set, year(2021), Some(COMMUNE_A)).unwrap();
    let xa = one(&ev, c, COMMUNE_A);
    assert_eq!(xa.measure, Measure::new(1, 1));
    assert_eq!(
        xa.unassessed,
        vec![chibo::Unassessed {
            unit: "a2".into(),
            reason: Reason::NotReported
        }]
    );
}
