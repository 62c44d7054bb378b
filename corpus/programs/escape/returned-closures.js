// closures returned from a function keep their environment alive and independent after the call ends
function makeAdder(n) {
  return function (x) { return x + n; };
}
var add2 = makeAdder(2), add10 = makeAdder(10);
print("add2(1)", add2(1), "add10(1)", add10(1));
function compose(f, g) {
  return function (x) { return f(g(x)); };
}
var add12 = compose(add2, add10);
print("composed", add12(0));
function once(fn) {
  var done = false, result;
  return function () {
    if (!done) { done = true; result = fn.apply(this, arguments); }
    return result;
  };
}
var calls = 0;
var init = once(function (v) { calls++; return "init " + v; });
print(init("first"), init("second"), "calls", calls);
