// indexOf, includes, slice, concat and join, including NaN, negative indexes and nested arrays
var a = [1, 2, NaN, "2", 2];
print("indexOf 2", a.indexOf(2), "from 2", a.indexOf(2, 2), "string", a.indexOf("2"));
print("NaN", a.indexOf(NaN), a.includes(NaN), "includes '1'", a.includes("1"));
print("slice", a.slice(1, 3).join("|"), a.slice(-2).join("|"), a.slice(3, 1).length);
var b = a.concat([3, [4, 5]], 6);
print("concat", b.length, b.join("|"), "original", a.length);
print("join", [1, null, undefined, [2, [3]]].join("-"), "[" + [].join() + "]", [1, 2].join(""));
print("String of nested", String([[1, 2], [3], []]));
var found = [];
var words = "the quick brown fox".split(" ");
words.forEach(function (w, i) { if (w.indexOf("o") >= 0) found.push(i + w.charAt(0).toUpperCase()); });
print("forEach with index", found.join(","), words.length);
