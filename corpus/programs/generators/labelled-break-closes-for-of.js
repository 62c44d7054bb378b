// break to a label on a block, an if or a try (not a loop) from inside for-of over a generator
// still leaves the loop, which closes the generator: its finally runs and sees the closure's writes
function* counter(name) {
  let seen = 0;
  try {
    while (true) yield () => ++seen;
  } finally {
    print(name + " closed after " + seen);
  }
}
block: {
  for (const bump of counter("block")) {
    if (bump() === 2) break block;
  }
  print("not reached");
}
print("after block");
branch: if (true) {
  for (const bump of counter("if")) {
    bump();
    break branch;
  }
}
attempt: try {
  for (const bump of counter("try")) {
    if (bump() === 3) break attempt;
  }
} finally {
  print("try finally");
}
outer: for (const round of [1, 2]) {
  for (const bump of counter("loop " + round)) {
    if (bump() === round) continue outer;
  }
}
print("end");
