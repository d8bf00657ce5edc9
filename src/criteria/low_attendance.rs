//! **S02 — Tỷ lệ đảng viên tham gia sinh hoạt chi bộ thường kỳ có nơi còn thấp** (attendance
//! at regular meetings low in some cells).
//!
//! - *Checks*: a cell passes when its participation in regular meetings over the period
//!   (present ÷ expected) reaches the bar.
//! - *Basis*: Lâm Bình review, second shortcoming.
//! - *Bar*: ≥ 92% (inferred: the review gives no figure; 92% lies between the per-meeting bar
//!   of I05 (90%) and the district's reported participation (93%)). A locality sets its own.
//! - *Target*: 100% of cells (inferred).
//! - *Evidence*: the cells below the bar, with their participation.

use super::{ALL_CELLS, Criterion, Definition, Judged, Span, percent_bar};
use super::{Ctx, Outcome};
use crate::dataset::{Meeting, Org, OrgIx};
use crate::finding::Detail;
use crate::target::{Comparison, Provenance};

pub(super) const DEFINITION: Definition = Definition {
    criterion: Criterion::LowAttendance,
    code: "S02",
    title_vi: "Tỷ lệ đảng viên tham gia sinh hoạt chi bộ thường kỳ",
    title_en: "Cells whose regular-meeting attendance reaches the bar",
    measure_vi: "chi bộ có tỷ lệ đảng viên tham gia sinh hoạt thường kỳ {bar}",
    shortfall_vi: "tỷ lệ đảng viên tham gia sinh hoạt chi bộ thường kỳ còn thấp, chưa đạt {bar}",
    basis: "sơ kết Đề án 16 huyện Lâm Bình",
    judges: Judged::Cell,
    span: Span::Period,
    target: ALL_CELLS,
    threshold: percent_bar(Comparison::AtLeast, 92, Provenance::Inferred),
    reports_total: false,
};

pub(super) fn judge(cx: &Ctx<'_>, _unit: OrgIx, _org: &Org) -> Outcome {
    let measure = cx.meeting_counts().regular_turnout;
    match cx.threshold().and_then(|bar| bar.passes_rate(measure)) {
        None => Outcome::Skip,
        Some(pass) => Outcome::unit((!pass).then_some(Detail::Participation(measure))),
    }
}

/// The meetings whose turnout S02 counts: the regular ones.
pub(super) fn judges(m: &Meeting) -> bool {
    m.kind.is_regular()
}
