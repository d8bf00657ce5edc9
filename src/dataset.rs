//! The validated, indexed dataset (bộ dữ liệu đã kiểm tra): the only place input is checked.
//!
//! [`Dataset::build`] reads [`Records`], reports **every** problem at once as a [`BuildError`],
//! and otherwise returns a store laid out for evaluation: dense `u32` indexes, organisations in
//! depth-first order (so every organisation's subtree is one contiguous range), members in id
//! order, meetings sorted by cell and date, and attendance kept as totals plus the list of
//! absentees. [`DatasetBuilder`] does the same from records given one at a time, for datasets
//! too large to hold as [`Records`]; [`Dataset::build`] feeds one.

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{BuildHasher, RandomState};
use std::num::NonZeroU8;
use std::ops::Range;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use crate::error::{BuildError, Location, Problem, ProblemKind, RecordKind};
use crate::id::{Id, Text, Texts};
use crate::model::{
    AdmissionRecord, Attendance, CellKind, Exit, LeaveKind, MeetingKind, MeetingQuality,
    MeetingRecord, MemberRecord, OrgLevel, OrganisationRecord, Presence, RatingRecord,
    RatingResult, RatingSubject, RecordSink, Records, SelfAssessment,
};
use crate::rules::{RatingRules, Unratable};

/// Index of an organisation in a [`Dataset`] (depth-first order).
pub(crate) type OrgIx = u32;
/// Index of a member in a [`Dataset`].
pub(crate) type MemberIx = u32;

/// Where a member stands with a cell on a day (tình trạng sinh hoạt).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum Expectation {
    /// Phải sinh hoạt: expected at the cell's meetings that day.
    Due,
    /// On the cell's list but exempted (miễn sinh hoạt): not expected, counted if present.
    Exempted,
    /// On the cell's list but suspended (đình chỉ sinh hoạt): not expected.
    Suspended,
    /// On the cell's list but meeting temporarily in another cell (sinh hoạt tạm thời nơi khác).
    Elsewhere,
    /// Not on the cell's list that day.
    NotListed,
}

/// Attendance totals of one meeting (số liệu dự họp), as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Turnout {
    /// Members expected, plus exempted members who came.
    pub expected: u32,
    /// Present.
    pub present: u32,
    /// Absent with a reason.
    pub with_reason: u32,
    /// Absent without a reason.
    pub without_reason: u32,
}

#[derive(Debug, Clone)]
pub(crate) struct Org {
    pub(crate) id: std::sync::Arc<str>,
    pub(crate) name: Box<str>,
    pub(crate) level: OrgLevel,
    pub(crate) kind: Option<CellKind>,
    pub(crate) parent: Option<OrgIx>,
    pub(crate) founded: Option<NaiveDate>,
    pub(crate) dissolved: Option<NaiveDate>,
    /// This organisation and its descendants are `self..subtree_end` in depth-first order.
    pub(crate) subtree_end: OrgIx,
    pub(crate) meetings: Range<u32>,
    pub(crate) roster: Range<u32>,
    pub(crate) admissions: Range<u32>,
}

impl Org {
    /// Whether the organisation existed on `date`.
    pub(crate) fn alive_on(&self, date: NaiveDate) -> bool {
        self.founded.is_none_or(|f| f <= date) && self.dissolved.is_none_or(|d| date <= d)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Member {
    /// In the dataset's `member_texts`.
    pub(crate) id: Text,
    pub(crate) name: Option<Text>,
    pub(crate) admitted: NaiveDate,
    pub(crate) official: Option<NaiveDate>,
    pub(crate) exit: Option<Exit>,
    /// Their postings in the dataset's `stints`: together, by start date (regular before
    /// temporary on the same day), so a posting's later ones follow it there.
    pub(crate) postings: Range<u32>,
    pub(crate) leaves: Range<u32>,
}

/// A member's stretch in one cell, `from..=until`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stint {
    pub(crate) member: MemberIx,
    pub(crate) cell: OrgIx,
    pub(crate) from: NaiveDate,
    pub(crate) until: NaiveDate,
    pub(crate) temporary: bool,
}

impl Stint {
    fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.until
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct LeaveSpan {
    pub(crate) kind: LeaveKind,
    pub(crate) from: NaiveDate,
    pub(crate) until: NaiveDate,
}

/// Boolean facts of a meeting, packed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Flags(u16);

impl Flags {
    pub(crate) const CONTENT_PREPARED: u16 = 1;
    pub(crate) const COMMITTEE_MET: u16 = 1 << 1;
    pub(crate) const NO_COMMITTEE: u16 = 1 << 2;
    pub(crate) const DRAFT_RESOLUTION: u16 = 1 << 3;
    pub(crate) const DOCUMENTS_AHEAD: u16 = 1 << 4;
    pub(crate) const MINUTES_KEPT: u16 = 1 << 5;
    pub(crate) const PRINCIPLES: u16 = 1 << 6;
    pub(crate) const CONCLUSION: u16 = 1 << 7;
    pub(crate) const FOLLOWS_PROGRAMME: u16 = 1 << 8;
    pub(crate) const LAST_MONTH_REVIEWED: u16 = 1 << 9;
    pub(crate) const DIRECTIVES_DISCUSSED: u16 = 1 << 10;
    pub(crate) const DIRECTIVES_ADAPTED: u16 = 1 << 11;
    pub(crate) const ROLL_CALL: u16 = 1 << 12;
    /// Not a fact recorded but one worked out from the others when the meeting is added: it
    /// meets the standard (buổi sinh hoạt đạt chất lượng) of HD 12 / HD 42 in every item but
    /// the attendance bar (tỷ lệ đảng viên dự), which each evaluation's settings give
    /// (`meeting_standard::gaps_but_bar`).
    pub(crate) const MEETS_STANDARD_BUT_BAR: u16 = 1 << 13;

    pub(crate) fn has(self, bit: u16) -> bool {
        self.0 & bit != 0
    }

    fn set(&mut self, bit: u16, on: bool) {
        if on {
            self.0 |= bit;
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Meeting {
    /// In the dataset's `meeting_ids`.
    pub(crate) id: Text,
    pub(crate) cell: OrgIx,
    pub(crate) date: NaiveDate,
    pub(crate) kind: MeetingKind,
    pub(crate) duration: u16,
    pub(crate) flags: Flags,
    pub(crate) references: u8,
    pub(crate) tasks: u16,
    pub(crate) concrete_tasks: u16,
    pub(crate) turnout: Totals,
    /// Where its absentees start in the dataset's `absences` (a roll call's only): those
    /// absent with a reason, then those without, as many as the totals say.
    pub(crate) absences: u32,
    pub(crate) assessment: Option<Assessment>,
}

/// A meeting's self-assessment as the dataset keeps it: two bytes, with or without the
/// `Option` around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Assessment {
    /// The level given, if any.
    pub(crate) level: Option<MeetingQuality>,
    /// The score given, if any.
    pub(crate) score: Option<Score>,
}

impl From<SelfAssessment> for Assessment {
    fn from(a: SelfAssessment) -> Assessment {
        Assessment {
            level: a.level,
            score: a.score.and_then(Score::new),
        }
    }
}

/// A score on the 100-point sheet, kept plus one in a byte that is never zero.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Score(NonZeroU8);

impl Score {
    /// `None` for 255, which is above the sheet's 100 and reported as such
    /// ([`ProblemKind::ScoreOutOfRange`]): a dataset never keeps it.
    fn new(score: u8) -> Option<Score> {
        score.checked_add(1).and_then(NonZeroU8::new).map(Score)
    }

    /// The score.
    pub(crate) fn get(self) -> u8 {
        self.0.get().saturating_sub(1)
    }
}

impl fmt::Debug for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Score").field(&self.get()).finish()
    }
}

impl Meeting {
    /// Its absentees' place in the dataset's `absences`.
    fn absence_range(&self) -> Range<u32> {
        let count = if self.flags.has(Flags::ROLL_CALL) {
            self.turnout.absent()
        } else {
            0
        };
        self.absences..self.absences.saturating_add(count)
    }
}

/// A meeting's attendance totals as the dataset keeps them: [`Turnout`] without the members
/// absent with a reason, who are the rest (the totals add up in a built dataset: counts that
/// do not are a problem, and a roll call's add up by construction).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Totals {
    /// Members expected, plus exempted members who came.
    pub(crate) expected: u32,
    /// Present.
    pub(crate) present: u32,
    /// Absent without a reason.
    pub(crate) without_reason: u32,
}

impl Totals {
    /// Absent, with a reason or without.
    pub(crate) fn absent(self) -> u32 {
        self.expected.saturating_sub(self.present)
    }

    /// Absent with a reason.
    pub(crate) fn with_reason(self) -> u32 {
        self.absent().saturating_sub(self.without_reason)
    }
}

impl From<Turnout> for Totals {
    fn from(t: Turnout) -> Totals {
        Totals {
            expected: t.expected,
            present: t.present,
            without_reason: t.without_reason,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Rating<S> {
    pub(crate) subject: S,
    pub(crate) year: i32,
    pub(crate) result: RatingResult,
    pub(crate) disciplined: Option<bool>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Admission {
    pub(crate) member: MemberIx,
    pub(crate) date: NaiveDate,
}

/// A validated, indexed dataset (bộ dữ liệu): build once, evaluate many times.
///
/// ```
/// use chibo::{Dataset, Records, OrganisationRecord, OrgLevel};
///
/// let records = Records {
///     organisations: vec![OrganisationRecord {
///         id: "xa-a".into(), name: "Đảng bộ xã A".into(), level: OrgLevel::PartyCommittee,
///         parent: None, kind: None, founded_on: None, dissolved_on: None,
///     }],
///     ..Records::default()
/// };
/// let dataset = Dataset::build(&records)?;
/// assert_eq!(dataset.organisation("xa-a").map(|o| o.level()), Some(OrgLevel::PartyCommittee));
/// # Ok::<(), chibo::BuildError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Dataset {
    pub(crate) orgs: Vec<Org>,
    pub(crate) members: Vec<Member>,
    /// Every member's postings, member by member, each member's by start date.
    pub(crate) stints: Vec<Stint>,
    /// Indexes into `stints`, grouped by cell.
    pub(crate) roster: Vec<u32>,
    pub(crate) leaves: Vec<LeaveSpan>,
    pub(crate) meetings: Vec<Meeting>,
    /// The absentees of meetings with a roll call, meeting by meeting (see
    /// [`Meeting::absences`]).
    pub(crate) absences: Vec<MemberIx>,
    /// Sorted by (member, year).
    pub(crate) member_ratings: Vec<Rating<MemberIx>>,
    /// Sorted by (organisation, year).
    pub(crate) org_ratings: Vec<Rating<OrgIx>>,
    /// Grouped by cell, sorted by date.
    pub(crate) admissions: Vec<Admission>,
    org_by_id: Vec<OrgIx>,
    /// For member `m`, `member_ratings[rating_from[m]..rating_from[m + 1]]` are their ratings.
    rating_from: Vec<u32>,
    /// For organisation `o`, `org_ratings[org_rating_from[o]..org_rating_from[o + 1]]` are its
    /// ratings: a cell's is found without searching the whole list.
    org_rating_from: Vec<u32>,
    /// For member `m`, `unexcused[unexcused_from[m]..unexcused_from[m + 1]]` are the days they
    /// missed a regular meeting without reason, in order, each once.
    unexcused_from: Vec<u32>,
    unexcused: Vec<NaiveDate>,
    /// What the members each cell answers for come to in each calendar year of records, for
    /// R02, R05, I10 and R03: worked out by the criteria's own functions when the dataset is
    /// built, so that no evaluation pays for them.
    pub(crate) cell_years: crate::criteria::CellYears,
    /// Members' ids and names, one buffer for all.
    member_texts: Texts,
    /// Meetings' ids, one buffer for all.
    meeting_ids: Texts,
}

/// A slice of `items` by a stored range; empty if the range is out of bounds (it never is).
pub(crate) fn span<'a, T>(items: &'a [T], range: &Range<u32>) -> &'a [T] {
    items
        .get(range.start as usize..range.end as usize)
        .unwrap_or(&[])
}

/// `usize` → `u32`, saturating at `u32::MAX` (over four billion records of one kind: beyond
/// what the crate is built for, and beyond any country's records).
pub(crate) fn ix(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Looks up `id` in a list of indexes sorted by the id each points at.
fn find<T>(sorted: &[u32], items: &[T], id: &str, key: impl Fn(&T) -> &str) -> Option<u32> {
    sorted
        .binary_search_by(|&i| items.get(i as usize).map_or("", |item| key(item)).cmp(id))
        .ok()
        .and_then(|p| sorted.get(p).copied())
}

fn sorted_by_id<T>(items: &[T], key: impl Fn(&T) -> &str) -> Vec<u32> {
    let mut order: Vec<u32> = (0..items.len()).map(ix).collect();
    order.sort_unstable_by(|&a, &b| {
        let k = |i: u32| items.get(i as usize).map_or("", |t| key(t));
        k(a).cmp(k(b))
    });
    order
}

/// A read-only view of one organisation or cell.
#[derive(Debug, Clone, Copy)]
pub struct OrgRef<'a> {
    dataset: &'a Dataset,
    ix: OrgIx,
    org: &'a Org,
}

impl<'a> OrgRef<'a> {
    /// Its id.
    pub fn id(&self) -> &'a str {
        &self.org.id
    }
    /// Its name.
    pub fn name(&self) -> &'a str {
        &self.org.name
    }
    /// Its level.
    pub fn level(&self) -> OrgLevel {
        self.org.level
    }
    /// Its kind (loại hình), if given.
    pub fn kind(&self) -> Option<CellKind> {
        self.org.kind
    }
    /// The organisation directly above it.
    pub fn parent(&self) -> Option<OrgRef<'a>> {
        self.org.parent.and_then(|p| self.dataset.org_ref(p))
    }
    /// Its founding day, if given.
    pub fn founded_on(&self) -> Option<NaiveDate> {
        self.org.founded
    }
    /// Its last day, if dissolved.
    pub fn dissolved_on(&self) -> Option<NaiveDate> {
        self.org.dissolved
    }
    /// The cells in its subtree, itself included if it is a cell, in depth-first order.
    pub fn cells(&self) -> impl Iterator<Item = OrgRef<'a>> + use<'a> {
        let d = self.dataset;
        (self.ix..self.org.subtree_end)
            .filter_map(move |i| d.org_ref(i))
            .filter(|o| o.level().is_cell())
    }
    /// How many meetings it held (cells only; 0 for other organisations).
    pub fn meeting_count(&self) -> usize {
        self.org.meetings.len()
    }
}

