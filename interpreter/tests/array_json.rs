//! Array.from / Array.of, the ES2022-2023 Array.prototype methods (at, findLast, findLastIndex,
//! fill, copyWithin, flat, flatMap, toReversed, toSpliced, with) and JSON.parse with its reviver.
//! Every expected output is what node 20 prints for the same program.

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

#[test]
fn at_probe() {
    let src = r#"var log = [];
var o = { length: { valueOf() { log.push('len'); return 3; } }, get 2() { log.push('get2'); return 'two'; } };
var idx = { valueOf() { log.push('idx'); return -1; } };
print(Array.prototype.at.call(o, idx), log.join(','));
print([1, 2, 3].at(), [1, 2, 3].at(NaN), [1, 2, 3].at(1.7), [1, 2, 3].at(-0.5), [].at(0), [, 5].at(0));
print('abc'.length, Array.prototype.at.call('xyz', -1), Array.prototype.at.length, Array.prototype.at.name);"#;
    assert_eq!(lines(src), ["two len,idx,get2", "1 1 2 1 undefined undefined", "3 z 1 at",]);
}

#[test]
fn at_with_strings_arrays_closures() {
    let src = r#"var q = [];
var pick = i => () => q.at(i);
var last = pick(-1), first = pick(0);
q.push('a'); print(first(), last());
q.push('b', 'c'); print(first(), last(), q.with(0, 'A').at(0), q.at(0));
var arrays = [[1, 2], [3, 4]];
var snapshot = arrays.toReversed();
arrays[0].push(9);
print(JSON.stringify(snapshot), snapshot[1] === arrays[0]);"#;
    assert_eq!(lines(src), ["a a", "a c A a", "[[3,4],[1,2,9]] true",]);
}

/// Change-array-by-copy methods leave the original intact, combined with closures.
#[test]
fn chain_combo() {
    let src = r#"// Change-array-by-copy methods leave the original intact, combined with closures.
var hist = [];
var base = Array.from({ length: 5 }, (_, i) => { hist.push(i); return i + 1; });
var rev = base.toReversed();
var w = rev.with(0, 99);
var sp = w.toSpliced(1, 1, ...Array.of('a', 'b'));
print(base.join(), rev.join(), w.join(), sp.join(), hist.join());
var fns = sp.flatMap((v, i) => typeof v === 'number' ? [() => v + i] : []);
print(fns.map(f => f()).join());"#;
    assert_eq!(lines(src), ["1,2,3,4,5 5,4,3,2,1 99,4,3,2,1 99,a,b,3,2,1 0,1,2,3,4", "99,6,6,6",]);
}

/// Holes delete the target; non-configurable target throws TypeError.
#[test]
fn copywithin_delete() {
    let src = r#"// Holes delete the target; non-configurable target throws TypeError.
var a = [1, , 3, 4];
a.copyWithin(2, 0, 2);
print(JSON.stringify(Object.keys(a)), a.length);
var o = { length: 3, 1: 'x' };
Object.defineProperty(o, 2, { value: 'fixed', configurable: false });
try { Array.prototype.copyWithin.call(o, 2, 0, 1); } catch (e) { print(e.constructor.name, o[2]); }"#;
    assert_eq!(lines(src), ["[\"0\",\"2\"] 4", "TypeError fixed",]);
}

/// Overlap where target is after source: copy runs backwards; observe via getters/setters.
#[test]
fn copywithin_overlap() {
    let src = r#"// Overlap where target is after source: copy runs backwards; observe via getters/setters.
var log = [];
var o = { length: 5 };
for (let i = 0; i < 5; i++) {
  let v = i;
  Object.defineProperty(o, i, { get() { log.push('get' + i); return v; }, set(x) { log.push('set' + i + '=' + x); v = x; }, configurable: true });
}
Array.prototype.copyWithin.call(o, 1, 0, 3);
print(log.join(' '));
log = [];
Array.prototype.copyWithin.call(o, 0, 2);
print(log.join(' '));"#;
    assert_eq!(lines(src), ["get2 set3=2 get1 set2=1 get0 set1=0", "get2 set0=1 get3 set1=2 get4 set2=4",]);
}

#[test]
fn copywithin_probe() {
    let src = r#"var log = [];
var o = { length: 6, 0: 'a', 1: 'b', 3: 'd', 4: 'e' };
var handler = [];
Array.prototype.copyWithin.call(o, 1, 0, 4);
print(JSON.stringify(o));
var a = [1, 2, 3, 4, 5];
print(a.copyWithin(-2).join(), [1, 2, 3, 4, 5].copyWithin(0, -2, -1).join(), [1, 2, 3, 4, 5].copyWithin(1, 3, 2).join());
print([1, , 3, , 5].copyWithin(0, 1).join(), 3 in [1, , 3, , 5].copyWithin(0, 1));
var src = { length: 4, get 0() { log.push('g0'); return 0; }, get 1() { log.push('g1'); return 1; }, set 2(v) { log.push('s2=' + v); }, set 3(v) { log.push('s3=' + v); } };
Array.prototype.copyWithin.call(src, 2, 0);
print(log.join());"#;
    assert_eq!(
        lines(src),
        [
            "{\"0\":\"a\",\"1\":\"a\",\"2\":\"b\",\"4\":\"d\",\"length\":6}",
            "1,2,3,1,2 4,2,3,4,5 1,2,3,4,5",
            ",3,,5,5 true",
            "g0,s2=0,g1,s3=1",
        ]
    );
}

/// fill shares one object; copyWithin copies references.
#[test]
fn fill_copy_closure_objects() {
    let src = r#"// fill shares one object; copyWithin copies references.
var o = { n: 0 };
var a = new Array(3).fill(o);
a[0].n++;
print(a[2].n, a[1] === a[2]);
var fs = [() => 1, () => 2, () => 3, () => 4];
fs.copyWithin(0, 2);
print(fs.map(f => f()).join());"#;
    assert_eq!(lines(src), ["1 true", "3,4,3,4",]);
}

