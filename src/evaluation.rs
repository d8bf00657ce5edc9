//! The result of an evaluation (kết quả đánh giá): every criterion's findings at every level of
//! the scope, stored once, and an account of every record.

use chrono::Datelike;

use crate::criteria::{
    Calendar, Criterion, Ctx, Outcome, Roll, Settings, Shared, Span, meetings_in,
};
use crate::dataset::{Dataset, OrgIx, ix, span};
use crate::evaluate::{spans, verdict};
use crate::finding::{Finding, Measure, Reason, Shortfall, Shortfalls, Unassessed, Unit, Verdict};
use crate::period::Period;
use crate::sums::Sums;

/// The result of an evaluation (kết quả đánh giá): findings and an account of the records.
///
/// Findings are stored compactly: for each criterion and span, the units' measures as prefix
/// sums in hierarchy order (an organisation's subtree is a contiguous run of units, so its
/// measure is the difference of two sums), and the units that fall short or could not be
/// judged, once, in hierarchy order, which every level above a cell shares as a slice. A
/// finding's verdict is worked out when it is read, and what each unit missed (the months,
/// meetings and members) when its [`Shortfalls`] are: an evaluation borrows the dataset it was
/// made from. At national size (hundreds of thousands of cells, millions of findings, millions
/// of meetings named) that keeps the evaluation fast and small; [`Evaluation::findings`] hands
/// out [`Finding`] views without copying.
#[derive(Clone)]
pub struct Evaluation<'d> {
    data: &'d Dataset,
    shared: Shared,
    period: Period,
    scope: Option<String>,
    /// The organisations inside the scope, in hierarchy order: row `i` of every sheet is
    /// about `units[i]`.
    units: Vec<Unit>,
    /// Where each unit's subtree ends, as a position in `units`.
    ends: Vec<u32>,
    /// The first unit's index in the dataset.
    first: OrgIx,
    /// One sheet per criterion and span, in registry order, then by span.
    sheets: Vec<Sheet>,
    /// From records, worked out when first read (a pass over every record of the dataset);
    /// from reported counts, set when made.
    accounting: std::sync::OnceLock<Accounting>,
}

impl<'d> Evaluation<'d> {
    /// An evaluation of `data`'s records, or of counts reported in its hierarchy with their
    /// `accounting` (`None`: worked out from the records when first read).
    pub(crate) fn new(
        data: &'d Dataset,
        shared: Shared,
        period: Period,
        scope: Option<&str>,
        layout: Layout,
        sheets: Vec<Sheet>,
        accounting: Option<Accounting>,
    ) -> Evaluation<'d> {
        Evaluation {
            data,
            shared,
            period,
            scope: scope.map(str::to_owned),
            units: layout.units,
            ends: layout.ends,
            first: layout.first,
            sheets,
            accounting: accounting
                .map(std::sync::OnceLock::from)
                .unwrap_or_default(),
        }
    }

    /// The dataset evaluated (for the tally path, the hierarchy the counts were reported in).
    pub fn dataset(&self) -> &'d Dataset {
        self.data
    }

    /// The period evaluated.
    pub fn period(&self) -> Period {
        self.period
    }

    /// The scope's id, or `None` for the whole dataset.
    pub fn scope(&self) -> Option<&str> {
        self.scope.as_deref()
    }

    /// What happened to every record: worked out the first time it is asked for, by a pass
    /// over every record of the dataset.
    pub fn accounting(&self) -> &Accounting {
        self.accounting.get_or_init(|| {
            let units = self.first..self.first.saturating_add(ix(self.units.len()));
            account(self.data, self.period, units)
        })
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
        let row = sheet.row(i, *self.ends.get(i)? as usize)?;
        let slice = |r: &std::ops::Range<u32>| r.start as usize..r.end as usize;
        Some(Finding {
            criterion: sheet.criterion,
            unit: self.units.get(i)?,
            period: sheet.span,
            verdict: row.verdict,
            reason: row.reason,
            measure: row.measure,
            total: row.total,
            target: sheet.settings.target,
            threshold: sheet.settings.threshold,
            shortfalls: Shortfalls::new(
                self.data,
                &self.shared,
                sheet,
                self.first,
                sheet.shortfalls.get(slice(&row.shortfalls)).unwrap_or(&[]),
            ),
            unassessed: sheet.unassessed.get(slice(&row.unassessed)).unwrap_or(&[]),
        })
    }
}

