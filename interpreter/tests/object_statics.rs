//! Object's static functions (20.1.2): integrity levels, prototypes, assign/entries/values/
//! fromEntries/getOwnPropertyDescriptors/groupBy/is/hasOwn, through closures. Every expected
//! output is what node 20 prints for the same program, except `Object.groupBy` (ES2024, absent
//! from node 20), checked against JavaScriptCore and QuickJS.

use interpreter::{run, Completion, Limits};

fn lines(source: &str) -> Vec<String> {
    let out = run(source, &Limits::default());
    assert_eq!(out.completion, Completion::Normal, "program: {source}\nprinted: {:?}", out.printed);
    out.printed
}

fn refused(source: &str, feature: &str) {
    match run(source, &Limits::default()).completion {
        Completion::Unsupported(f) => assert!(f.contains(feature), "{source}: refused as {f}"),
        other => panic!("{source}: expected Unsupported({feature}), got {other:?}"),
    }
}

/// A frozen module object keeps its closures working and ignores sloppy writes.
#[test]
fn mod_frozen_basic() {
    let src = r#"var M = (function () { var count = 0; return Object.freeze({ inc() { return ++count; }, get value() { return count; }, limit: 3 }); })();
M.inc(); M.inc();
M.limit = 10; M.extra = 1; delete M.inc;
print(M.value, M.limit, M.extra, typeof M.inc, Object.isFrozen(M), Object.isSealed(M), Object.isExtensible(M));"#;
    let expected: &[&str] = &["2 3 undefined function true true false"];
    assert_eq!(lines(src), expected);
}

#[test]
fn mod_sealed_write_add() {
    let src = r#"var make = function () { var hist = []; var api = Object.seal({ log: hist, v: 1, push(x) { hist.push(x); return api; } }); return api; };
var a = make();
a.push(1).push(2); a.v = 9; a.w = 1; delete a.v;
print(a.log.join(), a.v, a.w, Object.isSealed(a), Object.isFrozen(a), Object.keys(a).join());"#;
    let expected: &[&str] = &["1,2 9 undefined true false log,v,push"];
    assert_eq!(lines(src), expected);
}

#[test]
fn mod_pe_delete_ok() {
    let src = r#"var o = Object.preventExtensions({ a: 1, b: 2 });
delete o.a; o.c = 3; o.b = 20;
print(JSON.stringify(o), Object.isExtensible(o), Object.isSealed(o), Object.isFrozen(o));
delete o.b; print(Object.isSealed(o), Object.isFrozen(o));"#;
    let expected: &[&str] = &["{\"b\":20} false false false", "true true"];
    assert_eq!(lines(src), expected);
}

/// An inherited read-only property blocks the assignment but not defineProperty (10.1.9.2 step 2.a).
#[test]
fn frozen_inherited_override_sloppy() {
    let src = r#"var proto = Object.freeze({ x: 1, m() { return this.x; } });
var o = Object.create(proto);
o.x = 2;
print(o.x, o.m(), Object.prototype.hasOwnProperty.call(o, 'x'));
Object.defineProperty(o, 'x', { value: 3, writable: true, enumerable: true, configurable: true });
print(o.x, o.m());"#;
    let expected: &[&str] = &["1 1 false", "3 3"];
    assert_eq!(lines(src), expected);
}

/// A field defined on a frozen object returned by the base constructor throws (7.3.33 DefineField).
#[test]
fn class_field_on_frozen_return() {
    let src = r#"class A { constructor() { return Object.freeze({ tag: 'a' }); } }
class B extends A { g = 1; }
try { new B(); } catch (e) { print(e.constructor.name); }
class C extends A { constructor() { super(); print('after super'); } }
print(new C().tag);"#;
    let expected: &[&str] = &["TypeError", "after super", "a"];
    assert_eq!(lines(src), expected);
}

/// Private fields stay writable on a frozen instance.
#[test]
fn class_private_on_frozen_instance() {
    let src = r#"class Counter { #n = 0; inc() { return ++this.#n; } get n() { return this.#n; } }
var c = Object.freeze(new Counter());
c.inc(); c.inc();
print(c.n, Object.isFrozen(c));
var inc = c.inc.bind(c); inc(); print(c.n);"#;
    let expected: &[&str] = &["2 true", "3"];
    assert_eq!(lines(src), expected);
}

#[test]
fn assign_getters_order() {
    let src = r#"var log = [];
var src = { get b() { log.push('b'); return 2; }, get a() { log.push('a'); return 1; }, 2: 'two', 1: 'one' };
Object.defineProperty(src, 'hidden', { get() { log.push('hidden'); return 0; }, enumerable: false });
var t = Object.assign({}, src);
print(log.join(), JSON.stringify(t), Object.keys(t).join());"#;
    let expected: &[&str] = &["b,a {\"1\":\"one\",\"2\":\"two\",\"b\":2,\"a\":1} 1,2,b,a"];
    assert_eq!(lines(src), expected);
}

#[test]
fn assign_setters_on_target() {
    let src = r#"var log = [];
var target = { set x(v) { log.push('set x ' + v); }, get x() { return 'getter'; } };
var r = Object.assign(target, { x: 1 }, { x: 2 }, null, undefined, { y: 3 });
print(r === target, log.join('|'), r.x, r.y);"#;
    let expected: &[&str] = &["true set x 1|set x 2 getter 3"];
    assert_eq!(lines(src), expected);
}

#[test]
fn assign_symbols() {
    let src = r#"var s1 = Symbol('s1'), s2 = Symbol('s2');
var src = { [s2]: 'two', a: 1, [s1]: 'one' };
Object.defineProperty(src, Symbol('hidden'), { value: 3, enumerable: false });
var t = Object.assign({}, src);
print(t[s1], t[s2], Object.getOwnPropertySymbols(t).map(String).join());"#;
    let expected: &[&str] = &["one two Symbol(s2),Symbol(s1)"];
    assert_eq!(lines(src), expected);
}

