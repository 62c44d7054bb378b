//! Runtime semantics of classes (15.7): ClassDefinitionEvaluation, fields, private names, `super`.
//!
//! A Private Name is a fresh number bound in the class scope under its source spelling (`#x`), a
//! name no identifier can take; code inside the class body finds it by ordinary identifier
//! resolution, which gives private names exactly the lexical scoping the specification asks for.

use std::rc::Rc;

use crate::bytecode::{FunctionCode, MethodKind};
use crate::heap::{
    Binding, ClassInfo, Environment, FieldKey, FunctionKind, Object, ObjectKind, PrivateElement, Property,
    StaticElement, ThisBinding,
};
use crate::object::Descriptor;
use crate::value::{EnvRef, JsResult, Name, ObjRef, PropertyKey, Value};
use crate::vm::Vm;

impl Vm {
    pub(crate) fn class_info_mut(&mut self, f: ObjRef) -> &mut ClassInfo {
        match &mut self.heap.obj_mut(f).kind {
            ObjectKind::Function(FunctionKind::Ordinary { class: Some(c), .. }) => c,
            _ => unreachable!("class constructor expected"),
        }
    }

    fn class_info(&self, f: ObjRef) -> Option<&ClassInfo> {
        match &self.heap.obj(f).kind {
            ObjectKind::Function(FunctionKind::Ordinary { class: Some(c), .. }) => Some(c),
            _ => None,
        }
    }

    pub(crate) fn set_home_object(&mut self, f: ObjRef, home_object: ObjRef) {
        if let ObjectKind::Function(FunctionKind::Ordinary { home, .. }) = &mut self.heap.obj_mut(f).kind {
            *home = Some(home_object);
        }
    }

    /// 15.7.14 ClassDefinitionEvaluation steps 1-18: private names, heritage, the prototype and the
    /// constructor function. Stack `[heritage]` -> `prototype F`.
    pub(crate) fn create_class(&mut self, code: &Rc<FunctionCode>, idx: usize) -> JsResult<()> {
        let template = code.classes[idx].clone();
        let class_env = self.current_env();
        for n in &template.private_names {
            let id = self.new_private_id();
            self.env_bindings_mut(class_env).insert(
                n.clone(),
                Binding { value: Some(Value::Number(id as f64)), mutable: false, strict: true, deletable: false },
            );
        }
        let (proto_parent, constructor_parent) = if template.has_heritage {
            let superclass = self.pop_value();
            match superclass {
                Value::Null => (None, self.realm.function_prototype),
                Value::Object(s) if self.is_constructor(s) => match self.get(s, "prototype")? {
                    Value::Object(p) => (Some(p), s),
                    Value::Null => (None, s),
                    _ => return Err(self.type_error("class extends a value whose prototype is not an object")),
                },
                _ => return Err(self.type_error("class extends a value that is not a constructor")),
            }
        } else {
            (Some(self.realm.object_prototype), self.realm.function_prototype)
        };
        let proto = self.alloc(Object::new(proto_parent, ObjectKind::Ordinary));
        let ctor_code = Rc::clone(&code.children[template.constructor]);
        let f = self.ordinary_function_create(ctor_code, class_env);
        let obj = self.heap.obj_mut(f);
        obj.proto = Some(constructor_parent);
        obj.props.insert("prototype".into(), Property::data(Value::Object(proto), false, false, false));
        if let ObjectKind::Function(FunctionKind::Ordinary { class, home, .. }) = &mut obj.kind {
            *class = Some(Box::new(ClassInfo { derived: template.has_heritage, ..ClassInfo::default() }));
            *home = Some(proto);
        }
        self.heap.obj_mut(proto).props.insert("constructor".into(), Property::hidden(Value::Object(f)));
        self.push_value(Value::Object(proto));
        self.push_value(Value::Object(f));
        Ok(())
    }

    /// Pops the element's key (computed) or takes the static one.
    fn element_key(&mut self, key: Option<&Name>) -> JsResult<PropertyKey> {
        match key {
            Some(k) => Ok(PropertyKey::String(k.clone())),
            None => {
                let k = self.pop_value();
                self.to_property_key(&k)
            }
        }
    }

    /// The class element's target: the prototype, or the constructor for static elements.
    fn element_target(&mut self, is_static: bool) -> (ObjRef, ObjRef) {
        let f = self.peek_value(0).as_object().expect("class constructor");
        let proto = self.peek_value(1).as_object().expect("class prototype");
        (if is_static { f } else { proto }, f)
    }

