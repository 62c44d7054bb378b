// Annex B.3.4: a direct eval in a catch block may declare a var named like the catch parameter;
// the var is declared in the function, while the initialiser assigns the catch parameter, which a
// closure made in the catch block sees
function inCatch(seed) {
  try {
    throw seed;
  } catch (err) {
    const read = () => err;
    eval("var err = read() * 10");
    print("closure " + read() + ", param " + err);
  }
  print("function var " + err);
  err = seed + 1;
  return () => err;
}
const later = inCatch(4);
print("after " + later() + ", global " + typeof err);
function plain() {
  try {
    throw 1;
  } catch (e) {
    var e = 2;
    print("plain catch " + e);
  }
  return e;
}
print("plain after " + plain());
