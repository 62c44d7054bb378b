// a statement list's value is that of its last statement producing one (14.2.2, UpdateEmpty):
// a nested block that only breaks or continues keeps the value before it, a labelled empty
// statement and `debugger` produce none, an untaken `if` without `else` produces undefined (which
// then replaces an earlier value in a loop or switch), and a catch clause producing nothing
// leaves undefined, not the try block's value; eval shows these values, also from closures
const show = (v) => (v === undefined ? "undefined" : String(v));
const run = (label, text) => {
  const evaluate = () => eval(text);
  print(label + " " + show(evaluate()));
};
run("break in block", "1; while (true) { 2; { break; } }");
run("continue in block", "var n = 0; do { n++; 3; { continue; } } while (n < 2);");
run("break in case block", "switch (1) { case 1: 'a'; { break; } }");
run("labelled empty", "1; a: {}");
run("labelled break", "1; L: { break L; }");
run("debugger", "1; debugger;");
run("untaken if in loop", "for (var k of [0, 1]) { if (k == 0) 'a'; }");
run("untaken if in switch", "1; switch (0) { case 0: 2; case 1: if (false) 3; }");
run("catch without value", "1; try { 2; throw 0; } catch (e) {}");
run("catch of a call", "1; try { 2; (() => { throw 0; })(); } catch (e) {}");
const values = [];
for (let i = 0; i < 2; i++) values.push(() => eval("try { 'v' + i; null.x; } catch (e) {}"));
print(values.map((f) => show(f())).join("|"));
