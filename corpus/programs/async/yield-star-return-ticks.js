// yield* in an async generator, resumed with return(): when the inner iterator's return() says
// done, its value is returned as it is (14.4.14 step 7.c.viii; ES2023 dropped the Await there),
// so the outer finally runs one job earlier than an engine that still awaits it. A ticker shows
// the jobs.
function closing(label) {
  const seen = [];
  async function* inner() {
    try {
      yield () => seen.join(",");
    } finally {
      seen.push(label + " inner");
    }
  }
  async function* outer() {
    try {
      yield* inner();
    } finally {
      seen.push(label + " outer");
      print(seen.join(", "));
    }
  }
  return outer();
}
const it = closing("x");
it.next().then((r) => {
  print("first " + r.value());
  let tick = 0;
  let p = Promise.resolve();
  for (let i = 0; i < 5; i++) p = p.then(() => print("tick " + tick++));
  it.return("R").then((r) => print("return gave " + r.value));
});
