//! The validated, indexed dataset (bộ dữ liệu đã kiểm tra): the only place input is checked.
//!
//! [`Dataset::build`] reads [`Records`], reports **every** problem at once as a [`BuildError`],
//! and otherwise returns a store laid out for evaluation: dense `u32` indexes, organisations in
//! depth-first order (so every organisation's subtree is one contiguous range), meetings sorted
//! by cell and date, and attendance kept as totals plus the list of absentees.

use std::collections::HashMap;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use crate::error::{BuildError, Location, Problem, ProblemKind, RecordKind};
use crate::model::{
    AdmissionRecord, Attendance, CellKind, Exit, LeaveKind, MeetingKind, MeetingRecord,
    MemberRecord, OrgLevel, OrganisationRecord, Presence, RatingRecord, RatingResult,
    RatingSubject, Records, SelfAssessment,
};
use crate::rules::RatingRules;

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
    pub(crate) id: Box<str>,
    pub(crate) name: Option<Box<str>>,
    pub(crate) admitted: NaiveDate,
    pub(crate) official: Option<NaiveDate>,
    pub(crate) exit: Option<Exit>,
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
    pub(crate) id: Box<str>,
    pub(crate) cell: OrgIx,
    pub(crate) date: NaiveDate,
    pub(crate) kind: MeetingKind,
    pub(crate) duration: u16,
    pub(crate) flags: Flags,
    pub(crate) references: u8,
    pub(crate) tasks: u16,
    pub(crate) concrete_tasks: u16,
    pub(crate) turnout: Turnout,
    pub(crate) absences: Range<u32>,
    pub(crate) assessment: Option<SelfAssessment>,
}

/// One absentee of a meeting with a roll call.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Absence {
    pub(crate) member: MemberIx,
    pub(crate) with_reason: bool,
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
    pub(crate) stints: Vec<Stint>,
    /// Indexes into `stints`, grouped by cell.
    pub(crate) roster: Vec<u32>,
    pub(crate) leaves: Vec<LeaveSpan>,
    pub(crate) meetings: Vec<Meeting>,
    pub(crate) absences: Vec<Absence>,
    /// Sorted by (member, year).
    pub(crate) member_ratings: Vec<Rating<MemberIx>>,
    /// Sorted by (organisation, year).
    pub(crate) org_ratings: Vec<Rating<OrgIx>>,
    /// Grouped by cell, sorted by date.
    pub(crate) admissions: Vec<Admission>,
    org_by_id: Vec<OrgIx>,
    member_by_id: Vec<MemberIx>,
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
}

impl<'a> MemberRef<'a> {
    /// Their id.
    pub fn id(&self) -> &'a str {
        &self.member.id
    }
    /// Their display name, if given.
    pub fn name(&self) -> Option<&'a str> {
        self.member.name.as_deref()
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
        Builder::default().build(records)
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
        find(&self.member_by_id, &self.members, id, |m| &m.id)
            .and_then(|i| self.members.get(i as usize))
            .map(|member| MemberRef { member })
    }

    /// Where `member` stood with `cell` on `date`: expected at its meetings, exempted,
    /// suspended, meeting elsewhere, or not listed. `None` if either id is unknown.
    pub fn expectation(&self, member: &str, cell: &str, date: NaiveDate) -> Option<Expectation> {
        let m = find(&self.member_by_id, &self.members, member, |m| &m.id)?;
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

    /// The members on a cell's list on `date`, with where each stands and whether they meet
    /// there only temporarily.
    pub(crate) fn roster_on(
        &self,
        cell: OrgIx,
        date: NaiveDate,
    ) -> impl Iterator<Item = (MemberIx, Expectation, bool)> + '_ {
        let range = self
            .orgs
            .get(cell as usize)
            .map_or(0..0, |o| o.roster.clone());
        span(&self.roster, &range)
            .iter()
            .filter_map(|&s| self.stints.get(s as usize))
            .filter(move |s| s.covers(date))
            .map(move |s| {
                (
                    s.member,
                    self.expectation_ix(s.member, cell, date),
                    s.temporary,
                )
            })
    }

    pub(crate) fn meetings_of(&self, org: &Org) -> &[Meeting] {
        span(&self.meetings, &org.meetings)
    }

    pub(crate) fn absences_of(&self, meeting: &Meeting) -> &[Absence] {
        span(&self.absences, &meeting.absences)
    }
}

