//! # chibo
#![forbid(unsafe_code)]

mod criteria;
mod dataset;
mod error;
mod evaluate;
mod finding;
mod labels;
pub mod model;
mod period;
mod rules;
mod tally;
mod target;

pub use criteria::{
    ConfigError, CriteriaSet, Criterion, Definition, Judged, Override, Overrides, Settings, Span,
};
pub use dataset::{Dataset, Expectation, MemberRef, OrgRef, RecordCounts, Turnout};
pub use error::{BuildError, Location, PeriodError, Problem, ProblemKind, RecordKind, UnknownCode};
pub use evaluate::{Account, Accounting, EvaluateError, Evaluation, evaluate};
pub use finding::{
    Detail, Finding, Gap, Measure, MeetingGap, MemberGap, MemberIssue, QuarterGap, Reason,
    Shortfall, Unit, Verdict,
};
pub use model::*;
pub use period::{Month, Period, Quarter};
pub use rules::{MeetingRules, RatingRules};
pub use tally::{TallyError, TallyRecord, evaluate_tally};
pub use target::{Comparison, Provenance, Target, TargetError, Threshold, ThresholdUnit};
