//! A runner for test262-format conformance tests on any engine of the harness.
//!
//! - [`Suite::load`] reads a test262 checkout or slice (a directory with `harness/` and `test/`):
//!   the tests listed in `MANIFEST.txt`, or every `*.js` under `test/` except `_FIXTURE` files, each
//!   with its parsed [`Frontmatter`], plus the harness files they need.
//! - [`run_suite`] runs every test in each of its strictness [`Mode`]s on a [`Test262Engine`], in
//!   parallel, and judges each run as `pass`, `fail`, `unsupported` or `exhausted` ([`RunResult`]);
//!   the [`Report`] aggregates them per directory and serialises to the `--json` shape.
//! - [`Expectations`] is the checked-in list of what the reference interpreter does on the shared
//!   slice, and [`Expectations::check`] tells a regression from an improvement.
//!
//! The conventions follow `shared/test262/README.md` (and test262's `INTERPRETING.md`):
//! - **One script per run.** The prelude (`assert.js`, `sta.js`, `doneprintHandle.js` for async
//!   tests, then each `includes:` file in order) is concatenated in front of the test; a strict run
//!   puts exactly `"use strict";\n` before everything, so the harness runs strict too. `raw` tests
//!   run untouched, with no prelude. Each run gets a fresh realm from the engine.
//! - **Modes.** No strictness flag: a sloppy and a strict run; `onlyStrict`: strict only;
//!   `noStrict` or `raw`: sloppy (as written) only.
//! - **Verdicts.** A plain test passes iff it ends normally. `negative` with phase `parse` passes
//!   iff the source is rejected before running, with `type: SyntaxError`; phase `runtime` passes iff
//!   the script parses and an uncaught exception's constructor is `type`. An `async` test passes
//!   iff it ends normally, printed `Test262:AsyncTestComplete`, and printed no line starting with
//!   `Test262:AsyncTestFailure:` (the engine drains the job queue before it returns; a test that
//!   never signals fails). An engine that reports a missing feature makes the run `unsupported`, a
//!   limit makes it `exhausted`: neither is a failure. A crash is a failure.

mod expectations;
mod frontmatter;
mod runner;
mod suite;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

pub use expectations::{Check, Expectations, ExpectationsError, Mismatch};
pub use frontmatter::{parse as parse_frontmatter, Frontmatter, FrontmatterError, Negative, Phase};
pub use runner::{judge, run_suite, Execution, Test262Engine};
pub use suite::{Suite, SuiteError, Test};

/// A strictness mode in which a test runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The test's source as written (sloppy unless it has its own directive).
    Sloppy,
    /// `"use strict";\n` in front of everything.
    Strict,
}

impl Mode {
    /// `sloppy` or `strict`, as in reports and the expectation file.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Sloppy => "sloppy",
            Mode::Strict => "strict",
        }
    }

    /// The inverse of [`Mode::as_str`].
    pub fn parse(text: &str) -> Option<Mode> {
        match text {
            "sloppy" => Some(Mode::Sloppy),
            "strict" => Some(Mode::Strict),
            _ => None,
        }
    }

    /// The modes a test with this front matter runs in, in report order.
    pub fn for_test(frontmatter: &Frontmatter) -> &'static [Mode] {
        if frontmatter.is_raw() || frontmatter.has_flag("noStrict") {
            &[Mode::Sloppy]
        } else if frontmatter.has_flag("onlyStrict") {
            &[Mode::Strict]
        } else {
            &[Mode::Sloppy, Mode::Strict]
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How one run of one test was judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RunResult {
    /// The engine did what the test requires.
    Pass,
    /// The engine did something else (a wrong result, a wrong error, a crash).
    Fail,
    /// The engine reported a feature it does not implement.
    Unsupported,
    /// A limit of the engine (steps, stack, memory, time) ended the run.
    Exhausted,
}

impl RunResult {
    /// `pass`, `fail`, `unsupported` or `exhausted`.
    pub fn as_str(self) -> &'static str {
        match self {
            RunResult::Pass => "pass",
            RunResult::Fail => "fail",
            RunResult::Unsupported => "unsupported",
            RunResult::Exhausted => "exhausted",
        }
    }

    /// The inverse of [`RunResult::as_str`].
    pub fn parse(text: &str) -> Option<RunResult> {
        match text {
            "pass" => Some(RunResult::Pass),
            "fail" => Some(RunResult::Fail),
            "unsupported" => Some(RunResult::Unsupported),
            "exhausted" => Some(RunResult::Exhausted),
            _ => None,
        }
    }
}

