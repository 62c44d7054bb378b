//! `closure-diff export --format test262`: the exported test passes on an engine that is right and
//! fails on the engine that is wrong, under the project's own test262 runner with the real
//! test262 harness files (skipped, saying so, when `../shared/test262` is absent).

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use harness::export::test262_test;
use harness::test262::{run_suite, RunResult, Suite, Test262Engine};
use harness::{engine_by_name, Outcome};

/// The real test262 harness files: `$CLOSURE_DIFF_TEST262/harness`, else `../shared/test262/harness`.
fn shared_harness() -> Option<PathBuf> {
    let suite = std::env::var_os("CLOSURE_DIFF_TEST262")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/test262"));
    let dir = suite.join("harness");
    dir.is_dir().then_some(dir)
}

/// The reference interpreter's outcome, as the expectation (the engine outside the blame).
fn expected(program: &str) -> Outcome {
    engine_by_name("ref").unwrap().run(program)
}

fn results(suite_dir: &Path, engine: &str) -> Vec<(String, RunResult)> {
    let suite = Suite::load(suite_dir, None).expect("suite loads");
    let engine = Test262Engine::by_name(engine).expect("engine");
    let report = run_suite(&suite, &engine, Some(1), &|_| {}).expect("runs");
    report.runs.iter().map(|run| (format!("{} {:?} {:?}", run.path, run.result, run.detail), run.result)).collect()
}

#[test]
fn exported_tests_pass_where_the_engine_is_right_and_fail_where_it_is_wrong() {
    let Some(harness_dir) = shared_harness() else {
        // Straight to stderr: libtest captures `eprintln!` of passing tests, and a skip must show.
        let _ = writeln!(
            std::io::stderr(),
            "skipped: no test262 harness files (set CLOSURE_DIFF_TEST262; the exported tests need the real assert.js)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("harness")).unwrap();
    for file in ["assert.js", "sta.js", "doneprintHandle.js"] {
        fs::copy(harness_dir.join(file), dir.path().join("harness").join(file)).unwrap();
    }
    let tests = dir.path().join("test");
    fs::create_dir_all(&tests).unwrap();
    // Boa reads `y` after the assignment in the right operand (a known Boa bug).
    let boa_bug = "print([6, 8, 4].map((y) => y + (y = 0)).join());";
    let jobs = "let log = []; Promise.resolve().then(() => print('job', log.length)); log.push(1); print('sync');";
    let thrower = "let f = () => g; print('before'); f(); let g = 1;";
    for (name, program) in [("boa-bug.js", boa_bug), ("jobs.js", jobs), ("throws.js", thrower)] {
        let test = test262_test(program, &expected(program), "ref", name).expect("exports");
        fs::write(tests.join(name), test).unwrap();
    }

    let on_ref = results(dir.path(), "ref");
    assert_eq!(on_ref.len(), 3, "{on_ref:?}");
    assert!(on_ref.iter().all(|(_, result)| *result == RunResult::Pass), "{on_ref:?}");
    let on_boa = results(dir.path(), "boa");
    let result = |path: &str| on_boa.iter().find(|(run, _)| run.contains(path)).map(|(_, result)| *result);
    assert_eq!(result("boa-bug.js"), Some(RunResult::Fail), "{on_boa:?}");
    assert_eq!(result("jobs.js"), Some(RunResult::Pass), "{on_boa:?}");
    assert_eq!(result("throws.js"), Some(RunResult::Pass), "{on_boa:?}");
}