    /// 15.4.4 MethodDefinitionEvaluation for class methods, getters and setters (not enumerable).
    pub(crate) fn define_class_method(
        &mut self,
        key: Option<&Name>,
        kind: MethodKind,
        is_static: bool,
    ) -> JsResult<()> {
        let method = self.pop_value().as_object().expect("method function");
        let computed = key.is_none();
        let key = self.element_key(key)?;
        let (target, _) = self.element_target(is_static);
        self.set_home_object(method, target);
        if computed {
            let prefix = match kind {
                MethodKind::Method => None,
                MethodKind::Getter => Some("get"),
                MethodKind::Setter => Some("set"),
            };
            self.set_function_name(method, &key, prefix);
        }
        let desc = match kind {
            MethodKind::Method => Descriptor {
                value: Some(Value::Object(method)),
                writable: Some(true),
                enumerable: Some(false),
                configurable: Some(true),
                ..Descriptor::default()
            },
            MethodKind::Getter | MethodKind::Setter => Descriptor {
                get: (kind == MethodKind::Getter).then_some(Some(method)),
                set: (kind == MethodKind::Setter).then_some(Some(method)),
                enumerable: Some(false),
                configurable: Some(true),
                ..Descriptor::default()
            },
        };
        if !self.define_own_property(target, &key, desc)? {
            return Err(self.type_error(&format!("cannot define class element '{key}'")));
        }
        Ok(())
    }

    /// 15.7.10 ClassFieldDefinitionEvaluation: records the field (its key is evaluated now, its
    /// initializer runs per instance or once for static fields).
    pub(crate) fn define_class_field(&mut self, key: Option<&Name>, is_static: bool, has_init: bool) -> JsResult<()> {
        let init = if has_init { Some(self.pop_value().as_object().expect("initializer")) } else { None };
        let field_key = match key {
            Some(k) if k.starts_with('#') => FieldKey::Private(self.private_name(k)?),
            Some(k) => FieldKey::Public(PropertyKey::String(k.clone())),
            None => {
                let k = self.pop_value();
                FieldKey::Public(self.to_property_key(&k)?)
            }
        };
        let (target, f) = self.element_target(is_static);
        if let Some(i) = init {
            self.set_home_object(i, target);
        }
        let info = self.class_info_mut(f);
        if is_static {
            info.static_elements.push(StaticElement::Field(field_key, init));
        } else {
            info.fields.push((field_key, init));
        }
        Ok(())
    }

    /// 15.7.11 private methods and accessors (added to instances before fields, 7.3.31).
    pub(crate) fn define_private_method(&mut self, name: &Name, kind: MethodKind, is_static: bool) -> JsResult<()> {
        let method = self.pop_value().as_object().expect("method function");
        let id = self.private_name(name)?;
        let (target, f) = self.element_target(is_static);
        self.set_home_object(method, target);
        let info = self.class_info_mut(f);
        let list = if is_static { &mut info.static_private_methods } else { &mut info.private_methods };
        let existing = list.iter_mut().find(|(i, _)| *i == id);
        match (kind, existing) {
            (MethodKind::Method, _) => list.push((id, PrivateElement::Method(method))),
            (MethodKind::Getter, Some((_, PrivateElement::Accessor { get, .. }))) => *get = Some(method),
            (MethodKind::Setter, Some((_, PrivateElement::Accessor { set, .. }))) => *set = Some(method),
            (MethodKind::Getter, _) => list.push((id, PrivateElement::Accessor { get: Some(method), set: None })),
            (MethodKind::Setter, _) => list.push((id, PrivateElement::Accessor { get: None, set: Some(method) })),
        }
        Ok(())
    }

    /// 15.7.14 steps 28-31: static private methods, then static fields and blocks in order.
    pub(crate) fn run_static_elements(&mut self, f: ObjRef) -> JsResult<()> {
        let info = self.class_info_mut(f);
        let methods = std::mem::take(&mut info.static_private_methods);
        let elements = std::mem::take(&mut info.static_elements);
        for (id, m) in methods {
            self.private_element_add(f, id, m)?;
        }
        for e in elements {
            match e {
                StaticElement::Field(key, init) => self.define_field(f, key, init)?,
                StaticElement::Block(block) => {
                    self.call(&Value::Object(block), Value::Object(f), Vec::new())?;
                }
            }
        }
        Ok(())
    }

    /// 7.3.34 InitializeInstanceElements.
    pub(crate) fn initialize_instance_elements(&mut self, o: ObjRef, constructor: ObjRef) -> JsResult<()> {
        let Some(info) = self.class_info(constructor) else { return Ok(()) };
        let methods = info.private_methods.clone();
        let fields = info.fields.clone();
        for (id, m) in methods {
            self.private_element_add(o, id, m)?;
        }
        for (key, init) in fields {
            self.define_field(o, key, init)?;
        }
        Ok(())
    }

