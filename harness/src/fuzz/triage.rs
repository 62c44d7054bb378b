//! What happens to a program that did not simply agree: crashes and limit hits are counted, and
//! every divergence is confirmed by a re-run, reduced, signed, checked against the known
//! divergences, deduplicated and, when new, written as a finding.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use generator::Program;

use crate::compare::{compare, Difference, Verdict};
use crate::engine::Engine;
use crate::fuzz::finding::{Blame, Finding, FindingKind, Origin};
use crate::fuzz::stats::Counters;
use crate::fuzz::Shared;
use crate::fuzz::{needs_triage, unmask};
use crate::outcome::{End, Outcome};
use crate::reduce::{reduce_embedded_first, ReduceOptions};
use crate::signature::{fnv1a64, DivergenceClass, Signature};
use crate::trial::Trial;
use crate::worker::{WorkerEngine, WorkerEvent, WorkerRun};

/// The campaign's seam to the reducer: shrink a diverging program while keeping its divergence.
///
/// `closure-diff fuzz` uses [`SyntaxReducer`] (the reducer of [`crate::reduce`](mod@crate::reduce)); tests and
/// `closure-diff bench` may pass [`NoReduction`].
pub trait Reducer: Send + Sync {
    /// Returns a program, as small as the reducer can make it, on which `engines` diverge with
    /// exactly `class` (see [`DivergenceClass::of`]) and do so deterministically; `source` itself
    /// when nothing smaller keeps the divergence. `program` is the generator's IR that printed
    /// `source`, when there is one. `engines` are crash-safe (worker) engines, so candidates may
    /// crash or hang them. Should return soon, with the best program so far, once `stop` is set.
    fn reduce(
        &self,
        source: &str,
        program: Option<&Program>,
        class: &DivergenceClass,
        engines: &[Arc<dyn Engine>],
        stop: &Arc<AtomicBool>,
    ) -> String;
}

/// A [`Reducer`] that keeps every program as it is.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoReduction;

impl Reducer for NoReduction {
    fn reduce(
        &self,
        source: &str,
        _: Option<&Program>,
        _: &DivergenceClass,
        _: &[Arc<dyn Engine>],
        _: &Arc<AtomicBool>,
    ) -> String {
        source.to_owned()
    }
}

/// The reducer of [`crate::reduce`](mod@crate::reduce), under a budget per reduction: on the IR
/// first when the program was generated, then on the syntax tree, and on the embedded engines alone
/// when they show the divergence by themselves ([`reduce_embedded_first`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntaxReducer {
    /// Candidate and time budget of each reduction.
    pub options: ReduceOptions,
}

impl Reducer for SyntaxReducer {
    fn reduce(
        &self,
        source: &str,
        program: Option<&Program>,
        class: &DivergenceClass,
        engines: &[Arc<dyn Engine>],
        stop: &Arc<AtomicBool>,
    ) -> String {
        // Once `stop` is set every candidate is poisoned at once, so the reduction ends quickly
        // with the smallest program found so far.
        let engines: Vec<Box<dyn Engine>> = engines
            .iter()
            .map(|engine| Box::new(Stoppable { inner: Arc::clone(engine), stop: Arc::clone(stop) }) as Box<dyn Engine>)
            .collect();
        let target = Signature::new(class.clone(), source);
        match reduce_embedded_first(source, program, &engines, &target, &self.options) {
            Ok(reduced) => reduced.reduction.program,
            Err(_) => source.to_owned(),
        }
    }
}

/// An engine that answers `exhausted (stopped)` once `stop` is set.
struct Stoppable {
    inner: Arc<dyn Engine>,
    stop: Arc<AtomicBool>,
}

impl Engine for Stoppable {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn run(&self, source: &str) -> Outcome {
        if self.stop.load(Ordering::Relaxed) {
            return Outcome::without_output(End::Exhausted("stopped".to_owned()));
        }
        self.inner.run(source)
    }
}

/// One generated program and what the lane's workers made of it.
pub(super) struct Ran<'a> {
    pub index: u64,
    pub seed: u64,
    pub categories: Vec<String>,
    pub source: &'a str,
    /// The IR `source` was printed from.
    pub program: &'a Program,
    pub runs: &'a [(String, WorkerRun)],
    pub trial: &'a Trial,
    /// What unmasking removed from the generated program to get `program`, one note per round
    /// (empty for the generated program itself).
    pub unmasked: Vec<String>,
}

