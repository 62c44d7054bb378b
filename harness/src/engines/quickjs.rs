//! QuickJS (the quickjs-ng fork bundled by `rquickjs`), the third in-process engine, so that every
//! run has a majority vote without installing anything.
//!
//! Each run builds a fresh [`Runtime`] and full [`Context`] on an isolated thread, installs `print`,
//! `console.log`, the lifetime hook `afterGc(callback)` and `lifetimeProbe` ([`probe_script`], a
//! script of its own evaluated first), compiles the script (a failure to
//! compile is `syntax-error`), evaluates it, then drains the job queue. After that, each callback
//! registered with `afterGc` runs in registration order (callbacks may register more), each one
//! preceded by a full cycle collection ([`Runtime::run_gc`]) and followed by draining the job queue.
//!
//! Limits, all mapped to `exhausted` whether or not the program catches the error they raise:
//!
//! | limit | how | `exhausted` detail |
//! |---|---|---|
//! | [`QuickJsConfig::interrupt_budget`] | interrupt handler (QuickJS polls it every 10 000 back edges and calls) | `fuel` |
//! | [`QuickJsConfig::time_limit`] | the same handler, against a deadline | `time` |
//! | [`QuickJsConfig::memory_limit`] | a counting allocator that refuses to grow past it | `memory` |
//! | [`QuickJsConfig::max_output_bytes`] | `print` refuses, then the interrupt handler stops the run | `memory` |
//! | [`QuickJsConfig::max_stack_bytes`] | QuickJS's own stack check (uncaught) | `stack` |
//! | [`QuickJsConfig::max_after_gc_callbacks`], [`QuickJsConfig::max_jobs`] | counted by the adapter | `fuel` |
//!
//! Once the interrupt handler has fired it keeps firing, and QuickJS raises interrupts as uncatchable
//! errors, so a program cannot keep running after a limit. Stack overflow is the exception: QuickJS
//! throws a catchable `RangeError`. The stack limit is therefore set far above the depth at which
//! the reference interpreter and Boa give up (about 2 000 frames), so a program deep enough to
//! overflow QuickJS has already exhausted the others and the comparison is poisoned either way; an
//! uncaught overflow is reported as `exhausted (stack)` directly.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::ffi::CString;
use std::rc::Rc;
use std::time::{Duration, Instant};

use rquickjs::allocator::{Allocator, RustAllocator};
use rquickjs::function::Rest;
use rquickjs::object::Property;
use rquickjs::{qjs, Context, Ctx, Exception, Function, Object, Persistent, Runtime, Value};

use crate::engine::Engine;
use crate::engines::probe_script;
use crate::isolate::{run_isolated, Isolation};
use crate::outcome::{resource, End, Outcome};

/// QuickJS's limits for one run. None changes what a terminating, small program prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuickJsConfig {
    /// Interrupt polls the whole run may make. QuickJS polls once per 10 000 ticks, a tick being a
    /// loop back edge or a call, so the default of 2 000 allows about 20 million of them (a few
    /// hundred milliseconds of tight loop).
    pub interrupt_budget: u64,
    /// Wall-clock time the run may take, checked at every interrupt poll. Below the isolation
    /// backstop, so that a slow run ends cleanly as `exhausted (time)`.
    pub time_limit: Duration,
    /// Bytes QuickJS may hold allocated at once.
    pub memory_limit: usize,
    /// QuickJS's stack limit in bytes, at most [`MAX_STACK_BYTES`] (`rquickjs` silently turns a
    /// larger limit into none at all, so larger values are clamped); the run's thread has
    /// [`Isolation::stack_bytes`], which must be larger.
    pub max_stack_bytes: usize,
    /// Bytes of printed output (line contents) before the run is stopped.
    pub max_output_bytes: usize,
    /// `afterGc` callbacks the run may invoke (each costs a full collection).
    pub max_after_gc_callbacks: usize,
    /// Jobs (promise reactions) the run may execute; endless job chains tick the interrupt
    /// counter only a few times per job, so this ends them sooner than the interrupt budget.
    pub max_jobs: u64,
}

/// The largest stack limit `rquickjs` passes on to QuickJS (16 MiB).
pub const MAX_STACK_BYTES: usize = 1 << 24;

