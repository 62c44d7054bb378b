// `PrivateIdentifier in ShiftExpression` is itself a RelationalExpression (13.10), so a brand check
// may be the left operand of another relational operator without parentheses: `#x in o < 1`
// compares the boolean with 1, `#x in o in keys` looks the boolean up as the property key "true"
// or "false", and `#x in o instanceof C` asks C whether the boolean is an instance of it
class IsTrue {
  static [Symbol.hasInstance](v) {
    return v === true;
  }
}
class Box {
  #x = 1;
  static compare(o) {
    return [#x in o < 1, #x in o <= 0, #x in o > 0, #x in o >= 1].join();
  }
  static lookup(o) {
    const keys = { true: "has" };
    return #x in o in keys;
  }
  static checker(o) {
    return () => #x in o instanceof IsTrue;
  }
}
const box = new Box();
print("compare " + Box.compare(box) + " / " + Box.compare({}));
print("lookup " + Box.lookup(box) + " " + Box.lookup({}));
const checkBox = Box.checker(box);
const checkPlain = Box.checker({});
print("instanceof " + checkBox() + " " + checkPlain());