/// A read-only view of one member.
#[derive(Debug, Clone, Copy)]
pub struct MemberRef<'a> {
    member: &'a Member,
    texts: &'a Texts,
}

impl<'a> MemberRef<'a> {
    /// Their id.
    pub fn id(&self) -> &'a str {
        self.texts.get(self.member.id)
    }
    /// Their display name, if given.
    pub fn name(&self) -> Option<&'a str> {
        self.member.name.map(|n| self.texts.get(n))
    }
    /// Day of admission.
    pub fn admitted_on(&self) -> NaiveDate {
        self.member.admitted
    }
    /// Day made official, if they are.
    pub fn official_on(&self) -> Option<NaiveDate> {
        self.member.official
    }
    /// Whether they were probationary (dự bị) on `date`.
    pub fn probationary_on(&self, date: NaiveDate) -> bool {
        self.member.admitted <= date && self.member.official.is_none_or(|o| date < o)
    }
    /// How their membership ended, if it did.
    pub fn exit(&self) -> Option<&'a Exit> {
        self.member.exit.as_ref()
    }
}

/// How many records of each kind a dataset holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RecordCounts {
    /// Organisations, cells included.
    pub organisations: u64,
    /// Cells.
    pub cells: u64,
    /// Members.
    pub members: u64,
    /// Meetings.
    pub meetings: u64,
    /// Member and organisation ratings.
    pub ratings: u64,
    /// Admissions.
    pub admissions: u64,
    /// Attendance facts: members expected summed over meetings (one per member per meeting).
    pub attendance: u64,
}

impl Dataset {
    /// Validates and indexes `records`, or returns every problem found.
    ///
    /// # Errors
    /// A [`BuildError`] listing each [`Problem`] with its [`Location`], sorted by location.
    pub fn build(records: &Records) -> Result<Dataset, BuildError> {
        let mut builder = Dataset::builder();
        for r in &records.organisations {
            builder.organisation(r);
        }
        for r in &records.members {
            builder.member(r);
        }
        for r in &records.meetings {
            builder.meeting(r);
        }
        for r in &records.ratings {
            builder.rating(r);
        }
        for r in &records.admissions {
            builder.admission(r);
        }
        builder.finish()
    }

    /// A builder that takes records one at a time (every organisation, then every member,
    /// then meetings, ratings and admissions) and checks each as it comes; see
    /// [`DatasetBuilder`].
    pub fn builder() -> DatasetBuilder {
        DatasetBuilder::default()
    }

    /// A dataset with nothing in it, to fill.
    fn empty() -> Dataset {
        Dataset {
            orgs: Vec::new(),
            members: Vec::new(),
            stints: Vec::new(),
            roster: Vec::new(),
            leaves: Vec::new(),
            meetings: Vec::new(),
            absences: Vec::new(),
            member_ratings: Vec::new(),
            org_ratings: Vec::new(),
            admissions: Vec::new(),
            org_by_id: Vec::new(),
            rating_from: Vec::new(),
            org_rating_from: Vec::new(),
            unexcused_from: Vec::new(),
            unexcused: Vec::new(),
            cell_years: crate::criteria::CellYears::default(),
            member_texts: Texts::default(),
            meeting_ids: Texts::default(),
        }
    }

    /// A member's id.
    pub(crate) fn member_id(&self, m: &Member) -> &str {
        self.member_texts.get(m.id)
    }

    /// A member's id, to name them in a finding.
    pub(crate) fn member_ident(&self, m: &Member) -> Id {
        self.member_texts.id(m.id)
    }

    /// A meeting's id, to name it in a finding.
    pub(crate) fn meeting_ident(&self, m: &Meeting) -> Id {
        self.meeting_ids.id(m.id)
    }

    /// The organisation or cell with this id.
    pub fn organisation(&self, id: &str) -> Option<OrgRef<'_>> {
        self.org_ix(id).and_then(|i| self.org_ref(i))
    }

    /// Every organisation, parents before children.
    pub fn organisations(&self) -> impl Iterator<Item = OrgRef<'_>> {
        (0..ix(self.orgs.len())).filter_map(|i| self.org_ref(i))
    }

    /// The member with this id.
    pub fn member(&self, id: &str) -> Option<MemberRef<'_>> {
        self.member_ix(id)
            .and_then(|i| self.members.get(i as usize))
            .map(|member| MemberRef {
                member,
                texts: &self.member_texts,
            })
    }

    /// Where `member` stood with `cell` on `date`: expected at its meetings, exempted,
    /// suspended, meeting elsewhere, or not listed. `None` if either id is unknown.
    pub fn expectation(&self, member: &str, cell: &str, date: NaiveDate) -> Option<Expectation> {
        let m = self.member_ix(member)?;
        let c = self.org_ix(cell)?;
        Some(self.expectation_ix(m, c, date))
    }

    /// How many records of each kind it holds.
    pub fn counts(&self) -> RecordCounts {
        let n = |len: usize| u64::try_from(len).unwrap_or(u64::MAX);
        RecordCounts {
            organisations: n(self.orgs.len()),
            cells: n(self.orgs.iter().filter(|o| o.level.is_cell()).count()),
            members: n(self.members.len()),
            meetings: n(self.meetings.len()),
            ratings: n(self
                .member_ratings
                .len()
                .saturating_add(self.org_ratings.len())),
            admissions: n(self.admissions.len()),
            attendance: self
                .meetings
                .iter()
                .map(|m| u64::from(m.turnout.expected))
                .fold(0, u64::saturating_add),
        }
    }

    /// Members are in id order.
    fn member_ix(&self, id: &str) -> Option<MemberIx> {
        self.members
            .binary_search_by(|m| self.member_id(m).cmp(id))
            .ok()
            .map(ix)
    }

    pub(crate) fn org_ix(&self, id: &str) -> Option<OrgIx> {
        find(&self.org_by_id, &self.orgs, id, |o| &o.id)
    }

    pub(crate) fn org_ref(&self, ix: OrgIx) -> Option<OrgRef<'_>> {
        self.orgs.get(ix as usize).map(|org| OrgRef {
            dataset: self,
            ix,
            org,
        })
    }

    pub(crate) fn expectation_ix(&self, m: MemberIx, cell: OrgIx, date: NaiveDate) -> Expectation {
        let Some(member) = self.members.get(m as usize) else {
            return Expectation::NotListed;
        };
        expectation_of(member, &self.stints, &self.leaves, cell, date)
    }

    /// The postings on a cell's list on `date`: one per member there that day, regular or
    /// temporary.
    pub(crate) fn roster_on(&self, cell: OrgIx, date: NaiveDate) -> impl Iterator<Item = &Stint> {
        let range = self
            .orgs
            .get(cell as usize)
            .map_or(0..0, |o| o.roster.clone());
        span(&self.roster, &range)
            .iter()
            .filter_map(|&s| self.stints.get(s as usize))
            .filter(move |s| s.covers(date))
    }

    pub(crate) fn meetings_of(&self, org: &Org) -> &[Meeting] {
        span(&self.meetings, &org.meetings)
    }

    /// A meeting's absentees: those absent with a reason, and those without.
    pub(crate) fn absences_of(&self, meeting: &Meeting) -> (&[MemberIx], &[MemberIx]) {
        let all = span(&self.absences, &meeting.absence_range());
        all.split_at_checked(meeting.turnout.with_reason() as usize)
            .unwrap_or((all, &[]))
    }

    /// A member's ratings, by year.
    pub(crate) fn ratings_of(&self, member: MemberIx) -> &[Rating<MemberIx>] {
        run(&self.member_ratings, &self.rating_from, member)
    }

    /// An organisation's ratings, by year.
    pub(crate) fn org_ratings_of(&self, org: OrgIx) -> &[Rating<OrgIx>] {
        run(&self.org_ratings, &self.org_rating_from, org)
    }

    /// The days a member missed a regular meeting without reason, in order.
    pub(crate) fn unexcused_days(&self, member: MemberIx) -> &[NaiveDate] {
        run(&self.unexcused, &self.unexcused_from, member)
    }

    /// Indexes the ratings by member and organisation, and unexcused absences by member.
    fn index_by_subject(&mut self) {
        let members = self.members.len();
        self.rating_from = offsets(members, self.member_ratings.iter().map(|r| r.subject));
        self.org_rating_from = offsets(self.orgs.len(), self.org_ratings.iter().map(|r| r.subject));
        let missed = self
            .meetings
            .iter()
            .filter(|m| m.kind.is_regular())
            .flat_map(|m| self.absences_of(m).1.iter().map(move |&a| (a, m.date)));
        let mut from = offsets(members, missed.clone().map(|(m, _)| m));
        let total = from.last().copied().unwrap_or(0);
        let mut days = vec![NaiveDate::MIN; total as usize];
        // Each member's days are filled from the end of their run back, `from[m + 1]` counting
        // down to where the run starts; then the offsets move down one place.
        for (m, day) in missed {
            if let Some(n) = from.get_mut((m as usize).saturating_add(1)) {
                *n = n.saturating_sub(1);
                if let Some(slot) = days.get_mut(*n as usize) {
                    *slot = day;
                }
            }
        }
        if !from.is_empty() {
            from.remove(0);
        }
        from.push(total);
        // Each member's days in order, a day with two regular meetings once: sorted and
        // compacted in place, so the dataset's peak memory does not grow here.
        let mut kept = 0usize;
        let mut start = 0u32;
        for m in 0..members {
            let end = from.get(m.saturating_add(1)).copied().unwrap_or(start);
            if let Some(mine) = days.get_mut(start as usize..end as usize) {
                mine.sort_unstable();
            }
            if let Some(slot) = from.get_mut(m) {
                *slot = ix(kept);
            }
            let mut last = None;
            for i in start as usize..end as usize {
                let Some(&d) = days.get(i) else { break };
                if last != Some(d) {
                    if let Some(slot) = days.get_mut(kept) {
                        *slot = d;
                    }
                    kept = kept.saturating_add(1);
                    last = Some(d);
                }
            }
            start = end;
        }
        if let Some(slot) = from.last_mut() {
            *slot = ix(kept);
        }
        days.truncate(kept);
        days.shrink_to_fit();
        let (unexcused_from, unexcused) = (from, days);
        self.unexcused_from = unexcused_from;
        self.unexcused = unexcused;
    }
}

