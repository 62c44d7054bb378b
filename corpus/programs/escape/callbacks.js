// closures passed as callbacks run inside other functions, possibly later, and still see their creator's bindings
function each(arr, cb) {
  for (var i = 0; i < arr.length; i++) cb(arr[i], i);
}
function sumSquares(arr) {
  var total = 0;
  each(arr, function (v) { total += v * v; });
  return total;
}
print("sum of squares", sumSquares([1, 2, 3]));
function later() {
  var queue = [];
  return {
    defer: function (fn) { queue.push(fn); },
    flush: function () { var q = queue; queue = []; q.forEach(function (fn) { fn(); }); return q.length; }
  };
}
var sched = later();
var out = [];
for (let i = 0; i < 3; i++) sched.defer(() => out.push("job" + i));
sched.defer(function () { sched.defer(function () { out.push("nested"); }); });
print("flushed", sched.flush(), out.join(","));
print("flushed again", sched.flush(), out.join(","));
