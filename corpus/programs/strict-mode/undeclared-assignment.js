// assigning an undeclared name creates a global in sloppy code and throws ReferenceError in strict code
function sloppyAssign() { implicitGlobal = "created"; }
function strictAssign() { "use strict"; strictGlobal = "never"; }
sloppyAssign();
print("sloppy created", implicitGlobal, "in globalThis", "implicitGlobal" in globalThis);
try {
  strictAssign();
} catch (e) {
  print("strict", e.name, "exists", "strictGlobal" in globalThis);
}
print("implicit global is deletable", delete globalThis.implicitGlobal, typeof implicitGlobal);
var declared = 1;
print("var global is not deletable", delete globalThis.declared, typeof declared);
function closureWrites() {
  return function () { leaked = (typeof leaked === "number" ? leaked : 0) + 1; return leaked; };
}
var w = closureWrites();
print("leaked", w(), w(), globalThis.leaked);
