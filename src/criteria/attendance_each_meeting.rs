//! **I05 — Tỷ lệ đảng viên dự sinh hoạt tại mỗi kỳ sinh hoạt chi bộ** (attendance at each
//! meeting).
//!
//! - *Checks*: each regular, thematic or combined meeting with members expected reaches the
//!   bar: present ÷ expected, exempted members left out unless they came.
//! - *Basis*: Đề án 16-ĐA/TU; Lâm Bình review: "đạt từ 90% trở lên".
//! - *Target*: 100% of meetings (inferred: the review says every meeting).
//! - *Bar*: a meeting's attendance ≥ 90% (inferred from the review's figure).
//! - *Evidence*: the cells, and each meeting below the bar with its present and expected.

use super::{Criterion, Definition, Judged, Span, percent_bar};
use super::{Ctx, MeetingTest, Outcome, Shared};
use crate::dataset::{Meeting, Org, OrgIx};
use crate::finding::{Gap, Gaps, Measure};
use crate::model::MeetingKind;
use crate::target::{Comparison, Provenance, Target};

pub(super) const DEFINITION: Definition = Definition {
    criterion: Criterion::AttendanceEachMeeting,
    code: "I05",
    title_vi: "Tỷ lệ đảng viên dự sinh hoạt tại mỗi kỳ sinh hoạt chi bộ",
    title_en: "Meetings whose attendance reaches the bar",
    measure_vi: "kỳ sinh hoạt có tỷ lệ đảng viên dự sinh hoạt {bar}",
    shortfall_vi: "có kỳ sinh hoạt tỷ lệ đảng viên dự sinh hoạt chưa đạt {bar}",
    basis: "Đề án 16-ĐA/TU",
    judges: Judged::Meeting,
    span: Span::Period,
    target: Some(Target::at_least(100, Provenance::Inferred)),
    threshold: percent_bar(Comparison::AtLeast, 90, Provenance::Inferred),
    reports_total: false,
};

pub(super) fn judge(cx: &Ctx<'_>, _unit: OrgIx, _org: &Org) -> Outcome {
    cx.by_meeting(MeetingTest::Attendance)
}

/// The meetings I05 judges: regular, thematic and combined ones with members expected.
pub(super) fn judges(m: &Meeting) -> bool {
    m.kind != MeetingKind::Other && m.turnout.expected > 0
}

/// What a meeting misses: attendance reaching the bar (I05's, made ready in [`Shared`]).
pub(super) fn gaps(shared: &Shared, m: &Meeting) -> Gaps {
    let t = m.turnout;
    let rate = Measure::new(u64::from(t.present), u64::from(t.expected));
    Gaps::unless(
        shared.attendance_bar.and_then(|b| b.passes(rate)) != Some(false),
        Gap::Attendance {
            present: t.present,
            expected: t.expected,
        },
    )
}
