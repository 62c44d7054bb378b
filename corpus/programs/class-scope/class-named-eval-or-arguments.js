// All parts of a class declaration or expression are strict mode code (11.2.2), its name included,
// and in strict code a BindingIdentifier may not be eval or arguments (13.1.1 Static Semantics:
// Early Errors). So a class named eval or arguments is an early SyntaxError, although a sloppy
// function of that name is allowed. Each source is compiled by Function and never run.
function compile(label, source) {
  try {
    Function(source);
    print(label + " compiled");
  } catch (e) {
    print(label + " " + e.name);
  }
}
compile("class declaration eval", "class eval {}");
compile("class declaration arguments", "class arguments {}");
compile("class expression eval", "var C = class eval {};");
compile("class expression arguments", "var C = class arguments { m() {} };");
compile("derived class eval", "class eval extends Object {}");
compile("sloppy function eval", "function eval() {}");
compile("sloppy function expression arguments", "var f = function arguments() {};");
compile("class with another name", "class evaluate {}");
