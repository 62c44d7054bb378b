// A sloppy block function named arguments creates no var binding (B.3.2.1: the arguments object
// has that name already), but evaluating its declaration still copies the function into that
// binding, so after the block the function's own arguments is the block function.
function outer(a) {
  const before = typeof arguments;
  {
    function arguments() {
      return "block function, a = " + a;
    }
  }
  print(before + " then " + typeof arguments);
  return arguments;
}
const got = outer(7);
print(typeof got === "function" ? got() : "still the arguments object");
