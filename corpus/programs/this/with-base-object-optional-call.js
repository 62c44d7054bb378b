// An optional call `f?.()` on a name is still a call of a Reference: OptionalChain evaluation
// (13.5.1.2) hands the reference to EvaluateCall (13.3.6.2), whose this value comes from
// WithBaseObject of the environment record the name resolved in (9.1.1.2.10). Inside a with
// statement that is the with object, exactly as for a plain `f()`. The global-code case runs
// through indirect eval, so that an engine refusing to compile it still lets the other lines run.
var box = {
  who() {
    return this === box;
  },
  inner: {
    who() {
      return this === box.inner;
    },
  },
};
try {
  print("global " + (0, eval)("with (box) { who?.(); }"));
} catch (e) {
  print("global " + e.name);
}
function inFunction() {
  with (box) {
    return who?.();
  }
}
print("function " + inFunction());
function parenthesised() {
  with (box) {
    return (who)?.();
  }
}
print("parenthesised " + parenthesised());
function plainCall() {
  with (box) {
    return who();
  }
}
print("plain call " + plainCall());
function member() {
  with (box) {
    return inner?.who();
  }
}
print("optional member " + member());
