//! Promise combinators (27.2.4.1-27.2.4.5), Promise.prototype.finally (27.2.5.3) and
//! AggregateError (20.5.7): what they call, in which order, and how many jobs each takes before its
//! promise settles. Each program runs a ticker (a chain of `then`s logging t1, t2, ...) beside the
//! promises it checks. Expected output recorded from node (V8).

use interpreter::{run, Completion, Limits};

fn lines(source: &str) -> Vec<String> {
    let out = run(source, &Limits::default());
    assert_eq!(out.completion, Completion::Normal, "program: {source}\nprinted: {:?}", out.printed);
    out.printed
}

/// A ticker: `ticker(n)` logs t1..tn, one per job, then prints the log.
const TICKER: &str = r#"var log = [];
function ticker(n) { var p = Promise.resolve(); for (let i = 1; i <= n; i++) p = p.then(() => log.push("t" + i)); p.then(() => print(log.join(","))); }
"#;

fn with_ticker(body: &str) -> String {
    format!("{TICKER}{body}")
}

/// Promise.all settles in as many jobs as node: plain values, settled promises, a rejection, thenables calling back at once or a job later.
const ALL_TICKS: &str = r#"Promise.all([1, Promise.resolve(2)]).then(v => log.push("all " + v));
Promise.all([]).then(v => log.push("all empty " + v.length));
Promise.all([Promise.reject(1), 2]).then(v => log.push("all ok"), e => log.push("all rej " + e));
Promise.all([{ then(r) { log.push("sync thenable"); r("T"); } }, 1]).then(v => log.push("all thenable " + v));
Promise.all([{ then(r) { log.push("late thenable"); Promise.resolve().then(() => r("late")); } }, Promise.resolve(3)]).then(v => log.push("all late " + v));
ticker(8);"#;

#[test]
fn all_settles_in_node_job_order() {
    let expected = [
        "all empty 0,sync thenable,late thenable,t1,all 1,2,all rej 1,t2,all thenable T,1,t3,all late late,3,t4,t5,t6,t7,t8",
    ];
    assert_eq!(lines(&with_ticker(ALL_TICKS)), expected);
}

/// allSettled, any and race, empty iterables included (any rejects with an AggregateError at once, race never settles).
const SETTLED_ANY_RACE_TICKS: &str = r#"Promise.allSettled([1, Promise.reject("x"), Promise.resolve(3)]).then(v => log.push(JSON.stringify(v)));
Promise.allSettled([]).then(v => log.push("settled empty " + JSON.stringify(v)));
Promise.any([Promise.reject(1), Promise.resolve(2), 3]).then(v => log.push("any " + v));
Promise.any([Promise.reject(1), Promise.reject(2)]).catch(e => log.push("any " + e.constructor.name + " " + e.errors + " " + (e instanceof AggregateError) + " " + Object.keys(e)));
Promise.any([]).catch(e => log.push("any empty " + e.name + " " + e.errors.length));
Promise.race([new Promise(() => {}), Promise.resolve(2), 1]).then(v => log.push("race " + v));
Promise.race([]).then(v => log.push("race never"));
Promise.race([Promise.reject("r"), 1]).then(v => log.push("race " + v), e => log.push("race rej " + e));
ticker(8);"#;

#[test]
fn all_settled_any_and_race_settle_in_node_job_order() {
    let expected = [
        "settled empty [],any empty AggregateError 0,t1,[{\"status\":\"fulfilled\",\"value\":1},{\"status\":\"rejected\",\"reason\":\"x\"},{\"status\":\"fulfilled\",\"value\":3}],any 2,any AggregateError 1,2 true ,race 2,race rej r,t2,t3,t4,t5,t6,t7,t8",
    ];
    assert_eq!(lines(&with_ticker(SETTLED_ANY_RACE_TICKS)), expected);
}