/// For keys below `n`, the `n + 1` offsets where each key's run of a list grouped by key
/// starts (and the last one ends); the keys may come in any order.
fn offsets(n: usize, keys: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut out = vec![0u32; n.saturating_add(1)];
    for k in keys {
        if let Some(c) = out.get_mut((k as usize).saturating_add(1)) {
            *c = c.saturating_add(1);
        }
    }
    let mut sum = 0u32;
    for c in &mut out {
        sum = sum.saturating_add(*c);
        *c = sum;
    }
    out
}

/// Key `k`'s run of `items`, grouped by key with `offsets`.
fn run<'a, T>(items: &'a [T], offsets: &[u32], k: u32) -> &'a [T] {
    let k = k as usize;
    match (offsets.get(k), offsets.get(k.saturating_add(1))) {
        (Some(&a), Some(&b)) => items.get(a as usize..b as usize).unwrap_or(&[]),
        _ => &[],
    }
}

/// The posting of `postings` at `cell` covering `date`: the member is on the cell's list that
/// day.
fn posting_at(postings: &[Stint], cell: OrgIx, date: NaiveDate) -> Option<&Stint> {
    postings.iter().find(|s| s.cell == cell && s.covers(date))
}

fn expectation_of(
    member: &Member,
    stints: &[Stint],
    leaves: &[LeaveSpan],
    cell: OrgIx,
    date: NaiveDate,
) -> Expectation {
    let postings = span(stints, &member.postings);
    let Some(here) = posting_at(postings, cell, date) else {
        return Expectation::NotListed;
    };
    if !here.temporary && postings.iter().any(|s| s.temporary && s.covers(date)) {
        return Expectation::Elsewhere;
    }
    match leave_on(leaves, member, date) {
        Some(LeaveKind::Exempted) => Expectation::Exempted,
        Some(LeaveKind::Suspended) => Expectation::Suspended,
        None => Expectation::Due,
    }
}

/// Collects problems while building.
///
/// A faulty record is reported once: checks that depend on it are skipped, so one fault does not
/// surface again as problems elsewhere.
#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
    /// Problems of members, meetings and ratings found as each record came. A record that turns
    /// out to repeat an earlier one's id (or subject and year) is reported only as the
    /// duplicate, so these wait here until duplicates are known.
    provisional: Vec<Problem>,
    /// Organisations in the records but left out of the layout (they lie on a cycle).
    unplaced: HashSet<String>,
    /// Members with a faulty posting or leave, whose expected days are therefore unknown.
    tainted_members: HashSet<MemberIx>,
    /// Cells those members were posted at: their rosters are incomplete.
    tainted_cells: HashSet<OrgIx>,
}

struct At<'r> {
    kind: RecordKind,
    index: usize,
    id: &'r str,
}

/// A meeting's checks read the cell's list on the day into `listed` and the roll call into
/// `marks` (and `unexcused`); kept between meetings so they are allocated once.
#[derive(Default)]
struct Scratch {
    marks: Vec<(MemberIx, Presence, usize)>,
    listed: Vec<(MemberIx, Expectation)>,
    /// The members absent without a reason, until the roll call is read.
    unexcused: Vec<MemberIx>,
}

/// Meetings as they are checked, in the order they came.
#[derive(Default)]
struct MeetingsOut {
    meetings: Vec<Meeting>,
    /// Their ids.
    ids: Texts,
    absences: Vec<MemberIx>,
    /// Ids and record indexes of the meetings left out (unknown cell): they still take part in
    /// the search for duplicate ids. The others are kept, in the order they came.
    others: Vec<(Box<str>, u32)>,
}

/// The record indexes of a list kept in the order its records came, some records left out:
/// the item at position `p` is record `p` plus the number left out before it. Four bytes for
/// each record left out, none for those kept.
#[derive(Debug, Default)]
struct RecordIndexes {
    /// For the `j`-th record left out, its record index less `j`: how many were kept before
    /// it (never decreasing).
    kept_before: Vec<u32>,
}

impl RecordIndexes {
    /// Notes that record `index`, after every record kept or left out so far, was left out.
    fn leave_out(&mut self, index: u32) {
        let j = ix(self.kept_before.len());
        self.kept_before.push(index.saturating_sub(j));
    }

    /// The record index of the item kept at position `p`.
    fn of(&self, p: usize) -> u32 {
        let before = self.kept_before.partition_point(|&k| k as usize <= p);
        ix(p).saturating_add(ix(before))
    }
}

/// Indexes of a list's items by the id each carries: an open-addressing hash table of `u32`,
/// four bytes a slot, so looking members up by id needs no second copy of their ids.
#[derive(Default)]
struct IdIndex {
    /// `EMPTY`, or the index of an item; the length is a power of two (or zero).
    slots: Vec<u32>,
    hasher: RandomState,
}

impl IdIndex {
    const EMPTY: u32 = u32::MAX;

    /// Indexes `items`; of items with the same id, the first is found.
    fn new<'a, T>(items: &'a [T], key: impl Fn(&'a T) -> &'a str) -> IdIndex {
        let len = items
            .len()
            .saturating_add(items.len() / 2)
            .max(8)
            .checked_next_power_of_two()
            .unwrap_or(usize::MAX);
        let mut index = IdIndex {
            slots: vec![Self::EMPTY; len],
            hasher: RandomState::new(),
        };
        let mask = len.wrapping_sub(1);
        for (i, item) in items.iter().enumerate() {
            let id = key(item);
            let mut at = index.home(id, mask);
            for _ in 0..len {
                match index.slots.get_mut(at) {
                    Some(slot) if *slot == Self::EMPTY => {
                        *slot = ix(i);
                        break;
                    }
                    Some(slot) if items.get(*slot as usize).map(&key) == Some(id) => break,
                    Some(_) => at = at.wrapping_add(1) & mask,
                    None => break,
                }
            }
        }
        index
    }

    fn home(&self, id: &str, mask: usize) -> usize {
        // Truncating the hash keeps its low bits, which the mask keeps anyway.
        (self.hasher.hash_one(id) as usize) & mask
    }

    /// The index of the item with this id.
    fn get<'a, T>(&self, items: &'a [T], id: &str, key: impl Fn(&'a T) -> &'a str) -> Option<u32> {
        let len = self.slots.len();
        let mask = len.wrapping_sub(1);
        let mut at = self.home(id, mask);
        for _ in 0..len {
            let slot = *self.slots.get(at)?;
            if slot == Self::EMPTY {
                return None;
            }
            if items.get(slot as usize).map(&key) == Some(id) {
                return Some(slot);
            }
            at = at.wrapping_add(1) & mask;
        }
        None
    }
}

/// Where the `i`-th item in sorted order is: `order[i]`, or `i` itself when the list is
/// already sorted (no `order`).
fn nth_position(order: Option<&[u32]>, i: usize) -> Option<usize> {
    match order {
        Some(order) => order.get(i).map(|&p| p as usize),
        None => Some(i),
    }
}

/// Reorders a list in place so that position `i` holds what was at `order[i]`; `order` is a
/// permutation of the positions, and `swap` exchanges two positions (of one list, or of lists
/// kept side by side).
fn permute(mut order: Vec<u32>, mut swap: impl FnMut(usize, usize)) {
    const DONE: u32 = u32::MAX;
    for start in 0..order.len() {
        let mut at = start;
        while let Some(slot) = order.get_mut(at) {
            if *slot == DONE {
                break;
            }
            let from = *slot as usize;
            *slot = DONE;
            if from == start {
                break;
            }
            swap(at, from);
            at = from;
        }
    }
}

impl Checker {
    fn report(&mut self, at: &At<'_>, field: impl Into<String>, kind: ProblemKind) {
        self.problems.push(Problem {
            location: Location {
                kind: at.kind,
                index: at.index,
                id: at.id.to_owned(),
                field: field.into(),
            },
            kind,
        });
    }

    /// Keeps `text` in `texts`, reporting it when the buffer is full.
    fn text(&mut self, at: &At<'_>, field: &str, texts: &mut Texts, text: &str) -> Text {
        texts.push(text).unwrap_or_else(|| {
            self.report(at, field, ProblemKind::TooMuchText);
            Text::default()
        })
    }

    /// Moves the problems found since `from` among the provisional ones.
    fn hold_since(&mut self, from: usize) {
        if self.problems.len() > from {
            self.provisional.extend(self.problems.drain(from..));
        }
    }

    /// Reports an id that is empty or has surrounding whitespace.
    fn check_id(&mut self, at: &At<'_>) {
        if at.id.is_empty() || at.id.trim() != at.id {
            self.report(
                at,
                "id",
                ProblemKind::BadId {
                    id: at.id.to_owned(),
                },
            );
        }
    }

