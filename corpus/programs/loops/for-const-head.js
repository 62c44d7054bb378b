// for (const ...) with an update expression: the body runs once, then the update throws TypeError
var fs = [];
try {
  for (const i = 0; i < 3; i++) {
    fs.push(function () { return i; });
    print("body i", i);
  }
} catch (e) {
  print("update threw", e.name, e instanceof TypeError);
}
print("closures", fs.length, fs[0]());
// const without an update is fine when the body breaks out
for (const j = 5; j < 10; ) {
  print("const j", j);
  break;
}
