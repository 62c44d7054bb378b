// a function with parameter expressions keeps its body var separate from the same-named parameter
function a(f, x = 0) { var f = 4; print("body var", f); }
a();
function b(f, x = 0) { var f; print("body var starts as the parameter", f); }
b("param");
