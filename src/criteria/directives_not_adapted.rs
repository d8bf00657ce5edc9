//! **S03 — Cụ thể hóa văn bản chỉ đạo của cấp trên chưa sát thực tiễn** (directives not
//! adapted to local conditions).
//!
//! - *Checks*: a cell passes when every meeting that discussed upper-level directives
//!   recorded them as adapted to local conditions. Cells that discussed none are not judged.
//! - *Basis*: Lâm Bình review, third shortcoming; HD 12-HD/BTCTW mục 3.
//! - *Target*: 100% of cells (inferred).
//! - *Evidence*: the cells, and each meeting where directives were not adapted.

use super::{ALL_CELLS, Criterion, Definition, Judged, Span};
use super::{Ctx, MeetingTest, Outcome};
use crate::dataset::{Flags, Meeting, Org, OrgIx};
use crate::finding::{Gap, Gaps};

pub(super) const DEFINITION: Definition = Definition {
    criterion: Criterion::DirectivesNotAdapted,
    code: "S03",
    title_vi: "Cụ thể hóa các văn bản chỉ đạo của cấp trên sát với tình hình thực tiễn",
    title_en: "Directives adapted to local conditions",
    measure_vi: "chi bộ cụ thể hóa văn bản chỉ đạo của cấp trên sát với tình hình thực tiễn",
    shortfall_vi: "việc cụ thể hóa các văn bản chỉ đạo của cấp trên có nội dung chưa sát với tình hình thực tiễn của địa phương, đơn vị",
    basis: "HD 12-HD/BTCTW mục 3; sơ kết Đề án 16 huyện Lâm Bình",
    judges: Judged::Cell,
    span: Span::Period,
    target: ALL_CELLS,
    threshold: None,
    reports_total: false,
};

pub(super) fn judge(cx: &Ctx<'_>, _unit: OrgIx, _org: &Org) -> Outcome {
    cx.by_meeting(MeetingTest::Directives).into_unit()
}

/// The meetings S03 judges: those that discussed directives from above.
pub(super) fn judges(m: &Meeting) -> bool {
    m.flags.has(Flags::DIRECTIVES_DISCUSSED)
}

/// What a meeting misses: directives adapted to local conditions.
pub(super) fn gaps(m: &Meeting) -> Gaps {
    Gaps::unless(
        m.flags.has(Flags::DIRECTIVES_ADAPTED),
        Gap::DirectivesNotAdapted,
    )
}
