// new on a bound function ignores the bound this but keeps bound arguments; instances link to the target's prototype
function Point(x, y) {
  this.x = x;
  this.y = y;
}
Point.prototype.sum = function () { return this.x + this.y; };
var ignored = { x: "ignored" };
var BoundPoint = Point.bind(ignored, 10);
var p = new BoundPoint(5);
print("fields", p.x, p.y, "sum", p.sum());
print("instanceof target", p instanceof Point, "instanceof bound", p instanceof BoundPoint);
print("bound this untouched", ignored.x, ignored.y);
var called = BoundPoint(7);
print("plain call returns", called, "and wrote", ignored.x, ignored.y);
function Maker() {
  var self = this;
  this.get = function () { return self === this; };
}
var m = new Maker();
print("self === this via method", m.get());
var loose = m.get;
print("self === this loose", loose());
