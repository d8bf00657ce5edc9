//! Findings (kết quả đánh giá): a criterion's verdict on one unit over one period, with the
//! exact measure and the evidence naming the cells, meetings and members behind it.

use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::criteria::{Criterion, Shared};
use crate::dataset::{Dataset, OrgIx};
use crate::evaluation::Sheet;
use crate::id::Id;
use crate::model::{OrgLevel, RatingLevel, RatingResult, Reference};
use crate::period::{Month, Period, Quarter};
use crate::target::{Target, Threshold};

/// An exact ratio: `numerator` out of `denominator` (tử số / mẫu số).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Measure {
    /// Units that pass (cells, meetings, attendances, members, organisations).
    pub numerator: u64,
    /// Units judged.
    pub denominator: u64,
}

impl Measure {
    /// `numerator` out of `denominator`.
    pub const fn new(numerator: u64, denominator: u64) -> Measure {
        Measure {
            numerator,
            denominator,
        }
    }

    /// One unit judged: passing or not.
    pub const fn one(pass: bool) -> Measure {
        Measure::new(pass as u64, 1)
    }

    /// The sum of two measures, saturating (counts never approach `u64::MAX`).
    pub const fn plus(self, other: Measure) -> Measure {
        Measure::new(
            self.numerator.saturating_add(other.numerator),
            self.denominator.saturating_add(other.denominator),
        )
    }

    /// The sum of two measures, or `None` if a count would overflow `u64`.
    pub fn checked_plus(self, other: Measure) -> Option<Measure> {
        Some(Measure::new(
            self.numerator.checked_add(other.numerator)?,
            self.denominator.checked_add(other.denominator)?,
        ))
    }

    /// The rate as a fraction in [0, 1] (28 significant digits), `None` when nothing was judged.
    pub fn rate(&self) -> Option<Decimal> {
        if self.denominator == 0 {
            return None;
        }
        Decimal::from(self.numerator).checked_div(Decimal::from(self.denominator))
    }

    /// The rate as a percentage rounded to `decimals` places, half away from zero (the way
    /// reports round: 93,755% → 93,76%); `None` when nothing was judged.
    pub fn percent(&self, decimals: u32) -> Option<Decimal> {
        let rate = self.rate()?;
        rate.checked_mul(Decimal::ONE_HUNDRED).map(|p| {
            p.round_dp_with_strategy(
                decimals,
                rust_decimal::RoundingStrategy::MidpointAwayFromZero,
            )
        })
    }

    /// The sum of two measures, wrapping: for prefix sums, whose differences are exact
    /// whenever the measure between them fits in `u64`.
    pub(crate) const fn wrapping_plus(self, other: Measure) -> Measure {
        Measure::new(
            self.numerator.wrapping_add(other.numerator),
            self.denominator.wrapping_add(other.denominator),
        )
    }

    /// `self` less `earlier`, wrapping: the measure between two prefix sums.
    pub(crate) const fn wrapping_minus(self, earlier: Measure) -> Measure {
        Measure::new(
            self.numerator.wrapping_sub(earlier.numerator),
            self.denominator.wrapping_sub(earlier.denominator),
        )
    }

    /// Units that did not pass.
    pub const fn failing(&self) -> u64 {
        self.denominator.saturating_sub(self.numerator)
    }
}

impl std::iter::Sum for Measure {
    fn sum<I: Iterator<Item = Measure>>(iter: I) -> Measure {
        iter.fold(Measure::default(), Measure::plus)
    }
}

/// A criterion's verdict (kết luận) on one unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum Verdict {
    /// Ưu điểm: the target is met. Units below may still be named in the shortfalls.
    Strength,
    /// Hạn chế: the target is missed.
    Shortcoming,
    /// Không áp dụng: nothing to judge (no cells, no meetings of the kind, no rating year).
    NotApplicable,
    /// Không đủ dữ liệu: the records needed are missing (e.g. no roll call, no ratings).
    NotAssessable,
    /// Ghi nhận: a figure reported without a target (e.g. members admitted).
    Recorded,
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Verdict::Strength => "đạt",
            Verdict::Shortcoming => "chưa đạt",
            Verdict::NotApplicable => "không áp dụng",
            Verdict::NotAssessable => "không đủ dữ liệu",
            Verdict::Recorded => "ghi nhận",
        })
    }
}

