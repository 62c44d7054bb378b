// an instance field's initializer runs as a method of the class (15.7.10, 7.3.34
// InitializeInstanceElements, 7.3.33 DefineField) and sees the class binding like any closure
// made inside the class body, so it may read and write the class's own static properties while
// an instance is being built
print("defining");
class A {
  static made = 0;
  serial = (A.made = A.made + 1);
  read = () => A.made;
}
print("defined " + A.made);
const first = new A();
print("first " + first.serial);
const second = new A();
print("second " + second.serial + " " + first.read());
