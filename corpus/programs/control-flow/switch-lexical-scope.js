// switch cases share one block scope: a let/const from one case is visible, possibly in TDZ, in the others
function run(n) {
  var out = [];
  switch (n) {
    case 0:
      let shared = "set in case 0";
      out.push(shared);
    case 1:
      try {
        out.push("case 1 reads: " + shared);
      } catch (e) {
        out.push("case 1 reads: " + e.name);
      }
      break;
    default:
      out.push("default");
  }
  return out.join("; ");
}
print("n=0:", run(0));
print("n=1:", run(1));
print("n=2:", run(2));
function closures(n) {
  var get;
  switch (n) {
    case "a":
      const value = "A";
      get = () => value;
      break;
    case "b":
      get = () => value;
      break;
  }
  try { return get(); } catch (e) { return e.name; }
}
print("closure a", closures("a"), "closure b", closures("b"));
