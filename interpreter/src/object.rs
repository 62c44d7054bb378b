//! Object internal methods (10.1 ordinary objects, 10.4.2 arrays, 10.4.3 strings, 10.4.4 arguments)
//! and the object abstract operations built on them (7.3).

use crate::conversions::{array_index, number_to_string, utf16, utf16_len};
use crate::heap::{IteratorState, Object, ObjectKind, Property, Slot};
use crate::value::{Abrupt, AsKey, JsResult, KeyRef, Name, ObjRef, PropertyKey, SymRef, Value};
use crate::vm::Vm;

/// A Property Descriptor (6.2.6) with every field optional.
#[derive(Debug, Clone, Default)]
pub struct Descriptor {
    pub value: Option<Value>,
    pub writable: Option<bool>,
    pub get: Option<Option<ObjRef>>,
    pub set: Option<Option<ObjRef>>,
    pub enumerable: Option<bool>,
    pub configurable: Option<bool>,
}

impl Descriptor {
    pub fn is_accessor(&self) -> bool {
        self.get.is_some() || self.set.is_some()
    }

    pub fn is_data(&self) -> bool {
        self.value.is_some() || self.writable.is_some()
    }

    pub fn from_property(p: &Property) -> Descriptor {
        match &p.slot {
            Slot::Data(v) => Descriptor {
                value: Some(v.clone()),
                writable: Some(p.writable),
                enumerable: Some(p.enumerable),
                configurable: Some(p.configurable),
                ..Descriptor::default()
            },
            Slot::Accessor { get, set } => Descriptor {
                get: Some(*get),
                set: Some(*set),
                enumerable: Some(p.enumerable),
                configurable: Some(p.configurable),
                ..Descriptor::default()
            },
        }
    }
}

impl Vm {
    pub fn new_object(&mut self) -> ObjRef {
        let proto = self.realm.object_prototype;
        self.alloc(Object::new(Some(proto), ObjectKind::Ordinary))
    }

    /// 10.4.2.2 ArrayCreate, filled with `items`.
    pub fn new_array(&mut self, items: Vec<Value>) -> ObjRef {
        let proto = self.realm.array_prototype;
        let a = self.alloc(Object::new(Some(proto), ObjectKind::Array));
        let props = &mut self.heap.obj_mut(a).props;
        let len = items.len();
        for (i, v) in items.into_iter().enumerate() {
            props.insert(i.to_string().into(), Property::plain(v));
        }
        props.insert("length".into(), Property::data(Value::Number(len as f64), true, false, false));
        a
    }

    pub fn is_array(&self, o: ObjRef) -> bool {
        matches!(self.heap.obj(o).kind, ObjectKind::Array)
    }

    pub fn array_length(&self, a: ObjRef) -> u32 {
        match self.heap.obj(a).props.get("length").map(|p| &p.slot) {
            Some(Slot::Data(Value::Number(n))) => *n as u32,
            _ => 0,
        }
    }

    pub fn set_array_length_raw(&mut self, a: ObjRef, len: u32) {
        if let Some(p) = self.heap.obj_mut(a).props.get_mut("length") {
            p.slot = Slot::Data(Value::Number(len as f64));
        }
    }

    pub fn is_callable(&self, o: ObjRef) -> bool {
        matches!(self.heap.obj(o).kind, ObjectKind::Function(_))
    }

    /// 7.2.4 IsConstructor.
    pub fn is_constructor(&self, o: ObjRef) -> bool {
        use crate::heap::FunctionKind;
        match &self.heap.obj(o).kind {
            ObjectKind::Function(FunctionKind::Ordinary { code, .. }) => {
                code.kind == crate::bytecode::CodeKind::Normal && !code.is_generator && !code.is_async
            }
            ObjectKind::Function(FunctionKind::Native { constructor, .. }) => *constructor,
            ObjectKind::Function(FunctionKind::Bound { target, .. }) => self.is_constructor(*target),
            _ => false,
        }
    }

    /// `[[GetOwnProperty]]`, including the exotic behaviour of string wrappers and mapped arguments.
    pub fn get_own_property(&self, o: ObjRef, key: &(impl AsKey + ?Sized)) -> Option<Property> {
        let key = match key.key() {
            KeyRef::Str(s) => s,
            KeyRef::Sym(y) => return self.heap.obj(o).symbols.get(&y).cloned(),
        };
        let obj = self.heap.obj(o);
        match &obj.kind {
            ObjectKind::StringWrapper(s) => {
                // 10.4.3.5 StringGetOwnProperty.
                if key == "length" {
                    return Some(Property::data(Value::Number(utf16_len(s) as f64), false, false, false));
                }
                if let Some(i) = array_index(key) {
                    let units = utf16(s);
                    if let Some(u) = units.get(i as usize) {
                        let ch = crate::conversions::from_utf16(&[*u]).unwrap_or_default();
                        return Some(Property::data(Value::str(&ch), false, true, false));
                    }
                }
            }
            ObjectKind::Arguments { env: Some(env), map } => {
                // 10.4.4.1 [[GetOwnProperty]]: a mapped index reads the parameter binding.
                if let Some(Some(param)) = array_index(key).and_then(|i| map.get(i as usize)) {
                    let mut p = obj.props.get(key).cloned()?;
                    if let Some(v) =
                        self.heap.env(*env).bindings().and_then(|b| b.get(param)).and_then(|b| b.value.clone())
                    {
                        p.slot = Slot::Data(v);
                    }
                    return Some(p);
                }
            }
            _ => {}
        }
        obj.props.get(key).cloned()
    }

