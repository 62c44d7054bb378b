//! The reference interpreter on the shared test262 slice must do exactly what
//! `corpus/test262/ref-expectations.txt` says.
//!
//! The slice is `../shared/test262` beside the workspace, or the directory named by the
//! `CLOSURE_DIFF_TEST262` environment variable. Without it the test passes and says `skipped` on
//! stderr, so that a checkout without the suite still gets a green `cargo test`.
//!
//! The test fails on:
//! - any run that **fails** (a wrong result is never acceptable for the oracle), whatever the file says;
//! - a run the file expects to pass that is now `unsupported` or `exhausted` (a regression);
//! - any other difference from the file: a new pass, a run the file lacks or lists too many of.
//!   These are improvements, but the file must stay true, so the message says how to regenerate it
//!   (`closure-diff test262 ../shared/test262 --engine ref --write-expectations ...`); the diff of
//!   the regenerated file then shows the progress in review.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs, io};

use harness::test262::{run_suite, Expectations, Suite, Test262Engine};

const EXPECTATIONS: &str = "corpus/test262/ref-expectations.txt";

fn workspace_root() -> PathBuf {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR"));
    corpus.parent().expect("the corpus crate sits in the workspace root").to_owned()
}

/// The slice to run: `$CLOSURE_DIFF_TEST262` when set (it must exist then), else
/// `../shared/test262` relative to the workspace root when that exists.
fn slice() -> Option<PathBuf> {
    if let Some(dir) = env::var_os("CLOSURE_DIFF_TEST262") {
        let dir = PathBuf::from(dir);
        assert!(dir.is_dir(), "CLOSURE_DIFF_TEST262={} is not a directory", dir.display());
        return Some(dir);
    }
    let dir = workspace_root().join("../shared/test262");
    dir.is_dir().then_some(dir)
}

#[test]
fn reference_interpreter_meets_its_test262_expectations() {
    let Some(dir) = slice() else {
        // Written to stderr directly: libtest captures `eprintln!` of passing tests.
        let _ = writeln!(
            io::stderr(),
            "skipped: ../shared/test262 not found (set CLOSURE_DIFF_TEST262 to the slice to run the test262 check)"
        );
        return;
    };
    let suite = Suite::load(&dir, None).unwrap_or_else(|err| panic!("loading the test262 slice: {err}"));
    let engine = Test262Engine::by_name("ref").expect("the reference interpreter is registered");
    let report = run_suite(&suite, &engine, None, &|_| {}).expect("starting the worker threads");

    let path = workspace_root().join(EXPECTATIONS);
    let text = fs::read_to_string(&path).unwrap_or_else(|err| panic!("reading {}: {err}", path.display()));
    let expectations = Expectations::parse(&text, EXPECTATIONS).unwrap_or_else(|err| panic!("{err}"));
    let check = expectations.check(&report);
    let totals = report.totals();
    let _ = writeln!(
        io::stderr(),
        "test262 ({}): {} runs, {} passed, {} failed, {} unsupported, {} exhausted",
        dir.display(),
        totals.runs(),
        totals.passed,
        totals.failed,
        totals.unsupported,
        totals.exhausted
    );
    assert!(check.is_clean(), "the reference interpreter does not match {EXPECTATIONS}:\n{check}");
}