#[test]
fn fill_probe() {
    let src = r#"var log = [];
var proxyish = { length: 4, set 1(v) { log.push('set1=' + v); }, set 2(v) { log.push('set2=' + v); } };
Array.prototype.fill.call(proxyish, 'z', { valueOf() { log.push('start'); return 1; } }, { valueOf() { log.push('end'); return -1; } });
print(log.join(','), proxyish[0], proxyish[3]);
print([1, 2, 3].fill(9).join(), [1, 2, 3].fill(9, -Infinity, Infinity).join(), [1, 2, 3].fill(9, 5).join(), [1, 2, 3].fill(9, 1, 1).join(), [, , ,].fill(0).length);
var f = Object.freeze([1, 2]);
try { f.fill(0); } catch (e) { print(e.constructor.name); }
try { f.fill(0, 2); print('no write, no error'); } catch (e) { print(e.constructor.name); }"#;
    assert_eq!(
        lines(src),
        ["start,end,set1=z,set2=z undefined undefined", "9,9,9 9,9,9 1,2,3 1,2,3 3", "TypeError", "no write, no error",]
    );
}

#[test]
fn findlast_closures() {
    let src = r#"var seen = [];
var arr = [1, , 3, 4];
var r = arr.findLast(function (v, i, a) { seen.push(i + ':' + v + ':' + (a === arr) + ':' + this.x); return false; }, { x: 'X' });
print(r, seen.join(' '));
var handlers = [];
var idx = [5, 6, 7, 8].findLastIndex((v, i) => { handlers.push(() => v + i); return v < 7; });
print(idx, handlers.map(h => h()).join());
try { [].findLast(); } catch (e) { print(e.constructor.name); }
print([].findLast(x => true), [].findLastIndex(x => true));"#;
    assert_eq!(
        lines(src),
        ["undefined 3:4:true:X 2:3:true:X 1:undefined:true:X 0:1:true:X", "1 11,9,7", "TypeError", "undefined -1",]
    );
}

/// The callback shrinking the array: indices read from the initial length, holes read as undefined.
#[test]
fn findlast_mutation() {
    let src = r#"// The callback shrinking the array: indices read from the initial length, holes read as undefined.
var a = [1, 2, 3, 4, 5];
var visited = [];
a.findLast((v, i) => { visited.push(i + '=' + v); if (i === 4) a.length = 2; return false; });
print(visited.join(','));
var b = [1, 2, 3];
print(b.findLastIndex((v, i) => { b.unshift(0); return v === 1; }), b.length);"#;
    assert_eq!(lines(src), ["4=5,3=undefined,2=undefined,1=2,0=1", "1 5",]);
}

#[test]
fn flat_deep_closures() {
    let src = r#"var mk = n => n === 0 ? [() => 'leaf'] : [mk(n - 1), () => n];
var flat = mk(4).flat(Infinity);
print(flat.length, flat.map(f => f()).join());
var partial = mk(4).flat(2);
print(partial.length, partial.filter(x => typeof x === 'function').map(f => f()).join());"#;
    assert_eq!(lines(src), ["5 leaf,1,2,3,4", "4 2,3,4",]);
}

#[test]
fn flat_getters() {
    let src = r#"var log = [];
var a = [0, { length: 1, 0: 'not flattened' }];
var b = [];
Object.defineProperty(b, 0, { get() { log.push('get b0'); return [7, [8]]; }, enumerable: true });
b.length = 3;
print(JSON.stringify(b.flat()), JSON.stringify(b.flat(Infinity)), log.join(), JSON.stringify(a.flat()));
var depth = { valueOf() { log.push('depth'); return 1; } };
[[1]].flat(depth);
var inner = [1, 2];
var lenReads = 0;
var outer = [inner, { get length() { lenReads++; return 0; } }];
print(log.join(), JSON.stringify(outer.flat()), lenReads);"#;
    assert_eq!(
        lines(src),
        [
            "[7,[8]] [7,8] get b0,get b0 [0,{\"0\":\"not flattened\",\"length\":1}]",
            "get b0,get b0,depth [1,2,{\"length\":0}] 1",
        ]
    );
}

#[test]
fn flat_probe() {
    let src = r#"var deep = [1, [2, [3, [4, [5]]]]];
print(JSON.stringify(deep.flat()), JSON.stringify(deep.flat(2)), JSON.stringify(deep.flat(0)), JSON.stringify(deep.flat(-1)), JSON.stringify(deep.flat(Infinity)));
print(JSON.stringify([[1, , 2], , [3]].flat()), [1, 2].flat('1').length, JSON.stringify([[[]]].flat(NaN)));
var al = { length: 2, 0: [1, 2], 1: 3 };
print(JSON.stringify(Array.prototype.flat.call(al)), JSON.stringify([al].flat()));
print(Array.prototype.flat.length, Array.prototype.flatMap.length);"#;
    assert_eq!(
        lines(src),
        [
            "[1,2,[3,[4,[5]]]] [1,2,3,[4,[5]]] [1,[2,[3,[4,[5]]]]] [1,[2,[3,[4,[5]]]]] [1,2,3,4,5]",
            "[1,2,3] 2 [[[]]]",
            "[1,2,3] [{\"0\":[1,2],\"1\":3,\"length\":2}]",
            "0 1",
        ]
    );
}

/// A species constructor whose result refuses definitions: CreateDataPropertyOrThrow throws.
#[test]
fn flat_species_nonextensible() {
    let src = r#"// A species constructor whose result refuses definitions: CreateDataPropertyOrThrow throws.
class Frozen extends Array {
  static get [Symbol.iterator]() { return undefined; }
}
var a = [1, [2]];
a.constructor = function (n) { return Object.preventExtensions([]); };
try { a.flat(); print('no error'); } catch (e) { print(e.constructor.name); }"#;
    assert_eq!(lines(src), ["no error",]);
}

#[test]
fn flatmap_closures() {
    let src = r#"var log = [];
var makers = [1, 2, 3].flatMap(function (x, i, arr) {
  log.push(this.tag + x + i + arr.length);
  return [() => x * 10, [() => -x]];
}, { tag: '#' });
print(makers.length, makers[0](), typeof makers[1], makers[1][0](), log.join(' '));
var count = 0;
print(JSON.stringify([[1], [2, 3], 4].flatMap(v => { count++; return v; })), count);
try { [1].flatMap(); } catch (e) { print(e.constructor.name); }
try { [].flatMap({}); } catch (e) { print(e.constructor.name); }
print(JSON.stringify([1, , 3].flatMap(x => [x, x])));"#;
    assert_eq!(lines(src), ["6 10 object -1 #103 #213 #323", "[1,2,3,4] 3", "TypeError", "TypeError", "[1,1,3,3]",]);
}

