// direct eval declares vars in the caller (sloppy) or its own scope (strict), closures created by eval capture the caller, indirect eval is global
function f(a) { eval("var b = a + 1"); return b; } print(f(1));
function g() { var x = "local"; return [eval("x"), (0, eval)("typeof x"), eval("1; if (true) {}"), eval("2; {}")]; } print(g());
var x = "global";
function h() { "use strict"; eval("var y = 5"); return typeof y; } print(h());
function k() { eval("function inner() { return 'inner'; }"); return inner(); } print(k());
function m() { var fs = []; for (let i = 0; i < 2; i++) fs.push(eval("() => i")); return fs.map(q => q()); } print(m());
print(eval("let z = 3; z * 2"), typeof z);
(0, eval)("var globalFromIndirect = 7"); print(globalFromIndirect, delete globalFromIndirect, typeof globalFromIndirect);
try { eval("let q = ;"); } catch (e) { print(e.name); }
var F = new Function("a", "b", "return a + b"); print(F(2, 3), F.name, String(F));
function cap() { var secret = 1; return eval("(function() { return ++secret; })"); } var c = cap(); print(c(), c());
print(eval(42), eval("var w = 1"), eval(""), eval("for (var i = 0; i < 3; i++) i;"));
function args() { return eval("arguments.length"); } print(args(1, 2, 3));
var o = { m() { return eval("this === o"); } }; print(o.m());
