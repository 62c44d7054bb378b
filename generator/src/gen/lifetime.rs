//! The lifetime producer: objects kept alive (or not) by what closures capture, observed through
//! `WeakRef` and the host's lifetime protocol (`afterGc(callback)` runs `callback` in a job of its
//! own after the script and all its jobs, a cleared kept list and a full collection;
//! `lifetimeProbe(name, weakRef)` prints `lifetime NAME kept|collected`; see `harness::lifetime`).
//!
//! Each pattern creates one or two objects inside a function, keeps a `WeakRef` to each in a script
//! binding, and registers an `afterGc` callback that probes them and then uses whatever keeps them
//! alive (calling the live closure, resuming the generator, resolving the promise), so what is
//! printed besides the probe lines is deterministic on every engine. The reference interpreter
//! classifies each probed object; the patterns aim at each class:
//!
//! | pattern | object | class |
//! |---|---|---|
//! | a closure that stays reachable reads it (returned, in an object, in an array) | captured | live |
//! | the `afterGc` callback itself, created in the call, reads it | captured | live |
//! | the live closure is dropped in the first callback, a second one probes again | captured | live, then garbage |
//! | two closures of one scope: the one reading `big` is dropped, its sibling kept | `big` / `small` | retained / live |
//! | only closures that were dropped (never escaped, overwritten, deleted) read it | captured | garbage |
//! | a suspended generator's frame holds it (or a finished one held it) | local | retained (garbage) |
//! | a reaction of a pending promise, or a suspended async function, reads it | captured | retained |
//!
//! Only at the top level of the script, outside loops and `with`, so that each probe runs once
//! (probe names, the pattern's expectation and number such as `live0`, `big1`, `small1`, are
//! unique in the program) and nothing but the pattern can reach
//! its objects: the functions are written out here, with no random code inside, and every name the
//! pattern declares (`wr0`, `keep0`, `obj0`, ...) is used by nothing else. The `WeakRef`s are only
//! dereferenced by `lifetimeProbe`. Needs the `weak_refs` feature (`full` profile).

use arbitrary::Result;

use super::cats::fnty;
use super::ty::*;
use super::*;

/// Most lifetime patterns one program gets (each costs the engines one or two full collections).
const MAX_PER_PROGRAM: u32 = 2;

/// `new WeakRef(e)`
fn weak_ref(e: Expr) -> Expr {
    Expr::New(Box::new(ident("WeakRef")), vec![e])
}

/// `lifetimeProbe("name", w)`
fn probe(name: &str, w: &str) -> Stmt {
    expr_stmt(call(ident("lifetimeProbe"), vec![string(name.to_string()), ident(w)]))
}

/// `afterGc(f)`
fn after_gc(f: Expr) -> Stmt {
    expr_stmt(call(ident("afterGc"), vec![f]))
}

/// `name = value;`
fn set(name: &str, value: Expr) -> Stmt {
    expr_stmt(assign_name(name, value))
}

/// A function of `kind` with parameters `params` and `body`, written out (no scope model: the
/// pattern's functions contain no random code).
fn raw_function(kind: FunctionKind, params: &[&str], body: Vec<Stmt>) -> Function {
    let mut f = Function::new(kind, None);
    f.params = params.iter().map(|p| Param::new(Name::new(p), None)).collect();
    f.body = body;
    f
}

/// How a live closure escapes its creating call.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Escape {
    /// Returned: `keep()`.
    Direct,
    /// In an object with a second method over the same object: `keep.get()`, `keep.bump()`.
    Object,
    /// In an array: `keep[0]()`.
    Array,
}

