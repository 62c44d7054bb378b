// recursive walks over nested objects and arrays, accumulating through closures
var tree = { v: 1, kids: [{ v: 2, kids: [{ v: 4, kids: [] }] }, { v: 3, kids: [{ v: 5, kids: [] }, { v: 6, kids: [] }] }] };
function walk(node, visit, depth) {
  visit(node, depth);
  node.kids.forEach(function (k) { walk(k, visit, depth + 1); });
}
var order = [];
var maxDepth = 0;
walk(tree, function (n, d) { order.push(n.v); if (d > maxDepth) maxDepth = d; }, 0);
print("preorder", order.join(","), "max depth", maxDepth);
function flatten(arr) {
  return arr.reduce(function (acc, x) { return acc.concat(typeof x === "object" ? flatten(x) : [x]); }, []);
}
print("flatten", flatten([1, [2, [3, [4]], 5], [[6]]]).join(","));
function hanoi(n, from, to, via, moves) {
  if (n === 0) return moves;
  hanoi(n - 1, from, via, to, moves);
  moves.push(from + to);
  return hanoi(n - 1, via, to, from, moves);
}
var moves = hanoi(3, "A", "C", "B", []);
print("hanoi(3)", moves.length, moves.join(" "));
print("sum", (function sum(n) { return n === 0 ? 0 : n + sum(n - 1); })(100));
