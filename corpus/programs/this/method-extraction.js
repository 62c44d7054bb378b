// methods lose their this when extracted; callbacks get this from thisArg, arrows from the enclosing method
"use strict";
var obj = {
  label: "obj",
  plain: function () { return this === undefined ? "no this" : this.label; },
  arrowInside: function () { return [1, 2].map(() => this.label).join(","); },
  fnInside: function () { return [1, 2].map(function () { return this === undefined ? "undef" : this.label; }).join(","); },
  withThisArg: function () { return [1, 2].map(function () { return this.label; }, { label: "arg" }).join(","); }
};
var plain = obj.plain;
print("method", obj.plain());
print("extracted", plain());
print("parenthesized member call", (obj.plain)());
print("comma detaches", (0, obj.plain)());
print("arrow callback", obj.arrowInside());
print("function callback", obj.fnInside());
print("thisArg callback", obj.withThisArg());
print("bracket call", obj["plain"]());
