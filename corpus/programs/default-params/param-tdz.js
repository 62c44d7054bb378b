// parameters are initialized left to right; reading a later (or the same) parameter is a TDZ error
function f(a = b, b) {
  return a + "," + b;
}
try {
  f(undefined, 2);
} catch (e) {
  print("a = b", e.name);
}
print("a passed", f(1, 2));
function g(a = a) { return a; }
try {
  g();
} catch (e) {
  print("a = a", e.name);
}
print("g(0)", g(0));
function h(a, b = a + 1, c = a + b) {
  return [a, b, c].join(",");
}
print("chain", h(1), h(1, 10), h(1, undefined, null));
function lazy(a = () => b, b = "later") {
  return a();
}
print("closure over later param", lazy());