    /// 7.3.12 HasProperty.
    pub fn has_property(&mut self, o: ObjRef, key: &(impl AsKey + ?Sized)) -> JsResult<bool> {
        let key = key.key();
        let mut cur = Some(o);
        while let Some(c) = cur {
            if self.get_own_property(c, &key).is_some() {
                return Ok(true);
            }
            self.refuse_unimplemented_own(c, &key)?;
            cur = self.heap.obj(c).proto;
        }
        Ok(false)
    }

    /// Refuses the program when `key` names a standard member of the intrinsic `o` that this
    /// interpreter does not provide (and the program has not defined): any answer about it (a
    /// read, `in`, `hasOwnProperty`, a descriptor) would be wrong.
    pub fn refuse_unimplemented_own(&self, o: ObjRef, key: &(impl AsKey + ?Sized)) -> JsResult<()> {
        let key = key.key();
        if let (Some(tag), KeyRef::Str(name)) = (self.heap.obj(o).intrinsic, key) {
            if self.get_own_property(o, &key).is_none() {
                crate::builtins::refuse_unimplemented(tag, name)?;
            }
        }
        Ok(())
    }

    /// Refuses the program when the intrinsic `o` lacks a standard member this interpreter does
    /// not provide: the list of its own keys would be short.
    pub fn refuse_unimplemented_members(&self, o: ObjRef) -> JsResult<()> {
        let Some(tag) = self.heap.obj(o).intrinsic else { return Ok(()) };
        for name in crate::builtins::unimplemented_members(tag) {
            self.refuse_unimplemented_own(o, *name)?;
        }
        Ok(())
    }

    /// 10.1.8 `[[Get]]` with the object itself as receiver.
    pub fn get(&mut self, o: ObjRef, key: &(impl AsKey + ?Sized)) -> JsResult<Value> {
        self.get_with_receiver(o, key, Value::Object(o))
    }

    /// 10.1.8.1 OrdinaryGet, walking the prototype chain.
    pub fn get_with_receiver(&mut self, o: ObjRef, key: &(impl AsKey + ?Sized), receiver: Value) -> JsResult<Value> {
        let key = key.key();
        let mut cur = Some(o);
        while let Some(c) = cur {
            if let Some(p) = self.get_own_property(c, &key) {
                return match p.slot {
                    Slot::Data(v) => Ok(v),
                    Slot::Accessor { get: Some(g), .. } => self.call(&Value::Object(g), receiver, Vec::new()),
                    Slot::Accessor { get: None, .. } => Ok(Value::Undefined),
                };
            }
            self.refuse_unimplemented_own(c, &key)?;
            cur = self.heap.obj(c).proto;
        }
        Ok(Value::Undefined)
    }

    /// GetV (7.3.3) for any value: primitives read through their prototype.
    pub fn get_value_property(&mut self, v: &Value, key: &(impl AsKey + ?Sized)) -> JsResult<Value> {
        let k = key.key();
        match v {
            Value::Object(o) => self.get(*o, &k),
            Value::String(s) => {
                let KeyRef::Str(key) = k else {
                    let proto = self.realm.string_prototype;
                    return self.get_with_receiver(proto, &k, v.clone());
                };
                if key == "length" {
                    return Ok(Value::Number(utf16_len(s) as f64));
                }
                if let Some(i) = array_index(key) {
                    let units = utf16(s);
                    if let Some(u) = units.get(i as usize) {
                        return match crate::conversions::from_utf16(&[*u]) {
                            Some(ch) => Ok(Value::str(&ch)),
                            None => Err(Abrupt::Unsupported("lone surrogate".into())),
                        };
                    }
                }
                let proto = self.realm.string_prototype;
                self.get_with_receiver(proto, key, v.clone())
            }
            Value::Number(_) => {
                let proto = self.realm.number_prototype;
                self.get_with_receiver(proto, &k, v.clone())
            }
            Value::Bool(_) => {
                let proto = self.realm.boolean_prototype;
                self.get_with_receiver(proto, &k, v.clone())
            }
            Value::Symbol(_) => {
                let proto = self.realm.symbol_prototype;
                self.get_with_receiver(proto, &k, v.clone())
            }
            Value::Undefined | Value::Null => {
                let what = if matches!(v, Value::Null) { "null" } else { "undefined" };
                Err(self.type_error(&format!("cannot read property '{k}' of {what}")))
            }
        }
    }

    /// 10.1.9 `[[Set]]` (OrdinarySet and OrdinarySetWithOwnDescriptor); `Ok(false)` on failure.
    pub fn set(&mut self, o: ObjRef, key: &(impl AsKey + ?Sized), v: Value, receiver: Value) -> JsResult<bool> {
        self.tick()?;
        let key = key.key();
        // 10.4.4.4 arguments [[Set]]: a mapped index also writes the parameter.
        if let (true, KeyRef::Str(name)) = (receiver == Value::Object(o), key) {
            self.write_mapped_argument(o, name, &v);
        }
        let mut cur = o;
        let own = loop {
            if let Some(p) = self.get_own_property(cur, &key) {
                break p;
            }
            // A standard member it lacks may be read-only, an accessor (`__proto__`) or a method
            // whose replacement stays non-enumerable: no answer would be right.
            self.refuse_unimplemented_own(cur, &key)?;
            match self.heap.obj(cur).proto {
                Some(p) => cur = p,
                None => break Property::plain(Value::Undefined),
            }
        };
        match own.slot {
            Slot::Data(_) => {
                if !own.writable {
                    return Ok(false);
                }
                let Value::Object(r) = receiver else { return Ok(false) };
                match self.get_own_property(r, &key) {
                    Some(existing) => {
                        if matches!(existing.slot, Slot::Accessor { .. }) || !existing.writable {
                            return Ok(false);
                        }
                        self.define_own_property(r, &key, Descriptor { value: Some(v), ..Descriptor::default() })
                    }
                    // OrdinarySetWithOwnDescriptor step 2.e: a refused property is a failed
                    // set, which only strict code turns into a TypeError.
                    None => self.create_data_property(r, &key, v),
                }
            }
            Slot::Accessor { set: Some(s), .. } => {
                self.call(&Value::Object(s), receiver, vec![v])?;
                Ok(true)
            }
            Slot::Accessor { set: None, .. } => Ok(false),
        }
    }

