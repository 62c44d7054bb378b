// assignment to a const binding throws TypeError, directly or through a closure; the value is unchanged
const limit = 10;
try {
  limit = 20;
} catch (e) {
  print("direct", e.name, e instanceof TypeError);
}
function bump() { limit++; }
try {
  bump();
} catch (e) {
  print("closure ++", e.constructor.name);
}
try {
  (() => { limit += 1; })();
} catch (e) {
  print("arrow +=", e.name);
}
print("limit still", limit);
const obj = { n: 1 };
obj.n = 2;
obj.extra = "ok";
print("const object is mutable", obj.n, obj.extra);
