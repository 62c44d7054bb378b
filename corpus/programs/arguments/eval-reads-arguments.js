// direct eval in a function sees the function's arguments object, even when the body never names arguments itself
function count() {
  try { return eval("arguments.length"); } catch (e) { return e.name; }
}
print("count", count(1, 2, 3));
function kind() {
  try { return eval("typeof arguments"); } catch (e) { return e.name; }
}
print("typeof", kind("x"));
function sum(a, b) {
  try { eval("var total = a + b + arguments.length"); return total; } catch (e) { return e.name; }
}
print("var in eval", sum(1, 2));
function mapped(a) {
  try { eval("arguments[0] = 'changed'"); return a; } catch (e) { return e.name; }
}
print("mapped", mapped("original"));
function viaArrow() {
  return () => {
    try { return eval("arguments[1]"); } catch (e) { return e.name; }
  };
}
print("arrow", viaArrow("p", "q")());
function strictCount() {
  "use strict";
  try { return eval("arguments.length"); } catch (e) { return e.name; }
}
print("strict", strictCount(4, 5));
function named() {
  var n = arguments.length;
  return eval("arguments.length") + n;
}
print("named in body", named(1, 2));