impl Default for QuickJsConfig {
    fn default() -> Self {
        QuickJsConfig {
            interrupt_budget: 2_000,
            time_limit: Duration::from_secs(5),
            memory_limit: 512 * 1024 * 1024,
            // A simple JS frame takes about 640 bytes of QuickJS stack, so 16 MiB is some 26 000
            // frames, ten times the others' limit, and far from the isolation thread's 256 MiB.
            max_stack_bytes: MAX_STACK_BYTES,
            max_output_bytes: 16 * 1024 * 1024,
            max_after_gc_callbacks: 10_000,
            max_jobs: 1_000_000,
        }
    }
}

/// Adapter over QuickJS. See the module docs for how limits and errors map to [`End`].
#[derive(Debug, Clone, Default)]
pub struct QuickJsEngine {
    /// QuickJS's own limits.
    pub config: QuickJsConfig,
    /// Thread, stack and wall-clock backstop for each run.
    pub isolation: Isolation,
}

impl Engine for QuickJsEngine {
    fn name(&self) -> &str {
        "quickjs"
    }

    fn run(&self, source: &str) -> Outcome {
        let source = source.to_owned();
        let config = self.config;
        run_isolated("quickjs", self.isolation, move || run_in_quickjs(&source, &config))
    }
}

/// The version of QuickJS compiled in (`quickjs-ng 0.16.2`).
pub fn quickjs_version() -> String {
    // SAFETY: JS_GetVersion returns a pointer to a static NUL-terminated string.
    let version = unsafe { std::ffi::CStr::from_ptr(qjs::JS_GetVersion()) };
    format!("quickjs-ng {}", version.to_string_lossy())
}

/// Which limit stopped the run, if any. Once set, the interrupt handler stops everything.
#[derive(Debug, Default)]
struct Limits {
    tripped: Cell<Option<&'static str>>,
    memory_refused: Cell<bool>,
}

impl Limits {
    fn trip(&self, what: &'static str) {
        if self.tripped.get().is_none() {
            self.tripped.set(Some(what));
        }
    }

    /// The limit that ended the run: a memory refusal counts even if the program caught the
    /// resulting `InternalError`, because where it happens depends on the engine, not the program.
    fn end(&self) -> Option<End> {
        if self.memory_refused.get() {
            return Some(End::Exhausted(resource::MEMORY.to_owned()));
        }
        self.tripped.get().map(|what| End::Exhausted(what.to_owned()))
    }
}

/// Everything the host functions share. Holds JS values (the `afterGc` callbacks), so it must be
/// emptied before the runtime goes: QuickJS aborts when a runtime is freed with objects alive.
struct Host {
    limits: Rc<Limits>,
    lines: RefCell<Vec<String>>,
    bytes: Cell<usize>,
    max_bytes: usize,
    after_gc: RefCell<VecDeque<Persistent<Function<'static>>>>,
    jobs: Cell<u64>,
    max_jobs: u64,
}

fn run_in_quickjs(source: &str, config: &QuickJsConfig) -> Outcome {
    let Ok(source) = CString::new(source) else {
        return Outcome::without_output(End::Unsupported("a NUL character in the source".to_owned()));
    };
    let limits = Rc::new(Limits::default());
    let allocator = LimitedAllocator { limit: config.memory_limit, used: 0, limits: Rc::clone(&limits) };
    let runtime = match Runtime::new_with_alloc(allocator) {
        Ok(runtime) => runtime,
        Err(err) => return Outcome::without_output(End::Crashed(format!("could not create a QuickJS runtime: {err}"))),
    };
    runtime.set_max_stack_size(config.max_stack_bytes.clamp(1, MAX_STACK_BYTES));
    let deadline = Instant::now() + config.time_limit;
    let mut polls = 0u64;
    let budget = config.interrupt_budget;
    let handler_limits = Rc::clone(&limits);
    runtime.set_interrupt_handler(Some(Box::new(move || {
        polls += 1;
        if polls > budget {
            handler_limits.trip(resource::FUEL);
        } else if Instant::now() > deadline {
            handler_limits.trip(resource::TIME);
        }
        handler_limits.tripped.get().is_some() || handler_limits.memory_refused.get()
    })));
    let context = match Context::full(&runtime) {
        Ok(context) => context,
        Err(err) => return Outcome::without_output(End::Crashed(format!("could not create a QuickJS context: {err}"))),
    };
    let host = Rc::new(Host {
        limits: Rc::clone(&limits),
        lines: RefCell::new(Vec::new()),
        bytes: Cell::new(0),
        max_bytes: config.max_output_bytes,
        after_gc: RefCell::new(VecDeque::new()),
        jobs: Cell::new(0),
        max_jobs: config.max_jobs,
    });

    let end = run_phases(&runtime, &context, &source, &host, config);
    // Release the callbacks (and with them the cycle host → function → host) while the runtime lives.
    host.after_gc.borrow_mut().clear();
    let output = std::mem::take(&mut *host.lines.borrow_mut());
    drop(context);
    drop(runtime);
    Outcome { output, end }
}