/// The four combinators over the same promises, beside their own reactions and nested combinators.
const INTERLEAVED: &str = r#"var ps = [1, 2, 3, 4].map(i => i % 2 ? Promise.resolve(i) : Promise.reject(i));
Promise.allSettled(ps).then(() => log.push("settled"));
Promise.all(ps).catch(e => log.push("all rej " + e));
Promise.any(ps).then(v => log.push("any " + v));
Promise.race(ps).then(v => log.push("race " + v));
ps.forEach((p, i) => p.then(() => log.push("p" + i), () => log.push("r" + i)));
Promise.all([Promise.all([1, Promise.all([2])]), Promise.race([Promise.any([3]), 4])]).then(v => log.push("nested " + JSON.stringify(v)));
ticker(12);"#;

#[test]
fn combinators_interleave_with_reactions_like_node() {
    let expected =
        ["p0,r1,p2,r3,t1,settled,all rej 2,any 1,race 1,t2,t3,nested [[1,[2]],4],t4,t5,t6,t7,t8,t9,t10,t11,t12"];
    assert_eq!(lines(&with_ticker(INTERLEAVED)), expected);
}

/// Promise.prototype.finally: thenFinally and catchFinally go through PromiseResolve and one more `then` (27.2.5.3), so the result settles several jobs after the handler runs; a non-callable argument passes through.
const FINALLY_TICKS: &str = r#"Promise.resolve(1).finally(() => log.push("a")).then(v => log.push("a after " + v));
Promise.reject(2).finally(() => log.push("b")).catch(v => log.push("b after " + v));
Promise.resolve(3).finally(() => { log.push("c"); return Promise.resolve(9); }).then(v => log.push("c after " + v));
Promise.resolve(4).finally(() => { throw "boom"; }).catch(v => log.push("d after " + v));
Promise.resolve(5).finally(() => Promise.reject("nope")).catch(v => log.push("e after " + v));
Promise.resolve(6).finally(5).then(v => log.push("f after " + v));
Promise.reject(7).finally().catch(v => log.push("g after " + v));
Promise.resolve(8).finally(function () { "use strict"; log.push("h args " + arguments.length + " this " + this); });
Promise.resolve("v").finally(() => log.push("i1")).finally(() => log.push("i2")).then(v => log.push("i end " + v));
Promise.reject("e").finally(() => { log.push("j"); return { then(r) { log.push("j thenable"); r(1); } }; }).catch(e => log.push("j end " + e));
ticker(14);"#;

#[test]
fn finally_takes_as_many_jobs_as_node() {
    let expected = [
        "a,b,c,h args 0 this undefined,i1,j,t1,d after boom,f after 6,g after 7,j thenable,t2,t3,a after 1,b after 2,c after 3,e after nope,i2,t4,j end e,t5,t6,i end v,t7,t8,t9,t10,t11,t12,t13,t14",
    ];
    assert_eq!(lines(&with_ticker(FINALLY_TICKS)), expected);
}

/// finally invokes `then` (so a patched `then` sees every call, its closures included) and works on any object with a `then`.
const FINALLY_THEN_CALLS: &str = r#"var origThen = Promise.prototype.then; var calls = 0;
Promise.prototype.then = function (a, b) { calls++; return origThen.call(this, a, b); };
Promise.resolve(1).finally(() => 2).then(v => { log.push("v " + v + " calls " + calls); Promise.prototype.then = origThen; });
var th = { then(a, b) { log.push("th.then " + typeof a + " " + typeof b + " " + a.length + " " + JSON.stringify(a.name)); a("x"); }, constructor: Promise };
log.push("generic " + typeof Promise.prototype.finally.call(th, () => log.push("fin")));
try { Promise.prototype.finally.call(1); } catch (e) { log.push("primitive " + e.constructor.name); }
try { Promise.prototype.finally.call({}); } catch (e) { log.push("no then " + e.constructor.name); }
ticker(8);"#;

#[test]
fn finally_invokes_then_on_any_object() {
    let expected = [
        "th.then function function 1 \"\",fin,generic undefined,primitive TypeError,no then TypeError,t1,t2,t3,v 1 calls 14,t4,t5,t6,t7,t8",
    ];
    assert_eq!(lines(&with_ticker(FINALLY_THEN_CALLS)), expected);
}

