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

/// A sync iterable under `for await` goes through CreateAsyncFromSyncIterator (27.1.6): two jobs
/// per step, values that are promises awaited, `return()` called and awaited on break, return
/// and throw, not called when `next()` throws or the iterator has none.
const FOR_AWAIT_SYNC: &str = r#"
var log = typeof print === "function" ? print : console.log;
var ticks = 0;
function ticker(n) { var p = Promise.resolve(); for (let i = 0; i < n; i++) { p = p.then(() => log("tick " + ticks++)); } }
function tracked(name, values, opts) {
  opts = opts || {};
  let i = 0;
  return {
    [Symbol.iterator]() { return this; },
    next() {
      if (opts.throwAt === i) throw new Error(name + " next threw");
      if (i >= values.length) return { done: true, value: "end" + name };
      return { done: false, value: values[i++] };
    },
    return() { log(name + " return called"); return opts.badReturn ? 7 : { done: true }; },
  };
}
async function t1() { for await (const x of [1, 2]) log("t1 " + x); log("t1 end"); }
async function t2() { for await (const x of [Promise.resolve("a"), "b"]) log("t2 " + x); }
async function t3() { for await (const x of tracked("t3", [1, 2, 3])) { log("t3 " + x); if (x === 2) break; } log("t3 after"); }
async function t4() { try { for await (const x of tracked("t4", [1, 2])) { throw "body4"; } } catch (e) { log("t4 caught " + e); } }
async function t5() { try { for await (const x of tracked("t5", [1], { throwAt: 1 })) log("t5 " + x); } catch (e) { log("t5 caught " + (e instanceof Error)); } }
async function t6() { try { for await (const x of tracked("t6", [1, 2], { badReturn: true })) break; } catch (e) { log("t6 caught " + e.constructor.name); } }
function* g7() { try { yield 1; yield 2; } finally { log("g7 finally"); } }
async function t7() { for await (const x of g7()) { log("t7 " + x); return x; } }
async function t8() { const fs = []; for await (const x of [1, 2, 3]) fs.push(() => x); log("t8 " + fs.map(f => f()).join(",")); }
async function t9() { try { for await (const x of 5) log(x); } catch (e) { log("t9 caught " + e.constructor.name); } }
async function t10() { const it = tracked("t10", [1, 2]); it.return = undefined; for await (const x of it) { log("t10 " + x); break; } log("t10 after"); }
ticker(12);
t1(); t2(); t3(); t4(); t5(); t6(); t7().then(v => log("t7 result " + v)); t8(); t9(); t10();"#;

#[test]
fn for_await_over_sync_iterables_steps_like_node() {
    let expected = [
        "t9 caught TypeError",
        "tick 0",
        "tick 1",
        "t1 1",
        "t2 a",
        "t3 1",
        "t4 return called",
        "t5 1",
        "t6 return called",
        "t7 1",
        "g7 finally",
        "t10 1",
        "tick 2",
        "t5 caught true",
        "t6 caught TypeError",
        "t10 after",
        "tick 3",
        "t1 2",
        "t2 b",
        "t3 2",
        "t3 return called",
        "t4 caught body4",
        "tick 4",
        "t7 result 1",
        "tick 5",
        "t1 end",
        "t3 after",
        "tick 6",
        "tick 7",
        "t8 1,2,3",
        "tick 8",
        "tick 9",
        "tick 10",
        "tick 11",
    ];
    assert_eq!(lines(FOR_AWAIT_SYNC), expected);
}

/// A value that is a rejected promise closes the sync iterator (27.1.6.4 step 9, added in
/// ES2025) unless the step was the last. Expected output from JavaScriptCore, which has the
/// change (Boa and QuickJS too); node 20, SpiderMonkey and engine262 predate it.
const FOR_AWAIT_SYNC_REJECTION: &str = r#"
var log = typeof print === "function" ? print : console.log;
var ticks = 0;
function ticker(n) { var p = Promise.resolve(); for (let i = 0; i < n; i++) { p = p.then(() => log("tick " + ticks++)); } }
function* g1() { try { yield 1; yield Promise.reject("rej"); yield 3; } finally { log("g1 finally"); } }
async function t1() { try { for await (const x of g1()) log("t1 " + x); } catch (e) { log("t1 caught " + e); } }
function* g2() { try { yield Promise.reject("done-rej"); } finally { log("g2 finally"); } }
async function t2() { try { for await (const x of g2()) log("t2 " + x); } catch (e) { log("t2 caught " + e); } }
ticker(6); t1(); t2();"#;