#[test]
fn assign_symbol_getter_order() {
    let src = r#"var log = [];
var s = Symbol('s');
var src = { get [s]() { log.push('sym'); return 1; }, get z() { log.push('z'); return 2; }, get 0() { log.push('0'); return 3; } };
Object.assign({}, src);
print(log.join());"#;
    let expected: &[&str] = &["0,z,sym"];
    assert_eq!(lines(src), expected);
}

#[test]
fn assign_strings_sources() {
    let src = r#"var t = Object.assign({}, 'abc', 'de', 10, true, null, Symbol('x'));
print(JSON.stringify(t), Object.keys(t).join());"#;
    let expected: &[&str] = &["{\"0\":\"d\",\"1\":\"e\",\"2\":\"c\"} 0,1,2"];
    assert_eq!(lines(src), expected);
}

#[test]
fn assign_target_primitive() {
    let src = r#"var t = Object.assign(5, { a: 1 });
print(typeof t, t.a, t.valueOf());
var s = Object.assign('xy', { z: 1 });
print(typeof s, s.z, s.length);
try { Object.assign('xy', 'ab'); } catch (e) { print(e.constructor.name); }
try { Object.assign(null, {}); } catch (e) { print(e.constructor.name); }
try { Object.assign(undefined); } catch (e) { print(e.constructor.name); }"#;
    let expected: &[&str] = &["object 1 5", "object 1 2", "TypeError", "TypeError", "TypeError"];
    assert_eq!(lines(src), expected);
}

#[test]
fn assign_frozen_target_partial() {
    let src = r#"var t = Object.defineProperty({}, 'b', { value: 0, writable: false, enumerable: true });
var log = [];
var src = { get a() { log.push('a'); return 1; }, get b() { log.push('b'); return 2; }, get c() { log.push('c'); return 3; } };
try { Object.assign(t, src); } catch (e) { print(e.constructor.name); }
print(log.join(), t.a, t.b, t.c);"#;
    let expected: &[&str] = &["TypeError", "a,b 1 0 undefined"];
    assert_eq!(lines(src), expected);
}

/// The descriptor is read just before each key is copied (20.1.2.1 step 3.a.iii).
#[test]
fn assign_getter_deletes_later() {
    let src = r#"var src = { get a() { delete this.b; Object.defineProperty(this, 'c', { enumerable: false }); this.d = 4; return 1; }, b: 2, c: 3 };
var t = Object.assign({}, src);
print(JSON.stringify(t));"#;
    let expected: &[&str] = &["{\"a\":1}"];
    assert_eq!(lines(src), expected);
}

#[test]
fn assign_closure_accessors_copied_as_values() {
    let src = r#"var make = function () { var n = 0; return { get next() { return ++n; } }; };
var g = make();
var copy = Object.assign({}, g);
print(copy.next, copy.next, g.next, typeof Object.getOwnPropertyDescriptor(copy, 'next').get);"#;
    let expected: &[&str] = &["1 1 2 undefined"];
    assert_eq!(lines(src), expected);
}

#[test]
fn entries_integer_order() {
    let src = r#"var o = { b: 1, 10: 'ten', a: 2, 2: 'two', '-1': 'neg', '01': 'zero-one', 4294967294: 'max', 4294967295: 'over' };
print(JSON.stringify(Object.entries(o)));
print(Object.values(o).join());"#;
    let expected: &[&str] = &["[[\"2\",\"two\"],[\"10\",\"ten\"],[\"4294967294\",\"max\"],[\"b\",1],[\"a\",2],[\"-1\",\"neg\"],[\"01\",\"zero-one\"],[\"4294967295\",\"over\"]]", "two,ten,max,1,2,neg,zero-one,over"];
    assert_eq!(lines(src), expected);
}

#[test]
fn entries_getters_order() {
    let src = r#"var log = [];
var o = { get y() { log.push('y'); return 1; }, get 3() { log.push('3'); return 2; }, get x() { log.push('x'); delete o.z; return 3; }, z: 4 };
print(JSON.stringify(Object.entries(o)), log.join());"#;
    let expected: &[&str] = &["[[\"3\",2],[\"y\",1],[\"x\",3]] 3,y,x"];
    assert_eq!(lines(src), expected);
}

#[test]
fn entries_values_string() {
    let src = r#"print(JSON.stringify(Object.entries('hi')), JSON.stringify(Object.values('abc')));
print(JSON.stringify(Object.entries(5)), JSON.stringify(Object.values(true)));
try { Object.entries(null); } catch (e) { print(e.constructor.name); }
try { Object.values(); } catch (e) { print(e.constructor.name); }"#;
    let expected: &[&str] = &["[[\"0\",\"h\"],[\"1\",\"i\"]] [\"a\",\"b\",\"c\"]", "[] []", "TypeError", "TypeError"];
    assert_eq!(lines(src), expected);
}

#[test]
fn entries_nonenumerable_mid() {
    let src = r#"var o = { a: 1, get b() { Object.defineProperty(o, 'c', { enumerable: false }); return 2; }, c: 3 };
print(JSON.stringify(Object.values(o)));"#;
    let expected: &[&str] = &["[1,2]"];
    assert_eq!(lines(src), expected);
}

#[test]
fn fromentries_basic() {
    let src = r#"var o = Object.fromEntries([['a', 1], ['b', 2], ['a', 3], [1, 'one'], [Symbol.iterator, 'it']]);
print(JSON.stringify(o), Object.keys(o).join(), typeof o[Symbol.iterator]);"#;
    let expected: &[&str] = &["{\"1\":\"one\",\"a\":3,\"b\":2} 1,a,b string"];
    assert_eq!(lines(src), expected);
}

