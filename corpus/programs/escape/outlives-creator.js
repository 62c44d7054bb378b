// captured state outlives its creating call: closures from finished calls keep working independently
function makeHistory() {
  var entries = [];
  return {
    add: function (e) { entries.push(e); return entries.length; },
    dump: function () { return entries.join(">"); }
  };
}
var histories = [];
for (var i = 0; i < 3; i++) histories.push(makeHistory());
histories[0].add("a");
histories[2].add("x"); histories[2].add("y");
print(histories.map(function (h) { return "[" + h.dump() + "]"; }).join(" "));
function chain(n) {
  var fn = function () { return "end"; };
  for (var k = 0; k < n; k++) {
    fn = (function (next, label) { return function () { return label + "," + next(); }; })(fn, "n" + k);
  }
  return fn;
}
print("chain", chain(4)());
var survivor = (function () {
  var big = [];
  for (var j = 0; j < 100; j++) big.push(j);
  return function () { return big.length + ":" + big[99]; };
})();
print("survivor", survivor());
