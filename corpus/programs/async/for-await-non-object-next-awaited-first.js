// for await calls next() and awaits what it returns before checking that it is an object
// (14.7.5.7 ForIn/OfBodyEvaluation steps 6.a-6.c), so a next() that returns a non-object such as 7
// or null throws its TypeError one job later than a next() that throws outright (step 6.a).
function source(result) {
  const iterator = {
    next() {
      if (result === "throw") throw new RangeError("next failed");
      return result;
    },
  };
  return { [Symbol.asyncIterator]: () => iterator };
}
for (const result of [7, null, "throw"]) {
  (async () => {
    let count = 0;
    try {
      for await (const x of source(result)) count++;
      print("next " + result + " finished");
    } catch (e) {
      print("next " + result + " caught " + e.name + " after " + count);
    }
  })();
}
(async () => {
  for (let i = 0; i < 4; i++) {
    print("tick " + i);
    await null;
  }
})();
