//! The expectation file: what an engine (in practice the reference interpreter) does on a suite,
//! one line per run, and the check that tells regressions from improvements.
//!
//! Format: `#` comment lines, then one `PATH MODE RESULT` line per run (`test/language/x.js strict
//! pass`), sorted by path and mode. `closure-diff test262 DIR --write-expectations FILE` writes it.

use std::collections::BTreeMap;
use std::fmt;

use thiserror::Error;

use super::{Mode, Report, RunResult};

/// The command that regenerates the checked-in file, quoted in its header and in check failures.
pub const REGENERATE: &str = "cargo run -p harness -- test262 ../shared/test262 --engine ref \
                              --write-expectations corpus/test262/ref-expectations.txt";

/// Expected results by run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expectations {
    runs: BTreeMap<(String, Mode), RunResult>,
}

/// A line of an expectation file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{origin}:{line}: {problem}")]
pub struct ExpectationsError {
    /// Where the text came from (a path, for messages).
    pub origin: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub problem: String,
}

/// One run whose result is not the expected one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// The test.
    pub path: String,
    /// The run's mode.
    pub mode: Mode,
    /// What the file says; `None` for a run the file does not list.
    pub expected: Option<RunResult>,
    /// What happened; `None` for a listed run that the suite no longer has.
    pub actual: Option<RunResult>,
    /// The run's detail (failing assertion, feature, resource).
    pub detail: Option<String>,
}

/// The result of comparing a report with the expectations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Check {
    /// Runs that failed: never acceptable, whatever the file says.
    pub failures: Vec<Mismatch>,
    /// Runs expected to pass that are now unsupported or exhausted.
    pub regressions: Vec<Mismatch>,
    /// Every other difference (a new pass, a run the file lacks or has too many of, unsupported and
    /// exhausted trading places): not a regression, but the file is out of date.
    pub stale: Vec<Mismatch>,
}

impl Expectations {
    /// The results of `report`, as the file will record them.
    pub fn from_report(report: &Report) -> Expectations {
        let runs = report.runs.iter().map(|run| ((run.path.clone(), run.mode), run.result)).collect();
        Expectations { runs }
    }

    /// Reads an expectation file's text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Expectations, ExpectationsError> {
        let mut runs = BTreeMap::new();
        for (index, line) in text.lines().enumerate() {
            let error = |problem: String| ExpectationsError { origin: origin.to_owned(), line: index + 1, problem };
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split_whitespace().collect();
            let [path, mode, result] = fields[..] else {
                return Err(error(format!("expected `PATH MODE RESULT`, found `{line}`")));
            };
            let mode = Mode::parse(mode).ok_or_else(|| error(format!("unknown mode `{mode}` (sloppy or strict)")))?;
            let result = RunResult::parse(result)
                .ok_or_else(|| error(format!("unknown result `{result}` (pass, fail, unsupported or exhausted)")))?;
            if runs.insert((path.to_owned(), mode), result).is_some() {
                return Err(error(format!("`{path} {mode}` is listed twice")));
            }
        }
        Ok(Expectations { runs })
    }

    /// The file's text: a header that says how to regenerate it, then one sorted line per run.
    pub fn render(&self, engine: &str) -> String {
        let mut text = format!(
            "# test262 results of `closure-diff test262 --engine {engine}`: one `PATH MODE RESULT` line per run.\n\
             # Checked by corpus/tests/test262_expectations.rs. Regenerate after a change in the interpreter with\n\
             #   {REGENERATE}\n"
        );
        for ((path, mode), result) in &self.runs {
            text.push_str(&format!("{path} {mode} {result}\n"));
        }
        text
    }

    /// How many runs the file lists.
    pub fn len(&self) -> usize {
        self.runs.len()
    }

    /// True when the file lists no run.
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// Compares `report` with the expectations.
    pub fn check(&self, report: &Report) -> Check {
        let mut check = Check::default();
        let mut unseen: BTreeMap<(String, Mode), RunResult> = self.runs.clone();
        for run in &report.runs {
            let expected = unseen.remove(&(run.path.clone(), run.mode));
            if expected == Some(run.result) && run.result != RunResult::Fail {
                continue;
            }
            let mismatch = Mismatch {
                path: run.path.clone(),
                mode: run.mode,
                expected,
                actual: Some(run.result),
                detail: run.detail.clone(),
            };
            match (expected, run.result) {
                (_, RunResult::Fail) => check.failures.push(mismatch),
                (Some(RunResult::Pass), _) => check.regressions.push(mismatch),
                _ => check.stale.push(mismatch),
            }
        }
        for ((path, mode), expected) in unseen {
            check.stale.push(Mismatch { path, mode, expected: Some(expected), actual: None, detail: None });
        }
        check
    }
}

