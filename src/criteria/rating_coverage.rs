//! **R05 — Đảng viên thuộc diện đánh giá đều được xếp loại** (rating coverage and the
//! not-rated rules).
//!
//! - *Checks*: for each rating year, every member on a cell's list on 31 December who may be
//!   rated has a rating record (a level, or not rated with a reason). Who may not be rated is
//!   decided by [`crate::RatingRules`]: exempted or suspended on that day; under QĐ 124 and
//!   after, admitted less than six months before. A level given to one of them is refused when
//!   the dataset is built.
//! - *Basis*: QĐ 132-QĐ/TW; HD 21-HD/BTCTW; QĐ 124-QĐ/TW; QĐ 366-QĐ/TW.
//! - *Target*: 100% of members (inferred).
//! - *Evidence*: the cells and the members without a rating.
//! - *Not assessable* for a cell none of whose members has a rating record for the year.

use super::{Attributed, Ctx, Outcome};
use super::{Criterion, Definition, Judged, Span};
use crate::dataset::{Dataset, Member, Org, OrgIx, last_member_day};
use crate::finding::{Detail, Measure, MemberGap, MemberIssue, Reason};
use crate::rules::RatingRules;
use crate::target::{Provenance, Target};
use chrono::{Datelike, NaiveDate};

pub(super) const DEFINITION: Definition = Definition {
    criterion: Criterion::RatingCoverage,
    code: "R05",
    title_vi: "Đảng viên thuộc diện đánh giá được xếp loại chất lượng",
    title_en: "Members due for rating have a rating",
    measure_vi: "đảng viên thuộc diện đánh giá được xếp loại chất lượng",
    shortfall_vi: "có đảng viên thuộc diện đánh giá chưa được xếp loại chất lượng",
    basis: "QĐ 132-QĐ/TW; HD 21-HD/BTCTW; QĐ 124-QĐ/TW; QĐ 366-QĐ/TW",
    judges: Judged::Member,
    span: Span::RatingYear,
    target: Some(Target::at_least(100, Provenance::Inferred)),
    threshold: None,
    reports_total: false,
};

pub(super) fn judge(cx: &Ctx<'_>, unit: OrgIx, org: &Org) -> Outcome {
    // Over a whole calendar year of records, the cell's members due for rating, and those of
    // them with a rating, were counted when the dataset was built.
    let (measure, ratings, detail) = match cx.cell_year(unit) {
        Some(year) => {
            let measure = year.recorded_of_due();
            let short = measure.numerator < measure.denominator;
            (
                measure,
                year.ratings(),
                short.then(|| Detail::Members(Vec::new())),
            )
        }
        None => {
            let mut measure = Measure::default();
            let mut unrated = cx.gather();
            let attribution = cx.attribution(unit, org, cx.span);
            for &Attributed { member: m, rating } in attribution.members() {
                let is_due = cx
                    .data
                    .members
                    .get(m as usize)
                    .is_some_and(|member| due(cx.data, member, unit, cx.span.end()));
                if !is_due {
                    continue;
                }
                let rated = rating.is_some();
                measure = measure.plus(Measure::one(rated));
                if !rated {
                    unrated.push(|| MemberGap {
                        member: cx.member_id(m),
                        issue: MemberIssue::NotRated,
                    });
                }
            }
            let detail = unrated.into_detail(Detail::Members);
            (measure, attribution.counts(), detail)
        }
    };
    match measure.denominator {
        0 => Outcome::Skip,
        // Not assessable when none of the cell's ratings for the year was recorded at all.
        _ if ratings.unrecorded() => Outcome::Missing(Reason::NoRatings),
        _ => Outcome::measured(measure, detail),
    }
}

/// Whether `member`, answering to `cell` in the rating year ending `year_end` (a 31 December),
/// is due for rating: on the party's rolls and on the cell's list that day, and not barred by
/// the year's rules.
pub(super) fn due(data: &Dataset, member: &Member, cell: OrgIx, year_end: NaiveDate) -> bool {
    last_member_day(member, year_end) == Some(year_end)
        && data.listed_at(member, cell, year_end)
        && RatingRules::for_year(year_end.year())
            .bars_member(year_end, data, member)
            .is_none()
}
