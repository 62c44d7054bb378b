//! End-to-end tests of `closure-diff fuzz`: fault isolation with engines that misbehave on purpose,
//! findings on disk, resume, and stopping with Ctrl-C.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use generator::{Config, Program, Size};
use serde_json::Value;

fn closure_diff() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_closure-diff"));
    // No known-divergence list: the corpus one is looked up relative to the current directory.
    command.arg("fuzz").arg("--known").arg("none");
    command
}

fn run(command: &mut Command) -> Output {
    let output = command.output().expect("the binary runs");
    eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    serde_json::from_str(&text).expect("valid JSON")
}

/// The finding directories in `out`, by name, with their `finding.json`.
fn findings(out: &Path) -> BTreeMap<String, Value> {
    fs::read_dir(out)
        .expect("the output directory exists")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.is_dir())
        .map(|path| {
            let name = path.file_name().expect("a name").to_string_lossy().into_owned();
            assert!(!name.starts_with(".tmp-"), "a temporary directory was left behind: {name}");
            for file in ["original.js", "reduced.js", "README.md"] {
                assert!(path.join(file).is_file(), "{name} has no {file}");
            }
            (name, read_json(&path.join("finding.json")))
        })
        .collect()
}

/// Lines that occur in exactly the programs `wanted` (by index) among `programs`, longest first.
fn lines_only_in(programs: &[String], wanted: &[usize]) -> Vec<String> {
    let mut lines: Vec<String> = programs[wanted[0]]
        .lines()
        .map(str::trim)
        .filter(|line| line.len() >= 12)
        .filter(|line| {
            programs.iter().enumerate().all(|(index, program)| program.contains(line) == wanted.contains(&index))
        })
        .map(str::to_owned)
        .collect();
    lines.sort_by_key(|line| std::cmp::Reverse(line.len()));
    lines
}

/// A hang that does not happen again on the re-run (test-loop hangs only once here, as a loaded
/// machine makes engines do) is counted as flaky, not reported as the engine's.
#[test]
fn a_hang_that_does_not_come_back_is_flaky_not_a_finding() {
    let programs: Vec<String> =
        (0..2).map(|index| Program::from_seed(index, &Config::sized(Size::Small)).to_string()).collect();
    let hang = lines_only_in(&programs, &[0]).into_iter().next().expect("program 0 has a line of its own");
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let output = run(closure_diff()
        .env("CLOSURE_DIFF_TEST_MARKER_LOOP", &hang)
        .env("CLOSURE_DIFF_TEST_LOOP_ONCE", dir.path().join("hung"))
        .args(["--engines", "ref,test-loop", "--size", "small", "--seed", "0", "--iterations", "2"])
        .args(["--jobs", "1", "--timeout", "1"])
        .arg("--out")
        .arg(&out));
    let text = stdout(&output);
    assert!(dir.path().join("hung").exists(), "test-loop never hung\n{text}");
    assert_eq!(output.status.code(), Some(0), "no finding\n{text}");
    assert!(findings(&out).is_empty(), "{text}");
    let summary = read_json(&out.join("summary.json"));
    assert_eq!(summary["session"]["flaky"], 1, "{summary}");
}

/// njs runs only strict code and gjs no strict script: a campaign on both would poison every
/// program, so it refuses to start (exit 2) and writes nothing.
#[test]
fn engines_without_a_program_in_common_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let output = run(closure_diff().args(["--engines", "ref,njs,gjs", "--iterations", "1"]).arg("--out").arg(&out));
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("only strict code runs on njs, and no strict script runs on gjs"), "{message}");
    assert!(!out.exists(), "nothing is written");
}

/// Whether process `pid` still runs (a zombie, dead and waiting for its reaper, does not).
fn running(pid: u32) -> bool {
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else { return false };
    let state = stat.rsplit_once(") ").and_then(|(_, rest)| rest.chars().next());
    state != Some('Z')
}

