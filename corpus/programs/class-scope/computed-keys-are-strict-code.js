// every part of a class is strict mode code (11.2.2), its computed keys too, although they run in the sloppy code around the class
try { class A { [undeclaredKey = "m"]() {} } print("assignment to an undeclared name: no error"); } catch (e) { print("assignment to an undeclared name", e.name); }
var frozen = Object.freeze({ p: 1 });
try { class B { [frozen.p = 2]() {} } print("write to a frozen property: no error"); } catch (e) { print("write to a frozen property", e.name); }
try { class C { [delete frozen.p]() {} } print("delete of a frozen property: no error"); } catch (e) { print("delete of a frozen property", e.name); }
var named = function self() {
  class D { [self = 0]() {} }
};
try { named(); print("write to a function expression's name: no error"); } catch (e) { print("write to a function expression's name", e.name); }
class E { [eval("var fromEval = 1; 'm'")]() {} }
print("a var of eval in a key stays in the eval:", typeof fromEval);
function thisInKeyFunction() {
  class F { [(function () { return this === undefined ? "strict" : "sloppy"; })()]() {} }
  return Object.getOwnPropertyNames(F.prototype)[1];
}
print("a function made in a key is", thisInKeyFunction());
// the code around the class stays sloppy
sloppyGlobal = "created";
print(sloppyGlobal, frozen.p = 3, frozen.p);
