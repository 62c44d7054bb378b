//! Boa (`boa_engine`), the in-process reference engine.
//!
//! Each run builds a fresh [`Context`] on an isolated thread, installs `print`, `console.log`, the
//! lifetime hook `afterGc` and `lifetimeProbe` ([`probe_script`], a script of its own run first),
//! parses and evaluates the script, then drains the job queue. Termination comes from three
//! deterministic limits, all uncatchable from JavaScript (Boa raises them as `EngineError`s, which
//! `try`/`catch` and promise rejection do not see) and all mapped to `exhausted`:
//!
//! | Boa error | set by | `exhausted` detail |
//! |---|---|---|
//! | `EngineError::NoInstructionsRemain` | [`BoaConfig::instruction_budget`] (the `fuzz` feature's budget) | `fuel` |
//! | `RuntimeLimitError::LoopIteration` | [`BoaConfig::loop_iteration_limit`] | `fuel` |
//! | `RuntimeLimitError::Recursion` | [`BoaConfig::recursion_limit`] | `stack` |
//! | `RuntimeLimitError::StackSize` | [`BoaConfig::stack_size_limit`] | `stack` |
//! | output cap reached | [`BoaConfig::max_output_bytes`] | `memory` |
//!
//! The wall-clock backstop of [`Isolation`] (`time`) only catches single native operations that run
//! long without executing bytecode.

use boa_engine::error::{EngineError, PanicError, RuntimeLimitError};
use boa_engine::gc::{Finalize, Gc, GcRefCell, Trace};
use boa_engine::object::ObjectInitializer;
use boa_engine::property::Attribute;
use boa_engine::{
    js_string, Context, JsError, JsNativeError, JsObject, JsResult, JsValue, NativeFunction, Script, Source,
};

use crate::engine::Engine;
use crate::engines::probe_script;
use crate::isolate::{run_isolated, Isolation};
use crate::outcome::{resource, End, Outcome};

/// Boa's limits for one run. Every knob bounds the run; none changes what a terminating,
/// small program prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoaConfig {
    /// Bytecode instructions the whole run (script and jobs) may execute.
    pub instruction_budget: usize,
    /// Loop iterations per call frame (Boa counts per frame, so this alone does not bound nested
    /// calls; the instruction budget does).
    pub loop_iteration_limit: u64,
    /// JS call depth, including native re-entries such as callbacks from `Array.prototype.map`.
    pub recursion_limit: usize,
    /// Values on Boa's VM stack.
    pub stack_size_limit: usize,
    /// Bytes of printed output (line contents) before the run is stopped.
    pub max_output_bytes: usize,
}

impl Default for BoaConfig {
    fn default() -> Self {
        BoaConfig {
            // Far more than any corpus or generated program needs. Measured with dependencies at
            // opt-level 2: tight loops burn it in ~50 ms, loops over global variables in ~0.7 s,
            // endless promise-job chains (the slowest kind, ~3M instructions/s) in ~3 s.
            instruction_budget: 10_000_000,
            // A loop needs at least two instructions per iteration, so this never bites before the
            // budget does; it is set so that loops stay bounded even with a larger budget.
            loop_iteration_limit: 10_000_000,
            // Same order as the reference interpreter's frame limit, so a program that recurses
            // legitimately deep is not poisoned on one engine only.
            recursion_limit: 2_000,
            stack_size_limit: 1024 * 1024,
            max_output_bytes: 16 * 1024 * 1024,
        }
    }
}

/// Adapter over Boa. See the module docs for how limits and errors map to [`End`].
#[derive(Debug, Clone, Default)]
pub struct BoaEngine {
    /// Boa's own limits.
    pub config: BoaConfig,
    /// Thread, stack and wall-clock backstop for each run.
    pub isolation: Isolation,
}

impl Engine for BoaEngine {
    fn name(&self) -> &str {
        "boa"
    }

    fn run(&self, source: &str) -> Outcome {
        let source = source.to_owned();
        let config = self.config;
        run_isolated("boa", self.isolation, move || run_in_boa(&source, &config))
    }
}

