// arguments
function a(x) { x = 2; return arguments[0]; } print(a(1));
function b(x) { arguments[0] = 3; return x; } print(b(1));
function c(x) { "use strict"; arguments[0] = 3; return x; } print(c(1));
function d(x = 0) { arguments[0] = 3; return x; } print(d(1));
function e(x) { delete arguments[0]; arguments[0] = 9; return x; } print(e(1));
function f(x) { return arguments.length; } print(f(), f(1, 2, 3));
function g(x, y) { y = 5; return arguments[1]; } print(g(1));
function h() { var arr = () => arguments[0]; return arr(7); } print(h(6));
function i(x) { Object.defineProperty(arguments, "0", {value: 4}); return x; } print(i(1));
function j(x) { Object.defineProperty(arguments, "0", {writable: false}); x = 8; return arguments[0]; } print(j(1));
function k(a, a) { return a + "," + arguments[0] + "," + arguments[1]; } print(k(1, 2));
function l() { return typeof arguments + " " + Object.prototype.toString.call(arguments); } print(l());
function m(x) { var arguments; return typeof arguments; } print(m(1));
function n(x) { let y = () => { arguments[0] = "z"; }; y(); return x; } print(n("a"));
function o(...rest) { return rest.length + " " + arguments.length; } print(o(1,2));
function p() { for (var v of arguments) print("of", v); } p("u", "w");