/// Runs `source` on `workers` at once (each worker its own process) and returns each run in order.
pub(super) fn run_on(workers: &[Arc<WorkerEngine>], source: &str) -> Vec<(String, WorkerRun)> {
    let submitted: Vec<_> = workers.iter().map(|worker| worker.submit(source)).collect();
    workers
        .iter()
        .zip(submitted)
        .map(|(worker, submitted)| (worker.name().to_owned(), worker.collect(submitted)))
        .collect()
}

fn outcomes_of(runs: &[(String, WorkerRun)]) -> Vec<(String, Outcome)> {
    runs.iter().map(|(engine, run)| (engine.clone(), run.outcome.clone())).collect()
}

/// Triage for a program whose trial is not plain agreement. See the module docs.
pub(super) fn handle(shared: &Shared, workers: &[Arc<WorkerEngine>], ran: &Ran<'_>) {
    if is_crash(ran.trial) {
        Counters::bump(&shared.counters.crashed);
    }
    for (engine, run) in ran.runs {
        let kind = match run.event {
            Some(WorkerEvent::TimedOut) => FindingKind::Hang,
            Some(WorkerEvent::OutOfMemory) => FindingKind::OutOfMemory,
            _ => continue,
        };
        let counter = if kind == FindingKind::Hang { &shared.counters.hangs } else { &shared.counters.out_of_memory };
        Counters::bump(counter);
        limit_finding(shared, workers, ran, engine, kind);
    }
    if let Some(divergence) = comparable(ran.trial) {
        if divergence_finding(shared, workers, ran, &divergence) == Triaged::AlreadyAccounted {
            unmask_behind(shared, workers, ran, &divergence);
        }
    }
}

/// The part of `trial` that can be compared: the trial itself when it diverges; when it is
/// poisoned but some engine crashed, the engines that were not poisoned, if they diverge (a crash
/// is a finding whatever the other engines did).
fn comparable(trial: &Trial) -> Option<Trial> {
    match &trial.verdict {
        Verdict::Diverge { .. } => Some(trial.clone()),
        Verdict::Agree => None,
        Verdict::Poisoned { .. } => {
            if !is_crash(trial) {
                return None;
            }
            let outcomes: Vec<(String, Outcome)> =
                trial.outcomes.iter().filter(|(_, outcome)| !outcome.is_poisoning()).cloned().collect();
            let trial = Trial::from_outcomes(outcomes);
            matches!(trial.verdict, Verdict::Diverge { .. }).then_some(trial)
        }
    }
}

/// A hang or out-of-memory on `engine`: one finding per engine and kind, not reduced (every
/// candidate would cost the whole time limit), confirmed by one re-run when it is new.
fn limit_finding(shared: &Shared, workers: &[Arc<WorkerEngine>], ran: &Ran<'_>, engine: &str, kind: FindingKind) {
    let Some(worker) = workers.iter().find(|worker| worker.name() == engine) else { return };
    let problem = Problem {
        kind,
        engine,
        program: ran.source,
        outcomes: ran.trial.outcomes.clone(),
        origin: origin(shared, ran),
        original: ran.source,
        categories: &ran.categories,
    };
    engine_problem(shared, worker, problem);
}

/// A program on which one engine hung, ran out of memory or crashed, and where it came from.
struct Problem<'a> {
    kind: FindingKind,
    engine: &'a str,
    /// The program that shows the problem.
    program: &'a str,
    /// The engines' outcomes on it (only `engine`'s when it was a reduction candidate).
    outcomes: Vec<(String, Outcome)>,
    origin: Origin,
    /// The generated program it came from (itself, or the program being reduced).
    original: &'a str,
    categories: &'a [String],
}

