//! **I10 — Đảng viên xếp loại hoàn thành tốt nhiệm vụ trở lên** (members rated good or better).
//!
//! - *Checks*: for each year whose 31 December lies in the period, the share of members rated
//!   at the top two levels among members rated; members recorded as not rated are left out.
//!   Each member counts at the cell of their last regular posting in the year (inferred).
//! - *Basis*: QĐ 132-QĐ/TW, HD 21-HD/BTCTW (2019); QĐ 124-QĐ/TW; QĐ 366-QĐ/TW; Đề án 16-ĐA/TU.
//! - *Target*: more than 85% ("trên 85%") (inferred from the Lâm Bình review).
//! - *Evidence*: the cells, and the members rated below with their level.

use super::{Criterion, Definition, Judged, Span};
use super::{Ctx, Outcome};
use crate::dataset::{Org, OrgIx};
use crate::finding::{Detail, Measure, MemberGap, MemberIssue, Reason};
use crate::model::RatingResult;
use crate::target::{Provenance, Target};

pub(super) const DEFINITION: Definition = Definition {
    criterion: Criterion::MembersRatedGood,
    code: "I10",
    title_vi: "Đảng viên xếp loại hoàn thành tốt nhiệm vụ trở lên",
    title_en: "Members rated good or better, each year",
    measure_vi: "đảng viên xếp loại hoàn thành tốt nhiệm vụ trở lên",
    shortfall_vi: "có đảng viên xếp loại dưới mức hoàn thành tốt nhiệm vụ",
    basis: "QĐ 132-QĐ/TW; HD 21-HD/BTCTW; QĐ 124-QĐ/TW; QĐ 366-QĐ/TW; Đề án 16-ĐA/TU",
    judges: Judged::Member,
    span: Span::RatingYear,
    target: Some(Target::more_than(85, Provenance::Inferred)),
    threshold: None,
    reports_total: false,
};

pub(super) fn judge(cx: &Ctx<'_>, unit: OrgIx, org: &Org) -> Outcome {
    if !cx.evidence {
        // The same measure, from the counts made while attributing.
        let c = cx.rating_counts(unit, org, cx.span);
        let measure = Measure::new(c.good, c.rated);
        let below = (c.good < c.rated).then(|| Detail::Members(Vec::new()));
        return judged(measure, c.members > 0 && c.recorded == 0, below);
    }
    let mut measure = Measure::default();
    let mut below = cx.gather();
    // Whether the cell has members this year, and whether any of their ratings was recorded.
    let (mut members, mut recorded) = (false, false);
    for a in cx.attributed_members(unit, org, cx.span).iter() {
        members = true;
        let rating = a.rating.map(|r| r.result);
        recorded |= rating.is_some();
        if let Some(RatingResult::Rated(level)) = rating {
            let good = level.is_good_or_better();
            measure = measure.plus(Measure::one(good));
            if !good {
                below.push(|| MemberGap {
                    member: cx.member_id(a.member),
                    issue: MemberIssue::RatedBelow(RatingResult::Rated(level)),
                });
            }
        }
    }
    judged(
        measure,
        members && !recorded,
        below.into_detail(Detail::Members),
    )
}

/// The outcome of a cell's `measure`: not assessable when it has members of whom none has a
/// rating record (`unrecorded`), nothing to judge when none was rated at a level.
fn judged(measure: Measure, unrecorded: bool, below: Option<Detail>) -> Outcome {
    match (measure.denominator, unrecorded) {
        (0, true) => Outcome::Missing(Reason::NoRatings),
        (0, false) => Outcome::Skip,
        _ => Outcome::measured(measure, below),
    }
}
