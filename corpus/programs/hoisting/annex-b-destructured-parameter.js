// Annex B gives a sloppy block function a var binding in its function only when the function's
// parameterNames do not contain its name (B.3.2.1, changes to FunctionDeclarationInstantiation).
// parameterNames are the BoundNames of the whole formal parameter list, so a name bound inside a
// destructuring pattern counts just like a simple parameter: the block function stays in its
// block, and outside it the name keeps meaning the parameter, for closures too.
function objectPattern({ g }) {
  {
    function g() {}
  }
  return typeof g;
}
print("object pattern " + objectPattern({ g: 1 }));

function arrayPattern([g]) {
  {
    function g() {}
  }
  return typeof g;
}
print("array pattern " + arrayPattern([1]));

function nestedPattern({ a: { g } }) {
  {
    function g() {}
  }
  return typeof g;
}
print("nested pattern " + nestedPattern({ a: { g: 1 } }));

function closureSees({ g }) {
  const read = () => g;
  {
    function g() {}
  }
  return typeof read();
}
print("closure " + closureSees({ g: "param" }));

function insideBlock({ g }) {
  const before = typeof g;
  {
    function g() {}
    return before + " then " + typeof g;
  }
}
print("inside block " + insideBlock({ g: 1 }));

function simple(g) {
  {
    function g() {}
  }
  return typeof g;
}
print("simple parameter " + simple(1));

function otherName({ h }) {
  {
    function g() {}
  }
  return typeof g + " " + typeof h;
}
print("other name " + otherName({ h: 1 }));