/// Script, jobs, then the `afterGc` callbacks; returns how the run ended.
fn run_phases(runtime: &Runtime, context: &Context, source: &CString, host: &Rc<Host>, config: &QuickJsConfig) -> End {
    let started = context.with(|ctx| {
        if let Err(err) = install_host_functions(&ctx, host) {
            return Err(End::Crashed(format!("could not install the host functions: {err}")));
        }
        evaluate_script(&ctx, source, host)
    });
    if let Err(end) = started {
        return end;
    }
    if let Err(end) = drain_jobs(runtime, host) {
        return end;
    }
    let mut invoked = 0usize;
    loop {
        let Some(callback) = host.after_gc.borrow_mut().pop_front() else { break };
        invoked += 1;
        if invoked > config.max_after_gc_callbacks {
            return End::Exhausted(resource::FUEL.to_owned());
        }
        runtime.run_gc();
        let called = context.with(|ctx| {
            let callback =
                callback.restore(&ctx).map_err(|err| End::Crashed(format!("lost an afterGc callback: {err}")))?;
            match callback.call::<_, Value>(()) {
                Ok(_) => Ok(()),
                Err(rquickjs::Error::Exception) => Err(end_of_exception(&ctx, ctx.catch(), host)),
                Err(err) => Err(End::Crashed(format!("calling an afterGc callback failed: {err}"))),
            }
        });
        if let Err(end) = called {
            return end;
        }
        if let Err(end) = drain_jobs(runtime, host) {
            return end;
        }
    }
    host.limits.end().unwrap_or(End::Ok)
}

/// Compiles the script (failure: `syntax-error`), then runs it.
fn evaluate_script(ctx: &Ctx<'_>, source: &CString, host: &Host) -> Result<(), End> {
    let raw_ctx = ctx.as_raw().as_ptr();
    let flags = (qjs::JS_EVAL_TYPE_GLOBAL | qjs::JS_EVAL_FLAG_COMPILE_ONLY) as i32;
    // SAFETY: `ctx` is locked for the duration of `with`; the source is NUL-terminated as JS_Eval
    // requires, and the length excludes the terminator.
    let compiled =
        unsafe { qjs::JS_Eval(raw_ctx, source.as_ptr(), source.as_bytes().len() as _, c"program.js".as_ptr(), flags) };
    // SAFETY: a value just returned by JS_Eval.
    if unsafe { qjs::JS_IsException(compiled) } {
        let error = ctx.catch();
        if let Some(end) = host.limits.end() {
            return Err(end);
        }
        return Err(match constructor_name(ctx, &error).as_deref() {
            Ok("SyntaxError") => End::SyntaxError,
            _ => end_of_exception(ctx, error, host),
        });
    }
    // SAFETY: JS_EvalFunction takes ownership of the compiled function and returns an owned value,
    // which `Value::from_raw` takes over (and frees on drop) unless it is the exception marker.
    let result = unsafe { qjs::JS_EvalFunction(raw_ctx, compiled) };
    // SAFETY: as above.
    if unsafe { qjs::JS_IsException(result) } {
        return Err(end_of_exception(ctx, ctx.catch(), host));
    }
    // SAFETY: `result` is an owned, non-exception value of this context.
    drop(unsafe { Value::from_raw(ctx.clone(), result) });
    match host.limits.end() {
        Some(end) => Err(end),
        None => Ok(()),
    }
}

