// A closure made by a default inside a destructured parameter captures the earlier parameter's
// binding itself, as a plain default would: it sees what the body later assigns to the parameter.
function f(c, { g = () => c } = {}) {
  c += 5;
  return g();
}
print(f(8));
// The same through an array pattern, where the closure also reads a binding of the pattern.
function h(c, [x = 1, g = () => c + x] = []) {
  c += 5;
  return g();
}
print(h(8));
// A closure passed in for the pattern is not one of the parameter scope's: it sees the outer c.
var c = 100;
print(f(8, { g: () => c }));
