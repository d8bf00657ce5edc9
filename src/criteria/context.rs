//! What a criterion sees while judging one unit (ngữ cảnh đánh giá): the dataset, the span,
//! its settings, and what the engine worked out once for the cell at hand.

use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};

use super::cell_years::{MeetingYears, Served};
use super::{CriteriaSet, Criterion, MeetingCounts, MeetingTest, Settings};
use crate::dataset::{Dataset, Meeting, MemberIx, Org, OrgIx, Rating, Stint, span};
use crate::finding::{Detail, Measure, MeetingGap, Reason};
use crate::id::Id;
use crate::model::{RatingLevel, RatingResult};
use crate::period::{Month, Period, Quarter};
use crate::target::{RateBar, Threshold};

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
    /// A measure over meetings made one unit, the cell, that passes when every meeting does.
    pub(crate) fn into_unit(self) -> Outcome {
        match self {
            Outcome::Judged(c) => Outcome::unit(c.detail),
            other => other,
        }
    }

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
    /// The unit judged, and where it is.
    pub(crate) org: &'a Org,
    pub(crate) unit: OrgIx,
    pub(crate) span: Period,
    /// The meetings the unit held in the span ([`meetings_in`]), if the engine looked them up
    /// once for all the criteria measured over the span; else looked up when read
    /// ([`Ctx::meetings`]).
    pub(crate) meetings: Option<&'a [Meeting]>,
    /// Where the dataset's table holds what the meetings of every unit came to over the span
    /// ([`super::CellYears::serving`]), if it does.
    pub(crate) served: Option<&'a Served>,
    pub(crate) settings: &'a Settings,
    pub(crate) calendar: &'a Calendar,
    pub(crate) shared: &'a Shared,
    /// The members the cell being judged answers for.
    pub(crate) roll: &'a Roll<'a>,
    /// The counts of [`Ctx::meetings`] ([`MeetingCounts`]), worked out by the first criterion
    /// that asks ([`Ctx::meeting_counts`]).
    pub(crate) counts: &'a std::cell::OnceCell<MeetingCounts>,
    /// Whether to gather the evidence of what falls short, or only to tell that something
    /// does: an evaluation judges without it, and gathers it when a finding's shortfalls are
    /// read.
    pub(crate) evidence: bool,
}

/// What a unit falls short by, item by item (months, meetings, members), gathered only when
/// the context asks for evidence; otherwise only whether any item fell short is kept.
pub(crate) struct Gather<T> {
    keep: bool,
    short: bool,
    items: Vec<T>,
}

impl<T> Gather<T> {
    /// Notes one item that falls short; `item` is built only when evidence is gathered.
    pub(crate) fn push(&mut self, item: impl FnOnce() -> T) {
        self.short = true;
        if self.keep {
            self.items.push(item());
        }
    }

    /// The detail of a unit that falls short (`wrap` of the items, an empty list when
    /// evidence is not gathered), or `None` when nothing fell short.
    pub(crate) fn into_detail(self, wrap: impl FnOnce(Vec<T>) -> Detail) -> Option<Detail> {
        self.short.then(|| wrap(self.items))
    }
}

impl<'a> Ctx<'a> {
    /// An empty list of what falls short, kept item by item if the context gathers evidence.
    pub(crate) fn gather<T>(&self) -> Gather<T> {
        Gather {
            keep: self.evidence,
            short: false,
            items: Vec::new(),
        }
    }

