//! JSON: every record survives a round trip; the shape of a meeting is pinned; bad input is
//! refused with a message that helps.

use std::fmt::Debug;

use chibo::{
    Attendance, AttendanceCounts, CellKind, Dataset, ExitReason, LeaveKind, MeetingKind,
    MeetingQuality, MeetingRecord, MemberRecord, NotRatedReason, OrgLevel, Presence, RatingLevel,
    RatingResult, RatingSubject, Records, Reference, RollCallEntry, SelfAssessment,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::fixtures::*;

/// Serializes `value` to JSON, reads it back and checks it is unchanged; returns the JSON.
#[track_caller]
fn round_trip<T>(value: &T) -> String
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let text = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(&back, value, "{text}");
    let pretty = serde_json::to_string_pretty(value).unwrap();
    let back: T = serde_json::from_str(&pretty).unwrap();
    assert_eq!(&back, value);
    text
}

#[test]
fn whole_fixture_round_trips() {
    let records = small_district();
    round_trip(&records);
    // And what comes back still builds to the same dataset.
    let text = serde_json::to_string(&records).unwrap();
    let back: Records = serde_json::from_str(&text).unwrap();
    assert_eq!(
        Dataset::build(&back).unwrap().counts(),
        Dataset::build(&records).unwrap().counts()
    );
}

#[test]
fn every_record_round_trips() {
    let r = small_district();
    for o in &r.organisations {
        round_trip(o);
    }
    for m in &r.members {
        round_trip(m);
        for p in &m.postings {
            round_trip(p);
        }
        for l in &m.leaves {
            round_trip(l);
        }
        if let Some(e) = &m.exit {
            round_trip(e);
        }
    }
    for m in &r.meetings {
        round_trip(m);
        round_trip(&m.attendance);
        round_trip(&m.preparation);
        round_trip(&m.content);
        if let Some(a) = &m.self_assessment {
            round_trip(a);
        }
        if let Attendance::RollCall(entries) = &m.attendance {
            for e in entries {
                round_trip(e);
            }
        }
    }
    for x in &r.ratings {
        round_trip(x);
        round_trip(&x.subject);
        round_trip(&x.result);
    }
    for a in &r.admissions {
        round_trip(a);
    }
    round_trip(&AttendanceCounts {
        expected: 5,
        present: 3,
        absent_with_reason: 1,
        absent_without_reason: 1,
    });
    round_trip(&SelfAssessment::default());
    round_trip(&chibo::Preparation::default());
    round_trip(&chibo::Content::default());
}

#[test]
fn records_with_every_optional_field_round_trip() {
    let mut r = small_district();
    // Defaults everywhere.
    r.members.push(MemberRecord {
        name: None,
        official_on: None,
        ..member("x-1", "a1", d(2030, 1, 1))
    });
    let mut m = meeting(
        "x",
        "a1",
        d(2030, 1, 5),
        MeetingKind::Other,
        counts(0, 0, 0, 0),
    );
    m.self_assessment = None;
    m.preparation.committee_met = None;
    m.content.linked_to = Reference::ALL.to_vec();
    m.content.directives_adapted = None;
    r.meetings.push(m);
    r.organisations[0].dissolved_on = Some(d(2040, 1, 1));
    round_trip(&r);
    round_trip(&Records::default());
    let empty: Records = serde_json::from_str("{}").unwrap();
    assert_eq!(empty, Records::default());
}

