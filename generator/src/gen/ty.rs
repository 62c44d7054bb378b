//! The generator's static types. They exist only while generating: they let every read, call and
//! write be well-typed, so that programs never call a non-function, never read a property of
//! `undefined`, never print an object, and terminate.

use std::rc::Rc;

/// What a binding, field or parameter holds, as far as the generator knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ty {
    /// A primitive (number, string, boolean, `undefined` or `null`): safe for every operator and for
    /// `print`.
    Prim,
    /// A function value of this signature.
    Func(Rc<FnTy>),
    /// An object field holding a function that uses `this`: only callable as `object.field(...)`.
    Method(Rc<FnTy>),
    Obj(Rc<ObjTy>),
    Arr(Rc<ArrTy>),
    /// A caught `Error` object: only its `name` is read.
    Error,
}

/// A function signature. `rank` is the termination measure: a function of rank `r` only calls
/// functions of rank below `r` (recursive templates call themselves with a decreasing depth argument
/// instead).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FnTy {
    pub params: Vec<Ty>,
    pub ret: Ty,
    pub rank: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field {
    pub name: &'static str,
    pub ty: Ty,
    /// Plain data fields are writable; getters without setters are not.
    pub writable: bool,
    /// Reading the field runs a getter (which calls nothing).
    pub getter: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ObjTy {
    pub fields: Vec<Field>,
}

/// An array that only ever grows: `len` is a lower bound on its length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ArrTy {
    pub elem: Ty,
    pub len: u32,
}

impl Ty {
    pub fn func(params: Vec<Ty>, ret: Ty, rank: u32) -> Ty {
        Ty::Func(Rc::new(FnTy { params, ret, rank }))
    }

    pub fn arr(elem: Ty, len: u32) -> Ty {
        Ty::Arr(Rc::new(ArrTy { elem, len }))
    }

    /// Whether a value of type `self` may be stored where `slot` is expected.
    pub fn fits(&self, slot: &Ty) -> bool {
        match (self, slot) {
            (Ty::Prim, Ty::Prim) | (Ty::Error, Ty::Error) => true,
            (Ty::Func(a), Ty::Func(b)) => a.params == b.params && a.ret.fits(&b.ret) && a.rank <= b.rank,
            (Ty::Obj(a), Ty::Obj(b)) => a == b,
            (Ty::Arr(a), Ty::Arr(b)) => a.elem == b.elem && a.len >= b.len,
            _ => false,
        }
    }

    pub fn is_prim(&self) -> bool {
        matches!(self, Ty::Prim)
    }
}
