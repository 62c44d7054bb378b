//! Fault isolation: engines run in worker subprocesses, so that a panic, abort, native stack
//! overflow, runaway allocation or hang in an engine costs one worker, never the campaign.
//!
//! A worker is the `closure-diff` binary re-executed as `closure-diff worker --engine NAME`. It
//! speaks a line-delimited JSON protocol on stdin/stdout (one object per line, UTF-8):
//!
//! - worker → parent, once at start: [`Hello`], `{"ready": ["ref"], "pid": 1234}`;
//! - parent → worker: [`Request`], `{"id": 7, "source": "print(1)"}`;
//! - worker → parent: [`Response`], `{"id": 7, "outcomes": [{"engine": "ref", "micros": 85,
//!   "cpu_micros": 80, "outcome": {"status": "ok", "output": ["1"], "error": null}}]}`, one outcome
//!   per engine of the worker, in order.
//!
//! Anything else from a worker (a line that is not such JSON, a wrong id, an early end of stdout)
//! means the worker is broken: the parent kills it, records the program as `crashed` on that
//! worker's engine and starts a fresh worker for the next program. The parent also enforces a
//! **time limit** per program (killing the worker and recording `exhausted (time)`), and each worker
//! of an in-process engine puts a **memory limit** on itself (`RLIMIT_AS`) at start, so a runaway
//! allocation makes the allocator fail and the worker die, recorded as `exhausted (memory)`. (A
//! worker of an external engine does not: its engine processes would inherit the limit, and some
//! abort under any useful one; see [`Engine::in_process`](crate::Engine::in_process).) The campaign
//! uses one worker per engine, so a death is always attributed to the right engine.
//!
//! - [`serve`] is the worker's side, [`worker_engine_by_name`] the engines a worker can run
//!   (the public ones and the hidden misbehaving test engines), [`limit_memory`] its self-imposed
//!   limit.
//! - [`WorkerEngine`] is the parent's side: an [`Engine`](crate::Engine) whose runs happen in a worker, restarted
//!   whenever needed, with a split [`WorkerEngine::submit`] / [`WorkerEngine::collect`] so that one
//!   program runs on several workers at once.

mod client;
mod serve;

use serde::{Deserialize, Serialize};

pub use client::{WorkerEngine, WorkerEvent, WorkerRun, WorkerSpec, WorkerStats};
pub use serve::{die_with_parent, limit_memory, process_cpu_time, serve, thread_cpu_time, worker_engine_by_name};

use crate::outcome::Outcome;

/// The first line a worker writes: the engines it runs, in response order, and its process id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hello {
    pub ready: Vec<String>,
    pub pid: u32,
}

/// One program to run on every engine of the worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// Chosen by the parent, echoed in the response; increases by one per request.
    pub id: u64,
    pub source: String,
}

/// The answer to the [`Request`] with the same `id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    pub id: u64,
    pub outcomes: Vec<EngineOutcome>,
}

/// One engine's outcome inside a [`Response`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngineOutcome {
    pub engine: String,
    /// Wall-clock microseconds the engine's `run` took inside the worker (for `closure-diff bench`).
    pub micros: u64,
    /// CPU microseconds the worker process spent in the engine's `run`, all threads together.
    #[serde(default)]
    pub cpu_micros: u64,
    pub outcome: Outcome,
}
