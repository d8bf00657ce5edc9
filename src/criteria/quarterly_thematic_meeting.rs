//! **I02 — Chi bộ sinh hoạt chuyên đề ít nhất mỗi quý 01 lần** (quarterly thematic meeting).
//!
//! - *Checks*: each cell holds a thematic meeting (or a combined session) in every quarter
//!   lying wholly inside the period and the cell's life.
//! - *Basis*: HD 12-HD/BTCTW mục 2; Đề án 16-ĐA/TU.
//! - *Target*: 100% of cells, each year (inferred: Lâm Bình reports 100% "hằng năm").
//! - *Evidence*: the cells with quarters missed, and the quarters.
//! - *Example*: a cell with no thematic meeting from April to June falls short with quý II.

use super::{ALL_CELLS, Criterion, Definition, Judged, Span};
use super::{Ctx, Held, Outcome};
use crate::dataset::{Org, OrgIx};
use crate::finding::Detail;

pub(super) const DEFINITION: Definition = Definition {
    criterion: Criterion::QuarterlyThematicMeeting,
    code: "I02",
    title_vi: "Chi bộ sinh hoạt chuyên đề ít nhất mỗi quý 01 lần",
    title_en: "Cells holding a thematic meeting every quarter",
    measure_vi: "chi bộ sinh hoạt chuyên đề ít nhất mỗi quý 01 lần",
    shortfall_vi: "chưa sinh hoạt chuyên đề đủ các quý",
    basis: "HD 12-HD/BTCTW mục 2; Đề án 16-ĐA/TU",
    judges: Judged::Cell,
    span: Span::Year,
    target: ALL_CELLS,
    threshold: None,
    reports_total: false,
};

pub(super) fn judge(cx: &Ctx<'_>, _unit: OrgIx, org: &Org) -> Outcome {
    match cx.missing(org, cx.required_quarters(org), Held::Thematic) {
        Err(outcome) => outcome,
        Ok(quarters) => Outcome::unit(quarters.into_detail(Detail::MissingQuarters)),
    }
}
