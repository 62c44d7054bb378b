//! Symbols: values, keys, the registry, and the well-known symbols that drive iteration,
//! `instanceof`, conversion to primitives, `Object.prototype.toString` and `with`. The expected lines
//! are node's output for the same program.

use interpreter::{run, Completion, Limits};

fn lines(source: &str) -> Vec<String> {
    let out = run(source, &Limits::default());
    assert_eq!(out.completion, Completion::Normal, "program: {source}\nprinted: {:?}", out.printed);
    out.printed
}

#[test]
fn symbols_behave_like_node() {
    let source = r#"
const s = Symbol('foo'), t = Symbol();
print(typeof s, s.description, t.description, s.toString(), String(t), s === s, s === Symbol('foo'));
print(Symbol.for('k') === Symbol.for('k'), Symbol.keyFor(Symbol.for('k')), Symbol.keyFor(s));
try { s + '' } catch (e) { print(e.constructor.name) }
try { `${s}` } catch (e) { print(e.constructor.name) }
try { +s } catch (e) { print(e.constructor.name) }
try { new Symbol() } catch (e) { print(e.constructor.name) }
const o = { [s]: 1, a: 2, [t]() { return 3 } };
print(o[s], o[t](), o[t].name, s in o, Object.keys(o).join(), Object.getOwnPropertyNames(o).join(), Object.getOwnPropertySymbols(o).length);
for (const k in o) print('key', k);
o[Symbol.for('x')] = 4; delete o[s]; print(s in o, Object.getOwnPropertySymbols(o).map(String).join());
print(Object.prototype.toString.call(s), Object.prototype.toString.call(new Map()), Object.prototype.toString.call(new Set().values()), Object.prototype.toString.call(function*(){}()), Object.prototype.toString.call({[Symbol.toStringTag]: 'Custom'}));
const it = { from: 1, to: 3, [Symbol.iterator]() { let c = this.from, to = this.to; return { next: () => c <= to ? { value: c++, done: false } : { value: undefined, done: true }, return() { print('closed'); return {}; } }; } };
print([...it].join(), Math.max(...it));
for (const x of it) { if (x == 2) break; print('x', x); }
const [a, b] = it; print(a, b);
function* g() { const r = yield* it; print('r', r); }
print([...g()].join());
class C { static [Symbol.hasInstance](v) { return v === 1; } }
print(1 instanceof C, 2 instanceof C);
const prim = { [Symbol.toPrimitive](h) { return h === 'number' ? 42 : h === 'string' ? 'str' : 'def'; } };
print(+prim, `${prim}`, prim + '', prim == 'def');
const arr = [1, 2]; const ai = arr[Symbol.iterator](); print(ai.next().value, [...arr.entries()].join('|'), [...arr.keys()].join(), Object.prototype.toString.call(ai));
print([...'ab'].join('-'), [...new Map([[1, 2]])].join(), [...new Set([5])].join());
with ({ x: 1, [Symbol.unscopables]: { x: true } }) { try { print(x) } catch (e) { print(e.constructor.name) } }
var values = 'outer'; with ([]) { print(values); }
class K { [Symbol.iterator]() { return [7][Symbol.iterator](); } static [s] = 9; }
print([...new K()].join(), K[s]);
print(JSON.stringify({ a: s, [s]: 1, b: [s] }));
const ws = new WeakMap(); const key = Symbol('w'); ws.set(key, 1); print(ws.get(key));
try { ws.set(Symbol.for('r'), 1) } catch (e) { print(e.constructor.name) }
print(Object(s) == s, typeof Object(s), Object(s).description);
function args() { return [...arguments].join(); } print(args(1, 2, 3));
print(Object.getOwnPropertyNames(Symbol.prototype).join(), Symbol.iterator.toString());
print(Object.assign({}, { [s]: 5 })[s], { ...{ [s]: 6 } }[s]);
const fz = Object.freeze({ [s]: 1 }); print(Object.isFrozen(fz), Object.getOwnPropertyDescriptor(fz, s).writable);
"#;
    let expected = [
        "symbol foo undefined Symbol(foo) Symbol() true false",
        "true k undefined",
        "TypeError",
        "TypeError",
        "TypeError",
        "TypeError",
        "1 3  true a a 2",
        "key a",
        "false Symbol(),Symbol(x)",
        "[object Symbol] [object Map] [object Set Iterator] [object Generator] [object Custom]",
        "1,2,3 3",
        "x 1",
        "closed",
        "closed",
        "1 2",
        "r undefined",
        "1,2,3",
        "true false",
        "42 str def true",
        "1 0,1|1,2 0,1 [object Array Iterator]",
        "a-b 1,2 5",
        "ReferenceError",
        "outer",
        "7 9",
        "{\"b\":[null]}",
        "1",
        "TypeError",
        "true object foo",
        "1,2,3",
        "constructor,toString,valueOf,description Symbol(Symbol.iterator)",
        "5 6",
        "true false",
    ];
    let printed = lines(source);
    for (i, (got, want)) in printed.iter().zip(expected.iter()).enumerate() {
        assert_eq!(got, want, "line {i}");
    }
    assert_eq!(printed.len(), expected.len());
}

#[test]
fn unimplemented_well_known_symbols_are_refused() {
    for name in ["species", "isConcatSpreadable", "split", "replace", "match", "matchAll", "search"] {
        match run(&format!("Symbol.{name}"), &Limits::default()).completion {
            Completion::Unsupported(f) => assert!(f.contains(name), "{f}"),
            other => panic!("Symbol.{name}: {other:?}"),
        }
    }
}

#[test]
fn symbols_are_collectable_unless_registered() {
    let source = "let w; (function () { const s = Symbol('gone'); w = new WeakRef(s); })();
                  const kept = Symbol('kept'); const w2 = new WeakRef(kept);
                  const o = { [Symbol('key')]: {} }; const w3 = new WeakRef(o[Object.getOwnPropertySymbols(o)[0]]);
                  afterGc(() => print(w.deref(), w2.deref() === kept, typeof w3.deref()));
                  try { new WeakRef(Symbol.for('r')); } catch (e) { print(e.constructor.name); }";
    assert_eq!(lines(source), ["TypeError", "undefined true object"]);
}

#[test]
fn user_iterators_are_closed_and_checked() {
    let source = "let log = [];
        const it = { [Symbol.iterator]() { let i = 0; return { next() { log.push('next'); return { value: i++, done: i > 3 }; },
                                                               return() { log.push('return'); return {}; } }; } };
        const [a] = it; print(a, log.join()); log = [];
        try { for (const x of it) throw new Error('boom'); } catch (e) { print(e.message, log.join()); }
        const bad = { [Symbol.iterator]() { return { next() { return 1; } }; } };
        try { for (const x of bad) {} } catch (e) { print(e.constructor.name); }
        try { for (const x of { [Symbol.iterator]: () => 1 }) {} } catch (e) { print(e.constructor.name); }
        try { for (const x of {}) {} } catch (e) { print(e.constructor.name); }
        const noThrow = { [Symbol.iterator]() { return { next: () => ({ value: 1, done: false }), return() { print('closed'); return {}; } }; } };
        function* g() { yield* noThrow; }
        const gen = g(); gen.next();
        try { gen.throw(new Error('x')); } catch (e) { print(e.constructor.name); }";
    assert_eq!(
        lines(source),
        ["0 next,return", "boom next,return", "TypeError", "TypeError", "TypeError", "closed", "TypeError"]
    );
}
