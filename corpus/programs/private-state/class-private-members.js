// class #private fields, methods, accessors and static members, brand checks with #x in o
class Counter {
  #count = 0;
  static instances = 0;
  static #secret = "s";
  constructor(start = 0) { this.#count = start; Counter.instances++; }
  inc() { return ++this.#count; }
  get value() { return this.#count; }
  #hidden() { return "hidden " + this.#count; }
  reveal() { return this.#hidden(); }
  static check(o) { return #count in o; }
  static get secret() { return Counter.#secret; }
}
var c = new Counter(5); c.inc(); print(c.value, c.reveal(), Counter.instances, Counter.check(c), Counter.check({}), Counter.secret);
class Animal { constructor(name) { this.name = name; } speak() { return this.name + " makes a sound"; } static create(n) { return new this(n); } }
class Acc { #v = 1; get #x() { return this.#v * 10; } set #x(n) { this.#v = n; } bump() { this.#x = this.#x + 1; return this.#x; } } print(new Acc().bump());
try { Counter.prototype.inc.call({}); } catch (e) { print("brand", e.name); }
