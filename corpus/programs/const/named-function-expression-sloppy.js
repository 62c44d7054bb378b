// sloppy: assigning to a named function expression's own name inside it is silently ignored
var f = function fact(n) {
  fact = "overwritten?";
  return typeof fact;
};
print("inside after assign", f(1));
var counter = function tick() {
  tick = null;
  tick++;
  return tick === counter;
};
print("name still refers to itself", counter());
print("outer typeof fact", typeof fact);
var g = function inner() {
  var inner = "var shadows name";
  return inner;
};
print("var shadows", g());
var h = function self(self) { return self; };
print("param shadows", h("param"));
