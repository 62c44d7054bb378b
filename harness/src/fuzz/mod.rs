//! The fuzzing campaign behind `closure-diff fuzz` and `closure-diff bench`: generate programs from
//! seeds, run each on every engine in worker subprocesses, compare, and triage what differs.
//!
//! - Program `i` of a campaign seeded `S` is `generator::Program::from_seed(S + i)` (wrapping), so
//!   any program can be generated again from its seed alone.
//! - `jobs` **lanes** run in parallel, each a thread with its own [`WorkerEngine`] per engine; a lane
//!   claims the next program index, generates the program, sends it to all its workers at once and
//!   compares the outcomes.
//! - Anything but agreement goes to [`triage`]: crashes and limit hits are counted; each divergence
//!   is **re-run** to confirm it (deterministic or flaky), **reduced** (through the [`Reducer`]
//!   seam), **signed** ([`Signature`](crate::signature::Signature)), checked against the **known divergences**, **deduplicated**
//!   and **blamed** ([`Blame`]); each new signature is written to `DIR/<signature>/` atomically
//!   ([`Finding::write`]). Hangs and out-of-memory deaths become one finding per engine if a re-run
//!   hits the limit again (else they count as flaky).
//! - Every second the campaign saves `DIR/state.json` ([`State`]) atomically; `--resume` continues
//!   from its watermark. At the end it writes `DIR/summary.json` ([`Summary`]).
//!
//! Guarantees: no engine failure stops the campaign (workers are restarted); a finding on disk is
//! complete or absent (temporary directory, then rename); stopping (the `stop` flag, Ctrl-C) or
//! killing the campaign loses no finding already written, and a resumed campaign skips every
//! program below the saved watermark.

pub mod finding;
mod signing;
pub mod state;
pub mod stats;
pub mod triage;
pub mod unmask;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use generator::{Config, Program, Size};
use serde::Serialize;
use thiserror::Error;

use crate::compare::{compare, Verdict};
use crate::engine::{describe_language, Engine, Language};
use crate::known::KnownDivergences;
use crate::reduce::ReduceOptions;
use crate::trial::Trial;
use crate::worker::{thread_cpu_time, WorkerEngine, WorkerRun, WorkerSpec};

pub use finding::{Blame, Finding, FindingKind, Origin};
pub use signing::CACHE_FILE as SIGNATURE_CACHE_FILE;
pub use state::{State, Watermark};
pub use stats::{Counters, Tally, Timers};
pub use triage::{NoReduction, Reducer, SyntaxReducer};

/// Everything a campaign needs to know. The CLI builds it from flags (and `state.json` on resume).
#[derive(Debug, Clone)]
pub struct CampaignConfig {
    /// The `closure-diff` executable workers are started from.
    pub worker_program: PathBuf,
    /// Engines to compare, in report order; each gets one worker per lane.
    pub engines: Vec<String>,
    /// Parallel lanes.
    pub jobs: usize,
    /// Program `i` is generated from seed `seed + i`.
    pub seed: u64,
    /// The first program index to run (the watermark of a resumed campaign).
    pub start_index: u64,
    /// Stop after this many programs in this session.
    pub iterations: Option<u64>,
    /// Stop claiming new programs after this long.
    pub time: Option<Duration>,
    /// Generator size preset.
    pub size: Size,
    /// Generate in swarm mode (categories switched off at random per program).
    pub swarm: bool,
    /// Where findings, `state.json` and `summary.json` go; `None` writes nothing (benchmarks).
    pub out: Option<PathBuf>,
    /// Time limit per program per worker.
    pub timeout: Duration,
    /// Address-space limit per worker, in bytes.
    pub memory_limit: Option<u64>,
    /// Divergences whose signature is one of these entries' are counted as known, not reported.
    pub known: KnownDivergences,
    /// Counts of earlier sessions (resume), to continue from.
    pub tally: Tally,
    /// When the campaign's first session started (resume); now when `None`.
    pub started_at: Option<String>,
    /// Run a program again without the snippet behind its divergence when that divergence is known
    /// or already found, to see what it hid ([`unmask`]).
    pub unmask: bool,
}

/// Why a campaign could not run or finish.
#[derive(Debug, Error)]
pub enum CampaignError {
    /// The output directory, state or summary could not be read or written.
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: io::Error,
    },
    /// A worker could not be started at all (a setup problem, not an engine failure).
    #[error("cannot start a worker for engine `{engine}`: {why}")]
    Worker { engine: String, why: String },
    /// The engines have no program in common (see [`Language::common`]).
    #[error("{0}")]
    NoCommonLanguage(String),
    /// A lane panicked: a bug in the harness, not in an engine.
    #[error("a campaign lane panicked (a harness bug); state is saved, `--resume` continues")]
    LanePanicked,
}

