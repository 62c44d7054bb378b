// a strict script: assigning to an undeclared name inside a function throws an uncaught ReferenceError
"use strict";
var count = 0;
function makeIncrementer() {
  return function () {
    count++;
    return count;
  };
}
var inc = makeIncrementer();
print("count", inc(), inc());
function typo() {
  cuont = 5;
}
print("before typo");
typo();
print("never printed");