impl<'a, 'b> Gen<'a, 'b> {
    pub(crate) fn cat_lifetime(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        let here_once = self.frames.len() == 1
            && self.frame().loop_mult == 1
            && !self.scopes.iter().any(|s| s.kind == ScopeKind::With);
        if !self.feat.weak_refs
            || !here_once
            || self.lifetimes >= MAX_PER_PROGRAM
            || !self.can_call(4)
            || !self.budget(8, 4)
        {
            return Ok(false);
        }
        let f = self.feat;
        let w = [
            4,                                     // live: a reachable closure reads it
            2,                                     // live: the afterGc callback reads it
            2,                                     // live, then garbage after the closure is dropped
            4,                                     // shared scope: retained and live
            3,                                     // garbage: only dropped closures read it
            if f.generators { 2 } else { 0 },      // suspended (or finished) generator
            if f.async_functions { 2 } else { 0 }, // pending promise reaction / suspended async function
        ];
        let n = self.lifetimes;
        let declarable = ["wr", "wrBig", "wrSmall", "keep", "hold", "it", "res"].iter().all(|base| {
            let name = Name::numbered(base, n);
            self.can_declare(name, How::Var) && self.can_declare(name, How::Lexical)
        });
        if !declarable {
            return Ok(false);
        }
        self.lifetimes += 1;
        self.funcs_left -= 3;
        self.spend(6);
        match self.weighted(&w)? {
            0 => self.lifetime_live(n, out, false),
            1 => self.lifetime_callback(n, out),
            2 => self.lifetime_live(n, out, true),
            3 => self.lifetime_shared_scope(n, out),
            4 => self.lifetime_garbage(n, out),
            5 => self.lifetime_generator(n, out),
            _ => self.lifetime_pending(n, out),
        }?;
        Ok(true)
    }

    /// The probe name for `role` in pattern `n`: unique in the program, and saying what the
    /// pattern expects (`live`, `small`: live; `big`, `suspended`, `pending`: retained;
    /// `garbage`, `dropped`, `finished`: garbage).
    fn probe_name(role: &str, n: u32) -> String {
        format!("{role}{n}")
    }

    /// Declares the pattern's script binding `name` (checked free; names with the pattern's
    /// number are used by nothing else) without an initialiser, unreadable to random code.
    fn lifetime_slot(&mut self, name: &str, out: &mut Vec<Stmt>) -> Result<()> {
        let kind = self.decl_kind(false)?;
        let how = if kind == DeclKind::Var { How::Var } else { How::Lexical };
        self.declare(name, how, kind.binding_kind(), Ty::Prim, false, false);
        out.push(Stmt::Decl(kind, vec![Declarator { name: Name::new(name), init: None }]));
        Ok(())
    }

    /// Declares `name = init` in the script, unreadable to random code unless `ty` is given.
    fn lifetime_binding(
        &mut self,
        name: &str,
        init: Expr,
        allow_const: bool,
        ty: Option<Ty>,
        out: &mut Vec<Stmt>,
    ) -> Result<()> {
        let kind = self.decl_kind(allow_const)?;
        let how = if kind == DeclKind::Var { How::Var } else { How::Lexical };
        let readable = ty.is_some();
        self.declare(name, how, kind.binding_kind(), ty.unwrap_or(Ty::Prim), false, false);
        out.push(decl(kind, name, Some(init)));
        self.set_readable(name, readable);
        Ok(())
    }

    /// A closure kind: arrow (when the profile has them) or function expression.
    fn lifetime_closure_kind(&mut self) -> Result<FunctionKind> {
        Ok(if self.feat.arrows && self.chance(50)? { FunctionKind::Arrow } else { FunctionKind::Expression })
    }

    /// `function () { return body; }` (or an arrow).
    fn lifetime_closure(&mut self, params: &[&str], body: Vec<Stmt>) -> Result<Expr> {
        let kind = self.lifetime_closure_kind()?;
        let mut f = raw_function(kind, params, body);
        f.expression_body =
            kind == FunctionKind::Arrow && f.body.len() == 1 && matches!(f.body[0], Stmt::Return(Some(_)));
        Ok(func_expr(f))
    }

