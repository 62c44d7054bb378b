//! The lifetime category: every probe gets, on the reference interpreter, the class its pattern is
//! built for (the probe's name says which: `live0`, `big1`, ...), alone and amid random code; the
//! programs complete; profiles without `WeakRef` never use the protocol.

use std::collections::BTreeMap;

use generator::{Category, Config, Profile, Program, Size};
use interpreter::{Completion, LifetimeClass, Limits, Observed};

/// The class a probe's name promises (see `gen/lifetime.rs`).
fn expected(name: &str) -> LifetimeClass {
    let role = name.trim_end_matches(|c: char| c.is_ascii_digit());
    match role {
        "live" | "small" => LifetimeClass::Live,
        "big" | "suspended" | "pending" => LifetimeClass::Retained,
        "garbage" | "dropped" | "finished" => LifetimeClass::Garbage,
        _ => panic!("unknown probe role in {name:?}"),
    }
}

fn lifetime_only(size: Size) -> Config {
    let mut cfg = Config::sized(size);
    for c in Category::ALL {
        if c != Category::Lifetime {
            cfg.set_weight(c, 0);
        }
    }
    cfg
}

/// Runs `text` on the reference interpreter and checks every probe's class and observation;
/// returns the roles seen with their classes.
fn check_probes(text: &str, what: &str, seen: &mut BTreeMap<String, usize>) {
    let out = interpreter::run(text, &Limits::default());
    assert_eq!(out.completion, Completion::Normal, "{what}\n{text}");
    let probe_lines: Vec<&String> = out.printed.iter().filter(|l| l.starts_with("lifetime ")).collect();
    assert_eq!(probe_lines.len(), out.lifetime.len(), "{what}: every probe prints one line");
    for (p, line) in out.lifetime.iter().zip(probe_lines) {
        let want = expected(&p.name);
        assert_eq!(p.class, Some(want), "{what}: probe {} ({line})\n{text}", p.name);
        // The reference collects exactly the unreachable objects.
        let observed = if want == LifetimeClass::Garbage { Observed::Collected } else { Observed::Kept };
        assert_eq!(p.observed, observed, "{what}: probe {}", p.name);
        let role = p.name.trim_end_matches(|c: char| c.is_ascii_digit()).to_string();
        *seen.entry(role).or_default() += 1;
    }
}

#[test]
fn every_pattern_alone_gets_the_class_it_expects() {
    let mut seen = BTreeMap::new();
    for size in [Size::Small, Size::Medium] {
        let cfg = lifetime_only(size);
        for seed in 0..150 {
            let text = Program::from_seed(seed, &cfg).to_string();
            check_probes(&text, &format!("lifetime-only {} seed {seed}", size.name()), &mut seen);
        }
    }
    for role in ["live", "small", "big", "suspended", "pending", "garbage", "dropped", "finished"] {
        assert!(seen.get(role).copied().unwrap_or(0) >= 5, "role {role} seen too rarely: {seen:?}");
    }
}

#[test]
fn probes_amid_random_code_keep_their_classes() {
    // Random code around the patterns (and the patterns' own random arguments and fillers) never
    // reaches the probed objects.
    let mut seen = BTreeMap::new();
    for (cfg, seeds) in [(Config::default(), 1000), (Config::sized(Size::Large), 100)] {
        for seed in 0..seeds {
            let text = Program::from_seed(seed, &cfg).to_string();
            check_probes(&text, &format!("default seed {seed}"), &mut seen);
        }
    }
    let cfg = Config::default();
    for seed in 0..200 {
        let text = Program::from_seed_swarm(seed, &cfg).to_string();
        check_probes(&text, &format!("swarm seed {seed}"), &mut seen);
    }
    assert!(seen.values().sum::<usize>() >= 100, "too few probes: {seen:?}");
}

#[test]
fn the_reference_prints_the_expected_probe_lines() {
    // One program per pattern, as the harness shows it: `lifetime NAME kept|collected`.
    let cfg = lifetime_only(Size::Small);
    let mut shown = BTreeMap::new();
    for seed in 0..100 {
        let text = Program::from_seed(seed, &cfg).to_string();
        let out = interpreter::run(&text, &Limits::default());
        for p in &out.lifetime {
            let role = p.name.trim_end_matches(|c: char| c.is_ascii_digit()).to_string();
            let line = out.printed.iter().find(|l| l.starts_with(&format!("lifetime {} ", p.name))).cloned();
            shown.entry(role).or_insert((line, p.class));
        }
    }
    for (role, (line, class)) in &shown {
        println!("{role}: {} [{class:?}]", line.as_deref().unwrap_or("?"));
        let word = if expected(role) == LifetimeClass::Garbage { "collected" } else { "kept" };
        assert!(line.as_deref().is_some_and(|l| l.ends_with(word)), "{role}: {line:?}");
    }
}

#[test]
fn lifetime_in_five_to_thirty_percent_of_default_programs() {
    let cfg = Config::default();
    let with = (0..1000).filter(|s| Program::from_seed(*s, &cfg).categories().contains(Category::Lifetime)).count();
    assert!((50..=300).contains(&with), "lifetime in {with} of 1000 default programs");
}

#[test]
fn profiles_without_weak_refs_never_use_the_protocol() {
    for profile in [Profile::Es5, Profile::Es2015] {
        let cfg = Config::with_profile(profile);
        assert!(!cfg.enabled().any(|c| c == Category::Lifetime));
        for seed in 0..300 {
            let text = Program::from_seed(seed, &cfg).to_string();
            for word in ["WeakRef", "afterGc", "lifetimeProbe"] {
                assert!(!text.contains(word), "{} seed {seed} uses {word}", profile.name());
            }
        }
    }
    // Even with a high lifetime weight.
    let mut cfg = Config::with_profile(Profile::Es2015);
    cfg.set_weight(Category::Lifetime, 100);
    for seed in 0..100 {
        assert!(!Program::from_seed(seed, &cfg).to_string().contains("WeakRef"), "es2015 seed {seed}");
    }
}
