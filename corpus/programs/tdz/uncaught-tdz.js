// an uncaught TDZ error through a closure ends the script with ReferenceError after the earlier output
function use() { return value * 2; }
function safeUse() {
  try { return use(); } catch (e) { return "caught " + e.name; }
}
print("start");
let ok = 21;
print("ok", ok * 2);
print("guarded call", safeUse());
print("about to call use unguarded");
print(use());
let value = 21;
print("never printed");
