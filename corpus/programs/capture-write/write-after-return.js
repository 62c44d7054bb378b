// writes through a closure after the outer function returned update the retained binding
function box(initial) {
  var value = initial;
  function get() { return value; }
  function set(v) { value = v; }
  return [get, set];
}
var b1 = box("one");
var get = b1[0], set = b1[1];
print("initial", get());
set("two");
print("after set", get());
var b2 = box("other");
b2[1]("changed other");
print("independent", get(), b2[0]());
function accumulate() {
  var items = [];
  return function (x) {
    if (x === undefined) return items.join(",");
    items = items.concat([x]);
  };
}
var acc = accumulate();
acc(1); acc(2); acc(3);
print("accumulated", acc());
