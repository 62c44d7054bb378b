// In an object assignment pattern a property may pair a computed name with a target that has a
// default (13.15.5 grammar: AssignmentProperty : PropertyName `:` AssignmentElement, where
// PropertyName includes ComputedPropertyName). The key expression is evaluated first (13.15.5.4),
// and the default runs when the value read is undefined (13.15.5.6). The forms are compiled by
// Function inside try, so an engine that refuses one of them still runs the rest.
var x, y, z;
function attempt(label, source) {
  try { Function(source)(); print(label, "parsed"); } catch (e) { print(label, e.name); }
}
attempt("literal key", "({ [\"k\"]: x = 2 } = {});");
attempt("computed key", "var n = 0; ({ [\"k\" + n]: y = 3 } = { k0: undefined });");
attempt("plain key", "({ k: z = 4 } = {});");
attempt("binding form", "var { [\"k\"]: w = 5 } = {}; print(\"binding\", w);");
print(x, y, z);