    fn write_mapped_argument(&mut self, o: ObjRef, key: &str, v: &Value) {
        if let ObjectKind::Arguments { env: Some(env), map } = &self.heap.obj(o).kind {
            if let Some(Some(param)) = array_index(key).and_then(|i| map.get(i as usize)) {
                let (env, param) = (*env, param.clone());
                if let Some(b) = self.heap.env_mut(env).bindings_mut().and_then(|b| b.get_mut(&param)) {
                    b.value = Some(v.clone());
                }
            }
        }
    }

    fn unmap_argument(&mut self, o: ObjRef, key: &str) {
        if let ObjectKind::Arguments { map, .. } = &mut self.heap.obj_mut(o).kind {
            if let Some(slot) = array_index(key).and_then(|i| map.get_mut(i as usize)) {
                *slot = None;
            }
        }
    }

    /// PutValue (6.2.5.6) for a property reference on any base value.
    pub fn put_value_property(
        &mut self,
        base: &Value,
        key: &(impl AsKey + ?Sized),
        v: Value,
        strict: bool,
    ) -> JsResult<()> {
        let key = key.key();
        let ok = match base {
            Value::Object(o) => self.set(*o, &key, v, base.clone())?,
            Value::Undefined | Value::Null => {
                return Err(self.type_error(&format!("cannot set property '{key}' of {}", self.type_of(base))))
            }
            _ => {
                let proto = match base {
                    Value::String(s) => {
                        if let KeyRef::Str(name) = key {
                            if name == "length" || array_index(name).is_some_and(|i| (i as usize) < utf16_len(s)) {
                                false_set(self, strict, key)?;
                                return Ok(());
                            }
                        }
                        self.realm.string_prototype
                    }
                    Value::Number(_) => self.realm.number_prototype,
                    Value::Symbol(_) => self.realm.symbol_prototype,
                    _ => self.realm.boolean_prototype,
                };
                self.set(proto, &key, v, base.clone())?
            }
        };
        if !ok {
            false_set(self, strict, key)?;
        }
        Ok(())
    }

    /// 10.1.6 `[[DefineOwnProperty]]` with ValidateAndApplyPropertyDescriptor (10.1.6.3), plus the
    /// array (10.4.2.1) and arguments (10.4.4.2) exotic behaviour.
    pub fn define_own_property(&mut self, o: ObjRef, key: &(impl AsKey + ?Sized), desc: Descriptor) -> JsResult<bool> {
        // The lacking member's attributes would decide whether the definition is allowed.
        self.refuse_unimplemented_own(o, key)?;
        let key = match key.key() {
            KeyRef::Str(s) => s,
            k @ KeyRef::Sym(_) => return self.validate_and_apply(o, &k, desc),
        };
        match self.heap.obj(o).kind {
            ObjectKind::Array => {
                if key == "length" {
                    return self.array_set_length(o, desc);
                }
                if let Some(index) = array_index(key) {
                    let len = self.array_length(o);
                    let length_writable = self.heap.obj(o).props.get("length").is_some_and(|p| p.writable);
                    if index >= len && !length_writable {
                        return Ok(false);
                    }
                    if !self.validate_and_apply(o, key, desc)? {
                        return Ok(false);
                    }
                    if index >= len {
                        self.set_array_length_raw(o, index + 1);
                    }
                    return Ok(true);
                }
            }
            // 10.4.3.2: a string wrapper's `length` and indices are only checked, never stored
            // (IsCompatiblePropertyDescriptor against StringGetOwnProperty).
            ObjectKind::StringWrapper(_) => {
                if let Some(current) =
                    self.get_own_property(o, key).filter(|_| !self.heap.obj(o).props.contains_key(key))
                {
                    return Ok(is_compatible(&desc, &current));
                }
            }
            ObjectKind::Arguments { env: Some(_), ref map } => {
                let mapped = array_index(key).and_then(|i| map.get(i as usize)).is_some_and(|m| m.is_some());
                if mapped {
                    let mut desc = desc;
                    // Step 3: a mapped, non-writable data redefinition without a value keeps the
                    // current value.
                    if desc.is_data() && desc.value.is_none() && desc.writable == Some(false) {
                        desc.value = self.get_own_property(o, key).and_then(|p| match p.slot {
                            Slot::Data(v) => Some(v),
                            _ => None,
                        });
                    }
                    if !self.validate_and_apply(o, key, desc.clone())? {
                        return Ok(false);
                    }
                    if desc.is_accessor() {
                        self.unmap_argument(o, key);
                    } else {
                        if let Some(v) = &desc.value {
                            self.write_mapped_argument(o, key, v);
                        }
                        if desc.writable == Some(false) {
                            self.unmap_argument(o, key);
                        }
                    }
                    return Ok(true);
                }
            }
            _ => {}
        }
        self.validate_and_apply(o, key, desc)
    }

