// A named function expression binds its own name in an environment of its own, as an immutable
// binding created non-strict (15.2.5 InstantiateOrdinaryFunctionExpression). Whether writing to it
// throws is decided by the code doing the write, not by the function expression: SetMutableBinding
// (9.1.1.1.5) throws a TypeError when the assigning reference is strict. So a sloppy function
// expression whose name is assigned from strict code nested inside it must still see a TypeError.
function outcome(write) {
  try { write(); return "no error"; } catch (e) { return e.name; }
}
var strictInner = function g() {
  return outcome(function () { "use strict"; g = 1; }) + " " + typeof g;
};
print("strict inner function", strictInner());
var compound = function g() {
  return outcome(function () { "use strict"; g += 1; }) + " " + typeof g;
};
print("compound assignment", compound());
var increment = function g() {
  return outcome(function () { "use strict"; g++; }) + " " + typeof g;
};
print("increment", increment());
var pattern = function g() {
  return outcome(function () { "use strict"; [g] = [1]; }) + " " + typeof g;
};
print("destructuring target", pattern());
var arrow = function g() {
  return outcome(() => { "use strict"; g = 1; }) + " " + typeof g;
};
print("strict arrow", arrow());
var method = function g() {
  class K { m() { g = 1; } }
  return outcome(() => new K().m()) + " " + typeof g;
};
print("class method", method());
var later = function g() {
  return function () { "use strict"; g = 1; };
};
var kept = later();
print("called after the expression returned", outcome(kept));
var strictEval = function g() {
  return outcome(() => eval('"use strict"; g = 1;')) + " " + typeof g;
};
print("strict direct eval", strictEval());
var sloppyInner = function g() {
  return outcome(function () { g = 1; }) + " " + typeof g;
};
print("sloppy inner function", sloppyInner());