#[test]
fn every_enum_code_round_trips() {
    fn all<T>(values: &[T], code: impl Fn(T) -> &'static str)
    where
        T: Copy + Serialize + DeserializeOwned + PartialEq + Debug,
    {
        for &v in values {
            let text = round_trip(&v);
            assert_eq!(text, format!("\"{}\"", code(v)));
        }
    }
    all(OrgLevel::ALL, OrgLevel::code);
    all(CellKind::ALL, CellKind::code);
    all(LeaveKind::ALL, LeaveKind::code);
    all(ExitReason::ALL, ExitReason::code);
    all(MeetingKind::ALL, MeetingKind::code);
    all(Presence::ALL, Presence::code);
    all(Reference::ALL, Reference::code);
    all(MeetingQuality::ALL, MeetingQuality::code);
    all(RatingLevel::ALL, RatingLevel::code);
    all(NotRatedReason::ALL, NotRatedReason::code);
    for &l in RatingLevel::ALL {
        round_trip(&RatingResult::Rated(l));
    }
    for &n in NotRatedReason::ALL {
        round_trip(&RatingResult::NotRated(n));
    }
}

#[test]
fn build_errors_round_trip() {
    let mut r = small_district();
    r.members[0].official_on = Some(d(2000, 1, 1));
    r.ratings.push(rating("a1-1", 2021, RatingLevel::Good));
    r.organisations[7].parent = Some("a1".into());
    let err = Dataset::build(&r).unwrap_err();
    assert_eq!(err.problems.len(), 3);
    round_trip(&err);
    for p in &err.problems {
        round_trip(p);
        round_trip(&p.location);
        round_trip(&p.kind);
    }
}

#[test]
fn meeting_json_shape() {
    let m = regular(
        "sh-a1-2021-01",
        "a1",
        d(2021, 1, 5),
        &[
            ("a1-1", Presence::Present),
            ("a1-2", Presence::AbsentWithoutReason),
        ],
    );
    let v = serde_json::to_value(&m).unwrap();
    assert_eq!(v["id"], "sh-a1-2021-01");
    assert_eq!(v["cell"], "a1");
    assert_eq!(v["date"], "2021-01-05");
    assert_eq!(v["kind"], "regular");
    assert_eq!(v["duration_minutes"], 90);
    assert_eq!(v["minutes_kept"], true);
    assert_eq!(
        v["attendance"],
        json!({"roll-call": [
            {"member": "a1-1", "presence": "present"},
            {"member": "a1-2", "presence": "absent-without-reason"},
        ]})
    );
    assert_eq!(
        v["preparation"],
        json!({
            "content_prepared": true,
            "committee_met": true,
            "draft_resolution": true,
            "documents_sent_ahead": true,
        })
    );
    assert_eq!(v["content"]["linked_to"], json!(["nq-tw4-xii", "ct-05"]));
    assert_eq!(v["content"]["tasks_with_owner_and_deadline"], 3);
    assert_eq!(v["self_assessment"], json!({"level": "good", "score": 92}));

    let totals = serde_json::to_value(counts(5, 4, 1, 0)).unwrap();
    assert_eq!(
        totals,
        json!({"counts": {
            "expected": 5, "present": 4, "absent_with_reason": 1, "absent_without_reason": 0,
        }})
    );

    let r = serde_json::to_value(rating("a1-1", 2021, RatingLevel::Excellent)).unwrap();
    assert_eq!(r["subject"], json!({"member": "a1-1"}));
    assert_eq!(r["result"], json!({"rated": "excellent"}));
    let n = serde_json::to_value(not_rated("a1-4", 2021, NotRatedReason::Exempted)).unwrap();
    assert_eq!(n["result"], json!({"not-rated": "exempted"}));
    assert_eq!(
        serde_json::to_value(RatingSubject::Organisation("xa-a".into())).unwrap(),
        json!({"organisation": "xa-a"})
    );
}

#[test]
fn meeting_reads_from_minimal_json() {
    let text = r#"{
        "id": "m", "cell": "a1", "date": "2021-01-05", "kind": "combined",
        "duration_minutes": 120,
        "preparation": {"content_prepared": true, "draft_resolution": false},
        "minutes_kept": true, "principles_observed": true, "conclusion_carried_out": false,
        "attendance": {"counts": {"expected": 3, "present": 3,
                                  "absent_with_reason": 0, "absent_without_reason": 0}},
        "content": {"follows_programme": true, "last_month_reviewed": true,
                    "tasks": 2, "tasks_with_owner_and_deadline": 1}
    }"#;
    let m: MeetingRecord = serde_json::from_str(text).unwrap();
    assert_eq!(m.kind, MeetingKind::Combined);
    assert_eq!(m.preparation.committee_met, None);
    assert!(!m.preparation.documents_sent_ahead);
    assert!(m.content.linked_to.is_empty());
    assert_eq!(m.content.directives_adapted, None);
    assert_eq!(m.self_assessment, None);
    assert_eq!(
        m.attendance,
        Attendance::Counts(AttendanceCounts {
            expected: 3,
            present: 3,
            absent_with_reason: 0,
            absent_without_reason: 0,
        })
    );
}

