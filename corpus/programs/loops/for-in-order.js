// for-in key order (integer-like keys ascending, then insertion order, then prototype) and let vs var capture
var o = { b: 1, 2: "two", a: 2, 1: "one", "-1": "neg" };
var keys = [];
for (var k in o) keys.push(k);
print("order", keys.join(" "));
var lets = [];
for (let k2 in o) lets.push(function () { return k2; });
print("let closures", lets[0](), lets[4]());
var vars = [];
for (var k3 in o) vars.push(function () { return k3; });
print("var closures", vars[0](), vars[4]());
var proto = { inherited: true };
var child = Object.create(proto);
child.own = 1;
var seen = [];
for (var p in child) seen.push(p);
print("with prototype", seen.join(" "));
