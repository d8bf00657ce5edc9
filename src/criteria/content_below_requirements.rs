//! **S01 — Nội dung sinh hoạt chưa đáp ứng yêu cầu, chương trình đề ra** (content below
//! requirements).
//!
//! - *Checks*: a cell passes when every regular, thematic or combined meeting it held is
//!   recorded as following the planned programme and meeting its requirements.
//! - *Basis*: Lâm Bình review, first shortcoming ("ở một số chi bộ"); HD 12-HD/BTCTW mục 3.
//! - *Target*: 100% of cells (inferred).
//! - *Evidence*: the cells, and each meeting whose content fell short.

use super::{ALL_CELLS, Criterion, Definition, Judged, Span};
use super::{Ctx, MeetingTest, Outcome};
use crate::dataset::{Flags, Meeting, Org, OrgIx};
use crate::finding::{Gap, Gaps};
use crate::model::MeetingKind;

pub(super) const DEFINITION: Definition = Definition {
    criterion: Criterion::ContentBelowRequirements,
    code: "S01",
    title_vi: "Nội dung sinh hoạt chi bộ và sinh hoạt chuyên đề đáp ứng yêu cầu, chương trình đề ra",
    title_en: "Meeting content meets requirements and the programme",
    measure_vi: "chi bộ có nội dung sinh hoạt đáp ứng yêu cầu, chương trình đề ra",
    shortfall_vi: "nội dung sinh hoạt chi bộ và sinh hoạt chuyên đề chưa đáp ứng yêu cầu, chương trình đề ra",
    basis: "HD 12-HD/BTCTW mục 3; sơ kết Đề án 16 huyện Lâm Bình",
    judges: Judged::Cell,
    span: Span::Period,
    target: ALL_CELLS,
    threshold: None,
    reports_total: false,
};

pub(super) fn judge(cx: &Ctx<'_>, _unit: OrgIx, _org: &Org) -> Outcome {
    cx.by_meeting(MeetingTest::Programme).into_unit()
}

/// The meetings S01 judges: regular, thematic and combined ones.
pub(super) fn judges(m: &Meeting) -> bool {
    m.kind != MeetingKind::Other
}

/// What a meeting misses: content following the planned programme.
pub(super) fn gaps(m: &Meeting) -> Gaps {
    Gaps::unless(
        m.flags.has(Flags::FOLLOWS_PROGRAMME),
        Gap::ContentBelowProgramme,
    )
}
