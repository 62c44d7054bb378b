//! Promises (27.2), the job queue (9.5 HostEnqueuePromiseJob) and async functions (27.7).
//!
//! Jobs run in FIFO order after the script, so the order of effects across microtasks follows the
//! specification. An async function's frame is suspended at each `await` exactly like a generator's
//! at `yield`, and resumed by a promise reaction job.

use std::collections::VecDeque;

use crate::heap::{FunctionKind, Object, ObjectKind, Property, Roots};
use crate::value::{Abrupt, JsResult, ObjRef, Value};
use crate::vm::{Frame, ResumeMode, Vm};

/// `[[PromiseState]]` with the value or reason.
#[derive(Debug, Clone)]
pub enum PromiseState {
    Pending,
    Fulfilled(Value),
    Rejected(Value),
}

/// A promise's internal slots.
#[derive(Debug, Clone)]
pub struct PromiseData {
    pub state: PromiseState,
    pub fulfill_reactions: Vec<Reaction>,
    pub reject_reactions: Vec<Reaction>,
}

/// 27.2.1.1 PromiseCapability Record.
#[derive(Debug, Clone)]
pub struct Capability {
    pub promise: ObjRef,
    pub resolve: Value,
    pub reject: Value,
}

/// What a reaction runs.
#[derive(Debug, Clone)]
pub enum ReactionHandler {
    /// A JavaScript handler, or `None` for an omitted one (pass the value or reason through).
    Js(Option<Value>),
    /// Resume the async function suspended in this holder (27.7.5.3 Await steps 3-5).
    Await(ObjRef),
    /// AsyncGeneratorAwaitReturn's fulfilled (`true`) or rejected closure for this generator
    /// (27.6.3.9 steps 7-10).
    AsyncGenReturn(ObjRef, bool),
    /// An Async-from-Sync iterator's `unwrap` closure: the iterator result of the fulfilled value,
    /// with this `done` (27.1.6.4 steps 6-7).
    IterResult(bool),
    /// An Async-from-Sync iterator's `closeIterator` closure: closes this sync iterator, then
    /// rethrows the rejection reason (27.1.6.4 step 9).
    CloseSyncIterator(ObjRef),
}

/// 27.2.1.2 PromiseReaction Record.
#[derive(Debug, Clone)]
pub struct Reaction {
    pub capability: Option<Capability>,
    pub handler: ReactionHandler,
}

/// The built-in functions with internal slots that the promise machinery creates (10.3.4
/// CreateBuiltinFunction): all are anonymous (`name` is "") and none is a constructor.
#[derive(Debug, Clone)]
pub enum PromiseClosure {
    /// 27.2.1.5 NewPromiseCapability step 4, GetCapabilitiesExecutor: the resolving functions it
    /// was given (its `resolvingFunctions` record, kept in the function itself).
    CapabilityExecutor { resolve: Value, reject: Value },
    /// A combinator's element function for the element at `index` of the shared `state`.
    Element { kind: ElementKind, index: usize, state: ObjRef },
    /// 27.2.5.3 Promise.prototype.finally step 6.a (`catch_finally` false) and 6.c (true).
    Finally { on_finally: Value, constructor: ObjRef, catch_finally: bool },
    /// `finally`'s valueThunk (6.a.iii): returns the value.
    ValueThunk(Value),
    /// `finally`'s thrower (6.c.iii): throws the reason.
    Thrower(Value),
}

/// Which element function an [`PromiseClosure::Element`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElementKind {
    /// 27.2.4.1.3 Promise.all Resolve Element Functions.
    AllResolve,
    /// 27.2.4.2.2 Promise.allSettled Resolve Element Functions.
    AllSettledResolve,
    /// 27.2.4.2.3 Promise.allSettled Reject Element Functions.
    AllSettledReject,
    /// 27.2.4.3.2 Promise.any Reject Element Functions.
    AnyReject,
}

/// What the element functions of one `Promise.all`, `allSettled` or `any` call share: the
/// `values` (or `errors`) list, each index's `[[AlreadyCalled]]` record (an allSettled pair
/// shares one), the `remainingElementsCount` record and the result capability.
#[derive(Debug, Clone)]
pub struct CombinatorState {
    pub values: Vec<Value>,
    pub already_called: Vec<bool>,
    pub remaining: u64,
    pub capability: Capability,
}

