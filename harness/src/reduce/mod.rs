//! Test-case reduction for any JavaScript file, at the level of the syntax tree.
//!
//! One module per pass, each a single idea as in Fuzzilli's `Minimization/` directory, and one
//! driver ([`reduce_with`]) that runs them to a fixpoint:
//!
//! | pass | what it tries |
//! |---|---|
//! | [`statements`] | remove chunks of consecutive statements, ddmin-style (half a list, a quarter, ... one) |
//! | [`unwrap`] | replace a block, `if`, loop, `try`, `switch`, label, `with`, IIFE or function declaration by its body |
//! | [`elements`] | remove object properties, array elements, declarators, class members, cases, directives |
//! | [`arguments`] | remove function parameters and call arguments |
//! | [`expressions`] | replace an expression by one of its operands, or by `0` |
//! | [`eval_code`] | the passes above on the code inside `eval("...")` strings |
//! | [`rename`] | rename bindings and labels to `a`, `b`, ... (once, at the end) |
//! | [`layout`] | drop comments, blank lines and trailing whitespace (first, and again at the end) |
//! | [`lines`] | remove chunks of lines; only for sources `oxc` cannot parse |
//!
//! Passes find nodes with `oxc_parser` and edit the source text of their spans ([`edit`]), so what
//! they do not touch keeps its layout and comments. Every pass proposes candidates from the current
//! program; the driver tries them in order and, when one is accepted, asks the pass again and goes
//! on from the same position (C-Reduce's scheme), so a pass costs about one test per candidate.
//! Rounds of all passes repeat until a whole round changes nothing.
//!
//! [`reduce`] is the entry point for divergences: its **interestingness test** ([`judge`]) accepts a
//! candidate only if it is a valid script (when the original is), no engine is poisoned on it
//! (`exhausted` or `unsupported`, which also rejects candidates that loop forever: engines keep
//! their normal fuel limits), it diverges with exactly the original [`DivergenceClass`] (same engines
//! blamed, same kind of difference, same ends) and, by default, with the same [`Detail`] (the words
//! that differ in the differing line, or how engines whose output stopped ended; [`Detail`] says
//! why), and a second run gives the same outcomes. Before the engines, a quick run on the
//! reference interpreter with a twentieth of its fuel ([`ReduceOptions::quick_fuel`]) throws out
//! candidates that loop forever in milliseconds; it only ever rejects, never accepts.
//!
//! Generated programs are first reduced on the generator's IR ([`ir`]); see [`reduce_generated`].
//! With external engines, [`reduce_embedded_first`] reduces on the embedded engines alone when
//! they show the divergence by themselves ([`embedded`]).
//!
//! Not done yet: inlining functions that take arguments; replacing expressions by values other
//! than `0`.

pub mod arguments;
pub mod edit;
pub mod elements;
pub mod embedded;
pub mod eval_code;
pub mod expressions;
pub mod ir;
pub mod layout;
pub mod lines;
pub mod rename;
pub mod statements;
pub mod target;
pub mod unwrap;

use std::cell::RefCell;
use std::collections::HashSet;
use std::time::{Duration, Instant};

use thiserror::Error;

use crate::engine::Engine;
use crate::engines::ReferenceEngine;
use crate::outcome::End;
use crate::signature::{fnv1a64, DivergenceClass, Signature};
use crate::trial::Trial;

pub use self::embedded::reduce_embedded_first;
pub use self::target::{judge, Detail, Rejection, Target};

use self::edit::{is_valid_script, Edit};

/// One reducer: proposes candidate edits of a program.
pub trait Pass {
    /// A short kebab-case name for statistics.
    fn name(&self) -> &'static str;

    /// Candidate edits of `source`, in the order they should be tried. Called again after every
    /// accepted candidate, so it must be deterministic and should list the candidates that would
    /// have followed an accepted one at about the same position.
    fn candidates(&self, source: &str) -> Vec<Edit>;
}