    fn validate_and_apply(&mut self, o: ObjRef, key: &(impl AsKey + ?Sized), desc: Descriptor) -> JsResult<bool> {
        let key = key.key();
        let current = self.get_own_property(o, &key);
        let obj = self.heap.obj_mut(o);
        let Some(current) = current else {
            if !obj.extensible {
                return Ok(false);
            }
            let p = if desc.is_accessor() {
                Property {
                    slot: Slot::Accessor { get: desc.get.flatten(), set: desc.set.flatten() },
                    writable: false,
                    enumerable: desc.enumerable.unwrap_or(false),
                    configurable: desc.configurable.unwrap_or(false),
                }
            } else {
                Property::data(
                    desc.value.unwrap_or(Value::Undefined),
                    desc.writable.unwrap_or(false),
                    desc.enumerable.unwrap_or(false),
                    desc.configurable.unwrap_or(false),
                )
            };
            insert_property(obj, key, p);
            return Ok(true);
        };
        if !is_compatible(&desc, &current) {
            return Ok(false);
        }
        let mut p = current;
        if desc.is_accessor() && !matches!(p.slot, Slot::Accessor { .. }) {
            p.slot = Slot::Accessor { get: None, set: None };
            p.writable = false;
        } else if desc.is_data() && matches!(p.slot, Slot::Accessor { .. }) {
            p.slot = Slot::Data(Value::Undefined);
            p.writable = false;
        }
        if let Some(v) = desc.value {
            p.slot = Slot::Data(v);
        }
        if let Some(w) = desc.writable {
            p.writable = w;
        }
        if let Slot::Accessor { get, set } = &mut p.slot {
            if let Some(g) = desc.get {
                *get = g;
            }
            if let Some(s) = desc.set {
                *set = s;
            }
        }
        if let Some(e) = desc.enumerable {
            p.enumerable = e;
        }
        if let Some(c) = desc.configurable {
            p.configurable = c;
        }
        insert_property(obj, key, p);
        Ok(true)
    }

    /// 10.4.2.4 ArraySetLength.
    fn array_set_length(&mut self, a: ObjRef, desc: Descriptor) -> JsResult<bool> {
        let Some(v) = desc.value.clone() else {
            return self.validate_and_apply(a, "length", desc);
        };
        // Steps 3-5: ToUint32 and ToNumber each convert the value (an object's valueOf runs twice).
        let converted = self.to_number(&v)?;
        let new_len = crate::conversions::to_uint32(converted);
        let number = self.to_number(&v)?;
        if new_len as f64 != number {
            return Err(self.error("RangeError", "invalid array length"));
        }
        let old_len = self.array_length(a);
        let len_desc = Descriptor { value: Some(Value::Number(new_len as f64)), ..desc };
        if new_len >= old_len {
            return self.validate_and_apply(a, "length", len_desc);
        }
        if !self.heap.obj(a).props.get("length").is_some_and(|p| p.writable) {
            return Ok(false);
        }
        // Steps 12-15: a length made read-only stays writable until the elements are deleted.
        let new_writable = len_desc.writable != Some(false);
        let len_desc = Descriptor { writable: if new_writable { len_desc.writable } else { Some(true) }, ..len_desc };
        if !self.validate_and_apply(a, "length", len_desc.clone())? {
            return Ok(false);
        }
        // Step 16: delete indices from the end; a non-configurable element stops the truncation
        // there, and the length is made read-only all the same if it was asked to be.
        let mut indices: Vec<u32> =
            self.heap.obj(a).props.keys().filter_map(|k| array_index(k)).filter(|i| *i >= new_len).collect();
        indices.sort_unstable_by(|x, y| y.cmp(x));
        for i in indices {
            self.tick()?;
            let key = i.to_string();
            let configurable = self.heap.obj(a).props.get(key.as_str()).is_some_and(|p| p.configurable);
            if !configurable {
                let writable = if new_writable { len_desc.writable } else { Some(false) };
                let stopped = Descriptor { value: Some(Value::Number(f64::from(i) + 1.0)), writable, ..len_desc };
                self.validate_and_apply(a, "length", stopped)?;
                return Ok(false);
            }
            self.heap.obj_mut(a).props.shift_remove(key.as_str());
        }
        if !new_writable {
            self.validate_and_apply(a, "length", Descriptor { writable: Some(false), ..Descriptor::default() })?;
        }
        Ok(true)
    }

    /// 7.3.5 CreateDataProperty: `Ok(false)` when the object refuses the property (it is not
    /// extensible, or has a non-configurable one of that name).
    pub fn create_data_property(&mut self, o: ObjRef, key: &(impl AsKey + ?Sized), v: Value) -> JsResult<bool> {
        let desc = Descriptor {
            value: Some(v),
            writable: Some(true),
            enumerable: Some(true),
            configurable: Some(true),
            ..Descriptor::default()
        };
        self.define_own_property(o, key, desc)
    }

    /// 7.3.7 CreateDataPropertyOrThrow.
    pub fn create_data_property_or_throw(
        &mut self,
        o: ObjRef,
        key: &(impl AsKey + ?Sized),
        v: Value,
    ) -> JsResult<bool> {
        let key = key.key();
        let ok = self.create_data_property(o, &key, v)?;
        if !ok {
            return Err(self.type_error(&format!("cannot define property '{key}'")));
        }
        Ok(true)
    }

    /// Getter or setter from an object literal (13.2.5.5 / 15.4.5 MethodDefinitionEvaluation).
    pub fn define_accessor(&mut self, o: ObjRef, key: &(impl AsKey + ?Sized), f: ObjRef, is_get: bool) -> JsResult<()> {
        let desc = Descriptor {
            get: is_get.then_some(Some(f)),
            set: (!is_get).then_some(Some(f)),
            enumerable: Some(true),
            configurable: Some(true),
            ..Descriptor::default()
        };
        self.define_own_property(o, key, desc)?;
        Ok(())
    }

