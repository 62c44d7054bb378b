// Since ES2023 a symbol that is not in the global symbol registry can be held weakly
// (CanBeHeldWeakly, 9.13): it may be a WeakMap key or WeakSet value, a WeakRef target or a
// FinalizationRegistry target. Well-known symbols qualify; a Symbol.for symbol does not and gives a
// TypeError. The symbols here stay referenced, so no answer depends on garbage collection.
var s = Symbol("k");
function attempt(label, f) { try { print(label, f()); } catch (e) { print(label, e.name); } }
attempt("weakmap", function () { var w = new WeakMap(); w.set(s, 1); return w.get(s) + " " + w.has(s); });
attempt("weakset", function () { var w = new WeakSet(); w.add(s); return w.has(s); });
attempt("weakref", function () { return new WeakRef(s).deref() === s; });
attempt("registry", function () { new FinalizationRegistry(function () {}).register(s, 1); return "ok"; });
attempt("well-known", function () { return new WeakMap().set(Symbol.iterator, 2).get(Symbol.iterator); });
attempt("registered key", function () { return new WeakMap().set(Symbol.for("k"), 3).has(Symbol.for("k")); });
attempt("registered target", function () { return typeof new WeakRef(Symbol.for("k")); });
// private state keyed by a symbol, reached only through a closure
var tag = (function () {
  var store = new WeakMap();
  return function (key, value) { if (value !== undefined) store.set(key, value); return store.get(key); };
})();
attempt("closure store", function () { var id = Symbol("id"); tag(id, "secret"); return tag(id); });
