// for-let: a closure in the loop head initializer captures the initial binding, not the per-iteration copies
var seen = [];
for (let i = 0, f = function () { return i; }; i < 3; i++) {
  seen.push(i + ":" + f());
}
print("seen", seen.join(" "));
var g;
for (let n = 10, h = () => n; n < 13; n++) {
  g = h;
  n++;
}
print("g()", g());
// the head closure can write the initial binding, which the iterations never see
var log = [];
for (let k = 0, bump = function () { k += 100; return k; }; k < 2; k++) {
  log.push(bump(), k);
}
print("log", log.join(","));
