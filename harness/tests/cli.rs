//! End-to-end tests of the `closure-diff` binary: exit codes, error messages and the JSON shape.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const COUNTER: &str = r#"function counter(initValue) {
    var currentValue = initValue;
    var increment = function(step) {
        currentValue += step;
        console.log('currentValue = ' + currentValue);
    };
    return increment;
}
var incrementCounter = counter(0);
incrementCounter(1);   // currentValue = 1
incrementCounter(2);   // currentValue = 3
incrementCounter(3);   // currentValue = 6
"#;

/// A scratch directory unique to one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("closure-diff-cli-{test}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir is writable");
        Scratch(dir)
    }

    fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(&path, contents).expect("write");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn closure_diff(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_closure-diff")).args(args).output().expect("the binary runs")
}

/// Runs the binary with `dir` as the current directory (where the default `--known` list is looked up).
fn closure_diff_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_closure-diff")).current_dir(dir).args(args).output().expect("the binary runs")
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

fn json_lines(output: &Output) -> Vec<Value> {
    stdout(output).lines().map(|line| serde_json::from_str(line).expect("each stdout line is JSON")).collect()
}

/// Exit code 2 with exactly one line on stderr that contains `needle`, and nothing on stdout.
fn assert_input_error(output: &Output, needle: &str) {
    assert_eq!(output.status.code(), Some(2), "stderr: {}", stderr(output));
    let err = stderr(output);
    assert_eq!(err.lines().count(), 1, "one-line message expected, got: {err}");
    assert!(err.contains(needle), "expected {needle:?} in: {err}");
    assert!(output.stdout.is_empty(), "stdout: {}", stdout(output));
}