    /// 7.3.33 DefineField.
    fn define_field(&mut self, receiver: ObjRef, key: FieldKey, init: Option<ObjRef>) -> JsResult<()> {
        let value = match init {
            Some(i) => self.call(&Value::Object(i), Value::Object(receiver), Vec::new())?,
            None => Value::Undefined,
        };
        match key {
            FieldKey::Public(k) => {
                self.create_data_property_or_throw(receiver, &k, value)?;
            }
            FieldKey::Private(id) => self.private_element_add(receiver, id, PrivateElement::Field(value))?,
        }
        Ok(())
    }

    /// 7.3.29 PrivateFieldAdd / 7.3.30 PrivateMethodOrAccessorAdd.
    fn private_element_add(&mut self, o: ObjRef, id: u64, e: PrivateElement) -> JsResult<()> {
        if self.heap.obj(o).private.iter().any(|(i, _)| *i == id) {
            return Err(self.type_error("cannot initialize a private element twice on the same object"));
        }
        if !self.heap.obj(o).extensible {
            // Whether non-extensible objects accept private elements is a stage-3 change.
            return Err(crate::value::Abrupt::Unsupported("private element on a non-extensible object".into()));
        }
        self.heap.obj_mut(o).private.push((id, e));
        Ok(())
    }

    /// The Private Name `#x` resolves to from `env`, if any: private names are bound in class
    /// scopes, which are declarative, so object environments (`with` objects, the global object)
    /// are passed over (a property spelled "#x" is no private name).
    pub(crate) fn resolve_private_name(&self, mut env: EnvRef, n: &Name) -> Option<u64> {
        loop {
            let e = self.heap.env(env);
            if let Some(binding) = e.bindings().and_then(|b| b.get(n)) {
                return match binding.value {
                    Some(Value::Number(id)) => Some(id as u64),
                    _ => None,
                };
            }
            env = e.outer()?;
        }
    }

    /// The Private Name a `#x` spelling resolves to in the running environment.
    pub(crate) fn private_name(&mut self, n: &Name) -> JsResult<u64> {
        let env = self.current_env();
        // The compiler and eval's context check only let through names a class declares.
        self.resolve_private_name(env, n)
            .ok_or_else(|| crate::value::Abrupt::Unsupported(format!("an unresolved private name {n}")))
    }

    /// 7.3.32 PrivateGet.
    pub(crate) fn private_get(&mut self, o: &Value, n: &Name) -> JsResult<Value> {
        let id = self.private_name(n)?;
        let Value::Object(obj) = o else { return Err(self.type_error("private member read on a non-object")) };
        let element = self.heap.obj(*obj).private.iter().find(|(i, _)| *i == id).map(|(_, e)| e.clone());
        match element {
            Some(PrivateElement::Field(v)) => Ok(v),
            Some(PrivateElement::Method(m)) => Ok(Value::Object(m)),
            Some(PrivateElement::Accessor { get: Some(g), .. }) => self.call(&Value::Object(g), o.clone(), Vec::new()),
            Some(PrivateElement::Accessor { get: None, .. }) => Err(self.type_error(&format!("'{n}' has no getter"))),
            None => Err(self.type_error(&format!("object has no private member '{n}'"))),
        }
    }

    /// 7.3.33 PrivateSet.
    pub(crate) fn private_set(&mut self, o: &Value, n: &Name, v: Value) -> JsResult<()> {
        let id = self.private_name(n)?;
        let Value::Object(obj) = o else { return Err(self.type_error("private member write on a non-object")) };
        let obj = *obj;
        let element = self.heap.obj(obj).private.iter().position(|(i, _)| *i == id);
        let Some(pos) = element else { return Err(self.type_error(&format!("object has no private member '{n}'"))) };
        match self.heap.obj(obj).private[pos].1.clone() {
            PrivateElement::Field(_) => {
                self.heap.obj_mut(obj).private[pos].1 = PrivateElement::Field(v);
                Ok(())
            }
            PrivateElement::Method(_) => Err(self.type_error(&format!("private method '{n}' is not writable"))),
            PrivateElement::Accessor { set: Some(s), .. } => {
                self.call(&Value::Object(s), o.clone(), vec![v])?;
                Ok(())
            }
            PrivateElement::Accessor { set: None, .. } => Err(self.type_error(&format!("'{n}' has no setter"))),
        }
    }

