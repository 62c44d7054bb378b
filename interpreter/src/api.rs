//! The public entry point: run a script, get what it printed and how it ended.

use crate::early_errors::Rejection;
use crate::value::{Abrupt, JsResult, Value};
use crate::vm::Vm;

/// Bounds that make every run terminate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Maximum number of interpreter steps (bytecode operations) before `Exhausted(Fuel)`.
    pub fuel: u64,
    /// Maximum number of simultaneously active JS frames before `Exhausted(Stack)`.
    pub max_frames: usize,
    /// Maximum number of heap cells before `Exhausted(Memory)`.
    pub max_heap_cells: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { fuel: 20_000_000, max_frames: 2_000, max_heap_cells: 1_000_000 }
    }
}

/// The resource whose limit ended a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resource {
    Fuel,
    Stack,
    Memory,
}

impl Resource {
    pub fn name(self) -> &'static str {
        match self {
            Resource::Fuel => "fuel",
            Resource::Stack => "stack",
            Resource::Memory => "memory",
        }
    }
}

/// How a script run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completion {
    /// The script (and every pending job) finished normally.
    Normal,
    /// An exception escaped. `constructor` is the thrown value's `constructor.name` when it is an object
    /// with one (e.g. `TypeError`), otherwise the result of `typeof` on the value.
    Threw { constructor: String },
    /// The source is not a valid script (parse or early error).
    SyntaxError { message: String },
    /// A limit was reached; the run says nothing about the program's semantics.
    Exhausted(Resource),
    /// The program uses a feature this interpreter does not implement.
    Unsupported(String),
}

/// Everything a run produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunOutput {
    /// Lines passed to `print` / `console.log`, in order.
    pub printed: Vec<String>,
    pub completion: Completion,
    /// For an uncaught exception: its `message` when that is a string (diagnostics only; never
    /// compared, since engines word messages differently).
    pub thrown_message: Option<String>,
    /// One entry per `lifetimeProbe(name, weakRef)` call, in order (see [`LifetimeProbe`]).
    pub lifetime: Vec<LifetimeProbe>,
}

/// What `lifetimeProbe(name, w)` observed: `w.deref()` was an object (`Kept`) or undefined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Observed {
    Kept,
    Collected,
}

/// The reference interpreter's judgement of a WeakRef's target at an `afterGc` collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LifetimeClass {
    /// Reachable through edges that reachable code can still read: an engine that frees it is
    /// wrong. Sound by construction: whenever readability is not provable, the target is
    /// classified `Retained` instead.
    Live,
    /// Reachable, but only through edges no reachable code can read (for example a variable
    /// captured only by an unreachable closure whose scope a reachable sibling closure shares):
    /// an engine may keep or free it. This interpreter keeps it (its collector is exact
    /// reachability).
    Retained,
    /// Unreachable: the exact collector freed it, so this interpreter observes `Collected`.
    Garbage,
}

/// One `lifetimeProbe(name, w)` call. The probe prints `lifetime <name> kept` or
/// `lifetime <name> collected` exactly like the portable prelude
/// `function lifetimeProbe(name, w) { print("lifetime " + name + " " + (w.deref() === undefined ?
/// "collected" : "kept")); }` that other engines get.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LifetimeProbe {
    /// `ToString(name)`, as printed.
    pub name: String,
    pub observed: Observed,
    /// The class of `w`'s target computed at the most recent `afterGc` collection that happened
    /// after `w` was created; `None` when there was none (e.g. a probe outside an `afterGc`
    /// callback, or `w` is not a WeakRef).
    pub class: Option<LifetimeClass>,
}

/// Options of [`run_with`] beyond the resource limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RunOptions {
    pub collector_fault: CollectorFault,
}

/// A deliberately broken collector, to test the lifetime oracle: the run is no longer a reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CollectorFault {
    /// The correct, exact collector.
    #[default]
    None,
    /// At each `afterGc` collection, clear one WeakRef (the one with the lowest heap handle) whose
    /// target is `Live` and reached through a binding a closure captured (a variable of an
    /// enclosing function or block that the closure's code reads, or an object reached from one
    /// through readable edges), as if an engine had freed the target too
    /// early: its `deref()` returns undefined from then on. The target itself stays allocated
    /// (other references to it remain valid).
    FreeOneLiveCapturedObject,
}

