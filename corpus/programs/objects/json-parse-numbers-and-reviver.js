// JSON.parse: a reviver closure runs children first, with the holder as this, and deletes what it
// maps to undefined; numbers round correctly, overflowing to Infinity; bad text is a SyntaxError
function attempt(label, f) {
  try {
    print(label, f());
  } catch (e) {
    print(label, "threw", e.name);
  }
}

var seen = [];
var parsed = JSON.parse('{"a": [1, 2, {"b": 3}], "drop": 4, "c": "x"}', function (key, value) {
  seen.push(key === "" ? "(root)" : key);
  if (key === "drop") return undefined;
  if (typeof value === "number") return value * 10;
  return value;
});
print("order", seen.join(" "));
print("keys", Object.keys(parsed).join(","), "a", JSON.stringify(parsed.a), "c", parsed.c);

var holders = [];
JSON.parse('{"p": {"q": 1}}', function (key, value) {
  holders.push(key + ":" + (this === undefined ? "none" : Object.keys(this).join("|")));
  return value;
});
print("holders", holders.join(" "));

attempt("big", function () { return JSON.parse("1e400"); });
attempt("negative big", function () { return JSON.parse("[-1e400]")[0]; });
attempt("tiny", function () { return JSON.parse("5e-324") > 0; });
attempt("negative zero", function () { return 1 / JSON.parse("-0"); });
attempt("rounding", function () { return JSON.parse("0.1") + JSON.parse("0.2"); });
attempt("trailing comma", function () { return JSON.parse("[1,]"); });
attempt("leading zero", function () { return JSON.parse("01"); });
attempt("single quotes", function () { return JSON.parse("'a'"); });
attempt("proto key", function () {
  var o = JSON.parse('{"__proto__": 1}');
  return Object.keys(o).join(",") + " " + (Object.getPrototypeOf(o) === Object.prototype);
});
attempt("duplicate keys", function () {
  var o = JSON.parse('{"x": 1, "y": 2, "x": 3}');
  return Object.keys(o).join(",") + " " + o.x;
});
