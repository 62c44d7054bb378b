// returning from nested loops, with a closure deciding the match; closures that decide when a loop stops
function findFirst(rows, pred) {
  for (var r = 0; r < rows.length; r++) {
    for (var c = 0; c < rows[r].length; c++) {
      if (pred(rows[r][c])) return r + ":" + c;
    }
  }
  return "none";
}
var grid = [[1, 3], [5, 8], [9, 10]];
var threshold = 6;
var over = function (v) { return v > threshold; };
print("first over 6", findFirst(grid, over));
threshold = 9;
print("first over 9", findFirst(grid, over));
threshold = 100;
print("first over 100", findFirst(grid, over));
function makeStopper(limit) {
  var n = 0;
  return function () { n++; return n <= limit; };
}
var go = makeStopper(3);
var iterations = 0;
while (go()) iterations++;
print("iterations", iterations, "after stop", go());
var k = 0;
do { k += 2; } while (k < 7);
print("do-while", k);
