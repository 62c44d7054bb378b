// an object literal's computed key is converted to a property key once (13.2.5.4
// ComputedPropertyName: ToPropertyKey), and the anonymous function or class it names gets that
// key as its name (NamedEvaluation with the key already converted), so a key's toString runs once
// per property whatever the value is
let conversions = 0;
const key = (name) => ({
  toString() {
    conversions++;
    return name;
  },
});
const count = (label, make) => {
  const before = conversions;
  const o = make();
  const names = Object.keys(o).map((k) => k + ":" + (typeof o[k] === "function" ? o[k].name : o[k]));
  print(label + " " + (conversions - before) + " " + names.join(","));
};
count("number", () => ({ [key("n")]: 1 }));
count("function", () => ({ [key("f")]: function () {} }));
count("arrow", () => ({ [key("a")]: () => 1 }));
count("class", () => ({ [key("c")]: class {} }));
count("method", () => ({ [key("m")]() {} }));
count("getter", () => ({ get [key("g")]() { return 1; } }));
count("named", () => ({ [key("x")]: function named() {} }));
const later = (k) => ({ [k]: function () { return k; } });
const made = later(key("late"));
print(conversions, made.late.name, String(made.late()));
