// var declarations are hoisted as undefined, function declarations are hoisted with their value
print("v before", v, typeof v);
var v = "assigned";
print("v after", v);
print("called before declaration", early());
function early() { return "early result"; }
function outer() {
  print("inner before", typeof inner, innerVar);
  var innerVar = 1;
  return inner();
  function inner() { return "inner result " + innerVar; }
}
print(outer());
// a var in a branch that never runs still creates the binding
function dead() {
  if (false) { var ghost = 1; }
  return typeof ghost + " " + ghost;
}
print("dead", dead());
