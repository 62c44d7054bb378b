// The top level of a function body follows the same redeclaration rules as a script (15.2.1
// Static Semantics: Early Errors for FunctionBody): its lexically declared names must be unique,
// and none of them may also be a var declared name, a var in a nested block included. Each source
// below is compiled separately, so a SyntaxError is reported as such and the next line still runs.
function compile(label, source) {
  try {
    print(label + " " + Function(source)());
  } catch (e) {
    print(label + " " + e.name);
  }
}
compile("var then let", "function f() { var g = 1; let g = 2; return g; } return f();");
compile("let twice", "function f() { let g = 1; let g = 2; return g; } return f();");
compile("function then let", "function f() { function g() {} let g = 2; return g; } return f();");
compile("let then block var", "function f() { let g = 1; { var g = 2; } return g; } return f();");
compile("let then for var", "function f() { let g = 1; for (var g = 0; g < 0; ) {} return g; } return f();");
compile("arrow body", "const f = () => { const g = 1; var g; return g; }; return f();");
compile("Function body itself", "var g = 1; let g = 2; return g;");
compile("script level", "return (0, eval)('var g = 1; let g = 2; g');");
compile("separate blocks", "function f() { { let g = 1; } { let g = 2; } var h = 3; return h; } return f();");
