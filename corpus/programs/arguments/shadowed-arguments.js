// a parameter or function declaration named arguments replaces the arguments object; a var does not
function viaVar() {
  var arguments;
  return typeof arguments + " " + arguments.length;
}
print("var arguments", viaVar(1, 2));
function viaParam(arguments) {
  return arguments;
}
print("param arguments", viaParam("param"));
function viaFunction() {
  function arguments() { return "inner fn"; }
  return typeof arguments + " " + arguments();
}
print("function arguments", viaFunction(1));
function viaAssign() {
  arguments = "reassigned";
  return arguments;
}
print("assign arguments", viaAssign(1));
