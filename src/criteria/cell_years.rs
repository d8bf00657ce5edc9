//! What each cell's members and meetings come to in each whole calendar year of records (số
//! liệu chi bộ theo năm), counted once when the dataset is built.
//!
//! For the criteria that judge members year by year: how the members each cell answers for
//! were rated (I10, and R03 over its cells), how many of those due for rating have a rating
//! (R05), and in how many months each missed a regular meeting without reason (R02), each
//! member counted at the cell [`attributed_cell`] finds, the attribution's rule seen from the
//! member's side; and the official members on the roll on 31 December (R04). Over a whole
//! calendar year of records these criteria read a few counts per cell instead of attributing
//! every member to a cell and working out their year while judging (a country's evaluation
//! judges 14.9 million member-years).
//!
//! For the criteria that read meetings (I01–I07, R01, R02, S01–S05): the months and quarters
//! each organisation held its regular and thematic meetings in, whether a regular meeting took
//! a roll call, the documents each quarter's meetings were linked to, and the meetings'
//! counts ([`MeetingCounts`]) under Đề án 16's attendance bars. Over a span of whole calendar
//! years of records ([`super::Calendar::whole_years`]) they read a few bytes per year instead
//! of a cell's few dozen meetings (a country's evaluation judges 11.8 million); the counts
//! only under those bars.
//!
//! Spans that are not whole years of records, other bars (for the counts), counts too large
//! for the table, and the evidence of every shortfall are worked out while judging, by the
//! same functions; the tests compare the two ways.
//!
//! The dataset, which otherwise knows nothing of criteria, builds this table for them in
//! [`crate::DatasetBuilder::finish`], so that no evaluation pays for it.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use chrono::Datelike;

use super::context::{Held, RatingCounts, attributed_cell};
use super::meeting_counts::PackedCounts;
use super::{MeetingCounts, Shared, absence_trigger, minimum_cell_size, rating_coverage};
use crate::dataset::{Dataset, Meeting, OrgIx, ix, span};
use crate::finding::Measure;
use crate::period::Period;

/// Each cell's figures for each year of records.
#[derive(Debug, Clone, Default)]
pub(crate) struct CellYears {
    /// The years of records, in order: the calendar years holding at least one meeting for
    /// every [`PER_MEETING`] members or organisations, whichever are more.
    years: Vec<i32>,
    /// Organisation `o`'s figures for `years[k]` at `o * years.len() + k`: zero for an
    /// organisation that is not a cell.
    figures: Vec<Figures>,
    /// The months missed without reason (1 to 12) of each member who missed any, the figures'
    /// in their order: those of `figures[i]` end at its `missed_to`, and start where the
    /// previous figures' end.
    missed: Vec<u8>,
    /// Organisation `o`'s meetings in `years[k]` at `o * years.len() + k`, as `figures`.
    meetings: Vec<MeetingYear>,
    /// The bars their counts were made under: Đề án 16's. An evaluation under other bars
    /// counts the meetings while judging ([`CellYears::counted_under`]).
    bars: Shared,
}

/// Consecutive years of records of the table ([`CellYears::serving`]): where they lie among
/// its years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Served {
    rows: std::ops::Range<usize>,
}

/// What an organisation's meetings came to in each of consecutive years of records
/// ([`CellYears::meetings`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct MeetingYears<'a> {
    first: i32,
    rows: &'a [MeetingYear],
}

impl<'a> MeetingYears<'a> {
    /// The year `year`'s.
    pub(crate) fn of(&self, year: i32) -> Option<&'a MeetingYear> {
        let k = usize::try_from(year.checked_sub(self.first)?).ok()?;
        self.rows.get(k)
    }

    /// Each year's, in order.
    pub(crate) fn each(&self) -> std::slice::Iter<'a, MeetingYear> {
        self.rows.iter()
    }
}

