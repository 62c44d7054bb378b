//! Running a suite on an engine and judging each run.

use std::sync::{Arc, Mutex};

use interpreter::Completion;
use rayon::prelude::*;

use super::frontmatter::{Frontmatter, Phase};
use super::suite::Suite;
use super::{Report, RunRecord, RunResult};
use crate::engine::{engine_by_name, Engine, UnknownEngine};
use crate::engines::ReferenceEngine;
use crate::isolate::run_isolated;
use crate::outcome::{End, Outcome};

/// What an `async` test prints when `$DONE()` is called without an error.
const ASYNC_COMPLETE: &str = "Test262:AsyncTestComplete";
/// The prefix of what an `async` test prints when `$DONE(error)` is called.
const ASYNC_FAILURE: &str = "Test262:AsyncTestFailure:";

/// An engine as the test262 runner drives it.
///
/// The reference interpreter is run directly rather than through [`Engine::run`] so that a failure
/// can show the thrown exception's message (or the parse error) — the failing assertion — which
/// [`Outcome`] deliberately drops. Its limits and isolation are those of [`ReferenceEngine`], so its
/// verdicts are the ones `closure-diff run` would see. Other engines give the end state only.
pub enum Test262Engine {
    /// The reference interpreter, with messages.
    Reference(ReferenceEngine),
    /// Any other engine, through the [`Engine`] trait.
    Other(Box<dyn Engine>),
}

/// One run's outcome, plus the message of the error that ended it when the engine tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Execution {
    /// What the engine printed and how the run ended.
    pub outcome: Outcome,
    /// The uncaught exception's `message`, or the parse error's text; diagnostics only.
    pub message: Option<String>,
}

impl Test262Engine {
    /// The engine registered under `name`, with its default configuration.
    pub fn by_name(name: &str) -> Result<Test262Engine, UnknownEngine> {
        match name {
            "ref" => Ok(Test262Engine::Reference(ReferenceEngine::default())),
            _ => engine_by_name(name).map(Test262Engine::Other),
        }
    }

    /// The engine's registry name.
    pub fn name(&self) -> &str {
        match self {
            Test262Engine::Reference(engine) => engine.name(),
            Test262Engine::Other(engine) => engine.name(),
        }
    }

    /// Runs one script in a fresh realm.
    pub fn execute(&self, script: &str) -> Execution {
        match self {
            Test262Engine::Reference(engine) => run_reference(engine, script),
            Test262Engine::Other(engine) => Execution { outcome: engine.run(script), message: None },
        }
    }
}

/// [`ReferenceEngine::run`], keeping the message of the error that ended the run.
fn run_reference(engine: &ReferenceEngine, script: &str) -> Execution {
    let message: Arc<Mutex<Option<String>>> = Arc::default();
    let slot = Arc::clone(&message);
    let script = script.to_owned();
    let limits = engine.limits;
    let outcome = run_isolated("ref", engine.isolation, move || {
        let result = interpreter::run(&script, &limits);
        let (end, text) = match result.completion {
            Completion::Normal => (End::Ok, None),
            Completion::Threw { constructor } => (End::Threw(constructor), result.thrown_message),
            Completion::SyntaxError { message } => (End::SyntaxError, Some(message)),
            Completion::Exhausted(resource) => (End::Exhausted(resource.name().to_owned()), None),
            Completion::Unsupported(feature) => (End::Unsupported(feature), None),
        };
        if let Ok(mut slot) = slot.lock() {
            *slot = text;
        }
        Outcome { output: result.printed, end }
    });
    // After a timeout the abandoned thread may still hold the lock; the message is then just lost.
    let message = message.try_lock().ok().and_then(|mut message| message.take());
    Execution { outcome, message }
}

