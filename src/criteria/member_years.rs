//! What each member's whole calendar years come to, worked out once when the dataset is built,
//! for the criteria that judge members year by year: the months in which they missed a regular
//! meeting without reason (bỏ sinh hoạt không có lý do; R02) and whether they were due for
//! rating (thuộc diện đánh giá, xếp loại; R05).
//!
//! Over a whole calendar year (a country's evaluation judges 14.9 million member-years), R02 and
//! R05 read a byte per member instead of each member's absences (R02), record, postings and
//! leaves (R05). A year cut short by the period ([`super::Calendar::whole_year`] is `None`), or
//! not a year of records, is worked out while judging, by the same functions.
//!
//! The dataset, which otherwise knows nothing of criteria, builds this table for them in
//! [`crate::DatasetBuilder::finish`], so that no evaluation pays for it.

use std::collections::BTreeMap;

use chrono::Datelike;

use super::{absence_trigger, context::attributed_cell, rating_coverage};
use crate::dataset::{Dataset, MemberIx, OrgIx, ix, span};
use crate::period::Period;

/// Each member's facts for each year of records.
#[derive(Debug, Clone, Default)]
pub(crate) struct MemberYears {
    /// The years of records, in order: the calendar years holding at least one meeting for
    /// every [`MEMBERS_A_MEETING`] members.
    years: Vec<i32>,
    /// Member `m`'s facts for `years[k]` at `m * years.len() + k`.
    facts: Vec<YearFacts>,
}

/// A calendar year holding at least one meeting for every this many members is a year of
/// records (a cell of 19 holds about 15 a year), not a stray date: keeping facts for those
/// years only bounds the table (a byte per member and year) by this many bytes for each meeting
/// of those years, a fraction of the meetings' own 44, however the dates are written.
const MEMBERS_A_MEETING: usize = 8;

/// One member's facts for one calendar year, in a byte: the months they missed a regular
/// meeting without reason (at most 12, the low four bits), and whether they were due for
/// rating at the cell they answer to that year (the fifth).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct YearFacts(u8);

impl YearFacts {
    const DUE: u8 = 1 << 4;

    fn new(missed_months: usize, due: bool) -> YearFacts {
        // A year has 12 months: the count always fits the low four bits.
        let months = u8::try_from(missed_months.min(12)).unwrap_or(12);
        YearFacts(months | if due { Self::DUE } else { 0 })
    }

    /// The distinct months of the year in which the member missed a regular meeting without
    /// reason ([`absence_trigger::missed_months`]).
    fn missed_months(self) -> usize {
        usize::from(self.0 & 0x0f)
    }

    /// Whether the member was due for rating (thuộc diện đánh giá, xếp loại) at the cell they
    /// answer to that year ([`rating_coverage::due`]); false if they answer to none.
    fn due(self) -> bool {
        self.0 & Self::DUE != 0
    }
}

impl MemberYears {
    /// Works out every member's facts for every year of records.
    pub(crate) fn of(data: &Dataset) -> MemberYears {
        let years = years_of_records(data);
        let windows: Vec<Period> = years.iter().filter_map(|&y| Period::year(y)).collect();
        let years: Vec<i32> = windows.iter().map(|w| w.start().year()).collect();
        let mut facts = Vec::with_capacity(data.members.len().saturating_mul(windows.len()));
        for (m, member) in data.members.iter().enumerate() {
            let postings = span(&data.stints, &member.postings);
            let missed = data.unexcused_days(ix(m));
            for &window in &windows {
                let months = absence_trigger::missed_months(missed, window).count();
                let due = attributed_cell(postings, window)
                    .is_some_and(|cell| rating_coverage::due(data, member, cell, window.end()));
                facts.push(YearFacts::new(months, due));
            }
        }
        MemberYears { years, facts }
    }

    /// Every member's facts for the calendar year `year`, if it is a year of records.
    fn year(&self, year: i32) -> Option<Year<'_>> {
        let k = self.years.binary_search(&year).ok()?;
        Some(Year { of: self, k })
    }
}

/// The years of records ([`MEMBERS_A_MEETING`]), in order.
fn years_of_records(data: &Dataset) -> Vec<i32> {
    // A cell's meetings are in date order: counted by runs of one year, not one by one.
    let mut meetings: BTreeMap<i32, usize> = BTreeMap::new();
    for run in data
        .meetings
        .chunk_by(|a, b| a.date.year() == b.date.year())
    {
        if let Some(first) = run.first() {
            let count = meetings.entry(first.date.year()).or_default();
            *count = count.saturating_add(run.len());
        }
    }
    let floor = data.members.len().div_ceil(MEMBERS_A_MEETING).max(1);
    meetings
        .into_iter()
        .filter(|&(_, count)| count >= floor)
        .map(|(year, _)| year)
        .collect()
}

/// Every member's facts for one calendar year.
#[derive(Debug, Clone, Copy)]
struct Year<'a> {
    of: &'a MemberYears,
    k: usize,
}

impl Year<'_> {
    /// The facts of `member`.
    fn member(&self, member: MemberIx) -> Option<YearFacts> {
        let at = (member as usize)
            .checked_mul(self.of.years.len())?
            .checked_add(self.k)?;
        self.of.facts.get(at).copied()
    }
}

