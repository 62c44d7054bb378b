//! Async-from-Sync iterators (27.1.6): what `for await` steps through when its operand has a
//! `Symbol.iterator` method but no `Symbol.asyncIterator` one. Scripts never see the wrapper
//! object, so it is a loop iterator state ([`IteratorState::AsyncFromSync`]) instead of an object
//! with the intrinsic prototype: its `next()` and `return()` are the functions below, and each
//! step costs the promise jobs the specification gives it (the value is resolved to a promise,
//! which then fulfils the step's promise, which `for await` awaits).
//!
//! [`IteratorState::AsyncFromSync`]: crate::heap::IteratorState::AsyncFromSync

use crate::promise::{Capability, ReactionHandler};
use crate::value::{Abrupt, JsResult, ObjRef, Value};
use crate::vm::Vm;

impl Vm {
    /// 27.1.6.2.1 %AsyncFromSyncIteratorPrototype%.next, with `value` when one is passed
    /// (`yield*` passes one, `for await` none): the promise of the sync iterator's next step.
    pub fn async_from_sync_next(&mut self, iterator: ObjRef, next: &Value, value: Option<Value>) -> JsResult<Value> {
        let cap = self.new_promise_capability();
        let result = self.call(next, Value::Object(iterator), value.into_iter().collect());
        self.continue_or_reject(result, cap, iterator, true)
    }

    /// 27.1.6.2.2 %AsyncFromSyncIteratorPrototype%.return, with `value` when one is passed
    /// (`yield*` passes one, AsyncIteratorClose none): the promise of the sync iterator's
    /// `return()`.
    pub fn async_from_sync_return(&mut self, iterator: ObjRef, value: Option<Value>) -> JsResult<Value> {
        let cap = self.new_promise_capability();
        let method = match self.get_method(&Value::Object(iterator), "return") {
            Ok(method) => method,
            Err(error) => return self.reject_capability(cap, error),
        };
        let Some(method) = method else {
            let result = self.iter_result(value.unwrap_or(Value::Undefined), true)?;
            self.call(&cap.resolve, Value::Undefined, vec![result])?;
            return Ok(Value::Object(cap.promise));
        };
        let result = self.call(&method, Value::Object(iterator), value.into_iter().collect());
        self.continue_or_reject(result, cap, iterator, false)
    }

    /// 27.1.6.2.3 %AsyncFromSyncIteratorPrototype%.throw, as `yield*` calls it (with the thrown
    /// `value`): the promise of the sync iterator's `throw()`. A sync iterator without one is
    /// closed and the promise rejected with a TypeError.
    pub fn async_from_sync_throw(&mut self, iterator: ObjRef, value: Value) -> JsResult<Value> {
        let cap = self.new_promise_capability();
        let method = match self.get_method(&Value::Object(iterator), "throw") {
            Ok(method) => method,
            Err(error) => return self.reject_capability(cap, error),
        };
        let Some(method) = method else {
            if let Err(error) = self.close_sync_iterator(iterator) {
                return self.reject_capability(cap, error);
            }
            let error = self.type_error("the sync iterator has no throw method");
            return self.reject_capability(cap, error);
        };
        let result = self.call(&method, Value::Object(iterator), vec![value]);
        self.continue_or_reject(result, cap, iterator, true)
    }

    /// What next, return and throw do with the sync iterator's answer `result`: a thrown error or
    /// a result that is not an object rejects `cap`; an object goes on to the continuation.
    fn continue_or_reject(
        &mut self,
        result: JsResult<Value>,
        cap: Capability,
        iterator: ObjRef,
        close_on_rejection: bool,
    ) -> JsResult<Value> {
        match result {
            Ok(Value::Object(result)) => self.async_from_sync_continuation(result, cap, iterator, close_on_rejection),
            Ok(_) => {
                let error = self.type_error("iterator result is not an object");
                self.reject_capability(cap, error)
            }
            Err(error) => self.reject_capability(cap, error),
        }
    }

    /// 27.1.6.4 AsyncFromSyncIteratorContinuation: settles `cap` with the sync step `result` once
    /// its value, as a promise, settles. When that promise rejects (or the value cannot become
    /// one) in the middle of the iteration of `next()`, the sync iterator is closed first.
    fn async_from_sync_continuation(
        &mut self,
        result: ObjRef,
        cap: Capability,
        iterator: ObjRef,
        close_on_rejection: bool,
    ) -> JsResult<Value> {
        let done = match self.get(result, "done") {
            Ok(done) => self.to_boolean(&done),
            Err(error) => return self.reject_capability(cap, error),
        };
        let value = match self.get(result, "value") {
            Ok(value) => value,
            Err(error) => return self.reject_capability(cap, error),
        };
        let close = !done && close_on_rejection;
        let wrapper = match self.promise_resolve(value) {
            Ok(wrapper) => wrapper,
            Err(error) => {
                if close {
                    self.close_sync_iterator_after_throw(iterator)?;
                }
                return self.reject_capability(cap, error);
            }
        };
        let on_rejected = if close { ReactionHandler::CloseSyncIterator(iterator) } else { ReactionHandler::Js(None) };
        let promise = cap.promise;
        self.perform_promise_then(wrapper, ReactionHandler::IterResult(done), on_rejected, Some(cap));
        Ok(Value::Object(promise))
    }

    /// IfAbruptRejectPromise: a thrown `error` rejects `cap`, whose promise is the result; the
    /// interpreter's own limits are passed on.
    fn reject_capability(&mut self, cap: Capability, error: Abrupt) -> JsResult<Value> {
        let Abrupt::Throw(reason) = error else { return Err(error) };
        self.call(&cap.reject, Value::Undefined, vec![reason])?;
        Ok(Value::Object(cap.promise))
    }

    /// 7.4.11 IteratorClose of a sync iterator for a normal completion: its `return()`, if it
    /// has one, is called and must give an object.
    fn close_sync_iterator(&mut self, iterator: ObjRef) -> JsResult<()> {
        let Some(method) = self.get_method(&Value::Object(iterator), "return")? else { return Ok(()) };
        let result = self.call(&method, Value::Object(iterator), Vec::new())?;
        self.check_return_result(&result)
    }

    /// 7.4.11 IteratorClose with a throw completion: as for a normal one, but whatever `return()`
    /// throws or returns is dropped (the original throw wins).
    pub fn close_sync_iterator_after_throw(&mut self, iterator: ObjRef) -> JsResult<()> {
        match self.close_sync_iterator(iterator) {
            Ok(()) | Err(Abrupt::Throw(_)) => Ok(()),
            Err(limit) => Err(limit),
        }
    }
}
