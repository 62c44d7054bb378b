// property enumeration order, in, delete and hasOwnProperty on an object hidden behind closures
function builder() {
  var obj = {};
  return {
    set: function (k, v) { obj[k] = v; return this; },
    remove: function (k) { return delete obj[k]; },
    keys: function () { return Object.keys(obj).join(","); },
    has: function (k) { return (k in obj) + "/" + obj.hasOwnProperty(k); }
  };
}
var b = builder();
b.set("z", 1).set("10", 2).set("a", 3).set("2", 4).set("1.5", 5);
print("order", b.keys());
print("remove a", b.remove("a"), b.keys());
print("remove missing", b.remove("nothing"));
print("has", b.has("z"), b.has("toString"), b.has("a"));
var o = { u: undefined };
print("undefined value", "u" in o, o.u, "v" in o, o.v);
