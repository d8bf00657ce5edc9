//! **R06 — Đảng viên bị kỷ luật trong năm xếp loại không hoàn thành nhiệm vụ** (a member
//! disciplined in the year is rated at the lowest level).
//!
//! - *Checks*: for each rating year under QĐ 124 or later ([`crate::RatingRules`]), the members
//!   whose rating record says they were disciplined (`disciplined: true`) and who were rated;
//!   a member passes when rated "không hoàn thành nhiệm vụ". The regulation allows exceptions,
//!   so a member named here is for the organisation to check, not necessarily an error.
//!   Members whose record does not say (`disciplined` absent) are not judged.
//! - *Basis*: QĐ 124-QĐ/TW (04/10/2023); QĐ 366-QĐ/TW read as keeping it (inferred).
//! - *Target*: 100% of disciplined members (inferred).
//! - *Evidence*: the cells, and the members with the level they were given.
//! - *Not applicable* for rating years under QĐ 132 (up to 2022).

use super::{Attributed, Ctx, Outcome};
use super::{Criterion, Definition, Judged, Span};
use crate::dataset::{Org, OrgIx};
use crate::finding::{Detail, Measure, MemberGap, MemberIssue};
use crate::model::{RatingLevel, RatingResult};
use crate::target::{Provenance, Target};

pub(super) const DEFINITION: Definition = Definition {
    criterion: Criterion::DisciplinedRatedLowest,
    code: "R06",
    title_vi: "Đảng viên bị kỷ luật trong năm xếp loại không hoàn thành nhiệm vụ",
    title_en: "Members disciplined in the year rated at the lowest level",
    measure_vi: "đảng viên bị kỷ luật trong năm được xếp loại không hoàn thành nhiệm vụ",
    shortfall_vi: "có đảng viên bị kỷ luật trong năm nhưng được xếp loại từ hoàn thành nhiệm vụ trở lên, cần rà soát các trường hợp ngoại lệ",
    basis: "QĐ 124-QĐ/TW; QĐ 366-QĐ/TW",
    judges: Judged::Member,
    span: Span::RatingYear,
    target: Some(Target::at_least(100, Provenance::Inferred)),
    threshold: None,
    reports_total: false,
};

pub(super) fn judge(cx: &Ctx<'_>, unit: OrgIx, org: &Org) -> Outcome {
    // Years before QĐ 124 never reach here: see `Criterion::in_force`.
    let mut measure = Measure::default();
    let mut above = cx.gather();
    for &Attributed { member: m, rating } in cx.attribution(unit, org, cx.span).members() {
        let Some(rating) = rating else {
            continue;
        };
        let (Some(true), RatingResult::Rated(level)) = (rating.disciplined, rating.result) else {
            continue;
        };
        let lowest = level == RatingLevel::NotCompleted;
        measure = measure.plus(Measure::one(lowest));
        if !lowest {
            above.push(|| MemberGap {
                member: cx.member_id(m),
                issue: MemberIssue::RatedBelow(rating.result),
            });
        }
    }
    if measure.denominator == 0 {
        return Outcome::Skip;
    }
    Outcome::measured(measure, above.into_detail(Detail::Members))
}
