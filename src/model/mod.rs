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

/// Where records go, one at a time (nơi nhận bản ghi): a producer hands each record over and
/// keeps nothing.
///
/// [`Records`] collects them in memory, [`crate::DatasetBuilder`] checks and indexes them as they
/// come, and `csv::FolderWriter` (feature `csv`) writes them to a CSV folder. `synth` and
/// `csv::read_folder_into` produce into any sink, so a country's records can go from a generator
/// or a folder to a [`crate::Dataset`] without ever being in memory together.
///
/// Producers give the records in the order a [`crate::DatasetBuilder`] needs: every organisation
/// first, then every member, then meetings, ratings and admissions in any mix. Within a kind,
/// the order is the records' order (a problem's [`crate::Location`] counts it).
///
/// ```
/// use chibo::{Dataset, OrganisationRecord, OrgLevel, RecordSink, Records};
///
/// fn produce(sink: &mut impl RecordSink) {
///     sink.organisation(OrganisationRecord {
///         id: "xa-a".into(), name: "Đảng bộ xã A".into(), level: OrgLevel::PartyCommittee,
///         parent: None, kind: None, founded_on: None, dissolved_on: None,
///     });
/// }
///
/// let mut records = Records::default();
/// produce(&mut records);
/// let mut builder = Dataset::builder();
/// produce(&mut builder);
/// let streamed = builder.finish()?;
/// assert_eq!(streamed.counts(), Dataset::build(&records)?.counts());
/// # Ok::<(), chibo::BuildError>(())
/// ```
pub trait RecordSink {
    /// Takes an organisation or cell (tổ chức đảng, chi bộ).
    fn organisation(&mut self, record: OrganisationRecord);
    /// Takes a member (đảng viên) with their postings, leaves and exit.
    fn member(&mut self, record: MemberRecord);
    /// Takes a meeting (buổi sinh hoạt) with its attendance.
    fn meeting(&mut self, record: MeetingRecord);
    /// Takes a rating (xếp loại).
    fn rating(&mut self, record: RatingRecord);
    /// Takes an admission (kết nạp).
    fn admission(&mut self, record: AdmissionRecord);
}

/// Collects the records, each kind in the order given.
impl RecordSink for Records {
    fn organisation(&mut self, record: OrganisationRecord) {
        self.organisations.push(record);
    }
    fn member(&mut self, record: MemberRecord) {
        self.members.push(record);
    }
    fn meeting(&mut self, record: MeetingRecord) {
        self.meetings.push(record);
    }
    fn rating(&mut self, record: RatingRecord) {
        self.ratings.push(record);
    }
    fn admission(&mut self, record: AdmissionRecord) {
        self.admissions.push(record);
    }
}

impl<S: RecordSink + ?Sized> RecordSink for &mut S {
    fn organisation(&mut self, record: OrganisationRecord) {
        (**self).organisation(record);
    }
    fn member(&mut self, record: MemberRecord) {
        (**self).member(record);
    }
    fn meeting(&mut self, record: MeetingRecord) {
        (**self).meeting(record);
    }
    fn rating(&mut self, record: RatingRecord) {
        (**self).rating(record);
    }
    fn admission(&mut self, record: AdmissionRecord) {
        (**self).admission(record);
    }
}
