//! Async generators (27.6): the request queue, AsyncGeneratorStart's completion, yield, the
//! `next`/`return`/`throw` methods and AsyncGeneratorAwaitReturn / AsyncGeneratorDrainQueue.
//! `yield*` in an async generator is compiled into rounds of ops; its calls of the inner iterator
//! are here.

use std::collections::VecDeque;

use crate::heap::ObjectKind;
use crate::promise::{Capability, ReactionHandler};
use crate::value::{Abrupt, JsResult, ObjRef, Value};
use crate::vm::{Frame, ResumeMode, Vm};

/// 27.6.2 `[[AsyncGeneratorState]]`, with the suspended execution context.
#[derive(Debug, Clone)]
pub enum AsyncGenState {
    SuspendedStart(Box<Frame>),
    SuspendedYield(Box<Frame>),
    Executing,
    AwaitingReturn,
    Completed,
}

/// 27.6.3.1 AsyncGeneratorRequest Record.
#[derive(Debug, Clone)]
pub struct Request {
    pub mode: ResumeMode,
    pub value: Value,
    pub capability: Capability,
}

/// The internal slots of an async generator object.
#[derive(Debug, Clone)]
pub struct AsyncGenData {
    pub state: AsyncGenState,
    pub queue: VecDeque<Request>,
}

impl AsyncGenData {
    pub fn trace(&self, out: &mut Vec<u32>) {
        if let AsyncGenState::SuspendedStart(f) | AsyncGenState::SuspendedYield(f) = &self.state {
            f.trace(out);
        }
        for r in &self.queue {
            out.push(r.capability.promise.0);
            for v in [&r.value, &r.capability.resolve, &r.capability.reject] {
                crate::heap::push_value(v, out);
            }
        }
    }
}

impl Vm {
    fn async_gen(&mut self, g: ObjRef) -> &mut AsyncGenData {
        match &mut self.heap.obj_mut(g).kind {
            ObjectKind::AsyncGenerator(d) => d,
            _ => unreachable!("async generator expected"),
        }
    }

    pub fn is_async_generator(&self, g: ObjRef) -> bool {
        matches!(self.heap.obj(g).kind, ObjectKind::AsyncGenerator(_))
    }

    /// 27.6.3.4 AsyncGeneratorCompleteStep: settles the oldest request's promise.
    fn async_gen_complete_step(&mut self, g: ObjRef, completion: Result<Value, Value>, done: bool) -> JsResult<()> {
        let next = self.async_gen(g).queue.pop_front().expect("a pending request");
        match completion {
            Err(e) => {
                self.call(&next.capability.reject, Value::Undefined, vec![e])?;
            }
            Ok(v) => {
                let r = self.iter_result(v, done)?;
                self.call(&next.capability.resolve, Value::Undefined, vec![r])?;
            }
        }
        Ok(())
    }

    /// 27.6.3.2 AsyncGeneratorStart step 4.f-k: the body finished (normally, by `return`, or by a
    /// throw).
    pub fn async_gen_finished(&mut self, g: ObjRef, completion: Result<Value, Value>) -> JsResult<()> {
        self.async_gen(g).state = AsyncGenState::Completed;
        self.async_gen_complete_step(g, completion, true)?;
        self.async_gen_drain_queue(g)
    }

    /// 27.6.3.8 AsyncGeneratorYield (after the operand was awaited): settles the current request;
    /// with another request already queued the body continues at once with that request's
    /// completion (`Some((value, mode))`), otherwise it suspends (`None`).
    pub fn async_gen_yield(&mut self, g: ObjRef, value: Value) -> JsResult<Option<(Value, ResumeMode)>> {
        self.async_gen_complete_step(g, Ok(value), false)?;
        Ok(self.async_gen(g).queue.front().map(|r| (r.value.clone(), r.mode)))
    }

    /// The call of one round of `yield*` in an async generator (14.4.14 steps 7.a.i, 7.b.ii.1 and
    /// 7.c.iv): the inner iterator's `next`, `throw` or `return`, by `mode`, with `received`;
    /// `None` when it has no such `throw` or `return` method. A sync iterator's wrapper always has
    /// all three.
    pub fn async_delegate_call(&mut self, it: ObjRef, received: Value, mode: ResumeMode) -> JsResult<Option<Value>> {
        use crate::heap::IteratorState;
        let (iterator, next, wrapped) = match self.heap.obj(it).kind.clone() {
            ObjectKind::Iterator(IteratorState::Protocol { iterator, next, .. }) => (iterator, next, false),
            ObjectKind::Iterator(IteratorState::AsyncFromSync { iterator, next, .. }) => (iterator, next, true),
            _ => unreachable!("GetIterator(obj, async) gives a protocol iterator"),
        };
        if wrapped {
            return match mode {
                ResumeMode::Next => self.async_from_sync_next(iterator, &next, Some(received)),
                ResumeMode::Throw => self.async_from_sync_throw(iterator, received),
                ResumeMode::Return => self.async_from_sync_return(iterator, Some(received)),
            }
            .map(Some);
        }
        let method = match mode {
            ResumeMode::Next => next,
            ResumeMode::Throw | ResumeMode::Return => {
                let name = if mode == ResumeMode::Throw { "throw" } else { "return" };
                match self.get_method(&Value::Object(iterator), name)? {
                    Some(method) => method,
                    None => return Ok(None),
                }
            }
        };
        self.call(&method, Value::Object(iterator), vec![received]).map(Some)
    }

