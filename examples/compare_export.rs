//! Exports a synthetic dataset for the SQL comparison (`bench/compare/compare.py`) and records
//! what the crate computes from it, and how fast.
//!
//! ```text
//! cargo run --release --example compare_export --features synth,csv -- \
//!     --size district|province --out DIR [--from YYYY-MM-DD --to YYYY-MM-DD]
//! cargo run --release --example compare_export --features synth,csv -- \
//!     --folder CSV_DIR --from YYYY-MM-DD --to YYYY-MM-DD --out DIR
//! ```
//!
//! With `--size`, generates the synthetic records (`SynthConfig::district()` or `province()`)
//! and writes them as a CSV folder (`docs/format.md`) to `DIR/csv` with
//! `chibo::csv::write_folder`; with `--folder`, reads an existing CSV folder instead (edge cases
//! the generator does not make). The period is the synthetic span unless `--from` and `--to`
//! give another. Then writes `DIR/chibo.json` with:
//!
//! - `measures`: for each top-level organisation (one without a parent: the provinces of the
//!   synthetic data) of an evaluation of the whole dataset (scope `None`), the exact numerator
//!   and denominator of I01, I02 and R02 per calendar year, I05 and I06 over the period (key
//!   `period`), I09 and I10 per rating year;
//! - `timings` in seconds: `build` (best of 3 `Dataset::build` from in-memory records),
//!   `eval_in_memory` (best of 5 `evaluate` of every criterion at every level on a built
//!   dataset), `end_to_end` (best of 3 `csv::read_folder` + `Dataset::build` + `evaluate`);
//! - `counts`: organisations, cells, members, meetings, roll-call rows, attendance facts,
//!   ratings, findings.
//!
//! `--size country` is refused: the crate cannot yet stream a dataset that large, and the
//! records, the dataset and the evaluation of 270,000 cells do not fit this comparison's
//! in-memory path.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use chibo::synth::SynthConfig;
use chibo::{Attendance, CriteriaSet, Criterion, Dataset, Evaluation, Period, Records, evaluate};
use chrono::{Datelike, NaiveDate};
use serde_json::{Map, Value, json};

const USAGE: &str = "usage: compare_export (--size district|province | --folder CSV_DIR) --out DIR \
     [--from YYYY-MM-DD --to YYYY-MM-DD]";

