// The logical assignments &&=, ||= and ??= name an anonymous function on their right after the
// target only when IsIdentifierRef of the left-hand side is true (13.15.2, the evaluation steps for
// each operator); it is false for a parenthesised name (8.4), so `(a) ??= function () {}` leaves
// the function's name "". A bare target is named as usual.
var a, b, c, d = 1, e;
function assignAll() {
  a ??= function () {};
  (b) ??= function () {};
  (c) ||= () => {};
  (d) &&= class {};
  ((e)) ??= function () {};
}
assignAll();
print("bare", JSON.stringify(a.name));
print("parenthesised", JSON.stringify(b.name), JSON.stringify(c.name), JSON.stringify(d.name), JSON.stringify(e.name));
