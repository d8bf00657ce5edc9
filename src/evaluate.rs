//! The evaluation engine (đánh giá): every enabled criterion over a period and a scope, at every
//! level of the hierarchy inside the scope, each level recomputed from the records below it.

use std::cell::OnceCell;

use crate::criteria::{
    Calendar, CriteriaSet, Criterion, Ctx, Cuts, Judged, MeetingCounts, Outcome, Roll, Settings,
    Shared, Span,
};
use crate::dataset::{Dataset, Org, OrgIx};
use crate::evaluation::{Evaluation, Layout, Rows, Sheet};
use crate::finding::{Measure, Reason, Unassessed, Unit, Verdict};
use crate::period::Period;
use crate::sums::Sums;

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

/// Evaluates every enabled criterion over `period` for `scope` (an organisation id, or `None`
/// for the whole dataset), at every level inside the scope.
///
/// # Errors
/// [`EvaluateError::UnknownScope`] when `scope` names no organisation.
pub fn evaluate<'d>(
    data: &'d Dataset,
    criteria: &CriteriaSet,
    period: Period,
    scope: Option<&str>,
) -> Result<Evaluation<'d>, EvaluateError> {
    let range = scope_range(data, scope)?;
    let shared = Shared::new(criteria);
    let tasks = tasks(criteria, period);
    let drafts = judge_units(data, &shared, &tasks, range.clone());
    let sheet = |(task, draft): (&Task<'_>, Draft)| draft.into_sheet(task);
    #[cfg(feature = "rayon")]
    let sheets = {
        use rayon::prelude::*;
        tasks.par_iter().zip(drafts).map(sheet).collect()
    };
    #[cfg(not(feature = "rayon"))]
    let sheets = tasks.iter().zip(drafts).map(sheet).collect();
    Ok(Evaluation::new(
        data,
        shared,
        period,
        scope,
        units(data, range.clone()),
        sheets,
        None,
    ))
}

/// One criterion over one span: a sheet to fill.
pub(crate) struct Task<'a> {
    pub(crate) criterion: Criterion,
    judges: Judged,
    pub(crate) span: Period,
    /// Why the criterion cannot apply to any unit over the span (a span it does not measure,
    /// a rule not yet in force), or `None` if it judges them.
    pub(crate) inapplicable: Option<Reason>,
    pub(crate) settings: &'a Settings,
    pub(crate) calendar: Calendar,
}

/// The sheets to fill, in registry order, then by span.
pub(crate) fn tasks(criteria: &CriteriaSet, period: Period) -> Vec<Task<'_>> {
    let mut tasks = Vec::new();
    for criterion in criteria.enabled() {
        let def = criterion.definition();
        let slices = spans(def.span, period);
        // A period without the span the criterion needs (no 31 December for ratings) still
        // gets a finding for every unit, saying so.
        let whole = !slices.is_empty();
        for span in if whole { slices } else { vec![period] } {
            let inapplicable = if !whole {
                Some(Reason::NoWholeSpan)
            } else if !criterion.in_force(&span) {
                Some(Reason::NotInForce)
            } else {
                None
            };
            tasks.push(Task {
                criterion,
                judges: def.judges,
                span,
                inapplicable,
                settings: criteria.settings(criterion),
                calendar: Calendar::of(span),
            });
        }
    }
    tasks
}

/// Judges every unit of `range` for every task, a block of units at a time ([`judge_blocks`]).
/// With the `rayon` feature the range is cut into pieces judged in parallel and joined in
/// order, so the result is identical.
fn judge_units(
    data: &Dataset,
    shared: &Shared,
    tasks: &[Task<'_>],
    range: std::ops::Range<OrgIx>,
) -> Vec<Draft> {
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        let pieces = rayon::current_num_threads().saturating_mul(8).max(1);
        // Whole words of a sheet's bits, so that joining the pieces copies them word by word.
        let step = range.len().checked_div(pieces).unwrap_or(0).max(1);
        let step = step.checked_next_multiple_of(64).unwrap_or(step);
        let starts: Vec<OrgIx> = range.clone().step_by(step).collect();
        let parts: Vec<Vec<Draft>> = starts
            .par_iter()
            .map(|&start| {
                let end = start
                    .saturating_add(crate::dataset::ix(step))
                    .min(range.end);
                judge_blocks(data, shared, tasks, start..end, BLOCK)
            })
            .collect();
        // Each task's pieces, in order, joined in parallel over the tasks.
        let mut per_task: Vec<Vec<Draft>> = tasks
            .iter()
            .map(|_| Vec::with_capacity(parts.len()))
            .collect();
        for part in parts {
            for (pieces, piece) in per_task.iter_mut().zip(part) {
                pieces.push(piece);
            }
        }
        per_task.into_par_iter().map(Draft::join).collect()
    }
    #[cfg(not(feature = "rayon"))]
    judge_blocks(data, shared, tasks, range, BLOCK)
}

