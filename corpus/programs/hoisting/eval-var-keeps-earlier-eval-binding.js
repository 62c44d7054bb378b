// A var declared by a sloppy direct eval lives in the calling function's variable environment.
// EvalDeclarationInstantiation (19.2.1.3 step 17) creates and initialises a var's binding only
// when that environment has none yet, so a later eval declaring the same name, with or without an
// initialiser, keeps the value an earlier eval stored there (as it does for a var written in the
// function's own source). Closures made in between see the same binding.
function bare() {
  eval("var a = 1");
  eval("var a");
  return a;
}
print("bare redeclaration " + bare());

function selfReference() {
  eval("var a = 1");
  eval("var a = a + 1");
  return a;
}
print("initialiser reads it " + selfReference());

function forIn() {
  eval("var a = 1");
  eval("for (var a in {}) {}");
  return a;
}
print("for-in head " + forIn());

function afterFunction() {
  eval("function a() { return 'fn'; }");
  eval("var a");
  return typeof a;
}
print("after eval function " + afterFunction());

function withClosure() {
  eval("var a = 'kept'");
  const read = () => a;
  eval("var a");
  return read();
}
print("closure " + withClosure());

function ownVar() {
  var a = 1;
  eval("var a");
  return a;
}
print("own var " + ownVar());