/// Limits of one reduction. Reductions stop early, keeping the smallest program found so far,
/// when either runs out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReduceOptions {
    /// Candidates given to the interestingness test, at most.
    pub max_candidates: usize,
    /// Wall-clock time, at most.
    pub time_limit: Option<Duration>,
    /// For output divergences, also keep what differs ([`Detail`]), not only the
    /// [`DivergenceClass`]. On by default.
    pub exact_difference: bool,
    /// Fuel (interpreter steps) of a quick first run of every candidate on the reference
    /// interpreter: a candidate that exhausts it is rejected without running the engines, so
    /// candidates that loop forever cost milliseconds. Skipped when the original exhausts it too;
    /// `None` turns it off. It runs in this process (on an isolated thread, like
    /// [`ReferenceEngine`]): turn it off to keep every run inside the given engines, e.g. worker
    /// processes. Default: 1,000,000 (the interpreter's normal budget is 20,000,000).
    pub quick_fuel: Option<u64>,
}

impl Default for ReduceOptions {
    fn default() -> Self {
        ReduceOptions { max_candidates: 20_000, time_limit: None, exact_difference: true, quick_fuel: Some(1_000_000) }
    }
}

/// What a reduction produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reduction {
    /// The smallest interesting program found.
    pub program: String,
    /// Candidates accepted (each made the program smaller or simpler).
    pub steps: usize,
    /// Candidates given to the interestingness test (repeats are answered from a cache, not counted).
    pub candidates_tried: usize,
    /// True when [`ReduceOptions`] stopped the reduction before a fixpoint.
    pub budget_exhausted: bool,
    /// Per pass: candidates tried and accepted, in the order passes first ran.
    pub passes: Vec<PassStats>,
}

/// One pass's share of a [`Reduction`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassStats {
    /// [`Pass::name`].
    pub pass: &'static str,
    /// Candidates it had tested.
    pub tried: usize,
    /// Candidates of it that were accepted.
    pub accepted: usize,
}

/// A reduced divergence: the [`Reduction`] plus the reduced program's outcomes and signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReducedDivergence {
    /// The reduction itself.
    pub reduction: Reduction,
    /// The engines' outcomes on the reduced program.
    pub trial: Trial,
    /// The reduced program's signature: the original's class, the reduced program's shape.
    pub signature: Signature,
}

/// Why [`reduce`] could not start.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReduceError {
    /// The original program does not show the target divergence, so there is nothing to keep.
    #[error("the program does not show the divergence {target}: {rejection}")]
    NotInteresting {
        /// The class that was asked for.
        target: DivergenceClass,
        /// Why the original was rejected.
        rejection: Rejection,
    },
}

