// finally runs on every exit; a return (or throw) in finally overrides the pending completion
function returnOverridesReturn() {
  try { return "try"; } finally { return "finally"; }
}
function returnOverridesThrow() {
  try { throw new Error("lost"); } finally { return "finally wins"; }
}
function finallyNoReturn() {
  var log = [];
  function inner() {
    try { return "try value"; } finally { log.push("finally ran"); }
  }
  var v = inner();
  return v + " / " + log.join(",");
}
function valueFixedBeforeFinally() {
  var x = 1;
  try { return x; } finally { x = 2; }
}
function throwOverridesReturn() {
  try { return "never"; } finally { throw new TypeError("from finally"); }
}
print(returnOverridesReturn());
print(returnOverridesThrow());
print(finallyNoReturn());
print("return value fixed before finally", valueFixedBeforeFinally());
try {
  throwOverridesReturn();
} catch (e) {
  print("throw from finally", e.name, e.message);
}
