// an elision in an array pattern steps the iterator (it calls next() and reads done) but never
// reads the result's value: it is IteratorStep, not IteratorStepValue (13.15.5.5 and 8.6.3,
// Elision), in declarations, assignments and parameters alike; closures over the bindings see
// only the values the named elements read
function results(limit) {
  const log = [];
  const iterable = {
    [Symbol.iterator]() {
      let n = 0;
      return {
        next() {
          n++;
          const step = n;
          return {
            get done() {
              log.push("done" + step);
              return step > limit;
            },
            get value() {
              log.push("value" + step);
              return step * 10;
            },
          };
        },
      };
    },
  };
  return { log, iterable };
}
let r = results(5);
const [, second] = r.iterable;
const readSecond = () => second;
print("declaration " + readSecond() + ": " + r.log.join(" "));
r = results(5);
let third;
[, , third] = r.iterable;
print("assignment " + third + ": " + r.log.join(" "));
r = results(5);
const f = function ([, x, , y]) {
  return () => x + y;
};
print("parameters " + f(r.iterable)() + ": " + r.log.join(" "));
r = results(5);
const [first, , ...rest] = r.iterable;
print("before a rest " + first + " " + rest.join() + ": " + r.log.join(" "));
