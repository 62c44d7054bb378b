//! Reducing on the embedded engines first.
//!
//! A candidate costs a run on every engine, and an external engine that starts a process per
//! program (jsc, gjs, engine262) is much slower than an embedded one. When the embedded
//! engines ([`ENGINE_NAMES`]) and the blamed ones show the divergence by themselves, blaming the same
//! engines for the same kind of difference, [`reduce_embedded_first`] reduces on them alone and
//! runs only the result on every engine. If the result diverges otherwise there (an external engine
//! sides with the blamed one on the smaller program, say, or differs where it agreed on the
//! original), it reduces again on all engines.

use crate::engine::{Engine, ENGINE_NAMES};
use crate::outcome::Outcome;
use crate::signature::{DivergenceClass, Signature};
use crate::trial::Trial;

use super::target::Target;
use super::{reduce_from, ReduceError, ReduceOptions, ReducedDivergence};

/// [`reduce`](super::reduce), or [`reduce_generated`](super::reduce_generated) when `program` printed
/// `source`, on the embedded and blamed engines first (see the module docs). The result diverges on
/// every engine of `engines` with `target`'s class; its counts add up both attempts, and a second
/// attempt gets what is left of the time limit.
pub fn reduce_embedded_first(
    source: &str,
    program: Option<&generator::Program>,
    engines: &[Box<dyn Engine + '_>],
    target: &Signature,
    options: &ReduceOptions,
) -> Result<ReducedDivergence, ReduceError> {
    let started = std::time::Instant::now();
    let program = program.filter(|program| program.to_string() == source);
    let Some((embedded, embedded_target)) = embedded_engines(source, engines, target) else {
        return reduce_from(source, program, engines, target, options);
    };
    let first = reduce_from(source, program, &embedded, &embedded_target, options).ok();
    let tried = first.as_ref().map_or(0, |first| first.reduction.candidates_tried);
    if let Some(first) = first.filter(|first| first.reduction.program != source) {
        let trial = Trial::run(engines, &first.reduction.program);
        // The same class, and no engine left out of the reduction differs where it agreed before.
        let on_all = Target::class(target.class.clone()).within(&Trial::run(engines, source));
        if on_all.matches(&trial).is_ok() {
            let signature = Signature::new(target.class.clone(), &first.reduction.program);
            return Ok(ReducedDivergence { trial, signature, ..first });
        }
    }
    let remaining = ReduceOptions {
        max_candidates: options.max_candidates.saturating_sub(tried),
        time_limit: options.time_limit.map(|limit| limit.saturating_sub(started.elapsed())),
        ..*options
    };
    let mut second = reduce_from(source, program, engines, target, &remaining)?;
    second.reduction.candidates_tried += tried;
    Ok(second)
}

/// The embedded and blamed engines among `engines`, and the target the divergence of `source` has
/// among them; `None` when they are all of `engines`, or do not blame the same engines for the same
/// kind of difference.
fn embedded_engines<'e>(
    source: &str,
    engines: &'e [Box<dyn Engine + '_>],
    target: &Signature,
) -> Option<(Vec<Box<dyn Engine + 'e>>, Signature)> {
    let blamed = &target.class.engines;
    let embedded: Vec<Box<dyn Engine + 'e>> = engines
        .iter()
        .filter(|engine| ENGINE_NAMES.contains(&engine.name()) || blamed.iter().any(|name| name == engine.name()))
        .map(|engine| Box::new(Borrowed(engine.as_ref())) as Box<dyn Engine + 'e>)
        .collect();
    if embedded.len() == engines.len() {
        return None;
    }
    let class = DivergenceClass::of(&Trial::run(&embedded, source))?;
    let same = class.engines == *blamed && class.kind_name() == target.class.kind_name();
    same.then(|| (embedded, Signature::new(class, source)))
}

/// An engine lent to a reduction on some of the engines.
struct Borrowed<'e>(&'e dyn Engine);

