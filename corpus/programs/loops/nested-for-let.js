// nested for-let loops: inner closures capture both the outer and the inner iteration bindings
var grid = [];
for (let r = 0; r < 2; r++) {
  for (let c = 0; c < 3; c++) {
    grid.push(function () { return r * 10 + c; });
  }
}
print("grid", grid.map(function (f) { return f(); }).join(","));
var rows = [];
for (let r = 0; r < 3; r++) {
  let row = [];
  rows.push(function () { row.push(r); return row.length; });
}
print("row lengths", rows[0](), rows[0](), rows[1](), rows[2](), rows[2](), rows[2]());
