// finally with break/continue in loops and closures
var log = [];
for (let i = 0; i < 4; i++) {
  try {
    if (i == 1) continue;
    if (i == 3) break;
    log.push(() => "t" + i);
  } finally {
    log.push(() => "f" + i);
  }
}
print(log.map(f => f()).join(" "));
function g() {
  for (var k = 0; k < 3; k++) {
    try { try { return k; } finally { print("inner", k); if (k == 0) continue; } } finally { print("outer", k); }
  }
  return "end";
}
print(g());
function h() { try { throw 1; } catch (e) { return e; } finally { print("h-finally"); } }
print(h());
function m() { l: try { break l; } finally { print("m-finally"); } return "after"; }
print(m());
function n() { try { return "a"; } finally { return "b"; } }
print(n());
function p() { var i = 0; while (true) { try { i++; if (i > 2) throw new Error("x" + i); } catch (e) { print(e.message); break; } finally { print("p", i); } } }
p();
