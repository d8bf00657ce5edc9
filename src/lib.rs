//! # chibo
#![forbid(unsafe_code)]

mod dataset;
mod error;
mod labels;
pub mod model;
mod period;
mod rules;

pub use dataset::{Dataset, Expectation, MemberRef, OrgRef, RecordCounts, Turnout};
pub use error::{BuildError, Location, PeriodError, Problem, ProblemKind, RecordKind, UnknownCode};
pub use model::*;
pub use period::{Month, Period, Quarter};
pub use rules::{MeetingRules, RatingRules};
