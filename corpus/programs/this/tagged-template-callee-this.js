// a tag is called as a call's callee is (13.3.11.1: EvaluateCall with the tag's reference), so
// its this value follows the same rules: the object of a property reference, also through
// parentheses and optional chains (both still references), the this of the method for super.t,
// and undefined for a plain name (the global object once a sloppy tag substitutes it); the
// closures a tag returns keep what it saw
const names = new Map();
const who = (self) => (self === undefined ? "undefined" : self === globalThis ? "global" : names.get(self) || "other");
const seen = (label) =>
  function (strings, value) {
    const self = this;
    return () => label + " " + strings[0] + " " + who(self) + (value === undefined ? "" : " " + value);
  };
const o = { t: seen("member"), u: seen("parenthesised"), v: seen("optional") };
names.set(o, "o");
print(o.t`a`());
print(o["t"]`b${1}`());
print((o.u)`c`());
print((o?.v)`d`());
const base = { t: seen("super") };
const derived = Object.setPrototypeOf({ m() { return super.t`e`; } }, base);
names.set(base, "base").set(derived, "derived");
print(derived.m()());
const plainTag = seen("plain");
print(plainTag`f`());
const strictTag = function (strings) {
  "use strict";
  return () => "strict " + strings[0] + " " + typeof this;
};
print(strictTag`g`());
