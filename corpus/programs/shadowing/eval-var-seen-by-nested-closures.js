// A var that sloppy direct eval declares is a binding of the calling function (19.2.1.3
// EvalDeclarationInstantiation): closures made in that function, before or after the eval, resolve
// the name to it once it exists, not to the global binding of the same name.
var k = 2;
function f() {
  var g = function () {
    return typeof k + ":" + k;
  };
  var h;
  (function () {
    h = () => k * 10;
  })();
  print(g());
  print(h());
  eval("var k = 7");
  print(g());
  print(h());
  print(k);
}
f();
print(k);
