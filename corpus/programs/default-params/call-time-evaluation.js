// defaults are evaluated at call time in the function's defining scope, so they see current outer values
let base = 1;
function f(x = base * 10) { return x; }
print("first", f());
base = 2;
print("after change", f());
function makeAdder(n) {
  return function (x, y = n) { return x + y; };
}
var add5 = makeAdder(5);
print("add5", add5(1), add5(1, 1));
{
  let base = 1000;
  print("inner block shadow does not affect f", f());
}
var arrow = (a, b = a * 2, c = () => a + b) => c();
print("arrow defaults", arrow(3), arrow(3, 4));