    /// Indexes records by id, reporting malformed and duplicate ids; keeps the first of each.
    fn index_ids<'r, T>(
        &mut self,
        kind: RecordKind,
        items: &'r [T],
        id: impl Fn(&T) -> &str,
    ) -> HashMap<&'r str, usize> {
        let mut map = HashMap::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let key = id(item);
            let at = At {
                kind,
                index,
                id: key,
            };
            if key.is_empty() || key.trim() != key {
                self.report(&at, "id", ProblemKind::BadId { id: key.to_owned() });
            }
            if let Some(&first) = map.get(key) {
                self.report(
                    &at,
                    "id",
                    ProblemKind::DuplicateId {
                        id: key.to_owned(),
                        first,
                    },
                );
            } else {
                map.insert(key, index);
            }
        }
        map
    }

    /// Checks organisations and lays them out depth-first. Returns them and a map from id to
    /// their new index.
    fn organisations<'r>(
        &mut self,
        records: &'r [OrganisationRecord],
    ) -> (Vec<Org>, HashMap<&'r str, OrgIx>) {
        let kind = RecordKind::Organisation;
        let by_id = self.index_ids(kind, records, |r| &r.id);
        let mut parent_of: Vec<Option<usize>> = vec![None; records.len()];
        for (index, r) in records.iter().enumerate() {
            let at = At {
                kind,
                index,
                id: &r.id,
            };
            if let (Some(f), Some(d)) = (r.founded_on, r.dissolved_on) {
                if d < f {
                    self.report(
                        &at,
                        "dissolved_on",
                        ProblemKind::DatesOutOfOrder { from: f, until: d },
                    );
                }
            }
            let Some(parent) = r.parent.as_deref() else {
                // A chi bộ trực thuộc or đảng bộ bộ phận exists only under a đảng bộ cơ sở.
                if matches!(r.level, OrgLevel::Cell | OrgLevel::SubCommittee) {
                    self.report(&at, "parent", ProblemKind::MissingParent { level: r.level });
                }
                continue;
            };
            match by_id
                .get(parent)
                .and_then(|&p| records.get(p).map(|pr| (p, pr)))
            {
                None => self.report(
                    &at,
                    "parent",
                    ProblemKind::UnknownOrganisation {
                        id: parent.to_owned(),
                    },
                ),
                Some((p, pr)) => {
                    if !r.level.may_sit_under(pr.level) {
                        self.report(
                            &at,
                            "parent",
                            ProblemKind::WrongParentLevel {
                                level: r.level,
                                parent_level: pr.level,
                            },
                        );
                    }
                    if let Some(slot) = parent_of.get_mut(index) {
                        *slot = Some(p);
                    }
                }
            }
        }
        // Cycles: walk up from each record; a walk that returns to a record on its own path
        // found a cycle, reported once at its lowest index.
        let mut state = vec![0u8; records.len()]; // 0 new, 1 on path, 2 done
        for start in 0..records.len() {
            let mut path = Vec::new();
            let mut cur = Some(start);
            while let Some(c) = cur {
                match state.get(c).copied() {
                    Some(0) => {
                        if let Some(s) = state.get_mut(c) {
                            *s = 1;
                        }
                        path.push(c);
                        cur = parent_of.get(c).copied().flatten();
                    }
                    Some(1) => {
                        let from = path.iter().position(|&p| p == c).unwrap_or(0);
                        let cycle: Vec<usize> = path.get(from..).unwrap_or(&[]).to_vec();
                        if let Some(&first) = cycle.iter().min() {
                            let names: Vec<&str> = cycle
                                .iter()
                                .chain(std::iter::once(&c))
                                .filter_map(|&i| records.get(i).map(|r| r.id.as_str()))
                                .collect();
                            if let Some(r) = records.get(first) {
                                let at = At {
                                    kind,
                                    index: first,
                                    id: &r.id,
                                };
                                self.report(
                                    &at,
                                    "parent",
                                    ProblemKind::OrganisationCycle {
                                        cycle: names.join(" → "),
                                    },
                                );
                            }
                        }
                        break;
                    }
                    _ => break,
                }
            }
            for p in path {
                if let Some(s) = state.get_mut(p) {
                    *s = 2;
                }
            }
        }
        // Depth-first layout from the roots, children by id.
        let kept: Vec<usize> = by_id.values().copied().collect();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); records.len()];
        let mut roots = Vec::new();
        for &i in &kept {
            match parent_of.get(i).copied().flatten() {
                Some(p) => {
                    if let Some(c) = children.get_mut(p) {
                        c.push(i);
                    }
                }
                None => roots.push(i),
            }
        }
        let id_of = |i: &usize| records.get(*i).map_or("", |r| r.id.as_str());
        roots.sort_by(|a, b| id_of(a).cmp(id_of(b)));
        for c in &mut children {
            c.sort_by(|a, b| id_of(a).cmp(id_of(b)));
        }
        let mut orgs: Vec<Org> = Vec::with_capacity(kept.len());
        let mut new_ix: HashMap<&'r str, OrgIx> = HashMap::with_capacity(kept.len());
        // Stack of (record, parent's new index, visited?).
        let mut stack: Vec<(usize, Option<OrgIx>, bool)> =
            roots.iter().rev().map(|&r| (r, None, false)).collect();
        while let Some((r, parent, done)) = stack.pop() {
            let Some(rec) = records.get(r) else { continue };
            if done {
                if let Some(&me) = new_ix.get(rec.id.as_str()) {
                    let end = ix(orgs.len());
                    if let Some(o) = orgs.get_mut(me as usize) {
                        o.subtree_end = end;
                    }
                }
                continue;
            }
            let me = ix(orgs.len());
            new_ix.insert(&rec.id, me);
            orgs.push(Org {
                id: std::sync::Arc::from(rec.id.as_str()),
                name: rec.name.as_str().into(),
                level: rec.level,
                kind: rec.kind,
                parent,
                founded: rec.founded_on,
                dissolved: rec.dissolved_on,
                subtree_end: me.saturating_add(1),
                meetings: 0..0,
                roster: 0..0,
                admissions: 0..0,
            });
            stack.push((r, parent, true));
            if let Some(kids) = children.get(r) {
                stack.extend(kids.iter().rev().map(|&k| (k, Some(me), false)));
            }
        }
        for r in records {
            if !new_ix.contains_key(r.id.as_str()) {
                self.unplaced.insert(r.id.clone());
            }
        }
        (orgs, new_ix)
    }

    /// Reports `date` at `field` if the cell did not exist that day.
    fn check_cell_life(
        &mut self,
        at: &At<'_>,
        field: &str,
        cell: &str,
        org: &Org,
        date: NaiveDate,
    ) {
        if !org.alive_on(date) {
            self.report(
                at,
                field,
                ProblemKind::OutsideCellLife {
                    cell: cell.to_owned(),
                    date,
                    life: life(org),
                },
            );
        }
    }

    fn cell_ref<'o>(
        &mut self,
        at: &At<'_>,
        field: &str,
        id: &str,
        lookup: &impl Fn(&str) -> Option<(OrgIx, &'o Org)>,
    ) -> Option<(OrgIx, &'o Org)> {
        match lookup(id) {
            // On a cycle, already reported: not unknown.
            None if self.unplaced.contains(id) => None,
            None => {
                self.report(
                    at,
                    field,
                    ProblemKind::UnknownOrganisation { id: id.to_owned() },
                );
                None
            }
            Some((_, o)) if !o.level.is_cell() => {
                self.report(
                    at,
                    field,
                    ProblemKind::NotACell {
                        id: id.to_owned(),
                        level: o.level,
                    },
                );
                None
            }
            found => found,
        }
    }

    /// Checks one member and adds them, with their postings and leaves, at the end of `out`.
    /// Returns the organisations of their postings when a problem leaves their expected days
    /// unknown.
    fn member<'o>(
        &mut self,
        index: usize,
        r: &MemberRecord,
        org_lookup: &impl Fn(&str) -> Option<(OrgIx, &'o Org)>,
        out: &mut Members,
    ) -> Option<Vec<OrgIx>> {
        let kind = RecordKind::Member;
        let at = At {
            kind,
            index,
            id: &r.id,
        };
        if let Some(official) = r.official_on.filter(|&o| o < r.admitted_on) {
            self.report(
                &at,
                "official_on",
                ProblemKind::OfficialBeforeAdmission {
                    official,
                    admitted: r.admitted_on,
                },
            );
        }
        let exit_day = r.exit.as_ref().map(|e| e.on);
        if let Some(on) = exit_day.filter(|&on| on < r.admitted_on) {
            self.report(
                &at,
                "exit.on",
                ProblemKind::DatesOutOfOrder {
                    from: r.admitted_on,
                    until: on,
                },
            );
        }
        // The last day of membership; an exit on chrono's first day leaves none, and then
        // every posting lies outside the membership.
        let last_day = match exit_day {
            None => NaiveDate::MAX,
            Some(on) => on.pred_opt().unwrap_or(NaiveDate::MIN),
        };
        let no_days = exit_day == Some(NaiveDate::MIN);
        let me = ix(out.members.len());
        let problems_before = self.problems.len();
        let first_stint = ix(out.stints.len());
        // Record indexes of the postings and leaves kept, for problems that point at them.
        let mut accepted: Vec<usize> = Vec::new();
        let outside = |date: NaiveDate| ProblemKind::OutsideMembership {
            date,
            admitted: r.admitted_on,
            exit: exit_day.map_or_else(|| "now".to_owned(), |d| d.to_string()),
        };
        for (p, posting) in r.postings.iter().enumerate() {
            let field = |f: &str| format!("postings[{p}].{f}");
            let until = posting.until.unwrap_or(last_day).min(last_day);
            if let Some(u) = posting.until.filter(|&u| u < posting.from) {
                self.report(
                    &at,
                    field("until"),
                    ProblemKind::DatesOutOfOrder {
                        from: posting.from,
                        until: u,
                    },
                );
                continue;
            }
            if no_days || posting.from < r.admitted_on || posting.from > last_day {
                self.report(&at, field("from"), outside(posting.from));
                continue;
            }
            if let Some(u) = posting.until.filter(|&u| u > last_day) {
                self.report(&at, field("until"), outside(u));
            }
            let Some((cell, org)) = self.cell_ref(&at, &field("cell"), &posting.cell, org_lookup)
            else {
                continue;
            };
            // The posting's first day, and its last (the day after the cell's dissolution
            // for an open-ended posting at a dissolved cell), must lie in the cell's life.
            let last = match (until, org.dissolved) {
                (NaiveDate::MAX, Some(d)) => d.succ_opt(),
                (NaiveDate::MAX, None) => None,
                (u, _) => (u != posting.from).then_some(u),
            };
            for (name, date) in [("from", Some(posting.from)), ("until", last)] {
                if let Some(date) = date {
                    self.check_cell_life(&at, &field(name), &posting.cell, org, date);
                }
            }
            let stint = Stint {
                member: me,
                cell,
                from: posting.from,
                until,
                temporary: posting.temporary,
            };
            let mine = out.stints.get(first_stint as usize..).unwrap_or(&[]);
            if let Some(other) = mine
                .iter()
                .zip(&accepted)
                .find(|(s, _)| {
                    s.temporary == stint.temporary && s.from <= stint.until && stint.from <= s.until
                })
                .map(|(_, &index)| index)
            {
                self.report(
                    &at,
                    field("from"),
                    ProblemKind::OverlappingPostings {
                        other,
                        from: posting.from,
                    },
                );
            }
            out.stints.push(stint);
            accepted.push(p);
        }
        // A temporary posting lies within a regular posting at another cell.
        let mine = out.stints.get(first_stint as usize..).unwrap_or(&[]);
        for t in mine.iter().filter(|s| s.temporary) {
            let housed = mine.iter().any(|h| {
                !h.temporary && h.cell != t.cell && h.from <= t.from && t.until <= h.until
            });
            if !housed {
                self.report(
                    &at,
                    "postings",
                    ProblemKind::TemporaryWithoutHome { from: t.from },
                );
            }
        }
        if let Some(s) = out.stints.get_mut(first_stint as usize..) {
            s.sort_by_key(|s| (s.from, s.temporary));
        }
        let first_leave = ix(out.leaves.len());
        let mut kept_leaves: Vec<usize> = Vec::new();
        for (l, leave) in r.leaves.iter().enumerate() {
            let until = leave.until.unwrap_or(NaiveDate::MAX);
            if until < leave.from {
                self.report(
                    &at,
                    format!("leaves[{l}].until"),
                    ProblemKind::DatesOutOfOrder {
                        from: leave.from,
                        until,
                    },
                );
                continue;
            }
            let mine = out.leaves.get(first_leave as usize..).unwrap_or(&[]);
            if let Some(other) = mine
                .iter()
                .zip(&kept_leaves)
                .find(|(o, _)| o.from <= until && leave.from <= o.until)
                .map(|(_, &index)| index)
            {
                self.report(
                    &at,
                    format!("leaves[{l}].from"),
                    ProblemKind::OverlappingLeaves { other },
                );
            }
            out.leaves.push(LeaveSpan {
                kind: leave.kind,
                from: leave.from,
                until,
            });
            kept_leaves.push(l);
        }
        let tainted = self.problems.len() > problems_before;
        let id = self.text(&at, "id", &mut out.texts, &r.id);
        let name = r
            .name
            .as_deref()
            .map(|n| self.text(&at, "name", &mut out.texts, n));
        out.members.push(Member {
            id,
            name,
            admitted: r.admitted_on,
            official: r.official_on,
            exit: r.exit.clone(),
            postings: first_stint..ix(out.stints.len()),
            leaves: first_leave..ix(out.leaves.len()),
        });
        tainted.then(|| {
            r.postings
                .iter()
                .filter_map(|p| org_lookup(&p.cell))
                .map(|(c, _)| c)
                .collect()
        })
    }

    /// Checks one meeting against the cell's list on its day and adds it at the end of `out`.
    #[allow(clippy::too_many_arguments)]
    fn meeting(
        &mut self,
        index: usize,
        r: &MeetingRecord,
        data: &Dataset,
        org_of_id: &HashMap<Arc<str>, OrgIx>,
        member_index: &IdIndex,
        scratch: &mut Scratch,
        out: &mut MeetingsOut,
    ) {
        let kind = RecordKind::Meeting;
        let lookup = |id: &str| {
            let i = *org_of_id.get(id)?;
            data.orgs.get(i as usize).map(|o| (i, o))
        };
        // Roll-call lines name members on the cell's list (sorted by index, which is id
        // order) nearly always: look there first, then in the whole index.
        let find_member = |listed: &[(MemberIx, Expectation)], id: &str| {
            let member_id = |m: MemberIx| {
                data.members
                    .get(m as usize)
                    .map_or("", |x| data.member_id(x))
            };
            listed
                .binary_search_by(|&(m, _)| member_id(m).cmp(id))
                .ok()
                .and_then(|p| listed.get(p))
                .map(|&(m, _)| m)
                .or_else(|| member_index.get(&data.members, id, |m| data.member_id(m)))
        };
        let Scratch {
            marks,
            listed,
            unexcused,
        } = scratch;
        let at = At {
            kind,
            index,
            id: &r.id,
        };
        let Some((cell, org)) = self.cell_ref(&at, "cell", &r.cell, &lookup) else {
            out.others.push((r.id.as_str().into(), ix(index)));
            return;
        };
        self.check_cell_life(&at, "date", &r.cell, org, r.date);
        let c = &r.content;
        if c.tasks_with_owner_and_deadline > c.tasks {
            self.report(
                &at,
                "content.tasks_with_owner_and_deadline",
                ProblemKind::TasksExceed {
                    tasks: c.tasks,
                    concrete: c.tasks_with_owner_and_deadline,
                },
            );
        }
        if r.self_assessment
            .is_some_and(|a| a.level.is_none() && a.score.is_none())
        {
            self.report(&at, "self_assessment", ProblemKind::EmptySelfAssessment);
        }
        if let Some(score) = r.self_assessment.and_then(|a| a.score).filter(|&s| s > 100) {
            self.report(
                &at,
                "self_assessment.score",
                ProblemKind::ScoreOutOfRange { score },
            );
        }
        listed.clear();
        listed.extend(
            data.roster_on(cell, r.date)
                .map(|s| (s.member, data.expectation_ix(s.member, cell, r.date))),
        );
        listed.sort_unstable_by_key(|&(m, _)| m);
        let due = ix(listed
            .iter()
            .filter(|(_, e)| *e == Expectation::Due)
            .count());
        let exempted = ix(listed
            .iter()
            .filter(|(_, e)| *e == Expectation::Exempted)
            .count());
        let first_absence = ix(out.absences.len());
        let turnout = match &r.attendance {
            Attendance::Counts(n) => {
                let sum = u64::from(n.present)
                    .saturating_add(u64::from(n.absent_with_reason))
                    .saturating_add(u64::from(n.absent_without_reason));
                if sum != u64::from(n.expected) {
                    self.report(
                        &at,
                        "attendance.counts",
                        ProblemKind::CountsDoNotAddUp {
                            expected: n.expected,
                            present: n.present,
                            with_reason: n.absent_with_reason,
                            without_reason: n.absent_without_reason,
                        },
                    );
                }
                if self.tainted_cells.contains(&cell) {
                    // The roster is incomplete: a member's fault is reported already.
                } else if n.expected < due || n.expected > due.saturating_add(exempted) {
                    self.report(
                        &at,
                        "attendance.counts.expected",
                        ProblemKind::CountsDisagreeWithRoster {
                            expected: n.expected,
                            due,
                            exempted,
                            date: r.date,
                        },
                    );
                } else if n.expected.saturating_sub(due) > n.present {
                    // Exempted members count only when present: those above `due` came.
                    self.report(
                        &at,
                        "attendance.counts.present",
                        ProblemKind::ExemptedCountedAbsent {
                            expected: n.expected,
                            due,
                            present: n.present,
                        },
                    );
                }
                Totals {
                    expected: n.expected,
                    present: n.present,
                    without_reason: n.absent_without_reason,
                }
            }
            Attendance::RollCall(entries) => {
                marks.clear();
                unexcused.clear();
                for (e, entry) in entries.iter().enumerate() {
                    match find_member(listed.as_slice(), &entry.member) {
                        Some(m) => marks.push((m, entry.presence, e)),
                        None => self.report(
                            &at,
                            format!("attendance.roll-call[{e}].member"),
                            ProblemKind::UnknownMember {
                                id: entry.member.clone(),
                            },
                        ),
                    }
                }
                marks.sort_unstable_by_key(|&(m, _, e)| (m, e));
                let mut turnout = Turnout::default();
                let mut previous = None;
                for &(m, presence, e) in marks.iter() {
                    let field = || format!("attendance.roll-call[{e}]");
                    let name = || {
                        entries
                            .get(e)
                            .map_or_else(String::new, |x| x.member.clone())
                    };
                    if previous == Some(m) {
                        self.report(&at, field(), ProblemKind::ListedTwice { member: name() });
                        continue;
                    }
                    previous = Some(m);
                    if self.tainted_members.contains(&m) {
                        // Where this member was expected is unknown: their fault is
                        // reported already.
                        continue;
                    }
                    let standing = listed
                        .binary_search_by_key(&m, |&(x, _)| x)
                        .ok()
                        .and_then(|p| listed.get(p))
                        .map_or(Expectation::NotListed, |&(_, s)| s);
                    match (standing, presence) {
                        (Expectation::Due, _) | (Expectation::Exempted, Presence::Present) => {
                            turnout.expected = turnout.expected.saturating_add(1);
                            match presence {
                                Presence::Present => {
                                    turnout.present = turnout.present.saturating_add(1)
                                }
                                Presence::AbsentWithReason => {
                                    turnout.with_reason = turnout.with_reason.saturating_add(1);
                                    out.absences.push(m);
                                }
                                Presence::AbsentWithoutReason => {
                                    turnout.without_reason =
                                        turnout.without_reason.saturating_add(1);
                                    unexcused.push(m);
                                }
                            }
                        }
                        (Expectation::Exempted, _) => self.report(
                            &at,
                            field(),
                            ProblemKind::AbsenceWhileOnLeave {
                                member: name(),
                                leave: LeaveKind::Exempted,
                                date: r.date,
                            },
                        ),
                        (Expectation::Suspended, _) => self.report(
                            &at,
                            field(),
                            ProblemKind::SuspendedInRollCall {
                                member: name(),
                                date: r.date,
                            },
                        ),
                        (Expectation::Elsewhere, _) => self.report(
                            &at,
                            field(),
                            ProblemKind::MeetsElsewhere {
                                member: name(),
                                date: r.date,
                            },
                        ),
                        _ => self.report(
                            &at,
                            field(),
                            ProblemKind::NotExpected {
                                member: name(),
                                date: r.date,
                            },
                        ),
                    }
                }
                for &(m, standing) in listed.iter() {
                    let marked = marks.binary_search_by_key(&m, |&(x, _, _)| x).is_ok();
                    if standing == Expectation::Due && !marked && !self.tainted_members.contains(&m)
                    {
                        let member = data
                            .members
                            .get(m as usize)
                            .map_or_else(String::new, |x| data.member_id(x).to_owned());
                        self.report(
                            &at,
                            "attendance.roll-call",
                            ProblemKind::MissingFromRollCall {
                                member,
                                date: r.date,
                            },
                        );
                    }
                }
                // Those absent without a reason follow those with one.
                out.absences.append(unexcused);
                Totals::from(turnout)
            }
        };
        let p = &r.preparation;
        let mut flags = Flags::default();
        flags.set(Flags::CONTENT_PREPARED, p.content_prepared);
        flags.set(Flags::COMMITTEE_MET, p.committee_met == Some(true));
        flags.set(Flags::NO_COMMITTEE, p.committee_met.is_none());
        flags.set(Flags::DRAFT_RESOLUTION, p.draft_resolution);
        flags.set(Flags::DOCUMENTS_AHEAD, p.documents_sent_ahead);
        flags.set(Flags::MINUTES_KEPT, r.minutes_kept);
        flags.set(Flags::PRINCIPLES, r.principles_observed);
        flags.set(Flags::CONCLUSION, r.conclusion_carried_out);
        flags.set(Flags::FOLLOWS_PROGRAMME, c.follows_programme);
        flags.set(Flags::LAST_MONTH_REVIEWED, c.last_month_reviewed);
        flags.set(Flags::DIRECTIVES_DISCUSSED, c.directives_adapted.is_some());
        flags.set(
            Flags::DIRECTIVES_ADAPTED,
            c.directives_adapted == Some(true),
        );
        flags.set(
            Flags::ROLL_CALL,
            matches!(r.attendance, Attendance::RollCall(_)),
        );
        let id = self.text(&at, "id", &mut out.ids, &r.id);
        let mut meeting = Meeting {
            id,
            cell,
            date: r.date,
            kind: r.kind,
            duration: r.duration_minutes,
            flags,
            references: c.linked_to.iter().fold(0, |acc, x| acc | x.bit()),
            tasks: c.tasks,
            concrete_tasks: c.tasks_with_owner_and_deadline,
            turnout,
            absences: first_absence,
            assessment: r.self_assessment.map(Assessment::from),
        };
        meeting.flags.set(
            Flags::MEETS_STANDARD_BUT_BAR,
            crate::criteria::meeting_standard_gaps_but_bar(&meeting).is_empty(),
        );
        out.meetings.push(meeting);
    }

    /// Checks one rating and adds it to `members`, or with its record index to `orgs`.
    #[allow(clippy::too_many_arguments)]
    fn rating(
        &mut self,
        index: usize,
        r: &RatingRecord,
        data: &Dataset,
        org_of_id: &HashMap<Arc<str>, OrgIx>,
        member_index: &IdIndex,
        members: &mut Vec<Rating<MemberIx>>,
        orgs: &mut Vec<(Rating<OrgIx>, u32)>,
    ) {
        let kind = RecordKind::Rating;
        let (is_member, id) = match &r.subject {
            RatingSubject::Member(id) => (true, id),
            RatingSubject::Organisation(id) => (false, id),
        };
        let at = At { kind, index, id };
        let subject = if is_member {
            member_index.get(&data.members, id, |m| data.member_id(m))
        } else {
            org_of_id.get(id.as_str()).copied()
        };
        let Some(subject) = subject else {
            if !is_member && self.unplaced.contains(id.as_str()) {
                // On a cycle, already reported: not unknown.
                return;
            }
            let kind = if is_member {
                ProblemKind::UnknownMember { id: id.clone() }
            } else {
                ProblemKind::UnknownOrganisation { id: id.clone() }
            };
            self.report(&at, "subject", kind);
            return;
        };
        let rating = |subject| Rating {
            subject,
            year: r.year,
            result: r.result,
            disciplined: r.disciplined,
        };
        if !is_member {
            orgs.push((rating(subject), ix(index)));
            return;
        }
        if let (RatingResult::Rated(level), Some(member)) =
            (r.result, data.members.get(subject as usize))
        {
            let why = NaiveDate::from_ymd_opt(r.year, 12, 31)
                .map_or(Some(Unratable::NotAMember(r.year)), |end| {
                    RatingRules::for_year(r.year).bars_member(end, data, member)
                });
            if let Some(why) = why {
                let before = self.problems.len();
                self.report(
                    &at,
                    "result",
                    ProblemKind::RatingNotAllowed {
                        level,
                        year: r.year,
                        why: why.to_string(),
                    },
                );
                self.hold_since(before);
            }
        }
        members.push(rating(subject));
    }

    /// Checks one admission and adds it, with its cell, to `out`; `seen` maps each member
    /// admitted to the index of their first admission.
    #[allow(clippy::too_many_arguments)]
    fn admission(
        &mut self,
        index: usize,
        r: &AdmissionRecord,
        data: &Dataset,
        org_of_id: &HashMap<Arc<str>, OrgIx>,
        member_index: &IdIndex,
        seen: &mut HashMap<MemberIx, usize>,
        out: &mut Vec<(OrgIx, Admission)>,
    ) {
        let kind = RecordKind::Admission;
        let lookup = |id: &str| {
            let i = *org_of_id.get(id)?;
            data.orgs.get(i as usize).map(|o| (i, o))
        };
        let at = At {
            kind,
            index,
            id: &r.member,
        };
        let member = member_index.get(&data.members, &r.member, |m| data.member_id(m));
        if member.is_none() {
            self.report(
                &at,
                "member",
                ProblemKind::UnknownMember {
                    id: r.member.clone(),
                },
            );
        }
        let cell = self.cell_ref(&at, "cell", &r.cell, &lookup);
        let (Some(m), Some((cell, org))) = (member, cell) else {
            return;
        };
        self.check_cell_life(&at, "date", &r.cell, org, r.date);
        if let Some(&first) = seen.get(&m) {
            self.report(&at, "member", ProblemKind::DuplicateAdmission { first });
            return;
        }
        seen.insert(m, index);
        if let Some(admitted) = data
            .members
            .get(m as usize)
            .map(|x| x.admitted)
            .filter(|&a| a != r.date)
        {
            self.report(
                &at,
                "date",
                ProblemKind::AdmissionDateMismatch {
                    date: r.date,
                    admitted,
                },
            );
        }
        out.push((
            cell,
            Admission {
                member: m,
                date: r.date,
            },
        ));
    }

    /// Finds meeting ids used by more than one record, among the meetings kept (`meetings`,
    /// the one at position `p` from record `record(p)`) and those left out (`others`); reports
    /// every record after the first with an id, and returns their record indexes.
    ///
    /// Sorting 32-bit hashes of the ids (four bytes a meeting) finds the candidates without a
    /// map from ids; the ids of candidates, repeated ones and a few collisions, are then
    /// compared in full.
    fn duplicate_meetings(
        &mut self,
        meetings: &[Meeting],
        ids: &Texts,
        record: impl Fn(usize) -> u32,
        others: &[(Box<str>, u32)],
    ) -> HashSet<usize> {
        let hasher = RandomState::new();
        let ids = || {
            meetings
                .iter()
                .enumerate()
                .map(|(p, m)| (ids.get(m.id), record(p)))
                .chain(others.iter().map(|(id, i)| (&**id, *i)))
        };
        // Truncated: the low half of the hash.
        let hash = |id: &str| hasher.hash_one(id) as u32;
        let mut hashes: Vec<u32> = ids().map(|(id, _)| hash(id)).collect();
        hashes.sort_unstable();
        let mut repeated: Vec<u32> = Vec::new();
        let mut previous = None;
        for &h in &hashes {
            if previous == Some(h) && repeated.last() != Some(&h) {
                repeated.push(h);
            }
            previous = Some(h);
        }
        drop(hashes);
        let mut duplicates = HashSet::new();
        if repeated.is_empty() {
            return duplicates;
        }
        let mut candidates: Vec<(&str, u32)> = ids()
            .filter(|(id, _)| repeated.binary_search(&hash(id)).is_ok())
            .collect();
        candidates.sort_unstable();
        let mut first: Option<(&str, u32)> = None;
        for (id, index) in candidates {
            match first {
                Some((f, earliest)) if f == id => {
                    let at = At {
                        kind: RecordKind::Meeting,
                        index: index as usize,
                        id,
                    };
                    self.report(
                        &at,
                        "id",
                        ProblemKind::DuplicateId {
                            id: id.to_owned(),
                            first: earliest as usize,
                        },
                    );
                    duplicates.insert(index as usize);
                }
                _ => first = Some((id, index)),
            }
        }
        duplicates
    }

    /// Sorts ratings by subject and year, reports every rating after the first of a subject
    /// and year (adding its record index to `duplicates`), and returns the others. `ratings`
    /// are in the order their records came, the one at position `p` from record `record(p)`.
    ///
    /// Ratings usually come sorted, and then nothing moves. Ratings whose years rise for each
    /// subject (a year's ratings after another's) have no repeats, and are sorted in place,
    /// with a year for each of the `subjects` meanwhile (four bytes a subject). Others are
    /// sorted in place through a list of their positions (four bytes a rating).
    fn unique_ratings(
        &mut self,
        mut ratings: Vec<Rating<u32>>,
        subjects: usize,
        record: impl Fn(usize) -> u32,
        id: impl Fn(u32) -> String,
        duplicates: &mut HashSet<usize>,
    ) -> Vec<Rating<u32>> {
        let key = |r: &Rating<u32>| (r.subject, r.year);
        let sorted = ratings.windows(2).all(|w| match w {
            [a, b] => key(a) <= key(b),
            _ => true,
        });
        if !sorted && years_rise(&ratings, subjects) {
            ratings.sort_unstable_by_key(key);
            return ratings;
        }
        // The positions of the ratings in order of subject, year and record; none if sorted.
        let order: Option<Vec<u32>> = (!sorted).then(|| {
            let mut order: Vec<u32> = (0..ix(ratings.len())).collect();
            order.sort_unstable_by_key(|&p| (ratings.get(p as usize).map(key), p));
            order
        });
        let mut first: Option<((u32, i32), u32)> = None;
        for i in 0..ratings.len() {
            let p = nth_position(order.as_deref(), i);
            let Some((p, r)) = p.and_then(|p| ratings.get(p).map(|r| (p, r))) else {
                continue;
            };
            let index = record(p);
            match first {
                Some((k, earliest)) if k == key(r) => {
                    let id = id(r.subject);
                    let at = At {
                        kind: RecordKind::Rating,
                        index: index as usize,
                        id: &id,
                    };
                    self.report(
                        &at,
                        "year",
                        ProblemKind::DuplicateRating {
                            year: r.year,
                            first: earliest as usize,
                        },
                    );
                    duplicates.insert(index as usize);
                }
                _ => first = Some((key(r), index)),
            }
        }
        if let Some(order) = order {
            permute(order, |a, b| ratings.swap(a, b));
        }
        // Of each subject and year, the first record is now first.
        ratings.dedup_by_key(|r| key(r));
        ratings
    }
}

