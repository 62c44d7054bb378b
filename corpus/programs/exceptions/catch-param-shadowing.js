// the catch parameter shadows outer bindings only inside its catch block; closures see the nearest one
var e = "outer e";
var err = "outer err";
function f() {
  try {
    throw "thrown";
  } catch (err) {
    var inner = function () { return err + " / " + e; };
    err = "reassigned in catch";
    return inner();
  }
}
print(f());
print("outer untouched", e, err);
try {
  throw "a";
} catch (e) {
  try {
    throw "b";
  } catch (e) {
    print("innermost", e);
  }
  print("middle", e);
  let x = "block let in catch";
  print(x);
}
print("outside", e);
