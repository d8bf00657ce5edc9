//! The evaluation engine (đánh giá): every enabled criterion over a period and a scope, at every
//! level of the hierarchy inside the scope, each level recomputed from the records below it.

use chrono::{Datelike, NaiveDate};

use crate::criteria::{CriteriaSet, Criterion, Judged, Settings, Span};
use crate::dataset::{Dataset, Meeting, MemberIx, Org, OrgIx, Rating, span};
use crate::finding::{
    Detail, Finding, Gap, Gaps, Measure, MeetingGap, Reason, Shortfall, Unassessed, Unit, Verdict,
};
use crate::id::Id;
use crate::model::RatingResult;
use crate::period::{Month, Period, Quarter};
use crate::rules::MeetingRules;
use crate::target::{Target, Threshold};

/// The result of an evaluation (kết quả đánh giá): findings and an account of the records.
///
/// Findings are stored compactly: one row per criterion, span and unit, and each criterion's
/// evidence once, in hierarchy order, which every level above a cell shares as a slice. At
/// national size (hundreds of thousands of cells, millions of findings) that keeps the result
/// small; [`Evaluation::findings`] hands out [`Finding`] views without copying.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    period: Period,
    scope: Option<String>,
    /// The organisations inside the scope, in hierarchy order: row `i` of every sheet is
    /// about `units[i]`.
    units: Vec<Unit>,
    /// One sheet per criterion and span, in registry order, then by span.
    sheets: Vec<Sheet>,
    accounting: Accounting,
}

impl Evaluation {
    pub(crate) fn new(
        period: Period,
        scope: Option<&str>,
        units: Vec<Unit>,
        sheets: Vec<Sheet>,
        accounting: Accounting,
    ) -> Evaluation {
        Evaluation {
            period,
            scope: scope.map(str::to_owned),
            units,
            sheets,
            accounting,
        }
    }

    /// The period evaluated.
    pub fn period(&self) -> Period {
        self.period
    }

    /// The scope's id, or `None` for the whole dataset.
    pub fn scope(&self) -> Option<&str> {
        self.scope.as_deref()
    }

    /// What happened to every record.
    pub fn accounting(&self) -> &Accounting {
        &self.accounting
    }

    /// The organisations and cells inside the scope, in hierarchy order.
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// Every finding, ordered by criterion, then span (year), then unit in hierarchy order.
    pub fn findings(&self) -> Findings<'_> {
        Findings {
            evaluation: self,
            sheet: 0,
            row: 0,
            left: self.sheets.iter().map(|s| s.rows.len()).sum(),
        }
    }

    /// The findings of one criterion for one unit, one per span.
    pub fn findings_for<'a>(
        &'a self,
        criterion: Criterion,
        unit: &str,
    ) -> impl Iterator<Item = Finding<'a>> + 'a {
        let at = self.units.iter().position(|u| *u.id == *unit);
        self.sheets
            .iter()
            .filter(move |s| s.criterion == criterion)
            .filter_map(move |s| at.and_then(|i| self.finding(s, i)))
    }

    /// Every criterion's findings for one unit, in registry order, then by span.
    pub fn findings_of<'a>(&'a self, unit: &str) -> impl Iterator<Item = Finding<'a>> + 'a {
        let at = self.units.iter().position(|u| *u.id == *unit);
        self.sheets
            .iter()
            .filter_map(move |s| at.and_then(|i| self.finding(s, i)))
    }

    fn finding<'a>(&'a self, sheet: &'a Sheet, i: usize) -> Option<Finding<'a>> {
        let row = sheet.rows.get(i)?;
        let slice = |r: &std::ops::Range<u32>| r.start as usize..r.end as usize;
        Some(Finding {
            criterion: sheet.criterion,
            unit: self.units.get(i)?,
            period: sheet.span,
            verdict: row.verdict,
            reason: row.reason,
            measure: row.measure,
            total: sheet.totals.get(i).copied().flatten(),
            target: sheet.target,
            threshold: sheet.threshold,
            shortfalls: sheet.shortfalls.get(slice(&row.shortfalls)).unwrap_or(&[]),
            unassessed: sheet.unassessed.get(slice(&row.unassessed)).unwrap_or(&[]),
        })
    }
}

/// Every finding of an [`Evaluation`], in order: see [`Evaluation::findings`].
#[derive(Debug, Clone)]
pub struct Findings<'a> {
    evaluation: &'a Evaluation,
    sheet: usize,
    row: usize,
    left: usize,
}

impl<'a> Iterator for Findings<'a> {
    type Item = Finding<'a>;