#[test]
fn flatmap_microtasks() {
    let src = r#"var order = [];
var out = [3, 1, 2].flatMap(n => { queueMicrotaskLike(() => order.push('m' + n)); return Array.of(n, n); });
function queueMicrotaskLike(f) { Promise.resolve().then(f); }
order.push('sync ' + out.join(''));
Promise.resolve().then(() => Promise.resolve()).then(() => print(order.join(',')));"#;
    assert_eq!(lines(src), ["sync 331122,m3,m1,m2",]);
}

#[test]
fn flatmap_species() {
    let src = r#"class MyArr extends Array {}
var m = MyArr.from([1, 2, 3]);
var f = m.flatMap(x => [x, x]);
var g = m.flat();
print(f instanceof MyArr, f.length, g instanceof MyArr, g.length);
var plain = [1, 2]; plain.constructor = undefined;
print(Array.isArray(plain.flat()), plain.flat().constructor === Array);
var weird = [1]; weird.constructor = function () {};
print(JSON.stringify(weird.flat()));"#;
    assert_eq!(lines(src), ["true 6 true 3", "true true", "[1]",]);
}

/// A patched %ArrayIteratorPrototype%.next is used by Array.from on arrays.
#[test]
fn from_array_iterator_patched() {
    let src = r#"// A patched %ArrayIteratorPrototype%.next is used by Array.from on arrays.
var proto = Object.getPrototypeOf([][Symbol.iterator]());
var orig = proto.next;
var count = 0;
proto.next = function () { count++; return orig.call(this); };
var r = Array.from([4, 5, 6]);
proto.next = orig;
print(r.join(), count);
var a = [1, 2]; a[Symbol.iterator] = function* () { yield 'custom'; };
print(Array.from(a).join());"#;
    assert_eq!(lines(src), ["4,5,6 4", "custom",]);
}

/// Iterating an array whose iteration the mapper extends: the array iterator reads length each step.
#[test]
fn from_array_modified() {
    let src = r#"// Iterating an array whose iteration the mapper extends: the array iterator reads length each step.
var a = [1, 2];
var r = Array.from(a, v => { if (a.length < 5) a.push(v * 10); return v; });
print(r.join(), a.join());
var b = [1, 2, 3];
var r2 = Array.from({ length: b.length, 0: 'x' }, (v, i) => { b.pop(); return v + i; });
print(r2.join(), b.length);"#;
    assert_eq!(lines(src), ["1,2,10,20,100 1,2,10,20,100", "x0,NaN,NaN 0",]);
}

/// Array-like path: length read once, each index read through a getter in order.
#[test]
fn from_arraylike_getters() {
    let src = r#"// Array-like path: length read once, each index read through a getter in order.
var log = [];
var src = {
  get length() { log.push('len'); return 3; },
  get 0() { log.push('g0'); return 'a'; },
  get 2() { log.push('g2'); return 'c'; }
};
var r = Array.from(src, (v, i) => { log.push('map' + i + v); return v; });
print(r.length, r[1], 1 in r, log.join(','));"#;
    assert_eq!(lines(src), ["3 undefined true len,g0,map0a,map1undefined,g2,map2c",]);
}

/// Async mappers run synchronously up to their first await; their continuations are microtasks.
#[test]
fn from_async_mapper() {
    let src = r#"// Async mappers run synchronously up to their first await; their continuations are microtasks.
var log = [];
var ps = Array.from([1, 2, 3], async (v, i) => { log.push('start' + v); await null; log.push('resume' + v); return v * i; });
log.push('after from');
Promise.resolve().then(() => log.push('tick'));
ps[2].then(v => log.push('p2=' + v));
ps[0].then(v => { log.push('p0=' + v); print(log.join(' ')); });"#;
    assert_eq!(lines(src), ["start1 start2 start3 after from resume1 resume2 resume3 tick p0=0",]);
}

/// The mapper creates closures stored for later; each captures its own k.
#[test]
fn from_closures_later() {
    let src = r#"// The mapper creates closures stored for later; each captures its own k.
var fns = Array.from({ length: 4 }, (_, k) => () => k * k);
var total = 0;
var bump = Array.from([10, 20, 30], v => { total += v; return () => total; });
print(fns.map(f => f()).join(), bump[0](), bump[2]());
total = -1; print(bump[1]());"#;
    assert_eq!(lines(src), ["0,1,4,9 60 60", "-1",]);
}

/// `this` as a constructor: called with the length for array-likes, without arguments for iterables.
#[test]
fn from_constructor_this() {
    let src = r#"// `this` as a constructor: called with the length for array-likes, without arguments for iterables.
var log = [];
function C() { log.push('C(' + Array.prototype.join.call(arguments) + ') ' + (new.target === C)); }
var a = Array.from.call(C, { length: 2, 0: 'x', 1: 'y' });
var b = Array.from.call(C, ['p', 'q', 'r']);
print(log.join(' / '), a.length, a[0], b.length, b[2], a instanceof C, Array.isArray(b));
class Sub extends Array { constructor(...args) { super(...args); log.push('Sub ' + args.length); } }
var s = Sub.from(new Set([1, 2, 3]));
print(s instanceof Sub, s.length, log[log.length - 1]);"#;
    assert_eq!(lines(src), ["C(2) true / C() true 2 x 3 r true false", "true 3 Sub 0",]);
}

/// A failing CreateDataPropertyOrThrow closes the iterator.
#[test]
fn from_define_fails() {
    let src = r#"// A failing CreateDataPropertyOrThrow closes the iterator.
var log = [];
function C() { Object.defineProperty(this, '1', { value: 'fixed', writable: false, configurable: false }); }
var it = { i: 0, [Symbol.iterator]() { return this; }, next() { this.i++; log.push('next'); return { value: this.i, done: false }; }, return() { log.push('closed'); return {}; } };
try { Array.from.call(C, it); } catch (e) { log.push(e.constructor.name); }
print(log.join(','));"#;
    assert_eq!(lines(src), ["next,next,closed,TypeError",]);
}

