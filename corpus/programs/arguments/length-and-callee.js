// arguments.length counts passed arguments, function.length counts formals; sloppy arguments.callee
function f(a, b, c) {
  return arguments.length + "/" + f.length;
}
print("f()", f());
print("f(1)", f(1));
print("f(1,2,3,4,5)", f(1, 2, 3, 4, 5));
print("undefined counts", f(undefined, undefined));
var fact = function (n) {
  return n <= 1 ? 1 : n * arguments.callee(n - 1);
};
print("callee recursion", fact(5));
function g() {
  return arguments.callee === g;
}
print("callee is g", g());
function sum() {
  var t = 0;
  for (var i = 0; i < arguments.length; i++) t += arguments[i];
  return t;
}
print("sum", sum(1, 2, 3, 4));
print("instanceof Array", (function () { return arguments instanceof Array; })());
print("slice", (function () { return Array.prototype.slice.call(arguments, 1).join("-"); })("a", "b", "c"));