/// Two evaluations are equal when they cover the same period and scope, account for the
/// records alike and say the same in every finding, evidence included (of the same dataset
/// or of two datasets that give the same evidence).
impl PartialEq for Evaluation<'_> {
    fn eq(&self, other: &Evaluation<'_>) -> bool {
        self.period == other.period
            && self.scope == other.scope
            && self.units == other.units
            && self.accounting() == other.accounting()
            && self.findings().eq(other.findings())
    }
}

impl Eq for Evaluation<'_> {}

/// Lists every finding, shortfalls worked out, like the JSON form (not the dataset).
impl std::fmt::Debug for Evaluation<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        struct All<'a>(&'a Evaluation<'a>);
        impl std::fmt::Debug for All<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_list().entries(self.0.findings()).finish()
            }
        }
        f.debug_struct("Evaluation")
            .field("period", &self.period)
            .field("scope", &self.scope)
            .field("findings", &All(self))
            .field("accounting", self.accounting())
            .finish_non_exhaustive()
    }
}

/// Every finding of an [`Evaluation`], in order: see [`Evaluation::findings`].
#[derive(Debug, Clone)]
pub struct Findings<'a> {
    evaluation: &'a Evaluation<'a>,
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
impl serde::Serialize for Evaluation<'_> {
    /// `{"period", "scope", "findings": [...], "accounting"}`: the findings listed in full, in
    /// order (docs/format.md, "The JSON form of an evaluation").
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct All<'a>(&'a Evaluation<'a>);
        impl serde::Serialize for All<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.findings())
            }
        }
        let mut s = serializer.serialize_struct("Evaluation", 4)?;
        s.serialize_field("period", &self.period)?;
        s.serialize_field("scope", &self.scope)?;
        s.serialize_field("findings", &All(self))?;
        s.serialize_field("accounting", self.accounting())?;
        s.end()
    }
}

/// The units of an evaluation: the organisations inside the scope, in hierarchy order.
pub(crate) struct Layout {
    /// The first one's index in the dataset.
    pub(crate) first: OrgIx,
    pub(crate) units: Vec<Unit>,
    /// Where each one's subtree ends, as a position among them.
    pub(crate) ends: Vec<u32>,
}

/// One criterion over one span, for every unit of an evaluation (một bảng kết quả).
#[derive(Debug, Clone)]
pub(crate) struct Sheet {
    pub(crate) criterion: Criterion,
    pub(crate) span: Period,
    /// The criterion's settings, for the target and bar, and to judge a unit again when its
    /// shortfall is read.
    pub(crate) settings: Settings,
    /// The months and quarters of the span, to judge a unit again.
    pub(crate) calendar: Calendar,
    /// What gives the row of each unit of the evaluation, in the same order.
    pub(crate) rows: Rows,
    /// Evidence, in hierarchy order: the units that fall short (their positions among the
    /// evaluation's units), and those that could not be judged.
    pub(crate) shortfalls: Vec<u32>,
    pub(crate) unassessed: Vec<Unassessed>,
}

impl Sheet {
    /// The row of unit `i`, whose subtree ends before unit `end`.
    pub(crate) fn row(&self, i: usize, end: usize) -> Option<Row> {
        let (sums, totals, unassessed_at, inapplicable) = match &self.rows {
            Rows::Listed(rows) => return rows.get(i).cloned(),
            Rows::Prefix {
                sums,
                totals,
                unassessed_at,
                inapplicable,
            } => (sums, totals, unassessed_at, inapplicable),
        };
        let measure = sums.between(i, end)?;
        let units = i..end;
        let shortfalls = entries_in(&self.shortfalls, |&p| p, units.clone());
        let unassessed = entries_in(unassessed_at, |&p| p, units.clone());
        let inapplicable_below = entries_in(inapplicable, |&(p, _)| p, units);
        // The first reason, in hierarchy order, a unit below could not be judged, or the
        // criterion did not apply to one.
        let missing = self
            .unassessed
            .get(unassessed.clone())
            .and_then(<[_]>::first)
            .map(|u| u.reason);
        let not_applied = inapplicable
            .get(inapplicable_below)
            .and_then(<[_]>::first)
            .map(|&(_, r)| r);
        let unjudged = missing.map(Err).or(not_applied.map(Ok));
        let (verdict, reason) = verdict(measure, unjudged, self.settings.target);
        let total = totals
            .as_ref()
            .and_then(|t| t.between(i, end))
            .map(|m| m.numerator);
        Some(Row {
            verdict,
            reason,
            measure,
            total,
            shortfalls: ix(shortfalls.start)..ix(shortfalls.end),
            unassessed: ix(unassessed.start)..ix(unassessed.end),
        })
    }

