// An assignment inside a later parameter's default writes the earlier parameter's binding, which
// the body then reads (there is no separate body `var` for it).
function c(a = 0, b = a = 5) {
  return a;
}
print(c());
function h(x, y = 0, z = x += y) {
  return x;
}
print(h(5, 9));
print("after");
