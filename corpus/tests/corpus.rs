//! Runs every corpus program on `ref` and `boa`, snapshots each outcome, and holds the
//! known-divergence list to the truth.
//!
//! New or changed snapshots are reviewed with `cargo insta review` (or accepted wholesale with
//! `INSTA_UPDATE=always cargo test -p corpus`).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use corpus::{
    divergence_mismatches, list_programs, list_regressions, load_known_divergences, program_name, programs_dir,
    CORPUS_ENGINES,
};
use harness::{engine_by_name, read_program, Engine, Trial};

/// Every program's trial, by program name, computed once and shared by the tests below.
fn trials() -> &'static BTreeMap<String, Trial> {
    static TRIALS: OnceLock<BTreeMap<String, Trial>> = OnceLock::new();
    TRIALS.get_or_init(|| {
        let engines: Vec<Box<dyn Engine>> = CORPUS_ENGINES
            .iter()
            .map(|name| engine_by_name(name).unwrap_or_else(|err| panic!("corpus engine: {err}")))
            .collect();
        let mut programs = list_programs().unwrap_or_else(|err| panic!("listing corpus programs: {err}"));
        programs.extend(list_regressions().unwrap_or_else(|err| panic!("listing corpus regressions: {err}")));
        programs
            .iter()
            .map(|path| {
                let source = read_program(path).unwrap_or_else(|err| panic!("{err}"));
                (program_name(path), Trial::run(&engines, &source))
            })
            .collect()
    })
}

fn trial_of(path: &Path) -> &'static Trial {
    let name = program_name(path);
    trials().get(&name).unwrap_or_else(|| panic!("{name} appeared after the corpus was listed"))
}

#[test]
fn programs() {
    insta::glob!("..", "programs/**/*.js", |path| {
        insta::assert_yaml_snapshot!(trial_of(path));
    });
}

/// Promoted findings. Not a `glob!`: its snapshot names depend on the common prefix of the files
/// found, which is a single file's own path while there is one regression. `closure-diff promote`
/// writes these snapshots (see `harness::promote`).
#[test]
fn regressions() {
    for path in list_regressions().unwrap_or_else(|err| panic!("listing corpus regressions: {err}")) {
        let file = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        insta::with_settings!({ input_file => &path }, {
            insta::assert_yaml_snapshot!(format!("regressions@{file}"), trial_of(&path));
        });
    }
}

#[test]
fn known_divergences_are_exactly_the_diverging_programs() {
    let known = load_known_divergences().unwrap_or_else(|err| panic!("{err}: {}", error_chain(&err)));
    let mismatches = divergence_mismatches(trials(), &known);
    assert!(
        mismatches.is_empty(),
        "corpus/known-divergences.toml does not match what the engines do:\n  {}",
        mismatches.join("\n  ")
    );
}

/// A pattern that does not even recognise its own repro recognises some other bug, if any. Holds
/// for the corpus list and for the third-party engines' lists in `corpus/third-party/`.
#[test]
fn known_patterns_match_their_own_repros() {
    let third_party = Path::new(env!("CARGO_MANIFEST_DIR")).join("third-party");
    let mut lists = vec![load_known_divergences().unwrap_or_else(|err| panic!("{err}: {}", error_chain(&err)))];
    for file in std::fs::read_dir(&third_party).expect("corpus/third-party exists") {
        let path = file.expect("an entry").path();
        lists.push(harness::KnownDivergences::load(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display())));
    }
    assert!(lists.len() >= 7, "the corpus list and the duktape, gjs, jsc, mujs, njs and node lists");
    for known in &lists {
        check_patterns(known);
    }
}

fn check_patterns(known: &harness::KnownDivergences) {
    for (index, entry) in known.entries().iter().enumerate().filter(|(_, entry)| entry.pattern.is_some()) {
        let repro = harness::known::repro_program(&entry.repro)
            .unwrap_or_else(|| panic!("{}: a pattern needs a program repro, not a link", entry.program));
        assert!(
            known.recognises(index, repro),
            "{} ({}): the pattern does not match the repro {repro:?}",
            entry.program,
            entry.engine
        );
    }
}

/// insta does not notice snapshots whose program was renamed or removed; this does.
#[test]
fn every_snapshot_belongs_to_a_program() {
    let snapshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let expected: BTreeSet<String> = trials()
        .keys()
        .map(|name| match name.strip_prefix("regressions/") {
            Some(file) => format!("corpus__regressions@{file}.snap"),
            None => format!("corpus__programs@{}.snap", name.replace('/', "__")),
        })
        .collect();
    let Ok(entries) = fs::read_dir(&snapshots) else {
        return; // No snapshots yet: nothing can be orphaned.
    };
    let orphans: Vec<String> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.file_name().to_string_lossy().into_owned()))
        .filter(|name| name.ends_with(".snap") && !expected.contains(name))
        .collect();
    assert!(
        orphans.is_empty(),
        "snapshots without a program in {} (delete them): {}",
        programs_dir().display(),
        orphans.join(", ")
    );
}

fn error_chain(err: &dyn std::error::Error) -> String {
    let mut chain = Vec::new();
    let mut source = err.source();
    while let Some(err) = source {
        chain.push(err.to_string());
        source = err.source();
    }
    chain.join(": ")
}
