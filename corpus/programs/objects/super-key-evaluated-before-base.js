// For `super[Expression]` (13.3.7.1) the Expression is evaluated first, and only then does
// MakeSuperPropertyReference (13.3.7.3 step 3) ask the home object for its current prototype
// (GetSuperBase, 9.1.1.3.5). A key expression that swaps the home object's prototype therefore
// decides where the lookup happens. Keys here are strings, so no ToPropertyKey call is involved.
const literal = {
  read() {
    return super[(Object.setPrototypeOf(literal, { k: "new" }), "k")];
  },
};
Object.setPrototypeOf(literal, { k: "old" });
print("object literal " + literal.read());

class First {
  m() {
    return "First";
  }
}
class Second {
  m() {
    return "Second";
  }
}
class Derived extends First {
  m() {
    return super[(Object.setPrototypeOf(Derived.prototype, Second.prototype), "m")]();
  }
}
print("class method " + new Derived().m());

class StaticFirst {
  static k = "static first";
}
class StaticSecond {
  static k = "static second";
}
class StaticDerived extends StaticFirst {
  static read() {
    return super[(Object.setPrototypeOf(StaticDerived, StaticSecond), "k")];
  }
}
print("static method " + StaticDerived.read());

const viaArrow = {
  read() {
    const key = () => (Object.setPrototypeOf(viaArrow, { k: "arrow new" }), "k");
    return (() => super[key()])();
  },
};
Object.setPrototypeOf(viaArrow, { k: "arrow old" });
print("arrow " + viaArrow.read());

const writer = {
  write(v) {
    super[(Object.setPrototypeOf(writer, target), "w")] = v;
    return Object.keys(writer).join();
  },
};
const target = {
  set w(v) {
    print("setter on the new prototype got " + v);
  },
};
Object.setPrototypeOf(writer, {});
print("write keys [" + writer.write(7) + "]");
