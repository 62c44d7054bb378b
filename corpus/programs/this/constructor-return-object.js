// new returns the constructed object unless the constructor returns an object; primitives are ignored
function ReturnsObject() {
  this.marker = "this";
  return { marker: "returned object" };
}
function ReturnsPrimitive() {
  this.marker = "this";
  return 42;
}
function ReturnsClosure() {
  var secret = "closure";
  this.marker = "this";
  return function () { return secret; };
}
print("object", new ReturnsObject().marker);
print("primitive", new ReturnsPrimitive().marker);
var made = new ReturnsClosure();
print("closure", typeof made, made(), made.marker);
print("instanceof", new ReturnsObject() instanceof ReturnsObject, new ReturnsPrimitive() instanceof ReturnsPrimitive);
function Counter() {
  var n = 0;
  this.inc = function () { return ++n; };
}
var c1 = new Counter(), c2 = new Counter();
print("instances", c1.inc(), c1.inc(), c2.inc());
try {
  var arrow = () => {};
  new arrow();
} catch (e) {
  print("new arrow", e.name);
}
