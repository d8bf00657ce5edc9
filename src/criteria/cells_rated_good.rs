//! **I09 — Chi bộ xếp loại hoàn thành tốt nhiệm vụ trở lên** (cells rated good or better).
//!
//! - *Checks*: for each year whose 31 December lies in the period, the share of cells rated
//!   "hoàn thành tốt nhiệm vụ" or "hoàn thành xuất sắc nhiệm vụ" among the cells rated.
//!   Cells recorded as not rated are left out.
//! - *Basis*: QĐ 132-QĐ/TW (2018), QĐ 124-QĐ/TW (2023), QĐ 366-QĐ/TW (2025); Đề án 16-ĐA/TU.
//! - *Target*: more than 90% ("trên 90%") (inferred from the Lâm Bình review).
//! - *Evidence*: the cells rated below, with their level.

use super::{Criterion, Definition, Judged, Span};
use super::{Ctx, Outcome};
use crate::dataset::{Org, OrgIx};
use crate::finding::{Detail, Reason};
use crate::model::RatingResult;
use crate::target::{Provenance, Target};

pub(super) const DEFINITION: Definition = Definition {
    criterion: Criterion::CellsRatedGood,
    code: "I09",
    title_vi: "Chi bộ xếp loại hoàn thành tốt nhiệm vụ trở lên",
    title_en: "Cells rated good or better, each year",
    measure_vi: "chi bộ xếp loại hoàn thành tốt nhiệm vụ trở lên",
    shortfall_vi: "chi bộ xếp loại dưới mức hoàn thành tốt nhiệm vụ",
    basis: "QĐ 132-QĐ/TW; QĐ 124-QĐ/TW; QĐ 366-QĐ/TW; Đề án 16-ĐA/TU",
    judges: Judged::Cell,
    span: Span::RatingYear,
    target: Some(Target::more_than(90, Provenance::Inferred)),
    threshold: None,
    reports_total: false,
};

pub(super) fn judge(cx: &Ctx<'_>, unit: OrgIx, org: &Org) -> Outcome {
    if !org.alive_on(cx.span.end()) {
        return Outcome::Skip;
    }
    match cx.org_rating(unit, cx.year()) {
        None => Outcome::Missing(Reason::NoRatings),
        Some(RatingResult::NotRated(_)) => Outcome::Skip,
        Some(RatingResult::Rated(level)) => {
            Outcome::unit((!level.is_good_or_better()).then_some(Detail::Rated(level)))
        }
    }
}
