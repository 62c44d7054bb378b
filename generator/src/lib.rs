//! Random JavaScript programs full of closures, for differential testing of closure semantics.
//!
//! The generator builds a [`Program`] (an IR made for closures: functions as blocks with scopes,
//! bindings with their kind, explicit reads, writes, closure creation and calls) from the bytes of an
//! [`arbitrary::Unstructured`], and prints it as readable JavaScript. Each program mixes random plain
//! statements with *category producers*, one per row of MISSION.md's table ([`Category`]), which
//! write the hard cases on purpose: closures created in loop heads and bodies and called after the
//! loop, closures outliving several calls of their creator, writes through one closure seen through
//! another, closures over defaulted parameters, `arguments` aliasing, TDZ reads through closures
//! inside `try`, named function expressions assigning themselves, Annex B block functions, strict and
//! sloppy functions mixed. Every producer labels its statements with a `// [category] ...` comment,
//! which is how [`Program::categories`] finds them again, even in a reduced program.
//!
//! # Guarantees
//!
//! Like wasm-smith's, each is kept by construction and checked by this crate's tests:
//!
//! - **Always valid.** Programs parse as classic scripts without early errors: names are declared only
//!   where JavaScript allows them, profiles restrict syntax, strict mode restrictions are respected.
//! - **Implements `Arbitrary`**, and [`Program::generate`] takes any [`Config`]; so cargo-fuzz drives it
//!   directly. [`Program::from_seed`] makes a program from a `u64` for the CLI and tests.
//! - **Deterministic.** The same bytes (or seed) and config give the same program, on any machine: no
//!   hashing, no clock, no platform-dependent arithmetic.
//! - **Small input changes give small program changes**: bytes are consumed top-down, one decision
//!   at a time, and running out of bytes falls back to the simplest choice and ends lists.
//! - **More input gives bigger programs**, up to the size limits of the [`Config`].
//! - **No implementation-defined output.** Only primitives reach `print`: never a function (whose
//!   source text engines print differently), an object, an error message or stack, a random number
//!   or a date; errors are reported by `e.name` or `e.constructor.name` (only `e.name` in `es5`,
//!   which avoids every construct whose result changed after ES5: see [`Features`]). The only
//!   engine-dependent lines are the lifetime category's probes (`lifetime live0 kept`), which the
//!   harness judges against the reference interpreter's reachability classes instead of comparing.
//! - **No uncaught exception by accident.** Reads, writes and calls are typed: the generator never
//!   calls a non-function or reads a property of `undefined`; the exceptions it means (TDZ, `const`,
//!   thrown values) happen inside `try`.
//! - **Terminating.** Loops have literal trip counts and counters that nothing else writes; every
//!   function has a rank and calls only functions of lower rank, except recursive producers, which
//!   recurse on a depth argument decreasing to a literal bound; calls per function body are budgeted.
//!   With [`interpreter::Limits::default`] no program exhausts fuel, stack or memory.
//! - **Sized by one struct.** Every size knob is a documented field of [`Config`] with its default
//!   beside it; [`Size`] presets and the [`Profile`]s `es5`, `es2015` and `full` select common ones.
//!
//! # Main types
//!
//! - [`Program`] and the rest of [`ir`]: the tree, its editing helpers for reducers, and
//!   [`Function::captures`].
//! - [`Config`], [`Profile`], [`Size`]: what to generate; [`Config::swarm`] switches categories off at
//!   random (swarm testing); a config's `without` set of [`Construct`]s narrows its profile for an
//!   engine that implements it in part.
//! - [`Category`]: the names reports use.
//! - [`stats()`] / [`stats_with`]: category shares, mean size, generation and interpretation time, and
//!   how programs end on the reference interpreter (what `closure-diff gen --stats` prints).
//!
//! `tools/node-check.sh` checks generated programs against node (issue 3's acceptance check): all run
//! to completion there and print exactly what the reference interpreter prints.

pub mod category;
pub mod config;
mod gen;
pub mod ir;
pub mod name;
pub mod print;
mod seed;
pub mod stats;

pub use category::{Category, CategorySet};
pub use config::{Config, Construct, Features, Profile, Size};
pub use ir::{Function, Program, Stmt};
pub use seed::seed_bytes;
pub use stats::{stats, stats_with, Stats};

use arbitrary::{Arbitrary, Unstructured};

impl Program {
    /// Generates a program from `u` with `cfg`. Never fails on short input: it just stops early.
    pub fn generate(u: &mut Unstructured, cfg: &Config) -> arbitrary::Result<Program> {
        Ok(gen::generate(u, cfg)?.0)
    }

    /// Like [`Program::generate`], after drawing a swarm variant of `cfg` (see [`Config::swarm`]) from
    /// the first bytes of `u`.
    pub fn generate_swarm(u: &mut Unstructured, cfg: &Config) -> arbitrary::Result<Program> {
        let cfg = cfg.swarm(u)?;
        Self::generate(u, &cfg)
    }

    /// The program for `seed`: [`Program::generate`] on [`Config::input_len`] bytes of the
    /// splitmix64 stream of `seed` ([`seed_bytes`]).
    pub fn from_seed(seed: u64, cfg: &Config) -> Program {
        let bytes = seed_bytes(seed, cfg.input_len);
        let mut u = Unstructured::new(&bytes);
        Self::generate(&mut u, cfg).unwrap_or_else(|_| Program { strict: false, body: Vec::new() })
    }

    /// [`Program::from_seed`] in swarm mode.
    pub fn from_seed_swarm(seed: u64, cfg: &Config) -> Program {
        let bytes = seed_bytes(seed, cfg.input_len);
        let mut u = Unstructured::new(&bytes);
        Self::generate_swarm(&mut u, cfg).unwrap_or_else(|_| Program { strict: false, body: Vec::new() })
    }

    /// The categories this program exercises, read from the `// [category] ...` comments its
    /// producers left (so it survives reduction as long as the comments do).
    pub fn categories(&self) -> CategorySet {
        let mut set = CategorySet::default();
        let mut p = self.clone();
        p.for_each_body_mut(&mut |body| {
            for s in body.iter() {
                if let Stmt::Comment(text) = s {
                    if let Some(name) = text.strip_prefix('[').and_then(|t| t.split(']').next()) {
                        if let Some(c) = Category::from_name(name) {
                            set.insert(c);
                        }
                    }
                }
            }
        });
        set
    }
}

impl<'a> Arbitrary<'a> for Program {
    /// A program with the default config.
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        Program::generate(u, &Config::default())
    }
}
