//! **I06 — Tỷ lệ đảng viên tham gia sinh hoạt chi bộ** (participation over the period).
//!
//! - *Checks*: all attendances ÷ all expected attendances at regular, thematic and combined
//!   meetings over the period; exempted members left out unless they came.
//! - *Basis*: Đề án 16-ĐA/TU; Lâm Bình review: "đạt 93% trở lên".
//! - *Target*: ≥ 90% (inferred).
//! - *Evidence*: the cells whose own participation misses the target, with their figures.

use super::{Criterion, Definition, Judged, Span};
use super::{Ctx, Outcome};
use crate::dataset::{Meeting, Org, OrgIx};
use crate::finding::Detail;
use crate::model::MeetingKind;
use crate::target::{Provenance, Target};

pub(super) const DEFINITION: Definition = Definition {
    criterion: Criterion::Participation,
    code: "I06",
    title_vi: "Tỷ lệ đảng viên tham gia sinh hoạt chi bộ",
    title_en: "Members taking part in meetings over the period",
    measure_vi: "đảng viên tham gia sinh hoạt chi bộ",
    shortfall_vi: "tỷ lệ đảng viên tham gia sinh hoạt chi bộ chưa đạt chỉ tiêu",
    basis: "Đề án 16-ĐA/TU",
    judges: Judged::Attendance,
    span: Span::Period,
    target: Some(Target::at_least(90, Provenance::Inferred)),
    threshold: None,
    reports_total: false,
};

/// The meetings whose turnout I06 counts: regular, thematic and combined ones.
pub(super) fn judges(m: &Meeting) -> bool {
    m.kind != MeetingKind::Other
}

pub(super) fn judge(cx: &Ctx<'_>, _unit: OrgIx, _org: &Org) -> Outcome {
    let measure = cx.meeting_counts().turnout;
    if measure.denominator == 0 {
        return Outcome::Skip;
    }
    let short = cx.settings.target.and_then(|t| t.is_met_by(measure)) == Some(false);
    Outcome::measured(measure, short.then_some(Detail::Participation(measure)))
}
