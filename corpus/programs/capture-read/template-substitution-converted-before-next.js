// a template literal converts each substitution with ToString before it evaluates the next one
// (13.2.8.6, SubstitutionTemplate and TemplateMiddleList evaluation), so a toString that
// changes a captured variable is seen by later substitutions, and one that throws stops them
let step = 0;
const tick = {
  toString() {
    step++;
    return "tick";
  },
};
const read = () => step;
print(`${tick} ${read()}`);
print(`${read()} ${tick} ${read()} ${tick} ${read()}`);
const log = [];
const bad = {
  toString() {
    log.push("convert");
    throw new RangeError("bad");
  },
};
try {
  `${bad}${log.push("second")}`;
} catch (e) {
  log.push(e.constructor.name);
}
print(log.join());
