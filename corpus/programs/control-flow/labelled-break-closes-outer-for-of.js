// break with the label of an outer for-of, from inside an inner loop, leaves both loops: the break
// completion does not continue either loop (14.7.1.2 LoopContinues), so each for-of it leaves
// closes its own iterator, inner first (14.7.5.7 ForIn/OfBodyEvaluation step 6.k, 7.4.11
// IteratorClose), whether the inner loop is a for-of, a for-in or a while
function source(name, log) {
  let given = 0;
  return {
    [Symbol.iterator]() {
      return {
        next: () => ({ value: ++given, done: given > 2 }),
        return: () => (log(name + " closed after " + given), {}),
      };
    },
  };
}
outer: for (const a of source("outer of", print)) {
  for (const b of source("inner of", print)) {
    if (a + b === 3) break outer;
  }
}
print("after of-of");
rows: for (const a of source("rows", print)) {
  for (const key in { p: 1, q: 2 }) {
    if (key === "q") break rows;
  }
}
print("after of-in");
lines: for (const a of source("lines", print)) {
  let n = 0;
  while (true) {
    if (++n === 2) break lines;
  }
}
print("after of-while");
again: for (const a of source("again", print)) {
  for (const b of source("again inner", print)) {
    if (b === 2) continue again;
  }
  print("not reached");
}
print("end");