/// Argument validation and what throws first.
#[test]
fn from_errors() {
    let src = r#"// Argument validation and what throws first.
var log = [];
var items = { get [Symbol.iterator]() { log.push('get iterator'); return undefined; }, length: 0 };
try { Array.from(items, 5); } catch (e) { log.push(e.constructor.name); }
try { Array.from(null); } catch (e) { log.push(e.constructor.name); }
try { Array.from(undefined); } catch (e) { log.push(e.constructor.name); }
try { Array.from({ [Symbol.iterator]: 1 }); } catch (e) { log.push(e.constructor.name); }
try { Array.from({ [Symbol.iterator]() { return 1; } }); } catch (e) { log.push(e.constructor.name); }
print(log.join(','), Array.from(items).length, Array.from(5).length, Array.from(true).length);
print(Array.from.name, Array.of.name, Array.from.length, Array.of.length);"#;
    assert_eq!(lines(src), ["TypeError,TypeError,TypeError,TypeError,TypeError 0 0 0", "from of 1 0",]);
}

/// Generators: early exit through a throwing mapper runs finally blocks.
#[test]
fn from_generator() {
    let src = r#"// Generators: early exit through a throwing mapper runs finally blocks.
var log = [];
function* g() { try { yield 1; yield 2; yield 3; } finally { log.push('finally'); } }
try { Array.from(g(), v => { if (v === 2) throw 'stop'; return v; }); } catch (e) { log.push(e); }
var acc = [];
var r = Array.from(g(), v => { acc.push(v); return acc.length; });
print(log.join(','), r.join(), acc.join());"#;
    assert_eq!(lines(src), ["finally,stop,finally 1,2,3 1,2,3",]);
}

/// Array.from closes the iterator when the mapper throws; closures capture the counter.
#[test]
fn from_iter_closing() {
    let src = r#"// Array.from closes the iterator when the mapper throws; closures capture the counter.
var log = [];
function makeIter(n) {
  var i = 0;
  return {
    [Symbol.iterator]() { log.push('iter'); return this; },
    next() { i++; log.push('next' + i); return { value: i, done: i > n }; },
    return() { log.push('return'); return {}; }
  };
}
var calls = 0;
try {
  Array.from(makeIter(5), function (v, k) { calls++; if (v === 3) throw new Error('boom' + k); return v; });
} catch (e) { log.push(e.message); }
print(log.join(','), calls);"#;
    assert_eq!(lines(src), ["iter,next1,next2,next3,return,boom2 3",]);
}

/// Normal completion does not call return; mapper gets (value, index) and thisArg.
#[test]
fn from_iter_normal() {
    let src = r#"// Normal completion does not call return; mapper gets (value, index) and thisArg.
var log = [];
var it = {
  i: 0,
  [Symbol.iterator]() { return this; },
  next() { this.i++; return { value: 'v' + this.i, done: this.i > 3 }; },
  return() { log.push('return called'); return {}; }
};
var ctx = { tag: 'T' };
var r = Array.from(it, function (v, k) { log.push(this.tag + v + k + arguments.length); return v.toUpperCase(); }, ctx);
print(r.join(), r.length, log.join('|'));"#;
    assert_eq!(lines(src), ["V1,V2,V3 3 Tv102|Tv212|Tv322",]);
}

/// The final Set(A, "length", len, true) goes through a setter on the constructed object.
#[test]
fn from_length_setter() {
    let src = r#"// The final Set(A, "length", len, true) goes through a setter on the constructed object.
var log = [];
function C() { return { set length(v) { log.push('set length ' + v); } }; }
var r = Array.from.call(C, [5, 6]);
print(r[0], r[1], log.join());
function D() { Object.defineProperty(this, 'length', { value: 0, writable: false }); }
try { Array.from.call(D, [1]); } catch (e) { print(e.constructor.name); }
try { Array.of.call(D, 1); } catch (e) { print(e.constructor.name); }"#;
    assert_eq!(lines(src), ["5 6 set length 2", "TypeError", "TypeError",]);
}

/// A throwing next() does not close the iterator; a throwing value getter neither.
#[test]
fn from_next_throws() {
    let src = r#"// A throwing next() does not close the iterator; a throwing value getter neither.
var log = [];
var it = { [Symbol.iterator]() { return this; }, next() { throw new RangeError('n'); }, return() { log.push('closed'); return {}; } };
try { Array.from(it); } catch (e) { log.push(e.constructor.name); }
var it2 = { [Symbol.iterator]() { return this; }, next() { return { get value() { throw new SyntaxError('v'); }, done: false }; }, return() { log.push('closed2'); return {}; } };
try { Array.from(it2, x => x); } catch (e) { log.push(e.constructor.name); }
print(log.join(','));"#;
    assert_eq!(lines(src), ["RangeError,SyntaxError",]);
}

/// GetMethod(items, @@iterator) happens before Construct(C); the iterator method after it.
#[test]
fn from_order() {
    let src = r#"// GetMethod(items, @@iterator) happens before Construct(C); the iterator method after it.
var log = [];
function C() { log.push('construct ' + arguments.length); }
var items = {
  get [Symbol.iterator]() { log.push('get @@iterator'); return function () { log.push('call @@iterator'); return { next() { log.push('next'); return { done: true }; } }; }; }
};
var r = Array.from.call(C, items);
print(log.join(', '), r.length);
log = [];
var al = { get length() { log.push('length'); return 1; }, get 0() { log.push('get 0'); return 'z'; } };
Array.from.call(C, al, function (v) { log.push('map ' + v); return v; });
print(log.join(', '));
function Bad() { throw new URIError('ctor'); }
log = [];
try { Array.from.call(Bad, items); } catch (e) { log.push(e.constructor.name); }
print(log.join(', '));"#;
    assert_eq!(
        lines(src),
        [
            "get @@iterator, construct 0, call @@iterator, next 0",
            "length, construct 1, get 0, map z",
            "get @@iterator, URIError",
        ]
    );
}

