// each call of the outer function creates fresh bindings; closures from different calls are independent
function makeCounter(name) {
  var count = 0;
  return function () { count++; return name + count; };
}
var a = makeCounter("a"), b = makeCounter("b");
print(a(), a(), b(), a(), b());
function recursiveMaker(depth, acc) {
  var mine = "level" + depth;
  acc.push(function () { return mine; });
  if (depth > 0) recursiveMaker(depth - 1, acc);
  return acc;
}
print(recursiveMaker(2, []).map(function (f) { return f(); }).join(","));
var same = makeCounter("s");
var alias = same;
alias();
print("alias shares", same());
