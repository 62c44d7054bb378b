// assignment before the declaration is a TDZ error; `let x;` without an initializer initializes to undefined
try {
  early = 1;
} catch (e) {
  print("assign before let", e.name);
}
let early;
print("after plain let", early, typeof early);
early = "now fine";
print("then", early);
function counter() {
  try {
    count++;
  } catch (e) {
    print("increment in TDZ", e.name);
  }
  let count = 0;
  return function () { count++; return count; };
}
var c = counter();
print("counter", c(), c());