    fn next(&mut self) -> Option<Finding<'a>> {
        loop {
            let sheet = self.evaluation.sheets.get(self.sheet)?;
            if self.row < sheet.rows.len() {
                let found = self.evaluation.finding(sheet, self.row);
                self.row = self.row.saturating_add(1);
                self.left = self.left.saturating_sub(1);
                return found;
            }
            self.sheet = self.sheet.saturating_add(1);
            self.row = 0;
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for Findings<'_> {}

#[cfg(feature = "serde")]
impl serde::Serialize for Evaluation {
    /// `{"period", "scope", "findings": [...], "accounting"}`: the findings listed in full, in
    /// order (docs/format.md, "The JSON form of an evaluation").
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct All<'a>(&'a Evaluation);
        impl serde::Serialize for All<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.findings())
            }
        }
        let mut s = serializer.serialize_struct("Evaluation", 4)?;
        s.serialize_field("period", &self.period)?;
        s.serialize_field("scope", &self.scope)?;
        s.serialize_field("findings", &All(self))?;
        s.serialize_field("accounting", &self.accounting)?;
        s.end()
    }
}

/// One criterion over one span, for every unit of an evaluation (một bảng kết quả).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sheet {
    pub(crate) criterion: Criterion,
    pub(crate) span: Period,
    pub(crate) target: Option<Target>,
    pub(crate) threshold: Option<Threshold>,
    /// One row per unit of the evaluation, in the same order.
    pub(crate) rows: Vec<Row>,
    /// The count reported beside each row's measure, for criteria that report one; else empty.
    pub(crate) totals: Vec<Option<u64>>,
    /// Evidence, in hierarchy order; each row holds the range of it that lies below its unit.
    pub(crate) shortfalls: Vec<Shortfall>,
    pub(crate) unassessed: Vec<Unassessed>,
}

/// One unit's result in a [`Sheet`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) verdict: Verdict,
    pub(crate) reason: Option<Reason>,
    pub(crate) measure: Measure,
    pub(crate) shortfalls: std::ops::Range<u32>,
    pub(crate) unassessed: std::ops::Range<u32>,
}

/// What became of the records of one kind (kiểm đếm bản ghi).
///
/// `given = used + outside_period + outside_scope + not_counted`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Account {
    /// Records of this kind in the dataset.
    pub given: u64,
    /// Records inside the scope and period, available to the criteria.
    pub used: u64,
    /// Left out: outside the period.
    pub outside_period: u64,
    /// Left out: outside the scope.
    pub outside_scope: u64,
    /// Left out: inside both, but of a kind no criterion counts (meetings of kind "other").
    pub not_counted: u64,
}

impl Account {
    pub(crate) fn add(&mut self, in_scope: bool, in_period: bool, counted: bool) {
        let slot = match (in_scope, in_period, counted) {
            (false, _, _) => &mut self.outside_scope,
            (true, false, _) => &mut self.outside_period,
            (true, true, false) => &mut self.not_counted,
            (true, true, true) => &mut self.used,
        };
        *slot = slot.saturating_add(1);
        self.given = self.given.saturating_add(1);
    }
}

/// The account of every record kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Accounting {
    /// Organisations and cells (in scope or not; the period does not apply).
    pub organisations: Account,
    /// Members: in period when a posting in the scope overlaps it.
    pub members: Account,
    /// Meetings.
    pub meetings: Account,
    /// Member and organisation ratings: in period when the year's 31 December is in it.
    pub ratings: Account,
    /// Admissions.
    pub admissions: Account,
    /// Reported counts (tally path only).
    pub tallies: Account,
}

/// Why an evaluation cannot start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EvaluateError {
    /// The scope names no organisation.
    #[error(
        "no organisation has id `{0}`: pass the id of a cell, organisation or district in the dataset"
    )]
    UnknownScope(String),
}

/// What one unit contributes to a criterion's measure.
#[derive(Debug, Clone, Default)]
pub(crate) struct Contribution {
    pub(crate) measure: Measure,
    pub(crate) total: u64,
    pub(crate) detail: Option<Detail>,
}

/// A criterion's verdict on one unit, before aggregation.
pub(crate) enum Outcome {
    /// Nothing to judge here.
    Skip,
    /// Something to judge, but the records needed are missing.
    Missing(Reason),
    /// The unit is there, but the criterion cannot apply to it, for this reason.
    Inapplicable(Reason),
    /// Judged.
    Judged(Contribution),
}

impl Outcome {
    /// One unit that passes or, with `detail`, falls short.
    pub(crate) fn unit(detail: Option<Detail>) -> Outcome {
        Outcome::Judged(Contribution {
            measure: Measure::one(detail.is_none()),
            total: 0,
            detail,
        })
    }

    /// A measure over several units, with the detail of those that fall short.
    pub(crate) fn measured(measure: Measure, detail: Option<Detail>) -> Outcome {
        Outcome::Judged(Contribution {
            measure,
            total: 0,
            detail,
        })
    }
}