/// The four combinators (27.2.4.1-27.2.4.3, 27.2.4.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combinator {
    All,
    AllSettled,
    Any,
    Race,
}

/// A queued job.
#[derive(Debug, Clone)]
pub enum Job {
    /// 27.2.2.1 NewPromiseReactionJob.
    Reaction { reaction: Reaction, fulfilled: bool, argument: Value },
    /// 27.2.2.2 NewPromiseResolveThenableJob.
    ResolveThenable { promise: ObjRef, thenable: Value, then: Value },
}

/// The pending jobs of a run.
#[derive(Debug, Default)]
pub struct JobQueue {
    jobs: VecDeque<Job>,
}

fn trace_value(v: &Value, roots: &mut Roots) {
    roots.values.push(v.clone());
}

impl Reaction {
    fn trace(&self, roots: &mut Roots) {
        if let Some(c) = &self.capability {
            c.trace(roots);
        }
        match &self.handler {
            ReactionHandler::Js(Some(h)) => trace_value(h, roots),
            ReactionHandler::Js(None) => {}
            ReactionHandler::Await(holder)
            | ReactionHandler::AsyncGenReturn(holder, _)
            | ReactionHandler::CloseSyncIterator(holder) => roots.objects.push(*holder),
            ReactionHandler::IterResult(_) => {}
        }
    }
}

impl Capability {
    fn trace(&self, roots: &mut Roots) {
        roots.objects.push(self.promise);
        trace_value(&self.resolve, roots);
        trace_value(&self.reject, roots);
    }
}

fn push_roots(roots: Roots, out: &mut Vec<u32>) {
    out.extend(roots.objects.iter().map(|o| o.0));
    for v in &roots.values {
        crate::heap::push_value(v, out);
    }
}

impl PromiseClosure {
    /// Every handle the function's slots hold, for the heap's mark phase.
    pub fn trace(&self, out: &mut Vec<u32>) {
        match self {
            PromiseClosure::CapabilityExecutor { resolve, reject } => {
                crate::heap::push_value(resolve, out);
                crate::heap::push_value(reject, out);
            }
            PromiseClosure::Element { state, .. } => out.push(state.0),
            PromiseClosure::Finally { on_finally, constructor, .. } => {
                crate::heap::push_value(on_finally, out);
                out.push(constructor.0);
            }
            PromiseClosure::ValueThunk(v) | PromiseClosure::Thrower(v) => crate::heap::push_value(v, out),
        }
    }
}

impl CombinatorState {
    /// Every handle the state holds, for the heap's mark phase.
    pub fn trace(&self, out: &mut Vec<u32>) {
        let mut roots = Roots::default();
        self.capability.trace(&mut roots);
        roots.values.extend(self.values.iter().cloned());
        push_roots(roots, out);
    }
}

impl PromiseData {
    /// Every handle the promise holds, for the heap's mark phase.
    pub fn trace(&self, out: &mut Vec<u32>) {
        let mut roots = Roots::default();
        match &self.state {
            PromiseState::Fulfilled(v) | PromiseState::Rejected(v) => trace_value(v, &mut roots),
            PromiseState::Pending => {}
        }
        for r in self.fulfill_reactions.iter().chain(self.reject_reactions.iter()) {
            r.trace(&mut roots);
        }
        push_roots(roots, out);
    }
}

impl JobQueue {
    pub fn trace(&self, roots: &mut Roots) {
        for job in &self.jobs {
            match job {
                Job::Reaction { reaction, argument, .. } => {
                    reaction.trace(roots);
                    trace_value(argument, roots);
                }
                Job::ResolveThenable { promise, thenable, then } => {
                    roots.objects.push(*promise);
                    trace_value(thenable, roots);
                    trace_value(then, roots);
                }
            }
        }
    }
}

impl Vm {
    pub fn is_promise(&self, v: &Value) -> Option<ObjRef> {
        v.as_object().filter(|o| matches!(self.heap.obj(*o).kind, ObjectKind::Promise(_)))
    }

    fn promise_data(&mut self, p: ObjRef) -> &mut PromiseData {
        match &mut self.heap.obj_mut(p).kind {
            ObjectKind::Promise(data) => data,
            _ => unreachable!("promise expected"),
        }
    }

    /// A new pending promise with the given prototype.
    pub fn new_promise(&mut self, proto: ObjRef) -> ObjRef {
        self.alloc(Object::new(
            Some(proto),
            ObjectKind::Promise(PromiseData {
                state: PromiseState::Pending,
                fulfill_reactions: Vec::new(),
                reject_reactions: Vec::new(),
            }),
        ))
    }

