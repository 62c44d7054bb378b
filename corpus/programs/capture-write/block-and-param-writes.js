// closures writing a block-scoped let update only that block's binding; writing a sloppy param updates arguments too
var setters = [];
var getters = [];
for (var i = 0; i < 2; i++) {
  let slot = "slot" + i;
  setters.push(function (v) { slot = v; });
  getters.push(function () { return slot; });
}
setters[1]("written");
print(getters[0](), getters[1]());
let top = "top";
{
  let top = "block";
  (function () { top = "block written"; })();
  print("inside", top);
}
print("outside", top);
function sloppyParamWrite(a) {
  (function () { a = "inner"; })();
  return a + " " + arguments[0];
}
print("param write via closure", sloppyParamWrite("orig"));
