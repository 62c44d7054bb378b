// errors thrown inside closures propagate through callers, including array callbacks
function makeValidator(limit) {
  return function (v) {
    if (v > limit) throw new RangeError("over " + limit);
    return v;
  };
}
var check = makeValidator(10);
var results = [];
[5, 50, 7].forEach(function (v) {
  try {
    results.push(check(v));
  } catch (e) {
    results.push(e.name + ":" + e.message);
  }
});
print(results.join(" "));
function run(cb) {
  try {
    return "ok " + cb();
  } finally {
    print("run cleanup");
  }
}
try {
  run(function () { throw new Error("inner failure"); });
} catch (e) {
  print("caught outside", e.name, e.message, e instanceof Error);
}
try {
  [1, 2, 3].map(function (x) { if (x === 2) throw x * 100; return x; });
} catch (v) {
  print("thrown primitive from map", v, typeof v);
}