/// What the progress bar shows, refreshed about ten times a second.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// Since this session started.
    pub elapsed: Duration,
    /// Programs run in this session.
    pub programs: u64,
    /// Divergences seen in this session (crashes included; known and duplicates too).
    pub divergences: u64,
    /// Unique findings in the output directory, this session's new ones included.
    pub unique_findings: usize,
    /// New findings written in this session.
    pub new_findings: u64,
    /// Poisoned programs as a share of this session's programs.
    pub poisoned_share: f64,
    /// Programs on which an engine crashed or hit a worker limit, this session.
    pub crashes_and_hangs: u64,
    /// While the known divergences' repros are being signed, before any program runs.
    pub signing: Option<SigningProgress>,
}

/// How far signing the known divergences' repros has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SigningProgress {
    /// Repros run and signed so far.
    pub signed: usize,
    /// Repros to run: those whose signatures are not in the output directory's cache.
    pub to_sign: usize,
    /// Repros whose signatures came from the cache.
    pub cached: usize,
}

/// One line of the summary's findings table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FindingLine {
    pub signature: String,
    pub kind: String,
    pub blame: String,
    /// Times it was seen in this session (0 for older findings not seen again).
    pub hits: u64,
    /// Written in this session.
    pub new: bool,
}

/// One engine's workers in the summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkerLine {
    pub engine: String,
    /// Processes started, the first of each lane included.
    pub starts: u64,
    /// Runs that hit the time limit.
    pub timeouts: u64,
    /// Runs that hit the memory limit.
    pub out_of_memory: u64,
    /// Worker deaths and garbage answers.
    pub crashes: u64,
    /// Programs answered (reductions and confirmations included).
    pub runs: u64,
    /// CPU seconds spent inside the engine over those runs.
    pub engine_cpu_secs: f64,
    /// The largest peak resident memory (`VmHWM`) of its worker processes, in MiB, where known
    /// (read as each lane ends, so a worker restarted late counts only from its restart).
    pub peak_memory_mib: Option<f64>,
}

/// A known divergence seen in this session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KnownLine {
    pub program: String,
    pub engine: String,
    pub hits: u64,
}

/// What signing the known divergences' repros took at the campaign's start.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct KnownRepros {
    /// Repros run (and reduced when they diverged) in this session.
    pub signed: usize,
    /// Repros whose signatures came from the output directory's cache.
    pub cached: usize,
    /// Wall time of signing, before the first program.
    pub secs: f64,
}

/// `DIR/summary.json` and the table printed at the end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub started_at: String,
    pub finished_at: String,
    /// True when the campaign was stopped (Ctrl-C) before its limit.
    pub interrupted: bool,
    pub seed: u64,
    pub engines: Vec<String>,
    pub jobs: usize,
    pub size: String,
    /// The generator's language profile: the largest every engine runs.
    pub profile: String,
    /// Constructs the generator left out because an engine lacks them ([`generator::Construct`]
    /// names; absent from summaries of earlier versions).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub without: Vec<String>,
    pub swarm: bool,
    pub out: Option<PathBuf>,
    /// This session's wall-clock seconds.
    pub elapsed_secs: f64,
    /// This session's counts.
    pub session: Tally,
    /// Counts over every session of the campaign (resume).
    pub total: Tally,
    /// This session's programs per second.
    pub programs_per_sec: f64,
    /// This session's poisoned share.
    pub poisoned_share: f64,
    /// The most frequent reasons programs were poisoned in this session.
    pub poison_reasons: Vec<(String, u64)>,
    /// Worker processes started beyond the first one per lane and engine.
    pub worker_restarts: u64,
    /// What happened to each engine's workers, summed over lanes (reductions included: a candidate
    /// that crashes or hangs a worker shows here even though only the original program is a finding).
    pub workers: Vec<WorkerLine>,
    /// Every finding in the output directory (new and seen ones first), by signature.
    pub findings: Vec<FindingLine>,
    /// Known divergences seen.
    pub known: Vec<KnownLine>,
    /// Signing the known divergences' repros at the start.
    pub known_repros: KnownRepros,
    /// The index the next session starts at.
    pub next_index: u64,
    /// What a person should do next.
    pub next_action: String,
}

/// Everything measured in one run: the summary plus what `closure-diff bench` needs.
#[derive(Debug)]
pub struct Report {
    pub summary: Summary,
    /// Where the time went, summed over lanes.
    pub generate: Duration,
    /// CPU time of generation (the lanes' threads).
    pub generate_cpu: Duration,
    pub engines: Vec<(String, Duration)>,
    pub engine_phase: Duration,
    /// Per program, the slowest engine's own time, summed.
    pub critical: Duration,
    pub compare: Duration,
    pub triage: Duration,
    pub lanes: Duration,
    /// Peak resident memory of each engine's workers (the largest over lanes), where known.
    pub peak_memory: Vec<(String, Option<u64>)>,
}

/// The findings of the output directory and how often each was hit in this session.
#[derive(Debug, Default)]
struct Registry {
    entries: Mutex<BTreeMap<String, RegistryEntry>>,
    /// Deduplication key → finding id.
    keys: Mutex<BTreeMap<String, String>>,
}

#[derive(Debug, Clone)]
struct RegistryEntry {
    kind: String,
    blame: String,
    hits: u64,
    new: bool,
}

