// A parenthesised name or member expression is still a simple assignment target: its
// AssignmentTargetType is that of the expression inside the parentheses, so it may stand as the
// DestructuringAssignmentTarget of an array element, an object property or a rest element (13.15.1
// and 13.15.5.1 early errors). Each form is compiled by Function, or by indirect eval, inside try,
// so an engine that refuses one of them still runs the rest.
var x, y, z, box = {};
function attempt(label, source) {
  try { Function(source)(); print(label, "parsed"); } catch (e) { print(label, e.name); }
}
attempt("array element", "[(x)] = [4];");
attempt("object property", "({ a: (y) } = { a: 5 });");
attempt("rest element", "[...(z)] = [6, 7];");
attempt("member target", "[(box.p)] = [8];");
attempt("element with default", "[(x) = 9] = [];");
print(x, y, String(z), box.p);
try { (0, eval)("[(y)] = [10];"); print("indirect eval", y); } catch (e) { print("indirect eval", e.name); }
