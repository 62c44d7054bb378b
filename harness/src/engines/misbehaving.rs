//! Engines that misbehave on purpose, to test fault isolation: each runs programs like `ref` unless
//! the source contains its marker, and then panics, hangs, aborts the process, overflows the native
//! stack or allocates without bound. `test-lie` instead prints wrong lines: its marker is a list of
//! output lines, separated by `|`, that it replaces by `lie`, so that one program can show two
//! bugs of one engine (what unmasking must find).
//!
//! They are hidden: [`engine_by_name`](crate::engine_by_name) and `closure-diff run` do not know them
//! (most would take the process down); only worker processes build them, through
//! [`worker_engine_by_name`](crate::worker::worker_engine_by_name), so `closure-diff fuzz --engines
//! ref,test-abort` works. The marker of `test-KIND` is the value of the environment variable
//! `CLOSURE_DIFF_TEST_MARKER_KIND` (`CLOSURE_DIFF_TEST_MARKER_PANIC`...), or `closure-diff:test-KIND`
//! when it is unset; workers inherit the environment of the campaign that starts them. With
//! `CLOSURE_DIFF_TEST_LOOP_ONCE` set to a path, `test-loop` hangs only on the run that creates that
//! file, and behaves like `ref` ever after: a hang that does not come back, as a loaded machine
//! makes them.

use std::hint::black_box;
use std::time::Duration;

use crate::engine::Engine;
use crate::engines::ReferenceEngine;
use crate::outcome::Outcome;

/// What a [`Misbehaving`] engine does on a program that contains its marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Misbehaviour {
    /// `panic!` in [`Engine::run`] itself, outside any isolation the adapter would provide.
    Panic,
    /// Never return (sleeps forever, so a test does not burn a core).
    Hang,
    /// `std::process::abort()`.
    Abort,
    /// Unbounded native recursion: the process dies of a stack overflow.
    Overflow,
    /// Allocate without bound: the process dies when the allocator fails (under a memory limit).
    Allocate,
    /// Print `lie` in place of each output line listed in the marker (`|`-separated), whatever the
    /// source.
    Lie,
}

impl Misbehaviour {
    /// Every kind, in the order of [`MISBEHAVING_ENGINE_NAMES`].
    pub const ALL: [Misbehaviour; 6] = [
        Misbehaviour::Panic,
        Misbehaviour::Hang,
        Misbehaviour::Abort,
        Misbehaviour::Overflow,
        Misbehaviour::Allocate,
        Misbehaviour::Lie,
    ];

    /// The engine name: `test-panic`, `test-loop`, `test-abort`, `test-overflow`, `test-alloc`,
    /// `test-lie`.
    pub fn engine_name(self) -> &'static str {
        match self {
            Misbehaviour::Panic => "test-panic",
            Misbehaviour::Hang => "test-loop",
            Misbehaviour::Abort => "test-abort",
            Misbehaviour::Overflow => "test-overflow",
            Misbehaviour::Allocate => "test-alloc",
            Misbehaviour::Lie => "test-lie",
        }
    }

    /// The environment variable holding the marker.
    pub fn marker_variable(self) -> String {
        let kind = self.engine_name().trim_start_matches("test-").to_ascii_uppercase();
        format!("CLOSURE_DIFF_TEST_MARKER_{kind}")
    }
}

/// The names of the misbehaving engines, accepted only by worker processes.
pub const MISBEHAVING_ENGINE_NAMES: &[&str] =
    &["test-panic", "test-loop", "test-abort", "test-overflow", "test-alloc", "test-lie"];

/// An engine that behaves like `ref` except on programs containing `marker`. See the module docs.
#[derive(Debug, Clone)]
pub struct Misbehaving {
    kind: Misbehaviour,
    marker: String,
    inner: ReferenceEngine,
}

impl Misbehaving {
    /// The engine of `kind` with its marker read from the environment (see the module docs).
    pub fn from_env(kind: Misbehaviour) -> Misbehaving {
        let marker = std::env::var(kind.marker_variable())
            .ok()
            .filter(|marker| !marker.is_empty())
            .unwrap_or_else(|| format!("closure-diff:{}", kind.engine_name()));
        Misbehaving { kind, marker, inner: ReferenceEngine::default() }
    }

