//! The test262 runner end to end on a tiny suite written to a temporary directory: every convention
//! of `shared/test262/README.md` (prelude, strict prefix, raw, async signals, negative phases),
//! judged the same way on every engine of the registry.

use std::fs;
use std::path::Path;

use harness::test262::{run_suite, Mode, RunResult, Suite, Test262Engine};
use harness::ENGINE_NAMES;

/// Small stand-ins for test262's harness files, with the same global names.
const HARNESS: &[(&str, &str)] = &[
    ("assert.js", "function assert(value, message) { if (value !== true) throw new Test262Error(message); }\n"),
    (
        "sta.js",
        "function Test262Error(message) { this.message = message || ''; }\n\
         function $DONOTEVALUATE() { throw 'Test262: This statement should not be evaluated.'; }\n",
    ),
    (
        "doneprintHandle.js",
        "function $DONE(error) {\n\
         if (error) { print('Test262:AsyncTestFailure:' + error.name + ': ' + error.message); }\n\
         else { print('Test262:AsyncTestComplete'); }\n}\n",
    ),
    ("extra.js", "var extraLoaded = true;\n"),
];

/// (file under test/, source after the front matter, front matter keys) and the expected results
/// of the sloppy and strict runs (`None`: no such run).
#[allow(clippy::type_complexity)]
const TESTS: &[(&str, &str, &str, Option<RunResult>, Option<RunResult>)] = &[
    ("plain.js", "assert(true);", "", Some(RunResult::Pass), Some(RunResult::Pass)),
    (
        "sloppy-only-passes.js",
        "if ((function () { return this; })() === undefined) { throw new Test262Error('strict'); }",
        "",
        Some(RunResult::Pass),
        Some(RunResult::Fail),
    ),
    (
        "only-strict.js",
        "assert((function () { return this; })() === undefined);",
        "flags: [onlyStrict]",
        None,
        Some(RunResult::Pass),
    ),
    ("no-strict.js", "with ({}) {}", "flags: [noStrict]", Some(RunResult::Pass), None),
    (
        "raw.js",
        "if (typeof assert !== 'undefined') throw new Error('prelude');",
        "flags: [raw]",
        Some(RunResult::Pass),
        None,
    ),
    ("includes.js", "assert(extraLoaded);", "includes: [extra.js]", Some(RunResult::Pass), Some(RunResult::Pass)),
    ("missing-include.js", "assert(extraLoaded);", "", Some(RunResult::Fail), Some(RunResult::Fail)),
    (
        "async-ok.js",
        "Promise.resolve().then(function () { $DONE(); });",
        "flags: [async]",
        Some(RunResult::Pass),
        Some(RunResult::Pass),
    ),
    ("async-silent.js", "Promise.resolve();", "flags: [async]", Some(RunResult::Fail), Some(RunResult::Fail)),
    (
        "async-fails.js",
        "Promise.reject(new TypeError('boom')).then(function () { $DONE(); }, $DONE);",
        "flags: [async]",
        Some(RunResult::Fail),
        Some(RunResult::Fail),
    ),
    (
        "parse-negative.js",
        "$DONOTEVALUATE();\nvar a = ;",
        "negative:\n  phase: parse\n  type: SyntaxError",
        Some(RunResult::Pass),
        Some(RunResult::Pass),
    ),
    (
        "parse-negative-strict-only.js",
        "$DONOTEVALUATE();\nvar static = 1;",
        "negative:\n  phase: parse\n  type: SyntaxError\nflags: [onlyStrict]",
        None,
        Some(RunResult::Pass),
    ),
    (
        "parse-negative-runs.js",
        "$DONOTEVALUATE();",
        "negative:\n  phase: parse\n  type: SyntaxError",
        Some(RunResult::Fail),
        Some(RunResult::Fail),
    ),
    (
        "runtime-negative.js",
        "notDefinedAnywhere;",
        "negative:\n  phase: runtime\n  type: ReferenceError",
        Some(RunResult::Pass),
        Some(RunResult::Pass),
    ),
    (
        "runtime-syntax-error.js",
        "eval('var a = ;');",
        "negative:\n  phase: runtime\n  type: SyntaxError",
        Some(RunResult::Pass),
        Some(RunResult::Pass),
    ),
    ("parse-error.js", "var a = ;", "", Some(RunResult::Fail), Some(RunResult::Fail)),
];

fn write_suite(dir: &Path) {
    let write = |path: &Path, text: &str| {
        fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    };
    for (name, text) in HARNESS {
        write(&dir.join("harness").join(name), text);
    }
    for (name, body, front, _, _) in TESTS {
        write(&dir.join("test/conventions").join(name), &format!("/*---\ndescription: x\n{front}\n---*/\n{body}\n"));
    }
}

#[test]
fn every_engine_follows_the_conventions() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write_suite(dir.path());
    let suite = Suite::load(dir.path(), None).expect("the suite loads");
    for name in ENGINE_NAMES {
        let engine = Test262Engine::by_name(name).expect("registered");
        let report = run_suite(&suite, &engine, Some(2), &|_| {}).expect("a thread pool");
        let mut wrong = Vec::new();
        for (file, _, _, sloppy, strict) in TESTS {
            let path = format!("test/conventions/{file}");
            for (mode, expected) in [(Mode::Sloppy, sloppy), (Mode::Strict, strict)] {
                let actual = report.runs.iter().find(|run| run.path == path && run.mode == mode);
                if actual.map(|run| run.result) != *expected {
                    wrong.push(format!("{path} [{mode}]: expected {expected:?}, got {actual:?}"));
                }
            }
        }
        assert!(wrong.is_empty(), "{name}:\n{}", wrong.join("\n"));
    }
}

#[test]
fn failures_say_why() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write_suite(dir.path());
    let suite = Suite::load(dir.path(), Some("async-fails")).expect("the suite loads");
    let report = run_suite(&suite, &Test262Engine::by_name("boa").expect("registered"), None, &|_| {}).expect("pool");
    assert_eq!(report.runs[0].detail.as_deref(), Some("Test262:AsyncTestFailure:TypeError: boom"));

    let suite = Suite::load(dir.path(), Some("sloppy-only")).expect("the suite loads");
    let report = run_suite(&suite, &Test262Engine::by_name("ref").expect("registered"), None, &|_| {}).expect("pool");
    assert_eq!(report.runs[1].detail.as_deref(), Some("threw Test262Error: strict"), "ref gives the message");
}