/// Records a hang, out-of-memory or crash of one engine on one program, unless its id is already a
/// finding: confirmed by a re-run on `worker` (a hang or out-of-memory death that does not happen
/// again only counts as flaky), not reduced. Hangs and out-of-memory deaths get one
/// finding per engine (`ENGINE-hang`, `ENGINE-out-of-memory`), crashes one per [`crash_id`].
fn engine_problem(shared: &Shared, worker: &WorkerEngine, problem: Problem<'_>) {
    let id = match problem.kind {
        FindingKind::Crash => {
            let crashed = problem.outcomes.iter().filter(|(engine, _)| engine == problem.engine).cloned().collect();
            crash_id(&Trial { outcomes: crashed, verdict: Verdict::Agree })
        }
        kind => format!("{}-{}", safe(problem.engine), kind.name()),
    };
    if shared.registry.hit_if_known(&id) {
        Counters::bump(&shared.counters.duplicates);
        return;
    }
    let again = worker.collect(worker.submit(problem.program));
    let deterministic = match problem.kind {
        FindingKind::Hang => again.event == Some(WorkerEvent::TimedOut),
        FindingKind::OutOfMemory => again.event == Some(WorkerEvent::OutOfMemory),
        _ => matches!(again.outcome.end, End::Crashed(_)),
    };
    if !deterministic && problem.kind != FindingKind::Crash {
        // A limit hit once and not on the re-run is the machine's (load, memory pressure), not
        // the engine's: counted like a flaky divergence, not reported. A crash, even once, is a bug.
        Counters::bump(&shared.counters.flaky);
        return;
    }
    let reason = match problem.kind {
        FindingKind::Hang => format!(
            "its worker gave no answer within {} s; generated programs terminate quickly, and an engine must bound every run",
            shared.config.timeout.as_secs_f64()
        ),
        FindingKind::OutOfMemory => {
            "its worker ran out of address space; an engine must bound the memory of every run".to_owned()
        }
        _ => "it crashed: an engine must end every run with an outcome".to_owned(),
    };
    let finding = Finding {
        id,
        kind: problem.kind,
        signature: None,
        key: None,
        blame: Blame::suspect(vec![problem.engine.to_owned()], reason),
        deterministic,
        origin: problem.origin,
        original: problem.original.to_owned(),
        reduced: problem.program.to_owned(),
        reduced_outcomes: problem.outcomes.clone(),
        outcomes: problem.outcomes,
        categories: problem.categories.to_vec(),
        found_at: crate::fuzz::state::now(),
        timeout_secs: shared.config.timeout.as_secs_f64(),
        memory_limit_mib: shared.config.memory_limit.map(|bytes| bytes >> 20),
    };
    shared.record(finding);
}

/// A worker engine handed to the reducer: answers `exhausted (stopped)` once the campaign is
/// stopped (Ctrl-C), so that a reduction in flight ends quickly, and keeps every candidate on which the
/// worker hung, ran out of memory or died, since each is a finding of its own.
struct Observed {
    worker: Arc<WorkerEngine>,
    stop: Arc<AtomicBool>,
    problems: Arc<Mutex<Vec<(String, String, WorkerRun)>>>,
}

impl Engine for Observed {
    fn name(&self) -> &str {
        self.worker.name()
    }

    fn run(&self, source: &str) -> Outcome {
        if self.stop.load(Ordering::Relaxed) {
            return Outcome::without_output(End::Exhausted("stopped".to_owned()));
        }
        let run = self.worker.collect(self.worker.submit(source));
        if matches!(
            run.event,
            Some(WorkerEvent::TimedOut | WorkerEvent::OutOfMemory | WorkerEvent::Died(_) | WorkerEvent::Garbage(_))
        ) {
            let mut problems = self.problems.lock().unwrap_or_else(PoisonError::into_inner);
            // One of each kind is plenty: they are deduplicated by engine anyway.
            if problems.len() < 8 {
                problems.push((self.worker.name().to_owned(), source.to_owned(), run.clone()));
            }
        }
        run.outcome
    }
}

/// What triage made of a divergence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Triaged {
    /// A known divergence or a finding already made: what it hides may be worth unmasking.
    AlreadyAccounted,
    /// A new finding, a flaky one, or nothing to sign.
    Other,
}

