// array destructuring steps the iterator only until it reports done: once a next() result says
// done, the iterator record's [[Done]] is true, so the later elements and elisions take undefined
// and the rest element [] without calling next() again, and return() is not called either
// (13.15.5.5 IteratorDestructuringAssignmentEvaluation, 8.6.3 IteratorBindingInitialization,
// 7.4.10 IteratorStepValue)
function counting(doneAt) {
  const log = { next: 0, returned: 0 };
  const iterable = {
    [Symbol.iterator]() {
      return {
        next: () => {
          log.next++;
          return { value: log.next * 10, done: log.next >= doneAt };
        },
        return: () => (log.returned++, {}),
      };
    },
  };
  return { log, iterable };
}
const show = (log) => "next " + log.next + ", return " + log.returned;
let c = counting(1);
const [a, b] = c.iterable;
print("pair " + a + " " + b + ": " + show(c.log));
c = counting(2);
const [d, , e, f] = c.iterable;
print("elision " + d + " " + e + " " + f + ": " + show(c.log));
c = counting(2);
const [g, ...rest] = c.iterable;
print("rest " + g + " " + rest.length + ": " + show(c.log));
c = counting(1);
let h, k;
[h, k = "default"] = c.iterable;
print("assignment " + h + " " + k + ": " + show(c.log));
c = counting(1);
function params([p, q]) {
  return p + " " + q;
}
print("parameter " + params(c.iterable) + ": " + show(c.log));
c = counting(5);
const [m, n] = c.iterable;
print("not done " + m + " " + n + ": " + show(c.log));
