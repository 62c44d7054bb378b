// compound assignment and ++/-- on captured bindings; the left side is read before the right side runs
function make() {
  var n = 10;
  let s = "a";
  return {
    inc: () => ++n,
    postDec: () => n--,
    times: (k) => (n *= k),
    append: (t) => (s += t),
    state: () => n + "/" + s
  };
}
var m = make();
print("inc", m.inc(), "postDec", m.postDec(), "state", m.state());
print("times", m.times(3), "append", m.append("b"), m.append("c"));
print("state", m.state());
function squares() {
  var base = 2;
  var square = function () { base = Math.pow(base, 2); return base; };
  return square() + "," + square() + "," + square();
}
print("repeated squaring", squares());
var x = 1;
var r = (x += (function () { x = 100; return 5; })());
print("lhs read before rhs runs", r, x);
