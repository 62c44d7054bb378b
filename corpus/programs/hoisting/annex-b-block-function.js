// Annex B (sloppy): a function declared in a block also gets a function-level var, set when the declaration is evaluated
function test() {
  var log = [];
  log.push("before block: " + typeof g);
  {
    log.push("in block, before declaration: " + typeof g);
    function g() { return "g"; }
  }
  log.push("after block: " + typeof g + " " + g());
  return log;
}
var log = test();
for (var i = 0; i < log.length; i++) print(log[i]);
// a block function in a branch that never runs leaves the var binding undefined
function notRun() {
  if (false) {
    function h() {}
  }
  return typeof h + " " + h;
}
print("notRun:", notRun());