#[test]
fn unknown_code_names_the_expected_codes() {
    let mut v = serde_json::to_value(regular("m", "a1", d(2021, 1, 5), &[])).unwrap();
    v["kind"] = json!("regularr");
    let err = serde_json::from_value::<MeetingRecord>(v)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(
            "unknown MeetingKind code `regularr`: expected one of regular, thematic, combined, \
             other"
        ),
        "{err}"
    );

    let err = serde_json::from_str::<RollCallEntry>(r#"{"member": "a", "presence": "here"}"#)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("present, absent-with-reason, absent-without-reason"),
        "{err}"
    );

    let err = serde_json::from_str::<RatingResult>(r#"{"rated": "great"}"#)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("excellent, good, completed, not-completed"),
        "{err}"
    );
}

#[test]
fn misspelt_field_is_refused() {
    let mut v = serde_json::to_value(regular("m", "a1", d(2021, 1, 5), &[])).unwrap();
    let minutes = v["duration_minutes"].take();
    let obj = v.as_object_mut().unwrap();
    obj.remove("duration_minutes");
    obj.insert("duration_minute".into(), minutes);
    let err = serde_json::from_value::<MeetingRecord>(v)
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown field `duration_minute`"), "{err}");

    // Nested records and the top level refuse them too.
    let err = serde_json::from_str::<RollCallEntry>(
        r#"{"member": "a", "presence": "present", "note": "late"}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("unknown field `note`"), "{err}");
    let err = serde_json::from_str::<Records>(r#"{"organisation": []}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown field `organisation`"), "{err}");
    let mut v = serde_json::to_value(small_district().members[0].clone()).unwrap();
    v["postings"][0]["temprary"] = json!(true);
    let err = serde_json::from_value::<MemberRecord>(v)
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown field `temprary`"), "{err}");
}

#[test]
fn gaps_are_a_set_listed_in_variant_order() {
    use chibo::{Gap, Gaps};
    let mut gaps = Gaps::new();
    assert!(gaps.is_empty());
    gaps.insert(Gap::MinutesIncomplete);
    gaps.insert(Gap::Attendance {
        present: 3,
        expected: 5,
    });
    // A gap of a kind already there replaces it.
    gaps.insert(Gap::Attendance {
        present: 4,
        expected: 5,
    });
    assert_eq!(gaps.len(), 2);
    assert_eq!(
        gaps.iter().collect::<Vec<_>>(),
        [
            Gap::Attendance {
                present: 4,
                expected: 5
            },
            Gap::MinutesIncomplete
        ]
    );
    let text = round_trip(&gaps);
    assert_eq!(
        text,
        r#"[{"attendance":{"present":4,"expected":5}},"minutes-incomplete"]"#
    );
    let every: Gaps = [
        Gap::TasksNotConcrete {
            tasks: 2,
            concrete: 1,
        },
        Gap::TooShort {
            minutes: 60,
            required: 90,
        },
        Gap::UnexcusedAbsence(2),
        Gap::NotPrepared,
        Gap::DocumentsLate,
        Gap::PrinciplesBreached,
        Gap::ConclusionNotCarriedOut,
        Gap::NoSelfAssessment,
        Gap::ContentBelowProgramme,
        Gap::DirectivesNotAdapted,
        Gap::LastMonthNotReviewed,
    ]
    .into();
    assert_eq!(every.len(), 11);
    let listed: Vec<Gap> = every.iter().collect();
    assert_eq!(listed.first(), Some(&Gap::UnexcusedAbsence(2)));
    assert_eq!(
        listed.last(),
        Some(&Gap::TasksNotConcrete {
            tasks: 2,
            concrete: 1
        })
    );
    assert_eq!(listed.iter().copied().collect::<Gaps>(), every);
    round_trip(&every);
}
