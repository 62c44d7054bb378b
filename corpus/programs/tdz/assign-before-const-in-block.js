// Assigning to a const before its declaration hits the TDZ first: ReferenceError, not the
// TypeError of assigning to an initialised const.
try {
  b = 1;
  const b = 0;
} catch (e) {
  print(e.name);
}
print("after");
