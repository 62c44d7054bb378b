//! Destructuring patterns: the producers whose bindings come out of `{ ... }` and `[ ... ]`
//! patterns, where defaults are closures or expressions evaluated in the middle of binding.
//!
//! Each one stands for a category of MISSION.md's table (default-params, tdz, shared-binding, loops,
//! exceptions, capture-write, eval-with; generators-async has one in `flow.rs`) and is picked by that
//! category's producer when the profile has [`Features::destructuring`].

use arbitrary::Result;

use super::cats::{fnty, prop};
use super::*;

/// Property keys of object patterns that rename: `{ k1: x }` binds `x` to property `k1`.
const KEYS: [&str; 3] = ["k1", "k2", "k3"];

/// The (first) function a statement declares or initialises a variable with.
pub(crate) fn function_in(s: &mut Stmt) -> Option<&mut Function> {
    match s {
        Stmt::Function(f) => Some(f),
        Stmt::Decl(_, ds) => match ds.first_mut().and_then(|d| d.init.as_mut()) {
            Some(Expr::Function(f)) => Some(f.as_mut()),
            _ => None,
        },
        _ => None,
    }
}

/// A function declaration of rank `rank` taking `(a, x = e, h = () => ...)`, whose parameters after
/// the first [`Gen::destructure_params_after_first`] turns into a pattern: the body's model declares
/// the pattern's names as parameters, which is what they are. No `arguments`: its elements are not
/// the model's.
pub(crate) fn pattern_params_spec(rank: u32) -> FnSpec {
    let get = fnty(0, Ty::Prim, 0);
    FnSpec {
        no_arguments: true,
        ..FnSpec::new(
            FunctionKind::Declaration,
            vec![
                ParamSpec::prim(),
                ParamSpec { default: DefaultSpec::Prim, ..ParamSpec::prim() },
                ParamSpec { default: DefaultSpec::Closure, ..ParamSpec::of(Ty::Func(get)) },
            ],
            rank,
        )
    }
}

impl<'a, 'b> Gen<'a, 'b> {
    /// The key an object pattern reads `name` from: the name itself (shorthand) or a renaming key.
    fn pattern_key(&mut self, name: Name, i: usize) -> Result<Name> {
        Ok(if self.chance(60)? { name } else { Name::new(KEYS[i % KEYS.len()]) })
    }

    /// Turns the parameters after the first of the function that `s` declares into one
    /// destructuring pattern (object or array) binding the same names, with the same defaults, itself
    /// defaulting to `{}` or `[]`: the generator modelled them as parameters, which is what the
    /// pattern's bindings are. Returns the keys an argument object gives them under.
    pub(crate) fn destructure_params_after_first(&mut self, s: &mut Stmt, object: bool) -> Result<Vec<Name>> {
        let f = function_in(s).expect("function_decl_spec declares a function or a variable holding one");
        let destructured = f.params.split_off(1);
        let first = destructured[0].name;
        let mut keys = Vec::new();
        let mut parts = Vec::new();
        for (i, p) in destructured.into_iter().enumerate() {
            let key = if object { self.pattern_key(p.name, i)? } else { p.name };
            keys.push(key);
            parts.push(PatternPart::name(key, p.name, p.default));
        }
        let empty = if object { Expr::Object(vec![]) } else { Expr::Array(vec![]) };
        f.params.push(Param { name: first, default: Some(empty), pattern: Some(Pattern::of(object, parts)) });
        Ok(keys)
    }