/// What a criterion sees while judging one unit.
pub(crate) struct Ctx<'a> {
    pub(crate) data: &'a Dataset,
    pub(crate) span: Period,
    pub(crate) settings: &'a Settings,
    calendar: &'a Calendar,
    shared: &'a Shared<'a>,
    roll: &'a Roll,
    /// A list reused from cell to cell while gathering the meetings that fall short.
    scratch: &'a std::cell::RefCell<Vec<MeetingGap>>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn org(&self, ix: OrgIx) -> Option<&'a Org> {
        self.data.orgs.get(ix as usize)
    }

    /// The cell's meetings held in the span, by date.
    pub(crate) fn meetings(&self, org: &'a Org) -> &'a [Meeting] {
        let all = self.data.meetings_of(org);
        let lo = all.partition_point(|m| m.date < self.span.start());
        let hi = all.partition_point(|m| m.date <= self.span.end());
        all.get(lo..hi).unwrap_or(&[])
    }

    /// Months wholly inside both the span and the cell's life: each needs a regular meeting.
    /// Reading (inferred): a cell founded or dissolved mid-month owes no meeting that month.
    pub(crate) fn required_months(&self, org: &Org) -> impl Iterator<Item = Month> + 'a {
        self.within_life(org, &self.calendar.months, |m| {
            (m.first_day(), m.last_day())
        })
    }

    /// Quarters wholly inside both the span and the cell's life: each needs a thematic meeting.
    pub(crate) fn required_quarters(&self, org: &Org) -> impl Iterator<Item = Quarter> + 'a {
        self.within_life(org, &self.calendar.quarters, |q| {
            (q.first_day(), q.last_day())
        })
    }

    /// The months or quarters of the span whose first and last `days` lie within the
    /// organisation's life; their days are not worked out when it lived through the span.
    fn within_life<T: Copy>(
        &self,
        org: &Org,
        all: &'a [T],
        days: fn(T) -> (NaiveDate, NaiveDate),
    ) -> impl Iterator<Item = T> + 'a {
        let life = life_of(org, self.span);
        let whole = life == Some(self.span);
        all.iter().copied().filter(move |&t| {
            whole
                || life.is_some_and(|l| {
                    let (first, last) = days(t);
                    l.start() <= first && last <= l.end()
                })
        })
    }

    /// The `required` months or quarters in which the cell held no meeting that `held` maps to
    /// them; or, when nothing is required, the outcome [`Ctx::no_whole_span`] gives.
    pub(crate) fn missing<S: Ord>(
        &self,
        org: &'a Org,
        required: impl Iterator<Item = S>,
        held: impl Fn(&Meeting) -> Option<S>,
    ) -> Result<Vec<S>, Outcome> {
        let mut required = required.peekable();
        if required.peek().is_none() {
            return Err(self.no_whole_span(org));
        }
        // Both run in date order: one pass over each.
        let mut held = self.meetings(org).iter().filter_map(held).peekable();
        Ok(required
            .filter(|span| {
                while held.next_if(|h| h < span).is_some() {}
                held.peek() != Some(span)
            })
            .collect())
    }

    /// Whether the organisation existed on some day of the span.
    pub(crate) fn existed(&self, org: &Org) -> bool {
        life_of(org, self.span).is_some()
    }

    /// For a cell with no whole month or quarter in the span: not applicable for that reason
    /// if it existed during the span at all, else nothing to judge.
    pub(crate) fn no_whole_span(&self, org: &Org) -> Outcome {
        if self.existed(org) {
            Outcome::Inapplicable(Reason::NoWholeSpan)
        } else {
            Outcome::Skip
        }
    }

    /// The per-unit bar of the criterion.
    pub(crate) fn threshold(&self) -> Option<&'a Threshold> {
        self.settings.threshold.as_ref()
    }

    /// What `meeting` misses of the standard of the rules in force on its date (HD 12 until
    /// 27/10/2025, HD 42 from 28/10/2025), item by item:
    /// 1. attendance above the bar (HD 12: more than 85%) and nobody absent without reason;
    /// 2. content prepared, chi ủy met (where the cell has one), draft resolution; documents a
    ///    day ahead under HD 42;
    /// 3. at least 90 minutes (120 for a combined session under HD 42), minutes fully kept;
    /// 4. principles observed; 5. conclusion carried out.
    pub(crate) fn standard_gaps(&self, m: &Meeting) -> Gaps {
        use crate::dataset::Flags as F;
        let rules = MeetingRules::in_force_on(m.date);
        let mut gaps = Gaps::new();
        let t = m.turnout;
        let attendance = Measure::new(u64::from(t.present), u64::from(t.expected));
        if self
            .standard_bar()
            .and_then(|bar| bar.passes_rate(attendance))
            == Some(false)
        {
            gaps.insert(Gap::Attendance {
                present: t.present,
                expected: t.expected,
            });
        }
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

    /// Members the cell answers for over `window`: those whose last regular posting
    /// overlapping it (within their membership) is at this cell. Each member is attributed
    /// to exactly one cell per window (inferred).
    pub(crate) fn attributed_members(
        &self,
        cell: OrgIx,
        org: &'a Org,
        window: Period,
    ) -> std::borrow::Cow<'a, [MemberIx]> {
        match self.roll.get(cell, window) {
            Some(members) => std::borrow::Cow::Borrowed(members),
            None => std::borrow::Cow::Owned(attributed(self.data, cell, org, window).collect()),
        }
    }

    /// The days `member` missed a regular meeting without reason, in order.
    pub(crate) fn unexcused_days(&self, member: MemberIx) -> &'a [NaiveDate] {
        self.data.unexcused_days(member)
    }

    /// The attendance bar of the meeting standard: R01's setting, which I03 and I04 share.
    pub(crate) fn standard_bar(&self) -> Option<&'a Threshold> {
        self.shared.standard_bar
    }

    /// A member's rating for `year`.
    pub(crate) fn member_rating(&self, member: MemberIx, year: i32) -> Option<RatingResult> {
        self.member_rating_record(member, year).map(|r| r.result)
    }

    /// A member's rating record for `year`, with whether they were disciplined.
    pub(crate) fn member_rating_record(
        &self,
        member: MemberIx,
        year: i32,
    ) -> Option<&'a Rating<MemberIx>> {
        self.data.ratings_of(member).iter().find(|r| r.year == year)
    }

    /// An organisation's rating for `year`.
    pub(crate) fn org_rating(&self, org: OrgIx, year: i32) -> Option<RatingResult> {
        find_rating(&self.data.org_ratings, org, year).map(|r| r.result)
    }

    /// A member's id, for evidence.
    pub(crate) fn member_id(&self, m: MemberIx) -> Id {
        self.data
            .members
            .get(m as usize)
            .map_or_else(|| Id::from(""), |x| self.data.member_ident(x))
    }

    /// The year of the span (annual criteria).
    pub(crate) fn year(&self) -> i32 {
        self.span.start().year()
    }
}

