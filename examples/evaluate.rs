//! A dataset in, a report out: reads records from a JSON file or a CSV folder
//! (`docs/format.md`), evaluates them and prints the Vietnamese review or the evaluation as JSON.
//!
//! ```text
//! cargo run --example evaluate --features csv -- <dataset.json | csv-folder>
//!     [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--scope ORG_ID]
//!     [--targets targets.json] [--format markdown|json]
//!
//! cargo run --example evaluate --features csv -- examples/data/district.json
//! cargo run --example evaluate --features csv -- examples/data/district --scope xa-binh-an
//! cargo run --example evaluate --features csv -- examples/data/district.json \
//!     --targets examples/data/targets.json --format json
//! ```
//!
//! Without `--from` and `--to` the period runs from the first day of the month of the earliest
//! meeting to the last day of the month of the latest one, so that the first and last months
//! count whole and the year's ratings fall inside when the meetings reach December. Without
//! `--scope` the report is about the whole dataset (the first top-level organisation).
//!
//! On bad input (unreadable JSON, CSV problems, records that do not build, bad targets, an
//! unknown scope) every problem is printed on its own line to stderr, with where it is, and
//! the exit status is 1. The JSON path needs the default `serde` feature; CSV folders need
//! `--features csv`.

use std::process::ExitCode;

