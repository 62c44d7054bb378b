//! Liveness: which reachable objects some future execution can still read.
//!
//! The exact collector ([`crate::heap::Heap::mark`]) keeps everything *reachable*. Engines are allowed
//! to free more than that: an object reachable only through an environment slot that no reachable
//! code can read (the variable `big` captured by an unreachable closure, while a reachable sibling
//! closure shares the same scope) may be kept or freed. This module computes the objects that must
//! not be freed, by a second mark pass over *readable* edges only. Objects it marks are `live`;
//! reachable objects it does not mark are `retained`; unreachable ones are `garbage`.
//!
//! The pass must be **sound**: an engine that frees a live object is reported as buggy, so an edge
//! is followed only when reachable code can definitely read it. Wherever that is unclear (suspended
//! generator and async frames, promise reactions, WeakMap values, private elements, `super` home
//! objects, exotic `with` objects) the edge is not followed, which can only turn `live` into
//! `retained` (never reported).
//!
//! Readable edges:
//! - the roots (global object, global lexical bindings, the intrinsics a program can always reach
//!   again, queued jobs, pending host callbacks): hosts may run more scripts in the realm, so every
//!   global binding stays readable;
//! - an object's prototype, own properties (data values, getters and setters), Map and Set entries,
//!   bound functions' target, this and arguments, settled promises' results, unfinished iterators'
//!   subjects, mapped `arguments` objects' parameter bindings (not the stale own values at mapped
//!   indices), class constructors' field initializers;
//! - a function object's *free names* (identifier references in its code or nested code that are
//!   not declared there), each resolved through its `[[Environment]]` chain exactly as the machine
//!   resolves identifiers (first record that has the name); a function containing a call spelled
//!   `eval(...)` (here or in nested code) can read every binding of its chain; an arrow function
//!   using `this` (or `super`, or eval) reads the `this` value of its nearest function environment.
//!
//! Free names come from the compiled code itself, so they cover eval code and the Function
//! constructor too. A name declared anywhere inside a function (parameters, `var`s, lexical
//! declarations of any block, functions, private names, its own `arguments`) is never treated as
//! free: that can only miss a read (safe), never invent one.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::rc::Rc;

use crate::api::{CollectorFault, LifetimeClass, LifetimeProbe, Observed};
use crate::bytecode::{CodeKind, FunctionCode, Op};
use crate::collections::CollectionKind;
use crate::heap::{Environment, FunctionKind, Heap, IteratorState, ObjectKind, Slot, ThisBinding};
use crate::promise::PromiseState;
use crate::value::{Abrupt, EnvRef, JsResult, Name, ObjRef, Value};
use crate::vm::Vm;
use oxc_syntax::operator::BinaryOperator;

/// The machine's lifetime-oracle state.
#[derive(Default)]
pub struct LifetimeState {
    /// The deliberately broken collector, if any.
    pub fault: crate::api::CollectorFault,
    /// `lifetimeProbe` calls, in order.
    pub probes: Vec<crate::api::LifetimeProbe>,
    pub facts: FactsCache,
    /// The class of each WeakRef's target at the latest `afterGc` collection, by WeakRef handle.
    /// Rebuilt at each such collection; entries of WeakRefs freed since are dropped (their
    /// handles may be reused by new WeakRefs, which have no class yet).
    classes: HashMap<ObjRef, LifetimeClass>,
}

impl LifetimeState {
    /// After a sweep: forgets WeakRefs whose cells were freed.
    pub fn forget_freed(&mut self, marked: &[bool]) {
        self.classes.retain(|w, _| marked.get(w.0 as usize).copied().unwrap_or(false));
    }
}

/// Static facts about one compiled function and the functions nested in it.
#[derive(Debug, Default)]
pub struct CodeFacts {
    /// Identifier names the code (or nested code) may resolve outside the function.
    pub free: Vec<Name>,
    /// A call spelled `eval(...)` appears in the code or nested code.
    pub eval: bool,
    /// Names declared anywhere in the code or nested code: an eval inside may find them before
    /// the function's environment chain, so they are not counted as read through eval.
    pub declared_within: HashSet<Name>,
    /// The code reads the `this` binding of its environment (meaningful for arrows): `this`,
    /// `super`, or eval in the arrow or in nested arrows.
    pub lexical_this: bool,
}

