//! Subclassing built-in constructors: `super(...)` reaches the built-in with the subclass as
//! newTarget, and the object it makes gets the subclass's prototype (GetPrototypeFromConstructor).
//! Expected output recorded from node (V8).

use interpreter::{run, Completion, Limits};

fn lines(source: &str) -> Vec<String> {
    let out = run(source, &Limits::default());
    assert_eq!(out.completion, Completion::Normal, "program: {source}\nprinted: {:?}", out.printed);
    out.printed
}

const PROGRAM: &str = r#"
var P = typeof print === 'function' ? print : console.log;
function chk(name, C, args) {
  try {
    class D extends C { constructor(...a) { super(...a); this.tag = 1; } m() { return 'm'; } }
    var d = new D(...args);
    P(name, d instanceof D, d instanceof C, Object.getPrototypeOf(d) === D.prototype, d.m(), d.tag);
  } catch (e) { P(name, 'threw', e.constructor.name); }
  try {
    class E extends C {}
    var e = new E(...args);
    P(name, 'implicit', e instanceof E, Object.getPrototypeOf(e) === E.prototype);
  } catch (e) { P(name, 'implicit threw', e.constructor.name); }
}
chk('Array', Array, [1, 2, 3]);
chk('String', String, ['ab']);
chk('Number', Number, [5]);
chk('Boolean', Boolean, [true]);
chk('Object', Object, [{a:1}]);
chk('Function', Function, ['return 7']);
chk('Error', Error, ['msg']);
chk('TypeError', TypeError, ['msg']);
chk('RangeError', RangeError, ['msg']);
chk('Map', Map, [[[1,2]]]);
chk('Set', Set, [[1,2]]);
chk('WeakMap', WeakMap, []);
chk('WeakSet', WeakSet, []);
chk('Promise', Promise, [function(r){r(1)}]);
chk('WeakRef', WeakRef, [{}]);
chk('FinalizationRegistry', FinalizationRegistry, [function(){}]);
chk('Symbol', Symbol, []);
class A extends Array {}
var a = new A(); a.push(1,2); P(a.length, Array.isArray(a), a instanceof A, String(a), A.isArray === Array.isArray);
var a3 = new A(3); P(a3.length);
class S extends String {}
var s = new S('xyz'); P(s.length, s[1], s + '!', s instanceof S, typeof s);
class N extends Number {}
var n = new N(4); P(n + 1, n instanceof N, n.valueOf());
class B extends Boolean {}
P(new B(false) instanceof B, new B(0).valueOf());
class O extends Object { constructor() { super(); } }
P(new O() instanceof O);
class F extends Function {}
var f = new F('a', 'return a * 2'); P(f(3), f instanceof F, typeof f);
class Er extends TypeError { constructor(m) { super(m); this.name = 'Er'; } }
var er = new Er('bad'); P(er instanceof Er, er instanceof TypeError, er.message, String(er));
class M extends Map {}
var m = new M([[1, 'a']]); P(m.get(1), m.size, m instanceof M);
class Pr extends Promise {}
var p = new Pr(function(r) { r(3); }); P(p instanceof Pr);
var cnt = 0;
class C extends Array { constructor(...a) { super(...a); cnt++; } }
var c = new C(1, 2, 3, 4);
var m2 = c.map(function (x) { return x * 2; });
P(m2 instanceof C, String(m2), m2.length, cnt);
var f2 = c.filter(function (x) { return x % 2; });
P(f2 instanceof C, String(f2), f2.length, cnt);
var s2 = c.slice(1, 3); P(s2 instanceof C, String(s2), cnt);
var sp = c.splice(0, 1); P(sp instanceof C, String(sp), String(c), cnt);
var cc = c.concat([9]); P(cc instanceof C, String(cc), cnt);
var plain = [1, 2]; plain.constructor = function () { return {}; };
P(plain.map(function (x) { return x; }) instanceof Array);
plain.constructor = 5;
try { plain.map(function (x) { return x; }); } catch (e) { P('species', e.constructor.name); }
plain.constructor = undefined;
P(Array.isArray(plain.slice()));
var w = [1]; w.constructor = Object.create(Array);
try { w.map(function (x) { return x; }); } catch (e) { P('species2', e.constructor.name); }
class E2 extends Error {}
var e2 = new E2('boom'); P(e2 instanceof E2, e2 instanceof Error, e2.message, String(e2), Object.prototype.toString.call(e2));
class RE extends RangeError {}
P(new RE('x') instanceof RangeError, Object.getPrototypeOf(RE.prototype) === RangeError.prototype);
class Ob extends Object { constructor(v) { super(v); } }
var ob = new Ob(5); P(typeof ob, ob instanceof Ob, ob instanceof Number);
class St extends Set { constructor(x) { super(x); } }
var st = new St([1, 2, 2]); P(st.size, st.has(2), st instanceof St);
function Ctor() {} 
class AA extends Array {}
var bound = AA.bind(null);
var bb = new bound(2); P(bb instanceof AA, bb.length);
P(String(new String('q')), Object.getPrototypeOf(new Boolean(1)) === Boolean.prototype, Array(2).length, Object.getPrototypeOf(Function('return 1')) === Function.prototype);
class Fn2 extends Function { constructor() { super('return this'); } }
var fn2 = new Fn2(); P(fn2 instanceof Fn2, typeof fn2.call);
"#;

