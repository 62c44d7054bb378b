// `new` takes a MemberExpression, and an optional chain is not one (13.3 grammar: an
// OptionalExpression is only a LeftHandSideExpression), so `new a?.b()`, `new a.b?.()` and
// `new a?.b` are SyntaxErrors; with parentheses the chain is a primary expression, evaluated
// first and then constructed
const box = { Inner: function () { this.tag = "made"; } };
const compile = (label, source) => {
  let make;
  try {
    make = Function("box", source);
  } catch (e) {
    print(label + " " + e.constructor.name);
    return;
  }
  try {
    print(label + " compiled " + make(box));
  } catch (e) {
    print(label + " compiled, then " + e.constructor.name);
  }
};
compile("member", "return new box.Inner().tag;");
compile("parenthesised", "return new (box?.Inner)().tag;");
compile("optional member", "return new box?.Inner().tag;");
compile("optional call", "return new box.Inner?.().tag;");
compile("optional no arguments", "return typeof new box?.Inner;");