/// Runs pending jobs until none is left. Like node, an uncaught error in a job ends the run.
fn drain_jobs(runtime: &Runtime, host: &Host) -> Result<(), End> {
    loop {
        if let Some(end) = host.limits.end() {
            return Err(end);
        }
        match runtime.execute_pending_job() {
            Ok(true) => {
                host.jobs.set(host.jobs.get() + 1);
                if host.jobs.get() >= host.max_jobs {
                    host.limits.trip(resource::FUEL);
                }
            }
            Ok(false) => return Ok(()),
            Err(job) => return Err(job.0.with(|ctx| end_of_exception(&ctx, ctx.catch(), host))),
        }
    }
}

fn install_host_functions<'js>(ctx: &Ctx<'js>, host: &Rc<Host>) -> rquickjs::Result<()> {
    let globals = ctx.globals();
    // quickjs-ng adds `performance` (a clock, and enumerable): not part of the language, and a
    // source of nondeterminism, so the realm goes without it like the other engines'.
    globals.remove("performance")?;
    let print_host = Rc::clone(host);
    let print_function =
        Function::new(ctx.clone(), move |ctx: Ctx<'js>, args: Rest<Value<'js>>| print(&ctx, &args.0, &print_host))?
            .with_name("print")?;
    globals.prop("print", Property::from(print_function).writable().configurable())?;

    let log_host = Rc::clone(host);
    let log = Function::new(ctx.clone(), move |ctx: Ctx<'js>, args: Rest<Value<'js>>| print(&ctx, &args.0, &log_host))?
        .with_name("log")?;
    let console = Object::new(ctx.clone())?;
    console.prop("log", Property::from(log).writable().configurable())?;
    globals.prop("console", Property::from(console).writable().configurable())?;

    let gc_host = Rc::clone(host);
    let after_gc = Function::new(ctx.clone(), move |ctx: Ctx<'js>, callback: Value<'js>| {
        let Some(callback) = callback.into_function() else {
            return Err(Exception::throw_type(&ctx, "afterGc: the callback is not a function"));
        };
        gc_host.after_gc.borrow_mut().push_back(Persistent::save(&ctx, callback));
        Ok(())
    })?
    .with_name("afterGc")?;
    globals.prop("afterGc", Property::from(after_gc).writable().configurable())?;
    // A script of its own, so that a program's "use strict" directive stays its first statement.
    ctx.eval::<(), _>(probe_script())?;
    Ok(())
}

/// `print(...args)` / `console.log(...args)`: ToString on each argument, joined by one space.
fn print<'js>(ctx: &Ctx<'js>, args: &[Value<'js>], host: &Host) -> rquickjs::Result<()> {
    let mut parts = Vec::with_capacity(args.len());
    for arg in args {
        // ToString may run user code and may throw: the program's business.
        parts.push(to_display_string(ctx, arg)?);
    }
    let line = parts.join(" ");
    let bytes = host.bytes.get().saturating_add(line.len());
    host.bytes.set(bytes);
    if bytes > host.max_bytes {
        // The interrupt handler stops the run at its next poll, whatever the program catches.
        host.limits.trip(resource::MEMORY);
        return Err(Exception::throw_internal(ctx, "output limit reached"));
    }
    host.lines.borrow_mut().push(line);
    Ok(())
}

/// ToString, then UTF-8; lone surrogates become U+FFFD (as with the other engines' UTF-8 output).
fn to_display_string<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> rquickjs::Result<String> {
    let raw_ctx = ctx.as_raw().as_ptr();
    // SAFETY: the context is locked; JS_ToString returns an owned value (or the exception marker).
    let string = unsafe { qjs::JS_ToString(raw_ctx, value.as_raw()) };
    // SAFETY: a value just returned by QuickJS.
    if unsafe { qjs::JS_IsException(string) } {
        return Err(rquickjs::Error::Exception);
    }
    // SAFETY: `string` is owned; wrapping it frees it on drop.
    let string = unsafe { Value::from_raw(ctx.clone(), string) };
    let mut len = 0;
    // SAFETY: `string` is a live string value; the returned buffer is freed below.
    let bytes = unsafe { qjs::JS_ToCStringLen(raw_ctx, &mut len, string.as_raw()) };
    if bytes.is_null() {
        return Err(rquickjs::Error::Exception);
    }
    // SAFETY: QuickJS returned `len` valid bytes at `bytes`.
    #[allow(clippy::unnecessary_cast)] // `size_t` is not `usize` on every target
    let slice = unsafe { std::slice::from_raw_parts(bytes.cast::<u8>(), len as usize) };
    let text = wtf8_lossy(slice);
    // SAFETY: freeing the buffer JS_ToCStringLen returned, once.
    unsafe { qjs::JS_FreeCString(raw_ctx, bytes) };
    Ok(text)
}

