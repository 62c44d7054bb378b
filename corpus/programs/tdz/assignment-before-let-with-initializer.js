// The assignment throws before the declaration's initializer could run: the let binding is still
// uninitialized, so `init` is never printed.
function init() {
  print("init");
  return 0;
}
try {
  y = 1;
  let y = init();
} catch (e) {
  print(e.name);
}
