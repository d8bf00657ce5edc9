//! Lâm Bình's two-year review of Đề án 16, reproduced from records.
//!
//! ```text
//! cargo run --example lam_binh                  # the Vietnamese review (Markdown)
//! cargo run --example lam_binh -- --format json # the whole evaluation as JSON
//! cargo run --example lam_binh -- --tally       # the same review from per-TCCSĐ counts
//! ```
//!
//! The dataset is built in `dataset.rs`, whose doc comment states every count it assumes:
//! the article publishes rates, not counts. Every figure printed comes from the evaluation.

mod dataset;

use std::io::Write as _;
use std::process::ExitCode;

use chibo::report::{ReportOptions, render_markdown};
use chibo::{CriteriaSet, Dataset, OrgLevel, Records, evaluate, evaluate_tally};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args
        .windows(2)
        .any(|w| matches!(w, [flag, value] if flag == "--format" && value == "json"));
    let tally = args.iter().any(|a| a == "--tally");

    let dataset = match Dataset::build(&dataset::records()) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let criteria = CriteriaSet::de_an_16();
    let period = dataset::period();
    // The district's hierarchy alone, for `--tally`: declared before the evaluation that
    // borrows it.
    let hierarchy: Dataset;
    let mut evaluation = match evaluate(&dataset, &criteria, period, Some(dataset::DISTRICT)) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };

    if tally {
        // What each grassroots organisation would report upwards, and a hierarchy without
        // members or meetings: the district's view when only reports reach it.
        let counts: Vec<_> = [OrgLevel::PartyCommittee, OrgLevel::GrassrootsCell]
            .into_iter()
            .flat_map(|level| evaluation.tallies_at(level))
            .collect();
        let organisations = Records {
            organisations: dataset::records().organisations,
            ..Records::default()
        };
        hierarchy = match Dataset::build(&organisations) {
            Ok(h) => h,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        };
        evaluation = match evaluate_tally(
            &hierarchy,
            &counts,
            &criteria,
            period,
            Some(dataset::DISTRICT),
        ) {
            Ok(e) => e,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        };
    }

    let out = if json {
        match serde_json::to_string_pretty(&evaluation) {
            Ok(s) => s + "\n",
            Err(e) => {
                eprintln!("cannot write the evaluation as JSON: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        // Whole percentages, as the article prints them ("đạt 97%").
        let options = ReportOptions {
            decimals: 0,
            appendix_limit: Some(20),
            ..ReportOptions::default()
        };
        render_markdown(&evaluation, &options)
    };
    // A reader that stops early (`| head`) is not an error.
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            eprintln!("cannot write to standard output: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