    /// `function f(a, { x = e, h = () => a + x } = {}) { a += 1; print(x); return h(); }` (or with an
    /// array pattern), called without the pattern's argument, with a value for `x`, and with a
    /// closure for `h`: defaults see the parameters and the pattern's bindings before them, and a
    /// closure made by a default sees later writes to the parameter it captured.
    pub(crate) fn destructured_parameter(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !(self.feat.destructuring && self.feat.default_params && self.fits_here(1, 3)) {
            return Ok(false);
        }
        out.push(self.tag(Category::DefaultParams, "a destructured parameter's defaults see the bindings before them"));
        let rank = self.rank() - 1;
        let (fname, mut s) =
            self.function_decl_spec(Role::Function, pattern_params_spec(rank), Ty::Prim, |g, ft, names| {
                let mut body = Vec::new();
                if g.chance(70)? {
                    let t = g.target(names[0]);
                    let v = g.small_num()?;
                    body.push(expr_stmt(assign(AssignOp::Add, t, v)));
                }
                let x = g.read(names[1]);
                body.push(print(x));
                body.push(g.return_call_if_ranked(ft.rank, names[2]));
                Ok(body)
            })?;
        let object = self.chance(50)?;
        let keys = self.destructure_params_after_first(&mut s, object)?;
        out.push(s);
        // Generated calls pass the first argument only.
        self.retype(&fname, Ty::Func(Rc::new(FnTy { params: vec![Ty::Prim], ret: Ty::Prim, rank })));

        let a = self.small_num()?;
        let c = self.call_named(&fname, vec![a]);
        out.push(print(c));
        let (a, x) = (self.small_num()?, self.small_num()?);
        let arg = if object { Expr::Object(vec![prop(&keys[0], x)]) } else { Expr::Array(vec![x]) };
        let c = self.call_named(&fname, vec![a, arg]);
        out.push(print(c));
        let a = self.small_num()?;
        let h = self.closure(vec![], 0, |g, _| Ok(vec![ret(g.capture_expr()?)]))?;
        let arg = if object { Expr::Object(vec![prop(&keys[1], h)]) } else { Expr::Array(vec![Expr::Undefined, h]) };
        let c = self.call_named(&fname, vec![a, arg]);
        out.push(print(c));
        Ok(true)
    }

    /// `let { p = q, q } = { q: 1 };` in `try`: `p`'s default reads `q` before the pattern has bound
    /// it (a ReferenceError), unless the value has a `p` (defaults run only for `undefined`) or the
    /// default is a closure called afterwards.
    pub(crate) fn pattern_tdz(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !(self.feat.destructuring && self.feat.let_const) {
            return Ok(false);
        }
        out.push(self.tag(Category::Tdz, "a destructuring default reads a binding its pattern has not bound yet"));
        let b = self.with_block(|g| {
            let kind = if g.chance(50)? { DeclKind::Const } else { DeclKind::Let };
            let closure = g.feat.arrows && g.fits_here(0, 1) && g.chance(40)?;
            let p_ty = if closure { Ty::Func(fnty(0, Ty::Prim, 0)) } else { Ty::Prim };
            let p = g.new_binding(Role::Value, How::Lexical, kind.binding_kind(), p_ty, false)?;
            let q = g.new_binding(Role::Value, How::Lexical, kind.binding_kind(), Ty::Prim, false)?;
            let q_read = g.read(q);
            let p_default = if closure {
                let mut f = Function::new(FunctionKind::Arrow, None);
                f.expression_body = true;
                f.body.push(ret(q_read));
                func_expr(f)
            } else {
                q_read
            };
            let q_default = if g.chance(40)? { Some(g.small_num()?) } else { None };
            // A value for `p` skips its default (only when `p` is a primitive).
            let p_value = if !closure && g.chance(25)? { Some(g.small_num()?) } else { None };
            let q_value = if q_default.is_none() || g.chance(50)? { Some(g.gen_prim(1)?) } else { None };
            let object = g.chance(50)?;
            let (pk, qk) = if object { (g.pattern_key(p, 0)?, g.pattern_key(q, 1)?) } else { (p, q) };
            let parts = vec![PatternPart::name(pk, p, Some(p_default)), PatternPart::name(qk, q, q_default)];
            let init = if object {
                let props = [(pk, p_value), (qk, q_value)].into_iter();
                Expr::Object(props.filter_map(|(k, v)| Some(prop(&k, v?))).collect())
            } else {
                Expr::Array(vec![p_value.unwrap_or(Expr::Undefined), q_value.unwrap_or(Expr::Undefined)])
            };
            let pattern = Pattern::of(object, parts);
            g.set_readable(p, true);
            g.set_readable(q, true);
            let shown = if closure { g.call_named(&p, vec![]) } else { g.read(p) };
            let q_read = g.read(q);
            let prints = vec![print(shown), print(q_read)];
            if g.chance(30)? {
                // The same pattern as a catch parameter, whose bindings have a TDZ too (14.15.3):
                // `try { throw init; } catch (pattern) { ... }`, the only statement of the block.
                let handler = Catch { param: Some(pattern), body: prints };
                return Ok(vec![Stmt::Try { block: vec![Stmt::Throw(init)], handler: Some(handler), finalizer: None }]);
            }
            let mut b = vec![Stmt::Destructure(kind, pattern, init)];
            b.extend(prints);
            Ok(b)
        })?;
        out.push(self.guarded(b)?);
        Ok(true)
    }