/// What `print` and `console.log` have written so far; shared by both functions through a `Gc`.
#[derive(Debug, Trace, Finalize)]
struct Printed {
    lines: Vec<String>,
    bytes: usize,
    max_bytes: usize,
    overflowed: bool,
}

type PrintedRef = Gc<GcRefCell<Printed>>;

/// The callbacks registered with `afterGc`, in order; traced, so they keep what they capture alive.
type AfterGcRef = Gc<GcRefCell<Vec<JsObject>>>;

fn run_in_boa(source: &str, config: &BoaConfig) -> Outcome {
    let mut context = match Context::builder().instructions_remaining(config.instruction_budget).build() {
        Ok(context) => context,
        Err(err) => return Outcome::without_output(End::Crashed(format!("could not create a Boa context: {err}"))),
    };
    let limits = context.runtime_limits_mut();
    limits.set_loop_iteration_limit(config.loop_iteration_limit);
    limits.set_recursion_limit(config.recursion_limit);
    limits.set_stack_size_limit(config.stack_size_limit);

    let printed: PrintedRef = Gc::new(GcRefCell::new(Printed {
        lines: Vec::new(),
        bytes: 0,
        max_bytes: config.max_output_bytes,
        overflowed: false,
    }));
    let after_gc: AfterGcRef = Gc::new(GcRefCell::new(Vec::new()));
    if let Err(err) = install_host_functions(&mut context, &printed, &after_gc) {
        return Outcome::without_output(End::Crashed(format!("could not install print/console.log: {err}")));
    }
    // A script of its own, so that a program's "use strict" directive stays its first statement.
    if let Err(err) = context.eval(Source::from_bytes(&probe_script())) {
        return Outcome::without_output(End::Crashed(format!("could not define lifetimeProbe: {err}")));
    }

    let end = match Script::parse(Source::from_bytes(source), None, &mut context) {
        Err(err) if err.as_native().is_some_and(|native| native.is_syntax()) => End::SyntaxError,
        Err(err) => end_of_error(err, &printed, &mut context),
        Ok(script) => match script.evaluate(&mut context) {
            // Like node, an uncaught exception in the script ends the run: pending jobs do not run.
            Err(err) => end_of_error(err, &printed, &mut context),
            Ok(_) => match context.run_jobs().and_then(|()| run_after_gc_callbacks(&after_gc, &mut context)) {
                Ok(()) => End::Ok,
                Err(err) => end_of_error(err, &printed, &mut context),
            },
        },
    };
    let output = std::mem::take(&mut printed.borrow_mut().lines);
    Outcome { output, end }
}

/// The lifetime hook, once the script and its jobs are done: for each `afterGc` callback in order
/// (including ones registered by earlier callbacks), end the job (clear the `WeakRef` kept list),
/// collect everything unreachable, call the callback as a new job and drain the jobs it queues.
fn run_after_gc_callbacks(after_gc: &AfterGcRef, context: &mut Context) -> JsResult<()> {
    loop {
        let next = {
            let mut callbacks = after_gc.borrow_mut();
            if callbacks.is_empty() {
                return Ok(());
            }
            callbacks.remove(0)
        };
        context.clear_kept_objects();
        boa_engine::gc::force_collect();
        next.call(&JsValue::undefined(), &[], context)?;
        context.run_jobs()?;
    }
}

/// `afterGc(callback)`: see [`run_after_gc_callbacks`].
fn after_gc(_this: &JsValue, args: &[JsValue], after_gc: &AfterGcRef, _context: &mut Context) -> JsResult<JsValue> {
    match args.first().and_then(JsValue::as_callable) {
        Some(callback) => {
            after_gc.borrow_mut().push(callback.clone());
            Ok(JsValue::undefined())
        }
        None => Err(JsNativeError::typ().with_message("afterGc: the callback is not a function").into()),
    }
}