impl Check {
    /// True when the report matches the file and nothing failed.
    pub fn is_clean(&self) -> bool {
        self.failures.is_empty() && self.regressions.is_empty() && self.stale.is_empty()
    }
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = |result: Option<RunResult>, missing: &'static str| result.map_or(missing, RunResult::as_str);
        write!(
            f,
            "{} [{}]: expected {}, got {}",
            self.path,
            self.mode,
            name(self.expected, "nothing (not in the file)"),
            name(self.actual, "nothing (not in the suite)")
        )?;
        if let Some(detail) = &self.detail {
            write!(f, " ({detail})")?;
        }
        Ok(())
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let groups = [
            (&self.failures, "runs FAILED (a wrong result is never acceptable)"),
            (&self.regressions, "runs expected to pass no longer pass"),
            (&self.stale, "runs differ from the expectation file without regressing"),
        ];
        for (mismatches, title) in groups {
            if mismatches.is_empty() {
                continue;
            }
            writeln!(f, "{} {title}:", mismatches.len())?;
            for mismatch in mismatches {
                writeln!(f, "  {mismatch}")?;
            }
        }
        if !self.stale.is_empty() {
            writeln!(
                f,
                "if these changes are intended, regenerate the file (from the workspace root):\n  {REGENERATE}"
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test262::RunRecord;

    fn report(runs: &[(&str, Mode, RunResult)]) -> Report {
        let runs = runs
            .iter()
            .map(|(path, mode, result)| RunRecord {
                path: (*path).to_owned(),
                mode: *mode,
                result: *result,
                detail: None,
            })
            .collect();
        Report { engine: "ref".to_owned(), runs }
    }

    #[test]
    fn render_and_parse_round_trip_sorted() {
        let report = report(&[
            ("test/b.js", Mode::Strict, RunResult::Unsupported),
            ("test/a.js", Mode::Strict, RunResult::Exhausted),
            ("test/a.js", Mode::Sloppy, RunResult::Pass),
        ]);
        let expectations = Expectations::from_report(&report);
        let text = expectations.render("ref");
        let lines: Vec<&str> = text.lines().filter(|line| !line.starts_with('#')).collect();
        assert_eq!(lines, ["test/a.js sloppy pass", "test/a.js strict exhausted", "test/b.js strict unsupported"]);
        assert_eq!(Expectations::parse(&text, "file").expect("round trip"), expectations);
        assert_eq!(expectations.len(), 3);
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        let err = Expectations::parse("# ok\ntest/a.js sloppy\n", "f.txt").expect_err("two fields");
        assert_eq!(err.to_string(), "f.txt:2: expected `PATH MODE RESULT`, found `test/a.js sloppy`");
        let err = Expectations::parse("a strict maybe", "f.txt").expect_err("bad result");
        assert!(err.to_string().contains("unknown result `maybe`"), "{err}");
        let err = Expectations::parse("a loose pass", "f.txt").expect_err("bad mode");
        assert!(err.to_string().contains("unknown mode `loose`"), "{err}");
        let err = Expectations::parse("a strict pass\na strict pass", "f.txt").expect_err("twice");
        assert!(err.to_string().contains("listed twice"), "{err}");
    }

    #[test]
    fn the_check_sorts_differences_by_gravity() {
        let expected = Expectations::from_report(&report(&[
            ("same.js", Mode::Sloppy, RunResult::Pass),
            ("regressed.js", Mode::Sloppy, RunResult::Pass),
            ("broken.js", Mode::Strict, RunResult::Pass),
            ("improved.js", Mode::Strict, RunResult::Unsupported),
            ("gone.js", Mode::Strict, RunResult::Unsupported),
            ("known-bad.js", Mode::Strict, RunResult::Fail),
        ]));
        let check = expected.check(&report(&[
            ("same.js", Mode::Sloppy, RunResult::Pass),
            ("regressed.js", Mode::Sloppy, RunResult::Exhausted),
            ("broken.js", Mode::Strict, RunResult::Fail),
            ("improved.js", Mode::Strict, RunResult::Pass),
            ("new.js", Mode::Sloppy, RunResult::Unsupported),
            ("known-bad.js", Mode::Strict, RunResult::Fail),
        ]));
        let paths = |mismatches: &[Mismatch]| mismatches.iter().map(|m| m.path.clone()).collect::<Vec<_>>();
        assert_eq!(paths(&check.failures), ["broken.js", "known-bad.js"]);
        assert_eq!(paths(&check.regressions), ["regressed.js"]);
        assert_eq!(paths(&check.stale), ["improved.js", "new.js", "gone.js"]);
        assert!(!check.is_clean());
        let text = check.to_string();
        assert!(text.contains("2 runs FAILED"), "{text}");
        assert!(text.contains("new.js [sloppy]: expected nothing (not in the file), got unsupported"), "{text}");
        assert!(text.contains("gone.js [strict]: expected unsupported, got nothing (not in the suite)"), "{text}");
        assert!(text.contains(REGENERATE), "{text}");

        assert!(expected.check(&report(&[])).failures.is_empty());
        let same = report(&[("a.js", Mode::Sloppy, RunResult::Pass)]);
        assert!(Expectations::from_report(&same).check(&same).is_clean());
    }
}