/// An external engine that goes on past the campaign's time limit: the campaign kills the worker
/// running it together with everything the worker started, so the engine does not go on running
/// (an orphaned njs in an endless loop once grew to 9 GiB).
#[test]
fn a_killed_worker_takes_its_external_engine_with_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pids = dir.path().join("pids");
    let engines = dir.path().join("engines.toml");
    // A stand-in engine that records its pid and never answers; its own limit (60 s) is far above
    // the campaign's (1 s), so only the campaign can end it.
    let entry = format!(
        "[engines.stuck]\ncommand = [\"sh\"]\nargs = [\"-c\", \"echo $$ >> '{}'; exec sleep 60\", \"stuck\"]\n\
         profile = \"full\"\nhost = \"script\"\ntimeout = 60\n",
        pids.display()
    );
    fs::write(&engines, entry).expect("write engines.toml");
    let out = dir.path().join("out");
    let output = run(closure_diff()
        .env("CLOSURE_DIFF_ENGINES", &engines)
        .args(["--engines", "ref,stuck", "--size", "small", "--seed", "0", "--iterations", "1", "--jobs", "1"])
        .args(["--timeout", "1", "--reduce-time", "1"])
        .arg("--out")
        .arg(&out));
    let text = stdout(&output);
    let started: Vec<u32> =
        fs::read_to_string(&pids).unwrap_or_default().lines().map(|line| line.trim().parse().expect("a pid")).collect();
    assert!(!started.is_empty(), "the stand-in engine never ran\n{text}");
    let deadline = Instant::now() + Duration::from_secs(2);
    while started.iter().any(|&pid| running(pid)) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let left: Vec<u32> = started.iter().copied().filter(|&pid| running(pid)).collect();
    for &pid in &left {
        // SAFETY: kill(2) touches no memory; the test cleans up after a failure.
        unsafe { libc::kill(pid as i32, libc::SIGKILL) };
    }
    assert!(left.is_empty(), "the engine processes {left:?} outlived their killed workers\n{text}");
    assert!(findings(&out).contains_key("stuck-hang"), "the hang is a finding\n{text}");
}

