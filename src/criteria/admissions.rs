//! **I08 — Kết nạp đảng viên** (members admitted).
//!
//! - *Checks*: the members admitted in the period (the finding's `total`), and the share of
//!   cells that existed during the period and admitted at least one (the measure).
//! - *Basis*: Điều lệ Đảng Art. 4; Đề án 16-ĐA/TU; Lâm Bình review: 179 from 2020 to 9/2022.
//! - *Target*: none by default: the figure is recorded; a locality may set one.
//! - *Evidence*: none.

use super::{Contribution, Ctx, Outcome};
use super::{Criterion, Definition, Judged, Span};
use crate::dataset::{Org, OrgIx, span};
use crate::finding::Measure;

pub(super) const DEFINITION: Definition = Definition {
    criterion: Criterion::Admissions,
    code: "I08",
    title_vi: "Kết nạp đảng viên",
    title_en: "Members admitted, and cells that admitted",
    measure_vi: "chi bộ có kết nạp đảng viên",
    shortfall_vi: "chưa kết nạp được đảng viên",
    basis: "Điều lệ Đảng Điều 4; Đề án 16-ĐA/TU",
    judges: Judged::Cell,
    span: Span::Period,
    target: None,
    threshold: None,
    reports_total: true,
};

pub(super) fn judge(cx: &Ctx<'_>, _unit: OrgIx, org: &Org) -> Outcome {
    let p = cx.span;
    if !cx.existed(org) {
        return Outcome::Skip;
    }
    let admitted = span(&cx.data.admissions, &org.admissions)
        .iter()
        .filter(|a| p.contains(a.date))
        .count();
    let total = u64::try_from(admitted).unwrap_or(u64::MAX);
    Outcome::Judged(Contribution {
        measure: Measure::one(total > 0),
        total,
        detail: None,
    })
}