#[test]
fn fromentries_generator() {
    let src = r#"function* gen() { try { yield ['x', 1]; yield ['y', 2]; } finally { print('finally'); } }
print(JSON.stringify(Object.fromEntries(gen())));"#;
    let expected: &[&str] = &["finally", "{\"x\":1,\"y\":2}"];
    assert_eq!(lines(src), expected);
}

#[test]
fn fromentries_close_on_bad_entry() {
    let src = r#"var closed = 0;
var it = { [Symbol.iterator]() { var i = 0; return { next() { i++; return { done: i > 3, value: i === 2 ? 42 : ['k' + i, i] }; }, return() { closed++; return {}; } }; } };
try { Object.fromEntries(it); } catch (e) { print(e.constructor.name, closed); }"#;
    let expected: &[&str] = &["TypeError 1"];
    assert_eq!(lines(src), expected);
}

#[test]
fn fromentries_close_on_key_throw() {
    let src = r#"var log = [];
var it = { [Symbol.iterator]() { return { next() { return { done: false, value: [{ toString() { log.push('toString'); throw new RangeError('k'); } }, 1] }; }, return() { log.push('return'); return {}; } }; } };
try { Object.fromEntries(it); } catch (e) { print(e.constructor.name, log.join()); }"#;
    let expected: &[&str] = &["RangeError toString,return"];
    assert_eq!(lines(src), expected);
}

#[test]
fn fromentries_close_on_getter_throw() {
    let src = r#"var log = [];
var entry = { get 0() { log.push('get0'); return 'k'; }, get 1() { log.push('get1'); throw new SyntaxError('v'); } };
var it = { [Symbol.iterator]() { return { next() { log.push('next'); return { done: false, value: entry }; }, return() { log.push('return'); throw new Error('ignored'); } }; } };
try { Object.fromEntries(it); } catch (e) { print(e.constructor.name, log.join()); }"#;
    let expected: &[&str] = &["SyntaxError next,get0,get1,return"];
    assert_eq!(lines(src), expected);
}

#[test]
fn fromentries_errors() {
    let src = r#"try { Object.fromEntries(); } catch (e) { print(e.constructor.name); }
try { Object.fromEntries(null); } catch (e) { print(e.constructor.name); }
try { Object.fromEntries({}); } catch (e) { print(e.constructor.name); }
try { Object.fromEntries([1]); } catch (e) { print(e.constructor.name); }
try { Object.fromEntries(['ab']); } catch (e) { print(e.constructor.name); }
print(JSON.stringify(Object.fromEntries([])));"#;
    let expected: &[&str] = &["TypeError", "TypeError", "TypeError", "TypeError", "TypeError", "{}"];
    assert_eq!(lines(src), expected);
}

#[test]
fn is_zero_nan() {
    let src = r#"var mk = v => w => Object.is(v, w);
var isNegZero = mk(-0), isNaN_ = mk(NaN);
print(isNegZero(0), isNegZero(-0), isNaN_(NaN), isNaN_(0 / 0), mk(0)(-0), mk('a')('a'), mk({})({}));
print(Object.is(), Object.is(undefined), Object.is(null, undefined), Object.is(-0 * 1, 0 * -1));"#;
    let expected: &[&str] = &["false true true true false true false", "true true false true"];
    assert_eq!(lines(src), expected);
}

#[test]
fn hasown_basic() {
    let src = r#"var s = Symbol('s');
var o = Object.create({ inh: 1 }, { own: { value: 1 } });
o[s] = 1;
print(Object.hasOwn(o, 'own'), Object.hasOwn(o, 'inh'), Object.hasOwn(o, s), Object.hasOwn('abc', 1), Object.hasOwn('abc', 'length'), Object.hasOwn([1], 0), Object.hasOwn([1], 'length'));
try { Object.hasOwn(null, 'x'); } catch (e) { print(e.constructor.name); }"#;
    let expected: &[&str] = &["true false true true true true true", "TypeError"];
    assert_eq!(lines(src), expected);
}

#[test]
fn hasown_closure_guard() {
    let src = r#"var cache = Object.create(null);
var memo = f => x => Object.hasOwn(cache, x) ? cache[x] : (cache[x] = f(x));
var calls = 0;
var sq = memo(x => { calls++; return x * x; });
print(sq(3), sq(3), sq('constructor'), calls);"#;
    let expected: &[&str] = &["9 9 NaN 2"];
    assert_eq!(lines(src), expected);
}

#[test]
fn setproto_cycle() {
    let src = r#"var a = {}, b = Object.create(a);
try { Object.setPrototypeOf(a, b); } catch (e) { print(e.constructor.name); }
try { Object.setPrototypeOf(a, a); } catch (e) { print(e.constructor.name); }
print(Object.getPrototypeOf(a) === Object.prototype);"#;
    let expected: &[&str] = &["TypeError", "TypeError", "true"];
    assert_eq!(lines(src), expected);
}

#[test]
fn setproto_nonextensible() {
    let src = r#"var o = Object.preventExtensions({});
try { Object.setPrototypeOf(o, {}); } catch (e) { print(e.constructor.name); }
print(Object.setPrototypeOf(o, Object.prototype) === o);
var f = Object.freeze({});
try { Object.setPrototypeOf(f, null); } catch (e) { print(e.constructor.name); }"#;
    let expected: &[&str] = &["TypeError", "true", "TypeError"];
    assert_eq!(lines(src), expected);
}

#[test]
fn setproto_primitives() {
    let src = r#"print(Object.setPrototypeOf(1, null), Object.setPrototypeOf('s', {}), Object.setPrototypeOf(true, Object.prototype));
try { Object.setPrototypeOf(1, 2); } catch (e) { print(e.constructor.name); }
try { Object.setPrototypeOf(undefined, null); } catch (e) { print(e.constructor.name); }
try { Object.setPrototypeOf({}); } catch (e) { print(e.constructor.name); }"#;
    let expected: &[&str] = &["1 s true", "TypeError", "TypeError", "TypeError"];
    assert_eq!(lines(src), expected);
}

