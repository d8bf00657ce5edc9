//! **I07 — Chi bộ đánh giá chất lượng sinh hoạt chi bộ thường kỳ** (quality self-assessment).
//!
//! - *Checks*: a cell passes when every regular meeting it held records a self-assessment
//!   (a level or a score).
//! - *Basis*: HD 12-HD/BTCTW mục 3 (đánh giá chất lượng buổi sinh hoạt); Đề án 16-ĐA/TU.
//! - *Target*: 100% of cells (inferred: Lâm Bình reports 100%).
//! - *Evidence*: the cells, and each meeting without an assessment.

use super::{ALL_CELLS, Criterion, Definition, Judged, Span};
use super::{Ctx, Outcome};
use crate::dataset::{Org, OrgIx};
use crate::finding::Gap;

pub(super) const DEFINITION: Definition = Definition {
    criterion: Criterion::SelfAssessment,
    code: "I07",
    title_vi: "Chi bộ thực hiện nghiêm túc, đánh giá sát thực chất lượng sinh hoạt chi bộ thường kỳ",
    title_en: "Cells self-assessing every regular meeting",
    measure_vi: "chi bộ thực hiện nghiêm túc, đánh giá sát thực chất lượng sinh hoạt chi bộ thường kỳ",
    shortfall_vi: "có buổi sinh hoạt thường kỳ chưa đánh giá chất lượng",
    basis: "HD 12-HD/BTCTW mục 3; Đề án 16-ĐA/TU",
    judges: Judged::Cell,
    span: Span::Period,
    target: ALL_CELLS,
    threshold: None,
    reports_total: false,
};

pub(super) fn judge(cx: &Ctx<'_>, _unit: OrgIx, _org: &Org) -> Outcome {
    cx.every_meeting(
        cx.meetings.iter().filter(|m| m.kind.is_regular()),
        |m| {
            m.assessment
                .is_some_and(|a| a.level.is_some() || a.score.is_some())
        },
        Gap::NoSelfAssessment,
    )
}
