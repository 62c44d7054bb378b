// a parenthesised optional chain still evaluates to a reference (13.3.9.1), so calling it calls
// the private method with this set to the object it was read from: (this?.#m)() is this.#m(),
// and (o?.#m)() is o.#m(); when the base is null or undefined the chain is undefined and the
// call throws TypeError
class Counter {
  #count = 0;
  #bump() {
    this.#count++;
    return this;
  }
  viaThis() {
    return (this?.#bump)() === this;
  }
  viaOther(other) {
    return (other?.#bump)() === other;
  }
  viaNothing() {
    const none = null;
    try {
      (none?.#bump)();
      return "no error";
    } catch (e) {
      return e.constructor.name;
    }
  }
  get count() {
    return this.#count;
  }
}
const a = new Counter();
const b = new Counter();
print(a.viaThis());
print(a.viaOther(b));
print(a.viaNothing());
print(a.count + " " + b.count);
