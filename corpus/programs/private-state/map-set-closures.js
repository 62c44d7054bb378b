// Map, Set and WeakMap as closure state: SameValueZero keys, iteration during mutation, memoised counters
var m = new Map([["a", 1], ["b", 2]]); m.set(NaN, "nan").set(-0, "zero");
print(m.size, m.get("a"), m.get(NaN), m.get(0), m.has("c"), m.delete("b"), m.size);
for (const [k, v] of m) print("entry", k, v);
var s = new Set([1, 2, 2, 3]); s.add(4); print(s.size, [...s], s.has(2));
var seen = []; s.forEach(v => { seen.push(v); if (v === 1) { s.delete(2); s.add(5); } }); print(seen);
var counters = new Map(); function counterFor(k) { if (!counters.has(k)) { let n = 0; counters.set(k, () => ++n); } return counters.get(k); }
counterFor("x")(); counterFor("x")(); counterFor("y")(); print(counterFor("x")(), counterFor("y")());
var wm = new WeakMap(); var key = {}; wm.set(key, "private"); print(wm.get(key), wm.has({}));
try { wm.set(1, 2); } catch (e) { print(e.name); }
var it = m.keys(); print(JSON.stringify(it.next()), [...m.values()].length, Array.isArray([...m.entries()][0]));
print(Object.prototype.toString.call(m), typeof Map);