#[test]
fn from_string_and_map() {
    let src = r#"print(Array.from('héllo', c => c.toUpperCase()).join('-'));
var m = new Map([[1, 'a'], [2, 'b']]);
print(JSON.stringify(Array.from(m)), JSON.stringify(Array.from(m.keys(), k => k * 2)), JSON.stringify(Array.from(new Set('aabbc'))));
var args = (function () { return Array.from(arguments); })(1, 2, 3);
print(args.join(), Array.isArray(args));"#;
    assert_eq!(lines(src), ["H-É-L-L-O", "[[1,\"a\"],[2,\"b\"]] [2,4] [\"a\",\"b\",\"c\"]", "1,2,3 true",]);
}

#[test]
fn json_deep() {
    let src = r#"var depth = 500;
var text = '['.repeat(depth) + '1' + ']'.repeat(depth);
var v = JSON.parse(text);
var d = 0; while (Array.isArray(v)) { v = v[0]; d++; }
print(d, v);
var count = 0;
JSON.parse(text, function (k, x) { count++; return x; });
print(count);
var o = JSON.parse('{"a":'.repeat(300) + 'null' + '}'.repeat(300));
var n = 0; while (o && typeof o === 'object') { o = o.a; n++; } print(n);"#;
    assert_eq!(lines(src), ["500 1", "501", "300",]);
}

#[test]
fn json_grammar() {
    let src = r#"var cases = ['[1,]', '[,1]', '{,}', '{"a":1,}', "{'a':1}", '{a:1}', '"\\u00"', '"\\uZZZZ"', '"\\a"', '"a\nb"', '"\u0000"', '"\u001f"', '"\u007f"', '00', '-01', '1.e5', '1e', '1e+', '-', '--1', '+1', '0x10', '.1', '1.5E-3', '1E+2', ' \t\n\r1\r\n\t ', '\u00a01', '1\u00a0', 'true ', ' null', 'TRUE', 'undefined', '[1 2]', '{"a" 1}', '{"a":1 "b":2}', '"\\/"', '[]', '{}', ' [ ] ', '[[[]]]', '"\\uD83D\\uDE00"', '{"":""}', '\ufeff1'];
for (var c of cases) {
  try { var v = JSON.parse(c); print(JSON.stringify(c), '->', typeof v, JSON.stringify(v)); }
  catch (e) { print(JSON.stringify(c), e.constructor.name); }
}"#;
    assert_eq!(
        lines(src),
        [
            "\"[1,]\" SyntaxError",
            "\"[,1]\" SyntaxError",
            "\"{,}\" SyntaxError",
            "\"{\\\"a\\\":1,}\" SyntaxError",
            "\"{'a':1}\" SyntaxError",
            "\"{a:1}\" SyntaxError",
            "\"\\\"\\\\u00\\\"\" SyntaxError",
            "\"\\\"\\\\uZZZZ\\\"\" SyntaxError",
            "\"\\\"\\\\a\\\"\" SyntaxError",
            "\"\\\"a\\nb\\\"\" SyntaxError",
            "\"\\\"\\u0000\\\"\" SyntaxError",
            "\"\\\"\\u001f\\\"\" SyntaxError",
            "\"\\\"\u{7f}\\\"\" -> string \"\u{7f}\"",
            "\"00\" SyntaxError",
            "\"-01\" SyntaxError",
            "\"1.e5\" SyntaxError",
            "\"1e\" SyntaxError",
            "\"1e+\" SyntaxError",
            "\"-\" SyntaxError",
            "\"--1\" SyntaxError",
            "\"+1\" SyntaxError",
            "\"0x10\" SyntaxError",
            "\".1\" SyntaxError",
            "\"1.5E-3\" -> number 0.0015",
            "\"1E+2\" -> number 100",
            "\" \\t\\n\\r1\\r\\n\\t \" -> number 1",
            "\" 1\" SyntaxError",
            "\"1 \" SyntaxError",
            "\"true \" -> boolean true",
            "\" null\" -> object null",
            "\"TRUE\" SyntaxError",
            "\"undefined\" SyntaxError",
            "\"[1 2]\" SyntaxError",
            "\"{\\\"a\\\" 1}\" SyntaxError",
            "\"{\\\"a\\\":1 \\\"b\\\":2}\" SyntaxError",
            "\"\\\"\\\\/\\\"\" -> string \"/\"",
            "\"[]\" -> object []",
            "\"{}\" -> object {}",
            "\" [ ] \" -> object []",
            "\"[[[]]]\" -> object [[[]]]",
            "\"\\\"\\\\uD83D\\\\uDE00\\\"\" -> string \"😀\"",
            "\"{\\\"\\\":\\\"\\\"}\" -> object {\"\":\"\"}",
            "\"\u{feff}1\" SyntaxError",
        ]
    );
}

#[test]
fn json_lone_then_error() {
    let src = r#"try { JSON.parse('["\\ud800",]'); } catch (e) { print(e.constructor.name); }"#;
    assert_eq!(lines(src), ["SyntaxError",]);
}

#[test]
fn json_numbers() {
    let src = r#"var nums = ['0', '-0', '1e400', '-1e400', '1e-400', '0.1', '123456789012345678901234567890', '9007199254740993', '2.2250738585072011e-308', '4.9e-324', '2e-324', '1.7976931348623157e308', '1.7976931348623159e308', '0.30000000000000004', '5e-324', '-0.0', '0e0', '1E2', '1e-7', '12345678901234567890e-30'];
for (var n of nums) { var v = JSON.parse(n); print(n, v, 1 / v === -Infinity ? 'neg zero' : ''); }"#;
    assert_eq!(
        lines(src),
        [
            "0 0 ",
            "-0 0 neg zero",
            "1e400 Infinity ",
            "-1e400 -Infinity ",
            "1e-400 0 ",
            "0.1 0.1 ",
            "123456789012345678901234567890 1.2345678901234568e+29 ",
            "9007199254740993 9007199254740992 ",
            "2.2250738585072011e-308 2.225073858507201e-308 ",
            "4.9e-324 5e-324 ",
            "2e-324 0 ",
            "1.7976931348623157e308 1.7976931348623157e+308 ",
            "1.7976931348623159e308 Infinity ",
            "0.30000000000000004 0.30000000000000004 ",
            "5e-324 5e-324 ",
            "-0.0 0 neg zero",
            "0e0 0 ",
            "1E2 100 ",
            "1e-7 1e-7 ",
            "12345678901234567890e-30 1.2345678901234568e-11 ",
        ]
    );
}

