// a default's closure resolves names outside the function, skipping the body's var and function declarations
var x = "outer x";
var h = "outer h";
function f(g = () => x) {
  var x = "body x";
  return g() + " / " + x;
}
print(f());
function m(g = () => typeof h === "function" ? "body function" : h) {
  function h() {}
  return g();
}
print(m());
function n(g = function () { return y; }) {
  var y = "body y";
  try {
    return g();
  } catch (e) {
    return "g threw " + e.name;
  }
}
print(n());