    /// 27.2.1.3 CreateResolvingFunctions.
    pub fn create_resolving_functions(&mut self, promise: ObjRef) -> (Value, Value) {
        let state = self.alloc(Object::new(None, ObjectKind::ResolvingState { promise, already_resolved: false }));
        let make = |vm: &mut Vm, reject: bool| {
            let f = vm.alloc(Object::new(
                Some(vm.realm.function_prototype),
                ObjectKind::Function(FunctionKind::PromiseResolving { state, reject }),
            ));
            let props = &mut vm.heap.obj_mut(f).props;
            props.insert("length".into(), Property::data(Value::Number(1.0), false, false, true));
            props.insert("name".into(), Property::data(Value::str(""), false, false, true));
            Value::Object(f)
        };
        let resolve = make(self, false);
        let reject = make(self, true);
        (resolve, reject)
    }

    /// 27.2.1.5 NewPromiseCapability(%Promise%).
    pub fn new_promise_capability(&mut self) -> Capability {
        let promise = self.new_promise(self.realm.promise_prototype);
        let (resolve, reject) = self.create_resolving_functions(promise);
        Capability { promise, resolve, reject }
    }

    /// The body of the resolve (27.2.1.3.2) and reject (27.2.1.3.1) functions.
    pub fn promise_resolving_function(&mut self, state: ObjRef, reject: bool, arg: Value) -> JsResult<Value> {
        let ObjectKind::ResolvingState { promise, already_resolved } = self.heap.obj(state).kind else {
            unreachable!("resolving state expected")
        };
        if already_resolved {
            return Ok(Value::Undefined);
        }
        self.heap.obj_mut(state).kind = ObjectKind::ResolvingState { promise, already_resolved: true };
        if reject {
            self.reject_promise(promise, arg);
        } else {
            self.resolve_promise(promise, arg)?;
        }
        Ok(Value::Undefined)
    }

    /// Steps 7-16 of the promise resolve function: fulfil, reject, or follow a thenable.
    pub fn resolve_promise(&mut self, promise: ObjRef, resolution: Value) -> JsResult<()> {
        if resolution == Value::Object(promise) {
            let Abrupt::Throw(e) = self.type_error("a promise cannot be resolved with itself") else { unreachable!() };
            self.reject_promise(promise, e);
            return Ok(());
        }
        let Value::Object(r) = resolution else {
            self.settle_promise(promise, PromiseState::Fulfilled(resolution));
            return Ok(());
        };
        let then = match self.get(r, "then") {
            Ok(t) => t,
            Err(Abrupt::Throw(e)) => {
                self.reject_promise(promise, e);
                return Ok(());
            }
            Err(other) => return Err(other),
        };
        if !then.as_object().is_some_and(|t| self.is_callable(t)) {
            self.settle_promise(promise, PromiseState::Fulfilled(resolution));
            return Ok(());
        }
        self.jobs.jobs.push_back(Job::ResolveThenable { promise, thenable: resolution, then });
        Ok(())
    }

    /// 27.2.1.7 RejectPromise.
    pub fn reject_promise(&mut self, promise: ObjRef, reason: Value) {
        self.settle_promise(promise, PromiseState::Rejected(reason));
    }

    /// 27.2.1.4 FulfillPromise / RejectPromise + 27.2.1.8 TriggerPromiseReactions.
    fn settle_promise(&mut self, promise: ObjRef, state: PromiseState) {
        let data = self.promise_data(promise);
        let fulfill = std::mem::take(&mut data.fulfill_reactions);
        let reject = std::mem::take(&mut data.reject_reactions);
        let (reactions, fulfilled, argument) = match &state {
            PromiseState::Fulfilled(v) => (fulfill, true, v.clone()),
            PromiseState::Rejected(v) => (reject, false, v.clone()),
            PromiseState::Pending => unreachable!("settling to pending"),
        };
        data.state = state;
        for reaction in reactions {
            self.jobs.jobs.push_back(Job::Reaction { reaction, fulfilled, argument: argument.clone() });
        }
    }