/// Whether each subject's ratings (subjects below `subjects`) come with their years rising,
/// so that no two share a subject and year.
fn years_rise(ratings: &[Rating<u32>], subjects: usize) -> bool {
    // The year of each subject's latest rating so far; `i32::MIN` before the first (a rating
    // for that year then answers "not known to rise").
    let mut latest = vec![i32::MIN; subjects];
    ratings
        .iter()
        .all(|r| match latest.get_mut(r.subject as usize) {
            Some(y) if *y < r.year => {
                *y = r.year;
                true
            }
            _ => false,
        })
}

/// Where a [`DatasetBuilder`] stands: which records it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Organisations,
    Members,
    Activity,
}

/// Builds a [`Dataset`] from records given one at a time (nạp từng bản ghi), for datasets too
/// large to hold as [`Records`]: a country's meetings with their roll calls.
///
/// Give every organisation first, then every member, then meetings, ratings and admissions in
/// any mix, and call [`DatasetBuilder::finish`]. Records are checked as they come and not kept:
/// the builder holds the organisations until the first member (it lays them out once all are
/// known), and otherwise what the dataset keeps, with the record indexes of the meetings and
/// ratings it leaves out or keeps apart (of unknown cells or members, and of organisations)
/// and an index of the members by id until [`DatasetBuilder::finish`].
/// Members may come in any order (they are put in id order when the first later record
/// comes), and so may meetings (sorted by cell and date at the end); a repeated id or rating is
/// found at those points by sorting. [`Dataset::build`] feeds one, so both report the same
/// problems and give the same dataset; a problem's [`Location`] counts records of each kind in
/// the order given.
///
/// A record that comes after records of a kind that must follow it (an organisation after a
/// member, a member after a meeting, rating or admission) cannot be placed: it is reported as
/// [`ProblemKind::OutOfOrder`] and otherwise ignored.
///
/// ```
/// use chibo::{Dataset, MemberRecord, OrgLevel, OrganisationRecord, Posting, RecordKind, ProblemKind};
/// use chrono::NaiveDate;
///
/// let day = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
/// let org = |id: &str, level, parent: Option<&str>| OrganisationRecord {
///     id: id.into(), name: id.into(), level, parent: parent.map(Into::into),
///     kind: None, founded_on: None, dissolved_on: None,
/// };
/// let mut builder = Dataset::builder();
/// builder.organisation(org("xa", OrgLevel::PartyCommittee, None));
/// builder.organisation(&org("cb-1", OrgLevel::Cell, Some("xa"))); // by value or by reference
/// builder.member(MemberRecord {
///     id: "dv-1".into(), name: None, admitted_on: day, official_on: None,
///     postings: vec![Posting { cell: "cb-1".into(), from: day, until: None, temporary: false }],
///     leaves: vec![], exit: None,
/// });
/// let dataset = builder.finish()?;
/// assert_eq!(dataset.counts().members, 1);
///
/// // An organisation after a member is reported, not lost.
/// let mut builder = Dataset::builder();
/// builder.member(MemberRecord {
///     id: "dv-1".into(), name: None, admitted_on: day, official_on: None,
///     postings: vec![], leaves: vec![], exit: None,
/// });
/// builder.organisation(org("xa", OrgLevel::PartyCommittee, None));
/// let problems = builder.finish().unwrap_err().problems;
/// assert_eq!(problems[0].location.kind, RecordKind::Organisation);
/// assert_eq!(problems[0].kind, ProblemKind::OutOfOrder { after: RecordKind::Member });
/// # Ok::<(), chibo::BuildError>(())
/// ```
pub struct DatasetBuilder {
    check: Checker,
    stage: Stage,
    /// Records of each kind given so far, in the order of [`RecordKind`]'s first five.
    given: [usize; 5],
    /// The kind of the first record after the organisations, and after the members.
    ended_organisations: Option<RecordKind>,
    ended_members: Option<RecordKind>,
    /// Organisations, held until the first record of another kind.
    organisations: Vec<OrganisationRecord>,
    orgs: Vec<Org>,
    org_of_id: HashMap<Arc<str>, OrgIx>,
    /// Members as they come, indexed by record; ordered by id when the last has come.
    people: Members,
    /// Members (by record index) whose expected days are unknown, with their organisations.
    taint: Vec<(u32, Vec<OrgIx>)>,
    /// Organisations, members and rosters once the members are in; meetings, ratings and
    /// admissions are checked against it and added at the end.
    data: Dataset,
    member_index: IdIndex,
    scratch: Scratch,
    meetings: MeetingsOut,
    /// Member ratings in the order they came; the ratings that are not (of organisations, or
    /// of unknown subjects) are noted in `other_ratings`, to give each its record index.
    member_ratings: Vec<Rating<MemberIx>>,
    other_ratings: RecordIndexes,
    org_ratings: Vec<(Rating<OrgIx>, u32)>,
    admissions: Vec<(OrgIx, Admission)>,
    admitted: HashMap<MemberIx, usize>,
}