/// One organisation's meetings (buổi sinh hoạt) in one year of records, as the criteria that
/// read meetings need them: each a few bits or counts, worked out by the criteria's own
/// functions. 32 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MeetingYear {
    /// Bit `m − 1` for each month `m` with a regular meeting (I01).
    regular_months: u16,
    /// Bit `q − 1` for each quarter `q` with a thematic meeting (I02).
    thematic_quarters: u8,
    /// Whether some regular meeting took its absences by roll call (R02).
    roll_call: bool,
    /// The documents each quarter's meetings were linked to, together (S04).
    references: [u8; 4],
    /// Their counts ([`MeetingCounts`]) under the table's bars, or `None` if one does not fit
    /// [`PackedCounts`]: the meetings are then counted while judging.
    counts: Option<PackedCounts>,
}

impl Default for MeetingYear {
    /// A year without meetings.
    fn default() -> MeetingYear {
        MeetingYear {
            regular_months: 0,
            thematic_quarters: 0,
            roll_call: false,
            references: [0; 4],
            counts: Some(PackedCounts::default()),
        }
    }
}

impl MeetingYear {
    /// The figures of `meetings`, one year's, under `bars`.
    fn of(bars: &Shared, meetings: &[Meeting]) -> MeetingYear {
        let mut year = MeetingYear {
            counts: MeetingCounts::of(bars, meetings).pack(),
            ..MeetingYear::default()
        };
        for m in meetings {
            // 0–11 and 0–3: every shift below stays inside its bits.
            let month = m.date.month0();
            let quarter = month / 3;
            if Held::Regular.by(m) {
                year.regular_months |= 1 << month;
            }
            if Held::Thematic.by(m) {
                year.thematic_quarters |= 1 << quarter;
            }
            year.roll_call |= absence_trigger::roll_called(m);
            if let Some(linked) = year.references.get_mut(quarter as usize) {
                *linked |= m.references;
            }
        }
        year
    }

    /// Whether a meeting `held` keeps was held in the month (0–11, for regular meetings) or
    /// quarter (0–3, for thematic ones) at `place` in the year.
    pub(crate) fn holds(&self, held: Held, place: u32) -> bool {
        let bits = match held {
            Held::Regular => self.regular_months,
            Held::Thematic => self.thematic_quarters.into(),
        };
        bits.checked_shr(place).is_some_and(|b| b & 1 == 1)
    }

    /// Whether a meeting `held` keeps was held in every month (regular meetings) or quarter
    /// (thematic ones) of the year.
    pub(crate) fn holds_all(&self, held: Held) -> bool {
        match held {
            Held::Regular => self.regular_months == 0x0fff,
            Held::Thematic => self.thematic_quarters == 0x0f,
        }
    }

    /// Whether some regular meeting was held.
    pub(crate) fn regular_held(&self) -> bool {
        self.regular_months != 0
    }

    /// Whether some regular meeting took its absences by roll call.
    pub(crate) fn roll_call(&self) -> bool {
        self.roll_call
    }

    /// The documents the meetings of the quarter at `place` (0–3) were linked to.
    pub(crate) fn references(&self, place: u32) -> u8 {
        self.references.get(place as usize).copied().unwrap_or(0)
    }

    /// The meetings' counts under the table's bars ([`CellYears::counted_under`]), if they
    /// fit the table.
    pub(crate) fn counts(&self) -> Option<&PackedCounts> {
        self.counts.as_ref()
    }
}

/// A calendar year holding at least one meeting (buổi sinh hoạt) for every this many members,
/// or organisations if they are more, is a year of records (a cell of 19 holds about 15 a
/// year), not a stray date. Keeping figures for those years only bounds the table, however the
/// dates are written, for each meeting of those years: 544 bytes of figures (36 of members' and
/// 32 of meetings' per organisation and year), 8 of months missed (a byte per member-year at
/// most), and while it is built 64 more (8 per member-year that missed a month).
const PER_MEETING: usize = 8;

/// One cell's figures for one year: every count is of members (or of their postings, one per
/// member on a day), so a `u32` holds it (a [`crate::dataset::MemberIx`] is one). 36 bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Figures {
    /// How the members the cell answers for over the year were rated.
    ratings: RatingCounts,
    /// Of them, due for rating at the cell ([`rating_coverage::due`]).
    due: u32,
    /// Due, and with a rating record.
    due_recorded: u32,
    /// Where the months of its members who missed any end in [`CellYears::missed`].
    missed_to: u32,
    /// Its official members on 31 December ([`minimum_cell_size::counts_official`]; R04).
    official: u32,
}