/// Decodes QuickJS's UTF-8, in which a lone surrogate is encoded like any other code point (three
/// bytes `ED A0..BF 80..BF`), replacing each lone surrogate with one U+FFFD.
fn wtf8_lossy(mut bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(bytes) {
            Ok(rest) => {
                text.push_str(rest);
                return text;
            }
            Err(err) => {
                let (valid, after) = bytes.split_at(err.valid_up_to());
                // SAFETY-free: `valid` is valid UTF-8 by construction of `valid_up_to`.
                text.push_str(std::str::from_utf8(valid).unwrap_or_default());
                text.push('\u{FFFD}');
                let skip = match after {
                    [0xED, 0xA0..=0xBF, 0x80..=0xBF, ..] => 3,
                    _ => err.error_len().unwrap_or(after.len()),
                };
                bytes = &after[skip.min(after.len())..];
            }
        }
    }
}

/// Maps an exception that ended the run to an [`End`]: a limit first, then an uncaught stack
/// overflow or allocation failure, else the thrown value's constructor name.
fn end_of_exception<'js>(ctx: &Ctx<'js>, error: Value<'js>, host: &Host) -> End {
    if let Some(end) = host.limits.end() {
        return end;
    }
    if let Some(exhausted) = limit_error(&error) {
        return End::Exhausted(exhausted.to_owned());
    }
    match constructor_name(ctx, &error) {
        Ok(name) => End::Threw(name),
        Err(()) => host.limits.end().unwrap_or_else(|| End::Threw(type_of(&error))),
    }
}

/// The errors QuickJS itself raises when it runs out of stack or memory.
fn limit_error(error: &Value<'_>) -> Option<&'static str> {
    let exception = error.as_exception()?;
    match exception.message().as_deref() {
        Some("Maximum call stack size exceeded") => Some(resource::STACK),
        Some(message) if message.starts_with("stack overflow") => Some(resource::STACK),
        Some("out of memory") => Some(resource::MEMORY),
        _ => None,
    }
}

/// The thrown value's `constructor.name` when that is a string, else its `typeof`. Reading the
/// properties may run getters; if they throw, `Err(())` (the caller falls back to `typeof` unless a
/// limit fired).
fn constructor_name<'js>(ctx: &Ctx<'js>, value: &Value<'js>) -> Result<String, ()> {
    let Some(object) = value.as_object() else {
        return Ok(type_of(value));
    };
    let constructor: Value = object.get("constructor").map_err(|_| {
        ctx.catch();
    })?;
    let name: Value = match constructor.as_object() {
        Some(constructor) => constructor.get("name").map_err(|_| {
            ctx.catch();
        })?,
        None => Value::new_undefined(ctx.clone()),
    };
    match name.as_string() {
        Some(name) => Ok(name.to_string().unwrap_or_else(|_| type_of(value))),
        None => Ok(type_of(value)),
    }
}

fn type_of(value: &Value<'_>) -> String {
    use rquickjs::Type;
    match value.type_of() {
        Type::Uninitialized | Type::Undefined => "undefined",
        Type::Null | Type::Object | Type::Array | Type::Exception | Type::Promise | Type::Proxy => "object",
        Type::Bool => "boolean",
        Type::Int | Type::Float => "number",
        Type::String => "string",
        Type::Symbol => "symbol",
        Type::BigInt => "bigint",
        Type::Function | Type::Constructor => "function",
        Type::Module | Type::Unknown => "object",
    }
    .to_owned()
}

/// The system allocator through `rquickjs`'s Rust allocator, refusing any allocation that would
/// take the runtime past `limit` bytes and remembering that it did (see [`Limits::end`]).
struct LimitedAllocator {
    limit: usize,
    used: usize,
    limits: Rc<Limits>,
}

impl LimitedAllocator {
    fn admit(&mut self, more: usize, less: usize) -> bool {
        let after = self.used.saturating_sub(less).saturating_add(more);
        if after > self.limit {
            self.limits.memory_refused.set(true);
            return false;
        }
        true
    }
}