/// A campaign on `ref` and three engines that panic, hang and abort on markers picked from the
/// programs it will generate, so that each misbehaves on its own programs: the campaign survives
/// all three, restarts the workers, and writes each problem exactly once.
#[test]
fn the_campaign_survives_a_panic_a_hang_and_an_abort_and_reports_each_once() {
    const SEED: u64 = 4000;
    const COUNT: usize = 8;
    let programs: Vec<String> = (0..COUNT as u64)
        .map(|index| Program::from_seed(SEED + index, &Config::sized(Size::Small)).to_string())
        .collect();
    // Program 0 hangs test-loop, program 1 aborts test-abort, and test-panic panics on a line
    // shared by several later programs if there is one (so it is deduplicated), else on program 2.
    let hang = lines_only_in(&programs, &[0]).into_iter().next().expect("program 0 has a line of its own");
    let abort = lines_only_in(&programs, &[1]).into_iter().next().expect("program 1 has a line of its own");
    let panic = (2..COUNT)
        .flat_map(|first| ((first + 1)..COUNT).flat_map(move |second| [(first, second)]).collect::<Vec<_>>())
        .find_map(|(first, second)| lines_only_in(&programs, &[first, second]).into_iter().next())
        .or_else(|| lines_only_in(&programs, &[2]).into_iter().next())
        .expect("a line for the panic");

    let out = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let output = run(closure_diff()
        .env("CLOSURE_DIFF_TEST_MARKER_LOOP", &hang)
        .env("CLOSURE_DIFF_TEST_MARKER_ABORT", &abort)
        .env("CLOSURE_DIFF_TEST_MARKER_PANIC", &panic)
        .args(["--engines", "ref,test-panic,test-loop,test-abort", "--size", "small", "--jobs", "2"])
        .args(["--seed", &SEED.to_string(), "--iterations", &COUNT.to_string()])
        .args(["--timeout", "1.5", "--reduce-time", "1"])
        .arg("--out")
        .arg(out.path()));
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "new findings make the exit code 1\n{text}");
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());

    let found = findings(out.path());
    let names: Vec<&str> = found.keys().map(String::as_str).collect();
    assert_eq!(found.len(), 3, "one finding per misbehaving engine: {names:?}\n{text}");
    assert_eq!(found["test-loop-hang"]["kind"], "hang");
    assert_eq!(found["test-loop-hang"]["blame"]["engines"], serde_json::json!(["test-loop"]));
    assert_eq!(found["test-loop-hang"]["outcomes"]["test-loop"]["status"], "exhausted");
    let crash_of = |engine: &str| {
        let (name, finding) = found
            .iter()
            .find(|(_, finding)| finding["blame"]["engines"] == serde_json::json!([engine]))
            .unwrap_or_else(|| panic!("no finding blames {engine}: {names:?}"));
        assert_eq!(finding["kind"], "crash", "{name}: {finding:#}");
        assert_eq!(finding["outcomes"][engine]["status"], "crashed", "{name}");
        assert!(!fs::read_to_string(out.path().join(name).join("reduced.js")).expect("read").is_empty());
        finding["outcomes"][engine]["detail"].as_str().expect("a detail").to_owned()
    };
    assert_eq!(crash_of("test-panic"), "panicked: test-panic found its marker");
    assert!(crash_of("test-abort").starts_with("worker died (signal 6 (SIGABRT))"));

    let summary = read_json(&out.path().join("summary.json"));
    assert_eq!(summary["session"]["programs"], COUNT as u64);
    assert_eq!(summary["session"]["new_findings"], 3);
    assert!(summary["worker_restarts"].as_u64().expect("a count") >= 2, "{summary}");
    assert!(text.contains("test-loop-hang"), "{text}");
    assert_eq!(read_json(&out.path().join("state.json"))["next_index"], COUNT as u64);

    // Resumed, the campaign runs the next programs and reports none of the three again.
    let output = run(closure_diff()
        .env("CLOSURE_DIFF_TEST_MARKER_LOOP", &hang)
        .env("CLOSURE_DIFF_TEST_MARKER_ABORT", &abort)
        .env("CLOSURE_DIFF_TEST_MARKER_PANIC", &panic)
        .args(["--resume", "--iterations", "2", "--timeout", "1.5", "--jobs", "1"])
        .arg("--out")
        .arg(out.path()));
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let state = read_json(&out.path().join("state.json"));
    assert_eq!(state["next_index"], COUNT as u64 + 2);
    assert_eq!(state["tally"]["programs"], COUNT as u64 + 2);
    assert_eq!(findings(out.path()).len(), 3);
}

/// Runaway allocation and native stack overflow kill the worker; the first is a poisoned
/// out-of-memory finding, the second a crash.
#[test]
fn memory_limits_and_stack_overflows_are_isolated() {
    let out = tempfile::tempdir().expect("temp dir");
    let output = run(closure_diff()
        .env("CLOSURE_DIFF_TEST_MARKER_ALLOC", "print")
        .env("CLOSURE_DIFF_TEST_MARKER_OVERFLOW", "print")
        .args(["--engines", "ref,test-alloc,test-overflow", "--size", "small", "--jobs", "1"])
        .args(["--seed", "11", "--iterations", "2", "--memory-limit", "1024", "--reduce-time", "0"])
        .arg("--out")
        .arg(out.path()));
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let found = findings(out.path());
    let oom = &found["test-alloc-out-of-memory"];
    assert_eq!(oom["kind"], "out-of-memory");
    assert_eq!(oom["outcomes"]["test-alloc"]["detail"], "memory");
    let crash = found.values().find(|finding| finding["kind"] == "crash").expect("a crash finding");
    assert_eq!(crash["blame"]["engines"], serde_json::json!(["test-overflow"]));
    let detail = crash["outcomes"]["test-overflow"]["detail"].as_str().expect("a detail");
    assert!(detail.ends_with("native stack overflow"), "{detail}");
    assert_eq!(found.len(), 2, "{:?}", found.keys().collect::<Vec<_>>());
}

