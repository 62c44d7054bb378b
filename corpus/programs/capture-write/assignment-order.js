// evaluation order when closures write variables used in the same expression
var log = [];
var n = 0;
function bump(label) {
  return function () { n++; log.push(label + n); return n; };
}
var a = bump("a"), b = bump("b");
var result = a() * 10 + b();
print("result", result, "log", log.join(","));
var obj = {};
var key = "first";
obj[(function () { key = "second"; return key; })()] = key;
print("computed key", Object.keys(obj).join(","), obj.second);
var arr = [0, 0, 0];
var idx = 0;
arr[idx] = (idx = 2);
print("arr", arr.join(","), "idx", idx);
var x = 1;
var y = x + (x = 10) + x;
print("y", y);
