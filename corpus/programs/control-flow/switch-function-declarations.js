// function declarations in switch cases are hoisted to the switch block, plus (sloppy) an Annex B var
function pick(n) {
  var before = typeof helper;
  switch (n) {
    case 1:
      function helper() { return "helper from case 1"; }
      return before + " / " + helper();
    case 2:
      return before + " / " + helper();
    default:
      return before + " / " + typeof helper;
  }
}
print(pick(1));
print(pick(2));
print(pick(3));
function afterSwitch(n) {
  switch (n) {
    case 1:
      function tool() { return "tool"; }
      break;
  }
  return typeof tool;
}
print("after switch", afterSwitch(1), afterSwitch(2));
