// A function with parameter expressions gets its arguments object in the parameters' environment
// (FunctionDeclarationInstantiation, 10.2.11 step 22.f), before any default is evaluated. An
// arrow made in a default has no arguments of its own, and a direct eval inside it resolves names
// through the arrow's environments (19.2.1.1), so the eval finds that same arguments object. Each
// body below names arguments too, so the binding exists whether or not an engine looks for it.
function attempt(label, run) {
  try {
    print(label + " " + run());
  } catch (e) {
    print(label + " " + e.name);
  }
}
function typeOf(read = () => eval("typeof arguments")) {
  arguments;
  return read();
}
attempt("typeof", () => typeOf());
function count(read = () => eval("arguments.length")) {
  arguments;
  return read();
}
attempt("length", () => count(undefined, 2, 3));
function element(x, read = () => eval("arguments[0] + '/' + arguments.length")) {
  const seen = arguments.length;
  return read() + " seen " + seen;
}
attempt("element", () => element("first"));
function writes(x, read = () => eval("arguments[0] = 'changed'")) {
  arguments;
  read();
  return x;
}
attempt("unmapped write", () => writes("kept"));
function withoutEval(read = () => typeof arguments) {
  arguments;
  return read();
}
attempt("no eval", () => withoutEval());
function evalInDefault(seen = eval("typeof arguments")) {
  arguments;
  return seen;
}
attempt("eval directly in default", () => evalInDefault());
