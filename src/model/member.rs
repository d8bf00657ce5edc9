use chrono::NaiveDate;

use crate::labels::labelled;

/// A party member (đảng viên) and the history that decides where they are expected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct MemberRecord {
    /// An opaque id, unique among members. Reports print it, not the name.
    pub id: String,
    /// Display name (họ và tên), printed only when a caller opts in.
    #[cfg_attr(feature = "serde", serde(default))]
    pub name: Option<String>,
    /// Day of admission (ngày vào Đảng); probation (dự bị) starts here.
    pub admitted_on: NaiveDate,
    /// Day made official (ngày chính thức); `None` while probationary.
    #[cfg_attr(feature = "serde", serde(default))]
    pub official_on: Option<NaiveDate>,
    /// Where the member is registered to meet (sinh hoạt), in time order. A transfer between
    /// cells (chuyển sinh hoạt) ends one posting and starts the next.
    pub postings: Vec<Posting>,
    /// Exemptions (miễn sinh hoạt) and suspensions (đình chỉ sinh hoạt).
    #[cfg_attr(feature = "serde", serde(default))]
    pub leaves: Vec<Leave>,
    /// How membership ended, if it did.
    #[cfg_attr(feature = "serde", serde(default))]
    pub exit: Option<Exit>,
}

/// A stretch of time a member meets in one cell (sinh hoạt tại chi bộ).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Posting {
    /// The cell's id.
    pub cell: String,
    /// First day.
    pub from: NaiveDate,
    /// Last day, `None` while it lasts.
    #[cfg_attr(feature = "serde", serde(default))]
    pub until: Option<NaiveDate>,
    /// Temporary activity (sinh hoạt tạm thời): while it lasts the member is expected here and
    /// not at the cell of their regular posting, which it must lie within.
    #[cfg_attr(feature = "serde", serde(default))]
    pub temporary: bool,
}

labelled! {
    /// Why a member is off the expected list for a while.
    pub enum LeaveKind {
        /// Miễn công tác và sinh hoạt đảng (Điều lệ Art. 7; QĐ 24 mục 7.1): left out of attendance
        /// denominators, counted if present, not rated that year.
        Exempted => ("exempted", "miễn công tác và sinh hoạt đảng"),
        /// Đình chỉ sinh hoạt: suspended, neither expected nor rated.
        Suspended => ("suspended", "đình chỉ sinh hoạt đảng"),
    }
}

/// A leave from party activity, from one day to another (both included).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Leave {
    /// Exempted or suspended.
    pub kind: LeaveKind,
    /// First day.
    pub from: NaiveDate,
    /// Last day, `None` while it lasts.
    #[cfg_attr(feature = "serde", serde(default))]
    pub until: Option<NaiveDate>,
}

labelled! {
    /// How a membership ended (lý do ra khỏi danh sách).
    pub enum ExitReason {
        /// Chuyển sinh hoạt đi: moved to an organisation outside the dataset.
        TransferredOut => ("transferred-out", "chuyển sinh hoạt đi"),
        /// Xóa tên: removed from the rolls (Điều lệ Art. 8).
        Removed => ("removed", "xóa tên"),
        /// Khai trừ: expelled.
        Expelled => ("expelled", "khai trừ"),
        /// Xin ra khỏi Đảng: left at their own request.
        Resigned => ("resigned", "xin ra khỏi Đảng"),
        /// Từ trần: died.
        Died => ("died", "từ trần"),
    }
}

/// The end of a membership in the dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Exit {
    /// The day it took effect; the member is not expected from this day on.
    pub on: NaiveDate,
    /// Why.
    pub reason: ExitReason,
}

/// The admission of a new member by a cell (kết nạp đảng viên).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AdmissionRecord {
    /// The member admitted; their `admitted_on` must be this date.
    pub member: String,
    /// The cell that admitted them.
    pub cell: String,
    /// Day of the admission ceremony.
    pub date: NaiveDate,
}
