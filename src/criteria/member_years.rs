//! What each member's whole calendar years come to (năm của đảng viên), worked out once when
//! the dataset is built, for the criteria that judge members year by year: the months missed
//! without reason (R02) and whether they were due for rating (R05).
//!
//! An evaluation over whole calendar years (a country's, 15 million member-years) reads a byte
//! per member and year instead of each member's absences, record, postings and leaves; a year
//! cut short by the period ([`super::Calendar::whole_year`] is `None`), or outside the years the
//! meetings span, is worked out while judging, by the same functions.

use chrono::Datelike;

use super::{absence_trigger, context::attributed_cell, rating_coverage};
use crate::dataset::{Dataset, MemberIx, span};
use crate::period::Period;

/// Each member's facts for each calendar year from the first meeting's to the last's.
#[derive(Debug, Clone, Default)]
pub(crate) struct MemberYears {
    /// The first year.
    first: i32,
    /// How many years.
    years: usize,
    /// Member `m`'s facts for year `first + k` at `m * years + k`.
    facts: Vec<YearFacts>,
}

/// One member's facts for one calendar year, in a byte: the months they missed a regular
/// meeting without reason (at most 12, the low four bits), and whether they were due for
/// rating at the cell they answer to that year (the fifth).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct YearFacts(u8);

impl YearFacts {
    const DUE: u8 = 1 << 4;

    fn new(missed_months: usize, due: bool) -> YearFacts {
        // A year has 12 months: the count always fits the low four bits.
        let months = u8::try_from(missed_months.min(12)).unwrap_or(12);
        YearFacts(months | if due { Self::DUE } else { 0 })
    }

    /// The distinct months of the year in which the member missed a regular meeting without
    /// reason ([`absence_trigger::missed_months`]).
    pub(crate) fn missed_months(self) -> usize {
        usize::from(self.0 & 0x0f)
    }

    /// Whether the member was due for rating at the cell they answer to that year
    /// ([`rating_coverage::due`]); false if they answer to none.
    pub(crate) fn due(self) -> bool {
        self.0 & Self::DUE != 0
    }
}

impl MemberYears {
    /// Works out every member's facts for every year the meetings span.
    pub(crate) fn of(data: &Dataset) -> MemberYears {
        let years = data.meetings.iter().map(|m| m.date.year());
        let (Some(first), Some(last)) = (years.clone().min(), years.max()) else {
            return MemberYears::default();
        };
        let windows: Vec<Period> = (first..=last).filter_map(Period::year).collect();
        let mut facts = Vec::with_capacity(data.members.len().saturating_mul(windows.len()));
        for (m, member) in (0..).zip(&data.members) {
            let postings = span(&data.stints, &member.postings);
            let missed = data.unexcused_days(m);
            for &window in &windows {
                let months = absence_trigger::missed_months(missed, window).count();
                let due = attributed_cell(postings, window)
                    .is_some_and(|cell| rating_coverage::due(data, member, cell, window.end()));
                facts.push(YearFacts::new(months, due));
            }
        }
        MemberYears {
            first,
            years: windows.len(),
            facts,
        }
    }

    /// Every member's facts for the calendar year `year`, if these hold it.
    pub(crate) fn year(&self, year: i32) -> Option<Year<'_>> {
        let k = usize::try_from(year.checked_sub(self.first)?).ok()?;
        (k < self.years).then_some(Year { of: self, k })
    }
}

/// Every member's facts for one calendar year.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Year<'a> {
    of: &'a MemberYears,
    k: usize,
}

impl Year<'_> {
    /// The facts of `member`.
    pub(crate) fn member(&self, member: MemberIx) -> Option<YearFacts> {
        let at = (member as usize)
            .checked_mul(self.of.years)?
            .checked_add(self.k)?;
        self.of.facts.get(at).copied()
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

    /// Only the years the meetings span have facts, and a year cut short by the period is not
    /// read as one.
    #[test]
    fn only_whole_years_of_the_meetings() -> Result<(), Box<dyn std::error::Error>> {
        let config = crate::synth::SynthConfig::district().with_cells(20);
        let data = Dataset::build(&config.generate())?;
        let years = &data.member_years;
        assert!(years.year(2019).is_none());
        assert!(years.year(2023).is_none());
        let first = years.year(2020).ok_or("facts")?;
        assert!(first.member(0).is_some());
        assert!(
            first
                .member(crate::dataset::ix(data.members.len()))
                .is_none()
        );
        let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
        let half = Period::new(date(2021, 1, 1)?, date(2021, 6, 30)?)?;
        assert_eq!(super::super::Calendar::of(half).whole_year, None);
        let whole = Period::year(2021).ok_or("2021")?;
        assert_eq!(super::super::Calendar::of(whole).whole_year, Some(2021));
        Ok(())
    }
}
