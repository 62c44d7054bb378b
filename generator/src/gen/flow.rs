//! The generators-async producer: closures created before, across and after `yield` and `await`,
//! generators resumed later, `return`/`throw` on generators, `yield*`, async functions and arrows
//! whose prints interleave in the (spec-determined) order of the job queue.
//!
//! Generator functions and async functions return objects (iterators, promises), never primitives,
//! so their bindings are unreadable to random code: only the producer calls them. Nothing rejects
//! without a handler, so no engine reports an unhandled rejection.

use std::rc::Rc;

use arbitrary::Result;

use super::cats::fnty;
use super::ty::*;
use super::*;

fn value_of(e: Expr) -> Expr {
    member(e, "value")
}

fn yield_expr(e: Expr) -> Expr {
    Expr::Yield { delegate: false, arg: Some(Box::new(e)) }
}

fn await_expr(e: Expr) -> Expr {
    Expr::Await(Box::new(e))
}

pub(super) fn label(text: &'static str, e: Expr) -> Expr {
    bin(BinOp::Add, string(text), e)
}

fn empty_obj() -> Ty {
    Ty::Obj(Rc::new(ObjTy { fields: vec![] }))
}

impl<'a, 'b> Gen<'a, 'b> {
    pub(crate) fn cat_generators_async(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        let f = self.feat;
        let w = [
            if f.generators { 3 } else { 0 },             // closures across yield, resumed later
            if f.generators { 2 } else { 0 },             // return / throw
            if f.generators && f.for_of { 2 } else { 0 }, // yield* and for-of
            if f.async_functions { 4 } else { 0 },        // interleaved async calls
            if f.async_functions { 2 } else { 0 },        // a resolver captured and called later
            if f.async_functions { 2 } else { 0 },        // async closures in a loop
            if f.async_functions { 2 } else { 0 },        // rejections caught across await
            if f.generators && f.destructuring && f.default_params { 2 } else { 0 }, // a destructured parameter
            if f.generators && f.async_functions && f.for_of { 3 } else { 0 }, // for await
            if f.generators && f.for_of { 2 } else { 0 }, // return inside for-of
            if f.generators && f.for_of { 2 } else { 0 }, // break to a labelled block
            if f.generators && f.async_functions { 2 } else { 0 }, // queued async generator requests
            if f.async_functions && f.callback_builtins { 3 } else { 0 }, // Promise combinators
        ];
        if w.iter().all(|w| *w == 0) {
            return Ok(false);
        }
        match self.weighted(&w)? {
            0 => self.gen_across_yield(out),
            1 => self.gen_return_throw(out),
            2 => self.gen_delegate(out),
            3 => self.async_interleave(out),
            4 => self.async_resolver(out),
            5 => self.async_loop(out),
            7 => self.gen_destructured_parameter(out),
            8 => self.async_for_await(out),
            9 => self.gen_return_in_for_of(out),
            10 => self.gen_labelled_break(out),
            11 => self.async_gen_queue(out),
            12 => self.async_combinator(out),
            _ => self.async_reject(out),
        }
    }

    /// `function* gen(x, { a = o + e, f = () => a + x } = {}) { a += 1; yield f(); ... }`, called,
    /// then `o` written, then resumed: a generator binds its parameters, defaults included, when it
    /// is called, not at the first `next()`; closures made by the defaults see the body's writes.
    fn gen_destructured_parameter(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(1, 4) {
            return Ok(false);
        }
        out.push(self.tag(Category::GeneratorsAsync, "a generator binds its destructured parameter when called"));
        let kind = self.decl_kind(false)?;
        let (o, d) = self.declare_var(Role::Value, kind, Ty::Prim, true, |g| g.gen_prim(1))?;
        out.push(d);
        let spec = FnSpec { generator: true, ..super::patterns::pattern_params_spec(1) }.own_scope();
        let (gen, mut s) = self.function_decl_spec(Role::Function, spec, Ty::Prim, |g, _, names| {
            let (x, a, f) = (names[0], names[1], names[2]);
            let (t, v) = (g.target(a), g.small_num()?);
            let mut body = vec![expr_stmt(assign(AssignOp::Add, t, v))];
            g.spend_call(2);
            body.push(expr_stmt(yield_expr(call(g.read(f), vec![]))));
            let (t, v) = (g.target(x), g.small_num()?);
            body.push(expr_stmt(assign(AssignOp::Add, t, v)));
            let (fr, xr) = (g.read(f), g.read(x));
            body.push(ret(bin(BinOp::Add, call(fr, vec![]), xr)));
            Ok(body)
        })?;
        self.set_readable(gen, false);
        // The pattern's first default also reads `o`, which changes between the call and `next()`.
        let f = super::patterns::function_in(&mut s).expect("function_decl_spec declares a function");
        let default = f.params[1].default.take().expect("DefaultSpec::Prim gives a default");
        f.params[1].default = Some(bin(BinOp::Add, self.read(o), default));
        let object = self.chance(50)?;
        self.destructure_params_after_first(&mut s, object)?;
        out.push(s);
        let arg = self.small_num()?;
        let (it, d) = self.start_generator(&gen, vec![arg])?;
        out.push(d);
        let (t, v) = (self.target(o), self.gen_prim(1)?);
        out.push(expr_stmt(assign(AssignOp::Assign, t, v)));
        for _ in 0..2 {
            let next = self.resume(&it, "next", vec![]);
            out.push(print(member(next, "value")));
        }
        Ok(true)
    }

