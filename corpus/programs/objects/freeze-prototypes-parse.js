// Object.freeze/seal/setPrototypeOf/assign/entries, parseInt/parseFloat, Number predicates
print(parseInt("  42px"), parseInt("0x1F"), parseInt("-10", 2), parseInt("z", 36), parseInt(""), parseInt("12", 1), parseInt("0.9"), parseInt("-0"));
print(parseFloat("3.14abc"), parseFloat(".5"), parseFloat("-Infinityx"), parseFloat("1e3x"), parseFloat("1e"), parseFloat("5."), parseFloat("abc"));
var o = Object.freeze({a: 1, n: {b: 2}}); o.a = 5; o.n.b = 3; print(o.a, o.n.b, Object.isFrozen(o), Object.isSealed(o), Object.isExtensible(o));

var p = Object.setPrototypeOf({}, {inherited: "yes"}); print(p.inherited, Object.is(NaN, NaN), Object.is(0, -0));
print(JSON.stringify(Object.assign({}, {x: 1}, null, {y: 2})), JSON.stringify(Object.entries({a: 1, b: [2]})), Object.values({q: 3}));
try { Object.setPrototypeOf(Object.prototype, {}); } catch (e) { print(e.name); }
var cyc = {}; try { Object.setPrototypeOf(Object.prototype, cyc); } catch (e) { print("cycle", e.name); }
print(Number.isInteger(5), Number.isInteger(5.5), Number.isSafeInteger(2 ** 53), Number.parseInt === parseInt);
