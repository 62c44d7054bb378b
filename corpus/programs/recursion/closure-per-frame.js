// each recursive frame has its own bindings; closures made at each depth see their own frame's final values
function collect(n, out) {
  var here = n * n;
  out.push(function () { return n + ":" + here; });
  if (n > 1) collect(n - 1, out);
  here += 0.5;
  return out;
}
print(collect(3, []).map(function (f) { return f(); }).join(" "));
function depthCounter() {
  var current = 0, deepest = 0;
  function enter(n) {
    current++;
    if (current > deepest) deepest = current;
    if (n > 0) { enter(n - 1); enter(n - 2); }
    current--;
  }
  enter(5);
  return deepest + " " + current;
}
print("deepest", depthCounter());