impl fmt::Display for RunResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One run of one test: which, in which mode, how it was judged and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRecord {
    /// The test's path relative to the suite directory (`test/language/...`), with `/` separators.
    pub path: String,
    /// The strictness of this run.
    pub mode: Mode,
    /// The verdict.
    pub result: RunResult,
    /// Why, for anything but a pass: the failing assertion (thrown message when the engine gives
    /// it, else how the run ended), the unsupported feature, or the exhausted resource.
    pub detail: Option<String>,
}

/// Counts of runs per [`RunResult`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// Runs that passed.
    pub passed: usize,
    /// Runs that failed.
    pub failed: usize,
    /// Runs the engine could not run for a missing feature.
    pub unsupported: usize,
    /// Runs a limit cut short.
    pub exhausted: usize,
}

impl Totals {
    /// Counts one more run.
    pub fn add(&mut self, result: RunResult) {
        match result {
            RunResult::Pass => self.passed += 1,
            RunResult::Fail => self.failed += 1,
            RunResult::Unsupported => self.unsupported += 1,
            RunResult::Exhausted => self.exhausted += 1,
        }
    }

    /// All runs counted.
    pub fn runs(&self) -> usize {
        self.passed + self.failed + self.unsupported + self.exhausted
    }

    /// Passed runs as a percentage of all runs (0 when there are none).
    pub fn pass_rate(&self) -> f64 {
        match self.runs() {
            0 => 0.0,
            runs => 100.0 * self.passed as f64 / runs as f64,
        }
    }
}

/// Every run of a suite on one engine, in suite order (test path, then sloppy before strict).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The engine's name (`ref`, `boa`).
    pub engine: String,
    /// One record per run.
    pub runs: Vec<RunRecord>,
}

/// The `--json` shape: `{"engine", "passed", "failed", "unsupported", "exhausted", "runs"}`.
#[derive(Serialize)]
struct ReportJson<'a> {
    engine: &'a str,
    #[serde(flatten)]
    totals: Totals,
    runs: &'a [RunRecord],
}

impl Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ReportJson { engine: &self.engine, totals: self.totals(), runs: &self.runs }.serialize(serializer)
    }
}

impl Report {
    /// Counts over every run.
    pub fn totals(&self) -> Totals {
        let mut totals = Totals::default();
        for run in &self.runs {
            totals.add(run.result);
        }
        totals
    }

    /// Counts per [`directory`] (two levels below `test/`), sorted by directory.
    pub fn by_directory(&self) -> BTreeMap<String, Totals> {
        let mut groups: BTreeMap<String, Totals> = BTreeMap::new();
        for run in &self.runs {
            groups.entry(directory(&run.path)).or_default().add(run.result);
        }
        groups
    }

    /// The failed runs, in suite order.
    pub fn failures(&self) -> impl Iterator<Item = &RunRecord> {
        self.runs.iter().filter(|run| run.result == RunResult::Fail)
    }

    /// How many runs each unsupported feature accounts for, most frequent first.
    pub fn unsupported_features(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for run in self.runs.iter().filter(|run| run.result == RunResult::Unsupported) {
            *counts.entry(run.detail.as_deref().unwrap_or("?")).or_default() += 1;
        }
        let mut counts: Vec<(String, usize)> =
            counts.into_iter().map(|(feature, count)| (feature.to_owned(), count)).collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        counts
    }
}

