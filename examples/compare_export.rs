//! Exports a synthetic dataset for the SQL comparison (`bench/compare/compare.py`) and records
//! what the crate computes from it, how fast, and in how much memory.
//!
//! ```text
//! cargo run --release --example compare_export --features synth,csv -- \
//!     --size district|province|country --out DIR [--from YYYY-MM-DD --to YYYY-MM-DD] \
//!     [--e2e-runs N] [--eval-runs N] [--progress] [--no-check]
//! cargo run --release --example compare_export --features synth,csv -- \
//!     --folder CSV_DIR --from YYYY-MM-DD --to YYYY-MM-DD --out DIR
//! ```
//!
//! Nothing here holds the records (`Records`) of a synthetic dataset, and no step holds two
//! datasets or two evaluations at once, so the country size (about 270,000 cells, 5 million
//! members, 210 million attendance facts, a 12 GB CSV folder) runs in the memory of one dataset
//! and one evaluation. The steps:
//!
//! 1. **generate + write** (`--size`): `SynthConfig::generate_into` a `csv::FolderWriter` on
//!    `DIR/csv`, counting the roll-call rows on the way. With `--folder`, the folder is used as
//!    it is.
//! 2. **end to end**: `csv::read_folder_into` a `DatasetBuilder`, `finish`, `evaluate` (every
//!    criterion of `CriteriaSet::de_an_16()`, every level, scope `None`), timed as a whole and by
//!    part; best of `--e2e-runs` (default 3; 1 at country size), each run's dataset and
//!    evaluation dropped before the next. The last run's dataset is kept.
//! 3. **in memory**: `evaluate` on that dataset, best of `--eval-runs` (default 5; 2 at country
//!    size), each evaluation dropped before the next.
//! 4. **check** (timed as `check`, not compared; after the dataset is dropped): the same records built without the
//!    CSV files (`generate_into` a `DatasetBuilder`; with `--folder`, `csv::read_folder` and
//!    `Dataset::build`, which take rows in any order) and evaluated. Its evaluation must equal
//!    the one read back from the CSV folder: compared through a digest (SipHash of the
//!    evaluation's `Debug` text, so that the two never coexist), the number of findings and the
//!    compared measures. The last in-memory evaluation must give the same digest too.
//!    `--no-check` skips this step (with `--folder` it holds the folder's records in memory:
//!    leave it out for a country-sized folder).
//!
//! Then writes `DIR/chibo_cells.csv`, every cell's numerator and denominator of the same
//! measures (`cell`, `code`, `span`, `numerator`, `denominator`; 0 of 0 left out), from the last
//! in-memory evaluation, and `DIR/chibo.json` with:
//!
//! - `measures`: for each top-level organisation (one without a parent: the provinces of the
//!   synthetic data), the exact numerator and denominator of I01, I02 and R02 per calendar
//!   year, I05 and I06 over the period (key `period`), I09 and I10 per rating year;
//! - `cell_measures`: the path of `chibo_cells.csv` and its rows;
//! - `timings` in seconds: `generate` (generate + write the CSV folder; 0 with `--folder`),
//!   `end_to_end` (read + finish + evaluate, best run), `read` and `finish` (their parts in that
//!   run), `build` (`read` + `finish`), `eval_in_memory` (best `evaluate`), `check` (step 4);
//!   `runs` gives the repetitions;
//! - `memory`: peak resident memory (`VmHWM` of `/proc/self/status`, Linux) of each step, in
//!   bytes: the peak is reset (`/proc/self/clear_refs`) at the start of each step, so a step's
//!   peak includes what the process still held from the step before (`start`, the resident
//!   memory when the step began) but not the earlier step's peak; `peak` is the highest of all;
//! - `counts`: organisations, cells, members, meetings, roll-call rows, attendance facts,
//!   ratings, findings.