/// A method's super lookups follow its home object's current prototype.
#[test]
fn setproto_super_lookup() {
    let src = r#"var A = { greet() { return 'A'; } }, B = { greet() { return 'B'; } };
var o = { greet() { return 'o>' + super.greet(); } };
Object.setPrototypeOf(o, A);
var g = o.greet;
print(g.call({}));
Object.setPrototypeOf(o, B);
print(g.call(null));"#;
    let expected: &[&str] = &["o>A", "o>B"];
    assert_eq!(lines(src), expected);
}

#[test]
fn setproto_class_super() {
    let src = r#"class P1 { m() { return 'P1'; } }
class P2 { m() { return 'P2'; } }
class C extends P1 { m() { return 'C/' + super.m(); } static s() { return super.name; } }
var c = new C();
print(c.m(), C.s());
Object.setPrototypeOf(C.prototype, P2.prototype);
Object.setPrototypeOf(C, P2);
print(c.m(), C.s(), c instanceof P1, c instanceof P2);"#;
    let expected: &[&str] = &["C/P1 P1", "C/P2 P2 false true"];
    assert_eq!(lines(src), expected);
}

/// %Object.prototype% is an immutable prototype exotic object (10.4.7).
#[test]
fn setproto_objproto_immutable() {
    let src = r#"try { Object.setPrototypeOf(Object.prototype, {}); } catch (e) { print(e.constructor.name); }
try { Object.setPrototypeOf(Object.prototype, Object.create(null)); } catch (e) { print(e.constructor.name); }
print(Object.setPrototypeOf(Object.prototype, null) === Object.prototype);
Object.preventExtensions(Object.prototype);
print(Object.setPrototypeOf(Object.prototype, null) === Object.prototype, Object.isExtensible(Object.prototype));"#;
    let expected: &[&str] = &["TypeError", "TypeError", "true", "true false"];
    assert_eq!(lines(src), expected);
}

#[test]
fn gopds_basic() {
    let src = r#"var o = { a: 1, get b() { return 2; }, set c(v) {} };
var d = Object.getOwnPropertyDescriptors(o);
print(JSON.stringify(d.a), typeof d.b.get, d.b.set, d.c.get, typeof d.c.set, d.b.enumerable, d.c.configurable);
print(Object.keys(d).join());"#;
    let expected: &[&str] = &["{\"value\":1,\"writable\":true,\"enumerable\":true,\"configurable\":true} function undefined undefined function true true", "a,b,c"];
    assert_eq!(lines(src), expected);
}

#[test]
fn gopds_clone_accessors() {
    let src = r#"var make = function () { var n = 0; return { get n() { return n; }, inc() { n++; } }; };
var orig = make();
var clone = Object.defineProperties({}, Object.getOwnPropertyDescriptors(orig));
var assigned = Object.assign({}, orig);
orig.inc(); orig.inc();
print(clone.n, assigned.n, orig.n);"#;
    let expected: &[&str] = &["2 0 2"];
    assert_eq!(lines(src), expected);
}

#[test]
fn gopds_class_proto() {
    let src = r#"class K { m() {} get g() { return 1; } static s() {} }
var d = Object.getOwnPropertyDescriptors(K.prototype);
print(Object.keys(d).join(), d.m.enumerable, d.m.writable, d.constructor.value === K);
var sd = Object.getOwnPropertyDescriptors(K);
print(Object.keys(sd).join(), sd.prototype.writable, sd.name.value, sd.length.value);"#;
    let expected: &[&str] = &["constructor,m,g false true true", "length,name,prototype,s false K 0"];
    assert_eq!(lines(src), expected);
}

#[test]
fn gopds_array_string() {
    let src = r#"print(Object.keys(Object.getOwnPropertyDescriptors([5, 6])).join());
var sd = Object.getOwnPropertyDescriptors('ab');
print(Object.keys(sd).join(), JSON.stringify(sd[0]), JSON.stringify(sd.length));"#;
    let expected: &[&str] = &["0,1,length", "0,1,length {\"value\":\"a\",\"writable\":false,\"enumerable\":true,\"configurable\":false} {\"value\":2,\"writable\":false,\"enumerable\":false,\"configurable\":false}"];
    assert_eq!(lines(src), expected);
}

#[test]
fn gopds_symbols_frozen() {
    let src = r#"var s = Symbol('k');
var o = Object.freeze({ [s]: 1, x: 2 });
var d = Object.getOwnPropertyDescriptors(o);
print(JSON.stringify(d.x), d[s].value, d[s].writable, d[s].configurable);
try { Object.getOwnPropertyDescriptors(null); } catch (e) { print(e.constructor.name); }
print(JSON.stringify(Object.getOwnPropertyDescriptors(1)));"#;
    let expected: &[&str] = &[
        "{\"value\":2,\"writable\":false,\"enumerable\":true,\"configurable\":false} 1 false false",
        "TypeError",
        "{}",
    ];
    assert_eq!(lines(src), expected);
}

/// Freezing a mapped arguments object removes the mapping of each index (10.4.4.2 step 7.b.ii).
#[test]
fn args_freeze_mapped() {
    let src = r#"function f(a, b) {
  Object.freeze(arguments);
  a = 10; arguments[1] = 20;
  return [a, b, arguments[0], arguments[1], Object.isFrozen(arguments)].join();
}
print(f(1, 2));"#;
    let expected: &[&str] = &["10,2,1,2,true"];
    assert_eq!(lines(src), expected);
}

/// Sealing keeps the mapping: the properties stay writable.
#[test]
fn args_seal_mapped() {
    let src = r#"function f(a, b) {
  Object.seal(arguments);
  a = 10; arguments[1] = 20;
  var r = [a, b, arguments[0], arguments[1]];
  delete arguments[0];
  a = 11;
  return r.concat([arguments[0], Object.isSealed(arguments)]).join();
}
print(f(1, 2));"#;
    let expected: &[&str] = &["10,20,10,20,11,true"];
    assert_eq!(lines(src), expected);
}

