//! `switch` statements: all the case clauses of a switch share its one block scope. A `let` of one
//! case is in its TDZ when the switch jumps past its declaration, closures made in different cases
//! share it, and a function declared in a case is created when the switch is entered, whichever case
//! the jump lands on (and, in sloppy code, copied to its Annex B `var` only if its own case runs).
//!
//! The producers stand for tdz, shared-binding and hoisting; each of those categories' producers
//! picks one of these now and then.

use arbitrary::Result;

use super::cats::fnty;
use super::*;

impl<'a, 'b> Gen<'a, 'b> {
    /// `const fs = []; switch (k) { case 0: let x = e; fs.push(() => x); case 1: fs.push(() => ++x); ... }`
    /// (some case tests push a closure too: `case (fs.push(() => x), 1):`, made while `x` is in its
    /// TDZ), then every closure called, each in a `try`. For tdz the switch runs once per case, entered at
    /// each case in turn (`for (let k = 0; k < n; k++) switch (k) { ... }`), so closures made after a
    /// jump past `let x` throw when called; for shared-binding it is entered at the first case and
    /// falls through every case, so the closures see each other's writes to the one `x`.
    pub(crate) fn switch_closures(&mut self, out: &mut Vec<Stmt>, category: Category) -> Result<bool> {
        let tdz = category == Category::Tdz;
        let cases = self.int(2, 3)? as u32;
        let runs = if tdz { cases } else { 1 };
        // A closure per case body, and one per case test (evaluated while looking for the case).
        let max_pushed = 2 * cases * runs;
        if !self.feat.let_const || !self.room(4) || !self.fits_here(1, max_pushed + 1) {
            return Ok(false);
        }
        out.push(self.tag(
            category,
            if tdz {
                "closures made in a switch's cases read a let of its first case, in its TDZ when the switch jumps past it"
            } else {
                "closures made in a switch's cases, which fall through, share the switch's let"
            },
        ));
        let elem = fnty(0, Ty::Prim, 0);
        let kind = self.decl_kind(true)?;
        // Its length depends on the cases run: only this producer touches its elements.
        let (fs, d) =
            self.declare_var(Role::Array, kind, Ty::arr(Ty::Func(elem), 0), false, |_| Ok(Expr::Array(vec![])))?;
        out.push(d);
        let s = if tdz {
            self.counted_for(cases, |g, k| {
                let k = g.read(k);
                Ok(vec![g.switch_over_one_let(k, cases, fs, true)?])
            })?
        } else {
            self.switch_over_one_let(num(0), cases, fs, false)?
        };
        out.push(s);
        let s = self.call_each_guarded(fs, max_pushed)?;
        out.push(s);
        Ok(true)
    }

    /// The switch of [`Gen::switch_closures`]: case `i` tests `i`, the first declares the switch's
    /// `let` (or `const`) and every case pushes a closure over it onto `fs`. With `breaks`, some cases
    /// may end in `break`.
    fn switch_over_one_let(&mut self, disc: Expr, cases: u32, fs: Name, breaks: bool) -> Result<Stmt> {
        self.push_scope(ScopeKind::Block);
        let r = (|| {
            let kind = if self.chance(70)? { DeclKind::Let } else { DeclKind::Const };
            let writable = kind == DeclKind::Let;
            let x = self.new_binding(Role::Value, How::Lexical, kind.binding_kind(), Ty::Prim, writable)?;
            let mut clauses = Vec::new();
            for i in 0..cases {
                // Case tests run in the switch's scope before any case does, and a jump may land on
                // a later case, past the declaration.
                self.set_readable(x, false);
                let mut test = num(i64::from(i));
                if self.chance(30)? {
                    // `case (fs.push(() => x), i):` makes a closure over the `x` in its TDZ, which
                    // the case's declaration may then initialise.
                    let push = self.push_closure_over(fs, x, writable)?;
                    test = Expr::Seq(vec![push, test]);
                }
                let mut body = Vec::new();
                if i == 0 {
                    let init = self.gen_prim(2)?;
                    self.set_readable(x, true);
                    body.push(decl(kind, &x, Some(init)));
                }
                if self.chance(40)? {
                    // Statements of their own go in a block: a declaration directly in the case would
                    // be in its TDZ in the other cases.
                    body.push(Stmt::Block(self.with_block(|g| g.gen_stmts(2, 50))?));
                }
                let push = self.push_closure_over(fs, x, writable)?;
                body.push(expr_stmt(push));
                if breaks && i + 1 < cases && self.chance(30)? {
                    body.push(Stmt::Break(None));
                }
                clauses.push(Case { test: Some(test), body });
            }
            Ok(Stmt::Switch(disc, clauses))
        })();
        self.pop_scope();
        r
    }

