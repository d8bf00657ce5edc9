//! **R03 — Tỷ lệ đảng viên hoàn thành xuất sắc nhiệm vụ không vượt quá 20%** (HD 21 cap).
//!
//! - *Checks*: for each rating year, in each grassroots organisation (TCCSĐ), members rated
//!   "hoàn thành xuất sắc nhiệm vụ" are at most 20% of members rated "hoàn thành tốt nhiệm vụ"
//!   or better (inferred: xuất sắc members are chosen among those rated tốt, so the base
//!   includes them).
//! - *Basis*: HD 21-HD/BTCTW (2019); QĐ 124-QĐ/TW keeps a 20% cap.
//! - *Bar*: excellent ≤ 20% of good-or-better (published).
//! - *Target*: 100% of grassroots organisations (inferred).
//! - *Evidence*: the organisations over the cap, with both counts.

use super::{Criterion, Definition, Judged, Span, percent_bar};
use super::{Ctx, Outcome, RatingCounts};
use crate::dataset::{Org, OrgIx};
use crate::finding::{Detail, Measure, Reason};
use crate::target::{Comparison, Provenance, Target};

pub(super) const DEFINITION: Definition = Definition {
    criterion: Criterion::ExcellentCap,
    code: "R03",
    title_vi: "Đảng viên hoàn thành xuất sắc nhiệm vụ không vượt quá 20% số hoàn thành tốt nhiệm vụ",
    title_en: "Excellent ratings within 20% of good ratings, per TCCSĐ",
    measure_vi: "tổ chức cơ sở đảng có số đảng viên hoàn thành xuất sắc nhiệm vụ {bar} số hoàn thành tốt nhiệm vụ trở lên",
    shortfall_vi: "số đảng viên hoàn thành xuất sắc nhiệm vụ vượt tỷ lệ cho phép",
    basis: "HD 21-HD/BTCTW; QĐ 124-QĐ/TW",
    judges: Judged::Organisation,
    span: Span::RatingYear,
    target: Some(Target::at_least(100, Provenance::Inferred)),
    threshold: percent_bar(Comparison::AtMost, 20, Provenance::Published),
    reports_total: false,
};

pub(super) fn judge(cx: &Ctx<'_>, unit: OrgIx, org: &Org) -> Outcome {
    let mut all = RatingCounts::default();
    for cell in unit..org.subtree_end {
        if let Some(c) = cx.org(cell).filter(|c| c.level.is_cell()) {
            all = all.plus(cx.rating_counts(cell, c));
        }
    }
    let (excellent, good) = (u64::from(all.excellent), u64::from(all.good));
    if good == 0 {
        return if all.unrecorded() {
            Outcome::Missing(Reason::NoRatings)
        } else {
            Outcome::Skip
        };
    }
    let pass = cx
        .threshold()
        .and_then(|bar| bar.passes_rate(Measure::new(excellent, good)))
        .unwrap_or(true);
    Outcome::unit((!pass).then_some(Detail::OverCap {
        excellent,
        good_or_better: good,
    }))
}
