//! Issue 3, item 7: the reference interpreter and Boa agree on generated programs, except for
//! divergences matching an entry of `known-divergences.toml`.
//!
//! Matching: every entry's one-line `repro` (its trailing `// ...` comment stripped) is run on both
//! engines and its [`DivergenceClass`] computed. A generated program that diverges is accepted when
//! its class (engines blamed, kind of difference, and each engine's end such as `threw TypeError`
//! for end differences, or which engines' output had ended for output differences) equals the class
//! of some known repro. [`harness::reduce`] keeps a divergence's class fixed, so the class of the
//! reduced program is the class of the original: the test only spends time reducing divergences
//! that match nothing, and prints the reduced program so that a person can add a known entry.
//! Poisoned runs (an engine exhausted or unsupported) fail too: generated programs must run on both.

use std::time::Duration;

use generator::{Config, Program, Size};
use harness::reduce::Detail;
use harness::{
    engine_by_name, reduce, repro_program, DivergenceClass, Engine, ReduceOptions, Signature, Trial, Verdict,
};

/// Generated programs checked (small size, seeds `0..SEEDS`).
const SEEDS: u64 = 60;

fn engines() -> Vec<Box<dyn Engine>> {
    ["ref", "boa"].iter().map(|name| engine_by_name(name).expect("registered engine")).collect()
}

/// `(entry's program, class of its repro)` for every known entry whose repro diverges.
fn known_classes(engines: &[Box<dyn Engine>]) -> Vec<(String, DivergenceClass)> {
    let known = corpus::load_known_divergences().expect("the known-divergence list loads");
    let classes = known.repro_classes(engines);
    for (program, class) in &classes {
        eprintln!("known `{program}`: {class}");
    }
    classes
}

#[test]
fn reference_and_boa_agree_on_generated_programs_except_known_divergences() {
    let engines = engines();
    let known = known_classes(&engines);
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
        let matching: Vec<&str> =
            known.iter().filter(|(_, known)| *known == class).map(|(program, _)| program.as_str()).collect();
        if !matching.is_empty() {
            // The class is coarse (with two engines, every differing line where both printed is
            // `boa+ref output`), so say what differed to let a reader check the match.
            let detail = Detail::of(&trial);
            eprintln!("seed {seed}: {class} ({detail:?}), the class of known entries {matching:?}");
            explained += 1;
            continue;
        }
        let target = Signature::new(class.clone(), &text);
        let options = ReduceOptions { time_limit: Some(Duration::from_secs(60)), ..ReduceOptions::default() };
        let reduced = match reduce(&text, &engines, &target, &options) {
            Ok(reduced) => reduced.reduction.program,
            Err(e) => format!("(not reduced: {e})\n{text}"),
        };
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