/// Each element goes through `C.resolve` with C as `this`, then through Invoke(nextPromise, "then") with the element functions or the capability's functions (all length 1, anonymous).
const PATCHED_RESOLVE_AND_THEN: &str = r#"var orig = Promise.resolve;
Promise.resolve = function (v) { log.push("resolve " + v + " this " + (this === Promise)); return orig.call(this, v); };
Promise.all([1, 2]).then(v => log.push("all " + v));
Promise.race([3]).then(v => log.push("race " + v));
Promise.any([4]).then(v => log.push("any " + v));
Promise.allSettled([5]).then(v => log.push("settled " + v.length));
Promise.resolve = orig;
var origThen = Promise.prototype.then;
Promise.prototype.then = function (a, b) { log.push("then " + typeof a + " " + typeof b + " " + (a && a.length) + " " + JSON.stringify(a && a.name)); return origThen.call(this, a, b); };
Promise.all([1]); Promise.allSettled([1]); Promise.any([1]); Promise.race([1]);
Promise.prototype.then = origThen;
ticker(8);"#;

#[test]
fn combinators_call_resolve_and_then_as_patched() {
    let expected = [
        "resolve 1 this true,resolve 2 this true,resolve 3 this true,resolve 4 this true,resolve 5 this true,then function function 1 \"\",then function function 1 \"\",then function function 1 \"\",then function function 1 \"\",t1,all 1,2,race 3,any 4,settled 1,t2,t3,t4,t5,t6,t7,t8",
    ];
    assert_eq!(lines(&with_ticker(PATCHED_RESOLVE_AND_THEN)), expected);
}

/// GetPromiseResolve reads `C.resolve` once, before the iterable is even asked for its iterator; a non-callable one rejects without iterating.
const RESOLVE_READ_ONCE: &str = r#"var reads = 0; var orig = Promise.resolve;
Object.defineProperty(Promise, "resolve", { get() { reads++; log.push("get resolve"); return function (v) { log.push("r " + v); return { then(f) { log.push("then " + v); f(v * 10); } }; }; }, configurable: true });
function* g() { log.push("g start"); yield 1; log.push("g mid"); yield 2; log.push("g end"); }
Promise.all(g()).then(v => log.push("all " + v + " reads " + reads));
Object.defineProperty(Promise, "resolve", { value: 5 });
var it = { [Symbol.iterator]() { log.push("iterator read"); return { next() { return { done: false, value: 1 }; } }; } };
Promise.all(it).then(null, e => log.push("not callable " + e.constructor.name));
Object.defineProperty(Promise, "resolve", { value: orig });
ticker(6);"#;

#[test]
fn resolve_is_read_once_before_iterating() {
    let expected = [
        "get resolve,g start,r 1,then 1,g mid,r 2,then 2,g end,all 10,20 reads 1,not callable TypeError,t1,t2,t3,t4,t5,t6",
    ];
    assert_eq!(lines(&with_ticker(RESOLVE_READ_ONCE)), expected);
}

/// An abrupt completion after the iterator was obtained closes it (IteratorClose, whose own throw or bad result is dropped) and rejects the promise.
const ITERATOR_CLOSE: &str = r#"function mk(label) { var i = 0; return { [Symbol.iterator]() { return { next() { i++; log.push(label + " next " + i); return { done: i > 3, value: i }; }, return() { log.push(label + " return"); return {}; } }; } }; }
var orig = Promise.resolve;
Promise.resolve = function (v) { if (v === 2) throw "resolve throws"; return orig.call(this, v); };
Promise.all(mk("a")).catch(e => log.push("a rej " + e));
Promise.allSettled(mk("b")).catch(e => log.push("b rej " + e));
Promise.any(mk("c")).catch(e => log.push("c rej " + e));
Promise.race(mk("d")).catch(e => log.push("d rej " + e));
Promise.resolve = orig;
var bad = Promise.resolve(1); Object.defineProperty(bad, "then", { get() { throw "then getter"; } });
Promise.all({ [Symbol.iterator]() { var done = false; return { next() { var r = { done, value: bad }; done = true; return r; }, return() { log.push("e return"); return 7; } }; } }).catch(e => log.push("e rej " + e));
var np = Promise.resolve(1); np.then = 3;
Promise.race({ [Symbol.iterator]() { return { next() { return { done: false, value: np }; }, return() { log.push("f return"); throw "x"; } }; } }).catch(e => log.push("f rej " + e.constructor.name));
ticker(5);"#;

