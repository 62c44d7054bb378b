// closures read outer variables by reference: they see the value at call time, not at creation time
var x = "before";
function readX() { return x; }
x = "after";
print("global var", readX());
function outer() {
  let y = 1;
  const read = () => y;
  y = 2;
  var first = read();
  y = 3;
  return [first, read()];
}
print("let in function", outer().join(","));
function params(p) {
  var get = function () { return p; };
  p = p + "!";
  return get();
}
print("parameter", params("arg"));
