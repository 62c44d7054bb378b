// a read-only view over private state: accessor properties defined with closures and no setter
function makeTemperature(initial) {
  var celsius = initial;
  var api = {};
  Object.defineProperty(api, "celsius", { get: function () { return celsius; }, enumerable: true });
  Object.defineProperty(api, "fahrenheit", { get: function () { return celsius * 9 / 5 + 32; } });
  api.warm = function (d) { celsius += d; };
  return api;
}
var t = makeTemperature(10);
t.warm(5);
print("celsius", t.celsius, "fahrenheit", t.fahrenheit);
t.celsius = 1000;
print("sloppy write ignored", t.celsius);
print("keys", Object.keys(t).join(","));
var desc = Object.getOwnPropertyDescriptor(t, "fahrenheit");
print("descriptor", typeof desc.get, desc.set, desc.enumerable, desc.configurable);
(function () {
  "use strict";
  try { t.celsius = 0; } catch (e) { print("strict write", e.name); }
})();
