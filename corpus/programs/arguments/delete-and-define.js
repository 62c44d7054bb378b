// deleting or redefining an arguments index breaks the mapping; duplicate params map only the last one
function del(a) {
  delete arguments[0];
  a = "param";
  print("after delete: arguments[0]", arguments[0], "in", 0 in arguments);
  arguments[0] = "args";
  print("a", a, "arguments[0]", arguments[0]);
}
del("orig");
function def(a) {
  Object.defineProperty(arguments, "0", { value: "defined", writable: false });
  print("a after define", a);
  a = "param";
  print("arguments[0] after param write", arguments[0]);
}
def("orig");
function dup(a, a) {
  arguments[0] = "first";
  var r = a;
  arguments[1] = "second";
  return r + " " + a;
}
print("duplicate params", dup(1, 2));
