//! Plain records (bản ghi): what a tool hands the crate, before validation.
//!
//! Every record is a plain struct with public fields, serde-friendly, and carries the
//! external ids the tool uses. [`crate::Dataset::build`] checks and indexes them.

mod meeting;
mod member;
mod org;
mod rating;

pub use meeting::*;
pub use member::*;
pub use org::*;
pub use rating::*;

/// Everything a dataset is built from (bộ dữ liệu đầu vào).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Records {
    /// Provinces, districts, grassroots organisations and cells.
    #[cfg_attr(feature = "serde", serde(default))]
    pub organisations: Vec<OrganisationRecord>,
    /// Party members and their status history.
    #[cfg_attr(feature = "serde", serde(default))]
    pub members: Vec<MemberRecord>,
    /// Cell meetings with attendance and content.
    #[cfg_attr(feature = "serde", serde(default))]
    pub meetings: Vec<MeetingRecord>,
    /// Annual quality ratings of members and organisations.
    #[cfg_attr(feature = "serde", serde(default))]
    pub ratings: Vec<RatingRecord>,
    /// Admissions of new members.
    #[cfg_attr(feature = "serde", serde(default))]
    pub admissions: Vec<AdmissionRecord>,
}
