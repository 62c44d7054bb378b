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
