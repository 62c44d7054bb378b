// a for statement's let declarations are created uninitialised in the loop's own environment
// before their initialisers run (14.7.4.2 ForLoopEvaluation, the same TDZ as a block's let), so
// an initialiser reading its own binding or a later one throws ReferenceError, even when an
// outer variable has that name, and so does a closure made in the head and called there; a
// closure called later reads the value the binding got
let i = "outer";
const attempt = (label, f) => {
  try {
    print(label + " " + f());
  } catch (e) {
    print(label + " " + e.constructor.name);
  }
};
attempt("self", () => {
  for (let i = i; ; ) return i;
});
attempt("later", () => {
  for (let j = i, i = 0; ; ) return j;
});
attempt("closure", () => {
  for (let k = (() => k)(); ; ) return k;
});
attempt("closure later", () => {
  let read;
  for (let k = ((read = () => k), 1); k < 3; k++);
  return read();
});
attempt("closure second", () => {
  for (let g = () => h, h = g(); ; ) return h;
});
attempt("const", () => {
  for (const c = c; ; ) return c;
});
