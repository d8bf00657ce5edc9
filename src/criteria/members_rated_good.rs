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
    // Read from the dataset's table, or counted while the members were attributed (always
    // when the evidence is gathered, which names them).
    let (counts, attribution) = match cx.cell_year(unit) {
        Some(year) => (year.ratings(), None),
        None => {
            let attribution = cx.attribution(unit, org, cx.span);
            (attribution.counts(), Some(attribution))
        }
    };
    let measure = Measure::new(counts.good.into(), counts.rated.into());
    if measure.denominator == 0 {
        return if counts.unrecorded() {
            Outcome::Missing(Reason::NoRatings)
        } else {
            Outcome::Skip
        };
    }
    // The members rated below, named only when the evidence is gathered.
    let below = (counts.good < counts.rated).then(|| {
        let mut below = Vec::new();
        if cx.evidence {
            for a in attribution.iter().flat_map(|list| list.members()) {
                if let Some(RatingResult::Rated(level)) = a.rating.map(|r| r.result)
                    && !level.is_good_or_better()
                {
                    below.push(MemberGap {
                        member: cx.member_id(a.member),
                        issue: MemberIssue::RatedBelow(RatingResult::Rated(level)),
                    });
                }
            }
        }
        Detail::Members(below)
    });
    Outcome::measured(measure, below)
}
