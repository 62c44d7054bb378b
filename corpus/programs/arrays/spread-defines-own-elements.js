// array literal spread adds each element with CreateDataPropertyOrThrow (13.2.4.1
// ArrayAccumulation), an own data property, so an accessor inherited from Array.prototype at
// that index is never called
const seen = [];
Object.defineProperty(Array.prototype, 2, {
  get() {
    return "inherited";
  },
  set(v) {
    seen.push("setter " + v);
  },
  configurable: true,
});
const copy = (xs) => () => [...xs];
const b = copy([7, 8, 9])();
print(b.length + " " + b.hasOwnProperty(2));
print(b[2]);
print(seen.join() + "|");
const c = [1, 2, 3];
print(c.hasOwnProperty(2) + " " + c[2]);
const d = [0, ...[1], ...[5]];
print(d.hasOwnProperty(2) + " " + d[2]);
print(seen.join() + "|");