/// Native stack for a run: JS calls use the frame stack, but parsing nested syntax and built-ins
/// that call back into JavaScript recurse natively (bounded by `vm::MAX_NATIVE_DEPTH`).
const RUN_STACK_BYTES: usize = 256 << 20;

/// Parses and runs `source` as a classic script in a fresh realm, on a thread of its own whose
/// stack is large enough for every bounded recursion of the interpreter.
pub fn run(source: &str, limits: &Limits) -> RunOutput {
    run_with(source, limits, &RunOptions::default())
}

/// [`run`] with [`RunOptions`] (a collector fault for testing the lifetime oracle).
pub fn run_with(source: &str, limits: &Limits, options: &RunOptions) -> RunOutput {
    let limits = *limits;
    let options = *options;
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("reference-interpreter".into())
            .stack_size(RUN_STACK_BYTES)
            .spawn_scoped(scope, || run_here(source, &limits, &options));
        match worker.map(|w| w.join()) {
            Ok(Ok(out)) => out,
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Err(e) => RunOutput {
                thrown_message: None,
                lifetime: Vec::new(),
                printed: Vec::new(),
                completion: {
                    let _ = e; // the OS refused a thread: treat as out of memory
                    Completion::Exhausted(Resource::Memory)
                },
            },
        }
    })
}

fn run_here(source: &str, limits: &Limits, options: &RunOptions) -> RunOutput {
    let allocator = oxc_allocator::Allocator::default();
    let parsed = match crate::early_errors::parse(&allocator, source) {
        Ok(parsed) => parsed,
        Err(rejection) => {
            let completion = match rejection {
                Rejection::SyntaxError(message) => Completion::SyntaxError { message },
                Rejection::Unsupported(feature) => Completion::Unsupported(feature),
            };
            return RunOutput { printed: Vec::new(), completion, thrown_message: None, lifetime: Vec::new() };
        }
    };
    let code = match crate::compile::compile_script(&parsed.program) {
        Ok(code) => std::rc::Rc::new(code),
        Err(crate::compile::CompileError::Unsupported(feature)) => {
            return RunOutput {
                printed: Vec::new(),
                completion: Completion::Unsupported(feature),
                thrown_message: None,
                lifetime: Vec::new(),
            };
        }
    };
    let mut vm = Vm::new(*limits);
    vm.lifetime.fault = options.collector_fault;
    let result = vm.run_script(code);
    let mut thrown_message = None;
    let completion = match result {
        Ok(_) => Completion::Normal,
        Err(Abrupt::Throw(v)) => match thrown_constructor_name(&mut vm, &v) {
            Ok(constructor) => {
                if let Value::Object(o) = &v {
                    if let Ok(Value::String(m)) = vm.get(*o, "message") {
                        thrown_message = Some(m.to_string());
                    }
                }
                Completion::Threw { constructor }
            }
            Err(Abrupt::Exhausted(r)) => Completion::Exhausted(r),
            Err(Abrupt::Unsupported(f)) => Completion::Unsupported(f),
            Err(Abrupt::Throw(_)) => Completion::Unsupported("exception while naming an exception".into()),
        },
        Err(Abrupt::Exhausted(r)) => Completion::Exhausted(r),
        Err(Abrupt::Unsupported(f)) => Completion::Unsupported(f),
    };
    let lifetime = std::mem::take(&mut vm.lifetime.probes);
    RunOutput { printed: std::mem::take(&mut vm.printed), completion, thrown_message, lifetime }
}

/// The uncaught value's `constructor.name` (objects) or `typeof` (primitives): engines agree on it,
/// unlike messages.
fn thrown_constructor_name(vm: &mut Vm, v: &Value) -> JsResult<String> {
    let Value::Object(o) = v else { return Ok(vm.type_of(v).to_string()) };
    let ctor = vm.get(*o, "constructor")?;
    if let Value::Object(c) = ctor {
        if let Value::String(name) = vm.get(c, "name")? {
            return Ok(name.to_string());
        }
    }
    Ok("object".into())
}
