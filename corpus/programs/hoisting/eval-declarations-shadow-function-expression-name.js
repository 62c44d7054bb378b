// a named function expression's own name lives in an environment of its own, outside the
// function's variable environment; a sloppy direct eval's var or function declaration of that
// name lands in the variable environment (19.2.1.3 EvalDeclarationInstantiation), so it shadows
// the name from then on: later writes go to the new binding and closures see it, whether they
// were made before the eval or after
const viaVar = function me() {
  const before = () => typeof me;
  eval("var me = 1");
  me = 5;
  const after = () => (me === viaVar ? "own name" : me);
  return before() + " " + after();
};
print("var " + viaVar());
const viaFunction = function me() {
  eval("function me() { return 'declared by eval'; }");
  // (an engine that ignores the declaration would recurse forever here)
  const called = me === viaFunction ? "own name" : me();
  me = 5;
  return called + " " + typeof me;
};
print("function " + viaFunction());
const untouched = function me() {
  eval("var other = 1");
  me = 5;
  return typeof me;
};
print("other name " + untouched());