/// A campaign of `iterations` small programs on `ref` and the external engine `engine`, with
/// `extra` flags: its output and `summary.json`; `None`, saying so, when the engine is not installed.
fn small_campaign_with(engine: &str, iterations: u32, extra: &[&str]) -> Option<(Output, Value)> {
    if let Err(err) = harness::engine_by_name(engine) {
        let _ = writeln!(std::io::stderr(), "skipped: {err}");
        return None;
    }
    let out = tempfile::tempdir().expect("temp dir");
    let output = run(closure_diff()
        .args(["--engines", &format!("ref,{engine}"), "--size", "small", "--jobs", "1", "--seed", "5"])
        .args(["--iterations", &iterations.to_string(), "--reduce-time", "0"])
        .args(extra)
        .arg("--out")
        .arg(out.path()));
    let summary = read_json(&out.path().join("summary.json"));
    Some((output, summary))
}

/// External engines run without the workers' address-space limit: JavaScriptCore reserves more
/// address space at start than the limit allows and aborted on every program under it, which the
/// campaign reported as crashes. Skipped, saying so, without `jsc`.
#[test]
fn external_engines_are_not_held_to_the_memory_limit() {
    let Some((output, summary)) = small_campaign_with("jsc", 3, &["--memory-limit", "1024"]) else { return };
    assert_eq!(summary["session"]["programs"], 3, "{}", stdout(&output));
    assert_eq!(summary["session"]["crashed"], 0, "{}", stdout(&output));
}

/// A campaign on an ES5 engine generates ES5 programs: full-profile ones were all poisoned (`let`,
/// classes...). Skipped, saying so, without `duktape`.
#[test]
fn a_campaign_generates_the_profile_all_its_engines_run() {
    let Some((output, summary)) = small_campaign_with("duktape", 4, &[]) else { return };
    assert_eq!(summary["profile"], "es5", "{}", stdout(&output));
    assert!(stdout(&output).contains("profile es5"), "{}", stdout(&output));
    let unsupported = summary["poison_reasons"].as_array().expect("a list").iter().any(|reason| {
        reason[0].as_str().is_some_and(|text| text.contains("lacks `let`") || text.contains("lacks `class`"))
    });
    assert!(!unsupported, "{}", stdout(&output));
}

/// Programs for njs leave out what it lacks beyond its es2015 profile (classes, generators, eval,
/// default parameters, for-of, Annex B block functions, sloppy mode), so they run there instead of
/// being unsupported. Skipped, saying so, without `njs`.
#[test]
fn a_campaign_leaves_out_the_constructs_an_engine_lacks() {
    let Some((output, summary)) = small_campaign_with("njs", 8, &[]) else { return };
    let text = stdout(&output);
    assert_eq!(summary["profile"], "es2015", "{text}");
    let without: Vec<&str> = summary["without"].as_array().expect("a list").iter().filter_map(|c| c.as_str()).collect();
    for construct in
        ["block-functions", "classes", "generators", "eval-with", "default-params", "for-of", "sloppy-mode"]
    {
        assert!(without.contains(&construct), "{without:?}");
    }
    assert!(text.contains("profile es2015 without block-functions,"), "{text}");
    let reasons = summary["poison_reasons"].as_array().expect("a list");
    let outside = |reason: &Value| {
        let why = ["lacks", "syntax error", "Annex B", "strict mode", "directive"];
        reason[0].as_str().is_some_and(|text| why.iter().any(|why| text.contains(why)))
    };
    assert!(!reasons.iter().any(outside), "{text}");
}

