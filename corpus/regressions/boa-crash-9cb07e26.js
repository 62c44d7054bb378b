// Regression case promoted from closure-diff finding boa-crash-9cb07e26, found 2026-12-06T17:39:46Z
// (generated from seed 134784, size large).
// Boa panics ("binding must exist") compiling a function whose if statement has a block declaring
// a let in one branch and, in the other, a function declaration without braces (Annex B.3.3/B.3.4:
// an IfStatement clause may be a FunctionDeclaration in sloppy code, as if wrapped in a block).
function a() {
  if (false) {
    let g = 0;
  } else function g() {}
  return typeof g;
}
print(a());
