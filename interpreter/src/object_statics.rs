//! The static functions of %Object% about integrity, prototypes and own enumerable properties
//! (20.1.2): `assign`, `entries`, `values`, `fromEntries`, `freeze`, `isFrozen`, `seal`,
//! `isSealed`, `preventExtensions`, `isExtensible`, `getOwnPropertyDescriptors`, `groupBy`, `is`,
//! `hasOwn` and `setPrototypeOf`, with the abstract operations they rest on (7.3.15
//! SetIntegrityLevel, 7.3.16 TestIntegrityLevel, 10.1.2.1 OrdinarySetPrototypeOf, 10.4.7
//! immutable prototype exotic objects, 7.3.23 EnumerableOwnProperties, 7.3.35 GroupBy).
//!
//! Every object of this interpreter has ordinary `[[PreventExtensions]]`, `[[IsExtensible]]` and
//! `[[GetPrototypeOf]]` (there are no proxies or typed arrays); the exotic objects differ only in
//! `[[GetOwnProperty]]`, `[[DefineOwnProperty]]` and `[[OwnPropertyKeys]]` (arrays, string wrappers,
//! arguments objects), which the operations here reach through `Vm`'s internal methods.

use crate::heap::{FunctionKind, ObjectKind, Property, Slot};
use crate::object::{same_value, Descriptor};
use crate::value::{unsupported, Abrupt, JsResult, ObjRef, PropertyKey, Value};
use crate::vm::Vm;

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or(Value::Undefined)
}

/// 10.1.2.1 OrdinarySetPrototypeOf, and 10.4.7.1 for %Object.prototype%, the realm's only
/// immutable prototype exotic object: `false` when the change is refused.
pub(crate) fn set_prototype_of(vm: &mut Vm, o: ObjRef, proto: Option<ObjRef>) -> bool {
    // Step 1 (and 10.4.7.2 SetImmutablePrototype step 2): the same prototype always succeeds.
    if vm.heap.obj(o).proto == proto {
        return true;
    }
    if o == vm.realm.object_prototype {
        return false;
    }
    // Steps 2-3.
    if !vm.heap.obj(o).extensible {
        return false;
    }
    // Steps 4-8: no cycle (every [[GetPrototypeOf]] here is the ordinary one).
    let mut p = proto;
    while let Some(q) = p {
        if q == o {
            return false;
        }
        p = vm.heap.obj(q).proto;
    }
    vm.heap.obj_mut(o).proto = proto;
    true
}

/// 7.3.15 SetIntegrityLevel: sealed, or frozen if `frozen`. Ordinary [[PreventExtensions]] always
/// succeeds; each DefinePropertyOrThrow goes through the object's own [[DefineOwnProperty]], so a
/// mapped arguments object loses the mapping of every index it freezes (10.4.4.2 step 7.b.ii) and
/// an array's `length` is frozen by ArraySetLength without a value (10.4.2.4 step 1).
pub(crate) fn set_integrity(vm: &mut Vm, obj: ObjRef, frozen: bool) -> JsResult<()> {
    vm.heap.obj_mut(obj).extensible = false;
    for k in vm.own_keys(obj) {
        vm.tick()?;
        let desc = if frozen {
            // Step 6.b.i-ii: only keys that still exist, data ones made read-only as well.
            let Some(current) = vm.get_own_property(obj, &k) else { continue };
            let is_data = matches!(current.slot, Slot::Data(_));
            Descriptor { configurable: Some(false), writable: is_data.then_some(false), ..Descriptor::default() }
        } else {
            Descriptor { configurable: Some(false), ..Descriptor::default() }
        };
        if !vm.define_own_property(obj, &k, desc)? {
            return Err(vm.type_error(&format!("cannot redefine property '{k}'")));
        }
    }
    Ok(())
}

