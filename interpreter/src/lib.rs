//! Reference JavaScript interpreter for closure semantics.
//!
//! The interpreter is the oracle of closure-diff, so it is built to be *checkable* rather than fast:
//! sources are parsed with `oxc_parser`, compiled to a small bytecode whose operations are named after
//! ECMA-262's abstract operations, and run on a machine with an explicit frame stack. Objects, functions
//! and Environment Records live in an arena [`heap`] addressed by handles, so exact reachability can be
//! computed at any time.
//!
//! Guarantees:
//! - **Never silently wrong.** Anything outside the implemented subset ends the run with
//!   [`Completion::Unsupported`] naming the feature; callers must not compare such runs.
//! - **Always terminates.** A fuel counter bounds the number of executed steps and a frame limit bounds
//!   JS call depth; both end in [`Completion::Exhausted`]. JS calls never recurse on the native stack.
//! - **Deterministic.** No clock, no randomness, no host state.

// Abstract operations keep their spec names (ToNumber -> `to_number`) although they take `&mut Vm`.
#![allow(clippy::wrong_self_convention)]

pub mod api;
mod async_from_sync;
mod async_generator;
mod builtins;
mod bytecode;
mod class;
mod collections;
mod compile;
mod conversions;
mod early_errors;
mod environment;
mod eval;
pub mod heap;
mod liveness;
mod object;
mod object_statics;
mod operations;
mod promise;
mod string_methods;
mod symbol;
mod template;
pub mod value;
mod vm;
mod weakref;

pub use api::{
    run, run_with, CollectorFault, Completion, LifetimeClass, LifetimeProbe, Limits, Observed, Resource, RunOptions,
    RunOutput,
};
