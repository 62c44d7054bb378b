// typeof of an undeclared name is "undefined", but typeof of a let/const in its TDZ throws, also via closures
print("undeclared", typeof notDeclaredAnywhere);
function probe() { return typeof later; }
try {
  print("typeof later", typeof later);
} catch (e) {
  print("direct typeof in TDZ", e.name);
}
try {
  probe();
} catch (e) {
  print("closure typeof in TDZ", e.name);
}
const later = 1;
print("after init", typeof later, probe());
{
  try {
    print(typeof blockConst);
  } catch (e) {
    print("block TDZ", e.name);
  }
  const blockConst = "c";
  print("block after", typeof blockConst);
}
