// A function's parameters and the lexical declarations at the top of its body share one list of
// names: it is an early SyntaxError when a name bound by FormalParameters is also lexically declared
// by the FunctionBody (15.2.1, and the same rule for arrows in 15.3.1 and methods in 15.4.1). A name
// bound inside a destructuring pattern is a bound name of the parameters like any other. Each source
// is compiled on its own by Function, so a SyntaxError is caught and the next line still runs.
function compile(label, source) {
  try {
    print(label + " " + Function(source)());
  } catch (e) {
    print(label + " " + e.name);
  }
}
compile("object pattern, let", "function f({ a }) { let a = 2; return a; } return f({ a: 1 });");
compile("array pattern, let", "function f([a]) { let a = 2; return a; } return f([1]);");
compile("renamed property, const", "function f({ b: a }) { const a = 2; return a; } return f({ b: 1 });");
compile("nested pattern, class", "function f({ p: [a] }) { class a {} return typeof a; } return f({ p: [1] });");
compile("arrow", "var f = ([a]) => { let a = 2; return a; }; return f([1]);");
compile("method", "var o = { m({ a }) { let a = 2; return a; } }; return o.m({ a: 1 });");
compile("Function parameters", "return Function('{ a }', 'let a = 2; return a;')({ a: 1 });");
compile("simple parameter, let", "function f(a) { let a = 2; return a; } return f(1);");
compile("default parameter, let", "function f(a = 0) { let a = 2; return a; } return f(1);");
compile("rest parameter, let", "function f(...a) { let a = 2; return a; } return f(1);");
compile("pattern, different name", "function f({ a }) { let b = a + 1; return b; } return f({ a: 1 });");
compile("pattern, let in a block", "function f({ a }) { { let a = 2; } return a; } return f({ a: 1 });");