    /// 27.2.5.4.1 PerformPromiseThen.
    pub fn perform_promise_then(
        &mut self,
        promise: ObjRef,
        on_fulfilled: ReactionHandler,
        on_rejected: ReactionHandler,
        capability: Option<Capability>,
    ) {
        let fulfill = Reaction { capability: capability.clone(), handler: on_fulfilled };
        let reject = Reaction { capability, handler: on_rejected };
        let state = self.promise_data(promise).state.clone();
        match state {
            PromiseState::Pending => {
                let data = self.promise_data(promise);
                data.fulfill_reactions.push(fulfill);
                data.reject_reactions.push(reject);
            }
            PromiseState::Fulfilled(v) => {
                self.jobs.jobs.push_back(Job::Reaction { reaction: fulfill, fulfilled: true, argument: v })
            }
            PromiseState::Rejected(v) => {
                self.jobs.jobs.push_back(Job::Reaction { reaction: reject, fulfilled: false, argument: v })
            }
        }
    }

    /// 27.2.4.7.1 PromiseResolve(%Promise%, x).
    pub fn promise_resolve(&mut self, x: Value) -> JsResult<ObjRef> {
        self.promise_resolve_with(self.realm.promise_constructor, x)
    }

    /// 27.2.4.7.1 PromiseResolve(C, x).
    pub fn promise_resolve_with(&mut self, c: ObjRef, x: Value) -> JsResult<ObjRef> {
        if let Some(p) = self.is_promise(&x) {
            let x_constructor = self.get(p, "constructor")?;
            if x_constructor == Value::Object(c) {
                return Ok(p);
            }
        }
        let cap = self.new_promise_capability_from(c)?;
        self.call(&cap.resolve, Value::Undefined, vec![x])?;
        Ok(cap.promise)
    }

    /// 27.2.1.5 NewPromiseCapability(C). For %Promise% itself the capability is made directly:
    /// constructing %Promise% with the executor would read only its non-writable, non-configurable
    /// `prototype`, unobservably.
    pub fn new_promise_capability_from(&mut self, c: ObjRef) -> JsResult<Capability> {
        if c == self.realm.promise_constructor {
            return Ok(self.new_promise_capability());
        }
        if !self.is_constructor(c) {
            return Err(self.type_error("the promise constructor is not a constructor"));
        }
        let executor = self.promise_closure(
            PromiseClosure::CapabilityExecutor { resolve: Value::Undefined, reject: Value::Undefined },
            2,
        );
        let promise = self.construct(c, vec![executor.clone()], None)?;
        let Some(ObjectKind::Function(FunctionKind::PromiseClosure(closure))) =
            executor.as_object().map(|e| &self.heap.obj(e).kind)
        else {
            unreachable!("the capability executor")
        };
        let PromiseClosure::CapabilityExecutor { resolve, reject } = (**closure).clone() else {
            unreachable!("the capability executor")
        };
        for f in [&resolve, &reject] {
            if !f.as_object().is_some_and(|f| self.is_callable(f)) {
                return Err(self.type_error("the promise capability's resolving functions are not callable"));
            }
        }
        let Value::Object(promise) = promise else { unreachable!("[[Construct]] returns an object") };
        Ok(Capability { promise, resolve, reject })
    }

    /// 7.3.22 SpeciesConstructor(o, %Promise%). The realm has no `@@species` accessors (the symbol
    /// is not exposed, so no program can define one); `Get(C, @@species)` is answered as the
    /// standard accessors would (see [`crate::builtins::species_from_intrinsic`]).
    pub fn promise_species_constructor(&mut self, o: ObjRef) -> JsResult<ObjRef> {
        let default = self.realm.promise_constructor;
        let c = match self.get(o, "constructor")? {
            Value::Undefined => return Ok(default),
            Value::Object(c) => c,
            _ => return Err(self.type_error("the promise's constructor is not an object")),
        };
        match crate::builtins::species_from_intrinsic(self, c) {
            None => Ok(default),
            Some(s) if self.is_constructor(s) => Ok(s),
            Some(_) => Err(self.type_error("the promise's species is not a constructor")),
        }
    }

    /// 10.3.4 CreateBuiltinFunction for one of the promise machinery's closures: `length`, then
    /// `name` "".
    pub fn promise_closure(&mut self, closure: PromiseClosure, length: usize) -> Value {
        let f = self.alloc(Object::new(
            Some(self.realm.function_prototype),
            ObjectKind::Function(FunctionKind::PromiseClosure(Box::new(closure))),
        ));
        let props = &mut self.heap.obj_mut(f).props;
        props.insert("length".into(), Property::data(Value::Number(length as f64), false, false, true));
        props.insert("name".into(), Property::data(Value::str(""), false, false, true));
        Value::Object(f)
    }

