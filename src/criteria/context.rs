//! What a criterion sees while judging one unit (ngữ cảnh đánh giá): the dataset, the span,
//! its settings, and what the engine worked out once for the cell at hand.

use chrono::{Datelike, NaiveDate};

use super::{CriteriaSet, Criterion, Settings};
use crate::dataset::{Dataset, Meeting, MemberIx, Org, OrgIx, Rating, span};
use crate::finding::{Detail, Gap, Gaps, Measure, MeetingGap, Reason};
use crate::id::Id;
use crate::model::{RatingLevel, RatingResult};
use crate::period::{Month, Period, Quarter};
use crate::rules::MeetingRules;
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
    pub(crate) span: Period,
    /// The meetings the unit held in the span ([`meetings_in`]), looked up once for all the
    /// criteria measured over the span.
    pub(crate) meetings: &'a [Meeting],
    pub(crate) settings: &'a Settings,
    pub(crate) calendar: &'a Calendar,
    pub(crate) shared: &'a Shared,
    /// The members the cell being judged answers for.
    pub(crate) roll: &'a Roll<'a>,
    /// How many of [`Ctx::meetings`] meet the standard, worked out by the first criterion that
    /// asks ([`Ctx::by_standard`]).
    pub(crate) standard: &'a std::cell::OnceCell<StandardCounts>,
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
        held: impl Fn(&Meeting) -> bool,
    ) -> Result<Gather<S>, Outcome> {
        let mut required = required.peekable();
        if required.peek().is_none() {
            return Err(self.no_whole_span(org));
        }
        // Both run in date order: one pass over each.
        let mut days = self
            .meetings
            .iter()
            .filter(|m| held(m))
            .map(|m| m.date)
            .peekable();
        let mut missing = self.gather();
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
            .shared
            .standard_bar
            .and_then(|bar| bar.passes(attendance))
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

    /// Members the cell answers for over `window` (see [`attribute`]), each with their rating
    /// for the window's year: read from the roll when it holds the cell, else worked out here.
    pub(crate) fn attributed_members(
        &self,
        cell: OrgIx,
        org: &'a Org,
        window: Period,
    ) -> std::borrow::Cow<'a, [Attributed<'a>]> {
        match self.roll.get(cell, window) {
            Some(members) => std::borrow::Cow::Borrowed(members),
            None => {
                let mut lists = [Vec::new()];
                attribute(self.data, org, &[window], &mut lists);
                let [members] = lists;
                std::borrow::Cow::Owned(members)
            }
        }
    }

    /// How the members the cell answers for over `window` were rated: read from the roll when
    /// it holds the cell, else counted here.
    pub(crate) fn rating_counts(&self, cell: OrgIx, org: &'a Org, window: Period) -> RatingCounts {
        self.roll
            .counts(cell, window)
            .unwrap_or_else(|| RatingCounts::of(&self.attributed_members(cell, org, window)))
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
///
/// Found by walking the cell's meetings from the first, not by halving: a cell holds a few
/// dozen meetings, which the criteria read next, and a walk brings them into the cache in
/// order where a binary search waits on each probe in turn.
pub(crate) fn meetings_in<'a>(data: &'a Dataset, org: &Org, span: Period) -> &'a [Meeting] {
    let all = data.meetings_of(org);
    let lo = all
        .iter()
        .position(|m| m.date >= span.start())
        .unwrap_or(all.len());
    let rest = all.get(lo..).unwrap_or(&[]);
    let len = rest
        .iter()
        .position(|m| m.date > span.end())
        .unwrap_or(rest.len());
    rest.get(..len).unwrap_or(&[])
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
        let mut short = self.gather();
        for m in meetings {
            let g = gaps(m);
            measure = measure.plus(Measure::one(g.is_empty()));
            if !g.is_empty() {
                short.push(|| MeetingGap {
                    meeting: self.data.meeting_ident(m),
                    date: m.date,
                    gaps: g,
                });
            }
        }
        (measure, short.into_detail(Detail::Meetings))
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
        self.meetings_measured(meetings, gaps).into_unit()
    }

    /// Meeting-level measure of the `series` by the standard ([`Ctx::standard_gaps`]); `Skip`
    /// when the cell held none. Without evidence, read from the counts the first criterion to
    /// ask worked out for the cell and span.
    pub(crate) fn by_standard(&self, series: Series) -> Outcome {
        if self.evidence {
            let meetings = self.meetings.iter().filter(|m| series.holds(m.kind));
            return self.meetings_measured(meetings, |m| self.standard_gaps(m));
        }
        let standard = self.standard.get_or_init(|| StandardCounts::of(self));
        let measure = match series {
            Series::Regular => standard.regular,
            Series::Thematic => standard.thematic,
        };
        match measure.denominator {
            0 => Outcome::Skip,
            _ => Outcome::measured(
                measure,
                (measure.numerator < measure.denominator).then(|| Detail::Meetings(Vec::new())),
            ),
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

/// The meetings a criterion judges by the standard: the regular ones (sinh hoạt thường kỳ) or
/// the thematic ones (chuyên đề); a combined session is both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Series {
    Regular,
    Thematic,
}

impl Series {
    fn holds(self, kind: crate::model::MeetingKind) -> bool {
        match self {
            Series::Regular => kind.is_regular(),
            Series::Thematic => kind.is_thematic(),
        }
    }
}

/// How many of a unit's meetings over a span meet the standard, regular and thematic apart
/// (a combined session is both): the criteria judging by the standard (I03, I04, R01) share
/// it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct StandardCounts {
    regular: Measure,
    thematic: Measure,
}

