// a class field's initializer is parsed with neither [Await] nor [Yield] (15.7.1 FieldDefinition,
// ClassElementName Initializer[+In, ~Yield, ~Await]), even inside an async function or a
// generator: `await 1` and `yield 1` there are SyntaxErrors, while a bare `await` is an ordinary
// identifier that the initializer, like any closure, resolves through the scopes around the class
const attempt = (label, source) => {
  try {
    Function(source);
    print(label + " accepted");
  } catch (e) {
    print(label + " " + e.constructor.name);
  }
};
attempt("await operand", "async function f() { class C { x = await 1; } }");
attempt("static await operand", "async function f() { class C { static x = await 1; } }");
attempt("yield operand", "function* g() { class C { x = yield 1; } }");
attempt("await as a name", "async function f() { class C { x = await; } }");
try {
  const f = eval("var await = 'outer'; (async function () { class C { x = await; } return new C().x; })");
  f().then((v) => print("field read " + v));
} catch (e) {
  print("field read " + e.constructor.name);
}