/// A divergence (or crash): confirm, reduce, sign, check known, deduplicate, write.
fn divergence_finding(shared: &Shared, workers: &[Arc<WorkerEngine>], ran: &Ran<'_>, divergence: &Trial) -> Triaged {
    let involved: Vec<Arc<WorkerEngine>> = workers
        .iter()
        .filter(|worker| divergence.outcomes.iter().any(|(engine, _)| engine == worker.name()))
        .cloned()
        .collect();
    let kind = if is_crash(divergence) { FindingKind::Crash } else { FindingKind::Divergence };
    let Some(class) = DivergenceClass::of(divergence) else { return Triaged::Other };
    let key = finding_key(divergence, &class);
    if let Some(entry) = shared.known(&key) {
        Counters::bump(&shared.counters.known);
        shared.known_hit(entry);
        return Triaged::AlreadyAccounted;
    }
    if shared.registry.hit_if_key_known(&key) {
        Counters::bump(&shared.counters.duplicates);
        return Triaged::AlreadyAccounted;
    }

    let again = outcomes_of(&run_on(&involved, ran.source));
    if again != divergence.outcomes {
        Counters::bump(&shared.counters.flaky);
        let signature = Signature::new(class, ran.source);
        let id = format!("flaky-{}", signature.id());
        if shared.registry.hit_if_known(&id) {
            Counters::bump(&shared.counters.duplicates);
            return Triaged::Other;
        }
        let finding = Finding {
            id,
            kind: FindingKind::Flaky,
            blame: Blame::undetermined(
                "the engines' outcomes changed on a re-run; the harness promises determinism, so \
                 suspect a limit that depends on timing or memory, or state leaking between runs",
            ),
            signature: Some(signature),
            key: Some(key),
            deterministic: false,
            origin: origin(shared, ran),
            original: ran.source.to_owned(),
            reduced: ran.source.to_owned(),
            outcomes: divergence.outcomes.clone(),
            reduced_outcomes: again,
            categories: ran.categories.clone(),
            found_at: crate::fuzz::state::now(),
            timeout_secs: shared.config.timeout.as_secs_f64(),
            memory_limit_mib: shared.config.memory_limit.map(|bytes| bytes >> 20),
        };
        shared.record(finding);
        return Triaged::Other;
    }

    let coarse = coarse_key(divergence, &class);
    if shared.fruitless(&coarse) >= SATURATION && !ran.index.is_multiple_of(RECHECK_EVERY) {
        Counters::bump(&shared.counters.duplicates);
        Counters::bump(&shared.counters.unreduced);
        return Triaged::AlreadyAccounted;
    }
    let (reduced, reduced_outcomes, signature) = reduce(shared, &involved, ran.source, divergence, &class, Some(ran));
    // A crash is named after the engine and what it said, not the program: every program that
    // crashes an engine the same way is the same finding.
    let id = if kind == FindingKind::Crash { key.clone() } else { signature.id() };
    let reduced_trial = Trial { verdict: compare(&reduced_outcomes), outcomes: reduced_outcomes.clone() };
    let known = match (shared.known(&id), kind) {
        (Some(entry), _) => vec![entry],
        // The entries whose patterns recognise the reduced program, when they explain it.
        (None, FindingKind::Divergence) => shared.config.known.recognise(&reduced, &reduced_trial),
        (None, _) => Vec::new(),
    };
    if let Some(&first) = known.first() {
        Counters::bump(&shared.counters.known);
        for &entry in &known {
            shared.known_hit(entry);
        }
        shared.known_alias(&key, first);
        shared.known_alias(&id, first);
        shared.record_attempt(&coarse, false);
        return Triaged::AlreadyAccounted;
    }
    // Known bugs of some engines beside a new one of another: the finding is the rest.
    let beside = if kind == FindingKind::Divergence { beside_known(shared, &reduced, &reduced_trial) } else { None };
    let (id, signature, blame) = match beside {
        Some((signature, blame)) => (signature.id(), signature, blame),
        None => {
            let blame = Blame::of(&reduced_trial, Some(&signature));
            (id, signature, blame)
        }
    };
    if shared.registry.hit_if_known(&id) {
        Counters::bump(&shared.counters.duplicates);
        shared.registry.alias(&key, &id);
        shared.record_attempt(&coarse, false);
        return Triaged::AlreadyAccounted;
    }
    shared.record_attempt(&coarse, true);
    let finding = Finding {
        id,
        kind,
        blame,
        signature: Some(signature),
        key: Some(key),
        deterministic: true,
        origin: origin(shared, ran),
        original: ran.source.to_owned(),
        reduced,
        outcomes: divergence.outcomes.clone(),
        reduced_outcomes,
        categories: ran.categories.clone(),
        found_at: crate::fuzz::state::now(),
        timeout_secs: shared.config.timeout.as_secs_f64(),
        memory_limit_mib: shared.config.memory_limit.map(|bytes| bytes >> 20),
    };
    shared.record(finding);
    Triaged::Other
}

