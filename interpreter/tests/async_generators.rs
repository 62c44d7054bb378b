//! Async generators (27.6): the request queue, yield/await/return inside, next/return/throw and
//! the promise-job order they produce. Expected output recorded from node (V8), job order included.

use interpreter::{run, Completion, Limits};

fn lines(source: &str) -> Vec<String> {
    let out = run(source, &Limits::default());
    assert_eq!(out.completion, Completion::Normal, "program: {source}\nprinted: {:?}", out.printed);
    out.printed
}

const BASICS: &str = r#"
var P = typeof print === 'function' ? print : console.log;
var log = [];
async function* g(a) {
  P('start', a);
  var x = yield 1;
  P('got', x);
  var y = await Promise.resolve('aw');
  P('awaited', y);
  try {
    yield Promise.resolve(2);
  } finally {
    P('finally');
  }
  return 'ret';
}
var it = g('A');
P(Object.prototype.toString.call(it), typeof it.next, it[Symbol.asyncIterator]() === it);
it.next('ignored').then(function (r) { P('r1', r.value, r.done); });
it.next('X').then(function (r) { P('r2', r.value, r.done); });
it.next().then(function (r) { P('r3', r.value, r.done); });
it.next().then(function (r) { P('r4', r.value, r.done); });
Promise.resolve().then(function () { P('tick1'); }).then(function () { P('tick2'); }).then(function () { P('tick3'); });
async function* h() { try { yield 1; yield 2; } finally { P('h finally'); } }
var i2 = h();
i2.next().then(function (r) { P('h1', r.value, r.done); });
i2.return(Promise.resolve('early')).then(function (r) { P('hret', r.value, r.done); });
i2.next().then(function (r) { P('h3', r.value, r.done); });
async function* t() { yield 1; }
var i3 = t();
i3.throw(new Error('boom')).then(null, function (e) { P('t rejected', e.message); });
i3.next().then(function (r) { P('t next', r.value, r.done); });
var i4 = t();
i4.return('r4').then(function (r) { P('i4', r.value, r.done); });
async function* thrower() { yield 1; throw new TypeError('bad'); }
var i5 = thrower();
i5.next().then(function (r) { P('i5a', r.value); });
i5.next().then(null, function (e) { P('i5b', e.constructor.name); });
i5.next().then(function (r) { P('i5c', r.done); });
var o = { async *m() { yield this === o; } };
o.m().next().then(function (r) { P('method', r.value); });
class K { static async *s() { yield 'static'; } async *#p() { yield 'priv'; } q() { return this.#p(); } }
K.s().next().then(function (r) { P('class', r.value); });
new K().q().next().then(function (r) { P('private', r.value); });
async function* rej() { yield Promise.reject(new RangeError('no')); }
rej().next().then(null, function (e) { P('rej', e.constructor.name); });
P(Object.getPrototypeOf(g) === Object.getPrototypeOf(async function* () {}), typeof g.prototype, Object.getPrototypeOf(g.prototype) === Object.getPrototypeOf(Object.getPrototypeOf(it)));
async function* counter() { let n = 0; while (true) { let c = n; yield () => c; n++; } }
var ci = counter(); var fns = [];
ci.next().then(function (r) { fns.push(r.value); return ci.next(); }).then(function (r) { fns.push(r.value); P('closures', fns[0](), fns[1]()); });
P('sync end');
"#;

const QUEUE_AND_ABRUPT_REQUESTS: &str = r#"
var P = typeof print === 'function' ? print : console.log;
var self;
async function* reent() {
  var p = self.next('inner');
  P('queued while executing', typeof p.then);
  var v = yield 'first';
  P('v', v);
  yield 'second';
}
self = reent();
self.next().then(function (r) { P('re1', r.value); });
async function* catcher() {
  try { yield 1; } catch (e) { P('caught', e); yield 'after catch'; }
  try { yield 2; } catch (e) { P('caught2', e.message); }
  return 'end';
}
var c = catcher();
c.next().then(function () { return c.throw('T'); }).then(function (r) { P('c2', r.value, r.done); return c.next(); })
  .then(function (r) { P('c3', r.value); return c.return(Promise.reject(new Error('R'))); })
  .then(function (r) { P('c4', r.value, r.done); }, function (e) { P('c4 err', e.message); });
async function* fin() {
  try { yield 1; } finally { await null; P('fin awaited'); yield 'from finally'; P('fin end'); }
}
var f = fin();
f.next().then(function () { return f.return('X'); }).then(function (r) { P('f2', r.value, r.done); return f.next(); })
  .then(function (r) { P('f3', r.value, r.done); });
var thenable = { then: function (res) { P('then called'); res('thenable value'); } };
async function* th() { yield thenable; return thenable; }
var ti = th();
ti.next().then(function (r) { P('th1', r.value); });
ti.next().then(function (r) { P('th2', r.value, r.done); });
async function* done1() {}
var d = done1();
d.next().then(function (r) { P('d1', r.done); });
d.return(Promise.reject('rr')).then(null, function (e) { P('d2', e); });
d.throw('tt').then(null, function (e) { P('d3', e); });
d.next().then(function (r) { P('d4', r.done); });
async function* args() { P('args', arguments.length, this && this.k); yield arguments[0]; }
args.call({ k: 'K' }, 'a0', 'a1').next().then(function (r) { P('args v', r.value); });
AsyncGen = Object.getPrototypeOf(async function* () {}).prototype;
AsyncGen.next.call({}).then(null, function (e) { P('validate', e.constructor.name); });
try { new (async function* () {})(); } catch (e) { P('new', e.constructor.name); }
async function* params(x = (() => { throw new SyntaxError('param'); })()) {}
try { params(); } catch (e) { P('param sync', e.constructor.name); }
async function* aw() { var x = await 1; var y = await Promise.reject(2).catch(function (v) { return v * 10; }); yield x + y; }
aw().next().then(function (r) { P('aw', r.value); });
(async function () {
  var g = (async function* () { yield 'a'; yield 'b'; })();
  P('await next', (await g.next()).value, (await g.next()).value, (await g.next()).done);
})();
P('sync end');
"#;

#[test]
fn async_generator_basics_and_job_order() {
    let expected = [
        "[object AsyncGenerator] function true",
        "start A",
        "true object true",
        "sync end",
        "got X",
        "tick1",
        "t rejected boom",
        "t next undefined true",
        "r1 1 false",
        "awaited aw",
        "tick2",
        "h1 1 false",
        "h finally",
        "i4 r4 true",
        "i5a 1",
        "i5b TypeError",
        "i5c true",
        "method true",
        "class static",
        "private priv",
        "rej RangeError",
        "finally",
        "tick3",
        "hret early true",
        "h3 undefined true",
        "r2 2 false",
        "r3 ret true",
        "r4 undefined true",
        "closures 0 1",
    ];
    assert_eq!(lines(BASICS), expected);
}

#[test]
fn async_generator_queue_and_abrupt_requests() {
    let expected = [
        "queued while executing function",
        "args 2 K",
        "new TypeError",
        "param sync SyntaxError",
        "sync end",
        "v inner",
        "then called",
        "d1 true",
        "validate TypeError",
        "re1 first",
        "caught T",
        "d2 rr",
        "d3 tt",
        "d4 true",
        "args v a0",
        "th1 thenable value",
        "then called",
        "fin awaited",
        "c2 after catch false",
        "th2 thenable value true",
        "aw 21",
        "await next a b true",
        "f2 from finally false",
        "fin end",
        "c3 2",
        "caught2 R",
        "f3 X true",
        "c4 end true",
    ];
    assert_eq!(lines(QUEUE_AND_ABRUPT_REQUESTS), expected);
}

/// `for await` (14.7.5.6-7, 7.4.13 AsyncIteratorClose): a rejected or non-object step leaves the
/// loop without closing; break, continue to an outer label, throw and an enclosing generator's
/// return() close it, awaiting return()'s result; for a throw what goes wrong in closing is dropped.
const FOR_AWAIT: &str = r#"
var P = typeof print === 'function' ? print : console.log;
function iter(spec) {
  let n = 0;
  return { [Symbol.asyncIterator]() { return {
    next() { n++; if (spec.next) return spec.next(n); return Promise.resolve({ value: n, done: n > 3 }); },
    return: spec.ret && function () { P('return called', n); return spec.ret(n); },
  }; } };
}
async function t1() { try { for await (const x of iter({ next: (n) => Promise.reject('rej' + n) , ret: () => Promise.resolve({}) })) P('body', x); } catch (e) { P('t1 caught', e); } }
async function t2() { try { for await (const x of iter({ next: () => Promise.resolve(5), ret: () => Promise.resolve({}) })) P('body', x); } catch (e) { P('t2 caught', e.constructor.name); } }
async function t3() { try { for await (const x of iter({ ret: () => Promise.resolve(7) })) break; } catch (e) { P('t3 caught', e.constructor.name); } }
async function t4() { try { for await (const x of iter({ ret: () => Promise.reject('retrej') })) throw 'body'; } catch (e) { P('t4 caught', e); } }
async function t5() { try { for await (const x of iter({ ret: () => { throw 'retthrow'; } })) throw 'body5'; } catch (e) { P('t5 caught', e); } }
async function t6() { try { for await (const x of iter({ ret: () => Promise.reject('retrej6') })) break; } catch (e) { P('t6 caught', e); } }
async function t7() { try { for await (const [a, b] of iter({ ret: () => Promise.resolve({}) })) P(a); } catch (e) { P('t7 caught', e.constructor.name); } }
async function t8() { outer: for (const o of [1, 2]) { for await (const x of iter({ ret: () => Promise.resolve({}) })) { if (x === 2) continue outer; P('t8', o, x); } } P('t8 end'); }
async function t9() { try { for await (const x of 5) ; } catch (e) { P('t9 caught', e.constructor.name); } }
async function t10() { let r = 0; for await (r of iter({})) P('t10', r); P('t10 end', r); }
async function* g11() { try { for await (const x of iter({ ret: () => Promise.resolve({}) })) yield x; } finally { P('g11 finally'); } }
async function t11() { const it = g11(); P('t11', (await it.next()).value); P('t11', (await it.return('r')).value); }
t1(); t2(); t3(); t4(); t5(); t6(); t7(); t8(); t9(); t10(); t11();
(async () => { for (let i = 0; i < 10; i++) { P('tick', i); await null; } })();
"#;

#[test]
fn for_await_steps_and_closes_like_node() {
    let expected = [
        "t9 caught TypeError",
        "tick 0",
        "t1 caught rej1",
        "t2 caught TypeError",
        "return called 1",
        "return called 1",
        "return called 1",
        "t5 caught body5",
        "return called 1",
        "return called 1",
        "t8 1 1",
        "t10 1",
        "tick 1",
        "t3 caught TypeError",
        "t4 caught body",
        "t6 caught retrej6",
        "t7 caught TypeError",
        "return called 2",
        "t10 2",
        "tick 2",
        "t10 3",
        "t11 1",
        "tick 3",
        "t8 2 1",
        "t10 end 3",
        "return called 1",
        "tick 4",
        "return called 2",
        "g11 finally",
        "tick 5",
        "t8 end",
        "t11 r",
        "tick 6",
        "tick 7",
        "tick 8",
        "tick 9",
    ];
    assert_eq!(lines(FOR_AWAIT), expected);
}

#[test]
fn unimplemented_async_iteration_is_refused() {
    for src in [
        "async function* g() { yield* [1, 2]; } g().next();",
        // A sync iterable would go through CreateAsyncFromSyncIterator.
        "async function f() { for await (const x of [1]) {} } f();",
        "print(Object.getPrototypeOf(async function* () {}).constructor);",
    ] {
        let out = run(src, &Limits::default());
        assert!(matches!(out.completion, Completion::Unsupported(_)), "{src}: {:?}", out.completion);
    }
}
