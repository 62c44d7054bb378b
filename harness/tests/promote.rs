//! `closure-diff promote`: a finding becomes a regression case the corpus test accepts as written.

use std::fs;
use std::path::{Path, PathBuf};

use harness::fuzz::{Blame, Finding, FindingKind, Origin};
use harness::promote::{promote, PromoteError, PromoteOptions, CORPUS_ENGINES};
use harness::{engine_by_name, Engine, KnownDivergences, Signature, Trial};

/// Boa throws TypeError where the spec says ReferenceError (a const assigned in its TDZ).
const BOA_BUG: &str = "function a() { c = 1 }\ntry { a() } catch (e) { print(e.name) }\nconst c = 0;";

fn corpus_engines() -> Vec<Box<dyn Engine>> {
    CORPUS_ENGINES.iter().map(|name| engine_by_name(name).expect("corpus engine")).collect()
}

/// Writes a finding for `program` as the campaign would, blamed on `blamed`, and returns its directory.
fn write_finding(out: &Path, program: &str, kind: FindingKind, blamed: &[&str]) -> PathBuf {
    let trial = Trial::run(&corpus_engines(), program);
    let signature = Signature::of(&trial, program);
    let id = signature.as_ref().map(Signature::id).unwrap_or_else(|| format!("{}-finding", kind.name()));
    let finding = Finding {
        id,
        kind,
        signature,
        key: None,
        blame: Blame::suspect(blamed.iter().map(|engine| (*engine).to_owned()).collect(), "test"),
        deterministic: true,
        origin: Origin {
            campaign_seed: 7,
            index: 0,
            seed: 7,
            size: "medium".into(),
            profile: "full".into(),
            without: Vec::new(),
            swarm: false,
            unmasked: Vec::new(),
        },
        original: program.to_owned(),
        reduced: program.to_owned(),
        outcomes: trial.outcomes.clone(),
        reduced_outcomes: trial.outcomes.clone(),
        categories: vec!["tdz".into()],
        found_at: "2026-11-24T12:00:00Z".into(),
        timeout_secs: 10.0,
        memory_limit_mib: None,
    };
    finding.write(out).expect("writes").expect("new finding")
}

/// A corpus directory with a known-divergence list holding one entry that sorts after `regressions/`.
fn corpus(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    fs::create_dir_all(&corpus).unwrap();
    fs::write(
        corpus.join("known-divergences.toml"),
        "# header comment stays\n\n[[divergence]]\nprogram = \"shadowing/a.js\"\nengine = \"boa\"\n\
         differs = \"d\"\nwhy = \"w\"\nrepro = \"print(1)\"\n",
    )
    .unwrap();
    corpus
}

#[test]
fn a_third_party_bug_becomes_a_program_a_snapshot_and_a_sorted_known_entry() {
    let dir = tempfile::tempdir().unwrap();
    let findings = dir.path().join("findings");
    fs::create_dir_all(&findings).unwrap();
    let finding = write_finding(&findings, BOA_BUG, FindingKind::Divergence, &["boa"]);
    let corpus = corpus(dir.path());

    let promotion = promote(&finding, &corpus, &PromoteOptions::default()).expect("promotes");

    let program = fs::read_to_string(&promotion.program).unwrap();
    assert!(program.starts_with("// Regression case promoted from closure-diff finding "), "{program}");
    assert!(program.ends_with(&format!("{BOA_BUG}\n")), "{program}");
    assert_eq!(promotion.program.parent().unwrap(), corpus.join("regressions"));

    let list = fs::read_to_string(corpus.join("known-divergences.toml")).unwrap();
    assert!(list.starts_with("# header comment stays\n"), "{list}");
    let known = KnownDivergences::parse(&list, Path::new("known-divergences.toml")).expect("still a valid list");
    let programs: Vec<&str> = known.entries().iter().map(|entry| entry.program.as_str()).collect();
    let stem = promotion.program.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(programs, [format!("regressions/{stem}").as_str(), "shadowing/a.js"]);
    let entry = &known.entries()[0];
    assert_eq!(entry.engine, "boa");
    assert!(entry.explains(&promotion.program, &Trial::run(&corpus_engines(), &program)));

    // The snapshot is exactly what the corpus test's `assert_yaml_snapshot!` would write: insta
    // itself compares it here (a mismatch fails and leaves a `.snap.new` beside it).
    let snapshots = corpus.join("tests/snapshots");
    assert_eq!(promotion.snapshot.parent().unwrap(), snapshots);
    insta::with_settings!({ snapshot_path => &snapshots, prepend_module_to_snapshot => false }, {
        insta::assert_yaml_snapshot!(format!("corpus__regressions@{stem}"), &promotion.trial);
    });
}

