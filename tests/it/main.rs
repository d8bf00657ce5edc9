//! Integration tests.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::arithmetic_side_effects
)]

#[cfg(feature = "serde")]
mod bad_input;
mod criteria;
mod dataset;
#[cfg(feature = "csv")]
mod edge_cases;
mod evaluation_props;
mod fixtures;
#[cfg(feature = "csv")]
mod interchange;
mod lam_binh;
mod props;
mod registry;
mod report;
#[cfg(feature = "schema")]
mod schema;
#[cfg(feature = "serde")]
mod serde_roundtrip;
mod streaming;
