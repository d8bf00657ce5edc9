//! Errors (lỗi): every problem names where it is and says what to fix.

use std::fmt;

use chrono::NaiveDate;

use crate::model::{LeaveKind, OrgLevel, RatingLevel};

/// A code that names no variant of an enum, e.g. `"regularr"` for a meeting kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} code `{code}`: expected one of {}", expected.join(", "))]
pub struct UnknownCode {
    /// The enum's name.
    pub kind: &'static str,
    /// What was given.
    pub code: String,
    /// The codes it accepts.
    pub expected: &'static [&'static str],
}

/// A period or month that cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PeriodError {
    /// The end precedes the start.
    #[error("period ends on {end} before it starts on {start}: swap the dates")]
    EndBeforeStart {
        /// First day given.
        start: NaiveDate,
        /// Last day given.
        end: NaiveDate,
    },
    /// A month that is not `YYYY-MM`.
    #[error("`{0}` is not a month: write it as YYYY-MM")]
    BadMonth(String),
}

/// The kind of record a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum RecordKind {
    /// An [`crate::OrganisationRecord`].
    Organisation,
    /// A [`crate::MemberRecord`].
    Member,
    /// A [`crate::MeetingRecord`].
    Meeting,
    /// A [`crate::RatingRecord`].
    Rating,
    /// An [`crate::AdmissionRecord`].
    Admission,
    /// A [`crate::TallyRecord`].
    Tally,
}

impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RecordKind::Organisation => "organisation",
            RecordKind::Member => "member",
            RecordKind::Meeting => "meeting",
            RecordKind::Rating => "rating",
            RecordKind::Admission => "admission",
            RecordKind::Tally => "tally",
        })
    }
}

/// Where a problem is: the record's kind, its position in its list, its id, and the field.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Location {
    /// Which list the record is in.
    pub kind: RecordKind,
    /// Its index in that list (0-based).
    pub index: usize,
    /// Its id, or for ratings and admissions the id of the member or organisation they concern.
    pub id: String,
    /// The field at fault, as named in the record type, e.g. `postings[1].until`.
    pub field: String,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} #{} `{}`, field `{}`",
            self.kind, self.index, self.id, self.field
        )
    }
}

