// An instance field's initializer has the class prototype as its home object (15.7.14 step 26,
// ClassFieldDefinitionEvaluation with homeObject proto), so super in it, or in an arrow made
// there, reaches the parent's prototype methods, not its static ones.
class Base {
  static describe() {
    return "static describe";
  }
  describe() {
    return "prototype describe";
  }
}
class Derived extends Base {
  direct = super.describe();
  later = () => super.describe();
}
const d = new Derived();
print(d.direct);
print(d.later());