use std::fmt::Write as _;
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use chibo::synth::SynthConfig;
use chibo::{
    AdmissionRecord, Attendance, CriteriaSet, Criterion, Dataset, Evaluation, Finding,
    MeetingRecord, MemberRecord, OrganisationRecord, Period, RatingRecord, RecordSink, evaluate,
};
use chrono::{Datelike, NaiveDate};
use serde_json::{Map, Value, json};

const USAGE: &str = "usage: compare_export (--size district|province|country | --folder CSV_DIR) \
     --out DIR [--from YYYY-MM-DD --to YYYY-MM-DD] [--e2e-runs N] [--eval-runs N] [--progress] \
     [--no-check]";

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
    Synth(String, SynthConfig),
    /// An existing CSV folder.
    Folder(PathBuf),
}

/// The command line.
struct Args {
    source: Source,
    out: PathBuf,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    e2e_runs: u32,
    eval_runs: u32,
    progress: bool,
    check: bool,
}

fn date(arg: Option<&String>) -> Result<Option<NaiveDate>, String> {
    arg.map(|s| {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|e| format!("`{s}` is not a date (YYYY-MM-DD): {e}"))
    })
    .transpose()
}

fn runs(arg: Option<&String>) -> Result<Option<u32>, String> {
    arg.map(|s| match s.parse::<u32>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("`{s}` is not a number of runs (1 or more)")),
    })
    .transpose()
}

fn parse(args: &[String]) -> Result<Args, String> {
    let (mut size, mut folder, mut out, mut from, mut to) = (None, None, None, None, None);
    let (mut e2e_runs, mut eval_runs, mut progress, mut check) = (None, None, false, true);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--size" => size = it.next().cloned(),
            "--folder" => folder = it.next().map(PathBuf::from),
            "--out" => out = it.next().map(PathBuf::from),
            "--from" => from = date(it.next())?,
            "--to" => to = date(it.next())?,
            "--e2e-runs" => e2e_runs = runs(it.next())?,
            "--eval-runs" => eval_runs = runs(it.next())?,
            "--progress" => progress = true,
            "--no-check" => check = false,
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let source = match (size, folder) {
        (Some(s), None) => {
            let config = config(&s)?;
            Source::Synth(s, config)
        }
        (None, Some(f)) if from.is_some() && to.is_some() => Source::Folder(f),
        _ => return Err(USAGE.to_owned()),
    };
    let country = matches!(&source, Source::Synth(s, _) if s == "country");
    let out = out.ok_or_else(|| USAGE.to_owned())?;
    Ok(Args {
        source,
        out,
        from,
        to,
        e2e_runs: e2e_runs.unwrap_or(if country { 1 } else { 3 }),
        eval_runs: eval_runs.unwrap_or(if country { 2 } else { 5 }),
        progress,
        check,
    })
}

fn config(size: &str) -> Result<SynthConfig, String> {
    SynthConfig::named(size).ok_or_else(|| format!("unknown size `{size}`\n{USAGE}"))
}

/// Seconds taken by `f`, and its result.
fn timed<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let start = Instant::now();
    let out = f();
    (start.elapsed().as_secs_f64(), out)
}

// ---------------------------------------------------------------------------------------------
// Memory: resident set now and at its peak, from /proc/self/status (Linux).
// ---------------------------------------------------------------------------------------------

/// A field of `/proc/self/status` in bytes (`VmRSS`, `VmHWM`), or `None` off Linux.
fn status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().strip_suffix(" kB"))
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(|kb| kb.saturating_mul(1024))
}

fn mb(bytes: Option<u64>) -> String {
    bytes.map_or_else(|| "?".to_owned(), |b| format!("{} MB", b / 1_000_000))
}

/// The peak resident memory of each step: the peak is reset when a step starts.
struct Memory {
    steps: Map<String, Value>,
    peak: Option<u64>,
    current: Option<(&'static str, Option<u64>)>,
    /// Whether the peak could be reset between steps (else each step's peak is the process's
    /// peak so far).
    resets: bool,
}

impl Memory {
    fn new() -> Memory {
        Memory {
            steps: Map::new(),
            peak: None,
            current: None,
            resets: true,
        }
    }