/// Why a finding is not applicable or not assessable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum Reason {
    /// No unit of the kind the criterion judges lies in the scope and period.
    NothingToJudge,
    /// Meetings were recorded with totals only; the criterion needs a roll call.
    NoRollCall,
    /// No rating was recorded for the year.
    NoRatings,
    /// The period contains no whole month, quarter or rating year the criterion needs.
    NoWholeSpan,
    /// No count was reported for the unit or any unit below it (tally path).
    NotReported,
    /// The rule the criterion checks was not in force for the span.
    NotInForce,
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Reason::NothingToJudge => "không có đối tượng đánh giá trong phạm vi và kỳ",
            Reason::NoRollCall => "biên bản chỉ ghi tổng số, không có điểm danh từng đảng viên",
            Reason::NoRatings => "chưa có kết quả xếp loại của năm",
            Reason::NoWholeSpan => "kỳ đánh giá không chứa trọn tháng, quý hoặc năm cần xét",
            Reason::NotReported => "không có số liệu báo cáo",
            Reason::NotInForce => "quy định chưa có hiệu lực trong kỳ",
        })
    }
}

/// The organisation or cell a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Unit {
    /// Its id.
    pub id: Arc<str>,
    /// Its level.
    pub level: OrgLevel,
}

/// One criterion's result for one unit over one period (a year for annual criteria).
///
/// A view into an [`Evaluation`](crate::Evaluation), which keeps each criterion's evidence
/// once and hands out findings without copying it: the `unassessed` of a district are a slice
/// of its cells', and its `shortfalls` a view over its cells' that works out what each missed
/// when it is read (see [`Shortfalls`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Finding<'a> {
    /// The criterion.
    pub criterion: Criterion,
    /// The unit judged: a cell, a grassroots organisation, a district, a province.
    pub unit: &'a Unit,
    /// The period: the evaluation's, or one year of it for annual criteria.
    pub period: Period,
    /// The verdict.
    pub verdict: Verdict,
    /// Why, when not applicable or not assessable.
    pub reason: Option<Reason>,
    /// The exact measure, recomputed from the records below the unit.
    pub measure: Measure,
    /// A count reported beside the measure (members admitted for the admissions indicator).
    pub total: Option<u64>,
    /// The target the measure was compared with, if any.
    pub target: Option<Target>,
    /// The per-unit bar the units below were judged with, if the criterion has one.
    pub threshold: Option<Threshold>,
    /// The units below that fall short, with what they missed ("ở một số chi bộ"), in
    /// hierarchy order. Filled whatever the verdict.
    pub shortfalls: Shortfalls<'a>,
    /// The units below that could not be judged, with why (no roll call, no ratings, no count
    /// reported), in hierarchy order. The measure and verdict cover the other units only.
    pub unassessed: &'a [Unassessed],
}

/// The units below a finding's unit that fall short (những chi bộ còn hạn chế), in hierarchy
/// order: a view into an [`Evaluation`](crate::Evaluation).
///
/// The evaluation keeps only which units fall short; what each missed (the months, meetings
/// and members behind it) is worked out from the dataset as each [`Shortfall`] is read: the
/// criterion judges that unit again, this time gathering the evidence. Evaluating costs
/// nothing for evidence, and reading a shortfall costs a fresh look at one unit's records.
/// Judging is deterministic, so reading yields one shortfall per unit counted by
/// [`len`](Shortfalls::len). Compares, prints and serializes as the list of its shortfalls.
#[derive(Clone, Copy)]
pub struct Shortfalls<'a> {
    data: &'a Dataset,
    shared: &'a Shared,
    sheet: &'a Sheet,
    /// The evaluation's first unit, which `positions` count from.
    origin: OrgIx,
    /// Where the units that fall short are among the evaluation's units.
    positions: &'a [u32],
}