/// Judges one run of a test with this front matter (see the module docs for the rules). Returns the
/// verdict and, for anything but a pass, the detail reports show.
pub fn judge(frontmatter: &Frontmatter, execution: &Execution) -> (RunResult, Option<String>) {
    let Execution { outcome, message } = execution;
    match &outcome.end {
        End::Unsupported(feature) => return (RunResult::Unsupported, Some(feature.clone())),
        End::Exhausted(resource) => return (RunResult::Exhausted, Some(resource.clone())),
        End::Crashed(why) => return fail(format!("crashed: {why}")),
        End::Ok | End::Threw(_) | End::SyntaxError => {}
    }
    let ended = describe(&outcome.end, message.as_deref());
    if let Some(negative) = &frontmatter.negative {
        let expected = &negative.error_type;
        return match negative.phase {
            Phase::Parse | Phase::Resolution => match &outcome.end {
                End::SyntaxError if expected == "SyntaxError" => pass(),
                _ => fail(format!("expected a {expected} at parse time, but {ended}")),
            },
            Phase::Runtime => match &outcome.end {
                End::Threw(name) if name == expected => pass(),
                _ => fail(format!("expected an uncaught {expected} at run time, but {ended}")),
            },
        };
    }
    if outcome.end != End::Ok {
        return fail(ended);
    }
    if !frontmatter.is_async() {
        return pass();
    }
    if let Some(failure) = outcome.output.iter().find(|line| line.starts_with(ASYNC_FAILURE)) {
        return fail(failure.clone());
    }
    if outcome.output.iter().any(|line| line == ASYNC_COMPLETE) {
        pass()
    } else {
        fail(format!("the async test never printed {ASYNC_COMPLETE} ($DONE was not called)"))
    }
}

fn pass() -> (RunResult, Option<String>) {
    (RunResult::Pass, None)
}

fn fail(detail: String) -> (RunResult, Option<String>) {
    (RunResult::Fail, Some(detail))
}

/// How a run ended, in words, with the message when there is one.
fn describe(end: &End, message: Option<&str>) -> String {
    let ended = match end {
        End::Ok => "it ran to completion".to_owned(),
        End::Threw(name) => format!("threw {name}"),
        End::SyntaxError => "the source was rejected at parse time (SyntaxError)".to_owned(),
        other => other.to_string(),
    };
    match message {
        Some(message) if !message.is_empty() && !matches!(end, End::Ok) => format!("{ended}: {message}"),
        _ => ended,
    }
}

