// clear() on a Map or Set empties every entry but keeps the entry list itself (Map.prototype.clear,
// 24.1.3.1; Set.prototype.clear likewise), and forEach and the Map and Set iterators read the
// list's current length at each step (Map.prototype.forEach 24.1.3.5, CreateMapIterator 24.1.5.1,
// and the Set counterparts). Entries added after a clear() in the middle of an iteration are
// therefore still visited.
var s = new Set([1, 2]), seen = [];
s.forEach(function (v) { seen.push(v); if (v === 1) { s.clear(); s.add(5); } });
print("set forEach", seen.join());
var m = new Map([[1, "a"], [2, "b"]]);
seen = [];
m.forEach(function (v, k) { seen.push(k + v); if (k === 1) { m.clear(); m.set(3, "c"); } });
print("map forEach", seen.join());
var t = new Set([1, 2, 3]), it = t.values();
seen = [it.next().value, it.next().value];
t.clear(); t.add(7); t.add(8); t.add(9);
for (var v of it) seen.push(v);
print("set iterator", seen.join());
var u = new Map([[1, 1], [2, 2]]), mi = u.keys();
seen = [mi.next().value];
u.clear(); u.set(4, 4);
for (var k of mi) seen.push(k);
print("map iterator", seen.join());
// an iterator that has not started yet sees only the new entries
var fresh = new Set([1]), fi = fresh.values();
fresh.clear(); fresh.add(2);
print("unstarted", [...fi].join());