impl<'a> Shortfalls<'a> {
    pub(crate) fn new(
        data: &'a Dataset,
        shared: &'a Shared,
        sheet: &'a Sheet,
        origin: OrgIx,
        positions: &'a [u32],
    ) -> Shortfalls<'a> {
        Shortfalls {
            data,
            shared,
            sheet,
            origin,
            positions,
        }
    }

    /// The shortfall of the unit at `position`, judged again.
    fn at(&self, position: u32) -> Option<Shortfall> {
        let unit = self.origin.checked_add(position)?;
        self.sheet.shortfall(self.data, self.shared, unit)
    }

    /// How many units fall short.
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    /// Whether no unit falls short.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }

    /// The shortfalls, in hierarchy order, each worked out as it is reached.
    pub fn iter(&self) -> ShortfallsIter<'a> {
        ShortfallsIter { of: *self, next: 0 }
    }

    /// The `index`-th shortfall, if there are that many (worked out afresh at each call).
    pub fn get(&self, index: usize) -> Option<Shortfall> {
        self.at(*self.positions.get(index)?)
    }

    /// The first shortfall, if any (worked out afresh at each call).
    pub fn first(&self) -> Option<Shortfall> {
        self.get(0)
    }

    /// The shortfalls, in a list of their own.
    pub fn to_vec(&self) -> Vec<Shortfall> {
        self.iter().collect()
    }
}

/// The shortfalls of a [`Shortfalls`], each worked out as it is reached.
#[derive(Clone)]
pub struct ShortfallsIter<'a> {
    of: Shortfalls<'a>,
    next: usize,
}

impl Iterator for ShortfallsIter<'_> {
    type Item = Shortfall;

    fn next(&mut self) -> Option<Shortfall> {
        loop {
            let &position = self.of.positions.get(self.next)?;
            self.next = self.next.saturating_add(1);
            let shortfall = self.of.at(position);
            if shortfall.is_some() {
                return shortfall;
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.of.positions.len().saturating_sub(self.next)))
    }
}

impl std::iter::FusedIterator for ShortfallsIter<'_> {}

/// Shows how many shortfalls are left, without working them out.
impl std::fmt::Debug for ShortfallsIter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShortfallsIter")
            .field("left", &self.of.positions.len().saturating_sub(self.next))
            .finish()
    }
}

impl<'a> IntoIterator for Shortfalls<'a> {
    type Item = Shortfall;
    type IntoIter = ShortfallsIter<'a>;

    fn into_iter(self) -> ShortfallsIter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &Shortfalls<'a> {
    type Item = Shortfall;
    type IntoIter = ShortfallsIter<'a>;

    fn into_iter(self) -> ShortfallsIter<'a> {
        self.iter()
    }
}

impl PartialEq for Shortfalls<'_> {
    fn eq(&self, other: &Shortfalls<'_>) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Shortfalls<'_> {}

impl PartialEq<[Shortfall]> for Shortfalls<'_> {
    fn eq(&self, other: &[Shortfall]) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter().cloned())
    }
}

impl PartialEq<Vec<Shortfall>> for Shortfalls<'_> {
    fn eq(&self, other: &Vec<Shortfall>) -> bool {
        *self == *other.as_slice()
    }
}

impl<const N: usize> PartialEq<[Shortfall; N]> for Shortfalls<'_> {
    fn eq(&self, other: &[Shortfall; N]) -> bool {
        *self == *other.as_slice()
    }
}

impl std::fmt::Debug for Shortfalls<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Shortfalls<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// A unit below a finding's unit that could not be judged (đơn vị không đủ dữ liệu).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Unassessed {
    /// The cell's or organisation's id.
    pub unit: Arc<str>,
    /// Why it could not be judged.
    pub reason: Reason,
}

/// A cell (or grassroots organisation) that falls short, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Shortfall {
    /// The cell's or organisation's id.
    pub unit: Arc<str>,
    /// What it missed.
    pub detail: Detail,
}

