//! The criteria registry (danh mục tiêu chí): each Đề án 16 indicator, each shortcoming the
//! Lâm Bình review names, and the national rules under them, declared once with a stable code.
//!
//! One file per criterion holds its declaration, its documentation and its evaluation.

use std::collections::BTreeMap;
use std::fmt;

use crate::model::Reference;
use crate::target::{Comparison, Provenance, Target, Threshold, ThresholdUnit};

mod absence_trigger;
mod admissions;
mod attendance_each_meeting;
mod cell_years;
mod cells_rated_good;
mod content_below_requirements;
mod context;
mod directives_not_adapted;
mod disciplined_rated_lowest;
mod excellent_cap;
mod generic_review;
mod low_attendance;
mod meeting_counts;
mod meeting_standard;
mod members_rated_good;
mod minimum_cell_size;
mod monthly_regular_meeting;
mod participation;
mod quarterly_thematic_meeting;
mod rating_coverage;
mod regular_meetings_correct;
mod review_not_linked;
mod self_assessment;
mod thematic_meetings_correct;

pub(crate) use cell_years::CellYears;
#[cfg(all(test, feature = "synth"))]
pub(crate) use cell_years::without_table;
pub(crate) use context::{
    Attributed, Calendar, Contribution, Ctx, Cuts, Held, Outcome, RatingCounts, Roll, Shared,
    meetings_in,
};
pub(crate) use meeting_counts::{MeetingCounts, MeetingTest};
pub(crate) use meeting_standard::gaps_but_bar as meeting_standard_gaps_but_bar;

