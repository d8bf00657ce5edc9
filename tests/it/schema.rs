//! The checked-in JSON Schemas equal the ones generated from the types.
//! Regenerate with `CHIBO_BLESS=1 cargo test --all-features schema`.

fn check(path: &str, schema: schemars::Schema) {
    let generated = serde_json::to_string_pretty(&schema).unwrap() + "\n";
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("CHIBO_BLESS").is_some() {
        std::fs::write(&full, &generated).unwrap();
    }
    let stored = std::fs::read_to_string(&full).unwrap_or_default();
    assert!(
        stored == generated,
        "{path} has drifted from the types; regenerate it with `CHIBO_BLESS=1 cargo test --all-features schema`"
    );
}

#[test]
fn dataset_schema_is_current() {
    check("schema/dataset.schema.json", chibo::schema::dataset());
}

#[test]
fn targets_schema_is_current() {
    check("schema/targets.schema.json", chibo::schema::targets());
}

#[test]
fn schema_names_every_meeting_kind_code() {
    let schema = serde_json::to_string(&chibo::schema::dataset()).unwrap();
    for kind in chibo::MeetingKind::ALL {
        assert!(schema.contains(&format!("\"{}\"", kind.code())));
    }
}