/// What a unit missed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum Detail {
    /// Months without a regular meeting.
    MissingMonths(Vec<Month>),
    /// Quarters without a thematic meeting.
    MissingQuarters(Vec<Quarter>),
    /// Meetings that fell short, each with what it missed.
    Meetings(Vec<MeetingGap>),
    /// The cell's own participation measure, below the bar.
    Participation(Measure),
    /// Quarters whose meetings were not linked to every required document.
    Unlinked(Vec<QuarterGap>),
    /// Members who fall short, each with how.
    Members(Vec<MemberGap>),
    /// The cell's own rating, below "hoàn thành tốt nhiệm vụ".
    Rated(RatingLevel),
    /// Members rated excellent above the cap (HD 21).
    OverCap {
        /// Members rated "hoàn thành xuất sắc nhiệm vụ".
        excellent: u64,
        /// Members rated "hoàn thành tốt nhiệm vụ" or better.
        good_or_better: u64,
    },
    /// Too few official members on the cell's list.
    TooFewOfficial {
        /// Official members counted.
        official: u64,
        /// The day counted.
        on: NaiveDate,
    },
}

/// A meeting that fell short.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MeetingGap {
    /// The meeting's id.
    pub meeting: Id,
    /// Its day.
    pub date: NaiveDate,
    /// What it missed.
    pub gaps: Gaps,
}

/// One thing a meeting missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum Gap {
    /// Attendance below the bar: `present` of `expected`.
    Attendance {
        /// Present.
        present: u32,
        /// Expected.
        expected: u32,
    },
    /// Members absent without reason.
    UnexcusedAbsence(u32),
    /// Content, chi ủy meeting or draft resolution not prepared.
    NotPrepared,
    /// Documents not sent a day ahead (HD 42).
    DocumentsLate,
    /// Shorter than the rules' minimum: `minutes` of `required`.
    TooShort {
        /// Minutes it lasted.
        minutes: u16,
        /// Minutes required.
        required: u16,
    },
    /// Minutes book not fully kept.
    MinutesIncomplete,
    /// Party principles not observed.
    PrinciplesBreached,
    /// Conclusion not carried out.
    ConclusionNotCarriedOut,
    /// No quality self-assessment recorded.
    NoSelfAssessment,
    /// Content below requirements or off the planned programme.
    ContentBelowProgramme,
    /// Directives discussed without adapting them to local conditions.
    DirectivesNotAdapted,
    /// Last month not reviewed.
    LastMonthNotReviewed,
    /// Next month's tasks missing or without owner and deadline: `concrete` of `tasks`.
    TasksNotConcrete {
        /// Tasks set.
        tasks: u16,
        /// With owner and deadline.
        concrete: u16,
    },
}

/// A quarter whose meetings left documents unlinked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct QuarterGap {
    /// The quarter.
    pub quarter: Quarter,
    /// The documents no meeting of the quarter was linked to.
    pub missing: Vec<Reference>,
}

/// A member who falls short.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MemberGap {
    /// The member's id.
    pub member: Id,
    /// How.
    pub issue: MemberIssue,
}

/// How a member falls short.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum MemberIssue {
    /// Rated below "hoàn thành tốt nhiệm vụ".
    RatedBelow(RatingResult),
    /// Months of the year with a regular meeting missed without reason (Điều lệ Art. 8).
    UnexcusedMonths(Vec<Month>),
    /// Due for rating, but no rating recorded.
    NotRated,
}

/// What a meeting missed: a set of [`Gap`]s, at most one of each kind, listed in the order
/// of [`Gap`]'s variants.
///
/// Kept inline (no allocation): a country's evaluation names millions of meetings.
/// Serializes as the list of its gaps.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Gaps {
    /// One bit per kind of gap, by [`Gap::bit`].
    kinds: u16,
    present: u32,
    expected: u32,
    unexcused: u32,
    minutes: u16,
    required: u16,
    tasks: u16,
    concrete: u16,
}