    pub(crate) fn org(&self, ix: OrgIx) -> Option<&'a Org> {
        self.data.orgs.get(ix as usize)
    }

    /// Months wholly inside both the span and the cell's life: each needs a regular meeting.
    /// Reading (inferred): a cell founded or dissolved mid-month owes no meeting that month.
    pub(crate) fn required_months(&self, org: &Org) -> impl Iterator<Item = Dated<Month>> + 'a {
        self.within_life(org, &self.calendar.months)
    }

    /// Quarters wholly inside both the span and the cell's life: each needs a thematic meeting.
    pub(crate) fn required_quarters(&self, org: &Org) -> impl Iterator<Item = Dated<Quarter>> + 'a {
        self.within_life(org, &self.calendar.quarters)
    }

    /// The months or quarters of the span whose first and last days lie within the
    /// organisation's life.
    fn within_life<T: Copy>(
        &self,
        org: &Org,
        all: &'a [Dated<T>],
    ) -> impl Iterator<Item = Dated<T>> + 'a {
        let life = life_of(org, self.span);
        all.iter()
            .copied()
            .filter(move |t| life.is_some_and(|l| l.start() <= t.first && t.last <= l.end()))
    }

    /// The `required` months or quarters in which the cell held no meeting that `held` keeps;
    /// or, when nothing is required, the outcome [`Ctx::no_whole_span`] gives.
    pub(crate) fn missing<S>(
        &self,
        org: &'a Org,
        required: impl Iterator<Item = Dated<S>>,
        held: Held,
    ) -> Result<Gather<S>, Outcome> {
        let mut required = required.peekable();
        if required.peek().is_none() {
            return Err(self.no_whole_span(org));
        }
        let mut missing = self.gather();
        if let Some(years) = self.meeting_years() {
            // The months or quarters required are those of the span's years (and the unit's
            // life): a unit that held such a meeting in all of them misses none.
            if years.each().all(|y| y.holds_all(held)) {
                return Ok(missing);
            }
            for r in required {
                if !years.of(r.year).is_some_and(|y| y.holds(held, r.place)) {
                    missing.push(|| r.of);
                }
            }
            return Ok(missing);
        }
        // Both run in date order: one pass over each.
        let mut days = self
            .meetings()
            .iter()
            .filter(|m| held.by(m))
            .map(|m| m.date)
            .peekable();
        for r in required {
            while days.next_if(|&d| d < r.first).is_some() {}
            if days.peek().is_none_or(|&d| d > r.last) {
                missing.push(|| r.of);
            }
        }
        Ok(missing)
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

    /// The members the cell answers for over `window` (see [`attribute`]), each with their
    /// rating for the window's year, and how they were rated: read from the roll when it holds
    /// the cell, else worked out here.
    pub(crate) fn attribution(
        &self,
        cell: OrgIx,
        org: &'a Org,
        window: Period,
    ) -> std::borrow::Cow<'a, Attribution<'a>> {
        match self.roll.get(cell, window) {
            Some(list) => std::borrow::Cow::Borrowed(list),
            None => std::borrow::Cow::Owned(Attribution::of(self.data, org, window)),
        }
    }

    /// The meetings the unit held in the span.
    pub(crate) fn meetings(&self) -> &'a [Meeting] {
        self.meetings
            .unwrap_or_else(|| meetings_in(self.data, self.org, self.span))
    }

    /// What the unit's meetings came to in each year of the span, read from the dataset's
    /// table ([`super::CellYears`]) when the span is whole calendar years of records and no
    /// evidence is gathered; otherwise `None`, and the criterion reads the meetings.
    pub(crate) fn meeting_years(&self) -> Option<MeetingYears<'a>> {
        match self.evidence {
            true => None,
            false => self.data.cell_years.meetings(self.unit, self.served?),
        }
    }

    /// The figures of the members `cell` answers for over the span, read from the dataset's
    /// table ([`super::CellYears`]) when the span is a whole calendar year of records and no
    /// evidence is gathered; otherwise `None`, and the criterion works them out.
    pub(crate) fn cell_year(&self, cell: OrgIx) -> Option<super::cell_years::CellYear<'a>> {
        match self.evidence {
            true => None,
            false => self.data.cell_years.year_served(cell, self.served?),
        }
    }

    /// The figures of `cell` for the calendar year ending on `day`, read from the dataset's
    /// table when `day` is 31 December of a year of records and no evidence is gathered.
    pub(crate) fn cell_year_ending(
        &self,
        cell: OrgIx,
        day: NaiveDate,
    ) -> Option<super::cell_years::CellYear<'a>> {
        let year_end = (day.month(), day.day()) == (12, 31);
        match year_end && !self.evidence {
            true => self.data.cell_years.get(cell, day.year()),
            false => None,
        }
    }

    /// How the members `cell` answers for over the span were rated: read from the table
    /// ([`Ctx::cell_year`]), else counted while attributing them.
    pub(crate) fn rating_counts(&self, cell: OrgIx, org: &'a Org) -> RatingCounts {
        match self.cell_year(cell) {
            Some(year) => year.ratings(),
            None => self.attribution(cell, org, self.span).counts(),
        }
    }

    /// The days `member` missed a regular meeting without reason, in order.
    pub(crate) fn unexcused_days(&self, member: MemberIx) -> &'a [NaiveDate] {
        self.data.unexcused_days(member)
    }

    /// An organisation's rating for `year`.
    pub(crate) fn org_rating(&self, org: OrgIx, year: i32) -> Option<RatingResult> {
        self.data
            .org_ratings_of(org)
            .iter()
            .find(|r| r.year == year)
            .map(|r| r.result)
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

/// The meetings `org` held in `span`, by date.
pub(crate) fn meetings_in<'a>(data: &'a Dataset, org: &Org, span: Period) -> &'a [Meeting] {
    let mut spans = Vec::with_capacity(1);
    Cuts::new(&[span]).apply(data.meetings_of(org), &mut Vec::new(), &mut spans);
    spans.first().copied().unwrap_or(&[])
}

