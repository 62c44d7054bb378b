// requests made on an async generator without waiting are queued and settle in order; a return()
// before the generator started finishes it (awaiting the value), and the next() queued behind
// that settles as done
async function* stepper(start) {
  let at = start;
  try {
    while (at < start + 3) yield () => at++;
  } finally {
    print("stepper finally at " + at);
  }
}
const fresh = stepper(10);
fresh.return(Promise.resolve("early")).then((r) => print("fresh return " + r.value + " " + r.done));
fresh.next().then((r) => print("fresh next " + r.done));
const running = stepper(20);
running.next().then((r) => print("running next " + r.value() + " " + r.done));
running.return("stop").then((r) => print("running return " + r.value + " " + r.done));
running.next().then((r) => print("running after " + r.done));
(async () => {
  for (let i = 0; i < 6; i++) {
    print("tick " + i);
    await null;
  }
})();
