//! One producer per category of MISSION.md's table. Each writes a short, commented group of
//! statements that exercises its category on purpose (the hard cases of issue 3), mixing in random
//! plain statements and expressions, and registers the bindings it leaves behind with their types so
//! that later statements keep using them (closures called long after their creator returned).
//!
//! A producer returns `Ok(false)` without output when it cannot run here (rank, call budget or
//! profile); the caller then emits a plain statement instead.

use std::rc::Rc;

use arbitrary::Result;

use super::expr::Callee;
use super::ty::*;
use super::*;

pub(crate) fn fnty(params: usize, ret: Ty, rank: u32) -> Rc<FnTy> {
    Rc::new(FnTy { params: vec![Ty::Prim; params], ret, rank })
}

pub(crate) fn field(name: &'static str, ty: Ty) -> Field {
    Field { name, ty, writable: false, getter: false }
}

pub(crate) fn prop(name: &str, e: Expr) -> Prop {
    Prop::Init(PropKey::Name(Name::new(name)), e)
}

fn lt_eq(op: BinOp, l: Expr, r: i64) -> Expr {
    bin(op, l, num(r))
}

impl<'a, 'b> Gen<'a, 'b> {
    /// Runs the producer of `c`, appending to `out`; false if it cannot run here.
    pub fn produce(&mut self, c: Category, out: &mut Vec<Stmt>) -> Result<bool> {
        self.spend(3);
        let mark = self.reserved.len();
        let plain = self.plain_depth;
        self.plain_depth = 0;
        self.in_producer += 1;
        let r = self.produce_inner(c, out);
        self.in_producer -= 1;
        self.plain_depth = plain;
        self.reserved.truncate(mark);
        r
    }

    fn produce_inner(&mut self, c: Category, out: &mut Vec<Stmt>) -> Result<bool> {
        match c {
            Category::CaptureRead => self.cat_capture_read(out),
            Category::CaptureWrite => self.cat_capture_write(out),
            Category::SharedBinding => self.cat_shared_binding(out),
            Category::Escape => self.cat_escape(out),
            Category::Shadowing => self.cat_shadowing(out),
            Category::Hoisting => self.cat_hoisting(out),
            Category::Tdz => self.cat_tdz(out),
            Category::Const => self.cat_const(out),
            Category::Loops => self.cat_loops(out),
            Category::Arguments => self.cat_arguments(out),
            Category::DefaultParams => self.cat_default_params(out),
            Category::This => self.cat_this(out),
            Category::PrivateState => self.cat_private_state(out),
            Category::Exceptions => self.cat_exceptions(out),
            Category::Recursion => self.cat_recursion(out),
            Category::GeneratorsAsync => self.cat_generators_async(out),
            Category::EvalWith => self.cat_eval_with(out),
            Category::ClassScope => self.cat_class_scope(out),
            Category::Lifetime => self.cat_lifetime(out),
        }
    }

    // ----- helpers ----------------------------------------------------------------------------------

    /// Whether a producer needing functions of `ranks` levels below here and `calls` calls can run.
    pub(crate) fn fits_here(&self, ranks: u32, calls: u32) -> bool {
        self.rank() > ranks && self.can_call(calls)
    }

    /// A new closure: an arrow (when the profile has them) or a function expression.
    pub(crate) fn closure(
        &mut self,
        params: Vec<ParamSpec>,
        rank: u32,
        body: impl FnOnce(&mut Self, &[Name]) -> Result<Vec<Stmt>>,
    ) -> Result<Expr> {
        let arrow = self.feat.arrows && self.chance(50)?;
        let kind = if arrow { FunctionKind::Arrow } else { FunctionKind::Expression };
        let mut f = self.with_function(FnSpec::new(kind, params, rank), body)?;
        f.expression_body = arrow && f.body.len() == 1 && matches!(f.body[0], Stmt::Return(Some(_)));
        Ok(func_expr(f))
    }

    /// A new `function` expression (never an arrow: it has its own `this` and `arguments`).
    pub(crate) fn fn_expr(
        &mut self,
        spec: FnSpec,
        body: impl FnOnce(&mut Self, &[Name]) -> Result<Vec<Stmt>>,
    ) -> Result<Expr> {
        let spec = FnSpec { kind: FunctionKind::Expression, ..spec };
        Ok(func_expr(self.with_function(spec, body)?))
    }

    /// `name(args)`, spending one call.
    pub(crate) fn call_named(&mut self, name: &str, args: Vec<Expr>) -> Expr {
        self.spend_call(1);
        let f = self.read(name);
        call(f, args)
    }

    /// A call of the named function with generated arguments.
    pub(crate) fn call_gen(&mut self, name: &str, ft: &Rc<FnTy>) -> Result<Expr> {
        self.gen_call(&Callee::Named(Name::new(name), ft.clone()), 2)
    }

    /// A primitive expression that reads bindings of enclosing functions (captures) when there are
    /// some, mixed with random parts.
    pub(crate) fn capture_expr(&mut self) -> Result<Expr> {
        let outer = self.visible_names(true, |b| b.readable && b.ty.is_prim());
        let mut e = if outer.is_empty() {
            self.gen_prim(2)?
        } else {
            let n = self.pick_from(&outer)?;
            self.read(n)
        };
        for _ in 0..self.int(0, 2)? {
            let r = if !outer.is_empty() && self.chance(60)? {
                let n = self.pick_from(&outer)?;
                self.read(n)
            } else {
                self.prim_leaf()?
            };
            let op = self.pick_from(&[BinOp::Add, BinOp::Add, BinOp::Mul, BinOp::Sub])?;
            e = bin(op, e, r);
        }
        Ok(e)
    }

    /// `return h();`, spending the call, when a function of rank `rank` may call the rank-0 closure
    /// `h` (a parameter's default); otherwise `return 0;`.
    pub(crate) fn return_call_if_ranked(&mut self, rank: u32, h: Name) -> Stmt {
        if rank == 0 {
            return ret(num(0));
        }
        self.spend_call(1);
        let h = self.read(h);
        ret(call(h, vec![]))
    }

    /// `name + <random part>`: an expression certainly reading `name`.
    pub(crate) fn reading(&mut self, name: &str) -> Result<Expr> {
        let r = self.read(name);
        if self.chance(50)? {
            return Ok(r);
        }
        let other = self.capture_expr()?;
        Ok(bin(BinOp::Add, r, other))
    }

    /// `let`/`var` (never `const`) of `names` without initialisers; they stay unreadable until set.
    pub(crate) fn declare_uninit(&mut self, role: Role, tys: &[Ty]) -> Result<(Vec<Name>, Stmt)> {
        let kind = self.decl_kind(false)?;
        let how = if kind == DeclKind::Var { How::Var } else { How::Lexical };
        let mut names = Vec::new();
        for ty in tys {
            names.push(self.new_binding(role, how, kind.binding_kind(), ty.clone(), true)?);
        }
        let ds = names.iter().map(|n| Declarator { name: *n, init: None }).collect();
        Ok((names, Stmt::Decl(kind, ds)))
    }

    /// Replaces the type of binding `name` (arrays that grew, objects that gained fields).
    pub(crate) fn retype(&mut self, name: &str, ty: Ty) {
        if let Some(b) = self.binding_mut(name) {
            b.ty = ty;
        }
    }

    /// `array.forEach(function (h) { print(h()); })` or a `map(...).join()` over an array of
    /// `() => prim` closures of rank 0; spends `times` calls.
    pub(crate) fn call_all(&mut self, arr: &str, times: u32) -> Result<Stmt> {
        self.spend_call(times);
        let elem = fnty(0, Ty::Prim, 0);
        let a = self.read(arr);
        let use_map = self.chance(40)?;
        let cb = self.closure(vec![ParamSpec::of(Ty::Func(elem))], 1, |g, names| {
            let h = g.read(names[0]);
            g.spend_call(1);
            Ok(vec![if use_map { ret(call(h, vec![])) } else { print(call(h, vec![])) }])
        })?;
        Ok(if use_map {
            print(method_call(method_call(a, "map", vec![cb]), "join", vec![string(",")]))
        } else {
            expr_stmt(method_call(a, "forEach", vec![cb]))
        })
    }

    /// `try { block } catch (e) { print(e.name); }`
    pub(crate) fn guarded(&mut self, block: Vec<Stmt>) -> Result<Stmt> {
        let handler = self.catch_print_name()?;
        Ok(Stmt::Try { block, handler: Some(handler), finalizer: None })
    }

    // ----- capture-read -----------------------------------------------------------------------------

    fn cat_capture_read(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if self.fits_here(2, 2) && self.chance(60)? {
            out.push(self.tag(Category::CaptureRead, "an inner function reads outer locals and parameters"));
            let r = self.rank() - 1;
            let ft = fnty(self.int(1, 2)? as usize, Ty::Prim, r);
            let (f, s) = self.function_decl(Role::Function, ft.clone(), |g, ft, _| {
                let mut body = Vec::new();
                for _ in 0..g.int(1, 2)? {
                    let kind = g.decl_kind(true)?;
                    let (_, d) = g.declare_var(Role::Value, kind, Ty::Prim, true, |g| g.gen_prim(2))?;
                    body.push(d);
                }
                body.extend(g.gen_stmts(2, 40)?);
                let inner = fnty(1, Ty::Prim, ft.rank - 1);
                let (i, s) = g.function_decl(Role::Function, inner.clone(), |g, _, _| {
                    let e = g.capture_expr()?;
                    Ok(vec![ret(e)])
                })?;
                body.push(s);
                // A write after the closure was created: the closure sees the binding, not a copy.
                let local = |b: &Binding| b.readable && b.writable && b.ty.is_prim() && b.kind != BindingKind::Param;
                let first = g.visible_indices().iter().copied().find(|&r| local(g.at(r)));
                if let Some((si, bi, false)) = first {
                    let n = g.scopes[si].bindings[bi].name;
                    let v = g.gen_prim(1)?;
                    let t = g.target(n);
                    body.push(expr_stmt(assign(AssignOp::Assign, t, v)));
                }
                let c = g.call_gen(&i, &inner)?;
                body.push(ret(c));
                Ok(body)
            })?;
            out.push(s);
            for _ in 0..self.int(1, 2)? {
                let c = self.call_gen(&f, &ft)?;
                out.push(print(c));
            }
            return Ok(true);
        }
        if !self.fits_here(0, 3) {
            return Ok(false);
        }
        // Curried closures three levels deep, each reading all the outer levels.
        out.push(self.tag(Category::CaptureRead, "closures nested three deep read every outer level"));
        let leaf = fnty(1, Ty::Prim, 0);
        let mid = fnty(1, Ty::Func(leaf.clone()), 0);
        let top = fnty(1, Ty::Func(mid.clone()), 0);
        let (f, s) = self.function_decl(Role::Function, top, |g, _, names| {
            let mut body = Vec::new();
            let p = names[0];
            let kind = g.decl_kind(true)?;
            let (_, d) = g.declare_var(Role::Value, kind, Ty::Prim, false, |g| {
                let r = g.read(p);
                Ok(bin(BinOp::Mul, r, num(2)))
            })?;
            body.push(d);
            let e = g.closure(vec![ParamSpec::prim()], 0, |g, _| {
                let e = g.closure(vec![ParamSpec::prim()], 0, |g, _| Ok(vec![ret(g.capture_expr()?)]))?;
                Ok(vec![ret(e)])
            })?;
            body.push(ret(e));
            Ok(body)
        })?;
        out.push(s);
        let (a, b, c) = (self.small_num()?, self.small_num()?, self.small_num()?);
        self.spend_call(3);
        let fr = self.read(f);
        out.push(print(call(call(call(fr, vec![a]), vec![b]), vec![c])));
        Ok(true)
    }

    // ----- capture-write ----------------------------------------------------------------------------

    fn cat_capture_write(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        let variant = self.pick(5)?;
        if variant == 3 && self.pattern_assignment(out)? {
            return Ok(true);
        }
        if variant == 4 && self.feat.templates && self.feat.let_const {
            self.conversion_between_substitutions(out)?;
            return Ok(true);
        }
        if variant == 0 && self.fits_here(2, 1) {
            // A closure writes a local of its creator, which then reads it.
            out.push(self.tag(Category::CaptureWrite, "a closure writes its creator's local"));
            let ft = fnty(1, Ty::Prim, self.rank() - 1);
            let (f, s) = self.function_decl(Role::Function, ft.clone(), |g, ft, names| {
                let p = names[0];
                let kind = g.decl_kind(false)?;
                let (c, d) = g.declare_var(Role::Value, kind, Ty::Prim, true, |g| Ok(g.read(p)))?;
                let bump_ty = fnty(1, Ty::Prim, 0);
                let (bump, bs) = g.function_decl(Role::Function, bump_ty.clone(), |g, _, names| {
                    let t = g.target(c);
                    let dv = g.read(names[0]);
                    let op = g.pick_from(&[AssignOp::Add, AssignOp::Sub, AssignOp::Mul])?;
                    let cr = g.read(c);
                    Ok(vec![expr_stmt(assign(op, t, dv)), ret(cr)])
                })?;
                let mut body = vec![d, bs];
                let times = g.int(1, 3)?.min(i64::from(g.cfg.max_calls_per_function)) as u32;
                if ft.rank > 0 {
                    for _ in 0..times {
                        let c = g.call_gen(&bump, &bump_ty)?;
                        body.push(expr_stmt(c));
                    }
                }
                let cr = g.read(c);
                body.push(ret(cr));
                Ok(body)
            })?;
            out.push(s);
            let c = self.call_gen(&f, &ft)?;
            out.push(print(c));
            return Ok(true);
        }
        if variant == 1 && self.fits_here(1, 3) {
            // A closure writes a variable of this scope; the writes are seen here.
            out.push(self.tag(Category::CaptureWrite, "a closure writes a variable it captured from here"));
            let kind = self.decl_kind(false)?;
            let (c, d) = self.declare_var(Role::Value, kind, Ty::Prim, true, |g| g.gen_prim(1))?;
            out.push(d);
            let ft = fnty(1, Ty::Prim, 0);
            let kind = self.decl_kind(true)?;
            let (add, d) = self.declare_var(Role::Function, kind, Ty::Func(ft.clone()), false, |g| {
                g.closure(vec![ParamSpec::prim()], 0, |g, names| {
                    let t = g.target(c);
                    let cr = g.read(c);
                    let dv = g.read(names[0]);
                    let v = bin(BinOp::Add, bin(BinOp::Mul, cr, num(2)), dv);
                    let cr2 = g.read(c);
                    Ok(vec![expr_stmt(assign(AssignOp::Assign, t, v)), ret(cr2)])
                })
            })?;
            out.push(d);
            for _ in 0..2 {
                let call = self.call_gen(&add, &ft)?;
                out.push(expr_stmt(call));
            }
            let cr = self.read(c);
            out.push(print(cr));
            return Ok(true);
        }
        if !self.fits_here(3, 1) {
            return Ok(false);
        }
        // Two levels down: an inner function writes a parameter of the outermost one.
        out.push(self.tag(Category::CaptureWrite, "a function two levels down writes an outer parameter"));
        let ft = fnty(1, Ty::Prim, 2);
        let (f, s) = self.function_decl(Role::Function, ft.clone(), |g, _, names| {
            let p = names[0];
            let mid_ty = fnty(0, Ty::Prim, 1);
            let (mid, ms) = g.function_decl(Role::Function, mid_ty.clone(), |g, _, _| {
                let inner_ty = fnty(0, Ty::Prim, 0);
                let (inner, is) = g.function_decl(Role::Function, inner_ty.clone(), |g, _, _| {
                    let t = g.target(p);
                    let e = g.reading(&p)?;
                    Ok(vec![expr_stmt(assign(AssignOp::Assign, t, bin(BinOp::Add, e, num(1)))), ret(num(0))])
                })?;
                let c1 = g.call_gen(&inner, &inner_ty)?;
                let c2 = g.call_gen(&inner, &inner_ty)?;
                Ok(vec![is, expr_stmt(c1), expr_stmt(c2), ret(num(0))])
            })?;
            let c = g.call_gen(&mid, &mid_ty)?;
            let pr = g.read(p);
            Ok(vec![ms, expr_stmt(c), ret(pr)])
        })?;
        out.push(s);
        let c = self.call_gen(&f, &ft)?;
        out.push(print(c));
        Ok(true)
    }