#[test]
fn a_rejected_value_closes_the_sync_iterator_under_for_await() {
    let expected = [
        "tick 0",
        "g2 finally",
        "tick 1",
        "t1 1",
        "t2 caught done-rej",
        "tick 2",
        "g1 finally",
        "tick 3",
        "t1 caught rej",
        "tick 4",
        "tick 5",
    ];
    assert_eq!(lines(FOR_AWAIT_SYNC_REJECTION), expected);
}

/// `yield*` in an async generator (14.4.14): next, throw and return forwarded to async
/// generators, arrays, sync generators and hand-written iterators (without `throw` or `return`,
/// or with a result that is not an object); a return request's value is awaited, and its rejection
/// thrown into the inner iterator; the value of a return that the inner iterator ends is not
/// awaited again (since ES2023). Expected output, job order included, from node and engine262.
const YIELD_STAR: &str = r#"
var log = typeof print === "function" ? print : console.log;
var ticks = 0;
function ticker(n) { var p = Promise.resolve(); for (let i = 0; i < n; i++) { p = p.then(() => log("tick " + ticks++)); } }
async function* inner(tag) { try { const x = yield tag + "1"; log(tag + " got " + x); yield tag + "2"; return tag + "-ret"; } finally { log(tag + " inner finally"); } }
async function* outer(src) { try { const r = yield* src; log("yield* value " + r); return "outer-done"; } finally { log("outer finally"); } }
async function drain(name, it, sends) {
  for (const s of sends) {
    try { const r = await (s[0] === "next" ? it.next(s[1]) : s[0] === "throw" ? it.throw(s[1]) : it.return(s[1])); log(name + " " + s[0] + " -> " + JSON.stringify(r)); }
    catch (e) { log(name + " " + s[0] + " threw " + (typeof e === "string" ? e : e.constructor.name)); }
  }
}
ticker(30);
drain("A", outer(inner("a")), [["next", "x0"], ["next", "x1"], ["next", "x2"], ["next", "x3"]]);
drain("B", outer(inner("b")), [["next"], ["return", "R"], ["next"]]);
drain("C", outer(inner("c")), [["next"], ["throw", "E"], ["next"]]);
drain("D", outer(["d1", Promise.resolve("d2"), "d3"]), [["next"], ["next"], ["next"], ["next"]]);
function* syncInner() { try { const v = yield "s1"; log("sync got " + v); yield "s2"; } finally { log("sync finally"); } }
drain("E", outer(syncInner()), [["next"], ["next", "sv"], ["return", Promise.resolve("RP")], ["next"]]);
const noThrow = { [Symbol.asyncIterator]() { return this; }, next(v) { log("F next args " + arguments.length); return { value: "f", done: false }; }, return() { log("F return called"); return {}; } };
drain("F", outer(noThrow), [["next"], ["throw", "EF"], ["next"]]);
const noReturn = { [Symbol.asyncIterator]() { return this; }, next() { return Promise.resolve({ value: "g", done: false }); } };
drain("G", outer(noReturn), [["next"], ["return", "RG"], ["next"]]);
drain("H", outer(inner("h")), [["next"], ["return", Promise.reject("rejected-return")], ["next"], ["next"]]);
const badResult = { [Symbol.asyncIterator]() { return this; }, next() { return 5; } };
drain("J", outer(badResult), [["next"], ["next"]]);"#;

