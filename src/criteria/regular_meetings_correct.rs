//! **I03 — Chi bộ thực hiện đúng quy định về sinh hoạt chi bộ thường kỳ** (regular meetings
//! held correctly).
//!
//! - *Checks*: a cell passes when every regular meeting it held in the period meets the
//!   standard of the rules in force on its date (see R01 and [`crate::MeetingRules`]). Cells
//!   that held none are not judged here: frequency is I01's job (inferred).
//! - *Basis*: HD 12-HD/BTCTW mục 3 (đạt chất lượng); HD 42-HD/BTCTW from 28/10/2025.
//! - *Target*: 100% of cells (inferred); Lâm Bình reports 97%.
//! - *Bar*: the meeting standard's attendance bar, set once at R01 (more than 85%, HD 12).
//! - *Evidence*: the cells, and each meeting that missed, with what it missed.

use super::{ALL_CELLS, Criterion, Definition, Judged, Span};
use super::{Ctx, MeetingTest, Outcome};
use crate::dataset::{Org, OrgIx};

pub(super) const DEFINITION: Definition = Definition {
    criterion: Criterion::RegularMeetingsCorrect,
    code: "I03",
    title_vi: "Chi bộ thực hiện đúng quy định về sinh hoạt chi bộ thường kỳ",
    title_en: "Cells whose regular meetings all meet the standard",
    measure_vi: "chi bộ thực hiện đúng quy định về sinh hoạt chi bộ thường kỳ",
    shortfall_vi: "có buổi sinh hoạt thường kỳ chưa đạt yêu cầu theo hướng dẫn",
    basis: "HD 12-HD/BTCTW mục 3; HD 42-HD/BTCTW; Đề án 16-ĐA/TU",
    judges: Judged::Cell,
    span: Span::Period,
    target: ALL_CELLS,
    threshold: None,
    reports_total: false,
};

pub(super) fn judge(cx: &Ctx<'_>, _unit: OrgIx, _org: &Org) -> Outcome {
    cx.by_meeting(MeetingTest::RegularStandard).into_unit()
}
