// Annex B (sloppy): a function declaration as an if/else body behaves as if wrapped in a block
function pick(flag) {
  if (flag) function chosen() { return "then"; }
  else function chosen() { return "else"; }
  return chosen();
}
print("pick", pick(true), pick(false));
function skipped() {
  if (false) function never() {}
  return typeof never;
}
print("skipped", skipped());