/// Ctrl-C stops the campaign cleanly: it finishes the programs in flight, saves its state and
/// prints the summary; a resumed campaign continues from the saved index.
#[test]
fn ctrl_c_stops_cleanly_and_resume_continues() {
    let out = tempfile::tempdir().expect("temp dir");
    let child = closure_diff()
        .args(["--engines", "ref", "--size", "small", "--jobs", "1", "--seed", "3", "--time", "60"])
        .arg("--out")
        .arg(out.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let state = out.path().join("state.json");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !state.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(state.exists(), "the campaign saves its state within a second or two");
    let pid = libc::pid_t::try_from(child.id()).expect("a pid");
    // SAFETY: sending SIGINT to our own child process.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let output = child.wait_with_output().expect("the campaign ends");
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}{}", String::from_utf8_lossy(&output.stderr));
    assert!(text.contains("(interrupted)"), "{text}");
    let summary = read_json(&out.path().join("summary.json"));
    assert_eq!(summary["interrupted"], true);
    let ran = summary["session"]["programs"].as_u64().expect("a count");
    assert!(ran > 0);
    let saved = read_json(&state);
    assert_eq!(saved["next_index"], ran, "every program before the watermark ran, none after it");

    let output = run(closure_diff().args(["--resume", "--iterations", "3"]).arg("--out").arg(out.path()));
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(read_json(&state)["next_index"], ran + 3);
    assert_eq!(read_json(&out.path().join("summary.json"))["total"]["programs"], ran + 3);
}

#[test]
fn resume_refuses_to_change_the_campaign_and_needs_a_state() {
    let out = tempfile::tempdir().expect("temp dir");
    let output = run(closure_diff().args(["--resume", "--iterations", "1"]).arg("--out").arg(out.path()));
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no campaign to resume"));
    let output =
        run(closure_diff().args(["--engines", "ref", "--seed", "1", "--iterations", "1"]).arg("--out").arg(out.path()));
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let output =
        run(closure_diff().args(["--resume", "--seed", "2", "--iterations", "1"]).arg("--out").arg(out.path()));
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("drop --seed"));
}

/// Large programs mostly diverge on known Boa and QuickJS bugs, which hide what those engines do
/// after them: the campaign runs each such program again without the snippet behind its divergence
/// (unmasking), and triages what that shows, unless `--no-unmask` says not to.
#[test]
fn programs_diverging_on_known_bugs_are_unmasked_unless_disabled() {
    let known = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/known-divergences.toml");
    let campaign = |extra: &[&str]| {
        let out = tempfile::tempdir().expect("temp dir");
        let output = run(Command::new(env!("CARGO_BIN_EXE_closure-diff"))
            .args(["fuzz", "--known", known, "--engines", "ref,boa,quickjs", "--size", "large", "--jobs", "1"])
            .args(["--seed", "777", "--iterations", "4", "--reduce-time", "1"])
            .args(extra)
            .arg("--out")
            .arg(out.path()));
        (stdout(&output), read_json(&out.path().join("summary.json"))["session"].clone())
    };
    let count = |session: &Value, field: &str| session[field].as_u64().unwrap_or_else(|| panic!("no {field}"));
    let (text, on) = campaign(&[]);
    assert!(count(&on, "known") > 0, "{text}");
    assert!(count(&on, "unmasked") > 0, "{text}");
    assert!(text.contains("unmasked: "), "{text}");
    let (text, off) = campaign(&["--no-unmask"]);
    assert_eq!(count(&off, "unmasked"), 0, "{text}");
    assert!(!text.contains("unmasked: "), "{text}");
    // The unmasked programs' divergences are triaged too: known bugs counted again, not lost.
    assert!(
        count(&on, "known") + count(&on, "duplicates") > count(&off, "known") + count(&off, "duplicates"),
        "{on} {off}"
    );
    assert_eq!(count(&on, "programs"), count(&off, "programs"));
}

