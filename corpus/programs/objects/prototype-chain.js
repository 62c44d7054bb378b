// Object.create and constructor prototypes: lookups walk the chain, writes and deletes touch own properties
var base = { kind: "base", describe: function () { return this.kind + "/" + this.name; } };
var mid = Object.create(base);
mid.name = "mid";
var leaf = Object.create(mid);
leaf.kind = "leaf";
print(leaf.describe(), mid.describe());
print("own", leaf.hasOwnProperty("kind"), leaf.hasOwnProperty("name"), "in", "name" in leaf, "describe" in leaf);
print("protos", Object.getPrototypeOf(leaf) === mid, Object.getPrototypeOf(mid) === base, Object.getPrototypeOf(base) === Object.prototype);
delete leaf.kind;
print("after delete", leaf.describe());
var bare = Object.create(null);
bare.x = 1;
print("null prototype", Object.getPrototypeOf(bare), "toString" in bare, "x" in bare);
function Animal(sound) { this.sound = sound; }
Animal.prototype.speak = function () { return this.sound + "!"; };
function Dog() { Animal.call(this, "woof"); }
Dog.prototype = Object.create(Animal.prototype);
Dog.prototype.constructor = Dog;
var d = new Dog();
print("inheritance", d.speak(), d instanceof Dog, d instanceof Animal, d.constructor === Dog);