/// Where each of several spans (kỳ đánh giá) starts and ends among a unit's meetings (buổi
/// sinh hoạt), found in one walk.
///
/// The walk goes from the first meeting, not by halving: a cell holds a few dozen meetings,
/// which the criteria read next, and a walk brings them into the cache in order where a binary
/// search waits on each probe in turn.
#[derive(Debug, Clone)]
pub(crate) struct Cuts {
    /// The days meetings are cut at, in order, each with whether the cut falls after meetings
    /// of that day (the end of a span) or before them (the start of one).
    at: Vec<(NaiveDate, bool)>,
    /// For each span, the positions in `at` of its start and of its end.
    spans: Vec<(usize, usize)>,
}

impl Cuts {
    /// The cuts of `spans`.
    pub(crate) fn new(spans: &[Period]) -> Cuts {
        let mut at: Vec<(NaiveDate, bool)> = spans
            .iter()
            .flat_map(|s| [(s.start(), false), (s.end(), true)])
            .collect();
        at.sort_unstable();
        at.dedup();
        let find = |cut| at.binary_search(&cut).unwrap_or(0);
        let spans = spans
            .iter()
            .map(|s| (find((s.start(), false)), find((s.end(), true))))
            .collect();
        Cuts { at, spans }
    }

    /// Each span's meetings among `all`, which are in date order, added to `out` in the
    /// spans' order; `positions` is room to work in.
    pub(crate) fn apply<'a>(
        &self,
        all: &'a [Meeting],
        positions: &mut Vec<usize>,
        out: &mut Vec<&'a [Meeting]>,
    ) {
        positions.clear();
        let mut i = 0;
        for &(day, after) in &self.at {
            while all
                .get(i)
                .is_some_and(|m| m.date < day || (after && m.date == day))
            {
                i = i.saturating_add(1);
            }
            positions.push(i);
        }
        out.extend(self.spans.iter().map(|&(from, to)| {
            let from = positions.get(from).copied().unwrap_or(0);
            let to = positions.get(to).copied().unwrap_or(0);
            all.get(from..to).unwrap_or(&[])
        }));
    }
}

/// The part of `span` the organisation existed for.
fn life_of(org: &Org, span: Period) -> Option<Period> {
    let start = org.founded.map_or(span.start(), |f| f.max(span.start()));
    let end = org.dissolved.map_or(span.end(), |d| d.min(span.end()));
    Period::new(start, end).ok()
}

/// What a month or a quarter must hold (I01, I02).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Held {
    /// A regular meeting, or a combined session (sinh hoạt thường kỳ).
    Regular,
    /// A thematic meeting, or a combined session (sinh hoạt chuyên đề).
    Thematic,
}

impl Held {
    /// Whether `m` is such a meeting.
    pub(crate) fn by(self, m: &Meeting) -> bool {
        match self {
            Held::Regular => m.kind.is_regular(),
            Held::Thematic => m.kind.is_thematic(),
        }
    }
}

