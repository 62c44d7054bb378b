// a generator suspended at a yield inside for-of: its return() (or a throw() it does not catch)
// unwinds the loop, which closes the loop's iterator before the generator's finally runs
function letters(name) {
  let i = 0;
  return {
    [Symbol.iterator]() {
      return {
        next: () => ({ value: name + i++, done: false }),
        return: () => {
          print(name + " closed after " + i);
          return {};
        },
      };
    },
  };
}
function* spell(name) {
  try {
    for (const l of letters(name)) yield () => l;
  } finally {
    print(name + " finally");
  }
}
const a = spell("a");
const first = a.next().value;
print(first() + " " + a.return("r").value + " " + first());
const b = spell("b");
b.next();
b.next();
try {
  b.throw(new TypeError("t"));
} catch (e) {
  print("b threw " + e.name);
}
function* outer() {
  for (const x of letters("x")) {
    for (const y of letters("y")) yield x + y;
  }
}
const o = outer();
print(o.next().value);
print(o.return(1).done);
