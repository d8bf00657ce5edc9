//! **I07 — Chi bộ đánh giá chất lượng sinh hoạt chi bộ thường kỳ** (quality self-assessment).
//!
//! - *Checks*: a cell passes when every regular meeting it held records a self-assessment
//!   (a level or a score).
//! - *Basis*: HD 12-HD/BTCTW mục 3 (đánh giá chất lượng buổi sinh hoạt); Đề án 16-ĐA/TU.
//! - *Target*: 100% of cells (inferred: Lâm Bình reports 100%).
//! - *Evidence*: the cells, and each meeting without an assessment.

use super::{ALL_CELLS, Criterion, Definition, Judged, Span};
use super::{Ctx, MeetingTest, Outcome};
use crate::dataset::{Meeting, Org, OrgIx};
use crate::finding::{Gap, Gaps};

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
    cx.by_meeting(MeetingTest::SelfAssessment).into_unit()
}

/// The meetings I07 judges: the regular ones.
pub(super) fn judges(m: &Meeting) -> bool {
    m.kind.is_regular()
}

/// What a meeting misses: a self-assessment with a level or a score.
pub(super) fn gaps(m: &Meeting) -> Gaps {
    Gaps::unless(
        m.assessment
            .is_some_and(|a| a.level.is_some() || a.score.is_some()),
        Gap::NoSelfAssessment,
    )
}