/// Runs `ran`'s program again without the snippet behind `divergence`, which is known or already
/// found (a crash too: the engine ran nothing after it), and triages what that shows like any
/// program ([`unmask`]). Like reductions, unmasking a
/// coarse kind of divergence stops paying off: after [`SATURATION`] unmaskings of it in a row gave
/// no new finding, only every [`RECHECK_EVERY`]th program is unmasked.
fn unmask_behind(shared: &Shared, workers: &[Arc<WorkerEngine>], ran: &Ran<'_>, divergence: &Trial) {
    if !shared.config.unmask || ran.unmasked.len() >= unmask::MAX_ROUNDS || shared.finished() {
        return;
    }
    let Some(class) = DivergenceClass::of(divergence) else { return };
    let streak = format!("unmask {}", coarse_key(divergence, &class));
    if shared.fruitless(&streak) >= SATURATION && !ran.index.is_multiple_of(RECHECK_EVERY) {
        return;
    }
    let Some(unmasked) = unmask::without_first_difference(ran.program, divergence) else { return };
    Counters::bump(&shared.counters.unmasked);
    let runs = run_on(workers, &unmasked.source);
    let outcomes = outcomes_of(&runs);
    let trial = Trial { verdict: compare(&outcomes), outcomes };
    if matches!(trial.verdict, Verdict::Agree) || !needs_triage(&trial, &runs) {
        shared.record_attempt(&streak, false);
        return;
    }
    if matches!(trial.verdict, Verdict::Diverge { .. }) {
        Counters::bump(&shared.counters.unmasked_diverge);
    }
    let mut notes = ran.unmasked.clone();
    notes.push(unmasked.note);
    let next = Ran {
        index: ran.index,
        seed: ran.seed,
        categories: unmasked.program.categories().iter().map(|category| category.name().to_owned()).collect(),
        source: &unmasked.source,
        program: &unmasked.program,
        runs: &runs,
        trial: &trial,
        unmasked: notes,
    };
    // Another lane may write a finding meanwhile; that only restarts this streak early.
    let findings = shared.counters.new_findings.load(Ordering::Relaxed);
    handle(shared, workers, &next);
    shared.record_attempt(&streak, shared.counters.new_findings.load(Ordering::Relaxed) > findings);
}

/// The part of a reduced divergence left when known bugs explain some of its engines and another
/// engine differs too ([`KnownDivergences::recognise_partly`](crate::KnownDivergences::recognise_partly)):
/// its signature and its majority's blame. The entries set aside count as hits.
fn beside_known(shared: &Shared, reduced: &str, trial: &Trial) -> Option<(Signature, Blame)> {
    let known = &shared.config.known;
    let (entries, rest) = known.recognise_partly(reduced, trial)?;
    let signature = Signature::new(DivergenceClass::of(&rest)?, reduced);
    for &entry in &entries {
        shared.known_hit(entry);
    }
    let blame = Blame::of(&rest, Some(&signature)).beside_known(entries.iter().map(|&entry| &known.entries()[entry]));
    Some((signature, blame))
}

/// The cheap deduplication key of a divergence, computed before reduction: its class and, for an
/// output difference, the differing lines themselves (what the reducer keeps too). Two programs with
/// the same key almost always show the same bug (e.g. `ref: "ReferenceError"`, `boa: "TypeError"`),
/// so the second is counted as a duplicate without spending a reduction on it.
pub fn dedup_key(divergence: &Trial, class: &DivergenceClass) -> String {
    match &divergence.verdict {
        Verdict::Diverge { first_difference: Difference::Output { lines, .. } } => {
            let lines = serde_json::to_string(lines).unwrap_or_default();
            format!("{class} lines {lines}")
        }
        _ => class.to_string(),
    }
}

/// Whether an engine crashed in `trial`.
fn is_crash(trial: &Trial) -> bool {
    trial.outcomes.iter().any(|(_, outcome)| matches!(outcome.end, End::Crashed(_)))
}

/// The key a divergence is found under before it is reduced, both for the programs a campaign runs
/// and for the repros of known divergences: a crash's [`crash_id`] (whatever the program printed
/// before it), else the [`dedup_key`].
pub fn finding_key(divergence: &Trial, class: &DivergenceClass) -> String {
    if is_crash(divergence) {
        crash_id(divergence)
    } else {
        dedup_key(divergence, class)
    }
}

