// A sloppy direct eval's var lands in the function's variable environment (19.2.1.3
// EvalDeclarationInstantiation): a var named arguments reuses the arguments object's binding,
// and a var named like the enclosing function expression shadows the function's own name.
function withArguments() {
  const read = () => typeof arguments;
  eval("var arguments = 5");
  return typeof arguments + " " + read();
}
print(withArguments(1));
const named = function self() {
  eval("var self = 'shadowed'");
  return typeof self;
};
print(named());