/// Computes and caches [`CodeFacts`] per compiled function.
#[derive(Default)]
pub struct FactsCache {
    facts: HashMap<*const FunctionCode, Rc<CodeFacts>>,
    /// Keeps the cached codes alive so their addresses are not reused while cached.
    codes: Vec<Rc<FunctionCode>>,
}

impl FactsCache {
    pub fn facts(&mut self, code: &Rc<FunctionCode>) -> Rc<CodeFacts> {
        let key = Rc::as_ptr(code);
        if let Some(f) = self.facts.get(&key) {
            return Rc::clone(f);
        }
        let mut referenced: HashSet<Name> = HashSet::default();
        let mut eval = false;
        let mut lexical_this = false;
        let runs = reachable_ops(&code.ops);
        // Only ops that can run, and only those that can observe a binding's value: a write
        // (`SetName`, `SetResolvedName`) or a `delete` of a name reads nothing, so an engine may
        // drop what only they reach.
        for op in code.ops.iter().zip(&runs).filter_map(|(op, runs)| runs.then_some(op)) {
            match op {
                Op::GetName(n)
                | Op::GetNameAndThis(n)
                | Op::TypeofName(n)
                | Op::ResolveReference(n)
                | Op::GetReferenceValue(n) => {
                    referenced.insert(n.clone());
                }
                Op::CallEval(_) => {
                    eval = true;
                    lexical_this = true;
                }
                Op::This
                | Op::SuperConstructor
                | Op::SuperCall(_)
                | Op::SuperCallSpread
                | Op::SuperGet(_)
                | Op::SuperGetElement
                | Op::SuperBase
                | Op::SuperGetFrom(_)
                | Op::SuperSet(_)
                | Op::SuperSetElement => lexical_this = true,
                _ => {}
            }
        }
        let declared = declared_names(code);
        let mut declared_within = declared.clone();
        for child in &code.children {
            let cf = self.facts(child);
            referenced.extend(cf.free.iter().cloned());
            declared_within.extend(cf.declared_within.iter().cloned());
            eval |= cf.eval;
            if child.kind == CodeKind::Arrow {
                lexical_this |= cf.lexical_this;
            }
        }
        let mut free: Vec<Name> = referenced.into_iter().filter(|n| !declared.contains(n)).collect();
        free.sort();
        let facts = Rc::new(CodeFacts { free, eval, declared_within, lexical_this });
        self.facts.insert(key, Rc::clone(&facts));
        self.codes.push(Rc::clone(code));
        facts
    }
}

/// Which ops of a function can run: those reached from the first through fall-through and every
/// label an op names (jumps, handlers, iteration and generator resumption targets). Code after a
/// `return`, `throw` or endless loop reads nothing. A successor this misses could only drop a
/// read, turning `live` into `retained`, never the other way.
fn reachable_ops(ops: &[Op]) -> Vec<bool> {
    let mut runs = vec![false; ops.len()];
    let mut work = vec![0];
    while let Some(pc) = work.pop() {
        if pc >= ops.len() || runs[pc] {
            continue;
        }
        runs[pc] = true;
        let op = &ops[pc];
        work.extend(op.labels());
        if !matches!(op, Op::Jump(_) | Op::Return | Op::Throw) {
            work.push(pc + 1);
        }
    }
    runs
}

/// Every name the function itself may bind when it runs, in any of its scopes.
fn declared_names(code: &FunctionCode) -> HashSet<Name> {
    let mut d: HashSet<Name> = HashSet::default();
    d.extend(code.params.names.iter().cloned());
    d.extend(code.var_names.iter().cloned());
    d.extend(code.functions.iter().map(|(n, _)| n.clone()));
    d.extend(code.lexical.iter().map(|(n, _)| n.clone()));
    d.extend(code.annex_b_functions.iter().cloned());
    for b in &code.blocks {
        d.extend(b.lexical.iter().map(|(n, _)| n.clone()));
        d.extend(b.functions.iter().map(|(n, _)| n.clone()));
    }
    for c in &code.classes {
        d.extend(c.private_names.iter().cloned());
    }
    for op in &code.ops {
        match op {
            Op::InitializeBinding(n) | Op::AnnexBCopyToVar(n) => {
                d.insert(n.clone());
            }
            Op::CreatePerIterationEnvironment(names) => {
                d.extend(names.iter().cloned());
            }
            _ => {}
        }
    }
    if code.kind != CodeKind::Arrow {
        d.insert(Rc::from("arguments"));
    }
    d
}

