// local bindings shadow globals; globalThis still reaches global var properties but not global lets
var shared = "global var";
let lexical = "global let";
function f() {
  var shared = "local var";
  let lexical = "local let";
  return [shared, lexical, globalThis.shared, typeof globalThis.lexical].join(" / ");
}
print(f());
globalThis.fromProperty = "property";
function g() {
  var fromProperty = "local";
  return fromProperty + " " + globalThis.fromProperty;
}
print(g());
print("global read", fromProperty);