/// What is wrong with a record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case", tag = "reason"))]
#[non_exhaustive]
pub enum ProblemKind {
    /// The id is empty or has surrounding whitespace.
    #[error("id `{id}` is empty or has leading or trailing spaces: trim it")]
    BadId {
        /// The id given.
        id: String,
    },
    /// Another record of the same kind has this id.
    #[error("id `{id}` is already used by record #{first}: give each record its own id")]
    DuplicateId {
        /// The id.
        id: String,
        /// The index of the first record with it.
        first: usize,
    },
    /// A reference to an organisation that is not in the dataset.
    #[error("no organisation has id `{id}`: add it or fix the reference")]
    UnknownOrganisation {
        /// The id referenced.
        id: String,
    },
    /// A reference to a member who is not in the dataset.
    #[error("no member has id `{id}`: add the member or fix the reference")]
    UnknownMember {
        /// The id referenced.
        id: String,
    },
    /// A reference to an organisation that is not a cell where a cell is needed.
    #[error("`{id}` is a {level}, not a cell (chi bộ): refer to a cell")]
    NotACell {
        /// The id referenced.
        id: String,
        /// Its level.
        level: OrgLevel,
    },
    /// An organisation placed under one of a level it cannot sit under.
    #[error("a {level} cannot sit under a {parent_level}: fix the parent or the level")]
    WrongParentLevel {
        /// This organisation's level.
        level: OrgLevel,
        /// Its parent's level.
        parent_level: OrgLevel,
    },
    /// A cell under a party committee, or a sub-committee, with no parent.
    #[error("a {level} must sit under a đảng bộ cơ sở: give its parent")]
    MissingParent {
        /// Its level.
        level: OrgLevel,
    },
    /// The organisation is its own ancestor.
    #[error("the organisation is its own ancestor (cycle through {cycle}): break the cycle")]
    OrganisationCycle {
        /// The ids around the cycle, joined by " → ".
        cycle: String,
    },
    /// A date range whose end precedes its start.
    #[error("ends on {until} before it starts on {from}: fix one of the dates")]
    DatesOutOfOrder {
        /// The start.
        from: NaiveDate,
        /// The end.
        until: NaiveDate,
    },
    /// A date before the member was admitted or on or after their exit.
    #[error("{date} lies outside the membership ({admitted} to {exit}): fix the date")]
    OutsideMembership {
        /// The date given.
        date: NaiveDate,
        /// The day of admission.
        admitted: NaiveDate,
        /// The day of exit, or "now".
        exit: String,
    },
    /// Two postings that are both regular (or both temporary) overlap.
    #[error("overlaps posting #{other} ({from} onwards): end one posting before the next starts")]
    OverlappingPostings {
        /// The other posting's index.
        other: usize,
        /// The start of this posting.
        from: NaiveDate,
    },
    /// A temporary posting not inside a regular one, or at the same cell.
    #[error(
        "temporary posting from {from} is not inside a regular posting at another cell: a member meets temporarily away from a home cell"
    )]
    TemporaryWithoutHome {
        /// The start of the temporary posting.
        from: NaiveDate,
    },
    /// A posting or meeting outside the cell's life.
    #[error(
        "{date} is outside the life of cell `{cell}` ({life}): fix the date or the cell's dates"
    )]
    OutsideCellLife {
        /// The cell.
        cell: String,
        /// The offending date.
        date: NaiveDate,
        /// The cell's life, e.g. "2020-01-01 to 2022-06-30".
        life: String,
    },
    /// Two leaves overlap.
    #[error("overlaps leave #{other}: merge the two leaves")]
    OverlappingLeaves {
        /// The other leave's index.
        other: usize,
    },
    /// Made official before being admitted.
    #[error("made official on {official} before admission on {admitted}: fix one of the dates")]
    OfficialBeforeAdmission {
        /// Day made official.
        official: NaiveDate,
        /// Day admitted.
        admitted: NaiveDate,
    },
    /// A roll call names a member who was not expected at this cell on this day.
    #[error(
        "roll call names `{member}`, who was not on this cell's list on {date}: remove the line or fix the member's postings"
    )]
    NotExpected {
        /// The member.
        member: String,
        /// The meeting's day.
        date: NaiveDate,
    },
    /// A roll call names a member who was suspended that day.
    #[error(
        "roll call names `{member}`, who was suspended (đình chỉ sinh hoạt) on {date}: leave them out of the roll call"
    )]
    SuspendedInRollCall {
        /// The member.
        member: String,
        /// The meeting's day.
        date: NaiveDate,
    },
    /// A roll call at the home cell names a member meeting temporarily in another cell.
    #[error(
        "roll call names `{member}`, who met temporarily in another cell on {date}: record them in that cell's roll call"
    )]
    MeetsElsewhere {
        /// The member.
        member: String,
        /// The meeting's day.
        date: NaiveDate,
    },
    /// A roll call leaves out a member who was expected.
    #[error(
        "roll call leaves out `{member}`, who was on this cell's list on {date}: add a line for them"
    )]
    MissingFromRollCall {
        /// The member.
        member: String,
        /// The meeting's day.
        date: NaiveDate,
    },
    /// A roll call names a member twice.
    #[error("roll call names `{member}` twice: keep one line")]
    ListedTwice {
        /// The member.
        member: String,
    },
    /// An absence recorded for an exempted member, who is not expected.
    #[error(
        "`{member}` is exempted ({leave}) on {date} and cannot be marked absent: mark them present or leave them out"
    )]
    AbsenceWhileOnLeave {
        /// The member.
        member: String,
        /// Their leave.
        leave: LeaveKind,
        /// The meeting's day.
        date: NaiveDate,
    },
    /// Totals that do not add up.
    #[error(
        "present {present} + absent with reason {with_reason} + absent without reason {without_reason} ≠ expected {expected}: correct the totals"
    )]
    CountsDoNotAddUp {
        /// Expected.
        expected: u32,
        /// Present.
        present: u32,
        /// Absent with reason.
        with_reason: u32,
        /// Absent without reason.
        without_reason: u32,
    },
    /// Totals whose expected count disagrees with the cell's list on that day.
    #[error(
        "expected {expected}, but the cell's list on {date} gives {due} due and {exempted} exempted: expected must lie between {due} and the sum"
    )]
    CountsDisagreeWithRoster {
        /// Expected as recorded.
        expected: u32,
        /// Members due that day.
        due: u32,
        /// Exempted members that day, who may be counted if present.
        exempted: u32,
        /// The meeting's day.
        date: NaiveDate,
    },
    /// Totals counting exempted members who did not come.
    #[error("expected {expected} counts {} exempted members beyond the {due} due, who count only when present, but only {present} were present: lower `expected` or correct `present`", expected.saturating_sub(*due))]
    ExemptedCountedAbsent {
        /// Expected as recorded.
        expected: u32,
        /// Members due that day.
        due: u32,
        /// Present as recorded.
        present: u32,
    },
    /// Two regular meetings of one cell on one day.
    #[error(
        "cell `{cell}` already has regular meeting `{other}` on {date}: merge them or fix a date"
    )]
    DuplicateRegularMeeting {
        /// The cell.
        cell: String,
        /// The other meeting.
        other: String,
        /// The day.
        date: NaiveDate,
    },
    /// More concrete tasks than tasks.
    #[error(
        "{concrete} tasks with owner and deadline out of {tasks}: the first cannot exceed the second"
    )]
    TasksExceed {
        /// Tasks set.
        tasks: u16,
        /// Tasks with owner and deadline.
        concrete: u16,
    },
    /// A self-assessment with neither a level nor a score.
    #[error(
        "self-assessment has neither a level nor a score: give one, or leave the assessment out"
    )]
    EmptySelfAssessment,
    /// A quality score above 100.
    #[error("score {score} is above 100")]
    ScoreOutOfRange {
        /// The score.
        score: u8,
    },
    /// A rating for someone who may not be rated that year.
    #[error("rated {level} for {year}, but may not be rated: {why}; record it as not rated")]
    RatingNotAllowed {
        /// The level given.
        level: RatingLevel,
        /// The year.
        year: i32,
        /// Why not, in words.
        why: String,
    },
    /// A second rating of one subject for one year.
    #[error("already rated for {year} by rating #{first}: keep one rating per year")]
    DuplicateRating {
        /// The year.
        year: i32,
        /// The first rating's index.
        first: usize,
    },
    /// An admission whose date is not the member's admission date.
    #[error(
        "admission on {date}, but the member record says admitted on {admitted}: make them agree"
    )]
    AdmissionDateMismatch {
        /// The admission's date.
        date: NaiveDate,
        /// The member's `admitted_on`.
        admitted: NaiveDate,
    },
    /// A reported count whose numerator exceeds its denominator.
    #[error(
        "numerator {numerator} exceeds denominator {denominator}: a count of units that pass cannot exceed the units judged"
    )]
    NumeratorExceedsDenominator {
        /// Numerator.
        numerator: u64,
        /// Denominator.
        denominator: u64,
    },
    /// A second count for one organisation, criterion and period.
    #[error(
        "already reported by tally #{first}: keep one count per organisation, criterion and period"
    )]
    DuplicateTally {
        /// The first tally's index.
        first: usize,
    },
    /// A second admission of one member.
    #[error("member already admitted by admission #{first}: keep one admission per member")]
    DuplicateAdmission {
        /// The first admission's index.
        first: usize,
    },
    /// A record given to a [`crate::DatasetBuilder`] after records of a kind that must follow
    /// it (every organisation comes first, then every member, then meetings, ratings and
    /// admissions). The record is not used; the location's field is empty (the whole record).
    #[error(
        "came after the first {after} record: give every organisation first, then every member, then meetings, ratings and admissions"
    )]
    OutOfOrder {
        /// The kind of the first record that this one should have preceded.
        after: RecordKind,
    },
    /// The ids (and names) of one record kind pass 4 GiB of text in all, the most a dataset
    /// keeps.
    #[error(
        "the ids and names of this kind of record pass 4 GiB of text in all: split the records into smaller datasets (one per province)"
    )]
    TooMuchText,
}

/// One problem found while building a dataset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[error("{location}: {kind}")]
pub struct Problem {
    /// Where.
    pub location: Location,
    /// What.
    pub kind: ProblemKind,
}

/// Every problem found while building a dataset, in record order.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BuildError {
    /// The problems, sorted by location.
    pub problems: Vec<Problem>,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} problem(s) in the records", self.problems.len())?;
        for p in &self.problems {
            write!(f, "\n{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for BuildError {}