macro_rules! criteria {
    ($( $(#[$doc:meta])* $variant:ident => $module:ident, )+) => {
        /// A criterion (tiêu chí), identified by a stable code that is never reused.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(into = "&'static str", try_from = "String"))]
        #[non_exhaustive]
        pub enum Criterion {
            $( $(#[$doc])* $variant, )+
        }

        impl Criterion {
            /// Every criterion, in registry order.
            pub const ALL: &'static [Criterion] = &[$(Criterion::$variant),+];

            /// Its declaration.
            pub fn definition(self) -> &'static Definition {
                match self { $(Criterion::$variant => &$module::DEFINITION,)+ }
            }

            pub(crate) fn judge(
                self,
                cx: &Ctx<'_>,
                unit: crate::dataset::OrgIx,
                org: &crate::dataset::Org,
            ) -> Outcome {
                match self { $(Criterion::$variant => $module::judge(cx, unit, org),)+ }
            }
        }
    };
}

criteria! {
    /// I01: every cell holds its regular meeting every month.
    MonthlyRegularMeeting => monthly_regular_meeting,
    /// I02: every cell holds a thematic meeting every quarter.
    QuarterlyThematicMeeting => quarterly_thematic_meeting,
    /// I03: cells whose regular meetings all meet the standard.
    RegularMeetingsCorrect => regular_meetings_correct,
    /// I04: cells whose thematic meetings all meet the standard.
    ThematicMeetingsCorrect => thematic_meetings_correct,
    /// I05: each meeting's attendance reaches the bar.
    AttendanceEachMeeting => attendance_each_meeting,
    /// I06: members taking part in meetings over the period.
    Participation => participation,
    /// I07: cells that self-assess the quality of every regular meeting.
    SelfAssessment => self_assessment,
    /// I08: members admitted, and cells that admitted.
    Admissions => admissions,
    /// I09: cells rated "hoàn thành tốt nhiệm vụ trở lên", each year.
    CellsRatedGood => cells_rated_good,
    /// I10: members rated "hoàn thành tốt nhiệm vụ trở lên", each year.
    MembersRatedGood => members_rated_good,
    /// S01: meeting content below requirements and the planned programme.
    ContentBelowRequirements => content_below_requirements,
    /// S02: attendance at regular meetings low in some cells.
    LowAttendance => low_attendance,
    /// S03: directives not adapted to local conditions.
    DirectivesNotAdapted => directives_not_adapted,
    /// S04: the review not linked to NQ TW4, Chỉ thị 05, QĐ 37 and nêu gương every quarter.
    ReviewNotLinked => review_not_linked,
    /// S05: last month's review and next month's tasks too generic.
    GenericReview => generic_review,
    /// R01: each regular meeting meets the HD 12 / HD 42 standard.
    MeetingStandard => meeting_standard,
    /// R02: members missing three months in a year without reason (Điều lệ Art. 8).
    AbsenceTrigger => absence_trigger,
    /// R03: members rated excellent within 20% of those rated good (HD 21).
    ExcellentCap => excellent_cap,
    /// R04: cells with at least three official members (Điều lệ Art. 21–24).
    MinimumCellSize => minimum_cell_size,
    /// R05: every member due for rating has a rating.
    RatingCoverage => rating_coverage,
    /// R06: a member disciplined in the year is rated at the lowest level (QĐ 124).
    DisciplinedRatedLowest => disciplined_rated_lowest,
}

impl Criterion {
    /// Its stable code, e.g. `"I03"`.
    pub fn code(self) -> &'static str {
        self.definition().code
    }

    /// Whether the rule the criterion checks was in force over `span`: R03 from the rating
    /// year 2019 (HD 21), R06 from the rating years of QĐ 124; every other criterion always.
    pub fn in_force(self, span: &crate::period::Period) -> bool {
        use crate::rules::RatingRules;
        let year = chrono::Datelike::year(&span.start());
        match self {
            Criterion::DisciplinedRatedLowest => {
                RatingRules::for_year(year).disciplined_rated_lowest()
            }
            Criterion::ExcellentCap => year >= RatingRules::EXCELLENT_CAP_FROM,
            _ => true,
        }
    }

    /// Whether it reads the members each cell answers for ([`Ctx::attribution`]), which the
    /// engine attributes once per block of units for the spans of these criteria: every
    /// member-level criterion, and R03, which sums its cells' ratings.
    pub(crate) fn reads_attribution(self) -> bool {
        self.definition().judges == Judged::Member || self == Criterion::ExcellentCap
    }

    /// Whether, over a calendar year of records, it reads the dataset's figures per cell and
    /// year (số liệu chi bộ theo năm; [`Ctx::cell_year`]) instead of the attribution, so that
    /// the engine need not attribute members for it: R02, R05, I10 and R03.
    pub(crate) fn reads_cell_years(self) -> bool {
        matches!(
            self,
            Criterion::AbsenceTrigger
                | Criterion::RatingCoverage
                | Criterion::MembersRatedGood
                | Criterion::ExcellentCap
        )
    }

    /// Whether it reads the counts of the unit's meetings ([`Ctx::meeting_counts`]), which the
    /// dataset's table holds under Đề án 16's attendance bars only
    /// ([`CellYears::counted_under`]): the eight judged meeting by meeting, and I06 and S02,
    /// which read the turnout.
    pub(crate) fn counts_meetings(self) -> bool {
        matches!(
            self,
            Criterion::RegularMeetingsCorrect
                | Criterion::ThematicMeetingsCorrect
                | Criterion::AttendanceEachMeeting
                | Criterion::Participation
                | Criterion::SelfAssessment
                | Criterion::ContentBelowRequirements
                | Criterion::LowAttendance
                | Criterion::DirectivesNotAdapted
                | Criterion::GenericReview
                | Criterion::MeetingStandard
        )
    }

    /// Whether it reads the unit's meetings ([`Ctx::meetings`], or what they come to), which
    /// the engine looks up once per unit for the spans of these criteria that the dataset's
    /// table does not serve ([`CellYears::serving`]; nor, for [`Criterion::counts_meetings`],
    /// counted under the evaluation's bars): all but I08–I10 and R03–R06.
    pub(crate) fn reads_meetings(self) -> bool {
        !matches!(
            self,
            Criterion::Admissions
                | Criterion::CellsRatedGood
                | Criterion::MembersRatedGood
                | Criterion::ExcellentCap
                | Criterion::MinimumCellSize
                | Criterion::RatingCoverage
                | Criterion::DisciplinedRatedLowest
        )
    }

    /// Its Vietnamese title.
    pub fn title(self) -> &'static str {
        self.definition().title_vi
    }

    /// The registry as a Markdown table, as the crate docs print it.
    pub fn table() -> String {
        let mut out = String::from(
            "| Code | Tiêu chí | Criterion | Basis | Judges | Default target | Unit bar |\n|---|---|---|---|---|---|---|\n",
        );
        for c in Criterion::ALL {
            let d = c.definition();
            let show = |x: Option<String>| x.unwrap_or_else(|| "—".to_owned());
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} |\n",
                d.code,
                d.title_vi,
                d.title_en,
                d.basis,
                d.judges,
                show(d.target.map(|t| format!("{t} ({})", t.provenance()))),
                show(d.threshold.map(|t| format!("{t} ({})", t.provenance))),
            ));
        }
        out
    }
}

impl fmt::Display for Criterion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl From<Criterion> for &'static str {
    fn from(c: Criterion) -> &'static str {
        c.code()
    }
}

impl std::str::FromStr for Criterion {
    type Err = ConfigError;
    fn from_str(s: &str) -> Result<Criterion, ConfigError> {
        Criterion::ALL
            .iter()
            .copied()
            .find(|c| c.code() == s)
            .ok_or_else(|| ConfigError::UnknownCriterion(s.to_owned()))
    }
}

