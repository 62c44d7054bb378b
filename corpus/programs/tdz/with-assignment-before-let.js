// a name assigned inside a with statement is looked up in the object first and then in the
// enclosing scopes (9.1.2.1 GetIdentifierReference); when it reaches a let binding still in its
// TDZ the assignment throws ReferenceError (9.1.1.1.5 SetMutableBinding), whether the
// assignment is written in the with block or in a closure made there and called later
const attempt = (label, f) => {
  try {
    print(label + " " + f());
  } catch (e) {
    print(label + " " + e.constructor.name);
  }
};
attempt("direct", () => {
  with ({}) {
    x = 3;
  }
  let x;
  return x;
});
attempt("closure", () => {
  let write;
  with ({}) {
    write = () => {
      y = 1;
    };
  }
  write();
  let y;
  return y;
});
attempt("read", () => {
  with ({}) {
    z;
  }
  let z;
});
attempt("found on object", () => {
  with ({ w: 0 }) {
    w = 5;
  }
  let w = 1;
  return w;
});
attempt("after declaration", () => {
  let v;
  with ({}) {
    v = 7;
  }
  return v;
});