#[test]
fn the_counter_example_runs_on_boa_and_exits_0() {
    let scratch = Scratch::new("counter");
    let file = scratch.file("counter.js", COUNTER);
    let output = closure_diff(&["run", arg(&file), "--engine", "boa", "--json"]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    let reports = json_lines(&output);
    assert_eq!(reports.len(), 1);
    assert_eq!(
        reports[0]["engines"]["boa"],
        serde_json::json!({
            "status": "ok",
            "output": ["currentValue = 1", "currentValue = 3", "currentValue = 6"],
            "error": null
        })
    );
    assert_eq!(reports[0]["verdict"], "agree");
}

#[test]
fn json_has_one_object_per_file_with_engines_in_the_order_given() {
    let scratch = Scratch::new("json");
    let ok = scratch.file("a_ok.js", "print('a', 1)");
    let threw = scratch.file("b_threw.js", "print('b'); null.f()");
    let output = closure_diff(&["run", arg(&ok), arg(&threw), "--json", "--engine", "boa", "--engine", "ref"]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    let reports = json_lines(&output);
    assert_eq!(reports.len(), 2);
    for (report, path) in reports.iter().zip([&ok, &threw]) {
        assert_eq!(report["file"], arg(path));
        let engines = report["engines"].as_object().expect("engines is an object");
        assert_eq!(engines.keys().collect::<Vec<_>>(), ["boa", "ref"]);
        for outcome in engines.values() {
            let status = outcome["status"].as_str().expect("status is a string");
            assert!(["ok", "threw", "syntax-error", "exhausted", "unsupported", "crashed"].contains(&status));
            assert!(outcome["output"].is_array());
            assert_eq!(outcome["error"].is_string(), status == "threw", "error only with threw: {outcome}");
        }
        let verdict = report["verdict"].as_str().expect("verdict is a string");
        assert!(["agree", "diverge", "poisoned"].contains(&verdict));
    }
    assert_eq!(
        reports[1]["engines"]["boa"],
        serde_json::json!({"status": "threw", "output": ["b"], "error": "TypeError"})
    );
    // The summary goes to stderr so that stdout stays pure JSON lines.
    assert!(stderr(&output).contains("2 programs:"), "stderr: {}", stderr(&output));
}

#[test]
fn runaway_programs_are_exhausted_and_the_harness_survives() {
    let scratch = Scratch::new("exhausted");
    let recursion = scratch.file("recursion.js", "function f(n){return f(n+1)} f(0)");
    let endless = scratch.file("endless.js", "while (true) {}");
    let output = closure_diff(&["run", arg(&recursion), arg(&endless), "--json"]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    let reports = json_lines(&output);
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0]["engines"]["boa"]["status"], "exhausted");
    assert_eq!(reports[0]["engines"]["boa"]["detail"], "stack");
    assert_eq!(reports[1]["engines"]["boa"]["status"], "exhausted");
    assert_eq!(reports[1]["engines"]["boa"]["detail"], "fuel");
    for report in &reports {
        assert_eq!(report["verdict"], "poisoned");
    }
}

/// Boa 0.22 throws TypeError when a closure assigns to a `const` still in its TDZ; the spec (and
/// node, and the reference interpreter) say ReferenceError: the binding is checked for
/// initialisation before mutability (9.1.1.1.5 SetMutableBinding, step 3).
const BOA_CONST_TDZ_BUG: &str =
    "function assign() { c = 1; }\ntry { assign(); } catch (e) { print(e.name); }\nconst c = 0;\n";

#[test]
fn a_divergence_is_exit_1_and_shows_the_first_difference() {
    let scratch = Scratch::new("diverge");
    let agree = scratch.file("agree.js", "print('same')");
    let diverge = scratch.file("diverge.js", BOA_CONST_TDZ_BUG);
    let output = closure_diff(&["run", arg(&agree), arg(&diverge)]);
    assert_eq!(output.status.code(), Some(1), "stdout: {}\nstderr: {}", stdout(&output), stderr(&output));
    let text = stdout(&output);
    assert!(text.contains(&format!("{}: DIVERGE", arg(&diverge))), "{text}");
    assert!(
        text.contains(
            r#"first difference: output line 1: ref: "ReferenceError"; boa: "TypeError"; quickjs: "ReferenceError";"#
        ),
        "{text}"
    );
    assert_eq!(text.lines().last(), Some("2 programs: 1 agree, 1 diverge, 0 poisoned"));

    let output = closure_diff(&["run", arg(&diverge), "--json"]);
    assert_eq!(output.status.code(), Some(1));
    let report = &json_lines(&output)[0];
    assert_eq!(report["verdict"], "diverge");
    assert_eq!(
        report["difference"],
        serde_json::json!({
            "kind": "output",
            "line": 1,
            "lines": {"ref": "ReferenceError", "boa": "TypeError", "quickjs": "ReferenceError"}
        })
    );
}

/// A known-divergence list naming `program` (relative, `/`-separated) as a Boa bug.
fn known_list(program: &str) -> String {
    format!(
        "[[divergence]]\nprogram = \"{program}\"\nengine = \"boa\"\ndiffers = \"TypeError instead of ReferenceError\"\n\
         why = \"TDZ checked after mutability\"\nrepro = \"function a(){{c=1}} a(); const c=0;\"\n"
    )
}

#[test]
fn a_listed_divergence_is_known_and_exit_0() {
    let scratch = Scratch::new("known");
    let agree = scratch.file("agree.js", "print('same')");
    let diverge = scratch.file("bugs/const-tdz.js", BOA_CONST_TDZ_BUG);
    let known = scratch.file("known.toml", known_list("bugs/const-tdz.js"));

    let output = closure_diff(&["run", arg(&agree), arg(&diverge), "--json", "--known", arg(&known)]);
    assert_eq!(output.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(&output), stderr(&output));
    let reports = json_lines(&output);
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0]["verdict"], "agree");
    assert_eq!(reports[0]["known"], Value::Null);
    assert_eq!(reports[1]["verdict"], "diverge");
    assert_eq!(reports[1]["known"], serde_json::json!({"engine": "boa", "why": "TDZ checked after mutability"}));
    assert_eq!(reports[1]["difference"]["kind"], "output");
    assert!(stderr(&output).contains("1 diverge (1 known)"), "stderr: {}", stderr(&output));

    let output = closure_diff(&["run", arg(&diverge), "--known", arg(&known)]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains(&format!("{}: known divergence (boa): TDZ checked after mutability", arg(&diverge))),
        "{text}"
    );
    assert!(text.contains("first difference: output line 1:"), "{text}");
}