/// The id of a crash: the crashed engines, `crash`, and a hash of what they said with digits left
/// out (addresses, line numbers and sizes change between builds and programs), e.g.
/// `boa-crash-1a2b3c4d`.
pub fn crash_id(divergence: &Trial) -> String {
    let mut engines = Vec::new();
    let mut details = String::new();
    for (engine, outcome) in &divergence.outcomes {
        if let End::Crashed(detail) = &outcome.end {
            engines.push(safe(engine));
            details.push_str(engine);
            details.push(':');
            details.extend(detail.chars().filter(|c| !c.is_ascii_digit()));
            details.push('\n');
        }
    }
    format!("{}-crash-{:08x}", engines.join("+"), fnv1a64(details.as_bytes()) >> 32)
}

/// After this many reductions in a row of one coarse key found nothing new, further divergences
/// of that key are counted as duplicates without a reduction...
pub const SATURATION: u32 = 5;
/// ...except every this many program indices, so that a new bug of a saturated kind still shows.
pub const RECHECK_EVERY: u64 = 16;

/// The coarse key of a divergence: its class and every engine's end (`ok`, `threw TypeError`...),
/// without the differing lines. Many programs share one; it only decides whether reducing one more
/// of them is worth the time (see [`SATURATION`]).
pub fn coarse_key(divergence: &Trial, class: &DivergenceClass) -> String {
    let ends: Vec<String> =
        divergence.outcomes.iter().map(|(engine, outcome)| format!("{engine}: {}", outcome.end.status())).collect();
    let errors: Vec<&str> = divergence
        .outcomes
        .iter()
        .filter_map(|(_, outcome)| match &outcome.end {
            End::Threw(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    format!("{class} ends {} {}", ends.join(", "), errors.join(","))
}

/// Reduces `source` with the campaign's reducer and signs the result. Falls back to the original
/// program when the reducer's answer does not keep the divergence's class.
pub(super) fn reduce(
    shared: &Shared,
    involved: &[Arc<WorkerEngine>],
    source: &str,
    divergence: &Trial,
    class: &DivergenceClass,
    ran: Option<&Ran<'_>>,
) -> (String, Vec<(String, Outcome)>, Signature) {
    let problems = Arc::new(Mutex::new(Vec::new()));
    let engines: Vec<Arc<dyn Engine>> = involved
        .iter()
        .map(|worker| {
            Arc::new(Observed {
                worker: Arc::clone(worker),
                stop: Arc::clone(shared.stop),
                problems: Arc::clone(&problems),
            }) as Arc<dyn Engine>
        })
        .collect();
    let program = ran.map(|ran| ran.program);
    let reduced = shared.reducer.reduce(source, program, class, &engines, shared.stop);
    drop(engines);
    let problems = std::mem::take(&mut *problems.lock().unwrap_or_else(PoisonError::into_inner));
    for (engine, candidate, run) in problems {
        let Some(worker) = involved.iter().find(|worker| worker.name() == engine) else { continue };
        let kind = match run.event {
            Some(WorkerEvent::TimedOut) => FindingKind::Hang,
            Some(WorkerEvent::OutOfMemory) => FindingKind::OutOfMemory,
            _ => FindingKind::Crash,
        };
        let origin = ran.map_or_else(|| unknown_origin(shared), |ran| origin(shared, ran));
        let categories = ran.map(|ran| ran.categories.clone()).unwrap_or_default();
        let problem = Problem {
            kind,
            engine: &engine,
            program: &candidate,
            outcomes: vec![(engine.clone(), run.outcome)],
            origin,
            original: source,
            categories: &categories,
        };
        engine_problem(shared, worker, problem);
    }
    if reduced != source {
        let outcomes = outcomes_of(&run_on(involved, &reduced));
        let trial = Trial { verdict: compare(&outcomes), outcomes };
        if let Some(signature) = Signature::of(&trial, &reduced).filter(|signature| signature.class == *class) {
            return (reduced, trial.outcomes, signature);
        }
    }
    (source.to_owned(), divergence.outcomes.clone(), Signature::new(class.clone(), source))
}

/// The origin of a program that was not generated (a known divergence's repro).
fn unknown_origin(shared: &Shared) -> Origin {
    Origin {
        campaign_seed: shared.config.seed,
        index: 0,
        seed: 0,
        size: shared.config.size.name().to_owned(),
        profile: shared.generator.profile.name().to_owned(),
        without: shared.generator.without_names(),
        swarm: shared.config.swarm,
        unmasked: Vec::new(),
    }
}

fn origin(shared: &Shared, ran: &Ran<'_>) -> Origin {
    Origin {
        campaign_seed: shared.config.seed,
        index: ran.index,
        seed: ran.seed,
        size: shared.config.size.name().to_owned(),
        profile: shared.generator.profile.name().to_owned(),
        without: shared.generator.without_names(),
        swarm: shared.config.swarm,
        unmasked: ran.unmasked.clone(),
    }
}

/// `[a-z0-9_-]` only, as in signature ids.
fn safe(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' { c } else { '_' }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(end: End) -> Outcome {
        Outcome::without_output(end)
    }

    fn trial(outcomes: Vec<(&str, Outcome)>) -> Trial {
        let outcomes: Vec<(String, Outcome)> = outcomes.into_iter().map(|(e, o)| (e.to_owned(), o)).collect();
        Trial { verdict: compare(&outcomes), outcomes }
    }

    #[test]
    fn a_crash_counts_even_when_another_engine_is_poisoned() {
        let poisoned = trial(vec![
            ("ref", outcome(End::Ok)),
            ("test-loop", outcome(End::Exhausted("time".into()))),
            ("test-panic", outcome(End::Crashed("panicked".into()))),
        ]);
        let part = comparable(&poisoned).expect("the crash is comparable");
        assert_eq!(part.outcomes.iter().map(|(engine, _)| engine.as_str()).collect::<Vec<_>>(), ["ref", "test-panic"]);
        let plain = trial(vec![("ref", outcome(End::Ok)), ("boa", outcome(End::Exhausted("fuel".into())))]);
        assert_eq!(comparable(&plain), None);
        let agree = trial(vec![("ref", outcome(End::Ok)), ("boa", outcome(End::Ok))]);
        assert_eq!(comparable(&agree), None);
    }

    #[test]
    fn dedup_keys_keep_the_class_and_the_differing_lines() {
        let lines = |boa: &str| {
            trial(vec![
                ("ref", Outcome { output: vec!["ReferenceError".into()], end: End::Ok }),
                ("boa", Outcome { output: vec![boa.into()], end: End::Ok }),
            ])
        };
        let a = lines("TypeError");
        let class = DivergenceClass::of(&a).expect("diverges");
        assert_eq!(dedup_key(&a, &class), r#"boa+ref output lines [["ref","ReferenceError"],["boa","TypeError"]]"#);
        let b = lines("RangeError");
        assert_ne!(dedup_key(&a, &class), dedup_key(&b, &DivergenceClass::of(&b).expect("diverges")));
        let ends = trial(vec![("ref", outcome(End::Ok)), ("boa", outcome(End::Threw("TypeError".into())))]);
        let class = DivergenceClass::of(&ends).expect("diverges");
        assert_eq!(dedup_key(&ends, &class), "boa+ref end (boa: threw TypeError, ref: ok)");
    }

    #[test]
    fn crashes_are_named_after_the_engine_and_what_it_said_without_numbers() {
        let crash = |detail: &str, line: &str| {
            trial(vec![
                ("ref", Outcome { output: vec![line.into()], end: End::Ok }),
                ("boa", outcome(End::Crashed(detail.into()))),
            ])
        };
        let a = crash_id(&crash("panicked at src/a.rs:10:5: index 3 out of range", "1"));
        assert!(a.starts_with("boa-crash-"), "{a}");
        assert_eq!(a, crash_id(&crash("panicked at src/a.rs:12:9: index 7 out of range", "2")));
        assert_ne!(a, crash_id(&crash("worker died (signal 6 (SIGABRT)): native stack overflow", "1")));
        // A known crash's repro and a generated program crashing the same way after printing
        // something else are found under one key (a listed crash was once reported again).
        let key = |trial: &Trial| finding_key(trial, &DivergenceClass::of(trial).expect("diverges"));
        let repro = crash("panicked: binding must exist", "function");
        assert_eq!(key(&repro), key(&crash("panicked: binding must exist", "")));
        assert_ne!(key(&repro), key(&crash("panicked: index out of bounds", "function")));
    }

    #[test]
    fn safe_names_keep_engine_names_readable() {
        assert_eq!(safe("test-loop"), "test-loop");
        assert_eq!(safe("Qjs 2"), "_js_2");
    }
}
