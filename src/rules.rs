//! National rules in force by date (quy định theo thời điểm): which guidance judges a meeting,
//! which regulation governs a year's ratings.

use chrono::{Datelike, Months, NaiveDate};

use crate::dataset::{Dataset, Member, last_member_day};
use crate::model::{LeaveKind, MeetingKind};

/// The guidance a meeting is judged by, chosen by its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum MeetingRules {
    /// Hướng dẫn 12-HD/BTCTW (06/7/2018), under Chỉ thị 10-CT/TW: in force until 27/10/2025.
    Hd12,
    /// Hướng dẫn 42-HD/BTCTW, under Chỉ thị 50-CT/TW (23/7/2025): in force from 28/10/2025.
    Hd42,
}

impl MeetingRules {
    /// The first day HD 42 applies.
    pub const HD42_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2025, 10, 28) {
        Some(d) => d,
        None => NaiveDate::MIN,
    };

    /// The rules in force on `date`.
    pub fn in_force_on(date: NaiveDate) -> MeetingRules {
        if date < Self::HD42_FROM {
            MeetingRules::Hd12
        } else {
            MeetingRules::Hd42
        }
    }

    /// The shortest a meeting of `kind` may last, in minutes: 90 under both; 120 under HD 42
    /// when a thematic and a regular meeting share a session.
    pub fn min_minutes(self, kind: MeetingKind) -> u16 {
        match (self, kind) {
            (MeetingRules::Hd42, MeetingKind::Combined) => 120,
            _ => 90,
        }
    }

    /// Whether documents must reach members at least a day ahead (HD 42).
    pub fn requires_documents_ahead(self) -> bool {
        self == MeetingRules::Hd42
    }

    /// The document's short name, e.g. "HD 12-HD/BTCTW".
    pub fn name(self) -> &'static str {
        match self {
            MeetingRules::Hd12 => "Hướng dẫn 12-HD/BTCTW",
            MeetingRules::Hd42 => "Hướng dẫn 42-HD/BTCTW",
        }
    }
}

/// The regulation governing a year's quality ratings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum RatingRules {
    /// Quy định 132-QĐ/TW (2018), Hướng dẫn 16 (2018) and 21 (2019): rating years up to 2022.
    Qd132,
    /// Quy định 124-QĐ/TW (04/10/2023): rating years 2023 and 2024.
    Qd124,
    /// Quy định 366-QĐ/TW (30/8/2025): rating years from 2025, on a 100-point scale.
    Qd366,
}

impl RatingRules {
    /// The rules for ratings of `year`.
    pub fn for_year(year: i32) -> RatingRules {
        match year {
            ..=2022 => RatingRules::Qd132,
            2023 | 2024 => RatingRules::Qd124,
            _ => RatingRules::Qd366,
        }
    }

    /// The first rating year with the cap on "hoàn thành xuất sắc nhiệm vụ": members rated
    /// excellent at most 20% of those rated good or better in each TCCSĐ. Hướng dẫn 21-HD/BTCTW
    /// (2019) set it for the reviews from 2019 on (firm); QĐ 124 and QĐ 366 keep it.
    pub const EXCELLENT_CAP_FROM: i32 = 2019;

    /// Months a member must have been admitted before the year ends to be rated.
    ///
    /// QĐ 124 leaves out members admitted less than 6 months before (firm); we read QĐ 366 as
    /// keeping that rule (inferred); QĐ 132 had no such rule (inferred).
    pub fn min_months_admitted(self) -> Option<u32> {
        match self {
            RatingRules::Qd132 => None,
            RatingRules::Qd124 | RatingRules::Qd366 => Some(6),
        }
    }

    /// Whether a member disciplined in the year is rated "không hoàn thành nhiệm vụ", with the
    /// exceptions the regulation lists: QĐ 124 (published); we read QĐ 366 as keeping it
    /// (inferred); under QĐ 132 the consequence was milder (unverified), so it is not applied.
    pub fn disciplined_rated_lowest(self) -> bool {
        self != RatingRules::Qd132
    }

    /// Why `member` may not be rated for the year ending on `year_end` (its 31 December), or
    /// `None` if they may.
    ///
    /// Reading (inferred): a member is judged on the last day of the year they belonged; if
    /// they were exempted or suspended that day, they are not rated.
    pub(crate) fn bars_member(
        self,
        year_end: NaiveDate,
        data: &Dataset,
        member: &Member,
    ) -> Option<Unratable> {
        let Some(day) = last_member_day(member, year_end) else {
            return Some(Unratable::NotAMember(year_end.year()));
        };
        match data.leave_on(member, day) {
            Some(LeaveKind::Exempted) => return Some(Unratable::Exempted(day)),
            Some(LeaveKind::Suspended) => return Some(Unratable::Suspended(day)),
            None => {}
        }
        let months = self.min_months_admitted()?;
        let ripe = member.admitted.checked_add_months(Months::new(months))?;
        (ripe > day).then_some(Unratable::AdmittedLate {
            admitted: member.admitted,
            months,
            rules: self,
        })
    }
}

/// Why a member may not be rated for a year (không thuộc diện đánh giá, xếp loại); its
/// `Display` is the reason a build problem gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unratable {
    /// Not a member on any day of the year.
    NotAMember(i32),
    /// Exempted on the last day they belonged.
    Exempted(NaiveDate),
    /// Suspended on the last day they belonged.
    Suspended(NaiveDate),
    /// Admitted too shortly before the review.
    AdmittedLate {
        admitted: NaiveDate,
        months: u32,
        rules: RatingRules,
    },
}

impl std::fmt::Display for Unratable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unratable::NotAMember(year) => write!(f, "not a member during {year}"),
            Unratable::Exempted(day) => write!(f, "exempted on {day}"),
            Unratable::Suspended(day) => write!(f, "suspended on {day}"),
            Unratable::AdmittedLate {
                admitted,
                months,
                rules,
            } => write!(
                f,
                "admitted on {admitted} less than {months} months before the review ({rules:?})"
            ),
        }
    }
}