#[cfg(feature = "serde")]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match cli::run(&args) {
        Ok(out) => {
            use std::io::Write as _;
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            match stdout
                .write_all(out.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("cannot write the output: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "serde"))]
fn main() -> ExitCode {
    eprintln!("this example needs the `serde` feature, which is on by default");
    ExitCode::FAILURE
}

#[cfg(feature = "serde")]
mod cli {
    use std::path::{Path, PathBuf};

    use chibo::report::{ReportOptions, render_markdown};
    use chibo::{CriteriaSet, Dataset, Overrides, Period, Records, evaluate};
    use chrono::{Datelike, NaiveDate};

    const USAGE: &str = "usage: evaluate <dataset.json | csv-folder> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--scope ORG_ID] [--targets targets.json] [--format markdown|json]";

    /// What to print.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Format {
        /// The Vietnamese review (Markdown).
        Markdown,
        /// The evaluation as JSON.
        Json,
    }

    /// The command line.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Args {
        /// A JSON file or a CSV folder.
        pub input: PathBuf,
        /// First day of the period.
        pub from: Option<NaiveDate>,
        /// Last day of the period.
        pub to: Option<NaiveDate>,
        /// The organisation reported on.
        pub scope: Option<String>,
        /// A JSON file of overrides (chibo::Overrides).
        pub targets: Option<PathBuf>,
        /// What to print.
        pub format: Format,
    }

    /// Reads the command line, collecting every mistake.
    pub fn parse_args(args: &[String]) -> Result<Args, Vec<String>> {
        let mut errors = Vec::new();
        let mut input = None;
        let (mut from, mut to, mut scope, mut targets) = (None, None, None, None);
        let mut format = Format::Markdown;
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let flag = arg.as_str();
            if matches!(flag, "-h" | "--help") {
                return Err(vec![USAGE.to_owned()]);
            }
            if !flag.starts_with("--") {
                if input.replace(PathBuf::from(arg)).is_some() {
                    errors.push(format!(
                        "`{arg}`: give one dataset, a JSON file or a CSV folder"
                    ));
                }
                continue;
            }
            let Some(value) = it.next() else {
                errors.push(format!("{flag} needs a value"));
                continue;
            };
            let date = |errors: &mut Vec<String>| match NaiveDate::parse_from_str(value, "%Y-%m-%d")
            {
                Ok(d) => Some(d),
                Err(_) => {
                    errors.push(format!("{flag} `{value}` is not a date: write YYYY-MM-DD"));
                    None
                }
            };
            match flag {
                "--from" => from = date(&mut errors),
                "--to" => to = date(&mut errors),
                "--scope" => scope = Some(value.clone()),
                "--targets" => targets = Some(PathBuf::from(value)),
                "--format" => match value.as_str() {
                    "markdown" | "md" => format = Format::Markdown,
                    "json" => format = Format::Json,
                    _ => errors.push(format!(
                        "--format `{value}` is unknown: write markdown or json"
                    )),
                },
                _ => errors.push(format!("unknown option {flag}: {USAGE}")),
            }
        }
        if input.is_none() {
            errors.push(format!("no dataset given: {USAGE}"));
        }
        match input {
            Some(input) if errors.is_empty() => Ok(Args {
                input,
                from,
                to,
                scope,
                targets,
                format,
            }),
            _ => Err(errors),
        }
    }

    /// Reads the records from a JSON file or a CSV folder.
    pub fn load_records(path: &Path) -> Result<Records, Vec<String>> {
        if path.is_dir() {
            return load_folder(path);
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| vec![format!("{}: cannot read the file: {e}", path.display())])?;
        serde_json::from_str(&text).map_err(|e| vec![json_error(path, &e)])
    }

    #[cfg(feature = "csv")]
    fn load_folder(path: &Path) -> Result<Records, Vec<String>> {
        chibo::csv::read_folder(path)
            .map_err(|e| e.problems.iter().map(ToString::to_string).collect())
    }

    #[cfg(not(feature = "csv"))]
    fn load_folder(path: &Path) -> Result<Records, Vec<String>> {
        Err(vec![format!(
            "{}: a folder of CSV files needs the csv feature: run with `--features csv`",
            path.display()
        )])
    }

    /// `path:line:column: message`, from a serde_json error.
    fn json_error(path: &Path, e: &serde_json::Error) -> String {
        let text = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = text.strip_suffix(&suffix).unwrap_or(&text);
        format!("{}:{}:{}: {message}", path.display(), e.line(), e.column())
    }

    /// The defaults with the overrides of a targets file applied.
    pub fn load_criteria(path: Option<&Path>) -> Result<CriteriaSet, Vec<String>> {
        let Some(path) = path else {
            return Ok(CriteriaSet::de_an_16());
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| vec![format!("{}: cannot read the file: {e}", path.display())])?;
        let overrides: Overrides =
            serde_json::from_str(&text).map_err(|e| vec![json_error(path, &e)])?;
        CriteriaSet::with_overrides(&overrides)
            .map_err(|e| vec![format!("{}: {e}", path.display())])
    }

    /// The period asked for, completed from the meetings: from the first day of the earliest
    /// meeting's month to the last day of the latest meeting's month.
    pub fn period(
        records: &Records,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Period, Vec<String>> {
        let dates = || records.meetings.iter().map(|m| m.date);
        let from = from.or_else(|| dates().min().and_then(|d| d.with_day(1)));
        let to = to.or_else(|| dates().max().and_then(last_of_month));
        match (from, to) {
            (Some(from), Some(to)) => Period::new(from, to).map_err(|e| vec![e.to_string()]),
            _ => Err(vec![
                "the dataset has no meetings to take the period from: pass --from and --to"
                    .to_owned(),
            ]),
        }
    }

    fn last_of_month(d: NaiveDate) -> Option<NaiveDate> {
        d.with_day(1)?
            .checked_add_months(chrono::Months::new(1))?
            .pred_opt()
    }

    /// The whole run: what to print, or every error.
    pub fn run(args: &[String]) -> Result<String, Vec<String>> {
        let args = parse_args(args)?;
        // Data and targets are read independently, so both kinds of mistakes show at once.
        let records = load_records(&args.input);
        let criteria = load_criteria(args.targets.as_deref());
        let (records, criteria) = match (records, criteria) {
            (Ok(r), Ok(c)) => (r, c),
            (r, c) => {
                let mut errors = r.err().unwrap_or_default();
                errors.extend(c.err().unwrap_or_default());
                return Err(errors);
            }
        };
        let dataset = Dataset::build(&records).map_err(|e| {
            e.problems
                .iter()
                .map(|p| format!("{}: {p}", args.input.display()))
                .collect::<Vec<_>>()
        })?;
        let period = period(&records, args.from, args.to)?;
        let evaluation = evaluate(&dataset, &criteria, period, args.scope.as_deref())
            .map_err(|e| vec![format!("--scope: {e}")])?;
        match args.format {
            Format::Markdown => Ok(render_markdown(&evaluation, &ReportOptions::default())),
            Format::Json => serde_json::to_string_pretty(&evaluation)
                .map(|s| s + "\n")
                .map_err(|e| vec![format!("cannot write the evaluation as JSON: {e}")]),
        }
    }
}
