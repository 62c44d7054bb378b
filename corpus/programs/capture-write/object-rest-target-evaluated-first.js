// in a destructuring assignment the rest property's target reference is evaluated before the
// source's remaining properties are copied (13.15.5.4 RestDestructuringAssignmentEvaluation
// steps 1-4): its object expression runs first, then the getters
const log = [];
function target(name) {
  log.push("target " + name);
  return {};
}
const source = {
  get a() {
    log.push("get a");
    return 1;
  },
  get b() {
    log.push("get b");
    return 2;
  },
};
let kept;
({ ...(kept = target("rest")).rest } = source);
print(log.join(", "));
print(kept.rest.a + kept.rest.b);
log.length = 0;
({ a: target("a").x, ...target("rest").y } = source);
print(log.join(", "));
