//! The campaign's counters and timers: shared by every lane, read by the progress bar, saved in
//! `state.json` and reported in the summary and by `closure-diff bench`.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// What happened to the programs run so far. Saved in `state.json`, so a resumed campaign keeps
/// counting where the last one stopped.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Tally {
    /// Programs generated and run on every engine.
    pub programs: u64,
    /// Programs on which every engine agreed.
    pub agree: u64,
    /// Programs on which the engines diverged (crashes included).
    pub diverge: u64,
    /// Programs not compared because an engine was `exhausted` or `unsupported`.
    pub poisoned: u64,
    /// Programs on which an engine crashed (a subset of the divergences, or poisoned runs in which
    /// another engine crashed).
    pub crashed: u64,
    /// Programs on which an engine's worker hit the time limit.
    pub hangs: u64,
    /// Programs on which an engine's worker hit the memory limit.
    pub out_of_memory: u64,
    /// Divergences that did not happen again on the confirming re-run.
    pub flaky: u64,
    /// Divergences whose signature is a known divergence's.
    pub known: u64,
    /// Divergences (and hangs) whose signature was already a finding.
    pub duplicates: u64,
    /// Findings written (new signatures).
    pub new_findings: u64,
    /// Divergences counted as duplicates without a reduction, because reductions of their coarse
    /// kind (class and ends) kept finding nothing new (a subset of `duplicates`).
    pub unreduced: u64,
    /// Lifetime probes an engine kept although the reference found the object unreachable
    /// (retention leaks: information, not findings; see [`crate::lifetime`]).
    pub leaks: u64,
    /// Programs run again without the snippet behind a known or already-found divergence
    /// ([`crate::fuzz::unmask`]).
    pub unmasked: u64,
    /// Of those, the ones that diverged again (and went through triage like any program).
    pub unmasked_diverge: u64,
    /// Seconds the campaign ran, over all its sessions.
    pub elapsed_secs: f64,
}

/// Thread-safe counters behind a [`Tally`], plus timers and poison reasons.
#[derive(Debug, Default)]
pub struct Counters {
    pub programs: AtomicU64,
    pub agree: AtomicU64,
    pub diverge: AtomicU64,
    pub poisoned: AtomicU64,
    pub crashed: AtomicU64,
    pub hangs: AtomicU64,
    pub out_of_memory: AtomicU64,
    pub flaky: AtomicU64,
    pub known: AtomicU64,
    pub duplicates: AtomicU64,
    pub new_findings: AtomicU64,
    pub unreduced: AtomicU64,
    pub leaks: AtomicU64,
    pub unmasked: AtomicU64,
    pub unmasked_diverge: AtomicU64,
    poison_reasons: Mutex<BTreeMap<String, u64>>,
}

impl Counters {
    /// Counters starting from `tally` (a resumed campaign's).
    pub fn starting_at(tally: &Tally) -> Counters {
        let counters = Counters::default();
        for (counter, value) in counters.fields().into_iter().zip(tally_values(tally)) {
            counter.store(value, Ordering::Relaxed);
        }
        counters
    }

