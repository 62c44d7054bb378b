// object literals with methods and shorthand methods returning this; key order; JSON of plain data
function makePoint(x, y) {
  var moves = 0;
  return {
    x: x,
    y: y,
    move(dx, dy) { this.x += dx; this.y += dy; moves++; return this; },
    toString: function () { return "(" + this.x + "," + this.y + ")"; },
    moves: () => moves
  };
}
var p = makePoint(1, 2);
p.move(1, 1).move(2, 0);
print("point", String(p), "moves", p.moves());
var o = { "quoted key": 1, 42: "num", plain: 3 };
print("keys", Object.keys(o).join(","), o["quoted key"], o[42], o["42"]);
print("json", JSON.stringify({ a: [1, "s", null, true], b: { c: 0.5 }, skip: undefined, n: -0 }));
