// instanceof walks the prototype chain; replacing a constructor's prototype affects later objects only
function Shape() {}
function Circle(r) { this.r = r; }
Circle.prototype = Object.create(Shape.prototype);
var c = new Circle(2);
print("c instanceof", c instanceof Circle, c instanceof Shape, c instanceof Object);
var oldProto = Circle.prototype;
Circle.prototype = { area: function () { return 3 * this.r * this.r; } };
var c2 = new Circle(1);
print("after prototype swap", c instanceof Circle, c2 instanceof Circle, c2 instanceof Shape, c2.area());
print("old instance keeps old proto", Object.getPrototypeOf(c) === oldProto);
print("primitives", "s" instanceof String, 1 instanceof Number, [] instanceof Array, [] instanceof Object);
function f() {}
print("functions", f instanceof Function, f instanceof Object, typeof f.prototype, f.prototype.constructor === f);
var arrow = () => 1;
print("arrow prototype", typeof arrow.prototype);
try {
  ({}) instanceof 5;
} catch (e) {
  print("non-callable rhs", e.name);
}
