//! Dataset build and full evaluation on synthetic data at district and province size, and at
//! country size when asked for (`--ignored` or `--include-ignored`).
//!
//! ```text
//! cargo bench --features synth --bench scale
//! ```
//!
//! Throughput is counted in attendance facts (one expected member at one meeting); divan's
//! allocation profiler reports the bytes allocated, which bounds the memory each step needs.
//!
//! `stream` generates the records straight into a `DatasetBuilder` (`generate_into`), the path
//! that never holds the records: its time includes generating them (three runs of the
//! generator), its memory is the dataset's.
//!
//! The country size (270,000 cells, 5.1 million members: `stream_country`, `evaluate_country`)
//! is ignored unless asked for: one sample of the stream, three of the evaluation, and
//! generating the dataset alone takes minutes. `--ignored` runs it alone, `--include-ignored`
//! with the other sizes.
//!
//! ```text
//! cargo bench --features synth --bench scale -- --ignored
//! cargo bench --features synth --bench scale -- --include-ignored
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::OnceLock;

use chibo::synth::SynthConfig;
use chibo::{CriteriaSet, Dataset, Period, Records, evaluate};
use divan::Bencher;
use divan::counter::ItemsCount;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

const SIZES: &[&str] = &["district", "province"];

fn config(size: &str) -> SynthConfig {
    SynthConfig::named(size).expect("a size of SIZES")
}

/// The records of each size, generated once.
fn records(size: &str) -> &'static Records {
    static DISTRICT: OnceLock<Records> = OnceLock::new();
    static PROVINCE: OnceLock<Records> = OnceLock::new();
    let cell = if size == "province" {
        &PROVINCE
    } else {
        &DISTRICT
    };
    cell.get_or_init(|| config(size).generate())
}

fn dataset(size: &str) -> &'static Dataset {
    static DISTRICT: OnceLock<Dataset> = OnceLock::new();
    static PROVINCE: OnceLock<Dataset> = OnceLock::new();
    let cell = if size == "province" {
        &PROVINCE
    } else {
        &DISTRICT
    };
    cell.get_or_init(|| Dataset::build(records(size)).expect("synthetic records build"))
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn build(bencher: Bencher, size: &str) {
    let records = records(size);
    bencher
        .counter(ItemsCount::new(dataset(size).counts().attendance))
        .bench(|| Dataset::build(records).expect("builds"));
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn stream(bencher: Bencher, size: &str) {
    let c = config(size);
    bencher
        .counter(ItemsCount::new(dataset(size).counts().attendance))
        .bench(|| {
            let mut builder = Dataset::builder();
            c.generate_into(&mut builder);
            builder.finish().expect("builds")
        });
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn evaluate_all(bencher: Bencher, size: &str) {
    let data = dataset(size);
    let c = config(size);
    let period = Period::new(c.start, c.end()).expect("valid span");
    let criteria = CriteriaSet::de_an_16();
    bencher
        .counter(ItemsCount::new(data.counts().attendance))
        .bench(|| evaluate(data, &criteria, period, None).expect("evaluates"));
}

/// The country dataset, streamed from the generator into a builder once.
fn country() -> &'static (SynthConfig, Dataset) {
    static COUNTRY: OnceLock<(SynthConfig, Dataset)> = OnceLock::new();
    COUNTRY.get_or_init(|| {
        let c = SynthConfig::country();
        let mut builder = Dataset::builder();
        c.generate_into(&mut builder);
        (c, builder.finish().expect("synthetic records build"))
    })
}

#[divan::bench(ignore, sample_count = 1, sample_size = 1)]
fn stream_country(bencher: Bencher) {
    let (c, data) = country();
    bencher
        .counter(ItemsCount::new(data.counts().attendance))
        .bench(|| {
            let mut builder = Dataset::builder();
            c.generate_into(&mut builder);
            builder.finish().expect("builds")
        });
}

#[divan::bench(ignore, sample_count = 3, sample_size = 1)]
fn evaluate_country(bencher: Bencher) {
    let (c, data) = country();
    let period = Period::new(c.start, c.end()).expect("valid span");
    let criteria = CriteriaSet::de_an_16();
    bencher
        .counter(ItemsCount::new(data.counts().attendance))
        .bench(|| evaluate(data, &criteria, period, None).expect("evaluates"));
}
