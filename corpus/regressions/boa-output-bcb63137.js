// Regression case promoted from closure-diff finding boa-output-bcb63137, found 2026-12-07T09:03:51Z
// (generated from seed 860000, size medium).
function a() {
  var b = 5;
  new class {
    [eval("\"m\"")]() {
      return b;
    }
  }().m();
}
print(a());
