//! Issue 3, item 7: the reference interpreter and Boa agree on generated programs, except for
//! divergences matching an entry of `known-divergences.toml`.
//!
//! Matching: every entry's one-line `repro` (its trailing `// ...` comment stripped) is run on both
//! engines and its exact reduction target computed: the [`DivergenceClass`] (engines blamed, kind
//! of difference, each engine's end) and the [`Detail`] of what differs (the words of the differing
//! line, or the extra line one engine printed, with integers abstracted). A generated program that
//! diverges is accepted only when its class equals a known repro's and so does the reference's side
//! of the detail (what `ref` printed there, e.g. `ReferenceError`; Boa's side is whatever the
//! program happened to print next). Anything else is reduced; the reduced program is accepted when
//! entries' `pattern`s recognise it (as campaigns do: [`harness::KnownDivergences::recognise`]), as
//! a known bug in another shape often prints other values than its repro. Otherwise it is printed,
//! so that a person can add a known entry or fix the interpreter. Poisoned runs (an engine
//! exhausted or unsupported) fail too: generated programs must run on both.

use std::time::Duration;

use generator::{Config, Program, Size};
use harness::reduce::{Detail, Target};
use harness::{
    engine_by_name, reduce, repro_program, DivergenceClass, Engine, KnownDivergences, ReduceOptions, Signature, Trial,
    Verdict,
};

/// Generated programs checked (small size, seeds `0..SEEDS`).
const SEEDS: u64 = 60;

fn engines() -> Vec<Box<dyn Engine>> {
    ["ref", "boa"].iter().map(|name| engine_by_name(name).expect("registered engine")).collect()
}

/// `(entry's program, exact target of its repro)` for every known entry whose repro diverges: the
/// divergence class and what differs (the words of the differing line, integers abstracted).
fn known_targets(engines: &[Box<dyn Engine>], known: &KnownDivergences) -> Vec<(String, Target)> {
    let mut targets = Vec::new();
    for entry in known.entries() {
        let Some(program) = repro_program(&entry.repro) else { continue };
        if let Some(target) = Target::exact(&Trial::run(engines, program)) {
            eprintln!("known `{}`: {} {:?}", entry.program, target.class, target.detail);
            targets.push((entry.program.clone(), target));
        }
    }
    targets
}

/// Same class, and the reference printed (or ended with) the same thing: what the wrong engine
/// printed in its place depends on whatever the generated program does next, what the reference
/// printed says which rule the program exercised.
fn same_bug(known: &Target, found: &Target) -> bool {
    let reference_side = |target: &Target| match &target.detail {
        Some(Detail::Words(words)) => {
            Some(Detail::Words(words.iter().filter(|(engine, _)| engine == "ref").cloned().collect()))
        }
        other => other.clone(),
    };
    known.class == found.class && reference_side(known) == reference_side(found)
}

#[test]
fn reference_and_boa_agree_on_generated_programs_except_known_divergences() {
    let engines = engines();
    let list = corpus::load_known_divergences().expect("the known-divergence list loads");
    let known = known_targets(&engines, &list);
    let cfg = Config::sized(Size::Small);
    let mut failures = Vec::new();
    let (mut agreed, mut explained) = (0, 0);
    for seed in 0..SEEDS {
        let text = Program::from_seed(seed, &cfg).to_string();
        let trial = Trial::run(&engines, &text);
        if let Verdict::Poisoned { reason } = &trial.verdict {
            failures.push(format!("seed {seed}: poisoned run ({reason})\n{text}"));
            continue;
        }
        let Some(class) = DivergenceClass::of(&trial) else {
            agreed += 1;
            continue;
        };
        let target = Target::exact(&trial);
        let matching: Vec<&str> = known
            .iter()
            .filter(|(_, known)| target.as_ref().is_some_and(|target| same_bug(known, target)))
            .map(|(program, _)| program.as_str())
            .collect();
        if !matching.is_empty() {
            let detail = Detail::of(&trial);
            eprintln!("seed {seed}: {class} ({detail:?}), as known entries {matching:?}");
            explained += 1;
            continue;
        }
        let target = Signature::new(class.clone(), &text);
        let options = ReduceOptions { time_limit: Some(Duration::from_secs(60)), ..ReduceOptions::default() };
        let reduced = match reduce(&text, &engines, &target, &options) {
            Ok(reduced) => reduced.reduction.program,
            Err(e) => {
                failures.push(format!("seed {seed}: divergence {class} (not reduced: {e}):\n{text}\n"));
                continue;
            }
        };
        let recognised = list.recognise(&reduced, &Trial::run(&engines, &reduced));
        if !recognised.is_empty() {
            let entries: Vec<&str> = recognised.iter().map(|&i| list.entries()[i].program.as_str()).collect();
            eprintln!("seed {seed}: {class}, reduced to a program the patterns of {entries:?} recognise:\n{reduced}");
            explained += 1;
            continue;
        }
        failures.push(format!("seed {seed}: divergence {class} matches no known entry; reduced program:\n{reduced}\n"));
    }
    eprintln!("{agreed} agreed, {explained} diverged as known entries, {} unexplained", failures.len());
    assert!(
        failures.is_empty(),
        "{} generated programs diverge unexpectedly:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn repro_comments_are_stripped() {
    assert_eq!(repro_program("print(1)  // node: 1, boa: 2"), Some("print(1)"));
    assert_eq!(repro_program("print('a//b') // c"), Some("print('a//b')"));
    assert_eq!(repro_program("https://github.com/boa-dev/boa/issues/1"), None);
}
