// each evaluation of a block creates a new uninitialized binding, so a closure made before the let sees TDZ again
var log = [];
for (var i = 0; i < 2; i++) {
  var peek = function () { return item; };
  try { log.push(peek()); } catch (e) { log.push(e.name); }
  let item = "item" + i;
  log.push(peek());
}
print(log.join(","));
var api = {
  get: function () { return secret; },
  describe: () => "secret is " + typeof secret
};
try {
  api.describe();
} catch (e) {
  print("describe before", e.name);
}
const secret = 42;
print(api.describe(), api.get());
