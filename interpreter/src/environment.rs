//! Environment Record operations (9.1) and identifier resolution (9.4).

use crate::heap::{Binding, Environment, ThisBinding};
use crate::value::{EnvRef, JsResult, Name, Value};
use crate::vm::Vm;

/// Where ResolveBinding found a name.
#[derive(Debug, Clone, Copy)]
pub enum BindingPlace {
    /// A declarative binding (declarative, function, or the global record's declarative part).
    Declarative(EnvRef),
    /// A property of an object record's binding object (the global object or a `with` object).
    Object(EnvRef),
}

impl Vm {
    /// 9.4.2 ResolveBinding / 9.1.2.1 GetIdentifierReference. `None` is an unresolvable reference.
    pub fn resolve_binding(&mut self, mut env: EnvRef, n: &Name) -> JsResult<Option<BindingPlace>> {
        loop {
            match self.heap.env(env) {
                Environment::Declarative { bindings, outer, .. } | Environment::Function { bindings, outer, .. } => {
                    if bindings.contains_key(n) {
                        return Ok(Some(BindingPlace::Declarative(env)));
                    }
                    match outer {
                        Some(o) => env = *o,
                        None => return Ok(None),
                    }
                }
                Environment::Global { bindings, object, .. } => {
                    if bindings.contains_key(n) {
                        return Ok(Some(BindingPlace::Declarative(env)));
                    }
                    let object = *object;
                    return Ok(self.has_property(object, n)?.then_some(BindingPlace::Object(env)));
                }
                Environment::Object { object, outer, with_environment } => {
                    let (object, outer, with_environment) = (*object, *outer, *with_environment);
                    // 9.1.1.2.1 HasBinding, including the `@@unscopables` check of `with`.
                    if self.has_property(object, n)? && !(with_environment && self.is_unscopable(object, n)?) {
                        return Ok(Some(BindingPlace::Object(env)));
                    }
                    match outer {
                        Some(o) => env = o,
                        None => return Ok(None),
                    }
                }
            }
        }
    }

    /// Steps 3-4 of 9.1.1.2.1 HasBinding for a `with` environment: whether
    /// `bindingObject[@@unscopables][N]` is truthy.
    fn is_unscopable(&mut self, object: crate::value::ObjRef, n: &str) -> JsResult<bool> {
        let key = self.realm.well_known.unscopables;
        let unscopables = self.get(object, &key)?;
        match unscopables {
            Value::Object(u) => {
                let blocked = self.get(u, n)?;
                Ok(self.to_boolean(&blocked))
            }
            _ => Ok(false),
        }
    }

    fn binding_object(&self, env: EnvRef) -> crate::value::ObjRef {
        match self.heap.env(env) {
            Environment::Global { object, .. } | Environment::Object { object, .. } => *object,
            _ => unreachable!("object record expected"),
        }
    }

    /// 9.1.1.1.6 GetBindingValue (declarative) and 9.1.1.2.6 (object records).
    pub fn get_binding_value(&mut self, place: BindingPlace, n: &Name, strict: bool) -> JsResult<Value> {
        match place {
            BindingPlace::Declarative(env) => {
                let b = self.heap.env(env).bindings().and_then(|b| b.get(n)).map(|b| b.value.clone());
                match b {
                    Some(Some(v)) => Ok(v),
                    _ => Err(self.error("ReferenceError", &format!("cannot access '{n}' before initialization"))),
                }
            }
            BindingPlace::Object(env) => {
                let object = self.binding_object(env);
                if !self.has_property(object, n)? {
                    if strict {
                        return Err(self.error("ReferenceError", &format!("{n} is not defined")));
                    }
                    return Ok(Value::Undefined);
                }
                self.get(object, n)
            }
        }
    }

    /// Evaluation of an IdentifierReference followed by GetValue (6.2.5.5); `strict` is the
    /// strictness of the code containing the reference.
    pub fn get_identifier_value(&mut self, env: EnvRef, n: &Name, strict: bool) -> JsResult<Value> {
        match self.resolve_binding(env, n)? {
            Some(place) => self.get_binding_value(place, n, strict),
            None => {
                self.refuse_missing_global(n)?;
                Err(self.error("ReferenceError", &format!("{n} is not defined")))
            }
        }
    }

    /// 6.2.5.6 PutValue for an identifier reference.
    pub fn put_identifier_value(&mut self, env: EnvRef, n: &Name, v: Value, strict: bool) -> JsResult<()> {
        let place = self.resolve_binding(env, n)?;
        self.put_value_at(place, n, v, strict)
    }