    /// An object literal to probe and an expression reading a primitive from it: `{v: 3}` read as
    /// `obj.v`, or `[3, 4]` read as `obj[1]`, maybe with a field from `param`.
    fn lifetime_object(&mut self, obj: &str, param: Option<&str>) -> Result<(Expr, Expr)> {
        let first = match param {
            Some(p) if self.chance(70)? => ident(p),
            _ => self.small_num()?,
        };
        if self.chance(60)? {
            let mut props = vec![cats::prop("v", first)];
            if self.chance(40)? {
                props.push(cats::prop("w", self.small_num()?));
            }
            Ok((Expr::Object(props), member(ident(obj), "v")))
        } else {
            let second = self.small_num()?;
            Ok((Expr::Array(vec![second, first]), index(ident(obj), num(1))))
        }
    }

    /// The argument of a pattern's call: a random primitive expression of the script.
    fn lifetime_arg(&mut self) -> Result<Expr> {
        self.plain_gen(|g| g.gen_prim(1))
    }

    /// `(function (a) { body })(arg)` (or an arrow), spending one call.
    fn iife(&mut self, params: &[&str], body: Vec<Stmt>, args: Vec<Expr>) -> Result<Expr> {
        self.spend_call(1);
        let kind = self.lifetime_closure_kind()?;
        Ok(call(func_expr(raw_function(kind, params, body)), args))
    }

    /// The afterGc callback with `body`.
    fn gc_callback(&mut self, body: Vec<Stmt>) -> Result<Stmt> {
        let kind = self.lifetime_closure_kind()?;
        Ok(after_gc(func_expr(raw_function(kind, &[], body))))
    }

    /// Random plain statements of the script between a pattern's parts.
    fn lifetime_filler(&mut self, out: &mut Vec<Stmt>) -> Result<()> {
        let s = self.gen_stmts(2, 30)?;
        out.extend(s);
        Ok(())
    }

    /// A closure that stays reachable from the script reads the object: `live`. With `drop`, the
    /// first callback drops the closure after using it and registers a second one, which probes
    /// the object again: `garbage` then.
    fn lifetime_live(&mut self, n: u32, out: &mut Vec<Stmt>, drop: bool) -> Result<()> {
        let escape = match self.weighted(&[3, 2, 1])? {
            0 => Escape::Direct,
            1 => Escape::Object,
            _ => Escape::Array,
        };
        out.push(self.tag(
            Category::Lifetime,
            match (drop, escape) {
                (false, Escape::Direct) => "a returned closure keeps the object it captured alive (live)",
                (false, Escape::Object) => "methods of a returned object keep their private state alive (live)",
                (false, Escape::Array) => "a closure stored in an array keeps its captured object alive (live)",
                (true, _) => "captured state lives while its closure does (live), then is collectable (garbage)",
            },
        ));
        let (wr, keep, obj) = (Name::numbered("wr", n), Name::numbered("keep", n), Name::numbered("obj", n));
        self.lifetime_slot(&wr, out)?;
        let (init, read) = self.lifetime_object(&obj, Some("a"))?;
        let get = self.lifetime_closure(&[], vec![ret(read.clone())])?;
        let returned = match escape {
            Escape::Direct => get,
            Escape::Array => Expr::Array(vec![get]),
            Escape::Object => {
                let bump = self.lifetime_closure(&[], vec![ret(bin(BinOp::Add, read.clone(), num(1)))])?;
                Expr::Object(vec![cats::prop("get", get), cats::prop("bump", bump)])
            }
        };
        let body = vec![decl(DeclKind::Var, &obj, Some(init)), set(&wr, weak_ref(ident(&obj))), ret(returned)];
        let arg = self.lifetime_arg()?;
        let made = self.iife(&["a"], body, vec![arg])?;
        // Random code may call the returned closure too (it stays a `() => primitive` of rank 0),
        // unless the pattern drops it later.
        let ty = (escape == Escape::Direct && !drop).then(|| Ty::Func(fnty(0, Ty::Prim, 0)));
        self.lifetime_binding(&keep, made, !drop, ty, out)?;
        let use_it = |keep: &str| match escape {
            Escape::Direct => call(ident(keep), vec![]),
            Escape::Array => call(index(ident(keep), num(0)), vec![]),
            Escape::Object => method_call(ident(keep), "get", vec![]),
        };
        out.push(print(use_it(&keep)));
        self.spend_call(1);
        self.lifetime_filler(out)?;
        let p = Self::probe_name("live", n);
        let mut cb = vec![probe(&p, &wr), print(use_it(&keep))];
        if escape == Escape::Object {
            cb.push(print(method_call(ident(&keep), "bump", vec![])));
        }
        if drop {
            cb.push(set(&keep, Expr::Null));
            let p2 = Self::probe_name("dropped", n);
            let again = self.gc_callback(vec![probe(&p2, &wr)])?;
            cb.push(again);
        }
        let s = self.gc_callback(cb)?;
        out.push(s);
        Ok(())
    }

