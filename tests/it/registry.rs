//! The registry: codes, docs and the crate docs' criteria table.

use chibo::Criterion;
#[cfg(feature = "serde")]
use chibo::{CriteriaSet, Overrides};

#[test]
fn crate_docs_table_equals_the_registry() {
    let lib = include_str!("../../src/lib.rs");
    let docs: String = lib
        .lines()
        .filter_map(|l| {
            l.strip_prefix("//! ")
                .or_else(|| (l == "//!").then_some(""))
        })
        .collect::<Vec<_>>()
        .join("\n");
    let table = Criterion::table();
    assert!(
        docs.contains(table.trim_end()),
        "src/lib.rs's criteria table is out of date; replace it with:\n{table}"
    );
}

#[test]
fn codes_are_unique_and_parse_back() {
    let mut codes: Vec<&str> = Criterion::ALL.iter().map(|c| c.code()).collect();
    for c in Criterion::ALL {
        assert_eq!(c.code().parse::<Criterion>().unwrap(), *c);
        assert_eq!(c.definition().criterion, *c);
    }
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), Criterion::ALL.len());
    assert_eq!(codes.len(), 21);
}

#[cfg(feature = "serde")]
#[test]
fn overrides_change_targets_and_reject_unknown_codes() {
    let overrides: Overrides = serde_json::from_str(
        r#"{"I09": {"target": {"comparison": "more-than", "percent": "92"}}, "S04": {"enabled": false}}"#,
    )
    .unwrap();
    let set = CriteriaSet::with_overrides(&overrides).unwrap();
    let t = set.settings(Criterion::CellsRatedGood).target.unwrap();
    assert_eq!(t.to_string(), "> 92%");
    assert_eq!(t.provenance(), chibo::Provenance::Local);
    assert!(!set.settings(Criterion::ReviewNotLinked).enabled);

    let bad: Overrides = serde_json::from_str(r#"{"X99": {"enabled": false}}"#).unwrap();
    let err = CriteriaSet::with_overrides(&bad).unwrap_err();
    assert_eq!(err, chibo::ConfigError::UnknownCriterion("X99".into()));
    assert!(err.to_string().starts_with("unknown criterion code `X99`"));

    let out_of_range = serde_json::from_str::<Overrides>(
        r#"{"I09": {"target": {"comparison": "at-least", "percent": "120"}}}"#,
    );
    assert!(
        out_of_range
            .unwrap_err()
            .to_string()
            .contains("outside 0–100%")
    );
}
