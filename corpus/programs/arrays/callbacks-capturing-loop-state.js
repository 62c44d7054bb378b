// array callbacks created in loops capture per-iteration bindings (let) or one shared binding (var)
var data = [10, 20, 30];
var results = [];
for (let i = 0; i < 3; i++) {
  results.push(data.map(function (x) { return x + i; }).join("/"));
}
print("let", results.join(" "));
var lazies = [];
for (var j = 0; j < 3; j++) {
  lazies.push(function () { return data.filter(function (x) { return x > j * 10; }).length; });
}
print("var lazy", lazies.map(function (f) { return f(); }).join(","));
var letLazies = [];
for (let k = 0; k < 3; k++) {
  letLazies.push(() => data.filter((x) => x > k * 10).length);
}
print("let lazy", letLazies.map((f) => f()).join(","));
var total = 0;
data.forEach(function (x) { total += x; });
print("forEach total", total, "returns", data.forEach(function () {}));
