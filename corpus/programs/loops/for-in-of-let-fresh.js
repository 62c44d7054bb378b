// for-in and for-of with let/const create a fresh binding per iteration; with var they share one
var obj = { a: 1, b: 2, c: 3 };
var byKey = [];
for (let k in obj) {
  byKey.push(function () { return k + "=" + obj[k]; });
}
print("for-in let", byKey.map(function (f) { return f(); }).join(" "));
var byVal = [];
for (const v of [10, 20, 30]) {
  byVal.push(() => v * 2);
}
print("for-of const", byVal[0](), byVal[1](), byVal[2]());
var byVar = [];
for (var w of ["x", "y", "z"]) {
  byVar.push(function () { return w; });
}
print("for-of var", byVar[0](), byVar[1](), byVar[2]());
var mutate = [];
for (let s of [1, 2, 3]) {
  mutate.push(function () { s += 100; return s; });
}
print("for-of let writes", mutate[0](), mutate[0](), mutate[1](), mutate[2]());
