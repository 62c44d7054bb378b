// default expressions are evaluated on every call that needs them, creating fresh objects and closures
var calls = 0;
function next() { calls++; return calls; }
function f(a = next(), list = []) {
  list.push(a);
  return list.length + ":" + a;
}
print(f(), f(), f(10), f(), "calls", calls);
function counterFactory(start = 0, inc = function () { return ++start; }) {
  return inc;
}
var c1 = counterFactory();
var c2 = counterFactory(100);
print("c1", c1(), c1(), "c2", c2(), "c1", c1());
function nullVsUndefined(v = "default") { return v; }
print("undefined", nullVsUndefined(undefined), "null", nullVsUndefined(null), "zero", nullVsUndefined(0));
function len(a, b = 1, c) {}
print("length", len.length, (function (a, b) {}).length, ((x = 1) => x).length);
