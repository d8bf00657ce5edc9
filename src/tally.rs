//! The tally path (đánh giá từ số liệu báo cáo): findings from reported counts when the
//! records themselves are not available, e.g. "41 chi bộ, 39 sinh hoạt chuyên đề đủ các quý".
//!
//! Counts are given per organisation, criterion and span; each level's measure is its own
//! reported count if it has one, else the sum of the measures of the organisations directly
//! below it. Findings have the same types as the record path, without evidence.

use std::collections::HashMap;

use crate::criteria::{CriteriaSet, Criterion, Shared};
use crate::dataset::{Dataset, OrgIx, ix};
use crate::error::{BuildError, Location, Problem, ProblemKind, RecordKind};
use crate::evaluate::{EvaluateError, scope_range, spans, tasks, units, verdict};
use crate::evaluation::{Accounting, Evaluation, Row, Rows, Sheet};
use crate::finding::{Measure, Reason, Unassessed, Verdict};
use crate::period::Period;

/// A count reported by one organisation for one criterion over one span (số liệu báo cáo).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct TallyRecord {
    /// The reporting organisation's or cell's id.
    pub organisation: String,
    /// The criterion counted.
    pub criterion: Criterion,
    /// The span counted: the evaluation period, or one of its years for annual criteria.
    pub period: Period,
    /// Units that pass.
    pub numerator: u64,
    /// Units judged.
    pub denominator: u64,
    /// The count reported beside it (members admitted, for I08).
    #[cfg_attr(feature = "serde", serde(default))]
    pub total: Option<u64>,
}

/// Why a tally evaluation cannot run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TallyError {
    /// Reported counts with problems, each located.
    #[error("{0}")]
    Records(BuildError),
    /// The scope is unknown.
    #[error(transparent)]
    Scope(#[from] EvaluateError),
    /// Counts that sum beyond `u64` at an organisation.
    #[error(
        "counts reported below `{organisation}` for {criterion} add up beyond 2^64: check them for a typing error"
    )]
    Overflow {
        /// The organisation whose sum overflows.
        organisation: String,
        /// The criterion.
        criterion: Criterion,
    },
}

