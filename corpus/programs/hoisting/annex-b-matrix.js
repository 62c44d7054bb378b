// annex B
print(typeof f1);
{ function f1() { return 1; } }
print(typeof f1);
function t() {
  print(typeof inner);
  if (true) { function inner() { return "in"; } }
  print(typeof inner);
  { let q = 1; { function q2() {} } }
  print(typeof q2);
}
t();
function t2() { let x = 1; { function x2() {} } { var r = typeof x2; } return r; }
print(t2());
function t3() { { function z() { return 1; } } { function z() { return 2; } } return z(); }
print(t3());
function t4() { var before = typeof w; { function w() {} w = 5; } return before + " " + typeof w; }
print(t4());
function t5(a) { { function a() {} } return typeof a; }
print(t5(1));
try { (function() { "use strict"; { function s() {} } return typeof s; })(); } catch (e) { print(e.name); }
print((function() { "use strict"; { function s() {} } return typeof s; })());
switch (1) { case 1: function sw() { return "sw"; } }
print(typeof sw);