    /// 6.2.5.6 PutValue for an identifier reference that was resolved to `place`.
    pub fn put_value_at(&mut self, place: Option<BindingPlace>, n: &Name, v: Value, strict: bool) -> JsResult<()> {
        match place {
            Some(BindingPlace::Declarative(e)) => self.set_mutable_binding(e, n, v, strict),
            Some(BindingPlace::Object(e)) => {
                let object = self.binding_object(e);
                // 9.1.1.2.5 SetMutableBinding of an object record.
                let still_exists = self.has_property(object, n)?;
                if !still_exists && strict {
                    return Err(self.error("ReferenceError", &format!("{n} is not defined")));
                }
                let ok = self.set(object, n, v, Value::Object(object))?;
                if !ok && strict {
                    return Err(self.type_error(&format!("cannot assign to read-only '{n}'")));
                }
                Ok(())
            }
            None => {
                if strict {
                    self.refuse_missing_global(n)?;
                    return Err(self.error("ReferenceError", &format!("{n} is not defined")));
                }
                let global = self.realm.global_object;
                self.set(global, n, v, Value::Object(global))?;
                Ok(())
            }
        }
    }

    /// 9.1.1.1.5 SetMutableBinding of a declarative Environment Record.
    pub fn set_mutable_binding(&mut self, env: EnvRef, n: &Name, v: Value, strict: bool) -> JsResult<()> {
        let Some(b) = self.heap.env(env).bindings().and_then(|b| b.get(n)).cloned() else {
            return self.put_identifier_value(env, n, v, strict);
        };
        let b: Binding = b;
        if b.value.is_none() {
            return Err(self.error("ReferenceError", &format!("cannot access '{n}' before initialization")));
        }
        if b.mutable {
            if let Some(slot) = self.heap.env_mut(env).bindings_mut().and_then(|bs| bs.get_mut(n)) {
                slot.value = Some(v);
            }
            Ok(())
        } else if b.strict || strict {
            Err(self.type_error(&format!("assignment to constant variable '{n}'")))
        } else {
            Ok(())
        }
    }

    /// SetMutableBinding on a specific record: declarative bindings directly, the global record
    /// through its object record when the name is not lexical.
    pub fn set_mutable_binding_in(&mut self, env: EnvRef, n: &Name, v: Value, strict: bool) -> JsResult<()> {
        let declarative = self.heap.env(env).bindings().is_some_and(|b| b.contains_key(n));
        if declarative {
            return self.set_mutable_binding(env, n, v, strict);
        }
        match self.heap.env(env) {
            Environment::Global { object, .. } | Environment::Object { object, .. } => {
                let object = *object;
                let ok = self.set(object, n, v, Value::Object(object))?;
                if !ok && strict {
                    return Err(self.type_error(&format!("cannot assign to read-only '{n}'")));
                }
                Ok(())
            }
            _ => unreachable!("binding {n} missing from its environment"),
        }
    }

    /// 9.1.1.1.4 InitializeBinding.
    pub fn initialize_binding(&mut self, env: EnvRef, n: &Name, v: Value) {
        match self.heap.env_mut(env).bindings_mut().and_then(|b| b.get_mut(n)) {
            Some(b) => b.value = Some(v),
            None => unreachable!("InitializeBinding of undeclared '{n}'"),
        }
    }

    /// 13.5.1.2 `delete` of an identifier reference (sloppy mode only).
    pub fn delete_binding(&mut self, env: EnvRef, n: &Name) -> JsResult<bool> {
        match self.resolve_binding(env, n)? {
            None => Ok(true),
            Some(BindingPlace::Declarative(e)) => {
                let deletable = self.heap.env(e).bindings().and_then(|b| b.get(n)).is_some_and(|b| b.deletable);
                if deletable {
                    if let Some(bs) = self.heap.env_mut(e).bindings_mut() {
                        bs.shift_remove(n);
                    }
                }
                Ok(deletable)
            }
            Some(BindingPlace::Object(e)) => {
                let object = self.binding_object(e);
                self.delete_property(object, n)
            }
        }
    }

    /// 9.4.3 GetThisEnvironment: the nearest environment with a `this` binding.
    fn get_this_environment(&self, mut env: EnvRef) -> EnvRef {
        loop {
            match self.heap.env(env) {
                Environment::Function { this, .. } if *this != ThisBinding::Lexical => return env,
                Environment::Global { .. } => return env,
                e => env = e.outer().expect("the global environment ends every chain"),
            }
        }
    }

    /// 9.4.4 ResolveThisBinding.
    pub fn resolve_this_binding(&mut self, env: EnvRef) -> JsResult<Value> {
        let this_env = self.get_this_environment(env);
        match self.heap.env(this_env) {
            Environment::Function { this: ThisBinding::Initialized(v), .. } => Ok(v.clone()),
            Environment::Function { .. } => Err(self.error("ReferenceError", "this is not initialized")),
            Environment::Global { object, .. } => Ok(Value::Object(*object)),
            _ => unreachable!(),
        }
    }

    /// 13.3.12.1 `new.target`: GetNewTarget.
    pub fn get_new_target(&self, env: EnvRef) -> Value {
        let this_env = self.get_this_environment(env);
        match self.heap.env(this_env) {
            Environment::Function { new_target, .. } => new_target.clone(),
            _ => Value::Undefined,
        }
    }
}
