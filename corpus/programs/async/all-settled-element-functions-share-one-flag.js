// Promise.allSettled gives each element a resolve/reject pair that shares one already-called flag:
// when C.resolve hands a thenable over unchanged, the thenable's then receives the pair itself,
// only the first call of either counts, and closures that kept the pair cannot change the result
var pairs = [];
var thenable = {
  then: function (onFulfilled, onRejected) {
    pairs.push({ ok: onFulfilled, fail: onRejected });
  }
};
var realResolve = Promise.resolve;
Promise.resolve = function (value) { return value; };
var settled = Promise.allSettled([thenable, thenable, thenable]);
var all = Promise.all([thenable]);
Promise.resolve = realResolve;
print("pairs", pairs.length, "distinct", pairs[0].ok !== pairs[1].ok, "names", JSON.stringify(pairs[0].ok.name));

function twice(pair, first, second) {
  var calls = 0;
  return function (a, b) {
    calls++;
    pair[first](a);
    pair[second](b);
    return calls;
  };
}
var callers = [twice(pairs[0], "ok", "fail"), twice(pairs[1], "fail", "ok"), twice(pairs[2], "fail", "fail")];
callers[0]("first value", "ignored reason");
callers[1]("first reason", "ignored value");
print("calls", callers[2]("a reason", "another reason"));
pairs[3].ok("all value");
pairs[3].fail("all reason");

function show(results) {
  return results.map(function (r) { return r.status + " " + (r.status === "fulfilled" ? r.value : r.reason); }).join("; ");
}
settled.then(function (results) {
  callers.forEach(function (call) { call("late", "late"); });
  print("settled", show(results));
});
all.then(function (values) { print("all", values.join(",")); }, function (reason) { print("all rejected", reason); });
