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
use super::{Ctx, MeetingTest, Outcome, Shared};
use crate::dataset::{Flags, Meeting, Org, OrgIx};
use crate::finding::{Gap, Gaps, Measure};
use crate::rules::MeetingRules;
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
    cx.by_meeting(MeetingTest::RegularStandard)
}

/// The meetings R01 (and I03) judge: the regular ones, combined sessions included.
pub(super) fn judges(m: &Meeting) -> bool {
    m.kind.is_regular()
}

/// What a meeting misses of the standard of the rules in force on its date (HD 12 until
/// 27/10/2025, HD 42 from 28/10/2025), item by item:
/// 1. attendance above the bar (HD 12: more than 85%) and nobody absent without reason;
/// 2. content prepared, chi ủy met (where the cell has one), draft resolution; documents a
///    day ahead under HD 42;
/// 3. at least 90 minutes (120 for a combined session under HD 42), minutes fully kept;
/// 4. principles observed; 5. conclusion carried out.
pub(super) fn gaps(shared: &Shared, m: &Meeting) -> Gaps {
    let mut gaps = gaps_but_bar(m);
    if below_bar(shared, m) {
        gaps.insert(Gap::Attendance {
            present: m.turnout.present,
            expected: m.turnout.expected,
        });
    }
    gaps
}

/// Whether `m` meets the standard (đạt chất lượng): what [`gaps`] finds nothing in, read from
/// the meeting's [`Flags::MEETS_STANDARD_BUT_BAR`] and its attendance.
pub(super) fn passes(shared: &Shared, m: &Meeting) -> bool {
    debug_assert_eq!(
        m.flags.has(Flags::MEETS_STANDARD_BUT_BAR),
        gaps_but_bar(m).is_empty(),
        "a meeting changed after it was added"
    );
    m.flags.has(Flags::MEETS_STANDARD_BUT_BAR) && !below_bar(shared, m)
}

/// Whether the meeting's attendance (tỷ lệ đảng viên dự) falls below the bar (R01's setting,
/// none if unset).
fn below_bar(shared: &Shared, m: &Meeting) -> bool {
    let t = m.turnout;
    let attendance = Measure::new(u64::from(t.present), u64::from(t.expected));
    shared.standard_bar.and_then(|bar| bar.passes(attendance)) == Some(false)
}

/// What a meeting misses of the standard (đạt chất lượng) apart from the attendance bar, which
/// each evaluation's settings give: worked out once when the dataset is built
/// ([`Flags::MEETS_STANDARD_BUT_BAR`]), and again for the evidence.
pub(crate) fn gaps_but_bar(m: &Meeting) -> Gaps {
    use crate::dataset::Flags as F;
    let rules = MeetingRules::in_force_on(m.date);
    let mut gaps = Gaps::new();
    let t = m.turnout;
    if t.without_reason > 0 {
        gaps.insert(Gap::UnexcusedAbsence(t.without_reason));
    }
    let f = m.flags;
    let committee = f.has(F::COMMITTEE_MET) || f.has(F::NO_COMMITTEE);
    if !(f.has(F::CONTENT_PREPARED) && committee && f.has(F::DRAFT_RESOLUTION)) {
        gaps.insert(Gap::NotPrepared);
    }
    if rules.requires_documents_ahead() && !f.has(F::DOCUMENTS_AHEAD) {
        gaps.insert(Gap::DocumentsLate);
    }
    let required = rules.min_minutes(m.kind);
    if m.duration < required {
        gaps.insert(Gap::TooShort {
            minutes: m.duration,
            required,
        });
    }
    if !f.has(F::MINUTES_KEPT) {
        gaps.insert(Gap::MinutesIncomplete);
    }
    if !f.has(F::PRINCIPLES) {
        gaps.insert(Gap::PrinciplesBreached);
    }
    if !f.has(F::CONCLUSION) {
        gaps.insert(Gap::ConclusionNotCarriedOut);
    }
    gaps
}