fn find_rating<S: Copy + Ord>(ratings: &[Rating<S>], subject: S, year: i32) -> Option<&Rating<S>> {
    ratings
        .binary_search_by(|r| (r.subject, r.year).cmp(&(subject, year)))
        .ok()
        .and_then(|i| ratings.get(i))
}

/// The part of `span` the organisation existed for.
fn life_of(org: &Org, span: Period) -> Option<Period> {
    let start = org.founded.map_or(span.start(), |f| f.max(span.start()));
    let end = org.dissolved.map_or(span.end(), |d| d.min(span.end()));
    Period::new(start, end).ok()
}

impl Ctx<'_> {
    /// Meetings that fall short by `gaps`, as a detail; `None` when all pass.
    fn meetings_detail<'m>(
        &self,
        meetings: impl Iterator<Item = &'m Meeting>,
        mut gaps: impl FnMut(&Meeting) -> Gaps,
    ) -> (Measure, Option<Detail>) {
        let mut measure = Measure::default();
        // Gathered in the piece's scratch list, then copied into one list of the right size.
        let mut own = Vec::new();
        let mut scratch = self.scratch.try_borrow_mut();
        let short = match &mut scratch {
            Ok(s) => &mut **s,
            Err(_) => &mut own,
        };
        short.clear();
        for m in meetings {
            let g = gaps(m);
            measure = measure.plus(Measure::one(g.is_empty()));
            if !g.is_empty() {
                short.push(MeetingGap {
                    meeting: self.data.meeting_ident(m),
                    date: m.date,
                    gaps: g,
                });
            }
        }
        (
            measure,
            (!short.is_empty()).then(|| {
                let mut exact = Vec::with_capacity(short.len());
                exact.append(short);
                Detail::Meetings(exact)
            }),
        )
    }

    /// Meeting-level measure: each meeting passes or misses by `gaps`; `Skip` when the cell held
    /// none.
    pub(crate) fn meetings_measured<'m>(
        &self,
        meetings: impl Iterator<Item = &'m Meeting>,
        gaps: impl FnMut(&Meeting) -> Gaps,
    ) -> Outcome {
        let (measure, detail) = self.meetings_detail(meetings, gaps);
        if measure.denominator == 0 {
            Outcome::Skip
        } else {
            Outcome::measured(measure, detail)
        }
    }

    /// Cell-level pass/fail over meetings: the cell passes if every meeting passes; `Skip` when
    /// it held none.
    pub(crate) fn all_meetings_pass<'m>(
        &self,
        meetings: impl Iterator<Item = &'m Meeting>,
        gaps: impl FnMut(&Meeting) -> Gaps,
    ) -> Outcome {
        let (measure, detail) = self.meetings_detail(meetings, gaps);
        if measure.denominator == 0 {
            Outcome::Skip
        } else {
            Outcome::unit(detail)
        }
    }

    /// Cell-level pass/fail over meetings that each pass by `ok` or miss with `gap`; `Skip` when
    /// the cell held none.
    pub(crate) fn every_meeting<'m>(
        &self,
        meetings: impl Iterator<Item = &'m Meeting>,
        ok: impl Fn(&Meeting) -> bool,
        gap: Gap,
    ) -> Outcome {
        self.all_meetings_pass(meetings, |m| {
            if ok(m) {
                Gaps::new()
            } else {
                Gaps::from([gap])
            }
        })
    }
}

