// sloppy functions with default parameters get an unmapped arguments object; simple ones a mapped one
function withDefault(a, b = 2) {
  a = "changed";
  arguments[1] = "args";
  return [arguments[0], a, b, arguments.length].join("|");
}
print("default", withDefault("orig", undefined));
function simple(a, b) {
  a = "changed";
  arguments[1] = "args";
  return [arguments[0], a, b, arguments.length].join("|");
}
print("simple", simple("orig", undefined));
// a function nested inside a strict one is strict too, so unmapped
function outer() {
  "use strict";
  return function (p) { p = 5; return arguments[0]; };
}
print("nested in strict", outer()(1));
