use crate::labels::labelled;

labelled! {
    /// The four quality levels (mức xếp loại chất lượng), the same words for members and
    /// organisations; ordered from best to worst (QĐ 132-QĐ/TW, QĐ 124-QĐ/TW, QĐ 366-QĐ/TW).
    pub enum RatingLevel {
        /// Hoàn thành xuất sắc nhiệm vụ.
        Excellent => ("excellent", "hoàn thành xuất sắc nhiệm vụ"),
        /// Hoàn thành tốt nhiệm vụ.
        Good => ("good", "hoàn thành tốt nhiệm vụ"),
        /// Hoàn thành nhiệm vụ.
        Completed => ("completed", "hoàn thành nhiệm vụ"),
        /// Không hoàn thành nhiệm vụ.
        NotCompleted => ("not-completed", "không hoàn thành nhiệm vụ"),
    }
}

impl RatingLevel {
    /// Whether the level counts as "hoàn thành tốt nhiệm vụ trở lên" (good or better).
    pub const fn is_good_or_better(self) -> bool {
        matches!(self, RatingLevel::Excellent | RatingLevel::Good)
    }
}

labelled! {
    /// Why a member or organisation was not rated in a year (không xếp loại).
    pub enum NotRatedReason {
        /// Miễn công tác và sinh hoạt đảng.
        Exempted => ("exempted", "miễn công tác và sinh hoạt đảng"),
        /// Đình chỉ sinh hoạt đảng.
        Suspended => ("suspended", "đình chỉ sinh hoạt đảng"),
        /// Admitted less than six months before the review (QĐ 124-QĐ/TW, from 2023).
        RecentlyAdmitted => ("recently-admitted", "mới kết nạp chưa đủ 6 tháng"),
        /// Absent from the review with leave (ốm đau, thai sản, đi học ...).
        OnLeave => ("on-leave", "nghỉ ốm, thai sản hoặc đi học dài hạn"),
        /// Founded too recently, or dissolved (for organisations).
        NewOrDissolved => ("new-or-dissolved", "mới thành lập hoặc đã giải thể"),
    }
}

/// What a rating says: a level, or "not rated" with its reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum RatingResult {
    /// Rated at this level.
    Rated(RatingLevel),
    /// Not rated, for this reason.
    NotRated(NotRatedReason),
}

/// Who a rating is of.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum RatingSubject {
    /// A member's id.
    Member(String),
    /// An organisation's or cell's id.
    Organisation(String),
}

/// An annual quality review result (đánh giá, xếp loại chất lượng hằng năm).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RatingRecord {
    /// The member or organisation rated.
    pub subject: RatingSubject,
    /// The year reviewed.
    pub year: i32,
    /// The level, or why there is none.
    pub result: RatingResult,
    /// Whether the subject was disciplined (bị kỷ luật) in the year, where known.
    #[cfg_attr(feature = "serde", serde(default))]
    pub disciplined: Option<bool>,
}
