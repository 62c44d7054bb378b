// a let that redeclares a var-declared name in the same scope is an early SyntaxError, so nothing runs
print("never runs");
var dup = 1;
let dup = 2;
