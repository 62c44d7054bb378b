// sloppy direct eval: a var that eval declares in a function shadows an outer const of the same name, so the function may assign to it
const limit = 10;
function compound(x) {
  eval("var limit = x + 8");
  try { limit += 4; return "compound " + limit; } catch (e) { return "compound " + e.name; }
}
print(compound(1));
function plain() {
  eval("var limit = 1");
  try { limit = 2; return "plain " + limit; } catch (e) { return "plain " + e.name; }
}
print(plain());
function update() {
  eval("var limit = 5");
  try { limit++; return "update " + limit; } catch (e) { return "update " + e.name; }
}
print(update());
function viaClosure() {
  eval("var limit = 0");
  return function () {
    try { limit -= 3; return "closure " + limit; } catch (e) { return "closure " + e.name; }
  };
}
print(viaClosure()());
function readOnly() {
  eval("var limit = 7");
  return "read " + limit;
}
print(readOnly());
function strictEval() {
  "use strict";
  eval("var limit = 1");
  try { limit = 2; return "strict eval " + limit; } catch (e) { return "strict eval " + e.name; }
}
print(strictEval());
print("outer const", limit);