/// Evaluates every enabled criterion over `period` for `scope` (an organisation id, or `None`
/// for the whole dataset), at every level inside the scope.
///
/// # Errors
/// [`EvaluateError::UnknownScope`] when `scope` names no organisation.
pub fn evaluate(
    data: &Dataset,
    criteria: &CriteriaSet,
    period: Period,
    scope: Option<&str>,
) -> Result<Evaluation, EvaluateError> {
    let range = scope_range(data, scope)?;
    let shared = Shared::new(criteria);
    let tasks = tasks(criteria, period);
    let drafts = judge_units(data, &shared, &tasks, range.clone());
    let orgs = data
        .orgs
        .get(range.start as usize..range.end as usize)
        .unwrap_or(&[]);
    let sheets = tasks
        .iter()
        .zip(drafts)
        .map(|(task, draft)| draft.into_sheet(task, orgs, range.start))
        .collect();
    Ok(Evaluation::new(
        period,
        scope,
        units(data, range.clone()),
        sheets,
        account(data, period, range),
    ))
}

/// One criterion over one span: a sheet to fill.
struct Task<'a> {
    criterion: Criterion,
    judges: Judged,
    span: Period,
    /// Whether the span is one the criterion needs; if not, every unit is not applicable.
    whole: bool,
    settings: &'a Settings,
    calendar: Calendar,
}

/// The months and quarters lying wholly inside a span, worked out once per span.
#[derive(Debug, Clone)]
pub(crate) struct Calendar {
    months: Vec<Month>,
    quarters: Vec<Quarter>,
}

impl Calendar {
    fn of(span: Period) -> Calendar {
        Calendar {
            months: span.full_months().collect(),
            quarters: span
                .quarters()
                .filter(|q| span.start() <= q.first_day() && q.last_day() <= span.end())
                .collect(),
        }
    }
}

/// The sheets to fill, in registry order, then by span.
fn tasks(criteria: &CriteriaSet, period: Period) -> Vec<Task<'_>> {
    let mut tasks = Vec::new();
    for criterion in criteria.enabled() {
        let def = criterion.definition();
        let slices = spans(def.span, period);
        // A period without the span the criterion needs (no 31 December for ratings) still
        // gets a finding for every unit, saying so.
        let whole = !slices.is_empty();
        for span in if whole { slices } else { vec![period] } {
            tasks.push(Task {
                criterion,
                judges: def.judges,
                span,
                whole,
                settings: criteria.settings(criterion),
                calendar: Calendar::of(span),
            });
        }
    }
    tasks
}

/// What every criterion may read, the same for every task.
pub(crate) struct Shared<'a> {
    /// The attendance bar of the meeting standard: R01's setting, which I03 and I04 share.
    standard_bar: Option<&'a Threshold>,
}