impl Figures {
    /// Counts one more member, rated as `one` says, and `due` for rating or not.
    fn count(&mut self, one: RatingCounts, due: bool) {
        self.ratings = self.ratings.plus(one);
        if due {
            self.due = self.due.saturating_add(1);
            self.due_recorded = self.due_recorded.saturating_add(one.recorded);
        }
    }
}

impl CellYears {
    /// Works out every cell's figures for every year of records: one pass over the members,
    /// one over the meetings.
    pub(crate) fn of(data: &Dataset) -> CellYears {
        let bars = Shared::new(&crate::CriteriaSet::de_an_16());
        let windows: Vec<Period> = years_of_records(data)
            .into_iter()
            .filter_map(Period::year)
            .collect();
        let years: Vec<i32> = windows.iter().map(|w| w.start().year()).collect();
        let width = windows.len();
        let Some(len) = data.orgs.len().checked_mul(width) else {
            return CellYears::default();
        };
        let mut figures = vec![Figures::default(); len];
        let at = |o: OrgIx, k: usize| row(o, width, k);
        // Each member-year with months missed, as its figures' place and the months, to be
        // put in the figures' order.
        let mut missed: Vec<(u32, u8)> = Vec::new();
        for (m, member) in data.members.iter().enumerate() {
            let postings = span(&data.stints, &member.postings);
            let days = data.unexcused_days(ix(m));
            let ratings = data.ratings_of(ix(m));
            for (k, (&window, &year)) in windows.iter().zip(&years).enumerate() {
                for p in postings {
                    if minimum_cell_size::counts_official(data, p, window.end())
                        && let Some(f) = at(p.cell, k).and_then(|at| figures.get_mut(at))
                    {
                        f.official = f.official.saturating_add(1);
                    }
                }
                let Some(cell) = attributed_cell(postings, window) else {
                    continue;
                };
                let Some((at, f)) = at(cell, k).and_then(|at| Some((at, figures.get_mut(at)?)))
                else {
                    continue;
                };
                let rating = ratings.iter().find(|r| r.year == year);
                f.count(
                    RatingCounts::of(rating),
                    rating_coverage::due(data, member, cell, window.end()),
                );
                let months = absence_trigger::missed_months(days, window).count();
                if months > 0 {
                    // A year has 12 months: the count always fits a byte.
                    missed.push((ix(at), u8::try_from(months).unwrap_or(u8::MAX)));
                }
            }
        }
        // More member-years missing months than a `u32` counts: no table, everything is worked
        // out while judging.
        if u32::try_from(missed.len()).is_err() {
            return CellYears::default();
        }
        missed.sort_unstable();
        let mut next = missed.iter().map(|&(at, _)| at).peekable();
        let mut to = 0u32;
        for (at, f) in figures.iter_mut().enumerate() {
            while next.next_if(|&n| n as usize == at).is_some() {
                to = to.saturating_add(1);
            }
            f.missed_to = to;
        }
        CellYears {
            meetings: meeting_years(data, &years, &bars),
            years,
            figures,
            missed: missed.into_iter().map(|(_, months)| months).collect(),
            bars,
        }
    }

    /// Where the table holds the meetings of every organisation over `years`, if each is a
    /// year of records: looked up once per span.
    pub(crate) fn serving(&self, years: Option<&RangeInclusive<i32>>) -> Option<Served> {
        let years = years?;
        let first = self.years.binary_search(years.start()).ok()?;
        let last = self.years.binary_search(years.end()).ok()?;
        // Consecutive years, without one left out between.
        let wanted = usize::try_from(years.end().checked_sub(*years.start())?).ok()?;
        (last.checked_sub(first)? == wanted).then(|| Served {
            rows: first..last.saturating_add(1),
        })
    }

    /// Whether the meetings' counts were made under `bars` (those of every
    /// [`MeetingYear::counts`]); the rest of a year's figures hold under any.
    pub(crate) fn counted_under(&self, bars: &Shared) -> bool {
        *bars == self.bars
    }

