// string basics and number-to-string conversion used from closures
function makeFormatter(sep) {
  return function (words) { return words.map(function (w) { return w.charAt(0).toUpperCase() + w.slice(1); }).join(sep); };
}
var dashed = makeFormatter("-");
print(dashed(["alpha", "beta", "gamma"]));
var s = "hello world";
print("length", s.length, "indexOf", s.indexOf("o"), s.indexOf("o", 5), s.indexOf("z"));
print("slice", s.slice(-5), s.slice(0, 5).toUpperCase(), "charAt out of range", "[" + s.charAt(99) + "]");
print("split", s.split("o").length, "a,b,,c".split(",").join("|"), "concat", "x".concat(1, null));
print("template", `${s.length} chars, ${[1, 2]} ${typeof s}`);
var counts = {};
"mississippi".split("").forEach(function (ch) { counts[ch] = (counts[ch] || 0) + 1; });
print("counts", JSON.stringify(counts));
print("number to string", String(0.1 + 0.7), String(-0), String(1e21), String(1 / 3), (25).toString(), 5 + "" + 5);
