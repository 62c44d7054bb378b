// var inside blocks, loops and catch clauses is function-scoped; `var e` in catch(e) writes the catch parameter
function f() {
  var fs = [];
  {
    var a = "block";
  }
  try {
    throw "err";
  } catch (e) {
    var b = "from catch";
    fs.push(function () { return e; });
  }
  for (var k = 0; k < 1; k++) {
    var c = "from loop";
  }
  fs.push(function () { return [a, b, c, k].join(","); });
  return fs;
}
var got = f();
print("catch closure", got[0]());
print("vars", got[1]());
function shadowCatch() {
  try { throw 1; } catch (err) { var err = 2; var seenInside = err; }
  return seenInside + " " + err;
}
print("shadowCatch", shadowCatch());
