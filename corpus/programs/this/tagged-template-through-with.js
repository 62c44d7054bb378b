// a name resolved through a with statement's object environment has that object as the call's
// this (9.1.1.2.10 WithBaseObject), for a tag as for any callee (13.3.11.1), including methods
// of a primitive wrapped by with; a closure made inside the with keeps calling through it
const o = {
  n: 4,
  t(strings, v) {
    return strings[0] + (this === o ? " with object " : " other ") + (this.n + v);
  },
};
let later;
with (o) {
  print(t`first${1}`);
  later = () => t`later${2}`;
}
print(later());
o.n = 10;
print(later());
with ("abc") {
  print(charAt`1`);
  print(toUpperCase`ignored`);
}