impl Registry {
    fn lock(&self) -> MutexGuard<'_, BTreeMap<String, RegistryEntry>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Counts a hit and returns true when a finding has deduplication key `key`.
    fn hit_if_key_known(&self, key: &str) -> bool {
        let id = self.keys.lock().unwrap_or_else(PoisonError::into_inner).get(key).cloned();
        id.is_some_and(|id| self.hit_if_known(&id))
    }

    /// Remembers that divergences with `key` are finding `id`.
    fn alias(&self, key: &str, id: &str) {
        self.keys.lock().unwrap_or_else(PoisonError::into_inner).insert(key.to_owned(), id.to_owned());
    }

    /// Counts a hit and returns true when `id` is already a finding.
    fn hit_if_known(&self, id: &str) -> bool {
        match self.lock().get_mut(id) {
            Some(entry) => {
                entry.hits += 1;
                true
            }
            None => false,
        }
    }
}

/// State shared by the lanes of a running campaign.
struct Shared<'a> {
    config: &'a CampaignConfig,
    generator: Config,
    reducer: &'a dyn Reducer,
    /// Set by the caller to stop (Ctrl-C): lanes claim nothing new and reductions in flight end
    /// early with what they have. Past the time limit lanes only claim nothing new, and a reduction
    /// in flight still gets its own time: cut short, it would write a half-reduced finding that
    /// known bugs' patterns do not recognise (the main job once reported a listed Boa bug that way).
    stop: &'a Arc<AtomicBool>,
    /// Peak resident memory of each engine's workers, as the lanes saw it before ending.
    peak_memory: Mutex<BTreeMap<String, u64>>,
    deadline: Option<Instant>,
    next_index: AtomicU64,
    end_index: Option<u64>,
    counters: Counters,
    timers: Timers,
    watermark: Mutex<Watermark>,
    registry: Registry,
    /// Signature id and deduplication key of each known divergence's repro (reduced, for the
    /// signature) → the entry's index in `config.known`.
    known_signatures: Mutex<BTreeMap<String, usize>>,
    signing: signing::SigningCounter,
    known_hits: Mutex<BTreeMap<usize, u64>>,
    /// Per coarse key ([`triage::coarse_key`]): how many reductions in a row found nothing new.
    fruitless: Mutex<BTreeMap<String, u32>>,
    /// Set when a finding could not be written; reported at the end.
    write_errors: Mutex<Vec<String>>,
}

impl Shared<'_> {
    /// Registers `finding`: a duplicate when its id is known (counted), else written (when the
    /// campaign has an output directory) and counted as new.
    fn record(&self, finding: Finding) {
        let mut entries = self.registry.lock();
        if let Some(entry) = entries.get_mut(&finding.id) {
            entry.hits += 1;
            Counters::bump(&self.counters.duplicates);
            return;
        }
        if let Some(out) = &self.config.out {
            if let Err(err) = finding.write(out) {
                let mut errors = self.write_errors.lock().unwrap_or_else(PoisonError::into_inner);
                errors.push(format!("cannot write finding {} into {}: {err}", finding.id, out.display()));
                return;
            }
        }
        let entry =
            RegistryEntry { kind: finding.kind.name().to_owned(), blame: finding.blame.short(), hits: 1, new: true };
        if let Some(key) = &finding.key {
            self.registry.keys.lock().unwrap_or_else(PoisonError::into_inner).insert(key.clone(), finding.id.clone());
        }
        entries.insert(finding.id, entry);
        Counters::bump(&self.counters.new_findings);
    }

    /// The known divergence whose signature id or deduplication key is `id`, if any.
    fn known(&self, id: &str) -> Option<usize> {
        self.known_signatures.lock().unwrap_or_else(PoisonError::into_inner).get(id).copied()
    }

    /// Remembers that divergences with `key` are the known divergence `entry`.
    fn known_alias(&self, key: &str, entry: usize) {
        self.known_signatures.lock().unwrap_or_else(PoisonError::into_inner).insert(key.to_owned(), entry);
    }

    /// How many reductions (or unmaskings) of `coarse` in a row found nothing new.
    fn fruitless(&self, coarse: &str) -> u32 {
        self.fruitless.lock().unwrap_or_else(PoisonError::into_inner).get(coarse).copied().unwrap_or(0)
    }

    /// Records that a reduction (or unmasking) of the kind `coarse` found something new (`fresh`)
    /// or not, for [`Shared::fruitless`].
    fn record_attempt(&self, coarse: &str, fresh: bool) {
        let mut fruitless = self.fruitless.lock().unwrap_or_else(PoisonError::into_inner);
        let streak = fruitless.entry(coarse.to_owned()).or_default();
        *streak = if fresh { 0 } else { *streak + 1 };
    }

    fn known_hit(&self, entry: usize) {
        *self.known_hits.lock().unwrap_or_else(PoisonError::into_inner).entry(entry).or_default() += 1;
    }

    fn finished(&self) -> bool {
        self.stop.load(Ordering::Relaxed) || self.deadline.is_some_and(|deadline| Instant::now() >= deadline)
    }
}

