// `yield AssignmentExpression` (15.5) takes any assignment expression as its operand, and
// `PrivateIdentifier in ShiftExpression` (13.10) is a RelationalExpression, so `yield #p in obj`
// is a valid brand check whose result the generator yields. The sources below are compiled by
// Function so that an engine rejecting one reports SyntaxError and the other lines still run.
function attempt(label, body) {
  try {
    print(label + " " + Function(body)());
  } catch (e) {
    print(label + " " + e.name);
  }
}
attempt("bare", "class C { static #p = 1; static *g(o) { yield #p in o; } } return C.g(C).next().value;");
attempt(
  "in a loop",
  "class C { #p; static *g(objs) { for (const o of objs) yield #p in o; } } const it = C.g([new C(), {}]); return [it.next().value, it.next().value].join();"
);
attempt("parenthesised", "class C { static #p; static *g() { yield (#p in C); } } return C.g().next().value;");
attempt("returned", "class C { static #p; static h(o) { return #p in o; } } return C.h({});");
attempt("assigned", "class C { static #p; static h(o) { let x; x = #p in o; return x; } } return C.h(C);");
