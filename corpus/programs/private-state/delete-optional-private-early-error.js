// deleting a private member is an early SyntaxError, whether it is reached by a member
// expression or at the end of an optional chain (13.5.1.1: UnaryExpression : delete
// UnaryExpression when it is a MemberExpression.PrivateIdentifier or an OptionalChain ending
// in .PrivateIdentifier); reading or calling through the chain is fine
const compile = (label, source) => {
  try {
    const make = Function(source);
    print(label + " compiled " + make());
  } catch (e) {
    print(label + " " + e.constructor.name);
  }
};
compile("read", "class C { #a = 1; m() { return () => this?.#a; } } return new C().m()();");
compile("call", "class C { #f() { return 2; } m() { return this?.#f(); } } return new C().m();");
compile("delete member", "class C { #a; m() { delete this.#a; } } return 0;");
compile("delete optional", "class C { #a; m() { delete this?.#a; } } return 0;");
compile("delete long chain", "class C { #a; m(o) { delete o?.p.#a; } } return 0;");