    /// `let { a, k1: [c, d = () => a + c] } = { a: 1, k1: [2] };` then writes to `a` and `c`, one
    /// through another closure, each seen through `d`: closures made by a pattern's defaults share
    /// the bindings the pattern made.
    pub(crate) fn pattern_shared_binding(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !(self.feat.destructuring && self.fits_here(1, 4)) {
            return Ok(false);
        }
        out.push(
            self.tag(Category::SharedBinding, "closures made by a pattern's default share the pattern's bindings"),
        );
        let kind = self.decl_kind(true)?;
        let how = if kind == DeclKind::Var { How::Var } else { How::Lexical };
        let writable = kind != DeclKind::Const;
        let bk = kind.binding_kind();
        let a = self.new_binding(Role::Value, how, bk, Ty::Prim, writable)?;
        let c = self.new_binding(Role::Value, how, bk, Ty::Prim, writable)?;
        let get = fnty(0, Ty::Prim, 0);
        let d = self.new_binding(Role::Function, how, bk, Ty::Func(get.clone()), false)?;
        // The initialiser runs before the pattern binds anything: the new names are unreadable.
        let (va, vc) = (self.gen_prim(1)?, self.gen_prim(1)?);
        let d_default = self.closure(vec![], 0, |g, _| {
            let (ar, cr) = (g.read(a), g.read(c));
            let mut e = bin(BinOp::Add, ar, cr);
            if g.chance(40)? {
                e = bin(BinOp::Add, e, g.capture_expr()?);
            }
            Ok(vec![ret(e)])
        })?;
        let outer_object = self.chance(50)?;
        let (ka, kc) = (self.pattern_key(a, 0)?, self.pattern_key(c, 1)?);
        let kin = Name::new(KEYS[2]);
        // The inner pattern holds `c` and `d`; the outer one `a` and the inner one.
        let inner_object = self.chance(50)?;
        let inner_parts = vec![PatternPart::name(kc, c, None), PatternPart::name(d, d, Some(d_default))];
        let inner = Pattern::of(inner_object, inner_parts);
        let inner_value = if inner_object { Expr::Object(vec![prop(&kc, vc)]) } else { Expr::Array(vec![vc]) };
        let outer_parts = vec![PatternPart::name(ka, a, None), PatternPart { key: kin, target: inner, default: None }];
        let init = if outer_object {
            Expr::Object(vec![prop(&ka, va), prop(&kin, inner_value)])
        } else {
            Expr::Array(vec![va, inner_value])
        };
        out.push(Stmt::Destructure(kind, Pattern::of(outer_object, outer_parts), init));
        for n in [a, c, d] {
            self.set_readable(n, true);
        }
        let shown = self.call_named(&d, vec![]);
        out.push(print(shown));
        if writable {
            let t = self.target(a);
            let v = self.gen_prim(1)?;
            out.push(expr_stmt(assign(AssignOp::Assign, t, v)));
            // Another closure writes `c` and returns what `d` sees (a rank above `d`, which it calls).
            let bump = self.closure(vec![], 1, |g, _| {
                let t = g.target(c);
                let v = g.small_num()?;
                let get = g.read(d);
                Ok(vec![expr_stmt(assign(AssignOp::Add, t, v)), ret(call(get, vec![]))])
            })?;
            let shown = self.call_named(&d, vec![]);
            out.push(print(shown));
            self.spend_call(1);
            out.push(print(call(bump, vec![])));
        }
        let shown = self.call_named(&d, vec![]);
        out.push(print(shown));
        Ok(true)
    }