fn install_host_functions(context: &mut Context, printed: &PrintedRef, after_gc_list: &AfterGcRef) -> JsResult<()> {
    let hook = NativeFunction::from_copy_closure_with_captures(after_gc, after_gc_list.clone());
    context.register_global_builtin_callable(js_string!("afterGc"), 1, hook)?;

    let print_function = NativeFunction::from_copy_closure_with_captures(print, printed.clone());
    context.register_global_builtin_callable(js_string!("print"), 0, print_function)?;

    let log = NativeFunction::from_copy_closure_with_captures(print, printed.clone());
    let console = ObjectInitializer::new(context).function(log, js_string!("log"), 0).build();
    // Writable and configurable but not enumerable, as hosts define `console`.
    context.register_global_property(js_string!("console"), console, Attribute::WRITABLE | Attribute::CONFIGURABLE)
}

/// `print(...args)` / `console.log(...args)`: ToString on each argument, joined by one space.
fn print(_this: &JsValue, args: &[JsValue], printed: &PrintedRef, context: &mut Context) -> JsResult<JsValue> {
    let mut parts = Vec::with_capacity(args.len());
    for arg in args {
        // ToString may run user code (toString methods) and may throw; both are the program's business.
        // Lone surrogates become U+FFFD, as when a UTF-16 string is written to a UTF-8 stdout.
        parts.push(arg.to_string(context)?.to_std_string_lossy());
    }
    let line = parts.join(" ");
    let mut printed = printed.borrow_mut();
    printed.bytes = printed.bytes.saturating_add(line.len());
    if printed.bytes > printed.max_bytes {
        printed.overflowed = true;
        // An engine error, so that JS cannot catch it and keep printing.
        return Err(PanicError::new("output limit reached").into());
    }
    printed.lines.push(line);
    Ok(JsValue::undefined())
}

/// Maps an error that ended the run to an [`End`].
fn end_of_error(err: JsError, printed: &PrintedRef, context: &mut Context) -> End {
    if printed.borrow().overflowed {
        return End::Exhausted(resource::MEMORY.to_owned());
    }
    if let Some(engine_error) = err.as_engine() {
        return end_of_engine_error(engine_error);
    }
    match err.into_opaque(context) {
        Ok(value) => match constructor_name(&value, context) {
            Ok(name) => End::Threw(name),
            Err(err) => end_of_error(err, printed, context),
        },
        Err(err) => End::Crashed(format!("an error that is neither a JS value nor an engine error: {err}")),
    }
}

fn end_of_engine_error(err: &EngineError) -> End {
    match err {
        EngineError::NoInstructionsRemain | EngineError::RuntimeLimit(RuntimeLimitError::LoopIteration) => {
            End::Exhausted(resource::FUEL.to_owned())
        }
        EngineError::RuntimeLimit(RuntimeLimitError::Recursion | RuntimeLimitError::StackSize) => {
            End::Exhausted(resource::STACK.to_owned())
        }
        EngineError::Panic(panic) => End::Crashed(format!("Boa reported an internal panic: {}", panic.message())),
    }
}

