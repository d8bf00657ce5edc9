//! # chibo: chi bộ records in, Đề án 16 findings out
//!
//! `chibo` turns the records a party cell (chi bộ) keeps, its members, monthly meetings with
//! their roll calls and minutes, annual ratings and admissions, into the findings a district
//! review reports: the share of cells meeting monthly and quarterly, the share meeting
//! *correctly*, attendance, admissions, the share rated "hoàn thành tốt nhiệm vụ trở lên", and
//! the shortcomings "ở một số chi bộ", each with exact figures and the cells, meetings and
//! members behind it.
//!
//! ```text
//! Records (serde) ──► Dataset::build ──► evaluate(&dataset, &criteria, period, scope) ──► Evaluation
//!                      (all problems at once)        (registry + targets)                   │
//! TallyRecord (reported counts) ──► evaluate_tally ──────────────────────────────────────►  findings ──► report (vi)
//! ```
//!
//! ## Quick example
//!
//! ```
//! use chibo::*;
//! use chrono::NaiveDate;
//!
//! let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! let org = |id: &str, level, parent: Option<&str>| OrganisationRecord {
//!     id: id.into(), name: id.into(), level, parent: parent.map(Into::into),
//!     kind: None, founded_on: None, dissolved_on: None,
//! };
//! let member = |id: &str| MemberRecord {
//!     id: id.into(), name: None, admitted_on: d(2010, 1, 1), official_on: Some(d(2011, 1, 1)),
//!     postings: vec![Posting { cell: "cb-1".into(), from: d(2010, 1, 1), until: None, temporary: false }],
//!     leaves: vec![], exit: None,
//! };
//! let meeting = |month: u32| MeetingRecord {
//!     id: format!("sh-{month}"), cell: "cb-1".into(), date: d(2021, month, 5),
//!     kind: if month % 3 == 0 { MeetingKind::Combined } else { MeetingKind::Regular },
//!     duration_minutes: 90,
//!     preparation: Preparation { content_prepared: true, committee_met: None, draft_resolution: true, documents_sent_ahead: true },
//!     minutes_kept: true, principles_observed: true, conclusion_carried_out: true,
//!     attendance: Attendance::RollCall(["a", "b", "c"].iter().map(|m| RollCallEntry {
//!         member: (*m).into(),
//!         presence: if month == 2 && *m == "c" { Presence::AbsentWithoutReason } else { Presence::Present },
//!     }).collect()),
//!     content: Content { follows_programme: true, last_month_reviewed: true, tasks: 2,
//!         tasks_with_owner_and_deadline: 2, linked_to: Reference::ALL.to_vec(), directives_adapted: None },
//!     self_assessment: Some(SelfAssessment { level: Some(MeetingQuality::Good), score: None }),
//! };
//! let records = Records {
//!     organisations: vec![org("xa", OrgLevel::PartyCommittee, None), org("cb-1", OrgLevel::Cell, Some("xa"))],
//!     members: vec![member("a"), member("b"), member("c")],
//!     meetings: (1..=12).map(meeting).collect(),
//!     ..Records::default()
//! };
//! let dataset = Dataset::build(&records)?;
//! let period = Period::new(d(2021, 1, 1), d(2021, 12, 31))?;
//! let evaluation = evaluate(&dataset, &CriteriaSet::de_an_16(), period, Some("xa"))?;
//!
//! // Every month had its regular meeting: a strength.
//! let monthly = evaluation.findings_for(Criterion::MonthlyRegularMeeting, "xa").next().unwrap();
//! assert_eq!(monthly.verdict, Verdict::Strength);
//! // February's meeting had an unexcused absence, so the cell's regular meetings were not all
//! // held correctly (HD 12): a shortcoming naming the cell and the meeting.
//! let correct = evaluation.findings_for(Criterion::RegularMeetingsCorrect, "xa").next().unwrap();
//! assert_eq!((correct.verdict, correct.measure), (Verdict::Shortcoming, Measure::new(0, 1)));
//! let shortfall = correct.shortfalls.first().unwrap();
//! assert_eq!(&*shortfall.unit, "cb-1");
//! assert!(matches!(shortfall.detail, Detail::Meetings(ref meetings) if meetings.len() == 1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Overview
//!
//! - [`model`]: plain records, serde-friendly: [`OrganisationRecord`], [`MemberRecord`],
//!   [`MeetingRecord`], [`RatingRecord`], [`AdmissionRecord`], gathered in [`Records`].
//! - [`Dataset`]: built once with [`Dataset::build`], which checks everything and returns every
//!   problem at once ([`BuildError`]); indexed for evaluation. [`DatasetBuilder`]
//!   ([`Dataset::builder`]) builds the same from records given one at a time, for a country's
//!   records, which do not fit in memory as [`Records`]; any producer hands records to a
//!   [`RecordSink`] (a builder, a [`Records`], a CSV folder writer).
//! - [`Criterion`] and [`CriteriaSet`]: the registry and its targets; a locality changes any
//!   target or switches a criterion off with [`Overrides`], loadable from JSON.
//! - [`evaluate`]: findings for every enabled criterion at every level inside the scope, in an
//!   [`Evaluation`] that borrows the dataset, notes which units fall short and hands out
//!   [`Finding`] views; what each unit missed ([`Shortfalls`]) is worked out from the dataset
//!   when it is read. [`evaluate_tally`] does the same from reported counts.
//! - [`report`]: the Vietnamese review in Markdown, with Vietnamese number formatting.
//! - [`MeetingRules`], [`RatingRules`]: national rules chosen by date (HD 12 → HD 42,
//!   QĐ 132 → 124 → 366).
//!
//! ## Criteria
//!
//! Codes are stable and never reused. "inferred" marks our reading where the Đề án's own text is
//! not available; each criterion's module documents it. Every target is a setting.
//!
//! | Code | Tiêu chí | Criterion | Basis | Judges | Default target | Unit bar |
//! |---|---|---|---|---|---|---|
//! | I01 | Chi bộ sinh hoạt định kỳ mỗi tháng 01 lần | Cells holding the regular meeting every month | Điều lệ Đảng Điều 24; Chỉ thị 10-CT/TW; HD 12-HD/BTCTW; Đề án 16-ĐA/TU | chi bộ | ≥ 100% (inferred) | — |
//! | I02 | Chi bộ sinh hoạt chuyên đề ít nhất mỗi quý 01 lần | Cells holding a thematic meeting every quarter | HD 12-HD/BTCTW mục 2; Đề án 16-ĐA/TU | chi bộ | ≥ 100% (inferred) | — |
//! | I03 | Chi bộ thực hiện đúng quy định về sinh hoạt chi bộ thường kỳ | Cells whose regular meetings all meet the standard | HD 12-HD/BTCTW mục 3; HD 42-HD/BTCTW; Đề án 16-ĐA/TU | chi bộ | ≥ 100% (inferred) | — |
//! | I04 | Chi bộ thực hiện đúng quy định về sinh hoạt chuyên đề | Cells whose thematic meetings all meet the standard | HD 12-HD/BTCTW; HD 42-HD/BTCTW; Đề án 16-ĐA/TU | chi bộ | ≥ 100% (inferred) | — |
//! | I05 | Tỷ lệ đảng viên dự sinh hoạt tại mỗi kỳ sinh hoạt chi bộ | Meetings whose attendance reaches the bar | Đề án 16-ĐA/TU | buổi sinh hoạt | ≥ 100% (inferred) | ≥ 90% (inferred) |
//! | I06 | Tỷ lệ đảng viên tham gia sinh hoạt chi bộ | Members taking part in meetings over the period | Đề án 16-ĐA/TU | lượt đảng viên | ≥ 90% (inferred) | — |
//! | I07 | Chi bộ thực hiện nghiêm túc, đánh giá sát thực chất lượng sinh hoạt chi bộ thường kỳ | Cells self-assessing every regular meeting | HD 12-HD/BTCTW mục 3; Đề án 16-ĐA/TU | chi bộ | ≥ 100% (inferred) | — |
//! | I08 | Kết nạp đảng viên | Members admitted, and cells that admitted | Điều lệ Đảng Điều 4; Đề án 16-ĐA/TU | chi bộ | — | — |
//! | I09 | Chi bộ xếp loại hoàn thành tốt nhiệm vụ trở lên | Cells rated good or better, each year | QĐ 132-QĐ/TW; QĐ 124-QĐ/TW; QĐ 366-QĐ/TW; Đề án 16-ĐA/TU | chi bộ | > 90% (inferred) | — |
//! | I10 | Đảng viên xếp loại hoàn thành tốt nhiệm vụ trở lên | Members rated good or better, each year | QĐ 132-QĐ/TW; HD 21-HD/BTCTW; QĐ 124-QĐ/TW; QĐ 366-QĐ/TW; Đề án 16-ĐA/TU | đảng viên | > 85% (inferred) | — |
//! | S01 | Nội dung sinh hoạt chi bộ và sinh hoạt chuyên đề đáp ứng yêu cầu, chương trình đề ra | Meeting content meets requirements and the programme | HD 12-HD/BTCTW mục 3; sơ kết Đề án 16 huyện Lâm Bình | chi bộ | ≥ 100% (inferred) | — |
//! | S02 | Tỷ lệ đảng viên tham gia sinh hoạt chi bộ thường kỳ | Cells whose regular-meeting attendance reaches the bar | sơ kết Đề án 16 huyện Lâm Bình | chi bộ | ≥ 100% (inferred) | ≥ 92% (inferred) |
//! | S03 | Cụ thể hóa các văn bản chỉ đạo của cấp trên sát với tình hình thực tiễn | Directives adapted to local conditions | HD 12-HD/BTCTW mục 3; sơ kết Đề án 16 huyện Lâm Bình | chi bộ | ≥ 100% (inferred) | — |
//! | S04 | Liên hệ đánh giá thực hiện Nghị quyết Trung ương 4 khóa XI, XII, Chỉ thị 05-CT/TW, quy định những điều đảng viên không được làm, trách nhiệm nêu gương thường xuyên | Review linked each quarter to NQ TW4, CT 05, QĐ 37 and nêu gương | NQ TW4 khóa XI, XII; Chỉ thị 05-CT/TW; QĐ 37-QĐ/TW; QĐ 101-QĐ/TW; QĐ 08-QĐi/TW; sơ kết Đề án 16 huyện Lâm Bình | chi bộ | ≥ 100% (inferred) | — |
//! | S05 | Đánh giá công tác tháng trước và đề ra phương hướng, nhiệm vụ tháng tiếp theo cụ thể | Monthly review and next month's tasks made concrete | HD 12-HD/BTCTW; sơ kết Đề án 16 huyện Lâm Bình | chi bộ | ≥ 100% (inferred) | — |
//! | R01 | Buổi sinh hoạt chi bộ thường kỳ đạt chất lượng theo hướng dẫn | Regular meetings meeting the HD 12 / HD 42 standard | HD 12-HD/BTCTW mục 3; HD 42-HD/BTCTW | buổi sinh hoạt | ≥ 100% (inferred) | > 85% (published) |
//! | R02 | Đảng viên không bỏ sinh hoạt đảng 3 tháng trong năm không có lý do | Members below the Art. 8 three-month absence trigger | Điều lệ Đảng Điều 8; QĐ 24-QĐ/TW mục 8.1 | đảng viên | ≥ 100% (inferred) | < 3 tháng (published) |
//! | R03 | Đảng viên hoàn thành xuất sắc nhiệm vụ không vượt quá 20% số hoàn thành tốt nhiệm vụ | Excellent ratings within 20% of good ratings, per TCCSĐ | HD 21-HD/BTCTW; QĐ 124-QĐ/TW | TCCSĐ | ≥ 100% (inferred) | ≤ 20% (published) |
//! | R04 | Chi bộ có từ 3 đảng viên chính thức trở lên | Cells with at least three official members | Điều lệ Đảng Điều 21–24 | chi bộ | ≥ 100% (inferred) | ≥ 3 đảng viên (published) |
//! | R05 | Đảng viên thuộc diện đánh giá được xếp loại chất lượng | Members due for rating have a rating | QĐ 132-QĐ/TW; HD 21-HD/BTCTW; QĐ 124-QĐ/TW; QĐ 366-QĐ/TW | đảng viên | ≥ 100% (inferred) | — |
//! | R06 | Đảng viên bị kỷ luật trong năm xếp loại không hoàn thành nhiệm vụ | Members disciplined in the year rated at the lowest level | QĐ 124-QĐ/TW; QĐ 366-QĐ/TW | đảng viên | ≥ 100% (inferred) | — |
//!
//! ## Features
//!
//! - `serde` (default): `Serialize`/`Deserialize` for records, settings and errors; `Serialize`
//!   for evaluations and findings.
//! - `csv`: read and write the CSV layout of registers and minutes books (`docs/format.md`);
//!   `csv::read_folder_into` and `csv::FolderWriter` stream a folder record by record.
//! - `synth`: deterministic synthetic datasets shaped like real records (module `synth`), in
//!   memory or streamed into any [`RecordSink`].
//! - `rayon`: the organisations in scope cut into pieces judged in parallel and joined in order,
//!   then each criterion's sheets made in parallel; the result is identical to the sequential run.
//! - `schema`: JSON Schema for the dataset and the criteria configuration (module `schema`).
#![forbid(unsafe_code)]