    /// The afterGc callback is itself the closure that keeps the object: it is created in the
    /// call and reads the object after probing it (`live`).
    fn lifetime_callback(&mut self, n: u32, out: &mut Vec<Stmt>) -> Result<()> {
        out.push(
            self.tag(Category::Lifetime, "the afterGc callback created in a call keeps what it reads alive (live)"),
        );
        let (wr, obj) = (Name::numbered("wr", n), Name::numbered("obj", n));
        let (init, read) = self.lifetime_object(&obj, Some("a"))?;
        let p = Self::probe_name("live", n);
        let cb = self.gc_callback(vec![probe(&p, &wr), print(read)])?;
        let body =
            vec![decl(DeclKind::Var, &obj, Some(init)), decl(DeclKind::Var, &wr, Some(weak_ref(ident(&obj)))), cb];
        let arg = self.lifetime_arg()?;
        let e = self.iife(&["a"], body, vec![arg])?;
        out.push(expr_stmt(e));
        Ok(())
    }

    /// Two closures created in one scope: the one reading `big` is dropped, the one reading
    /// `small` is kept. `big` is `retained` (the shared scope still holds it, but no reachable
    /// code reads it: engines may keep it, as V8 does, or free it); `small` is `live`.
    fn lifetime_shared_scope(&mut self, n: u32, out: &mut Vec<Stmt>) -> Result<()> {
        out.push(self.tag(
            Category::Lifetime,
            "sibling closures share a scope: big is captured only by the dropped one (retained), small by the kept one (live)",
        ));
        let (wb, ws, keep) = (Name::numbered("wrBig", n), Name::numbered("wrSmall", n), Name::numbered("keep", n));
        let (big, small, dropped) = (Name::numbered("big", n), Name::numbered("small", n), Name::numbered("drop", n));
        self.lifetime_slot(&wb, out)?;
        self.lifetime_slot(&ws, out)?;
        let (big_init, big_read) = self.lifetime_object(&big, None)?;
        let (small_init, small_read) = self.lifetime_object(&small, Some("a"))?;
        let mut body = vec![
            decl(DeclKind::Var, &big, Some(big_init)),
            decl(DeclKind::Var, &small, Some(small_init)),
            set(&wb, weak_ref(ident(&big))),
            set(&ws, weak_ref(ident(&small))),
        ];
        // The dropped closure: a declaration or a variable, called once or never.
        if self.chance(40)? {
            let mut f = raw_function(FunctionKind::Declaration, &[], vec![ret(big_read)]);
            f.name = Some(dropped);
            body.push(Stmt::Function(f));
        } else {
            let c = self.lifetime_closure(&[], vec![ret(big_read)])?;
            body.push(decl(DeclKind::Var, &dropped, Some(c)));
        }
        if self.chance(60)? {
            self.spend_call(1);
            body.push(print(call(ident(&dropped), vec![])));
        }
        let kept = self.lifetime_closure(&[], vec![ret(small_read)])?;
        body.push(ret(kept));
        let arg = self.lifetime_arg()?;
        let made = self.iife(&["a"], body, vec![arg])?;
        self.lifetime_binding(&keep, made, true, Some(Ty::Func(fnty(0, Ty::Prim, 0))), out)?;
        self.lifetime_filler(out)?;
        let (pb, ps) = (Self::probe_name("big", n), Self::probe_name("small", n));
        let cb = self.gc_callback(vec![probe(&pb, &wb), probe(&ps, &ws), print(call(ident(&keep), vec![]))])?;
        out.push(cb);
        Ok(())
    }

