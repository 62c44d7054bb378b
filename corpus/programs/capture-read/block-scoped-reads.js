// closures read block-scoped let/const from the block they were created in; scoping is lexical, not dynamic
var fns = [];
{
  let v = "block one";
  fns.push(function () { return v; });
}
{
  let v = "block two";
  fns.push(function () { return v; });
}
print(fns[0](), "/", fns[1]());
function pick(flag) {
  if (flag) {
    const msg = "truthy branch";
    return () => msg;
  } else {
    const msg = "falsy branch";
    return () => msg;
  }
}
print(pick(1)(), "/", pick(0)());
let outerLet = "outer";
function reader() { return outerLet; }
{
  let outerLet = "shadow in block";
  print("lexical not dynamic:", reader());
}
