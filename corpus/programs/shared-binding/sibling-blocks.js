// closures from different blocks share a function-level var but not the blocks' own lets
function make() {
  var counter = 0;
  var fns = {};
  {
    let local = "A";
    fns.a = function () { counter++; return local + counter; };
  }
  {
    let local = "B";
    fns.b = function () { counter += 10; return local + counter; };
  }
  fns.read = function () { return counter; };
  return fns;
}
var f = make();
print(f.a(), f.b(), f.a(), f.read());
var g = make();
print("second call is independent", g.a(), f.read());