    /// `${o}:${x}` where converting `o` runs a closure that writes the captured `x`: a template
    /// literal converts each substitution to a string before evaluating the next (13.2.8.6), so
    /// the second one reads the written value.
    fn conversion_between_substitutions(&mut self, out: &mut Vec<Stmt>) -> Result<()> {
        out.push(self.tag(
            Category::CaptureWrite,
            "a toString closure writes a captured variable between two substitutions of one template",
        ));
        let b = self.with_block(|g| {
            let kind = g.decl_kind(false)?;
            let (x, dx) = g.declare_var(Role::Value, kind, Ty::Prim, true, |g| g.gen_prim(1))?;
            let plain = Ty::Obj(Rc::new(ObjTy { fields: vec![] }));
            let (o, d) = g.declare_var(Role::Object, DeclKind::Const, plain, false, |g| {
                let arrow = g.feat.arrows && g.chance(40)?;
                let spec = if arrow { FunctionKind::Arrow } else { FunctionKind::Method };
                let f = g.with_function(FnSpec::new(spec, vec![], 0), |g, _| {
                    let t = g.target(x);
                    let step = g.gen_prim(1)?;
                    let op = g.pick_from(&[AssignOp::Assign, AssignOp::Add])?;
                    Ok(vec![expr_stmt(assign(op, t, step)), ret(string("o"))])
                })?;
                let to_string = PropKey::Name("toString".into());
                Ok(Expr::Object(vec![if arrow {
                    Prop::Init(to_string, func_expr(f))
                } else {
                    Prop::Method(to_string, f)
                }]))
            })?;
            // Only this producer converts `o` (every conversion writes `x`).
            g.set_readable(o, false);
            let shown = Expr::Template(vec!["".into(), ":".into(), "".into()], vec![g.read(o), g.read(x)]);
            let after = g.read(x);
            Ok(vec![dx, d, print(shown), print(after)])
        })?;
        out.push(Stmt::Block(b));
        Ok(())
    }
    // ----- shared-binding ---------------------------------------------------------------------------

    fn cat_shared_binding(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        let variant = self.pick(5)?;
        if variant == 3 && self.pattern_shared_binding(out)? {
            return Ok(true);
        }
        if variant == 4 && self.switch_closures(out, Category::SharedBinding)? {
            return Ok(true);
        }
        if variant == 0 && self.fits_here(0, 7) {
            out.push(self.tag(
                Category::SharedBinding,
                "two closures share one binding; each call of the maker makes a fresh one",
            ));
            let inc_ty = fnty(1, Ty::Prim, 0);
            let get_ty = fnty(0, Ty::Prim, 0);
            let ot = Rc::new(ObjTy {
                fields: vec![field("inc", Ty::Func(inc_ty.clone())), field("get", Ty::Func(get_ty.clone()))],
            });
            let mk_ty = Rc::new(FnTy { params: vec![Ty::Prim], ret: Ty::Obj(ot.clone()), rank: 0 });
            let (mk, s) = self.function_decl(Role::Function, mk_ty.clone(), |g, _, names| {
                let p = names[0];
                let kind = g.decl_kind(false)?;
                let (v, d) = g.declare_var(Role::Value, kind, Ty::Prim, true, |g| Ok(g.read(p)))?;
                let inc = g.closure(vec![ParamSpec::prim()], 0, |g, names| {
                    let t = g.target(v);
                    let dv = g.read(names[0]);
                    let vr = g.read(v);
                    Ok(vec![expr_stmt(assign(AssignOp::Add, t, dv)), ret(vr)])
                })?;
                let get = g.closure(vec![], 0, |g, _| Ok(vec![ret(g.reading(&v)?)]))?;
                Ok(vec![d, ret(Expr::Object(vec![prop("inc", inc), prop("get", get)]))])
            })?;
            out.push(s);
            let mut objs = Vec::new();
            for _ in 0..2 {
                let kind = self.decl_kind(true)?;
                let (o, d) =
                    self.declare_var(Role::Object, kind, Ty::Obj(ot.clone()), false, |g| g.call_gen(&mk, &mk_ty))?;
                out.push(d);
                objs.push(o);
            }
            self.spend_call(4);
            let arg = self.small_num()?;
            let o0 = self.read(objs[0]);
            out.push(expr_stmt(method_call(o0, "inc", vec![arg])));
            for o in &objs {
                let or = self.read(o);
                out.push(print(method_call(or, "get", vec![])));
            }
            let o1 = self.read(objs[1]);
            let arg = self.small_num()?;
            out.push(print(method_call(o1, "inc", vec![arg])));
            return Ok(true);
        }
        if variant == 1 && self.fits_here(0, 5) {
            out.push(
                self.tag(
                    Category::SharedBinding,
                    "closures assigned to outer variables share the setup call's binding",
                ),
            );
            let inc_ty = fnty(0, Ty::Prim, 0);
            let get_ty = fnty(0, Ty::Prim, 0);
            let (names, d) =
                self.declare_uninit(Role::Function, &[Ty::Func(inc_ty.clone()), Ty::Func(get_ty.clone())])?;
            out.push(d);
            let (inc, get) = (names[0], names[1]);
            let setup_ty = fnty(1, Ty::Prim, 0);
            let (setup, s) = self.function_decl(Role::Function, setup_ty.clone(), |g, _, params| {
                let p = params[0];
                let kind = g.decl_kind(false)?;
                let (sv, d) = g.declare_var(Role::Value, kind, Ty::Prim, true, |g| Ok(g.read(p)))?;
                let incf = g.closure(vec![], 0, |g, _| {
                    let t = g.target(sv);
                    let r = g.read(sv);
                    Ok(vec![expr_stmt(Expr::Update { increment: true, prefix: false, target: t }), ret(r)])
                })?;
                let getf = g.closure(vec![], 0, |g, _| Ok(vec![ret(g.reading(&sv)?)]))?;
                let ti = g.target(inc);
                let tg = g.target(get);
                Ok(vec![
                    d,
                    expr_stmt(assign(AssignOp::Assign, ti, incf)),
                    expr_stmt(assign(AssignOp::Assign, tg, getf)),
                    ret(num(0)),
                ])
            })?;
            out.push(s);
            let c = self.call_gen(&setup, &setup_ty)?;
            out.push(expr_stmt(c));
            self.set_readable(inc, true);
            self.set_readable(get, true);
            for _ in 0..2 {
                let c = self.call_named(&inc, vec![]);
                out.push(expr_stmt(c));
            }
            let c = self.call_named(&get, vec![]);
            out.push(print(c));
            // A second setup call makes a fresh binding: the old closures are replaced.
            let c = self.call_gen(&setup, &setup_ty)?;
            out.push(expr_stmt(c));
            let c = self.call_named(&get, vec![]);
            out.push(print(c));
            return Ok(true);
        }
        if !self.fits_here(0, 3) {
            return Ok(false);
        }
        out.push(self.tag(Category::SharedBinding, "an array of closures over one binding"));
        let elem = fnty(0, Ty::Prim, 0);
        let arr_ty = Ty::arr(Ty::Func(elem), 2);
        let pair_ty = Rc::new(FnTy { params: vec![Ty::Prim], ret: arr_ty.clone(), rank: 0 });
        let (pair, s) = self.function_decl(Role::Function, pair_ty.clone(), |g, _, names| {
            let p = names[0];
            let w = g.closure(vec![], 0, |g, _| {
                let t = g.target(p);
                let r = g.read(p);
                Ok(vec![expr_stmt(assign(AssignOp::Add, t, num(1))), ret(r)])
            })?;
            let r = g.closure(vec![], 0, |g, _| {
                let r = g.read(p);
                Ok(vec![ret(bin(BinOp::Mul, r, num(2)))])
            })?;
            Ok(vec![ret(Expr::Array(vec![w, r]))])
        })?;
        out.push(s);
        let kind = self.decl_kind(true)?;
        let (pr, d) = self.declare_var(Role::Array, kind, arr_ty, false, |g| g.call_gen(&pair, &pair_ty))?;
        out.push(d);
        self.spend_call(2);
        let a = self.read(pr);
        out.push(expr_stmt(call(index(a, num(0)), vec![])));
        let a = self.read(pr);
        out.push(print(call(index(a, num(1)), vec![])));
        Ok(true)
    }

    // ----- escape -----------------------------------------------------------------------------------

