// an inner let shadows the outer binding for its whole block, so the outer value is not visible before it
let a = "outer";
{
  try {
    print("read", a);
  } catch (e) {
    print("inner block before let", e.name);
  }
  let a = "inner";
  print("inner block after let", a);
}
print("outer", a);
function g() {
  var get = function () { return a; };
  try {
    get();
  } catch (e) {
    print("closure sees g's TDZ", e.name);
  }
  let a = "g's a";
  return get();
}
print("g", g());
try {
  let self = self + 1;
} catch (e) {
  print("let self = self + 1", e.name);
}
