//! Typed expression generation.

use std::rc::Rc;

use arbitrary::Result;

use super::ty::*;
use super::*;

/// Something that can be called from here, with the signature of what it calls.
#[derive(Debug, Clone)]
pub(crate) enum Callee {
    /// `name(...)`
    Named(Name, Rc<FnTy>),
    /// `object.field(...)`, a function-valued field or a method.
    Field(Name, &'static str, Rc<FnTy>),
    /// `this.field(...)` inside a method of a known object type.
    ThisField(&'static str, Rc<FnTy>),
    /// `array[i](...)` with `i` below the array's known length.
    Elem(Name, u32, Rc<FnTy>),
}

impl Callee {
    pub fn fnty(&self) -> &Rc<FnTy> {
        match self {
            Callee::Named(_, t) | Callee::Field(_, _, t) | Callee::ThisField(_, t) | Callee::Elem(_, _, t) => t,
        }
    }
}

/// A borrowed [`Callee`], while walking the candidates.
enum CalleeRef<'s> {
    Named(Name, &'s Rc<FnTy>),
    Field(Name, &'static str, &'s Rc<FnTy>),
    ThisField(&'static str, &'s Rc<FnTy>),
    Elem(Name, u32, &'s Rc<FnTy>),
}

impl CalleeRef<'_> {
    fn to_owned(&self) -> Callee {
        match *self {
            CalleeRef::Named(n, t) => Callee::Named(n, t.clone()),
            CalleeRef::Field(n, f, t) => Callee::Field(n, f, t.clone()),
            CalleeRef::ThisField(f, t) => Callee::ThisField(f, t.clone()),
            CalleeRef::Elem(n, len, t) => Callee::Elem(n, len, t.clone()),
        }
    }
}

pub(crate) const STRINGS: [&str; 5] = ["s", "t", "ab", "", "x"];

/// The binary operators of primitive expressions and their weights (`**` last: profiles without it
/// zero its weight).
const BINARY_OPS: [(BinOp, u32); 15] = [
    (BinOp::Add, 30),
    (BinOp::Sub, 12),
    (BinOp::Mul, 10),
    (BinOp::Rem, 4),
    (BinOp::Lt, 5),
    (BinOp::Gt, 4),
    (BinOp::Le, 2),
    (BinOp::Ge, 2),
    (BinOp::StrictEq, 6),
    (BinOp::StrictNe, 3),
    (BinOp::Eq, 3),
    (BinOp::Ne, 2),
    (BinOp::And, 3),
    (BinOp::Or, 4),
    (BinOp::Exp, 1),
];

impl<'a, 'b> Gen<'a, 'b> {
    /// A value of type `ty`. `d` bounds the expression depth.
    pub fn gen_value(&mut self, ty: &Ty, d: u32) -> Result<Expr> {
        self.plain_gen(|g| match ty {
            Ty::Prim | Ty::Error => g.gen_prim(d),
            Ty::Func(ft) => g.gen_func_value(ft, d),
            Ty::Method(ft) => g.gen_func_value(ft, d),
            Ty::Obj(ot) => g.gen_obj_value(ot, d),
            Ty::Arr(at) => g.gen_arr_value(at, d),
        })
    }

    /// Readable bindings of exactly-fitting type.
    fn readable_fitting(&self, ty: &Ty) -> Vec<Name> {
        self.visible_names(false, |b| b.readable && b.ty.fits(ty))
    }

    /// A primitive expression.
    pub fn gen_prim(&mut self, d: u32) -> Result<Expr> {
        if d == 0 || self.stmts_left <= 0 {
            return self.prim_leaf();
        }
        let (callees, fields) = self.prim_counts();
        let this_fields = self.this_prim_field_count();
        let args = self.frame().args;
        let f = self.feat;
        let is_writable = |b: &Binding| b.readable && b.writable && b.ty.is_prim();
        let (_, _, writable) = self.binding_counts();
        let w = [
            40,                                                    // leaf
            30,                                                    // binary
            6,                                                     // unary
            4,                                                     // conditional
            if callees == 0 { 0 } else { 16 },                     // call
            if fields == 0 { 0 } else { 8 },                       // object field
            if f.templates { 3 } else { 0 },                       // template literal
            if f.nullish { 2 } else { 0 },                         // ??
            if args.available && args.all_prim { 3 } else { 0 },   // arguments
            if this_fields == 0 { 0 } else { 8 },                  // this.field
            if writable == 0 { 0 } else { 3 },                     // assignment expression
            if f.optional_chaining && fields > 0 { 2 } else { 0 }, // ?.
        ];
        match self.weighted(&w)? {
            0 => self.prim_leaf(),
            1 => {
                let mut weights = BINARY_OPS.map(|(_, w)| w);
                if !f.exponent {
                    weights[BINARY_OPS.len() - 1] = 0;
                }
                let op = BINARY_OPS[self.weighted(&weights)?].0;
                let l = self.gen_prim(d - 1)?;
                // `**` is implementation-approximated (6.1.6.1.3): a fraction cubed differs in its
                // last digits between V8, JavaScriptCore and libm, while a square is one rounded
                // multiplication everywhere. So exponents stay at 0, 1 and 2.
                let r = if op == BinOp::Exp { num(self.int(0, 2)?) } else { self.gen_prim(d - 1)? };
                Ok(bin(op, l, r))
            }
            2 => {
                let which = self.weighted(&[3, 2, 4])?;
                match which {
                    0 => Ok(unary(UnaryOp::Neg, self.gen_prim(d - 1)?)),
                    1 => Ok(unary(UnaryOp::Not, self.gen_prim(d - 1)?)),
                    _ => self.typeof_expr(d),
                }
            }
            3 => {
                let c = self.gen_prim(d - 1)?;
                let a = self.gen_prim(d - 1)?;
                let b = self.gen_prim(d - 1)?;
                Ok(Expr::Cond(Box::new(c), Box::new(a), Box::new(b)))
            }
            4 => {
                let k = self.pick(callees)?;
                match self.nth_callee(Some(&Ty::Prim), 1, k) {
                    Some(c) => self.gen_call(&c, d),
                    None => self.prim_leaf(),
                }
            }
            5 => {
                let k = self.pick(fields)?;
                let (o, field) = self.nth_prim_field(k);
                let o = self.read(o);
                Ok(member(o, field))
            }
            6 => {
                let n = self.int(1, 2)?;
                let mut quasis: Vec<Text> = vec![self.pick_from(&STRINGS)?.into()];
                let mut exprs = Vec::new();
                for _ in 0..n {
                    exprs.push(self.gen_prim(d - 1)?);
                    quasis.push(self.pick_from(&["", "-", " ", ":"])?.into());
                }
                Ok(Expr::Template(quasis, exprs))
            }
            7 => {
                let l = self.gen_prim(d - 1)?;
                let r = self.gen_prim(d - 1)?;
                Ok(bin(BinOp::Nullish, l, r))
            }
            8 => {
                let a = self.read("arguments");
                if self.chance(50)? {
                    Ok(member(a, "length"))
                } else {
                    let i = self.int(0, 2)?;
                    Ok(index(a, num(i)))
                }
            }
            9 => {
                let k = self.pick(this_fields)?;
                let field = self.this_prim_fields().nth(k).expect("k is below the count of primitive fields");
                Ok(member(Expr::This, field))
            }
            10 => {
                let k = self.pick(writable)?;
                let name = self.nth_visible(false, k, is_writable);
                let v = self.gen_prim(d - 1)?;
                let t = self.target(name);
                let op = self.pick_from(&[AssignOp::Assign, AssignOp::Add, AssignOp::Sub])?;
                Ok(assign(op, t, v))
            }
            _ => {
                let k = self.pick(fields)?;
                let (o, field) = self.nth_prim_field(k);
                let o = self.read(o);
                Ok(Expr::OptMember(Box::new(o), Name::new(field)))
            }
        }
    }

    /// A literal, a read of a primitive binding, or `typeof` of any binding.
    pub fn prim_leaf(&mut self) -> Result<Expr> {
        let is_prim = |b: &Binding| b.readable && b.ty.is_prim();
        let (prims, captured, _) = self.binding_counts();
        let w = [30, if prims == 0 { 0 } else { 55 }, 8, 4, 2, 4];
        match self.weighted(&w)? {
            0 => {
                let n = match self.weighted(&[8, 2, 1])? {
                    0 => self.int(0, 9)?,
                    1 => self.int(10, 100)?,
                    _ => -self.int(1, 9)?,
                };
                Ok(num(n))
            }
            1 => {
                // Prefer captured bindings a little: they are what this generator is about.
                let name = if captured > 0 && self.chance(40)? {
                    let k = self.pick(captured)?;
                    self.nth_visible(true, k, is_prim)
                } else {
                    let k = self.pick(prims)?;
                    self.nth_visible(false, k, is_prim)
                };
                Ok(self.read(name))
            }
            2 => Ok(string(self.pick_from(&STRINGS)?)),
            3 => Ok(Expr::Bool(self.chance(50)?)),
            4 => Ok(if self.chance(50)? { Expr::Undefined } else { Expr::Null }),
            _ => self.typeof_expr(0),
        }
    }

    /// `typeof` of a readable binding of any type (or of a primitive expression).
    fn typeof_expr(&mut self, d: u32) -> Result<Expr> {
        let any = |b: &Binding| b.readable && !matches!(b.ty, Ty::Method(_));
        let count = self.count_visible(any);
        if count == 0 || (d > 0 && self.chance(30)?) {
            let e = if d == 0 { self.small_num()? } else { self.gen_prim(d - 1)? };
            return Ok(unary(UnaryOp::Typeof, e));
        }
        let k = self.pick(count)?;
        let name = self.nth_visible(false, k, any);
        let r = self.read(name);
        Ok(unary(UnaryOp::Typeof, r))
    }

    /// (readable primitive bindings, of which captured, readable and writable primitive bindings),
    /// cached while the scope model stays the same.
    fn binding_counts(&self) -> (usize, usize, usize) {
        let (epoch, prims, captured, writable) = self.binding_counts.get();
        if epoch == self.epoch() {
            return (prims, captured, writable);
        }
        let (mut prims, mut captured, mut writable) = (0, 0, 0);
        for &r in self.visible_indices().iter() {
            let b = self.at(r);
            if b.readable && b.ty.is_prim() {
                prims += 1;
                captured += usize::from(r.2);
                writable += usize::from(b.writable);
            }
        }
        self.binding_counts.set((self.epoch(), prims, captured, writable));
        (prims, captured, writable)
    }

    /// How many primitive-returning callees (callable once here) and primitive fields there are;
    /// cached while the scope model and the frame's rank stay the same.
    fn prim_counts(&self) -> (usize, usize) {
        let (epoch, rank, callees, fields) = self.prim_counts.get();
        let (callees, fields) = if epoch == self.epoch() && rank == self.rank() {
            (callees, fields)
        } else {
            let callees = if self.rank() == 0 { 0 } else { self.callee_count_unbudgeted(Some(&Ty::Prim)) };
            let fields = self.prim_field_count();
            self.prim_counts.set((self.epoch(), self.rank(), callees, fields));
            (callees, fields)
        };
        (if self.can_call(1) { callees } else { 0 }, fields)
    }

    /// [`Gen::callee_count`] for one call, assuming the call budget allows it.
    fn callee_count_unbudgeted(&self, want: Option<&Ty>) -> usize {
        let mut n = 0;
        self.walk_callees_with(want, &|t: &FnTy| t.rank < self.rank(), &mut |_| {
            n += 1;
            false
        });
        n
    }

    /// Calls `f` on each (object binding, field) pair of primitive data fields and getters.
    fn walk_prim_fields(&self, f: &mut dyn FnMut(Name, &'static str) -> bool) {
        for &r in self.visible_indices().iter() {
            let b = self.at(r);
            if let (true, Ty::Obj(o)) = (b.readable, &b.ty) {
                for fl in &o.fields {
                    if fl.ty.is_prim() && f(b.name, fl.name) {
                        return;
                    }
                }
            }
        }
    }

    fn prim_field_count(&self) -> usize {
        let mut n = 0;
        self.walk_prim_fields(&mut |_, _| {
            n += 1;
            false
        });
        n
    }

    /// The `k`th primitive field (`k` below [`Gen::prim_field_count`]).
    fn nth_prim_field(&self, k: usize) -> (Name, &'static str) {
        let mut i = 0;
        let mut found = (Name::default(), "");
        self.walk_prim_fields(&mut |o, f| {
            if i == k {
                found = (o, f);
                return true;
            }
            i += 1;
            false
        });
        found
    }

    /// The primitive fields of `this`'s known type.
    fn this_prim_fields(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.frame().this_obj.iter().flat_map(|o| o.fields.iter().filter(|f| f.ty.is_prim()).map(|f| f.name))
    }

    fn this_prim_field_count(&self) -> usize {
        self.this_prim_fields().count()
    }

    /// How many things callable here return a value that fits `want` (any type when `None`), `times`
    /// times within the call budget.
    pub fn callee_count(&self, want: Option<&Ty>, times: u32) -> usize {
        let mut n = 0;
        self.walk_callees(want, times, &mut |_| {
            n += 1;
            false
        });
        n
    }

    /// The `k`th of the [`Gen::callee_count`] callees.
    pub fn nth_callee(&self, want: Option<&Ty>, times: u32, k: usize) -> Option<Callee> {
        let mut i = 0;
        let mut found = None;
        self.walk_callees(want, times, &mut |c| {
            if i == k {
                found = Some(c.to_owned());
                return true;
            }
            i += 1;
            false
        });
        found
    }

    /// Calls `f` on each callee in a fixed order until it returns true.
    fn walk_callees(&self, want: Option<&Ty>, times: u32, f: &mut dyn FnMut(CalleeRef<'_>) -> bool) {
        if !self.can_call(times) {
            return;
        }
        self.walk_callees_with(want, &|t: &FnTy| self.callable(t.rank, times), f)
    }

    fn walk_callees_with(
        &self,
        want: Option<&Ty>,
        allowed: &dyn Fn(&FnTy) -> bool,
        f: &mut dyn FnMut(CalleeRef<'_>) -> bool,
    ) {
        let ok = |t: &FnTy| allowed(t) && want.is_none_or(|w| t.ret.fits(w));
        for &r in self.visible_indices().iter() {
            let b = self.at(r);
            if !b.readable {
                continue;
            }
            match &b.ty {
                Ty::Func(ft) if ok(ft) && f(CalleeRef::Named(b.name, ft)) => return,
                Ty::Obj(o) => {
                    for fl in &o.fields {
                        if let Ty::Func(ft) | Ty::Method(ft) = &fl.ty {
                            if ok(ft) && f(CalleeRef::Field(b.name, fl.name, ft)) {
                                return;
                            }
                        }
                    }
                }
                Ty::Arr(a) if a.len > 0 => {
                    if let Ty::Func(ft) = &a.elem {
                        if ok(ft) && f(CalleeRef::Elem(b.name, a.len, ft)) {
                            return;
                        }
                    }
                }
                _ => {}
            }
        }
        if let Some(o) = &self.frame().this_obj {
            for fl in &o.fields {
                if let Ty::Func(ft) | Ty::Method(ft) = &fl.ty {
                    if ok(ft) && f(CalleeRef::ThisField(fl.name, ft)) {
                        return;
                    }
                }
            }
        }
    }

    /// A call of `c` with generated arguments (spends one call of the budget).
    pub fn gen_call(&mut self, c: &Callee, d: u32) -> Result<Expr> {
        self.spend_call(1);
        let callee = match c {
            Callee::Named(n, _) => self.read(n),
            Callee::Field(o, f, _) => {
                let o = self.read(o);
                member(o, f)
            }
            Callee::ThisField(f, _) => member(Expr::This, f),
            Callee::Elem(a, len, _) => {
                let a = self.read(a);
                let i = self.int(0, i64::from(*len) - 1)?;
                index(a, num(i))
            }
        };
        let ft = c.fnty().clone();
        let mut args = Vec::new();
        for p in &ft.params {
            args.push(self.gen_value(p, d.saturating_sub(1))?);
        }
        Ok(call(callee, args))
    }

    /// A function value of signature `ft`: an existing one, a new closure, or one returned by a call.
    pub fn gen_func_value(&mut self, ft: &Rc<FnTy>, d: u32) -> Result<Expr> {
        let want = Ty::Func(ft.clone());
        let existing = self.readable_fitting(&want);
        let makers = if d > 0 { self.callee_count(Some(&want), 1) } else { 0 };
        let w = [50, if existing.is_empty() { 0 } else { 35 }, if makers == 0 { 0 } else { 10 }];
        match self.weighted(&w)? {
            1 => {
                let n = self.pick_from(&existing)?;
                Ok(self.read(n))
            }
            2 => {
                let k = self.pick(makers)?;
                match self.nth_callee(Some(&want), 1, k) {
                    Some(c) => self.gen_call(&c, d),
                    None => self.gen_closure(ft, d),
                }
            }
            _ => self.gen_closure(ft, d),
        }
    }

    /// A new function expression or arrow of signature `ft`.
    pub fn gen_closure(&mut self, ft: &Rc<FnTy>, d: u32) -> Result<Expr> {
        let arrow = self.feat.arrows && self.chance(50)?;
        let mut spec = FnSpec::new(
            if arrow { FunctionKind::Arrow } else { FunctionKind::Expression },
            ft.params.iter().map(|p| ParamSpec::of(p.clone())).collect(),
            ft.rank,
        );
        if !arrow && self.chance(15)? {
            // A named function expression: its name is visible only inside.
            spec.name = Some(self.nfe_name()?);
        }
        if self.feat.default_params && !spec.params.is_empty() && self.chance(10)? {
            let last = spec.params.len() - 1;
            if spec.params[last].ty.is_prim() {
                spec.params[last].default = DefaultSpec::Prim;
            }
        }
        let ret_ty = ft.ret.clone();
        let nested = d > 0 && self.room(2) && self.budget(4, 1);
        let mut f = self.with_function(spec, |g, _| {
            let max = if nested { 2 } else { 0 };
            g.gen_body(&ret_ty, max)
        })?;
        f.expression_body = arrow && f.body.len() == 1;
        Ok(func_expr(f))
    }

    /// An object of type `ot`: an existing binding or a new literal.
    pub fn gen_obj_value(&mut self, ot: &Rc<ObjTy>, d: u32) -> Result<Expr> {
        let existing = self.readable_fitting(&Ty::Obj(ot.clone()));
        if !existing.is_empty() && self.chance(50)? {
            let n = self.pick_from(&existing)?;
            return Ok(self.read(n));
        }
        self.object_literal(ot, d)
    }

    /// A new object literal of type `ot`; methods and getters see `this` as that object.
    pub fn object_literal(&mut self, ot: &Rc<ObjTy>, d: u32) -> Result<Expr> {
        let mut props = Vec::new();
        for f in &ot.fields {
            let key = PropKey::Name(Name::new(f.name));
            match &f.ty {
                Ty::Method(ft) => {
                    let shorthand = self.feat.method_shorthand && self.chance(50)?;
                    let kind = if shorthand { FunctionKind::Method } else { FunctionKind::Expression };
                    let mut spec =
                        FnSpec::new(kind, ft.params.iter().map(|p| ParamSpec::of(p.clone())).collect(), ft.rank);
                    spec.this_obj = Some(ot.clone());
                    let ret_ty = ft.ret.clone();
                    let nested = d > 0 && self.room(2);
                    let func = self.with_function(spec, |g, _| g.gen_body(&ret_ty, if nested { 2 } else { 0 }))?;
                    props.push(if shorthand { Prop::Method(key, func) } else { Prop::Init(key, func_expr(func)) });
                }
                Ty::Prim if f.getter => {
                    // Getters read only data fields and bindings (a getter reading a getter could
                    // recurse forever) and call nothing.
                    let data = ot.fields.iter().find(|d| d.ty.is_prim() && !d.getter).map(|d| d.name);
                    let mut spec = FnSpec::new(FunctionKind::Getter, vec![], 0);
                    spec.this_obj = Some(ot.clone());
                    let func = self.with_function(spec, |g, _| {
                        let leaf = g.prim_leaf()?;
                        Ok(vec![ret(match data {
                            Some(d) => bin(BinOp::Add, member(Expr::This, d), leaf),
                            None => leaf,
                        })])
                    })?;
                    props.push(Prop::Method(key.clone(), func));
                    if f.writable {
                        // A setter that ignores its argument keeps writes harmless in strict code.
                        let func = self
                            .with_function(FnSpec::new(FunctionKind::Setter, vec![ParamSpec::prim()], 0), |_, _| {
                                Ok(vec![])
                            })?;
                        props.push(Prop::Method(key, func));
                    }
                }
                ty => {
                    let v = self.gen_value(ty, d.saturating_sub(1))?;
                    props.push(Prop::Init(key, v));
                }
            }
        }
        Ok(Expr::Object(props))
    }

    /// An array of type `at`: an existing binding or a literal of exactly `len` elements.
    pub fn gen_arr_value(&mut self, at: &Rc<ArrTy>, d: u32) -> Result<Expr> {
        let existing = self.readable_fitting(&Ty::Arr(at.clone()));
        if !existing.is_empty() && self.chance(50)? {
            let n = self.pick_from(&existing)?;
            return Ok(self.read(n));
        }
        let mut xs = Vec::new();
        for _ in 0..at.len {
            xs.push(if at.elem.is_prim() { self.prim_leaf()? } else { self.gen_value(&at.elem, d.saturating_sub(1))? });
        }
        Ok(Expr::Array(xs))
    }

    /// A random function signature of rank at most `max_rank`.
    pub fn random_fnty(&mut self, max_rank: u32, allow_fn_ret: bool) -> Result<Rc<FnTy>> {
        let rank = if max_rank == 0 {
            0
        } else if self.chance(60)? {
            max_rank
        } else {
            self.int(0, i64::from(max_rank))? as u32
        };
        let mut params = Vec::new();
        for _ in 0..self.weighted(&[3, 5, 3, 1])? {
            params.push(Ty::Prim);
        }
        if rank > 0 && self.chance(15)? {
            // A callback parameter: the function calls what it is passed.
            let cb = Ty::func(vec![Ty::Prim], Ty::Prim, self.int(0, i64::from(rank) - 1)? as u32);
            params.insert(0, cb);
        }
        let ret = if allow_fn_ret && self.chance(15)? {
            let inner_rank = self.int(0, i64::from(self.cfg.max_call_rank))? as u32;
            Ty::func(vec![Ty::Prim], Ty::Prim, inner_rank)
        } else {
            Ty::Prim
        };
        Ok(Rc::new(FnTy { params, ret, rank }))
    }

    /// A random object type: a primitive field `v`, maybe a getter `w`, a method `m` and a function
    /// field `k`.
    pub fn random_objty(&mut self) -> Result<Rc<ObjTy>> {
        let mut fields = vec![Field { name: "v", ty: Ty::Prim, writable: true, getter: false }];
        if self.chance(40)? {
            fields.push(Field { name: "w", ty: Ty::Prim, writable: false, getter: true });
        }
        let max = self.cfg.max_call_rank.min(self.rank().saturating_sub(1));
        if self.chance(60)? {
            let ft = self.random_fnty(max, false)?;
            fields.push(Field { name: "m", ty: Ty::Method(ft), writable: false, getter: false });
        }
        if self.chance(30)? {
            let ft = self.random_fnty(max, false)?;
            fields.push(Field { name: "k", ty: Ty::Func(ft), writable: true, getter: false });
        }
        Ok(Rc::new(ObjTy { fields }))
    }
}