    /// 7.3.21 Invoke(V, P, argumentsList).
    pub fn invoke(&mut self, v: &Value, key: &str, args: Vec<Value>) -> JsResult<Value> {
        let f = self.get_value_property(v, key)?;
        self.call(&f, v.clone(), args)
    }

    /// 27.2.1.1.1 IfAbruptRejectPromise: a throw rejects the capability's promise, which is returned.
    fn if_abrupt_reject(&mut self, abrupt: Abrupt, capability: &Capability) -> JsResult<Value> {
        match abrupt {
            Abrupt::Throw(e) => {
                self.call(&capability.reject, Value::Undefined, vec![e])?;
                Ok(Value::Object(capability.promise))
            }
            other => Err(other),
        }
    }

    /// A new AggregateError (20.5.7) with the `errors` own property Promise.any gives it
    /// (27.2.4.3.1 step 4.b.ii, 27.2.4.3.2 step 10).
    fn new_aggregate_error(&mut self, errors: Vec<Value>) -> Value {
        let Abrupt::Throw(error) = self.error("AggregateError", "All promises were rejected") else { unreachable!() };
        let array = self.new_array(errors);
        let e = error.as_object().expect("an error object");
        self.heap.obj_mut(e).props.insert("errors".into(), Property::hidden(Value::Object(array)));
        error
    }

    /// Promise.all, Promise.allSettled, Promise.any and Promise.race (27.2.4.1, 27.2.4.2,
    /// 27.2.4.3, 27.2.4.5), with `this` as C.
    pub fn promise_combinator(&mut self, this: &Value, iterable: Value, which: Combinator) -> JsResult<Value> {
        // 1-2. NewPromiseCapability(C) throws for a non-constructor.
        let c = match this {
            Value::Object(c) if self.is_constructor(*c) => *c,
            _ => return Err(self.type_error("the promise combinator's this is not a constructor")),
        };
        let capability = self.new_promise_capability_from(c)?;
        // 3-4. GetPromiseResolve(C).
        let promise_resolve = match self.get(c, "resolve") {
            Ok(f) if f.as_object().is_some_and(|f| self.is_callable(f)) => f,
            Ok(_) => {
                let e = self.type_error("the promise constructor's resolve is not callable");
                return self.if_abrupt_reject(e, &capability);
            }
            Err(e) => return self.if_abrupt_reject(e, &capability),
        };
        // 5-6. GetIterator(iterable, sync).
        let it = match self.for_of_iterator(&iterable) {
            Ok(it) => it.as_object().expect("a loop iterator"),
            Err(e) => return self.if_abrupt_reject(e, &capability),
        };
        // 7-9. An abrupt completion closes the iterator unless it is done (an abrupt step marks it
        // done), then rejects the promise.
        match self.perform_combinator(it, c, &capability, &promise_resolve, which) {
            Ok(v) => Ok(v),
            Err(e @ Abrupt::Throw(_)) => {
                self.iterator_close_after_throw(it)?;
                self.if_abrupt_reject(e, &capability)
            }
            Err(other) => Err(other),
        }
    }

