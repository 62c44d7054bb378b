// a return leaves the try statements around it, running each finally block, and a finally
// block that completes normally keeps the return (14.15.3 TryStatement evaluation); a break or
// continue written beside the return in the inner try block does not matter when it does not
// run, and closures returned this way keep their iteration's binding
function plain() {
  for (let n = 0; n < 3; n++) {
    try { try { return "plain " + n; } finally {} } finally {}
  }
  return "plain end";
}
function beside(stop) {
  for (let n = 0; n < 3; n++) {
    try { try { if (stop) break; return "break " + n; } finally {} } finally {}
  }
  return "break end";
}
function besideContinue(stop) {
  for (let n = 0; n < 3; n++) {
    try {
      try { if (stop) continue; return "continue " + n; } finally {}
    } finally {
      print("outer finally " + n);
    }
  }
  return "continue end";
}
function labelled(stop) {
  block: { try { try { if (stop) break block; return "labelled"; } finally {} } finally {} }
  return "labelled end";
}
function closure(stop) {
  for (let n = 0; n < 3; n++) {
    try { try { if (stop) break; return () => "closure " + n; } finally {} } finally {}
  }
  return () => "closure end";
}
print(plain());
print(beside(false) + ", " + beside(true));
print(besideContinue(false));
print(labelled(false));
print(closure(false)());