#[test]
fn abrupt_completions_close_the_iterator() {
    let expected = [
        "a next 1,a next 2,a return,b next 1,b next 2,b return,c next 1,c next 2,c return,d next 1,d next 2,d return,e return,f return,a rej resolve throws,b rej resolve throws,c rej resolve throws,d rej resolve throws,e rej then getter,f rej TypeError,t1,t2,t3,t4,t5",
    ];
    assert_eq!(lines(&with_ticker(ITERATOR_CLOSE)), expected);
}

/// A throwing `next`, `done` or `value` leaves the iterator done, so it is not closed; a non-iterable rejects.
const ITERATOR_NOT_CLOSED: &str = r#"Promise.all({ [Symbol.iterator]() { return { next() { throw "next throws"; }, return() { log.push("never a"); return {}; } }; } }).catch(e => log.push("a " + e));
Promise.any({ [Symbol.iterator]() { return { next() { return { get done() { throw "done throws"; } }; }, return() { log.push("never b"); return {}; } }; } }).catch(e => log.push("b " + e));
Promise.allSettled({ [Symbol.iterator]() { return { next() { return { done: false, get value() { throw "value throws"; } }; }, return() { log.push("never c"); return {}; } }; } }).catch(e => log.push("c " + e));
Promise.race(5).catch(e => log.push("d " + e.constructor.name));
Promise.all({ [Symbol.iterator]: 1 }).catch(e => log.push("e " + e.constructor.name));
Promise.all({ [Symbol.iterator]() { return 1; } }).catch(e => log.push("f " + e.constructor.name));
ticker(5);"#;

#[test]
fn abrupt_steps_do_not_close_the_iterator() {
    let expected = ["a next throws,b done throws,c value throws,d TypeError,e TypeError,f TypeError,t1,t2,t3,t4,t5"];
    assert_eq!(lines(&with_ticker(ITERATOR_NOT_CLOSED)), expected);
}

/// Resolve and reject element functions: anonymous, length 1, not constructors, each called once (an allSettled pair shares its flag), filling their own index.
const ELEMENT_FUNCTIONS: &str = r#"var captured = []; var th = { then(f, r) { captured.push(f, r); } };
var orig = Promise.resolve; Promise.resolve = function (v) { return v === 1 ? orig.call(this, v) : v; };
Promise.all([th, th]).then(v => log.push("all " + v));
Promise.allSettled([th]).then(v => log.push("settled " + JSON.stringify(v)));
Promise.any([th]).catch(e => log.push("any " + e.errors));
Promise.all([th, 1, th]).then(v => log.push("all2 " + v));
Promise.resolve = orig;
var f = captured[0];
print(captured.length, typeof f, f.length, JSON.stringify(f.name), f.hasOwnProperty("prototype"), Object.getOwnPropertyNames(f).join(), captured[1] === captured[3], captured[1].length, Object.getPrototypeOf(f) === Function.prototype, f === captured[2]);
try { new f(1); } catch (e) { print("new", e.constructor.name); }
print(f("x"), f("y"), captured[2]("z"));
print(captured[4]("s1"), captured[5]("s2"));
print(captured[6]("a1"), captured[7]("a2"));
captured[10]("second"); captured[8]("first");
ticker(6);"#;

#[test]
fn element_functions_are_called_once_each() {
    let expected = [
        "12 function 1 \"\" false length,name true 1 true false",
        "new TypeError",
        "undefined undefined undefined",
        "undefined undefined",
        "undefined undefined",
        "all x,z,settled [{\"status\":\"fulfilled\",\"value\":\"s1\"}],t1,all2 first,1,second,t2,t3,t4,t5,t6",
    ];
    assert_eq!(lines(&with_ticker(ELEMENT_FUNCTIONS)), expected);
}