/// The thrown value's `constructor.name` when that is a string, else its `typeof` (the same rule as
/// the reference interpreter's `Completion::Threw`). Reading the properties may run getters, which
/// may themselves throw or hit a limit; an engine error is passed on, a JS throw falls back to `typeof`.
fn constructor_name(value: &JsValue, context: &mut Context) -> JsResult<String> {
    let Some(object) = value.as_object() else {
        return Ok(value.type_of().to_owned());
    };
    let name = object.get(js_string!("constructor"), context).and_then(|constructor| match constructor.as_object() {
        Some(constructor) => constructor.get(js_string!("name"), context),
        None => Ok(JsValue::undefined()),
    });
    match name {
        Ok(name) => Ok(name.as_string().map_or_else(|| value.type_of().to_owned(), |name| name.to_std_string_lossy())),
        Err(err) if err.as_engine().is_some() => Err(err),
        Err(_) => Ok(value.type_of().to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(source: &str) -> Outcome {
        BoaEngine::default().run(source)
    }

    fn lines(outcome: &Outcome) -> Vec<&str> {
        outcome.output.iter().map(String::as_str).collect()
    }

    #[test]
    fn follows_the_host_contract() {
        crate::engines::contract::check(&BoaEngine::default());
    }

    #[test]
    fn after_gc_runs_callbacks_in_order_after_the_jobs_with_a_real_collection() {
        let kept = "let keep = {}; const w = new WeakRef(keep); const f = () => keep; \
                    Promise.resolve().then(() => print('job')); \
                    afterGc(() => { print(w.deref() === keep, f() === keep); afterGc(() => print('second')); }); \
                    afterGc(() => print('first'));";
        assert_eq!(lines(&run(kept)), ["job", "true true", "first", "second"]);
        let dropped = "let w; (function () { w = new WeakRef({}); })(); afterGc(() => print(w.deref()));";
        assert_eq!(lines(&run(dropped)), ["undefined"]);
        assert_eq!(run("afterGc(1)").end, End::Threw("TypeError".into()));
    }

    #[test]
    fn uncaught_throws_report_the_constructor_name() {
        assert_eq!(run("print('before'); null.x").end, End::Threw("TypeError".into()));
        assert_eq!(run("undefinedVariable").end, End::Threw("ReferenceError".into()));
        assert_eq!(run("class MyError extends Error {}; throw new MyError()").end, End::Threw("MyError".into()));
        assert_eq!(run("throw 42").end, End::Threw("number".into()));
        assert_eq!(run("throw Object.create(null)").end, End::Threw("object".into()));
        // A SyntaxError thrown at run time is a throw, not a rejected source.
        assert_eq!(run("eval('(')").end, End::Threw("SyntaxError".into()));
    }

    #[test]
    fn output_before_a_throw_is_kept() {
        assert_eq!(lines(&run("print('before'); null.x")), ["before"]);
    }

    #[test]
    fn printing_a_value_whose_to_string_throws_is_a_throw() {
        assert_eq!(run("print(Symbol('s'))").end, End::Threw("TypeError".into()));
    }

    #[test]
    fn runaway_recursion_is_exhausted_and_uncatchable() {
        let outcome = run("function f(n) { return f(n + 1) } try { f(0) } catch (e) { print('caught') }");
        assert_eq!(outcome, Outcome::without_output(End::Exhausted("stack".into())));
    }

    #[test]
    fn endless_loops_are_exhausted_and_uncatchable() {
        let outcome = run("try { while (true) {} } catch (e) { print('caught') }");
        assert_eq!(outcome, Outcome::without_output(End::Exhausted("fuel".into())));
    }

    #[test]
    fn loops_spread_over_many_calls_run_out_of_instructions() {
        // Each frame's loop stays under the per-frame iteration limit; only the budget stops this.
        let outcome = run("function spin() { for (var i = 0; i < 1000; i++) {} } for (;;) spin()");
        assert_eq!(outcome.end, End::Exhausted("fuel".into()));
    }

    #[test]
    fn endless_job_chains_run_out_of_instructions() {
        // A small budget keeps the test quick; job chains are Boa's slowest way to burn instructions.
        let engine = BoaEngine {
            config: BoaConfig { instruction_budget: 100_000, ..BoaConfig::default() },
            ..BoaEngine::default()
        };
        let outcome = engine.run("function again() { Promise.resolve().then(again) } again()");
        assert_eq!(outcome.end, End::Exhausted("fuel".into()));
    }

    #[test]
    fn endless_printing_hits_the_output_cap() {
        let engine =
            BoaEngine { config: BoaConfig { max_output_bytes: 1000, ..BoaConfig::default() }, ..BoaEngine::default() };
        let outcome = engine.run("for (;;) { try { print('xxxxxxxxxx') } catch (e) {} }");
        assert_eq!(outcome.end, End::Exhausted("memory".into()));
        assert_eq!(outcome.output.len(), 100);
    }
}
