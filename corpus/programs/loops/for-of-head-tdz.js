// TDZ in the loop head: the iterated expression sees the loop's own, still uninitialized, binding
var x = "outer";
try {
  for (let x of [x]) {
    print("unreachable", x);
  }
} catch (e) {
  print("for-of [x]", e.name);
}
try {
  for (const y in { k: typeof y }) {
    print("unreachable", y);
  }
} catch (e) {
  print("for-in typeof y", e.name);
}
// a closure created in the head captures that TDZ scope, which is never initialized
var peek;
for (let z of (peek = function () { return z; }, [1, 2])) {
  print("z", z);
}
try {
  peek();
  print("peek returned");
} catch (e) {
  print("peek after loop", e.name);
}
print("outer x", x);