/// Judges the units of `range` a block at a time (khối đơn vị): each unit's meetings are cut by
/// every span in one walk (unless the dataset's table serves every task that reads them), the
/// members its cells answer for are attributed, and then each task judges the block's units in
/// a run. A block holds about `entries` units and spans (each unit keeps its meetings and their
/// counts per span while the block is judged).
fn judge_blocks(
    data: &Dataset,
    shared: &Shared,
    tasks: &[Task<'_>],
    range: std::ops::Range<OrgIx>,
    entries: usize,
) -> Vec<Draft> {
    let mut drafts: Vec<Draft> = tasks
        .iter()
        .map(|task| Draft::new(task, range.len()))
        .collect();
    // Where the dataset's table serves each task's span: whole calendar years of records.
    let served: Vec<_> = tasks
        .iter()
        .map(|t| data.cell_years.serving(t.calendar.whole_years.as_ref()))
        .collect();
    // The windows members are attributed over: the spans of the criteria that read them,
    // but for the calendar years of records of those that read the dataset's table then.
    let mut windows: Vec<Period> = tasks
        .iter()
        .zip(&served)
        .filter(|(t, _)| t.inapplicable.is_none() && t.criterion.reads_attribution())
        .filter(|(t, served)| !(t.criterion.reads_cell_years() && served.is_some()))
        .map(|(t, _)| t.span)
        .collect();
    windows.sort_unstable();
    windows.dedup();
    let spans = spans_of(tasks);
    let cuts = Cuts::new(&spans);
    // Whether any task reads meetings the dataset's table does not hold (a span it does not
    // serve, or counts under other bars): then each unit's meetings are looked up for every
    // span at once; else only by a criterion that reads them after all (a year's counts too
    // large for the table).
    let counted = data.cell_years.counted_under(shared);
    let cut = tasks.iter().zip(&served).any(|(t, served)| {
        t.inapplicable.is_none()
            && t.criterion.reads_meetings()
            && (served.is_none() || (t.criterion.counts_meetings() && !counted))
    });
    let width = spans.len().max(1);
    let units = crate::dataset::ix(entries.checked_div(width).unwrap_or(0).max(1));
    let mut roll = Roll::default();
    let (mut meetings, mut positions) = (Vec::new(), Vec::new());
    let mut counts: Vec<OnceCell<MeetingCounts>> = Vec::new();
    let mut start = range.start;
    while start < range.end {
        let block = start..block_end(data, start, units, range.end);
        start = block.end;
        let orgs = data
            .orgs
            .get(block.start as usize..block.end as usize)
            .unwrap_or(&[]);
        roll.fill(data, block.clone(), &windows);
        // Each unit's meetings in each span, found in one walk over them, if a task reads them.
        meetings.clear();
        if cut {
            for org in orgs {
                let all = match org.level.is_cell() || org.level.is_grassroots() {
                    true => data.meetings_of(org),
                    false => &[],
                };
                cuts.apply(all, &mut positions, &mut meetings);
            }
        }
        counts.clear();
        counts.resize_with(orgs.len().saturating_mul(width), OnceCell::new);
        // Task by task over the block's units: each criterion judges a run of units in turn.
        for ((task, served), draft) in tasks.iter().zip(&served).zip(&mut drafts) {
            let s = spans.binary_search(&task.span).unwrap_or(0);
            let held = counts.iter().skip(s).step_by(width);
            for (at, ((unit, org), counts)) in
                (s..).step_by(width).zip(block.clone().zip(orgs).zip(held))
            {
                let is_unit = match task.judges {
                    Judged::Organisation => org.level.is_grassroots(),
                    _ => org.level.is_cell(),
                };
                let outcome = if !is_unit {
                    Outcome::Skip
                } else if let Some(reason) = task.inapplicable {
                    Outcome::Inapplicable(reason)
                } else {
                    let cx = Ctx {
                        data,
                        org,
                        unit,
                        span: task.span,
                        meetings: meetings.get(at).copied(),
                        served: served.as_ref(),
                        counts,
                        settings: task.settings,
                        calendar: &task.calendar,
                        shared,
                        roll: &roll,
                        evidence: false,
                    };
                    task.criterion.judge(&cx, unit, org)
                };
                draft.record(org, outcome);
            }
        }
    }
    drafts
}

/// The spans `tasks` judge over, in order, each once: tasks of one span share each unit's
/// meetings in it.
fn spans_of(tasks: &[Task<'_>]) -> Vec<Period> {
    let mut spans: Vec<Period> = tasks.iter().map(|t| t.span).collect();
    spans.sort_unstable();
    spans.dedup();
    spans
}

/// The units judged together from `start`: `units` of them, or more to take in whole subtrees
/// of grassroots organisations (tổ chức cơ sở đảng; and of cells outside one), so that the roll
/// filled for the block holds every cell an organisation's criteria read; no further than `end`.
fn block_end(data: &Dataset, start: OrgIx, units: OrgIx, end: OrgIx) -> OrgIx {
    let mut reach = start.saturating_add(units.max(1)).min(end);
    let mut ix = start;
    while ix < reach {
        if let Some(org) = data.orgs.get(ix as usize)
            && (org.level.is_grassroots() || org.level.is_cell())
        {
            reach = reach.max(org.subtree_end.min(end));
        }
        ix = ix.saturating_add(1);
    }
    reach
}

/// How many units and spans a block holds, about (256 units over the four spans of a
/// three-year period): enough that each criterion judges a long run of units in turn, few
/// enough that their meetings and counts stay in the cache, and bounded however many spans a
/// period has.
const BLOCK: usize = 1024;

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

/// The units of `range`, in hierarchy order, and where the subtree of each ends (a position
/// among them).
pub(crate) fn units(data: &Dataset, range: std::ops::Range<OrgIx>) -> Layout {
    let orgs = data
        .orgs
        .get(range.start as usize..range.end as usize)
        .unwrap_or(&[]);
    let units = orgs
        .iter()
        .map(|o| Unit {
            id: o.id.clone(),
            level: o.level,
        })
        .collect();
    let ends = orgs
        .iter()
        .map(|o| o.subtree_end.min(range.end).saturating_sub(range.start))
        .collect();
    Layout {
        first: range.start,
        units,
        ends,
    }
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

/// A sheet being filled unit by unit, in hierarchy order. Units are named by their position
/// among the units judged.
#[derive(Debug, PartialEq, Eq)]
struct Draft {
    /// The units' measures, as prefix sums.
    sums: Sums,
    /// The units' totals as prefix sums, for criteria that report one: each total kept as the
    /// numerator of a measure judging nothing, so that the same sums hold it.
    totals: Option<Sums>,
    /// The units that fall short; what they missed is gathered when a finding is read.
    shortfalls: Vec<u32>,
    /// The units that could not be judged, with why, and where each is.
    unassessed: Vec<Unassessed>,
    unassessed_at: Vec<u32>,
    /// The units the criterion did not apply to, with why.
    inapplicable: Vec<(u32, Reason)>,
}

impl Draft {
    fn new(task: &Task<'_>, units: usize) -> Draft {
        Draft {
            sums: Sums::with_capacity(units),
            totals: task
                .criterion
                .definition()
                .reports_total
                .then(|| Sums::with_capacity(units)),
            shortfalls: Vec::new(),
            unassessed: Vec::new(),
            unassessed_at: Vec::new(),
            inapplicable: Vec::new(),
        }
    }

    /// Records the outcome of the next unit, `org`.
    fn record(&mut self, org: &Org, outcome: Outcome) {
        let here = crate::dataset::ix(self.sums.len());
        let (mut measure, mut total) = (Measure::default(), 0);
        match outcome {
            Outcome::Skip => {}
            Outcome::Missing(reason) => {
                self.unassessed.push(Unassessed {
                    unit: org.id.clone(),
                    reason,
                });
                self.unassessed_at.push(here);
            }
            Outcome::Inapplicable(reason) => self.inapplicable.push((here, reason)),
            Outcome::Judged(c) => {
                if c.detail.is_some() {
                    self.shortfalls.push(here);
                }
                (measure, total) = (c.measure, c.total);
            }
        }
        self.sums.push(measure);
        if let Some(totals) = &mut self.totals {
            totals.push(Measure::new(total, 0));
        }
    }

    /// The drafts of consecutive pieces of the hierarchy, joined in order: each piece's
    /// units are added again after the pieces before it.
    #[cfg_attr(not(feature = "rayon"), allow(dead_code))]
    fn join(pieces: Vec<Draft>) -> Draft {
        let total = |len: fn(&Draft) -> usize| pieces.iter().map(len).sum::<usize>();
        let units = total(|d| d.sums.len());
        let mut all = Draft {
            sums: Sums::with_capacity(units),
            totals: pieces
                .first()
                .and_then(|d| d.totals.as_ref())
                .map(|_| Sums::with_capacity(units)),
            shortfalls: Vec::with_capacity(total(|d| d.shortfalls.len())),
            unassessed: Vec::with_capacity(total(|d| d.unassessed.len())),
            unassessed_at: Vec::with_capacity(total(|d| d.unassessed.len())),
            inapplicable: Vec::with_capacity(total(|d| d.inapplicable.len())),
        };
        for mut next in pieces {
            // The piece's positions count from its first unit.
            let offset = crate::dataset::ix(all.sums.len());
            let shift = |p: &u32| p.saturating_add(offset);
            all.sums.append(&next.sums);
            if let (Some(all), Some(next)) = (&mut all.totals, &next.totals) {
                all.append(next);
            }
            all.shortfalls.extend(next.shortfalls.iter().map(shift));
            all.unassessed.append(&mut next.unassessed);
            all.unassessed_at
                .extend(next.unassessed_at.iter().map(shift));
            all.inapplicable
                .extend(next.inapplicable.iter().map(|(p, r)| (shift(p), *r)));
        }
        all
    }

    /// The sheet of `task` the draft has filled.
    fn into_sheet(self, task: &Task<'_>) -> Sheet {
        Sheet {
            criterion: task.criterion,
            span: task.span,
            settings: task.settings.clone(),
            calendar: task.calendar.clone(),
            rows: Rows::Prefix {
                sums: self.sums,
                totals: self.totals,
                unassessed_at: self.unassessed_at,
                inapplicable: self.inapplicable,
            },
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

#[cfg(all(test, feature = "synth"))]
mod block_tests {
    use super::*;

    /// Blocks of any size judge as one block of everything: blocks of one unit, of seven and
    /// of twenty end inside grassroots subtrees and are stretched to their ends, the roll
    /// refilled for each. Over whole years of records and over half-years; and without the
    /// dataset's table, so that I10, R05 and R03 (an organisation summing its cells) read the
    /// members attributed in the roll.
    #[test]
    fn blocks_judge_as_one() -> Result<(), Box<dyn std::error::Error>> {
        let config = crate::synth::SynthConfig::district().with_cells(90);
        let data = Dataset::build(&config.generate())?;
        let without_table = crate::criteria::without_table(&data);
        let criteria = CriteriaSet::de_an_16();
        let shared = Shared::new(&criteria);
        let range = scope_range(&data, None)?;
        let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
        for (data, period) in [
            (&data, Period::new(config.start, config.end())?),
            (&data, Period::new(date(2020, 7, 1)?, date(2022, 6, 30)?)?),
            (&without_table, Period::new(config.start, config.end())?),
        ] {
            let tasks = tasks(&criteria, period);
            let spans = spans_of(&tasks);
            let all = range.len().saturating_mul(spans.len());
            let one = judge_blocks(data, &shared, &tasks, range.clone(), all);
            for units in [1, 7, 20] {
                let entries = units * spans.len();
                let blocks = judge_blocks(data, &shared, &tasks, range.clone(), entries);
                assert!(blocks == one, "blocks of {units} units over {period}");
            }
            assert!(one.iter().any(|d| !d.shortfalls.is_empty()));
        }
        // A block begun at a grassroots organisation with cells is stretched to its subtree's
        // end.
        assert!((0..).zip(&data.orgs).any(|(g, o)| {
            o.level.is_grassroots()
                && o.subtree_end > g + 1
                && block_end(&data, g, 1, range.end) == o.subtree_end
        }));
        Ok(())
    }
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
        let sequential = judge_blocks(&data, &shared, &tasks, range.clone(), BLOCK);
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