impl StandardCounts {
    fn of(cx: &Ctx<'_>) -> StandardCounts {
        let mut standard = StandardCounts::default();
        for m in cx.meetings {
            let regular = Series::Regular.holds(m.kind);
            let thematic = Series::Thematic.holds(m.kind);
            if !(regular || thematic) {
                continue;
            }
            let pass = Measure::one(cx.standard_gaps(m).is_empty());
            if regular {
                standard.regular = standard.regular.plus(pass);
            }
            if thematic {
                standard.thematic = standard.thematic.plus(pass);
            }
        }
        standard
    }
}

/// The months and quarters lying wholly inside a span, with their first and last days,
/// worked out once per span.
#[derive(Debug, Clone)]
pub(crate) struct Calendar {
    months: Vec<Dated<Month>>,
    quarters: Vec<Dated<Quarter>>,
}

/// A month or quarter with its first and last days.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dated<T> {
    pub(crate) of: T,
    pub(crate) first: NaiveDate,
    pub(crate) last: NaiveDate,
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
                })
                .collect(),
            quarters: span
                .quarters()
                .map(|q| Dated {
                    of: q,
                    first: q.first_day(),
                    last: q.last_day(),
                })
                .filter(|q| span.start() <= q.first && q.last <= span.end())
                .collect(),
        }
    }
}

/// What every criterion may read, the same for every task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Shared {
    /// The attendance bar of the meeting standard: R01's setting, which I03 and I04 share.
    standard_bar: Option<RateBar>,
}

impl Shared {
    pub(crate) fn new(criteria: &CriteriaSet) -> Shared {
        Shared {
            standard_bar: criteria
                .settings(Criterion::MeetingStandard)
                .threshold
                .map(RateBar::new),
        }
    }
}

/// The members each cell of one subtree answers for over each window: filled once per
/// grassroots organisation, for its cells, so that the organisation's own criteria (R03) and
/// each cell's read the same lists.
#[derive(Debug, Default)]
pub(crate) struct Roll<'a> {
    /// The organisations filled, in hierarchy order.
    orgs: std::ops::Range<OrgIx>,
    windows: Vec<Period>,
    /// One list per organisation of `orgs` and window, organisation by organisation; the
    /// lists of organisations that are not cells stay empty. Kept from subtree to subtree, so
    /// filling them seldom allocates.
    lists: Vec<Vec<Attributed<'a>>>,
    /// How the members of each list were rated, in the same order.
    counts: Vec<RatingCounts>,
}

