// for await: closures made by an async generator and by the loop body, per-iteration let/const
// bindings against one shared var, break and return closing the iterator (its finally runs, and
// the return() result is awaited), and a hand-written async iterator whose state lives in closures
async function* numbers(n) {
  let calls = 0;
  try {
    for (let i = 0; i < n; i++) {
      const k = i;
      yield () => k * 10 + calls++;
      print("numbers resumed after " + i);
    }
  } finally {
    print("numbers finally, calls " + calls);
  }
}
async function collect(label, limit) {
  const seen = [];
  for await (const f of numbers(4)) {
    print(label + " got " + f());
    seen.push(() => f() + 100);
    if (seen.length === limit) break;
  }
  print(label + " after loop " + seen.map((g) => g()).join(","));
}
async function ticker() {
  for (let i = 0; i < 8; i++) {
    print("tick " + i);
    await null;
  }
}
function countdown(from) {
  let left = from;
  return {
    [Symbol.asyncIterator]() {
      return {
        next: () => Promise.resolve({ value: left, done: left-- <= 0 }),
        return: () => {
          print("countdown closed at " + left);
          return Promise.resolve({ done: true });
        },
      };
    },
  };
}
async function shared() {
  const lets = [];
  for await (let n of countdown(3)) lets.push(() => n);
  const vars = [];
  for await (var m of countdown(2)) vars.push(() => m);
  print("let " + lets.map((g) => g()).join(",") + " var " + vars.map((g) => g()).join(","));
}
async function early() {
  for await (const n of countdown(5)) {
    if (n === 4) return () => n;
  }
}
collect("a", 2);
ticker();
collect("b", 10).then(() => print("b resolved"));
shared().then(() => early()).then((g) => print("early " + g()));