/// Element functions called synchronously inside `then`, before iteration ends: the count starts at 1, so nothing settles early.
const ELEMENT_CALLED_IN_THEN: &str = r#"var orig = Promise.resolve;
Promise.resolve = function (v) { return { then(f, r) { f(v); f("again"); } }; };
Promise.all([1, 2, 3]).then(v => log.push("all " + v));
Promise.allSettled([1, 2]).then(v => log.push("settled " + JSON.stringify(v)));
Promise.any([1]).then(v => log.push("any " + v));
Promise.resolve = orig;
ticker(4);"#;

#[test]
fn element_functions_called_during_iteration() {
    let expected = [
        "all 1,2,3,settled [{\"status\":\"fulfilled\",\"value\":1},{\"status\":\"fulfilled\",\"value\":2}],any 1,t1,t2,t3,t4",
    ];
    assert_eq!(lines(&with_ticker(ELEMENT_CALLED_IN_THEN)), expected);
}

/// `this` is C for NewPromiseCapability: any constructor works (its executor is an anonymous built-in of length 2 that refuses a second set of functions); a non-constructor throws.
const OTHER_CONSTRUCTORS: &str = r#"function Fake(ex) { ex(v => { log.push("fake resolve " + v); return "RV"; }, e => { log.push("fake reject " + e.constructor.name + " " + e.errors); return "EV"; }); }
Fake.resolve = function (v) { return { then(f, r) { log.push("ret " + f(v)); } }; };
var r = Promise.all.call(Fake, [1, 2]); log.push("is Fake " + (r instanceof Fake));
Promise.race.call(Fake, [7]); Promise.any.call(Fake, []); Promise.allSettled.call(Fake, [8]);
print(log.join());
for (var c of [undefined, {}, Math.max, () => {}]) { try { Promise.all.call(c, []); } catch (e) { print("this", typeof c, e.constructor.name); } }
function Twice(ex) { ex(function () {}, function () {}); ex(1, 2); }
try { Promise.resolve.call(Twice, 1); } catch (e) { print("twice", e.constructor.name); }
function Late(ex) { ex(undefined, undefined); ex(function () {}, function () {}); this.ok = true; }
print("late", Promise.resolve.call(Late, 1).ok);
function NoReject(ex) { ex(function () {}); }
try { Promise.reject.call(NoReject, 1); } catch (e) { print("no reject", e.constructor.name); }
var executor; function Keep(e) { executor = e; e(function () {}, function () {}); }
Promise.race.call(Keep, []);
print(typeof executor, executor.length, JSON.stringify(executor.name), executor.hasOwnProperty("prototype"));"#;

#[test]
fn combinators_use_any_constructor_as_c() {
    let expected = [
        "ret undefined,ret undefined,fake resolve 1,2,is Fake true,fake resolve 7,ret RV,fake reject AggregateError ,ret undefined,fake resolve [object Object]",
        "this undefined TypeError",
        "this object TypeError",
        "this function TypeError",
        "this function TypeError",
        "twice TypeError",
        "late true",
        "no reject TypeError",
        "function 2 \"\" false",
    ];
    assert_eq!(lines(&with_ticker(OTHER_CONSTRUCTORS)), expected);
}

/// A Promise subclass: the statics and `finally` construct through it, every construction observable.
const SUBCLASS: &str = r#"var made = 0;
class MyP extends Promise { constructor(ex) { made++; log.push("MyP " + made); super(ex); } }
var p = MyP.all([1, MyP.resolve(2), Promise.resolve(3)]); log.push("all is MyP " + (p instanceof MyP));
p.then(v => log.push("all " + v));
MyP.race([4]).then(v => log.push("race " + v));
var q = MyP.resolve(5).finally(() => log.push("fin")); log.push("finally is MyP " + (q instanceof MyP));
q.then(v => log.push("v " + v));
ticker(10);"#;

#[test]
fn subclass_combinators_and_finally_construct_the_subclass() {
    let expected = [
        "MyP 1,MyP 2,MyP 3,MyP 4,MyP 5,MyP 6,MyP 7,all is MyP true,MyP 8,MyP 9,MyP 10,MyP 11,MyP 12,MyP 13,MyP 14,finally is MyP true,MyP 15,fin,MyP 16,MyP 17,t1,race 4,MyP 18,t2,t3,all 1,2,3,v 5,t4,t5,t6,t7,t8,t9,t10",
    ];
    assert_eq!(lines(&with_ticker(SUBCLASS)), expected);
}

