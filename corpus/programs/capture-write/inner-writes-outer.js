// inner functions assign outer var, let and parameter bindings; the outer scope sees the writes
function outer(param) {
  var v = "v0";
  let l = "l0";
  function write() {
    v = "v1";
    l = "l1";
    param = "p1";
  }
  write();
  return [v, l, param].join(" ");
}
print(outer("p0"));
var total = 0;
function add(n) { total += n; return total; }
add(5); add(10);
print("global total", total);
function deepWrite() {
  var x = 0;
  (function () { (function () { (() => { x = "deep"; })(); })(); })();
  return x;
}
print("depth 3 write", deepWrite());