/// The reducer `closure-diff fuzz` uses: [`SyntaxReducer`] with at most `time` per reduction.
pub fn default_reducer(time: Duration) -> SyntaxReducer {
    SyntaxReducer { options: ReduceOptions { time_limit: Some(time), ..ReduceOptions::default() } }
}

/// Runs a campaign until its limit, `stop` or the end of its iterations, calling `on_tick` about
/// ten times a second with the progress; then saves the state and writes the summary.
pub fn run(
    config: &CampaignConfig,
    reducer: &dyn Reducer,
    stop: &Arc<AtomicBool>,
    on_tick: &mut dyn FnMut(&Progress),
) -> Result<Report, CampaignError> {
    let language = Language::common(&config.engines).map_err(CampaignError::NoCommonLanguage)?;
    let session_start = Instant::now();
    let started_at = state::now();
    let io_error = |what: String| move |source: io::Error| CampaignError::Io { what, source };
    let mut registry = Registry::default();
    if let Some(out) = &config.out {
        std::fs::create_dir_all(out).map_err(io_error(format!("cannot create {}", out.display())))?;
        let existing =
            finding::existing_findings(out).map_err(io_error(format!("cannot list findings in {}", out.display())))?;
        let keys = existing.iter().filter_map(|found| Some((found.key.clone()?, found.id.clone()))).collect();
        let entries = existing
            .into_iter()
            .map(|found| (found.id, RegistryEntry { kind: found.kind, blame: found.blame, hits: 0, new: false }))
            .collect();
        registry = Registry { entries: Mutex::new(entries), keys: Mutex::new(keys) };
    }

    let lanes: Vec<Vec<Arc<WorkerEngine>>> = (0..config.jobs.max(1))
        .map(|_| {
            config
                .engines
                .iter()
                .map(|engine| {
                    Arc::new(WorkerEngine::new(WorkerSpec {
                        program: config.worker_program.clone(),
                        engine: engine.clone(),
                        timeout: config.timeout,
                        memory_limit: config.memory_limit,
                    }))
                })
                .collect()
        })
        .collect();
    for worker in lanes.iter().flatten() {
        worker.start().map_err(|why| CampaignError::Worker { engine: worker.name().to_owned(), why })?;
    }

    let shared = Shared {
        config,
        generator: language.config(config.size),
        reducer,
        stop,
        peak_memory: Mutex::new(BTreeMap::new()),
        deadline: config.time.map(|time| session_start + time),
        next_index: AtomicU64::new(config.start_index),
        end_index: config.iterations.map(|count| config.start_index.saturating_add(count)),
        counters: Counters::starting_at(&config.tally),
        timers: Timers::new(config.engines.len()),
        watermark: Mutex::new(Watermark::starting_at(config.start_index)),
        registry,
        known_signatures: Mutex::new(BTreeMap::new()),
        signing: signing::SigningCounter::default(),
        known_hits: Mutex::new(BTreeMap::new()),
        fruitless: Mutex::new(BTreeMap::new()),
        write_errors: Mutex::new(Vec::new()),
    };

    // Signing shows progress too: with external engines it takes a minute or more.
    let signing_started = Instant::now();
    let signatures = thread::scope(|scope| {
        let signing = scope.spawn(|| signing::known_signatures(&shared, &lanes));
        while !signing.is_finished() {
            on_tick(&progress(&shared, session_start));
            thread::sleep(Duration::from_millis(100));
        }
        signing.join()
    });
    let signatures = signatures.map_err(|_| CampaignError::LanePanicked)?;
    *shared.known_signatures.lock().unwrap_or_else(PoisonError::into_inner) = signatures;
    shared.signing.finish(signing_started.elapsed());

    let mut lane_panicked = false;
    thread::scope(|scope| {
        let handles: Vec<_> = lanes
            .iter()
            .enumerate()
            .map(|(number, workers)| {
                let shared = &shared;
                thread::Builder::new()
                    .name(format!("lane-{number}"))
                    .spawn_scoped(scope, move || lane(shared, workers))
                    .map_err(io_error("cannot start a lane thread".to_owned()))
            })
            .collect::<Result<_, _>>()?;
        let mut last_save = Instant::now();
        loop {
            let done = handles.iter().all(|handle: &thread::ScopedJoinHandle<'_, ()>| handle.is_finished());
            on_tick(&progress(&shared, session_start));
            if done {
                break;
            }
            if last_save.elapsed() >= Duration::from_secs(1) {
                // A failed periodic save is retried a second later and reported by the final one.
                let _ = save_state(&shared, &started_at, session_start);
                last_save = Instant::now();
            }
            thread::sleep(Duration::from_millis(100));
        }
        for handle in handles {
            lane_panicked |= handle.join().is_err();
        }
        Ok::<(), CampaignError>(())
    })?;

    let peak_memory: Vec<(String, Option<u64>)> = {
        let seen = shared.peak_memory.lock().unwrap_or_else(PoisonError::into_inner);
        config.engines.iter().map(|engine| (engine.clone(), seen.get(engine).copied())).collect()
    };
    let workers: Vec<WorkerLine> = config
        .engines
        .iter()
        .map(|engine| {
            let mut line = WorkerLine {
                engine: engine.clone(),
                starts: 0,
                timeouts: 0,
                out_of_memory: 0,
                crashes: 0,
                runs: 0,
                engine_cpu_secs: 0.0,
                peak_memory_mib: peak_memory
                    .iter()
                    .find(|(name, _)| name == engine)
                    .and_then(|(_, peak)| *peak)
                    .map(|bytes| bytes as f64 / f64::from(1 << 20)),
            };
            for worker in lanes.iter().flatten().filter(|worker| worker.name() == engine) {
                let stats = worker.stats();
                line.starts += stats.starts;
                line.timeouts += stats.timeouts;
                line.out_of_memory += stats.out_of_memory;
                line.crashes += stats.crashes;
                line.runs += stats.runs;
                line.engine_cpu_secs += stats.engine_cpu.as_secs_f64();
            }
            line
        })
        .collect();
    for worker in lanes.iter().flatten() {
        worker.shutdown();
    }

    save_state(&shared, &started_at, session_start).map_err(io_error("cannot save the campaign state".to_owned()))?;
    let summary = summarize(&shared, &started_at, session_start, workers);
    if let Some(out) = &config.out {
        state::write_json_atomically(&out.join(state::SUMMARY_FILE), &summary)
            .map_err(io_error(format!("cannot write {}", out.join(state::SUMMARY_FILE).display())))?;
    }
    if let Some(error) = shared.write_errors.lock().unwrap_or_else(PoisonError::into_inner).first() {
        return Err(CampaignError::Io { what: error.clone(), source: io::Error::other("finding not written") });
    }
    if lane_panicked {
        return Err(CampaignError::LanePanicked);
    }
    let timers = &shared.timers;
    Ok(Report {
        summary,
        generate: Timers::read(&timers.generate),
        generate_cpu: Timers::read(&timers.generate_cpu),
        engines: config.engines.iter().cloned().zip(timers.engines.iter().map(Timers::read)).collect(),
        engine_phase: Timers::read(&timers.engine_phase),
        critical: Timers::read(&timers.critical),
        compare: Timers::read(&timers.compare),
        triage: Timers::read(&timers.triage),
        lanes: Timers::read(&timers.lanes),
        peak_memory,
    })
}

/// One lane: claim, generate, run, compare, triage, until the campaign is finished.
fn lane(shared: &Shared<'_>, workers: &[Arc<WorkerEngine>]) {
    let started = Instant::now();
    let mut next = next_program(shared);
    while let Some(current) = next.take() {
        let clock = Instant::now();
        let submitted: Vec<_> = workers.iter().map(|worker| worker.submit(&current.source)).collect();
        // The next program is generated while the workers run this one.
        let generating = Instant::now();
        next = next_program(shared);
        let generation = generating.elapsed();
        let runs: Vec<(String, WorkerRun)> = workers
            .iter()
            .zip(submitted)
            .map(|(worker, submitted)| (worker.name().to_owned(), worker.collect(submitted)))
            .collect();
        Timers::add(&shared.timers.engine_phase, clock.elapsed().saturating_sub(generation));
        let mut slowest = Duration::ZERO;
        for ((_, run), timer) in runs.iter().zip(&shared.timers.engines) {
            let own = run.engine_time.unwrap_or(run.wall);
            Timers::add(timer, own);
            slowest = slowest.max(own);
        }
        Timers::add(&shared.timers.critical, slowest);

        let clock = Instant::now();
        let outcomes: Vec<_> = runs.iter().map(|(engine, run)| (engine.clone(), run.outcome.clone())).collect();
        let trial = Trial { verdict: compare(&outcomes), outcomes };
        Timers::add(&shared.timers.compare, clock.elapsed());

        Counters::bump(&shared.counters.programs);
        let leaks = crate::lifetime::judge(&trial.outcomes).leaks.len() as u64;
        shared.counters.leaks.fetch_add(leaks, std::sync::atomic::Ordering::Relaxed);
        match &trial.verdict {
            Verdict::Agree => Counters::bump(&shared.counters.agree),
            Verdict::Diverge { .. } => Counters::bump(&shared.counters.diverge),
            Verdict::Poisoned { .. } => {
                let reasons: Vec<String> = trial
                    .outcomes
                    .iter()
                    .filter(|(_, outcome)| outcome.is_poisoning())
                    .map(|(engine, outcome)| format!("{engine}: {}", outcome.end))
                    .collect();
                shared.counters.poisoned_by(&reasons.join(", "));
            }
        }
        let interesting = !matches!(trial.verdict, Verdict::Agree) && needs_triage(&trial, &runs);
        if interesting {
            let clock = Instant::now();
            let categories = current.program.categories().iter().map(|category| category.name().to_owned()).collect();
            let ran = triage::Ran {
                index: current.index,
                seed: current.seed,
                categories,
                source: &current.source,
                program: &current.program,
                runs: &runs,
                trial: &trial,
                unmasked: Vec::new(),
            };
            triage::handle(shared, workers, &ran);
            Timers::add(&shared.timers.triage, clock.elapsed());
        }
        shared.watermark.lock().unwrap_or_else(PoisonError::into_inner).done(current.index);
    }
    Timers::add(&shared.timers.lanes, started.elapsed());
    // Read now: a worker this lane restarted dies with the lane's thread (its parent-death signal).
    let mut peaks = shared.peak_memory.lock().unwrap_or_else(PoisonError::into_inner);
    for worker in workers {
        if let Some(peak) = worker.peak_memory() {
            let seen = peaks.entry(worker.name().to_owned()).or_default();
            *seen = (*seen).max(peak);
        }
    }
}

/// A generated program, ready to run.
struct Generated {
    index: u64,
    seed: u64,
    program: Program,
    source: String,
}

/// Claims the next program index and generates its program; `None` once the campaign is finished
/// or every index is claimed.
fn next_program(shared: &Shared<'_>) -> Option<Generated> {
    if shared.finished() {
        return None;
    }
    let index = shared.next_index.fetch_add(1, Ordering::Relaxed);
    if shared.end_index.is_some_and(|end| index >= end) {
        return None;
    }
    let seed = shared.config.seed.wrapping_add(index);
    let clock = Instant::now();
    let cpu = thread_cpu_time();
    let program = if shared.config.swarm {
        Program::from_seed_swarm(seed, &shared.generator)
    } else {
        Program::from_seed(seed, &shared.generator)
    };
    let source = program.to_string();
    Timers::add(&shared.timers.generate, clock.elapsed());
    Timers::add(&shared.timers.generate_cpu, thread_cpu_time().saturating_sub(cpu));
    Some(Generated { index, seed, program, source })
}

/// Poisoned runs need triage only when an engine crashed or a worker limit was hit.
pub(super) fn needs_triage(trial: &Trial, runs: &[(String, WorkerRun)]) -> bool {
    match trial.verdict {
        Verdict::Poisoned { .. } => {
            runs.iter().any(|(_, run)| run.event.is_some())
                || trial.outcomes.iter().any(|(_, outcome)| matches!(outcome.end, crate::End::Crashed(_)))
        }
        _ => true,
    }
}

fn progress(shared: &Shared<'_>, session_start: Instant) -> Progress {
    let now = shared.counters.tally();
    let before = &shared.config.tally;
    let programs = now.programs - before.programs;
    let poisoned = now.poisoned - before.poisoned;
    Progress {
        elapsed: session_start.elapsed(),
        programs,
        divergences: now.diverge - before.diverge,
        unique_findings: shared.registry.lock().len(),
        new_findings: now.new_findings - before.new_findings,
        poisoned_share: if programs == 0 { 0.0 } else { poisoned as f64 / programs as f64 },
        crashes_and_hangs: (now.crashed + now.hangs + now.out_of_memory)
            - (before.crashed + before.hangs + before.out_of_memory),
        signing: shared.signing.progress(),
    }
}

fn total_tally(shared: &Shared<'_>, session_start: Instant) -> Tally {
    let mut tally = shared.counters.tally();
    tally.elapsed_secs = shared.config.tally.elapsed_secs + session_start.elapsed().as_secs_f64();
    tally
}

fn save_state(shared: &Shared<'_>, started_at: &str, session_start: Instant) -> io::Result<()> {
    let Some(out) = &shared.config.out else { return Ok(()) };
    let state = State {
        seed: shared.config.seed,
        size: shared.config.size.name().to_owned(),
        swarm: shared.config.swarm,
        engines: shared.config.engines.clone(),
        next_index: shared.watermark.lock().unwrap_or_else(PoisonError::into_inner).next(),
        tally: total_tally(shared, session_start),
        started_at: shared.config.started_at.clone().unwrap_or_else(|| started_at.to_owned()),
        updated_at: state::now(),
    };
    state.save(out)
}

fn summarize(shared: &Shared<'_>, started_at: &str, session_start: Instant, workers: Vec<WorkerLine>) -> Summary {
    let lanes = u64::try_from(shared.config.jobs.max(1)).unwrap_or(1);
    let worker_restarts = workers.iter().map(|line| line.starts.saturating_sub(lanes)).sum();
    let elapsed = session_start.elapsed().as_secs_f64();
    let total = total_tally(shared, session_start);
    let before = &shared.config.tally;
    let session = Tally {
        programs: total.programs - before.programs,
        agree: total.agree - before.agree,
        diverge: total.diverge - before.diverge,
        poisoned: total.poisoned - before.poisoned,
        crashed: total.crashed - before.crashed,
        hangs: total.hangs - before.hangs,
        out_of_memory: total.out_of_memory - before.out_of_memory,
        flaky: total.flaky - before.flaky,
        known: total.known - before.known,
        duplicates: total.duplicates - before.duplicates,
        new_findings: total.new_findings - before.new_findings,
        unreduced: total.unreduced - before.unreduced,
        leaks: total.leaks - before.leaks,
        unmasked: total.unmasked - before.unmasked,
        unmasked_diverge: total.unmasked_diverge - before.unmasked_diverge,
        elapsed_secs: elapsed,
    };
    let mut findings: Vec<FindingLine> = shared
        .registry
        .lock()
        .iter()
        .map(|(id, entry)| FindingLine {
            signature: id.clone(),
            kind: entry.kind.clone(),
            blame: entry.blame.clone(),
            hits: entry.hits,
            new: entry.new,
        })
        .collect();
    findings.sort_by(|a, b| b.new.cmp(&a.new).then(b.hits.cmp(&a.hits)).then_with(|| a.signature.cmp(&b.signature)));
    let known = shared
        .known_hits
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .iter()
        .filter_map(|(index, hits)| {
            let entry = shared.config.known.entries().get(*index)?;
            Some(KnownLine { program: entry.program.clone(), engine: entry.engine.clone(), hits: *hits })
        })
        .collect();
    let interrupted = shared.stop.load(Ordering::Relaxed);
    let mut summary = Summary {
        started_at: started_at.to_owned(),
        finished_at: state::now(),
        interrupted,
        seed: shared.config.seed,
        engines: shared.config.engines.clone(),
        jobs: shared.config.jobs,
        size: shared.config.size.name().to_owned(),
        profile: shared.generator.profile.name().to_owned(),
        without: shared.generator.without_names(),
        swarm: shared.config.swarm,
        out: shared.config.out.clone(),
        elapsed_secs: elapsed,
        programs_per_sec: if elapsed > 0.0 { session.programs as f64 / elapsed } else { 0.0 },
        poisoned_share: session.poisoned_share(),
        session,
        total,
        poison_reasons: shared.counters.top_poison_reasons(5),
        worker_restarts,
        workers,
        findings,
        known,
        known_repros: shared.signing.tally(),
        next_index: shared.watermark.lock().unwrap_or_else(PoisonError::into_inner).next(),
        next_action: String::new(),
    };
    summary.next_action = next_action(&summary);
    summary
}

/// The one thing a person should do after reading the summary.
fn next_action(summary: &Summary) -> String {
    let out = summary.out.as_deref().unwrap_or(Path::new("findings"));
    let new: Vec<&FindingLine> = summary.findings.iter().filter(|finding| finding.new).collect();
    if let Some(first) = new.first() {
        let dir = out.join(&first.signature);
        return format!(
            "Read {} ({} new finding{} in all): decide which engine is wrong, then fix the reference \
             interpreter or report the engine's bug and list it in corpus/known-divergences.toml.",
            dir.join("README.md").display(),
            new.len(),
            if new.len() == 1 { "" } else { "s" }
        );
    }
    if summary.session.programs > 0 && summary.poisoned_share > 0.2 {
        let top = summary.poison_reasons.first().map_or(String::new(), |(reason, _)| format!(" (mostly `{reason}`)"));
        return format!(
            "No new findings, but {:.0}% of programs were poisoned{top}: poisoned programs are not compared, so \
             implement what they need or make the generator avoid it.",
            summary.poisoned_share * 100.0
        );
    }
    if summary.interrupted {
        return format!("No new findings yet; continue with `closure-diff fuzz --resume --out {}`.", out.display());
    }
    // Suggest only what this campaign did not already do.
    let mut options =
        vec![if summary.elapsed_secs < 600.0 { "run longer (`--time 600`)" } else { "run longer (`--time 3600`)" }];
    if summary.size != Size::Large.name() {
        options.push("with bigger programs (`--size large`)");
    }
    if !summary.swarm {
        options.push("in swarm mode (`--swarm`)");
    }
    let last = options.pop().expect("running longer is always an option");
    match options.is_empty() {
        true => format!("No new findings: {last}."),
        false => format!("No new findings: {} or {last}.", options.join(", ")),
    }
}

impl Summary {
    /// The table printed at the end of a campaign.
    pub fn table(&self) -> String {
        let mut text = String::new();
        let session = &self.session;
        let _ = writeln!(
            text,
            "closure-diff fuzz: {} programs in {:.1} s ({:.0} programs/s), {} lane{}, engines {}, seed {}, size {}{}{}",
            session.programs,
            self.elapsed_secs,
            self.programs_per_sec,
            self.jobs,
            if self.jobs == 1 { "" } else { "s" },
            self.engines.join(","),
            self.seed,
            self.size,
            match self.profile == "full" && self.without.is_empty() {
                true => String::new(),
                false => format!(", profile {}", describe_language(&self.profile, &self.without)),
            },
            if self.interrupted { " (interrupted)" } else { "" }
        );
        let share =
            |count: u64| if session.programs == 0 { 0.0 } else { count as f64 * 100.0 / session.programs as f64 };
        let _ = writeln!(
            text,
            "  agree {} ({:.1}%), diverge {} ({:.2}%), poisoned {} ({:.1}%)",
            session.agree,
            share(session.agree),
            session.diverge,
            share(session.diverge),
            session.poisoned,
            share(session.poisoned)
        );
        let _ = writeln!(
            text,
            "  crashed {}, hangs {}, out of memory {}, flaky {}, known {}, duplicates {} ({} not reduced), worker restarts {}",
            session.crashed,
            session.hangs,
            session.out_of_memory,
            session.flaky,
            session.known,
            session.duplicates,
            session.unreduced,
            self.worker_restarts
        );
        if session.unmasked > 0 {
            let _ = writeln!(
                text,
                "  unmasked: {} programs run again without the snippet behind a known or already-found divergence, {} of them diverged again",
                session.unmasked, session.unmasked_diverge
            );
        }
        if session.leaks > 0 {
            let _ = writeln!(
                text,
                "  lifetime: {} probes kept by an engine although nothing could reach them (leaks: information, not findings)",
                session.leaks
            );
        }
        let workers: Vec<String> = self
            .workers
            .iter()
            .map(|line| {
                let mut text = format!("{} {} starts", line.engine, line.starts);
                if line.timeouts + line.out_of_memory + line.crashes > 0 {
                    text.push_str(&format!(
                        " ({} timeouts, {} out of memory, {} crashes)",
                        line.timeouts, line.out_of_memory, line.crashes
                    ));
                }
                if let Some(peak) = line.peak_memory_mib {
                    text.push_str(&format!(", peak {peak:.0} MiB"));
                }
                text
            })
            .collect();
        let _ = writeln!(text, "  workers (reductions included): {}", workers.join("; "));
        if !self.poison_reasons.is_empty() {
            let reasons: Vec<String> =
                self.poison_reasons.iter().map(|(reason, count)| format!("{reason} x{count}")).collect();
            let _ = writeln!(text, "  poisoned by: {}", reasons.join("; "));
        }
        let shown: Vec<&FindingLine> = self.findings.iter().filter(|finding| finding.new || finding.hits > 0).collect();
        if shown.is_empty() {
            let _ =
                writeln!(text, "  findings: none in this session ({} in the output directory)", self.findings.len());
        } else {
            let width = shown.iter().map(|finding| finding.signature.len()).max().unwrap_or(9).max(9);
            let _ = writeln!(text, "  {:width$}  {:13}  {:14}  {:>5}  status", "signature", "kind", "blame", "hits");
            for finding in shown {
                let status = if finding.new { "new" } else { "seen before" };
                let _ = writeln!(
                    text,
                    "  {:width$}  {:13}  {:14}  {:>5}  {status}",
                    finding.signature, finding.kind, finding.blame, finding.hits
                );
            }
        }
        let repros = &self.known_repros;
        if repros.signed + repros.cached > 0 {
            let _ = writeln!(
                text,
                "  known divergences: {} repro{} signed in {:.1} s, {} more from {}",
                repros.signed,
                if repros.signed == 1 { "" } else { "s" },
                repros.secs,
                repros.cached,
                SIGNATURE_CACHE_FILE
            );
        }
        for known in &self.known {
            let _ = writeln!(text, "  known: {} on {} x{}", known.program, known.engine, known.hits);
        }
        let _ = writeln!(text, "next: {}", self.next_action);
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> Summary {
        Summary {
            started_at: "2026-01-01T00:00:00Z".into(),
            finished_at: "2026-01-01T00:01:00Z".into(),
            interrupted: false,
            seed: 1,
            engines: vec!["ref".into(), "boa".into()],
            jobs: 2,
            size: "medium".into(),
            profile: "full".into(),
            without: Vec::new(),
            swarm: false,
            out: Some(PathBuf::from("findings")),
            elapsed_secs: 60.0,
            session: Tally { programs: 100, agree: 90, diverge: 2, poisoned: 8, ..Tally::default() },
            total: Tally::default(),
            programs_per_sec: 100.0 / 60.0,
            poisoned_share: 0.08,
            poison_reasons: vec![("ref: unsupported (x)".into(), 8)],
            worker_restarts: 0,
            workers: vec![],
            findings: vec![],
            known: vec![],
            known_repros: KnownRepros::default(),
            next_index: 100,
            next_action: String::new(),
        }
    }

    #[test]
    fn the_next_action_points_at_the_first_new_finding() {
        let mut summary = summary();
        summary.findings = vec![FindingLine {
            signature: "boa+ref-output-12345678".into(),
            kind: "divergence".into(),
            blame: "undetermined".into(),
            hits: 3,
            new: true,
        }];
        let action = next_action(&summary);
        assert!(
            action.starts_with("Read findings/boa+ref-output-12345678/README.md (1 new finding in all)"),
            "{action}"
        );
        let table = summary.table();
        assert!(table.contains("boa+ref-output-12345678  divergence     undetermined        3  new"), "{table}");
    }

    #[test]
    fn without_findings_the_next_action_depends_on_poison_and_interruption() {
        let mut summary = summary();
        assert_eq!(
            next_action(&summary),
            "No new findings: run longer (`--time 600`), with bigger programs (`--size large`) or in swarm mode \
             (`--swarm`)."
        );
        let done = Summary { size: "large".into(), swarm: true, elapsed_secs: 600.0, ..summary.clone() };
        assert_eq!(next_action(&done), "No new findings: run longer (`--time 3600`).", "only what was not done");
        summary.poisoned_share = 0.5;
        assert!(next_action(&summary).contains("50% of programs were poisoned (mostly `ref: unsupported (x)`)"));
        summary.poisoned_share = 0.0;
        summary.interrupted = true;
        assert!(next_action(&summary).contains("--resume"));
    }
}
