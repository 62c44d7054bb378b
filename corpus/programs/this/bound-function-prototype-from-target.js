// a bound function's [[Prototype]] is its target's (20.2.3.2 Function.prototype.bind, 10.4.1.3
// BoundFunctionCreate step 2), not always Function.prototype; it keeps the bound this and
// arguments of the closure it wraps
function counter(start) {
  let count = start;
  return function (step) {
    count += step;
    return this.label + count;
  };
}
const inc = counter(10);
const proto = { describe: () => "custom prototype" };
Object.setPrototypeOf(inc, proto);
const bind = (f, ...args) => Function.prototype.bind.call(f, ...args);
const bound = bind(inc, { label: "bound " }, 5);
print(Object.getPrototypeOf(bound) === proto);
print(typeof bound.describe);
print(bound());
print(bound());
Object.setPrototypeOf(inc, null);
const bare = bind(inc, { label: "bare " });
print(Object.getPrototypeOf(bare) === null);
print(bare(1));
