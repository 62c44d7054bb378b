//! `closure-diff test262`: run a test262 checkout or slice on one engine and report pass rates.

use std::fs;
use std::io::{self, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context as _, Result};
use clap::Args;
use harness::test262::{run_suite, Expectations, Report, RunResult, Suite, Test262Engine, Totals};
use indicatif::{ProgressBar, ProgressStyle};

use super::Status;

#[derive(Debug, Args)]
pub struct Test262Args {
    /// A test262 checkout or slice: a directory with harness/ and test/. The tests are those listed
    /// in its MANIFEST.txt if present, else every *.js under test/ except _FIXTURE files.
    #[arg(value_name = "DIR")]
    dir: PathBuf,

    /// The engine to run the tests on [known: ref, boa].
    #[arg(long, value_name = "NAME", default_value = "ref")]
    engine: String,

    /// Run only the tests whose path (e.g. `test/language/statements/with/...`) contains SUBSTR.
    #[arg(long, value_name = "SUBSTR")]
    filter: Option<String>,

    /// Write the whole result as one JSON object to stdout instead of the human-readable report.
    #[arg(long)]
    json: bool,

    /// Runs in parallel [default: one per core].
    #[arg(long, value_name = "N")]
    jobs: Option<NonZeroUsize>,

    /// Also write the expectation file (one `PATH MODE RESULT` line per run, sorted) to FILE, e.g.
    /// corpus/test262/ref-expectations.txt. Needs the whole suite, so not with --filter.
    #[arg(long, value_name = "FILE")]
    write_expectations: Option<PathBuf>,
}

pub fn run(args: &Test262Args) -> Result<Status> {
    if args.write_expectations.is_some() && args.filter.is_some() {
        bail!("--write-expectations records the whole suite; drop --filter");
    }
    let engine = Test262Engine::by_name(&args.engine)?;
    let suite = Suite::load(&args.dir, args.filter.as_deref())?;

    let started = Instant::now();
    let runs = suite.runs().len();
    let bar = progress_bar(runs as u64);
    let report = run_suite(&suite, &engine, args.jobs.map(NonZeroUsize::get), &|record| {
        if record.result == RunResult::Fail {
            bar.println(format!("FAIL {} [{}]", record.path, record.mode));
        }
        bar.inc(1);
    })
    .context("starting the worker threads")?;
    bar.finish_and_clear();
    let elapsed = started.elapsed();

    if let Some(path) = &args.write_expectations {
        let text = Expectations::from_report(&report).render(&report.engine);
        fs::write(path, text).with_context(|| format!("writing the expectation file {}", path.display()))?;
        eprintln!("wrote {} runs to {}", report.runs.len(), path.display());
        let failed = report.totals().failed;
        if failed > 0 {
            eprintln!("warning: {failed} runs failed; the file records them as `fail`, which its test never accepts");
        }
    }

    let stdout = io::stdout();
    let mut out = stdout.lock();
    if args.json {
        serde_json::to_writer(&mut out, &report).context("writing the JSON report to stdout")?;
        writeln!(out).context("writing the JSON report to stdout")?;
    } else {
        write_human(&mut out, &report, suite.tests().len(), &args.dir.display().to_string())
            .context("writing the report to stdout")?;
    }
    out.flush().context("writing the report to stdout")?;
    let totals = report.totals();
    eprintln!(
        "{}: {} runs in {:.1} s: {} passed, {} failed, {} unsupported, {} exhausted",
        report.engine,
        totals.runs(),
        elapsed.as_secs_f64(),
        totals.passed,
        totals.failed,
        totals.unsupported,
        totals.exhausted
    );
    Ok(Status::Clean)
}

fn progress_bar(runs: u64) -> ProgressBar {
    // Drawn on stderr, and only when stderr is a terminal.
    let bar = ProgressBar::new(runs);
    if let Ok(style) = ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} runs ({eta})") {
        bar.set_style(style);
    }
    bar
}

