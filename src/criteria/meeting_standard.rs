//! **R01 — Buổi sinh hoạt chi bộ thường kỳ đạt chất lượng** (each regular meeting meets the
//! standard).
//!
//! - *Checks*: each regular or combined meeting against the standard of the rules in force on
//!   its date ([`crate::MeetingRules`]): attendance above the bar and nobody absent without
//!   reason; prepared (content, chi ủy meeting where there is a chi ủy, draft resolution;
//!   documents a day ahead from 28/10/2025); at least 90 minutes (120 for a combined session
//!   from 28/10/2025); minutes fully kept; principles observed; conclusion carried out.
//! - *Basis*: HD 12-HD/BTCTW (06/7/2018) mục 3; HD 42-HD/BTCTW (from 28/10/2025).
//! - *Bar*: attendance more than 85% of those expected (published, HD 12).
//! - *Target*: 100% of meetings (inferred).
//! - *Evidence*: the cells, and each meeting with every item it missed.

use super::{Criterion, Definition, Judged, Span, percent_bar};
use super::{Ctx, Outcome, Series};
use crate::dataset::{Org, OrgIx};
use crate::target::{Comparison, Provenance, Target};

pub(super) const DEFINITION: Definition = Definition {
    criterion: Criterion::MeetingStandard,
    code: "R01",
    title_vi: "Buổi sinh hoạt chi bộ thường kỳ đạt chất lượng theo hướng dẫn",
    title_en: "Regular meetings meeting the HD 12 / HD 42 standard",
    measure_vi: "buổi sinh hoạt thường kỳ đạt chất lượng theo hướng dẫn",
    shortfall_vi: "có buổi sinh hoạt thường kỳ chưa đạt chất lượng theo hướng dẫn",
    basis: "HD 12-HD/BTCTW mục 3; HD 42-HD/BTCTW",
    judges: Judged::Meeting,
    span: Span::Period,
    target: Some(Target::at_least(100, Provenance::Inferred)),
    threshold: percent_bar(Comparison::MoreThan, 85, Provenance::Published),
    reports_total: false,
};

pub(super) fn judge(cx: &Ctx<'_>, _unit: OrgIx, _org: &Org) -> Outcome {
    cx.by_standard(Series::Regular)
}
