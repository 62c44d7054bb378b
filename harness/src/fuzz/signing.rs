//! Signing the known divergences' repros at a campaign's start, and keeping the signatures in the
//! output directory so that the next session over the same directory does not sign them again.
//!
//! Each repro (a program, not a link, whose engine is in the campaign) is run on the campaign's
//! engines and its divergence reduced, which takes many runs: with external engines the ~150 repros
//! of the shipped lists took about 90 s on two lanes. A nightly campaign resumed every night, or
//! restarted in the same directory, pays that once: `DIR/known-signatures.json` keeps every repro's
//! signature ids together with what they were made with (the `closure-diff` executable, the
//! engines, and each external host's command and version), and is ignored when any of that
//! changed. Only repros that diverged are kept, since one that agrees costs a single run to check
//! again, and it may agree only because a host hung once.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{state, triage, KnownRepros, Shared, SigningProgress};
use crate::compare::compare;
use crate::engines::external::EnginesFile;
use crate::signature::{fnv1a64, DivergenceClass};
use crate::trial::Trial;
use crate::worker::WorkerEngine;

/// The file in a campaign's output directory.
pub const CACHE_FILE: &str = "known-signatures.json";

/// How far signing the known repros has got, for the progress line and the summary.
#[derive(Debug, Default)]
pub(super) struct SigningCounter {
    /// Repros to run (those not in the cache), once the cache is read.
    pub to_sign: AtomicUsize,
    /// Repros run so far.
    pub signed: AtomicUsize,
    /// Repros whose signatures came from the cache.
    pub cached: AtomicUsize,
    /// Set once the signatures are in place.
    pub done: AtomicBool,
    /// How long signing took, once done.
    pub took: Mutex<Duration>,
}

impl SigningCounter {
    /// Marks signing done after `took`.
    pub fn finish(&self, took: Duration) {
        *self.took.lock().unwrap_or_else(PoisonError::into_inner) = took;
        self.done.store(true, Ordering::Relaxed);
    }

    /// What signing took, for the summary.
    pub fn tally(&self) -> KnownRepros {
        KnownRepros {
            signed: self.signed.load(Ordering::Relaxed),
            cached: self.cached.load(Ordering::Relaxed),
            secs: self.took.lock().unwrap_or_else(PoisonError::into_inner).as_secs_f64(),
        }
    }

    /// The progress so far, `None` once signing is done.
    pub fn progress(&self) -> Option<SigningProgress> {
        (!self.done.load(Ordering::Relaxed)).then(|| SigningProgress {
            signed: self.signed.load(Ordering::Relaxed),
            to_sign: self.to_sign.load(Ordering::Relaxed),
            cached: self.cached.load(Ordering::Relaxed),
        })
    }
}

/// `DIR/known-signatures.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Cache {
    /// What the signatures were made with ([`setup`]); a cache made with anything else is ignored.
    setup: String,
    /// A repro's key ([`repro_key`]) → the signature ids of its divergence.
    repros: BTreeMap<String, Vec<String>>,
}

impl Cache {
    /// The cache in `dir` if it was made with `setup`; empty when absent, unreadable or stale.
    fn load(dir: &Path, setup: &str) -> Cache {
        let stored = fs::read(dir.join(CACHE_FILE)).ok().and_then(|bytes| serde_json::from_slice::<Cache>(&bytes).ok());
        match stored {
            Some(cache) if cache.setup == setup => cache,
            _ => Cache { setup: setup.to_owned(), repros: BTreeMap::new() },
        }
    }

    fn save(&self, dir: &Path) -> io::Result<()> {
        state::write_json_atomically(&dir.join(CACHE_FILE), self)
    }
}

/// A repro's key in the cache: its text's hash (the entry's engine does not change what it signs).
fn repro_key(repro: &str) -> String {
    format!("{:016x}", fnv1a64(repro.as_bytes()))
}

/// What a repro's signature depends on besides its text, as one line: the executable that runs
/// the reference, Boa, QuickJS and the reducer (its size and modification time, since its version
/// number stays the same from build to build), and the engines in order, each external host with
/// its entry's hash, its executable and its version.
fn setup(shared: &Shared<'_>) -> String {
    let program = &shared.config.worker_program;
    let mut line = format!("closure-diff {}", env!("CARGO_PKG_VERSION"));
    match fs::metadata(program) {
        Ok(meta) => {
            let modified = meta.modified().ok().and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok());
            let _ = write!(line, " ({} bytes, modified {:?})", meta.len(), modified.unwrap_or_default());
        }
        // Nothing to tell this build from the next: a cache that never matches.
        Err(_) => line.push_str(&format!(" (unreadable, {})", std::process::id())),
    }
    for engine in &shared.config.engines {
        let _ = write!(line, "; {engine}");
        let entry = EnginesFile::current().ok().and_then(|file| file.engines.get(engine));
        if let Some(entry) = entry {
            let executable = entry.executable().map(|path| path.display().to_string()).unwrap_or_default();
            let version = entry.version().unwrap_or_default();
            let _ = write!(line, " {:08x} {executable} {version}", fnv1a64(format!("{entry:?}").as_bytes()) >> 32);
        }
    }
    line
}

