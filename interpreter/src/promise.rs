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
            roots.objects.push(c.promise);
            trace_value(&c.resolve, roots);
            trace_value(&c.reject, roots);
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
        out.extend(roots.objects.iter().map(|o| o.0));
        for v in &roots.values {
            crate::heap::push_value(v, out);
        }
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
        if let Some(p) = self.is_promise(&x) {
            let ctor = self.get(p, "constructor")?;
            if ctor == Value::Object(self.realm.promise_constructor) {
                return Ok(p);
            }
        }
        let cap = self.new_promise_capability();
        self.call(&cap.resolve, Value::Undefined, vec![x])?;
        Ok(cap.promise)
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
