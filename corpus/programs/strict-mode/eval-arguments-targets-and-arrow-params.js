// In strict mode code the identifiers eval and arguments can be neither assigned nor bound. An
// IdentifierReference eval or arguments is not a simple assignment target there (13.1.3), and a
// destructuring assignment requires each of its targets to be one (13.15.5.1), so `[eval] = []` is
// an early SyntaxError. A BindingIdentifier eval or arguments is an early error in strict code
// (13.1.1), and an arrow whose body starts with "use strict" is strict as a whole, its parameters
// included (15.3.1, 11.2.2). Each source is compiled by Function and never run: a SyntaxError
// is caught, and anything that compiles prints "compiled".
function compile(label, source) {
  try {
    Function(source);
    print(label + " compiled");
  } catch (e) {
    print(label + " " + e.name);
  }
}
compile("array pattern", '"use strict"; [eval] = [];');
compile("object pattern", '"use strict"; ({ a: eval } = {});');
compile("shorthand property", '"use strict"; ({ arguments } = {});');
compile("rest element", '"use strict"; [...arguments] = [];');
compile("nested pattern", '"use strict"; [[eval]] = [[]];');
compile("for-of head pattern", '"use strict"; for ([eval] of [[1]]) ;');
compile("arrow parameter, strict body", 'var f = (eval) => { "use strict"; };');
compile("bare arrow parameter, strict body", 'var f = arguments => { "use strict"; };');
compile("plain assignment", '"use strict"; eval = 1;');
compile("strict function parameter", 'function f(eval) { "use strict"; }');
compile("other name in a pattern", '"use strict"; var x; [x] = [1];');
compile("arrow parameter, sloppy body", 'var f = (eval) => eval;');