impl TryFrom<String> for Criterion {
    type Error = ConfigError;
    fn try_from(s: String) -> Result<Criterion, ConfigError> {
        s.parse()
    }
}

/// The unit a criterion judges, and whose ids its evidence names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Judged {
    /// Chi bộ: each cell passes or not.
    Cell,
    /// Buổi sinh hoạt: each meeting passes or not.
    Meeting,
    /// Lượt đảng viên: each expected attendance (member × meeting).
    Attendance,
    /// Đảng viên: each member passes or not.
    Member,
    /// Tổ chức cơ sở đảng: each grassroots organisation passes or not.
    Organisation,
}

impl fmt::Display for Judged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Judged::Cell => "chi bộ",
            Judged::Meeting => "buổi sinh hoạt",
            Judged::Attendance => "lượt đảng viên",
            Judged::Member => "đảng viên",
            Judged::Organisation => "TCCSĐ",
        })
    }
}

/// Over what span a criterion is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Span {
    /// The whole evaluation period.
    Period,
    /// Each calendar year of the period ("hằng năm"), clipped to it.
    Year,
    /// Each year whose 31 December lies in the period: ratings are made at year end.
    RatingYear,
}

/// A criterion's declaration: code, titles, basis, unit, span and default settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Definition {
    /// The criterion.
    pub criterion: Criterion,
    /// Stable code, never reused: `I..` indicators of Đề án 16, `S..` shortcomings the Lâm
    /// Bình review names, `R..` national rules under them.
    pub code: &'static str,
    /// Vietnamese title, as a report words it.
    pub title_vi: &'static str,
    /// Short English title.
    pub title_en: &'static str,
    /// What the measure counts, as a report's "Tỷ lệ …" sentence names it; `{bar}` stands for
    /// the per-unit bar in words.
    pub measure_vi: &'static str,
    /// What the units that fall short miss, as a report's "Hạn chế" words it.
    pub shortfall_vi: &'static str,
    /// Legal or programme basis: document and article.
    pub basis: &'static str,
    /// The unit judged (what numerator and denominator count).
    pub judges: Judged,
    /// Over what span it is measured.
    pub span: Span,
    /// The default target for the share of units that pass, if any.
    pub target: Option<Target>,
    /// The default per-unit bar, if the criterion has one.
    pub threshold: Option<Threshold>,
    /// Whether its findings carry a count beside the measure ([`Finding::total`]).
    ///
    /// [`Finding::total`]: crate::Finding::total
    pub reports_total: bool,
}

/// One criterion's settings in a [`CriteriaSet`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Settings {
    /// Whether it is evaluated.
    pub enabled: bool,
    /// The target for the share of units that pass; `None` reports the figure only.
    pub target: Option<Target>,
    /// The per-unit bar, for criteria that have one.
    pub threshold: Option<Threshold>,
    /// Documents each quarter's meetings must be linked to (S04 only).
    pub references: Vec<Reference>,
}

/// Targets and switches for every criterion (bộ tiêu chí).
///
/// ```
/// use chibo::{CriteriaSet, Criterion};
///
/// let mut set = CriteriaSet::de_an_16();
/// set.disable(Criterion::ReviewNotLinked);
/// assert!(!set.settings(Criterion::ReviewNotLinked).enabled);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CriteriaSet {
    settings: BTreeMap<Criterion, Settings>,
}

/// A criteria configuration that cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A code that names no criterion.
    #[error("unknown criterion code `{0}`: codes are I01–I10, S01–S05 and R01–R06")]
    UnknownCriterion(String),
    /// A threshold for a criterion that has none.
    #[error("criterion {0} has no per-unit bar to set: remove `threshold`")]
    NoThreshold(Criterion),
    /// References for a criterion other than S04.
    #[error("criterion {0} takes no references: only S04 does")]
    NoReferences(Criterion),
    /// A threshold in the wrong unit or out of range.
    #[error("threshold {threshold} does not fit criterion {criterion}: {why}")]
    BadThreshold {
        /// The criterion.
        criterion: Criterion,
        /// The threshold given.
        threshold: String,
        /// Why.
        why: &'static str,
    },
}

/// A locality's changes to the defaults: keyed by criterion code, each field optional.
///
/// In JSON: `{"I09": {"target": {"comparison": "more-than", "percent": "92"}}, "S04": {"enabled": false}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Overrides(pub BTreeMap<String, Override>);

