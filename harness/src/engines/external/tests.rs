use std::io::Write as _;

use super::*;

/// The engine `name` from the built-in engines file, or `None` (with a visible message) when it is
/// not installed, so that `cargo test` stays green without external engines.
fn installed(name: &str) -> Option<ExternalEngine> {
    let file = EnginesFile::parse(BUILTIN_ENGINES_TOML, Path::new("engines.toml")).expect("the built-in file parses");
    let entry = file.engines.get(name).expect("configured").clone();
    match ExternalEngine::new(name, entry) {
        Ok(engine) => Some(engine),
        Err(err) => {
            // Straight to stderr: libtest captures `eprintln!` of passing tests, and a skip must show.
            let _ = writeln!(std::io::stderr(), "SKIPPED: {err}");
            None
        }
    }
}

fn lines(outcome: &Outcome) -> Vec<&str> {
    outcome.output.iter().map(String::as_str).collect()
}

#[test]
fn the_built_in_engines_file_has_every_engine_of_the_issue() {
    let file = EnginesFile::parse(BUILTIN_ENGINES_TOML, Path::new("engines.toml")).expect("parses");
    let names: Vec<&str> = file.engines.keys().map(String::as_str).collect();
    assert_eq!(names, ["duktape", "engine262", "gjs", "gjs-jit", "jsc", "jsc-jit", "mujs", "njs", "node", "node-jit"]);
}

#[test]
fn bad_engines_files_are_rejected_with_the_reason() {
    let parse = |text: &str| EnginesFile::parse(text, Path::new("x.toml")).expect_err("invalid").to_string();
    assert!(parse("[engines.boa]\ncommand = ['boa']\nprofile = 'full'\nhost = 'eval'\n").contains("in-process"));
    assert!(parse("[engines.x]\ncommand = []\nprofile = 'full'\nhost = 'eval'\n").contains("no executable"));
    assert!(parse("[engines.x]\ncommand = ['x']\nprofile = 'es7'\nhost = 'eval'\n").contains("x.toml"));
    assert!(parse("[engines.x]\ncommand = ['x']\nprofile = 'full'\nhost = 'eval'\nworker = true\n").contains("node"));
    let unknown = parse("[engines.x]\ncommand = ['x']\nprofile = 'full'\nhost = 'eval'\nwithout = ['goto']\n");
    assert!(unknown.contains("unknown construct `goto`") && unknown.contains("default-params"), "{unknown}");
}

#[test]
fn a_missing_executable_is_a_clear_error() {
    let file = EnginesFile::parse(
        "[engines.nowhere]\ncommand = ['closure-diff-no-such-engine']\nprofile = 'full'\nhost = 'eval'\n",
        Path::new("x.toml"),
    )
    .expect("parses");
    let err = ExternalEngine::new("nowhere", file.engines["nowhere"].clone()).expect_err("not installed");
    assert_eq!(
        err.to_string(),
        "engine `nowhere` is configured but not installed (none of closure-diff-no-such-engine found); \
         run scripts/install-engines.sh"
    );
}

#[test]
fn words_match_whole_identifiers_only() {
    assert!(contains_word("let x = 1", "let"));
    assert!(!contains_word("var letter = 1", "let"));
    assert!(!contains_word("var $let = 1", "let"));
    assert!(contains_word("f(() => 1)", "=>"));
    assert!(contains_word("a.includes(b)", "includes"));
    // Whole-line comments do not count; code, strings and trailing comments do.
    assert!(!contains_word("// [loops] closures of a for-of loop\nprint(1)", "of"));
    assert!(!contains_word("  // const\nvar x", "const"));
    assert!(contains_word("// a comment\nvar x = 1; const y = 2;", "const"));
    assert!(contains_word("print('const')", "const"));
    assert!(contains_word("var x; // const", "const"));
}

