//! Arbitrary bytes as a JSON dataset, through build, evaluate and render: nothing may panic.
#![no_main]

use chibo::report::{ReportOptions, render_markdown};
use chibo::{CriteriaSet, Dataset, Period, Records, evaluate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(records) = serde_json::from_slice::<Records>(data) else {
        return;
    };
    let dataset = match Dataset::build(&records) {
        Ok(d) => d,
        Err(e) => {
            // Every problem renders.
            let _ = e.to_string();
            return;
        }
    };
    // The period spanning the meetings (or a fixed one when there are none).
    let dates = records.meetings.iter().map(|m| m.date);
    let (start, end) = match (dates.clone().min(), dates.max()) {
        (Some(a), Some(b)) => (a, b),
        _ => match (chrono::NaiveDate::from_ymd_opt(2020, 1, 1), chrono::NaiveDate::from_ymd_opt(2022, 12, 31)) {
            (Some(a), Some(b)) => (a, b),
            _ => return,
        },
    };
    let Ok(period) = Period::new(start, end) else { return };
    let criteria = CriteriaSet::de_an_16();
    let scopes = std::iter::once(None).chain(records.organisations.iter().take(3).map(|o| Some(o.id.as_str())));
    for scope in scopes {
        if let Ok(evaluation) = evaluate(&dataset, &criteria, period, scope) {
            let _ = render_markdown(&evaluation, &ReportOptions::default());
        }
    }
});