/// Members' facts over one span, as R02 and R05 ask for them: read from the table over a year
/// of records, else worked out from the records by the same functions.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FactsOver<'a> {
    data: &'a Dataset,
    span: Period,
    /// The table's year, if the span is a whole year of records.
    year: Option<Year<'a>>,
}

impl<'a> FactsOver<'a> {
    /// Over `span`, which is the calendar year `whole_year` if that is `Some`.
    pub(crate) fn new(data: &'a Dataset, span: Period, whole_year: Option<i32>) -> FactsOver<'a> {
        FactsOver {
            data,
            span,
            year: whole_year.and_then(|y| data.member_years.year(y)),
        }
    }

    fn read(&self, member: MemberIx) -> Option<YearFacts> {
        self.year.and_then(|y| y.member(member))
    }

    /// The distinct months of the span in which `member` missed a regular meeting without
    /// reason ([`absence_trigger::missed_months`]).
    pub(crate) fn missed_months(&self, member: MemberIx) -> usize {
        match self.read(member) {
            Some(facts) => facts.missed_months(),
            None => {
                absence_trigger::missed_months(self.data.unexcused_days(member), self.span).count()
            }
        }
    }

    /// Whether `member`, answering to `cell` over the span (a rating year), was due for rating
    /// there ([`rating_coverage::due`]); the table holds it for the cell they answer to.
    pub(crate) fn due(&self, member: MemberIx, cell: OrgIx) -> bool {
        match self.read(member) {
            Some(facts) => facts.due(),
            None => self
                .data
                .members
                .get(member as usize)
                .is_some_and(|m| rating_coverage::due(self.data, m, cell, self.span.end())),
        }
    }
}

#[cfg(all(test, feature = "synth"))]
mod tests {
    use super::*;
    use crate::{CriteriaSet, Criterion};

    /// Judging from the facts gives what working each member-year out while judging gives:
    /// R02's and R05's findings, evidence included, are those of the same dataset without them.
    #[test]
    fn facts_judge_as_worked_out() -> Result<(), Box<dyn std::error::Error>> {
        let config = crate::synth::SynthConfig::district().with_cells(90);
        let data = Dataset::build(&config.generate())?;
        let mut without = data.clone();
        without.member_years = MemberYears::default();
        let whole = Period::new(config.start, config.end())?;
        let year = Period::year(2021).ok_or("2021")?;
        assert!(data.member_years.year(2021).is_some());
        assert!(without.member_years.year(2021).is_none());
        let mut criteria = CriteriaSet::de_an_16();
        for c in Criterion::ALL.iter().copied() {
            if !matches!(c, Criterion::AbsenceTrigger | Criterion::RatingCoverage) {
                criteria.disable(c);
            }
        }
        let read = crate::evaluate(&data, &criteria, whole, None)?;
        let worked_out = crate::evaluate(&without, &criteria, whole, None)?;
        assert_eq!(read, worked_out);
        // R02 finds members over the bar and members under it, and some members answering to
        // a cell in 2021 were not due for rating there: neither fact is read vacuously.
        assert!(
            read.findings()
                .any(|f| f.criterion == Criterion::AbsenceTrigger
                    && 0 < f.measure.numerator
                    && f.measure.numerator < f.measure.denominator)
        );
        let facts = data.member_years.year(2021).ok_or("2021")?;
        let (mut due, mut not_due) = (0, 0);
        for (m, member) in (0..).zip(&data.members) {
            if attributed_cell(span(&data.stints, &member.postings), year).is_some() {
                match facts.member(m).ok_or("facts")?.due() {
                    true => due += 1,
                    false => not_due += 1,
                }
            }
        }
        assert!(due > 0 && not_due > 0, "{due} due, {not_due} not");
        Ok(())
    }

    /// Only years of records have facts: not the years around them, nor a stray date's; and a
    /// year cut short by the period is not read as one.
    #[test]
    fn only_years_of_records() -> Result<(), Box<dyn std::error::Error>> {
        let config = crate::synth::SynthConfig::district().with_cells(20);
        let mut data = Dataset::build(&config.generate())?;
        // A meeting dated 2031 by mistake, outside every cell's meetings.
        let mut stray = data.meetings.first().cloned().ok_or("a meeting")?;
        stray.date = chrono::NaiveDate::from_ymd_opt(2031, 5, 1).ok_or("date")?;
        data.meetings.push(stray);
        let years = MemberYears::of(&data);
        assert_eq!(years.years, [2020, 2021, 2022]);
        assert_eq!(years.facts.len(), data.members.len() * 3);
        for stray_or_around in [2019, 2023, 2031] {
            assert!(years.year(stray_or_around).is_none());
        }
        let first = years.year(2020).ok_or("facts")?;
        assert!(first.member(0).is_some());
        assert!(first.member(ix(data.members.len())).is_none());
        let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
        let half = Period::new(date(2021, 1, 1)?, date(2021, 6, 30)?)?;
        assert_eq!(super::super::Calendar::of(half).whole_year, None);
        let whole = Period::year(2021).ok_or("2021")?;
        assert_eq!(super::super::Calendar::of(whole).whole_year, Some(2021));
        Ok(())
    }
}
