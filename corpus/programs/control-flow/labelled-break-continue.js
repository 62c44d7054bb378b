// labelled break and continue out of nested loops that create closures
var found = [];
search: for (let i = 0; i < 4; i++) {
  for (let j = 0; j < 4; j++) {
    if (j === i) continue search;
    if (i + j === 5) break search;
    found.push(() => i + "," + j);
  }
}
print("pairs", found.map(function (f) { return f(); }).join(" "));
var seen = [];
outer: for (var a = 0; a < 3; a++) {
  inner: for (var b = 0; b < 3; b++) {
    if (b === 1) continue inner;
    if (a === 2) break outer;
    seen.push(function () { return a + ":" + b; });
  }
}
print("var closures", seen.length, seen[0](), "a", a, "b", b);
block: {
  print("in labelled block");
  if (true) break block;
  print("never printed");
}
print("after block");