impl fmt::Debug for DatasetBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [organisations, members, meetings, ratings, admissions] = self.given;
        f.debug_struct("DatasetBuilder")
            .field("organisations", &organisations)
            .field("members", &members)
            .field("meetings", &meetings)
            .field("ratings", &ratings)
            .field("admissions", &admissions)
            .field(
                "problems",
                &self
                    .check
                    .problems
                    .len()
                    .saturating_add(self.check.provisional.len()),
            )
            .finish()
    }
}

impl Default for DatasetBuilder {
    fn default() -> Self {
        DatasetBuilder {
            check: Checker::default(),
            stage: Stage::Organisations,
            given: [0; 5],
            ended_organisations: None,
            ended_members: None,
            organisations: Vec::new(),
            orgs: Vec::new(),
            org_of_id: HashMap::new(),
            people: Members::default(),
            taint: Vec::new(),
            data: Dataset::empty(),
            member_index: IdIndex::default(),
            scratch: Scratch::default(),
            meetings: MeetingsOut::default(),
            member_ratings: Vec::new(),
            other_ratings: RecordIndexes::default(),
            org_ratings: Vec::new(),
            admissions: Vec::new(),
            admitted: HashMap::new(),
        }
    }
}

impl DatasetBuilder {
    /// The index the next record of `kind` gets, counting it.
    fn next_index(&mut self, kind: RecordKind) -> usize {
        let slot = match kind {
            RecordKind::Organisation => 0,
            RecordKind::Member => 1,
            RecordKind::Meeting => 2,
            RecordKind::Rating => 3,
            RecordKind::Admission | RecordKind::Tally => 4,
        };
        self.given.get_mut(slot).map_or(0, |n| {
            let index = *n;
            *n = n.saturating_add(1);
            index
        })
    }

