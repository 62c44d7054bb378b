// the class's own name is in its TDZ while the class's computed keys are evaluated: method and field keys, static or not
try { class A { [A]() {} } print("method key: no error"); } catch (e) { print("method key", e.name); }
try { class B { static [B]() {} } print("static method key: no error"); } catch (e) { print("static method key", e.name); }
try { class C { [C] = 1; } print("field key: no error"); } catch (e) { print("field key", e.name); }
try { class D { static [D] = 1; } print("static field key: no error"); } catch (e) { print("static field key", e.name); }
try {
  var E = class Named { ["k" + typeof Named]() {} };
  print("typeof in key: no error");
} catch (e) {
  print("typeof in key", e.name);
}
var shadowed = "outer";
try {
  var F = class shadowed { [shadowed]() {} };
  print("inner name hides outer: no error");
} catch (e) {
  print("inner name hides outer", e.name);
}
try { class G extends G {} } catch (e) { print("heritage", e.name); }
class H { static self = H; ["k" + 1]() { return H; } }
print("after definition", H.self === H, new H().k1() === H);
