// for (var ...) has one function-scoped binding shared by every closure created in the loop
function make() {
  var fs = [];
  for (var i = 0; i < 3; i++) {
    fs.push(function () { return i; });
  }
  i = 42;
  return fs;
}
var fs = make();
print("after outer write", fs[0](), fs[1](), fs[2]());
// the classic workaround: an IIFE per iteration
var hs = [];
for (var k = 0; k < 3; k++) {
  hs.push((function (copy) { return function () { return copy; }; })(k));
}
print("iife copies", hs[0](), hs[1](), hs[2]());
var ws = [];
for (var m = 0; m < 3; m++) {
  ws.push(function () { m = m + 10; return m; });
}
print("shared writes", ws[0](), ws[1](), ws[2](), "m", m);