    /// Adds one to `counter`.
    pub fn bump(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one poisoned program with `reason` (e.g. `ref: unsupported (generators)`).
    pub fn poisoned_by(&self, reason: &str) {
        Self::bump(&self.poisoned);
        let mut reasons = self.poison_reasons.lock().unwrap_or_else(PoisonError::into_inner);
        *reasons.entry(reason.to_owned()).or_default() += 1;
    }

    /// The most frequent poison reasons of this session, most frequent first.
    pub fn top_poison_reasons(&self, count: usize) -> Vec<(String, u64)> {
        let reasons = self.poison_reasons.lock().unwrap_or_else(PoisonError::into_inner);
        let mut reasons: Vec<(String, u64)> = reasons.iter().map(|(reason, n)| (reason.clone(), *n)).collect();
        reasons.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        reasons.truncate(count);
        reasons
    }

    /// The counts now; `elapsed_secs` is left for the caller to fill in.
    pub fn tally(&self) -> Tally {
        let values: Vec<u64> = self.fields().iter().map(|counter| counter.load(Ordering::Relaxed)).collect();
        Tally {
            programs: values[0],
            agree: values[1],
            diverge: values[2],
            poisoned: values[3],
            crashed: values[4],
            hangs: values[5],
            out_of_memory: values[6],
            flaky: values[7],
            known: values[8],
            duplicates: values[9],
            new_findings: values[10],
            unreduced: values[11],
            leaks: values[12],
            unmasked: values[13],
            unmasked_diverge: values[14],
            elapsed_secs: 0.0,
        }
    }

    fn fields(&self) -> [&AtomicU64; 15] {
        [
            &self.programs,
            &self.agree,
            &self.diverge,
            &self.poisoned,
            &self.crashed,
            &self.hangs,
            &self.out_of_memory,
            &self.flaky,
            &self.known,
            &self.duplicates,
            &self.new_findings,
            &self.unreduced,
            &self.leaks,
            &self.unmasked,
            &self.unmasked_diverge,
        ]
    }
}

fn tally_values(tally: &Tally) -> [u64; 15] {
    [
        tally.programs,
        tally.agree,
        tally.diverge,
        tally.poisoned,
        tally.crashed,
        tally.hangs,
        tally.out_of_memory,
        tally.flaky,
        tally.known,
        tally.duplicates,
        tally.new_findings,
        tally.unreduced,
        tally.leaks,
        tally.unmasked,
        tally.unmasked_diverge,
    ]
}

impl Tally {
    /// Poisoned programs as a share of all programs (0 when none ran).
    pub fn poisoned_share(&self) -> f64 {
        if self.programs == 0 {
            0.0
        } else {
            self.poisoned as f64 / self.programs as f64
        }
    }
}

/// Where the lanes' time goes, summed over lanes (nanoseconds), for `closure-diff bench`.
#[derive(Debug)]
pub struct Timers {
    /// Generating and printing programs (wall-clock).
    pub generate: AtomicU64,
    /// The same, in CPU time of the lane threads.
    pub generate_cpu: AtomicU64,
    /// Each engine's own run time as measured inside its worker, in engine order.
    pub engines: Vec<AtomicU64>,
    /// From sending a program to the workers to having every answer.
    pub engine_phase: AtomicU64,
    /// Per program, the slowest engine's own run time: the part of the engine phase that running
    /// engines in parallel cannot hide. The rest of the engine phase is harness overhead.
    pub critical: AtomicU64,
    /// Comparing outcomes.
    pub compare: AtomicU64,
    /// Confirming, reducing, signing and writing divergences.
    pub triage: AtomicU64,
    /// Everything a lane did, from its first program to its last.
    pub lanes: AtomicU64,
}

impl Timers {
    /// Zeroed timers for `engines` engines.
    pub fn new(engines: usize) -> Timers {
        Timers {
            generate: AtomicU64::new(0),
            generate_cpu: AtomicU64::new(0),
            engines: (0..engines).map(|_| AtomicU64::new(0)).collect(),
            engine_phase: AtomicU64::new(0),
            critical: AtomicU64::new(0),
            compare: AtomicU64::new(0),
            triage: AtomicU64::new(0),
            lanes: AtomicU64::new(0),
        }
    }

    /// Adds `elapsed` to `timer`.
    pub fn add(timer: &AtomicU64, elapsed: Duration) {
        timer.fetch_add(u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX), Ordering::Relaxed);
    }

    /// A timer's total.
    pub fn read(timer: &AtomicU64) -> Duration {
        Duration::from_nanos(timer.load(Ordering::Relaxed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_round_trip_through_a_tally() {
        let tally = Tally { programs: 10, agree: 7, diverge: 1, poisoned: 2, known: 1, ..Tally::default() };
        let counters = Counters::starting_at(&tally);
        Counters::bump(&counters.programs);
        counters.poisoned_by("ref: unsupported (x)");
        let now = counters.tally();
        assert_eq!(now.programs, 11);
        assert_eq!(now.poisoned, 3);
        assert_eq!(now.known, 1);
        assert_eq!(counters.top_poison_reasons(5), [("ref: unsupported (x)".to_owned(), 1)]);
        assert!((now.poisoned_share() - 3.0 / 11.0).abs() < 1e-9);
        assert_eq!(Tally::default().poisoned_share(), 0.0);
    }
}
