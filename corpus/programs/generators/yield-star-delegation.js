// yield* forwards next/return/throw to the inner generator and hands its results through; arrays and strings too
function* inner() { try { const x = yield 1; print("inner got", x); yield 2; return "inner-done"; } finally { print("inner finally"); } }
function* outer() { const r = yield* inner(); print("r", r); yield* [10, 20]; yield* "ab"; return "outer-done"; }
var o = outer(); print(JSON.stringify(o.next()), JSON.stringify(o.next("sent")), JSON.stringify(o.next()), JSON.stringify(o.next()), JSON.stringify(o.next()), JSON.stringify(o.next()), JSON.stringify(o.next()), JSON.stringify(o.next()));
var o2 = outer(); o2.next(); print(JSON.stringify(o2.return(99)), JSON.stringify(o2.next()));
var o3 = outer(); o3.next(); try { o3.throw(new Error("t")); } catch (e) { print("thrown through", e.message); }
function* tree(n) { if (n <= 0) return; yield n; yield* tree(n - 1); yield -n; } print([...tree(3)]);