/// The starting points of the liveness pass.
#[derive(Debug, Default)]
pub struct LiveRoots {
    /// The realm's global environment: every binding of it and every property of the global
    /// object is readable by a future script.
    pub global_env: Option<EnvRef>,
    pub objects: Vec<ObjRef>,
    pub values: Vec<Value>,
}

/// The result of the liveness pass, per heap cell.
#[derive(Debug, Default)]
pub struct Liveness {
    state: Vec<u8>,
}

const LIVE: u8 = 1;
/// Live, and reached through an edge that starts at a binding a closure captured.
const CAPTURED: u8 = 2;

impl Liveness {
    pub fn is_live(&self, o: ObjRef) -> bool {
        self.state.get(o.0 as usize).is_some_and(|s| *s >= LIVE)
    }

    /// Live through a path that reads a binding captured by a closure (a variable of an enclosing
    /// function or block, read by the closure's code).
    pub fn via_capture(&self, o: ObjRef) -> bool {
        self.state.get(o.0 as usize).is_some_and(|s| *s >= CAPTURED)
    }
}

struct Marker<'h> {
    heap: &'h Heap,
    facts: &'h mut FactsCache,
    /// `Array.prototype`: names in its `@@unscopables` are skipped by `with` lookups.
    array_prototype: Option<ObjRef>,
    state: Vec<u8>,
    work: Vec<(ObjRef, bool)>,
}

/// Marks every object some future execution can read, starting from `roots`.
pub fn mark_live(heap: &Heap, facts: &mut FactsCache, roots: &LiveRoots, array_prototype: Option<ObjRef>) -> Liveness {
    let mut m = Marker { heap, facts, array_prototype, state: Vec::new(), work: Vec::new() };
    if let Some(g) = roots.global_env {
        if let Environment::Global { object, bindings, .. } = heap.env(g) {
            m.push_obj(*object, false);
            for b in bindings.values() {
                if let Some(v) = &b.value {
                    m.push(v, false);
                }
            }
        }
    }
    for o in &roots.objects {
        m.push_obj(*o, false);
    }
    for v in &roots.values {
        m.push(v, false);
    }
    while let Some((o, captured)) = m.work.pop() {
        let want = if captured { CAPTURED } else { LIVE };
        let i = o.0 as usize;
        if m.state.len() <= i {
            m.state.resize(i + 1, 0);
        }
        let slot = &mut m.state[i];
        if *slot >= want {
            continue;
        }
        *slot = want;
        m.trace(o, captured);
    }
    Liveness { state: m.state }
}

