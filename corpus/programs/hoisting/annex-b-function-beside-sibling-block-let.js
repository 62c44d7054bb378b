// Inside a sloppy function, Annex B skips a block function's var binding only when replacing the
// declaration by `var F` would be an early error (B.3.2.1). A let, const, class, loop head or
// switch case that declares the same name in some other block does not enclose the function, so
// replacing it would be fine: the var is created and the function is copied into it when its
// declaration is evaluated, whatever the unrelated scopes declare and in whichever order.
function afterLet() {
  {
    function g() {}
  }
  {
    let g = 1;
  }
  return typeof g;
}
print("block let after " + afterLet());

function beforeLet() {
  {
    let g = 1;
  }
  {
    function g() {}
  }
  return typeof g;
}
print("block let before " + beforeLet());

function afterConst() {
  {
    function g() {}
  }
  {
    const g = 1;
  }
  return typeof g;
}
print("block const " + afterConst());

function afterClass() {
  {
    function g() {}
  }
  {
    class g {}
  }
  return typeof g;
}
print("block class " + afterClass());

function afterLoopHead() {
  {
    function g() {}
  }
  for (let g of [1]) {
  }
  return typeof g;
}
print("for-of let " + afterLoopHead());

function afterSwitch() {
  {
    function g() {}
  }
  switch (0) {
    case 0:
      let g;
  }
  return typeof g;
}
print("switch let " + afterSwitch());

function closureSees() {
  const read = () => typeof g;
  {
    function g() {}
  }
  {
    let g = 1;
  }
  return read();
}
print("closure " + closureSees());

function throughEval() {
  eval("{ function g() {} } { let g; }");
  return typeof g;
}
print("eval " + throughEval());

function catchParameter() {
  {
    function g() {}
  }
  try {
    throw 0;
  } catch (g) {}
  return typeof g;
}
print("catch parameter " + catchParameter());
