//! **I01 — Chi bộ sinh hoạt định kỳ mỗi tháng 01 lần** (monthly regular meeting).
//!
//! - *Checks*: each cell holds a regular meeting (or a combined session) in every month of the
//!   year that lies wholly inside the period and the cell's life.
//! - *Basis*: Điều lệ Đảng Art. 24; Chỉ thị 10-CT/TW (30/3/2007); HD 12-HD/BTCTW (06/7/2018);
//!   Đề án 16-ĐA/TU Tuyên Quang (03/01/2020).
//! - *Target*: 100% of cells, each year (inferred: Lâm Bình reports 100% "hằng năm").
//! - *Evidence*: the cells with months missed, and the months.
//! - *Example*: a cell meeting in January and March of a quarter falls short with `02/2021`.

use super::{ALL_CELLS, Criterion, Definition, Judged, Span};
use super::{Ctx, Held, Outcome};
use crate::dataset::{Org, OrgIx};
use crate::finding::Detail;

pub(super) const DEFINITION: Definition = Definition {
    criterion: Criterion::MonthlyRegularMeeting,
    code: "I01",
    title_vi: "Chi bộ sinh hoạt định kỳ mỗi tháng 01 lần",
    title_en: "Cells holding the regular meeting every month",
    measure_vi: "chi bộ sinh hoạt định kỳ mỗi tháng 01 lần",
    shortfall_vi: "chưa sinh hoạt định kỳ đủ các tháng",
    basis: "Điều lệ Đảng Điều 24; Chỉ thị 10-CT/TW; HD 12-HD/BTCTW; Đề án 16-ĐA/TU",
    judges: Judged::Cell,
    span: Span::Year,
    target: ALL_CELLS,
    threshold: None,
    reports_total: false,
};

pub(super) fn judge(cx: &Ctx<'_>, _unit: OrgIx, org: &Org) -> Outcome {
    match cx.missing(org, cx.required_months(org), Held::Regular) {
        Err(outcome) => outcome,
        Ok(months) => Outcome::unit(months.into_detail(Detail::MissingMonths)),
    }
}
