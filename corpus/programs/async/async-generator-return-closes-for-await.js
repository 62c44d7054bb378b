// an async generator suspended at a yield inside for await: its return() unwinds the loop, which
// closes the loop's iterator (its return() is called and awaited) before the generator's finally
function pages(log) {
  let served = 0;
  return {
    [Symbol.asyncIterator]() {
      return {
        next: () => Promise.resolve({ value: "page " + ++served, done: served > 3 }),
        return: () => {
          log("pages closed after " + served);
          return Promise.resolve({ done: true });
        },
      };
    },
  };
}
async function* reader() {
  try {
    for await (const p of pages(print)) yield p;
  } finally {
    print("reader finally");
  }
}
(async () => {
  const r = reader();
  print((await r.next()).value);
  const done = await r.return("stopped");
  print("returned " + done.value + " " + done.done);
})();
