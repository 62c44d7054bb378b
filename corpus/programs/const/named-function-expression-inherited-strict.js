// a named function expression in strict code is strict without a directive of its own: assigning to its own name throws TypeError
function enclosingDirective() {
  "use strict";
  var f = function self() {
    try { self = 0; return "no error " + typeof self; } catch (e) { return e.name + " " + typeof self; }
  };
  return f();
}
print("enclosing directive", enclosingDirective());
function compound() {
  "use strict";
  return (function own() {
    try { own += 1; return "no error " + typeof own; } catch (e) { return e.name + " " + typeof own; }
  })();
}
print("compound", compound());
function fromArrow() {
  "use strict";
  var f = function own() {
    return () => {
      try { own = null; return "no error " + typeof own; } catch (e) { return e.name + " " + typeof own; }
    };
  };
  return f()();
}
print("arrow inside", fromArrow());
class K {
  m() {
    return (function own() {
      try { own = 1; return "no error " + typeof own; } catch (e) { return e.name + " " + typeof own; }
    })();
  }
}
print("class method", new K().m());
var ownDirective = function own() {
  "use strict";
  try { own = 1; return "no error " + typeof own; } catch (e) { return e.name + " " + typeof own; }
};
print("own directive", ownDirective());
var sloppy = function own() {
  own = 1;
  return "sloppy ignored " + typeof own;
};
print(sloppy());
