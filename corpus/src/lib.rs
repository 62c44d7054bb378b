//! The closure-diff corpus: hand-written closure programs, their snapshots and the known-divergence list.
//!
//! - `programs/<category>/*.js`: one program per file, named after what it tests; adding a regression
//!   means adding a file. [`list_programs`] finds them.
//! - `tests/snapshots/`: one insta snapshot per program with each engine's outcome and the verdict,
//!   written by `tests/corpus.rs` and reviewed with `cargo insta review`.
//! - `known-divergences.toml`: the programs on which an engine is known to be wrong
//!   ([`KnownDivergence`], loaded by [`load_known_divergences`]). The corpus test holds it to the
//!   truth both ways with [`divergence_mismatches`]: every listed program must still diverge, and
//!   every diverging program must be listed.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use harness::{InputError, Verdict, ENGINE_NAMES};
use serde::Deserialize;
use thiserror::Error;

/// The engines every corpus program is run on, in report order.
pub const CORPUS_ENGINES: &[&str] = &["ref", "boa"];

/// One entry of `known-divergences.toml`: a program on which `engine` is known to be wrong.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownDivergence {
    /// Path relative to `corpus/programs`, with `/` separators, e.g. `loops/for-let-copy.js`.
    pub program: String,
    /// The engine that is wrong, e.g. `boa`.
    pub engine: String,
    /// What differs, e.g. "prints 3 3 3 instead of 0 1 2".
    pub differs: String,
    /// Why the engine is wrong (the rule it breaks, with a spec section where it helps).
    pub why: String,
    /// An upstream issue link, or a one-line reduced program that shows the bug.
    pub repro: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KnownDivergenceFile {
    #[serde(default)]
    divergence: Vec<KnownDivergence>,
}

/// Why the corpus could not be read.
#[derive(Debug, Error)]
pub enum CorpusError {
    /// A file could not be read.
    #[error("cannot read {}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The known-divergence list is not valid TOML of the documented shape.
    #[error("{} is not a valid known-divergence list", path.display())]
    Toml {
        path: PathBuf,
        #[source]
        source: toml::de::Error,
    },
    /// An entry is well-formed TOML but makes no sense.
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
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

/// Every corpus program (`programs/**/*.js`), as absolute paths in sorted order.
pub fn list_programs() -> Result<Vec<PathBuf>, CorpusError> {
    Ok(harness::collect_programs(&[programs_dir()])?)
}

/// The name a program goes by in the known-divergence list: its path relative to `programs/`,
/// with `/` separators. Paths outside `programs/` are returned whole.
pub fn program_name(path: &Path) -> String {
    let relative = path.strip_prefix(programs_dir()).unwrap_or(path);
    relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Loads and checks `known-divergences.toml`.
pub fn load_known_divergences() -> Result<Vec<KnownDivergence>, CorpusError> {
    let path = known_divergences_path();
    let text = fs::read_to_string(&path).map_err(|source| CorpusError::Io {
        path: path.clone(),
        source,
    })?;
    parse_known_divergences(&text, &path)
}

/// Parses a known-divergence list; `path` is only used in error messages. Rejects unknown fields,
/// unknown engines, empty fields and a program listed twice for the same engine.
pub fn parse_known_divergences(
    text: &str,
    path: &Path,
) -> Result<Vec<KnownDivergence>, CorpusError> {
    let file: KnownDivergenceFile = toml::from_str(text).map_err(|source| CorpusError::Toml {
        path: path.to_owned(),
        source,
    })?;
    let invalid = |message: String| CorpusError::Invalid {
        path: path.to_owned(),
        message,
    };
    let mut seen = BTreeSet::new();
    for entry in &file.divergence {
        let fields = [
            ("program", &entry.program),
            ("engine", &entry.engine),
            ("differs", &entry.differs),
            ("why", &entry.why),
            ("repro", &entry.repro),
        ];
        if let Some((field, _)) = fields.iter().find(|(_, value)| value.trim().is_empty()) {
            return Err(invalid(format!(
                "the entry for `{}` has an empty `{field}`",
                entry.program
            )));
        }
        if !ENGINE_NAMES.contains(&entry.engine.as_str()) {
            return Err(invalid(format!(
                "the entry for `{}` names engine `{}`; known engines: {}",
                entry.program,
                entry.engine,
                ENGINE_NAMES.join(", ")
            )));
        }
        if !seen.insert((entry.program.as_str(), entry.engine.as_str())) {
            return Err(invalid(format!(
                "`{}` is listed twice for engine `{}`",
                entry.program, entry.engine
            )));
        }
    }
    Ok(file.divergence)
}

/// Compares what the corpus run observed (`program name -> verdict`, for every program) with the
/// known-divergence list, and returns one message per mismatch (empty when the list is exact):
/// a diverging program that is not listed, or a listed program that no longer diverges (it agrees,
/// is poisoned so the divergence cannot be confirmed, or does not exist).
pub fn divergence_mismatches(
    observed: &BTreeMap<String, Verdict>,
    known: &[KnownDivergence],
) -> Vec<String> {
    let listed: BTreeMap<&str, &KnownDivergence> = known
        .iter()
        .map(|entry| (entry.program.as_str(), entry))
        .collect();
    let mut mismatches = Vec::new();
    for (program, verdict) in observed {
        if let (Verdict::Diverge { first_difference }, None) =
            (verdict, listed.get(program.as_str()))
        {
            mismatches.push(format!(
                "{program}: the engines diverge ({first_difference}) but it is not in known-divergences.toml; \
                 fix the engine that is wrong, or add an entry saying which engine and why"
            ));
        }
    }
    for (program, entry) in listed {
        let what = format!(
            "{program}: listed in known-divergences.toml ({} {})",
            entry.engine, entry.differs
        );
        match observed.get(program) {
            None => mismatches.push(format!("{what} but there is no such program in corpus/programs")),
            Some(Verdict::Diverge { .. }) => {}
            Some(Verdict::Agree) => {
                mismatches.push(format!("{what} but the engines now agree; remove the entry"));
            }
            Some(Verdict::Poisoned { reason }) => mismatches.push(format!(
                "{what} but the run is poisoned ({reason}), so the divergence can no longer be confirmed"
            )),
        }
    }
    mismatches
}

#[cfg(test)]
mod tests {
    use harness::{Difference, End};

    use super::*;

    fn parse(text: &str) -> Result<Vec<KnownDivergence>, CorpusError> {
        parse_known_divergences(text, Path::new("known-divergences.toml"))
    }

    const ENTRY: &str = r#"
        [[divergence]]
        program = "loops/for-let-copy.js"
        engine = "boa"
        differs = "prints 3 3 3 instead of 0 1 2"
        why = "CreatePerIterationEnvironment copies before the update"
        repro = "for (let i = 0, f; i < 1; f = () => i, i++) print(f && f())"
    "#;

    fn diverge() -> Verdict {
        Verdict::Diverge {
            first_difference: Difference::End {
                ends: vec![("ref".into(), End::Ok)],
            },
        }
    }

    #[test]
    fn an_empty_list_with_only_comments_parses() {
        assert_eq!(parse("# nothing yet\n").expect("parses"), []);
    }

    #[test]
    fn entries_parse() {
        let entries = parse(ENTRY).expect("parses");
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].program, "loops/for-let-copy.js");
        assert_eq!(entries[0].engine, "boa");
    }

