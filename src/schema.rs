//! JSON Schema (lược đồ JSON) for the dataset and for the criteria configuration, generated from
//! the types so it cannot drift from what the crate accepts (feature `schema`).
//!
//! The checked-in copies are `schema/dataset.schema.json` and `schema/targets.schema.json`; a
//! test fails when they differ from what these functions generate.

use crate::criteria::{Criterion, Overrides};
use crate::model::Records;

/// The schema of a dataset file: a [`Records`] value in JSON.
pub fn dataset() -> schemars::Schema {
    schemars::schema_for!(Records)
}

/// The schema of a criteria configuration file: an [`Overrides`] value in JSON, whose keys
/// are criterion codes.
pub fn targets() -> schemars::Schema {
    let mut schema = schemars::schema_for!(Overrides);
    let codes: Vec<&str> = Criterion::ALL.iter().map(|c| c.code()).collect();
    schema.insert(
        "propertyNames".to_owned(),
        schemars::json_schema!({ "enum": codes }).to_value(),
    );
    schema
}
