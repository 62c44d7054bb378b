// a thrown non-Error value that is never caught ends the script; its error name is its typeof
function fail(reason) {
  return function () { throw "failed: " + reason; };
}
var f = fail("disk");
try {
  f();
} catch (s) {
  print("caught once", s, typeof s);
}
print("throwing again uncaught");
f();
print("never printed");
