// a name no scope declares is looked up on the global object, whose prototype chain includes
// Object.prototype (9.1.1.4.1 HasBinding of the global record asks the object, 9.1.1.2.1 uses
// HasProperty): a closure reads a property added to Object.prototype as if it were a global,
// sees each later change, and throws ReferenceError once it is deleted; a global declared later
// takes over
Object.prototype.shared = 1;
function read() {
  return shared;
}
const later = () => typeof shared + " " + shared;
print(read());
Object.prototype.shared = 2;
print(read() + " " + later());
delete Object.prototype.shared;
try {
  read();
  print("no error");
} catch (e) {
  print(e.constructor.name);
}
print(typeof shared);
Object.prototype.shared = 3;
print(read());
globalThis.shared = "own";
print(later());
delete globalThis.shared;
print(later());
delete Object.prototype.shared;
try {
  later();
  print("no error");
} catch (e) {
  print(e.constructor.name);
}