impl Ctx<'_> {
    /// The counts of the unit's meetings over the span, worked out by the first criterion that
    /// asks: added up from the dataset's table ([`Ctx::meeting_years`]) when it counted them
    /// under these bars, else in one pass over the meetings.
    pub(crate) fn meeting_counts(&self) -> &MeetingCounts {
        self.counts.get_or_init(|| {
            let table = &self.data.cell_years;
            let years = self
                .meeting_years()
                .filter(|_| table.counted_under(self.shared));
            let read = years.and_then(|years| {
                years.each().try_fold(MeetingCounts::default(), |sum, y| {
                    Some(sum.plus(y.counts()?))
                })
            });
            read.unwrap_or_else(|| MeetingCounts::of(self.shared, self.meetings()))
        })
    }

    /// Meeting-level measure of `test`: each meeting it judges passes or misses by its gaps;
    /// `Skip` when the unit held none. Without evidence, read from the unit's
    /// [`Ctx::meeting_counts`]; with it, the meetings are walked again and each that misses
    /// is named with its gaps.
    pub(crate) fn by_meeting(&self, test: MeetingTest) -> Outcome {
        let (measure, detail) = if self.evidence {
            let mut measure = Measure::default();
            let mut short = self.gather();
            for m in self.meetings().iter().filter(|m| test.judges(m)) {
                let gaps = test.gaps(self.shared, m);
                measure = measure.plus(Measure::one(gaps.is_empty()));
                if !gaps.is_empty() {
                    short.push(|| MeetingGap {
                        meeting: self.data.meeting_ident(m),
                        date: m.date,
                        gaps,
                    });
                }
            }
            (measure, short.into_detail(Detail::Meetings))
        } else {
            let measure = self.meeting_counts().passed(test);
            let short = measure.numerator < measure.denominator;
            (measure, short.then(|| Detail::Meetings(Vec::new())))
        };
        match measure.denominator {
            0 => Outcome::Skip,
            _ => Outcome::measured(measure, detail),
        }
    }
}

/// The months and quarters lying wholly inside a span, with their first and last days, and
/// whether it is a whole calendar year: worked out once per span.
#[derive(Debug, Clone)]
pub(crate) struct Calendar {
    months: Vec<Dated<Month>>,
    quarters: Vec<Dated<Quarter>>,
    /// The calendar years the span is made of, if it is whole years.
    pub(crate) whole_years: Option<RangeInclusive<i32>>,
}

/// A month or quarter with its first and last days.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dated<T> {
    pub(crate) of: T,
    pub(crate) first: NaiveDate,
    pub(crate) last: NaiveDate,
    /// The year it lies in, and its place in it counting from 0 (a month's 0–11, a
    /// quarter's 0–3).
    pub(crate) year: i32,
    pub(crate) place: u32,
}

impl Calendar {
    pub(crate) fn of(span: Period) -> Calendar {
        Calendar {
            months: span
                .full_months()
                .map(|m| Dated {
                    of: m,
                    first: m.first_day(),
                    last: m.last_day(),
                    year: m.year(),
                    place: m.month().saturating_sub(1),
                })
                .collect(),
            quarters: span
                .quarters()
                .map(|q| Dated {
                    of: q,
                    first: q.first_day(),
                    last: q.last_day(),
                    year: q.year(),
                    place: q.number().saturating_sub(1),
                })
                .filter(|q| span.start() <= q.first && q.last <= span.end())
                .collect(),
            whole_years: Some(span.start().year()..=span.end().year()).filter(|years| {
                Period::year(*years.start()).is_some_and(|y| y.start() == span.start())
                    && Period::year(*years.end()).is_some_and(|y| y.end() == span.end())
            }),
        }
    }
}

/// What every criterion may read, the same for every task: settings that work done once per
/// cell and span for several criteria needs ([`MeetingCounts`] is shared by every task of a
/// span, so it cannot read one task's settings). Made from the same [`CriteriaSet`] as the
/// tasks' settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Shared {
    /// The attendance bar of the meeting standard: R01's setting, which I03 and I04 share.
    pub(crate) standard_bar: Option<RateBar>,
    /// The bar of each meeting's attendance: I05's setting.
    pub(crate) attendance_bar: Option<RateBar>,
}