// SAFETY: every pointer handed out comes from `RustAllocator`, which meets the trait's contract;
// this wrapper only refuses requests (returning null, which QuickJS handles) and counts sizes.
unsafe impl Allocator for LimitedAllocator {
    fn alloc(&mut self, size: usize) -> *mut u8 {
        if !self.admit(size, 0) {
            return std::ptr::null_mut();
        }
        let ptr = RustAllocator.alloc(size);
        if !ptr.is_null() {
            // SAFETY: `ptr` was just allocated by RustAllocator.
            self.used += unsafe { RustAllocator::usable_size(ptr) };
        }
        ptr
    }

    fn calloc(&mut self, count: usize, size: usize) -> *mut u8 {
        let Some(total) = count.checked_mul(size) else {
            return std::ptr::null_mut();
        };
        if !self.admit(total, 0) {
            return std::ptr::null_mut();
        }
        let ptr = RustAllocator.calloc(count, size);
        if !ptr.is_null() {
            // SAFETY: `ptr` was just allocated by RustAllocator.
            self.used += unsafe { RustAllocator::usable_size(ptr) };
        }
        ptr
    }

    unsafe fn dealloc(&mut self, ptr: *mut u8) {
        if ptr.is_null() {
            return;
        }
        // SAFETY: the caller passes a pointer from this allocator.
        self.used = self.used.saturating_sub(unsafe { RustAllocator::usable_size(ptr) });
        // SAFETY: as above.
        unsafe { RustAllocator.dealloc(ptr) }
    }

    unsafe fn realloc(&mut self, ptr: *mut u8, new_size: usize) -> *mut u8 {
        if ptr.is_null() {
            return self.alloc(new_size);
        }
        // SAFETY: the caller passes a pointer from this allocator.
        let old = unsafe { RustAllocator::usable_size(ptr) };
        if !self.admit(new_size, old) {
            return std::ptr::null_mut();
        }
        // SAFETY: as above; on failure the old block stays valid and counted.
        let moved = unsafe { RustAllocator.realloc(ptr, new_size) };
        if !moved.is_null() {
            // SAFETY: `moved` was just allocated by RustAllocator.
            self.used = self.used.saturating_sub(old) + unsafe { RustAllocator::usable_size(moved) };
        }
        moved
    }

