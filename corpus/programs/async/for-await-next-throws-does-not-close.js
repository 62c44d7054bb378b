// When a for await iterator's next() throws, the loop ends with that exception and does not call
// return(): the iterator is not closed (14.7.5.7 ForIn/OfBodyEvaluation, step 6.a is not inside
// the loop's close on abrupt completion). The same for an async iterator and, through
// CreateAsyncFromSyncIterator, for a sync one.
function failing(kind, log) {
  let calls = 0;
  const iterator = {
    next() {
      calls++;
      if (calls === 2) throw new RangeError(kind + " next failed");
      return kind === "async" ? Promise.resolve({ value: calls, done: false }) : { value: calls, done: false };
    },
    return() {
      log(kind + " return called");
      return {};
    },
  };
  return kind === "async" ? { [Symbol.asyncIterator]: () => iterator } : { [Symbol.iterator]: () => iterator };
}
for (const kind of ["async", "sync"]) {
  (async () => {
    const seen = [];
    try {
      for await (const x of failing(kind, print)) seen.push(() => kind + " saw " + x);
    } catch (e) {
      print(kind + " caught " + e.name);
    }
    print(seen.map((f) => f()).join(", "));
  })();
}