fn expectation_of(
    member: &Member,
    stints: &[Stint],
    leaves: &[LeaveSpan],
    cell: OrgIx,
    date: NaiveDate,
) -> Expectation {
    let postings = span(stints, &member.postings);
    let Some(here) = postings.iter().find(|s| s.cell == cell && s.covers(date)) else {
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
struct Builder {
    problems: Vec<Problem>,
    /// Organisations in the records but left out of the layout (they lie on a cycle).
    unplaced: std::collections::HashSet<String>,
    /// Members with a faulty posting or leave, whose expected days are therefore unknown.
    tainted_members: std::collections::HashSet<MemberIx>,
    /// Cells those members were posted at: their rosters are incomplete.
    tainted_cells: std::collections::HashSet<OrgIx>,
}

struct At<'r> {
    kind: RecordKind,
    index: usize,
    id: &'r str,
}

impl Builder {
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

    fn build(mut self, records: &Records) -> Result<Dataset, BuildError> {
        let (orgs, org_of_record) = self.organisations(&records.organisations);
        let org_lookup = |id: &str| -> Option<(OrgIx, &Org)> {
            let i = *org_of_record.get(id)?;
            orgs.get(i as usize).map(|o| (i, o))
        };
        let mut members_out = Members::default();
        let member_of_record = self.members(&records.members, &org_lookup, &mut members_out);
        let Members {
            members,
            stints,
            leaves,
        } = members_out;
        let mut orgs = orgs;

        // The roster: indexes of postings, grouped by cell.
        let mut roster: Vec<u32> = (0..ix(stints.len())).collect();
        roster.sort_by_key(|&s| stints.get(s as usize).map(|s| (s.cell, s.from, s.member)));
        group_ranges(
            &mut orgs,
            &roster,
            |&s| stints.get(s as usize).map(|s| s.cell),
            |o| &mut o.roster,
        );

        // Meetings, ratings and admissions are checked against the organisations and members.
        let probe = Dataset {
            orgs,
            members,
            stints,
            roster,
            leaves,
            meetings: Vec::new(),
            absences: Vec::new(),
            member_ratings: Vec::new(),
            org_ratings: Vec::new(),
            admissions: Vec::new(),
            org_by_id: Vec::new(),
            member_by_id: Vec::new(),
        };
        let member_lookup = |id: &str| member_of_record.get(id).copied();
        let org_ix = |id: &str| org_of_record.get(id).copied();

        let (meetings, absences) =
            self.meetings(&records.meetings, &probe, &org_ix, &member_lookup);
        let (member_ratings, org_ratings) =
            self.ratings(&records.ratings, &probe, &org_ix, &member_lookup);
        let admissions = self.admissions(&records.admissions, &probe, &org_ix, &member_lookup);

        if !self.problems.is_empty() {
            self.problems.sort_by(|a, b| a.location.cmp(&b.location));
            return Err(BuildError {
                problems: self.problems,
            });
        }

        let mut dataset = probe;
        group_ranges(
            &mut dataset.orgs,
            &meetings,
            |m| Some(m.cell),
            |o| &mut o.meetings,
        );
        group_ranges(
            &mut dataset.orgs,
            &admissions,
            |a| Some(a.0),
            |o| &mut o.admissions,
        );
        dataset.meetings = meetings;
        dataset.absences = absences;
        dataset.member_ratings = member_ratings;
        dataset.org_ratings = org_ratings;
        dataset.admissions = admissions.into_iter().map(|(_, a)| a).collect();
        dataset.org_by_id = sorted_by_id(&dataset.orgs, |o| &o.id);
        dataset.member_by_id = sorted_by_id(&dataset.members, |m| &m.id);
        Ok(dataset)
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

    fn members<'r, 'o>(
        &mut self,
        records: &'r [MemberRecord],
        org_lookup: &impl Fn(&str) -> Option<(OrgIx, &'o Org)>,
        out: &mut Members,
    ) -> HashMap<&'r str, MemberIx> {
        let kind = RecordKind::Member;
        let by_id = self.index_ids(kind, records, |r| &r.id);
        let mut new_ix = HashMap::with_capacity(by_id.len());
        // Members are indexed in id order, so nothing downstream depends on record order.
        let mut kept: Vec<(&str, usize)> = by_id.iter().map(|(&id, &i)| (id, i)).collect();
        kept.sort_unstable();
        for (index, r) in kept
            .into_iter()
            .filter_map(|(_, i)| records.get(i).map(|r| (i, r)))
        {
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
                let Some((cell, org)) =
                    self.cell_ref(&at, &field("cell"), &posting.cell, org_lookup)
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
                        s.temporary == stint.temporary
                            && s.from <= stint.until
                            && stint.from <= s.until
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
            if self.problems.len() > problems_before {
                self.tainted_members.insert(me);
                let cells = r.postings.iter().filter_map(|p| org_lookup(&p.cell));
                self.tainted_cells.extend(cells.map(|(c, _)| c));
            }
            out.members.push(Member {
                id: r.id.as_str().into(),
                name: r.name.as_deref().map(Into::into),
                admitted: r.admitted_on,
                official: r.official_on,
                exit: r.exit.clone(),
                postings: first_stint..ix(out.stints.len()),
                leaves: first_leave..ix(out.leaves.len()),
            });
            new_ix.insert(r.id.as_str(), me);
        }
        new_ix
    }

    fn meetings(
        &mut self,
        records: &[MeetingRecord],
        data: &Dataset,
        org_ix: &impl Fn(&str) -> Option<OrgIx>,
        member_ix: &impl Fn(&str) -> Option<MemberIx>,
    ) -> (Vec<Meeting>, Vec<Absence>) {
        let kind = RecordKind::Meeting;
        let by_id = self.index_ids(kind, records, |r| &r.id);
        let mut meetings = Vec::with_capacity(records.len());
        let mut absences = Vec::new();
        let lookup = |id: &str| org_ix(id).and_then(|i| data.orgs.get(i as usize).map(|o| (i, o)));
        let mut marks: Vec<(MemberIx, Presence, usize)> = Vec::new();
        let mut listed: Vec<(MemberIx, Expectation)> = Vec::new();
        for (index, r) in records.iter().enumerate() {
            if by_id.get(r.id.as_str()) != Some(&index) {
                continue;
            }
            let at = At {
                kind,
                index,
                id: &r.id,
            };
            let Some((cell, org)) = self.cell_ref(&at, "cell", &r.cell, &lookup) else {
                continue;
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
            listed.extend(data.roster_on(cell, r.date).map(|(m, e, _)| (m, e)));
            listed.sort_unstable_by_key(|&(m, _)| m);
            let due = ix(listed
                .iter()
                .filter(|(_, e)| *e == Expectation::Due)
                .count());
            let exempted = ix(listed
                .iter()
                .filter(|(_, e)| *e == Expectation::Exempted)
                .count());
            let first_absence = ix(absences.len());
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
                    Turnout {
                        expected: n.expected,
                        present: n.present,
                        with_reason: n.absent_with_reason,
                        without_reason: n.absent_without_reason,
                    }
                }
                Attendance::RollCall(entries) => {
                    marks.clear();
                    for (e, entry) in entries.iter().enumerate() {
                        match member_ix(&entry.member) {
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
                    for &(m, presence, e) in &marks {
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
                                        absences.push(Absence {
                                            member: m,
                                            with_reason: true,
                                        });
                                    }
                                    Presence::AbsentWithoutReason => {
                                        turnout.without_reason =
                                            turnout.without_reason.saturating_add(1);
                                        absences.push(Absence {
                                            member: m,
                                            with_reason: false,
                                        });
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
                    for &(m, standing) in &listed {
                        let marked = marks.binary_search_by_key(&m, |&(x, _, _)| x).is_ok();
                        if standing == Expectation::Due
                            && !marked
                            && !self.tainted_members.contains(&m)
                        {
                            let member = data
                                .members
                                .get(m as usize)
                                .map_or_else(String::new, |x| x.id.to_string());
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
                    turnout
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
            meetings.push(Meeting {
                id: r.id.as_str().into(),
                cell,
                date: r.date,
                kind: r.kind,
                duration: r.duration_minutes,
                flags,
                references: c.linked_to.iter().fold(0, |acc, x| acc | x.bit()),
                tasks: c.tasks,
                concrete_tasks: c.tasks_with_owner_and_deadline,
                turnout,
                absences: first_absence..ix(absences.len()),
                assessment: r.self_assessment,
            });
        }
        // Sort by cell and date; absences follow their meetings.
        meetings
            .sort_by(|a, b| (a.cell, a.date, a.kind, &a.id).cmp(&(b.cell, b.date, b.kind, &b.id)));
        let mut reordered = Vec::with_capacity(absences.len());
        for m in &mut meetings {
            let start = ix(reordered.len());
            reordered.extend_from_slice(span(&absences, &m.absences));
            m.absences = start..ix(reordered.len());
        }
        // Two regular meetings (regular or combined) of one cell on one day: report every one
        // after the first record, pointing back to it.
        let mut start = 0;
        while let Some(first) = meetings.get(start) {
            let group = meetings
                .get(start..)
                .unwrap_or(&[])
                .iter()
                .take_while(|m| m.cell == first.cell && m.date == first.date);
            let mut regular: Vec<(usize, &Meeting)> = group
                .clone()
                .filter(|m| m.kind.is_regular())
                .map(|m| (by_id.get(&*m.id).copied().unwrap_or(0), m))
                .collect();
            start = start.saturating_add(group.count().max(1));
            regular.sort_by_key(|&(index, _)| index);
            let Some((&(_, earliest), later)) = regular.split_first() else {
                continue;
            };
            for &(index, m) in later {
                let cell = data
                    .orgs
                    .get(m.cell as usize)
                    .map_or_else(String::new, |o| o.id.to_string());
                self.report(
                    &At {
                        kind,
                        index,
                        id: &m.id,
                    },
                    "date",
                    ProblemKind::DuplicateRegularMeeting {
                        cell,
                        other: earliest.id.to_string(),
                        date: m.date,
                    },
                );
            }
        }
        (meetings, reordered)
    }

    #[allow(clippy::type_complexity)]
    fn ratings(
        &mut self,
        records: &[RatingRecord],
        data: &Dataset,
        org_ix: &impl Fn(&str) -> Option<OrgIx>,
        member_ix: &impl Fn(&str) -> Option<MemberIx>,
    ) -> (Vec<Rating<MemberIx>>, Vec<Rating<OrgIx>>) {
        let kind = RecordKind::Rating;
        let mut members = Vec::new();
        let mut orgs = Vec::new();
        let mut seen: HashMap<(bool, u32, i32), usize> = HashMap::new();
        for (index, r) in records.iter().enumerate() {
            let (is_member, id) = match &r.subject {
                RatingSubject::Member(id) => (true, id),
                RatingSubject::Organisation(id) => (false, id),
            };
            let at = At { kind, index, id };
            let subject = if is_member { member_ix(id) } else { org_ix(id) };
            let Some(subject) = subject else {
                if !is_member && self.unplaced.contains(id.as_str()) {
                    // On a cycle, already reported: not unknown.
                    continue;
                }
                let kind = if is_member {
                    ProblemKind::UnknownMember { id: id.clone() }
                } else {
                    ProblemKind::UnknownOrganisation { id: id.clone() }
                };
                self.report(&at, "subject", kind);
                continue;
            };
            if let Some(&first) = seen.get(&(is_member, subject, r.year)) {
                self.report(
                    &at,
                    "year",
                    ProblemKind::DuplicateRating {
                        year: r.year,
                        first,
                    },
                );
                continue;
            }
            seen.insert((is_member, subject, r.year), index);
            if is_member {
                if let (RatingResult::Rated(level), Some(member)) =
                    (r.result, data.members.get(subject as usize))
                {
                    if let Some(why) =
                        RatingRules::for_year(r.year).bars_member(r.year, data, member)
                    {
                        self.report(
                            &at,
                            "result",
                            ProblemKind::RatingNotAllowed {
                                level,
                                year: r.year,
                                why,
                            },
                        );
                    }
                }
                members.push(Rating {
                    subject,
                    year: r.year,
                    result: r.result,
                    disciplined: r.disciplined,
                });
            } else {
                orgs.push(Rating {
                    subject,
                    year: r.year,
                    result: r.result,
                    disciplined: r.disciplined,
                });
            }
        }
        members.sort_by_key(|r| (r.subject, r.year));
        orgs.sort_by_key(|r| (r.subject, r.year));
        (members, orgs)
    }

    fn admissions(
        &mut self,
        records: &[AdmissionRecord],
        data: &Dataset,
        org_ix: &impl Fn(&str) -> Option<OrgIx>,
        member_ix: &impl Fn(&str) -> Option<MemberIx>,
    ) -> Vec<(OrgIx, Admission)> {
        let kind = RecordKind::Admission;
        let lookup = |id: &str| org_ix(id).and_then(|i| data.orgs.get(i as usize).map(|o| (i, o)));
        let mut out = Vec::with_capacity(records.len());
        let mut seen: HashMap<MemberIx, usize> = HashMap::new();
        for (index, r) in records.iter().enumerate() {
            let at = At {
                kind,
                index,
                id: &r.member,
            };
            let member = member_ix(&r.member);
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
                continue;
            };
            self.check_cell_life(&at, "date", &r.cell, org, r.date);
            if let Some(&first) = seen.get(&m) {
                self.report(&at, "member", ProblemKind::DuplicateAdmission { first });
                continue;
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
        out.sort_by_key(|(c, a)| (*c, a.date, a.member));
        out
    }
}

#[derive(Default)]
struct Members {
    members: Vec<Member>,
    stints: Vec<Stint>,
    leaves: Vec<LeaveSpan>,
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

/// The last day of `year` a member belonged, or `None` if they were not a member that year.
pub(crate) fn last_member_day(member: &Member, year: i32) -> Option<NaiveDate> {
    let end = NaiveDate::from_ymd_opt(year, 12, 31)?;
    let last = match &member.exit {
        None => end,
        Some(e) => e.on.pred_opt()?.min(end),
    };
    (member.admitted <= last && last.year() == year).then_some(last)
}

/// The member's leave covering `date`, if any.
fn leave_on(leaves: &[LeaveSpan], member: &Member, date: NaiveDate) -> Option<LeaveKind> {
    span(leaves, &member.leaves)
        .iter()
        .find(|l| l.from <= date && date <= l.until)
        .map(|l| l.kind)
}

impl Dataset {
    /// The member's leave covering `date`, if any.
    pub(crate) fn leave_on(&self, member: &Member, date: NaiveDate) -> Option<LeaveKind> {
        leave_on(&self.leaves, member, date)
    }
}
