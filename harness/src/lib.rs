//! The closure-diff harness: runs JavaScript programs on several engines and compares what they do.
//!
//! - [`Engine`] is the one trait every engine adapter implements ([`ReferenceEngine`] over this
//!   project's `interpreter`, [`BoaEngine`] over `boa_engine`); [`engine_by_name`] is the registry.
//! - An engine's run yields an [`Outcome`]: the printed lines and an [`End`] (`ok`, `threw`,
//!   `syntax-error`, `exhausted`, `unsupported`, `crashed`).
//! - [`compare`] turns several outcomes into a three-valued [`Verdict`]: `agree`, `diverge` (with the
//!   first [`Difference`]) or `poisoned`; [`Trial`] bundles one program's outcomes and verdict.
//! - [`KnownDivergences`] is a list of programs on which an engine is known to be wrong; a divergence
//!   it explains is reported as known and does not fail a run.
//! - A [`Signature`] names a divergence stably (blamed engines, kind of difference, program shape)
//!   for deduplication and finding directories; [`reduce()`](reduce::reduce) shrinks a diverging
//!   program to a small one with the same [`DivergenceClass`].
//! - [`test262`] runs a test262-format conformance suite on one engine (`closure-diff test262`).
//! - [`worker`] runs engines in subprocesses ([`worker::WorkerEngine`]) so that a crash, hang or
//!   runaway allocation costs a worker, never the caller; [`fuzz`] is the campaign behind
//!   `closure-diff fuzz` and `closure-diff bench` (generate, run in workers, compare, confirm,
//!   reduce, sign, blame, write findings atomically, resume).
//!
//! Guarantees:
//! - **Engines are total.** Every run returns an outcome: panics become `crashed`, and limits (steps,
//!   stack, output, a wall-clock backstop) become `exhausted`, on an isolated big-stack thread.
//! - **No false alarms from limits.** A run that is `exhausted` or `unsupported` on any engine is
//!   poisoned, never reported as a divergence.
//! - **Exact comparison otherwise.** Output lines and the end state must match exactly; for a throw
//!   only the constructor name counts, since messages differ between engines.

pub mod compare;
pub mod engine;
pub mod engines;
pub mod export;
pub mod fuzz;
pub mod inputs;
pub mod isolate;
pub mod known;
pub mod lifetime;
pub mod matrix;
pub mod outcome;
pub mod promote;
pub mod reduce;
pub mod signature;
pub mod test262;
pub mod trial;
pub mod worker;

pub use compare::{compare, Difference, Verdict};
pub use engine::{engine_by_name, Engine, UnknownEngine, DEFAULT_ENGINES, ENGINE_NAMES};
pub use engines::{BoaConfig, BoaEngine, QuickJsConfig, QuickJsEngine, ReferenceEngine};
pub use inputs::{collect_programs, read_program, InputError};
pub use isolate::Isolation;
pub use known::{repro_program, KnownDivergence, KnownDivergences, KnownListError, DEFAULT_KNOWN_DIVERGENCES};
pub use outcome::{End, Outcome};
pub use reduce::{
    reduce, reduce_embedded_first, reduce_generated, reduce_with, ReduceError, ReduceOptions, ReducedDivergence,
    Reduction, Target,
};
pub use signature::{DivergenceClass, DivergenceKind, Signature};
pub use trial::{FileReport, Trial};
