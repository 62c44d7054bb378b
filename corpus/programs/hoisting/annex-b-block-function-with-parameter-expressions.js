// a function with parameter expressions has a var environment of its own; evaluating a block-level function declaration assigns the function to that function-level var binding (Annex B), never to an outer binding of the same name
var h = "outer";
function withDefault(y = 0) {
  { function h() { return "inner"; } }
  return typeof h;
}
print("inside, with a default", withDefault());
print("outer h afterwards", typeof h);
function simpleParameters(y) {
  { function h() { return "inner"; } }
  return typeof h;
}
print("inside, simple parameters", simpleParameters());
print("outer h afterwards", typeof h);
const k = 0;
var arrow = (y = 1) => {
  if (y) function k() {}
  return typeof k;
};
try {
  print("arrow with a default beside an outer const", arrow());
} catch (e) {
  print("arrow threw", e.name);
}
print("outer const", k);
function captured(y = 2) {
  var read = () => typeof h;
  var before = read();
  { function h() {} }
  return before + " " + read();
}
print("closure in the body", captured(), typeof h);
