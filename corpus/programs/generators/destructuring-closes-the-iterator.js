// array destructuring takes what it needs from a generator, then closes it (its finally runs);
// when a default or a nested pattern throws, the generator is closed before the exception goes on
function* yielding(name, values) {
  let given = 0;
  try {
    for (const v of values) {
      given++;
      yield v;
    }
  } finally {
    print(name + " closed after " + given);
  }
}
function fail(what) {
  throw new RangeError(what);
}
let total = 0;
const add = (n) => () => (total += n);
const [first, second] = yielding("pair", [add(1), add(2), add(3)]);
first();
second();
print("total " + total);
try {
  const [step, { missing = fail("default") }] = yielding("nested", [add(10), {}, add(20)]);
  print("not reached " + step);
} catch (e) {
  print("nested caught " + e.name + ", total " + total);
}
let kept = "unset";
try {
  [kept, [kept = fail("inner")] = yielding("inner", [undefined])] = yielding("outer", [add(100), undefined]);
} catch (e) {
  print("assignment caught " + e.name + ", kept a function: " + (typeof kept === "function"));
}
function params([a, b = fail("parameter")], ...rest) {
  return a() + rest.length;
}
try {
  params(yielding("parameter", [add(1000), undefined, add(1)]));
} catch (e) {
  print("parameter caught " + e.name + ", total " + total);
}