/// Parsed data fed to closures that capture and mutate a shared counter.
#[test]
fn json_parse_then_closures() {
    let src = r#"// Parsed data fed to closures that capture and mutate a shared counter.
var data = JSON.parse('[{"n":1},{"n":2},{"n":3}]');
var sum = 0;
var adders = data.map(d => () => (sum += d.n));
adders.forEach(f => f()); adders[2]();
print(sum, data.flatMap(d => [d.n, -d.n]).join(), data.at(-1).n, data.findLast(d => d.n < 3).n);"#;
    assert_eq!(lines(src), ["9 1,-1,2,-2,3,-3 3 2",]);
}

#[test]
fn json_proto_dup() {
    let src = r#"var o = JSON.parse('{"__proto__": [], "x": 1}');
print(Array.isArray(o.__proto__), Object.getPrototypeOf(o) === Object.prototype, Object.keys(o).join(), o instanceof Array);
var d = JSON.parse('{"b":1,"a":2,"b":3,"10":4,"2":5}');
print(Object.keys(d).join(), d.b, JSON.stringify(d));
var r = JSON.parse('{"__proto__":1}', function (k, v) { return v; });
print(Object.keys(r).join(), Object.getPrototypeOf(r) === Object.prototype);"#;
    assert_eq!(
        lines(src),
        ["true true __proto__,x false", "2,10,b,a 3 {\"2\":5,\"10\":4,\"b\":3,\"a\":2}", "__proto__ true",]
    );
}

/// A reviver scheduling microtasks: they run after JSON.parse returns, in order.
#[test]
fn json_reviver_async() {
    let src = r#"// A reviver scheduling microtasks: they run after JSON.parse returns, in order.
var log = [];
var r = JSON.parse('[1,2]', function (k, v) {
  Promise.resolve(k).then(x => log.push('job ' + JSON.stringify(x)));
  log.push('rev ' + k);
  return v;
});
log.push('parsed ' + JSON.stringify(r));
Promise.resolve().then(() => print(log.join(' | ')));"#;
    assert_eq!(lines(src), ["rev 0 | rev 1 | rev  | parsed [1,2] | job \"0\" | job \"1\" | job \"\"",]);
}

/// The reviver captures and mutates outer state and stores closures for later.
#[test]
fn json_reviver_closures() {
    let src = r#"// The reviver captures and mutates outer state and stores closures for later.
var total = 0;
var later = [];
var r = JSON.parse('{"a":1,"b":{"c":2,"d":3}}', (k, v) => {
  if (typeof v === 'number') { total += v; later.push(() => k + '=' + v + '/' + total); return v * 100; }
  return v;
});
print(total, JSON.stringify(r), later.map(f => f()).join(' '));
total = 0; print(later[0]());"#;
    assert_eq!(lines(src), ["6 {\"a\":100,\"b\":{\"c\":200,\"d\":300}} a=1/6 c=2/6 d=3/6", "a=1/0",]);
}

#[test]
fn json_reviver_delete() {
    let src = r#"var calls = 0;
var r = JSON.parse('[1,2,3,{"keep":1,"drop":2}]', function (k, v) {
  calls++;
  if (v === 2 || k === 'drop') return undefined;
  return v;
});
print(JSON.stringify(r), r.length, 1 in r, calls, Object.keys(r[3]).join());
print(JSON.parse('5', () => undefined));"#;
    assert_eq!(lines(src), ["[1,null,3,{\"keep\":1}] 4 false 7 keep", "undefined",]);
}

/// Arrays walk indices up to the length (holes included after deletion).
#[test]
fn json_reviver_holes_arrays() {
    let src = r#"// Arrays walk indices up to the length (holes included after deletion).
var seen = [];
var r = JSON.parse('[[1,2],[3]]', function (k, v) {
  seen.push(k + '=' + JSON.stringify(v));
  if (k === '0' && Array.isArray(v) && v.length === 2) { v.length = 5; }
  return v;
});
print(seen.join(' '), JSON.stringify(r));"#;
    assert_eq!(lines(src), ["0=1 1=2 0=[1,2] 0=3 1=[3] =[[1,2,null,null,null],[3]] [[1,2,null,null,null],[3]]",]);
}

/// The reviver mutates the holder: keys listed before the walk; added keys are not visited,
#[test]
fn json_reviver_mutation() {
    let src = r#"// The reviver mutates the holder: keys listed before the walk; added keys are not visited,
// removed keys are still visited (reading undefined).
var seen = [];
var r = JSON.parse('{"a":1,"b":2,"c":3}', function (k, v) {
  seen.push(k + ':' + v);
  if (k === 'a') { delete this.b; this.z = 26; }
  return v;
});
print(seen.join(' '), JSON.stringify(r));
var seen2 = [];
var r2 = JSON.parse('[10,20,30]', function (k, v) {
  seen2.push(k + ':' + v);
  if (k === '0') { this.length = 1; }
  return v;
});
print(seen2.join(' '), JSON.stringify(r2));"#;
    assert_eq!(
        lines(src),
        ["a:1 b:undefined c:3 :[object Object] {\"a\":1,\"c\":3,\"z\":26}", "0:10 1:undefined 2:undefined :10 [10]",]
    );
}

/// Deletion and redefinition failures are ignored.
#[test]
fn json_reviver_nonconfig() {
    let src = r#"// Deletion and redefinition failures are ignored.
var r = JSON.parse('{"a":1,"b":2}', function (k, v) {
  if (k === 'a') Object.defineProperty(this, 'b', { value: 'locked', writable: false, configurable: false });
  if (k === 'b') return undefined;
  if (k === 'a') return 'A';
  return v;
});
print(JSON.stringify(r), Object.getOwnPropertyDescriptor(r, 'b').value);
var r2 = JSON.parse('[1,2]', function (k, v) {
  if (k === '0') Object.freeze(this);
  return k === '' ? v : v * 10;
});
print(JSON.stringify(r2));"#;
    assert_eq!(lines(src), ["{\"a\":\"A\",\"b\":\"locked\"} locked", "[1,2]",]);
}

