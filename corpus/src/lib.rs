//! The closure-diff corpus: hand-written closure programs, their snapshots and the known-divergence list.
//!
//! - `programs/<category>/*.js`: one program per file, named after what it tests. [`list_programs`]
//!   finds them.
//! - `regressions/*.js`: reduced fuzzing findings kept by `closure-diff promote`, named by their
//!   divergence signature. [`list_regressions`] finds them.
//! - `tests/snapshots/`: one insta snapshot per program with each engine's outcome and the verdict,
//!   written by `tests/corpus.rs` and reviewed with `cargo insta review`.
//! - `known-divergences.toml`: the programs on which an engine is known to be wrong
//!   ([`KnownDivergences`], from the harness, which `closure-diff run` uses too; loaded here by
//!   [`load_known_divergences`]). The corpus test holds it to the truth both ways with
//!   [`divergence_mismatches`]: every listed program must still diverge because of the listed
//!   engine, and every diverging program must be listed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use harness::{InputError, Trial, Verdict};
pub use harness::{KnownDivergence, KnownDivergences, KnownListError};
use thiserror::Error;

pub use harness::promote::CORPUS_ENGINES;

/// Why the corpus could not be read.
#[derive(Debug, Error)]
pub enum CorpusError {
    /// The known-divergence list could not be read or is malformed.
    #[error(transparent)]
    Known(#[from] KnownListError),
    /// The programs folder could not be walked.
    #[error(transparent)]
    Input(#[from] InputError),
}

/// The corpus crate's own directory.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `corpus/programs`.
pub fn programs_dir() -> PathBuf {
    corpus_dir().join("programs")
}

/// `corpus/known-divergences.toml`.
pub fn known_divergences_path() -> PathBuf {
    corpus_dir().join("known-divergences.toml")
}

/// `corpus/regressions`.
pub fn regressions_dir() -> PathBuf {
    corpus_dir().join("regressions")
}

/// Every corpus program (`programs/**/*.js`), as absolute paths in sorted order.
pub fn list_programs() -> Result<Vec<PathBuf>, CorpusError> {
    Ok(harness::collect_programs(&[programs_dir()])?)
}

/// Every promoted regression case (`regressions/*.js`), in sorted order; none when the folder
/// does not exist yet.
pub fn list_regressions() -> Result<Vec<PathBuf>, CorpusError> {
    if !regressions_dir().is_dir() {
        return Ok(Vec::new());
    }
    Ok(harness::collect_programs(&[regressions_dir()])?)
}

/// The name a program goes by in the known-divergence list and in snapshots: its path relative to
/// `programs/` (`loops/a.js`), or to the corpus for regressions (`regressions/x.js`), with `/`
/// separators. Other paths are returned whole.
pub fn program_name(path: &Path) -> String {
    let relative = path.strip_prefix(programs_dir()).or_else(|_| path.strip_prefix(corpus_dir())).unwrap_or(path);
    relative.components().map(|part| part.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Loads and checks `known-divergences.toml`.
pub fn load_known_divergences() -> Result<KnownDivergences, CorpusError> {
    Ok(KnownDivergences::load(&known_divergences_path())?)
}

/// Compares what the corpus run observed (`program name -> trial`, for every program) with the
/// known-divergence list, and returns one message per mismatch (empty when the list is exact):
/// a diverging program that its entries do not explain (the same rule `closure-diff run` applies,
/// see [`KnownDivergences::explain`]: the entries for one program are taken together, so a program
/// wrong on two engines has two entries), or an entry whose program no longer diverges (the engines agree, the run is poisoned so the divergence cannot
/// be confirmed, or the program does not exist) or whose engine is not a corpus engine.
pub fn divergence_mismatches(observed: &BTreeMap<String, Trial>, known: &KnownDivergences) -> Vec<String> {
    let mut mismatches = Vec::new();
    for (program, trial) in observed {
        if let Verdict::Diverge { first_difference } = &trial.verdict {
            if known.explain(Path::new(program), trial).is_none() {
                let listed: Vec<&str> = known.entries_for(program).map(|entry| entry.engine.as_str()).collect();
                mismatches.push(if listed.is_empty() {
                    format!(
                        "{program}: the engines diverge ({first_difference}) but it is not in known-divergences.toml; \
                         fix the engine that is wrong, or add an entry saying which engine and why"
                    )
                } else {
                    format!(
                        "{program}: the engines diverge ({first_difference}) but known-divergences.toml lists \
                         {} for it, and setting the listed engines aside must leave engines that agree, each \
                         listed engine differing from them; list exactly the engines that are wrong",
                        listed.join(", ")
                    )
                });
            }
        }
    }
    for entry in known.entries() {
        let program = &entry.program;
        let what = format!("{program}: listed in known-divergences.toml ({} {})", entry.engine, entry.differs);
        match observed.get(program) {
            None => mismatches.push(format!("{what} but there is no such program in the corpus")),
            Some(trial) => match &trial.verdict {
                Verdict::Agree => mismatches.push(format!("{what} but the engines now agree; remove the entry")),
                Verdict::Poisoned { reason } => mismatches.push(format!(
                    "{what} but the run is poisoned ({reason}), so the divergence can no longer be confirmed"
                )),
                Verdict::Diverge { .. } if !trial.outcomes.iter().any(|(engine, _)| *engine == entry.engine) => {
                    mismatches.push(format!("{what} but {} is not one of the corpus engines", entry.engine));
                }
                // Explained or not, a divergence is judged by all the entries for its program
                // together, which the loop above did.
                Verdict::Diverge { .. } => {}
            },
        }
    }
    mismatches
}

#[cfg(test)]
mod tests {
    use harness::{End, Outcome};

    use super::*;

    const ENTRY: &str = r#"
        [[divergence]]
        program = "loops/for-let-copy.js"
        engine = "boa"
        differs = "prints 3 3 3 instead of 0 1 2"
        why = "CreatePerIterationEnvironment copies before the update"
        repro = "for (let i = 0, f; i < 1; f = () => i, i++) print(f && f())"
    "#;

    fn known() -> KnownDivergences {
        KnownDivergences::parse(ENTRY, Path::new("known-divergences.toml")).expect("parses")
    }

    fn trial(ref_end: End, boa_end: End) -> Trial {
        let outcomes = vec![
            ("ref".to_owned(), Outcome::without_output(ref_end)),
            ("boa".to_owned(), Outcome::without_output(boa_end)),
        ];
        Trial::from_outcomes(outcomes)
    }

    fn diverge() -> Trial {
        trial(End::Ok, End::Threw("TypeError".into()))
    }

    fn agree() -> Trial {
        trial(End::Ok, End::Ok)
    }

    #[test]
    fn an_exact_list_has_no_mismatches() {
        let observed = BTreeMap::from([("loops/for-let-copy.js".to_owned(), diverge()), ("a.js".to_owned(), agree())]);
        assert_eq!(divergence_mismatches(&observed, &known()), Vec::<String>::new());
    }

    #[test]
    fn an_unlisted_divergence_is_a_mismatch() {
        let observed = BTreeMap::from([("a.js".to_owned(), diverge())]);
        let mismatches = divergence_mismatches(&observed, &KnownDivergences::none());
        assert_eq!(mismatches.len(), 1);
        assert!(mismatches[0].starts_with("a.js: the engines diverge"), "{mismatches:?}");
    }

    #[test]
    fn a_listed_program_that_stopped_diverging_is_a_mismatch() {
        for (trial, says) in [(agree(), "now agree"), (trial(End::Unsupported("x".into()), End::Ok), "poisoned")] {
            let observed = BTreeMap::from([("loops/for-let-copy.js".to_owned(), trial)]);
            let mismatches = divergence_mismatches(&observed, &known());
            assert_eq!(mismatches.len(), 1);
            assert!(mismatches[0].contains(says), "{mismatches:?}");
        }
        let mismatches = divergence_mismatches(&BTreeMap::new(), &known());
        assert!(mismatches[0].contains("no such program"), "{mismatches:?}");
    }

    fn three(ref_end: End, boa_end: End, quickjs_end: End) -> Trial {
        Trial::from_outcomes(vec![
            ("ref".to_owned(), Outcome::without_output(ref_end)),
            ("boa".to_owned(), Outcome::without_output(boa_end)),
            ("quickjs".to_owned(), Outcome::without_output(quickjs_end)),
        ])
    }

    fn boa_and_quickjs() -> KnownDivergences {
        let quickjs = ENTRY.replace(r#"engine = "boa""#, r#"engine = "quickjs""#);
        KnownDivergences::parse(&format!("{ENTRY}{quickjs}"), Path::new("known-divergences.toml")).expect("parses")
    }

    #[test]
    fn a_program_wrong_on_two_engines_needs_both_entries() {
        let type_error = || End::Threw("TypeError".into());
        let both_wrong = three(End::Ok, type_error(), type_error());
        let observed = BTreeMap::from([("loops/for-let-copy.js".to_owned(), both_wrong.clone())]);
        assert_eq!(divergence_mismatches(&observed, &boa_and_quickjs()), Vec::<String>::new());
        // With Boa's entry alone, ref and quickjs disagree once Boa is set aside.
        let mismatches = divergence_mismatches(&observed, &known());
        assert_eq!(mismatches.len(), 1, "{mismatches:?}");
        assert!(mismatches[0].contains("lists boa for it"), "{mismatches:?}");
        // Listing quickjs when only Boa is wrong is caught too.
        let boa_wrong = three(End::Ok, type_error(), End::Ok);
        let observed = BTreeMap::from([("loops/for-let-copy.js".to_owned(), boa_wrong)]);
        let mismatches = divergence_mismatches(&observed, &boa_and_quickjs());
        assert_eq!(mismatches.len(), 1, "{mismatches:?}");
        assert!(mismatches[0].contains("lists boa, quickjs for it"), "{mismatches:?}");
        // An entry for an engine the corpus does not run is a mismatch of its own.
        let observed = BTreeMap::from([("loops/for-let-copy.js".to_owned(), diverge())]);
        let mismatches = divergence_mismatches(&observed, &boa_and_quickjs());
        assert_eq!(mismatches.len(), 1, "{mismatches:?}");
        assert!(mismatches[0].contains("quickjs is not one of the corpus engines"), "{mismatches:?}");
    }

    #[test]
    fn program_names_are_relative_with_forward_slashes() {
        assert_eq!(program_name(&programs_dir().join("loops").join("a.js")), "loops/a.js");
    }
}
