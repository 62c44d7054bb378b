// short-circuit &&, ||, ??, ?: and ?. decide which closures run; the comma operator evaluates left to right
var calls = [];
function mark(name, value) {
  return function () { calls.push(name); return value; };
}
var t = mark("t", true), f = mark("f", false), z = mark("z", 0), s = mark("s", "str");
print("and", f() && t(), "or", z() || s(), "and2", t() && s());
print("calls", calls.join(","));
calls = [];
var r = t() ? mark("then", 1)() : mark("else", 2)();
print("ternary", r, calls.join(","));
calls = [];
var c = (t(), f(), s());
print("comma", c, calls.join(","));
var n = null;
print("optional", n?.missing, typeof n?.x, mark("q", "called")?.());
print("nullish", null ?? "default", 0 ?? "unused", undefined ?? mark("n", "lazy")());