    /// `for (let [k, { k1: v = k + 1 }] of [[1, {}], [2, { k1: 5 }]]) { fs.push(() => k + v); }`:
    /// a for-of head's pattern makes fresh bindings for each iteration with `let`/`const` (one shared
    /// binding with `var`), and its default reads a binding the same pattern made just before.
    pub(crate) fn pattern_for_of(&mut self, kind: DeclKind, trips: u32, fs: Name) -> Result<Stmt> {
        self.push_scope(ScopeKind::Block);
        let r = (|| {
            let how = if kind == DeclKind::Var { How::Var } else { How::Lexical };
            let bk = kind.binding_kind();
            let k = self.new_binding(Role::Value, how, bk, Ty::Prim, kind == DeclKind::Let)?;
            let v = self.new_binding(Role::Value, how, bk, Ty::Prim, false)?;
            let inner_object = self.chance(50)?;
            let kv = self.pattern_key(v, 1)?;
            // The iterable is evaluated with the head's bindings in their TDZ: literals only.
            let mut elements = Vec::new();
            for _ in 0..trips {
                let kval = self.small_num()?;
                let vval = if self.chance(50)? { Some(self.small_num()?) } else { None };
                let inner = match (inner_object, vval) {
                    (true, v) => Expr::Object(v.map(|v| prop(&kv, v)).into_iter().collect()),
                    (false, v) => Expr::Array(v.into_iter().collect()),
                };
                elements.push(Expr::Array(vec![kval, inner]));
            }
            let kr = self.read(k);
            let v_default = bin(BinOp::Add, kr, self.small_num()?);
            let inner_part = PatternPart::name(kv, v, Some(v_default));
            let inner = Pattern::of(inner_object, vec![inner_part]);
            let target = Pattern::Array(vec![
                PatternPart::name(k, k, None),
                PatternPart { key: kv, target: inner, default: None },
            ]);
            self.set_readable(k, true);
            self.set_readable(v, true);
            let body = self.with_loop(trips, |g| {
                g.with_block(|g| {
                    let c = g.closure(vec![], 0, |g, _| {
                        let (kr, vr) = (g.read(k), g.read(v));
                        Ok(vec![ret(bin(BinOp::Add, bin(BinOp::Mul, kr, num(10)), vr))])
                    })?;
                    let a = g.read(fs);
                    let mut b = vec![expr_stmt(method_call(a, "push", vec![c]))];
                    // A write after the closure is made: it sees the value its own iteration ends with.
                    if kind == DeclKind::Let && g.chance(50)? {
                        let t = g.target(k);
                        b.push(expr_stmt(assign(AssignOp::Add, t, num(100))));
                    }
                    Ok(b)
                })
            })?;
            Ok(Stmt::ForOf { is_await: false, decl: Some(kind), target, iterable: Expr::Array(elements), body })
        })();
        self.pop_scope();
        r
    }

    /// `try { throw { k1: 3, k2: [4] }; } catch ({ k1: c, k2: [m, n = () => c + m] }) { c += 1; g = n; }`
    /// then `g()`: a closure made by a catch parameter's default outlives the catch and sees the
    /// handler's write to a binding of the same pattern.
    pub(crate) fn pattern_catch(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !(self.feat.destructuring && self.fits_here(0, 1)) {
            return Ok(false);
        }
        out.push(self.tag(Category::Exceptions, "a closure made by a catch parameter's default outlives the catch"));
        let get = fnty(0, Ty::Prim, 0);
        let (names, d) = self.declare_uninit(Role::Function, &[Ty::Func(get.clone())])?;
        out.push(d);
        let keep = names[0];
        let thrown_c = self.gen_prim(1)?;
        let thrown_m = self.small_num()?;
        self.push_scope(ScopeKind::Catch);
        let handler = (|| {
            let c = self.new_binding(Role::Value, How::Catch, BindingKind::Catch, Ty::Prim, true)?;
            let m = self.new_binding(Role::Value, How::Catch, BindingKind::Catch, Ty::Prim, true)?;
            let n = self.new_binding(Role::Function, How::Catch, BindingKind::Catch, Ty::Func(get.clone()), false)?;
            let n_default = self.closure(vec![], 0, |g, _| {
                let (cr, mr) = (g.read(c), g.read(m));
                Ok(vec![ret(bin(BinOp::Add, cr, mr))])
            })?;
            let (kc, km) = (self.pattern_key(c, 0)?, Name::new(KEYS[1]));
            let param = Pattern::Object(vec![
                PatternPart::name(kc, c, None),
                PatternPart {
                    key: km,
                    target: Pattern::Array(vec![
                        PatternPart::name(m, m, None),
                        PatternPart::name(n, n, Some(n_default)),
                    ]),
                    default: None,
                },
            ]);
            for name in [c, m, n] {
                self.set_readable(name, true);
            }
            let mut body = self.gen_stmts(1, 30)?;
            let t = self.target(c);
            let v = self.small_num()?;
            body.push(expr_stmt(assign(AssignOp::Add, t, v)));
            let t = self.target(keep);
            let nr = self.read(n);
            body.push(expr_stmt(assign(AssignOp::Assign, t, nr)));
            Ok((Catch { param: Some(param), body }, kc))
        })();
        self.pop_scope();
        let (handler, kc) = handler?;
        let thrown = Expr::Object(vec![prop(&kc, thrown_c), prop(KEYS[1], Expr::Array(vec![thrown_m]))]);
        out.push(Stmt::Try { block: vec![Stmt::Throw(thrown)], handler: Some(handler), finalizer: None });
        self.set_readable(keep, true);
        let shown = self.call_named(&keep, vec![]);
        out.push(print(shown));
        Ok(true)
    }

