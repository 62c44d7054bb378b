// closures resolve names where they are defined, not where they are called
var x = "global x";
function show() { return x; }
function caller() {
  var x = "caller x";
  return show();
}
print("called from caller", caller());
function makeShow() {
  var x = "maker x";
  return function () { return x; };
}
function caller2(f) {
  var x = "caller2 x";
  return f();
}
print("passed in", caller2(makeShow()));
var obj = { x: "property x", show: show, method: function () { return x + " / " + this.x; } };
print("as method", obj.show(), "|", obj.method());