    /// Only closures that were dropped read the object: `garbage`. The closure never escapes, or
    /// escapes into a script variable that is overwritten, or into an object property that is
    /// deleted, before the script ends.
    fn lifetime_garbage(&mut self, n: u32, out: &mut Vec<Stmt>) -> Result<()> {
        let (wr, obj, hold, f) =
            (Name::numbered("wr", n), Name::numbered("obj", n), Name::numbered("hold", n), Name::numbered("use", n));
        let variant = self.weighted(&[2, 2, if self.feat.delete { 1 } else { 0 }])?;
        out.push(self.tag(
            Category::Lifetime,
            match variant {
                0 => "an object captured only by a closure that never escaped its call (garbage)",
                1 => "an escaped closure is overwritten: what it captured is collectable (garbage)",
                _ => "a closure deleted from the object holding it: what it captured is collectable (garbage)",
            },
        ));
        self.lifetime_slot(&wr, out)?;
        let (init, read) = self.lifetime_object(&obj, Some("a"))?;
        let reader = self.lifetime_closure(&[], vec![ret(read)])?;
        let arg = self.lifetime_arg()?;
        match variant {
            0 => {
                self.spend_call(1);
                let body = vec![
                    decl(DeclKind::Var, &obj, Some(init)),
                    set(&wr, weak_ref(ident(&obj))),
                    decl(DeclKind::Var, &f, Some(reader)),
                    ret(call(ident(&f), vec![])),
                ];
                let e = self.iife(&["a"], body, vec![arg])?;
                out.push(print(e));
            }
            1 => {
                let body = vec![decl(DeclKind::Var, &obj, Some(init)), set(&wr, weak_ref(ident(&obj))), ret(reader)];
                let e = self.iife(&["a"], body, vec![arg])?;
                self.lifetime_binding(&hold, e, false, None, out)?;
                self.spend_call(1);
                out.push(print(call(ident(&hold), vec![])));
                self.lifetime_filler(out)?;
                let v = if self.chance(50)? { Expr::Null } else { self.small_num()? };
                out.push(set(&hold, v));
            }
            _ => {
                let body = vec![
                    decl(DeclKind::Var, &obj, Some(init)),
                    set(&wr, weak_ref(ident(&obj))),
                    ret(Expr::Object(vec![cats::prop("f", reader), cats::prop("n", num(1))])),
                ];
                let e = self.iife(&["a"], body, vec![arg])?;
                self.lifetime_binding(&hold, e, true, None, out)?;
                self.spend_call(1);
                out.push(print(method_call(ident(&hold), "f", vec![])));
                out.push(print(unary(UnaryOp::Delete, member(ident(&hold), "f"))));
                self.lifetime_filler(out)?;
            }
        }
        let p = Self::probe_name("garbage", n);
        let mut cb = vec![probe(&p, &wr)];
        if variant == 2 {
            cb.push(print(bin(BinOp::In, string("f"), ident(&hold))));
        }
        let s = self.gc_callback(cb)?;
        out.push(s);
        Ok(())
    }

