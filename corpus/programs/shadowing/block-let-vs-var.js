// block-level let/const shadow a function-level var or parameter for the block only
function f() {
  var v = "function v";
  var fns = [];
  {
    let v = "block v";
    fns.push(() => v);
    {
      const v = "inner block v";
      fns.push(() => v);
    }
    fns.push(() => v);
  }
  fns.push(() => v);
  return fns.map(function (g) { return g(); }).join(" | ");
}
print(f());
function shadowParam(p) {
  {
    let p = "block p";
    print("in block", p);
  }
  return p;
}
print("param after block", shadowParam("param p"));
function fnNameShadowedByParam(fnNameShadowedByParam) {
  return typeof fnNameShadowedByParam;
}
print("function name vs param", fnNameShadowedByParam(42));