    /// What the unit `unit` of `data` missed: the criterion judges it again, this time
    /// gathering the evidence. `None` if it does not fall short (never, for a unit the
    /// evaluation recorded as falling short: judging is deterministic).
    pub(crate) fn shortfall(
        &self,
        data: &Dataset,
        shared: &Shared,
        unit: OrgIx,
    ) -> Option<Shortfall> {
        let org = data.orgs.get(unit as usize)?;
        let cx = Ctx {
            data,
            org,
            unit,
            span: self.span,
            meetings: Some(meetings_in(data, org, self.span)),
            served: None,
            settings: &self.settings,
            calendar: &self.calendar,
            shared,
            roll: &Roll::default(),
            counts: &std::cell::OnceCell::new(),
            evidence: true,
        };
        match self.criterion.judge(&cx, unit, org) {
            Outcome::Judged(c) => c.detail.map(|detail| Shortfall {
                unit: org.id.clone(),
                detail,
            }),
            _ => None,
        }
    }
}

/// Where the entries of `list` (about units, in hierarchy order, each at the `position`
/// among the evaluation's units that `position` gives) about the `units` lie.
fn entries_in<T>(
    list: &[T],
    position: impl Fn(&T) -> u32,
    units: std::ops::Range<usize>,
) -> std::ops::Range<usize> {
    let first = |bound: usize| list.partition_point(|e| (position(e) as usize) < bound);
    first(units.start)..first(units.end)
}

/// The rows of a [`Sheet`], one per unit of the evaluation.
#[derive(Debug, Clone)]
pub(crate) enum Rows {
    /// Worked out from records: the units' measures as prefix sums. A unit's subtree is the
    /// units from it to where its subtree ends, so its measure is the difference of two
    /// entries, worked out when the finding is read; so are its verdict and the reasons it
    /// was not judged, from the sparse lists of units that could not be judged or that the
    /// criterion did not apply to.
    Prefix {
        sums: Sums,
        /// The totals, for criteria that report one, as prefix sums of measures judging
        /// nothing, the total their numerator.
        totals: Option<Sums>,
        /// Where the unit of each entry of the sheet's `unassessed` is among the evaluation's
        /// units, in the same order.
        unassessed_at: Vec<u32>,
        /// The units the criterion did not apply to, with why, in hierarchy order.
        inapplicable: Vec<(u32, Reason)>,
    },
    /// From reported counts: each row as it was summed.
    Listed(Vec<Row>),
}

impl Rows {
    fn len(&self) -> usize {
        match self {
            Rows::Prefix { sums, .. } => sums.len(),
            Rows::Listed(rows) => rows.len(),
        }
    }
}

/// One unit's result in a [`Sheet`].
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) verdict: Verdict,
    pub(crate) reason: Option<Reason>,
    pub(crate) measure: Measure,
    /// The count reported beside the measure, for criteria that report one.
    pub(crate) total: Option<u64>,
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

/// What happened to every record of `data` in an evaluation of `range` over `period`.
pub(crate) fn account(data: &Dataset, period: Period, range: std::ops::Range<OrgIx>) -> Accounting {
    let in_scope = |o: OrgIx| range.contains(&o);
    let mut acc = Accounting::default();
    for org in 0..ix(data.orgs.len()) {
        acc.organisations.add(in_scope(org), true, true);
    }
    for m in &data.meetings {
        acc.meetings.add(
            in_scope(m.cell),
            period.contains(m.date),
            m.kind != crate::model::MeetingKind::Other,
        );
    }
    let rating_years: Vec<i32> = spans(Span::RatingYear, period)
        .iter()
        .map(|y| y.start().year())
        .collect();
    let rating_in_period = |year: i32| rating_years.contains(&year);
    for (i, m) in data.members.iter().enumerate() {
        let postings = span(&data.stints, &m.postings);
        let member_in_scope = postings.iter().any(|s| in_scope(s.cell));
        let overlaps = postings
            .iter()
            .any(|s| in_scope(s.cell) && s.from <= period.end() && period.start() <= s.until);
        acc.members.add(member_in_scope, overlaps, true);
        for r in data.ratings_of(ix(i)) {
            acc.ratings
                .add(member_in_scope, rating_in_period(r.year), true);
        }
    }
    for r in &data.org_ratings {
        acc.ratings
            .add(in_scope(r.subject), rating_in_period(r.year), true);
    }
    for (i, o) in data.orgs.iter().enumerate() {
        for a in span(&data.admissions, &o.admissions) {
            acc.admissions
                .add(in_scope(ix(i)), period.contains(a.date), true);
        }
    }
    acc
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