impl Marker<'_> {
    fn push(&mut self, v: &Value, captured: bool) {
        if let Value::Object(o) = v {
            self.push_obj(*o, captured);
        }
    }

    fn push_obj(&mut self, o: ObjRef, captured: bool) {
        self.work.push((o, captured));
    }

    fn trace(&mut self, r: ObjRef, captured: bool) {
        let heap = self.heap;
        let o = heap.obj(r);
        if let Some(p) = o.proto {
            self.push_obj(p, captured);
        }
        // A mapped arguments object's own value at a mapped index is stale: reads go to the
        // parameter binding (10.4.4), which the arm below follows instead.
        let mapped: &[Option<Name>] = match &o.kind {
            ObjectKind::Arguments { env: Some(_), map } => map,
            _ => &[],
        };
        for (key, prop) in &o.props {
            let is_mapped = || key.parse::<usize>().ok().and_then(|i| mapped.get(i)).is_some_and(Option::is_some);
            if mapped.is_empty() || !is_mapped() {
                self.slot(&prop.slot, captured);
            }
        }
        match &o.kind {
            ObjectKind::Function(FunctionKind::Ordinary { code, environment, class, .. }) => {
                let facts = self.facts.facts(code);
                for n in &facts.free {
                    self.resolve(*environment, n);
                }
                if facts.eval {
                    self.everything_visible(*environment, &facts.declared_within);
                }
                if code.kind == CodeKind::Arrow && facts.lexical_this {
                    self.lexical_this(*environment);
                }
                if let Some(c) = class {
                    // Every construction runs the field initializers.
                    for (_, init) in &c.fields {
                        if let Some(f) = init {
                            self.push_obj(*f, captured);
                        }
                    }
                }
            }
            ObjectKind::Function(FunctionKind::Bound { target, this, args }) => {
                self.push_obj(*target, captured);
                self.push(this, captured);
                for a in args {
                    self.push(a, captured);
                }
            }
            ObjectKind::Arguments { env: Some(env), map } => {
                for (i, param) in map.iter().enumerate() {
                    let Some(param) = param else { continue };
                    if !o.props.contains_key(i.to_string().as_str()) {
                        continue;
                    }
                    if let Some(v) = heap.env(*env).bindings().and_then(|b| b.get(param)).and_then(|b| b.value.as_ref())
                    {
                        self.push(v, captured);
                    }
                }
            }
            // A finished iterator never reads its subject again (23.1.5.1, 7.4.1 [[Done]]).
            ObjectKind::Iterator(
                IteratorState::ArrayLike { object, done: false, .. } | IteratorState::Collection { object },
            ) => self.push_obj(*object, captured),
            ObjectKind::Iterator(
                IteratorState::Protocol { iterator, next, done: false }
                | IteratorState::AsyncFromSync { iterator, next, done: false },
            ) => {
                self.push_obj(*iterator, captured);
                self.push(next, captured);
            }
            ObjectKind::Promise(data) => match &data.state {
                PromiseState::Fulfilled(v) | PromiseState::Rejected(v) => self.push(v, captured),
                PromiseState::Pending => {}
            },
            ObjectKind::Collection(CollectionKind::Map | CollectionKind::Set, entries) => {
                for (k, v) in entries.items.iter().flatten() {
                    self.push(k, captured);
                    self.push(v, captured);
                }
            }
            ObjectKind::CollectionIterator { collection: Some(c), .. } => self.push_obj(*c, captured),
            // Suspended generator and async frames, promise reactions, weak collections, resolving
            // functions, for-in snapshots, wrappers, natives, and kinds this pass does not know:
            // nothing provably readable beyond the properties.
            _ => {}
        }
    }

    fn slot(&mut self, slot: &Slot, captured: bool) {
        match slot {
            Slot::Data(v) => self.push(v, captured),
            Slot::Accessor { get, set } => {
                for f in get.iter().chain(set.iter()) {
                    self.push_obj(*f, captured);
                }
            }
        }
    }

    /// Marks what identifier resolution of `n` from `env` reads (9.1.2.1 GetIdentifierReference).
    fn resolve(&mut self, mut env: EnvRef, n: &Name) {
        let heap = self.heap;
        loop {
            match heap.env(env) {
                Environment::Declarative { bindings, outer, .. } | Environment::Function { bindings, outer, .. } => {
                    if let Some(b) = bindings.get(n) {
                        if let Some(v) = &b.value {
                            self.push(v, true);
                        }
                        return;
                    }
                    match outer {
                        Some(o) => env = *o,
                        None => return,
                    }
                }
                // The global record's bindings and object are roots already.
                Environment::Global { .. } => return,
                Environment::Object { object, outer, with_environment } => {
                    match self.plain_lookup(*object, n, *with_environment) {
                        Lookup::Found(slot) => {
                            self.slot(&slot, true);
                            return;
                        }
                        Lookup::Absent => match outer {
                            Some(o) => env = *o,
                            None => return,
                        },
                        Lookup::Unknown => return,
                    }
                }
            }
        }
    }

    /// A `with` object's HasProperty and Get without running any code: only ordinary, function,
    /// error and array objects (whose properties are all stored), else `Unknown`.
    fn plain_lookup(&self, object: ObjRef, n: &Name, with_environment: bool) -> Lookup {
        let mut cur = Some(object);
        while let Some(o) = cur {
            if with_environment && Some(o) == self.array_prototype {
                // `@@unscopables` may hide the name: do not decide.
                return Lookup::Unknown;
            }
            let obj = self.heap.obj(o);
            // Any symbol-keyed property may be (or lead to) `@@unscopables`: do not decide.
            if !is_plain(obj) || (with_environment && !obj.symbols.is_empty()) {
                return Lookup::Unknown;
            }
            if let Some(p) = obj.props.get(n) {
                return Lookup::Found(p.slot.clone());
            }
            cur = obj.proto;
        }
        Lookup::Absent
    }

    /// A function containing eval can read any binding of its environment chain that is not
    /// shadowed by a nearer declarative binding or by a declaration inside the function
    /// (`hidden`, taken from the whole function so as never to over-count), and anything in a
    /// `with` object of the chain.
    fn everything_visible(&mut self, mut env: EnvRef, hidden: &HashSet<Name>) {
        let heap = self.heap;
        let mut seen: HashSet<&Name> = hidden.iter().collect();
        loop {
            match heap.env(env) {
                Environment::Declarative { bindings, outer, .. } | Environment::Function { bindings, outer, .. } => {
                    for (n, b) in bindings {
                        if seen.insert(n) {
                            if let Some(v) = &b.value {
                                self.push(v, true);
                            }
                        }
                    }
                    match outer {
                        Some(o) => env = *o,
                        None => return,
                    }
                }
                Environment::Global { .. } => return,
                Environment::Object { object, outer, .. } => {
                    // Eval code can read (and `delete`) any of its properties: the bindings it
                    // shadows stay readable too.
                    self.visible_properties(*object, &seen);
                    match outer {
                        Some(o) => env = *o,
                        None => return,
                    }
                }
            }
        }
    }

    /// The properties of a `with` object (own and inherited) whose names are not in `hidden`,
    /// when its whole prototype chain is made of plain objects; nothing otherwise.
    fn visible_properties(&mut self, object: ObjRef, hidden: &HashSet<&Name>) {
        let heap = self.heap;
        let mut chain = Vec::new();
        let mut cur = Some(object);
        while let Some(o) = cur {
            let obj = heap.obj(o);
            if Some(o) == self.array_prototype || !is_plain(obj) {
                return;
            }
            chain.push(obj);
            cur = obj.proto;
        }
        for obj in chain {
            for (n, p) in &obj.props {
                if !hidden.contains(n) {
                    self.slot(&p.slot, true);
                }
            }
        }
    }

    /// 9.4.3 GetThisEnvironment from an arrow's environment: the `this` value it reads.
    fn lexical_this(&mut self, mut env: EnvRef) {
        let heap = self.heap;
        loop {
            match heap.env(env) {
                Environment::Function { this, outer, .. } => match this {
                    ThisBinding::Lexical => match outer {
                        Some(o) => env = *o,
                        None => return,
                    },
                    ThisBinding::Initialized(v) => {
                        self.push(v, true);
                        return;
                    }
                    ThisBinding::Uninitialized => return,
                },
                Environment::Global { .. } => return,
                e => match e.outer() {
                    Some(o) => env = o,
                    None => return,
                },
            }
        }
    }
}