    /// A suspended generator's frame holds the object (`retained`: the reference does not follow
    /// suspended frames); the callback resumes it, which reads the object. A generator that has
    /// finished before the collection holds nothing (`garbage`).
    fn lifetime_generator(&mut self, n: u32, out: &mut Vec<Stmt>) -> Result<()> {
        let finished = self.chance(30)?;
        out.push(self.tag(
            Category::Lifetime,
            if finished {
                "a finished generator no longer holds its locals (garbage)"
            } else {
                "a suspended generator holds its locals until resumed (retained)"
            },
        ));
        let (wr, it, obj) = (Name::numbered("wr", n), Name::numbered("it", n), Name::numbered("obj", n));
        self.lifetime_slot(&wr, out)?;
        let (init, read) = self.lifetime_object(&obj, Some("a"))?;
        let mut g = raw_function(
            FunctionKind::Expression,
            &["a"],
            vec![
                decl(DeclKind::Var, &obj, Some(init)),
                set(&wr, weak_ref(ident(&obj))),
                expr_stmt(Expr::Yield { delegate: false, arg: Some(Box::new(num(0))) }),
                expr_stmt(Expr::Yield { delegate: false, arg: Some(Box::new(read)) }),
                ret(string("end")),
            ],
        );
        g.is_generator = true;
        let arg = self.lifetime_arg()?;
        self.spend_call(4);
        self.lifetime_binding(&it, call(func_expr(g), vec![arg]), true, None, out)?;
        let next = |it: &str| print(member(method_call(ident(it), "next", vec![]), "value"));
        out.push(next(&it));
        if finished {
            out.push(next(&it));
            out.push(next(&it));
        }
        self.lifetime_filler(out)?;
        let p = Self::probe_name(if finished { "finished" } else { "suspended" }, n);
        let s = self.gc_callback(vec![
            probe(&p, &wr),
            next(&it),
            print(member(method_call(ident(&it), "next", vec![]), "done")),
        ])?;
        out.push(s);
        Ok(())
    }

    /// A reaction of a promise that is still pending, or an async function suspended on it, reads
    /// the object (`retained`: the reference does not follow reactions and suspended frames). The
    /// callback resolves the promise; the reaction then prints what it read.
    fn lifetime_pending(&mut self, n: u32, out: &mut Vec<Stmt>) -> Result<()> {
        let is_async = self.chance(50)?;
        out.push(self.tag(
            Category::Lifetime,
            if is_async {
                "an async function suspended on a pending promise holds its locals (retained)"
            } else {
                "a reaction of a pending promise keeps what it captured (retained)"
            },
        ));
        let (wr, res, obj, x) =
            (Name::numbered("wr", n), Name::numbered("res", n), Name::numbered("obj", n), Name::numbered("x", n));
        self.lifetime_slot(&wr, out)?;
        self.lifetime_slot(&res, out)?;
        let (init, read) = self.lifetime_object(&obj, Some("a"))?;
        let executor = self.lifetime_closure(&["r"], vec![set(&res, ident("r"))])?;
        let pending = Expr::New(Box::new(ident("Promise")), vec![executor]);
        let mut body = vec![decl(DeclKind::Var, &obj, Some(init)), set(&wr, weak_ref(ident(&obj)))];
        self.spend_call(3);
        if is_async {
            body.push(decl(DeclKind::Var, &x, Some(Expr::Await(Box::new(pending)))));
            body.push(print(bin(BinOp::Add, read, ident(&x))));
            let mut f = raw_function(self.lifetime_closure_kind()?, &["a"], body);
            f.is_async = true;
            let arg = self.lifetime_arg()?;
            out.push(expr_stmt(call(func_expr(f), vec![arg])));
        } else {
            let reaction = self.lifetime_closure(&[&x], vec![print(bin(BinOp::Add, read, ident(&x)))])?;
            body.push(expr_stmt(method_call(pending, "then", vec![reaction])));
            let arg = self.lifetime_arg()?;
            let e = self.iife(&["a"], body, vec![arg])?;
            out.push(expr_stmt(e));
        }
        self.lifetime_filler(out)?;
        let p = Self::probe_name("pending", n);
        let v = self.small_num()?;
        let s = self.gc_callback(vec![probe(&p, &wr), expr_stmt(call(ident(&res), vec![v]))])?;
        out.push(s);
        Ok(())
    }
}