    /// 10.2.9 SetFunctionName on an already created function (computed keys).
    pub fn set_function_name(&mut self, f: ObjRef, key: &(impl AsKey + ?Sized), prefix: Option<&str>) {
        let key = match key.key() {
            KeyRef::Str(s) => s.to_string(),
            // Step 2: a symbol's description in brackets, or nothing.
            KeyRef::Sym(y) => self.heap.symbol(y).description.as_ref().map(|d| format!("[{d}]")).unwrap_or_default(),
        };
        let n = match prefix {
            Some(p) => format!("{p} {key}"),
            None => key,
        };
        self.heap.obj_mut(f).props.insert("name".into(), Property::data(Value::str(&n), false, false, true));
    }

    /// 10.1.10 `[[Delete]]`.
    pub fn delete_property(&mut self, o: ObjRef, key: &(impl AsKey + ?Sized)) -> JsResult<bool> {
        let key = match key.key() {
            KeyRef::Str(s) => s,
            KeyRef::Sym(y) => {
                return Ok(match self.heap.obj(o).symbols.get(&y) {
                    None => true,
                    Some(p) if p.configurable => {
                        self.heap.obj_mut(o).symbols.shift_remove(&y);
                        true
                    }
                    Some(_) => false,
                })
            }
        };
        if let ObjectKind::StringWrapper(s) = &self.heap.obj(o).kind {
            if key == "length" || array_index(key).is_some_and(|i| (i as usize) < utf16_len(s)) {
                return Ok(false);
            }
        }
        let obj = self.heap.obj(o);
        match obj.props.get(key) {
            // Deleting a standard member it lacks would succeed or fail by its attributes.
            None => self.refuse_unimplemented_own(o, key).map(|()| true),
            Some(p) if p.configurable => {
                self.unmap_argument(o, key);
                self.heap.obj_mut(o).props.shift_remove(key);
                Ok(true)
            }
            Some(_) => Ok(false),
        }
    }

    /// `delete base[key]` (13.5.1.2): strict code throws when the property cannot be deleted.
    pub fn delete_value_property(&mut self, base: &Value, key: &(impl AsKey + ?Sized), strict: bool) -> JsResult<bool> {
        let key = key.key();
        let o = self.to_object(base)?;
        let ok = self.delete_property(o, &key)?;
        if !ok && strict {
            return Err(self.type_error(&format!("cannot delete property '{key}'")));
        }
        Ok(ok)
    }

    /// 10.1.11 `[[OwnPropertyKeys]]`: array indices ascending, then strings in creation order.
    pub fn own_property_keys(&self, o: ObjRef) -> Vec<Name> {
        let obj = self.heap.obj(o);
        let mut indices: Vec<(u32, Name)> = Vec::new();
        let mut strings: Vec<Name> = Vec::new();
        if let ObjectKind::StringWrapper(s) = &obj.kind {
            for i in 0..utf16_len(s) {
                indices.push((i as u32, i.to_string().into()));
            }
        }
        for k in obj.props.keys() {
            match array_index(k) {
                Some(i) => indices.push((i, k.clone())),
                None => strings.push(k.clone()),
            }
        }
        indices.sort_by_key(|(i, _)| *i);
        let mut keys: Vec<Name> = indices.into_iter().map(|(_, k)| k).collect();
        if let ObjectKind::StringWrapper(_) = &obj.kind {
            keys.push("length".into());
        }
        keys.extend(strings);
        keys
    }

    /// The Symbol keys of `[[OwnPropertyKeys]]`, in creation order (after every string key).
    pub fn own_symbol_keys(&self, o: ObjRef) -> Vec<SymRef> {
        self.heap.obj(o).symbols.keys().copied().collect()
    }

    /// 10.1.11 `[[OwnPropertyKeys]]` with both kinds of keys.
    pub fn own_keys(&self, o: ObjRef) -> Vec<PropertyKey> {
        let mut keys: Vec<PropertyKey> = self.own_property_keys(o).into_iter().map(PropertyKey::String).collect();
        keys.extend(self.own_symbol_keys(o).into_iter().map(PropertyKey::Symbol));
        keys
    }

    /// 7.1.18 ToObject.
    pub fn to_object(&mut self, v: &Value) -> JsResult<ObjRef> {
        let (kind, proto) = match v {
            Value::Object(o) => return Ok(*o),
            Value::Undefined | Value::Null => {
                return Err(self.type_error("cannot convert undefined or null to object"));
            }
            Value::Bool(b) => (ObjectKind::BooleanWrapper(*b), self.realm.boolean_prototype),
            Value::Number(n) => (ObjectKind::NumberWrapper(*n), self.realm.number_prototype),
            Value::String(s) => (ObjectKind::StringWrapper(s.clone()), self.realm.string_prototype),
            Value::Symbol(s) => (ObjectKind::SymbolWrapper(*s), self.realm.symbol_prototype),
        };
        Ok(self.alloc(Object::new(Some(proto), kind)))
    }

    /// 7.3.21 OrdinaryHasInstance.
    pub fn ordinary_has_instance(&mut self, c: &Value, o: &Value) -> JsResult<bool> {
        let Some(cf) = c.as_object().filter(|f| self.is_callable(*f)) else { return Ok(false) };
        if let ObjectKind::Function(crate::heap::FunctionKind::Bound { target, .. }) = self.heap.obj(cf).kind {
            return self.instance_of(o, &Value::Object(target));
        }
        let Value::Object(mut obj) = o else { return Ok(false) };
        let proto = self.get(cf, "prototype")?;
        let Value::Object(proto) = proto else {
            return Err(self.type_error("function has non-object prototype in instanceof check"));
        };
        while let Some(p) = self.heap.obj(obj).proto {
            if p == proto {
                return Ok(true);
            }
            obj = p;
        }
        Ok(false)
    }

