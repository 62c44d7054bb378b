// push, pop, shift, unshift, splice and length writes, observed through a closure over the array binding
var arr = [];
var len = function () { return arr.length; };
print("push returns", arr.push("a", "b"), "len", len());
print("unshift returns", arr.unshift("z"), arr.join(","));
print("pop", arr.pop(), "shift", arr.shift(), "left", arr.join(","));
print("pop empty", [].pop(), "shift empty", [].shift());
var s = [1, 2, 3, 4, 5];
var removed = s.splice(1, 2, "x", "y", "z");
print("splice", removed.join(","), "->", s.join(","));
print("splice insert", s.splice(2, 0, "ins").length, s.join(","));
print("splice negative", s.splice(-2).join(","), s.join(","));
arr = [1, 2, 3];
arr.length = 1;
print("truncate via length", arr.join(","), len());
arr[4] = "far";
print("sparse", len(), String(arr));
