//! Symbols (20.4): the constructor, the global symbol registry, the well-known symbols and
//! `Symbol.prototype`.

use crate::heap::IndexMap;

use crate::heap::{Heap, ObjectKind, SymbolData};
use crate::value::{JsResult, Name, ObjRef, SymRef, Value};
use crate::vm::Vm;

/// The well-known symbols (6.1.5.1) whose protocols this interpreter implements. The others
/// (`isConcatSpreadable`, `match`, `matchAll`, `replace`, `search`, `species`, `split`) are not
/// created: reading them from `Symbol` refuses the program.
#[derive(Debug, Clone)]
pub struct WellKnown {
    pub async_iterator: SymRef,
    pub has_instance: SymRef,
    pub iterator: SymRef,
    pub to_primitive: SymRef,
    pub to_string_tag: SymRef,
    pub unscopables: SymRef,
}

impl WellKnown {
    pub fn create(heap: &mut Heap) -> WellKnown {
        let mut make = |name: &str| {
            heap.alloc_symbol(SymbolData { description: Some(Name::from(format!("Symbol.{name}"))), registered: false })
        };
        WellKnown {
            async_iterator: make("asyncIterator"),
            has_instance: make("hasInstance"),
            iterator: make("iterator"),
            to_primitive: make("toPrimitive"),
            to_string_tag: make("toStringTag"),
            unscopables: make("unscopables"),
        }
    }

    /// Property names on `Symbol`, in the specification's order.
    pub fn named(&self) -> [(&'static str, SymRef); 6] {
        [
            ("asyncIterator", self.async_iterator),
            ("hasInstance", self.has_instance),
            ("iterator", self.iterator),
            ("toPrimitive", self.to_primitive),
            ("toStringTag", self.to_string_tag),
            ("unscopables", self.unscopables),
        ]
    }

    pub fn all(&self) -> impl Iterator<Item = SymRef> + '_ {
        self.named().into_iter().map(|(_, s)| s)
    }
}

/// The GlobalSymbolRegistry (20.4.2.2): keys to their registered symbols.
pub type Registry = IndexMap<Name, SymRef>;

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or(Value::Undefined)
}

impl Vm {
    pub fn new_symbol(&mut self, description: Option<Name>) -> SymRef {
        self.heap.alloc_symbol(SymbolData { description, registered: false })
    }

    /// 20.4.3.3.1 SymbolDescriptiveString.
    pub fn symbol_descriptive_string(&self, s: SymRef) -> String {
        format!("Symbol({})", self.heap.symbol(s).description.as_deref().unwrap_or(""))
    }

    /// 20.4.3 thisSymbolValue.
    fn this_symbol_value(&mut self, this: &Value) -> JsResult<SymRef> {
        match this {
            Value::Symbol(s) => Ok(*s),
            Value::Object(o) => match self.heap.obj(*o).kind {
                ObjectKind::SymbolWrapper(s) => Ok(s),
                _ => Err(self.type_error("Symbol.prototype method called on an incompatible receiver")),
            },
            _ => Err(self.type_error("Symbol.prototype method called on an incompatible receiver")),
        }
    }
}

/// 20.4.1.1 Symbol([description]).
pub fn symbol_constructor(vm: &mut Vm, _: &Value, args: &[Value], new_target: Option<ObjRef>) -> JsResult<Value> {
    if new_target.is_some() {
        return Err(vm.type_error("Symbol is not a constructor"));
    }
    let description = match arg(args, 0) {
        Value::Undefined => None,
        d => Some(vm.to_string(&d)?),
    };
    Ok(Value::Symbol(vm.new_symbol(description)))
}

/// 20.4.2.2 Symbol.for(key).
pub fn symbol_for(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let key = vm.to_string(&arg(args, 0))?;
    if let Some(s) = vm.realm.symbol_registry.get(&key) {
        return Ok(Value::Symbol(*s));
    }
    let s = vm.heap.alloc_symbol(SymbolData { description: Some(key.clone()), registered: true });
    vm.realm.symbol_registry.insert(key, s);
    Ok(Value::Symbol(s))
}

/// 20.4.2.6 Symbol.keyFor(sym).
pub fn symbol_key_for(vm: &mut Vm, _: &Value, args: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let Value::Symbol(s) = arg(args, 0) else { return Err(vm.type_error("Symbol.keyFor: not a symbol")) };
    let key = vm.realm.symbol_registry.iter().find(|(_, r)| **r == s).map(|(k, _)| k.clone());
    Ok(key.map(Value::String).unwrap_or(Value::Undefined))
}

/// 20.4.3.2 get Symbol.prototype.description.
pub fn symbol_description(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let s = vm.this_symbol_value(this)?;
    Ok(vm.heap.symbol(s).description.clone().map(Value::String).unwrap_or(Value::Undefined))
}

/// 20.4.3.3 Symbol.prototype.toString.
pub fn symbol_to_string(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    let s = vm.this_symbol_value(this)?;
    Ok(Value::str(&vm.symbol_descriptive_string(s)))
}

/// 20.4.3.4 Symbol.prototype.valueOf and 20.4.3.5 Symbol.prototype[@@toPrimitive].
pub fn symbol_value_of(vm: &mut Vm, this: &Value, _: &[Value], _: Option<ObjRef>) -> JsResult<Value> {
    Ok(Value::Symbol(vm.this_symbol_value(this)?))
}