/// Objects whose properties are all stored in `props` (no exotic or symbol-keyed lookups that
/// this pass would have to imitate).
fn is_plain(o: &crate::heap::Object) -> bool {
    matches!(o.kind, ObjectKind::Ordinary | ObjectKind::Function(_) | ObjectKind::Error | ObjectKind::Array)
}

enum Lookup {
    Found(Slot),
    Absent,
    Unknown,
}

impl Vm {
    /// The class of WeakRef `w`'s target at the most recent `afterGc` collection after `w` was
    /// created.
    fn weak_ref_class(&self, w: ObjRef) -> Option<LifetimeClass> {
        self.lifetime.classes.get(&w).copied()
    }

    /// Right after an `afterGc` collection (no frame running, the kept list empty): classifies the
    /// target of every WeakRef, then applies the collector fault, if any.
    pub(crate) fn classify_lifetimes(&mut self) {
        let mut roots = crate::heap::Roots::default();
        self.realm.trace_readable(&mut roots);
        self.jobs.trace(&mut roots);
        // The pending afterGc callbacks (the one about to run included) will run.
        roots.values.extend(self.weak.after_gc.iter().cloned());
        let live_roots =
            LiveRoots { global_env: Some(self.realm.global_env), objects: roots.objects, values: roots.values };
        let liveness = mark_live(&self.heap, &mut self.lifetime.facts, &live_roots, Some(self.realm.array_prototype));
        let mut classes = HashMap::default();
        let mut victim = None;
        for (w, o) in self.heap.objects() {
            let ObjectKind::WeakRef(target) = &o.kind else { continue };
            let class = match target {
                // Emptied by this collection or an earlier one: the exact collector freed it.
                None => LifetimeClass::Garbage,
                Some(Value::Object(t)) if liveness.is_live(*t) => {
                    if victim.is_none() && liveness.via_capture(*t) {
                        victim = Some(w);
                    }
                    LifetimeClass::Live
                }
                // Survived the exact collection, but not provably readable (symbols included).
                Some(_) => LifetimeClass::Retained,
            };
            classes.insert(w, class);
        }
        self.lifetime.classes = classes;
        if self.lifetime.fault == CollectorFault::FreeOneLiveCapturedObject {
            if let Some(w) = victim {
                // As if the engine had freed the target: the WeakRef forgets it; the object itself
                // stays allocated, since other references to it remain.
                self.heap.obj_mut(w).kind = ObjectKind::WeakRef(None);
            }
        }
    }
}

