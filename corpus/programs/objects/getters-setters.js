// getters and setters in object literals close over private variables and validate writes
function makeCounter() {
  var value = 0;
  var writes = 0;
  return {
    get value() { return value; },
    set value(v) { writes++; if (typeof v === "number") value = v; },
    get writes() { return writes; }
  };
}
var c = makeCounter();
c.value = 10;
c.value = "bad";
print("value", c.value, "writes", c.writes);
c.writes = 99;
print("no setter: write ignored", c.writes);
var d = Object.getOwnPropertyDescriptor(c, "value");
print("accessor descriptor", typeof d.get, typeof d.set, d.enumerable, d.configurable, "value" in d);
print("has own", c.hasOwnProperty("value"), "keys", Object.keys(c).join(","));