#[test]
fn args_pe_mapped() {
    let src = r#"function f(a) {
  Object.preventExtensions(arguments);
  arguments[1] = 'x'; a = 5;
  return [arguments.length, arguments[0], arguments[1], Object.isExtensible(arguments)].join();
}
print(f(1));"#;
    let expected: &[&str] = &["1,5,,false"];
    assert_eq!(lines(src), expected);
}

#[test]
fn args_freeze_closure_capture() {
    let src = r#"function f(a) {
  var get = () => a, set = v => { a = v; };
  Object.freeze(arguments);
  set(9);
  return [get(), arguments[0]].join();
}
print(f(1));"#;
    let expected: &[&str] = &["9,1"];
    assert_eq!(lines(src), expected);
}

#[test]
fn args_freeze_then_write_before() {
    let src = r#"function f(a, b) {
  a = 'changed';
  Object.freeze(arguments);
  b = 'later';
  return [arguments[0], arguments[1], a, b].join();
}
print(f(1, 2));"#;
    let expected: &[&str] = &["changed,2,changed,later"];
    assert_eq!(lines(src), expected);
}

#[test]
fn args_strict_freeze() {
    let src = r#"function f(a) {
  'use strict';
  Object.freeze(arguments);
  try { arguments[0] = 2; } catch (e) { print(e.constructor.name); }
  a = 3;
  return [a, arguments[0], Object.isFrozen(arguments)].join();
}
print(f(1));"#;
    let expected: &[&str] = &["TypeError", "3,1,true"];
    assert_eq!(lines(src), expected);
}

#[test]
fn args_descriptors() {
    let src = r#"function f(a) { a = 5; return Object.getOwnPropertyDescriptors(arguments); }
var d = f(1);
print(Object.keys(d).join(), d[0].value, d.length.value, d.length.enumerable, typeof d.callee.value);
function g() { 'use strict'; return Object.getOwnPropertyDescriptors(arguments); }
var dg = g(1);
print(Object.keys(dg).join(), typeof dg.callee.get, dg.callee.get === dg.callee.set);"#;
    let expected: &[&str] = &["0,length,callee 5 1 false function", "0,length,callee function true"];
    assert_eq!(lines(src), expected);
}

#[test]
fn args_define_nonwritable() {
    let src = r#"function f(a) {
  Object.defineProperty(arguments, '0', { writable: false });
  a = 2;
  var r = arguments[0];
  Object.defineProperty(arguments, '0', { value: 3 });
  return [r, a, arguments[0]].join();
}
print(f(1));"#;
    let expected: &[&str] = &["1,2,3"];
    assert_eq!(lines(src), expected);
}

#[test]
fn array_frozen_push() {
    let src = r#"var a = Object.freeze([1, 2]);
try { a.push(3); } catch (e) { print(e.constructor.name); }
try { a.pop(); } catch (e) { print(e.constructor.name); }
try { a.length = 0; print('sloppy ok'); } catch (e) { print(e.constructor.name); }
print(a.length, a.join());"#;
    let expected: &[&str] = &["TypeError", "TypeError", "sloppy ok", "2 1,2"];
    assert_eq!(lines(src), expected);
}

#[test]
fn array_pe_length() {
    let src = r#"var a = Object.preventExtensions([1, 2, 3]);
a.length = 1; print(a.length, a.join());
a[5] = 1; print(a.length);
a.length = 3; print(a.length, JSON.stringify(a));
try { a.push(1); } catch (e) { print(e.constructor.name, a.length); }"#;
    let expected: &[&str] = &["1 1", "1", "3 [1,null,null]", "TypeError 3"];
    assert_eq!(lines(src), expected);
}

#[test]
fn array_freeze_length_defs() {
    let src = r#"var a = [1, 2, 3];
Object.freeze(a);
var d = Object.getOwnPropertyDescriptor(a, 'length');
print(d.writable, d.configurable, Object.isFrozen(a));
try { Object.defineProperty(a, 'length', { value: 3 }); print('same ok'); } catch (e) { print(e.constructor.name); }
try { Object.defineProperty(a, 'length', { value: 2 }); } catch (e) { print(e.constructor.name); }"#;
    let expected: &[&str] = &["false false true", "same ok", "TypeError"];
    assert_eq!(lines(src), expected);
}

/// A string wrapper's indices and length are checked, never stored (10.4.3.2).
#[test]
fn string_wrapper_freeze() {
    let src = r#"var s = new String('ab');
s.extra = 1;
Object.freeze(s);
print(Object.getOwnPropertyNames(s).join(), Object.isFrozen(s), JSON.stringify(Object.entries(s)));"#;
    let expected: &[&str] = &["0,1,length,extra true [[\"0\",\"a\"],[\"1\",\"b\"],[\"extra\",1]]"];
    assert_eq!(lines(src), expected);
}

#[test]
fn string_wrapper_define_index() {
    let src = r#"var s = new String('ab');
try { Object.defineProperty(s, '0', { value: 'a' }); print('ok', Object.getOwnPropertyNames(s).join()); } catch (e) { print(e.constructor.name); }
try { Object.defineProperty(s, '0', { value: 'z' }); } catch (e) { print(e.constructor.name); }
try { Object.defineProperty(s, 'length', { value: 2, writable: false }); print('len ok'); } catch (e) { print(e.constructor.name); }
try { Object.defineProperty(s, '1', { enumerable: false }); } catch (e) { print(e.constructor.name); }
Object.defineProperty(s, '2', { value: 'c', enumerable: true }); print(Object.keys(s).join(), s.length);"#;
    let expected: &[&str] = &["ok 0,1,length", "TypeError", "len ok", "TypeError", "0,1,2 2"];
    assert_eq!(lines(src), expected);
}

