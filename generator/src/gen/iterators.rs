//! Hand-written iterators (private-state): an object whose `next` and `return` methods are
//! closures over their maker's private count, driven by the language's own iteration: `for-of`,
//! `for await` and array destructuring. The values are closures too, which see the count as it is
//! when they are called. What engines get wrong here is the protocol around the closures: which
//! ways out of a loop call `return()` (`break` and a throw from the body do; running out and a
//! throwing `next()` do not), and, for `for await` over a sync iterator, the jobs of the
//! Async-from-Sync wrapper.

use arbitrary::Result;

use super::cats::{fnty, prop};
use super::flow::{label, Suspends};
use super::stmt::Each;
use super::ty::*;
use super::*;

/// How a loop over the iterator ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// The iterator runs out: `return()` is not called.
    RunsOut,
    /// `break` after `stop` values: `return()` is called.
    Break,
    /// A throw from the loop body after `stop` values, caught around the loop: `return()` is
    /// called.
    Throw,
    /// `next()` throws on its `stop`th call, caught around the loop: `return()` is not called.
    NextThrows,
}

/// What drives the iterator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Consumer {
    ForOf,
    /// Two calls of an async function, interleaving; `async_protocol` makes the iterator an async
    /// one (`Symbol.asyncIterator`, promises of results) instead of a sync one that `for await`
    /// wraps.
    ForAwait {
        async_protocol: bool,
    },
    /// `[p, q] = make(a)`: takes two values and closes the iterator.
    Destructuring,
}

impl Gen<'_, '_> {
    /// A maker function whose iterator hands out closures over its count, and a consumer of it.
    pub(crate) fn protocol_iterator(&mut self, out: &mut Vec<Stmt>) -> Result<bool> {
        let trips = self.int(2, 3)? as u32;
        // Each consumer calls every value twice; the async one runs twice.
        if !(self.feat.for_of && self.feat.method_shorthand && self.fits_here(2, 4 * trips + 6)) {
            return Ok(false);
        }
        let consumer = match self.pick(3)? {
            0 if self.feat.async_functions => Consumer::ForAwait { async_protocol: self.chance(50)? },
            1 if self.feat.destructuring => Consumer::Destructuring,
            _ => Consumer::ForOf,
        };
        let ending = match (consumer, self.pick(4)?) {
            (Consumer::Destructuring, 0 | 1) => Ending::NextThrows,
            (Consumer::Destructuring, _) => Ending::Break,
            (_, 0) => Ending::RunsOut,
            (_, 1) => Ending::Break,
            (_, 2) => Ending::Throw,
            _ => Ending::NextThrows,
        };
        let stop = match consumer {
            Consumer::Destructuring if ending == Ending::Break => 2,
            Consumer::Destructuring => self.int(1, 2)? as u32,
            _ => self.int(1, i64::from(trips))? as u32,
        };
        out.push(self.tag(
            Category::PrivateState,
            match consumer {
                Consumer::ForOf => "an iterator's next and return are closures over a private count; for-of drives it",
                Consumer::ForAwait { .. } => {
                    "an iterator's next and return are closures over a private count; for await drives it"
                }
                Consumer::Destructuring => {
                    "an iterator's next and return are closures over a private count; destructuring drives it"
                }
            },
        ));
        let async_protocol = matches!(consumer, Consumer::ForAwait { async_protocol: true });
        let throws_at = (ending == Ending::NextThrows).then_some(stop);
        let (make, s) = self.iterator_maker(trips, throws_at, async_protocol)?;
        out.push(s);
        // Values taken before the iteration ends.
        let taken = match ending {
            Ending::RunsOut => trips,
            Ending::Break | Ending::Throw => stop,
            Ending::NextThrows => stop - 1,
        };
        match consumer {
            Consumer::Destructuring => self.destructure_iterator(out, &make, ending),
            Consumer::ForOf => {
                let body = self.drive_iterator(Each::Of, &make, None, trips, ending, stop, taken)?;
                out.extend(body);
                Ok(true)
            }
            Consumer::ForAwait { .. } => {
                let (consume, s) = self.suspendable_decl(Suspends::Async, 1, 2, |g, names| {
                    let a = names[0];
                    let mut body = g.drive_iterator(Each::AwaitOf, &make, Some(a), trips, ending, stop, taken)?;
                    body.push(ret(g.read(a)));
                    Ok(body)
                })?;
                out.push(s);
                self.start_two_consumers(out, &consume)?;
                Ok(true)
            }
        }
    }