/// Signs each known divergence's repro so that generated programs showing the same divergence are
/// counted as known instead of reported: signature id or deduplication key → the entry's index.
/// Repros found in the output directory's cache are not run; the others are shared out over the
/// lanes, each signing its share with its own workers (a lane that panics leaves its share
/// unsigned). `shared.signing` counts the repros as they are done.
pub(super) fn known_signatures(shared: &Shared<'_>, lanes: &[Vec<Arc<WorkerEngine>>]) -> BTreeMap<String, usize> {
    let setup = setup(shared);
    let mut cache = match &shared.config.out {
        Some(dir) => Cache::load(dir, &setup),
        None => Cache::default(),
    };
    let mut ids: Vec<(usize, Vec<String>)> = Vec::new();
    let mut to_sign: Vec<(usize, &str, String)> = Vec::new();
    for (index, repro) in repros(shared) {
        let key = repro_key(repro);
        match cache.repros.get(&key) {
            Some(cached) => ids.push((index, cached.clone())),
            None => to_sign.push((index, repro, key)),
        }
    }
    shared.signing.cached.store(ids.len(), Ordering::Relaxed);
    shared.signing.to_sign.store(to_sign.len(), Ordering::Relaxed);
    let fresh: Vec<(usize, &String, Vec<String>)> = thread::scope(|scope| {
        let handles: Vec<_> = lanes
            .iter()
            .enumerate()
            .map(|(lane, workers)| {
                let share = to_sign.iter().skip(lane).step_by(lanes.len());
                scope.spawn(move || {
                    share
                        .map(|(index, repro, key)| {
                            let signed = sign(shared, workers, repro);
                            shared.signing.signed.fetch_add(1, Ordering::Relaxed);
                            (*index, key, signed)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|handle| handle.join().unwrap_or_default()).collect()
    });
    // A stopped campaign's reductions end early: their signatures are not the repros' own.
    if let Some(dir) = shared.config.out.as_ref().filter(|_| !shared.stop.load(Ordering::Relaxed)) {
        let diverged = fresh.iter().filter(|(_, _, signed)| !signed.is_empty());
        let mut changed = false;
        for (_, key, signed) in diverged {
            changed |= cache.repros.insert((*key).clone(), signed.clone()).is_none();
        }
        // A failed save costs only the next session's time.
        if changed {
            let _ = cache.save(dir);
        }
    }
    ids.extend(fresh.into_iter().map(|(index, _, signed)| (index, signed)));
    // In list order, so that a later entry with the same signature wins, whatever lane signed it.
    ids.sort_by_key(|(index, _)| *index);
    ids.into_iter().flat_map(|(index, ids)| ids.into_iter().map(move |id| (id, index))).collect()
}

/// The known entries' repros this campaign can sign: programs (not links) whose engine it runs.
fn repros<'a>(shared: &'a Shared<'_>) -> Vec<(usize, &'a str)> {
    shared
        .config
        .known
        .entries()
        .iter()
        .enumerate()
        .filter(|(_, entry)| shared.config.engines.contains(&entry.engine))
        .map(|(index, entry)| (index, entry.repro.trim()))
        .filter(|(_, repro)| !repro.starts_with("http://") && !repro.starts_with("https://"))
        .collect()
}

/// The signature ids of one known repro: its divergence's deduplication key, and its reduced
/// form's signature (none when the repro does not diverge here).
fn sign(shared: &Shared<'_>, workers: &[Arc<WorkerEngine>], repro: &str) -> Vec<String> {
    let runs = triage::run_on(workers, repro);
    let outcomes: Vec<_> = runs.into_iter().map(|(engine, run)| (engine, run.outcome)).collect();
    let trial = Trial { verdict: compare(&outcomes), outcomes };
    let Some(class) = DivergenceClass::of(&trial) else { return Vec::new() };
    let key = triage::finding_key(&trial, &class);
    let (_, _, signature) = triage::reduce(shared, workers, repro, &trial, &class, None);
    vec![key, signature.id()]
}