    fn cat_escape(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        match self.pick(5)? {
            4 if self.feat.callback_builtins && self.fits_here(2, 24) => self.escape_through_array_builtins(out),
            0 if self.fits_here(0, 4) => {
                out.push(self.tag(Category::Escape, "a counter closure outlives the call that created it"));
                let inc_ty = fnty(1, Ty::Prim, 0);
                let counter_ty = Rc::new(FnTy { params: vec![Ty::Prim], ret: Ty::Func(inc_ty.clone()), rank: 0 });
                let (counter, s) = self.function_decl(Role::Function, counter_ty.clone(), |g, _, names| {
                    let p = names[0];
                    let (cur, d) = g.declare_var(Role::Value, DeclKind::Var, Ty::Prim, true, |g| Ok(g.read(p)))?;
                    let kind = g.decl_kind(true)?;
                    let (inc, d2) = g.declare_var(Role::Function, kind, Ty::Func(inc_ty.clone()), false, |g| {
                        let spec = FnSpec::new(FunctionKind::Expression, vec![ParamSpec::prim()], 0);
                        g.fn_expr(spec, |g, names| {
                            let t = g.target(cur);
                            let step = g.read(names[0]);
                            let c = g.read(cur);
                            let c2 = g.read(cur);
                            Ok(vec![
                                expr_stmt(assign(AssignOp::Add, t, step)),
                                print(bin(BinOp::Add, string("currentValue = "), c)),
                                ret(c2),
                            ])
                        })
                    })?;
                    let r = g.read(inc);
                    Ok(vec![d, d2, ret(r)])
                })?;
                out.push(s);
                let kind = self.decl_kind(true)?;
                let (ic, d) = self.declare_var(Role::Function, kind, Ty::Func(inc_ty.clone()), false, |g| {
                    let init = g.small_num()?;
                    Ok(g.call_named(&counter, vec![init]))
                })?;
                out.push(d);
                for step in 1..=3 {
                    let c = self.call_named(&ic, vec![num(step)]);
                    out.push(expr_stmt(c));
                }
                Ok(true)
            }
            1 if self.fits_here(1, 7) => {
                out.push(self.tag(Category::Escape, "closures registered in an array by calls that have returned"));
                let elem = fnty(0, Ty::Prim, 0);
                let kind = self.decl_kind(true)?;
                let (fs, d) = self.declare_var(Role::Array, kind, Ty::arr(Ty::Func(elem.clone()), 0), false, |_| {
                    Ok(Expr::Array(vec![]))
                })?;
                out.push(d);
                let reg_ty = fnty(1, Ty::Prim, 0);
                let (reg, s) = self.function_decl(Role::Function, reg_ty.clone(), |g, _, names| {
                    let p = names[0];
                    let c = g.closure(vec![], 0, |g, _| Ok(vec![ret(g.reading(&p)?)]))?;
                    let a = g.read(fs);
                    Ok(vec![ret(method_call(a, "push", vec![c]))])
                })?;
                out.push(s);
                let n = self.int(2, 3)? as u32;
                for _ in 0..n {
                    let c = self.call_gen(&reg, &reg_ty)?;
                    out.push(expr_stmt(c));
                }
                self.retype(&fs, Ty::arr(Ty::Func(elem), n));
                self.spend_call(2);
                let a = self.read(fs);
                let b = self.read(fs);
                out.push(print(bin(
                    BinOp::Add,
                    call(index(a, num(0)), vec![]),
                    call(index(b, num(i64::from(n) - 1)), vec![]),
                )));
                if self.fits_here(1, n + 1) {
                    let s = self.call_all(&fs, n)?;
                    out.push(s);
                }
                Ok(true)
            }
            2 if self.fits_here(1, 5) => {
                out.push(self.tag(Category::Escape, "closures passed as callbacks"));
                let cb_ty = fnty(1, Ty::Prim, 0);
                let apply_ty =
                    Rc::new(FnTy { params: vec![Ty::Func(cb_ty.clone()), Ty::Prim], ret: Ty::Prim, rank: 1 });
                let (apply, s) = self.function_decl(Role::Function, apply_ty.clone(), |g, _, names| {
                    g.spend_call(1);
                    let cb = g.read(names[0]);
                    let v = g.read(names[1]);
                    let v2 = g.read(names[1]);
                    Ok(vec![ret(bin(BinOp::Add, call(cb, vec![v]), v2))])
                })?;
                out.push(s);
                self.spend_call(1);
                let cb = self.closure(vec![ParamSpec::prim()], 0, |g, names| {
                    let z = g.read(names[0]);
                    let e = g.capture_expr()?;
                    Ok(vec![ret(bin(BinOp::Mul, z, e))])
                })?;
                let f = self.read(apply);
                let v = self.small_num()?;
                out.push(print(call(f, vec![cb, v])));
                // A builtin calls the callback: Array.prototype.map.
                self.spend_call(3);
                let xs = vec![self.small_num()?, self.small_num()?, self.small_num()?];
                let cb = self.closure(vec![ParamSpec::prim()], 0, |g, names| {
                    let z = g.read(names[0]);
                    let e = g.capture_expr()?;
                    Ok(vec![ret(bin(BinOp::Add, z, e))])
                })?;
                out.push(print(method_call(method_call(Expr::Array(xs), "map", vec![cb]), "join", vec![string(",")])));
                Ok(true)
            }
            _ if self.fits_here(0, 2) => {
                out.push(self.tag(Category::Escape, "a closure stored into an object property outlives its creator"));
                let get_ty = fnty(0, Ty::Prim, 0);
                let kind = self.decl_kind(true)?;
                let empty = Ty::Obj(Rc::new(ObjTy { fields: vec![] }));
                let (holder, d) = self.declare_var(Role::Object, kind, empty, false, |_| Ok(Expr::Object(vec![])))?;
                out.push(d);
                let iife = self.fn_expr(FnSpec::new(FunctionKind::Expression, vec![], 0), |g, _| {
                    let kind = g.decl_kind(false)?;
                    let (secret, d) = g.declare_var(Role::Value, kind, Ty::Prim, true, |g| g.gen_prim(2))?;
                    let c = g.closure(vec![], 0, |g, _| Ok(vec![ret(g.reading(&secret)?)]))?;
                    let h = g.read(holder);
                    let t = g.target(secret);
                    let v = g.small_num()?;
                    Ok(vec![
                        d,
                        expr_stmt(assign(AssignOp::Assign, Target::Member(Box::new(h), "get".into()), c)),
                        expr_stmt(assign(AssignOp::Add, t, v)),
                    ])
                })?;
                self.spend_call(1);
                out.push(expr_stmt(call(iife, vec![])));
                let ot = Rc::new(ObjTy { fields: vec![field("get", Ty::Func(get_ty))] });
                self.retype(&holder, Ty::Obj(ot));
                self.spend_call(1);
                let h = self.read(holder);
                out.push(print(method_call(h, "get", vec![])));
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// `const fs = Array.from({ length: n }, (_, i) => () => i + k);` (or from an array, the
    /// closures also keeping their element), `k` written, the closures called; then
    /// `fs.flatMap((h, i) => [h, () => h() + i])`, called through `map` and `findLast`: closures
    /// made by built-ins' callbacks keep their own index and see later writes.
    fn escape_through_array_builtins(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        out.push(self.tag(
            Category::Escape,
            "closures made by Array.from's map function and flatMap's callback keep their index and see later writes",
        ));
        let kind = self.decl_kind(false)?;
        let (k, d) = self.declare_var(Role::Value, kind, Ty::Prim, true, |g| g.small_num())?;
        out.push(d);
        let n = self.int(2, 3)? as u32;
        let elem = fnty(0, Ty::Prim, 0);
        let from_array = self.chance(50)?;
        let kind = self.decl_kind(true)?;
        let (fs, d) = self.declare_var(Role::Array, kind, Ty::arr(Ty::Func(elem.clone()), n), false, |g| {
            let source = if from_array {
                Expr::Array((0..n).map(|_| g.small_num()).collect::<Result<_>>()?)
            } else {
                Expr::Object(vec![prop("length", num(i64::from(n)))])
            };
            g.spend_call(n);
            let make = g.closure(vec![ParamSpec::prim(), ParamSpec::prim()], 1, |g, names| {
                let (v, i) = (names[0], names[1]);
                let keep = g.closure(vec![], 0, |g, _| {
                    let own = if from_array { bin(BinOp::Mul, g.read(v), g.read(i)) } else { g.read(i) };
                    Ok(vec![ret(bin(BinOp::Add, own, g.reading(&k)?))])
                })?;
                Ok(vec![ret(keep)])
            })?;
            Ok(method_call(ident("Array"), "from", vec![source, make]))
        })?;
        out.push(d);
        let (t, v) = (self.target(k), self.small_num()?);
        out.push(expr_stmt(assign(AssignOp::Add, t, v)));
        out.push(self.call_all(&fs, n)?);

        let twice = fnty(0, Ty::Prim, 1);
        let kind = self.decl_kind(true)?;
        let (gs, d) = self.declare_var(Role::Array, kind, Ty::arr(Ty::Func(twice), 2 * n), false, |g| {
            g.spend_call(n);
            let pair = g.closure(vec![ParamSpec::of(Ty::Func(elem.clone())), ParamSpec::prim()], 2, |g, names| {
                let (h, i) = (names[0], names[1]);
                let then = g.closure(vec![], 1, |g, _| {
                    g.spend_call(1);
                    Ok(vec![ret(bin(BinOp::Add, call(g.read(h), vec![]), g.read(i)))])
                })?;
                Ok(vec![ret(Expr::Array(vec![g.read(h), then]))])
            })?;
            Ok(method_call(g.read(fs), "flatMap", vec![pair]))
        })?;
        out.push(d);
        // Every closure of `gs` called through `map` (rank 2: it calls closures of rank 1).
        self.spend_call(3 * n);
        let each = self.closure(vec![ParamSpec::of(Ty::Func(fnty(0, Ty::Prim, 1)))], 2, |g, names| {
            Ok(vec![ret(call(g.read(names[0]), vec![]))])
        })?;
        out.push(print(method_call(method_call(self.read(gs), "map", vec![each]), "join", vec![string(",")])));
        // The last closure before an index, found by `findLast` walking down from the end (or the
        // first one, by `find`, where the host lacks `findLast`).
        let search = if self.feat.find_last { "findLast" } else { "find" };
        let before = self.int(1, i64::from(2 * n))?;
        self.spend_call(2 * n + 2);
        let found =
            self.closure(vec![ParamSpec::of(Ty::Func(fnty(0, Ty::Prim, 1))), ParamSpec::prim()], 0, |g, names| {
                Ok(vec![ret(bin(BinOp::Lt, g.read(names[1]), num(before)))])
            })?;
        out.push(print(call(method_call(self.read(gs), search, vec![found]), vec![])));
        Ok(true)
    }

    // ----- shadowing --------------------------------------------------------------------------------

    fn cat_shadowing(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(1, 2) {
            return Ok(false);
        }
        out.push(self.tag(Category::Shadowing, "parameters, block, catch and inner declarations shadow one name"));
        // The shadowed name: declared here (often itself shadowing an outer binding).
        let kind = self.decl_kind(true)?;
        let (s, d) = self.declare_var(Role::Value, kind, Ty::Prim, true, |g| g.gen_prim(1))?;
        out.push(d);
        let ft = fnty(1, Ty::Prim, self.rank() - 1);
        let spec = FnSpec {
            params: vec![ParamSpec { name: Some(s), ..ParamSpec::prim() }],
            ..FnSpec::new(FunctionKind::Declaration, vec![], ft.rank)
        };
        let (f, st) = self.function_decl_spec(Role::Function, spec, Ty::Prim, |g, ft, _| {
            let mut body = Vec::new();
            let r = g.read(s);
            body.push(print(r));
            if g.feat.let_const && g.chance(70)? {
                let b = g.with_block(|g| {
                    let kind = if g.chance(50)? { DeclKind::Let } else { DeclKind::Const };
                    g.declare(s, How::Lexical, kind.binding_kind(), Ty::Prim, kind == DeclKind::Let, false);
                    let init = g.gen_prim(2)?;
                    g.set_readable(s, true);
                    let mut b = vec![decl(kind, &s, Some(init))];
                    b.extend(g.gen_stmts(1, 50)?);
                    let r = g.read(s);
                    b.push(print(r));
                    Ok(b)
                })?;
                body.push(Stmt::Block(b));
            }
            if g.chance(70)? {
                let thrown = g.small_num()?;
                g.push_scope(ScopeKind::Catch);
                g.declare(s, How::Catch, BindingKind::Catch, Ty::Prim, true, true);
                let r = g.read(s);
                let mut cb = vec![print(r)];
                if g.chance(40)? {
                    // A closure over the catch parameter, called after the catch.
                    let c = g.closure(vec![], 0, |g, _| Ok(vec![ret(g.reading(&s)?)]))?;
                    cb.push(print(call(c, vec![])));
                    g.spend_call(1);
                }
                g.pop_scope();
                body.push(Stmt::Try {
                    block: vec![Stmt::Throw(thrown)],
                    handler: Some(Catch { param: Some(Pattern::Name(s)), body: cb }),
                    finalizer: None,
                });
            }
            if ft.rank > 0 {
                let inner = g.closure(vec![], 0, |g, _| {
                    g.declare(s, How::Var, BindingKind::Var, Ty::Prim, true, false);
                    let init = g.gen_prim(2)?;
                    g.set_readable(s, true);
                    let r = g.read(s);
                    Ok(vec![decl(DeclKind::Var, &s, Some(init)), ret(r)])
                })?;
                g.spend_call(1);
                body.push(print(call(inner, vec![])));
            }
            let r = g.read(s);
            body.push(ret(r));
            Ok(body)
        })?;
        out.push(st);
        let c = self.call_gen(&f, &ft)?;
        out.push(print(c));
        let r = self.read(s);
        out.push(print(r));
        Ok(true)
    }

    // ----- hoisting ---------------------------------------------------------------------------------

    fn cat_hoisting(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        let variant = self.pick(5)?;
        if variant == 4 && self.switch_function(out)? {
            return Ok(true);
        }
        if variant == 0 && self.fits_here(1, 2) && self.can_declare_function_here() {
            out.push(self.tag(Category::Hoisting, "a function declaration is called before its text"));
            let ft = self.random_fnty(self.rank() - 1, false)?;
            let spec = FnSpec::new(
                FunctionKind::Declaration,
                ft.params.iter().map(|p| ParamSpec::of(p.clone())).collect(),
                ft.rank,
            );
            let ret_ty = ft.ret.clone();
            let Some((f, s)) =
                self.function_declaration(Role::Function, spec, ret_ty, true, |g, ft, _| g.gen_body(&ft.ret, 2))?
            else {
                return Ok(false);
            };
            let c = self.call_gen(&f, &ft)?;
            out.push(print(c));
            out.push(s);
            return Ok(true);
        }
        if variant == 1 {
            out.push(self.tag(Category::Hoisting, "a var is read before its declaration"));
            let x = self.new_binding(Role::Value, How::Var, BindingKind::Var, Ty::Prim, true)?;
            let r = self.read(x);
            out.push(print(if self.chance(50)? { unary(UnaryOp::Typeof, r) } else { r }));
            let init = self.gen_prim(2)?;
            self.set_readable(x, true);
            out.push(decl(DeclKind::Var, &x, Some(init)));
            let r = self.read(x);
            out.push(print(r));
            return Ok(true);
        }
        if variant == 2 && self.fits_here(2, 1) {
            // Inside a function: a nested declaration after `return` is still hoisted.
            out.push(self.tag(Category::Hoisting, "a nested function declared after return is hoisted"));
            let ft = fnty(1, Ty::Prim, self.rank() - 1);
            let (f, s) = self.function_decl(Role::Function, ft.clone(), |g, _, names| {
                let inner_ty = fnty(1, Ty::Prim, 0);
                let spec = FnSpec::new(FunctionKind::Declaration, vec![ParamSpec::prim()], 0);
                let Some((h, hs)) = g.function_declaration(Role::Function, spec, Ty::Prim, true, |g, _, _| {
                    let e = g.capture_expr()?;
                    Ok(vec![ret(e)])
                })?
                else {
                    unreachable!("a function body is a var scope")
                };
                let p = g.read(names[0]);
                g.spend_call(1);
                let hr = g.read(h);
                let _ = inner_ty;
                Ok(vec![ret(bin(BinOp::Add, call(hr, vec![p]), num(1))), hs])
            })?;
            out.push(s);
            let c = self.call_gen(&f, &ft)?;
            out.push(print(c));
            return Ok(true);
        }
        // Annex B: a function declared in a block is also a var of the function in sloppy code.
        if !self.feat.block_functions || !self.fits_here(0, 1) {
            return Ok(false);
        }
        // Sloppy code may declare the name twice in one block: the block binding holds the last
        // function, and each declaration copies the block binding (not its own function) into
        // the var (B.3.2.1), so the var ends up with the last one too.
        let again = !self.strict() && self.fits_here(0, 2) && self.chance(30)?;
        let Some(h) = self.enter_block_declaring_unbound_function()? else {
            return Ok(false);
        };
        let mut block = Vec::new();
        for _ in 0..1 + usize::from(again) {
            let spec = FnSpec { name: Some(h), ..FnSpec::new(FunctionKind::Declaration, vec![], 0) };
            match self.with_function(spec, |g, _| Ok(vec![ret(g.gen_prim(2)?)])) {
                Ok(f) => block.push(Stmt::Function(f)),
                Err(e) => {
                    self.pop_scope();
                    return Err(e);
                }
            }
        }
        self.set_readable(h, true);
        self.spend_call(1);
        let hr = self.read(h);
        block.push(print(call(hr, vec![])));
        self.pop_scope();
        out.push(self.tag(
            Category::Hoisting,
            if again {
                "Annex B: of two block functions of one name, the var gets the last"
            } else {
                "Annex B: a block function is visible after its block only in sloppy code"
            },
        ));
        let r = self.read(h);
        out.push(print(unary(UnaryOp::Typeof, r)));
        out.push(Stmt::Block(block));
        let r = self.read(h);
        out.push(print(unary(UnaryOp::Typeof, r)));
        if again {
            // The var's function returns a primitive and calls nothing (rank 0).
            self.spend_call(1);
            let r = self.read(h);
            out.push(print(call(r, vec![])));
        }
        Ok(true)
    }

    /// Enters a block scope and declares in it a block function `() => primitive`, not readable yet,
    /// under a pool name that has no binding here (so that `typeof` of it outside the block depends on
    /// the caller's code alone). `None`, with no scope entered, when every such name is taken or the
    /// declaration is not allowed here.
    pub(crate) fn enter_block_declaring_unbound_function(&mut self) -> Result<Option<Name>> {
        let candidates: Vec<&str> =
            FN_NAMES.iter().chain(VALUE_NAMES.iter()).copied().filter(|n| self.lookup(n).is_none()).collect();
        if candidates.is_empty() {
            return Ok(None);
        }
        let h = Name::new(self.pick_from(&candidates)?);
        self.push_scope(ScopeKind::Block);
        if !self.can_declare(h, How::BlockFn) {
            self.pop_scope();
            return Ok(None);
        }
        self.declare(h, How::BlockFn, BindingKind::Function, Ty::Func(fnty(0, Ty::Prim, 0)), false, false);
        Ok(Some(h))
    }

    // ----- tdz --------------------------------------------------------------------------------------

    /// An initialiser reading the binding `x` it initialises: `x + 1`, or through an arrow called
    /// at once, `(() => x)()`. Either throws, since `x` is still in its TDZ.
    fn read_in_own_initialiser(&mut self, x: Name) -> Result<Expr> {
        let r = self.read(x);
        if self.feat.arrows && self.chance(50)? {
            let mut f = Function::new(FunctionKind::Arrow, None);
            f.expression_body = true;
            f.body.push(ret(r));
            return Ok(call(func_expr(f), vec![]));
        }
        Ok(bin(BinOp::Add, r, num(1)))
    }

    fn cat_tdz(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.feat.let_const {
            return Ok(false);
        }
        let variant = self.pick(6)?;
        if variant == 4 && self.pattern_tdz(out)? {
            return Ok(true);
        }
        if variant == 5 && self.switch_closures(out, Category::Tdz)? {
            return Ok(true);
        }
        if variant == 0 && self.fits_here(0, 2) {
            out.push(self.tag(Category::Tdz, "a closure reads a let before and after its initialisation"));
            let b = self.with_block(|g| {
                let x = g.new_binding(Role::Value, How::Lexical, BindingKind::Let, Ty::Prim, true)?;
                let ft = fnty(0, Ty::Prim, 0);
                let kind = if g.chance(50)? { DeclKind::Const } else { DeclKind::Let };
                let (rd, d) = g.declare_var(Role::Function, kind, Ty::Func(ft), false, |g| {
                    g.closure(vec![], 0, |g, _| Ok(vec![ret(g.reading(&x)?)]))
                })?;
                // Calling it before `x` is initialised throws: only this producer calls it until then.
                g.set_readable(rd, false);
                let mut b = vec![d];
                let c = g.call_named(&rd, vec![]);
                b.push(g.guarded(vec![print(c)])?);
                let init = g.gen_prim(2)?;
                g.set_readable(x, true);
                g.set_readable(rd, true);
                b.push(decl(DeclKind::Let, &x, Some(init)));
                let c = g.call_named(&rd, vec![]);
                b.push(print(c));
                Ok(b)
            })?;
            out.push(Stmt::Block(b));
            return Ok(true);
        }
        if variant == 1 {
            out.push(self.tag(Category::Tdz, "typeof, reads and writes of a let or const in its TDZ throw"));
            let b = self.with_block(|g| {
                let kind = if g.chance(50)? { DeclKind::Const } else { DeclKind::Let };
                let x = g.new_binding(Role::Value, How::Lexical, kind.binding_kind(), Ty::Prim, false)?;
                let r = g.read(x);
                let bad = match g.pick(3)? {
                    0 => print(unary(UnaryOp::Typeof, r)),
                    1 => print(bin(BinOp::Add, r, num(1))),
                    _ => {
                        let t = g.target(x);
                        expr_stmt(assign(AssignOp::Assign, t, num(1)))
                    }
                };
                let init = g.gen_prim(1)?;
                g.set_readable(x, true);
                Ok(vec![bad, decl(kind, &x, Some(init))])
            })?;
            out.push(self.guarded(b)?);
            return Ok(true);
        }
        if variant == 2 && self.chance(40)? {
            out.push(self.tag(Category::Tdz, "a for (let ...) head's initialiser reads the loop's own binding"));
            self.push_scope(ScopeKind::Block);
            let s = (|| {
                let i = self.new_binding(Role::Counter, How::Lexical, BindingKind::Let, Ty::Prim, false)?;
                let init = self.read_in_own_initialiser(i)?;
                // The initialiser throws, so the loop never runs its test, update or body.
                self.set_readable(i, true);
                let test = bin(BinOp::Lt, self.read(i), num(2));
                let update = Expr::Update { increment: true, prefix: false, target: self.target(i) };
                let body = self.with_block(|g| Ok(vec![print(g.read(i))]))?;
                Ok(Stmt::For {
                    init: Some(ForInit::Decl(DeclKind::Let, vec![Declarator { name: i, init: Some(init) }])),
                    test: Some(Box::new(test)),
                    update: Some(Box::new(update)),
                    body,
                })
            })();
            self.pop_scope();
            let s = s?;
            out.push(self.guarded(vec![s])?);
            return Ok(true);
        }
        if variant == 2 {
            out.push(self.tag(Category::Tdz, "an initialiser reads the binding it initialises"));
            let b = self.with_block(|g| {
                let x = g.new_binding(Role::Value, How::Lexical, BindingKind::Let, Ty::Prim, true)?;
                let init = g.read_in_own_initialiser(x)?;
                g.set_readable(x, true);
                let r = g.read(x);
                Ok(vec![decl(DeclKind::Let, &x, Some(init)), print(r)])
            })?;
            out.push(self.guarded(b)?);
            return Ok(true);
        }
        if !self.feat.for_of {
            return Ok(false);
        }
        out.push(self.tag(Category::Tdz, "the head of for-of sees the loop variable in its TDZ"));
        self.push_scope(ScopeKind::Block);
        let x = self.new_binding(Role::Value, How::Lexical, BindingKind::Let, Ty::Prim, false)?;
        let r = self.read(x);
        self.set_readable(x, true);
        let body = self.with_block(|g| {
            let r = g.read(x);
            Ok(vec![print(r)])
        });
        self.pop_scope();
        let s = Stmt::ForOf {
            is_await: false,
            decl: Some(DeclKind::Let),
            target: Pattern::Name(x),
            iterable: Expr::Array(vec![r]),
            body: body?,
        };
        out.push(self.guarded(vec![s])?);
        Ok(true)
    }

    // ----- const ------------------------------------------------------------------------------------

    fn cat_const(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        let variant = if self.feat.let_const { self.pick(3)? } else { 2 };
        if variant == 0 {
            out.push(self.tag(Category::Const, "assignment to a const throws TypeError"));
            let (c, d) = self.declare_var(Role::Value, DeclKind::Const, Ty::Prim, false, |g| g.gen_prim(2))?;
            out.push(d);
            let t = self.target(c);
            let v = self.gen_prim(1)?;
            let op = self.pick_from(&[AssignOp::Assign, AssignOp::Add])?;
            let bad = if self.chance(25)? {
                expr_stmt(Expr::Update { increment: true, prefix: false, target: t })
            } else {
                expr_stmt(assign(op, t, v))
            };
            out.push(self.guarded(vec![bad])?);
            let r = self.read(c);
            out.push(print(r));
            return Ok(true);
        }
        if variant == 1 && self.fits_here(0, 1) {
            out.push(self.tag(Category::Const, "a closure assigns a captured const"));
            let (c, d) = self.declare_var(Role::Value, DeclKind::Const, Ty::Prim, false, |g| g.gen_prim(2))?;
            out.push(d);
            let ft = fnty(0, Ty::Prim, 0);
            let (bump, d) = self.declare_var(Role::Function, DeclKind::Const, Ty::Func(ft), false, |g| {
                g.closure(vec![], 0, |g, _| {
                    let t = g.target(c);
                    Ok(vec![expr_stmt(assign(AssignOp::Add, t, num(1))), ret(num(0))])
                })
            })?;
            // Calling it throws: generated code must not call it elsewhere.
            self.set_readable(bump, false);
            out.push(d);
            self.spend_call(1);
            let br = self.read(bump);
            out.push(self.guarded(vec![expr_stmt(call(br, vec![]))])?);
            let r = self.read(c);
            out.push(print(r));
            return Ok(true);
        }
        if !self.fits_here(0, 1) {
            return Ok(false);
        }
        out.push(self.tag(Category::Const, "a named function expression assigns its own name"));
        let ft = fnty(1, Ty::Prim, 0);
        let kind = self.decl_kind(true)?;
        let self_name = self.nfe_name()?;
        let (f, d) = self.declare_var(Role::Function, kind, Ty::Func(ft.clone()), false, |g| {
            let spec =
                FnSpec { name: Some(self_name), ..FnSpec::new(FunctionKind::Expression, vec![ParamSpec::prim()], 0) };
            g.fn_expr(spec, |g, _| {
                let r = g.read(self_name);
                let result = ret(unary(UnaryOp::Typeof, r));
                if g.can_call(1) && g.chance(30)? {
                    // From a nested strict function the write throws even when the expression
                    // is sloppy: strictness is the assigning code's (9.1.1.1.5).
                    let kind = if g.feat.arrows { FunctionKind::Arrow } else { FunctionKind::Expression };
                    let spec = FnSpec { strict: Strictness::Inherit, ..FnSpec::new(kind, vec![], 0) };
                    let mut inner = g.with_function(spec, |g, _| {
                        let t = g.target(self_name);
                        // A literal: nothing in the body depends on the strictness set below.
                        let v = g.small_num()?;
                        Ok(vec![g.guarded(vec![expr_stmt(assign(AssignOp::Assign, t, v))])?])
                    })?;
                    inner.strict = true;
                    g.spend_call(1);
                    return Ok(vec![expr_stmt(call(func_expr(inner), vec![])), result]);
                }
                let t = g.target(self_name);
                let v = g.gen_prim(1)?;
                let write = expr_stmt(assign(AssignOp::Assign, t, v));
                Ok(vec![g.guarded(vec![write])?, result])
            })
        })?;
        out.push(d);
        let c = self.call_gen(&f, &ft)?;
        out.push(print(c));
        Ok(true)
    }

    // ----- loops ------------------------------------------------------------------------------------

    fn cat_loops(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        let trips = self.int(2, i64::from(self.cfg.max_loop_trips.max(2)))? as u32;
        let f = self.feat;
        let w = [
            6,                                               // closures in the body of a counted for (let or var)
            if f.arrows { 3 } else { 0 },                    // a closure in the head's initialiser
            if f.arrows { 2 } else { 0 },                    // closures in the update expression
            if f.let_const { 2 } else { 0 },                 // a closure increments the per-iteration binding
            if f.for_of { 3 } else { 1 },                    // for-of / for-in
            if f.let_const { 2 } else { 0 },                 // while with a let in the body
            2,                                               // labelled continue
            if f.let_const { 0 } else { 3 },                 // ES5: an IIFE per iteration
            if f.destructuring && f.for_of { 3 } else { 0 }, // for-of with a destructuring head
            if f.destructuring { 2 } else { 0 },             // a counted for whose let head destructures
        ];
        let variant = self.weighted(&w)?;
        // Worst-case number of closures pushed, for the call budget of printing them.
        let max_pushed = if variant == 6 { trips * trips } else { trips };
        if !self.fits_here(1, max_pushed + 3) {
            return Ok(false);
        }
        let elem = fnty(0, Ty::Prim, 0);
        let kind = self.decl_kind(true)?;
        let (fs, d) = self
            .declare_var(Role::Array, kind, Ty::arr(Ty::Func(elem.clone()), 0), false, |_| Ok(Expr::Array(vec![])))?;
        let push = |g: &mut Self, c: Expr| {
            let a = g.read(fs);
            expr_stmt(method_call(a, "push", vec![c]))
        };
        let mut known_len = trips;
        let (what, stmt) = match variant {
            0 | 7 => {
                let iife = variant == 7;
                let s = self.counted_for(trips, |g, i| {
                    let mut b = g.gen_stmts(1, 40)?;
                    if iife && g.can_call(1) {
                        // (function (j) { fs.push(function () { return j; }); })(i)
                        let inner = g.fn_expr(
                            FnSpec::new(FunctionKind::Expression, vec![ParamSpec::prim()], 0),
                            |g, names| {
                                let j = names[0];
                                let c = g.closure(vec![], 0, |g, _| Ok(vec![ret(g.reading(&j)?)]))?;
                                Ok(vec![push(g, c)])
                            },
                        )?;
                        g.spend_call(1);
                        let ir = g.read(i);
                        b.push(expr_stmt(call(inner, vec![ir])));
                    } else {
                        let c = g.closure(vec![], 0, |g, _| Ok(vec![ret(g.reading(i)?)]))?;
                        b.push(push(g, c));
                        // One iteration ends with continue after its closure is made: the next
                        // one still starts in a copy of the environment (14.7.4.2).
                        if g.chance(25)? {
                            let k = g.int(0, i64::from(trips) - 1)?;
                            let ir = g.read(i);
                            b.push(Stmt::If(bin(BinOp::StrictEq, ir, num(k)), vec![Stmt::Continue(None)], None));
                            b.extend(g.gen_stmts(1, 20)?);
                        }
                    }
                    Ok(b)
                })?;
                ("closures created in a loop body are called after the loop", s)
            }
            1 => {
                // for (let i = 0, g = () => i; i < n; i++) fs.push(g)
                self.push_scope(ScopeKind::Block);
                let r = (|| {
                    let kind = if self.feat.let_const && self.chance(70)? { DeclKind::Let } else { DeclKind::Var };
                    let how = if kind == DeclKind::Var { How::Var } else { How::Lexical };
                    let i = self.new_binding(Role::Counter, how, kind.binding_kind(), Ty::Prim, false)?;
                    self.set_readable(i, true);
                    let gname =
                        self.new_binding(Role::Function, how, kind.binding_kind(), Ty::Func(elem.clone()), false)?;
                    let c = self.closure(vec![], 0, |g, _| Ok(vec![ret(g.reading(&i)?)]))?;
                    self.set_readable(gname, true);
                    let test = bin(BinOp::Lt, self.read(i), num(i64::from(trips)));
                    let update = Expr::Update { increment: true, prefix: false, target: self.target(i) };
                    let body = self.with_loop(trips, |g| {
                        g.with_block(|g| {
                            let gr = g.read(gname);
                            Ok(vec![push(g, gr)])
                        })
                    })?;
                    Ok(Stmt::For {
                        init: Some(ForInit::Decl(
                            kind,
                            vec![Declarator { name: i, init: Some(num(0)) }, Declarator { name: gname, init: Some(c) }],
                        )),
                        test: Some(Box::new(test)),
                        update: Some(Box::new(update)),
                        body,
                    })
                })();
                self.pop_scope();
                ("a closure created in the loop head sees the head's own binding", r?)
            }
            2 => {
                // for (let i = 0; i < n; fs.push(() => i), i++) {}, or with the push in the test,
                // which runs once more than the body: for (let i = 0; fs.push(() => i), i < n; i++) {}
                let in_test = self.chance(40)?;
                if in_test {
                    known_len = trips + 1;
                    self.spend_call(1);
                }
                self.push_scope(ScopeKind::Block);
                let r = (|| {
                    let i = self.new_binding(Role::Counter, How::Lexical, BindingKind::Let, Ty::Prim, false)?;
                    self.set_readable(i, true);
                    let mut test = bin(BinOp::Lt, self.read(i), num(i64::from(trips)));
                    let c = self.with_loop(trips, |g| g.closure(vec![], 0, |g, _| Ok(vec![ret(g.reading(&i)?)])))?;
                    let pushed = {
                        let a = self.read(fs);
                        method_call(a, "push", vec![c])
                    };
                    let increment = Expr::Update { increment: true, prefix: false, target: self.target(i) };
                    let update = if in_test {
                        test = Expr::Seq(vec![pushed, test]);
                        increment
                    } else {
                        Expr::Seq(vec![pushed, increment])
                    };
                    let body = self.with_loop(trips, |g| g.with_block(|g| g.gen_stmts(1, 30)))?;
                    Ok(Stmt::For {
                        init: Some(ForInit::Decl(DeclKind::Let, vec![Declarator { name: i, init: Some(num(0)) }])),
                        test: Some(Box::new(test)),
                        update: Some(Box::new(update)),
                        body,
                    })
                })();
                self.pop_scope();
                let what = if in_test {
                    "closures created in the test see their iteration's binding, which the update no longer writes"
                } else {
                    "closures created in the update expression see the next iteration's copy"
                };
                (what, r?)
            }
            3 => {
                // A closure increments the per-iteration binding; the copy to the next iteration keeps it.
                known_len = 1;
                self.push_scope(ScopeKind::Block);
                let r = (|| {
                    let i = self.new_binding(Role::Counter, How::Lexical, BindingKind::Let, Ty::Prim, false)?;
                    self.set_readable(i, true);
                    let test = bin(BinOp::Lt, self.read(i), num(i64::from(trips)));
                    let update = Expr::Update { increment: true, prefix: false, target: self.target(i) };
                    let body = self.with_loop(trips, |g| {
                        g.with_block(|g| {
                            let bump_ty = fnty(0, Ty::Prim, 0);
                            let (bump, d) =
                                g.declare_var(Role::Function, DeclKind::Const, Ty::Func(bump_ty), false, |g| {
                                    g.closure(vec![], 0, |g, _| {
                                        // Only ever increases the counter, so the loop still ends.
                                        let t = g.target(i);
                                        let r = g.read(i);
                                        Ok(vec![
                                            expr_stmt(Expr::Update { increment: true, prefix: false, target: t }),
                                            ret(r),
                                        ])
                                    })
                                })?;
                            g.set_readable(bump, false);
                            g.spend_call(1);
                            let br = g.read(bump);
                            let c = g.closure(vec![], 0, |g, _| Ok(vec![ret(g.reading(&i)?)]))?;
                            Ok(vec![d, expr_stmt(call(br, vec![])), push(g, c)])
                        })
                    })?;
                    Ok(Stmt::For {
                        init: Some(ForInit::Decl(DeclKind::Let, vec![Declarator { name: i, init: Some(num(0)) }])),
                        test: Some(Box::new(test)),
                        update: Some(Box::new(update)),
                        body,
                    })
                })();
                self.pop_scope();
                ("a closure increments the per-iteration binding", r?)
            }
            4 => {
                let is_in = !f.for_of || self.chance(35)?;
                // Without a standard enumeration order, for-in visits one key (`Features::ordered_keys`).
                let trips = if is_in && !f.ordered_keys { 1 } else { trips };
                known_len = trips;
                let kind = if f.let_const { self.decl_kind(true)? } else { DeclKind::Var };
                let object = |g: &mut Self| {
                    Ok(if is_in {
                        let mut props = Vec::new();
                        for k in 0..trips {
                            props.push(prop(&Name::numbered("p", k), g.small_num()?));
                        }
                        Expr::Object(props)
                    } else if g.chance(30)? {
                        Expr::Str("abcdefghij".chars().cycle().take(trips as usize).collect())
                    } else {
                        let mut xs = Vec::new();
                        for _ in 0..trips {
                            xs.push(g.prim_leaf()?);
                        }
                        Expr::Array(xs)
                    })
                };
                let each = if is_in { Each::In } else { Each::Of };
                let s = self.for_each_loop(each, kind, object, trips, |g, x| {
                    let c = g.closure(vec![], 0, |g, _| Ok(vec![ret(g.reading(x)?)]))?;
                    Ok(vec![push(g, c)])
                })?;
                ("closures over for-in/for-of variables", s)
            }
            5 => {
                let s = self.while_loop(trips, |g, w| {
                    let (c, d) = g.declare_var(Role::Value, DeclKind::Let, Ty::Prim, true, |g| {
                        let r = g.read(w);
                        Ok(bin(BinOp::Mul, r, num(2)))
                    })?;
                    let cl = g.closure(vec![], 0, |g, _| Ok(vec![ret(g.reading(&c)?)]))?;
                    Ok(vec![d, push(g, cl)])
                })?;
                ("closures over a let in a while body", s)
            }
            8 => {
                let kind = self.decl_kind(true)?;
                let s = self.pattern_for_of(kind, trips, fs)?;
                ("closures over the bindings a for-of head's pattern makes", s)
            }
            9 => {
                let s = self.pattern_counted_for(trips, fs)?;
                ("a for head's pattern: each name it binds is copied to every iteration", s)
            }
            _ => {
                known_len = 1;
                let label = self.new_label("outer");
                let s = self.counted_for(trips, |g, i| {
                    let i = Name::new(i);
                    let inner = g.counted_for(trips, |g, j| {
                        let ir = g.read(i);
                        let jr = g.read(j);
                        let skip = Stmt::If(bin(BinOp::Gt, jr, ir), vec![Stmt::Continue(Some(label))], None);
                        let c = g.closure(vec![], 0, |g, _| {
                            let ir = g.read(i);
                            let jr = g.read(j);
                            Ok(vec![ret(bin(BinOp::Add, bin(BinOp::Mul, ir, num(10)), jr))])
                        })?;
                        Ok(vec![skip, push(g, c)])
                    })?;
                    Ok(vec![inner])
                })?;
                ("labelled continue skips closures", Stmt::Labeled(label, Box::new(s)))
            }
        };
        out.push(self.tag(Category::Loops, what));
        out.push(d);
        out.push(stmt);
        self.retype(&fs, Ty::arr(Ty::Func(elem), known_len));
        if known_len > 1 && self.chance(50)? {
            self.spend_call(2);
            let a = self.read(fs);
            let b = self.read(fs);
            out.push(print(bin(
                BinOp::Add,
                bin(BinOp::Add, call(index(a, num(0)), vec![]), string(",")),
                call(index(b, num(i64::from(known_len) - 1)), vec![]),
            )));
        } else {
            let s = self.call_all(&fs, max_pushed)?;
            out.push(s);
        }
        Ok(true)
    }

    // ----- arguments --------------------------------------------------------------------------------

    /// `print((function (a, g = () => typeof arguments + arguments.length) { var arguments; ...
    /// arguments = 5; return g() + "," + arguments; })(1, undefined, 3))`, in sloppy code: with
    /// parameter expressions the body's `var arguments` is a binding of its own, which starts as a
    /// copy of the arguments object, so the default's closure keeps seeing the object.
    fn arguments_beside_body_var(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        out.push(self.tag(
            Category::Arguments,
            "a closure in a parameter default sees the arguments object, not the body's var arguments",
        ));
        let arguments = || ident("arguments");
        let mut seen = Function::new(FunctionKind::Arrow, None);
        seen.expression_body = true;
        let length = member(arguments(), "length");
        seen.body.push(ret(bin(BinOp::Add, unary(UnaryOp::Typeof, arguments()), length)));
        let mut f = Function::new(FunctionKind::Expression, None);
        f.params.push(Param::new(Name::new("a"), None));
        f.params.push(Param::new(Name::new("g"), Some(func_expr(seen))));
        let call_g = || call(ident("g"), vec![]);
        let var = Stmt::Decl(DeclKind::Var, vec![Declarator { name: Name::new("arguments"), init: None }]);
        f.body.push(var);
        if self.chance(50)? {
            // Before the body assigns it, its own binding holds the arguments object too.
            f.body.push(print(bin(BinOp::Add, unary(UnaryOp::Typeof, arguments()), call_g())));
        }
        let value = self.small_num()?;
        f.body.push(expr_stmt(assign_name("arguments", value)));
        f.body.push(ret(bin(BinOp::Add, bin(BinOp::Add, call_g(), string(",")), arguments())));
        // `g` gets `undefined` (its default) whenever more arguments follow.
        let mut args = vec![self.gen_prim(1)?];
        for i in 0..self.int(0, 2)? {
            args.push(if i == 0 { Expr::Undefined } else { self.gen_prim(1)? });
        }
        self.spend_call(3);
        out.push(print(call(func_expr(f), args)));
        Ok(true)
    }

    /// `arguments.callee` is the function running: an anonymous function expression recurses through
    /// it, directly or from an arrow (whose `arguments` is its enclosing function's). In strict code
    /// reading it throws a TypeError.
    fn arguments_callee(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        let depth = self.int(1, 3)?;
        if !self.fits_here(0, depth as u32 + 2) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::Arguments,
            "arguments.callee is the running function, an arrow's that of its enclosing function; strict code throws",
        ));
        let strict = self.strict();
        let arrows = self.feat.arrows;
        let depth_param = ParamSpec { protected: true, ..ParamSpec::prim() };
        // No directive of its own: whether reading `arguments.callee` throws is the context's.
        let spec = FnSpec {
            strict: Strictness::Inherit,
            ..FnSpec::new(FunctionKind::Expression, vec![depth_param], 0).own_scope()
        };
        let kind = self.decl_kind(true)?;
        let (f, d) = self.declare_var(Role::Function, kind, Ty::Func(fnty(1, Ty::Prim, 0)), false, |g| {
            g.fn_expr(spec, |g, names| {
                let n = names[0];
                let callee = if arrows && g.chance(70)? {
                    let mut up = g.with_function(FnSpec::new(FunctionKind::Arrow, vec![], 0), |g, _| {
                        Ok(vec![ret(member(g.read("arguments"), "callee"))])
                    })?;
                    up.expression_body = true;
                    call(func_expr(up), vec![])
                } else {
                    member(g.read("arguments"), "callee")
                };
                let (n1, n2, n3) = (g.read(n), g.read(n), g.read(n));
                let recurse = call(callee, vec![bin(BinOp::Sub, n2, num(1))]);
                let test = bin(BinOp::Le, n1, num(0));
                Ok(vec![ret(Expr::Cond(Box::new(test), Box::new(num(1)), Box::new(bin(BinOp::Mul, n3, recurse))))])
            })
        })?;
        // It recurses: only this producer calls it, with its depth.
        self.set_readable(f, false);
        out.push(d);
        self.spend_call(depth as u32 + 1);
        let c = print(call(self.read(f), vec![num(depth)]));
        out.push(if strict { self.guarded(vec![c])? } else { c });
        Ok(true)
    }

    fn cat_arguments(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        let f = self.feat;
        let variant = self.weighted(&[
            5,
            if f.default_params || f.rest_params { 2 } else { 0 },
            if f.arrows { 2 } else { 0 },
            2,
            if f.default_params && f.arrows && !self.strict() { 2 } else { 0 },
            2,
        ])?;
        if variant == 4 && self.fits_here(1, 3) {
            return self.arguments_beside_body_var(out);
        }
        if variant == 5 {
            return self.arguments_callee(out);
        }
        if variant == 0 && self.fits_here(0, 2) {
            out.push(self.tag(
                Category::Arguments,
                "arguments aliases parameters only in sloppy functions with simple parameters",
            ));
            let ft = fnty(2, Ty::Prim, 0);
            let spec =
                FnSpec::new(FunctionKind::Declaration, vec![ParamSpec::prim(), ParamSpec::prim()], 0).own_scope();
            let (fname, s) = self.function_decl_spec(Role::Function, spec, Ty::Prim, |g, _, names| {
                let (a, b) = (names[0], names[1]);
                let v = g.small_num()?;
                let w = g.small_num()?;
                let args = g.read("arguments");
                let mut body =
                    vec![expr_stmt(assign(AssignOp::Assign, Target::Index(Box::new(args), Box::new(num(0))), v))];
                let ar = g.read(a);
                body.push(print(ar));
                let t = g.target(b);
                body.push(expr_stmt(assign(AssignOp::Assign, t, w)));
                let args = g.read("arguments");
                body.push(print(index(args, num(1))));
                let args = g.read("arguments");
                body.push(print(member(args, "length")));
                let ar = g.read(a);
                body.push(ret(ar));
                Ok(body)
            })?;
            out.push(s);
            let c = self.call_gen(&fname, &ft)?;
            out.push(print(c));
            // Fewer arguments than parameters: the missing one is never mapped.
            let one = self.small_num()?;
            let c = self.call_named(&fname, vec![one]);
            out.push(print(c));
            return Ok(true);
        }
        if variant == 1 && self.fits_here(0, 1) {
            let rest = f.rest_params && (!f.default_params || self.chance(40)?);
            out.push(self.tag(Category::Arguments, "non-simple parameters make arguments unmapped"));
            let mut spec =
                FnSpec::new(FunctionKind::Declaration, vec![ParamSpec::prim(), ParamSpec::prim()], 0).own_scope();
            if rest {
                spec.params.pop();
                spec.rest = true;
            } else {
                spec.params[1].default = DefaultSpec::Prim;
            }
            let (fname, s) = self.function_decl_spec(Role::Function, spec, Ty::Prim, |g, _, names| {
                let a = names[0];
                let v = g.small_num()?;
                let args = g.read("arguments");
                let t = g.target(a);
                let ar = g.read(a);
                let args2 = g.read("arguments");
                let args3 = g.read("arguments");
                Ok(vec![
                    expr_stmt(assign(AssignOp::Assign, Target::Index(Box::new(args), Box::new(num(0))), v)),
                    expr_stmt(assign(AssignOp::Add, t, num(1))),
                    print(index(args2, num(0))),
                    ret(bin(BinOp::Add, ar, member(args3, "length"))),
                ])
            })?;
            out.push(s);
            let mut args = Vec::new();
            for _ in 0..self.int(1, 3)? {
                args.push(self.small_num()?);
            }
            let c = self.call_named(&fname, args);
            out.push(print(c));
            return Ok(true);
        }
        if variant == 2 && self.fits_here(1, 1) {
            out.push(self.tag(Category::Arguments, "an arrow sees the arguments of its enclosing function"));
            let spec = FnSpec::new(FunctionKind::Declaration, vec![ParamSpec::prim()], self.rank() - 1).own_scope();
            let (fname, s) = self.function_decl_spec(Role::Function, spec, Ty::Prim, |g, _, names| {
                let a = names[0];
                let arrow_ty = fnty(0, Ty::Prim, 0);
                let (h, d) =
                    g.declare_var(Role::Function, DeclKind::Const, Ty::Func(arrow_ty.clone()), false, |g| {
                        let mut f = g.with_function(FnSpec::new(FunctionKind::Arrow, vec![], 0), |g, _| {
                            let args = g.read("arguments");
                            let args2 = g.read("arguments");
                            Ok(vec![ret(bin(BinOp::Add, index(args, num(0)), member(args2, "length")))])
                        })?;
                        f.expression_body = true;
                        Ok(func_expr(f))
                    })?;
                let t = g.target(a);
                let v = g.small_num()?;
                let c = g.call_gen(&h, &arrow_ty)?;
                Ok(vec![d, expr_stmt(assign(AssignOp::Assign, t, v)), ret(c)])
            })?;
            out.push(s);
            let mut args = vec![self.small_num()?];
            if self.chance(50)? {
                args.push(self.small_num()?);
            }
            let c = self.call_named(&fname, args);
            out.push(print(c));
            return Ok(true);
        }
        if !self.fits_here(0, 2) {
            return Ok(false);
        }
        out.push(self.tag(Category::Arguments, "a closure keeps its creator's arguments object alive"));
        let inner_ty = fnty(0, Ty::Prim, 0);
        let spec = FnSpec::new(FunctionKind::Declaration, vec![], 0).own_scope();
        let (fname, s) = self.function_decl_spec(Role::Function, spec, Ty::Func(inner_ty), |g, _, _| {
            let args = g.read("arguments");
            let (keep, d) = g.declare_var(Role::Array, DeclKind::Var, Ty::arr(Ty::Prim, 0), false, |_| Ok(args))?;
            g.set_readable(keep, false);
            let c = g.fn_expr(FnSpec::new(FunctionKind::Expression, vec![], 0), |g, _| {
                let k = g.read(keep);
                let k2 = g.read(keep);
                Ok(vec![ret(bin(BinOp::Add, index(k, num(0)), member(k2, "length")))])
            })?;
            Ok(vec![d, ret(c)])
        })?;
        out.push(s);
        let mut args = Vec::new();
        for _ in 0..self.int(1, 3)? {
            args.push(self.small_num()?);
        }
        let c = self.call_named(&fname, args);
        self.spend_call(1);
        out.push(print(call(c, vec![])));
        Ok(true)
    }

    // ----- default-params ---------------------------------------------------------------------------

    fn cat_default_params(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.feat.default_params {
            return Ok(false);
        }
        let variant = self.pick(5)?;
        if variant == 4 && self.destructured_parameter(out)? {
            return Ok(true);
        }
        if variant == 0 && self.fits_here(1, 2) {
            out.push(
                self.tag(Category::DefaultParams, "a closure in a default sees the parameter, not the body's var"),
            );
            let get_ty = fnty(0, Ty::Prim, 0);
            let spec = FnSpec::new(
                FunctionKind::Declaration,
                vec![
                    ParamSpec::prim(),
                    ParamSpec { default: DefaultSpec::Closure, ..ParamSpec::of(Ty::Func(get_ty.clone())) },
                ],
                self.rank() - 1,
            );
            let redeclare = self.chance(60)?;
            let (fname, s) = self.function_decl_spec(Role::Function, spec, Ty::Prim, |g, ft, names| {
                let x = names[0];
                let v = g.small_num()?;
                // `var x` re-declares the parameter in the body's own variable environment.
                let first = if redeclare {
                    decl(DeclKind::Var, &x, Some(v))
                } else {
                    let t = g.target(x);
                    expr_stmt(assign(AssignOp::Add, t, v))
                };
                let xr = g.read(x);
                Ok(vec![first, print(xr), g.return_call_if_ranked(ft.rank, names[1])])
            })?;
            out.push(s);
            let a = self.small_num()?;
            let c = self.call_named(&fname, vec![a]);
            out.push(print(c));
            let a = self.small_num()?;
            let cb = self.closure(vec![], 0, |g, _| Ok(vec![ret(g.capture_expr()?)]))?;
            let c = self.call_named(&fname, vec![a, cb]);
            out.push(print(c));
            return Ok(true);
        }
        if variant == 1 && self.fits_here(0, 3) {
            out.push(self.tag(Category::DefaultParams, "defaults read earlier parameters and are evaluated per call"));
            let spec = FnSpec::new(
                FunctionKind::Declaration,
                vec![
                    ParamSpec::prim(),
                    ParamSpec { default: DefaultSpec::Prim, ..ParamSpec::prim() },
                    ParamSpec { default: DefaultSpec::Prim, ..ParamSpec::prim() },
                ],
                0,
            );
            let (fname, s) = self.function_decl_spec(Role::Function, spec, Ty::Prim, |g, _, names| {
                let rs: Vec<Expr> = names.iter().map(|n| g.read(n)).collect();
                let mut it = rs.into_iter();
                let first = it.next().unwrap_or(num(0));
                Ok(vec![ret(it.fold(first, |acc, e| bin(BinOp::Add, acc, e)))])
            })?;
            out.push(s);
            let a = self.small_num()?;
            let c = self.call_named(&fname, vec![a]);
            out.push(print(c));
            let (a, b) = (self.small_num()?, self.small_num()?);
            let c = self.call_named(&fname, vec![a, b]);
            out.push(print(c));
            let (a, b) = (self.small_num()?, self.small_num()?);
            let c = self.call_named(&fname, vec![a, Expr::Undefined, b]);
            out.push(print(c));
            return Ok(true);
        }
        if variant == 2 && self.fits_here(0, 1) {
            out.push(self.tag(Category::DefaultParams, "a default reading a later parameter hits its TDZ"));
            // Defaults are added below, so no `"use strict"` of its own (illegal with them).
            let mut f = self.with_function(
                FnSpec {
                    strict: Strictness::Inherit,
                    ..FnSpec::new(FunctionKind::Expression, vec![ParamSpec::prim(), ParamSpec::prim()], 0)
                },
                |g, names| {
                    let a = g.read(names[0]);
                    let b = g.read(names[1]);
                    Ok(vec![ret(bin(BinOp::Add, a, b))])
                },
            )?;
            let later = f.params[1].name;
            f.params[0].default = Some(Expr::Ident(later));
            f.params[1].default = Some(self.small_num()?);
            let mut args = Vec::new();
            if self.chance(40)? {
                args.push(self.small_num()?);
            }
            self.spend_call(1);
            let s = print(call(func_expr(f), args));
            out.push(self.guarded(vec![s])?);
            return Ok(true);
        }
        if !self.fits_here(0, 2) {
            return Ok(false);
        }
        out.push(self.tag(Category::DefaultParams, "a default array is fresh on every call"));
        let mut f = self.with_function(
            FnSpec {
                strict: Strictness::Inherit,
                ..FnSpec::new(FunctionKind::Expression, vec![ParamSpec::prim(), ParamSpec::of(Ty::arr(Ty::Prim, 0))], 0)
            },
            |g, names| {
                let acc = g.read(names[1]);
                let v = g.read(names[0]);
                let acc2 = g.read(names[1]);
                Ok(vec![expr_stmt(method_call(acc, "push", vec![v])), ret(member(acc2, "length"))])
            },
        )?;
        f.params[1].default = Some(Expr::Array(vec![]));
        let ft = fnty(1, Ty::Prim, 0);
        let kind = self.decl_kind(true)?;
        let (fname, d) = self.declare_var(Role::Function, kind, Ty::Func(ft.clone()), false, |_| Ok(func_expr(f)))?;
        out.push(d);
        for _ in 0..2 {
            let c = self.call_gen(&fname, &ft)?;
            out.push(print(c));
        }
        Ok(true)
    }

    // ----- this -------------------------------------------------------------------------------------

    /// An arrow captures `new.target` with `this`: the constructor when its function was called with
    /// `new`, `undefined` when it was called plainly (here through `call`, with an object as `this`).
    fn new_target_in_arrow(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        out.push(self.tag(
            Category::This,
            "an arrow captures new.target with this: the constructor under new, undefined in a plain call",
        ));
        let arrow_ty = fnty(0, Ty::Prim, 0);
        let spec = FnSpec::new(FunctionKind::Declaration, vec![ParamSpec::prim()], 0).own_scope();
        let (c, s) = self.function_decl_spec(Role::Function, spec, Ty::Func(arrow_ty.clone()), |g, _, names| {
            let own = g.decl_name;
            let k = g.read(names[0]);
            let set = assign(AssignOp::Assign, Target::Member(Box::new(Expr::This), "v".into()), k);
            let mut up = g.with_function(FnSpec::new(FunctionKind::Arrow, vec![], 0), |g, _| {
                let by_new = bin(BinOp::StrictEq, Expr::NewTarget, g.read(own));
                let how = Expr::Cond(
                    Box::new(by_new),
                    Box::new(string("new")),
                    Box::new(unary(UnaryOp::Typeof, Expr::NewTarget)),
                );
                Ok(vec![ret(bin(BinOp::Add, how, member(Expr::This, "v")))])
            })?;
            up.expression_body = true;
            // Returning a function from a constructor makes `new` return it instead of `this`.
            Ok(vec![expr_stmt(set), ret(func_expr(up))])
        })?;
        // It writes `this.v`: only called here, with `new` or an object as `this`.
        self.set_readable(c, false);
        out.push(s);
        // `new` and `call` here; the two arrows' calls below spend their own.
        self.spend_call(2);
        let kind = self.decl_kind(true)?;
        let k = self.small_num()?;
        let (by_new, d) = self.declare_var(Role::Function, kind, Ty::Func(arrow_ty.clone()), false, |g| {
            Ok(Expr::New(Box::new(g.read(c)), vec![k]))
        })?;
        out.push(d);
        let kind = self.decl_kind(true)?;
        let (k, v) = (self.small_num()?, self.small_num()?);
        let (plain, d) = self.declare_var(Role::Function, kind, Ty::Func(arrow_ty.clone()), false, |g| {
            Ok(method_call(g.read(c), "call", vec![Expr::Object(vec![prop("v", v)]), k]))
        })?;
        out.push(d);
        for f in [by_new, plain] {
            let call = self.call_gen(&f, &arrow_ty)?;
            out.push(print(call));
        }
        Ok(true)
    }

    /// An arrow made in an object literal's method captures `super` with `this`: `super.x` looks up
    /// the prototype of the method's home object (the literal), whatever object `this` is, and sees
    /// later changes to that prototype.
    fn super_in_object_method(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        out.push(self.tag(
            Category::This,
            "an object method's arrow captures super: it reads the home object's prototype, whatever this is",
        ));
        // Both objects are only used here (their fields are not in the model).
        let plain = Ty::Obj(Rc::new(ObjTy { fields: vec![] }));
        let kind = self.decl_kind(true)?;
        let (base, d) = self.declare_var(Role::Object, kind, plain.clone(), false, |g| {
            let m = g.with_function(FnSpec::new(FunctionKind::Method, vec![], 0).own_scope(), |g, _| {
                let k = g.small_num()?;
                Ok(vec![ret(bin(BinOp::Add, member(Expr::This, "v"), k))])
            })?;
            Ok(Expr::Object(vec![Prop::Method(PropKey::Name("m".into()), m), prop("v", g.small_num()?)]))
        })?;
        self.set_readable(base, false);
        out.push(d);
        let kind = self.decl_kind(true)?;
        let (o, d) = self.declare_var(Role::Object, kind, plain, false, |g| {
            let m = g.with_function(FnSpec::new(FunctionKind::Method, vec![], 0).own_scope(), |g, _| {
                let mut up = g.with_function(FnSpec::new(FunctionKind::Arrow, vec![], 0), |_, _| {
                    let inherited = bin(BinOp::Add, method_call(Expr::Super, "m", vec![]), member(Expr::Super, "v"));
                    Ok(vec![ret(bin(BinOp::Add, bin(BinOp::Add, inherited, string(":")), member(Expr::This, "v")))])
                })?;
                up.expression_body = true;
                Ok(vec![ret(func_expr(up))])
            })?;
            Ok(Expr::Object(vec![Prop::Method(PropKey::Name("m".into()), m), prop("v", g.small_num()?)]))
        })?;
        self.set_readable(o, false);
        out.push(d);
        let (or, br) = (self.read(o), self.read(base));
        out.push(expr_stmt(method_call(ident("Object"), "setPrototypeOf", vec![or, br])));
        // The arrow, made with the literal as `this`, then with another object as `this`.
        let arrow_ty = fnty(0, Ty::Prim, 0);
        let kind = self.decl_kind(true)?;
        self.spend_call(1);
        let (f, d) = self.declare_var(Role::Function, kind, Ty::Func(arrow_ty.clone()), false, |g| {
            Ok(method_call(g.read(o), "m", vec![]))
        })?;
        out.push(d);
        let c = self.call_gen(&f, &arrow_ty)?;
        out.push(print(c));
        let v = self.small_num()?;
        let br = self.read(base);
        out.push(expr_stmt(assign(AssignOp::Assign, Target::Member(Box::new(br), "v".into()), v)));
        let c = self.call_gen(&f, &arrow_ty)?;
        out.push(print(c));
        let other = Expr::Object(vec![prop("v", self.small_num()?)]);
        self.spend_call(2);
        let made = method_call(member(self.read(o), "m"), "call", vec![other]);
        out.push(print(call(made, vec![])));
        Ok(true)
    }

    fn cat_this(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        let variant = self.pick(7)?;
        let f = self.feat;
        if variant == 5 && f.method_shorthand && f.arrows && f.classes && self.fits_here(0, 3) {
            return self.super_in_object_method(out);
        }
        if variant == 6 && f.arrows && f.classes && self.fits_here(0, 4) {
            return self.new_target_in_arrow(out);
        }
        if variant == 0 && self.fits_here(2, 3) {
            out.push(self.tag(Category::This, "a method's arrow captures this; a getter reads it"));
            let r = self.rank() - 1;
            let m_ty = fnty(1, Ty::Prim, r);
            let ot = Rc::new(ObjTy {
                fields: vec![
                    Field { name: "v", ty: Ty::Prim, writable: true, getter: false },
                    Field { name: "m", ty: Ty::Method(m_ty.clone()), writable: false, getter: false },
                    Field { name: "w", ty: Ty::Prim, writable: false, getter: true },
                ],
            });
            let kind = self.decl_kind(true)?;
            let (o, d) = self.declare_var(Role::Object, kind, Ty::Obj(ot.clone()), false, |g| {
                let v = g.small_num()?;
                let shorthand = g.feat.method_shorthand && g.chance(50)?;
                let mut spec = FnSpec::new(
                    if shorthand { FunctionKind::Method } else { FunctionKind::Expression },
                    vec![ParamSpec::prim()],
                    r,
                );
                spec.this_obj = Some(ot.clone());
                let m = g.with_function(spec, |g, names| {
                    let dn = names[0];
                    let inner_ty = fnty(0, Ty::Prim, 0);
                    let (h, d) = if g.feat.arrows {
                        g.declare_var(Role::Function, DeclKind::Var, Ty::Func(inner_ty.clone()), false, |g| {
                            // Sometimes through an arrow of its own that captures nothing and
                            // uses no `this`: the inner one still finds the method's.
                            let nested = g.chance(35)?;
                            let mut f = g.with_function(FnSpec::new(FunctionKind::Arrow, vec![], 0), |g, _| {
                                if !nested {
                                    let dr = g.read(dn);
                                    return Ok(vec![ret(bin(BinOp::Add, member(Expr::This, "v"), dr))]);
                                }
                                let mut inner = g
                                    .with_function(FnSpec::new(FunctionKind::Arrow, vec![], 0), |_, _| {
                                        Ok(vec![ret(member(Expr::This, "v"))])
                                    })?;
                                inner.expression_body = true;
                                g.spend_call(1);
                                Ok(vec![ret(call(func_expr(inner), vec![]))])
                            })?;
                            f.expression_body = true;
                            Ok(func_expr(f))
                        })?
                    } else {
                        // ES5: `var self = this;` and a function expression closing over it.
                        let (me, d0) =
                            g.declare_var(Role::Object, DeclKind::Var, Ty::Obj(ot.clone()), false, |_| Ok(Expr::This))?;
                        let (h, d) =
                            g.declare_var(Role::Function, DeclKind::Var, Ty::Func(inner_ty.clone()), false, |g| {
                                g.fn_expr(FnSpec::new(FunctionKind::Expression, vec![], 0), |g, _| {
                                    let mr = g.read(me);
                                    let dr = g.read(dn);
                                    Ok(vec![ret(bin(BinOp::Add, member(mr, "v"), dr))])
                                })
                            })?;
                        return Ok(vec![d0, d, ret(g.call_gen(&h, &inner_ty)?)]);
                    };
                    let c = g.call_gen(&h, &inner_ty)?;
                    Ok(vec![d, ret(bin(BinOp::Add, c, member(Expr::This, "w")))])
                })?;
                let mut getter_spec = FnSpec::new(FunctionKind::Getter, vec![], 0);
                getter_spec.this_obj = Some(ot.clone());
                let w = g.with_function(getter_spec, |g, _| {
                    let k = g.prim_leaf()?;
                    Ok(vec![ret(bin(BinOp::Add, bin(BinOp::Mul, member(Expr::This, "v"), num(2)), k))])
                })?;
                let m = if shorthand { Prop::Method(PropKey::Name("m".into()), m) } else { prop("m", func_expr(m)) };
                Ok(Expr::Object(vec![prop("v", v), m, Prop::Method(PropKey::Name("w".into()), w)]))
            })?;
            out.push(d);
            let c = self.gen_call(&Callee::Field(o, "m", m_ty.clone()), 2)?;
            out.push(print(c));
            let or = self.read(o);
            out.push(print(member(or, "w")));
            let or = self.read(o);
            let v = self.small_num()?;
            out.push(expr_stmt(assign(AssignOp::Assign, Target::Member(Box::new(or), "v".into()), v)));
            let c = self.gen_call(&Callee::Field(o, "m", m_ty), 2)?;
            out.push(print(c));
            return Ok(true);
        }
        if variant == 1 && self.fits_here(1, 5) {
            out.push(self.tag(Category::This, "call, apply and bind set this; a bound function ignores a new one"));
            let ot = Rc::new(ObjTy { fields: vec![Field { name: "v", ty: Ty::Prim, writable: true, getter: false }] });
            let mut spec = FnSpec::new(FunctionKind::Declaration, vec![ParamSpec::prim()], 0);
            spec.this_obj = Some(ot.clone());
            let (gv, s) = self.function_decl_spec(Role::Function, spec, Ty::Prim, |g, _, names| {
                let dr = g.read(names[0]);
                let extra = g.gen_prim(1)?;
                Ok(vec![ret(bin(BinOp::Add, bin(BinOp::Add, member(Expr::This, "v"), dr), extra))])
            })?;
            // It reads `this.v`: only ever called with an object as `this`.
            self.set_readable(gv, false);
            out.push(s);
            let mut objs = Vec::new();
            for _ in 0..2 {
                let kind = self.decl_kind(true)?;
                let (o, d) = self.declare_var(Role::Object, kind, Ty::Obj(ot.clone()), false, |g| {
                    let v = g.gen_prim(1)?;
                    Ok(Expr::Object(vec![prop("v", v)]))
                })?;
                out.push(d);
                objs.push(o);
            }
            self.spend_call(4);
            let (p, q) = (objs[0], objs[1]);
            let a = self.small_num()?;
            let (f, pr) = (self.read(gv), self.read(p));
            out.push(print(method_call(f, "call", vec![pr, a])));
            let a = self.small_num()?;
            let (f, qr) = (self.read(gv), self.read(q));
            out.push(print(method_call(f, "apply", vec![qr, Expr::Array(vec![a])])));
            let bound_ty = fnty(0, Ty::Prim, 1);
            let kind = self.decl_kind(true)?;
            let (bd, d) = self.declare_var(Role::Function, kind, Ty::Func(bound_ty), false, |g| {
                let a = g.small_num()?;
                let (f, pr) = (g.read(gv), g.read(p));
                Ok(method_call(f, "bind", vec![pr, a]))
            })?;
            out.push(d);
            let b = self.read(bd);
            out.push(print(call(b, vec![])));
            let (b, qr) = (self.read(bd), self.read(q));
            out.push(print(method_call(b, "call", vec![qr])));
            return Ok(true);
        }
        if variant == 2 && self.fits_here(0, 3) {
            out.push(
                self.tag(Category::This, "this in a plain call: the global object when sloppy, as given when strict"),
            );
            let spec = FnSpec::new(FunctionKind::Declaration, vec![], 0).own_scope();
            let (t, s) = self.function_decl_spec(Role::Function, spec, Ty::Prim, |_, _, _| {
                Ok(vec![ret(unary(UnaryOp::Typeof, Expr::This))])
            })?;
            out.push(s);
            self.spend_call(3);
            let tr = self.read(t);
            out.push(print(call(tr, vec![])));
            let tr = self.read(t);
            let v = self.prim_leaf()?;
            out.push(print(method_call(tr, "call", vec![v])));
            let tr = self.read(t);
            out.push(print(method_call(tr, "call", vec![Expr::Undefined])));
            return Ok(true);
        }
        if variant == 3 && self.fits_here(0, 2) {
            out.push(self.tag(Category::This, "a method returns a closure that keeps its this"));
            let inner_ty = fnty(0, Ty::Prim, 0);
            let mk_ty = Rc::new(FnTy { params: vec![], ret: Ty::Func(inner_ty.clone()), rank: 0 });
            let ot = Rc::new(ObjTy {
                fields: vec![
                    Field { name: "v", ty: Ty::Prim, writable: true, getter: false },
                    Field { name: "mk", ty: Ty::Method(mk_ty.clone()), writable: false, getter: false },
                ],
            });
            let kind = self.decl_kind(true)?;
            let (o, d) = self.declare_var(Role::Object, kind, Ty::Obj(ot.clone()), false, |g| {
                let v = g.small_num()?;
                let shorthand = g.feat.method_shorthand && g.chance(50)?;
                let mut spec =
                    FnSpec::new(if shorthand { FunctionKind::Method } else { FunctionKind::Expression }, vec![], 0);
                spec.this_obj = Some(ot.clone());
                let mk = g.with_function(spec, |g, _| {
                    if g.feat.arrows {
                        let mut f = g.with_function(FnSpec::new(FunctionKind::Arrow, vec![], 0), |_, _| {
                            Ok(vec![ret(member(Expr::This, "v"))])
                        })?;
                        f.expression_body = true;
                        Ok(vec![ret(func_expr(f))])
                    } else {
                        let (me, d) =
                            g.declare_var(Role::Object, DeclKind::Var, Ty::Obj(ot.clone()), false, |_| Ok(Expr::This))?;
                        let f = g.fn_expr(FnSpec::new(FunctionKind::Expression, vec![], 0), |g, _| {
                            let mr = g.read(me);
                            Ok(vec![ret(member(mr, "v"))])
                        })?;
                        Ok(vec![d, ret(f)])
                    }
                })?;
                let mk =
                    if shorthand { Prop::Method(PropKey::Name("mk".into()), mk) } else { prop("mk", func_expr(mk)) };
                Ok(Expr::Object(vec![prop("v", v), mk]))
            })?;
            out.push(d);
            let kind = self.decl_kind(true)?;
            let (h, d) = self.declare_var(Role::Function, kind, Ty::Func(inner_ty.clone()), false, |g| {
                g.gen_call(&Callee::Field(o, "mk", mk_ty), 1)
            })?;
            out.push(d);
            let or = self.read(o);
            let v = self.small_num()?;
            out.push(expr_stmt(assign(AssignOp::Assign, Target::Member(Box::new(or), "v".into()), v)));
            let c = self.call_gen(&h, &inner_ty)?;
            out.push(print(c));
            return Ok(true);
        }
        if !self.fits_here(1, 3) {
            return Ok(false);
        }
        out.push(self.tag(Category::This, "a constructor stores closures over this"));
        let get_ty = fnty(0, Ty::Prim, 0);
        let mut fields = vec![
            Field { name: "v", ty: Ty::Prim, writable: true, getter: false },
            field("get", Ty::Method(get_ty.clone())),
        ];
        if self.feat.arrows {
            fields.push(field("arrow", Ty::Func(get_ty.clone())));
        }
        let ot = Rc::new(ObjTy { fields });
        let mut spec = FnSpec::new(FunctionKind::Declaration, vec![ParamSpec::prim()], 0);
        spec.this_obj = Some(ot.clone());
        let (ctor, s) = self.function_decl_spec(Role::Function, spec, Ty::Prim, |g, _, names| {
            let p = g.read(names[0]);
            let mut body =
                vec![expr_stmt(assign(AssignOp::Assign, Target::Member(Box::new(Expr::This), "v".into()), p))];
            let mut get_spec = FnSpec::new(FunctionKind::Expression, vec![], 0);
            get_spec.this_obj = Some(ot.clone());
            let get = g.fn_expr(get_spec, |_, _| Ok(vec![ret(member(Expr::This, "v"))]))?;
            body.push(expr_stmt(assign(AssignOp::Assign, Target::Member(Box::new(Expr::This), "get".into()), get)));
            if g.feat.arrows {
                let mut f = g.with_function(FnSpec::new(FunctionKind::Arrow, vec![], 0), |_, _| {
                    Ok(vec![ret(bin(BinOp::Mul, member(Expr::This, "v"), num(3)))])
                })?;
                f.expression_body = true;
                body.push(expr_stmt(assign(
                    AssignOp::Assign,
                    Target::Member(Box::new(Expr::This), "arrow".into()),
                    func_expr(f),
                )));
            }
            Ok(body)
        })?;
        // A constructor: only called with `new`.
        self.set_readable(ctor, false);
        out.push(s);
        let kind = self.decl_kind(true)?;
        let (p, d) = self.declare_var(Role::Object, kind, Ty::Obj(ot.clone()), false, |g| {
            g.spend_call(1);
            let a = g.small_num()?;
            let c = g.read(ctor);
            Ok(Expr::New(Box::new(c), vec![a]))
        })?;
        out.push(d);
        self.spend_call(2);
        let pr = self.read(p);
        out.push(print(method_call(pr, "get", vec![])));
        let (pr, cr) = (self.read(p), self.read(ctor));
        out.push(print(bin(BinOp::Instanceof, pr, cr)));
        if self.feat.arrows {
            let kind = self.decl_kind(true)?;
            let (a, d) = self.declare_var(Role::Function, kind, Ty::Func(get_ty.clone()), false, |g| {
                let pr = g.read(p);
                Ok(member(pr, "arrow"))
            })?;
            out.push(d);
            let c = self.call_gen(&a, &get_ty)?;
            out.push(print(c));
        }
        Ok(true)
    }

    // ----- private-state ----------------------------------------------------------------------------

    fn cat_private_state(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        let protocol = self.feat.for_of && self.feat.method_shorthand;
        // Tagged templates come with template literals (ES2015).
        let tagged = self.feat.templates;
        let variant = self.weighted(&[
            1,
            1,
            1,
            if self.feat.private_members { 3 } else { 0 },
            if protocol { 2 } else { 0 },
            if tagged { 1 } else { 0 },
        ])?;
        if variant == 3 {
            let before = out.len();
            if self.private_class(out)? {
                return Ok(true);
            }
            out.truncate(before);
        }
        if variant == 4 {
            let before = out.len();
            if self.protocol_iterator(out)? {
                return Ok(true);
            }
            out.truncate(before);
        }
        if variant == 5 && self.tagged_template_sites(out)? {
            return Ok(true);
        }
        if variant == 0 && self.fits_here(2, 6) {
            // ES5's integrity levels: a frozen module object keeps its methods, and a write to it
            // fails silently in sloppy code and throws TypeError in strict code.
            let frozen = self.feat.object_integrity && self.chance(40)?;
            out.push(self.tag(
                Category::PrivateState,
                if frozen {
                    "module pattern: privileged methods over a private variable, on a frozen object"
                } else {
                    "module pattern: privileged methods over a private variable"
                },
            ));
            let op_ty = fnty(0, Ty::Prim, 1);
            let value_ty = fnty(0, Ty::Prim, 0);
            let ot = Rc::new(ObjTy {
                fields: vec![
                    field("inc", Ty::Func(op_ty.clone())),
                    field("dec", Ty::Func(op_ty.clone())),
                    field("value", Ty::Func(value_ty.clone())),
                ],
            });
            let kind = self.decl_kind(true)?;
            let (m, d) = self.declare_var(Role::Object, kind, Ty::Obj(ot.clone()), false, |g| {
                let iife = g.fn_expr(FnSpec::new(FunctionKind::Expression, vec![], 1), |g, _| {
                    let (count, d) = g.declare_var(Role::Value, DeclKind::Var, Ty::Prim, true, |g| g.gen_prim(1))?;
                    let change_ty = fnty(1, Ty::Prim, 0);
                    let (change, cs) = g.function_decl(Role::Function, change_ty.clone(), |g, _, names| {
                        let t = g.target(count);
                        let dv = g.read(names[0]);
                        let c = g.read(count);
                        Ok(vec![expr_stmt(assign(AssignOp::Add, t, dv)), ret(c)])
                    })?;
                    let mut props = Vec::new();
                    for (key, delta) in [("inc", 1), ("dec", -1)] {
                        let f = g.fn_expr(FnSpec::new(FunctionKind::Expression, vec![], 1), |g, _| {
                            let c = g.call_named(&change, vec![num(delta)]);
                            Ok(vec![ret(c)])
                        })?;
                        props.push(prop(key, f));
                    }
                    let value = g.closure(vec![], 0, |g, _| Ok(vec![ret(g.read(count))]))?;
                    props.push(prop("value", value));
                    let api = Expr::Object(props);
                    let api = if frozen { method_call(ident("Object"), "freeze", vec![api]) } else { api };
                    Ok(vec![d, cs, ret(api)])
                })?;
                g.spend_call(1);
                Ok(call(iife, vec![]))
            })?;
            out.push(d);
            for key in ["inc", "inc", "dec"] {
                let c = self.gen_call(&Callee::Field(m, key, op_ty.clone()), 1)?;
                out.push(expr_stmt(c));
            }
            if frozen {
                // Replacing a method and adding a field: both refused by the frozen object.
                let (inc, dec) = (member(self.read(m), "inc"), member(self.read(m), "dec"));
                let v = self.small_num()?;
                let block = vec![
                    expr_stmt(assign(AssignOp::Assign, Target::Member(Box::new(self.read(m)), Name::new("inc")), dec)),
                    expr_stmt(assign(AssignOp::Assign, Target::Member(Box::new(self.read(m)), Name::new("count")), v)),
                    print(bin(BinOp::StrictEq, inc, member(self.read(m), "dec"))),
                ];
                let handler = self.catch_print_name()?;
                out.push(Stmt::Try { block, handler: Some(handler), finalizer: None });
                out.push(print(method_call(ident("Object"), "isFrozen", vec![self.read(m)])));
            }
            let c = self.gen_call(&Callee::Field(m, "value", value_ty), 1)?;
            out.push(print(c));
            let mr = self.read(m);
            out.push(print(unary(UnaryOp::Typeof, member(mr, "count"))));
            return Ok(true);
        }
        if variant == 1 && self.fits_here(1, 6) {
            out.push(self.tag(Category::PrivateState, "a constructor's privileged methods guard a private balance"));
            let dep_ty = fnty(1, Ty::Prim, 0);
            let bal_ty = fnty(0, Ty::Prim, 0);
            let ot = Rc::new(ObjTy {
                fields: vec![field("deposit", Ty::Func(dep_ty.clone())), field("balance", Ty::Func(bal_ty.clone()))],
            });
            let mut spec = FnSpec::new(FunctionKind::Declaration, vec![ParamSpec::prim()], 0);
            spec.this_obj = Some(ot.clone());
            let (ctor, s) = self.function_decl_spec(Role::Function, spec, Ty::Prim, |g, _, names| {
                let p = names[0];
                let (bal, d) = g.declare_var(Role::Value, DeclKind::Var, Ty::Prim, true, |g| Ok(g.read(p)))?;
                let dep =
                    g.fn_expr(FnSpec::new(FunctionKind::Expression, vec![ParamSpec::prim()], 0), |g, names| {
                        let dr = g.read(names[0]);
                        let dr2 = g.read(names[0]);
                        let t = g.target(bal);
                        let b = g.read(bal);
                        Ok(vec![
                            Stmt::If(lt_eq(BinOp::Gt, dr, 0), vec![expr_stmt(assign(AssignOp::Add, t, dr2))], None),
                            ret(b),
                        ])
                    })?;
                let balf =
                    g.fn_expr(FnSpec::new(FunctionKind::Expression, vec![], 0), |g, _| Ok(vec![ret(g.read(bal))]))?;
                Ok(vec![
                    d,
                    expr_stmt(assign(AssignOp::Assign, Target::Member(Box::new(Expr::This), "deposit".into()), dep)),
                    expr_stmt(assign(AssignOp::Assign, Target::Member(Box::new(Expr::This), "balance".into()), balf)),
                ])
            })?;
            self.set_readable(ctor, false);
            out.push(s);
            let mut accts = Vec::new();
            for _ in 0..2 {
                let kind = self.decl_kind(true)?;
                let (a, d) = self.declare_var(Role::Object, kind, Ty::Obj(ot.clone()), false, |g| {
                    g.spend_call(1);
                    let c = g.read(ctor);
                    let v = g.small_num()?;
                    Ok(Expr::New(Box::new(c), vec![v]))
                })?;
                out.push(d);
                accts.push(a);
            }
            for v in [3, -1] {
                let c = self.gen_call(&Callee::Field(accts[0], "deposit", dep_ty.clone()), 1)?;
                let Expr::Call(callee, _) = c else { unreachable!("gen_call builds a call") };
                out.push(expr_stmt(Expr::Call(callee, vec![num(v)])));
            }
            for a in accts.clone() {
                let c = self.gen_call(&Callee::Field(a, "balance", bal_ty.clone()), 1)?;
                out.push(print(c));
            }
            let ar = self.read(accts[0]);
            out.push(print(unary(UnaryOp::Typeof, member(ar, "bal"))));
            return Ok(true);
        }
        if !self.fits_here(0, 1) {
            return Ok(false);
        }
        out.push(self.tag(Category::PrivateState, "accessors over a private variable"));
        let ot = Rc::new(ObjTy { fields: vec![Field { name: "s", ty: Ty::Prim, writable: true, getter: true }] });
        let kind = self.decl_kind(true)?;
        let (o, d) = self.declare_var(Role::Object, kind, Ty::Obj(ot), false, |g| {
            let iife = g.fn_expr(FnSpec::new(FunctionKind::Expression, vec![], 0), |g, _| {
                let (secret, d) = g.declare_var(Role::Value, DeclKind::Var, Ty::Prim, true, |g| g.gen_prim(1))?;
                let get = g.with_function(FnSpec::new(FunctionKind::Getter, vec![], 0), |g, _| {
                    Ok(vec![ret(g.read(secret))])
                })?;
                let set =
                    g.with_function(FnSpec::new(FunctionKind::Setter, vec![ParamSpec::prim()], 0), |g, names| {
                        let t = g.target(secret);
                        let v = g.read(names[0]);
                        Ok(vec![expr_stmt(assign(AssignOp::Assign, t, bin(BinOp::Mul, v, num(2))))])
                    })?;
                let key = || PropKey::Name("s".into());
                Ok(vec![d, ret(Expr::Object(vec![Prop::Method(key(), get), Prop::Method(key(), set)]))])
            })?;
            g.spend_call(1);
            Ok(call(iife, vec![]))
        })?;
        out.push(d);
        let or = self.read(o);
        let v = self.small_num()?;
        out.push(expr_stmt(assign(AssignOp::Assign, Target::Member(Box::new(or), "s".into()), v)));
        let or = self.read(o);
        out.push(print(member(or, "s")));
        Ok(true)
    }

    // ----- exceptions -------------------------------------------------------------------------------

    fn cat_exceptions(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        let variant = self.pick(6)?;
        if variant == 5 && self.pattern_catch(out)? {
            return Ok(true);
        }
        if variant == 0 && self.fits_here(0, 1) {
            out.push(self.tag(Category::Exceptions, "a closure over a catch parameter outlives the catch"));
            let ft = fnty(0, Ty::Prim, 0);
            let (names, d) = self.declare_uninit(Role::Function, &[Ty::Func(ft.clone())])?;
            out.push(d);
            let gname = names[0];
            let thrown = self.gen_prim(1)?;
            let handler = self.catch_clause(Ty::Prim, |g, e| {
                let e = Name::new(e);
                let c = g.closure(vec![], 0, |g, _| Ok(vec![ret(g.reading(&e)?)]))?;
                let t = g.target(gname);
                Ok(vec![expr_stmt(assign(AssignOp::Assign, t, c))])
            })?;
            out.push(Stmt::Try { block: vec![Stmt::Throw(thrown)], handler: Some(handler), finalizer: None });
            self.set_readable(gname, true);
            let c = self.call_gen(&gname, &ft)?;
            out.push(print(c));
            return Ok(true);
        }
        if variant == 1 && self.fits_here(0, 2) {
            out.push(self.tag(Category::Exceptions, "finally runs on every exit and its return overrides"));
            let ft = fnty(1, Ty::Prim, 0);
            let override_ret = self.chance(50)?;
            let (f, s) = self.function_decl(Role::Function, ft.clone(), |g, _, names| {
                let a = names[0];
                let ar = g.read(a);
                let ar2 = g.read(a);
                let block = vec![Stmt::If(lt_eq(BinOp::Gt, ar, 1), vec![Stmt::Throw(ar2)], None), ret(g.read(a))];
                let handler = g.catch_clause(Ty::Prim, |g, e| {
                    let er = g.read(e);
                    Ok(vec![ret(bin(BinOp::Mul, er, num(10)))])
                })?;
                let mut fin = vec![print(string("finally"))];
                if override_ret {
                    fin.push(ret(g.small_num()?));
                }
                Ok(vec![Stmt::Try { block, handler: Some(handler), finalizer: Some(fin) }])
            })?;
            out.push(s);
            for v in [1, 2] {
                let c = self.call_named(&f, vec![num(v)]);
                out.push(print(c));
            }
            return Ok(true);
        }
        if variant == 2 && self.fits_here(1, 4) {
            out.push(
                self.tag(Category::Exceptions, "an exception thrown by a closure unwinds through a builtin's callback"),
            );
            let ft = fnty(1, Ty::Prim, 0);
            let (thrower, s) = self.function_decl(Role::Function, ft.clone(), |g, _, names| {
                let v = g.read(names[0]);
                Ok(vec![Stmt::Throw(v)])
            })?;
            // It always throws: only called here, inside `try`.
            self.set_readable(thrower, false);
            out.push(s);
            let limit = self.int(0, 2)?;
            let cb = self.closure(vec![ParamSpec::prim()], 1, |g, names| {
                let z = g.read(names[0]);
                let z2 = g.read(names[0]);
                let z3 = g.read(names[0]);
                let c = g.call_named(&thrower, vec![z2]);
                Ok(vec![Stmt::If(lt_eq(BinOp::Gt, z, limit), vec![expr_stmt(c)], None), print(z3)])
            })?;
            self.spend_call(3);
            let arr = Expr::Array(vec![num(1), num(2), num(3)]);
            let block = vec![expr_stmt(method_call(arr, "forEach", vec![cb]))];
            let handler = self.catch_clause(Ty::Prim, |g, e| {
                let er = g.read(e);
                Ok(vec![print(er)])
            })?;
            out.push(Stmt::Try { block, handler: Some(handler), finalizer: None });
            return Ok(true);
        }
        if variant == 3 {
            out.push(self.tag(Category::Exceptions, "Error objects: name and instanceof, never the message"));
            let ctor = self.pick_from(&["Error", "TypeError", "RangeError", "ReferenceError"])?;
            let other = self.pick_from(&["Error", "TypeError", "RangeError"])?;
            let thrown = Expr::New(Box::new(ident(ctor)), vec![string("boom")]);
            let handler = self.catch_clause(Ty::Error, |g, e| {
                let a = g.read(e);
                let b = g.read(e);
                let c = g.read(e);
                Ok(vec![
                    print(member(a, "name")),
                    print(bin(BinOp::Instanceof, b, ident(other))),
                    print(bin(BinOp::Instanceof, c, ident("Error"))),
                ])
            })?;
            let finalizer = if self.chance(40)? { Some(vec![print(string("done"))]) } else { None };
            out.push(Stmt::Try { block: vec![Stmt::Throw(thrown)], handler: Some(handler), finalizer });
            return Ok(true);
        }
        out.push(self.tag(Category::Exceptions, "try/finally inside a loop with break"));
        let trips = self.int(2, i64::from(self.cfg.max_loop_trips.max(2)))? as u32;
        let stop = self.int(0, i64::from(trips))?;
        let s = self.counted_for(trips, |g, i| {
            let ir = g.read(i);
            let ir2 = g.read(i);
            let mut block = vec![Stmt::If(bin(BinOp::StrictEq, ir, num(stop)), vec![Stmt::Break(None)], None)];
            block.extend(g.gen_stmts(1, 40)?);
            Ok(vec![Stmt::Try { block, handler: None, finalizer: Some(vec![print(ir2)]) }])
        })?;
        out.push(s);
        Ok(true)
    }

    // ----- recursion --------------------------------------------------------------------------------

    /// A depth argument for a call from outside: a small literal.
    fn depth_arg(&mut self, max: u32) -> Result<Expr> {
        Ok(num(self.int(0, i64::from(max.min(self.cfg.max_recursion_depth)))?))
    }

    /// The body of a function recursing through `me` on its depth parameter `n`.
    fn recursive_body(&mut self, me: &str, n: &str, shape: usize) -> Result<Vec<Stmt>> {
        let nr = |g: &mut Self| g.read(n);
        let rec = |g: &mut Self, k: i64| {
            let m = g.read(me);
            let a = g.read(n);
            call(m, vec![bin(BinOp::Sub, a, num(k))])
        };
        Ok(match shape {
            0 => {
                // factorial
                let base = Stmt::If(lt_eq(BinOp::Le, nr(self), 1), vec![ret(num(1))], None);
                let r = rec(self, 1);
                vec![base, ret(bin(BinOp::Mul, nr(self), r))]
            }
            1 => {
                // fibonacci
                let base = Stmt::If(lt_eq(BinOp::Lt, nr(self), 2), vec![ret(nr(self))], None);
                let (a, b) = (rec(self, 1), rec(self, 2));
                vec![base, ret(bin(BinOp::Add, a, b))]
            }
            _ => {
                // countdown printing on the way down, summing on the way up
                let base = Stmt::If(lt_eq(BinOp::Le, nr(self), 0), vec![ret(num(0))], None);
                let r = rec(self, 1);
                vec![base, print(nr(self)), ret(bin(BinOp::Add, nr(self), r))]
            }
        })
    }

    fn cat_recursion(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(0, 2) {
            return Ok(false);
        }
        let variant = self.pick(6)?;
        let shape = self.pick(3)?;
        let depth_param = || ParamSpec { name: None, ty: Ty::Prim, default: DefaultSpec::None, protected: true };
        match variant {
            0 => {
                out.push(
                    self.tag(Category::Recursion, "a function recurses through its binding on a decreasing depth"),
                );
                let spec = FnSpec::new(FunctionKind::Declaration, vec![depth_param()], 0);
                let (f, s) = self.function_decl_spec(Role::Function, spec, Ty::Prim, |g, _, names| {
                    let me = g.decl_name;
                    g.recursive_body(&me, &names[0], shape)
                })?;
                // Called with a literal depth only: generated code must not call it with anything else.
                self.set_readable(f, false);
                out.push(s);
                let a = self.depth_arg(if shape == 1 { 8 } else { 6 })?;
                let c = self.call_named(&f, vec![a]);
                out.push(print(c));
            }
            1 => {
                out.push(self.tag(Category::Recursion, "a named function expression recurses through its own name"));
                let self_name = self.nfe_name()?;
                let kind = self.decl_kind(true)?;
                let ft = fnty(1, Ty::Prim, 0);
                let (f, d) = self.declare_var(Role::Function, kind, Ty::Func(ft), false, |g| {
                    let spec = FnSpec {
                        name: Some(self_name),
                        ..FnSpec::new(FunctionKind::Expression, vec![depth_param()], 0)
                    };
                    g.fn_expr(spec, |g, names| g.recursive_body(&self_name, &names[0], shape))
                })?;
                self.set_readable(f, false);
                out.push(d);
                let a = self.depth_arg(6)?;
                let c = self.call_named(&f, vec![a]);
                out.push(print(c));
            }
            2 if self.fits_here(0, 2) => {
                out.push(self.tag(Category::Recursion, "mutual recursion between two functions"));
                let ft = fnty(1, Ty::Prim, 0);
                let decl_form = self.can_declare_function_here();
                let how = if !decl_form {
                    None
                } else if self.at_var_scope() {
                    Some(How::FnTop)
                } else {
                    Some(How::BlockFn)
                };
                let kind = self.decl_kind(true)?;
                let vhow = if kind == DeclKind::Var { How::Var } else { How::Lexical };
                let mut names = Vec::new();
                for _ in 0..2 {
                    let h = how.unwrap_or(vhow);
                    let n = self.fresh_name(Role::Function, h)?;
                    let bk = if how.is_some() { BindingKind::Function } else { kind.binding_kind() };
                    self.declare(n, h, bk, Ty::Func(ft.clone()), false, false);
                    names.push(n);
                }
                let result = [true, false];
                let mut stmts = Vec::new();
                for k in 0..2 {
                    let (me, other) = (names[k], names[1 - k]);
                    let base = result[k];
                    let spec = FnSpec {
                        name: if how.is_some() { Some(me) } else { None },
                        ..FnSpec::new(
                            if how.is_some() { FunctionKind::Declaration } else { FunctionKind::Expression },
                            vec![depth_param()],
                            0,
                        )
                    };
                    let f = self.with_function(spec, |g, ps| {
                        let n = g.read(ps[0]);
                        let n2 = g.read(ps[0]);
                        let o = g.read(other);
                        Ok(vec![
                            Stmt::If(lt_eq(BinOp::Le, n, 0), vec![ret(Expr::Bool(base))], None),
                            ret(call(o, vec![bin(BinOp::Sub, n2, num(1))])),
                        ])
                    })?;
                    stmts.push(if how.is_some() { Stmt::Function(f) } else { decl(kind, &me, Some(func_expr(f))) });
                }
                out.extend(stmts);
                for n in &names {
                    let a = self.depth_arg(7)?;
                    let c = self.call_named(n, vec![a]);
                    out.push(print(c));
                }
            }
            3 => {
                out.push(self.tag(Category::Recursion, "memoisation in a cache captured by a recursive closure"));
                let kind = self.decl_kind(true)?;
                let ft = fnty(1, Ty::Prim, 0);
                let (memo, d) = self.declare_var(Role::Function, kind, Ty::Func(ft), false, |g| {
                    let iife = g.fn_expr(FnSpec::new(FunctionKind::Expression, vec![], 0), |g, _| {
                        let (cache, d) = g.declare_var(
                            Role::Object,
                            DeclKind::Var,
                            Ty::Obj(Rc::new(ObjTy { fields: vec![] })),
                            false,
                            |_| Ok(Expr::Object(vec![])),
                        )?;
                        g.set_readable(cache, false);
                        let self_name = g.nfe_name()?;
                        let spec = FnSpec {
                            name: Some(self_name),
                            ..FnSpec::new(FunctionKind::Expression, vec![depth_param()], 0)
                        };
                        let f = g.fn_expr(spec, |g, names| {
                            let n = names[0];
                            let rd = |g: &mut Self| g.read(n);
                            let hit = Stmt::If(
                                bin(BinOp::In, rd(g), g.read(cache)),
                                vec![ret(index(g.read(cache), rd(g)))],
                                None,
                            );
                            let me = |g: &mut Self, k| {
                                let m = g.read(self_name);
                                call(m, vec![bin(BinOp::Sub, g.read(n), num(k))])
                            };
                            let (a, b) = (me(g, 1), me(g, 2));
                            let value = Expr::Cond(
                                Box::new(lt_eq(BinOp::Lt, rd(g), 2)),
                                Box::new(rd(g)),
                                Box::new(bin(BinOp::Add, a, b)),
                            );
                            let (r, d) = g.declare_var(Role::Value, DeclKind::Var, Ty::Prim, false, |_| Ok(value))?;
                            let store = expr_stmt(assign(
                                AssignOp::Assign,
                                Target::Index(Box::new(g.read(cache)), Box::new(rd(g))),
                                g.read(r),
                            ));
                            Ok(vec![hit, d, store, ret(g.read(r))])
                        })?;
                        Ok(vec![d, ret(f)])
                    })?;
                    g.spend_call(1);
                    Ok(call(iife, vec![]))
                })?;
                self.set_readable(memo, false);
                out.push(d);
                for _ in 0..2 {
                    let a = num(self.int(0, 2 * i64::from(self.cfg.max_recursion_depth))?);
                    let c = self.call_named(&memo, vec![a]);
                    out.push(print(c));
                }
            }
            4 => {
                out.push(self.tag(Category::Recursion, "a fixpoint combinator ties the knot through closures"));
                let fix_spec = FnSpec::new(FunctionKind::Declaration, vec![ParamSpec::of(Ty::Prim)], 0);
                let (fix, s) = self.function_decl_spec(Role::Function, fix_spec, Ty::Prim, |g, _, names| {
                    let fname = names[0];
                    let self_name = g.nfe_name()?;
                    let spec = FnSpec {
                        name: Some(self_name),
                        ..FnSpec::new(FunctionKind::Expression, vec![depth_param()], 0)
                    };
                    let inner = g.fn_expr(spec, |g, ps| {
                        let fr = g.read(fname);
                        let me = g.read(self_name);
                        let n = g.read(ps[0]);
                        Ok(vec![ret(call(fr, vec![me, n]))])
                    })?;
                    Ok(vec![ret(inner)])
                })?;
                self.set_readable(fix, false);
                out.push(s);
                let step = self.fn_expr(
                    FnSpec::new(FunctionKind::Expression, vec![ParamSpec::prim(), depth_param()], 0),
                    |g, ps| {
                        let (rec, n) = (ps[0], ps[1]);
                        let base = Stmt::If(lt_eq(BinOp::Le, g.read(n), 1), vec![ret(num(1))], None);
                        let r = call(g.read(rec), vec![bin(BinOp::Sub, g.read(n), num(1))]);
                        Ok(vec![base, ret(bin(BinOp::Mul, g.read(n), r))])
                    },
                )?;
                let kind = self.decl_kind(true)?;
                let ft = fnty(1, Ty::Prim, 0);
                let (fact, d) = self
                    .declare_var(Role::Function, kind, Ty::Func(ft), false, |g| Ok(g.call_named(&fix, vec![step])))?;
                self.set_readable(fact, false);
                out.push(d);
                let a = self.depth_arg(6)?;
                let c = self.call_named(&fact, vec![a]);
                out.push(print(c));
            }
            _ => {
                out.push(
                    self.tag(Category::Recursion, "recursion builds a chain of closures, each capturing its depth"),
                );
                let acc_ty = Ty::func(vec![], Ty::Prim, 0);
                let spec = FnSpec::new(FunctionKind::Declaration, vec![depth_param(), ParamSpec::of(acc_ty)], 0);
                let (walk, s) = self.function_decl_spec(Role::Function, spec, Ty::Prim, |g, _, ps| {
                    let me = g.decl_name;
                    let (n, acc) = (ps[0], ps[1]);
                    let base = Stmt::If(lt_eq(BinOp::Le, g.read(n), 0), vec![ret(call(g.read(acc), vec![]))], None);
                    let next = g.closure(vec![], 0, |g, _| {
                        let a = g.read(acc);
                        let n = g.read(n);
                        Ok(vec![ret(bin(BinOp::Add, call(a, vec![]), n))])
                    })?;
                    let r = call(g.read(me), vec![bin(BinOp::Sub, g.read(n), num(1)), next]);
                    Ok(vec![base, ret(r)])
                })?;
                self.set_readable(walk, false);
                out.push(s);
                let start = self.closure(vec![], 0, |g, _| Ok(vec![ret(g.small_num()?)]))?;
                let a = self.depth_arg(6)?;
                let c = self.call_named(&walk, vec![a, start]);
                out.push(print(c));
            }
        }
        Ok(true)
    }
}