/// Runs every run of `suite` on `engine` on `jobs` threads (rayon's default, one per core, when
/// `None`), calling `on_run` after each (for a progress bar). Records come back in suite order.
pub fn run_suite(
    suite: &Suite,
    engine: &Test262Engine,
    jobs: Option<usize>,
    on_run: &(dyn Fn(&RunRecord) + Sync),
) -> Result<Report, rayon::ThreadPoolBuildError> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs.unwrap_or(0)).build()?;
    let runs = suite.runs();
    let records = pool.install(|| {
        runs.par_iter()
            .map(|(test, mode)| {
                let (result, detail) = if test.frontmatter.has_flag("module") {
                    (RunResult::Unsupported, Some("module tests (the runner runs scripts only)".to_owned()))
                } else {
                    judge(&test.frontmatter, &engine.execute(&suite.script(test, *mode)))
                };
                let record = RunRecord { path: test.path.clone(), mode: *mode, result, detail };
                on_run(&record);
                record
            })
            .collect()
    });
    Ok(Report { engine: engine.name().to_owned(), runs: records })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test262::frontmatter::parse;

    fn judged(front: &str, end: End, output: &[&str], message: Option<&str>) -> (RunResult, Option<String>) {
        let frontmatter = parse(&format!("/*---\n{front}\n---*/")).expect("valid front matter");
        let outcome = Outcome { output: output.iter().map(|line| (*line).to_owned()).collect(), end };
        judge(&frontmatter, &Execution { outcome, message: message.map(str::to_owned) })
    }

    fn result(judgement: (RunResult, Option<String>)) -> RunResult {
        judgement.0
    }

    #[test]
    fn plain_tests_pass_iff_they_end_normally() {
        assert_eq!(judged("", End::Ok, &[], None), (RunResult::Pass, None));
        assert_eq!(
            judged("", End::Threw("Test262Error".into()), &[], Some("Expected true but got false")),
            (RunResult::Fail, Some("threw Test262Error: Expected true but got false".into()))
        );
        assert_eq!(result(judged("", End::SyntaxError, &[], None)), RunResult::Fail);
        assert_eq!(judged("", End::Crashed("boom".into()), &[], None), (RunResult::Fail, Some("crashed: boom".into())));
    }

    #[test]
    fn gaps_and_limits_are_not_failures() {
        let negative = "negative:\n  phase: parse\n  type: SyntaxError";
        assert_eq!(
            judged(negative, End::Unsupported("eval".into()), &[], None),
            (RunResult::Unsupported, Some("eval".into()))
        );
        assert_eq!(judged("flags: [async]", End::Exhausted("fuel".into()), &[], None).0, RunResult::Exhausted);
    }

    #[test]
    fn parse_negatives_need_a_rejected_source() {
        let negative = "negative:\n  phase: parse\n  type: SyntaxError";
        assert_eq!(result(judged(negative, End::SyntaxError, &[], None)), RunResult::Pass);
        assert_eq!(
            judged(negative, End::Threw("SyntaxError".into()), &[], None),
            (RunResult::Fail, Some("expected a SyntaxError at parse time, but threw SyntaxError".into())),
            "a SyntaxError thrown at run time is not a parse error"
        );
        assert_eq!(result(judged(negative, End::Ok, &[], None)), RunResult::Fail);
        let reference = "negative:\n  phase: parse\n  type: ReferenceError";
        assert_eq!(result(judged(reference, End::SyntaxError, &[], None)), RunResult::Fail);
    }

    #[test]
    fn runtime_negatives_need_that_uncaught_exception() {
        let negative = "negative:\n  phase: runtime\n  type: SyntaxError";
        assert_eq!(result(judged(negative, End::Threw("SyntaxError".into()), &[], None)), RunResult::Pass);
        assert_eq!(
            judged(negative, End::SyntaxError, &[], Some("Identifier `undefined` has already been declared")),
            (
                RunResult::Fail,
                Some(
                    "expected an uncaught SyntaxError at run time, but the source was rejected at parse time \
                     (SyntaxError): Identifier `undefined` has already been declared"
                        .into()
                )
            )
        );
        assert_eq!(result(judged(negative, End::Threw("TypeError".into()), &[], None)), RunResult::Fail);
        assert_eq!(result(judged(negative, End::Ok, &[], None)), RunResult::Fail);
    }

    #[test]
    fn async_tests_must_signal_completion() {
        let flags = "flags: [async]";
        assert_eq!(result(judged(flags, End::Ok, &["x", ASYNC_COMPLETE], None)), RunResult::Pass);
        assert_eq!(
            judged(flags, End::Ok, &[], None),
            (
                RunResult::Fail,
                Some("the async test never printed Test262:AsyncTestComplete ($DONE was not called)".into())
            )
        );
        let failure = "Test262:AsyncTestFailure:Test262Error: nope";
        assert_eq!(judged(flags, End::Ok, &[ASYNC_COMPLETE, failure], None), (RunResult::Fail, Some(failure.into())));
        assert_eq!(result(judged(flags, End::Threw("TypeError".into()), &[ASYNC_COMPLETE], None)), RunResult::Fail);
        assert_eq!(
            result(judged("", End::Ok, &[failure], None)),
            RunResult::Pass,
            "only async tests are judged by what they print"
        );
    }

    #[test]
    fn the_reference_interpreter_reports_messages() {
        let engine = Test262Engine::by_name("ref").expect("registered");
        assert_eq!(engine.name(), "ref");
        let execution = engine.execute("throw new TypeError('the message')");
        assert_eq!(execution.outcome.end, End::Threw("TypeError".into()));
        assert_eq!(execution.message.as_deref(), Some("the message"));
        let execution = engine.execute("(");
        assert_eq!(execution.outcome.end, End::SyntaxError);
        assert!(execution.message.is_some());
        assert_eq!(Test262Engine::by_name("boa").expect("registered").name(), "boa");
        assert!(Test262Engine::by_name("v8").is_err());
    }
}