impl<'a> Shared<'a> {
    fn new(criteria: &'a CriteriaSet) -> Shared<'a> {
        Shared {
            standard_bar: criteria
                .settings(Criterion::MeetingStandard)
                .threshold
                .as_ref(),
        }
    }
}

/// Judges every unit of `range` for every task, cell by cell: a cell's meetings and members
/// are read once while all criteria look at them. With the `rayon` feature the range is cut
/// into pieces judged in parallel and joined in order, so the result is identical.
fn judge_units(
    data: &Dataset,
    shared: &Shared<'_>,
    tasks: &[Task<'_>],
    range: std::ops::Range<OrgIx>,
) -> Vec<Draft> {
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        let pieces = rayon::current_num_threads().saturating_mul(8).max(1);
        let step = range.len().checked_div(pieces).unwrap_or(0).max(1);
        let starts: Vec<OrgIx> = range.clone().step_by(step).collect();
        let parts: Vec<Vec<Draft>> = starts
            .par_iter()
            .map(|&start| {
                let end = start
                    .saturating_add(crate::dataset::ix(step))
                    .min(range.end);
                judge_piece(data, shared, tasks, start..end)
            })
            .collect();
        let mut joined: Vec<Draft> = tasks.iter().map(|_| Draft::default()).collect();
        for part in parts {
            for (all, piece) in joined.iter_mut().zip(part) {
                all.append(piece);
            }
        }
        joined
    }
    #[cfg(not(feature = "rayon"))]
    judge_piece(data, shared, tasks, range)
}

fn judge_piece(
    data: &Dataset,
    shared: &Shared<'_>,
    tasks: &[Task<'_>],
    range: std::ops::Range<OrgIx>,
) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = tasks
        .iter()
        .map(|_| Draft::with_capacity(range.len()))
        .collect();
    // The windows members are attributed over: the spans of the member-level criteria.
    let mut windows: Vec<Period> = tasks
        .iter()
        .filter(|t| t.whole && t.judges == Judged::Member)
        .map(|t| t.span)
        .collect();
    windows.sort_unstable();
    windows.dedup();
    let mut roll = Roll::default();
    let scratch = std::cell::RefCell::new(Vec::new());
    for ix in range {
        let Some(org) = data.orgs.get(ix as usize) else {
            continue;
        };
        if org.level.is_cell() {
            roll.fill(data, ix, org, &windows);
        }
        for (task, draft) in tasks.iter().zip(&mut drafts) {
            let is_unit = match task.judges {
                Judged::Organisation => org.level.is_grassroots(),
                _ => org.level.is_cell(),
            };
            let outcome = if !is_unit {
                Outcome::Skip
            } else if !task.whole {
                Outcome::Inapplicable(Reason::NoWholeSpan)
            } else if !task.criterion.in_force(&task.span) {
                Outcome::Inapplicable(Reason::NotInForce)
            } else {
                let cx = Ctx {
                    data,
                    span: task.span,
                    settings: task.settings,
                    calendar: &task.calendar,
                    shared,
                    roll: &roll,
                    scratch: &scratch,
                };
                task.criterion.judge(&cx, ix, org)
            };
            draft.record(org, outcome);
        }
    }
    drafts
}

/// The members a cell answers for over each window, for the cell being judged.
#[derive(Debug, Default)]
pub(crate) struct Roll {
    cell: Option<OrgIx>,
    windows: Vec<(Period, Vec<MemberIx>)>,
}

impl Roll {
    fn fill(&mut self, data: &Dataset, cell: OrgIx, org: &Org, windows: &[Period]) {
        self.cell = Some(cell);
        // The vectors are kept from cell to cell, so filling them seldom allocates.
        self.windows.truncate(windows.len());
        for (i, &window) in windows.iter().enumerate() {
            let members = attributed(data, cell, org, window);
            match self.windows.get_mut(i) {
                Some(slot) => {
                    slot.0 = window;
                    slot.1.clear();
                    slot.1.extend(members);
                }
                None => self.windows.push((window, members.collect())),
            }
        }
    }

    fn get(&self, cell: OrgIx, window: Period) -> Option<&[MemberIx]> {
        if self.cell != Some(cell) {
            return None;
        }
        self.windows
            .iter()
            .find(|(w, _)| *w == window)
            .map(|(_, m)| m.as_slice())
    }
}

/// Members `cell` answers for over `window`: those whose last regular posting overlapping it
/// (within their membership) is at this cell. Each member is attributed to exactly one cell
/// per window (inferred).
fn attributed<'a>(
    data: &'a Dataset,
    cell: OrgIx,
    org: &'a Org,
    window: Period,
) -> impl Iterator<Item = MemberIx> + 'a {
    span(&data.roster, &org.roster)
        .iter()
        .filter_map(move |&s| data.stints.get(s as usize))
        .filter(move |s| !s.temporary && s.from <= window.end() && window.start() <= s.until)
        .filter(move |s| {
            data.members.get(s.member as usize).is_some_and(|m| {
                span(&data.stints, &m.postings)
                    .iter()
                    .rev()
                    .find(|p| !p.temporary && p.from <= window.end() && window.start() <= p.until)
                    .is_some_and(|last| last.cell == cell && last.from == s.from)
            })
        })
        .map(|s| s.member)
}

/// The organisations `scope` covers, as a range of the hierarchy order.
pub(crate) fn scope_range(
    data: &Dataset,
    scope: Option<&str>,
) -> Result<std::ops::Range<OrgIx>, EvaluateError> {
    match scope {
        None => Ok(0..crate::dataset::ix(data.orgs.len())),
        Some(id) => {
            let ix = data
                .org_ix(id)
                .ok_or_else(|| EvaluateError::UnknownScope(id.to_owned()))?;
            let end = data.orgs.get(ix as usize).map_or(ix, |o| o.subtree_end);
            Ok(ix..end)
        }
    }
}

/// The units of `range`, in hierarchy order.
pub(crate) fn units(data: &Dataset, range: std::ops::Range<OrgIx>) -> Vec<Unit> {
    data.orgs
        .get(range.start as usize..range.end as usize)
        .unwrap_or(&[])
        .iter()
        .map(|o| Unit {
            id: o.id.clone(),
            level: o.level,
        })
        .collect()
}