    /// `let a = 1, b = 2; const w = () => { [a, b] = [b, a]; return a + b; };` (or
    /// `({ k1: a, k2: b = a } = { k1: b })`, whose default reads what the same assignment just
    /// stored): a closure assigns the variables it captured through a pattern, and the writes are
    /// seen outside it.
    pub(crate) fn pattern_assignment(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !(self.feat.destructuring && self.fits_here(0, 2)) {
            return Ok(false);
        }
        out.push(
            self.tag(Category::CaptureWrite, "a closure assigns captured variables through a destructuring pattern"),
        );
        let kind = self.decl_kind(false)?;
        let (a, da) = self.declare_var(Role::Value, kind, Ty::Prim, true, |g| g.gen_prim(1))?;
        let (b, db) = self.declare_var(Role::Value, kind, Ty::Prim, true, |g| g.gen_prim(1))?;
        out.extend([da, db]);
        let object = self.chance(50)?;
        let fkind = self.decl_kind(true)?;
        let (w, dw) = self.declare_var(Role::Function, fkind, Ty::Func(fnty(0, Ty::Prim, 0)), false, |g| {
            g.closure(vec![], 0, |g, _| {
                g.note_lookup(a);
                g.note_lookup(b);
                let (ar, br) = (g.read(a), g.read(b));
                let (parts, value) = if object {
                    let (ka, kb) = (g.pattern_key(a, 0)?, g.pattern_key(b, 1)?);
                    // `b`'s property is absent: its default reads the `a` just assigned.
                    let parts = vec![PatternPart::name(ka, a, None), PatternPart::name(kb, b, Some(ar))];
                    (parts, Expr::Object(vec![prop(&ka, br)]))
                } else {
                    (vec![PatternPart::name(a, a, None), PatternPart::name(b, b, None)], Expr::Array(vec![br, ar]))
                };
                let pattern = Box::new(Pattern::of(object, parts));
                let swap = assign(AssignOp::Assign, Target::Pattern(pattern), value);
                let (ar, br) = (g.read(a), g.read(b));
                Ok(vec![expr_stmt(swap), ret(bin(BinOp::Add, ar, br))])
            })
        })?;
        out.push(dw);
        for _ in 0..2 {
            let c = self.call_named(&w, vec![]);
            out.push(print(c));
            let (ar, br) = (self.read(a), self.read(b));
            out.push(print(bin(BinOp::Add, bin(BinOp::Add, ar, string(",")), br)));
        }
        Ok(true)
    }

