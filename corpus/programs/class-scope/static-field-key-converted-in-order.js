// a class's computed keys are evaluated and converted to property keys one element at a time,
// in order, while the class is defined (15.7.14 ClassDefinitionEvaluation step 27, ClassElement
// evaluation calls ToPropertyKey right away), whatever the element is: a static field's key is
// converted before the next element's key expression runs
const log = [];
const key = (name) => ({
  toString() {
    log.push("convert " + name);
    return name;
  },
});
class C {
  static [key("a")] = 1;
  [(log.push("evaluate b"), "b")] = 2;
  static [key("c")]() {
    return "c";
  }
  [(log.push("evaluate d"), key("d"))] = 4;
}
print(log.join(", "));
print(C.a + " " + C.c() + " " + new C().b + " " + new C().d);
