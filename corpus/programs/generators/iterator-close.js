// for-of over a generator closes it (running finally) on break, throw, return and labelled continue
function* g() { try { yield 1; yield 2; } finally { print("closed"); } }
try { for (const v of g()) { print(v); throw new Error("stop"); } } catch (e) { print("caught", e.message); }
function f() { for (const v of g()) { return v * 10; } }
print(f());
outer: for (const a of [1, 2]) { for (const b of g()) { if (b == 2) continue outer; print(a, b); } }