    /// A `function*` or `async function` declaration (or function expression bound to a variable)
    /// whose binding only the producer reads.
    pub(super) fn suspendable_decl(
        &mut self,
        kind: Suspends,
        params: usize,
        rank: u32,
        body: impl FnOnce(&mut Self, &[Name]) -> Result<Vec<Stmt>>,
    ) -> Result<(Name, Stmt)> {
        let spec = FnSpec {
            generator: kind != Suspends::Async,
            is_async: kind != Suspends::Generator,
            ..FnSpec::new(FunctionKind::Declaration, vec![ParamSpec::prim(); params], rank).own_scope()
        };
        let (name, s) = self.function_decl_spec(Role::Function, spec, Ty::Prim, |g, _, names| body(g, names))?;
        self.set_readable(name, false);
        Ok((name, s))
    }

    /// `const it = gen(args)`: an iterator only the producer uses.
    fn start_generator(&mut self, gen: &str, args: Vec<Expr>) -> Result<(Name, Stmt)> {
        let kind = self.decl_kind(true)?;
        let (it, d) = self.declare_var(Role::Object, kind, empty_obj(), false, |g| Ok(g.call_named(gen, args)))?;
        self.set_readable(it, false);
        Ok((it, d))
    }

    /// A generator (or async generator, by `kind`) of one parameter `a` that yields closures:
    /// `let s = a; try { for (i < trips) { step } } finally { print(finally_text + s) }`, where
    /// `step(g, s, i)` makes each iteration's statements (a `yield` of a closure over `s` among
    /// them); only the producer reads its binding.
    fn closure_source(
        &mut self,
        kind: Suspends,
        trips: u32,
        finally_text: &'static str,
        step: impl FnOnce(&mut Self, Name, &str) -> Result<Vec<Stmt>>,
    ) -> Result<(Name, Stmt)> {
        self.suspendable_decl(kind, 1, 1, |g, names| {
            let a = names[0];
            let kind = g.decl_kind(false)?;
            let (state, d) = g.declare_var(Role::Value, kind, Ty::Prim, true, |g| Ok(g.read(a)))?;
            let l = g.counted_for(trips, |g, i| step(g, state, i))?;
            let fin = g.with_block(|g| {
                let r = g.read(state);
                Ok(vec![print(label(finally_text, r))])
            })?;
            Ok(vec![d, Stmt::Try { block: vec![l], handler: None, finalizer: Some(fin) }])
        })
    }

    /// `for (kind f of|await iterable) { print("got " + f()); seen.push(f); }` over `trips`
    /// closures of type `get_ty`, kept in the array `seen`; with `halt`, `if (seen.length ===
    /// stop) halt` ends the body.
    pub(super) fn collecting_loop(
        &mut self,
        each: Each,
        iterable: impl FnOnce(&mut Self) -> Result<Expr>,
        trips: u32,
        seen: Name,
        get_ty: Rc<FnTy>,
        halt: Option<(u32, Stmt)>,
    ) -> Result<Stmt> {
        let kind = self.decl_kind(true)?;
        self.for_each_loop(each, kind, iterable, trips, |g, f| {
            // The loop's binding holds a closure: callable, never printed.
            g.retype(f, Ty::Func(get_ty));
            let (got, keep) = (g.call_named(f, vec![]), g.read(f));
            let s = g.read(seen);
            let mut body = vec![print(label("got ", got)), expr_stmt(method_call(s, "push", vec![keep]))];
            if let Some((stop, halt)) = halt {
                let count = member(g.read(seen), "length");
                body.push(Stmt::If(bin(BinOp::StrictEq, count, num(i64::from(stop))), vec![halt], None));
            }
            Ok(body)
        })
    }

    /// `consume(n); consume(m).then((v) => print("consumed " + v));`: two calls of an async
    /// consumer of one number, whose awaits interleave.
    pub(super) fn start_two_consumers(&mut self, out: &mut Vec<Stmt>, consume: &str) -> Result<()> {
        let a = self.small_num()?;
        let first = self.call_named(consume, vec![a]);
        out.push(expr_stmt(first));
        let a = self.small_num()?;
        let second = self.call_named(consume, vec![a]);
        let cb = self.print_callback("consumed ")?;
        out.push(expr_stmt(method_call(second, "then", vec![cb])));
        Ok(())
    }

    /// `it.method(args)`, spending one call.
    fn resume(&mut self, it: &str, method: &str, args: Vec<Expr>) -> Expr {
        self.spend_call(1);
        let r = self.read(it);
        method_call(r, method, args)
    }

    /// A callback `(v) => { print(text + v); }` for `then`/`catch`.
    pub(super) fn print_callback(&mut self, text: &'static str) -> Result<Expr> {
        self.closure(vec![ParamSpec::prim()], 0, |g, names| {
            let v = g.read(names[0]);
            Ok(vec![print(label(text, v))])
        })
    }

    /// Something to await: a primitive, a resolved promise, or a promise resolved by its executor.
    fn awaitee(&mut self) -> Result<Expr> {
        Ok(match self.pick(3)? {
            0 => self.gen_prim(1)?,
            1 => method_call(ident("Promise"), "resolve", vec![self.gen_prim(1)?]),
            _ => {
                // The value is generated inside the executor: its parameter may shadow a name.
                let exec = self.closure(vec![ParamSpec::of(Ty::Func(fnty(1, Ty::Prim, 0)))], 0, |g, names| {
                    let v = g.gen_prim(1)?;
                    let r = g.read(names[0]);
                    Ok(vec![expr_stmt(call(r, vec![v]))])
                })?;
                Expr::New(Box::new(ident("Promise")), vec![exec])
            }
        })
    }

    // ----- generators -------------------------------------------------------------------------------

