//! **S04 — Liên hệ đánh giá việc thực hiện NQ TW4 khóa XI, XII, Chỉ thị 05, quy định những
//! điều đảng viên không được làm, trách nhiệm nêu gương chưa thường xuyên** (review not linked).
//!
//! - *Checks*: a cell passes when, in every quarter wholly inside the period and its life, its
//!   meetings together were linked to every required document.
//! - *Basis*: Lâm Bình review, fourth shortcoming; the documents: NQ TW4 khóa XI (2012) and
//!   XII (2016), Chỉ thị 05-CT/TW (2016), QĐ 37-QĐ/TW (2021), QĐ 101-QĐ/TW and 08-QĐi/TW.
//! - *Setting*: the required documents, all five by default; "thường xuyên" read as at least
//!   once a quarter (inferred).
//! - *Target*: 100% of cells (inferred).
//! - *Evidence*: the cells, each quarter that missed, and the documents missing.

use super::{ALL_CELLS, Criterion, Definition, Judged, Span};
use super::{Ctx, Outcome};
use crate::dataset::{Org, OrgIx};
use crate::finding::{Detail, QuarterGap};

pub(super) const DEFINITION: Definition = Definition {
    criterion: Criterion::ReviewNotLinked,
    code: "S04",
    title_vi: "Liên hệ đánh giá thực hiện Nghị quyết Trung ương 4 khóa XI, XII, Chỉ thị 05-CT/TW, quy định những điều đảng viên không được làm, trách nhiệm nêu gương thường xuyên",
    title_en: "Review linked each quarter to NQ TW4, CT 05, QĐ 37 and nêu gương",
    measure_vi: "chi bộ liên hệ đánh giá thực hiện Nghị quyết Trung ương 4 khóa XI, XII, Chỉ thị 05-CT/TW, quy định những điều đảng viên không được làm, trách nhiệm nêu gương hằng quý",
    shortfall_vi: "việc liên hệ đánh giá kết quả thực hiện Nghị quyết Trung ương 4 khóa XI, khóa XII, Chỉ thị số 05-CT/TW, quy định những điều đảng viên không được làm, trách nhiệm nêu gương chưa thường xuyên",
    basis: "NQ TW4 khóa XI, XII; Chỉ thị 05-CT/TW; QĐ 37-QĐ/TW; QĐ 101-QĐ/TW; QĐ 08-QĐi/TW; sơ kết Đề án 16 huyện Lâm Bình",
    judges: Judged::Cell,
    span: Span::Period,
    target: ALL_CELLS,
    threshold: None,
    reports_total: false,
};

pub(super) fn judge(cx: &Ctx<'_>, _unit: OrgIx, org: &Org) -> Outcome {
    let required = &cx.settings.references;
    let mut quarters = cx.required_quarters(org).peekable();
    if required.is_empty() {
        return Outcome::Skip;
    }
    if quarters.peek().is_none() {
        return cx.no_whole_span(org);
    }
    let all = required.iter().fold(0u8, |bits, r| bits | r.bit());
    // Each quarter's links, read from the dataset's table; else found in one pass over the
    // meetings, which run in date order as the quarters do.
    let years = cx.meeting_years();
    let mut meetings = match years {
        Some(_) => [].iter().peekable(),
        None => cx.meetings().iter().peekable(),
    };
    let mut gaps = cx.gather();
    for q in quarters {
        let linked = match years {
            Some(years) => years.of(q.year).map_or(0, |y| y.references(q.place)),
            None => {
                let mut linked = 0u8;
                while let Some(m) = meetings.next_if(|m| m.date <= q.last) {
                    if q.first <= m.date {
                        linked |= m.references;
                    }
                }
                linked
            }
        };
        if linked & all != all {
            gaps.push(|| QuarterGap {
                quarter: q.of,
                missing: required
                    .iter()
                    .copied()
                    .filter(|r| linked & r.bit() == 0)
                    .collect(),
            });
        }
    }
    Outcome::unit(gaps.into_detail(Detail::Unlinked))
}