    /// PerformPromiseAll, PerformPromiseAllSettled, PerformPromiseAny and PerformPromiseRace
    /// (27.2.4.1.2, 27.2.4.2.1, 27.2.4.3.1, 27.2.4.5.1).
    fn perform_combinator(
        &mut self,
        it: ObjRef,
        c: ObjRef,
        capability: &Capability,
        promise_resolve: &Value,
        which: Combinator,
    ) -> JsResult<Value> {
        let state = self.alloc(Object::new(
            None,
            ObjectKind::CombinatorState(Box::new(CombinatorState {
                values: Vec::new(),
                already_called: Vec::new(),
                remaining: 1,
                capability: capability.clone(),
            })),
        ));
        let mut index = 0;
        loop {
            let Some(next) = self.iterator_step(it)? else {
                if which == Combinator::Race {
                    return Ok(Value::Object(capability.promise));
                }
                let st = self.combinator_state(state);
                st.remaining -= 1;
                if st.remaining == 0 {
                    let values = std::mem::take(&mut st.values);
                    if which == Combinator::Any {
                        let error = self.new_aggregate_error(values);
                        return Err(Abrupt::Throw(error));
                    }
                    let array = self.new_array(values);
                    self.call(&capability.resolve, Value::Undefined, vec![Value::Object(array)])?;
                }
                return Ok(Value::Object(capability.promise));
            };
            if which != Combinator::Race {
                let st = self.combinator_state(state);
                st.values.push(Value::Undefined);
                st.already_called.push(false);
            }
            let next_promise = self.call(promise_resolve, Value::Object(c), vec![next])?;
            let element = |vm: &mut Vm, kind| vm.promise_closure(PromiseClosure::Element { kind, index, state }, 1);
            let (on_fulfilled, on_rejected) = match which {
                Combinator::All => (element(self, ElementKind::AllResolve), capability.reject.clone()),
                Combinator::AllSettled => {
                    (element(self, ElementKind::AllSettledResolve), element(self, ElementKind::AllSettledReject))
                }
                Combinator::Any => (capability.resolve.clone(), element(self, ElementKind::AnyReject)),
                Combinator::Race => (capability.resolve.clone(), capability.reject.clone()),
            };
            if which != Combinator::Race {
                self.combinator_state(state).remaining += 1;
            }
            self.invoke(&next_promise, "then", vec![on_fulfilled, on_rejected])?;
            index += 1;
        }
    }

    fn combinator_state(&mut self, state: ObjRef) -> &mut CombinatorState {
        match &mut self.heap.obj_mut(state).kind {
            ObjectKind::CombinatorState(st) => st,
            _ => unreachable!("combinator state expected"),
        }
    }

