//! Regression promotion: turn a finding written by `closure-diff fuzz` into a corpus regression
//! case that `cargo test` checks forever (`closure-diff promote FINDING`).
//!
//! A promotion writes, into a corpus directory laid out like this repository's `corpus/`:
//!
//! - `regressions/<signature>.js`: the reduced program under a comment saying where it came from;
//! - `tests/snapshots/corpus__regressions@<signature>.js.snap`: its insta snapshot on the corpus
//!   engines, serialised by insta itself so that the corpus test accepts it as is;
//! - when a third-party engine is wrong, an entry in `known-divergences.toml` (kept sorted by
//!   program) naming that engine, so the corpus test expects the divergence instead of failing.
//!
//! The program is re-run on the corpus engines first: the snapshot records what they do *now*.
//! A finding that no longer diverges is still promoted (it guards the fix); one whose divergence
//! is the reference interpreter's fault is refused, because the corpus test would fail until the
//! interpreter is fixed; poisoned runs are refused because they prove nothing. All files are
//! written through temporary files and renamed into place, so an interruption leaves no
//! half-written file.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::compare::Verdict;
use crate::engine::{engine_by_name, Engine};
use crate::inputs::{read_program, InputError};
use crate::known::{KnownDivergence, KnownDivergences, KnownListError};
use crate::trial::Trial;

/// The engines every corpus program and regression is run on, in report order.
pub const CORPUS_ENGINES: &[&str] = &["ref", "boa", "quickjs"];

/// The engine whose divergences are bugs to fix rather than to list.
const REFERENCE: &str = "ref";

/// What the user can choose about a promotion.
#[derive(Debug, Clone, Default)]
pub struct PromoteOptions {
    /// The engines to hold responsible when the finding's vote did not decide (two engines), or
    /// decided wrongly (two engines sharing a bug outvote the reference).
    pub blame: Vec<String>,
    /// The `why` of the known-divergence entry; a pointer to the finding when not given.
    pub why: Option<String>,
    /// Replace an earlier promotion of the same finding.
    pub force: bool,
}

/// What a promotion wrote.
#[derive(Debug, Clone)]
pub struct Promotion {
    /// `regressions/<signature>.js` in the corpus directory.
    pub program: PathBuf,
    /// The snapshot file.
    pub snapshot: PathBuf,
    /// The entries added to `known-divergences.toml`, one per third-party engine that is wrong.
    pub known: Vec<KnownDivergence>,
    /// The corpus engines' run of the promoted program.
    pub trial: Trial,
}