    unsafe fn usable_size(ptr: *mut u8) -> usize {
        // SAFETY: the caller passes a pointer from this allocator, i.e. from RustAllocator.
        unsafe { RustAllocator::usable_size(ptr) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(source: &str) -> Outcome {
        QuickJsEngine::default().run(source)
    }

    fn lines(outcome: &Outcome) -> Vec<&str> {
        outcome.output.iter().map(String::as_str).collect()
    }

    #[test]
    fn follows_the_host_contract() {
        crate::engines::contract::check(&QuickJsEngine::default());
    }

    #[test]
    fn host_functions_are_not_enumerable() {
        let outcome = run("var seen = []; for (var k in globalThis) seen.push(k); print(seen.join())");
        assert_eq!(lines(&outcome), ["seen,k"]);
    }

    #[test]
    fn uncaught_throws_report_the_constructor_name() {
        assert_eq!(run("print('before'); null.x").end, End::Threw("TypeError".into()));
        assert_eq!(lines(&run("print('before'); null.x")), ["before"]);
        assert_eq!(run("undefinedVariable").end, End::Threw("ReferenceError".into()));
        assert_eq!(run("class MyError extends Error {}; throw new MyError()").end, End::Threw("MyError".into()));
        assert_eq!(run("throw 42").end, End::Threw("number".into()));
        assert_eq!(run("throw Object.create(null)").end, End::Threw("object".into()));
        assert_eq!(run("eval('(')").end, End::Threw("SyntaxError".into()));
        assert_eq!(run("print(Symbol('s'))").end, End::Threw("TypeError".into()));
    }

    #[test]
    fn lone_surrogates_print_as_replacement_characters() {
        assert_eq!(lines(&run("print('a\\uD800b', '\\uD83D\\uDE00')")), ["a\u{FFFD}b \u{1F600}"]);
    }

    #[test]
    fn endless_loops_are_exhausted_and_uncatchable() {
        let outcome = run("try { while (true) {} } catch (e) { print('caught') }");
        assert_eq!(outcome.end, End::Exhausted("fuel".into()));
        assert!(outcome.output.is_empty());
        let spread = run("function spin() { for (var i = 0; i < 1000; i++) {} } for (;;) spin()");
        assert_eq!(spread.end, End::Exhausted("fuel".into()));
    }

    #[test]
    fn endless_job_chains_are_exhausted() {
        let outcome = run("function again() { Promise.resolve().then(again) } again()");
        assert_eq!(outcome.end, End::Exhausted("fuel".into()));
    }

    #[test]
    fn runaway_recursion_is_exhausted() {
        assert_eq!(run("function f(n) { return f(n + 1) } f(0)").end, End::Exhausted("stack".into()));
        // Ten thousand frames, five times the others' limit, fit.
        let deep = run("function f(n) { return n == 0 ? 0 : 1 + f(n - 1) } print(f(10000))");
        assert_eq!(lines(&deep), ["10000"]);
        // A limit beyond what rquickjs accepts is clamped, not turned into no limit at all.
        let engine = QuickJsEngine {
            config: QuickJsConfig { max_stack_bytes: 1 << 30, ..QuickJsConfig::default() },
            ..QuickJsEngine::default()
        };
        assert_eq!(engine.run("function f(n) { return f(n + 1) } f(0)").end, End::Exhausted("stack".into()));
    }

    #[test]
    fn memory_exhaustion_is_exhausted_even_when_caught() {
        let engine = QuickJsEngine {
            config: QuickJsConfig { memory_limit: 8 * 1024 * 1024, ..QuickJsConfig::default() },
            ..QuickJsEngine::default()
        };
        let outcome =
            engine.run("var a = []; try { for (;;) a.push(new Array(1000).fill(1)) } catch (e) { print('caught') }");
        assert_eq!(outcome.end, End::Exhausted("memory".into()));
    }

    #[test]
    fn endless_printing_hits_the_output_cap() {
        let engine = QuickJsEngine {
            config: QuickJsConfig { max_output_bytes: 1000, ..QuickJsConfig::default() },
            ..QuickJsEngine::default()
        };
        let outcome = engine.run("for (;;) { try { print('xxxxxxxxxx') } catch (e) {} }");
        assert_eq!(outcome.end, End::Exhausted("memory".into()));
        assert_eq!(outcome.output.len(), 100);
    }

    #[test]
    fn after_gc_callbacks_run_in_order_after_the_jobs() {
        let source =
            "afterGc(() => { print('gc1'); Promise.resolve().then(() => print('job1')); afterGc(() => print('gc3')) });
                      afterGc(() => print('gc2'));
                      Promise.resolve().then(() => print('job0'));
                      print('script')";
        assert_eq!(lines(&run(source)), ["script", "job0", "gc1", "job1", "gc2", "gc3"]);
    }

    #[test]
    fn after_gc_collects_unreachable_cycles_but_keeps_captured_state() {
        let source = r#"
            var kept = (function () { var o = { v: 1 }; var ref = new WeakRef(o); return function () { return ref.deref() === o } })();
            var lost = (function () { var a = {}; var b = { a: a }; a.b = b; return new WeakRef(a) })();
            afterGc(() => print(kept(), lost.deref() === undefined));
        "#;
        let outcome = run(source);
        assert_eq!(outcome.end, End::Ok);
        assert_eq!(lines(&outcome), ["true true"]);
    }

    #[test]
    fn a_throwing_after_gc_callback_ends_the_run() {
        assert_eq!(run("afterGc(() => { throw new RangeError() })").end, End::Threw("RangeError".into()));
        assert_eq!(run("afterGc(1)").end, End::Threw("TypeError".into()));
    }

    #[test]
    fn each_run_starts_from_a_fresh_realm() {
        let engine = QuickJsEngine::default();
        assert_eq!(engine.run("globalThis.leak = 1; Array.prototype.x = 2").end, End::Ok);
        assert_eq!(lines(&engine.run("print(typeof leak, [].x)")), ["undefined undefined"]);
    }

    #[test]
    fn wtf8_decoding() {
        assert_eq!(wtf8_lossy(b"plain"), "plain");
        assert_eq!(wtf8_lossy(b"a\xED\xA0\x80b"), "a\u{FFFD}b");
        assert_eq!(wtf8_lossy(b"\xFFx"), "\u{FFFD}x");
    }
}
