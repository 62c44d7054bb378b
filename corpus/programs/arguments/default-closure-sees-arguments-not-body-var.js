// With parameter expressions, a body's `var arguments` is a binding of its own, which starts as a copy
// of the arguments object; a closure made by a parameter default keeps seeing the object.
function lengths(a, seen = () => typeof arguments + arguments.length) {
  var arguments;
  print("body starts with", typeof arguments, seen());
  arguments = 7;
  print("after the write", arguments, seen());
}
lengths(1, undefined, 3);
function viaInitialiser(read = () => arguments.length) {
  var arguments = "x";
  return read() + " " + arguments;
}
print(viaInitialiser(undefined, 2, 3));
function withoutDeclaration(read = () => typeof arguments) {
  // No declaration in the body: this writes the parameters' own binding.
  arguments = 1;
  return read();
}
print(withoutDeclaration());
