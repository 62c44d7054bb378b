// for-let: writes to the loop variable inside the body are carried into the next iteration's copy
var fs = [];
for (let i = 0; i < 6; i++) {
  fs.push(function () { return i; });
  if (i === 1) i = 3;
}
print("count", fs.length);
print("values", fs.map(function (f) { return f(); }).join(","));
// a closure from an earlier iteration writing its own binding does not affect the loop
var writers = [];
var visited = [];
for (let j = 0; j < 4; j++) {
  writers.push(function () { j = 99; });
  if (j === 2) writers[0]();
  visited.push(j);
}
print("visited", visited.join(","));