#[test]
fn yield_star_in_async_generators_forwards_like_node() {
    let expected = [
        "F next args 1",
        "tick 0",
        "outer finally",
        "tick 1",
        "F next -> {\"value\":\"f\",\"done\":false}",
        "F return called",
        "G next -> {\"value\":\"g\",\"done\":false}",
        "J next threw TypeError",
        "tick 2",
        "A next -> {\"value\":\"a1\",\"done\":false}",
        "a got x1",
        "B next -> {\"value\":\"b1\",\"done\":false}",
        "C next -> {\"value\":\"c1\",\"done\":false}",
        "c inner finally",
        "D next -> {\"value\":\"d1\",\"done\":false}",
        "E next -> {\"value\":\"s1\",\"done\":false}",
        "sync got sv",
        "outer finally",
        "H next -> {\"value\":\"h1\",\"done\":false}",
        "J next -> {\"done\":true}",
        "tick 3",
        "outer finally",
        "F throw threw TypeError",
        "outer finally",
        "h inner finally",
        "tick 4",
        "b inner finally",
        "C throw threw E",
        "F next -> {\"done\":true}",
        "G return -> {\"value\":\"RG\",\"done\":true}",
        "outer finally",
        "tick 5",
        "A next -> {\"value\":\"a2\",\"done\":false}",
        "outer finally",
        "C next -> {\"done\":true}",
        "D next -> {\"value\":\"d2\",\"done\":false}",
        "E next -> {\"value\":\"s2\",\"done\":false}",
        "G next -> {\"done\":true}",
        "H return threw rejected-return",
        "tick 6",
        "a inner finally",
        "B return -> {\"value\":\"R\",\"done\":true}",
        "sync finally",
        "H next -> {\"done\":true}",
        "tick 7",
        "yield* value a-ret",
        "B next -> {\"done\":true}",
        "H next -> {\"done\":true}",
        "tick 8",
        "outer finally",
        "D next -> {\"value\":\"d3\",\"done\":false}",
        "outer finally",
        "tick 9",
        "A next -> {\"value\":\"outer-done\",\"done\":true}",
        "E return -> {\"value\":\"RP\",\"done\":true}",
        "tick 10",
        "A next -> {\"done\":true}",
        "yield* value undefined",
        "E next -> {\"done\":true}",
        "tick 11",
        "outer finally",
        "tick 12",
        "D next -> {\"value\":\"outer-done\",\"done\":true}",
        "tick 13",
        "tick 14",
        "tick 15",
        "tick 16",
        "tick 17",
        "tick 18",
        "tick 19",
        "tick 20",
        "tick 21",
        "tick 22",
        "tick 23",
        "tick 24",
        "tick 25",
        "tick 26",
        "tick 27",
        "tick 28",
        "tick 29",
    ];
    assert_eq!(lines(YIELD_STAR), expected);
}

/// `throw()` through `yield*` into a sync iterator without `throw`: its wrapper closes it and
/// rejects with a TypeError (27.1.6.2.3, as of ES2025). Expected output from JavaScriptCore, which
/// has the change; node 20 and engine262 reject with the thrown value and leave it open.
const YIELD_STAR_SYNC_WITHOUT_THROW: &str = r#"
var log = typeof print === "function" ? print : console.log;
async function* outer(src) { try { yield* src; } finally { log("outer finally"); } }
const syncNoThrow = { [Symbol.iterator]() { return this; }, next() { return { value: "i", done: false }; }, return() { log("sync return called"); return {}; } };
const it = outer(syncNoThrow);
it.next().then((r) => { log("next " + r.value); return it.throw("thrown"); }).then((r) => log("throw gave " + r.done), (e) => log("throw threw " + (typeof e === "string" ? e : e.constructor.name)));"#;

#[test]
fn yield_star_closes_a_sync_iterator_without_throw() {
    let expected = ["next i", "sync return called", "outer finally", "throw threw TypeError"];
    assert_eq!(lines(YIELD_STAR_SYNC_WITHOUT_THROW), expected);
}

#[test]
fn the_async_generator_function_constructor_is_refused() {
    let src = "print(Object.getPrototypeOf(async function* () {}).constructor);";
    let out = run(src, &Limits::default());
    assert!(matches!(out.completion, Completion::Unsupported(_)), "{src}: {:?}", out.completion);
}