/// Changes to one criterion's settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Override {
    /// Switch it on or off.
    #[cfg_attr(feature = "serde", serde(default))]
    pub enabled: Option<bool>,
    /// A new target (provenance defaults to local).
    #[cfg_attr(feature = "serde", serde(default))]
    pub target: Option<Target>,
    /// Drop the target and report the figure only.
    #[cfg_attr(feature = "serde", serde(default))]
    pub no_target: bool,
    /// A new per-unit bar.
    #[cfg_attr(feature = "serde", serde(default))]
    pub threshold: Option<Threshold>,
    /// New required documents (S04).
    #[cfg_attr(feature = "serde", serde(default))]
    pub references: Option<Vec<Reference>>,
}

impl CriteriaSet {
    /// The defaults: every criterion enabled with the target and bar of its declaration.
    pub fn de_an_16() -> CriteriaSet {
        let settings = Criterion::ALL
            .iter()
            .map(|&c| {
                let d = c.definition();
                let references = if c == Criterion::ReviewNotLinked {
                    Reference::ALL.to_vec()
                } else {
                    Vec::new()
                };
                (
                    c,
                    Settings {
                        enabled: true,
                        target: d.target,
                        threshold: d.threshold,
                        references,
                    },
                )
            })
            .collect();
        CriteriaSet { settings }
    }

    /// The defaults with `overrides` applied.
    ///
    /// # Errors
    /// [`ConfigError`] for an unknown code or a setting the criterion does not take; nothing
    /// is applied then.
    pub fn with_overrides(overrides: &Overrides) -> Result<CriteriaSet, ConfigError> {
        let mut set = CriteriaSet::de_an_16();
        for (code, o) in &overrides.0 {
            let c: Criterion = code.parse()?;
            let d = c.definition();
            let s = set.settings_mut(c);
            if let Some(e) = o.enabled {
                s.enabled = e;
            }
            if o.no_target {
                s.target = None;
            }
            if let Some(t) = o.target {
                s.target = Some(t);
            }
            if let Some(t) = o.threshold {
                let Some(default) = d.threshold else {
                    return Err(ConfigError::NoThreshold(c));
                };
                let bad = |why| ConfigError::BadThreshold {
                    criterion: c,
                    threshold: t.to_string(),
                    why,
                };
                if t.unit != default.unit {
                    return Err(bad("its unit differs from the criterion's"));
                }
                if t.value.is_sign_negative()
                    || (t.unit == ThresholdUnit::Percent
                        && t.value > rust_decimal::Decimal::ONE_HUNDRED)
                    || t.value.normalize().scale() > 6
                {
                    return Err(bad(
                        "the value must lie in 0–100% (or be a non-negative count) with at most 6 decimals",
                    ));
                }
                s.threshold = Some(Threshold {
                    value: t.value.normalize(),
                    ..t
                });
            }
            if let Some(r) = &o.references {
                if c != Criterion::ReviewNotLinked {
                    return Err(ConfigError::NoReferences(c));
                }
                s.references = r.clone();
            }
        }
        Ok(set)
    }

    /// One criterion's settings.
    pub fn settings(&self, c: Criterion) -> &Settings {
        self.settings.get(&c).unwrap_or_else(|| fallback(c))
    }

    fn settings_mut(&mut self, c: Criterion) -> &mut Settings {
        self.settings
            .entry(c)
            .or_insert_with(|| fallback(c).clone())
    }

    /// Switches a criterion off.
    pub fn disable(&mut self, c: Criterion) -> &mut Self {
        self.settings_mut(c).enabled = false;
        self
    }

    /// Sets a criterion's target.
    pub fn set_target(&mut self, c: Criterion, target: Option<Target>) -> &mut Self {
        self.settings_mut(c).target = target;
        self
    }

    /// The enabled criteria, in registry order.
    pub fn enabled(&self) -> impl Iterator<Item = Criterion> + '_ {
        Criterion::ALL
            .iter()
            .copied()
            .filter(|&c| self.settings(c).enabled)
    }
}

impl Default for CriteriaSet {
    fn default() -> Self {
        CriteriaSet::de_an_16()
    }
}

/// Settings for a criterion missing from the map (never, as `de_an_16` fills every one).
fn fallback(c: Criterion) -> &'static Settings {
    static DISABLED: Settings = Settings {
        enabled: false,
        target: None,
        threshold: None,
        references: Vec::new(),
    };
    let _ = c;
    &DISABLED
}

// Shorthands for the declarations.
pub(crate) const ALL_CELLS: Option<Target> = Some(Target::at_least(100, Provenance::Inferred));

pub(crate) const fn percent_bar(
    comparison: Comparison,
    value: i64,
    provenance: Provenance,
) -> Option<Threshold> {
    Some(Threshold::new(
        comparison,
        value,
        ThresholdUnit::Percent,
        provenance,
    ))
}
