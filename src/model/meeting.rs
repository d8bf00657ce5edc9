use chrono::NaiveDate;

use crate::labels::labelled;

labelled! {
    /// Kind of a cell meeting (loại sinh hoạt chi bộ).
    pub enum MeetingKind {
        /// Sinh hoạt thường kỳ (định kỳ): the monthly regular meeting.
        Regular => ("regular", "sinh hoạt thường kỳ"),
        /// Sinh hoạt chuyên đề: the (at least) quarterly thematic meeting.
        Thematic => ("thematic", "sinh hoạt chuyên đề"),
        /// A regular and a thematic meeting held in one session; counts for both rules.
        Combined => ("combined", "sinh hoạt thường kỳ kết hợp chuyên đề"),
        /// Any other meeting (chi ủy, bất thường, đại hội); counts for neither rule.
        Other => ("other", "sinh hoạt khác"),
    }
}

impl MeetingKind {
    /// Whether it counts as the month's regular meeting.
    pub const fn is_regular(self) -> bool {
        matches!(self, MeetingKind::Regular | MeetingKind::Combined)
    }

    /// Whether it counts as the quarter's thematic meeting.
    pub const fn is_thematic(self) -> bool {
        matches!(self, MeetingKind::Thematic | MeetingKind::Combined)
    }
}

labelled! {
    /// A roll-call mark (điểm danh).
    pub enum Presence {
        /// Có mặt.
        Present => ("present", "có mặt"),
        /// Vắng có lý do.
        AbsentWithReason => ("absent-with-reason", "vắng có lý do"),
        /// Vắng không có lý do.
        AbsentWithoutReason => ("absent-without-reason", "vắng không lý do"),
    }
}

/// One line of a roll call.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RollCallEntry {
    /// The member's id.
    pub member: String,
    /// Their mark.
    pub presence: Presence,
}

/// The totals a minutes book records (tổng số, có mặt, vắng) when no roll call is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AttendanceCounts {
    /// Members expected (phải sinh hoạt): the roster less exempted and suspended members, plus
    /// exempted members who came.
    pub expected: u32,
    /// Present (có mặt).
    pub present: u32,
    /// Absent with a reason (vắng có lý do).
    pub absent_with_reason: u32,
    /// Absent without a reason (vắng không lý do).
    pub absent_without_reason: u32,
}

/// Attendance at a meeting: a full roll call, or only the totals.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Attendance {
    /// Every expected member with a mark; exempted members may appear as present.
    RollCall(Vec<RollCallEntry>),
    /// Totals only; member-level checks (Art. 8) cannot use the meeting.
    Counts(AttendanceCounts),
}

/// How the meeting was prepared (công tác chuẩn bị; HD 12-HD/BTCTW, item 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Preparation {
    /// The secretary or deputy prepared the content.
    pub content_prepared: bool,
    /// The chi ủy met beforehand; `None` for a cell too small to have a chi ủy.
    #[cfg_attr(feature = "serde", serde(default))]
    pub committee_met: Option<bool>,
    /// A draft resolution or conclusion existed.
    pub draft_resolution: bool,
    /// Documents reached members at least a day ahead (required from 28/10/2025, HD 42-HD/BTCTW).
    #[cfg_attr(feature = "serde", serde(default))]
    pub documents_sent_ahead: bool,
}

labelled! {
    /// A document a meeting's review is linked to (liên hệ), as Lâm Bình's review lists them.
    pub enum Reference {
        /// Nghị quyết Trung ương 4 khóa XI (2012) on party building.
        NqTw4KhoaXi => ("nq-tw4-xi", "Nghị quyết Trung ương 4 khóa XI"),
        /// Nghị quyết Trung ương 4 khóa XII (2016) on party building.
        NqTw4KhoaXii => ("nq-tw4-xii", "Nghị quyết Trung ương 4 khóa XII"),
        /// Chỉ thị 05-CT/TW (15/5/2016) on following Hồ Chí Minh's thought and example.
        ChiThi05 => ("ct-05", "Chỉ thị số 05-CT/TW"),
        /// Quy định 37-QĐ/TW (2021; QĐ 47 before it): what members must not do.
        QuyDinh37 => ("qd-37", "quy định những điều đảng viên không được làm"),
        /// Quy định 101-QĐ/TW and 08-QĐi/TW: the duty to set an example.
        NeuGuong => ("neu-guong", "trách nhiệm nêu gương"),
    }
}