    /// The engine named `name` (one of [`MISBEHAVING_ENGINE_NAMES`]), or `None`.
    pub fn by_name(name: &str) -> Option<Misbehaving> {
        Misbehaviour::ALL.into_iter().find(|kind| kind.engine_name() == name).map(Misbehaving::from_env)
    }
}

impl Misbehaving {
    /// `ref`'s outcome with each output line listed in the marker replaced by `lie`.
    fn lie(&self, source: &str) -> Outcome {
        let mut outcome = self.inner.run(source);
        for line in &mut outcome.output {
            if self.marker.split('|').any(|lie| lie == line) {
                "lie".clone_into(line);
            }
        }
        outcome
    }
}

/// Whether `test-loop` is to hang: always, unless `CLOSURE_DIFF_TEST_LOOP_ONCE` names a file, and
/// then only on the run that creates it.
fn first_hang() -> bool {
    match std::env::var_os("CLOSURE_DIFF_TEST_LOOP_ONCE") {
        None => true,
        Some(path) => std::fs::OpenOptions::new().write(true).create_new(true).open(path).is_ok(),
    }
}

impl Engine for Misbehaving {
    fn name(&self) -> &str {
        self.kind.engine_name()
    }

    fn run(&self, source: &str) -> Outcome {
        if self.kind == Misbehaviour::Lie {
            return self.lie(source);
        }
        if !source.contains(&self.marker) {
            return self.inner.run(source);
        }
        match self.kind {
            Misbehaviour::Panic => panic!("{} found its marker", self.kind.engine_name()),
            Misbehaviour::Hang if !first_hang() => self.inner.run(source),
            Misbehaviour::Hang => loop {
                std::thread::sleep(Duration::from_secs(3600));
            },
            Misbehaviour::Abort => std::process::abort(),
            Misbehaviour::Overflow => {
                recurse(0);
                unreachable!("unbounded recursion returned")
            }
            Misbehaviour::Lie => self.lie(source),
            Misbehaviour::Allocate => {
                let mut kept: Vec<Vec<u8>> = Vec::new();
                loop {
                    // Reserved, not touched: under an address-space limit this fails quickly without
                    // using real memory; without one it still fails once the address space is gone.
                    kept.push(Vec::with_capacity(256 << 20));
                    black_box(&kept);
                }
            }
        }
    }
}

#[allow(unconditional_recursion)]
fn recurse(depth: u64) -> u64 {
    let frame = black_box([depth; 64]);
    recurse(black_box(frame[0] + 1)) + frame[1]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::End;

    #[test]
    fn without_the_marker_they_run_like_ref() {
        for name in MISBEHAVING_ENGINE_NAMES {
            let engine = Misbehaving::by_name(name).expect("listed names resolve");
            assert_eq!(engine.name(), *name);
            let outcome = engine.run("print(1 + 1)");
            assert_eq!(outcome, Outcome { output: vec!["2".into()], end: End::Ok });
        }
        assert!(Misbehaving::by_name("ref").is_none());
    }

    #[test]
    fn the_lying_engine_replaces_the_listed_lines() {
        let engine =
            Misbehaving { kind: Misbehaviour::Lie, marker: "2|x".to_owned(), inner: ReferenceEngine::default() };
        let outcome = engine.run("print(1); print(2); print('x2'); print('x'); throw new TypeError()");
        assert_eq!(outcome.output, ["1", "lie", "x2", "lie"]);
        assert_eq!(outcome.end, End::Threw("TypeError".to_owned()));
    }

    #[test]
    fn the_panic_engine_panics_on_its_marker() {
        let engine = Misbehaving::by_name("test-panic").expect("exists");
        let marker = engine.marker.clone();
        let result = std::panic::catch_unwind(|| engine.run(&format!("// {marker}\nprint(1)")));
        assert!(result.is_err());
    }

    #[test]
    fn markers_come_from_the_environment_variable_named_after_the_kind() {
        assert_eq!(Misbehaviour::Hang.marker_variable(), "CLOSURE_DIFF_TEST_MARKER_LOOP");
        assert_eq!(Misbehaviour::Allocate.marker_variable(), "CLOSURE_DIFF_TEST_MARKER_ALLOC");
    }
}