    #[test]
    fn bad_entries_are_rejected_with_a_reason() {
        let unknown_engine = ENTRY.replace(r#"engine = "boa""#, r#"engine = "v8""#);
        assert!(parse(&unknown_engine)
            .expect_err("v8")
            .to_string()
            .contains("names engine `v8`"));
        let empty = ENTRY.replace(
            r#"why = "CreatePerIterationEnvironment copies before the update""#,
            r#"why = " ""#,
        );
        assert!(parse(&empty)
            .expect_err("empty")
            .to_string()
            .contains("empty `why`"));
        let twice = format!("{ENTRY}{ENTRY}");
        assert!(parse(&twice)
            .expect_err("twice")
            .to_string()
            .contains("listed twice"));
        assert!(parse("[[divergence]]\nprogram = \"x.js\"\n").is_err());
        let extra = format!("{ENTRY}note = \"typo'd field\"\n");
        assert!(parse(&extra).is_err());
    }

    #[test]
    fn an_exact_list_has_no_mismatches() {
        let known = parse(ENTRY).expect("parses");
        let observed = BTreeMap::from([
            ("loops/for-let-copy.js".to_owned(), diverge()),
            ("a.js".to_owned(), Verdict::Agree),
        ]);
        assert_eq!(
            divergence_mismatches(&observed, &known),
            Vec::<String>::new()
        );
    }

    #[test]
    fn an_unlisted_divergence_is_a_mismatch() {
        let observed = BTreeMap::from([("a.js".to_owned(), diverge())]);
        let mismatches = divergence_mismatches(&observed, &[]);
        assert_eq!(mismatches.len(), 1);
        assert!(
            mismatches[0].starts_with("a.js: the engines diverge"),
            "{mismatches:?}"
        );
    }

    #[test]
    fn a_listed_program_that_stopped_diverging_is_a_mismatch() {
        let known = parse(ENTRY).expect("parses");
        for (verdict, says) in [
            (Verdict::Agree, "now agree"),
            (
                Verdict::Poisoned {
                    reason: "ref: unsupported (x)".into(),
                },
                "poisoned",
            ),
        ] {
            let observed = BTreeMap::from([("loops/for-let-copy.js".to_owned(), verdict)]);
            let mismatches = divergence_mismatches(&observed, &known);
            assert_eq!(mismatches.len(), 1);
            assert!(mismatches[0].contains(says), "{mismatches:?}");
        }
        let mismatches = divergence_mismatches(&BTreeMap::new(), &known);
        assert!(mismatches[0].contains("no such program"), "{mismatches:?}");
    }

    #[test]
    fn program_names_are_relative_with_forward_slashes() {
        assert_eq!(
            program_name(&programs_dir().join("loops").join("a.js")),
            "loops/a.js"
        );
    }
}
