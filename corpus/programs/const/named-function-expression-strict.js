// strict: assigning to a named function expression's own name throws TypeError
"use strict";
var f = function fact(n) {
  try {
    fact = 1;
    return "no error";
  } catch (e) {
    return e.name + " " + (typeof fact);
  }
};
print("strict assign", f());
var g = function loop(n) {
  if (n > 0) return loop(n - 1) + 1;
  return 0;
};
var alias = g;
g = null;
print("recursion uses the name binding", alias(3));
var nested = (function () {
  return function named() { named = 0; return typeof named; };
})();
print("nested function is strict too", (function () { try { return nested(); } catch (e) { return e.name; } })());