/// The spans a criterion is measured over.
pub(crate) fn spans(span: Span, period: Period) -> Vec<Period> {
    match span {
        Span::Period => vec![period],
        Span::Year => period
            .years()
            .filter_map(|y| Period::year(y).and_then(|p| p.intersect(&period)))
            .collect(),
        Span::RatingYear => period
            .years()
            .filter_map(Period::year)
            .filter(|y| period.contains(y.end()))
            .collect(),
    }
}

/// What the units in one organisation's subtree add up to, for one criterion and span.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Subtotal {
    measure: Measure,
    total: u64,
    /// The first reason, in hierarchy order, a unit below could not be judged.
    missing: Option<Reason>,
    /// The first reason, in hierarchy order, the criterion did not apply to a unit below.
    inapplicable: Option<Reason>,
}

impl Subtotal {
    /// Adds `later`, the subtotal of units that come after these in hierarchy order.
    fn then(self, later: Subtotal) -> Subtotal {
        Subtotal {
            measure: self.measure.plus(later.measure),
            total: self.total.saturating_add(later.total),
            missing: self.missing.or(later.missing),
            inapplicable: self.inapplicable.or(later.inapplicable),
        }
    }
}

/// A sheet being filled unit by unit, in hierarchy order.
#[derive(Debug, Default, PartialEq, Eq)]
struct Draft {
    /// Each unit's own outcome.
    own: Vec<Subtotal>,
    /// Where each unit's evidence starts in `shortfalls` and `unassessed`.
    starts: Vec<(u32, u32)>,
    shortfalls: Vec<Shortfall>,
    unassessed: Vec<Unassessed>,
}

impl Draft {
    fn with_capacity(units: usize) -> Draft {
        Draft {
            own: Vec::with_capacity(units),
            starts: Vec::with_capacity(units),
            ..Draft::default()
        }
    }

    fn ends(&self) -> (u32, u32) {
        (
            crate::dataset::ix(self.shortfalls.len()),
            crate::dataset::ix(self.unassessed.len()),
        )
    }

    /// Records the next unit's outcome.
    fn record(&mut self, org: &Org, outcome: Outcome) {
        self.starts.push(self.ends());
        self.own.push(match outcome {
            Outcome::Skip => Subtotal::default(),
            Outcome::Missing(reason) => {
                self.unassessed.push(Unassessed {
                    unit: org.id.clone(),
                    reason,
                });
                Subtotal {
                    missing: Some(reason),
                    ..Subtotal::default()
                }
            }
            Outcome::Inapplicable(reason) => Subtotal {
                inapplicable: Some(reason),
                ..Subtotal::default()
            },
            Outcome::Judged(c) => {
                if let Some(detail) = c.detail {
                    self.shortfalls.push(Shortfall {
                        unit: org.id.clone(),
                        detail,
                    });
                }
                Subtotal {
                    measure: c.measure,
                    total: c.total,
                    ..Subtotal::default()
                }
            }
        });
    }

    /// Appends the draft of the units that follow these.
    #[cfg_attr(not(feature = "rayon"), allow(dead_code))]
    fn append(&mut self, mut next: Draft) {
        let (s, u) = self.ends();
        self.starts.extend(
            next.starts
                .iter()
                .map(|&(a, b)| (a.saturating_add(s), b.saturating_add(u))),
        );
        self.own.append(&mut next.own);
        self.shortfalls.append(&mut next.shortfalls);
        self.unassessed.append(&mut next.unassessed);
    }

    /// Sums every organisation of `orgs` (the units from `first` on, in hierarchy order) from
    /// the units below it, and gives each its verdict and its slice of the evidence.
    fn into_sheet(self, task: &Task<'_>, orgs: &[Org], first: OrgIx) -> Sheet {
        let own = &self.own;
        // Children come after their parent in hierarchy order: walking backwards, everything
        // below an organisation is gathered before the organisation is reached. Children are
        // met last to first, so each goes before what its parent has gathered so far.
        let mut below = vec![Subtotal::default(); own.len()];
        let mut subtree = vec![Subtotal::default(); own.len()];
        for i in (0..own.len()).rev() {
            let (Some(&mine), Some(&under)) = (own.get(i), below.get(i)) else {
                continue;
            };
            let whole = mine.then(under);
            if let Some(s) = subtree.get_mut(i) {
                *s = whole;
            }
            let parent = orgs
                .get(i)
                .and_then(|o| o.parent)
                .and_then(|p| p.checked_sub(first))
                .map(|p| p as usize);
            if let Some(b) = parent.and_then(|p| below.get_mut(p)) {
                *b = whole.then(*b);
            }
        }
        let end = self.ends();
        let target = task.settings.target;
        let rows = subtree
            .iter()
            .zip(orgs)
            .enumerate()
            .map(|(i, (sub, org))| {
                let last = org.subtree_end.saturating_sub(first) as usize;
                let (s0, u0) = self.starts.get(i).copied().unwrap_or(end);
                let (s1, u1) = self.starts.get(last).copied().unwrap_or(end);
                let unjudged = sub.missing.map(Err).or(sub.inapplicable.map(Ok));
                let (verdict, reason) = verdict(sub.measure, unjudged, target);
                Row {
                    verdict,
                    reason,
                    measure: sub.measure,
                    shortfalls: s0..s1,
                    unassessed: u0..u1,
                }
            })
            .collect();
        let totals = if task.criterion.definition().reports_total {
            subtree.iter().map(|s| Some(s.total)).collect()
        } else {
            Vec::new()
        };
        Sheet {
            criterion: task.criterion,
            span: task.span,
            target,
            threshold: task.settings.threshold,
            rows,
            totals,
            shortfalls: self.shortfalls,
            unassessed: self.unassessed,
        }
    }
}