    /// Moves on to `stage` for a record of `kind`, closing the stages before it; false if the
    /// builder is past `stage` already (the record is then reported).
    fn reach(&mut self, stage: Stage, kind: RecordKind, index: usize, id: &str) -> bool {
        if self.stage > stage {
            let after = match stage {
                Stage::Organisations => self.ended_organisations,
                _ => self.ended_members,
            };
            let at = At { kind, index, id };
            self.check.report(
                &at,
                "",
                ProblemKind::OutOfOrder {
                    after: after.unwrap_or(RecordKind::Meeting),
                },
            );
            return false;
        }
        if self.stage == Stage::Organisations && stage > Stage::Organisations {
            self.ended_organisations = Some(kind);
            self.close_organisations();
        }
        if self.stage == Stage::Members && stage > Stage::Members {
            self.ended_members = Some(kind);
            self.close_members();
        }
        true
    }

    /// Takes an organisation or cell (tổ chức đảng, chi bộ), by value or by reference. The
    /// builder holds organisations until the first record of another kind.
    pub fn organisation(&mut self, record: impl Borrow<OrganisationRecord>) {
        let r = record.borrow();
        let index = self.next_index(RecordKind::Organisation);
        if self.reach(Stage::Organisations, RecordKind::Organisation, index, &r.id) {
            self.organisations.push(r.clone());
        }
    }

    /// Takes a member (đảng viên), by value or by reference, and checks them against the
    /// organisations.
    pub fn member(&mut self, record: impl Borrow<MemberRecord>) {
        let r = record.borrow();
        let kind = RecordKind::Member;
        let index = self.next_index(kind);
        if !self.reach(Stage::Members, kind, index, &r.id) {
            return;
        }
        self.check.check_id(&At {
            kind,
            index,
            id: &r.id,
        });
        let before = self.check.problems.len();
        let (orgs, org_of_id) = (&self.orgs, &self.org_of_id);
        let lookup = |id: &str| {
            let i = *org_of_id.get(id)?;
            orgs.get(i as usize).map(|o| (i, o))
        };
        if let Some(cells) = self.check.member(index, r, &lookup, &mut self.people) {
            self.taint.push((ix(index), cells));
        }
        self.check.hold_since(before);
    }

    /// Takes a meeting (buổi sinh hoạt), by value or by reference, and checks it against the
    /// cell's list on its day.
    pub fn meeting(&mut self, record: impl Borrow<MeetingRecord>) {
        let r = record.borrow();
        let kind = RecordKind::Meeting;
        let index = self.next_index(kind);
        self.reach(Stage::Activity, kind, index, &r.id);
        self.check.check_id(&At {
            kind,
            index,
            id: &r.id,
        });
        let before = self.check.problems.len();
        self.check.meeting(
            index,
            r,
            &self.data,
            &self.org_of_id,
            &self.member_index,
            &mut self.scratch,
            &mut self.meetings,
        );
        self.check.hold_since(before);
    }

    /// Takes a rating (xếp loại), by value or by reference.
    pub fn rating(&mut self, record: impl Borrow<RatingRecord>) {
        let r = record.borrow();
        let kind = RecordKind::Rating;
        let index = self.next_index(kind);
        let (RatingSubject::Member(id) | RatingSubject::Organisation(id)) = &r.subject;
        self.reach(Stage::Activity, kind, index, id);
        let before = self.member_ratings.len();
        self.check.rating(
            index,
            r,
            &self.data,
            &self.org_of_id,
            &self.member_index,
            &mut self.member_ratings,
            &mut self.org_ratings,
        );
        if self.member_ratings.len() == before {
            self.other_ratings.leave_out(ix(index));
        }
    }

    /// Takes an admission (kết nạp), by value or by reference.
    pub fn admission(&mut self, record: impl Borrow<AdmissionRecord>) {
        let r = record.borrow();
        let kind = RecordKind::Admission;
        let index = self.next_index(kind);
        self.reach(Stage::Activity, kind, index, &r.member);
        self.check.admission(
            index,
            r,
            &self.data,
            &self.org_of_id,
            &self.member_index,
            &mut self.admitted,
            &mut self.admissions,
        );
    }