    /// Ends the step under way, if any, and starts `name`.
    fn step(&mut self, name: &'static str) {
        self.end();
        // Writing 5 to clear_refs resets VmHWM to the current resident memory (Linux ≥ 4.0).
        self.resets &= std::fs::write("/proc/self/clear_refs", "5").is_ok();
        self.current = Some((name, status_bytes("VmRSS")));
    }

    /// Ends the step under way, if any.
    fn end(&mut self) {
        let Some((name, start)) = self.current.take() else {
            return;
        };
        let hwm = status_bytes("VmHWM");
        self.peak = self.peak.max(hwm);
        self.steps
            .insert(name.to_owned(), json!({"start": start, "peak": hwm}));
    }

    /// The report for `chibo.json`, and the highest peak.
    fn report(mut self) -> (Value, Option<u64>) {
        self.end();
        let value = json!({
            "source": "VmHWM of /proc/self/status, reset at the start of each step",
            "resets": self.resets,
            "peak": self.peak,
            "steps": Value::Object(self.steps),
        });
        (value, self.peak)
    }
}

// ---------------------------------------------------------------------------------------------
// Sinks and digests.
// ---------------------------------------------------------------------------------------------

/// Passes records on, counting the roll-call rows.
struct CountRows<S> {
    inner: S,
    roll_call_rows: u64,
}

impl<S: RecordSink> RecordSink for CountRows<S> {
    fn organisation(&mut self, record: OrganisationRecord) {
        self.inner.organisation(record);
    }
    fn member(&mut self, record: MemberRecord) {
        self.inner.member(record);
    }
    fn meeting(&mut self, record: MeetingRecord) {
        self.roll_call_rows = self
            .roll_call_rows
            .saturating_add(roll_call_len(&record.attendance));
        self.inner.meeting(record);
    }
    fn rating(&mut self, record: RatingRecord) {
        self.inner.rating(record);
    }
    fn admission(&mut self, record: AdmissionRecord) {
        self.inner.admission(record);
    }
}

/// The rows a meeting takes in `diem_danh.csv`.
fn roll_call_len(attendance: &Attendance) -> u64 {
    match attendance {
        Attendance::RollCall(entries) => entries.len() as u64,
        Attendance::Counts(_) => 0,
    }
}

/// Formatted text fed straight into a hasher.
struct HashWriter(DefaultHasher);

impl std::fmt::Write for HashWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}

/// What is kept of an evaluation once it is dropped: enough to tell two apart.
#[derive(PartialEq)]
struct Summary {
    /// SipHash (fixed keys) of the evaluation's `Debug` text: every field `==` compares.
    digest: u64,
    findings: usize,
    measures: Value,
}

fn summarise(evaluation: &Evaluation, tops: &[String]) -> Summary {
    let mut h = HashWriter(DefaultHasher::new());
    // Writing into a hasher cannot fail.
    let _ = write!(h, "{evaluation:?}");
    Summary {
        digest: h.0.finish(),
        findings: evaluation.findings().len(),
        measures: measures(evaluation, tops),
    }
}

/// The organisations without a parent (the provinces of the synthetic data).
fn top_level(data: &Dataset) -> Vec<String> {
    data.organisations()
        .filter(|o| o.parent().is_none())
        .map(|o| o.id().to_owned())
        .collect()
}

/// The compared criterion of a finding, if it is one, and its span key: the year, or `period`.
fn compared_key(f: &Finding<'_>) -> Option<String> {
    let &(_, yearly) = COMPARED.iter().find(|(c, _)| *c == f.criterion)?;
    Some(if yearly {
        f.period.start().year().to_string()
    } else {
        "period".to_owned()
    })
}