#[test]
fn promoting_twice_needs_force() {
    let dir = tempfile::tempdir().unwrap();
    let findings = dir.path().join("findings");
    fs::create_dir_all(&findings).unwrap();
    let finding = write_finding(&findings, BOA_BUG, FindingKind::Divergence, &["boa"]);
    let corpus = corpus(dir.path());
    promote(&finding, &corpus, &PromoteOptions::default()).expect("first promotion");
    let err = promote(&finding, &corpus, &PromoteOptions::default()).expect_err("second promotion");
    assert!(matches!(err, PromoteError::AlreadyPromoted { .. }), "{err}");
    let list = fs::read_to_string(corpus.join("known-divergences.toml")).unwrap();
    let forced = PromoteOptions { force: true, why: Some("the rule".into()), ..PromoteOptions::default() };
    promote(&finding, &corpus, &forced).expect("forced promotion");
    let replaced = fs::read_to_string(corpus.join("known-divergences.toml")).unwrap();
    let known = KnownDivergences::parse(&replaced, Path::new("known-divergences.toml")).expect("valid list");
    assert_eq!(known.entries().len(), 2, "the entry is replaced, not added:\n{replaced}");
    assert_eq!(known.entries()[0].why, "the rule");
    assert_eq!(known.entries()[1].program, "shadowing/a.js");
    assert!(replaced.starts_with("# header comment stays\n") && list.starts_with("# header comment stays\n"));
}

#[test]
fn a_finding_blamed_on_the_reference_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let finding = write_finding(dir.path(), BOA_BUG, FindingKind::Divergence, &["ref"]);
    let corpus = corpus(dir.path());
    let err = promote(&finding, &corpus, &PromoteOptions::default()).expect_err("refused");
    assert!(matches!(err, PromoteError::ReferenceIsWrong { .. }), "{err}");
    assert!(!corpus.join("regressions").exists(), "nothing is written when refused");
}

#[test]
fn an_undecided_vote_needs_blame_and_a_wrong_blame_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let finding = write_finding(dir.path(), BOA_BUG, FindingKind::Divergence, &[]);
    let corpus = corpus(dir.path());
    let err = promote(&finding, &corpus, &PromoteOptions::default()).expect_err("undecided");
    assert!(matches!(err, PromoteError::Undetermined { .. }), "{err}");
    let blame_v8 = PromoteOptions { blame: vec!["v8".into()], ..PromoteOptions::default() };
    let err = promote(&finding, &corpus, &blame_v8).expect_err("not a corpus engine");
    assert!(matches!(err, PromoteError::BlameNotInCorpus { .. }), "{err}");
    let blame_quickjs = PromoteOptions { blame: vec!["quickjs".into()], ..PromoteOptions::default() };
    let err = promote(&finding, &corpus, &blame_quickjs).expect_err("quickjs agrees with ref");
    assert!(matches!(err, PromoteError::BlameDoesNotExplain { .. }), "{err}");
    let blame_boa = PromoteOptions { blame: vec!["boa".into()], ..PromoteOptions::default() };
    promote(&finding, &corpus, &blame_boa).expect("boa is the odd one out");
}

#[test]
fn an_agreeing_program_is_kept_as_a_guard_without_an_entry() {
    let dir = tempfile::tempdir().unwrap();
    let findings = dir.path().join("findings");
    fs::create_dir_all(&findings).unwrap();
    let finding = write_finding(&findings, "let x = 1; print(() => x);", FindingKind::Crash, &["boa"]);
    let corpus = corpus(dir.path());
    let before = fs::read_to_string(corpus.join("known-divergences.toml")).unwrap();
    let promotion = promote(&finding, &corpus, &PromoteOptions::default()).expect("promotes");
    assert!(promotion.known.is_empty());
    assert_eq!(fs::read_to_string(corpus.join("known-divergences.toml")).unwrap(), before);
    assert!(promotion.snapshot.exists());
}

#[test]
fn hangs_and_missing_findings_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path());
    let finding = write_finding(dir.path(), "print(1)", FindingKind::Hang, &["boa"]);
    let err = promote(&finding, &corpus, &PromoteOptions::default()).expect_err("hang");
    assert!(matches!(err, PromoteError::WrongKind { .. }), "{err}");
    let err = promote(&dir.path().join("nope"), &corpus, &PromoteOptions::default()).expect_err("missing");
    assert!(err.to_string().contains("no finding.json"), "{err}");
}

#[test]
fn a_bug_two_engines_share_is_listed_for_both_when_blamed_explicitly() {
    // Boa and QuickJS both throw TypeError (const before TDZ), so the vote blames ref.
    let shared = "try {\n  b = 1;\n  const b = 0;\n} catch (e) {\n  print(e.name);\n}";
    let trial = Trial::run(&corpus_engines(), shared);
    assert!(matches!(trial.verdict, harness::Verdict::Diverge { .. }), "{trial:?}");
    let dir = tempfile::tempdir().unwrap();
    let finding = write_finding(dir.path(), shared, FindingKind::Divergence, &["ref"]);
    let corpus = corpus(dir.path());
    let err = promote(&finding, &corpus, &PromoteOptions::default()).expect_err("the vote blames ref");
    assert!(matches!(err, PromoteError::ReferenceIsWrong { .. }), "{err}");
    let both = PromoteOptions { blame: vec!["boa".into(), "quickjs".into()], ..PromoteOptions::default() };
    let promotion = promote(&finding, &corpus, &both).expect("both listed");
    let engines: Vec<&str> = promotion.known.iter().map(|entry| entry.engine.as_str()).collect();
    assert_eq!(engines, ["boa", "quickjs"]);
    let list = fs::read_to_string(corpus.join("known-divergences.toml")).unwrap();
    let known = KnownDivergences::parse(&list, Path::new("known-divergences.toml")).unwrap();
    assert!(known.explain(&promotion.program, &promotion.trial).is_some());
}
