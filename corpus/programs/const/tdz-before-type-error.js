// assigning to a const in its TDZ throws ReferenceError (the TDZ check comes first); after init, TypeError
function assign() { c = "new"; }
try {
  assign();
} catch (e) {
  print("before init", e.name);
}
const c = "value";
try {
  assign();
} catch (e) {
  print("after init", e.name);
}
print("c", c);
