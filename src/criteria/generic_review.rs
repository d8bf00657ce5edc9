//! **S05 — Đánh giá công tác tháng trước và đề ra phương hướng, nhiệm vụ tháng tiếp theo còn
//! chung chung** (generic monthly review).
//!
//! - *Checks*: a cell passes when every regular meeting reviewed last month's work and set
//!   next month's tasks, each with an owner and a deadline (inferred reading of "chung chung").
//! - *Basis*: Lâm Bình review, fifth shortcoming; HD 12-HD/BTCTW (nội dung sinh hoạt thường kỳ).
//! - *Target*: 100% of cells (inferred).
//! - *Evidence*: the cells, and each meeting with its review and task figures.

use super::{ALL_CELLS, Criterion, Definition, Judged, Span};
use super::{Ctx, MeetingTest, Outcome};
use crate::dataset::{Flags, Meeting, Org, OrgIx};
use crate::finding::{Gap, Gaps};

pub(super) const DEFINITION: Definition = Definition {
    criterion: Criterion::GenericReview,
    code: "S05",
    title_vi: "Đánh giá công tác tháng trước và đề ra phương hướng, nhiệm vụ tháng tiếp theo cụ thể",
    title_en: "Monthly review and next month's tasks made concrete",
    measure_vi: "chi bộ đánh giá công tác tháng trước và đề ra nhiệm vụ tháng tiếp theo cụ thể",
    shortfall_vi: "việc đánh giá công tác tháng trước và đề ra phương hướng, nhiệm vụ tháng tiếp theo còn chung chung",
    basis: "HD 12-HD/BTCTW; sơ kết Đề án 16 huyện Lâm Bình",
    judges: Judged::Cell,
    span: Span::Period,
    target: ALL_CELLS,
    threshold: None,
    reports_total: false,
};

pub(super) fn judge(cx: &Ctx<'_>, _unit: OrgIx, _org: &Org) -> Outcome {
    cx.by_meeting(MeetingTest::Review).into_unit()
}

/// The meetings S05 judges: the regular ones.
pub(super) fn judges(m: &Meeting) -> bool {
    m.kind.is_regular()
}

/// What a meeting misses: last month's review, and next month's tasks each concrete.
pub(super) fn gaps(m: &Meeting) -> Gaps {
    let mut gaps = Gaps::new();
    if !m.flags.has(Flags::LAST_MONTH_REVIEWED) {
        gaps.insert(Gap::LastMonthNotReviewed);
    }
    if m.tasks == 0 || m.concrete_tasks < m.tasks {
        gaps.insert(Gap::TasksNotConcrete {
            tasks: m.tasks,
            concrete: m.concrete_tasks,
        });
    }
    gaps
}