    /// 13.10.2 InstanceofOperator (there is no `@@hasInstance` without symbols).
    pub fn instance_of(&mut self, v: &Value, target: &Value) -> JsResult<bool> {
        if !matches!(target, Value::Object(_)) {
            return Err(self.type_error("right-hand side of instanceof is not an object"));
        }
        let key = self.realm.well_known.has_instance;
        if let Some(h) = self.get_method(target, &key)? {
            let r = self.call(&h, target.clone(), vec![v.clone()])?;
            return Ok(self.to_boolean(&r));
        }
        match target {
            Value::Object(t) if self.is_callable(*t) => self.ordinary_has_instance(target, v),
            _ => Err(self.type_error("right-hand side of instanceof is not callable")),
        }
    }

    // ----- Loop iteration -----------------------------------------------------------------------

    fn new_iterator(&mut self, state: IteratorState) -> Value {
        Value::Object(self.alloc(Object::new(None, ObjectKind::Iterator(state))))
    }

    /// 14.7.5.6 ForIn/OfHeadEvaluation for `for-in`: EnumerateObjectProperties (14.7.5.9), with the
    /// keys of the whole prototype chain snapshot up front and re-checked when visited.
    pub fn for_in_iterator(&mut self, v: &Value) -> JsResult<Value> {
        if v.is_nullish() {
            return Ok(self.new_iterator(IteratorState::ForIn { keys: Vec::new(), next: 0 }));
        }
        let start = self.to_object(v)?;
        let mut visited: Vec<Name> = Vec::new();
        let mut keys = Vec::new();
        let mut cur = Some(start);
        while let Some(o) = cur {
            for k in self.own_property_keys(o) {
                self.tick()?;
                if visited.contains(&k) {
                    continue;
                }
                visited.push(k.clone());
                if self.get_own_property(o, &k).is_some_and(|p| p.enumerable) {
                    keys.push((o, k));
                }
            }
            cur = self.heap.obj(o).proto;
        }
        Ok(self.new_iterator(IteratorState::ForIn { keys, next: 0 }))
    }

    /// 7.4.3 GetIterator(obj, sync) for `for-of`, spread and destructuring. Arrays, arguments objects
    /// and strings whose iteration methods are the intrinsic ones are walked directly (what the
    /// intrinsic iterators would do, unobservably); everything else goes through the protocol.
    pub fn for_of_iterator(&mut self, v: &Value) -> JsResult<Value> {
        let iterator_key = self.realm.well_known.iterator;
        let Some(method) = self.get_method(v, &iterator_key)? else {
            return Err(self.type_error("value is not iterable"));
        };
        let intact = |vm: &Vm, proto: ObjRef, next: ObjRef| matches!(vm.heap.obj(proto).props.get("next").map(|p| &p.slot), Some(Slot::Data(Value::Object(f))) if *f == next);
        if method == Value::Object(self.realm.array_values)
            && intact(self, self.realm.array_iterator_prototype, self.realm.array_iterator_next)
        {
            if let Value::Object(o) = v {
                return Ok(self.new_iterator(IteratorState::ArrayLike {
                    object: *o,
                    next: 0,
                    done: false,
                    kind: crate::collections::IterationKind::Values,
                }));
            }
        }
        if method == Value::Object(self.realm.string_iterator)
            && intact(self, self.realm.string_iterator_prototype, self.realm.string_iterator_next)
        {
            if let Value::String(s) = v {
                let chars = s.chars().map(|c| Name::from(c.to_string())).collect();
                return Ok(self.new_iterator(IteratorState::String { chars, next: 0 }));
            }
        }
        self.iterator_from_method(v, &method)
    }

    /// 7.4.2 GetIteratorFromMethod: calls `method` on `v` for the iterator and reads its `next`.
    pub(crate) fn iterator_from_method(&mut self, v: &Value, method: &Value) -> JsResult<Value> {
        let Value::Object(iterator) = self.call(method, v.clone(), Vec::new())? else {
            return Err(self.type_error("the iterator method returned a non-object"));
        };
        let next = self.get(iterator, "next")?;
        Ok(self.new_iterator(IteratorState::Protocol { iterator, next, done: false }))
    }

    /// 7.4.3 GetIterator(obj, async) for `for await`: through `Symbol.asyncIterator`, or else
    /// through `Symbol.iterator`, wrapped by CreateAsyncFromSyncIterator (27.1.6.1).
    pub fn for_await_iterator(&mut self, v: &Value) -> JsResult<Value> {
        let async_key = self.realm.well_known.async_iterator;
        if let Some(method) = self.get_method(v, &async_key)? {
            return self.iterator_from_method(v, &method);
        }
        let sync_key = self.realm.well_known.iterator;
        let Some(method) = self.get_method(v, &sync_key)? else {
            return Err(self.type_error("value is not async iterable"));
        };
        let it = self.iterator_from_method(v, &method)?;
        let wrapper = it.as_object().expect("a loop iterator");
        let ObjectKind::Iterator(IteratorState::Protocol { iterator, next, .. }) = self.heap.obj(wrapper).kind.clone()
        else {
            unreachable!("iterator_from_method makes a protocol iterator")
        };
        self.heap.obj_mut(wrapper).kind =
            ObjectKind::Iterator(IteratorState::AsyncFromSync { iterator, next, done: false });
        Ok(it)
    }

    /// The first half of a protocol iterator's step (7.4.8 IteratorStepValue; 14.7.5.7 step 6.a
    /// for `for await`, which awaits the result before the second half): calls `next`. The
    /// iterator counts as done until [`Vm::step_result`] accepts the result, so that an abrupt
    /// step does not close it.
    pub fn step_call_next(&mut self, it: ObjRef) -> JsResult<Value> {
        match self.heap.obj(it).kind.clone() {
            ObjectKind::Iterator(IteratorState::Protocol { iterator, next, .. }) => {
                self.heap.obj_mut(it).kind =
                    ObjectKind::Iterator(IteratorState::Protocol { iterator, next: next.clone(), done: true });
                self.call(&next, Value::Object(iterator), Vec::new())
            }
            ObjectKind::Iterator(IteratorState::AsyncFromSync { iterator, next, .. }) => {
                self.heap.obj_mut(it).kind =
                    ObjectKind::Iterator(IteratorState::AsyncFromSync { iterator, next: next.clone(), done: true });
                self.async_from_sync_next(iterator, &next, None)
            }
            _ => unreachable!("a protocol iterator steps through next()"),
        }
    }

