// function declarations are hoisted but the let/const they read is not initialized until its declaration runs
function tryCall(label, fn) {
  try {
    print(label + ":", fn());
  } catch (e) {
    print(label + ":", e.name);
  }
}
tryCall("before", getConfig);
const config = { mode: "fast" };
tryCall("after", getConfig);
function getConfig() { return config.mode; }
function makeReader() {
  tryCall("inner before", read);
  let inner = "inner value";
  tryCall("inner after", read);
  function read() { return inner; }
  return read;
}
var reader = makeReader();
tryCall("escaped", reader);
