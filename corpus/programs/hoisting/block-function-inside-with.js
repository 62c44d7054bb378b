// A sloppy block function declared inside with (directly at global level, or through a direct
// eval in a function) is copied into the variable environment (B.3.2.1, B.3.2.2, B.3.2.3), never
// written through the with object, which keeps its own property of that name.
var holder = { shape: 1 };
with (holder) {
  function shape() {
    return "global block function";
  }
}
print(typeof holder.shape + "," + typeof shape);
function viaEval() {
  var box = { tool: 1 };
  with (box) {
    eval("{ function tool() { return 'eval block function'; } }");
  }
  return typeof box.tool + "," + typeof tool;
}
print(viaEval());
