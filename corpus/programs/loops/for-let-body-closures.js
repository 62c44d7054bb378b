// for (let ...) gives each iteration its own binding; for (var ...) shares one
var fs = [];
for (let i = 0; i < 3; i++) {
  fs.push(function () { return i; });
}
print("body closures", fs[0](), fs[1](), fs[2]());
var gs = [];
for (var j = 0; j < 3; j++) {
  gs.push(function () { return j; });
}
print("var closures", gs[0](), gs[1](), gs[2]());
print("j after loop", j);
print("typeof i after loop", typeof i);