mod criteria;
#[cfg(feature = "csv")]
pub mod csv;
mod dataset;
mod error;
mod evaluate;
mod evaluation;
mod finding;
mod id;
mod labels;
pub mod model;
mod period;
pub mod report;
mod rules;
#[cfg(feature = "schema")]
pub mod schema;
mod sums;
#[cfg(feature = "synth")]
pub mod synth;
mod tally;
mod target;

pub use criteria::{
    ConfigError, CriteriaSet, Criterion, Definition, Judged, Override, Overrides, Settings, Span,
};
pub use dataset::{Dataset, DatasetBuilder, Expectation, MemberRef, OrgRef, RecordCounts, Turnout};
pub use error::{BuildError, Location, PeriodError, Problem, ProblemKind, RecordKind, UnknownCode};
pub use evaluate::{EvaluateError, evaluate};
pub use evaluation::{Account, Accounting, Evaluation, Findings};
pub use finding::{
    Detail, Finding, Gap, Gaps, Measure, MeetingGap, MemberGap, MemberIssue, QuarterGap, Reason,
    Shortfall, Shortfalls, ShortfallsIter, Unassessed, Unit, Verdict,
};
pub use id::Id;
pub use model::*;
pub use period::{Month, Period, Quarter};
pub use rules::{MeetingRules, RatingRules};
pub use tally::{TallyError, TallyRecord, evaluate_tally};
pub use target::{Comparison, Provenance, Target, TargetError, Threshold, ThresholdUnit};

/// The README's examples, run as doc tests so the README stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
