//! A/B timing of `evaluate`: a base commit of the crate (`base`) against the working tree
//! (`new`), on the same synthetic dataset built by each, evaluations interleaved in one
//! process (base first on even runs, new first on odd) so that the machine's drift from one
//! minute to the next falls on both alike. Each time includes dropping the evaluation. Run
//! through `run.sh`, which assembles this crate.
use std::time::Instant;

macro_rules! setup {
    ($c:ident, $cells:expr) => {{
        let config = $c::synth::SynthConfig::country().with_cells($cells);
        let mut builder = $c::Dataset::builder();
        config.generate_into(&mut builder);
        let data = builder.finish().expect("synthetic data builds");
        let period = $c::Period::new(config.start, config.end()).expect("a period");
        let mut criteria = $c::CriteriaSet::de_an_16();
        if let Ok(only) = std::env::var("ONLY") {
            for code in only.split(',') {
                if !$c::Criterion::ALL.iter().any(|c| c.code() == code) {
                    eprintln!("ONLY: `{code}` is no criterion's code (I01 … R06)");
                    std::process::exit(2);
                }
            }
            for c in $c::Criterion::ALL {
                if !only.split(',').any(|code| code == c.code()) {
                    criteria.disable(*c);
                }
            }
        }
        (data, criteria, period)
    }};
}

fn min_and_median(times: &mut [f64]) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    (times[0], times[times.len() / 2])
}

fn main() {
    let arg = |i: usize, default: u32| {
        std::env::args().nth(i).map_or(default, |s| {
            s.parse().unwrap_or_else(|_| {
                eprintln!("`{s}` is not a number\nusage: bench/ab/run.sh BASE [CELLS] [RUNS]");
                std::process::exit(2)
            })
        })
    };
    let (cells, runs) = (arg(1, 30_000), arg(2, 20).max(1));
    let (base_data, base_criteria, base_period) = setup!(base, cells);
    let (new_data, new_criteria, new_period) = setup!(new, cells);
    let (mut base_ms, mut new_ms) = (Vec::new(), Vec::new());
    for run in 0..runs {
        for base_turn in [run % 2 == 0, run % 2 == 1] {
            let start = Instant::now();
            if base_turn {
                drop(base::evaluate(&base_data, &base_criteria, base_period, None).expect("evaluates"));
                base_ms.push(start.elapsed().as_secs_f64() * 1e3);
            } else {
                drop(new::evaluate(&new_data, &new_criteria, new_period, None).expect("evaluates"));
                new_ms.push(start.elapsed().as_secs_f64() * 1e3);
            }
        }
    }
    let (b0, bm) = min_and_median(&mut base_ms);
    let (n0, nm) = min_and_median(&mut new_ms);
    println!(
        "{cells} cells, {runs} runs each: base fastest {b0:.2} ms, median {bm:.2} | new fastest {n0:.2} ms, median {nm:.2} | new/base {:.3} fastest, {:.3} median",
        n0 / b0,
        nm / bm
    );
}