/// Two programs in which `test-lie` prints `lie` for the line `x`, the second printing `y` after
/// `x` in a snippet that does not depend on the one printing `x`: the first gives a finding at
/// `x`; in the second, `x` is that finding again, and unmasking it shows the lie at `y`.
#[test]
fn unmasking_finds_a_second_bug_behind_one_already_found() {
    use harness::engine::Engine;
    use harness::fuzz::unmask::without_first_difference;
    use harness::outcome::Outcome;
    use harness::trial::Trial;

    let reference = harness::ReferenceEngine::default();
    let run_ref = |program: &Program| reference.run(&program.to_string());
    let usable = |line: &String| !line.contains('|') && !line.starts_with("lifetime ") && line != "lie";
    let lie_about = |outcome: &Outcome, lies: &[&String]| {
        let output =
            outcome.output.iter().map(|line| if lies.contains(&line) { "lie".to_owned() } else { line.clone() });
        Outcome { output: output.collect(), end: outcome.end.clone() }
    };
    let before = |output: &[String], first: &String, second: &String| {
        output.iter().position(|line| line == first)
            < output.iter().position(|line| line == second).or(Some(usize::MAX))
    };
    let config = Config::sized(Size::Small);
    let (seed, x, y) = (6000..6200u64)
        .find_map(|seed| {
            let (first, second) = (Program::from_seed(seed, &config), Program::from_seed(seed + 1, &config));
            let (first_run, second_run) = (run_ref(&first), run_ref(&second));
            second_run.output.iter().filter(|x| usable(x) && first_run.output.contains(x)).find_map(|x| {
                let outcomes =
                    vec![("ref".to_owned(), second_run.clone()), ("test-lie".to_owned(), lie_about(&second_run, &[x]))];
                let trial = Trial::from_outcomes(outcomes);
                let rest = run_ref(&without_first_difference(&second, &trial)?.program);
                let y = rest.output.iter().find(|y| usable(y) && *y != x)?;
                let fits = !rest.output.contains(x)
                    && before(&first_run.output, x, y)
                    && before(&second_run.output, x, y)
                    && second_run.output.contains(y);
                fits.then(|| (seed, x.clone(), y.clone()))
            })
        })
        .expect("two programs to lie about among 200 seeds");

    let out = tempfile::tempdir().expect("temp dir");
    let output = run(closure_diff()
        .env("CLOSURE_DIFF_TEST_MARKER_LIE", format!("{x}|{y}"))
        .args(["--engines", "ref,test-lie", "--size", "small", "--jobs", "1", "--reduce-time", "0"])
        .args(["--seed", &seed.to_string(), "--iterations", "2"])
        .arg("--out")
        .arg(out.path()));
    let text = stdout(&output);
    let found = findings(out.path());
    assert_eq!(found.len(), 2, "{text}");
    let unmasked: Vec<(&String, &Value)> = found
        .iter()
        .filter(|(_, finding)| finding["origin"]["unmasked"].as_array().is_some_and(|notes| notes.len() == 1))
        .collect();
    assert_eq!(unmasked.len(), 1, "one finding comes from unmasking: {found:#?}");
    let (name, finding) = unmasked[0];
    let difference = finding["difference"].as_str().expect("a difference");
    assert!(difference.contains(&format!("ref: {y:?}; test-lie: \"lie\"")), "{name}: {difference}");
    let readme = fs::read_to_string(out.path().join(name).join("README.md")).expect("read");
    assert!(readme.contains("unmasking"), "{readme}");
    let summary = read_json(&out.path().join("summary.json"));
    assert_eq!(summary["session"]["unmasked"], 1, "{text}");
}