/// How the members a cell answers for over a window were rated: counted once while
/// attributing them, for the criteria that judge by them (I10, R03).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct RatingCounts {
    /// Members attributed.
    pub(crate) members: u64,
    /// With a rating record for the year: a level, or not rated with a reason.
    pub(crate) recorded: u64,
    /// Rated at a level.
    pub(crate) rated: u64,
    /// Rated "hoàn thành tốt nhiệm vụ" or better.
    pub(crate) good: u64,
    /// Rated "hoàn thành xuất sắc nhiệm vụ".
    pub(crate) excellent: u64,
}

impl RatingCounts {
    fn of(members: &[Attributed<'_>]) -> RatingCounts {
        let mut counts = RatingCounts::default();
        for a in members {
            let level = a.rating.and_then(|r| match r.result {
                RatingResult::Rated(level) => Some(level),
                _ => None,
            });
            let one = |yes: bool| u64::from(yes);
            counts = counts.plus(RatingCounts {
                members: 1,
                recorded: one(a.rating.is_some()),
                rated: one(level.is_some()),
                good: one(level.is_some_and(RatingLevel::is_good_or_better)),
                excellent: one(level == Some(RatingLevel::Excellent)),
            });
        }
        counts
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
    /// Whether `ix` lies in the subtree filled last.
    pub(crate) fn covers(&self, ix: OrgIx) -> bool {
        self.orgs.contains(&ix)
    }

    /// Fills the lists of every cell of `orgs`, a subtree in hierarchy order.
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
            .resize_with(wanted.max(self.lists.len()), Vec::new);
        self.counts.clear();
        self.orgs = orgs.clone();
        let width = windows.len().max(1);
        for (ix, lists) in orgs.zip(self.lists.chunks_mut(width)) {
            if let Some(org) = data.orgs.get(ix as usize).filter(|o| o.level.is_cell()) {
                attribute(data, org, windows, lists);
            }
            self.counts
                .extend(lists.iter().map(|list| RatingCounts::of(list)));
        }
    }

    /// Where the list of `cell` over `window` is, if the roll holds it.
    fn slot(&self, cell: OrgIx, window: Period) -> Option<usize> {
        let w = self.windows.iter().position(|&w| w == window)?;
        let at = (cell.checked_sub(self.orgs.start)? as usize)
            .checked_mul(self.windows.len())?
            .checked_add(w)?;
        self.covers(cell).then_some(at)
    }

    fn get(&self, cell: OrgIx, window: Period) -> Option<&[Attributed<'a>]> {
        self.lists.get(self.slot(cell, window)?).map(Vec::as_slice)
    }

    fn counts(&self, cell: OrgIx, window: Period) -> Option<RatingCounts> {
        self.counts.get(self.slot(cell, window)?).copied()
    }
}

/// Adds to `lists` the members the cell `org` answers for over each of `windows` (one list
/// per window), with their rating for the window's year: those whose last regular posting
/// overlapping it (within their membership) is at this cell. Each member is attributed to
/// exactly one cell per window (inferred). One pass over the cell's postings serves every
/// window, and reads no member record.
fn attribute<'a>(
    data: &'a Dataset,
    org: &Org,
    windows: &[Period],
    lists: &mut [Vec<Attributed<'a>>],
) {
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
        for (&window, members) in windows.iter().zip(lists.iter_mut()) {
            if attributed_over(stint, later.clone(), window) {
                let year = window.start().year();
                members.push(Attributed {
                    member: stint.member,
                    rating: data
                        .ratings_of(stint.member)
                        .iter()
                        .find(|r| r.year == year),
                });
            }
        }
    }
}

/// Whether `stint` makes its cell answer for the member over `window`: it is a regular
/// posting overlapping the window, and none of the member's `later` postings is.
fn attributed_over<'s>(
    stint: &crate::dataset::Stint,
    mut later: impl Iterator<Item = &'s crate::dataset::Stint>,
    window: Period,
) -> bool {
    let overlaps = |p: &crate::dataset::Stint| {
        !p.temporary && p.from <= window.end() && window.start() <= p.until
    };
    overlaps(stint) && !later.any(overlaps)
}