    /// `fs.push(() => x + ...)`, `fs.push(() => ++x)` (when `x` is writable) or
    /// `fs.push(() => typeof x)`.
    fn push_closure_over(&mut self, fs: Name, x: Name, writable: bool) -> Result<Expr> {
        let variant = self.pick(3)?;
        let closure = self.closure(vec![], 0, |g, _| {
            Ok(vec![match variant {
                0 if writable => {
                    let t = g.target(x);
                    ret(Expr::Update { increment: true, prefix: true, target: t })
                }
                1 => ret(unary(UnaryOp::Typeof, g.read(x))),
                _ => ret(g.reading(&x)?),
            }])
        })?;
        let a = self.read(fs);
        Ok(method_call(a, "push", vec![closure]))
    }

    /// `fs.forEach(function (h) { try { print(h()); } catch (e) { print(e.name); } })` over an array
    /// of `() => prim` closures of rank 0, some of which may throw; spends `times` calls.
    fn call_each_guarded(&mut self, fs: Name, times: u32) -> Result<Stmt> {
        self.spend_call(times);
        let elem = fnty(0, Ty::Prim, 0);
        let a = self.read(fs);
        let callback = self.closure(vec![ParamSpec::of(Ty::Func(elem))], 1, |g, names| {
            let h = g.read(names[0]);
            g.spend_call(1);
            Ok(vec![g.guarded(vec![print(call(h, vec![]))])?])
        })?;
        Ok(expr_stmt(method_call(a, "forEach", vec![callback])))
    }

    /// `print(typeof h); switch (n) { case 0: function h() { ... } case 1: print(h()); } print(typeof h);`
    /// with `n` 0 or 1: `h` is created when the switch is entered, so case 1 calls it even when the
    /// jump skips its declaration; afterwards it is the Annex B `var` in sloppy code (a function only
    /// if case 0 ran) and undeclared in strict code.
    pub(crate) fn switch_function(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        if !self.feat.block_functions || !self.room(3) || !self.fits_here(0, 2) {
            return Ok(false);
        }
        // The switch's scope, with `h` declared in it.
        let Some(h) = self.enter_block_declaring_unbound_function()? else {
            return Ok(false);
        };
        let r = (|| {
            let spec = FnSpec { name: Some(h), ..FnSpec::new(FunctionKind::Declaration, vec![], 0) };
            let f = self.with_function(spec, |g, _| Ok(vec![ret(g.gen_prim(2)?)]))?;
            self.set_readable(h, true);
            let entry = self.pick(2)?;
            let mut first = Vec::new();
            if self.chance(40)? {
                // Called in its own case before its text.
                self.spend_call(1);
                first.push(print(call(self.read(h), vec![])));
            }
            first.push(Stmt::Function(f));
            self.spend_call(1);
            let second = vec![print(call(self.read(h), vec![]))];
            let clauses = vec![Case { test: Some(num(0)), body: first }, Case { test: Some(num(1)), body: second }];
            Ok(Stmt::Switch(num(entry as i64), clauses))
        })();
        self.pop_scope();
        let switch = r?;
        out.push(self.tag(
            Category::Hoisting,
            "a function declared in a switch case exists from the switch's entry, whichever case it jumps to",
        ));
        let before = self.read(h);
        out.push(print(unary(UnaryOp::Typeof, before)));
        out.push(switch);
        let after = self.read(h);
        out.push(print(unary(UnaryOp::Typeof, after)));
        Ok(true)
    }
}
