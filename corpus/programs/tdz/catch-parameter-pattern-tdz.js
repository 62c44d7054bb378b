// CatchClauseEvaluation (14.15.3) creates every name bound by the catch parameter's pattern,
// uninitialised, in a fresh declarative environment, and only then runs BindingInitialization.
// A default that reads a name bound later in the same pattern, or the name it is initialising,
// reads an uninitialised binding, which throws ReferenceError (9.1.1.1.6), as it would for a
// function's parameter list. Closures made in a default see the final bindings.
try {
  try {
    throw [];
  } catch ([x = y, y]) {
    print("array later name " + x);
  }
} catch (e) {
  print("array later name " + e.name);
}
try {
  try {
    throw {};
  } catch ({ x = y, y }) {
    print("object later name " + x);
  }
} catch (e) {
  print("object later name " + e.name);
}
try {
  try {
    throw [];
  } catch ([x = x]) {
    print("own name " + x);
  }
} catch (e) {
  print("own name " + e.name);
}
try {
  throw [undefined, "second"];
} catch ([read = () => y, y]) {
  print("closure " + read());
}
try {
  throw [];
} catch ([x = 1, y = x + 1]) {
  print("earlier name " + x + "," + y);
}
function param([x = y, y]) {
  return x;
}
try {
  print("parameter " + param([]));
} catch (e) {
  print("parameter " + e.name);
}
