// strict mode: switch-case functions are scoped to the switch block; case matching uses ===
"use strict";
function f(n) {
  switch (n) {
    case "1":
      return "string one";
    case 1:
      function inner() { return "inner"; }
      return inner();
  }
  return typeof inner;
}
print(f(1), f("1"), f(2));
var log = [];
for (let k of [0, 1, 2, 3]) {
  switch (k % 2) {
    case 0: {
      let tag = "even" + k;
      log.push(() => tag);
      break;
    }
    default: {
      let tag = "odd" + k;
      log.push(() => tag);
    }
  }
}
print(log.map((g) => g()).join(" "));