    /// What the meetings of `org` came to in each of the years `served`, in order.
    pub(crate) fn meetings(&self, org: OrgIx, served: &Served) -> Option<MeetingYears<'_>> {
        let width = self.years.len();
        let (from, to) = (served.rows.start, served.rows.end);
        Some(MeetingYears {
            first: *self.years.get(from)?,
            rows: self
                .meetings
                .get(row(org, width, from)?..row(org, width, to)?)?,
        })
    }

    /// The figures of `cell` for the calendar year `year`, if it is a year of records.
    pub(crate) fn get(&self, cell: OrgIx, year: i32) -> Option<CellYear<'_>> {
        self.at(cell, self.years.binary_search(&year).ok()?)
    }

    /// The figures of `cell` for the year `served`, if it is one year.
    pub(crate) fn year_served(&self, cell: OrgIx, served: &Served) -> Option<CellYear<'_>> {
        let rows = &served.rows;
        (rows.len() == 1).then_some(())?;
        self.at(cell, rows.start)
    }

    /// The figures of `cell` for the `k`-th year of records.
    fn at(&self, cell: OrgIx, k: usize) -> Option<CellYear<'_>> {
        let at = row(cell, self.years.len(), k)?;
        let figures = *self.figures.get(at)?;
        let from = match at.checked_sub(1) {
            Some(before) => self.figures.get(before)?.missed_to,
            None => 0,
        };
        let missed = self.missed.get(from as usize..figures.missed_to as usize)?;
        Some(CellYear { figures, missed })
    }
}

/// One cell's figures for one year of records.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CellYear<'a> {
    figures: Figures,
    missed: &'a [u8],
}

impl CellYear<'_> {
    /// The members the cell answers for over the year (đảng viên chi bộ phụ trách; R02).
    pub(crate) fn members(&self) -> u64 {
        self.figures.ratings.members.into()
    }

    /// Its official members on the year's last day (R04).
    pub(crate) fn official(&self) -> u64 {
        self.figures.official.into()
    }

    /// How the members the cell answers for were rated (I10, R03).
    pub(crate) fn ratings(&self) -> RatingCounts {
        self.figures.ratings
    }

    /// Of the members due for rating (thuộc diện đánh giá, xếp loại), those with a rating
    /// record (R05).
    pub(crate) fn recorded_of_due(&self) -> Measure {
        Measure::new(self.figures.due_recorded.into(), self.figures.due.into())
    }

    /// The months each member who missed a regular meeting without reason in any month of the
    /// year missed, smallest first (R02); the cell's other members missed none.
    pub(crate) fn missed_months(&self) -> &[u8] {
        self.missed
    }
}

/// Where organisation `org`'s row for the `k`-th of `width` years of records lies in the
/// table's figures and meetings.
fn row(org: OrgIx, width: usize, k: usize) -> Option<usize> {
    (org as usize).checked_mul(width)?.checked_add(k)
}

/// `data` without its table: every figure worked out while judging, for the tests that
/// compare the two ways.
#[cfg(all(test, feature = "synth"))]
pub(crate) fn without_table(data: &Dataset) -> Dataset {
    let mut without = data.clone();
    without.cell_years = CellYears::default();
    without
}

/// Every organisation's meetings in each of `years`, under `bars`, organisation by
/// organisation.
fn meeting_years(data: &Dataset, years: &[i32], bars: &Shared) -> Vec<MeetingYear> {
    let mut rows = Vec::with_capacity(data.orgs.len().saturating_mul(years.len()));
    for org in &data.orgs {
        let mut runs = data
            .meetings_of(org)
            .chunk_by(|a, b| a.date.year() == b.date.year())
            .peekable();
        for &year in years {
            // Runs of years before this one are years without records.
            while runs
                .next_if(|run| run.first().is_some_and(|m| m.date.year() < year))
                .is_some()
            {}
            let run = runs.next_if(|run| run.first().is_some_and(|m| m.date.year() == year));
            rows.push(run.map_or_else(MeetingYear::default, |run| MeetingYear::of(bars, run)));
        }
    }
    rows
}

