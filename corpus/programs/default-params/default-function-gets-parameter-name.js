// An anonymous function (or class) as a parameter's default is named after the parameter
// (8.6.3 IteratorBindingInitialization, SingleNameBinding step 3.b: NamedEvaluation).
function make(counter = function () {}, Kind = class {}, arrow = () => 1) {
  return [counter.name, Kind.name, arrow.name].join(",");
}
print(make());
const method = {
  run(step = function () {
    return 1;
  }) {
    return step.name + " " + step();
  },
};
print(method.run());
