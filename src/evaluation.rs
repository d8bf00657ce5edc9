//! The result of an evaluation (kết quả đánh giá): every criterion's findings at every level of
//! the scope, stored once, and an account of every record.

use crate::criteria::Criterion;
use crate::finding::{Finding, Measure, Reason, Shortfall, Unassessed, Unit, Verdict};
use crate::period::Period;
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