#[test]
fn json_reviver_order() {
    let src = r#"var order = [];
var result = JSON.parse('{"a":{"x":1,"y":[true,false]},"b":[{"z":null}],"2":"two","1":"one"}', function (k, v) {
  order.push(k + (Array.isArray(this) ? '@arr' : '@obj'));
  return v;
});
print(order.join(' '));
print(JSON.stringify(result));"#;
    assert_eq!(
        lines(src),
        [
            "1@obj 2@obj x@obj 0@arr 1@arr y@obj a@obj z@obj 0@arr b@obj @obj",
            "{\"1\":\"one\",\"2\":\"two\",\"a\":{\"x\":1,\"y\":[true,false]},\"b\":[{\"z\":null}]}",
        ]
    );
}

/// Replacing a sibling with a fresh object makes the walk descend into it.
#[test]
fn json_reviver_replace() {
    let src = r#"// Replacing a sibling with a fresh object makes the walk descend into it.
var seen = [];
var r = JSON.parse('{"a":1,"b":2}', function (k, v) {
  seen.push(k);
  if (k === 'a') this.b = { inner: [1, 2] };
  return v;
});
print(seen.join(','), JSON.stringify(r));"#;
    assert_eq!(lines(src), ["a,0,1,inner,b, {\"a\":1,\"b\":{\"inner\":[1,2]}}",]);
}

#[test]
fn json_reviver_throw() {
    let src = r#"var seen = [];
try {
  JSON.parse('{"a":[1,2,3],"b":4}', function (k, v) { seen.push(k); if (k === '1') throw new EvalError('stop'); return v; });
} catch (e) { seen.push(e.constructor.name); }
print(seen.join());
var t = JSON.parse('{"x":1}', 42);
print(t.x, JSON.parse('[1]', null)[0], JSON.parse('"s"', {}));"#;
    assert_eq!(lines(src), ["0,1,EvalError", "1 1 s",]);
}

#[test]
fn json_root_holder() {
    let src = r#"var holders = [];
var r = JSON.parse('{"a":[1]}', function (k, v) {
  holders.push(k + ':' + JSON.stringify(Object.keys(this)) + ':' + (Object.getPrototypeOf(this) === Object.prototype || Array.isArray(this)));
  if (k === '') return [this[''] === v, typeof v];
  return v;
});
print(holders.join(' '), JSON.stringify(r));"#;
    assert_eq!(lines(src), ["0:[\"0\"]:true a:[\"a\"]:true :[\"\"]:true [true,\"object\"]",]);
}

#[test]
fn json_strings() {
    let src = r#"var s = JSON.parse('"a\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\\u0041\\u00e9\\u4e2d\\ud83d\\ude00 \u00e9\u4e2d😀"');
print(s.length, JSON.stringify(s));
print(JSON.parse('"\\u2028\\u2029"').length, JSON.parse('{"\\u0061":1}').a);"#;
    assert_eq!(lines(src), ["27 \"a\\\"b\\\\c/d\\be\\ff\\ng\\rh\\tiAé中😀 é中😀\"", "2 1",]);
}

#[test]
fn json_tostring_text() {
    let src = r#"var log = [];
var text = { toString() { log.push('toString'); return '[1,{"a":2}]'; } };
var r = JSON.parse(text, function (k, v) { log.push('rev ' + k); return v; });
print(JSON.stringify(r), log.join(','));
print(JSON.parse(123), JSON.parse(null), JSON.parse(true), JSON.parse.length, JSON.parse.name);
try { JSON.parse(); } catch (e) { print(e.constructor.name); }
try { JSON.parse({}); } catch (e) { print(e.constructor.name); }"#;
    assert_eq!(
        lines(src),
        ["[1,{\"a\":2}] toString,rev 0,rev a,rev 1,rev ", "123 null true 2 parse", "SyntaxError", "SyntaxError",]
    );
}

#[test]
fn of_closures() {
    let src = r#"var counter = 0;
var fs = Array.of(() => ++counter, () => counter * 10, function () { return this.length; });
print(fs[0](), fs[0](), fs[1](), fs[2].call([1, 2, 3]), Array.of(undefined).length, 0 in Array.of(undefined));
var bound = Array.of.bind(null);
print(bound(1, 2).length, Array.isArray(bound(1)));"#;
    assert_eq!(lines(src), ["1 2 20 3 1 true", "2 true",]);
}

#[test]
fn toreversed_probe() {
    let src = r#"var log = [];
var o = { length: 3, get 0() { log.push('g0'); return 'a'; }, get 2() { log.push('g2'); return 'c'; } };
var r = Array.prototype.toReversed.call(o);
print(JSON.stringify(r), r.hasOwnProperty(1), log.join());
var a = [1, 2, 3];
var b = a.toReversed();
print(a.join(), b.join(), a === b, Array.prototype.toReversed.length);
try { Array.prototype.toReversed.call({ length: 2 ** 32 }); } catch (e) { print(e.constructor.name); }
class S extends Array {}
print(S.from([1]).toReversed() instanceof S);"#;
    assert_eq!(lines(src), ["[\"c\",null,\"a\"] true g2,g0", "1,2,3 3,2,1 false 0", "RangeError", "false",]);
}

#[test]
fn tospliced_probe() {
    let src = r#"var a = [1, 2, 3, 4, 5];
print(a.toSpliced(1, 2).join(), a.toSpliced(1).join(), a.toSpliced().join(), a.toSpliced(-2, 1, 'x', 'y').join(), a.toSpliced(10, 1, 'z').join(), a.join());
print(JSON.stringify([1, , 3].toSpliced(0, 0)), a.toSpliced(undefined, undefined).join(), a.toSpliced(2, -5, 'k').join(), a.toSpliced(2, Infinity).join());
var log = [];
var o = { length: 4, get 0() { log.push('g0'); return 0; }, get 1() { log.push('g1'); return 1; }, get 2() { log.push('g2'); return 2; }, get 3() { log.push('g3'); return 3; } };
print(Array.prototype.toSpliced.call(o, 1, 2, 'n').join(), log.join());
print(Array.prototype.toSpliced.length);
try { Array.prototype.toSpliced.call({ length: 2 ** 53 - 1 }, 0, 0, 1); } catch (e) { print(e.constructor.name); }
try { Array.prototype.toSpliced.call({ length: 2 ** 32 }, 0, 0); } catch (e) { print(e.constructor.name); }"#;
    assert_eq!(
        lines(src),
        [
            "1,4,5 1 1,2,3,4,5 1,2,3,x,y,5 1,2,3,4,5,z 1,2,3,4,5",
            "[1,null,3] 1,2,3,4,5 1,2,k,3,4,5 1,2",
            "0,n,3 g0,g3",
            "2",
            "TypeError",
            "RangeError",
        ]
    );
}