#[test]
fn without_the_list_the_same_divergence_is_exit_1() {
    let scratch = Scratch::new("unknown");
    let diverge = scratch.file("bugs/const-tdz.js", BOA_CONST_TDZ_BUG);
    let known = scratch.file("known.toml", known_list("bugs/const-tdz.js"));
    // The default list is `corpus/known-divergences.toml` in the current directory.
    scratch.file("corpus/known-divergences.toml", known_list("bugs/const-tdz.js"));

    let output = closure_diff_in(&scratch.0, &["run", arg(&diverge), "--json"]);
    assert_eq!(output.status.code(), Some(0), "the default list applies; stderr: {}", stderr(&output));
    assert_eq!(json_lines(&output)[0]["known"]["engine"], "boa");

    let output = closure_diff_in(&scratch.0, &["run", arg(&diverge), "--json", "--known", "none"]);
    assert_eq!(output.status.code(), Some(1), "stderr: {}", stderr(&output));
    let report = &json_lines(&output)[0];
    assert_eq!(report["verdict"], "diverge");
    assert_eq!(report["known"], Value::Null);

    // Without a default list in the current directory, nothing is known.
    let output = closure_diff_in(&scratch.0.join("bugs"), &["run", arg(&diverge)]);
    assert_eq!(output.status.code(), Some(1), "stderr: {}", stderr(&output));
    assert!(stdout(&output).contains(": DIVERGE"), "{}", stdout(&output));

    // A list that names another program (or the same name in another folder) does not cover it.
    for program in ["other/const-tdz.js", "gs/const-tdz.js"] {
        fs::write(&known, known_list(program)).expect("write");
        let output = closure_diff(&["run", arg(&diverge), "--known", arg(&known)]);
        assert_eq!(output.status.code(), Some(1), "{program}; stderr: {}", stderr(&output));
    }
}

/// A list given with `--known` adds to the corpus list (a third-party engine's list is for campaigns
/// that run the corpus engines too); `--known none` beside it keeps only the given list.
#[test]
fn known_lists_add_to_the_corpus_list_unless_none_is_given() {
    let scratch = Scratch::new("known-add");
    let by_corpus = scratch.file("bugs/const-tdz.js", BOA_CONST_TDZ_BUG);
    let by_extra = scratch.file("other/const-tdz.js", BOA_CONST_TDZ_BUG);
    let corpus = scratch.file("corpus/known-divergences.toml", known_list("bugs/const-tdz.js"));
    let extra = scratch.file("extra.toml", known_list("other/const-tdz.js"));
    let known = |flags: &[&str]| {
        let output =
            closure_diff_in(&scratch.0, &[&["run", arg(&by_corpus), arg(&by_extra), "--json"], flags].concat());
        let reports = json_lines(&output);
        let listed: Vec<bool> = reports.iter().map(|report| report["known"]["engine"] == "boa").collect();
        (output.status.code(), listed)
    };
    assert_eq!(known(&["--known", arg(&extra)]), (Some(0), vec![true, true]));
    assert_eq!(known(&["--known", "none", "--known", arg(&extra)]), (Some(1), vec![false, true]));
    assert_eq!(known(&["--known", "none"]), (Some(1), vec![false, false]));
    // Naming the corpus list itself does not load it twice (which would be a duplicate entry).
    assert_eq!(known(&["--known", arg(&corpus)]), (Some(1), vec![true, false]));
}

#[test]
fn a_malformed_known_list_is_exit_2_naming_the_file() {
    let scratch = Scratch::new("malformed");
    let file = scratch.file("a.js", "print(1)");
    let cases = [
        ("syntax.toml", "[[divergence]\nprogram = 1\n".to_owned(), "line 1, column"),
        ("field.toml", format!("{}note = \"typo\"\n", known_list("a.js")), "unknown field `note`"),
        ("missing.toml", "[[divergence]]\nprogram = \"a.js\"\n".to_owned(), "missing field"),
    ];
    for (name, text, needle) in cases {
        let known = scratch.file(name, text);
        let output = closure_diff(&["run", arg(&file), "--known", arg(&known)]);
        assert_input_error(&output, &format!("{}: not a valid known-divergence list: ", arg(&known)));
        assert_input_error(&output, needle);
    }
    let engine = scratch.file("engine.toml", known_list("a.js").replace("\"boa\"", "\"v8\""));
    let output = closure_diff(&["run", arg(&file), "--known", arg(&engine)]);
    assert_input_error(&output, "names engine `v8`");
    let output = closure_diff(&["run", arg(&file), "--known", "none", "--known", arg(&engine)]);
    assert_input_error(&output, "names engine `v8`");
    let missing = scratch.0.join("absent.toml");
    let output = closure_diff(&["run", arg(&file), "--known", arg(&missing)]);
    assert_input_error(&output, &format!("cannot read known-divergence list {}", arg(&missing)));
    // The default list is checked too.
    scratch.file("corpus/known-divergences.toml", "not toml at all");
    let output = closure_diff_in(&scratch.0, &["run", arg(&file)]);
    assert_input_error(&output, "corpus/known-divergences.toml: not a valid known-divergence list");
}