#[test]
fn strict_scripts_are_recognised_after_comments() {
    assert!(starts_strict("'use strict'; var x"));
    assert!(starts_strict("// a comment\n/* another */ \"use strict\";"));
    assert!(!starts_strict("var s = 'use strict';"));
}

#[test]
fn printed_lines_decode_leniently() {
    assert_eq!(decode_json_string(r#""a b""#).as_deref(), Some("a b"));
    assert_eq!(decode_json_string(r#""line\nbreak \"q\" \\""#).as_deref(), Some("line\nbreak \"q\" \\"));
    assert_eq!(decode_json_string(r#""\ud83d\ude00""#).as_deref(), Some("\u{1F600}"));
    assert_eq!(decode_json_string(r#""a\ud800b""#).as_deref(), Some("a\u{FFFD}b"));
    assert_eq!(decode_json_string(r#""\udc00""#).as_deref(), Some("\u{FFFD}"));
    assert_eq!(decode_json_string("not json"), None);
    assert_eq!(decode_json_string("abc123 {\"status\":\"ok\"}"), None);
}

/// Long lines come in pieces (`+"..."` after the first) that are joined; a line the host garbled
/// makes the run unsupported instead of silently losing what the program printed.
#[test]
fn pieces_of_a_long_line_are_joined_and_garbled_lines_poison_the_run() {
    let read = |stdout: &str| {
        let finished = Finished {
            status: None,
            timed_out: false,
            stdout: format!("{stdout}N {{\"status\":\"ok\"}}\n").into_bytes(),
            stdout_overflowed: false,
            stderr: Vec::new(),
        };
        outcome_of_prelude_run(&finished, "N", Host::Eval)
    };
    let outcome = read("\"ab\"\n+\"cd\"\n+\"\\n\"\n\"e\"\nhost warning\n");
    assert_eq!((lines(&outcome), &outcome.end), (vec!["abcd\n", "e"], &End::Ok));
    for garbled in ["\"ab\n", "\"ab\"\n+\"cd\n", "+\"orphan\"\n"] {
        let outcome = read(garbled);
        assert!(matches!(&outcome.end, End::Unsupported(why) if why.contains("garbled")), "{garbled:?}: {outcome:?}");
    }
}

#[test]
fn njs_reports_are_read() {
    assert_eq!(
        thrown_in_stderr("Thrown:\nTypeError: x is not a function\n    at main"),
        Some(End::Threw("TypeError".into()))
    );
    assert!(matches!(thrown_in_stderr("Thrown:\n42"), Some(End::Unsupported(_))));
    assert_eq!(
        thrown_in_stderr("TypeError: cannot convert null to object\n\tat mt.js:2"),
        Some(End::Threw("TypeError".into()))
    );
    assert_eq!(thrown_in_stderr(""), None);
    assert_eq!(
        thrown_in_stderr("Thrown:\nAggregateError: All promises were rejected\n    at main"),
        Some(End::Threw("AggregateError".into()))
    );
}

/// The contract every external engine keeps, checked on each one that is installed.
fn check_contract(name: &str) {
    let Some(engine) = installed(name) else { return };
    // A host that runs everything as strict code is given strict programs.
    let directive = if engine.entry().strict_only() { "\"use strict\";\n" } else { "" };
    let run = |source: &str| engine.run(&format!("{directive}{source}"));
    let outcome = run("print(1, 'a', null, undefined, [1,2], {}); console.log(true, -0);");
    if engine.entry().lacks.iter().any(|word| word == "console") {
        assert!(matches!(outcome.end, End::Unsupported(_)), "{name}: {outcome:?}");
    } else {
        assert_eq!(outcome.end, End::Ok, "{name}: {outcome:?}");
        assert_eq!(lines(&outcome), ["1 a null undefined 1,2 [object Object]", "true 0"], "{name}");
    }
    // A printed newline stays inside its line, and the end line cannot be forged.
    let outcome = run("print('a\\nb'); print('{\"status\":\"threw\",\"error\":\"X\"}')");
    assert_eq!(lines(&outcome), ["a\nb", "{\"status\":\"threw\",\"error\":\"X\"}"], "{name}");
    assert_eq!(outcome.end, End::Ok, "{name}");
    // Long lines arrive whole (njs's print cuts lines at 2,048 bytes)...
    let long = "x\u{e9}".repeat(1100);
    let outcome = run("var s = ''; for (var i = 0; i < 1100; i++) s += 'x\\u00e9'; print(s); print(1)");
    assert_eq!((lines(&outcome), &outcome.end), (vec![long.as_str(), "1"], &End::Ok), "{name}");
    // ...and no piece ends inside a surrogate pair (on hosts that print astral characters as UTF-8
    // at all: duktape and mujs write CESU-8).
    if lines(&run("print('\\ud83d\\ude00')")) == ["\u{1F600}"] {
        let long = "x\u{1F600}".repeat(700);
        let outcome = run("var s = ''; for (var i = 0; i < 700; i++) s += 'x\\ud83d\\ude00'; print(s)");
        assert_eq!(lines(&outcome), [long.as_str()], "{name}");
    }
    // Uncaught errors end the run with their constructor's name; output before them is kept.
    let outcome = run("print('before'); null.x; print('after')");
    assert_eq!((lines(&outcome), &outcome.end), (vec!["before"], &End::Threw("TypeError".into())), "{name}");
    // Top-level var and function declarations are global properties.
    let outcome = run("var v = 1; function f() {} print(typeof this.v, typeof this.f)");
    assert_eq!(lines(&outcome), ["number function"], "{name}");
    // Runaway recursion is a limit, not a finding.
    let outcome = run("function f(n) { return f(n + 1) + 1 } f(0)");
    assert_eq!(outcome.end, End::Exhausted("stack".into()), "{name}");
    // ...but a program's own error is an error, whatever its message says.
    let outcome = run("throw new Error('recursion and allocation')");
    assert_eq!(outcome.end, End::Threw("Error".into()), "{name}");
    let modern = engine.entry().profile != Profile::Es5;
    if modern && !engine.entry().lacks.iter().any(|word| word == "class") {
        // An anonymous class's constructor name is "".
        let outcome = run("throw new (class {})()");
        assert_eq!(outcome.end, End::Threw(String::new()), "{name}");
    }
    // What a program does to the built-ins changes nothing the host functions write.
    let outcome = run("String = function () { return 'forged'; }; JSON.stringify = null; \
                       Array.prototype.push = Array.prototype.join = String.prototype.slice = null; print('a', 1)");
    assert_eq!((lines(&outcome), &outcome.end), (vec!["a 1"], &End::Ok), "{name}");
    // A promise rejected without a handler ends nothing, on this run or the next.
    if modern {
        assert_eq!(run("Promise.reject(1); print('a')").end, End::Ok, "{name}");
        assert_eq!(lines(&run("print('b')")), ["b"], "{name}");
    }
}

#[test]
fn node_prints_lone_surrogates_as_replacement_characters() {
    // As the other hosts' lines are decoded; the worker's JSON cannot carry them to serde.
    let Some(engine) = installed("node") else { return };
    let outcome = engine.run("print('a\\ud800b', '\\udc00'); print('\\ud83d\\ude00')");
    assert_eq!((lines(&outcome), &outcome.end), (vec!["a\u{FFFD}b \u{FFFD}", "\u{1F600}"], &End::Ok));
}

#[test]
fn node_keeps_the_contract() {
    check_contract("node");
}

#[test]
fn jsc_keeps_the_contract() {
    check_contract("jsc");
}

#[test]
fn node_jit_keeps_the_contract() {
    check_contract("node-jit");
}

#[test]
fn jsc_jit_keeps_the_contract() {
    check_contract("jsc-jit");
}

/// A closure called a few times, as generated programs call theirs.
const WARM_CLOSURE: &str = "function counter(start) { var total = start; \
     return function counterStep(step) { total += step; return total; }; }\n\
     var step = counter(0); for (var i = 0; i < 6; i++) step(i); print(step(1));\n";

/// What the host's compiler trace (`trace` appended to the entry's arguments) says of `counterStep`
/// when the entry `name` runs [`WARM_CLOSURE`]; `None` when the engine is not installed.
fn compiler_trace(name: &str, trace: &str, prelude: &str) -> Option<String> {
    let engine = installed(name)?;
    let dir = tempfile::tempdir().expect("temporary directory");
    let script = dir.path().join("warm.js");
    std::fs::write(&script, format!("{prelude}{WARM_CLOSURE}")).expect("write the script");
    let output = Command::new(engine.executable.clone())
        .args(&engine.entry().args)
        .arg(trace)
        .arg(&script)
        .output()
        .expect("the engine starts");
    let text = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
    Some(text.lines().filter(|line| line.contains("counterStep")).collect::<Vec<_>>().join("\n"))
}

#[test]
fn jit_variants_send_a_closure_called_a_few_times_to_the_optimizing_compiler() {
    // The plain entries leave a closure called seven times to their interpreter or baseline tier;
    // the variants' flags compile it with the optimizing tier (TurboFan; DFG and FTL), which is
    // their whole point.
    let print = "var print = function () {};\n";
    if let Some(trace) = compiler_trace("node-jit", "--trace-opt", print) {
        assert!(trace.contains("completed compiling") && trace.contains("TURBOFAN"), "node-jit: {trace}");
    }
    if let Some(trace) = compiler_trace("node", "--trace-opt", print) {
        assert!(!trace.contains("completed compiling"), "node: {trace}");
    }
    if let Some(trace) = compiler_trace("jsc-jit", "--reportCompileTimes=true", "") {
        assert!(trace.contains("using DFG") && trace.contains("using FTL"), "jsc-jit: {trace}");
    }
    if let Some(trace) = compiler_trace("jsc", "--reportCompileTimes=true", "") {
        assert!(!trace.contains("using DFG"), "jsc: {trace}");
    }
}

#[test]
fn gjs_jit_keeps_the_contract() {
    check_contract("gjs-jit");
}

#[test]
fn an_entrys_environment_reaches_the_host() {
    // gjs, whose GLib bindings can read the environment; the node worker gets `env` the same way.
    let entry = "[engines.gjs-env]\ncommand = ['gjs']\nprofile = 'full'\nhost = 'eval'\n\
                 env = { CLOSURE_DIFF_PROBE = 'seen' }\n";
    let file = EnginesFile::parse(entry, Path::new("x.toml")).expect("parses");
    let Ok(engine) = ExternalEngine::new("gjs-env", file.engines["gjs-env"].clone()) else {
        let _ = writeln!(std::io::stderr(), "SKIPPED: gjs is not installed");
        return;
    };
    let outcome = engine.run("print(imports.gi.GLib.getenv('CLOSURE_DIFF_PROBE'))");
    assert_eq!((lines(&outcome), &outcome.end), (vec!["seen"], &End::Ok));
}

#[test]
fn gjs_keeps_the_contract() {
    check_contract("gjs");
}

#[test]
fn duktape_keeps_the_contract() {
    check_contract("duktape");
}

#[test]
fn mujs_keeps_the_contract() {
    check_contract("mujs");
}

#[test]
fn njs_keeps_the_contract() {
    check_contract("njs");
}

#[test]
fn engine262_keeps_the_contract() {
    check_contract("engine262");
}

#[test]
fn parse_errors_are_syntax_errors_where_the_host_can_tell() {
    for name in ["node", "jsc"] {
        let Some(engine) = installed(name) else { continue };
        assert_eq!(engine.run("print('never'); let let = 1; ("), Outcome::without_output(End::SyntaxError), "{name}");
        // A SyntaxError thrown at run time is a throw.
        assert_eq!(engine.run("print(1); eval('(')").end, End::Threw("SyntaxError".into()), "{name}");
    }
}

#[test]
fn lifetime_hooks_run_after_the_jobs_with_a_collection() {
    let source = r#"
        var kept = (function () { var o = { v: 1 }; var ref = new WeakRef(o); return function () { return ref.deref() === o } })();
        var lost = (function () { var a = {}; var b = { a: a }; a.b = b; return new WeakRef(a) })();
        Promise.resolve().then(function () { print('job') });
        afterGc(function () { print(kept(), lost.deref() === undefined); afterGc(function () { print('again') }) });
    "#;
    for name in ["node", "jsc"] {
        let Some(engine) = installed(name) else { continue };
        let outcome = engine.run(source);
        assert_eq!(lines(&outcome), ["job", "true true", "again"], "{name}: {outcome:?}");
    }
}

#[test]
fn lifetime_probes_say_kept_for_captured_objects_and_collected_for_garbage() {
    use crate::engines::lifetime_programs::{CAPTURED, STRICT, UNREACHABLE};
    for name in ["node", "jsc"] {
        let Some(engine) = installed(name) else { continue };
        let captured = engine.run(CAPTURED);
        assert_eq!((lines(&captured), &captured.end), (vec!["lifetime o kept", "object"], &End::Ok), "{name}");
        // Both collect an object nothing reaches once the hook has forced a collection.
        let unreachable = engine.run(UNREACHABLE);
        assert_eq!((lines(&unreachable), &unreachable.end), (vec!["lifetime o collected"], &End::Ok), "{name}");
    }
    if let Some(node) = installed("node") {
        assert_eq!(lines(&node.run(STRICT)), ["true", "lifetime o kept", "false"]);
    }
}

#[test]
fn hosts_without_a_usable_gc_say_unsupported() {
    for name in ["gjs", "duktape", "engine262"] {
        let Some(engine) = installed(name) else { continue };
        assert!(matches!(engine.run("afterGc(function () {})").end, End::Unsupported(_)), "{name}");
    }
    // lifetimeProbe needs the hook and WeakRef; the ES5 hosts and njs lack WeakRef.
    for name in ["gjs", "duktape", "engine262", "mujs", "njs"] {
        let Some(engine) = installed(name) else { continue };
        let outcome = engine.run("var w = { deref: function () {} }; lifetimeProbe('o', w);");
        assert!(matches!(outcome.end, End::Unsupported(_)), "{name}: {outcome:?}");
    }
}

#[test]
fn programs_outside_a_profile_are_unsupported_not_divergent() {
    for name in ["duktape", "mujs"] {
        let Some(engine) = installed(name) else { continue };
        assert!(matches!(engine.run("let x = 1; print(x)").end, End::Unsupported(_)), "{name}");
        assert!(matches!(engine.run("function f(a = 1) { return a } print(f())").end, End::Unsupported(_)), "{name}");
    }
}

#[test]
fn an_error_a_host_throws_for_what_it_lacks_is_unsupported() {
    let Some(engine) = installed("mujs") else { return };
    // mujs has no indirect eval: any use of `eval` other than a direct call throws EvalError.
    let outcome = engine.run("print(1); print((0, eval)('2'));");
    assert!(matches!(&outcome.end, End::Unsupported(reason) if reason.contains("EvalError")), "{outcome:?}");
    // A program's own EvalError is a throw everywhere else.
    let Some(duktape) = installed("duktape") else { return };
    assert_eq!(duktape.run("throw new EvalError('x')").end, End::Threw("EvalError".into()));
}

#[test]
fn timeouts_kill_the_process() {
    let Some(engine) = installed("jsc") else { return };
    let mut entry = engine.entry().clone();
    entry.timeout = 0.5;
    let engine = ExternalEngine::new("jsc", entry).expect("installed");
    let started = Instant::now();
    assert_eq!(engine.run("for (;;) {}").end, End::Exhausted("time".into()));
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn the_node_worker_isolates_programs_and_restarts_after_a_timeout() {
    let Some(engine) = installed("node") else { return };
    let mut entry = engine.entry().clone();
    entry.timeout = 1.0;
    let engine = ExternalEngine::new("node", entry).expect("installed");
    let leak = "globalThis.leak = 1; Array.prototype.extra = 2; Object.prototype.shared = 3; \
                Function.prototype.f = 4; var top = 5; print('set')";
    assert_eq!(lines(&engine.run(leak)), ["set"]);
    let check = "print(typeof leak, [].extra, ({}).shared, (function () {}).f, typeof top)";
    assert_eq!(lines(&engine.run(check)), ["undefined undefined undefined undefined undefined"]);
    assert_eq!(engine.run("for (;;) {}").end, End::Exhausted("time".into()));
    assert_eq!(
        engine.run("function again() { Promise.resolve().then(again) } again()").end,
        End::Exhausted("time".into())
    );
    assert_eq!(lines(&engine.run("print('still here')")), ["still here"]);
    let worker = engine.worker.as_ref().expect("node runs a worker");
    assert_eq!(worker.starts(), 1, "the driver's own timeout keeps the worker alive");
}

#[test]
fn node_programs_see_an_ordinary_global_object() {
    let Some(engine) = installed("node") else { return };
    // A contextified `vm` global lets strict code assign a function to an undeclared name
    // (nodejs/node#38918); standalone node, like every other engine, throws.
    let assign = "'use strict'; try { undeclared = function () {}; print('assigned') } catch (e) { print(e.name) }";
    assert_eq!(lines(&engine.run(assign)), ["ReferenceError"]);
    let in_key = "try { class K { [k = () => 1]() {} } print('assigned') } catch (e) { print(e.name) }";
    assert_eq!(lines(&engine.run(in_key)), ["ReferenceError"]);
    // Top-level declarations are the global object's own non-configurable properties (9.1.1.4.17).
    let var = "var v = 1; print(Object.getOwnPropertyDescriptor(globalThis, 'v').configurable, this === globalThis)";
    assert_eq!(lines(&engine.run(var)), ["false true"]);
}

#[test]
fn hosts_without_annex_b_do_not_run_sloppy_block_functions() {
    let block_function = "{ function f() {} } print(typeof f);";
    for name in ["engine262", "njs"] {
        let Some(engine) = installed(name) else { continue };
        assert!(!engine.entry().annex_b, "{name}");
        let outcome = engine.run(block_function);
        assert!(matches!(&outcome.end, End::Unsupported(why) if why.contains("Annex B")), "{name}: {outcome:?}");
        let directive = if engine.entry().strict_only() { "\"use strict\";\n" } else { "" };
        assert_eq!(
            lines(&engine.run(&format!("{directive}function f() {{}} print(typeof f);"))),
            ["function"],
            "{name}"
        );
    }
    for name in ["node", "jsc"] {
        let Some(engine) = installed(name) else { continue };
        assert_eq!(lines(&engine.run(block_function)), ["function"], "{name}");
    }
}

#[test]
fn a_strict_only_host_runs_strict_programs_and_refuses_sloppy_ones() {
    let Some(engine) = installed("njs") else { return };
    assert!(engine.entry().strict_only());
    let strict = engine.run("\"use strict\";\nfunction f() { return typeof this; }\nprint(f());");
    assert_eq!(lines(&strict), ["undefined"], "{strict:?}");
    let sloppy = engine.run("function f() { return typeof this; }\nprint(f());");
    assert!(matches!(&sloppy.end, End::Unsupported(why) if why.contains("strict mode")), "{sloppy:?}");
    // Hosts that also run sloppy code still refuse a strict program whose directive the prelude hides.
    let Some(gjs) = installed("gjs") else { return };
    assert!(!gjs.entry().strict_only());
    assert!(matches!(gjs.run("\"use strict\";\nprint(1);").end, End::Unsupported(_)));
}