/// 7.3.16 TestIntegrityLevel.
fn test_integrity(vm: &mut Vm, obj: ObjRef, frozen: bool) -> JsResult<bool> {
    if vm.heap.obj(obj).extensible {
        return Ok(false);
    }
    for k in vm.own_keys(obj) {
        vm.tick()?;
        if let Some(p) = vm.get_own_property(obj, &k) {
            if p.configurable || (frozen && matches!(p.slot, Slot::Data(_)) && p.writable) {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// 20.1.2.6 Object.freeze ( O ).
pub(crate) fn object_freeze(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = arg(args, 0);
    if let Value::Object(obj) = o {
        set_integrity(vm, obj, true)?;
    }
    Ok(o)
}

/// 20.1.2.22 Object.seal ( O ).
pub(crate) fn object_seal(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = arg(args, 0);
    if let Value::Object(obj) = o {
        set_integrity(vm, obj, false)?;
    }
    Ok(o)
}

/// 20.1.2.17 Object.isFrozen ( O ).
pub(crate) fn object_is_frozen(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    match arg(args, 0) {
        Value::Object(obj) => Ok(Value::Bool(test_integrity(vm, obj, true)?)),
        _ => Ok(Value::Bool(true)),
    }
}

/// 20.1.2.18 Object.isSealed ( O ).
pub(crate) fn object_is_sealed(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    match arg(args, 0) {
        Value::Object(obj) => Ok(Value::Bool(test_integrity(vm, obj, false)?)),
        _ => Ok(Value::Bool(true)),
    }
}

/// 20.1.2.20 Object.preventExtensions ( O ): ordinary [[PreventExtensions]] always succeeds.
pub(crate) fn object_prevent_extensions(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = arg(args, 0);
    if let Value::Object(obj) = o {
        vm.heap.obj_mut(obj).extensible = false;
    }
    Ok(o)
}

/// 20.1.2.16 Object.isExtensible ( O ).
pub(crate) fn object_is_extensible(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(Value::Bool(arg(args, 0).as_object().is_some_and(|o| vm.heap.obj(o).extensible)))
}

/// 20.1.2.23 Object.setPrototypeOf ( O, proto ).
pub(crate) fn object_set_prototype_of(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = arg(args, 0);
    vm.require_object_coercible(&o)?;
    let proto = match arg(args, 1) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        _ => return Err(vm.type_error("Object prototype may only be an Object or null")),
    };
    let Value::Object(obj) = o else { return Ok(o) };
    if !set_prototype_of(vm, obj, proto) {
        return Err(vm.type_error("cannot set prototype"));
    }
    Ok(o)
}

/// 20.1.2.14 Object.is ( value1, value2 ).
pub(crate) fn object_is(_: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(Value::Bool(same_value(&arg(args, 0), &arg(args, 1))))
}

/// 20.1.2.13 Object.hasOwn ( O, P ).
pub(crate) fn object_has_own(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(&arg(args, 0))?;
    let k = vm.to_property_key(&arg(args, 1))?;
    vm.refuse_unimplemented_own(o, &k)?;
    Ok(Value::Bool(vm.get_own_property(o, &k).is_some()))
}

/// 20.1.2.1 Object.assign ( target, ...sources ).
pub(crate) fn object_assign(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let to = vm.to_object(&arg(args, 0))?;
    for source in args.iter().skip(1) {
        if source.is_nullish() {
            continue;
        }
        let from = vm.to_object(source)?;
        for k in vm.own_keys(from) {
            vm.tick()?;
            // Steps 3.a.iii.1-2: the descriptor is read just before the value, so a getter that
            // deletes or hides a later property is seen.
            if vm.get_own_property(from, &k).is_some_and(|p| p.enumerable) {
                let v = vm.get(from, &k)?;
                if !vm.set(to, &k, v, Value::Object(to))? {
                    return Err(vm.type_error(&format!("cannot assign to property '{k}'")));
                }
            }
        }
    }
    Ok(Value::Object(to))
}

/// 7.3.23 EnumerableOwnProperties for `values` (when `entries` is false) or `entries`.
fn enumerable_own_properties(vm: &mut Vm, o: ObjRef, entries: bool) -> JsResult<Vec<Value>> {
    let mut out = Vec::new();
    for k in vm.own_property_keys(o) {
        vm.tick()?;
        if vm.get_own_property(o, &k).is_some_and(|p| p.enumerable) {
            let v = vm.get(o, &k)?;
            out.push(if entries { Value::Object(vm.new_array(vec![Value::String(k), v])) } else { v });
        }
    }
    Ok(out)
}

/// 20.1.2.5 Object.entries ( O ).
pub(crate) fn object_entries(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(&arg(args, 0))?;
    let list = enumerable_own_properties(vm, o, true)?;
    Ok(Value::Object(vm.new_array(list)))
}

/// 20.1.2.24 Object.values ( O ).
pub(crate) fn object_values(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let o = vm.to_object(&arg(args, 0))?;
    let list = enumerable_own_properties(vm, o, false)?;
    Ok(Value::Object(vm.new_array(list)))
}

/// IfAbruptCloseIterator: a throw completion closes the iterator `it` before it goes on.
fn close_on_throw<T>(vm: &mut Vm, it: ObjRef, result: JsResult<T>) -> JsResult<T> {
    match result {
        Err(error @ Abrupt::Throw(_)) => {
            vm.iterator_close_after_throw(it)?;
            Err(error)
        }
        other => other,
    }
}

/// 20.1.2.7 Object.fromEntries ( iterable ), with 24.1.1.2 AddEntriesFromIterable and
/// CreateDataPropertyOnObject as the adder.
pub(crate) fn object_from_entries(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let iterable = arg(args, 0);
    vm.require_object_coercible(&iterable)?;
    let obj = vm.new_object();
    let it = vm.for_of_iterator(&iterable)?.as_object().expect("a loop iterator");
    loop {
        vm.tick()?;
        let Some(next) = vm.iterator_step(it)? else { return Ok(Value::Object(obj)) };
        let added = (|| {
            let Value::Object(entry) = next else {
                return Err(vm.type_error("iterator value is not an entry object"));
            };
            let k = vm.get(entry, "0")?;
            let v = vm.get(entry, "1")?;
            let key = vm.to_property_key(&k)?;
            vm.create_data_property_or_throw(obj, &key, v)
        })();
        close_on_throw(vm, it, added)?;
    }
}

/// 6.2.6.4 FromPropertyDescriptor of an existing property.
pub(crate) fn from_property(vm: &mut Vm, p: Property) -> JsResult<ObjRef> {
    let d = vm.new_object();
    let fn_or_undefined = |f: Option<ObjRef>| f.map(Value::Object).unwrap_or(Value::Undefined);
    match p.slot {
        Slot::Data(v) => {
            vm.create_data_property_or_throw(d, "value", v)?;
            vm.create_data_property_or_throw(d, "writable", Value::Bool(p.writable))?;
        }
        Slot::Accessor { get, set } => {
            vm.create_data_property_or_throw(d, "get", fn_or_undefined(get))?;
            vm.create_data_property_or_throw(d, "set", fn_or_undefined(set))?;
        }
    }
    vm.create_data_property_or_throw(d, "enumerable", Value::Bool(p.enumerable))?;
    vm.create_data_property_or_throw(d, "configurable", Value::Bool(p.configurable))?;
    Ok(d)
}

/// 20.1.2.9 Object.getOwnPropertyDescriptors ( O ).
pub(crate) fn object_get_own_property_descriptors(
    vm: &mut Vm,
    _: &Value,
    args: &[Value],
    _: Option<ObjRef>,
) -> JsResult<Value> {
    let obj = vm.to_object(&arg(args, 0))?;
    // An intrinsic's list of keys lacks the members this interpreter does not provide.
    vm.refuse_unimplemented_members(obj)?;
    // Function.prototype's `caller` and `arguments` are not %ThrowTypeError% here.
    if obj == vm.realm.function_prototype {
        return unsupported("the descriptors of Function.prototype");
    }
    match &vm.heap.obj(obj).kind {
        // Engines may give sloppy functions own `caller` and `arguments` properties (17.1 allows
        // it for plain sloppy functions only).
        ObjectKind::Function(FunctionKind::Ordinary { code, .. })
            if !code.strict
                && code.kind == crate::bytecode::CodeKind::Normal
                && !code.is_generator
                && !code.is_async =>
        {
            return unsupported("the own property descriptors of a sloppy function");
        }
        // Engines give error objects own properties of their own (`stack`, `line`, `fileName`...).
        ObjectKind::Error => return unsupported("the own property descriptors of an error object"),
        _ => {}
    }
    let descriptors = vm.new_object();
    for k in vm.own_keys(obj) {
        vm.tick()?;
        if let Some(p) = vm.get_own_property(obj, &k) {
            let d = from_property(vm, p)?;
            vm.create_data_property_or_throw(descriptors, &k, Value::Object(d))?;
        }
    }
    Ok(Value::Object(descriptors))
}

/// 20.1.2.11 Object.groupBy ( items, callbackfn ), with 7.3.35 GroupBy (property keys) and
/// 7.3.34 AddValueToKeyedGroup.
pub(crate) fn object_group_by(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let items = arg(args, 0);
    let callback = arg(args, 1);
    vm.require_object_coercible(&items)?;
    if !callback.as_object().is_some_and(|f| vm.is_callable(f)) {
        return Err(vm.type_error("Object.groupBy: callback is not a function"));
    }
    let mut groups: Vec<(PropertyKey, Vec<Value>)> = Vec::new();
    let it = vm.for_of_iterator(&items)?.as_object().expect("a loop iterator");
    let mut k = 0.0;
    loop {
        vm.tick()?;
        // Step 6.a (k reaching 2^53 - 1) cannot be reached within the fuel.
        let Some(value) = vm.iterator_step(it)? else { break };
        let key = (|| {
            let key = vm.call(&callback, Value::Undefined, vec![value.clone(), Value::Number(k)])?;
            vm.to_property_key(&key)
        })();
        let key = close_on_throw(vm, it, key)?;
        match groups.iter_mut().find(|(g, _)| *g == key) {
            Some((_, elements)) => elements.push(value),
            None => groups.push((key, vec![value])),
        }
        k += 1.0;
    }
    let obj = vm.alloc(crate::heap::Object::new(None, ObjectKind::Ordinary));
    for (key, elements) in groups {
        let elements = vm.new_array(elements);
        vm.create_data_property_or_throw(obj, &key, Value::Object(elements))?;
    }
    Ok(Value::Object(obj))
}
