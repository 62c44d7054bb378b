// for await over sync iterables (27.1.6 CreateAsyncFromSyncIterator): arrays, generators and
// hand-written iterators of closures. Each step's value is resolved to a promise first, so a step
// takes two jobs; breaking out calls and awaits the sync iterator's return().
function counter(name) {
  let count = 0;
  return { name, bump: () => ++count, read: () => name + " " + count };
}
function* closures(n) {
  let shared = 0;
  try {
    for (let i = 0; i < n; i++) {
      yield () => (shared += i) + " via " + i;
    }
  } finally {
    print("closures finally, shared " + shared);
  }
}
function numbers(limit) {
  let i = 0;
  return {
    [Symbol.iterator]() {
      return this;
    },
    next() {
      i++;
      return { value: Promise.resolve(i * 10), done: i > limit };
    },
    return() {
      print("numbers return at " + i);
      return {};
    },
  };
}
(async () => {
  const made = [];
  for await (const c of [counter("a"), Promise.resolve(counter("b"))]) {
    c.bump();
    made.push(c);
  }
  for (const c of made) print(c.read());
})();
(async () => {
  const kept = [];
  for await (const f of closures(4)) {
    kept.push(f);
    if (kept.length === 3) break;
  }
  print(kept.map((f) => f()).join(", "));
})();
(async () => {
  let total = 0;
  for await (const n of numbers(5)) {
    total += n;
    if (n === 30) break;
  }
  print("numbers total " + total);
})();
(async () => {
  for (let i = 0; i < 8; i++) {
    print("tick " + i);
    await null;
  }
})();
