// rethrowing, wrapping, nested try blocks, and the order of catch and finally handlers
var log = [];
function level3() { throw new TypeError("deep"); }
function level2() {
  try {
    level3();
  } catch (e) {
    log.push("level2 saw " + e.name);
    throw e;
  } finally {
    log.push("level2 finally");
  }
}
function level1() {
  try {
    level2();
  } catch (e) {
    log.push("level1 saw " + e.message);
    var wrapped = new Error("wrapped: " + e.message);
    wrapped.original = e;
    throw wrapped;
  }
}
try {
  level1();
} catch (e) {
  log.push("top saw " + e.message + " / original is TypeError " + (e.original instanceof TypeError));
}
for (var i = 0; i < log.length; i++) print(i, log[i]);
try {
  try {
    throw "first";
  } finally {
    print("inner finally runs before outer catch");
  }
} catch (e) {
  print("outer caught", e);
}