    /// The second half of a protocol iterator's step (14.7.5.7 steps 6.b-d): the result's value,
    /// or `None` when it is done.
    pub fn step_result(&mut self, it: ObjRef, result: Value) -> JsResult<Option<Value>> {
        self.step_result_reading(it, result, true)
    }

    /// [`Vm::step_result`], reading the result's `value` only if `read_value` (an elision steps
    /// the iterator without reading it: 13.15.5.5, 8.6.3); `Some(Undefined)` stands for the
    /// unread value.
    fn step_result_reading(&mut self, it: ObjRef, result: Value, read_value: bool) -> JsResult<Option<Value>> {
        let Value::Object(r) = result else {
            return Err(self.type_error("iterator result is not an object"));
        };
        let done_value = self.get(r, "done")?;
        if self.to_boolean(&done_value) {
            return Ok(None);
        }
        let value = if read_value { self.get(r, "value")? } else { Value::Undefined };
        if let ObjectKind::Iterator(IteratorState::Protocol { done, .. } | IteratorState::AsyncFromSync { done, .. }) =
            &mut self.heap.obj_mut(it).kind
        {
            *done = false;
        }
        Ok(Some(value))
    }

    /// IteratorClose and AsyncIteratorClose (7.4.11, 7.4.13) up to the check of the result (and,
    /// for the latter, the await before it): marks a protocol iterator done and calls its `return`
    /// method, giving the result, or `None` if it was done already, is an intrinsic iterator or
    /// has no `return`.
    pub fn call_return(&mut self, it: ObjRef) -> JsResult<Option<Value>> {
        match self.heap.obj(it).kind.clone() {
            ObjectKind::Iterator(IteratorState::Protocol { iterator, next, done: false }) => {
                self.heap.obj_mut(it).kind =
                    ObjectKind::Iterator(IteratorState::Protocol { iterator, next, done: true });
                let Some(ret) = self.get_method(&Value::Object(iterator), "return")? else { return Ok(None) };
                self.call(&ret, Value::Object(iterator), Vec::new()).map(Some)
            }
            // The wrapper always has a `return` method: its promise is the result.
            ObjectKind::Iterator(IteratorState::AsyncFromSync { iterator, next, done: false }) => {
                self.heap.obj_mut(it).kind =
                    ObjectKind::Iterator(IteratorState::AsyncFromSync { iterator, next, done: true });
                self.async_from_sync_return(iterator, None).map(Some)
            }
            // The array and string iterators walked directly (see `for_of_iterator`) have no
            // iterator object that an inherited `return` method could be called on.
            ObjectKind::Iterator(IteratorState::ArrayLike { done: false, .. }) => {
                self.refuse_inherited_return(self.realm.array_iterator_prototype)
            }
            ObjectKind::Iterator(IteratorState::String { chars, next }) if next <= chars.len() => {
                self.refuse_inherited_return(self.realm.string_iterator_prototype)
            }
            _ => Ok(None),
        }
    }

    /// IteratorClose of an intrinsic iterator that is walked directly: its prototype chain has
    /// no `return` unless the program gave it one, which would be called with an iterator object
    /// that does not exist here, so such a program is refused.
    fn refuse_inherited_return(&mut self, proto: ObjRef) -> JsResult<Option<Value>> {
        if self.has_property(proto, "return")? {
            return crate::value::unsupported("a return method inherited by an array or string iterator");
        }
        Ok(None)
    }

    /// One step of an array iterator (23.1.5.1 CreateArrayIterator's closure).
    pub fn array_iterator_step(
        &mut self,
        object: ObjRef,
        index: u32,
        kind: crate::collections::IterationKind,
    ) -> JsResult<Option<Value>> {
        use crate::collections::IterationKind as K;
        let len_value = self.get(object, "length")?;
        let len = self.to_length(&len_value)?;
        if (index as f64) >= len {
            return Ok(None);
        }
        Ok(Some(match kind {
            K::Keys => Value::Number(index as f64),
            K::Values => self.get(object, &index.to_string())?,
            K::Entries => {
                let v = self.get(object, &index.to_string())?;
                Value::Object(self.new_array(vec![Value::Number(index as f64), v]))
            }
        }))
    }

    /// IteratorStep + IteratorValue: the next value, or `None` when done. An abrupt completion
    /// marks a protocol iterator done, so it is not closed afterwards (7.4.8 IteratorStepValue).
    pub fn iterator_step(&mut self, it: ObjRef) -> JsResult<Option<Value>> {
        self.iterator_step_reading(it, true)
    }

    /// IteratorStep alone, for an elision in an array pattern: a protocol iterator's result has
    /// its `done` read but not its `value` (an intrinsic iterator's `next` reads the element
    /// itself, so for those it is a whole step).
    pub fn iterator_skip(&mut self, it: ObjRef) -> JsResult<()> {
        self.iterator_step_reading(it, false).map(drop)
    }

