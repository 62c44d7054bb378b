// for-let with continue, break and labelled continue: every iteration that ran got its own binding
var fs = [];
for (let i = 0; i < 10; i++) {
  if (i % 2 === 0) continue;
  if (i > 7) break;
  fs.push(function () { return i; });
}
print("odd closures", fs.map(function (f) { return f(); }).join(","));
var gs = [];
outer: for (let a = 0; a < 3; a++) {
  for (let b = 0; b < 3; b++) {
    if (b > a) continue outer;
    gs.push(function () { return a + "" + b; });
  }
}
print("pairs", gs.map(function (g) { return g(); }).join(" "));