/// The verdict on a unit's `measure`. When nothing was judged: not assessable if records were
/// missing (`Some(Err(reason))`), else not applicable, for the reason given (`Some(Ok(..))`)
/// or because there was nothing to judge. Otherwise recorded without a target, else strength
/// or shortcoming by the target.
pub(crate) fn verdict(
    measure: Measure,
    unjudged: Option<Result<Reason, Reason>>,
    target: Option<crate::target::Target>,
) -> (Verdict, Option<Reason>) {
    match (measure.denominator, unjudged, target) {
        (0, Some(Err(r)), _) => (Verdict::NotAssessable, Some(r)),
        (0, Some(Ok(r)), _) => (Verdict::NotApplicable, Some(r)),
        (0, None, _) => (Verdict::NotApplicable, Some(Reason::NothingToJudge)),
        (_, _, None) => (Verdict::Recorded, None),
        (_, _, Some(t)) => match t.is_met_by(measure) {
            Some(true) => (Verdict::Strength, None),
            Some(false) => (Verdict::Shortcoming, None),
            None => (Verdict::NotApplicable, Some(Reason::NothingToJudge)),
        },
    }
}

fn account(data: &Dataset, period: Period, range: std::ops::Range<OrgIx>) -> Accounting {
    let in_scope = |o: OrgIx| range.contains(&o);
    let mut acc = Accounting::default();
    for ix in 0..crate::dataset::ix(data.orgs.len()) {
        acc.organisations.add(in_scope(ix), true, true);
    }
    for m in &data.meetings {
        acc.meetings.add(
            in_scope(m.cell),
            period.contains(m.date),
            m.kind != crate::model::MeetingKind::Other,
        );
    }
    let member_in_scope = |m: MemberIx| {
        data.members.get(m as usize).is_some_and(|m| {
            span(&data.stints, &m.postings)
                .iter()
                .any(|s| in_scope(s.cell))
        })
    };
    for (ix, m) in data.members.iter().enumerate() {
        let overlaps = span(&data.stints, &m.postings)
            .iter()
            .any(|s| in_scope(s.cell) && s.from <= period.end() && period.start() <= s.until);
        acc.members
            .add(member_in_scope(crate::dataset::ix(ix)), overlaps, true);
    }
    let rating_years: Vec<i32> = spans(Span::RatingYear, period)
        .iter()
        .map(|y| y.start().year())
        .collect();
    let rating_in_period = |year: i32| rating_years.contains(&year);
    for r in &data.member_ratings {
        acc.ratings
            .add(member_in_scope(r.subject), rating_in_period(r.year), true);
    }
    for r in &data.org_ratings {
        acc.ratings
            .add(in_scope(r.subject), rating_in_period(r.year), true);
    }
    for (ix, o) in data.orgs.iter().enumerate() {
        for a in span(&data.admissions, &o.admissions) {
            acc.admissions.add(
                in_scope(crate::dataset::ix(ix)),
                period.contains(a.date),
                true,
            );
        }
    }
    acc
}

#[cfg(all(test, feature = "rayon", feature = "synth"))]
mod tests {
    use super::*;

    /// The pieces judged in parallel, joined, are exactly the range judged in one piece.
    #[test]
    fn pieces_join_to_the_sequential_result() -> Result<(), Box<dyn std::error::Error>> {
        let config = crate::synth::SynthConfig::district().with_cells(90);
        let data = Dataset::build(&config.generate())?;
        let criteria = CriteriaSet::de_an_16();
        let tasks = tasks(&criteria, Period::new(config.start, config.end())?);
        let shared = Shared::new(&criteria);
        let range = scope_range(&data, None)?;
        let sequential = judge_piece(&data, &shared, &tasks, range.clone());
        for threads in [1, 2, 3] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()?;
            let joined = pool.install(|| judge_units(&data, &shared, &tasks, range.clone()));
            assert!(joined == sequential, "{threads} threads");
        }
        assert!(sequential.iter().any(|d| !d.shortfalls.is_empty()));
        Ok(())
    }
}