#[test]
fn directories_are_walked_for_sorted_js_files() {
    let scratch = Scratch::new("walk");
    scratch.file("z/last.js", "print(3)");
    scratch.file("a/inner/first.js", "print(1)");
    scratch.file("b.js", "print(2)");
    scratch.file("notes.md", "not a program");
    let output = closure_diff(&["run", arg(&scratch.0), "--engine", "boa", "--json"]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    let files: Vec<String> =
        json_lines(&output).iter().map(|report| report["file"].as_str().expect("file").to_owned()).collect();
    let expected: Vec<String> =
        ["a/inner/first.js", "b.js", "z/last.js"].iter().map(|name| arg(&scratch.0.join(name)).to_owned()).collect();
    assert_eq!(files, expected);
}

#[test]
fn human_output_shows_each_engine_and_a_summary() {
    let scratch = Scratch::new("human");
    let file = scratch.file("counter.js", COUNTER);
    let output = closure_diff(&["run", arg(&file)]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("  ref  "), "{text}");
    assert!(text.contains("  boa      ok, 3 lines printed"), "{text}");
    assert!(text.contains("  quickjs  ok, 3 lines printed"), "{text}");
    let last = text.lines().last().expect("a summary line");
    assert!(last.starts_with("1 program: "), "{text}");
}

#[test]
fn a_missing_file_is_exit_2_with_a_one_line_message() {
    let scratch = Scratch::new("missing");
    let good = scratch.file("good.js", "print(1)");
    let missing = scratch.0.join("missing.js");
    let output = closure_diff(&["run", arg(&good), arg(&missing)]);
    assert_input_error(&output, &format!("{}: no such file or directory", arg(&missing)));
}

#[test]
fn a_non_utf8_file_is_exit_2_with_a_one_line_message() {
    let scratch = Scratch::new("utf8");
    let good = scratch.file("good.js", "print(1)");
    let bad = scratch.file("bad.js", b"print('\xff\xfe')");
    let output = closure_diff(&["run", arg(&good), arg(&bad)]);
    assert_input_error(&output, "bad.js: not valid UTF-8");
}

#[test]
fn an_unknown_engine_is_exit_2_and_lists_the_known_ones() {
    let scratch = Scratch::new("engine");
    let file = scratch.file("a.js", "print(1)");
    let output = closure_diff(&["run", arg(&file), "--engine", "v8"]);
    assert_input_error(&output, "unknown engine `v8` (known engines: ref, boa, quickjs, ");
}

#[test]
fn an_engine_given_twice_is_exit_2() {
    let scratch = Scratch::new("twice");
    let file = scratch.file("a.js", "print(1)");
    let output = closure_diff(&["run", arg(&file), "--engine", "boa", "--engine", "boa"]);
    assert_input_error(&output, "engine `boa` given more than once");
}

#[test]
fn a_directory_without_programs_is_exit_2() {
    let scratch = Scratch::new("empty");
    scratch.file("readme.txt", "nothing to run");
    let output = closure_diff(&["run", arg(&scratch.0)]);
    assert_input_error(&output, "no .js programs found");
}

#[test]
fn bad_usage_is_exit_2() {
    assert_eq!(closure_diff(&["run", "--no-such-flag", "x.js"]).status.code(), Some(2));
    assert_eq!(closure_diff(&["run"]).status.code(), Some(2));
    assert_eq!(closure_diff(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(closure_diff(&[]).status.code(), Some(2));
}
