// class scope: inner class-name binding, heritage TDZ, field initializers as closures over this, super in arrows and object methods, static blocks
class Dog extends Animal { constructor(name) { super(name); this.kind = "dog"; } speak() { return super.speak() + " (woof)"; } }
var d = Dog.create("Rex"); print(d.speak(), d instanceof Animal, d.kind, Object.getPrototypeOf(Dog) === Animal);
try { Dog("x"); } catch (e) { print(e.name); }
class Base { field = this.constructor.name + " field"; arrow = () => this.field; }
class Derived extends Base { extra = this.field + "!"; }
var x = new Derived(); print(x.field, x.extra, x.arrow.call(null));
var fs = []; for (let i = 0; i < 3; i++) { fs.push(class { static v = i; }); } print(fs.map(k => k.v));
class Inner { static self = Inner; m() { return Inner; } } var Outer = Inner; print(Inner.self === Inner, new Inner().m() === Outer);
try { class T extends T {} } catch (e) { print("tdz", e.name); }
try { new (class extends Object { constructor() { this.x = 1; } })(); } catch (e) { print("this before super", e.name); }
class S { static #count = 0; static { S.#count = 42; S.fromBlock = S.#count; } } print(S.fromBlock);
var obj = { greet() { return "obj " + super.toString.name; } }; print(obj.greet());
class A2 { m() { return "A2"; } } class B2 extends A2 { m() { const f = () => super.m(); return f() + "B2"; } } print(new B2().m());
print(typeof Counter, Object.keys(Counter.prototype).length, Counter.name, (class {}).name, String(class Q {}));
class P { constructor() { return {custom: true}; } } print(new P().custom);
class Getterless { static [`comp${1+1}`]() { return "computed"; } } print(Getterless.comp2());
