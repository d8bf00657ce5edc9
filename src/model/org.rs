use chrono::NaiveDate;

use crate::labels::labelled;

labelled! {
    /// Level of a party organisation (cấp tổ chức đảng), from the province down to the cell.
    pub enum OrgLevel {
        /// Đảng bộ tỉnh: a provincial party organisation.
        Province => ("province", "đảng bộ tỉnh"),
        /// Đảng bộ huyện: a district party organisation (also đảng bộ thành phố, thị xã, khối).
        District => ("district", "đảng bộ huyện"),
        /// Đảng bộ cơ sở: a grassroots party committee with cells under it.
        PartyCommittee => ("party-committee", "đảng bộ cơ sở"),
        /// Đảng bộ bộ phận: a sub-committee between a đảng bộ cơ sở and its cells.
        SubCommittee => ("sub-committee", "đảng bộ bộ phận"),
        /// Chi bộ cơ sở: a cell that is a grassroots organisation on its own.
        GrassrootsCell => ("grassroots-cell", "chi bộ cơ sở"),
        /// Chi bộ trực thuộc: a cell under a đảng bộ cơ sở or bộ phận.
        Cell => ("cell", "chi bộ trực thuộc"),
    }
}

impl OrgLevel {
    /// Whether organisations of this level are cells (chi bộ), the units that meet.
    pub const fn is_cell(self) -> bool {
        matches!(self, OrgLevel::GrassrootsCell | OrgLevel::Cell)
    }

    /// Whether this level is a grassroots party organisation (tổ chức cơ sở đảng, TCCSĐ).
    pub const fn is_grassroots(self) -> bool {
        matches!(self, OrgLevel::PartyCommittee | OrgLevel::GrassrootsCell)
    }

    /// Whether an organisation of this level may sit directly under `parent`.
    pub const fn may_sit_under(self, parent: OrgLevel) -> bool {
        use OrgLevel::*;
        match self {
            Province => false,
            District => matches!(parent, Province),
            PartyCommittee | GrassrootsCell => matches!(parent, Province | District),
            SubCommittee => matches!(parent, PartyCommittee),
            Cell => matches!(parent, PartyCommittee | SubCommittee),
        }
    }
}

labelled! {
    /// Kind of a cell (loại hình chi bộ), which shapes its meeting content and reporting.
    pub enum CellKind {
        /// Thôn, bản, tổ dân phố: a village or residential-group cell.
        Village => ("village", "thôn, bản, tổ dân phố"),
        /// Cơ quan hành chính: a state agency.
        Agency => ("agency", "cơ quan hành chính"),
        /// Đơn vị sự nghiệp: a public service unit (school, clinic).
        PublicService => ("public-service", "đơn vị sự nghiệp"),
        /// Doanh nghiệp: an enterprise.
        Enterprise => ("enterprise", "doanh nghiệp"),
        /// Lực lượng vũ trang: armed forces (quân sự, công an).
        ArmedForces => ("armed-forces", "lực lượng vũ trang"),
        /// Loại hình khác: any other kind.
        Other => ("other", "loại hình khác"),
    }
}

/// A party organisation or cell (tổ chức đảng, chi bộ).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct OrganisationRecord {
    /// The tool's id for it, unique among organisations.
    pub id: String,
    /// Its name, e.g. "Chi bộ thôn Nà Làng".
    pub name: String,
    /// Its level in the hierarchy.
    pub level: OrgLevel,
    /// The id of the organisation directly above it, if any is in the dataset.
    #[cfg_attr(feature = "serde", serde(default))]
    pub parent: Option<String>,
    /// Its kind (loại hình); meaningful for cells.
    #[cfg_attr(feature = "serde", serde(default))]
    pub kind: Option<CellKind>,
    /// The day it was founded (ngày thành lập), if after the data begins.
    #[cfg_attr(feature = "serde", serde(default))]
    pub founded_on: Option<NaiveDate>,
    /// The day it was dissolved or merged away (ngày giải thể, sáp nhập), its last day.
    #[cfg_attr(feature = "serde", serde(default))]
    pub dissolved_on: Option<NaiveDate>,
}