    /// `var k = 1, g; var o = { k: 2 }; with (o) { var [k, g = () => k] = [3]; }` then `k`, `o.k` and
    /// `g()`: a `var` pattern inside `with` assigns through the object environment (o.k becomes 3,
    /// the variable keeps 1), and the default's closure resolves `k` through the object too.
    pub(crate) fn pattern_in_with(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !(self.feat.destructuring && self.feat.eval_with && !self.strict() && self.fits_here(0, 2)) {
            return Ok(false);
        }
        out.push(self.tag(Category::EvalWith, "a var pattern inside with assigns through the object"));
        let (k, d) = self.declare_var(Role::Value, DeclKind::Var, Ty::Prim, true, |g| g.gen_prim(1))?;
        out.push(d);
        let get = fnty(0, Ty::Prim, 0);
        let g = self.new_binding(Role::Function, How::Var, BindingKind::Var, Ty::Func(get), false)?;
        out.push(Stmt::Decl(DeclKind::Var, vec![Declarator { name: g, init: None }]));
        let kind = self.decl_kind(true)?;
        let (o, d) = self.declare_var(Role::Object, kind, Ty::Obj(Rc::new(ObjTy { fields: vec![] })), false, |g| {
            Ok(Expr::Object(vec![prop(&k, g.gen_prim(1)?)]))
        })?;
        // Only this producer reads `o`, whose properties the model does not know.
        self.set_readable(o, false);
        out.push(d);
        // Inside, `k` is the object's property; `g` is not one, so it stays the variable.
        self.push_scope(ScopeKind::With);
        self.scopes.last_mut().expect("just pushed").add(Binding {
            name: k,
            kind: BindingKind::Var,
            ty: Ty::Prim,
            writable: true,
            readable: true,
        });
        self.touch();
        let body = self.with_block(|gen| {
            let closure = gen.closure(vec![], 0, |gen, _| Ok(vec![ret(gen.read(k))]))?;
            let value = gen.gen_prim(1)?;
            gen.note_lookup(k);
            gen.note_lookup(g);
            // The object form renames `k` (`{ k1: k }`): array patterns ignore keys.
            let object = gen.chance(50)?;
            let key = if object { Name::new(KEYS[0]) } else { k };
            let parts = vec![PatternPart::name(key, k, None), PatternPart::name(g, g, Some(closure))];
            let init = if object { Expr::Object(vec![prop(&key, value)]) } else { Expr::Array(vec![value]) };
            Ok(vec![Stmt::Destructure(DeclKind::Var, Pattern::of(object, parts), init)])
        });
        self.pop_scope();
        let or = self.read(o);
        out.push(Stmt::With(or, body?));
        self.set_readable(g, true);
        let kr = self.read(k);
        out.push(print(kr));
        let or = self.read(o);
        out.push(print(member(or, &k)));
        let c = self.call_named(&g, vec![]);
        out.push(print(c));
        let (or, v) = (self.read(o), self.gen_prim(1)?);
        out.push(expr_stmt(assign(AssignOp::Assign, Target::Member(Box::new(or), k), v)));
        let c = self.call_named(&g, vec![]);
        out.push(print(c));
        Ok(true)
    }

    /// `for (let [i, j = i + 10] = [0]; i < 3; i++, j--) { fs.push(() => i * 10 + j); }` (or with
    /// `var`): with `let`, every name the head's pattern binds, not only the counter, is copied to
    /// each iteration before the update, so the closures see (0, 10), (1, 9), (2, 8).
    pub(crate) fn pattern_counted_for(&mut self, trips: u32, fs: Name) -> Result<Stmt> {
        self.push_scope(ScopeKind::Block);
        let r = (|| {
            let kind = if self.chance(75)? { DeclKind::Let } else { DeclKind::Var };
            let how = if kind == DeclKind::Var { How::Var } else { How::Lexical };
            let bk = kind.binding_kind();
            let i = self.new_binding(Role::Counter, how, bk, Ty::Prim, false)?;
            let j = self.new_binding(Role::Value, how, bk, Ty::Prim, false)?;
            let ir = self.read(i);
            let j_default = bin(BinOp::Add, ir, self.small_num()?);
            let object = self.chance(40)?;
            let (ki, kj) = if object { (self.pattern_key(i, 0)?, self.pattern_key(j, 1)?) } else { (i, j) };
            let parts = vec![PatternPart::name(ki, i, None), PatternPart::name(kj, j, Some(j_default))];
            // `j` gets its default, or a value, half the time.
            let j_value = if self.chance(50)? { Some(self.small_num()?) } else { None };
            let init = if object {
                let mut props = vec![prop(&ki, num(0))];
                props.extend(j_value.map(|v| prop(&kj, v)));
                Expr::Object(props)
            } else {
                Expr::Array(std::iter::once(num(0)).chain(j_value).collect())
            };
            let pattern = Pattern::of(object, parts);
            self.set_readable(i, true);
            self.set_readable(j, true);
            let test = bin(BinOp::Lt, self.read(i), num(i64::from(trips)));
            let update = Expr::Seq(vec![
                Expr::Update { increment: true, prefix: false, target: self.target(i) },
                Expr::Update { increment: false, prefix: false, target: self.target(j) },
            ]);
            let body = self.with_loop(trips, |g| {
                g.with_block(|g| {
                    let c = g.closure(vec![], 0, |g, _| {
                        let (ir, jr) = (g.read(i), g.read(j));
                        Ok(vec![ret(bin(BinOp::Add, bin(BinOp::Mul, ir, num(10)), jr))])
                    })?;
                    let a = g.read(fs);
                    Ok(vec![expr_stmt(method_call(a, "push", vec![c]))])
                })
            })?;
            Ok(Stmt::For {
                init: Some(ForInit::Destructure(kind, Box::new(pattern), Box::new(init))),
                test: Some(Box::new(test)),
                update: Some(Box::new(update)),
                body,
            })
        })();
        self.pop_scope();
        r
    }
}
