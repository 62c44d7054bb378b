//! One adapter per engine, each behind the [`Engine`](crate::Engine) trait.

mod boa;
pub mod external;
pub mod misbehaving;
mod quickjs;
mod reference;

pub use boa::{BoaConfig, BoaEngine};
pub use quickjs::{quickjs_version, QuickJsConfig, QuickJsEngine};
pub use reference::{ReferenceEngine, EARLY_GC_ENGINE};

/// A script defining `lifetimeProbe` with [`PROBE_PRELUDE`](crate::lifetime::PROBE_PRELUDE), run
/// before the program as a script of its own (so that a program's "use strict" directive stays
/// first), and installed like the other host functions: a writable, configurable, non-enumerable
/// property of the global object. (The prelude's global function declaration alone would make an
/// enumerable, non-configurable property, which programs enumerating the global object would see.)
pub(crate) fn probe_script() -> String {
    format!(
        "(function () {{\n{}Object.defineProperty(globalThis, 'lifetimeProbe', \
         {{ value: lifetimeProbe, writable: true, enumerable: false, configurable: true }});\n}})();\n",
        crate::lifetime::PROBE_PRELUDE
    )
}

/// Programs for the lifetime protocol's tests, shared by the adapters' tests.
/// The host contract every embedded adapter keeps (print, jobs, errors, limits, the lifetime
/// hooks), checked by each adapter's tests on its own engine.
#[cfg(test)]
pub(crate) mod contract {
    use crate::engine::Engine;
    use crate::outcome::{End, Outcome};

    fn lines(outcome: &Outcome) -> Vec<&str> {
        outcome.output.iter().map(String::as_str).collect()
    }

    /// `print` and `console.log` join ToString of their arguments with one space.
    pub fn print_joins_its_arguments(engine: &dyn Engine) {
        let outcome = engine.run("print(1, 'a', null, undefined, [1,2], {}); console.log(true, 1.5, -0);");
        assert_eq!(outcome.end, End::Ok);
        assert_eq!(lines(&outcome), ["1 a null undefined 1,2 [object Object]", "true 1.5 0"]);
        assert_eq!(lines(&engine.run("print(); console.log()")), ["", ""]);
    }

    /// MISSION.md's counter, from the corpus.
    pub fn runs_the_counter_example(engine: &dyn Engine) {
        let outcome = engine.run(include_str!("../../../corpus/programs/escape/counter.js"));
        assert_eq!(outcome.end, End::Ok);
        assert_eq!(lines(&outcome), ["currentValue = 1", "currentValue = 3", "currentValue = 6"]);
    }

    /// Pending jobs run after the script.
    pub fn drains_jobs_after_the_script(engine: &dyn Engine) {
        let outcome = engine.run("Promise.resolve().then(() => print('job')); print('script');");
        assert_eq!(lines(&outcome), ["script", "job"]);
        assert_eq!(outcome.end, End::Ok);
    }

    /// Parse and early errors end the run before anything is printed.
    pub fn rejects_syntax_errors_before_running(engine: &dyn Engine) {
        assert_eq!(engine.run("print('never'); let let = 1; ("), Outcome::without_output(End::SyntaxError));
    }

    /// `afterGc` and `lifetimeProbe` (see [`crate::lifetime`]).
    pub fn probes_lifetimes(engine: &dyn Engine) {
        use super::lifetime_programs::{CAPTURED, STRICT, UNREACHABLE};
        assert_eq!(lines(&engine.run(CAPTURED)), ["lifetime o kept", "object"]);
        assert_eq!(lines(&engine.run(UNREACHABLE)), ["lifetime o collected"]);
        let strict = engine.run(STRICT);
        assert_eq!((lines(&strict), strict.end.clone()), (vec!["true", "lifetime o kept", "false"], End::Ok));
    }

    /// Every check above.
    pub fn check(engine: &dyn Engine) {
        print_joins_its_arguments(engine);
        runs_the_counter_example(engine);
        drains_jobs_after_the_script(engine);
        rejects_syntax_errors_before_running(engine);
        probes_lifetimes(engine);
    }
}

#[cfg(test)]
pub(crate) mod lifetime_programs {
    /// The probed object is captured by a closure that is still called afterwards: prints
    /// `lifetime o kept`, then `object`.
    pub const CAPTURED: &str = "const [f, w] = (() => { const o = {}; return [() => o, new WeakRef(o)]; })(); \
                                afterGc(() => { lifetimeProbe('o', w); print(typeof f()); });";
    /// Nothing reaches the probed object: an engine that collects prints `lifetime o collected`.
    pub const UNREACHABLE: &str = "let w; (function () { w = new WeakRef({}); })(); \
                                   afterGc(() => lifetimeProbe('o', w));";
    /// The probe must not come between a program and its "use strict" directive, nor show up
    /// when the global object is enumerated.
    pub const STRICT: &str = "'use strict'; print((function () { return this; })() === undefined); \
                              const o = {}; lifetimeProbe('o', new WeakRef(o)); \
                              print(Object.keys(globalThis).includes('lifetimeProbe'));";
}