    /// Calls one of the promise machinery's built-in closures (`f` is the function object).
    pub fn promise_closure_call(&mut self, f: ObjRef, closure: PromiseClosure, args: Vec<Value>) -> JsResult<Value> {
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Undefined);
        match closure {
            PromiseClosure::CapabilityExecutor { resolve, reject } => {
                // 27.2.1.5 step 4.
                if resolve != Value::Undefined || reject != Value::Undefined {
                    return Err(self.type_error("the promise capability executor was already called"));
                }
                let closure = PromiseClosure::CapabilityExecutor { resolve: arg(0), reject: arg(1) };
                self.heap.obj_mut(f).kind = ObjectKind::Function(FunctionKind::PromiseClosure(Box::new(closure)));
                Ok(Value::Undefined)
            }
            PromiseClosure::Element { kind, index, state } => self.element_function(kind, index, state, arg(0)),
            PromiseClosure::Finally { on_finally, constructor, catch_finally } => {
                // 27.2.5.3 steps 6.a and 6.c.
                let result = self.call(&on_finally, Value::Undefined, Vec::new())?;
                let p = self.promise_resolve_with(constructor, result)?;
                let settle =
                    if catch_finally { PromiseClosure::Thrower(arg(0)) } else { PromiseClosure::ValueThunk(arg(0)) };
                let settle = self.promise_closure(settle, 0);
                self.invoke(&Value::Object(p), "then", vec![settle])
            }
            PromiseClosure::ValueThunk(v) => Ok(v),
            PromiseClosure::Thrower(reason) => Err(Abrupt::Throw(reason)),
        }
    }

    /// The element functions of Promise.all, allSettled and any (27.2.4.1.3, 27.2.4.2.2,
    /// 27.2.4.2.3, 27.2.4.3.2).
    fn element_function(&mut self, kind: ElementKind, index: usize, state: ObjRef, x: Value) -> JsResult<Value> {
        if self.combinator_state(state).already_called[index] {
            return Ok(Value::Undefined);
        }
        self.combinator_state(state).already_called[index] = true;
        let value = match kind {
            ElementKind::AllResolve | ElementKind::AnyReject => x,
            ElementKind::AllSettledResolve | ElementKind::AllSettledReject => {
                let (status, key) = if kind == ElementKind::AllSettledResolve {
                    ("fulfilled", "value")
                } else {
                    ("rejected", "reason")
                };
                let obj = self.alloc(Object::new(Some(self.realm.object_prototype), ObjectKind::Ordinary));
                let props = &mut self.heap.obj_mut(obj).props;
                props.insert("status".into(), Property::plain(Value::str(status)));
                props.insert(key.into(), Property::plain(x));
                Value::Object(obj)
            }
        };
        let st = self.combinator_state(state);
        st.values[index] = value;
        st.remaining -= 1;
        if st.remaining != 0 {
            return Ok(Value::Undefined);
        }
        let values = std::mem::take(&mut st.values);
        let capability = st.capability.clone();
        if kind == ElementKind::AnyReject {
            let error = self.new_aggregate_error(values);
            return self.call(&capability.reject, Value::Undefined, vec![error]);
        }
        let array = self.new_array(values);
        self.call(&capability.resolve, Value::Undefined, vec![Value::Object(array)])
    }

    /// Runs every queued job, oldest first, until the queue is empty (the end of a run's event loop).
    pub fn run_jobs(&mut self) -> JsResult<()> {
        while let Some(job) = self.jobs.jobs.pop_front() {
            self.tick()?;
            // Between jobs no Rust code holds handles: the queue and the job itself are roots.
            self.jobs.jobs.push_front(job);
            self.collect_if_needed()?;
            let job = self.jobs.jobs.pop_front().expect("the job just put back");
            match job {
                Job::Reaction { reaction, fulfilled, argument } => {
                    self.promise_reaction_job(reaction, fulfilled, argument)?
                }
                Job::ResolveThenable { promise, thenable, then } => {
                    // 27.2.2.2 NewPromiseResolveThenableJob.
                    let (resolve, reject) = self.create_resolving_functions(promise);
                    match self.call(&then, thenable, vec![resolve, reject.clone()]) {
                        Ok(_) => {}
                        Err(Abrupt::Throw(e)) => {
                            self.call(&reject, Value::Undefined, vec![e])?;
                        }
                        Err(other) => return Err(other),
                    }
                }
            }
            self.clear_kept_objects();
        }
        Ok(())
    }

    /// 27.2.2.1 NewPromiseReactionJob.
    fn promise_reaction_job(&mut self, reaction: Reaction, fulfilled: bool, argument: Value) -> JsResult<()> {
        let result = match reaction.handler {
            ReactionHandler::Await(holder) => {
                let mode = if fulfilled { ResumeMode::Next } else { ResumeMode::Throw };
                return self.async_resume(holder, argument, mode);
            }
            ReactionHandler::AsyncGenReturn(g, on_fulfilled) => {
                // The closures are built-in functions: their result fulfils no capability.
                return self.async_gen_return_settled(g, argument, on_fulfilled);
            }
            ReactionHandler::IterResult(done) => self.iter_result(argument, done),
            ReactionHandler::CloseSyncIterator(iterator) => {
                self.close_sync_iterator_after_throw(iterator)?;
                Err(Abrupt::Throw(argument))
            }
            ReactionHandler::Js(None) => {
                if fulfilled {
                    Ok(argument)
                } else {
                    Err(Abrupt::Throw(argument))
                }
            }
            ReactionHandler::Js(Some(h)) => self.call(&h, Value::Undefined, vec![argument]),
        };
        let Some(cap) = reaction.capability else { return result.map(|_| ()) };
        match result {
            Ok(v) => self.call(&cap.resolve, Value::Undefined, vec![v])?,
            Err(Abrupt::Throw(e)) => self.call(&cap.reject, Value::Undefined, vec![e])?,
            Err(other) => return Err(other),
        };
        Ok(())
    }

    /// 27.7.5.3 Await: suspends the async frame on top and subscribes it to the awaited value.
    /// Returns the async function's promise, which its caller receives.
    pub fn await_value(&mut self, frame: Frame, promise: ObjRef) -> Value {
        // An async generator's frame has no promise of its own: its resumer ignores the result.
        let result = frame.async_promise().map(Value::Object).unwrap_or(Value::Undefined);
        let holder = self.alloc(Object::new(None, ObjectKind::AsyncFrame(Some(Box::new(frame)))));
        self.perform_promise_then(promise, ReactionHandler::Await(holder), ReactionHandler::Await(holder), None);
        result
    }

    /// Resumes an async function from a reaction job (27.7.5.3 Await steps 3.c and 5.c).
    fn async_resume(&mut self, holder: ObjRef, value: Value, mode: ResumeMode) -> JsResult<()> {
        let ObjectKind::AsyncFrame(frame) = &mut self.heap.obj_mut(holder).kind else {
            unreachable!("async frame holder expected")
        };
        let Some(frame) = frame.take() else { unreachable!("async frame resumed twice") };
        self.resume_frame(*frame, value, mode).map(|_| ())
    }
}
