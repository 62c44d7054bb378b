//! ECMAScript language values (6.1) and the handles that name heap cells.

use std::rc::Rc;

/// An interned-by-refcount string: identifier names and property keys.
pub type Name = Rc<str>;

/// Handle of an object in the [`crate::heap::Heap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjRef(pub u32);

/// Handle of an Environment Record in the [`crate::heap::Heap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EnvRef(pub u32);

/// 6.1 ECMAScript Language Types (Symbol and BigInt are not implemented: programs using them are
/// refused as unsupported before a value of those types could exist).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(Name),
    Object(ObjRef),
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::String(Rc::from(s))
    }

    pub fn as_object(&self) -> Option<ObjRef> {
        match self {
            Value::Object(o) => Some(*o),
            _ => None,
        }
    }

    pub fn is_nullish(&self) -> bool {
        matches!(self, Value::Undefined | Value::Null)
    }
}

/// Why evaluation stopped early. `Throw` is the spec's throw completion; the other two end the whole
/// run and can never be caught by JavaScript code.
#[derive(Debug, Clone)]
pub enum Abrupt {
    Throw(Value),
    Exhausted(crate::api::Resource),
    Unsupported(String),
}

pub type JsResult<T> = Result<T, Abrupt>;

/// Shorthand for refusing a feature.
pub fn unsupported<T>(feature: impl Into<String>) -> JsResult<T> {
    Err(Abrupt::Unsupported(feature.into()))
}