impl Shared {
    pub(crate) fn new(criteria: &CriteriaSet) -> Shared {
        Shared {
            standard_bar: criteria
                .settings(Criterion::MeetingStandard)
                .threshold
                .map(RateBar::new),
            attendance_bar: criteria
                .settings(Criterion::AttendanceEachMeeting)
                .threshold
                .map(RateBar::new),
        }
    }
}

/// The members each cell of a block of units answers for over each window (danh sách đảng
/// viên chi bộ phụ trách): filled once per block, which holds whole subtrees of grassroots
/// organisations, so that an organisation's own criteria (R03) and each cell's read the same
/// lists.
#[derive(Debug, Default)]
pub(crate) struct Roll<'a> {
    /// The organisations filled, in hierarchy order.
    orgs: std::ops::Range<OrgIx>,
    windows: Vec<Period>,
    /// One list per organisation of `orgs` and window, organisation by organisation; the
    /// lists of organisations that are not cells stay empty. Kept from block to block, so
    /// filling them seldom allocates.
    lists: Vec<Attribution<'a>>,
}

/// The members a cell answers for over one window, and how they were rated, counted as they
/// are attributed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Attribution<'a> {
    members: Vec<Attributed<'a>>,
    counts: RatingCounts,
}

impl<'a> Attribution<'a> {
    /// The members, each with their rating for the window's year.
    pub(crate) fn members(&self) -> &[Attributed<'a>] {
        &self.members
    }

    /// How they were rated (I10, R03, R05).
    pub(crate) fn counts(&self) -> RatingCounts {
        self.counts
    }

    /// The members `org` answers for over `window`, worked out alone.
    pub(super) fn of(data: &'a Dataset, org: &Org, window: Period) -> Attribution<'a> {
        let mut lists = [Attribution::default()];
        attribute(data, org, &[window], &mut lists);
        let [list] = lists;
        list
    }

    /// Adds a member, counting their rating.
    fn push(&mut self, member: Attributed<'a>) {
        self.counts = self.counts.plus(RatingCounts::of(member.rating));
        self.members.push(member);
    }

    /// Empties the list for another cell, keeping its allocation.
    fn clear(&mut self) {
        self.members.clear();
        self.counts = RatingCounts::default();
    }
}

/// How the members a cell answers for over a window were rated: counted once while
/// attributing them, for the criteria that judge by them (I10, R03, R05), or kept per cell and
/// year of records in the dataset ([`super::CellYears`]). Each member answers to one cell per
/// window, so counts of members, summed over any cells, fit a `u32` as a
/// [`MemberIx`] does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct RatingCounts {
    /// Members attributed.
    pub(crate) members: u32,
    /// With a rating record for the year: a level, or not rated with a reason.
    pub(crate) recorded: u32,
    /// Rated at a level.
    pub(crate) rated: u32,
    /// Rated "hoàn thành tốt nhiệm vụ" or better.
    pub(crate) good: u32,
    /// Rated "hoàn thành xuất sắc nhiệm vụ".
    pub(crate) excellent: u32,
}

impl RatingCounts {
    /// One member, with `rating` for the year.
    pub(super) fn of(rating: Option<&Rating<MemberIx>>) -> RatingCounts {
        let level = rating.and_then(|r| match r.result {
            RatingResult::Rated(level) => Some(level),
            _ => None,
        });
        let one = |yes: bool| u32::from(yes);
        RatingCounts {
            members: 1,
            recorded: one(rating.is_some()),
            rated: one(level.is_some()),
            good: one(level.is_some_and(RatingLevel::is_good_or_better)),
            excellent: one(level == Some(RatingLevel::Excellent)),
        }
    }

    /// Whether there are members but none has a rating record for the year: the ratings were
    /// not recorded at all.
    pub(crate) fn unrecorded(&self) -> bool {
        self.members > 0 && self.recorded == 0
    }

    /// The counts of two sets of members together.
    pub(crate) fn plus(self, other: RatingCounts) -> RatingCounts {
        RatingCounts {
            members: self.members.saturating_add(other.members),
            recorded: self.recorded.saturating_add(other.recorded),
            rated: self.rated.saturating_add(other.rated),
            good: self.good.saturating_add(other.good),
            excellent: self.excellent.saturating_add(other.excellent),
        }
    }
}