/// `lifetimeProbe(name, w)`: behaves exactly like the portable prelude
/// `function lifetimeProbe(name, w) { print("lifetime " + name + " " + (w.deref() === undefined ?
/// "collected" : "kept")); }` (same conversions, same order of effects), and records the probe with
/// the class of `w`'s target from the most recent `afterGc` collection.
pub(crate) fn lifetime_probe(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let name = args.first().cloned().unwrap_or(Value::Undefined);
    let w = args.get(1).cloned().unwrap_or(Value::Undefined);
    let head = vm.binary_operation(BinaryOperator::Addition, Value::str("lifetime "), name)?;
    let head = vm.binary_operation(BinaryOperator::Addition, head, Value::str(" "))?;
    let deref = vm.get_value_property(&w, "deref")?;
    let target = vm.call(&deref, w.clone(), Vec::new())?;
    let observed = if target == Value::Undefined { Observed::Collected } else { Observed::Kept };
    let word = match observed {
        Observed::Kept => "kept",
        Observed::Collected => "collected",
    };
    let line = vm.binary_operation(BinaryOperator::Addition, head.clone(), Value::str(word))?;
    let line = vm.to_string(&line)?.to_string();
    let head = vm.to_string(&head)?;
    let name = head.strip_prefix("lifetime ").and_then(|h| h.strip_suffix(' ')).unwrap_or_default().to_string();
    // A program that replaced `deref` forged the line: it says nothing about the target, so the
    // probe gets no class (and is not judged).
    let genuine = |o: &ObjRef| matches!(&vm.heap.obj(*o).kind, ObjectKind::WeakRef(real) if real.clone().unwrap_or(Value::Undefined) == target);
    let class = w.as_object().filter(genuine).and_then(|o| vm.weak_ref_class(o));
    vm.printed.push(line);
    if vm.printed.len() > 100_000 {
        return Err(Abrupt::Exhausted(crate::api::Resource::Memory));
    }
    vm.lifetime.probes.push(LifetimeProbe { name, observed, class });
    Ok(Value::Undefined)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compiles `source` and returns the facts of every function in it, in depth-first order,
    /// keyed by the function's name.
    fn facts_of(source: &str) -> Vec<(String, Rc<CodeFacts>)> {
        let allocator = oxc_allocator::Allocator::default();
        let parsed = oxc_parser::Parser::new(&allocator, source, oxc_span::SourceType::script()).parse();
        assert!(parsed.diagnostics.errors().next().is_none());
        let code = Rc::new(crate::compile::compile_script(&parsed.program).expect("compiles"));
        let mut cache = FactsCache::default();
        let mut out = Vec::new();
        fn walk(code: &Rc<FunctionCode>, cache: &mut FactsCache, out: &mut Vec<(String, Rc<CodeFacts>)>) {
            for c in &code.children {
                out.push((c.name.to_string(), cache.facts(c)));
                walk(c, cache, out);
            }
        }
        walk(&code, &mut cache, &mut out);
        out
    }

    fn free_of(source: &str, function: &str) -> Vec<String> {
        let facts = facts_of(source);
        let (_, f) = facts.iter().find(|(n, _)| n == function).unwrap_or_else(|| panic!("no function {function}"));
        f.free.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn sibling_closures_have_their_own_free_names() {
        let src = "function outer() { const big = {}; const other = 1; \
                   const unused = () => big; const used = () => other; return used; }";
        assert_eq!(free_of(src, "unused"), ["big"]);
        assert_eq!(free_of(src, "used"), ["other"]);
        assert!(free_of(src, "outer").is_empty());
    }

    #[test]
    fn nested_references_are_free_in_every_enclosing_function_that_does_not_declare_them() {
        let src = "function a() { function b() { return function c() { return x + y; }; } var y; }";
        assert_eq!(free_of(src, "c"), ["x", "y"]);
        assert_eq!(free_of(src, "b"), ["x", "y"]);
        assert_eq!(free_of(src, "a"), ["x"]);
    }

    #[test]
    fn a_name_declared_in_any_block_of_the_function_is_never_free() {
        // The `o` of `return o` is the outer one, but treating it as bound only loses liveness.
        let src = "function f() { { let o = 1; } return o; }";
        assert!(free_of(src, "f").is_empty());
        let src = "function f() { try {} catch (e) {} for (let i of []) {} return [e, i, p]; } function g(p) {}";
        assert_eq!(free_of(src, "f"), ["p"]);
    }

    #[test]
    fn arguments_is_own_in_functions_and_free_in_arrows() {
        let src = "function f() { return arguments; }";
        assert!(free_of(src, "f").is_empty());
        let src = "function f() { return () => arguments; }";
        assert_eq!(free_of(src, ""), ["arguments"]);
        assert!(free_of(src, "f").is_empty());
    }

    #[test]
    fn eval_and_lexical_this_propagate_outwards() {
        let facts = facts_of("function f() { return function g() { return () => eval('1'); }; }");
        for (_, f) in &facts {
            assert!(f.eval);
        }
        let facts =
            facts_of("function f() { return () => () => this; } function h() { return function () { this; }; }");
        let arrows: Vec<_> = facts.iter().filter(|(n, _)| n.is_empty()).collect();
        assert!(arrows[0].1.lexical_this && arrows[1].1.lexical_this);
        assert!(!facts.iter().find(|(n, _)| n == "h").expect("h").1.lexical_this);
        assert!(!facts.iter().any(|(_, f)| f.eval));
    }

    #[test]
    fn typeof_and_compound_assignment_read_the_binding_and_plain_writes_do_not() {
        let src = "function f() { typeof a; delete b; c = 1; d += 1; }";
        assert_eq!(free_of(src, "f"), ["a", "d"]);
    }

    #[test]
    fn code_that_cannot_run_reads_nothing() {
        let src = "function f() { a; return 1; b; } function g() { for (;;) {} c; } \
                   function h() { try { throw 0; d; } catch (e) { e2; } finally { f2; } } \
                   function k() { if (x) { return; } y; while (z) { break; w; } }";
        assert_eq!(free_of(src, "f"), ["a"]);
        assert_eq!(free_of(src, "g"), Vec::<&str>::new());
        assert_eq!(free_of(src, "h"), ["e2", "f2"]);
        assert_eq!(free_of(src, "k"), ["x", "y", "z"]);
    }
}