#[test]
fn defineproperty_frozen_same_value() {
    let src = r#"var o = Object.freeze({ z: 0, n: NaN, s: 'x' });
Object.defineProperty(o, 'z', { value: 0 }); print('z same');
Object.defineProperty(o, 'n', { value: NaN }); print('NaN same');
try { Object.defineProperty(o, 'z', { value: -0 }); } catch (e) { print('-0', e.constructor.name); }
try { Object.defineProperty(o, 's', { value: 'y' }); } catch (e) { print('s', e.constructor.name); }
try { Object.defineProperty(o, 's', { enumerable: false }); } catch (e) { print('enum', e.constructor.name); }"#;
    let expected: &[&str] = &["z same", "NaN same", "-0 TypeError", "s TypeError", "enum TypeError"];
    assert_eq!(lines(src), expected);
}

#[test]
fn compound_frozen_sloppy() {
    let src = r#"var o = Object.freeze({ y: 1, s: 'a' });
o.y += 5; o.y++; ++o.y; o.s += 'b'; o.q ??= 3; o.y &&= 0;
print(o.y, o.s, o.q, o.y++ , o.y);"#;
    let expected: &[&str] = &["1 a undefined 1 1"];
    assert_eq!(lines(src), expected);
}

#[test]
fn destructure_into_frozen_sloppy() {
    let src = r#"var o = Object.freeze({ a: 0 });
({ a: o.a, b: o.b } = { a: 1, b: 2 });
[o.a, o.c] = [3, 4];
for (o.a of [5]) {}
for (o.a in { k: 1 }) {}
print(JSON.stringify(o));"#;
    let expected: &[&str] = &["{\"a\":0}"];
    assert_eq!(lines(src), expected);
}

#[test]
fn with_frozen_func_write() {
    let src = r#"var o = Object.freeze({ x: 1 });
var f;
with (o) { f = function () { x = 9; return x; }; }
print(f(), o.x);
var g;
with (o) { g = function () { 'use strict'; x = 9; return x; }; }
try { g(); } catch (e) { print(e.constructor.name); }"#;
    let expected: &[&str] = &["1 1", "TypeError"];
    assert_eq!(lines(src), expected);
}

#[test]
fn global_pe_sloppy_implicit() {
    let src = r#"Object.preventExtensions(globalThis);
undeclared = 1;
print(typeof undeclared);
(function () { 'use strict'; try { other = 1; } catch (e) { print(e.constructor.name); } })();"#;
    let expected: &[&str] = &["undefined", "ReferenceError"];
    assert_eq!(lines(src), expected);
}

#[test]
fn global_pe_eval_var() {
    let src = r#"Object.preventExtensions(globalThis);
try { eval('var evar = 1'); } catch (e) { print(e.constructor.name); }
try { (0, eval)('function efn() {}'); } catch (e) { print(e.constructor.name); }
print(typeof evar, typeof efn);"#;
    let expected: &[&str] = &["TypeError", "TypeError", "undefined undefined"];
    assert_eq!(lines(src), expected);
}

#[test]
fn template_object_frozen() {
    let src = r#"function tag(s) { return s; }
var t = tag`a${1}b`;
print(Object.isFrozen(t), Object.isFrozen(t.raw), JSON.stringify(Object.entries(t)), Object.getOwnPropertyNames(t).join());"#;
    let expected: &[&str] = &["true true [[\"0\",\"a\"],[\"1\",\"b\"]] 0,1,length,raw"];
    assert_eq!(lines(src), expected);
}

#[test]
fn bound_function_freeze() {
    let src = r#"var f = function (a, b) { return a + b; }.bind(null, 1);
Object.freeze(f);
print(Object.isFrozen(f), f(2), f.name, f.length, Object.getOwnPropertyNames(f).join());"#;
    let expected: &[&str] = &["true 3 bound  1 length,name"];
    assert_eq!(lines(src), expected);
}

#[test]
fn object_statics_lengths() {
    let src = r#"var names = ['assign', 'entries', 'values', 'fromEntries', 'freeze', 'isFrozen', 'seal', 'isSealed', 'preventExtensions', 'isExtensible', 'getOwnPropertyDescriptors', 'is', 'setPrototypeOf', 'hasOwn'];
print(names.map(n => n + ':' + Object[n].length + ':' + Object[n].name).join(' '));
print(names.every(n => !Object.getOwnPropertyDescriptor(Object, n).enumerable));"#;
    let expected: &[&str] = &["assign:2:assign entries:1:entries values:1:values fromEntries:1:fromEntries freeze:1:freeze isFrozen:1:isFrozen seal:1:seal isSealed:1:isSealed preventExtensions:1:preventExtensions isExtensible:1:isExtensible getOwnPropertyDescriptors:1:getOwnPropertyDescriptors is:2:is setPrototypeOf:2:setPrototypeOf hasOwn:2:hasOwn", "true"];
    assert_eq!(lines(src), expected);
}

/// Push() with no arguments still sets the length, which a frozen array refuses (23.1.3.23 step 6).
#[test]
fn arr_freeze_push0() {
    let src = r#"var a = Object.freeze([1, 2, 3]), e = Object.freeze([]);
var run = function () { return a.push(); };
try { var r = run(); print('ok', JSON.stringify(r)); } catch (x) { print(x.constructor.name); }
print(JSON.stringify(a), a.length, JSON.stringify(e), e.length);"#;
    let expected: &[&str] = &["TypeError", "[1,2,3] 3 [] 0"];
    assert_eq!(lines(src), expected);
}

#[test]
fn arr_seal_splice_rm() {
    let src = r#"var a = Object.seal([1, 2, 3]), e = Object.seal([]);
var run = function () { return a.splice(0, 1); };
try { var r = run(); print('ok', JSON.stringify(r)); } catch (x) { print(x.constructor.name); }
print(JSON.stringify(a), a.length, JSON.stringify(e), e.length);"#;
    let expected: &[&str] = &["TypeError", "[2,3,3] 3 [] 0"];
    assert_eq!(lines(src), expected);
}