    /// `function make(a) { let count = 0; return { [Symbol.iterator]() { return this; }, next()
    /// { count++; ...; return { value: () => a * 10 + count, done: count > trips }; }, return() {
    /// print("closed at " + count); return {}; } }; }`. `next` throws `count * 10` on call
    /// `throws_at`; with `async_protocol` the key is `Symbol.asyncIterator` and `next` returns a
    /// promise of its result. Only the producer calls the maker.
    fn iterator_maker(&mut self, trips: u32, throws_at: Option<u32>, async_protocol: bool) -> Result<(Name, Stmt)> {
        let spec = FnSpec::new(FunctionKind::Declaration, vec![ParamSpec::prim()], 0).own_scope();
        let (make, s) = self.function_decl_spec(Role::Function, spec, Ty::Prim, |g, _, names| {
            let a = names[0];
            let kind = g.decl_kind(false)?;
            let (count, d) = g.declare_var(Role::Counter, kind, Ty::Prim, true, |_| Ok(num(0)))?;
            let method = || FnSpec::new(FunctionKind::Method, vec![], 0).own_scope();
            let itself = g.with_function(method(), |_, _| Ok(vec![ret(Expr::This)]))?;
            let next = g.with_function(method(), |g, _| {
                let target = g.target(count);
                let mut body = vec![expr_stmt(Expr::Update { increment: true, prefix: false, target })];
                if let Some(at) = throws_at {
                    let (c, thrown) = (g.read(count), bin(BinOp::Mul, g.read(count), num(10)));
                    body.push(Stmt::If(bin(BinOp::StrictEq, c, num(i64::from(at))), vec![Stmt::Throw(thrown)], None));
                }
                let value = g.closure(vec![], 0, |g, _| {
                    let (ar, cr) = (g.read(a), g.read(count));
                    Ok(vec![ret(bin(BinOp::Add, bin(BinOp::Mul, ar, num(10)), cr))])
                })?;
                let done = bin(BinOp::Gt, g.read(count), num(i64::from(trips)));
                let result = Expr::Object(vec![prop("value", value), prop("done", done)]);
                let result =
                    if async_protocol { method_call(ident("Promise"), "resolve", vec![result]) } else { result };
                body.push(ret(result));
                Ok(body)
            })?;
            let close = g.with_function(method(), |g, _| {
                let c = g.read(count);
                Ok(vec![print(label("closed at ", c)), ret(Expr::Object(vec![]))])
            })?;
            let key = if async_protocol { "asyncIterator" } else { "iterator" };
            let iterator = Expr::Object(vec![
                Prop::Method(PropKey::Computed(member(ident("Symbol"), key)), itself),
                Prop::Method(PropKey::Name("next".into()), next),
                Prop::Method(PropKey::Name("return".into()), close),
            ]);
            Ok(vec![d, ret(iterator)])
        })?;
        self.set_readable(make, false);
        Ok((make, s))
    }

    /// A loop of `each` over `make(arg)` (a number without `arg`) that prints each value's result
    /// and keeps the value, ending as `ending` says (a throw caught around it), then calls the
    /// `taken` values kept.
    #[allow(clippy::too_many_arguments)]
    fn drive_iterator(
        &mut self,
        each: Each,
        make: &str,
        arg: Option<Name>,
        trips: u32,
        ending: Ending,
        stop: u32,
        taken: u32,
    ) -> Result<Vec<Stmt>> {
        let get_ty = fnty(0, Ty::Prim, 0);
        let kind = self.decl_kind(true)?;
        let (seen, d) = self
            .declare_var(Role::Array, kind, Ty::arr(Ty::Func(get_ty.clone()), 0), false, |_| Ok(Expr::Array(vec![])))?;
        let halt = match ending {
            Ending::Break => Some(Stmt::Break(None)),
            Ending::Throw => Some(Stmt::Throw(self.small_num()?)),
            Ending::RunsOut | Ending::NextThrows => None,
        };
        let iterable = |g: &mut Self| {
            let a = match arg {
                Some(a) => g.read(a),
                None => g.small_num()?,
            };
            Ok(g.call_named(make, vec![a]))
        };
        let l = self.collecting_loop(each, iterable, trips, seen, get_ty.clone(), halt.map(|h| (stop, h)))?;
        let l = if matches!(ending, Ending::Throw | Ending::NextThrows) {
            let handler = self.catch_clause(Ty::Prim, |g, e| {
                let r = g.read(e);
                Ok(vec![print(label("caught ", r))])
            })?;
            Stmt::Try { block: vec![l], handler: Some(handler), finalizer: None }
        } else {
            l
        };
        self.retype(&seen, Ty::arr(Ty::Func(get_ty), taken));
        let all = self.call_all(&seen, taken)?;
        Ok(vec![d, l, all])
    }

    /// `let p, q; try { [p, q] = make(n); print(p() + q()); } catch (e) { ... }` (the `try` when
    /// `next()` throws): the pattern takes two values and closes the iterator.
    fn destructure_iterator(&mut self, out: &mut Vec<Stmt>, make: &str, ending: Ending) -> Result<bool> {
        let get = Ty::Func(fnty(0, Ty::Prim, 0));
        let (names, d) = self.declare_uninit(Role::Function, &[get.clone(), get])?;
        out.push(d);
        let (p, q) = (names[0], names[1]);
        let a = self.small_num()?;
        let source = self.call_named(make, vec![a]);
        let pattern = Pattern::Array(vec![PatternPart::name(p, p, None), PatternPart::name(q, q, None)]);
        let (pc, qc) = (self.call_named(&p, vec![]), self.call_named(&q, vec![]));
        let block = vec![
            expr_stmt(assign(AssignOp::Assign, Target::Pattern(Box::new(pattern)), source)),
            print(bin(BinOp::Add, bin(BinOp::Add, pc, string(":")), qc)),
        ];
        if ending == Ending::NextThrows {
            let handler = self.catch_clause(Ty::Prim, |g, e| {
                let r = g.read(e);
                Ok(vec![print(label("caught ", r))])
            })?;
            out.push(Stmt::Try { block, handler: Some(handler), finalizer: None });
        } else {
            out.extend(block);
        }
        Ok(true)
    }
}
