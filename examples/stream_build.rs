//! Builds a synthetic dataset without ever holding its records: `SynthConfig::generate_into` a
//! `DatasetBuilder` (or a `csv::FolderWriter`, or from a CSV folder with `csv::read_folder_into`),
//! and prints how long each stage took. Run it under `/usr/bin/time -v` for the peak memory.
//!
//! ```text
//! cargo build --release --features synth,csv --example stream_build
//! /usr/bin/time -v target/release/examples/stream_build country            # synth → builder
//! /usr/bin/time -v target/release/examples/stream_build province --write DIR   # synth → CSV folder
//! /usr/bin/time -v target/release/examples/stream_build --read DIR             # CSV folder → builder
//! ```
//!
//! The size is `district`, `province`, `country` (`SynthConfig`'s presets) or a number of cells.

use std::time::Instant;

use chibo::synth::SynthConfig;
use chibo::{
    AdmissionRecord, Dataset, MeetingRecord, MemberRecord, OrganisationRecord, RatingRecord,
    RecordSink,
};

/// Resident memory now and at its peak so far, from `/proc/self/status` (Linux; empty
/// elsewhere).
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().strip_suffix(" kB"))
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map_or_else(|| "?".to_owned(), |kb| format!("{} MB", kb / 1024))
    };
    format!("(resident {}, peak {})", field("VmRSS:"), field("VmHWM:"))
}

/// Passes records on, noting when the first member and the first meeting, rating or admission
/// came (the ends of the builder's first two stages).
struct Stages<S> {
    inner: S,
    start: Instant,
    members_from: Option<f64>,
    activity_from: Option<f64>,
}

impl<S: RecordSink> Stages<S> {
    fn new(inner: S) -> Self {
        Stages {
            inner,
            start: Instant::now(),
            members_from: None,
            activity_from: None,
        }
    }

    fn activity(&mut self) {
        if self.activity_from.is_none() {
            self.activity_from = Some(self.start.elapsed().as_secs_f64());
            eprintln!("first meeting, rating or admission {}", memory());
        }
    }

    fn report(&self) {
        let total = self.start.elapsed().as_secs_f64();
        let m = self.members_from.unwrap_or(total);
        let a = self.activity_from.unwrap_or(total);
        eprintln!(
            "organisations {:.2} s, members {:.2} s, meetings, ratings and admissions {:.2} s",
            m,
            a - m,
            total - a
        );
    }
}

impl<S: RecordSink> RecordSink for Stages<S> {
    fn organisation(&mut self, record: OrganisationRecord) {
        self.inner.organisation(record);
    }
    fn member(&mut self, record: MemberRecord) {
        if self.members_from.is_none() {
            self.members_from = Some(self.start.elapsed().as_secs_f64());
            eprintln!("first member {}", memory());
        }
        self.inner.member(record);
    }
    fn meeting(&mut self, record: MeetingRecord) {
        self.activity();
        self.inner.meeting(record);
    }
    fn rating(&mut self, record: RatingRecord) {
        self.activity();
        self.inner.rating(record);
    }
    fn admission(&mut self, record: AdmissionRecord) {
        self.activity();
        self.inner.admission(record);
    }
}

fn config(size: &str) -> Result<SynthConfig, String> {
    if let Some(config) = SynthConfig::named(size) {
        return Ok(config);
    }
    let cells = size.parse().map_err(|_| {
        format!("`{size}` is not a size: write district, province, country or a number of cells")
    })?;
    Ok(SynthConfig::district().with_cells(cells))
}

fn finish(stages: Stages<chibo::DatasetBuilder>) -> Result<Dataset, Box<dyn std::error::Error>> {
    stages.report();
    eprintln!("before finish {}", memory());
    let t = Instant::now();
    let dataset = stages.inner.finish()?;
    eprintln!("finish {:.2} s {}", t.elapsed().as_secs_f64(), memory());
    Ok(dataset)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let start = Instant::now();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["--read", dir] => {
            let mut stages = Stages::new(Dataset::builder());
            chibo::csv::read_folder_into(dir, &mut stages)?;
            let dataset = finish(stages)?;
            println!("{:?}", dataset.counts());
        }
        [size, "--write", dir] => {
            let mut stages = Stages::new(chibo::csv::FolderWriter::create(dir)?);
            config(size)?.generate_into(&mut stages);
            stages.report();
            stages.inner.finish()?;
        }
        [size] => {
            let mut stages = Stages::new(Dataset::builder());
            config(size)?.generate_into(&mut stages);
            let dataset = finish(stages)?;
            println!("{:?}", dataset.counts());
            drop(dataset);
            eprintln!("dataset dropped {}", memory());
        }
        _ => {
            return Err("usage: stream_build SIZE | SIZE --write DIR | --read DIR".into());
        }
    }
    eprintln!("total {:.2} s", start.elapsed().as_secs_f64());
    Ok(())
}