/// Reduces `source`, a program on which `engines` diverge as `target` says (only its class counts;
/// its shape is ignored), to a small program that diverges in exactly the same way: the same class
/// and, with [`ReduceOptions::exact_difference`], the same [`Detail`].
/// See the module docs for the passes and the interestingness test.
pub fn reduce(
    source: &str,
    engines: &[Box<dyn Engine + '_>],
    target: &Signature,
    options: &ReduceOptions,
) -> Result<ReducedDivergence, ReduceError> {
    reduce_from(source, None, engines, target, options)
}

/// [`reduce`] for a generated program: first on the generator's IR ([`ir`]: statements, compound
/// statements, expressions), then the syntax-tree passes on the printed result, within one budget.
pub fn reduce_generated(
    program: &generator::Program,
    engines: &[Box<dyn Engine + '_>],
    target: &Signature,
    options: &ReduceOptions,
) -> Result<ReducedDivergence, ReduceError> {
    reduce_from(&program.to_string(), Some(program), engines, target, options)
}

fn reduce_from(
    source: &str,
    program: Option<&generator::Program>,
    engines: &[Box<dyn Engine + '_>],
    target: &Signature,
    options: &ReduceOptions,
) -> Result<ReducedDivergence, ReduceError> {
    let started = Instant::now();
    let class = &target.class;
    let require_valid = is_valid_script(source);
    let not_interesting = |rejection| ReduceError::NotInteresting { target: class.clone(), rejection };
    let original = judge(engines, &Target::class(class.clone()), source, require_valid).map_err(not_interesting)?;
    let target = match Target::exact(&original) {
        Some(exact) if options.exact_difference => exact,
        _ => Target::class(class.clone()).within(&original),
    };
    let quick = options.quick_fuel.map(QuickCheck::new).filter(|quick| quick.passes(source));
    let last_accepted = RefCell::new(original);
    let is_interesting = |candidate: &str| {
        if quick.as_ref().is_some_and(|quick| !quick.passes(candidate)) {
            return false;
        }
        match judge(engines, &target, candidate, require_valid) {
            Ok(trial) => {
                *last_accepted.borrow_mut() = trial;
                true
            }
            Err(_) => false,
        }
    };
    let (source, ir) = match program {
        Some(program) => {
            let deadline = options.time_limit.map(|limit| started + limit);
            let ir = ir::reduce_program(program, &is_interesting, options.max_candidates, deadline);
            (ir.program.to_string(), Some(ir))
        }
        None => (source.to_owned(), None),
    };
    let tried = ir.as_ref().map_or(0, |ir| ir.tried);
    let remaining = ReduceOptions {
        max_candidates: options.max_candidates.saturating_sub(tried),
        time_limit: options.time_limit.map(|limit| limit.saturating_sub(started.elapsed())),
        ..*options
    };
    let mut reduction = reduce_with(&source, &is_interesting, &remaining);
    if let Some(ir) = ir {
        reduction.candidates_tried += ir.tried;
        reduction.steps += ir.accepted;
        reduction.passes.insert(0, PassStats { pass: "ir", tried: ir.tried, accepted: ir.accepted });
    }
    // The driver accepts a candidate right after testing it and never goes back, so the last
    // accepted trial is the reduced program's.
    let trial = last_accepted.into_inner();
    let signature = Signature::new(class.clone(), &reduction.program);
    Ok(ReducedDivergence { reduction, trial, signature })
}

/// A first look at each candidate on the reference interpreter with a small fuel budget, to reject
/// candidates that loop forever in milliseconds instead of the second or more an engine needs to
/// burn its normal budget. Only a filter: the candidates it lets through are judged by the engines
/// under their normal limits, and it is not used at all when the original program itself needs
/// more than its budget.
struct QuickCheck {
    engine: ReferenceEngine,
}

impl QuickCheck {
    fn new(fuel: u64) -> QuickCheck {
        let limits = interpreter::Limits { fuel, ..interpreter::Limits::default() };
        QuickCheck { engine: ReferenceEngine { limits, ..ReferenceEngine::default() } }
    }

    /// False when the run ran out of fuel, stack or memory.
    fn passes(&self, source: &str) -> bool {
        !matches!(self.engine.run(source).end, End::Exhausted(_))
    }
}

/// Reduces `source` with any interestingness test, which `source` itself must pass. The result
/// passes it too, and is never larger than `source`.
pub fn reduce_with(source: &str, is_interesting: &dyn Fn(&str) -> bool, options: &ReduceOptions) -> Reduction {
    let mut driver = Driver {
        is_interesting,
        current: source.to_owned(),
        seen: HashSet::from([fnv1a64(source.as_bytes())]),
        tried: 0,
        steps: 0,
        max_candidates: options.max_candidates,
        deadline: options.time_limit.map(|limit| Instant::now() + limit),
        budget_exhausted: false,
        passes: Vec::new(),
    };
    if edit::with_program(source, |_| ()).is_some() {
        driver.reduce_syntax_tree();
    } else {
        driver.reduce_lines();
    }
    Reduction {
        program: driver.current,
        steps: driver.steps,
        candidates_tried: driver.tried,
        budget_exhausted: driver.budget_exhausted,
        passes: driver.passes,
    }
}

struct Driver<'t> {
    is_interesting: &'t dyn Fn(&str) -> bool,
    current: String,
    /// FNV-1a hashes of every program tested (and the original): a repeat is not tested again.
    seen: HashSet<u64>,
    tried: usize,
    steps: usize,
    max_candidates: usize,
    deadline: Option<Instant>,
    budget_exhausted: bool,
    passes: Vec<PassStats>,
}

impl Driver<'_> {
    fn reduce_syntax_tree(&mut self) {
        // Comments first: one can stand between a statement and its removal (an HTML-like `-->`
        // comment is only valid after a line break, for example).
        self.run(&layout::TidyLayout);
        loop {
            let mut progress = false;
            let mut chunk = statements::RemoveStatements::longest_list(&self.current) / 2;
            while chunk >= 1 {
                progress |= self.run(&statements::RemoveStatements { chunk });
                chunk /= 2;
            }
            progress |= self.run(&statements::RemoveStatements { chunk: 1 });
            progress |= self.run(&unwrap::Unwrap);
            progress |= self.run(&elements::RemoveElements);
            progress |= self.run(&arguments::RemoveArguments);
            progress |= self.run(&expressions::SimplifyExpressions);
            progress |= self.run(&eval_code::ReduceEvalCode);
            if !progress || self.out_of_budget() {
                break;
            }
        }
        self.run(&rename::RenameIdentifiers);
        self.run(&layout::TidyLayout);
    }

    fn reduce_lines(&mut self) {
        loop {
            let mut progress = false;
            let mut chunk = self.current.lines().count() / 2;
            while chunk >= 1 {
                progress |= self.run(&lines::RemoveLines { chunk });
                chunk /= 2;
            }
            progress |= self.run(&lines::RemoveLines { chunk: 1 });
            if !progress || self.out_of_budget() {
                break;
            }
        }
    }

    /// Runs one pass until none of its candidates is accepted; true if any was.
    fn run(&mut self, pass: &dyn Pass) -> bool {
        let mut progress = false;
        let mut index = 0;
        'pass: loop {
            let candidates = pass.candidates(&self.current);
            while index < candidates.len() {
                if self.out_of_budget() {
                    break 'pass;
                }
                let accepted =
                    candidates[index].apply(&self.current).is_some_and(|candidate| self.test(pass, candidate));
                if accepted {
                    progress = true;
                    // The candidates are recomputed from the new program; the next one to try is
                    // about where this one was.
                    continue 'pass;
                }
                index += 1;
            }
            break;
        }
        progress
    }

    /// Tests `candidate` unless it is larger than the current program, equal to it, or was tested
    /// before; on success it becomes the current program. (So programs never grow, and no program
    /// is tested twice: the reduction ends.)
    fn test(&mut self, pass: &dyn Pass, candidate: String) -> bool {
        if candidate.len() > self.current.len()
            || candidate == self.current
            || !self.seen.insert(fnv1a64(candidate.as_bytes()))
        {
            return false;
        }
        self.tried += 1;
        let accepted = (self.is_interesting)(&candidate);
        let stats = match self.passes.iter().position(|stats| stats.pass == pass.name()) {
            Some(at) => &mut self.passes[at],
            None => {
                self.passes.push(PassStats { pass: pass.name(), tried: 0, accepted: 0 });
                self.passes.last_mut().expect("just pushed")
            }
        };
        stats.tried += 1;
        if accepted {
            stats.accepted += 1;
            self.steps += 1;
            self.current = candidate;
        }
        accepted
    }

    fn out_of_budget(&mut self) -> bool {
        let out = self.tried >= self.max_candidates || self.deadline.is_some_and(|deadline| Instant::now() >= deadline);
        self.budget_exhausted |= out;
        out
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::outcome::Outcome;

    /// Every candidate of `pass` on `source`, applied.
    pub(crate) fn apply_all(pass: &dyn Pass, source: &str) -> Vec<String> {
        pass.candidates(source).iter().map(|edit| edit.apply(source).expect("candidates apply")).collect()
    }

    #[test]
    fn a_text_test_is_reduced_to_what_it_needs() {
        let source = "var a = 1;\nfunction f(x, y) { if (x) { print('keep', y); } }\nf(1, 2);\nprint('noise');\n";
        let test = |candidate: &str| candidate.contains("'keep'") && is_valid_script(candidate);
        let reduction = reduce_with(source, &test, &ReduceOptions::default());
        assert_eq!(reduction.program, "'keep';\n");
        assert!(reduction.steps > 0 && reduction.candidates_tried >= reduction.steps);
        assert!(!reduction.budget_exhausted);
        let accepted: usize = reduction.passes.iter().map(|stats| stats.accepted).sum();
        assert_eq!(accepted, reduction.steps);
    }

    #[test]
    fn the_quick_check_rejects_endless_loops_only() {
        let quick = QuickCheck::new(10_000);
        assert!(!quick.passes("for (;;) {}"));
        assert!(quick.passes("print(1)"));
        assert!(quick.passes("throw new TypeError()"), "only limits count, not outcomes");
    }

    #[test]
    fn candidates_are_never_tested_twice_and_budgets_stop_early() {
        let calls = RefCell::new(Vec::new());
        let test = |candidate: &str| {
            calls.borrow_mut().push(candidate.to_owned());
            false
        };
        let reduction = reduce_with("a(); b(); c(); d();", &test, &ReduceOptions::default());
        assert_eq!(reduction.program, "a(); b(); c(); d();");
        let calls = calls.into_inner();
        assert_eq!(calls.len(), calls.iter().collect::<HashSet<_>>().len(), "{calls:?}");
        assert_eq!(reduction.candidates_tried, calls.len());

        let limited = reduce_with(
            "a(); b(); c(); d();",
            &|_: &str| false,
            &ReduceOptions { max_candidates: 3, ..ReduceOptions::default() },
        );
        assert_eq!(limited.candidates_tried, 3);
        assert!(limited.budget_exhausted);
    }

    #[test]
    fn unparseable_sources_are_reduced_by_lines() {
        let source = "noise\nlet let = ;\nmore noise\n";
        let test = |candidate: &str| candidate.contains("let let");
        assert_eq!(reduce_with(source, &test, &ReduceOptions::default()).program, "let let = ;\n");
    }

    /// An engine that prints `one`, except that the buggy one prints `two` (or `three` when the
    /// program mentions `three`) when the program mentions `bug`, and that every program mentioning `loop`
    /// exhausts its fuel: the interestingness test without real engines.
    struct Scripted {
        name: &'static str,
        buggy: bool,
    }

    impl Engine for Scripted {
        fn name(&self) -> &str {
            self.name
        }

        fn run(&self, source: &str) -> Outcome {
            if source.contains("loop") {
                return Outcome::without_output(End::Exhausted("fuel".into()));
            }
            let line = match (self.buggy && source.contains("bug"), source.contains("three")) {
                (false, _) => "one",
                (true, false) => "two",
                (true, true) => "three",
            };
            Outcome { output: vec![line.to_owned()], end: End::Ok }
        }
    }

    fn scripted() -> Vec<Box<dyn Engine>> {
        vec![Box::new(Scripted { name: "ref", buggy: false }), Box::new(Scripted { name: "boa", buggy: true })]
    }

    #[test]
    fn the_interestingness_test_keeps_the_exact_class_and_rejects_poison() {
        let engines = scripted();
        let trial = Trial::run(&engines, "bug");
        let target = Target::exact(&trial).expect("diverges");
        assert!(judge(&engines, &target, "bug()", true).is_ok());
        assert_eq!(judge(&engines, &target, "ok()", true), Err(Rejection::Agrees));
        assert_eq!(judge(&engines, &target, "bug(", true), Err(Rejection::Invalid));
        assert!(judge(&engines, &target, "bug(", false).is_ok());
        assert!(matches!(judge(&engines, &target, "bug(); loop()", true), Err(Rejection::Poisoned { .. })));
        // Same class, other lines: only the loose target accepts it.
        let other = "bug(); three()";
        assert!(matches!(judge(&engines, &target, other, true), Err(Rejection::OtherDetail { .. })));
        assert!(judge(&engines, &Target::class(target.class.clone()), other, true).is_ok());
    }

    #[test]
    fn reduce_keeps_the_divergence_and_reports_the_reduced_signature() {
        let engines = scripted();
        let source = "print(1);\nfunction noise() { return 2; }\nbug();\nnoise();\n";
        let trial = Trial::run(&engines, source);
        let target = Signature::of(&trial, source).expect("diverges");
        let reduced = reduce(source, &engines, &target, &ReduceOptions::default()).expect("reduces");
        assert_eq!(reduced.reduction.program, "bug;\n");
        assert!(reduced.signature.same_class(&target));
        assert_ne!(reduced.signature, target, "the shape is the reduced program's");
        assert_eq!(reduced.trial, Trial::run(&engines, "bug;\n"));

        let err = reduce("print(1)", &engines, &target, &ReduceOptions::default()).expect_err("agrees");
        assert_eq!(err.to_string(), "the program does not show the divergence boa+ref output: the engines agree");
    }
}
