// A return() request whose value is a rejected promise, sent to an async generator suspended in
// yield*: the value is awaited (27.6.3.7 AsyncGeneratorUnwrapYieldResumption), and the rejection
// becomes a throw that yield* forwards to the inner iterator's throw() (14.4.14 step 7.b), so the
// inner generator's finally runs before the outer one's.
function counted(label) {
  let steps = 0;
  async function* inner() {
    try {
      yield () => label + " step " + ++steps;
      yield () => label + " never";
    } finally {
      print(label + " inner finally after " + steps);
    }
  }
  async function* outer() {
    try {
      yield* inner();
    } finally {
      print(label + " outer finally");
    }
  }
  return outer();
}
const it = counted("a");
it.next().then((r) => {
  print(r.value());
  return it.return(Promise.reject("stop"));
}).then(
  (r) => print("returned " + r.done),
  (e) => print("rejected with " + e)
);
