// strict mode: function declarations in blocks are block-scoped (hoisted to the top of their block only)
"use strict";
function test() {
  var log = [];
  log.push("before block: " + typeof g);
  {
    log.push("in block, before declaration: " + g());
    function g() { return "g"; }
  }
  log.push("after block: " + typeof g);
  return log.join("; ");
}
print(test());
{
  function blockFn() { return "inside"; }
  print("in block", blockFn());
}
try {
  blockFn();
  print("called outside block");
} catch (e) {
  print("outside block", e.name);
}
var saved;
for (let i = 0; i < 2; i++) {
  function perIteration() { return i; }
  if (i === 0) saved = perIteration;
}
print("saved", saved(), typeof perIteration);
