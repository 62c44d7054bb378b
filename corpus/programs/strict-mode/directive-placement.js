// "use strict" only counts in the directive prologue at the start of a function body
function realDirective() {
  "use strict";
  return this === undefined;
}
function notADirective() {
  var x = 1;
  "use strict";
  return this === undefined;
}
function afterOtherDirective() {
  "another directive";
  "use strict";
  return this === undefined;
}
print("real", realDirective());
print("after statement", notADirective());
print("after another string directive", afterOtherDirective());
function nestedInheritsStrict() {
  "use strict";
  return (function () { return this === undefined; })();
}
function sloppyInner() {
  return (function () { return this === undefined; })();
}
print("nested in strict", nestedInheritsStrict(), "nested in sloppy", sloppyInner());
