// parameter expressions get their own scope: closures in defaults see the parameter, not the body var
function f(a, g = () => a) {
  print("body a before var init", a);
  var a = 2;
  return "body a=" + a + " closure a=" + g();
}
print(f(1));
function h(a, set = (v) => { a = v; }, get = () => a) {
  var a;
  set("via default closure");
  return "body a=" + a + " closure a=" + get();
}
print(h("start"));
// without a body var of the same name, body and defaults share the parameter binding
function k(a, g = () => a) {
  a = "body write";
  return g();
}
print(k("arg"));