/// `then` and `finally` use SpeciesConstructor: the subclass, %Promise% for an undefined constructor or one not derived from a species-bearing intrinsic, a TypeError otherwise.
const SPECIES: &str = r#"class MyP extends Promise {}
var p = new MyP(r => r(1)); var q = p.then(x => x + 1);
print(q instanceof MyP, Object.getPrototypeOf(q) === MyP.prototype);
p.constructor = undefined; print("undefined", p.then() instanceof MyP, p.then().constructor === Promise);
p.constructor = function () {}; print("plain function", p.then().constructor === Promise);
p.constructor = 5; try { p.then(); } catch (e) { print("number then", e.constructor.name); } try { p.finally(); } catch (e) { print("number finally", e.constructor.name); }
p.constructor = Object.create(Promise); try { p.then(); } catch (e) { print("not a constructor", e.constructor.name); }
p.constructor = Array; try { p.then(); } catch (e) { print("array", e.constructor.name); }
function F(ex) { ex(() => {}, () => {}); } Object.setPrototypeOf(F, Promise); p.constructor = F;
var t = p.then(); print("inherits", t instanceof F, t instanceof Promise);"#;

#[test]
fn then_and_finally_use_the_species_constructor() {
    let expected = [
        "true true",
        "undefined false true",
        "plain function true",
        "number then TypeError",
        "number finally TypeError",
        "not a constructor TypeError",
        "array TypeError",
        "inherits true false",
    ];
    assert_eq!(lines(&with_ticker(SPECIES)), expected);
}

/// AggregateError (20.5.7): constructor, prototype chain, own `errors` from any iterable after `message` and `cause`, subclassing, and the one Promise.any makes.
const AGGREGATE_ERROR: &str = r#"print(typeof Promise.all, Promise.all.length, Promise.all.name, Promise.allSettled.name, Promise.any.length, Promise.race.name, Promise.prototype.finally.length, Promise.prototype.finally.name);
print(AggregateError.length, AggregateError.name, Object.getPrototypeOf(AggregateError) === Error, Object.getPrototypeOf(AggregateError.prototype) === Error.prototype, AggregateError.prototype.name, JSON.stringify(AggregateError.prototype.message));
var e = new AggregateError([1, 2], "msg", { cause: "c" }); print(e.message, e.errors, e.cause, e instanceof Error, String(e), Object.prototype.toString.call(e));
var e2 = AggregateError(new Set([3])); print(e2.errors, Object.getPrototypeOf(e2) === AggregateError.prototype, "message" in e2, e2.hasOwnProperty("message"));
var d = Object.getOwnPropertyDescriptor(e2, "errors"); print(d.enumerable, d.writable, d.configurable);
try { new AggregateError(); } catch (x) { print("not iterable", x.constructor.name); }
var order = [];
try { new AggregateError({ [Symbol.iterator]() { order.push("iter"); throw 1; } }, { toString() { order.push("msg"); return "m"; } }, { get cause() { order.push("cause"); return 1; } }); } catch (x) { print(order, x); }
class Sub extends AggregateError { constructor() { super([1], "sub"); } }
var s = new Sub(); print(s instanceof Sub, s instanceof AggregateError, s.errors, s.message, s.name);
print(Object.getOwnPropertyNames(AggregateError.prototype).join(), AggregateError.prototype.constructor === AggregateError);
Promise.any([Promise.reject(1)]).catch(e => print(Object.getPrototypeOf(e) === AggregateError.prototype, Object.getOwnPropertyDescriptor(e, "errors").enumerable, Array.isArray(e.errors), e.errors));"#;

#[test]
fn aggregate_error_is_a_native_error_with_errors() {
    let expected = [
        "function 1 all allSettled 1 race 1 finally",
        "2 AggregateError true true AggregateError \"\"",
        "msg 1,2 c true AggregateError: msg [object Error]",
        "3 true true false",
        "false true true",
        "not iterable TypeError",
        "msg,cause,iter 1",
        "true true 1 sub AggregateError",
        "constructor,name,message true",
        "true false true 1",
    ];
    assert_eq!(lines(&with_ticker(AGGREGATE_ERROR)), expected);
}

