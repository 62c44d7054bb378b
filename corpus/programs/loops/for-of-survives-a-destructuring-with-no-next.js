// Array destructuring inside a for-of body, from an iterable whose iterator's `next` is not
// callable: GetIterator (7.4.2) reads `next` without checking it, and the first IteratorStep's
// call throws TypeError. The catch inside the body handles it and the outer loop goes on with its
// own iterator, which the failed destructuring never touched.
function makeIterable(label, next) {
  return {
    [Symbol.iterator]() {
      print("open", label);
      return { next: next };
    },
  };
}

var failures = [];
for (var label of ["a", "b", "c"]) {
  try {
    var [first] = makeIterable(label, label === "b" ? 1 : undefined);
    print("got", first);
  } catch (e) {
    failures.push(function () {
      return label + ":" + e.constructor.name;
    });
  }
}
print(failures.length, failures.map((f) => f()).join(" "));

// The same with an assignment pattern and a let loop: each catch closure keeps its iteration's x.
var y;
var seen = [];
for (let x of [1, 2]) {
  try {
    [y] = makeIterable("x" + x, undefined);
  } catch (e) {
    seen.push(() => x + " " + (e instanceof TypeError));
  }
}
print(seen.map((f) => f()).join(", "));
