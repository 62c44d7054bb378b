// `delete name` in sloppy code deletes through the binding's environment (13.5.1.2): for a
// declarative environment DeleteBinding (9.1.1.1.7) just answers false, because let, const and
// class bindings cannot be deleted. It never reads the binding, so a binding still in its temporal
// dead zone does not throw a ReferenceError: the answer is false before the declaration too.
function attempt(run) {
  try { return String(run()); } catch (e) { return e.name; }
}
print("let before its declaration", attempt(function () { var r = delete x; let x = 1; return r + " " + x; }));
print("const in a block", attempt(function () { { var r = delete c; const c = 2; return r + " " + c; } }));
print("class before its declaration", attempt(function () { var r = delete K; class K {} return r + " " + typeof K; }));
print("in a switch case", attempt(function () {
  switch (1) { case 1: var r = delete s; let s = 3; return r + " " + s; }
}));
print("from a closure", attempt(function () { var peek = () => delete y; var r = peek(); let y = 4; return r + " " + y; }));
print("after initialisation", attempt(function () { let z = 5; return delete z; }));
var plain = 6;
print("global var", delete plain, typeof plain);