/// Why a finding could not be promoted. Every message is one line a person can act on.
#[derive(Debug, Error)]
pub enum PromoteError {
    #[error("{}: not a finding directory (no finding.json): {source}", dir.display())]
    NotAFinding { dir: PathBuf, source: io::Error },
    #[error("{}: finding.json is not valid: {message}", dir.display())]
    BadFinding { dir: PathBuf, message: String },
    #[error(transparent)]
    Input(#[from] InputError),
    #[error("{}: a {kind} finding cannot be promoted; only divergences and crashes reproduce from the program alone", dir.display())]
    WrongKind { dir: PathBuf, kind: String },
    #[error("{} already exists (promoted before?); pass --force to replace it", path.display())]
    AlreadyPromoted { path: PathBuf },
    #[error("the reduced program is poisoned on the corpus engines ({reason}); a regression case must run to the end on all of them")]
    Poisoned { reason: String },
    #[error("the reference interpreter is blamed ({difference}): fix it first, then promote the finding to keep it fixed (if two engines share a bug and outvote it, pass --blame with them)")]
    ReferenceIsWrong { difference: String },
    #[error("the corpus engines ({engines}) diverge ({difference}) but the vote blames nobody; pass --blame ENGINE[,ENGINE] after checking the program against the specification")]
    Undetermined { engines: String, difference: String },
    #[error("--blame {engine}: {engine} is not one of the corpus engines ({engines})")]
    BlameNotInCorpus { engine: String, engines: String },
    #[error("--blame {engine}: the other corpus engines do not agree once {engine} is set aside, or {engine} agrees with them ({difference})")]
    BlameDoesNotExplain { engine: String, difference: String },
    #[error(transparent)]
    Known(#[from] KnownListError),
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
}

/// The parts of `finding.json` a promotion needs.
#[derive(Debug, Deserialize)]
struct FindingFile {
    signature: String,
    kind: String,
    #[serde(default)]
    blame: Option<BlameFile>,
    #[serde(default)]
    difference: Option<String>,
    #[serde(default)]
    origin: Option<OriginFile>,
    #[serde(default)]
    found_at: Option<String>,
}

#[derive(Debug, Deserialize)]
struct BlameFile {
    engines: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct OriginFile {
    seed: u64,
    size: String,
}

/// Promotes the finding in `finding_dir` into the corpus at `corpus_dir`. See the module docs.
pub fn promote(finding_dir: &Path, corpus_dir: &Path, options: &PromoteOptions) -> Result<Promotion, PromoteError> {
    let finding = read_finding(finding_dir)?;
    if !matches!(finding.kind.as_str(), "divergence" | "crash") {
        return Err(PromoteError::WrongKind { dir: finding_dir.to_owned(), kind: finding.kind });
    }
    let reduced = read_program(&finding_dir.join("reduced.js"))?;
    let stem = file_stem(&finding.signature);
    let program_path = corpus_dir.join("regressions").join(format!("{stem}.js"));
    if program_path.exists() && !options.force {
        return Err(PromoteError::AlreadyPromoted { path: program_path });
    }

    let engines: Vec<Box<dyn Engine>> = CORPUS_ENGINES.iter().filter_map(|name| engine_by_name(name).ok()).collect();
    let trial = Trial::run(&engines, &reduced);
    let program_name = format!("regressions/{stem}.js");
    let known = match &trial.verdict {
        Verdict::Agree => Vec::new(),
        Verdict::Poisoned { reason } => return Err(PromoteError::Poisoned { reason: reason.to_string() }),
        Verdict::Diverge { first_difference } => {
            let difference = first_difference.to_string();
            let engines = blamed_engines(&finding, options, &trial, &difference)?;
            let entries: Vec<KnownDivergence> = engines
                .into_iter()
                .map(|engine| KnownDivergence {
                    program: program_name.clone(),
                    engine,
                    differs: finding.difference.clone().unwrap_or_else(|| difference.clone()),
                    why: options.why.clone().unwrap_or_else(|| {
                        format!(
                            "found by closure-diff fuzz (finding {}); the other engines agree with each other",
                            finding.signature
                        )
                    }),
                    repro: reduced.trim().to_owned(),
                    pattern: None,
                })
                .collect();
            let listed: String = entries.iter().map(entry_toml).collect::<Vec<_>>().join("\n");
            let explained = KnownDivergences::parse(&listed, Path::new("promotion"))?
                .explain(Path::new(&program_name), &trial)
                .is_some();
            if !explained {
                let engine = entries.iter().map(|entry| entry.engine.as_str()).collect::<Vec<_>>().join(",");
                return Err(PromoteError::BlameDoesNotExplain { engine, difference });
            }
            entries
        }
    };

    let known_path = corpus_dir.join("known-divergences.toml");
    let known_text = if known.is_empty() {
        None
    } else {
        let mut text = match fs::read_to_string(&known_path) {
            Ok(text) => text,
            Err(err) if err.kind() == io::ErrorKind::NotFound => String::new(),
            Err(source) => return Err(KnownListError::Io { path: known_path, source }.into()),
        };
        for entry in &known {
            text = with_entry(&text, entry, &known_path)?;
        }
        KnownDivergences::parse(&text, &known_path)?; // never write a list the corpus cannot load
        Some(text)
    };

    let header = header(&finding);
    let snapshot_path = corpus_dir.join("tests/snapshots").join(format!("corpus__regressions@{stem}.js.snap"));
    let snapshot = snapshot_text(&trial, &program_name);

    // Everything is prepared; write the three files, each atomically.
    write_atomically(&snapshot_path, &snapshot)?;
    if let Some(text) = &known_text {
        write_atomically(&known_path, text)?;
    }
    write_atomically(&program_path, &format!("{header}{}\n", reduced.trim_end()))?;
    Ok(Promotion { program: program_path, snapshot: snapshot_path, known, trial })
}

fn read_finding(dir: &Path) -> Result<FindingFile, PromoteError> {
    let text = fs::read_to_string(dir.join("finding.json"))
        .map_err(|source| PromoteError::NotAFinding { dir: dir.to_owned(), source })?;
    serde_json::from_str(&text)
        .map_err(|err| PromoteError::BadFinding { dir: dir.to_owned(), message: err.to_string() })
}

/// The engines to list: `--blame`, else the finding's suspects, checked against the corpus run.
fn blamed_engines(
    finding: &FindingFile,
    options: &PromoteOptions,
    trial: &Trial,
    difference: &str,
) -> Result<Vec<String>, PromoteError> {
    let corpus = || CORPUS_ENGINES.join(", ");
    let engines = match &finding.blame {
        _ if !options.blame.is_empty() => options.blame.clone(),
        Some(blame) if !blame.engines.is_empty() => blame.engines.clone(),
        _ => return Err(PromoteError::Undetermined { engines: corpus(), difference: difference.to_owned() }),
    };
    for engine in &engines {
        if !trial.outcomes.iter().any(|(name, _)| name == engine) {
            return Err(PromoteError::BlameNotInCorpus { engine: engine.clone(), engines: corpus() });
        }
        if engine == REFERENCE {
            return Err(PromoteError::ReferenceIsWrong { difference: difference.to_owned() });
        }
    }
    Ok(engines)
}

/// A signature id made safe as a file name (they already are; this guards hand-edited findings).
fn file_stem(signature: &str) -> String {
    signature.chars().map(|c| if c.is_ascii_alphanumeric() || "+-_".contains(c) { c } else { '_' }).collect()
}

/// The comment above a promoted program: where it came from and how to find it again.
fn header(finding: &FindingFile) -> String {
    let mut header = format!("// Regression case promoted from closure-diff finding {}", finding.signature);
    if let Some(found_at) = &finding.found_at {
        header.push_str(&format!(", found {found_at}"));
    }
    header.push('\n');
    if let Some(origin) = &finding.origin {
        header.push_str(&format!("// (generated from seed {}, size {}).\n", origin.seed, origin.size));
    }
    header
}

/// The snapshot file the corpus test (`tests/corpus.rs`, `regressions`) expects for `trial`: insta's
/// header and insta's own YAML serialisation of the trial.
fn snapshot_text(trial: &Trial, program_name: &str) -> String {
    use insta::_macro_support::{serialize_value, SerializationFormat};
    let body = serialize_value(trial, SerializationFormat::Yaml);
    format!(
        "---\nsource: corpus/tests/corpus.rs\nexpression: trial_of(path)\ninput_file: corpus/{program_name}\n---\n{}\n",
        body.trim_end()
    )
}

/// `text` (a known-divergence list) with `entry` in it: replacing the entry for the same program and
/// engine (an earlier promotion), or inserted before the first entry whose program sorts after it,
/// so the list stays sorted by program.
fn with_entry(text: &str, entry: &KnownDivergence, path: &Path) -> Result<String, PromoteError> {
    let block = entry_toml(entry);
    const HEADER: &str = "[[divergence]]";
    let starts: Vec<usize> = text.match_indices(HEADER).map(|(i, _)| i).filter(|&i| at_line_start(text, i)).collect();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(text.len());
        let existing = KnownDivergences::parse(&text[start..end], path)?;
        let Some(other) = existing.entries().first() else { continue };
        if other.program == entry.program && other.engine == entry.engine {
            let rest = &text[end..];
            let separator = if rest.is_empty() { "" } else { "\n" };
            return Ok(format!("{}{block}{separator}{rest}", &text[..start]));
        }
        if other.program > entry.program {
            return Ok(format!("{}{block}\n{}", &text[..start], &text[start..]));
        }
    }
    let mut out = text.trim_end().to_owned();
    if !out.is_empty() {
        out.push_str("\n\n");
    }
    out.push_str(&block);
    Ok(out)
}

fn at_line_start(text: &str, index: usize) -> bool {
    index == 0 || text[..index].ends_with('\n')
}

/// One `[[divergence]]` block, ending with a newline.
fn entry_toml(entry: &KnownDivergence) -> String {
    let field = |value: &str| toml::Value::String(value.to_owned()).to_string();
    format!(
        "[[divergence]]\nprogram = {}\nengine = {}\ndiffers = {}\nwhy = {}\nrepro = {}\n",
        field(&entry.program),
        field(&entry.engine),
        field(&entry.differs),
        field(&entry.why),
        field(&entry.repro)
    )
}

/// Writes `text` to `path` through a temporary file in the same directory, creating the directory.
fn write_atomically(path: &Path, text: &str) -> Result<(), PromoteError> {
    let error = |source| PromoteError::Write { path: path.to_owned(), source };
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(error)?;
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(error)?;
    file.write_all(text.as_bytes()).map_err(error)?;
    file.persist(path).map_err(|err| error(err.error))?;
    Ok(())
}
