// the mapping outlives the call: closures over the parameter and over arguments stay linked
function link(x) {
  var args = arguments;
  return {
    setParam: function (v) { x = v; },
    setArg: function (v) { args[0] = v; },
    read: function () { return "x=" + x + " args[0]=" + args[0]; }
  };
}
var l = link("start");
print(l.read());
l.setParam("p");
print(l.read());
l.setArg("q");
print(l.read());
// arrows use the enclosing function's (mapped) arguments object
function viaArrow(y) {
  var bump = () => { arguments[0] = arguments[0] + 1; };
  bump();
  bump();
  return y;
}
print("viaArrow", viaArrow(10));
