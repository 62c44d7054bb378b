// when an iterator's next() throws, spreading it into an array literal or an argument list, or
// filling a Set from it, passes the exception on without calling return(): the abrupt
// completion of IteratorStepValue is returned as is (13.2.4.1 ArrayAccumulation, 13.3.8.1
// ArgumentListEvaluation, 24.2.1.1 Set); only an exception from the code consuming the values
// closes the iterator, as in for-of
const log = [];
const failing = (label) => ({
  [Symbol.iterator]() {
    let n = 0;
    return {
      next() {
        if (n++ > 0) throw new RangeError(label);
        return { value: n, done: false };
      },
      return() {
        log.push("return " + label);
        return {};
      },
    };
  },
});
const attempt = (label, f) => {
  try {
    f();
  } catch (e) {
    log.push(label + " " + e.constructor.name);
  }
  print(log.join());
  log.length = 0;
};
attempt("array", () => [...failing("array")]);
attempt("call", () => Math.max(...failing("call")));
attempt("new", () => new Set(failing("set")));
attempt("for-of", () => {
  for (const v of failing("for-of"));
});
attempt("body throws", () => {
  for (const v of failing("body")) throw new TypeError("stop");
});
