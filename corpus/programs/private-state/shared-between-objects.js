// objects made by one factory call share private state; objects from separate calls do not
function makeAccountPair() {
  var shared = 0;
  var ids = 0;
  function make(label) {
    var id = ++ids;
    return {
      add: function (n) { shared += n; return label + "#" + id + " -> " + shared; },
      total: function () { return shared; }
    };
  }
  return [make("x"), make("y")];
}
var pair = makeAccountPair();
print(pair[0].add(5));
print(pair[1].add(7));
var other = makeAccountPair();
print(other[0].add(1));
print("totals", pair[0].total(), pair[1].total(), other[1].total());
var uid = (function () {
  var next = 0;
  return function (prefix) { next += 1; return prefix + "-" + next; };
})();
print(uid("a"), uid("b"), uid("a"));
