// in strict code a for-in or for-of whose target is a name that is not declared anywhere throws
// ReferenceError at the first iteration, like a plain assignment: the loop assigns with
// PutValue on an unresolvable strict reference (14.7.5.7 ForIn/OfBodyEvaluation, 6.2.5.6
// PutValue); sloppy code creates a global instead
const attempt = (label, body) => {
  try {
    body();
    print(label + " no error");
  } catch (e) {
    print(label + " " + e.constructor.name);
  }
};
const strictOf = () => {
  "use strict";
  for (undeclaredOf of [1]);
};
const strictIn = function () {
  "use strict";
  for (undeclaredIn in { k: 1 });
};
attempt("strict for-of", strictOf);
print(typeof undeclaredOf);
attempt("strict for-in", strictIn);
print(typeof undeclaredIn);
attempt("strict assignment", () => {
  "use strict";
  undeclaredPlain = 1;
});
print(typeof undeclaredPlain);
attempt("sloppy for-of", () => {
  for (sloppyOf of [2]);
});
print(typeof sloppyOf);
