// early errors of two declaration forms: a setter, in a literal or a class, takes exactly one
// parameter, which may not be a rest parameter (15.4 PropertySetParameterList :
// FormalParameter), and a catch block may not redeclare with let or const a name its catch
// parameter binds, also inside a pattern (14.15.1); a nested block may shadow it. Each source is
// compiled with Function, and the accepted ones are run
const compile = (label, source) => {
  try {
    const run = Function(source);
    print(label + " compiled " + run());
  } catch (e) {
    print(label + " " + e.constructor.name);
  }
};
compile("setter", "let v; const o = { set x(a) { v = () => a; } }; o.x = 1; return v();");
compile("setter default", "let v; const o = { set x(a = 2) { v = () => a; } }; o.x = undefined; return v();");
compile("setter rest", "const o = { set x(...a) {} }; return 0;");
compile("class setter rest", "class C { static set x(...a) {} } return 0;");
compile("class setter two", "class C { set x(a, b) {} } return 0;");
compile("catch let", "try { throw 1; } catch (e) { let e; } return 0;");
compile("catch pattern let", "try { throw { e: 1 }; } catch ({ e }) { let e; } return 0;");
compile("catch array let", "try { throw [1]; } catch ([e]) { const e = 2; } return 0;");
compile("catch pattern nested", "try { throw { e: 3 }; } catch ({ e }) { { let e = 4; } return (() => e)(); }");
