//! The lifetime oracle end to end: the reference interpreter classifies probed objects, and a
//! collector that frees a live captured object too early (`test-early-gc`) is caught as a
//! `lifetime` divergence, while engines that keep or free `retained` objects are never blamed.

use harness::engines::{ReferenceEngine, EARLY_GC_ENGINE};
use harness::{compare, engine_by_name, Difference, Engine, Verdict};

const CAPTURED: &str = include_str!("../../corpus/programs/lifetime/captured-state-outlives-call.js");
const SIBLING: &str = include_str!("../../corpus/programs/lifetime/sibling-closure-shared-scope.js");

fn outcomes(engines: &[Box<dyn Engine>], source: &str) -> Vec<(String, harness::Outcome)> {
    engines.iter().map(|engine| (engine.name().to_owned(), engine.run(source))).collect()
}

#[test]
fn a_collector_that_frees_a_live_captured_object_is_a_lifetime_divergence() {
    let engines: Vec<Box<dyn Engine>> =
        vec![Box::new(ReferenceEngine::default()), Box::new(ReferenceEngine::early_gc())];
    let runs = outcomes(&engines, CAPTURED);
    assert_eq!(runs[0].1.output, ["1 2", "lifetime state kept live", "3"], "the reference keeps it and says why");
    assert_eq!(runs[1].1.output, ["1 2", "lifetime state collected", "3"], "the broken collector drops it");
    let Verdict::Diverge { first_difference: Difference::Lifetime { premature } } = compare(&runs) else {
        panic!("expected a lifetime divergence: {runs:?}")
    };
    assert_eq!(premature.len(), 1);
    assert_eq!(premature[0].engine, EARLY_GC_ENGINE);
    assert_eq!(premature[0].probe, "state");
}

#[test]
fn keeping_or_freeing_a_retained_object_is_never_a_divergence() {
    let engines: Vec<Box<dyn Engine>> =
        ["ref", "boa", "quickjs"].iter().map(|name| engine_by_name(name).expect("embedded engine")).collect();
    let runs = outcomes(&engines, SIBLING);
    let probes: Vec<&str> = runs.iter().map(|(_, outcome)| outcome.output[0].as_str()).collect();
    // Boa's closures share their scope; QuickJS captures variable by variable.
    assert_eq!(probes, ["lifetime big kept retained", "lifetime big kept", "lifetime big collected"]);
    assert_eq!(compare(&runs), Verdict::Agree);
}

/// Issue 7's acceptance: a campaign on generated programs (whose lifetime category probes captured
/// objects) catches the broken collector well within 60 seconds, as a `lifetime` finding blaming it.
#[test]
fn a_campaign_catches_the_early_collector() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("findings");
    let started = std::time::Instant::now();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_closure-diff"))
        .args(["fuzz", "--known", "none", "--engines", &format!("ref,{EARLY_GC_ENGINE}")])
        .args(["--iterations", "200", "--size", "small", "--seed", "1", "--out"])
        .arg(&out)
        .output()
        .expect("the binary runs");
    assert!(output.status.code().is_some(), "{}", String::from_utf8_lossy(&output.stderr));
    let lifetime: Vec<serde_json::Value> = std::fs::read_dir(&out)
        .expect("findings written")
        .filter_map(|entry| std::fs::read_to_string(entry.ok()?.path().join("finding.json")).ok())
        .map(|text| serde_json::from_str::<serde_json::Value>(&text).expect("finding.json is JSON"))
        .filter(|finding| finding["class"]["kind"] == "lifetime")
        .collect();
    assert!(
        !lifetime.is_empty(),
        "no lifetime finding after {:.0} s:\n{}",
        started.elapsed().as_secs_f64(),
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(started.elapsed().as_secs() <= 60, "caught within a 60-second campaign");
    for finding in &lifetime {
        assert_eq!(finding["class"]["engines"], serde_json::json!([EARLY_GC_ENGINE]), "{finding}");
    }
}
