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

/// Handle of a Symbol value (6.1.5) in the [`crate::heap::Heap`]: its identity is the symbol's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SymRef(pub u32);

/// 6.1 ECMAScript Language Types (BigInt is not implemented: programs using it are refused as
/// unsupported before such a value could exist).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(Name),
    Symbol(SymRef),
    Object(ObjRef),
}

/// A property key (6.1.7): a String or a Symbol.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PropertyKey {
    String(Name),
    Symbol(SymRef),
}

impl PropertyKey {
    pub fn to_value(&self) -> Value {
        match self {
            PropertyKey::String(s) => Value::String(s.clone()),
            PropertyKey::Symbol(s) => Value::Symbol(*s),
        }
    }
}

impl std::fmt::Display for PropertyKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PropertyKey::String(s) => f.write_str(s),
            PropertyKey::Symbol(_) => f.write_str("Symbol()"),
        }
    }
}

impl From<&str> for PropertyKey {
    fn from(s: &str) -> PropertyKey {
        PropertyKey::String(Rc::from(s))
    }
}

/// A borrowed property key, what the object operations take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyRef<'a> {
    Str(&'a str),
    Sym(SymRef),
}

impl std::fmt::Display for KeyRef<'_> {
    /// For error messages only (a symbol's description is not at hand here).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyRef::Str(s) => f.write_str(s),
            KeyRef::Sym(_) => f.write_str("Symbol()"),
        }
    }
}

/// Anything usable as a property key: string types, symbols and [`PropertyKey`].
pub trait AsKey {
    fn key(&self) -> KeyRef<'_>;
}

impl AsKey for str {
    fn key(&self) -> KeyRef<'_> {
        KeyRef::Str(self)
    }
}

impl AsKey for String {
    fn key(&self) -> KeyRef<'_> {
        KeyRef::Str(self)
    }
}

impl AsKey for Rc<str> {
    fn key(&self) -> KeyRef<'_> {
        KeyRef::Str(self)
    }
}

impl AsKey for SymRef {
    fn key(&self) -> KeyRef<'_> {
        KeyRef::Sym(*self)
    }
}

impl AsKey for PropertyKey {
    fn key(&self) -> KeyRef<'_> {
        match self {
            PropertyKey::String(s) => KeyRef::Str(s),
            PropertyKey::Symbol(s) => KeyRef::Sym(*s),
        }
    }
}

impl AsKey for KeyRef<'_> {
    fn key(&self) -> KeyRef<'_> {
        *self
    }
}

impl<T: AsKey + ?Sized> AsKey for &T {
    fn key(&self) -> KeyRef<'_> {
        (**self).key()
    }
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
