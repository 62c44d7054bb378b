// catch parameters, inner function declarations and parameters shadow outer names, even undefined and print
var value = "outer";
function f() {
  try {
    throw "thrown";
  } catch (value) {
    return (function () { return value; })();
  }
}
print("catch param", f());
function g() {
  return value();
  function value() { return "inner function"; }
}
print("inner function declaration", g());
var undefinedShadow = (function () {
  var undefined = "not undefined";
  return undefined;
})();
print("local named undefined", undefinedShadow, typeof undefined);
var h = function (print) { return typeof print; };
print("param named print", h(3), typeof print);