impl Engine for Borrowed<'_> {
    fn name(&self) -> &str {
        self.0.name()
    }

    fn run(&self, source: &str) -> Outcome {
        self.0.run(source)
    }

    fn in_process(&self) -> bool {
        self.0.in_process()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    use super::*;
    use crate::engines::{BoaEngine, QuickJsEngine, ReferenceEngine};

    /// Where the stand-in external engine prints a line of its own on programs without `keep`.
    #[derive(Clone, Copy)]
    enum Odd {
        Never,
        First,
        Last,
    }

    /// Stands in for a process-per-program engine: runs like `ref` (printing `odd` on programs
    /// without `keep`, where [`Odd`] says) and counts its runs.
    struct External {
        runs: Arc<AtomicUsize>,
        odd_without_keep: Odd,
    }

    impl Engine for External {
        fn name(&self) -> &str {
            "ext"
        }

        fn run(&self, source: &str) -> Outcome {
            self.runs.fetch_add(1, Ordering::Relaxed);
            let mut outcome = ReferenceEngine::default().run(source);
            if !source.contains("keep") {
                match self.odd_without_keep {
                    Odd::Never => {}
                    Odd::First => outcome.output.insert(0, "odd".to_owned()),
                    Odd::Last => outcome.output.push("odd".to_owned()),
                }
            }
            outcome
        }
    }

    /// Reduces a padded program showing a Boa bug (a body `var` named like a parameter of a
    /// function with a default throws ReferenceError) on ref, boa, quickjs and `ext`; returns the
    /// reduction, the original's class and how often `ext` ran for the reduction.
    fn reduce_boa_bug(prelude: &str, odd_without_keep: Odd) -> (ReducedDivergence, DivergenceClass, usize) {
        let padding: String = (0..12).map(|i| format!("var p{i} = {i} * 2;\nprint(p{i});\n")).collect();
        let source = format!("{prelude}{padding}function y(x, c = 0) {{ var x = 0; }}\ny();\nprint('after');\n");
        let runs = Arc::new(AtomicUsize::new(0));
        let engines: Vec<Box<dyn Engine>> = vec![
            Box::new(ReferenceEngine::default()),
            Box::new(BoaEngine::default()),
            Box::new(QuickJsEngine::default()),
            Box::new(External { runs: Arc::clone(&runs), odd_without_keep }),
        ];
        let target = Signature::of(&Trial::run(&engines, &source), &source).expect("boa diverges");
        assert_eq!(target.class.engines, ["boa"]);
        let before = runs.load(Ordering::Relaxed);
        let reduced = reduce_embedded_first(&source, None, &engines, &target, &ReduceOptions::default())
            .expect("the original diverges");
        let ext_runs = runs.load(Ordering::Relaxed) - before;
        let class = DivergenceClass::of(&Trial::run(&engines, &reduced.reduction.program));
        assert_eq!(class.as_ref(), Some(&target.class), "{}", reduced.reduction.program);
        assert_eq!(reduced.signature.class, target.class);
        (reduced, target.class, ext_runs)
    }

    #[test]
    fn reductions_run_on_the_embedded_engines_and_check_the_result_on_all() {
        let (reduced, class, ext_runs) = reduce_boa_bug("", Odd::Never);
        let program = &reduced.reduction.program;
        assert!(program.lines().count() <= 3, "not reduced:\n{program}");
        assert_eq!(ext_runs, 2, "ext judges the result (beside the original) only");
        assert_eq!(DivergenceClass::of(&reduced.trial), Some(class));
        assert_eq!(reduced.trial.outcomes.len(), 4, "the trial is the one on every engine");
    }

    #[test]
    fn a_reduction_that_does_not_hold_on_every_engine_is_done_again_on_all() {
        // Without `keep`, ext prints a line of its own: reduced on the embedded engines alone, the
        // program loses `keep` and diverges otherwise on all four, so the reducer starts again.
        let (reduced, _, ext_runs) = reduce_boa_bug("var keep = 1;\n", Odd::First);
        let program = &reduced.reduction.program;
        assert!(program.contains("keep"), "{program}");
        assert!(program.lines().count() <= 4, "not reduced:\n{program}");
        assert!(ext_runs > 10, "ext ran {ext_runs} times");
    }

    #[test]
    fn a_reduction_where_another_engine_differs_too_is_done_again_on_all() {
        // Without `keep`, ext prints a line of its own after the rest: the first difference (Boa's)
        // is the same, but ext, which agreed on the original, now differs too.
        let (reduced, _, ext_runs) = reduce_boa_bug("var keep = 1;\n", Odd::Last);
        let program = &reduced.reduction.program;
        assert!(program.contains("keep"), "{program}");
        assert!(ext_runs > 10, "ext ran {ext_runs} times");
    }
}
