//! **R04 — Chi bộ có ít nhất 3 đảng viên chính thức** (minimum cell size).
//!
//! - *Checks*: each cell alive at the end of the period (or on its last day, if dissolved
//!   within it) has at least the bar's number of official members on its list that day:
//!   its regular postings, exempted and temporarily-away members included, members meeting
//!   there temporarily left out.
//! - *Basis*: Điều lệ Đảng Art. 21–24 (a cell has at least 3 official members).
//! - *Bar*: ≥ 3 official members (published).
//! - *Target*: 100% of cells (inferred).
//! - *Evidence*: the cells below, with their count and the day counted.

use chrono::NaiveDate;

use super::{ALL_CELLS, Criterion, Definition, Judged, Span};
use super::{Ctx, Outcome};
use crate::dataset::{Dataset, Org, OrgIx, Stint};
use crate::finding::Detail;
use crate::target::{Comparison, Provenance, Threshold, ThresholdUnit};

pub(super) const DEFINITION: Definition = Definition {
    criterion: Criterion::MinimumCellSize,
    code: "R04",
    title_vi: "Chi bộ có từ 3 đảng viên chính thức trở lên",
    title_en: "Cells with at least three official members",
    measure_vi: "chi bộ có số đảng viên chính thức {bar}",
    shortfall_vi: "chi bộ có dưới mức tối thiểu đảng viên chính thức",
    basis: "Điều lệ Đảng Điều 21–24",
    judges: Judged::Cell,
    span: Span::Period,
    target: ALL_CELLS,
    threshold: Some(Threshold::new(
        Comparison::AtLeast,
        3,
        ThresholdUnit::Members,
        Provenance::Published,
    )),
    reports_total: false,
};

/// Whether `posting` makes its member one of its cell's official members on `day` (đảng viên
/// chính thức): a regular posting that day, exempted or away members included, of a member
/// official by then.
pub(super) fn counts_official(data: &Dataset, posting: &Stint, day: NaiveDate) -> bool {
    !posting.temporary
        && posting.from <= day
        && day <= posting.until
        && data
            .members
            .get(posting.member as usize)
            .and_then(|m| m.official)
            .is_some_and(|o| o <= day)
}

pub(super) fn judge(cx: &Ctx<'_>, unit: OrgIx, org: &Org) -> Outcome {
    let day = org
        .dissolved
        .map_or(cx.span.end(), |d| d.min(cx.span.end()));
    if !cx.span.contains(day) || !org.alive_on(day) {
        return Outcome::Skip;
    }
    let official = match cx.cell_year_ending(unit, day) {
        Some(year) => year.official(),
        None => {
            let roster = cx.data.roster_on(unit, day);
            let official = roster.filter(|s| counts_official(cx.data, s, day)).count();
            u64::try_from(official).unwrap_or(u64::MAX)
        }
    };
    let pass = cx.threshold().is_none_or(|bar| bar.passes_count(official));
    Outcome::unit((!pass).then_some(Detail::TooFewOfficial { official, on: day }))
}
