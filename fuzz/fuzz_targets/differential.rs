//! bytes -> generator -> every embedded engine -> comparator. Panics only on a divergence that no
//! entry of `corpus/known-divergences.toml` explains (matched by divergence class of its repro).
//! Run with `-detect_leaks=0`: Boa keeps some reference cycles alive until exit, which
//! LeakSanitizer would report on every input.
#![no_main]

use std::sync::OnceLock;

use arbitrary::Unstructured;
use generator::{Config, Program};
use harness::{engine_by_name, DivergenceClass, Engine, KnownDivergences, Trial, Verdict};
use libfuzzer_sys::fuzz_target;

fn engines() -> &'static [Box<dyn Engine>] {
    static ENGINES: OnceLock<Vec<Box<dyn Engine>>> = OnceLock::new();
    ENGINES.get_or_init(|| ["ref", "boa"].iter().map(|n| engine_by_name(n).expect("registered engine")).collect())
}

fn known_classes() -> &'static [(String, DivergenceClass)] {
    static KNOWN: OnceLock<Vec<(String, DivergenceClass)>> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/known-divergences.toml");
        let known = KnownDivergences::load(std::path::Path::new(path)).expect("the known-divergence list loads");
        known.repro_classes(engines())
    })
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(program) = Program::generate(&mut u, &Config::default()) else { return };
    let source = program.to_string();
    let trial = Trial::run(engines(), &source);
    if !matches!(trial.verdict, Verdict::Diverge { .. }) {
        return;
    }
    let Some(class) = DivergenceClass::of(&trial) else { return };
    if known_classes().iter().any(|(_, known)| *known == class) {
        return;
    }
    panic!("new divergence {class}:\n{source}\n{:?}", trial.outcomes);
});