/// The directory a test is reported under: the two path components below `test/`
/// (`test/language/statements/with/x.js` → `language/statements`), or fewer for shallower paths.
pub fn directory(path: &str) -> String {
    let below = path.strip_prefix("test/").unwrap_or(path);
    let components: Vec<&str> = below.split('/').collect();
    let folders = &components[..components.len().saturating_sub(1)];
    folders.iter().take(2).copied().collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(path: &str, mode: Mode, result: RunResult, detail: Option<&str>) -> RunRecord {
        RunRecord { path: path.to_owned(), mode, result, detail: detail.map(str::to_owned) }
    }

    #[test]
    fn directories_are_two_levels_below_test() {
        assert_eq!(directory("test/language/statements/with/x.js"), "language/statements");
        assert_eq!(directory("test/language/block-scope/x.js"), "language/block-scope");
        assert_eq!(directory("test/annexB/language/eval-code/direct/x.js"), "annexB/language");
        assert_eq!(directory("test/built-ins/x.js"), "built-ins");
        assert_eq!(directory("test/x.js"), "");
    }

    #[test]
    fn modes_follow_the_strictness_flags() {
        let with_flags = |flags: &[&str]| Frontmatter {
            flags: flags.iter().map(|flag| (*flag).to_owned()).collect(),
            ..Frontmatter::default()
        };
        assert_eq!(Mode::for_test(&with_flags(&[])), [Mode::Sloppy, Mode::Strict]);
        assert_eq!(Mode::for_test(&with_flags(&["generated", "async"])), [Mode::Sloppy, Mode::Strict]);
        assert_eq!(Mode::for_test(&with_flags(&["onlyStrict"])), [Mode::Strict]);
        assert_eq!(Mode::for_test(&with_flags(&["noStrict"])), [Mode::Sloppy]);
        assert_eq!(Mode::for_test(&with_flags(&["raw"])), [Mode::Sloppy]);
    }

    #[test]
    fn the_json_shape_has_totals_beside_the_runs() {
        let report = Report {
            engine: "ref".to_owned(),
            runs: vec![
                record("test/a.js", Mode::Sloppy, RunResult::Pass, None),
                record("test/a.js", Mode::Strict, RunResult::Unsupported, Some("eval")),
            ],
        };
        let json = serde_json::to_value(&report).expect("reports serialise");
        assert_eq!(
            json,
            serde_json::json!({
                "engine": "ref", "passed": 1, "failed": 0, "unsupported": 1, "exhausted": 0,
                "runs": [
                    {"path": "test/a.js", "mode": "sloppy", "result": "pass", "detail": null},
                    {"path": "test/a.js", "mode": "strict", "result": "unsupported", "detail": "eval"},
                ],
            })
        );
    }

    #[test]
    fn aggregates_per_directory_and_feature() {
        let report = Report {
            engine: "ref".to_owned(),
            runs: vec![
                record("test/language/a/x.js", Mode::Sloppy, RunResult::Pass, None),
                record("test/language/a/y.js", Mode::Sloppy, RunResult::Fail, Some("threw Test262Error")),
                record("test/language/b/x.js", Mode::Strict, RunResult::Unsupported, Some("eval")),
                record("test/language/b/y.js", Mode::Strict, RunResult::Unsupported, Some("with")),
                record("test/language/b/z.js", Mode::Strict, RunResult::Unsupported, Some("eval")),
            ],
        };
        let groups = report.by_directory();
        assert_eq!(groups["language/a"], Totals { passed: 1, failed: 1, unsupported: 0, exhausted: 0 });
        assert_eq!(groups["language/b"].unsupported, 3);
        assert_eq!(report.totals().runs(), 5);
        assert!((report.totals().pass_rate() - 20.0).abs() < 1e-9);
        assert_eq!(report.failures().count(), 1);
        assert_eq!(report.unsupported_features(), [("eval".to_owned(), 2), ("with".to_owned(), 1)]);
    }
}