    /// Suspends the async generator at a yield.
    pub fn async_gen_suspend(&mut self, g: ObjRef, frame: Frame) {
        self.async_gen(g).state = AsyncGenState::SuspendedYield(Box::new(frame));
    }

    /// 27.6.3.3 AsyncGeneratorResume.
    fn async_gen_resume(&mut self, g: ObjRef, value: Value, mode: ResumeMode) -> JsResult<()> {
        let state = std::mem::replace(&mut self.async_gen(g).state, AsyncGenState::Executing);
        let frame = match state {
            AsyncGenState::SuspendedStart(f) => f,
            AsyncGenState::SuspendedYield(mut f) => {
                f.stack.push(value);
                self.resume_mode = mode;
                f
            }
            _ => unreachable!("resuming a suspended async generator"),
        };
        let mut frame = *frame;
        frame.generator = Some(g);
        self.run_suspended(frame).map(|_| ())
    }

    /// 27.6.3.9 AsyncGeneratorAwaitReturn.
    fn async_gen_await_return(&mut self, g: ObjRef) -> JsResult<()> {
        let value = self.async_gen(g).queue.front().expect("a return request").value.clone();
        let promise = match self.promise_resolve(value) {
            Ok(p) => p,
            Err(Abrupt::Throw(e)) => {
                self.async_gen_complete_step(g, Err(e), true)?;
                return self.async_gen_drain_queue(g);
            }
            Err(other) => return Err(other),
        };
        self.perform_promise_then(
            promise,
            ReactionHandler::AsyncGenReturn(g, true),
            ReactionHandler::AsyncGenReturn(g, false),
            None,
        );
        Ok(())
    }

    /// AsyncGeneratorAwaitReturn steps 7 and 9 (the fulfilled and rejected closures).
    pub fn async_gen_return_settled(&mut self, g: ObjRef, value: Value, fulfilled: bool) -> JsResult<()> {
        self.async_gen(g).state = AsyncGenState::Completed;
        let completion = if fulfilled { Ok(value) } else { Err(value) };
        self.async_gen_complete_step(g, completion, true)?;
        self.async_gen_drain_queue(g)
    }

    /// 27.6.3.10 AsyncGeneratorDrainQueue.
    fn async_gen_drain_queue(&mut self, g: ObjRef) -> JsResult<()> {
        loop {
            let Some(next) = self.async_gen(g).queue.front() else { return Ok(()) };
            match next.mode {
                ResumeMode::Return => {
                    self.async_gen(g).state = AsyncGenState::AwaitingReturn;
                    return self.async_gen_await_return(g);
                }
                ResumeMode::Throw => {
                    let e = next.value.clone();
                    self.async_gen_complete_step(g, Err(e), true)?;
                }
                ResumeMode::Next => self.async_gen_complete_step(g, Ok(Value::Undefined), true)?,
            }
        }
    }

    /// 27.6.1.2-4 %AsyncGeneratorPrototype%.next / return / throw.
    pub fn async_gen_request(&mut self, this: &Value, value: Value, mode: ResumeMode) -> JsResult<Value> {
        let capability = self.new_promise_capability();
        let promise = Value::Object(capability.promise);
        // 27.6.3.6 AsyncGeneratorValidate; IfAbruptRejectPromise.
        let Some(g) = this.as_object().filter(|g| self.is_async_generator(*g)) else {
            let e = self.type_error("not an async generator");
            let Abrupt::Throw(e) = e else { return Err(e) };
            self.call(&capability.reject, Value::Undefined, vec![e])?;
            return Ok(promise);
        };
        let state = &self.async_gen(g).state;
        let start = matches!(state, AsyncGenState::SuspendedStart(_));
        let yielded = matches!(state, AsyncGenState::SuspendedYield(_));
        let mut completed = matches!(state, AsyncGenState::Completed);
        if mode == ResumeMode::Throw && start {
            self.async_gen(g).state = AsyncGenState::Completed;
            completed = true;
        }
        if completed {
            match mode {
                ResumeMode::Next => {
                    let r = self.iter_result(Value::Undefined, true)?;
                    self.call(&capability.resolve, Value::Undefined, vec![r])?;
                    return Ok(promise);
                }
                ResumeMode::Throw => {
                    self.call(&capability.reject, Value::Undefined, vec![value])?;
                    return Ok(promise);
                }
                ResumeMode::Return => {}
            }
        }
        self.async_gen(g).queue.push_back(Request { mode, value: value.clone(), capability });
        match mode {
            ResumeMode::Return if start || completed => {
                self.async_gen(g).state = AsyncGenState::AwaitingReturn;
                self.async_gen_await_return(g)?;
            }
            _ if start || yielded => self.async_gen_resume(g, value, mode)?,
            _ => {}
        }
        Ok(promise)
    }
}
