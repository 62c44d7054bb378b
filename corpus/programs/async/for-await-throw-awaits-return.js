// for await left by a throw still calls the iterator's return() and awaits its result before the
// exception reaches the catch (7.4.13 AsyncIteratorClose step 5): the ticker shows how many jobs pass
function source(log) {
  let step = 0;
  return {
    [Symbol.asyncIterator]() {
      return {
        next: () => Promise.resolve({ value: ++step, done: false }),
        return: () => {
          log("return at step " + step);
          return Promise.resolve({});
        },
      };
    },
  };
}
(async () => {
  try {
    for await (const x of source(print)) {
      if (x === 2) throw new RangeError("stop");
    }
  } catch (e) {
    print("caught " + e.name);
  }
})();
(async () => {
  for (let i = 0; i < 8; i++) {
    print("tick " + i);
    await null;
  }
})();