/// The years of records ([`PER_MEETING`]), in order.
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
    let rows = data.members.len().max(data.orgs.len());
    let floor = rows.div_ceil(PER_MEETING).max(1);
    meetings
        .into_iter()
        .filter(|&(_, count)| count >= floor)
        .map(|(year, _)| year)
        .collect()
}

#[cfg(all(test, feature = "synth"))]
mod tests {
    use super::*;
    use crate::criteria::context::Attribution;
    use crate::{CriteriaSet, Criterion};

    /// Đề án 16's criteria but for `code`'s bar: at least `value` `unit`, set locally.
    fn with_bar(
        code: &str,
        value: i64,
        unit: crate::target::ThresholdUnit,
    ) -> Result<CriteriaSet, Box<dyn std::error::Error>> {
        use crate::target::{Comparison, Provenance, Threshold};
        let setting = crate::criteria::Override {
            threshold: Some(Threshold::new(
                Comparison::AtLeast,
                value,
                unit,
                Provenance::Local,
            )),
            ..Default::default()
        };
        let mut overrides = crate::Overrides::default();
        overrides.0.insert(code.to_owned(), setting);
        Ok(CriteriaSet::with_overrides(&overrides)?)
    }

    /// Every cell's figures for every year are what attributing its members from the cell's
    /// side and working out each one's year finds.
    #[test]
    fn figures_are_the_attributions() -> Result<(), Box<dyn std::error::Error>> {
        let config = crate::synth::SynthConfig::district().with_cells(90);
        let data = Dataset::build(&config.generate())?;
        let table = &data.cell_years;
        assert_eq!(table.years, [2020, 2021, 2022]);
        let (mut missed, mut not_due, mut officials) = (0, 0, 0);
        for (cell, org) in (0..).zip(&data.orgs) {
            for &year in &table.years {
                let figures = table.get(cell, year).ok_or("figures")?;
                let window = Period::year(year).ok_or("year")?;
                let list = Attribution::of(&data, org, window);
                assert_eq!(figures.ratings(), list.counts(), "{} {year}", org.id);
                let mut due = Measure::default();
                let mut months = Vec::new();
                for a in list.members() {
                    let member = data.members.get(a.member as usize).ok_or("member")?;
                    if rating_coverage::due(&data, member, cell, window.end()) {
                        due = due.plus(Measure::one(a.rating.is_some()));
                    } else {
                        not_due += 1;
                    }
                    let days = data.unexcused_days(a.member);
                    let n = absence_trigger::missed_months(days, window).count();
                    months.extend(u8::try_from(n).ok().filter(|&n| n > 0));
                }
                assert_eq!(figures.recorded_of_due(), due, "{} {year}", org.id);
                let end = window.end();
                let roster = data.roster_on(cell, end);
                let official = roster.filter(|s| minimum_cell_size::counts_official(&data, s, end));
                assert_eq!(
                    figures.official(),
                    official.count() as u64,
                    "{} {year}",
                    org.id
                );
                officials += figures.official();
                let mut read = figures.missed_months().to_vec();
                read.sort_unstable();
                months.sort_unstable();
                assert_eq!(read, months, "{} {year}", org.id);
                missed += months.len();
            }
        }
        // Neither count is compared vacuously.
        assert!(
            missed > 0 && not_due > 0 && officials > 0,
            "{missed} missed, {not_due} not due, {officials} official"
        );
        Ok(())
    }