    /// The function environment `super` refers to (9.4.3 GetThisEnvironment) and its function.
    fn super_environment(&mut self) -> (crate::value::EnvRef, ObjRef) {
        let mut env = self.current_env();
        loop {
            match self.heap.env(env) {
                Environment::Function { this, function, .. } if *this != ThisBinding::Lexical => {
                    return (env, *function)
                }
                e => env = e.outer().expect("super is only valid inside methods"),
            }
        }
    }

    /// 13.3.7.2 GetSuperConstructor: the active function's prototype, read before the call's
    /// arguments are evaluated (so an argument that changes it does not change the call).
    pub(crate) fn super_constructor(&mut self) -> Value {
        let (_, f) = self.super_environment();
        self.heap.obj(f).proto.map_or(Value::Null, Value::Object)
    }

    /// 13.3.7.1 SuperCall: construct `func` (from [`Vm::super_constructor`]) with new.target,
    /// bind this, initialize fields.
    pub(crate) fn super_call(&mut self, func: Value, args: Vec<Value>) -> JsResult<Value> {
        let (env, f) = self.super_environment();
        let new_target = match self.heap.env(env) {
            Environment::Function { new_target: Value::Object(nt), .. } => *nt,
            _ => return Err(self.error("SyntaxError", "'super' keyword unexpected here")),
        };
        let Some(parent) = func.as_object().filter(|p| self.is_constructor(*p)) else {
            return Err(self.type_error("super constructor is not a constructor"));
        };
        let result = self.construct(parent, args, Some(new_target))?;
        if let Environment::Function { this, .. } = self.heap.env_mut(env) {
            if *this != ThisBinding::Uninitialized {
                return Err(self.error("ReferenceError", "super() called twice in a derived constructor"));
            }
            *this = ThisBinding::Initialized(result.clone());
        }
        let Value::Object(o) = result else { unreachable!("[[Construct]] returns an object") };
        self.initialize_instance_elements(o, f)?;
        Ok(result)
    }

    /// The object `super.x` looks in (the home object's prototype) and the this value.
    pub(crate) fn super_base(&mut self) -> JsResult<(Option<ObjRef>, Value)> {
        let env = self.current_env();
        let this = self.resolve_this_binding(env)?;
        let (_, f) = self.super_environment();
        let home = match &self.heap.obj(f).kind {
            ObjectKind::Function(FunctionKind::Ordinary { home: Some(h), .. }) => *h,
            _ => return Err(self.error("SyntaxError", "'super' keyword unexpected here")),
        };
        Ok((self.heap.obj(home).proto, this))
    }

    /// 13.3.7 `super.x`: Get on the home object's prototype with this as the receiver.
    pub(crate) fn super_get(&mut self, key: &(impl crate::value::AsKey + ?Sized)) -> JsResult<Value> {
        let (base, this) = self.super_base()?;
        self.get_via_super(base, key, this)
    }

    /// Get on `base` (a super reference's base, read earlier) with this as the receiver.
    pub(crate) fn super_get_from(
        &mut self,
        base: &Value,
        key: &(impl crate::value::AsKey + ?Sized),
    ) -> JsResult<Value> {
        let env = self.current_env();
        let this = self.resolve_this_binding(env)?;
        self.get_via_super(base.as_object(), key, this)
    }

    /// Get on a super reference's base (`None`: the home object's prototype is null).
    pub(crate) fn get_via_super(
        &mut self,
        base: Option<ObjRef>,
        key: &(impl crate::value::AsKey + ?Sized),
        this: Value,
    ) -> JsResult<Value> {
        let Some(base) = base else { return Err(self.type_error("cannot read a property of null via super")) };
        self.get_with_receiver(base, key, this)
    }

    /// `super.x = v`: Set on `base` (the home object's prototype, read before `v` was evaluated)
    /// with this as the receiver. A failed Set throws only in strict code (6.2.5.6 PutValue); a
    /// null base throws in any code (ToObject).
    pub(crate) fn super_set(
        &mut self,
        base: &Value,
        key: &(impl crate::value::AsKey + ?Sized),
        v: Value,
        strict: bool,
    ) -> JsResult<()> {
        let key = key.key();
        let Value::Object(base) = base else {
            return Err(self.type_error("cannot set a property of null via super"));
        };
        let env = self.current_env();
        let this = self.resolve_this_binding(env)?;
        if !self.set(*base, &key, v, this)? && strict {
            return Err(self.type_error(&format!("cannot assign to '{key}' via super")));
        }
        Ok(())
    }
}
