// Arrow functions have no this binding of their own (their function environment is lexical-this,
// so HasThisBinding is false, 9.1.1.3.2). ResolveThisBinding (9.4.4) asks GetThisEnvironment
// (9.4.3) for the nearest environment that has one, walking past every arrow on the way: an arrow
// nested in another arrow sees the this of the enclosing ordinary function or method, whether or
// not the arrow in the middle mentions this itself.
function plain() {
  return () => () => this.tag;
}
print("plain " + plain.call({ tag: "p" })()());

function middleUsesThis() {
  return () => {
    const seen = this.tag;
    return () => seen + "/" + this.tag;
  };
}
print("middle uses this " + middleUsesThis.call({ tag: "m" })()());

const holder = {
  tag: "holder",
  threeDeep() {
    return () => () => () => this.tag;
  },
};
print("three deep " + holder.threeDeep()()()());

class Box {
  constructor() {
    this.tag = "box";
  }
  inLiteral() {
    const make = () => [() => this.tag];
    return make()[0]();
  }
}
print("array literal in arrow " + new Box().inLiteral());

function viaObject() {
  const make = () => ({ get: () => this.tag });
  return make().get();
}
print("object literal in arrow " + viaObject.call({ tag: "v" }));

function argumentsToo() {
  return () => () => arguments[0];
}
print("arguments " + argumentsToo("a")()());

function asyncInner() {
  return () => async () => this.tag;
}
asyncInner.call({ tag: "async" })()().then((value) => print("async arrow " + value));
