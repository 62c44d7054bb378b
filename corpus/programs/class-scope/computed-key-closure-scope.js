// a closure created in a computed method key closes over the class scope: it sees the class's inner name and the enclosing bindings
var peek;
function enclosingLet() {
  let secret = "let";
  class A { [peek = () => secret]() {} }
  try { return peek(); } catch (e) { return e.name; }
}
print("enclosing let", enclosingLet());
function parameter(p) {
  class B { static [peek = () => p]() {} }
  try { return peek(); } catch (e) { return e.name; }
}
print("parameter", parameter("arg"));
function counter() {
  let n = 0;
  class C { [(peek = () => ++n, "m")]() {} }
  try { peek(); return peek(); } catch (e) { return e.name; }
}
print("shared counter", counter());
var Named = "outer var";
var Expr = class Named { [peek = () => Named]() {} };
try { print("inner class name", peek() === Expr); } catch (e) { print("inner class name", e.name); }
var Decl = 0;
{
  class Decl { get [peek = () => typeof Decl]() { return 1; } }
}
try { print("block class", peek()); } catch (e) { print("block class", e.name); }
function fieldKey() {
  let s = "field";
  class F { [peek = () => s] = 1; }
  return peek();
}
print("field key", fieldKey());
