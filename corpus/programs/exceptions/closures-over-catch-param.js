// closures created in a catch block capture that catch's parameter; each catch makes a fresh binding
var handlers = [];
for (var i = 0; i < 3; i++) {
  try {
    throw "error " + i;
  } catch (e) {
    handlers.push(function () { return e; });
  }
}
print("captured", handlers[0](), "|", handlers[1](), "|", handlers[2]());
var setE, getE;
try {
  throw 1;
} catch (e) {
  setE = function (v) { e = v; };
  getE = function () { return e; };
}
setE("changed");
print("shared catch binding", getE());
print("typeof e outside", typeof e);