/// Evaluates reported counts over `period` for `scope`, using `hierarchy` for the
/// organisations (a dataset of organisations alone is enough).
///
/// A tally whose span is not one the criterion is measured over for `period` is left out
/// and counted in [`Accounting::tallies`] as outside the period.
///
/// # Errors
/// [`TallyError::Records`] listing every tally naming an unknown organisation, counting more
/// passes than units, or repeating another; [`TallyError::Scope`] for an unknown scope;
/// [`TallyError::Overflow`] when counts sum beyond `u64`.
pub fn evaluate_tally<'d>(
    hierarchy: &'d Dataset,
    tallies: &[TallyRecord],
    criteria: &CriteriaSet,
    period: Period,
    scope: Option<&str>,
) -> Result<Evaluation<'d>, TallyError> {
    let range = scope_range(hierarchy, scope)?;
    let mut problems = Vec::new();
    let mut reported: HashMap<(Criterion, Period, OrgIx), (Measure, Option<u64>)> = HashMap::new();
    let mut first: HashMap<(Criterion, Period, OrgIx), usize> = HashMap::new();
    let mut accounting = Accounting::default();
    for (index, t) in tallies.iter().enumerate() {
        let at = |field: &str, kind| Problem {
            location: Location {
                kind: RecordKind::Tally,
                index,
                id: t.organisation.clone(),
                field: field.to_owned(),
            },
            kind,
        };
        let Some(org) = hierarchy.org_ix(&t.organisation) else {
            problems.push(at(
                "organisation",
                ProblemKind::UnknownOrganisation {
                    id: t.organisation.clone(),
                },
            ));
            continue;
        };
        if t.numerator > t.denominator {
            problems.push(at(
                "numerator",
                ProblemKind::NumeratorExceedsDenominator {
                    numerator: t.numerator,
                    denominator: t.denominator,
                },
            ));
            continue;
        }
        let key = (t.criterion, t.period, org);
        if let Some(&f) = first.get(&key) {
            problems.push(at("period", ProblemKind::DuplicateTally { first: f }));
            continue;
        }
        first.insert(key, index);
        let in_span = spans(t.criterion.definition().span, period).contains(&t.period);
        let counted = criteria.settings(t.criterion).enabled;
        accounting
            .tallies
            .add(range.contains(&org), in_span, counted);
        reported.insert(key, (Measure::new(t.numerator, t.denominator), t.total));
    }
    if !problems.is_empty() {
        problems.sort_by(|a, b| a.location.cmp(&b.location));
        return Err(TallyError::Records(BuildError { problems }));
    }

    let mut sheets = Vec::new();
    // The same sheets as on the record path, each with why it cannot apply, if so.
    for task in tasks(criteria, period) {
        let (criterion, settings, slice) = (task.criterion, task.settings, task.span);
        // Children come after their parent in depth-first order: walk backwards so each
        // organisation's children are summed before it.
        let mut sums: Vec<Option<(Measure, Option<u64>)>> = vec![None; range.len()];
        // Units below each organisation that reported nothing, nor anything below them:
        // a sum over the others must say it is partial.
        let mut gaps: Vec<Vec<Unassessed>> = vec![Vec::new(); range.len()];
        for o in range.clone().rev() {
            let Some(org) = hierarchy.orgs.get(o as usize) else {
                continue;
            };
            let own = reported.get(&(criterion, slice, o)).copied();
            let slot = o.saturating_sub(range.start) as usize;
            let value = own.or_else(|| sums.get(slot).copied().flatten());
            if let Some(s) = sums.get_mut(slot) {
                *s = value;
            }
            if own.is_some() {
                if let Some(g) = gaps.get_mut(slot) {
                    g.clear();
                }
            }
            let handed_up: Vec<Unassessed> = match value {
                None => vec![Unassessed {
                    unit: org.id.clone(),
                    reason: Reason::NotReported,
                }],
                Some(_) => gaps.get(slot).cloned().unwrap_or_default(),
            };
            if let Some(parent) = org.parent.filter(|p| range.contains(p)) {
                let p = parent.saturating_sub(range.start) as usize;
                if let Some(g) = gaps.get_mut(p) {
                    // Children are visited last to first: keep hierarchy order.
                    g.splice(0..0, handed_up);
                }
            }
            if let (Some((m, total)), Some(parent)) = (value, org.parent) {
                if range.contains(&parent) {
                    let p = parent.saturating_sub(range.start) as usize;
                    if let Some(ps) = sums.get_mut(p) {
                        let (pm, pt) = ps.unwrap_or_default();
                        let overflow = || TallyError::Overflow {
                            organisation: hierarchy
                                .orgs
                                .get(parent as usize)
                                .map_or_else(String::new, |o| o.id.to_string()),
                            criterion,
                        };
                        let t = match (pt, total) {
                            (None, None) => None,
                            (a, b) => Some(
                                a.unwrap_or(0)
                                    .checked_add(b.unwrap_or(0))
                                    .ok_or_else(overflow)?,
                            ),
                        };
                        *ps = Some((pm.checked_plus(m).ok_or_else(overflow)?, t));
                    }
                }
            }
        }
        let mut rows = Vec::with_capacity(range.len());
        let mut unassessed = Vec::new();
        for slot in 0..range.len() {
            let value = sums.get(slot).copied().flatten();
            let (measure, total) = value.unwrap_or_default();
            let (verdict, reason) = match value {
                _ if task.inapplicable.is_some() => (Verdict::NotApplicable, task.inapplicable),
                None => (Verdict::NotAssessable, Some(Reason::NotReported)),
                Some(_) => verdict(measure, None, settings.target),
            };
            // Each organisation's gaps differ (a unit that reported masks what lies below
            // it), so the tally path lists them per row.
            let from = ix(unassessed.len());
            if value.is_some() {
                unassessed.extend(gaps.get(slot).into_iter().flatten().cloned());
            }
            rows.push(Row {
                verdict,
                reason,
                measure,
                total,
                shortfalls: 0..0,
                unassessed: from..ix(unassessed.len()),
            });
        }
        sheets.push(Sheet {
            criterion,
            span: slice,
            settings: settings.clone(),
            calendar: task.calendar,
            rows: Rows::Listed(rows),
            shortfalls: Vec::new(),
            unassessed,
        });
    }
    Ok(Evaluation::new(
        hierarchy,
        Shared::new(criteria),
        period,
        scope,
        units(hierarchy, range),
        sheets,
        Some(accounting),
    ))
}

impl Evaluation<'_> {
    /// The counts this evaluation found for units of `level`, as tallies: what those units
    /// would report upwards.
    pub fn tallies_at(&self, level: crate::model::OrgLevel) -> Vec<TallyRecord> {
        self.findings()
            .filter(|f| f.unit.level == level && f.measure.denominator > 0)
            .map(|f| TallyRecord {
                organisation: f.unit.id.to_string(),
                criterion: f.criterion,
                period: f.period,
                numerator: f.measure.numerator,
                denominator: f.measure.denominator,
                total: f.total,
            })
            .collect()
    }
}
