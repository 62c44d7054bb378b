//! `closure-diff worker` (hidden): the worker process the campaign starts for each engine. See
//! [`harness::worker`] for the protocol.

use std::io;
use std::time::Duration;

use anyhow::{Context as _, Result};
use clap::Args;
use harness::worker::{self, worker_engine_by_name};
use harness::Engine;

use super::Status;

#[derive(Debug, Args)]
pub struct WorkerArgs {
    /// An engine to run (public or hidden test engine); repeat for several.
    #[arg(long = "engine", value_name = "NAME", required = true)]
    engines: Vec<String>,

    /// Address-space limit for this process, in bytes (ignored when every engine is external).
    #[arg(long, value_name = "BYTES")]
    memory_limit_bytes: Option<u64>,

    /// The adapters' in-process wall-clock backstop, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 30_000)]
    backstop_ms: u64,
}

pub fn run(args: &WorkerArgs) -> Result<Status> {
    worker::die_with_parent();
    // The message only: with RUST_BACKTRACE set, the default hook symbolises a backtrace for every
    // panic an engine makes, which takes long enough to hit the time limit. The parent keeps the
    // message as the crash detail.
    std::panic::set_hook(Box::new(|info| eprintln!("{info}")));
    let backstop = Duration::from_millis(args.backstop_ms);
    let engines = args
        .engines
        .iter()
        .map(|name| worker_engine_by_name(name, backstop))
        .collect::<Result<Vec<Box<dyn Engine>>, _>>()?;
    // External engines run as processes of their own, bounded by their time limit (see
    // `Engine::in_process`).
    if let Some(bytes) = args.memory_limit_bytes.filter(|_| engines.iter().any(|engine| engine.in_process())) {
        worker::limit_memory(bytes).context("setting the worker's memory limit")?;
    }
    worker::serve(&engines, io::stdin().lock(), io::stdout().lock()).context("serving requests")?;
    Ok(Status::Clean)
}