#[test]
fn arr_preventextensions_unshift1() {
    let src = r#"var a = Object.preventExtensions([1, 2, 3]), e = Object.preventExtensions([]);
var run = function () { return a.unshift(0); };
try { var r = run(); print('ok', JSON.stringify(r)); } catch (x) { print(x.constructor.name); }
print(JSON.stringify(a), a.length, JSON.stringify(e), e.length);"#;
    let expected: &[&str] = &["TypeError", "[1,2,3] 3 [] 0"];
    assert_eq!(lines(src), expected);
}

#[test]
fn arr_freeze_fill_empty() {
    let src = r#"var a = Object.freeze([1, 2, 3]), e = Object.freeze([]);
var run = function () { return a.fill(0, 5); };
try { var r = run(); print('ok', JSON.stringify(r)); } catch (x) { print(x.constructor.name); }
print(JSON.stringify(a), a.length, JSON.stringify(e), e.length);"#;
    let expected: &[&str] = &["ok [1,2,3]", "[1,2,3] 3 [] 0"];
    assert_eq!(lines(src), expected);
}

#[test]
fn static_block_freeze_then_field_caught() {
    let src = r#"var err;
try { class A { static { Object.freeze(this); } static y = 1; } } catch (e) { err = e.constructor.name; }
print(err);"#;
    let expected: &[&str] = &["TypeError"];
    assert_eq!(lines(src), expected);
}

#[test]
fn super_set_on_frozen_this() {
    let src = r#"var proto = { set v(x) { this._v = x; } };
var o = { __proto__: proto, write(x) { 'use strict'; super.w = x; } };
Object.freeze(o);
try { o.write(1); } catch (e) { print(e.constructor.name); }
var q = { __proto__: { w: 0 }, write(x) { super.w = x; return this.w; } };
Object.preventExtensions(q);
print(q.write(5), Object.hasOwn(q, 'w'));"#;
    let expected: &[&str] = &["TypeError", "0 false"];
    assert_eq!(lines(src), expected);
}

#[test]
fn assign_getter_freezes_target_after_first() {
    let src = r#"var target = {};
var src = { a: 1, get b() { Object.freeze(target); return 2; }, c: 3 };
try { Object.assign(target, src); } catch (e) { print(e.constructor.name); }
print(JSON.stringify(target));"#;
    let expected: &[&str] = &["TypeError", "{\"a\":1}"];
    assert_eq!(lines(src), expected);
}

#[test]
fn assign_setter_throws_stops() {
    let src = r#"var log = [];
var t = { set b(v) { throw new RangeError('b'); } };
var src = { get a() { log.push('a'); return 1; }, get b() { log.push('b'); return 2; }, get c() { log.push('c'); return 3; } };
try { Object.assign(t, src); } catch (e) { print(e.constructor.name); }
print(log.join(), t.a, t.c);"#;
    let expected: &[&str] = &["RangeError", "a,b 1 undefined"];
    assert_eq!(lines(src), expected);
}

#[test]
fn fromentries_done_getter() {
    let src = r#"var log = [];
var it = { [Symbol.iterator]() { var n = 0; return { next() { n++; return { get done() { log.push('done' + n); return n > 1; }, get value() { log.push('value' + n); return ['k', n]; } }; } }; } };
print(JSON.stringify(Object.fromEntries(it)), log.join());"#;
    let expected: &[&str] = &["{\"k\":1} done1,value1,done2"];
    assert_eq!(lines(src), expected);
}

#[test]
fn fromentries_generator_return_on_throw() {
    let src = r#"function* g() { try { yield ['a', 1]; yield 5; } finally { print('cleanup'); } }
try { Object.fromEntries(g()); } catch (e) { print(e.constructor.name); }"#;
    let expected: &[&str] = &["cleanup", "TypeError"];
    assert_eq!(lines(src), expected);
}

#[test]
fn setproto_class_static_inherit() {
    let src = r#"class A { static who() { return 'A'; } }
class B { static who() { return 'B'; } }
class C extends A { static call() { return super.who(); } }
var call = C.call.bind(C);
print(call());
Object.setPrototypeOf(C, B);
print(call(), C.who());"#;
    let expected: &[&str] = &["A", "B B"];
    assert_eq!(lines(src), expected);
}

#[test]
fn gopds_defineproperties_roundtrip_frozen() {
    let src = r#"var src = Object.freeze({ a: 1, get b() { return 2; } });
var clone = Object.create(Object.getPrototypeOf(src), Object.getOwnPropertyDescriptors(src));
print(Object.isFrozen(clone), Object.isExtensible(clone), JSON.stringify(Object.getOwnPropertyDescriptor(clone, 'a')));"#;
    let expected: &[&str] = &["false true {\"value\":1,\"writable\":false,\"enumerable\":true,\"configurable\":false}"];
    assert_eq!(lines(src), expected);
}

#[test]
fn freeze_arguments_in_generator() {
    let src = r#"function* g(a) { Object.freeze(arguments); yield arguments[0]; a = 5; yield arguments[0]; yield a; }
print([...g(1)].join());"#;
    let expected: &[&str] = &["1,1,5"];
    assert_eq!(lines(src), expected);
}

#[test]
fn args_define_accessor_unmaps() {
    let src = r#"function f(a) { var log = []; Object.defineProperty(arguments, '0', { get() { return 'g'; }, configurable: true }); a = 'new'; log.push(arguments[0]); Object.freeze(arguments); log.push(Object.isFrozen(arguments)); return log.join(); }
print(f(1));"#;
    let expected: &[&str] = &["g,true"];
    assert_eq!(lines(src), expected);
}

#[test]
fn args_dup_params() {
    let src = r#"function f(a, a) { Object.freeze(arguments); a = 9; return [arguments[0], arguments[1], a].join(); }
print(f(1, 2));"#;
    let expected: &[&str] = &["1,2,9"];
    assert_eq!(lines(src), expected);
}

