//! Whether evaluation costs the same per cell at province and at country size (issue #5: within
//! 20%), measured so that the machine's drift cannot decide it.
//!
//! ```text
//! cargo bench --features synth --bench per_cell -- 20      # 20 rounds
//! ```
//!
//! It runs only when given its number of rounds: a plain `cargo bench` would otherwise build a
//! country with every other benchmark.
//!
//! Both datasets are built first (the country's takes about two minutes and 1.7 GB); then each
//! round evaluates the province and the country once each, every criterion at every level, in
//! alternating order, so that a slow minute of this shared machine falls on both sizes alike.
//! `scale`'s divan benchmark times each size in its own stretch of minutes, where phases of the
//! machine have moved the province's time per cell by 39% from one command to the next.
//! Prints the fastest and the median time per cell of each size and their ratios.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use chibo::synth::SynthConfig;
use chibo::{CriteriaSet, Dataset, Period, evaluate};

/// One size: its dataset and the time per cell of each evaluation, in µs.
struct Size {
    name: &'static str,
    data: Dataset,
    period: Period,
    cells: f64,
    per_cell: Vec<f64>,
}

impl Size {
    fn new(name: &'static str, config: &SynthConfig) -> Size {
        let start = Instant::now();
        let mut builder = Dataset::builder();
        config.generate_into(&mut builder);
        let data = builder.finish().expect("synthetic records build");
        let cells = data.counts().cells;
        eprintln!(
            "{name}: {cells} cells, generated and built in {:.1} s",
            start.elapsed().as_secs_f64()
        );
        Size {
            name,
            period: Period::new(config.start, config.end()).expect("the synthetic period"),
            data,
            cells: cells as f64,
            per_cell: Vec::new(),
        }
    }

    fn evaluate(&mut self, criteria: &CriteriaSet) {
        let start = Instant::now();
        let evaluation = evaluate(&self.data, criteria, self.period, None).expect("evaluates");
        let seconds = start.elapsed().as_secs_f64();
        drop(evaluation);
        self.per_cell.push(seconds * 1e6 / self.cells);
    }

    /// The fastest and the median time per cell, printed.
    fn report(&mut self) -> (f64, f64) {
        self.per_cell.sort_by(f64::total_cmp);
        let fastest = self.per_cell.first().copied().unwrap_or(f64::NAN);
        let median = self
            .per_cell
            .get(self.per_cell.len() / 2)
            .copied()
            .unwrap_or(f64::NAN);
        println!(
            "{}: {} cells, {} evaluations: {fastest:.2} µs a cell fastest ({:.1} ms), \
             {median:.2} µs median ({:.1} ms)",
            self.name,
            self.cells,
            self.per_cell.len(),
            fastest * self.cells / 1e3,
            median * self.cells / 1e3
        );
        (fastest, median)
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a number is the rounds.
    let Some(rounds) = std::env::args()
        .skip(1)
        .find_map(|a| a.parse::<usize>().ok())
        .filter(|&n| n > 0)
    else {
        eprintln!(
            "per_cell: skipped; to run it: cargo bench --features synth --bench per_cell -- 10"
        );
        return;
    };
    let criteria = CriteriaSet::de_an_16();
    let mut province = Size::new("province", &SynthConfig::province());
    let mut country = Size::new("country", &SynthConfig::country());
    for round in 0..rounds {
        if round % 2 == 0 {
            province.evaluate(&criteria);
            country.evaluate(&criteria);
        } else {
            country.evaluate(&criteria);
            province.evaluate(&criteria);
        }
    }
    let (pf, pm) = province.report();
    let (cf, cm) = country.report();
    println!(
        "country / province per cell: {:.3} fastest, {:.3} median (the target: at most 1.2)",
        cf / pf,
        cm / pm
    );
}