    fn iterator_step_reading(&mut self, it: ObjRef, read_value: bool) -> JsResult<Option<Value>> {
        let ObjectKind::Iterator(state) = self.heap.obj(it).kind.clone() else {
            unreachable!("loop iterator expected")
        };
        let (result, new_state) = match state {
            IteratorState::ForIn { keys, mut next } => {
                let mut found = None;
                while next < keys.len() {
                    let (o, k) = &keys[next];
                    next += 1;
                    // A property deleted before it is visited is skipped.
                    if self.get_own_property(*o, k).is_some() {
                        found = Some(Value::String(k.clone()));
                        break;
                    }
                }
                (found, IteratorState::ForIn { keys, next })
            }
            IteratorState::ArrayLike { object, next, done, kind } => {
                if done {
                    (None, IteratorState::ArrayLike { object, next, done, kind })
                } else {
                    match self.array_iterator_step(object, next, kind)? {
                        None => (None, IteratorState::ArrayLike { object, next, done: true, kind }),
                        Some(v) => (Some(v), IteratorState::ArrayLike { object, next: next + 1, done: false, kind }),
                    }
                }
            }
            IteratorState::String { chars, next } => {
                let v = chars.get(next).map(|c| Value::String(c.clone()));
                (v, IteratorState::String { chars, next: next + 1 })
            }
            IteratorState::Collection { object } => {
                let v = self.collection_iterator_step(object)?;
                (v, IteratorState::Collection { object })
            }
            IteratorState::Protocol { iterator, next, done: true } => {
                (None, IteratorState::Protocol { iterator, next, done: true })
            }
            IteratorState::Protocol { done: false, .. } => {
                let result = self.step_call_next(it)?;
                return self.step_result_reading(it, result, read_value);
            }
            IteratorState::AsyncFromSync { .. } => unreachable!("only for await steps an Async-from-Sync iterator"),
        };
        self.heap.obj_mut(it).kind = ObjectKind::Iterator(new_state);
        Ok(result)
    }

    /// 7.3.25 CopyDataProperties: own enumerable properties of `source`, except `excluded`.
    pub fn copy_data_properties(&mut self, target: ObjRef, source: &Value, excluded: &[Name]) -> JsResult<()> {
        if source.is_nullish() {
            return Ok(());
        }
        let from = self.to_object(source)?;
        for k in self.own_keys(from) {
            self.tick()?;
            if matches!(&k, PropertyKey::String(s) if excluded.contains(s)) {
                continue;
            }
            if self.get_own_property(from, &k).is_some_and(|p| p.enumerable) {
                let v = self.get(from, &k)?;
                self.create_data_property_or_throw(target, &k, v)?;
            }
        }
        Ok(())
    }

    /// 7.4.11 IteratorClose for a normal completion: a protocol iterator that is not done gets its
    /// `return` method called (if it has one), whose result must be an object. The intrinsic array
    /// and string iterators have no `return`.
    pub fn iterator_close(&mut self, it: ObjRef) -> JsResult<()> {
        match self.call_return(it)? {
            Some(result) => self.check_return_result(&result),
            None => Ok(()),
        }
    }

    /// 7.4.11 IteratorClose for a throw completion: `return` is called as for a normal one, but
    /// what it throws or returns is dropped, since the original throw goes on.
    pub fn iterator_close_after_throw(&mut self, it: ObjRef) -> JsResult<()> {
        match self.iterator_close(it) {
            Ok(()) | Err(Abrupt::Throw(_)) => Ok(()),
            Err(limit) => Err(limit),
        }
    }

    /// The last step of IteratorClose and AsyncIteratorClose (after the await for the latter):
    /// `return()`'s result must be an object.
    pub fn check_return_result(&mut self, result: &Value) -> JsResult<()> {
        match result {
            Value::Object(_) => Ok(()),
            _ => Err(self.type_error("iterator return() result is not an object")),
        }
    }

    /// 7.1.20 ToLength.
    pub fn to_length(&mut self, v: &Value) -> JsResult<f64> {
        let n = self.to_number(v)?;
        let n = crate::conversions::to_integer_or_infinity(n);
        Ok(n.clamp(0.0, 9007199254740991.0))
    }

    /// Canonical string for an index (used by built-ins that loop over indices).
    pub fn index_key(i: f64) -> String {
        number_to_string(i)
    }
}

/// ValidateAndApplyPropertyDescriptor's checks against an existing property (10.1.6.3 step 5):
/// whether `desc` may be applied to `current` (10.1.6.2 IsCompatiblePropertyDescriptor).
fn is_compatible(desc: &Descriptor, current: &Property) -> bool {
    if current.configurable {
        return true;
    }
    if desc.configurable == Some(true) {
        return false;
    }
    if desc.enumerable.is_some_and(|e| e != current.enumerable) {
        return false;
    }
    let current_is_accessor = matches!(current.slot, Slot::Accessor { .. });
    if (desc.is_accessor() && !current_is_accessor) || (desc.is_data() && current_is_accessor) {
        return false;
    }
    match &current.slot {
        Slot::Accessor { get, set } => !(desc.get.is_some_and(|g| g != *get) || desc.set.is_some_and(|s| s != *set)),
        Slot::Data(v) => {
            current.writable
                || !(desc.writable == Some(true) || desc.value.as_ref().is_some_and(|nv| !same_value(nv, v)))
        }
    }
}

/// Stores a property under either kind of key.
fn insert_property(obj: &mut Object, key: KeyRef<'_>, p: Property) {
    match key {
        KeyRef::Str(s) => {
            obj.props.insert(s.into(), p);
        }
        KeyRef::Sym(y) => {
            obj.symbols.insert(y, p);
        }
    }
}

fn false_set(vm: &mut Vm, strict: bool, key: KeyRef<'_>) -> JsResult<()> {
    if strict {
        return Err(vm.type_error(&format!("cannot assign to read-only property '{key}'")));
    }
    Ok(())
}

/// 7.2.10 SameValue.
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            if x.is_nan() && y.is_nan() {
                true
            } else {
                x == y && x.is_sign_negative() == y.is_sign_negative()
            }
        }
        _ => a == b,
    }
}
