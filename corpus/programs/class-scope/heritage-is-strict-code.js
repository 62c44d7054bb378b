// all parts of a class are strict mode code, its heritage expression included (11.2.2: a
// ClassDeclaration or ClassExpression is strict), even inside sloppy functions: there an
// assignment to an undeclared name throws ReferenceError, and a function made in the heritage
// is strict, so its this is undefined when called plainly
function sloppy() {
  try {
    class C extends (undeclaredInHeritage = Object) {}
    print("no error " + typeof C);
  } catch (e) {
    print(e.constructor.name);
  }
  let captured;
  class D extends ((captured = function () {
    return typeof this;
  }), Object) {}
  print(captured() + " " + typeof D);
  print(typeof undeclaredInHeritage);
}
sloppy();
