//! Acceptance tests of the reducer (issue 4): every fixture in `tests/fixtures/reduce/` buries one
//! known Boa bug in unrelated closure code; `closure-diff reduce` must bring it down to at most
//! 15 lines that diverge in exactly the same way. The reduced programs are snapshots, so a change
//! in what the reducer produces shows up in review.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use harness::reduce::Detail;
use harness::{engine_by_name, DivergenceClass, Engine, Trial};

/// The acceptance bound of issue 4.
const MAX_LINES: usize = 15;

fn engines() -> Vec<Box<dyn Engine>> {
    ["ref", "boa"].iter().map(|name| engine_by_name(name).expect("registered")).collect()
}

fn closure_diff(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_closure-diff")).args(args).output().expect("the binary runs")
}

#[test]
fn every_fixture_reduces_to_a_few_lines_with_the_same_divergence() {
    let engines = engines();
    insta::glob!("fixtures/reduce/*.js", |path| {
        let source = fs::read_to_string(path).expect("fixture is readable");
        let original = Trial::run(&engines, &source);
        let class = DivergenceClass::of(&original).expect("every fixture diverges");

        let output = closure_diff(&["reduce", path.to_str().expect("UTF-8 path")]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{stderr}");
        let reduced = String::from_utf8(output.stdout).expect("UTF-8 program");
        let lines = reduced.lines().count();
        assert!(lines <= MAX_LINES, "{} reduced to {lines} lines:\n{reduced}", path.display());
        assert!(stderr.starts_with(&format!("reduced {} → {lines} lines", source.lines().count())), "{stderr}");

        let after = Trial::run(&engines, &reduced);
        assert_eq!(DivergenceClass::of(&after), Some(class), "{reduced}");
        // What differs, not only who and how: the same words in the differing line, or the same
        // ends for engines whose output stopped (see `Detail`).
        assert_eq!(Detail::of(&after), Detail::of(&original), "{reduced}");
        insta::assert_snapshot!("reduced", reduced);
    });
}

/// A scratch directory unique to one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("closure-diff-reduce-{test}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir is writable");
        Scratch(dir)
    }

    fn file(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.0.join(name);
        fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        fs::write(&path, contents).expect("write");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

#[test]
fn a_program_that_does_not_diverge_exits_1_with_a_message() {
    let scratch = Scratch::new("agree");
    let file = scratch.file("agree.js", "var f = () => 1;\nprint(f());\n");
    let output = closure_diff(&["reduce", arg(&file)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("the engines (ref, boa, quickjs) agree; nothing to reduce"), "{stderr}");

    let endless = scratch.file("endless.js", "for (;;) {}\n");
    let output = closure_diff(&["reduce", arg(&endless)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("poisoned by"));
}

#[test]
fn input_errors_exit_2() {
    let scratch = Scratch::new("errors");
    let missing = scratch.0.join("missing.js");
    let output = closure_diff(&["reduce", arg(&missing)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no such file or directory"));

    let output = closure_diff(&["reduce", arg(&scratch.0)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("a directory without original.js"));

    let file = scratch.file("a.js", "print(1)");
    let output = closure_diff(&["reduce", arg(&file), "--engines", "ref,v8"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown engine `v8`"));
}

#[test]
fn a_finding_directory_is_reduced_from_its_original() {
    let scratch = Scratch::new("finding");
    scratch.file(
        "finding/original.js",
        "var noise = [1, 2, 3].map(x => x * 2);\nprint(noise.join());\nprint(2 ** -1074);\n",
    );
    scratch.file("finding/finding.json", r#"{"seed": 7, "engines": ["ref", "boa"]}"#);
    let output = closure_diff(&["reduce", arg(&scratch.0.join("finding"))]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "print(2 ** -1074);\n");
    assert!(stderr.contains("signature boa+ref-output-"), "{stderr}");
}