/// The measures of the compared criteria for every top-level organisation in `tops`: its id →
/// criterion code → span key → `[numerator, denominator]`.
fn measures(evaluation: &Evaluation, tops: &[String]) -> Value {
    let mut by_province: Map<String, Value> = Map::new();
    for f in evaluation.findings() {
        if !tops.iter().any(|t| **t == *f.unit.id) {
            continue;
        }
        let Some(key) = compared_key(&f) else {
            continue;
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

/// Writes `path`, a CSV file of every cell's measure of the compared criteria (`cell`, `code`,
/// `span`, `numerator`, `denominator`; only measures other than 0 of 0, what the SQL queries
/// leave out), and returns the rows written.
fn write_cell_measures(evaluation: &Evaluation, path: &Path) -> Result<u64, String> {
    use std::io::Write as _;
    let fail = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    let file = std::fs::File::create(path).map_err(fail)?;
    let mut out = std::io::BufWriter::new(file);
    writeln!(out, "cell,code,span,numerator,denominator").map_err(fail)?;
    let mut rows = 0u64;
    for f in evaluation.findings() {
        let m = f.measure;
        if !f.unit.level.is_cell() || (m.numerator, m.denominator) == (0, 0) {
            continue;
        }
        let Some(key) = compared_key(&f) else {
            continue;
        };
        // Quoted, quotes doubled: a cell id may hold a comma.
        let cell = f.unit.id.replace('"', "\"\"");
        writeln!(
            out,
            "\"{cell}\",{},{key},{},{}",
            f.criterion.code(),
            m.numerator,
            m.denominator
        )
        .map_err(fail)?;
        rows = rows.saturating_add(1);
    }
    out.flush().map_err(fail)?;
    Ok(rows)
}

// ---------------------------------------------------------------------------------------------
// The steps.
// ---------------------------------------------------------------------------------------------

/// Progress on stderr (`--progress`), with the time since the start and the memory.
struct Log {
    on: bool,
    start: Instant,
}

impl Log {
    fn say(&self, what: &str) {
        if self.on {
            eprintln!(
                "[{:7.1} s] {what} (resident {}, peak {})",
                self.start.elapsed().as_secs_f64(),
                mb(status_bytes("VmRSS")),
                mb(status_bytes("VmHWM"))
            );
        }
    }
}

/// One end-to-end run: the CSV folder read into a builder, finished, evaluated.
struct EndToEnd {
    read_s: f64,
    finish_s: f64,
    evaluate_s: f64,
    data: Dataset,
    /// The evaluation's summary, when asked for.
    summary: Option<Summary>,
}

impl EndToEnd {
    fn total(&self) -> f64 {
        self.read_s + self.finish_s + self.evaluate_s
    }
}

/// One end-to-end run; with `summary`, the evaluation is summarised (untimed) before it goes.
fn end_to_end(
    dir: &Path,
    criteria: &CriteriaSet,
    period: Period,
    summary: bool,
) -> Result<EndToEnd, String> {
    let mut builder = Dataset::builder();
    let (read_s, read) = timed(|| chibo::csv::read_folder_into(dir, &mut builder));
    read.map_err(|e| {
        format!(
            "cannot read the CSV folder {} record by record: {e}",
            dir.display()
        )
    })?;
    let (finish_s, data) = timed(|| builder.finish());
    let data = data.map_err(|e| format!("the CSV folder does not build: {e}"))?;
    let (evaluate_s, evaluation) = timed(|| evaluate(&data, criteria, period, None));
    let evaluation = evaluation.map_err(|e| e.to_string())?;
    let summary = summary.then(|| summarise(&evaluation, &top_level(&data)));
    drop(evaluation);
    Ok(EndToEnd {
        read_s,
        finish_s,
        evaluate_s,
        data,
        summary,
    })
}

fn run(args: &[String]) -> Result<(), String> {
    let args = parse(args)?;
    let out = &args.out;
    let log = Log {
        on: args.progress,
        start: Instant::now(),
    };
    let mut memory = Memory::new();
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    // A run that fails must not leave an earlier run's report beside its own files.
    for stale in ["chibo.json", "chibo_cells.csv"].map(|f| out.join(f)) {
        if stale.exists() {
            std::fs::remove_file(&stale)
                .map_err(|e| format!("cannot remove {}: {e}", stale.display()))?;
        }
    }

    // 1. Generate + write.
    memory.step("generate_write");
    let (label, csv_dir, generate_s, mut roll_call_rows, synth_span) = match &args.source {
        Source::Synth(size, config) => {
            let csv_dir = out.join("csv");
            if csv_dir.exists() {
                std::fs::remove_dir_all(&csv_dir)
                    .map_err(|e| format!("cannot clear {}: {e}", csv_dir.display()))?;
            }
            log.say(&format!("generating {size} into {}", csv_dir.display()));
            let (generate_s, rows) = timed(|| -> Result<u64, String> {
                let writer = chibo::csv::FolderWriter::create(&csv_dir)
                    .map_err(|e| format!("cannot create {}: {e}", csv_dir.display()))?;
                let mut sink = CountRows {
                    inner: writer,
                    roll_call_rows: 0,
                };
                config.generate_into(&mut sink);
                sink.inner.finish().map_err(|e| {
                    format!("cannot write the CSV folder {}: {e}", csv_dir.display())
                })?;
                Ok(sink.roll_call_rows)
            });
            let rows = rows?;
            log.say(&format!("written in {generate_s:.1} s"));
            (
                size.clone(),
                csv_dir,
                generate_s,
                Some(rows),
                Some((config.start, config.end())),
            )
        }
        Source::Folder(dir) => (dir.display().to_string(), dir.clone(), 0.0, None, None),
    };
    let (start, end) = match (args.from, args.to, synth_span) {
        (Some(f), Some(t), _) => (f, t),
        (f, t, Some((s, e))) => (f.unwrap_or(s), t.unwrap_or(e)),
        _ => return Err(USAGE.to_owned()),
    };
    let period = Period::new(start, end).map_err(|e| e.to_string())?;
    let criteria = CriteriaSet::de_an_16();

    // 2. End to end from the CSV folder; the best run's parts are reported, the last run's
    // dataset is kept.
    memory.step("csv_to_evaluation");
    let mut best: Option<(f64, f64, f64)> = None;
    let mut kept: Option<(Dataset, Summary)> = None;
    for run in 1..=args.e2e_runs {
        log.say(&format!("end to end, run {run} of {}", args.e2e_runs));
        // Only the last run's dataset is kept; the others go before the next is built.
        let last = run == args.e2e_runs;
        let e = end_to_end(&csv_dir, &criteria, period, last)?;
        log.say(&format!(
            "read {:.2} s, finish {:.2} s, evaluate {:.2} s",
            e.read_s, e.finish_s, e.evaluate_s
        ));
        let t = (e.total(), e.read_s, e.finish_s);
        if best.is_none_or(|b| t.0 < b.0) {
            best = Some(t);
        }
        if let Some(summary) = e.summary {
            kept = Some((e.data, summary));
        }
    }
    let (Some((end_to_end_s, read_s, finish_s)), Some((data, from_csv))) = (best, kept) else {
        return Err("no end-to-end run".to_owned());
    };

    // 3. In memory: evaluate the kept dataset.
    memory.step("in_memory_evaluations");
    let tops = top_level(&data);
    let counts = data.counts();
    let mut eval_s = f64::INFINITY;
    let mut last = None;
    for run in 1..=args.eval_runs {
        // The previous evaluation goes before the next one is made.
        drop(last.take());
        let (t, evaluation) = timed(|| evaluate(&data, &criteria, period, None));
        let evaluation = evaluation.map_err(|e| e.to_string())?;
        log.say(&format!(
            "evaluate, run {run} of {}: {t:.2} s",
            args.eval_runs
        ));
        eval_s = eval_s.min(t);
        last = Some(evaluation);
    }
    // Every cell's measures, for the SQL side to compare with, from the last evaluation (equal
    // to the one read back from the CSV folder: checked here).
    let cells_path = out.join("chibo_cells.csv");
    let cell_measures = match last.take() {
        Some(evaluation) => {
            if summarise(&evaluation, &tops) != from_csv {
                return Err("evaluating the same dataset twice gave different results".to_owned());
            }
            write_cell_measures(&evaluation, &cells_path)?
        }
        None => return Err("no evaluation in memory".to_owned()),
    };
    drop(data);

    // 4. Check: the same records without the CSV files.
    let check_s = if args.check {
        check(
            &args,
            &criteria,
            period,
            &from_csv,
            &mut roll_call_rows,
            &mut memory,
            &log,
        )?
    } else {
        0.0
    };
    let (memory, peak) = memory.report();
    let build_s = read_s + finish_s;

    let report = json!({
        "source": label,
        "csv": csv_dir.display().to_string(),
        "period": {"start": period.start().to_string(), "end": period.end().to_string()},
        "counts": {
            "organisations": counts.organisations,
            "cells": counts.cells,
            "members": counts.members,
            "meetings": counts.meetings,
            "roll_call_rows": roll_call_rows,
            "attendance_facts": counts.attendance,
            "ratings": counts.ratings,
            "findings": from_csv.findings,
        },
        "checked": args.check,
        "timings": {
            "generate": generate_s,
            "read": read_s,
            "finish": finish_s,
            "build": build_s,
            "eval_in_memory": eval_s,
            "end_to_end": end_to_end_s,
            "check": check_s,
        },
        "runs": {"end_to_end": args.e2e_runs, "eval_in_memory": args.eval_runs},
        "memory": memory,
        "measures": from_csv.measures,
        "cell_measures": {"path": cells_path.display().to_string(), "rows": cell_measures},
    });
    let path = out.join("chibo.json");
    let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!(
        "{label}: {} cells, {} members, {} meetings, {} attendance facts; build {:.3} s, \
         evaluate {eval_s:.3} s, CSV → findings {end_to_end_s:.3} s, peak resident {}; wrote {}",
        counts.cells,
        counts.members,
        counts.meetings,
        counts.attendance,
        build_s,
        mb(peak),
        path.display()
    );
    Ok(())
}

/// Step 4: the same records built without the CSV files, evaluated; their evaluation must equal
/// the one read back from the folder. Returns the seconds taken.
fn check(
    args: &Args,
    criteria: &CriteriaSet,
    period: Period,
    from_csv: &Summary,
    roll_call_rows: &mut Option<u64>,
    memory: &mut Memory,
    log: &Log,
) -> Result<f64, String> {
    memory.step("check");
    log.say("check: the records built without the CSV files");
    let (check_s, reference) = timed(|| -> Result<Summary, String> {
        let data = match &args.source {
            Source::Synth(_, config) => {
                let mut builder = Dataset::builder();
                config.generate_into(&mut builder);
                builder.finish()
            }
            Source::Folder(dir) => {
                let records = chibo::csv::read_folder(dir).map_err(|e| e.to_string())?;
                *roll_call_rows = Some(
                    records
                        .meetings
                        .iter()
                        .map(|m| roll_call_len(&m.attendance))
                        .sum(),
                );
                Dataset::build(&records)
            }
        }
        .map_err(|e| format!("the records do not build: {e}"))?;
        let evaluation = evaluate(&data, criteria, period, None).map_err(|e| e.to_string())?;
        Ok(summarise(&evaluation, &top_level(&data)))
    });
    let reference = reference?;
    log.say(&format!("checked in {check_s:.1} s"));
    if reference != *from_csv {
        return Err(format!(
            "the evaluation read back from the CSV folder differs from the one built without \
             it: {} findings (digest {:016x}) against {} (digest {:016x}){}",
            from_csv.findings,
            from_csv.digest,
            reference.findings,
            reference.digest,
            if from_csv.measures == reference.measures {
                "; the compared measures are equal"
            } else {
                "; the compared measures differ too"
            }
        ));
    }
    Ok(check_s)
}