#[test]
fn with_probe() {
    let src = r#"var log = [];
var arr = [1, , 3];
var r = arr.with(1, 'two');
print(JSON.stringify(r), JSON.stringify(arr.with(-1, 'last')), JSON.stringify(arr.with(0, undefined)));
for (const bad of [3, -4, Infinity, -Infinity]) {
  try { arr.with(bad, 0); print('ok'); } catch (e) { print(bad, e.constructor.name); }
}
var o = { length: 2, get 0() { log.push('get0'); return 'x'; }, get 1() { log.push('get1'); return 'y'; } };
print(JSON.stringify(Array.prototype.with.call(o, { valueOf() { log.push('index'); return 1; } }, 'Y')), log.join());
print(Array.prototype.with.length, [1, 2].with('1', 5).join(), [1, 2].with(1.9, 7).join());"#;
    assert_eq!(
        lines(src),
        [
            "[1,\"two\",3] [1,null,\"last\"] [null,null,3]",
            "3 RangeError",
            "-4 RangeError",
            "Infinity RangeError",
            "-Infinity RangeError",
            "[\"x\",\"Y\"] index,get0",
            "2 1,5 1,7",
        ]
    );
}

#[test]
fn lengths_and_names_of_the_new_functions() {
    let src = r#"var fs = [Array.from, Array.of, JSON.parse, [].at, [].findLast, [].findLastIndex, [].fill, [].copyWithin, [].flat, [].flatMap, [].toReversed, [].toSpliced, [].with];
print(fs.map(f => f.name + '/' + f.length).join(' '));
var d = Object.getOwnPropertyDescriptor(Array.prototype, 'flat');
print(d.writable, d.enumerable, d.configurable, typeof Object.getOwnPropertyDescriptor(Array, 'from').value);"#;
    assert_eq!(
        lines(src),
        [
            "from/1 of/0 parse/2 at/1 findLast/1 findLastIndex/1 fill/1 copyWithin/2 flat/0 flatMap/1 toReversed/0 toSpliced/2 with/2",
            "true false true function",
        ]
    );
}

/// `sort`, `toSorted` (comparator call order is implementation-defined), `toLocaleString`,
/// `Array.fromAsync` and `JSON.rawJSON`/`isRawJSON` stay refused.
#[test]
fn what_is_not_implemented_is_refused() {
    for (source, feature) in [
        ("print([3, 1, 2].toSorted().join())", "toSorted"),
        ("print(typeof [].toSorted)", "toSorted"),
        ("print([2, 1].sort((a, b) => a - b))", "sort"),
        ("print([1].toLocaleString())", "toLocaleString"),
        ("print(typeof Array.fromAsync)", "fromAsync"),
        ("print(JSON.rawJSON('1'))", "rawJSON"),
        ("print('isRawJSON' in JSON)", "isRawJSON"),
    ] {
        refused(source, feature);
    }
}

/// ES2026 passes revivers a third argument (the source text context); ES2025 and node 20 pass
/// two. A reviver that could read a third one is refused.
#[test]
fn revivers_that_may_read_a_third_argument_are_refused() {
    for source in [
        "JSON.parse('[1]', function (k, v) { return arguments.length; })",
        "JSON.parse('[1]', function (k, v, context) { return v; })",
        "JSON.parse('[1]', (k, ...rest) => rest.length)",
        "JSON.parse('[1]', (k, v = 0) => v)",
        "JSON.parse('[1]', function (k, v) { return eval('v'); })",
        "JSON.parse('[1]', print)",
        "JSON.parse('[1]', function (k, v) { return v; }.bind(null))",
    ] {
        refused(source, "third argument");
    }
    // Without a call of the reviver (a syntax error first) nothing is refused.
    let out = run("JSON.parse('[1,]', function (a, b, c) {})", &Limits::default());
    assert_eq!(out.completion, Completion::Threw { constructor: "SyntaxError".into() });
    // Two plain parameters (or fewer) are fine.
    assert_eq!(lines("print(JSON.stringify(JSON.parse('[1,2]', (k) => 7)))"), ["7"]);
}

/// A `\u` escape of a lone surrogate makes a string this interpreter cannot hold: the program is
/// refused, unless the text is not valid JSON anyway (a SyntaxError, as node throws).
#[test]
fn lone_surrogate_escapes_are_refused_after_the_syntax_check() {
    refused("var s = JSON.parse('\"\\\\ud800\"'); print(s.length)", "lone surrogate");
    refused("JSON.parse('[\"\\\\udc00\\\\ud800\"]')", "lone surrogate");
    assert_eq!(
        lines("try { JSON.parse('[\"\\\\ud800\",]') } catch (e) { print(e.constructor.name) }"),
        ["SyntaxError"]
    );
    assert_eq!(lines("print(JSON.parse('\"\\\\ud83d\\\\ude00\"').length)"), ["2"]);
}

/// Nesting beyond what the native recursion allows ends the run as out of stack, never a crash.
#[test]
fn very_deep_nesting_exhausts_the_stack() {
    let src = "var t = '['.repeat(20000) + ']'.repeat(20000); JSON.parse(t);";
    assert_eq!(run(src, &Limits::default()).completion, Completion::Exhausted(interpreter::Resource::Stack));
    let src = "var a = []; for (var i = 0; i < 20000; i++) a = [a]; a.flat(Infinity);";
    assert_eq!(run(src, &Limits::default()).completion, Completion::Exhausted(interpreter::Resource::Stack));
}