/// Combinators awaited in async functions, and closures over loop bindings and counters settling through them.
const ASYNC_CLOSURES: &str = r#"async function f(x) { await null; log.push("f" + x); return x * 2; }
async function main() {
  var r = await Promise.all([f(1), f(2), 3]); log.push("main " + r);
  var s = await Promise.allSettled([f(3), Promise.reject(4)]); log.push("s " + s.map(o => o.status));
  try { await Promise.any([Promise.reject(5)]); } catch (e) { log.push("any " + e.errors); }
  var w = await Promise.race([f(9), new Promise(r => r(10))]); log.push("w " + w);
}
main().finally(() => log.push("main done"));
var fns = []; for (let i = 0; i < 3; i++) fns.push(() => new Promise(r => Promise.resolve().then(() => r(i))));
Promise.all(fns.map(g => g())).then(v => log.push("all " + v)).finally(() => log.push("fin"));
var counter = 0; function make() { let mine = ++counter; return Promise.resolve(mine).finally(() => log.push("mine " + mine + " counter " + counter)); }
Promise.allSettled([make(), make(), Promise.reject(counter)]).then(v => log.push(JSON.stringify(v)));
counter = 100;
ticker(25);"#;

#[test]
fn combinators_with_async_functions_and_closures() {
    let expected = [
        "f1,f2,mine 1 counter 100,mine 2 counter 100,t1,t2,main 2,4,3,all 0,1,2,t3,f3,fin,t4,[{\"status\":\"fulfilled\",\"value\":1},{\"status\":\"fulfilled\",\"value\":2},{\"status\":\"rejected\",\"reason\":2}],t5,s fulfilled,rejected,t6,t7,any 5,t8,f9,t9,w 10,t10,main done,t11,t12,t13,t14,t15,t16,t17,t18,t19,t20,t21,t22,t23,t24,t25",
    ];
    assert_eq!(lines(&with_ticker(ASYNC_CLOSURES)), expected);
}

/// The prototype's own keys in node's order (the statics stay refused while `withResolvers` and
/// `try` are missing).
#[test]
fn promise_prototype_keys_are_in_order() {
    let src = "print(Object.getOwnPropertyNames(Promise.prototype).join()); Object.getOwnPropertyNames(Promise);";
    let out = run(src, &Limits::default());
    assert_eq!(out.printed, ["constructor,then,catch,finally"]);
    assert_eq!(out.completion, Completion::Unsupported("Promise.withResolvers".into()));
}

/// An uncaught AggregateError is named like the other native errors.
#[test]
fn uncaught_aggregate_error_is_named() {
    let out = run("print(1); throw new AggregateError([new TypeError('x')], 'none');", &Limits::default());
    assert_eq!(out.printed, ["1"]);
    assert_eq!(out.completion, Completion::Threw { constructor: "AggregateError".into() });
}

/// Closing an array iterator that a loop or a combinator walks directly: a `return` method the
/// program put on its prototype chain would be called with an iterator object that does not exist
/// here, so the program is refused rather than run without the call.
#[test]
fn an_inherited_return_on_array_iterators_is_refused() {
    for src in [
        "Object.prototype.return = function () { return {}; }; for (var x of [1, 2]) break;",
        "Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())).return = function () { return {}; };
         Promise.resolve = function () { throw 1; }; Promise.all([1]);",
        "Object.prototype.return = function () { return {}; }; for (var c of 'ab') break;",
    ] {
        let out = run(src, &Limits::default());
        assert!(matches!(out.completion, Completion::Unsupported(_)), "{src}: {:?}", out.completion);
    }
    // Without one, or once the iterator is done, nothing is refused.
    for src in [
        "for (var x of [1, 2]) break; for (var c of 'ab') break;",
        "Object.prototype.return = function () { return {}; }; for (var x of [1, 2]); var [a, b, c] = 'ab'; print(a + b);",
    ] {
        assert_eq!(run(src, &Limits::default()).completion, Completion::Normal, "{src}");
    }
}
