// Object.defineProperty defaults, enumerability, redefinition, and getOwnPropertyDescriptor of data properties
var o = {};
Object.defineProperty(o, "hidden", { value: "h" });
o.visible = "v";
var d1 = Object.getOwnPropertyDescriptor(o, "hidden");
var d2 = Object.getOwnPropertyDescriptor(o, "visible");
print("defaults", d1.value, d1.writable, d1.enumerable, d1.configurable);
print("assigned", d2.value, d2.writable, d2.enumerable, d2.configurable);
print("keys", Object.keys(o).join(","));
var forIn = [];
for (var k in o) forIn.push(k);
print("for-in", forIn.join(","));
o.hidden = "changed";
print("non-writable", o.hidden, "delete", delete o.hidden, delete o.visible, "visible" in o);
print("missing descriptor", Object.getOwnPropertyDescriptor(o, "nope"));
var calls = 0;
Object.defineProperty(o, "lazy", { get: function () { calls++; return "computed"; }, configurable: true });
print(o.lazy, o.lazy, "calls", calls);
Object.defineProperty(o, "lazy", { value: "fixed" });
print("redefined", o.lazy, "calls", calls);
try {
  Object.defineProperty(o, "hidden", { value: "again" });
} catch (e) {
  print("redefine non-configurable", e.name);
}
