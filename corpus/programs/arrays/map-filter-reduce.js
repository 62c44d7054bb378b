// map, filter, reduce and reduceRight with closures that capture outer state
var factor = 3;
var nums = [1, 2, 3, 4, 5, 6];
var scaled = nums.map(function (n) { return n * factor; });
var evens = nums.filter((n) => n % 2 === 0);
var sum = nums.reduce(function (acc, n) { return acc + n; }, 0);
var concat = ["a", "b", "c"].reduceRight(function (acc, s) { return acc + s; });
print("scaled", scaled.join(","), "evens", evens.join(","), "sum", sum, "reduceRight", concat);
var indexes = [];
nums.map(function (n, i, arr) { indexes.push(i + ":" + (arr === nums)); });
print("callback args", indexes.slice(0, 2).join(" "));
try {
  [].reduce(function (a, b) { return a + b; });
} catch (e) {
  print("empty reduce", e.name);
}
print("single reduce", [42].reduce(function () { return "never called"; }));
var adders = [1, 2, 3].map(function (n) { return function (x) { return x + n; }; });
print("closures from map", adders.map(function (f) { return f(10); }).join(","));
print("averages", [1, 2].reduce((a, b) => a + b) / 2, [1, 2, 2].reduce((a, b) => a + b) / 3);