    /// Closures created before and after a `yield` share the generator's bindings; the generator is
    /// resumed later with values.
    fn gen_across_yield(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(1, 6) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::GeneratorsAsync,
            "closures created before and after a yield share the generator's bindings across resumptions",
        ));
        let get_ty = fnty(0, Ty::Prim, 0);
        let (gen, s) = self.suspendable_decl(Suspends::Generator, 1, 1, |g, names| {
            let a = names[0];
            let mut body = Vec::new();
            let kind = g.decl_kind(false)?;
            let (x, d) = g.declare_var(Role::Value, kind, Ty::Prim, true, |g| Ok(g.read(a)))?;
            body.push(d);
            let kind = g.decl_kind(true)?;
            let (before, d) = g.declare_var(Role::Function, kind, Ty::Func(get_ty.clone()), false, |g| {
                g.closure(vec![], 0, |g, _| Ok(vec![ret(g.reading(&x)?)]))
            })?;
            body.push(d);
            let kind = g.decl_kind(true)?;
            let (r, d) = g.declare_var(Role::Value, kind, Ty::Prim, false, |g| {
                let c = g.call_named(&before, vec![]);
                Ok(yield_expr(c))
            })?;
            body.push(d);
            let (t, rr) = (g.target(x), g.read(r));
            body.push(expr_stmt(assign(AssignOp::Add, t, rr)));
            body.extend(g.gen_stmts(2, 50)?);
            let kind = g.decl_kind(true)?;
            let (after, d) = g.declare_var(Role::Function, kind, Ty::Func(get_ty.clone()), false, |g| {
                g.closure(vec![], 0, |g, _| {
                    let xr = g.read(x);
                    Ok(vec![ret(bin(BinOp::Mul, xr, num(2)))])
                })
            })?;
            body.push(d);
            let (c1, c2) = (g.call_named(&before, vec![]), g.call_named(&after, vec![]));
            body.push(expr_stmt(yield_expr(bin(BinOp::Add, c1, c2))));
            let (t, c) = (g.target(x), g.small_num()?);
            body.push(expr_stmt(assign(AssignOp::Add, t, c)));
            let c = g.call_named(&after, vec![]);
            body.push(ret(c));
            Ok(body)
        })?;
        out.push(s);
        let a = self.small_num()?;
        let (it, d) = self.start_generator(&gen, vec![a])?;
        out.push(d);
        let n = self.resume(&it, "next", vec![]);
        out.push(print(value_of(n)));
        // Other code runs while the generator is suspended.
        out.extend(self.gen_stmts(2, 40)?);
        let v = self.small_num()?;
        let n = self.resume(&it, "next", vec![v]);
        out.push(print(value_of(n)));
        let n = self.resume(&it, "next", vec![]);
        out.push(print(value_of(n)));
        let n = self.resume(&it, "next", vec![]);
        out.push(print(member(n, "done")));
        Ok(true)
    }

    /// `return` runs the generator's `finally` (which reads a captured binding); `throw` is caught
    /// inside the generator's loop and the generator goes on; a finished generator rethrows.
    fn gen_return_throw(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(1, 6) {
            return Ok(false);
        }
        if self.chance(50)? {
            out.push(self.tag(Category::GeneratorsAsync, "return on a suspended generator runs its finally"));
            let (gen, s) = self.suspendable_decl(Suspends::Generator, 0, 1, |g, _| {
                let kind = g.decl_kind(false)?;
                let (st, d) = g.declare_var(Role::Value, kind, Ty::Prim, true, |g| g.gen_prim(1))?;
                let y1 = g.read(st);
                let t = g.target(st);
                let v = g.gen_prim(1)?;
                let y2 = g.read(st);
                let fin = g.with_block(|g| {
                    let r = g.read(st);
                    Ok(vec![print(label("cleanup ", r))])
                })?;
                Ok(vec![
                    d,
                    Stmt::Try {
                        block: vec![
                            expr_stmt(yield_expr(y1)),
                            expr_stmt(assign(AssignOp::Add, t, v)),
                            expr_stmt(yield_expr(y2)),
                        ],
                        handler: None,
                        finalizer: Some(fin),
                    },
                    expr_stmt(yield_expr(num(0))),
                ])
            })?;
            out.push(s);
            let (it, d) = self.start_generator(&gen, vec![])?;
            out.push(d);
            for _ in 0..self.int(1, 2)? {
                let n = self.resume(&it, "next", vec![]);
                out.push(print(value_of(n)));
            }
            let v = self.small_num()?;
            let n = self.resume(&it, "return", vec![v]);
            out.push(print(value_of(n)));
            let n = self.resume(&it, "next", vec![]);
            out.push(print(member(n, "done")));
            return Ok(true);
        }
        out.push(self.tag(
            Category::GeneratorsAsync,
            "throw into a generator is caught at its yield; a finished generator rethrows",
        ));
        let trips = 3;
        let (gen, s) = self.suspendable_decl(Suspends::Generator, 0, 1, |g, _| {
            let kind = g.decl_kind(false)?;
            let (n, d) = g.declare_var(Role::Value, kind, Ty::Prim, true, |g| g.small_num())?;
            let kind = g.decl_kind(true)?;
            let (log, d2) = g.declare_var(Role::Function, kind, Ty::Func(fnty(0, Ty::Prim, 0)), false, |g| {
                g.closure(vec![], 0, |g, _| Ok(vec![ret(g.reading(&n)?)]))
            })?;
            let l = g.counted_for(trips, |g, i| {
                let iv = g.read(i);
                let handler = g.catch_clause(Ty::Prim, |g, e| {
                    let (t, er) = (g.target(n), g.read(e));
                    let er2 = g.read(e);
                    Ok(vec![expr_stmt(assign(AssignOp::Add, t, er)), print(label("caught ", er2))])
                })?;
                Ok(vec![Stmt::Try { block: vec![expr_stmt(yield_expr(iv))], handler: Some(handler), finalizer: None }])
            })?;
            let c = g.call_named(&log, vec![]);
            Ok(vec![d, d2, l, ret(c)])
        })?;
        out.push(s);
        let (it, d) = self.start_generator(&gen, vec![])?;
        out.push(d);
        let n = self.resume(&it, "next", vec![]);
        out.push(expr_stmt(n));
        let v = self.small_num()?;
        let n = self.resume(&it, "throw", vec![v]);
        out.push(print(value_of(n)));
        for _ in 0..2 {
            let n = self.resume(&it, "next", vec![]);
            out.push(print(value_of(n)));
        }
        let v = self.small_num()?;
        let n = self.resume(&it, "throw", vec![v]);
        let handler = self.catch_clause(Ty::Prim, |g, e| {
            let r = g.read(e);
            Ok(vec![print(label("rethrown ", r))])
        })?;
        out.push(Stmt::Try { block: vec![expr_stmt(n)], handler: Some(handler), finalizer: None });
        Ok(true)
    }

    /// A generator suspended at a `yield` inside `for-of` over another generator: its `return()`
    /// leaves the loop, which closes the inner generator (its `finally` prints) before the outer
    /// one's `finally` runs; the closure it yielded still sees the bindings afterwards.
    fn gen_return_in_for_of(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(2, 8) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::GeneratorsAsync,
            "return on a generator suspended in for-of closes the loop's iterator before its own finally",
        ));
        let (inner, s) = self.suspendable_decl(Suspends::Generator, 1, 0, |g, names| {
            let a = names[0];
            let (a1, a2) = (g.read(a), g.read(a));
            let fin = g.with_block(|g| {
                let r = g.read(a);
                Ok(vec![print(label("inner closed ", r))])
            })?;
            let block = vec![expr_stmt(yield_expr(a1)), expr_stmt(yield_expr(bin(BinOp::Add, a2, num(1))))];
            Ok(vec![Stmt::Try { block, handler: None, finalizer: Some(fin) }])
        })?;
        out.push(s);
        let get_ty = fnty(0, Ty::Prim, 0);
        let (outer, s) = self.suspendable_decl(Suspends::Generator, 1, 1, |g, names| {
            let b = names[0];
            let kind = g.decl_kind(false)?;
            let (n, d) = g.declare_var(Role::Value, kind, Ty::Prim, true, |g| Ok(g.read(b)))?;
            let kind = g.decl_kind(true)?;
            let l = g.for_each_loop(
                Each::Of,
                kind,
                |g| {
                    let br = g.read(b);
                    Ok(g.call_named(&inner, vec![br]))
                },
                2,
                |g, v| {
                    let made = g.closure(vec![], 0, |g, _| {
                        let (vr, nr) = (g.read(v), g.read(n));
                        Ok(vec![ret(bin(BinOp::Add, vr, nr))])
                    })?;
                    let (t, k) = (g.target(n), g.small_num()?);
                    Ok(vec![expr_stmt(yield_expr(made)), expr_stmt(assign(AssignOp::Add, t, k))])
                },
            )?;
            let fin = g.with_block(|g| {
                let r = g.read(n);
                Ok(vec![print(label("outer finally ", r))])
            })?;
            Ok(vec![d, Stmt::Try { block: vec![l], handler: None, finalizer: Some(fin) }])
        })?;
        out.push(s);
        let a = self.small_num()?;
        let (it, d) = self.start_generator(&outer, vec![a])?;
        out.push(d);
        let kind = self.decl_kind(true)?;
        let (f, d) = self.declare_var(Role::Function, kind, Ty::Func(get_ty), false, |g| {
            let n = g.resume(&it, "next", vec![]);
            Ok(value_of(n))
        })?;
        out.push(d);
        let c = self.call_named(&f, vec![]);
        out.push(print(label("yielded ", c)));
        let v = self.small_num()?;
        let r = self.resume(&it, "return", vec![v]);
        out.push(print(value_of(r)));
        let c = self.call_named(&f, vec![]);
        out.push(print(label("after return ", c)));
        let n = self.resume(&it, "next", vec![]);
        out.push(print(member(n, "done")));
        Ok(true)
    }

    /// Requests made on an async generator of closures without waiting are queued and settle in
    /// order: `next()`, `return(v)` (which runs the `finally` and awaits `v`), `next()` again, or
    /// the `return` first, before the generator started.
    fn async_gen_queue(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(2, 8) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::GeneratorsAsync,
            "next, return and next queued on an async generator of closures settle in order",
        ));
        let (gen, s) = self.closure_source(Suspends::AsyncGenerator, 3, "finally at ", |g, at, _| {
            let step = g.closure(vec![], 0, |g, _| {
                let target = g.target(at);
                Ok(vec![ret(Expr::Update { increment: true, prefix: false, target })])
            })?;
            Ok(vec![expr_stmt(yield_expr(step))])
        })?;
        out.push(s);
        let a = self.small_num()?;
        let (it, d) = self.start_generator(&gen, vec![a])?;
        out.push(d);
        let return_first = self.chance(40)?;
        let requests: &[&str] = if return_first { &["return", "next"] } else { &["next", "return", "next"] };
        for (i, &method) in requests.iter().enumerate() {
            let args = if method == "return" { vec![self.awaitee()?] } else { vec![] };
            let request = self.resume(&it, method, args);
            // The first `next()` of a started generator gets a closure; the others, a primitive.
            let gets_closure = i == 0 && method == "next";
            let callback = self.closure(vec![ParamSpec::of(empty_obj())], 0, |g, names| {
                let value = member(g.read(names[0]), "value");
                let value = if gets_closure {
                    g.spend_call(1);
                    call(value, vec![])
                } else {
                    value
                };
                let done = member(g.read(names[0]), "done");
                let text = bin(BinOp::Add, label("settled ", value), label(" ", done));
                Ok(vec![print(text)])
            })?;
            out.push(expr_stmt(method_call(request, "then", vec![callback])));
        }
        out.push(print(string("requests queued")));
        Ok(true)
    }

    /// `break` to the label of a block, an `if` or a `try` (not a loop) from inside `for-of` over a
    /// generator of closures: leaving the loop closes the generator, whose `finally` prints what
    /// the closures counted, before the code after the labelled statement runs.
    fn gen_labelled_break(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        let trips = 3;
        if !self.fits_here(2, 2 * trips + 2) {
            return Ok(false);
        }
        // The label is on a block, an `if`, a `try`, or an outer for-of over a second generator
        // (whose calls the budget counts once per outer trip).
        let shape = self.pick(4)?;
        let outer = shape == 3 && self.can_call(trips * (2 * trips + 3));
        out.push(self.tag(
            Category::GeneratorsAsync,
            if outer {
                "break to a labelled for-of from an inner for-of closes both generators"
            } else {
                "break to a labelled block leaves for-of over a generator, which closes it"
            },
        ));
        let get_ty = fnty(0, Ty::Prim, 0);
        let (gen, s) = self.closure_source(Suspends::Generator, trips, "closed at ", |g, seen, _| {
            let bump = g.closure(vec![], 0, |g, _| {
                let target = g.target(seen);
                Ok(vec![ret(Expr::Update { increment: true, prefix: true, target })])
            })?;
            Ok(vec![expr_stmt(yield_expr(bump))])
        })?;
        out.push(s);
        let stop_after = self.int(1, i64::from(trips) - 1)?;
        let name = self.new_label("leave");
        let body = |g: &mut Self| {
            let kind = g.decl_kind(false)?;
            let (n, d) = g.declare_var(Role::Counter, kind, Ty::Prim, false, |_| Ok(num(0)))?;
            let kind = g.decl_kind(true)?;
            let l = g.for_each_loop(
                Each::Of,
                kind,
                |g| {
                    let a = g.small_num()?;
                    Ok(g.call_named(&gen, vec![a]))
                },
                trips,
                |g, bump| {
                    g.retype(bump, Ty::Func(get_ty.clone()));
                    let c = g.call_named(bump, vec![]);
                    let counted = Expr::Update { increment: true, prefix: true, target: g.target(n) };
                    let stop = bin(BinOp::StrictEq, counted, num(stop_after));
                    Ok(vec![print(label("bumped ", c)), Stmt::If(stop, vec![Stmt::Break(Some(name))], None)])
                },
            )?;
            Ok(vec![d, l, print(string("not reached"))])
        };
        let labelled = if outer {
            let kind = self.decl_kind(true)?;
            let iterable = |g: &mut Self| {
                let a = g.small_num()?;
                Ok(g.call_named(&gen, vec![a]))
            };
            let element_ty = Ty::Func(get_ty.clone());
            self.for_each_loop(Each::Of, kind, iterable, trips, |g, element| {
                g.retype(element, element_ty);
                body(g)
            })?
        } else {
            let body = self.with_block(body)?;
            match shape {
                0 => Stmt::Block(body),
                1 => Stmt::If(Expr::Bool(true), body, None),
                _ => Stmt::Try { block: body, handler: None, finalizer: Some(vec![print(string("label finally"))]) },
            }
        };
        out.push(Stmt::Labeled(name, Box::new(labelled)));
        out.push(print(string("after label")));
        Ok(true)
    }

    /// `yield*` delegates to another generator (whose return value it yields) and to an array; a
    /// `for-of` over the result creates a closure per value.
    fn gen_delegate(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(2, 10) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::GeneratorsAsync,
            "yield* delegates to a generator and an array; for-of makes a closure per yielded value",
        ));
        let (inner, s) = self.suspendable_decl(Suspends::Generator, 1, 0, |g, names| {
            let a = names[0];
            let (a1, a2, a3) = (g.read(a), g.read(a), g.read(a));
            Ok(vec![
                expr_stmt(yield_expr(a1)),
                expr_stmt(yield_expr(bin(BinOp::Add, a2, num(1)))),
                ret(bin(BinOp::Mul, a3, num(10))),
            ])
        })?;
        out.push(s);
        let (outer, s) = self.suspendable_decl(Suspends::Generator, 1, 1, |g, names| {
            let b = names[0];
            let kind = g.decl_kind(true)?;
            let (r, d) = g.declare_var(Role::Value, kind, Ty::Prim, false, |g| {
                let br = g.read(b);
                let c = g.call_named(&inner, vec![br]);
                Ok(Expr::Yield { delegate: true, arg: Some(Box::new(c)) })
            })?;
            let rr = g.read(r);
            let (b1, k) = (g.read(b), g.prim_leaf()?);
            Ok(vec![
                d,
                expr_stmt(yield_expr(rr)),
                expr_stmt(Expr::Yield { delegate: true, arg: Some(Box::new(Expr::Array(vec![b1, k]))) }),
            ])
        })?;
        out.push(s);
        let elem = fnty(0, Ty::Prim, 0);
        let kind = self.decl_kind(true)?;
        let (fs, d) = self
            .declare_var(Role::Array, kind, Ty::arr(Ty::Func(elem.clone()), 0), false, |_| Ok(Expr::Array(vec![])))?;
        out.push(d);
        let trips = 5;
        let kind = self.decl_kind(true)?;
        self.spend_call(1);
        let l = self.for_each_loop(
            Each::Of,
            kind,
            |g| {
                let a = g.small_num()?;
                let o = g.read(outer);
                Ok(call(o, vec![a]))
            },
            trips,
            |g, v| {
                let c = g.closure(vec![], 0, |g, _| Ok(vec![ret(g.reading(v)?)]))?;
                let a = g.read(fs);
                Ok(vec![expr_stmt(method_call(a, "push", vec![c]))])
            },
        )?;
        out.push(l);
        self.retype(&fs, Ty::arr(Ty::Func(elem), trips));
        let s = self.call_all(&fs, trips)?;
        out.push(s);
        Ok(true)
    }

    // ----- async ------------------------------------------------------------------------------------

    /// Several calls of an async function interleave: each prints before its first `await`, and the
    /// rest runs in job order; closures capture bindings across the awaits.
    fn async_interleave(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(1, 6) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::GeneratorsAsync,
            "calls of an async function interleave in job order; closures capture across await",
        ));
        let kind = self.decl_kind(false)?;
        let (shared, d) = self.declare_var(Role::Value, kind, Ty::Prim, true, |_| Ok(num(0)))?;
        out.push(d);
        let (work, s) = self.suspendable_decl(Suspends::Async, 1, 1, |g, names| {
            let a = names[0];
            let mut body = Vec::new();
            let kind = g.decl_kind(false)?;
            let (x, d) = g.declare_var(Role::Value, kind, Ty::Prim, true, |g| Ok(g.read(a)))?;
            body.push(d);
            let kind = g.decl_kind(true)?;
            let (get, d) = g.declare_var(Role::Function, kind, Ty::Func(fnty(0, Ty::Prim, 0)), false, |g| {
                g.closure(vec![], 0, |g, _| Ok(vec![ret(g.reading(&x)?)]))
            })?;
            body.push(d);
            let c = g.call_named(&get, vec![]);
            body.push(print(label("start ", c)));
            let (t, w) = (g.target(x), g.awaitee()?);
            body.push(expr_stmt(assign(AssignOp::Add, t, await_expr(w))));
            let t = g.target(shared);
            body.push(expr_stmt(assign(AssignOp::Add, t, num(1))));
            let (c, sh) = (g.call_named(&get, vec![]), g.read(shared));
            body.push(print(bin(BinOp::Add, label("middle ", c), label(" ", sh))));
            body.push(expr_stmt(await_expr(Expr::Null)));
            body.extend(g.gen_stmts(2, 40)?);
            let c = g.call_named(&get, vec![]);
            body.push(print(label("end ", c)));
            let c = g.call_named(&get, vec![]);
            body.push(ret(c));
            Ok(body)
        })?;
        out.push(s);
        for i in 0..self.int(2, 3)? {
            let a = self.small_num()?;
            let c = self.call_named(&work, vec![a]);
            if i == 1 {
                let cb = self.print_callback("then ")?;
                out.push(expr_stmt(method_call(c, "then", vec![cb])));
            } else {
                out.push(expr_stmt(c));
            }
        }
        let sh = self.read(shared);
        out.push(print(label("sync ", sh)));
        Ok(true)
    }

    /// A promise's resolve function escapes through a closure and is called later; awaiting
    /// functions and `then` callbacks run in registration order after it.
    fn async_resolver(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(1, 6) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::GeneratorsAsync,
            "a promise's resolve function escapes through a closure; awaiters resume in order when it is called",
        ));
        let res_ty = fnty(1, Ty::Prim, 0);
        let (names, d) = self.declare_uninit(Role::Function, &[Ty::Func(res_ty.clone())])?;
        out.push(d);
        let res = names[0];
        let kind = self.decl_kind(true)?;
        let (p, d) = self.declare_var(Role::Object, kind, empty_obj(), false, |g| {
            let exec = g.closure(vec![ParamSpec::of(Ty::Func(res_ty.clone()))], 0, |g, names| {
                let (t, r) = (g.target(res), g.read(names[0]));
                Ok(vec![expr_stmt(assign(AssignOp::Assign, t, r))])
            })?;
            Ok(Expr::New(Box::new(ident("Promise")), vec![exec]))
        })?;
        self.set_readable(p, false);
        out.push(d);
        let (waiter, s) = self.suspendable_decl(Suspends::Async, 1, 0, |g, names| {
            let k = names[0];
            let kind = g.decl_kind(true)?;
            let (v, d) = g.declare_var(Role::Value, kind, Ty::Prim, false, |g| {
                let pr = g.read(p);
                Ok(await_expr(pr))
            })?;
            let (vr, kr) = (g.read(v), g.read(k));
            let vr2 = g.read(v);
            Ok(vec![d, print(label("waiter ", bin(BinOp::Add, vr, kr))), ret(vr2)])
        })?;
        out.push(s);
        for _ in 0..2 {
            let a = self.small_num()?;
            let c = self.call_named(&waiter, vec![a]);
            out.push(expr_stmt(c));
        }
        let cb = self.print_callback("then ")?;
        let pr = self.read(p);
        out.push(expr_stmt(method_call(pr, "then", vec![cb])));
        let v = self.prim_leaf()?;
        let cb = self.print_callback("early ")?;
        out.push(expr_stmt(method_call(method_call(ident("Promise"), "resolve", vec![v]), "then", vec![cb])));
        out.push(print(string("before resolve")));
        self.set_readable(res, true);
        let v = self.gen_prim(1)?;
        let c = self.call_named(&res, vec![v]);
        out.push(expr_stmt(c));
        out.push(print(string("after resolve")));
        Ok(true)
    }

    /// Async closures created in a loop run after it: with `let` each sees its own iteration's
    /// binding, with `var` all see the final value.
    fn async_loop(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        let trips = self.int(2, 3)? as u32;
        if !self.fits_here(1, trips + 1) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::GeneratorsAsync,
            "async closures started in a loop print after it, each with its iteration's binding",
        ));
        let l = self.counted_for(trips, |g, i| {
            let arrow = g.feat.arrows && g.chance(60)?;
            let kind = if arrow { FunctionKind::Arrow } else { FunctionKind::Expression };
            let spec = FnSpec { is_async: true, ..FnSpec::new(kind, vec![], 0) };
            let i = Name::new(i);
            let f = g.with_function(spec, |g, _| {
                let w = g.awaitee()?;
                let ir = g.read(i);
                let e = g.capture_expr()?;
                Ok(vec![expr_stmt(await_expr(w)), print(label("loop ", bin(BinOp::Add, ir, e)))])
            })?;
            g.spend_call(1);
            Ok(vec![expr_stmt(call(func_expr(f), vec![]))])
        })?;
        out.push(l);
        out.push(print(string("loop done")));
        Ok(true)
    }

    /// `Promise.all([...])` (or `race`, `allSettled`, `any`) over plain values, settled promises,
    /// promises resolved by their executor and thenables whose `then` closes over a counter, with
    /// both callbacks, maybe a `finally`, and a chain of `then`s printing ticks beside it. The
    /// counter is written after the call, so the callbacks show they see the later write, and the
    /// ticks pin down how many jobs each combinator takes to settle.
    fn async_combinator(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(1, 6) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::GeneratorsAsync,
            "Promise combinators settle after an exact number of jobs; their callbacks close over later writes",
        ));
        let kind = self.decl_kind(false)?;
        let (n, d) = self.declare_var(Role::Value, kind, Ty::Prim, true, |_| Ok(num(0)))?;
        out.push(d);
        let combinator = ["all", "race", "allSettled", "any"][self.pick(4)?];
        let mut elements = Vec::new();
        for _ in 0..self.int(1, 3)? {
            elements.push(match self.pick(5)? {
                0 => self.gen_prim(1)?,
                1 => method_call(ident("Promise"), "resolve", vec![self.gen_prim(1)?]),
                2 => method_call(ident("Promise"), "reject", vec![self.gen_prim(1)?]),
                3 => self.counting_thenable(&n)?,
                _ => self.awaitee()?,
            });
        }
        let combined = method_call(ident("Promise"), combinator, vec![Expr::Array(elements)]);
        let settled = if combinator == "allSettled" {
            self.settled_results_printer()?
        } else {
            self.print_callback("fulfilled ")?
        };
        let rejected = self.closure(vec![ParamSpec::of(empty_obj())], 0, |g, names| {
            let reason = g.read(names[0]);
            // `any` rejects with an AggregateError listing the reasons; the others with a reason.
            let shown = if combinator == "any" {
                bin(BinOp::Add, label("", member(reason, "name")), label(" ", member(g.read(names[0]), "errors")))
            } else {
                reason
            };
            Ok(vec![print(label("rejected ", shown))])
        })?;
        let mut chain = method_call(combined, "then", vec![settled, rejected]);
        if self.chance(50)? {
            let last = self.closure(vec![], 0, |g, _| Ok(vec![print(label("combined finally ", g.read(n)))]))?;
            chain = method_call(chain, "finally", vec![last]);
        }
        out.push(expr_stmt(chain));
        let (t, v) = (self.target(n), self.small_num()?);
        out.push(expr_stmt(assign(AssignOp::Add, t, v)));
        let mut ticks = method_call(ident("Promise"), "resolve", vec![]);
        for tick in ["tick 1", "tick 2", "tick 3", "tick 4"].into_iter().take(self.int(2, 4)? as usize) {
            let step = self.closure(vec![], 0, |_, _| Ok(vec![print(string(tick))]))?;
            ticks = method_call(ticks, "then", vec![step]);
        }
        out.push(expr_stmt(ticks));
        Ok(true)
    }

    /// `{ then: (resolve) => { n += 1; resolve(n + v); } }`: a thenable whose `then` runs in a job
    /// of its own and closes over `n`.
    fn counting_thenable(&mut self, n: &str) -> Result<Expr> {
        let resolve = fnty(1, Ty::Prim, 0);
        let then = self.closure(vec![ParamSpec::of(Ty::Func(resolve))], 0, |g, names| {
            let t = g.target(n);
            let bump = expr_stmt(assign(AssignOp::Add, t, num(1)));
            let (r, c, v) = (g.read(names[0]), g.read(n), g.small_num()?);
            Ok(vec![bump, expr_stmt(call(r, vec![bin(BinOp::Add, c, v)]))])
        })?;
        Ok(Expr::Object(vec![super::cats::prop("then", then)]))
    }

    /// `(rs) => print("settled " + rs.map((r) => r.status + " " + r.value + " " + r.reason))`
    fn settled_results_printer(&mut self) -> Result<Expr> {
        self.closure(vec![ParamSpec::of(empty_obj())], 1, |g, names| {
            let each = g.closure(vec![ParamSpec::of(empty_obj())], 0, |g, names| {
                let parts = ["status", "value", "reason"].map(|field| member(g.read(names[0]), field));
                let [status, value, reason] = parts;
                let text = bin(BinOp::Add, bin(BinOp::Add, status, label(" ", value)), label(" ", reason));
                Ok(vec![ret(text)])
            })?;
            let results = g.read(names[0]);
            Ok(vec![print(label(
                "settled ",
                method_call(method_call(results, "map", vec![each]), "join", vec![string(";")]),
            ))])
        })
    }

    /// A rejection awaited in `try` is caught there (with `finally`), and a throwing async function's
    /// promise is handled with `catch`.
    fn async_reject(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.fits_here(1, 6) {
            return Ok(false);
        }
        out.push(self.tag(
            Category::GeneratorsAsync,
            "a rejection is caught across await; a throwing async function's promise is caught",
        ));
        let (guard, s) = self.suspendable_decl(Suspends::Async, 1, 0, |g, names| {
            let a = names[0];
            let ar = g.read(a);
            let block = vec![
                expr_stmt(await_expr(method_call(ident("Promise"), "reject", vec![ar]))),
                print(string("unreachable")),
            ];
            let handler = g.catch_clause(Ty::Prim, |g, e| {
                let (er, er2) = (g.read(e), g.read(e));
                Ok(vec![print(label("caught ", er)), ret(bin(BinOp::Add, er2, num(1)))])
            })?;
            let fin = g.with_block(|g| {
                let r = g.read(a);
                Ok(vec![print(label("finally ", r))])
            })?;
            Ok(vec![Stmt::Try { block, handler: Some(handler), finalizer: Some(fin) }])
        })?;
        out.push(s);
        let a = self.small_num()?;
        let c = self.call_named(&guard, vec![a]);
        let cb = self.print_callback("got ")?;
        out.push(expr_stmt(method_call(c, "then", vec![cb])));
        let (boom, s) = self.suspendable_decl(Suspends::Async, 1, 0, |g, names| {
            let a = names[0];
            let w = g.awaitee()?;
            let ar = g.read(a);
            Ok(vec![expr_stmt(await_expr(w)), Stmt::Throw(ar)])
        })?;
        out.push(s);
        let a = self.small_num()?;
        let c = self.call_named(&boom, vec![a]);
        let cb = self.print_callback("rejected ")?;
        out.push(expr_stmt(method_call(c, "catch", vec![cb])));
        out.push(print(string("sync")));
        Ok(true)
    }

    /// An async generator yields closures over its loop's binding and a binding it updates across
    /// awaits (or a sync generator yields them, or promises of them, and updates it at once); two
    /// calls of an async function consume it with `for await`, interleaving in job order (a sync
    /// source goes through CreateAsyncFromSyncIterator, whose steps take jobs of their own). The
    /// loop may stop early, with `break` or a `throw` caught around it: either calls the
    /// generator's `return()`, whose `finally` runs, and the consumer awaits that before going on.
    fn async_for_await(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        let trips = self.int(2, 3)? as u32;
        // Two consumers, each calling the source and every closure it yields twice.
        if !self.fits_here(2, 6 * trips + 4) {
            return Ok(false);
        }
        let sync_source = self.chance(40)?;
        // An async generator in between that delegates to the source with yield* (forwarding
        // next, and the return that closing sends); it needs a rank above the source's.
        let relay = self.rank() > 3 && self.chance(35)?;
        out.push(self.tag(
            Category::GeneratorsAsync,
            match (sync_source, relay) {
                (false, false) => {
                    "for await over an async generator of closures; two consumers interleave; break or throw closes it"
                }
                (true, false) => {
                    "for await over a sync generator of closures; two consumers interleave; break or throw closes it"
                }
                (false, true) => {
                    "for await over yield* of an async generator of closures; two consumers interleave; break or throw closes both"
                }
                (true, true) => {
                    "for await over yield* of a sync generator of closures; two consumers interleave; break or throw closes both"
                }
            },
        ));
        let get_ty = fnty(0, Ty::Prim, 0);
        let kind = if sync_source { Suspends::Generator } else { Suspends::AsyncGenerator };
        let (source, s) = self.closure_source(kind, trips, "source finally ", |g, c, i| {
            let made = g.closure(vec![], 0, |g, _| {
                let (cr, ir) = (g.read(c), g.read(i));
                Ok(vec![ret(bin(BinOp::Add, cr, ir))])
            })?;
            let t = g.target(c);
            if sync_source {
                // for await awaits each value: a promise of the closure gives the closure.
                let made = if g.chance(50)? { method_call(ident("Promise"), "resolve", vec![made]) } else { made };
                let v = g.gen_prim(1)?;
                return Ok(vec![expr_stmt(yield_expr(made)), expr_stmt(assign(AssignOp::Add, t, v))]);
            }
            let w = g.awaitee()?;
            Ok(vec![expr_stmt(yield_expr(made)), expr_stmt(assign(AssignOp::Add, t, await_expr(w)))])
        })?;
        out.push(s);
        let source = if relay {
            let (relay, s) = self.suspendable_decl(Suspends::AsyncGenerator, 1, 2, |g, names| {
                let ar = g.read(names[0]);
                let inner = g.call_named(&source, vec![ar]);
                let delegate = Expr::Yield { delegate: true, arg: Some(Box::new(inner)) };
                let fin = g.with_block(|_| Ok(vec![print(string("relay finally"))]))?;
                Ok(vec![Stmt::Try { block: vec![expr_stmt(delegate)], handler: None, finalizer: Some(fin) }])
            })?;
            out.push(s);
            relay
        } else {
            source
        };
        // Stop after this many values (never, when it is `trips`).
        let stop_after = self.int(1, i64::from(trips))?;
        let rank = if relay { 3 } else { 2 };
        let (consume, s) = self.suspendable_decl(Suspends::Async, 1, rank, |g, names| {
            let a = names[0];
            let kind = g.decl_kind(true)?;
            let (seen, d) = g.declare_var(Role::Array, kind, Ty::arr(Ty::Func(get_ty.clone()), 0), false, |_| {
                Ok(Expr::Array(vec![]))
            })?;
            let throws = stop_after < i64::from(trips) && g.chance(40)?;
            let stop = if throws { Stmt::Throw(g.small_num()?) } else { Stmt::Break(None) };
            let halt = (stop_after < i64::from(trips)).then_some((stop_after as u32, stop));
            let source = |g: &mut Self| {
                let ar = g.read(a);
                Ok(g.call_named(&source, vec![ar]))
            };
            let l = g.collecting_loop(Each::AwaitOf, source, trips, seen, get_ty.clone(), halt)?;
            let l = if throws {
                let handler = g.catch_clause(Ty::Prim, |g, e| {
                    let r = g.read(e);
                    Ok(vec![print(label("stopped ", r))])
                })?;
                Stmt::Try { block: vec![l], handler: Some(handler), finalizer: None }
            } else {
                l
            };
            g.retype(&seen, Ty::arr(Ty::Func(get_ty.clone()), stop_after as u32));
            let all = g.call_all(&seen, stop_after as u32)?;
            let n = member(g.read(seen), "length");
            Ok(vec![d, l, all, ret(n)])
        })?;
        out.push(s);
        self.start_two_consumers(out, &consume)?;
        out.push(print(string("consumers started")));
        Ok(true)
    }
}

/// What a producer-private declaration can suspend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Suspends {
    /// `function*`: `yield`.
    Generator,
    /// `async function`: `await`.
    Async,
    /// `async function*`: both.
    AsyncGenerator,
}
