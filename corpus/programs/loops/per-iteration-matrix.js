// loops + closures
var fs = [];
for (let i = 0; i < 3; fs.push(() => i), i++) {}
print(fs.map(f => f()).join());
fs = [];
for (let i = 0; i < 3; i++) { fs.push(() => i); i += 0; }
print(fs.map(f => f()).join());
fs = [];
for (var j = 0; j < 3; j++) fs.push(() => j);
print(fs.map(f => f()).join());
fs = [];
for (let k in {a: 1, b: 2}) fs.push(() => k);
print(fs.map(f => f()).join());
try { for (let x of [x]) {} } catch (e) { print(e.name); }
try { for (let x in {x}) {} } catch (e) { print(e.name); }
fs = [];
for (const v of ["p", "q"]) fs.push(function() { return v; });
print(fs.map(f => f()).join());
let w = 0; fs = [];
while (w < 3) { let c = w; fs.push(() => c); w++; }
print(fs.map(f => f()).join());
fs = [];
for (let i = 0; i < 2; i++) { let i = "shadow"; fs.push(() => i); }
print(fs.map(f => f()).join());
var o = {a: 1, b: 2, c: 3}; for (var key in o) { if (key == "a") delete o.b; print("key", key); }
var arr = [1, 2, 3]; for (var x of arr) { if (x == 1) arr.push(4); print("x", x); }
var p = Object.create({inh: 1}); p.own = 2; for (var q in p) print("in", q);
for (var ch of "héllo") print(ch);
