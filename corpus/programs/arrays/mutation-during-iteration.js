// callbacks that mutate the array during forEach/map: the length is fixed at the start, values are read live
var arr = [1, 2, 3];
var seen = [];
arr.forEach(function (x, i) {
  seen.push(x);
  if (i === 0) { arr.push(99); arr[1] = 20; }
});
print("seen", seen.join(","), "arr", arr.join(","));
var arr2 = [1, 2, 3, 4];
var seen2 = [];
arr2.forEach(function (x) {
  seen2.push(x);
  if (x === 2) arr2.pop();
});
print("popped during forEach", seen2.join(","), arr2.join(","));
var doubled = arr.map(function (x, i, a) { if (i === 0) a[2] = -1; return x * 2; });
print("map sees live values", doubled.join(","));
var counter = 0;
var filtered = [5, 6, 7].filter(function () { counter++; return counter % 2 === 1; });
print("stateful filter", filtered.join(","), counter);
