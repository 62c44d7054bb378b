// a base constructor may return any object in place of this, and super() then binds the derived
// constructor's this to it and installs the derived class's fields on it (10.2.1.3 [[Construct]],
// 13.3.7.1 super(), 7.3.34 InitializeInstanceElements); a base that returns new.target therefore
// makes the derived class itself receive its instance fields, so a static method's private read
// works on the class and a public field becomes an own property of the class
print("start");
class Base {
  constructor() {
    return new.target;
  }
}
let made = 0;
class Sub extends Base {
  #tag = "on the class";
  count = ++made;
  static read(o) {
    return o.#tag;
  }
  static has(o) {
    return #tag in o;
  }
}
print("before " + Sub.has(Sub));
const result = new Sub();
print("result is the class " + (result === Sub));
print("after " + Sub.has(Sub) + " " + Sub.read(Sub));
print("count " + Sub.count + " " + made);
try {
  new Sub();
  print("second accepted");
} catch (e) {
  print("second " + e.constructor.name);
}
