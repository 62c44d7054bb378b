// a closure several levels deep reads bindings (params, var, let, const) from every enclosing level
function level1(a) {
  var b = "b1";
  return function level2(c) {
    let d = "d2";
    return function level3(e) {
      const f = "f3";
      return function level4() {
        return [a, b, c, d, e, f].join("-");
      };
    };
  };
}
print(level1("a")("c")("e")());
var arrows = (p) => (q) => (r) => (s) => p + q * r - s;
print("arrow chain", arrows(1)(2)(3)(4));
var g = "global";
function readsGlobal() { return function () { return function () { return g; }; }; }
print("global from depth 3", readsGlobal()()());
