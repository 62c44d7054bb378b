// sloppy function with simple parameters: arguments[i] and the parameter alias each other both ways
function f(a, b) {
  arguments[0] = "set via arguments";
  print("a after arguments[0] write:", a);
  b = "set via param";
  print("arguments[1] after b write:", arguments[1]);
  return arguments.length;
}
print("length", f(1, 2));
// parameters without a passed argument are not mapped
function g(a, b) {
  b = "b-param";
  arguments[1] = "b-args";
  print("b", b, "arguments[1]", arguments[1], "length", arguments.length);
}
g(1);
// extra arguments are visible only through arguments
function h(a) {
  return arguments.length + ":" + arguments[2] + ":" + h.length;
}
print("extra", h(1, 2, 3));
