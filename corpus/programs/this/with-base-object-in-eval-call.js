// A call through a name that a with statement resolves gets the with object as its this:
// EvaluateCall (13.3.6.2) takes thisValue from the reference's environment record, and an object
// environment created by with answers WithBaseObject with its binding object (9.1.1.2.10). Direct
// eval code resolves names through the caller's environments (19.2.1.1), with objects included,
// so calls written inside the eval string get the same this, however deeply they are nested.
var box = {
  who() {
    return this === box;
  },
};
with (box) {
  print("global eval " + eval("who()"));
}
function inFunction() {
  with (box) {
    return eval("who()");
  }
}
print("function eval " + inFunction());
function nestedEval() {
  with (box) {
    return eval("eval('who()')");
  }
}
print("nested eval " + nestedEval());
function arrowInEval() {
  with (box) {
    const call = eval("() => who()");
    return call();
  }
}
print("arrow from eval " + arrowInEval());
function direct() {
  with (box) {
    return who();
  }
}
print("no eval " + direct());
