// break and continue pass through finally; break in finally discards a throw; finally closures see loop state
var log = [];
for (let i = 0; i < 4; i++) {
  try {
    if (i === 1) continue;
    if (i === 3) break;
    log.push("body " + i);
  } finally {
    log.push("finally " + i);
  }
}
print(log.join(", "));
function breakOverridesThrow() {
  var n = 0;
  while (true) {
    try { n++; throw "x"; } finally { break; }
  }
  return "broke out after " + n;
}
print(breakOverridesThrow());
var cleanups = [];
function withResource(name, work) {
  try {
    return work();
  } finally {
    cleanups.push(function () { return "closed " + name; });
  }
}
print(withResource("a", function () { return "worked"; }));
try { withResource("b", function () { throw new Error("boom"); }); } catch (e) { print("caught", e.message); }
print(cleanups.map(function (c) { return c(); }).join(" "));