/// A member a cell answers for over a window, with their rating for the window's year, found
/// once for every criterion that reads it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attributed<'a> {
    pub(crate) member: MemberIx,
    pub(crate) rating: Option<&'a Rating<MemberIx>>,
}

impl<'a> Roll<'a> {
    /// Whether `ix` lies in the block filled last.
    pub(crate) fn covers(&self, ix: OrgIx) -> bool {
        self.orgs.contains(&ix)
    }

    /// Fills the lists of every cell of `orgs`, a block in hierarchy order.
    pub(crate) fn fill(
        &mut self,
        data: &'a Dataset,
        orgs: std::ops::Range<OrgIx>,
        windows: &[Period],
    ) {
        self.windows.clear();
        self.windows.extend_from_slice(windows);
        let wanted = orgs.len().saturating_mul(windows.len());
        for list in self.lists.iter_mut().take(wanted) {
            list.clear();
        }
        self.lists
            .resize_with(wanted.max(self.lists.len()), Attribution::default);
        self.orgs = orgs.clone();
        let width = windows.len().max(1);
        for (ix, lists) in orgs.zip(self.lists.chunks_mut(width)) {
            if let Some(org) = data.orgs.get(ix as usize).filter(|o| o.level.is_cell()) {
                attribute(data, org, windows, lists);
            }
        }
    }

    /// The list of `cell` over `window`, if the roll holds it.
    fn get(&self, cell: OrgIx, window: Period) -> Option<&Attribution<'a>> {
        let w = self.windows.iter().position(|&w| w == window)?;
        let at = (cell.checked_sub(self.orgs.start)? as usize)
            .checked_mul(self.windows.len())?
            .checked_add(w)?;
        self.lists.get(at).filter(|_| self.covers(cell))
    }
}

/// Adds to `lists` the members the cell `org` answers for over each of `windows` (one list
/// per window), with their rating for the window's year: those whose last regular posting
/// overlapping it (within their membership) is at this cell. Each member is attributed to
/// exactly one cell per window (inferred). One pass over the cell's postings serves every
/// window, and reads no member record.
fn attribute<'a>(data: &'a Dataset, org: &Org, windows: &[Period], lists: &mut [Attribution<'a>]) {
    for &s in span(&data.roster, &org.roster) {
        // The member's postings lie together in `stints`, by start date: theirs after this
        // one follow it.
        let (Some(stint), later) = (
            data.stints.get(s as usize),
            data.stints
                .get((s as usize).saturating_add(1)..)
                .unwrap_or(&[]),
        ) else {
            continue;
        };
        if stint.temporary {
            continue;
        }
        let later = later.iter().take_while(|p| p.member == stint.member);
        let ratings = data.ratings_of(stint.member);
        for (&window, members) in windows.iter().zip(lists.iter_mut()) {
            if attributed_over(stint, later.clone(), window) {
                let year = window.start().year();
                members.push(Attributed {
                    member: stint.member,
                    rating: ratings.iter().find(|r| r.year == year),
                });
            }
        }
    }
}

/// The cell a member answers to over `window`, from their `postings`: that of their last
/// regular posting overlapping it, as [`attribute`] finds it from the cell's side.
pub(super) fn attributed_cell(postings: &[Stint], window: Period) -> Option<OrgIx> {
    postings
        .iter()
        .rev()
        .find(|p| counts_over(p, window))
        .map(|p| p.cell)
}

/// Whether `stint` makes its cell answer for the member over `window`: it is a regular
/// posting overlapping the window, and none of the member's `later` postings is.
fn attributed_over<'s>(
    stint: &Stint,
    mut later: impl Iterator<Item = &'s Stint>,
    window: Period,
) -> bool {
    counts_over(stint, window) && !later.any(|p| counts_over(p, window))
}

/// Whether a posting can make its cell answer for the member over `window`: a regular one
/// overlapping it.
fn counts_over(p: &Stint, window: Period) -> bool {
    !p.temporary && p.from <= window.end() && window.start() <= p.until
}