#[test]
fn with_pe_declares() {
    let src = r#"var o = Object.preventExtensions({ x: 1 });
with (o) { var x = 2; var w = 3; }
print(o.x, typeof w, Object.hasOwn(o, 'w'));"#;
    let expected: &[&str] = &["2 number false"];
    assert_eq!(lines(src), expected);
}

#[test]
fn global_pe_function_via_eval() {
    let src = r#"Object.preventExtensions(globalThis);
try { eval('function late() {}'); print(typeof late); } catch (e) { print(e.constructor.name); }"#;
    let expected: &[&str] = &["TypeError"];
    assert_eq!(lines(src), expected);
}

#[test]
fn string_wrapper_define_length_writable() {
    let src = r#"var s = new String('ab');
try { Object.defineProperty(s, 'length', { writable: true }); } catch (e) { print(e.constructor.name); }
try { Object.defineProperty(s, '0', { get() {} }); } catch (e) { print(e.constructor.name); }
Object.defineProperty(s, '0', { value: 'a', writable: false, enumerable: true, configurable: false });
print(Object.getOwnPropertyNames(s).join(), Object.keys(s).join());"#;
    let expected: &[&str] = &["TypeError", "TypeError", "0,1,length 0,1"];
    assert_eq!(lines(src), expected);
}

#[test]
fn string_wrapper_pe_define_oob() {
    let src = r#"var s = Object.preventExtensions(new String('ab'));
try { Object.defineProperty(s, '2', { value: 'c' }); } catch (e) { print(e.constructor.name); }
Object.defineProperty(s, '1', { value: 'b' });
print(Object.getOwnPropertyNames(s).join());"#;
    let expected: &[&str] = &["TypeError", "0,1,length"];
    assert_eq!(lines(src), expected);
}

#[test]
fn string_wrapper_assign_index() {
    let src = r#"var s = new String('ab');
try { Object.assign(s, { 1: 'b' }); } catch (e) { print(e.constructor.name); }
Object.assign(s, { 2: 'c' });
print(Object.keys(s).join(), s[2]);"#;
    let expected: &[&str] = &["TypeError", "0,1,2 c"];
    assert_eq!(lines(src), expected);
}

/// Object.groupBy (ES2024; node 20 lacks it): groups in first-seen order, a null-prototype result,
/// the callback's throw and a throwing key conversion close the iterator (7.3.35 steps 6.f, 6.g).
#[test]
fn group_by() {
    let src = r#"var r = Object.groupBy([1, 2, 3, 4, 5], (x, i) => x % 2 ? 'odd' : 'even');
print(Object.getPrototypeOf(r), Object.keys(r).join(), r.odd.join(), r.even.join());
var log = [];
var g = Object.groupBy(['b', 'a', 'c', 'a'], (x, i) => { log.push(x + i); return i === 1 ? 10 : x; });
print(Object.keys(g).join(), log.join(), JSON.stringify(g));
var closed = [];
var it = { [Symbol.iterator]() { return { next() { return { done: false, value: 1 }; }, return() { closed.push('return'); return {}; } }; } };
try { Object.groupBy(it, () => { throw new EvalError('x'); }); } catch (e) { print(e.constructor.name, closed.join()); }
try { Object.groupBy(it, () => ({ toString() { throw new URIError('y'); } })); } catch (e) { print(e.constructor.name, closed.join()); }
try { Object.groupBy([], 1); } catch (e) { print(e.constructor.name); }
try { Object.groupBy(null, () => 1); } catch (e) { print(e.constructor.name); }
var s = Symbol('s');
var byChar = Object.groupBy('abca', c => c === 'c' ? s : c);
print(Object.keys(byChar).join(), byChar[s].join(), byChar.a.length, Object.groupBy.length);"#;
    assert_eq!(
        lines(src),
        [
            "null odd,even 1,3,5 2,4",
            "10,b,c,a b0,a1,c2,a3 {\"10\":[\"a\"],\"b\":[\"b\"],\"c\":[\"c\"],\"a\":[\"a\"]}",
            "EvalError return",
            "URIError return,return",
            "TypeError",
            "TypeError",
            "a,b c 2 2",
        ]
    );
}

/// Whether a non-extensible object accepts private elements changed after node 20 (engines
/// disagree): the program is refused.
#[test]
fn private_element_on_non_extensible_refused() {
    refused(
        "class A { constructor(o) { return o; } } class B extends A { #p = 1; } new B(Object.preventExtensions({}));",
        "private element on a non-extensible object",
    );
    refused("class A { static { Object.freeze(this); } static #x = 1; }", "private element on a non-extensible object");
}

/// NamedEvaluation names a class before its static elements run (15.7.14), which a computed key
/// cannot do here: such a class is refused, one without static elements is named afterwards.
#[test]
fn anonymous_class_with_static_elements_under_computed_key_refused() {
    refused("var k = 'a'; var o = { [k]: class { static { Object.freeze(this); } } };", "computed key");
    refused("var k = 'a'; var o = { [k]: class { static name() {} } };", "computed key");
    assert_eq!(lines("var k = 'a'; var o = { [k]: class { m() {} } }; print(o.a.name);"), ["a"]);
}

/// Engines add own properties to error objects and plain sloppy functions.
#[test]
fn descriptors_of_engine_specific_objects_refused() {
    refused("Object.getOwnPropertyDescriptors(new Error('m'));", "error object");
    refused("Object.getOwnPropertyDescriptors(function () {});", "sloppy function");
    refused("Object.getOwnPropertyDescriptors(Function.prototype);", "Function.prototype");
    assert_eq!(
        lines("function* g() {} async function h() {} print(Object.keys(Object.getOwnPropertyDescriptors(g)).join(), Object.keys(Object.getOwnPropertyDescriptors(h)).join());"),
        ["length,name,prototype length,name"]
    );
}
