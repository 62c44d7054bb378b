// strict and sloppy functions calling each other each keep their own mode
function sloppyCallee() {
  undeclaredBySloppy = "ok";
  return typeof this;
}
function strictCaller() {
  "use strict";
  var r = sloppyCallee();
  return r + " " + undeclaredBySloppy;
}
print("sloppy callee from strict caller", strictCaller());
function strictCallee() {
  "use strict";
  return typeof this;
}
function sloppyCaller() {
  return strictCallee();
}
print("strict callee from sloppy caller", sloppyCaller());
var strictFactory = function () {
  "use strict";
  return function (x) { x = 2; return arguments[0]; };
};
var sloppyFactory = function () {
  return function (x) { x = 2; return arguments[0]; };
};
print("arguments mapping", strictFactory()(1), sloppyFactory()(1));