    /// Checks the organisations together and lays them out depth-first.
    fn close_organisations(&mut self) {
        let records = std::mem::take(&mut self.organisations);
        let (orgs, _) = self.check.organisations(&records);
        self.org_of_id = orgs
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.clone(), ix(i)))
            .collect();
        self.orgs = orgs;
        self.stage = Stage::Members;
    }

    /// Puts the members in id order, reporting repeated ids, and sets up the rosters.
    fn close_members(&mut self) {
        let Members {
            mut members,
            mut stints,
            mut leaves,
            mut texts,
        } = std::mem::take(&mut self.people);
        texts.shrink_to_fit();
        // Members came in record order: `members[i]` is record `i`. Usually they came in id
        // order too, and then nothing moves.
        let in_order = members.windows(2).all(|w| match w {
            [a, b] => texts.get(a.id) < texts.get(b.id),
            _ => true,
        });
        let mut repeated: HashSet<usize> = HashSet::new();
        // Record index → member index, for the members that moved.
        let mut moved: Option<Vec<u32>> = None;
        if !in_order {
            let mut order: Vec<u32> = (0..ix(members.len())).collect();
            let id = |i: u32| members.get(i as usize).map_or("", |m| texts.get(m.id));
            order.sort_unstable_by(|&a, &b| id(a).cmp(id(b)).then(a.cmp(&b)));
            let mut kept: Vec<u32> = Vec::with_capacity(order.len());
            let mut later: Vec<u32> = Vec::new();
            let mut first: Option<u32> = None;
            for &i in &order {
                match first {
                    Some(f) if id(f) == id(i) => {
                        let at = At {
                            kind: RecordKind::Member,
                            index: i as usize,
                            id: id(i),
                        };
                        self.check.report(
                            &at,
                            "id",
                            ProblemKind::DuplicateId {
                                id: id(i).to_owned(),
                                first: f as usize,
                            },
                        );
                        repeated.insert(i as usize);
                        later.push(i);
                    }
                    _ => {
                        first = Some(i);
                        kept.push(i);
                    }
                }
            }
            drop(order);
            let mut new_ix = vec![u32::MAX; members.len()];
            for (new, &old) in kept.iter().enumerate() {
                if let Some(slot) = new_ix.get_mut(old as usize) {
                    *slot = ix(new);
                }
            }
            let unique = kept.len();
            kept.extend(later);
            permute(kept, |a, b| members.swap(a, b));
            members.truncate(unique);
            // Postings and leaves follow their members, which own contiguous ranges of them.
            let mut new_stints = Vec::with_capacity(stints.len());
            let mut new_leaves = Vec::with_capacity(leaves.len());
            for (me, m) in members.iter_mut().enumerate() {
                let start = ix(new_stints.len());
                new_stints.extend(span(&stints, &m.postings).iter().map(|s| Stint {
                    member: ix(me),
                    ..*s
                }));
                m.postings = start..ix(new_stints.len());
                let start = ix(new_leaves.len());
                new_leaves.extend_from_slice(span(&leaves, &m.leaves));
                m.leaves = start..ix(new_leaves.len());
            }
            stints = new_stints;
            leaves = new_leaves;
            moved = Some(new_ix);
        }
        let held = std::mem::take(&mut self.check.provisional);
        self.check.problems.extend(
            held.into_iter()
                .filter(|p| !repeated.contains(&p.location.index)),
        );
        for (record, cells) in std::mem::take(&mut self.taint) {
            let me = match &moved {
                None => Some(record),
                Some(new_ix) => new_ix
                    .get(record as usize)
                    .copied()
                    .filter(|&m| m != u32::MAX),
            };
            if let Some(me) = me {
                self.check.tainted_members.insert(me);
                self.check.tainted_cells.extend(cells);
            }
        }

        // The roster: indexes of postings, grouped by cell.
        let mut orgs = std::mem::take(&mut self.orgs);
        let mut roster: Vec<u32> = (0..ix(stints.len())).collect();
        roster.sort_by_key(|&s| stints.get(s as usize).map(|s| (s.cell, s.from, s.member)));
        group_ranges(
            &mut orgs,
            &roster,
            |&s| stints.get(s as usize).map(|s| s.cell),
            |o| &mut o.roster,
        );
        members.shrink_to_fit();
        stints.shrink_to_fit();
        leaves.shrink_to_fit();
        self.member_index = IdIndex::new(&members, |m| texts.get(m.id));
        self.data = Dataset {
            orgs,
            members,
            stints,
            roster,
            leaves,
            member_texts: texts,
            ..Dataset::empty()
        };
        self.stage = Stage::Activity;
    }

    /// Checks what can only be checked once every record is in (repeated ids, ratings and
    /// regular meetings), and returns the dataset, or every problem found.
    ///
    /// # Errors
    /// A [`BuildError`] listing each [`Problem`] with its [`Location`], sorted by location.
    pub fn finish(mut self) -> Result<Dataset, BuildError> {
        if self.stage < Stage::Activity {
            if self.stage == Stage::Organisations {
                self.close_organisations();
            }
            self.close_members();
        }
        // What only checking records as they came needed.
        self.member_index = IdIndex::default();
        self.org_of_id = HashMap::new();
        self.admitted = HashMap::new();
        self.scratch = Scratch::default();
        let mut check = std::mem::take(&mut self.check);
        let mut data = std::mem::replace(&mut self.data, Dataset::empty());
        let MeetingsOut {
            mut meetings,
            mut ids,
            absences,
            others,
        } = std::mem::take(&mut self.meetings);
        ids.shrink_to_fit();
        let mut other_meetings = RecordIndexes::default();
        for &(_, index) in &others {
            other_meetings.leave_out(index);
        }

        // Repeated ratings and ids: the later records are reported as such and nothing else.
        let mut repeated_ratings = HashSet::new();
        let other_ratings = std::mem::take(&mut self.other_ratings);
        let mut member_ratings = check.unique_ratings(
            std::mem::take(&mut self.member_ratings),
            data.members.len(),
            |p| other_ratings.of(p),
            |m| {
                data.members
                    .get(m as usize)
                    .map_or_else(String::new, |x| data.member_id(x).to_owned())
            },
            &mut repeated_ratings,
        );
        let (org_ratings, org_records): (Vec<_>, Vec<u32>) =
            std::mem::take(&mut self.org_ratings).into_iter().unzip();
        let mut org_ratings = check.unique_ratings(
            org_ratings,
            data.orgs.len(),
            |p| org_records.get(p).copied().unwrap_or(u32::MAX),
            |o| {
                data.orgs
                    .get(o as usize)
                    .map_or_else(String::new, |x| x.id.to_string())
            },
            &mut repeated_ratings,
        );
        drop((other_ratings, org_records));
        // Repeated ratings were dropped in place: give the room back.
        member_ratings.shrink_to_fit();
        org_ratings.shrink_to_fit();
        let repeated_meetings =
            check.duplicate_meetings(&meetings, &ids, |p| other_meetings.of(p), &others);
        drop(others);
        let held = std::mem::take(&mut check.provisional);
        check.problems.extend(held.into_iter().filter(|p| {
            let repeated = match p.location.kind {
                RecordKind::Meeting => &repeated_meetings,
                RecordKind::Rating => &repeated_ratings,
                _ => return true,
            };
            !repeated.contains(&p.location.index)
        }));
        // The record index of each meeting, once meetings are left out; until then
        // `other_meetings` gives them.
        let mut meeting_records: Option<Vec<u32>> = None;
        if !repeated_meetings.is_empty() {
            let mut records: Vec<u32> = (0..meetings.len()).map(|p| other_meetings.of(p)).collect();
            let keep: Vec<bool> = records
                .iter()
                .map(|&i| !repeated_meetings.contains(&(i as usize)))
                .collect();
            let mut flags = keep.iter();
            meetings.retain(|_| flags.next().copied().unwrap_or(true));
            let mut flags = keep.iter();
            records.retain(|_| flags.next().copied().unwrap_or(true));
            meeting_records = Some(records);
        }

        // Sort by cell and date. Meetings usually come in this order, and then nothing moves;
        // otherwise `order` lists their positions in it until they are moved, after the
        // checks. Absentees stay where they are: each meeting knows where its own start.
        let key = |m: &Meeting| (m.cell, m.date, m.kind);
        let in_order = meetings.windows(2).all(|w| match w {
            [a, b] => (key(a), ids.get(a.id)) <= (key(b), ids.get(b.id)),
            _ => true,
        });
        let order: Option<Vec<u32>> = (!in_order).then(|| {
            let mut order: Vec<u32> = (0..ix(meetings.len())).collect();
            order.sort_unstable_by(|&a, &b| {
                match (meetings.get(a as usize), meetings.get(b as usize)) {
                    (Some(x), Some(y)) => (key(x), ids.get(x.id)).cmp(&(key(y), ids.get(y.id))),
                    _ => a.cmp(&b),
                }
            });
            order
        });
        // The position and the meeting `i`-th in order.
        let nth = |i: usize| {
            let p = nth_position(order.as_deref(), i)?;
            meetings.get(p).map(|m| (p, m))
        };
        let record_of = |p: usize| match &meeting_records {
            Some(records) => records.get(p).copied().unwrap_or(u32::MAX),
            None => other_meetings.of(p),
        };
        // Two regular meetings (regular or combined) of one cell on one day: report every one
        // after the first record, pointing back to it.
        let mut regular: Vec<(usize, &Meeting)> = Vec::new();
        let mut start = 0;
        while let Some((_, first)) = nth(start) {
            regular.clear();
            let mut end = start;
            while let Some((p, m)) =
                nth(end).filter(|(_, m)| (m.cell, m.date) == (first.cell, first.date))
            {
                if m.kind.is_regular() {
                    regular.push((record_of(p) as usize, m));
                }
                end = end.saturating_add(1);
            }
            start = end.max(start.saturating_add(1));
            regular.sort_by_key(|&(index, _)| index);
            let Some((&(_, earliest), later)) = regular.split_first() else {
                continue;
            };
            for &(index, m) in later {
                let cell = data
                    .orgs
                    .get(m.cell as usize)
                    .map_or_else(String::new, |o| o.id.to_string());
                check.report(
                    &At {
                        kind: RecordKind::Meeting,
                        index,
                        id: ids.get(m.id),
                    },
                    "date",
                    ProblemKind::DuplicateRegularMeeting {
                        cell,
                        other: ids.get(earliest.id).to_owned(),
                        date: m.date,
                    },
                );
            }
        }
        drop(regular);
        drop(meeting_records);
        drop(other_meetings);
        if let Some(order) = order {
            permute(order, |a, b| meetings.swap(a, b));
        }

        if !check.problems.is_empty() {
            let mut problems = check.problems;
            problems.sort_by(|a, b| a.location.cmp(&b.location));
            return Err(BuildError { problems });
        }

        let mut admissions = std::mem::take(&mut self.admissions);
        admissions.sort_by_key(|(c, a)| (*c, a.date, a.member));
        group_ranges(
            &mut data.orgs,
            &meetings,
            |m| Some(m.cell),
            |o| &mut o.meetings,
        );
        group_ranges(
            &mut data.orgs,
            &admissions,
            |a| Some(a.0),
            |o| &mut o.admissions,
        );
        meetings.shrink_to_fit();
        data.meetings = meetings;
        data.meeting_ids = ids;
        data.absences = absences;
        data.absences.shrink_to_fit();
        data.member_ratings = member_ratings;
        data.org_ratings = org_ratings;
        data.admissions = admissions.into_iter().map(|(_, a)| a).collect();
        data.org_by_id = sorted_by_id(&data.orgs, |o| &o.id);
        data.index_by_subject();
        data.cell_years = crate::criteria::CellYears::of(&data);
        Ok(data)
    }
}

/// Feeds the builder, which checks records as they come.
impl RecordSink for DatasetBuilder {
    fn organisation(&mut self, record: OrganisationRecord) {
        DatasetBuilder::organisation(self, record);
    }
    fn member(&mut self, record: MemberRecord) {
        DatasetBuilder::member(self, record);
    }
    fn meeting(&mut self, record: MeetingRecord) {
        DatasetBuilder::meeting(self, record);
    }
    fn rating(&mut self, record: RatingRecord) {
        DatasetBuilder::rating(self, record);
    }
    fn admission(&mut self, record: AdmissionRecord) {
        DatasetBuilder::admission(self, record);
    }
}

#[derive(Default)]
struct Members {
    members: Vec<Member>,
    stints: Vec<Stint>,
    leaves: Vec<LeaveSpan>,
    /// Their ids and names.
    texts: Texts,
}

/// Sets each organisation's range over `items`, which are sorted by the organisation `key` gives.
fn group_ranges<T>(
    orgs: &mut [Org],
    items: &[T],
    key: impl Fn(&T) -> Option<OrgIx>,
    range: impl Fn(&mut Org) -> &mut Range<u32>,
) {
    let mut start = 0usize;
    while let Some(first) = items.get(start) {
        let k = key(first);
        let len = items
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .take_while(|x| key(x) == k)
            .count();
        let end = start.saturating_add(len.max(1));
        if let Some(org) = k.and_then(|k| orgs.get_mut(k as usize)) {
            *range(org) = ix(start)..ix(end);
        }
        start = end;
    }
}

fn life(org: &Org) -> String {
    let show =
        |d: Option<NaiveDate>, none: &str| d.map_or_else(|| none.to_owned(), |d| d.to_string());
    format!(
        "{} to {}",
        show(org.founded, "the start"),
        show(org.dissolved, "now")
    )
}

/// The last day of the year ending on `year_end` (a 31 December) that a member belonged, or
/// `None` if they were not a member that year.
pub(crate) fn last_member_day(member: &Member, year_end: NaiveDate) -> Option<NaiveDate> {
    let last = match &member.exit {
        None => year_end,
        Some(e) => e.on.pred_opt()?.min(year_end),
    };
    (member.admitted <= last && last.year() == year_end.year()).then_some(last)
}

/// The member's leave covering `date`, if any.
fn leave_on(leaves: &[LeaveSpan], member: &Member, date: NaiveDate) -> Option<LeaveKind> {
    span(leaves, &member.leaves)
        .iter()
        .find(|l| l.from <= date && date <= l.until)
        .map(|l| l.kind)
}

impl Dataset {
    /// Whether `member` is on `cell`'s list on `date`, whatever their standing there.
    pub(crate) fn listed_at(&self, member: &Member, cell: OrgIx, date: NaiveDate) -> bool {
        posting_at(span(&self.stints, &member.postings), cell, date).is_some()
    }

    /// The member's leave covering `date`, if any.
    pub(crate) fn leave_on(&self, member: &Member, date: NaiveDate) -> Option<LeaveKind> {
        leave_on(&self.leaves, member, date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a country's 12 million meetings and 5 million members cost a record each.
    #[test]
    fn record_sizes() {
        assert_eq!(std::mem::size_of::<Meeting>(), 44);
        assert_eq!(std::mem::size_of::<Option<Assessment>>(), 2);
        assert_eq!(std::mem::size_of::<Member>(), 48);
        assert_eq!(std::mem::size_of::<Totals>(), 12);
    }

    #[test]
    fn scores_keep_their_value() {
        for score in 0..=254u8 {
            assert_eq!(Score::new(score).map(Score::get), Some(score));
        }
        assert_eq!(Score::new(255), None);
        let a = Assessment::from(SelfAssessment {
            level: Some(MeetingQuality::Fair),
            score: Some(75),
        });
        assert_eq!(a.level, Some(MeetingQuality::Fair));
        assert_eq!(a.score.map(Score::get), Some(75));
        assert_eq!(format!("{:?}", a.score), "Some(Score(75))");
    }

    #[test]
    fn years_rise_for_each_subject() {
        let r = |subject, year| Rating {
            subject,
            year,
            result: RatingResult::NotRated(crate::model::NotRatedReason::Exempted),
            disciplined: None,
        };
        assert!(years_rise(
            &[r(1, 2020), r(0, 2020), r(1, 2021), r(0, 2022)],
            2
        ));
        assert!(!years_rise(&[r(1, 2021), r(0, 2020), r(1, 2021)], 2));
        assert!(!years_rise(&[r(1, 2021), r(1, 2020)], 2));
        assert!(!years_rise(&[r(2, 2021)], 2));
        assert!(!years_rise(&[r(0, i32::MIN)], 1));
        assert!(years_rise(&[], 0));
    }

    #[test]
    fn record_indexes_skip_the_records_left_out() {
        // Records 0..10, of which 0, 3, 4 and 9 were left out.
        let mut left_out = RecordIndexes::default();
        for index in [0, 3, 4, 9] {
            left_out.leave_out(index);
        }
        let kept: Vec<u32> = (0..6).map(|p| left_out.of(p)).collect();
        assert_eq!(kept, [1, 2, 5, 6, 7, 8]);
        assert_eq!(RecordIndexes::default().of(7), 7);
    }
}