impl Reference {
    /// The bit of this reference in a meeting's packed set of references.
    pub(crate) const fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// What the minutes say about the meeting's content (nội dung sinh hoạt).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Content {
    /// The content followed the planned programme and met its requirements
    /// (đáp ứng yêu cầu, chương trình đề ra).
    pub follows_programme: bool,
    /// Last month's work was reviewed (đánh giá công tác tháng trước).
    pub last_month_reviewed: bool,
    /// Next month's tasks set (nhiệm vụ tháng tới).
    pub tasks: u16,
    /// Of those, how many name an owner and a deadline.
    pub tasks_with_owner_and_deadline: u16,
    /// Documents the review was linked to (liên hệ).
    #[cfg_attr(feature = "serde", serde(default))]
    pub linked_to: Vec<Reference>,
    /// Whether upper-level directives discussed were adapted to local conditions
    /// (cụ thể hóa sát thực tiễn); `None` when none were discussed.
    #[cfg_attr(feature = "serde", serde(default))]
    pub directives_adapted: Option<bool>,
}

labelled! {
    /// A meeting's quality level in its self-assessment (xếp loại chất lượng buổi sinh hoạt).
    /// Bands are set by provinces (local); see [`crate::QualityBands`].
    pub enum MeetingQuality {
        /// Tốt.
        Good => ("good", "tốt"),
        /// Khá.
        Fair => ("fair", "khá"),
        /// Trung bình.
        Average => ("average", "trung bình"),
        /// Kém.
        Poor => ("poor", "kém"),
    }
}

/// Score bands that turn a 100-point self-assessment into a level (thang điểm xếp loại).
///
/// Set by provinces (local); Tuyên Quang's own sheet was not found, so the default is the
/// common one: Tốt ≥ 90, Khá 70–<90, Trung bình 50–<70, Kém < 50.
///
/// ```
/// use chibo::{MeetingQuality, QualityBands};
///
/// let bands = QualityBands::default();
/// assert_eq!(bands.level(90), MeetingQuality::Good);
/// assert_eq!(bands.level(89), MeetingQuality::Fair);
/// assert_eq!(bands.level(49), MeetingQuality::Poor);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct QualityBands {
    /// Lowest score rated Tốt.
    pub good_from: u8,
    /// Lowest score rated Khá.
    pub fair_from: u8,
    /// Lowest score rated Trung bình; below it, Kém.
    pub average_from: u8,
}

impl Default for QualityBands {
    fn default() -> Self {
        QualityBands {
            good_from: 90,
            fair_from: 70,
            average_from: 50,
        }
    }
}

impl QualityBands {
    /// The level a score falls in: `score ≥ good_from` is Tốt, and so on down.
    pub fn level(&self, score: u8) -> MeetingQuality {
        if score >= self.good_from {
            MeetingQuality::Good
        } else if score >= self.fair_from {
            MeetingQuality::Fair
        } else if score >= self.average_from {
            MeetingQuality::Average
        } else {
            MeetingQuality::Poor
        }
    }
}

/// The cell's assessment of the meeting's quality (tự đánh giá chất lượng buổi sinh hoạt).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct SelfAssessment {
    /// The level given, if any.
    #[cfg_attr(feature = "serde", serde(default))]
    pub level: Option<MeetingQuality>,
    /// The score on the 100-point sheet, if any.
    #[cfg_attr(feature = "serde", serde(default))]
    pub score: Option<u8>,
}

/// A cell meeting as its minutes book records it (biên bản sinh hoạt chi bộ).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct MeetingRecord {
    /// The tool's id for it, unique among meetings.
    pub id: String,
    /// The cell's id.
    pub cell: String,
    /// The day it was held.
    pub date: NaiveDate,
    /// Regular, thematic, both, or other.
    pub kind: MeetingKind,
    /// How long it lasted, in minutes.
    pub duration_minutes: u16,
    /// How it was prepared.
    pub preparation: Preparation,
    /// The minutes book was fully kept (ghi sổ biên bản đầy đủ).
    pub minutes_kept: bool,
    /// Party principles (nguyên tắc tổ chức và sinh hoạt đảng) were observed.
    pub principles_observed: bool,
    /// Its conclusion was carried out (kết luận được thực hiện).
    pub conclusion_carried_out: bool,
    /// Who came.
    pub attendance: Attendance,
    /// What it covered.
    pub content: Content,
    /// The cell's own assessment of its quality, if it made one.
    #[cfg_attr(feature = "serde", serde(default))]
    pub self_assessment: Option<SelfAssessment>,
}
