// nested closures share the bindings of every enclosing call: outer ones across calls, inner ones per call
function outer() {
  var x = 0;
  return function middle() {
    var y = 0;
    x++;
    return function inner() {
      x += 100;
      y++;
      return "x=" + x + " y=" + y;
    };
  };
}
var m = outer();
var i1 = m();
var i2 = m();
print(i1());
print(i2());
print(i1());
var m2 = outer();
print(m2()());