/// A known-divergence list of one's own may name a third-party engine: a campaign on `ref` and
/// mujs with `corpus/third-party/mujs-known.toml` counts mujs's bugs on file as known instead of
/// reporting them again in every new shape. Skipped, saying so, without `mujs`.
#[test]
fn a_list_of_ones_own_quiets_a_third_party_engines_bugs_on_file() {
    let list = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/third-party/mujs-known.toml"));
    if let Err(err) = harness::engine_by_name("mujs") {
        let _ = writeln!(std::io::stderr(), "skipped: {err}");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let campaign = |known: &Path, out: &str| {
        let out = dir.path().join(out);
        let output = run(Command::new(env!("CARGO_BIN_EXE_closure-diff"))
            .args(["fuzz", "--engines", "ref,mujs", "--size", "small", "--seed", "77", "--iterations", "60"])
            .args(["--jobs", "2", "--reduce-time", "1", "--known"])
            .arg(known)
            .arg("--out")
            .arg(&out));
        (stdout(&output), read_json(&out.join("summary.json"))["session"].clone())
    };
    let (text, without) = campaign(Path::new("none"), "without");
    let (listed_text, with) = campaign(list, "with");
    let count = |session: &Value, field: &str| session[field].as_u64().unwrap_or_else(|| panic!("no {field}"));
    assert_eq!(count(&without, "known"), 0, "{text}");
    assert!(count(&with, "known") > 0, "{listed_text}");
    assert!(count(&with, "new_findings") < count(&without, "new_findings"), "{listed_text}\n{text}");
    // The bugs counted are the list's (which of them these programs show depends on the generator).
    assert!(listed_text.contains("known: mujs/") && listed_text.contains(" on mujs x"), "{listed_text}");
}

/// The known divergences' repros are signed once per output directory: a second campaign in the
/// same directory reads their signatures from `known-signatures.json`, and a cache made with
/// anything else (here: a different setup line, then a damaged file) is signed again, the same.
#[test]
fn known_repros_are_signed_once_per_output_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let list = dir.path().join("known.toml");
    // Boa throws ReferenceError instead of reading `arguments` (a listed Boa bug).
    let repro = "function f(g = () => typeof arguments) { var arguments; print(typeof arguments); print(g()); } f();";
    fs::write(
        &list,
        format!(
            "[[divergence]]\nprogram = \"p.js\"\nengine = \"boa\"\ndiffers = \"d\"\nwhy = \"w\"\nrepro = '{repro}'\n"
        ),
    )
    .expect("list written");
    let out = dir.path().join("out");
    let campaign = || {
        let output = run(Command::new(env!("CARGO_BIN_EXE_closure-diff"))
            .args(["fuzz", "--known"])
            .arg(&list)
            .args(["--engines", "ref,boa", "--size", "small", "--seed", "1", "--iterations", "1", "--jobs", "1"])
            .arg("--out")
            .arg(&out));
        assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
        let summary = read_json(&out.join("summary.json"));
        let repros = &summary["known_repros"];
        (repros["signed"].as_u64().expect("signed"), repros["cached"].as_u64().expect("cached"), stdout(&output))
    };
    let cache = out.join("known-signatures.json");

    let (signed, cached, text) = campaign();
    assert_eq!((signed, cached), (1, 0), "{text}");
    assert!(text.contains("known divergences: 1 repro signed"), "{text}");
    let first = read_json(&cache);
    let ids = first["repros"].as_object().expect("repros").values().next().expect("one repro").clone();
    assert!(ids.as_array().is_some_and(|ids| ids.len() == 2), "{first}");
    assert!(first["setup"].as_str().is_some_and(|setup| setup.ends_with("; ref; boa")), "{first}");

    let (signed, cached, text) = campaign();
    assert_eq!((signed, cached), (0, 1), "{text}");

    let mut stale = first.clone();
    stale["setup"] = Value::from("closure-diff 0.0.0; ref; boa");
    fs::write(&cache, stale.to_string()).expect("cache written");
    assert_eq!(campaign().0, 1);
    assert_eq!(read_json(&cache), first);

    fs::write(&cache, "{ not json").expect("cache written");
    assert_eq!(campaign().0, 1);
    assert_eq!(read_json(&cache), first);
}