    /// Judging from the table gives what working every member out while judging gives: the
    /// findings of R02, R05, I10 and R03, evidence included, are those of the same dataset
    /// without it.
    #[test]
    fn table_judges_as_worked_out() -> Result<(), Box<dyn std::error::Error>> {
        let config = crate::synth::SynthConfig::district().with_cells(90);
        let mut records = config.generate();
        // Every 40th rating left out, so that some members due for rating have none (R05).
        let mut n = 0;
        records.ratings.retain(|_| {
            n += 1;
            n % 40 != 0
        });
        let data = Dataset::build(&records)?;
        let without = without_table(&data);
        let year = Some(&(2021..=2021));
        assert!(data.cell_years.serving(year).is_some());
        assert!(without.cell_years.serving(year).is_none());
        let mut criteria = CriteriaSet::de_an_16();
        for c in Criterion::ALL.iter().copied() {
            if !matches!(
                c,
                Criterion::AbsenceTrigger
                    | Criterion::RatingCoverage
                    | Criterion::MembersRatedGood
                    | Criterion::ExcellentCap
            ) {
                criteria.disable(c);
            }
        }
        let whole = Period::new(config.start, config.end())?;
        let read = crate::evaluate(&data, &criteria, whole, None)?;
        let worked_out = crate::evaluate(&without, &criteria, whole, None)?;
        assert_eq!(read, worked_out);
        assert!(read.findings().eq(worked_out.findings()));
        // Under a bar that a member who missed no month fails (R02 passing only those who
        // missed one or more), the same again.
        let mut upside_down = with_bar("R02", 1, crate::target::ThresholdUnit::Months)?;
        for c in Criterion::ALL.iter().copied() {
            if c != Criterion::AbsenceTrigger {
                upside_down.disable(c);
            }
        }
        let read_upside_down = crate::evaluate(&data, &upside_down, whole, None)?;
        let worked_out_upside_down = crate::evaluate(&without, &upside_down, whole, None)?;
        assert!(
            read_upside_down
                .findings()
                .eq(worked_out_upside_down.findings())
        );
        // The bar changes R02's measures: it is applied, not read from the table.
        let r02 = |f: &crate::Finding<'_>| f.criterion == Criterion::AbsenceTrigger;
        let measures = |e: &crate::Evaluation<'_>| {
            e.findings()
                .filter(r02)
                .map(|f| f.measure)
                .collect::<Vec<_>>()
        };
        assert_ne!(measures(&read_upside_down), measures(&read));
        // Each criterion finds units that fall short and units that do not.
        for c in criteria.enabled() {
            let (mut short, mut met) = (0, 0);
            for f in read.findings().filter(|f| f.criterion == c) {
                match f.measure.numerator < f.measure.denominator {
                    true => short += 1,
                    false => met += 1,
                }
            }
            assert!(short > 0 && met > 0, "{c}: {short} short, {met} met");
        }
        Ok(())
    }

    /// Judging from the table's meeting figures gives what walking the meetings gives: every
    /// criterion's findings, evidence included, are those of the same dataset without the
    /// table, over whole years and one year (read from it), over a half-year and from July to
    /// June (years cut short: walked on both sides, but for the whole years inside), under
    /// another attendance bar (the counts walked, the rest read) and under an R04 bar some
    /// cells miss; and a cell holding more meetings in a year than the table counts has them
    /// counted while judging.
    #[test]
    fn meetings_judge_as_walked() -> Result<(), Box<dyn std::error::Error>> {
        use crate::target::ThresholdUnit;
        let config = crate::synth::SynthConfig::district().with_cells(90);
        let mut records = config.generate();
        // 300 thematic meetings more for one cell on one day: more than a year's counts hold.
        let first = records.meetings.first().cloned().ok_or("a meeting")?;
        for n in 0..300 {
            let mut more = first.clone();
            more.id = format!("{}-more-{n}", first.id);
            more.kind = crate::model::MeetingKind::Thematic;
            records.meetings.push(more);
        }
        // Another cell's meetings of 2021 with totals only, no roll call (R02 cannot judge it).
        let last = records.meetings.last().cloned().ok_or("a meeting")?;
        for m in records.meetings.iter_mut() {
            use crate::model::{Attendance, AttendanceCounts, Presence};
            if let (true, Attendance::RollCall(marks)) =
                (m.cell == last.cell && m.date.year() == 2021, &m.attendance)
            {
                let count = |p| marks.iter().filter(|e| e.presence == p).count() as u32;
                m.attendance = Attendance::Counts(AttendanceCounts {
                    expected: marks.len() as u32,
                    present: count(Presence::Present),
                    absent_with_reason: count(Presence::AbsentWithReason),
                    absent_without_reason: count(Presence::AbsentWithoutReason),
                });
            }
        }
        let data = Dataset::build(&records)?;
        let without = without_table(&data);
        let crowded = data.org_ix(&first.cell).ok_or("cell")?;
        let year = first.date.year();
        let k = data
            .cell_years
            .years
            .binary_search(&year)
            .map_err(|_| "year")?;
        let row = data
            .cell_years
            .meetings
            .get(row(crowded, 3, k).ok_or("row")?)
            .ok_or("row")?;
        assert!(row.counts().is_none());
        let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
        let whole = Period::new(config.start, config.end())?;
        let half = Period::new(date(2021, 1, 1)?, date(2021, 6, 30)?)?;
        let de_an_16 = CriteriaSet::de_an_16();
        // An attendance bar of 90% (counted while judging), and R04's bar raised to 15 official
        // members, which some cells reach and some do not (read from the table).
        let other_bars = with_bar("I05", 90, ThresholdUnit::Percent)?;
        let fifteen = with_bar("R04", 15, ThresholdUnit::Members)?;
        let served = |period: Period| {
            let years = super::super::Calendar::of(period).whole_years;
            data.cell_years.serving(years.as_ref()).is_some()
        };
        let mixed = Period::new(date(2020, 7, 1)?, date(2022, 6, 30)?)?;
        assert!(served(whole) && served(Period::year(2021).ok_or("2021")?));
        assert!(!served(half) && !served(mixed));
        assert!(data.cell_years.counted_under(&Shared::new(&fifteen)));
        assert!(!data.cell_years.counted_under(&Shared::new(&other_bars)));
        for (criteria, period) in [
            (&de_an_16, whole),
            (&de_an_16, Period::year(2022).ok_or("2022")?),
            (&de_an_16, half),
            (&de_an_16, mixed),
            (&other_bars, whole),
            (&fifteen, whole),
        ] {
            let read = crate::evaluate(&data, criteria, period, None)?;
            let walked = crate::evaluate(&without, criteria, period, None)?;
            // Findings compared with their evidence.
            assert_eq!(read, walked, "{period}");
        }
        let r04 = crate::evaluate(&data, &fifteen, whole, None)?;
        let r04 = r04
            .findings()
            .filter(|f| f.criterion == Criterion::MinimumCellSize);
        let (short, met): (Vec<_>, Vec<_>) = r04
            .filter(|f| f.unit.level.is_cell() && f.measure.denominator > 0)
            .partition(|f| f.measure.numerator < f.measure.denominator);
        assert!(!short.is_empty() && !met.is_empty());
        // Every criterion that reads meetings finds cells that fall short over the whole
        // period, so that none is compared vacuously; R02 cannot judge the cell without a
        // roll call.
        let read = crate::evaluate(&data, &de_an_16, whole, None)?;
        let r02 = read
            .findings()
            .filter(|f| f.criterion == Criterion::AbsenceTrigger);
        let unjudged = r02.filter(|f| f.reason == Some(crate::finding::Reason::NoRollCall));
        assert!(
            unjudged
                .map(|f| f.unit.id.to_string())
                .eq([last.cell.clone()])
        );
        for c in de_an_16.enabled().filter(|c| c.reads_meetings()) {
            let short = read
                .findings()
                .filter(|f| f.criterion == c)
                .any(|f| f.measure.numerator < f.measure.denominator);
            assert!(short, "{c} finds no cell short");
        }
        Ok(())
    }

    /// Each organisation's row for each year of records holds what that year's meetings come
    /// to, also for a cell whose meetings begin in a year that is not one of records (2020
    /// here, with one cell's meetings left); over a span reaching that year the meetings are
    /// walked, over the years of records read, and both judge as walking.
    #[test]
    fn rows_are_each_years_meetings() -> Result<(), Box<dyn std::error::Error>> {
        let config = crate::synth::SynthConfig::district().with_cells(90);
        let mut records = config.generate();
        let kept = records
            .meetings
            .first()
            .map(|m| m.cell.clone())
            .ok_or("a meeting")?;
        records
            .meetings
            .retain(|m| m.date.year() != 2020 || m.cell == kept);
        let data = Dataset::build(&records)?;
        let without = without_table(&data);
        let table = &data.cell_years;
        assert_eq!(table.years, [2021, 2022]);
        let kept = data
            .orgs
            .get(data.org_ix(&kept).ok_or("cell")? as usize)
            .ok_or("cell")?;
        assert!(data.meetings_of(kept).iter().any(|m| m.date.year() == 2020));
        let bars = Shared::new(&CriteriaSet::de_an_16());
        let served = table.serving(Some(&(2021..=2022))).ok_or("served")?;
        for (ix, org) in (0..).zip(&data.orgs) {
            let rows = table.meetings(ix, &served).ok_or("rows")?;
            for (year, row) in (2021..).zip(rows.each()) {
                let span = Period::year(year).ok_or("year")?;
                let walked = MeetingYear::of(&bars, super::super::meetings_in(&data, org, span));
                assert_eq!(*row, walked, "{} {year}", org.id);
            }
        }
        let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
        let criteria = CriteriaSet::de_an_16();
        for period in [
            Period::new(config.start, config.end())?,
            Period::new(date(2021, 1, 1)?, date(2022, 12, 31)?)?,
        ] {
            let read = crate::evaluate(&data, &criteria, period, None)?;
            let walked = crate::evaluate(&without, &criteria, period, None)?;
            assert_eq!(read, walked, "{period}");
        }
        Ok(())
    }

    /// The rows are as small as their documents say: the bound on the table
    /// ([`PER_MEETING`]) counts on them.
    #[test]
    fn rows_are_small() {
        assert_eq!(std::mem::size_of::<Figures>(), 36);
        assert_eq!(std::mem::size_of::<MeetingYear>(), 32);
    }

    /// Only years of records have figures: not the years around them, nor a stray date's; and
    /// a year cut short by the period is not read as one.
    #[test]
    fn only_years_of_records() -> Result<(), Box<dyn std::error::Error>> {
        let config = crate::synth::SynthConfig::district().with_cells(20);
        let mut data = Dataset::build(&config.generate())?;
        // A meeting dated 2031 by mistake, outside every cell's meetings.
        let mut stray = data.meetings.first().cloned().ok_or("a meeting")?;
        stray.date = chrono::NaiveDate::from_ymd_opt(2031, 5, 1).ok_or("date")?;
        data.meetings.push(stray.clone());
        let table = CellYears::of(&data);
        assert_eq!(table.years, [2020, 2021, 2022]);
        assert_eq!(table.figures.len(), data.orgs.len() * 3);
        assert_eq!(table.meetings.len(), data.orgs.len() * 3);
        for stray_or_around in [2019, 2023, 2031] {
            let year = stray_or_around..=stray_or_around;
            assert!(table.serving(Some(&year)).is_none());
            assert!(table.get(0, stray_or_around).is_none());
        }
        assert!(table.get(0, 2020).is_some());
        assert!(table.get(ix(data.orgs.len()), 2020).is_none());
        // With 8 members left and more organisations, a year needs a meeting for every 8
        // organisations: 2031's stray meeting counts only with enough beside it.
        data.members.truncate(8);
        let floor = data.orgs.len().div_ceil(PER_MEETING);
        assert!(floor > 1);
        for _ in 2..floor {
            data.meetings.push(stray.clone());
        }
        assert_eq!(years_of_records(&data), [2020, 2021, 2022]);
        data.meetings.push(stray.clone());
        assert_eq!(years_of_records(&data), [2020, 2021, 2022, 2031]);
        // A span across the years between, or reaching a year before them, is not served; the
        // years of records are.
        let table = CellYears::of(&data);
        let years = |first, last| Some(first..=last);
        assert!(table.serving(years(2021, 2031).as_ref()).is_none());
        assert!(table.serving(years(2019, 2021).as_ref()).is_none());
        assert!(table.serving(years(2031, 2031).as_ref()).is_some());
        assert!(table.serving(years(2020, 2022).as_ref()).is_some());
        let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
        let half = Period::new(date(2021, 1, 1)?, date(2021, 6, 30)?)?;
        assert_eq!(super::super::Calendar::of(half).whole_years, None);
        let whole = Period::year(2021).ok_or("2021")?;
        assert_eq!(
            super::super::Calendar::of(whole).whole_years,
            Some(2021..=2021)
        );
        Ok(())
    }
}
