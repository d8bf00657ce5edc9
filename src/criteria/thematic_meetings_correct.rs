//! **I04 — Chi bộ thực hiện đúng về sinh hoạt chuyên đề** (thematic meetings held correctly).
//!
//! - *Checks*: a cell passes when every thematic meeting (or combined session) it held meets
//!   the same standard as a regular meeting, with the minimum length of its kind (120 minutes
//!   for a combined session under HD 42) (inferred: no separate standard was found).
//! - *Basis*: HD 12-HD/BTCTW; HD 42-HD/BTCTW; Đề án 16-ĐA/TU.
//! - *Target*: 100% of cells (inferred); Lâm Bình reports 89% or more.
//! - *Bar*: the meeting standard's attendance bar, set once at R01 (more than 85%, HD 12).
//! - *Evidence*: the cells, and each thematic meeting that missed, with what it missed.

use super::{ALL_CELLS, Criterion, Definition, Judged, Span};
use super::{Ctx, MeetingTest, Outcome};
use crate::dataset::{Meeting, Org, OrgIx};

pub(super) const DEFINITION: Definition = Definition {
    criterion: Criterion::ThematicMeetingsCorrect,
    code: "I04",
    title_vi: "Chi bộ thực hiện đúng quy định về sinh hoạt chuyên đề",
    title_en: "Cells whose thematic meetings all meet the standard",
    measure_vi: "chi bộ thực hiện đúng về sinh hoạt chuyên đề",
    shortfall_vi: "có buổi sinh hoạt chuyên đề chưa đạt yêu cầu theo hướng dẫn",
    basis: "HD 12-HD/BTCTW; HD 42-HD/BTCTW; Đề án 16-ĐA/TU",
    judges: Judged::Cell,
    span: Span::Period,
    target: ALL_CELLS,
    threshold: None,
    reports_total: false,
};

pub(super) fn judge(cx: &Ctx<'_>, _unit: OrgIx, _org: &Org) -> Outcome {
    cx.by_meeting(MeetingTest::ThematicStandard).into_unit()
}

/// The meetings I04 judges by the standard (R01's): the thematic ones, combined sessions
/// included.
pub(super) fn judges(m: &Meeting) -> bool {
    m.kind.is_thematic()
}
