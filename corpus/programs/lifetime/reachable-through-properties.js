// Objects reachable through a live closure's captured object, an array element and a Map value are
// all live; an object reachable only from a deleted property is garbage.
let probes = {};
const registry = (function () {
  const store = { nested: { tag: "nested" }, list: [{ tag: "element" }], map: new Map() };
  store.map.set("k", { tag: "value" });
  store.temp = { tag: "temp" };
  probes.nested = new WeakRef(store.nested);
  probes.element = new WeakRef(store.list[0]);
  probes.value = new WeakRef(store.map.get("k"));
  probes.temp = new WeakRef(store.temp);
  delete store.temp;
  return () => store;
})();
afterGc(() => {
  lifetimeProbe("nested", probes.nested);
  lifetimeProbe("element", probes.element);
  lifetimeProbe("value", probes.value);
  lifetimeProbe("temp", probes.temp);
  const store = registry();
  print(store.nested.tag, store.list[0].tag, store.map.get("k").tag, "temp" in store);
});
