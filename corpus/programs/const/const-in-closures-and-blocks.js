// each call or block evaluation creates a new const binding, which closures capture
function make(n) {
  const doubled = n * 2;
  return function () { return doubled; };
}
var a = make(1), b = make(2);
print("separate consts", a(), b());
var fs = [];
for (var i = 0; i < 3; i++) {
  const snapshot = i;
  fs.push(function () { return snapshot; });
}
print("const per block evaluation", fs[0](), fs[1](), fs[2]());
const fnConst = function () { return "callable"; };
print("const function", fnConst());
{
  const fnConst = "shadowed";
  print("shadow", fnConst);
}
print("outer again", fnConst());
