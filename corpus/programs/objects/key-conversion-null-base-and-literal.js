// two more places where a computed key is converted with ToPropertyKey: `base[k] = v` with a
// null or undefined base throws TypeError from ToObject before the key is converted (6.2.5.6
// PutValue: ToObject, then ToPropertyKey; likewise delete, 13.5.1.2), and an object literal's
// computed key is converted as the property name is evaluated, before its value (13.2.5.4
// ComputedPropertyName, 13.2.5.5 PropertyDefinitionEvaluation)
const log = [];
const key = (name) => ({
  toString() {
    log.push("convert " + name);
    return name;
  },
});
const store = (base) => () => {
  base[key("k")] = log.push("rhs");
};
try {
  store(null)();
} catch (e) {
  log.push(e.constructor.name);
}
print(log.join());
log.length = 0;
const o = { [key("a")]: log.push("value a"), [key("b")]: log.push("value b") };
print(log.join() + " " + Object.keys(o).join());
log.length = 0;
const g = {
  get [key("c")]() {
    return "got";
  },
  [(log.push("evaluate d"), key("d"))]: log.push("value d"),
};
print(log.join() + " " + g.c);
