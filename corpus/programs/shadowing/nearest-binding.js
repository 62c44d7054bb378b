// lookups resolve to the nearest enclosing binding at each depth
var name = "global";
function a() {
  var name = "a";
  function b() {
    let name = "b";
    function c() {
      return name;
    }
    return c() + "<" + (function () { return name; })();
  }
  return b() + "<" + name;
}
print(a() + "<" + name);
function param(name) {
  return (() => name)();
}
print("param shadows", param("param"));
function noShadow() { return name; }
print("no shadow", noShadow());
