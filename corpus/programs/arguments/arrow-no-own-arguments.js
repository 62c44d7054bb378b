// arrows have no own arguments: they see the enclosing function's, even after it returned
function outer(a, b) {
  var arrow = () => arguments.length + ":" + arguments[0];
  var inner = function () { return arguments.length + ":" + arguments[0]; };
  return [arrow, inner];
}
var pair = outer("x", "y");
print("arrow", pair[0]("ignored"));
print("function", pair[1]("own"));
// nested arrows keep going out to the nearest non-arrow function
function deep() {
  return () => () => () => arguments[1];
}
print("deep", deep(1, 2, 3)()()());
// at the top level of a script there is no arguments binding
print("top-level typeof", typeof arguments);
try {
  (() => arguments)();
  print("arrow at top level returned");
} catch (e) {
  print("arrow at top level", e.name);
}
