// with: closures capture the object environment; calls through it get the object as this; var inside with writes through
var o = { x: 1, f: function () { return this === o; } };
var fs = [];
with (o) { fs.push(function () { return x; }); x = 2; var y = 3; print(f(), typeof y); }
print(fs[0](), o.x, o.y, y);
o.x = 5; print(fs[0]()); delete o.x; var x = "global"; print(fs[0]());
with ([1, 2]) { print(length, typeof includes); }
function g() { var r = []; with ({a: 1}) { for (let i = 0; i < 2; i++) r.push(() => a + i); } return r.map(f => f()); }
print(g());
with ({}) { function inWith() { return "w"; } } print(inWith());