/// The criteria compared, each with whether it is measured per calendar or rating year
/// (`true`) or over the whole period (`false`).
const COMPARED: &[(Criterion, bool)] = &[
    (Criterion::MonthlyRegularMeeting, true),
    (Criterion::QuarterlyThematicMeeting, true),
    (Criterion::AttendanceEachMeeting, false),
    (Criterion::Participation, false),
    (Criterion::CellsRatedGood, true),
    (Criterion::MembersRatedGood, true),
    (Criterion::AbsenceTrigger, true),
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("compare_export: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Where the records come from.
enum Source {
    /// Synthetic records of this size.
    Synth(String),
    /// An existing CSV folder.
    Folder(PathBuf),
}

/// The command line.
struct Args {
    source: Source,
    out: PathBuf,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

fn date(arg: Option<&String>) -> Result<Option<NaiveDate>, String> {
    arg.map(|s| {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|e| format!("`{s}` is not a date (YYYY-MM-DD): {e}"))
    })
    .transpose()
}

fn parse(args: &[String]) -> Result<Args, String> {
    let (mut size, mut folder, mut out, mut from, mut to) = (None, None, None, None, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--size" => size = it.next().cloned(),
            "--folder" => folder = it.next().map(PathBuf::from),
            "--out" => out = it.next().map(PathBuf::from),
            "--from" => from = date(it.next())?,
            "--to" => to = date(it.next())?,
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let source = match (size, folder) {
        (Some(s), None) => Source::Synth(s),
        (None, Some(f)) if from.is_some() && to.is_some() => Source::Folder(f),
        _ => return Err(USAGE.to_owned()),
    };
    let out = out.ok_or_else(|| USAGE.to_owned())?;
    Ok(Args {
        source,
        out,
        from,
        to,
    })
}

fn config(size: &str) -> Result<SynthConfig, String> {
    match size {
        "district" => Ok(SynthConfig::district()),
        "province" => Ok(SynthConfig::province()),
        "country" => Err(
            "--size country is out of reach for now: the crate cannot yet stream a \
             dataset that large (about 270,000 cells and 5 million members); generating, writing, \
             reading and building it all in memory at once is not supported. Use --size district \
             or --size province."
                .to_owned(),
        ),
        other => Err(format!("unknown size `{other}`\n{USAGE}")),
    }
}

/// Seconds taken by `f`, and its result.
fn timed<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let start = Instant::now();
    let out = f();
    (start.elapsed().as_secs_f64(), out)
}

/// The best (smallest) time of `runs` runs of `f`, and the result of the last run.
fn best_of<T, E>(runs: u32, mut f: impl FnMut() -> Result<T, E>) -> Result<(f64, T), E> {
    let (mut best, mut last) = timed(&mut f);
    let mut out = last?;
    for _ in 1..runs {
        let (t, r) = timed(&mut f);
        best = best.min(t);
        last = r;
        out = last?;
    }
    Ok((best, out))
}

fn roll_call_rows(records: &Records) -> usize {
    records
        .meetings
        .iter()
        .map(|m| match &m.attendance {
            Attendance::RollCall(entries) => entries.len(),
            Attendance::Counts(_) => 0,
        })
        .sum()
}

/// The measures of the compared criteria for every top-level organisation in `tops`: its id →
/// criterion code → span key (the year, or `period`) → `[numerator, denominator]`.
fn measures(evaluation: &Evaluation, tops: &[&str]) -> Value {
    let mut by_province: Map<String, Value> = Map::new();
    for f in evaluation.findings() {
        if !tops.contains(&&*f.unit.id) {
            continue;
        }
        let Some(&(_, yearly)) = COMPARED.iter().find(|(c, _)| *c == f.criterion) else {
            continue;
        };
        let key = if yearly {
            f.period.start().year().to_string()
        } else {
            "period".to_owned()
        };
        let criteria = by_province
            .entry(f.unit.id.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(criteria) = criteria.as_object_mut() {
            let spans = criteria
                .entry(f.criterion.code().to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Some(spans) = spans.as_object_mut() {
                spans.insert(key, json!([f.measure.numerator, f.measure.denominator]));
            }
        }
    }
    Value::Object(by_province)
}

fn run(args: &[String]) -> Result<(), String> {
    let args = parse(args)?;
    let out = &args.out;
    let (label, csv_dir, generate_s, records, synth_span) = match &args.source {
        Source::Synth(size) => {
            let config = config(size)?;
            let (generate_s, records) = timed(|| config.generate());
            let csv_dir = out.join("csv");
            if csv_dir.exists() {
                std::fs::remove_dir_all(&csv_dir)
                    .map_err(|e| format!("cannot clear {}: {e}", csv_dir.display()))?;
            }
            std::fs::create_dir_all(&csv_dir)
                .map_err(|e| format!("cannot create {}: {e}", csv_dir.display()))?;
            chibo::csv::write_folder(&records, &csv_dir)
                .map_err(|e| format!("cannot write the CSV folder {}: {e}", csv_dir.display()))?;
            let span = Some((config.start, config.end()));
            (size.clone(), csv_dir, generate_s, records, span)
        }
        Source::Folder(dir) => {
            std::fs::create_dir_all(out)
                .map_err(|e| format!("cannot create {}: {e}", out.display()))?;
            let records = chibo::csv::read_folder(dir).map_err(|e| e.to_string())?;
            (dir.display().to_string(), dir.clone(), 0.0, records, None)
        }
    };
    let (start, end) = match (args.from, args.to, synth_span) {
        (Some(f), Some(t), _) => (f, t),
        (f, t, Some((s, e))) => (f.unwrap_or(s), t.unwrap_or(e)),
        _ => return Err(USAGE.to_owned()),
    };
    let period = Period::new(start, end).map_err(|e| e.to_string())?;
    let criteria = CriteriaSet::de_an_16();

    let (build_s, data) = best_of(3, || Dataset::build(&records))
        .map_err(|e| format!("the records do not build: {e}"))?;
    let (eval_s, evaluation) =
        best_of(5, || evaluate(&data, &criteria, period, None)).map_err(|e| e.to_string())?;
    let (end_to_end_s, from_csv) = best_of(3, || from_folder(&csv_dir, &criteria, period))?;
    if from_csv != evaluation {
        return Err(
            "the evaluation read back from the CSV folder differs from the in-memory one"
                .to_owned(),
        );
    }
    let tops: Vec<&str> = data
        .organisations()
        .filter(|o| o.parent().is_none())
        .map(|o| o.id())
        .collect();

    let counts = data.counts();
    let report = json!({
        "source": label,
        "csv": csv_dir.display().to_string(),
        "period": {"start": period.start().to_string(), "end": period.end().to_string()},
        "counts": {
            "organisations": counts.organisations,
            "cells": counts.cells,
            "members": counts.members,
            "meetings": counts.meetings,
            "roll_call_rows": roll_call_rows(&records),
            "attendance_facts": counts.attendance,
            "ratings": counts.ratings,
            "findings": evaluation.findings().len(),
        },
        "timings": {
            "generate": generate_s,
            "build": build_s,
            "eval_in_memory": eval_s,
            "end_to_end": end_to_end_s,
        },
        "measures": measures(&evaluation, &tops),
    });
    let path = out.join("chibo.json");
    let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!(
        "{label}: {} cells, {} members, {} meetings, {} attendance facts; build {build_s:.3} s, \
         evaluate {eval_s:.3} s, CSV → findings {end_to_end_s:.3} s; wrote {}",
        counts.cells,
        counts.members,
        counts.meetings,
        counts.attendance,
        path.display()
    );
    Ok(())
}

/// The whole path from files: read the CSV folder, build, evaluate.
fn from_folder(dir: &Path, criteria: &CriteriaSet, period: Period) -> Result<Evaluation, String> {
    let records = chibo::csv::read_folder(dir).map_err(|e| e.to_string())?;
    let data = Dataset::build(&records).map_err(|e| e.to_string())?;
    evaluate(&data, criteria, period, None).map_err(|e| e.to_string())
}