#[test]
fn builtin_constructors_honour_new_target() {
    let expected = [
        "Array true true true m 1",
        "Array implicit true true",
        "String true true true m 1",
        "String implicit true true",
        "Number true true true m 1",
        "Number implicit true true",
        "Boolean true true true m 1",
        "Boolean implicit true true",
        "Object true true true m 1",
        "Object implicit true true",
        "Function true true true m 1",
        "Function implicit true true",
        "Error true true true m 1",
        "Error implicit true true",
        "TypeError true true true m 1",
        "TypeError implicit true true",
        "RangeError true true true m 1",
        "RangeError implicit true true",
        "Map true true true m 1",
        "Map implicit true true",
        "Set true true true m 1",
        "Set implicit true true",
        "WeakMap true true true m 1",
        "WeakMap implicit true true",
        "WeakSet true true true m 1",
        "WeakSet implicit true true",
        "Promise true true true m 1",
        "Promise implicit true true",
        "WeakRef true true true m 1",
        "WeakRef implicit true true",
        "FinalizationRegistry true true true m 1",
        "FinalizationRegistry implicit true true",
        "Symbol threw TypeError",
        "Symbol implicit threw TypeError",
        "2 true true 1,2 true",
        "3",
        "3 y xyz! true object",
        "5 true 4",
        "true false",
        "true",
        "6 true function",
        "true true bad Er: bad",
        "a 1 true",
        "true",
        "true 2,4,6,8 4 2",
        "true 1,3 2 3",
        "true 2,3 4",
        "true 1 2,3,4 5",
        "true 2,3,4,9 6",
        "true",
        "species TypeError",
        "true",
        "species2 TypeError",
        "true true boom Error: boom [object Error]",
        "true true",
        "object true false",
        "2 true true",
        "true 2",
        "q true 2 true",
        "true function",
    ];
    assert_eq!(lines(PROGRAM), expected);
}

#[test]
fn promise_subclass_methods_construct_through_the_species() {
    // Promise.prototype.then and finally construct their result through SpeciesConstructor (the
    // subclass itself: %Promise%'s @@species accessor returns its receiver), and the statics
    // through `this`: every construction runs the subclass constructor. Expected output from node.
    let src = r#"var made = 0;
class P extends Promise { constructor(executor) { made++; super(executor); } }
var p = new P(function (r) { r(1); });
var q = p.then(function (v) { print("then " + v + " made " + made); return v + 1; });
print(q instanceof P, made);
q.finally(function () { print("finally made " + made); }).then(function (v) { print("after " + v + " " + made); });
P.all([p, 2]).then(function (v) { print("all " + v + " " + made); });"#;
    let out = run(src, &Limits::default());
    assert_eq!(out.printed, ["true 2", "then 1 made 9", "finally made 9", "all 1,2 11", "after 2 12"]);
    assert!(matches!(out.completion, Completion::Normal), "{:?}", out.completion);
}