impl Gap {
    /// Each kind of gap, in declaration order: its bit in [`Gaps`].
    const KINDS: [Gap; 13] = [
        Gap::Attendance {
            present: 0,
            expected: 0,
        },
        Gap::UnexcusedAbsence(0),
        Gap::NotPrepared,
        Gap::DocumentsLate,
        Gap::TooShort {
            minutes: 0,
            required: 0,
        },
        Gap::MinutesIncomplete,
        Gap::PrinciplesBreached,
        Gap::ConclusionNotCarriedOut,
        Gap::NoSelfAssessment,
        Gap::ContentBelowProgramme,
        Gap::DirectivesNotAdapted,
        Gap::LastMonthNotReviewed,
        Gap::TasksNotConcrete {
            tasks: 0,
            concrete: 0,
        },
    ];

    /// The bit of this kind of gap.
    const fn bit(self) -> u16 {
        1 << match self {
            Gap::Attendance { .. } => 0,
            Gap::UnexcusedAbsence(_) => 1,
            Gap::NotPrepared => 2,
            Gap::DocumentsLate => 3,
            Gap::TooShort { .. } => 4,
            Gap::MinutesIncomplete => 5,
            Gap::PrinciplesBreached => 6,
            Gap::ConclusionNotCarriedOut => 7,
            Gap::NoSelfAssessment => 8,
            Gap::ContentBelowProgramme => 9,
            Gap::DirectivesNotAdapted => 10,
            Gap::LastMonthNotReviewed => 11,
            Gap::TasksNotConcrete { .. } => 12,
        }
    }
}

impl Gaps {
    /// No gap.
    pub const fn new() -> Gaps {
        Gaps {
            kinds: 0,
            present: 0,
            expected: 0,
            unexcused: 0,
            minutes: 0,
            required: 0,
            tasks: 0,
            concrete: 0,
        }
    }

    /// Adds `gap`, replacing a gap of the same kind.
    pub fn insert(&mut self, gap: Gap) {
        self.kinds |= gap.bit();
        match gap {
            Gap::Attendance { present, expected } => {
                self.present = present;
                self.expected = expected;
            }
            Gap::UnexcusedAbsence(n) => self.unexcused = n,
            Gap::TooShort { minutes, required } => {
                self.minutes = minutes;
                self.required = required;
            }
            Gap::TasksNotConcrete { tasks, concrete } => {
                self.tasks = tasks;
                self.concrete = concrete;
            }
            _ => {}
        }
    }

    /// No gap when `ok`, else `gap` alone.
    pub(crate) fn unless(ok: bool, gap: Gap) -> Gaps {
        let mut gaps = Gaps::new();
        if !ok {
            gaps.insert(gap);
        }
        gaps
    }

    /// Whether the meeting missed nothing.
    pub const fn is_empty(&self) -> bool {
        self.kinds == 0
    }

    /// How many gaps.
    pub const fn len(&self) -> usize {
        self.kinds.count_ones() as usize
    }

    /// The gaps, in the order of [`Gap`]'s variants.
    pub fn iter(&self) -> impl Iterator<Item = Gap> + use<> {
        let gaps = *self;
        Gap::KINDS
            .into_iter()
            .filter(move |k| gaps.kinds & k.bit() != 0)
            .map(move |k| match k {
                Gap::Attendance { .. } => Gap::Attendance {
                    present: gaps.present,
                    expected: gaps.expected,
                },
                Gap::UnexcusedAbsence(_) => Gap::UnexcusedAbsence(gaps.unexcused),
                Gap::TooShort { .. } => Gap::TooShort {
                    minutes: gaps.minutes,
                    required: gaps.required,
                },
                Gap::TasksNotConcrete { .. } => Gap::TasksNotConcrete {
                    tasks: gaps.tasks,
                    concrete: gaps.concrete,
                },
                other => other,
            })
    }
}

impl FromIterator<Gap> for Gaps {
    fn from_iter<I: IntoIterator<Item = Gap>>(iter: I) -> Gaps {
        let mut gaps = Gaps::new();
        for g in iter {
            gaps.insert(g);
        }
        gaps
    }
}

impl<const N: usize> From<[Gap; N]> for Gaps {
    fn from(gaps: [Gap; N]) -> Gaps {
        gaps.into_iter().collect()
    }
}

impl std::fmt::Debug for Gaps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Gaps {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Gaps {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Gaps, D::Error> {
        Vec::<Gap>::deserialize(deserializer).map(Gaps::from_iter)
    }
}