/// Per-directory pass rates, totals, the most common unsupported features, then every failure.
fn write_human(out: &mut impl Write, report: &Report, tests: usize, dir: &str) -> io::Result<()> {
    let totals = report.totals();
    writeln!(out, "test262 on {}: {} runs of {tests} tests in {dir}", report.engine, totals.runs())?;
    writeln!(out)?;
    let groups = report.by_directory();
    let width = groups.keys().map(String::len).chain(["directory".len()]).max().unwrap_or(0);
    writeln!(
        out,
        "{:width$}  {:>6}  {:>6}  {:>6}  {:>6}  {:>11}  {:>9}",
        "directory", "runs", "passed", "rate", "failed", "unsupported", "exhausted"
    )?;
    for (directory, group) in &groups {
        write_row(out, directory, group, width)?;
    }
    write_row(out, "total", &totals, width)?;

    let features = report.unsupported_features();
    if !features.is_empty() {
        writeln!(out)?;
        writeln!(out, "unsupported, by feature (runs):")?;
        for (feature, count) in features.iter().take(15) {
            writeln!(out, "  {count:>5}  {feature}")?;
        }
        if features.len() > 15 {
            let rest: usize = features[15..].iter().map(|(_, count)| count).sum();
            writeln!(out, "  {rest:>5}  ({} other features)", features.len() - 15)?;
        }
    }

    writeln!(out)?;
    if totals.failed == 0 {
        writeln!(out, "no failures")?;
    } else {
        writeln!(out, "failures ({}):", totals.failed)?;
        for run in report.failures() {
            writeln!(out, "  {} [{}]: {}", run.path, run.mode, run.detail.as_deref().unwrap_or("failed"))?;
        }
    }
    writeln!(
        out,
        "{} passed, {} failed, {} unsupported, {} exhausted ({} of {} runs passed)",
        totals.passed,
        totals.failed,
        totals.unsupported,
        totals.exhausted,
        rate(&totals),
        totals.runs()
    )
}

/// The pass rate rounded down to a tenth of a percent, so that `100.0%` means every run passed.
fn rate(totals: &Totals) -> String {
    let permille = (totals.passed * 1000).checked_div(totals.runs()).unwrap_or(0);
    format!("{}.{}%", permille / 10, permille % 10)
}

fn write_row(out: &mut impl Write, name: &str, totals: &Totals, width: usize) -> io::Result<()> {
    writeln!(
        out,
        "{name:width$}  {:>6}  {:>6}  {:>6}  {:>6}  {:>11}  {:>9}",
        totals.runs(),
        totals.passed,
        rate(totals),
        totals.failed,
        totals.unsupported,
        totals.exhausted
    )
}

#[cfg(test)]
mod tests {
    use harness::test262::{Mode, RunRecord};

    use super::*;

    #[test]
    fn the_human_report_has_rates_totals_and_failures() {
        let run = |path: &str, mode, result, detail: Option<&str>| RunRecord {
            path: path.to_owned(),
            mode,
            result,
            detail: detail.map(str::to_owned),
        };
        let report = Report {
            engine: "ref".to_owned(),
            runs: vec![
                run("test/language/with/a.js", Mode::Sloppy, RunResult::Pass, None),
                run("test/language/with/a.js", Mode::Strict, RunResult::Fail, Some("threw Test262Error: nope")),
                run("test/built-ins/eval/b.js", Mode::Sloppy, RunResult::Unsupported, Some("eval")),
                run("test/built-ins/eval/b.js", Mode::Strict, RunResult::Exhausted, Some("fuel")),
            ],
        };
        let mut out = Vec::new();
        write_human(&mut out, &report, 2, "suite").expect("writing to a Vec");
        let text = String::from_utf8(out).expect("UTF-8");
        assert!(text.starts_with("test262 on ref: 4 runs of 2 tests in suite\n"), "{text}");
        assert!(text.contains("\nbuilt-ins/eval       2       0    0.0%       0            1          1\n"), "{text}");
        assert!(text.contains("\nlanguage/with        2       1   50.0%       1            0          0\n"), "{text}");
        assert!(text.contains("\ntotal                4       1   25.0%       1            1          1\n"), "{text}");
        assert!(text.contains("      1  eval\n"), "{text}");
        assert!(
            text.contains("failures (1):\n  test/language/with/a.js [strict]: threw Test262Error: nope\n"),
            "{text}"
        );
        assert_eq!(rate(&Totals { passed: 2440, failed: 1, ..Totals::default() }), "99.9%");
        assert_eq!(rate(&Totals::default()), "0.0%");
        assert!(text.ends_with("1 passed, 1 failed, 1 unsupported, 1 exhausted (25.0% of 4 runs passed)\n"), "{text}");
    }
}
