// strict functions get an unmapped arguments object: parameters and arguments are independent
"use strict";
function f(a) {
  a = "param changed";
  print("arguments[0]", arguments[0]);
  arguments[0] = "arguments changed";
  print("a", a);
}
f("original");
try {
  (function () { return arguments.callee; })();
  print("callee read");
} catch (e) {
  print("callee", e.name);
}
print("typeof arguments", (function () { return typeof arguments; })());
